"""Conflicts of interest and assigning reviewers to candidates."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import notifications
from awards.enums import (
    AssignmentMethod,
    AssignmentStatus,
    ConflictSource,
    ConflictType,
    CycleStatus,
    NominationStatus,
    SeatRole,
)
from awards.models import Assignment, AwardCycle, Candidate, CommitteeSeat, Conflict, Nomination
from awards.services._audit import award_audit
from members.models import Membership, Person
from members.search import normalize

ASSIGNABLE_STATUSES = (CycleStatus.NOMINATING, CycleStatus.REVIEWING)


@dataclass(frozen=True)
class _CandidateFacts:
    """What conflict detection needs to know of a candidate, read once."""

    nominee: Person
    memberships: list  # the nominee's current memberships
    nominator_people: frozenset[int]
    nominator_users: frozenset[int]
    cosigner_people: frozenset[int]
    cosigner_users: frozenset[int]


def _current_memberships(person_ids) -> dict[int, list[Membership]]:
    by_person: dict[int, list[Membership]] = defaultdict(list)
    for membership in (
        Membership.objects.with_status_in(["active", "grace"])
        .filter(person_id__in=person_ids)
        .select_related("association", "chapter")
    ):
        by_person[membership.person_id].append(membership)
    return by_person


def _candidate_facts(candidate: Candidate) -> _CandidateFacts:
    nominee = candidate.person
    nominations = Nomination.objects.filter(candidate=candidate, status=NominationStatus.SUBMITTED)
    nominators = list(nominations.values_list("nominator_id", "nominator__user_id"))
    cosigners = list(
        Nomination.cosigners.through.objects.filter(nomination__in=nominations).values_list(
            "person_id", "person__user_id"
        )
    )
    return _CandidateFacts(
        nominee=nominee,
        memberships=_current_memberships([nominee.pk])[nominee.pk],
        nominator_people=frozenset(p for p, _u in nominators),
        nominator_users=frozenset(u for _p, u in nominators if u),
        cosigner_people=frozenset(p for p, _u in cosigners),
        cosigner_users=frozenset(u for _p, u in cosigners if u),
    )


def _people_of(users) -> dict[int, Person]:
    """Each committee member's person: linked to the login, else with the same email."""
    users = list(users)
    people = {p.user_id: p for p in Person.objects.filter(user__in=users)}
    missing = {u.email.lower(): u.pk for u in users if u.pk not in people and u.email}
    if missing:
        for person in Person.objects.filter(email__in=list(missing)):
            people.setdefault(missing[person.email.lower()], person)
    return people


def _detect(
    facts: _CandidateFacts, reviewer, person: Person | None, memberships: list[Membership]
) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    nominee = facts.nominee
    if person is not None and person.pk == nominee.pk:
        return {ConflictType.PERSONAL: [_("Is the nominee.")]}
    person_id = person.pk if person is not None else None
    if reviewer.pk in facts.nominator_users or person_id in facts.nominator_people:
        found[ConflictType.NOMINATOR].append(_("Nominated this candidate."))
    if reviewer.pk in facts.cosigner_users or person_id in facts.cosigner_people:
        found[ConflictType.NOMINATOR].append(_("Co-signed a letter supporting this candidate."))
    if person is None:
        return dict(found)
    mine_associations = {m.association_id for m in memberships}
    mine_chapters = {m.chapter_id for m in memberships if m.chapter_id}
    for membership in facts.memberships:
        if membership.association_id in mine_associations:
            found[ConflictType.INSTITUTIONAL].append(
                _("Same association as the nominee: %(code)s.")
                % {"code": membership.association.display_code}
            )
    for membership in facts.memberships:
        if membership.chapter_id and membership.chapter_id in mine_chapters:
            found[ConflictType.INSTITUTIONAL].append(
                _("Same chapter as the nominee: %(chapter)s.") % {"chapter": membership.chapter}
            )
    if nominee.affiliation and normalize(nominee.affiliation) == normalize(person.affiliation):
        found[ConflictType.INSTITUTIONAL].append(
            _("Same affiliation as the nominee: %(affiliation)s.")
            % {"affiliation": nominee.affiliation}
        )
    return dict(found)


def detect_conflicts(*, candidate: Candidate, reviewer) -> dict[str, list[str]]:
    """What the data shows between a committee member and a candidate: conflict type →
    reasons. Same association or chapter as the nominee (current memberships), same
    affiliation: institutional. The reviewer nominated or co-signed: nominator."""
    person = _people_of([reviewer]).get(reviewer.pk)
    memberships = _current_memberships([person.pk])[person.pk] if person else []
    return _detect(_candidate_facts(candidate), reviewer, person, memberships)


def _remove(assignment: Assignment, *, reason: str, now=None) -> None:
    assignment.status = AssignmentStatus.REMOVED
    assignment.removed_at = now or timezone.now()
    assignment.removed_reason = reason[:300]
    assignment.save(update_fields=["status", "removed_at", "removed_reason"])


