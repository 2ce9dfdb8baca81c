"""Awards, their cycles, criteria, committee and the cycle's status."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from awards.enums import CYCLE_TRANSITIONS, AssignmentStatus, CycleStatus, SeatRole
from awards.models import Assignment, Award, AwardCycle, Candidate, CommitteeSeat, Criterion
from awards.services._audit import award_audit
from kofst.common.audit import diff, snapshot
from kofst.common.roles import forget_roles

AWARD_FIELDS = [
    "code",
    "name_en",
    "name_ko",
    "eligibility_en",
    "eligibility_ko",
    "description_en",
    "description_ko",
]
CYCLE_FIELDS = [
    "year",
    "timezone",
    "nominations_open_at",
    "nominations_close_at",
    "review_opens_at",
    "review_closes_at",
    "score_min",
    "score_max",
    "reviewers_per_nomination",
    "self_nomination_allowed",
    "requires_active_membership",
    "excludes_committee_members",
    "disagreement_threshold",
]
# Fixed once reviewing has started: changing them would change what reviewers scored.
LOCKED_WHEN_REVIEWING = {
    "score_min",
    "score_max",
    "self_nomination_allowed",
    "requires_active_membership",
    "excludes_committee_members",
}
_WINDOW_ENDS = ("nominations_close_at", "review_closes_at")
# Paths under /awards/ and /manage/awards/ that an award's code must not shadow.
RESERVED_CODES = {"nominee-search", "files", "new", "cycles", "candidates", "assignments"}


def local_time(cycle: AwardCycle, moment: dt.datetime | None) -> str:
    """A moment as the cycle's people read it: '31 March 2026 23:59 (Asia/Seoul)'."""
    if moment is None:
        return ""
    local = timezone.localtime(moment, cycle.tzinfo)
    return f"{date_format(local, 'DATETIME_FORMAT')} ({cycle.tzinfo.key})"


def _end_of_minute(moment: dt.datetime | None) -> dt.datetime | None:
    """A window's end includes the whole minute it names (23:59 means until 23:59:59.999)."""
    if moment is None:
        return None
    return moment.replace(second=59, microsecond=999999)


@transaction.atomic
def award_save(*, award: Award | None, actor, **values: Any) -> Award:
    """Create (``award=None``) or change an award. Side effects: a history entry."""
    creating = award is None
    award = award or Award()
    before = snapshot(award, AWARD_FIELDS)
    for name, value in values.items():
        if name not in AWARD_FIELDS:
            raise TypeError(name)
        setattr(award, name, value)
    if award.code in RESERVED_CODES:
        raise ValidationError({"code": _("This code is reserved; choose another.")})
    award.full_clean()
    award.save()
    award_audit(
        actor=actor,
        action="award.create" if creating else "award.update",
        cycle=None,
        subject=award,
        summary=award.name_en,
        **diff(award, before, AWARD_FIELDS),
    )
    return award


def _validate_cycle(cycle: AwardCycle) -> None:
    errors: dict[str, list[str]] = {}
    if cycle.score_max <= cycle.score_min:
        errors.setdefault("score_max", []).append(_("The highest score must be above the lowest."))
    pairs = [
        ("nominations_open_at", "nominations_close_at"),
        ("review_opens_at", "review_closes_at"),
    ]
    for start, end in pairs:
        a, b = getattr(cycle, start), getattr(cycle, end)
        if a and b and b <= a:
            errors.setdefault(end, []).append(_("The window must end after it opens."))
    if (
        cycle.nominations_close_at
        and cycle.review_opens_at
        and cycle.review_opens_at < cycle.nominations_close_at.replace(second=0, microsecond=0)
    ):
        errors.setdefault("review_opens_at", []).append(
            _("The review cannot open before nominations close.")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def cycle_save(*, cycle: AwardCycle | None, award: Award, actor, **values: Any) -> AwardCycle:
    """Create (``cycle=None``) or change a cycle's settings.

    Window ends are stored as the end of the minute entered. Scale and eligibility rules
    cannot change once reviewing has started. Side effects: a history entry.
    """
    creating = cycle is None
    if cycle is None:
        cycle = AwardCycle(award=award)
    else:
        cycle = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
    before = snapshot(cycle, CYCLE_FIELDS)
    for name, value in values.items():
        if name not in CYCLE_FIELDS:
            raise TypeError(name)
        if name in _WINDOW_ENDS:
            value = _end_of_minute(value)
        setattr(cycle, name, value)
    changed = diff(cycle, before, CYCLE_FIELDS)
    if not creating and cycle.status not in (CycleStatus.DRAFT, CycleStatus.NOMINATING):
        locked = sorted(LOCKED_WHEN_REVIEWING & set(changed))
        if locked:
            raise ValidationError(
                {name: _("This cannot change once the review has started.") for name in locked}
            )
    if cycle.status == CycleStatus.ANNOUNCED and changed:
        raise ValidationError(_("An announced cycle cannot change."))
    _validate_cycle(cycle)
    if AwardCycle.objects.filter(award=award, year=cycle.year).exclude(pk=cycle.pk).exists():
        raise ValidationError({"year": _("This award already has a cycle for that year.")})
    cycle.save()
    award_audit(
        actor=actor,
        action="cycle.create" if creating else "cycle.update",
        cycle=cycle,
        subject=cycle,
        summary=str(cycle),
        **changed,
    )
    return cycle


@dataclass(frozen=True)
class CriterionInput:
    name_en: str
    name_ko: str
    weight: int
    description_en: str = ""
    description_ko: str = ""


@transaction.atomic
def criteria_replace(
    *, cycle: AwardCycle, criteria: list[CriterionInput], actor
) -> list[Criterion]:
    """Set a cycle's criteria (weights must add up to 100).

    Allowed before reviewing starts. Side effects: a history entry.
    """
    cycle = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status not in (CycleStatus.DRAFT, CycleStatus.NOMINATING):
        raise ValidationError(_("The criteria cannot change once the review has started."))
    if not criteria:
        raise ValidationError(_("Add at least one criterion."))
    total = sum(c.weight for c in criteria)
    if total != 100:
        raise ValidationError(
            _("The weights add up to %(total)s%%; they must add up to 100%%.") % {"total": total}
        )
    cycle.criteria.all().delete()
    created = Criterion.objects.bulk_create(
        Criterion(cycle=cycle, position=i, **vars(c)) for i, c in enumerate(criteria)
    )
    award_audit(
        actor=actor,
        action="cycle.criteria",
        cycle=cycle,
        subject=cycle,
        summary=", ".join(f"{c.name_en} {c.weight}%" for c in criteria),
    )
    return created


def _user_person_id(user) -> int | None:
    from members.models import Person  # the committee member's own person record

    return Person.objects.filter(user=user).values_list("id", flat=True).first()


@transaction.atomic
def seat_add(*, cycle: AwardCycle, user, role: str, actor) -> CommitteeSeat:
    """Put a user on a cycle's committee (one chair per cycle).

    A person nominated in the cycle cannot sit on its committee when the cycle excludes
    committee members. Side effects: conflicts of the new member detected; a history entry.
    """
    from awards.services.assignments import conflicts_refresh  # seats come before reviews

    cycle = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status == CycleStatus.ANNOUNCED:
        raise ValidationError(_("An announced cycle's committee cannot change."))
    if CommitteeSeat.objects.filter(cycle=cycle, user=user).exists():
        message = _("%(user)s is already on this committee.") % {"user": user}
        raise ValidationError({"email": message})
    if role == SeatRole.CHAIR and cycle.seats.filter(role=SeatRole.CHAIR).exists():
        raise ValidationError({"role": _("This committee already has a chair.")})
    person_id = _user_person_id(user)
    if (
        cycle.excludes_committee_members
        and person_id is not None
        and Candidate.objects.filter(cycle=cycle, person_id=person_id, is_withdrawn=False).exists()
    ):
        raise ValidationError(
            {
                "email": _("%(user)s is nominated in this cycle and cannot sit on its committee.")
                % {"user": user}
            }
        )
    seat = CommitteeSeat.objects.create(cycle=cycle, user=user, role=role)
    forget_roles(user)
    for candidate in Candidate.objects.filter(cycle=cycle, is_withdrawn=False):
        conflicts_refresh(candidate=candidate, reviewers=[user], actor=actor)
    award_audit(
        actor=actor,
        action="committee.add",
        cycle=cycle,
        subject=seat,
        summary=f"{user} ({seat.get_role_display()})",
        user=user.pk,
        role=role,
    )
    return seat


@transaction.atomic
def seat_remove(*, seat: CommitteeSeat, actor) -> None:
    """Take a user off the committee; their open assignments are removed (reviews kept).

    Side effects: a history entry.
    """
    cycle = AwardCycle.objects.select_for_update().get(pk=seat.cycle_id)
    if cycle.status == CycleStatus.ANNOUNCED:
        raise ValidationError(_("An announced cycle's committee cannot change."))
    Assignment.objects.filter(
        candidate__cycle=cycle, reviewer=seat.user, status=AssignmentStatus.ACTIVE
    ).update(
        status=AssignmentStatus.REMOVED,
        removed_at=timezone.now(),
        removed_reason=_("Left the committee"),
    )
    award_audit(
        actor=actor,
        action="committee.remove",
        cycle=cycle,
        subject=seat,
        summary=str(seat.user),
        user=seat.user_id,
    )
    seat.delete()
    forget_roles(seat.user)


def _check_can_open_nominations(cycle: AwardCycle) -> None:
    problems = []
    total = sum(cycle.criteria.values_list("weight", flat=True))
    if total != 100:
        problems.append(_("Set the review criteria; their weights must add up to 100%."))
    if not (cycle.nominations_open_at and cycle.nominations_close_at):
        problems.append(_("Set the nomination window."))
    if not (cycle.review_opens_at and cycle.review_closes_at):
        problems.append(_("Set the review window."))
    if not cycle.seats.filter(role=SeatRole.CHAIR).exists():
        problems.append(_("Appoint the committee's chair."))
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def cycle_advance(*, cycle: AwardCycle, to_status: str, actor, now: dt.datetime | None = None):
    """Move a cycle one step: draft → nominating → reviewing → deciding.

    (Deciding → announced is ``awards.services.decisions.cycle_announce``.) Moving to
    deciding opens the discussion phase if the chair has not yet. Side effects: a
    history entry.
    """
    now = now or timezone.now()
    cycle = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
    if to_status not in CycleStatus.values:
        raise ValidationError(_("Choose the status to move the cycle to."))
    if CYCLE_TRANSITIONS.get(cycle.status) != to_status or to_status == CycleStatus.ANNOUNCED:
        raise ValidationError(
            _("A cycle in status “%(status)s” cannot move to “%(to)s”.")
            % {"status": cycle.get_status_display(), "to": CycleStatus(to_status).label}
        )
    if to_status == CycleStatus.NOMINATING:
        _check_can_open_nominations(cycle)
    if to_status == CycleStatus.REVIEWING and cycle.nominations_close_at > now:
        raise ValidationError(
            _("Nominations are open until %(end)s; the review starts after they close.")
            % {"end": local_time(cycle, cycle.nominations_close_at)}
        )
    before = cycle.status
    cycle.status = to_status
    fields = ["status", "updated_at"]
    if to_status == CycleStatus.DECIDING and cycle.discussion_opened_at is None:
        cycle.discussion_opened_at = now
        fields.append("discussion_opened_at")
    cycle.save(update_fields=fields)
    award_audit(
        actor=actor,
        action="cycle.status",
        cycle=cycle,
        subject=cycle,
        summary=f"{before} → {to_status}",
        status=[before, to_status],
    )
    return cycle


@transaction.atomic
def discussion_open(*, cycle: AwardCycle, actor, now: dt.datetime | None = None) -> AwardCycle:
    """Open the discussion phase: reviewers who have submitted may now see each other's
    scores, and the chair sees the ranking. Side effects: a history entry."""
    cycle = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status not in (CycleStatus.REVIEWING, CycleStatus.DECIDING):
        raise ValidationError(_("The discussion opens during the review."))
    if cycle.discussion_opened_at is not None:
        raise ValidationError(_("The discussion is already open."))
    cycle.discussion_opened_at = now or timezone.now()
    cycle.save(update_fields=["discussion_opened_at", "updated_at"])
    award_audit(actor=actor, action="cycle.discussion", cycle=cycle, subject=cycle)
    return cycle