def conflicts_refresh(*, candidate: Candidate, actor, reviewers=None) -> list[Conflict]:
    """Record the conflicts the data shows between a candidate and the committee (or the
    given ``reviewers``); an active assignment now in conflict is removed for the chair
    to reassign. Detected conflicts are kept even if the data changes later.

    Runs inside the caller's transaction; a constant number of reads whatever the
    committee's size. Side effects: history entries for new conflicts and removed
    assignments.
    """
    if reviewers is None:
        reviewers = [
            seat.user
            for seat in CommitteeSeat.objects.filter(cycle_id=candidate.cycle_id).select_related(
                "user"
            )
        ]
    reviewers = list(reviewers)
    if not reviewers:
        return []
    facts = _candidate_facts(candidate)
    people = _people_of(reviewers)
    memberships = _current_memberships([p.pk for p in people.values()])
    known = set(
        Conflict.objects.filter(
            candidate=candidate, reviewer__in=reviewers, source=ConflictSource.DETECTED
        ).values_list("reviewer_id", "type")
    )
    created = []
    for reviewer in reviewers:
        person = people.get(reviewer.pk)
        found = _detect(facts, reviewer, person, memberships.get(person.pk, []) if person else [])
        for conflict_type, reasons in found.items():
            if (reviewer.pk, conflict_type) in known:
                continue
            conflict = Conflict.objects.create(
                candidate=candidate,
                reviewer=reviewer,
                type=conflict_type,
                source=ConflictSource.DETECTED,
                reason=" ".join(reasons),
            )
            created.append(conflict)
            award_audit(
                actor=actor,
                action="conflict.detect",
                cycle=candidate.cycle,
                subject=conflict,
                person_id=candidate.person_id,
                summary=f"{reviewer}: {conflict.reason}",
                reviewer=reviewer.pk,
                type=conflict_type,
            )
    in_conflict = set(
        Conflict.objects.filter(candidate=candidate, reviewer__in=reviewers).values_list(
            "reviewer_id", flat=True
        )
    )
    if in_conflict:
        for assignment in Assignment.objects.filter(
            candidate=candidate, reviewer_id__in=in_conflict, status=AssignmentStatus.ACTIVE
        ).select_related("reviewer"):
            _remove(assignment, reason=_("Conflict of interest detected"))
            award_audit(
                actor=actor,
                action="assignment.remove",
                cycle=candidate.cycle,
                subject=assignment,
                person_id=candidate.person_id,
                summary=str(assignment.reviewer),
                reason="conflict detected",
            )
    return created


def _check_assignable(cycle: AwardCycle) -> None:
    if cycle.status not in ASSIGNABLE_STATUSES:
        raise ValidationError(_("Reviewers are assigned while nominating and reviewing."))


@transaction.atomic
def assignment_create(*, candidate: Candidate, reviewer, actor) -> Assignment:
    """Assign a committee member to a candidate by hand. Refused when the member is in
    conflict (detected now or declared), not on the committee, or already assigned.

    Side effects: the reviewer's email; a history entry.
    """
    cycle = AwardCycle.objects.select_for_update().get(pk=candidate.cycle_id)
    _check_assignable(cycle)
    candidate = Candidate.objects.select_related("person").get(pk=candidate.pk)
    if candidate.is_withdrawn:
        raise ValidationError(_("This nomination was withdrawn."))
    if not CommitteeSeat.objects.filter(cycle=cycle, user=reviewer).exists():
        message = _("%(user)s is not on this committee.") % {"user": reviewer}
        raise ValidationError({"reviewer": message})
    conflicts_refresh(candidate=candidate, reviewers=[reviewer], actor=actor)
    conflicts = list(Conflict.objects.filter(candidate=candidate, reviewer=reviewer))
    if conflicts:
        raise ValidationError(
            {
                "reviewer": _("%(user)s has a conflict of interest with %(name)s: %(reasons)s")
                % {
                    "user": reviewer,
                    "name": candidate.person.display_name,
                    "reasons": " ".join(c.reason for c in conflicts),
                }
            }
        )
    if Assignment.objects.filter(
        candidate=candidate, reviewer=reviewer, status=AssignmentStatus.ACTIVE
    ).exists():
        message = _("%(user)s already reviews this nomination.") % {"user": reviewer}
        raise ValidationError({"reviewer": message})
    assignment = Assignment.objects.create(
        candidate=candidate, reviewer=reviewer, assigned_by=actor, method=AssignmentMethod.MANUAL
    )
    award_audit(
        actor=actor,
        action="assignment.create",
        cycle=cycle,
        subject=assignment,
        person_id=candidate.person_id,
        summary=str(reviewer),
        reviewer=reviewer.pk,
        method="manual",
    )
    notifications.reviewers_assigned(
        cycle=cycle, by_reviewer={reviewer: [candidate]}, batch=f"a{assignment.pk}"
    )
    return assignment


@transaction.atomic
def assignment_remove(*, assignment: Assignment, actor, reason: str = "") -> None:
    """The chair takes a reviewer off a candidate (the review, if any, is kept but no
    longer counts). Side effects: a history entry."""
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("candidate__cycle")
        .get(pk=assignment.pk)
    )
    _check_assignable(assignment.candidate.cycle)
    if assignment.status != AssignmentStatus.ACTIVE:
        raise ValidationError(_("This assignment was already removed."))
    _remove(assignment, reason=reason or _("Removed by the chair"))
    award_audit(
        actor=actor,
        action="assignment.remove",
        cycle=assignment.candidate.cycle,
        subject=assignment,
        person_id=assignment.candidate.person_id,
        summary=str(assignment.reviewer),
        reason=reason,
    )


@dataclass
class AutoAssignResult:
    created: list[Assignment] = field(default_factory=list)
    # candidate → how many reviewers are still missing
    short: dict[Candidate, int] = field(default_factory=dict)


@transaction.atomic
def assignments_auto(*, cycle: AwardCycle, actor) -> AutoAssignResult:
    """Give every candidate the cycle's number of reviewers from the committee's members
    (not the chair): no one in conflict, never twice the same, each time the least
    loaded member first. The most constrained candidates are served first.

    A member once removed from a candidate (by the chair or a conflict) is not put back.
    Side effects: conflicts refreshed; one email per reviewer; history entries.
    """
    cycle = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
    _check_assignable(cycle)
    members = [
        seat.user
        for seat in CommitteeSeat.objects.filter(cycle=cycle, role=SeatRole.MEMBER)
        .select_related("user")
        .order_by("user_id")
    ]
    candidates = list(
        Candidate.objects.filter(cycle=cycle, is_withdrawn=False)
        .select_related("person")
        .order_by("id")
    )
    for candidate in candidates:
        conflicts_refresh(candidate=candidate, reviewers=members, actor=actor)
    conflicted = set(
        Conflict.objects.filter(candidate__cycle=cycle).values_list("candidate_id", "reviewer_id")
    )
    history = set(
        Assignment.objects.filter(candidate__cycle=cycle).values_list("candidate_id", "reviewer_id")
    )
    active = set(
        Assignment.objects.filter(
            candidate__cycle=cycle, status=AssignmentStatus.ACTIVE, candidate__is_withdrawn=False
        ).values_list("candidate_id", "reviewer_id")
    )
    load: dict[int, int] = defaultdict(int)
    for _candidate_id, reviewer_id in active:
        load[reviewer_id] += 1
    needed = cycle.reviewers_per_nomination

    def eligible(candidate: Candidate) -> list:
        return [
            m
            for m in members
            if (candidate.pk, m.pk) not in conflicted and (candidate.pk, m.pk) not in history
        ]

    def missing(candidate: Candidate) -> int:
        return needed - sum(1 for c, _r in active if c == candidate.pk)

    result = AutoAssignResult()
    by_reviewer: dict = defaultdict(list)
    for candidate in sorted(candidates, key=lambda c: (len(eligible(c)), c.pk)):
        want = missing(candidate)
        if want <= 0:
            continue
        chosen = sorted(eligible(candidate), key=lambda m: (load[m.pk], m.pk))[:want]
        for reviewer in chosen:
            assignment = Assignment.objects.create(
                candidate=candidate,
                reviewer=reviewer,
                assigned_by=actor,
                method=AssignmentMethod.AUTOMATIC,
            )
            load[reviewer.pk] += 1
            active.add((candidate.pk, reviewer.pk))
            result.created.append(assignment)
            by_reviewer[reviewer].append(candidate)
        if len(chosen) < want:
            result.short[candidate] = want - len(chosen)
    award_audit(
        actor=actor,
        action="assignment.auto",
        cycle=cycle,
        subject=cycle,
        summary=_("%(n)s assignments made automatically") % {"n": len(result.created)},
        assignments=[[a.candidate_id, a.reviewer_id] for a in result.created],
        short={str(c.pk): n for c, n in result.short.items()},
    )
    if by_reviewer:
        notifications.reviewers_assigned(
            cycle=cycle, by_reviewer=dict(by_reviewer), batch=uuid.uuid4().hex[:12]
        )
    return result


@transaction.atomic
def conflict_declare(*, assignment: Assignment, type: str, reason: str, actor) -> Conflict:
    """A reviewer declares a conflict with a candidate assigned to them. The assignment
    is removed at once; the chair reassigns. Side effects: a history entry."""
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("candidate__cycle")
        .get(pk=assignment.pk)
    )
    if assignment.reviewer_id != actor.pk:
        raise ValidationError(_("Only the reviewer can declare their own conflict."))
    if assignment.status != AssignmentStatus.ACTIVE:
        raise ValidationError(_("This assignment was already removed."))
    if type not in ConflictType.values:
        raise ValidationError({"type": _("Choose the kind of conflict.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say briefly why you are in conflict.")})
    conflict = Conflict.objects.create(
        candidate=assignment.candidate,
        reviewer=actor,
        type=type,
        source=ConflictSource.DECLARED,
        reason=reason,
    )
    _remove(assignment, reason=_("Conflict of interest declared by the reviewer"))
    award_audit(
        actor=actor,
        action="conflict.declare",
        cycle=assignment.candidate.cycle,
        subject=conflict,
        person_id=assignment.candidate.person_id,
        summary=f"{ConflictType(type).label}: {reason}",
        assignment=assignment.pk,
    )
    return conflict
