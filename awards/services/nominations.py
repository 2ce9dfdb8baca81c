"""Nominating: drafts, attachments, submitting (grouped by nominee) and withdrawing."""

import datetime as dt
import os
import uuid
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from awards import notifications
from awards.enums import AttachmentKind, CycleStatus, NominationStatus
from awards.models import Attachment, AwardCycle, Candidate, CommitteeSeat, Nomination
from awards.models.nominations import MAX_ATTACHMENTS
from awards.pdf import check_pdf, file_size
from awards.services._audit import award_audit
from awards.services.cycles import local_time
from kofst.common.audit import diff, snapshot
from members.models import Membership, Person

TEXT_FIELDS = [
    "relationship",
    "statement_en",
    "statement_ko",
    "achievements_en",
    "achievements_ko",
]
NEW_NOMINEE_FIELDS = [
    "family_name_latin",
    "given_name_latin",
    "family_name_ko",
    "given_name_ko",
    "email",
    "affiliation",
    "country",
]


def private_storage():
    """Attachments live here, never under a public URL."""
    return storages["private"]


def eligibility_problems(*, cycle: AwardCycle, nominee: Person, nominator: Person) -> list[str]:
    """Why this person cannot be nominated in this cycle (empty when they can)."""
    problems = []
    name = nominee.display_name
    if nominee.pk == nominator.pk and not cycle.self_nomination_allowed:
        problems.append(_("This award does not accept self-nominations."))
    if (
        cycle.requires_active_membership
        and not Membership.objects.with_status_in(["active"]).filter(person=nominee).exists()
    ):
        problems.append(
            _(
                "%(name)s does not hold an active membership in an overseas association, "
                "which this award requires."
            )
            % {"name": name}
        )
    if cycle.excludes_committee_members:
        seats = CommitteeSeat.objects.filter(cycle=cycle)
        on_committee = (nominee.user_id and seats.filter(user_id=nominee.user_id).exists()) or (
            nominee.email and seats.filter(user__email__iexact=nominee.email).exists()
        )
        if on_committee:
            problems.append(
                _("%(name)s sits on this cycle's committee and cannot be nominated in it.")
                % {"name": name}
            )
    return problems


def _raise_if_ineligible(*, cycle, nominee, nominator) -> None:
    problems = eligibility_problems(cycle=cycle, nominee=nominee, nominator=nominator)
    if problems:
        raise ValidationError({"nominee": problems})


def _check_drafting(cycle: AwardCycle) -> None:
    if cycle.status != CycleStatus.NOMINATING:
        raise ValidationError(_("This award is not taking nominations."))
    if not cycle.drafting_open():
        raise ValidationError(
            _("Nominations closed on %(end)s.")
            % {"end": local_time(cycle, cycle.nominations_close_at)}
        )


def _nominee_from_values(values: dict[str, Any], actor) -> Person:
    """The person entered by hand: an existing person with that email, else a new one."""
    from members.services.people import person_create  # the roster owns people

    unknown = set(values) - set(NEW_NOMINEE_FIELDS)
    if unknown:
        raise TypeError(sorted(unknown))
    email = (values.get("email") or "").strip()
    if email:
        existing = Person.objects.filter(email__iexact=email, erased_at__isnull=True).first()
        if existing is not None:
            return existing.merged_into or existing
    return person_create(actor=actor, **values)


@transaction.atomic
def nomination_start(
    *,
    cycle: AwardCycle,
    nominator: Person,
    actor,
    nominee: Person | None = None,
    new_nominee: dict[str, Any] | None = None,
) -> Nomination:
    """Start a draft nomination of a roster person (``nominee``) or of a person entered
    by hand (``new_nominee``: names, email, affiliation, country).

    The eligibility rules are checked now and again on submission. Side effects: the
    person entered by hand is created unless one with that email exists; a history entry.
    """
    _check_drafting(cycle)
    if (nominee is None) == (new_nominee is None):
        raise TypeError("give nominee or new_nominee")
    if nominee is None:
        nominee = _nominee_from_values(new_nominee or {}, actor)
    nominee = nominee.merged_into or nominee
    _raise_if_ineligible(cycle=cycle, nominee=nominee, nominator=nominator)
    if (
        Nomination.objects.filter(cycle=cycle, nominator=nominator, nominee=nominee)
        .exclude(status=NominationStatus.WITHDRAWN)
        .exists()
    ):
        raise ValidationError(
            {
                "nominee": _("You have already nominated %(name)s in this cycle.")
                % {"name": nominee.display_name}
            }
        )
    nomination = Nomination.objects.create(cycle=cycle, nominator=nominator, nominee=nominee)
    award_audit(
        actor=actor,
        action="nomination.start",
        cycle=cycle,
        subject=nomination,
        person_id=nominee.pk,
        summary=str(nominee.display_name),
    )
    return nomination


def _lock_draft(nomination: Nomination) -> Nomination:
    nomination = (
        Nomination.objects.select_for_update().select_related("cycle").get(pk=nomination.pk)
    )
    if nomination.status != NominationStatus.DRAFT:
        raise ValidationError(_("Only a draft can be changed; this nomination was submitted."))
    _check_drafting(nomination.cycle)
    return nomination


@transaction.atomic
def nomination_update(*, nomination: Nomination, actor, **values: Any) -> Nomination:
    """Change a draft's texts. Side effects: a history entry with the changed fields."""
    nomination = _lock_draft(nomination)
    before = snapshot(nomination, TEXT_FIELDS)
    for name, value in values.items():
        if name not in TEXT_FIELDS:
            raise TypeError(name)
        setattr(nomination, name, (value or "").strip())
    changed = diff(nomination, before, TEXT_FIELDS)
    if changed:
        nomination.save(update_fields=[*changed, "updated_at"])
        award_audit(
            actor=actor,
            action="nomination.update",
            cycle=nomination.cycle,
            subject=nomination,
            person_id=nomination.nominee_id,
            fields=sorted(changed),
        )
    return nomination


@transaction.atomic
def cosigner_add(*, nomination: Nomination, person: Person, actor) -> None:
    """Name a co-signer of a support letter. Side effects: a history entry."""
    nomination = _lock_draft(nomination)
    if person.pk in (nomination.nominee_id, nomination.nominator_id):
        raise ValidationError(
            {"cosigner": _("The nominee and the nominator cannot co-sign the nomination.")}
        )
    nomination.cosigners.add(person)
    award_audit(
        actor=actor,
        action="nomination.cosigner_add",
        cycle=nomination.cycle,
        subject=nomination,
        summary=str(person.display_name),
        person=person.pk,
    )


@transaction.atomic
def cosigner_remove(*, nomination: Nomination, person: Person, actor) -> None:
    nomination = _lock_draft(nomination)
    nomination.cosigners.remove(person)
    award_audit(
        actor=actor,
        action="nomination.cosigner_remove",
        cycle=nomination.cycle,
        subject=nomination,
        summary=str(person.display_name),
        person=person.pk,
    )


def _clean_file_name(name: str) -> str:
    base = os.path.basename(name or "") or "document.pdf"
    try:
        cleaned = get_valid_filename(base)
    except Exception:  # noqa: BLE001 — Django raises SuspiciousFileOperation for '..' etc.
        cleaned = "document.pdf"
    stem, _ext = os.path.splitext(cleaned)
    return f"{stem[:150] or 'document'}.pdf"


@transaction.atomic
def attachment_add(
    *, nomination: Nomination, file: IO[bytes], name: str, kind: str, actor
) -> Attachment:
    """Add a PDF (checked by content, at most 10 MB) to a draft; at most three per
    nomination. The file is stored in the private storage under a random name.

    Side effects: the file written (removed again if anything fails); a history entry.
    """
    nomination = _lock_draft(nomination)
    if kind not in AttachmentKind.values:
        raise ValidationError({"kind": _("Choose what kind of document this is.")})
    if nomination.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            {"file": _("A nomination can have at most %(n)s attachments.") % {"n": MAX_ATTACHMENTS}}
        )
    try:
        digest = check_pdf(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    size = file_size(file)
    storage = private_storage()
    stored = storage.save(f"awards/{nomination.cycle_id}/{uuid.uuid4().hex}.pdf", file)
    try:
        attachment = Attachment.objects.create(
            nomination=nomination,
            kind=kind,
            storage_name=stored,
            original_name=_clean_file_name(name),
            size=size,
            sha256=digest,
        )
        award_audit(
            actor=actor,
            action="nomination.attachment_add",
            cycle=nomination.cycle,
            subject=nomination,
            summary=attachment.original_name,
            sha256=digest,
            size=size,
        )
    except BaseException:
        storage.delete(stored)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, actor) -> None:
    """Remove an attachment from a draft. Side effects: the file deleted after commit;
    a history entry."""
    nomination = _lock_draft(attachment.nomination)
    stored = attachment.storage_name
    award_audit(
        actor=actor,
        action="nomination.attachment_remove",
        cycle=nomination.cycle,
        subject=nomination,
        summary=attachment.original_name,
        sha256=attachment.sha256,
    )
    attachment.delete()
    transaction.on_commit(lambda: private_storage().delete(stored))


@transaction.atomic
def nomination_submit(
    *, nomination: Nomination, actor, now: dt.datetime | None = None
) -> Nomination:
    """Submit a draft while the nomination window is open (in the cycle's time zone).

    The nomination joins the nominee's candidate in the cycle (created if it is the
    first), so several nominations of one person are reviewed together.
    Side effects: conflicts of the committee with the candidate detected (an assignment
    that is now in conflict is removed); the nominator's receipt email; a history entry.
    """
    from awards.services.assignments import conflicts_refresh  # grouping feeds reviewing

    now = now or timezone.now()
    nomination = (
        Nomination.objects.select_for_update().select_related("cycle").get(pk=nomination.pk)
    )
    cycle = nomination.cycle
    if nomination.status != NominationStatus.DRAFT:
        raise ValidationError(_("This nomination has already been submitted."))
    if not cycle.nominations_open(now):
        if cycle.nominations_close_at and now > cycle.nominations_close_at:
            message = _("The nomination window closed on %(end)s; it can no longer be submitted.")
        elif cycle.nominations_open_at and now < cycle.nominations_open_at:
            message = _("The nomination window opens on %(start)s.")
        else:
            message = _("This award is not taking nominations.")
        raise ValidationError(
            message
            % {
                "end": local_time(cycle, cycle.nominations_close_at),
                "start": local_time(cycle, cycle.nominations_open_at),
            }
        )
    if not (nomination.statement_en.strip() or nomination.statement_ko.strip()):
        raise ValidationError(
            {"statement_en": _("Write the statement in English or in Korean (or both).")}
        )
    # Lock the nominee: concurrent nominations of one person meet in one candidate.
    nominee = Person.objects.select_for_update().get(pk=nomination.nominee_id)
    nominator = Person.objects.get(pk=nomination.nominator_id)
    _raise_if_ineligible(cycle=cycle, nominee=nominee, nominator=nominator)
    candidate, created = Candidate.objects.get_or_create(cycle=cycle, person=nominee)
    if candidate.is_withdrawn:
        candidate.is_withdrawn = False
        candidate.save(update_fields=["is_withdrawn"])
    nomination.status = NominationStatus.SUBMITTED
    nomination.submitted_at = now
    nomination.candidate = candidate
    nomination.save(update_fields=["status", "submitted_at", "candidate", "updated_at"])
    conflicts_refresh(candidate=candidate, actor=actor)
    award_audit(
        actor=actor,
        action="nomination.submit",
        cycle=cycle,
        subject=nomination,
        person_id=nominee.pk,
        summary=str(nominee.display_name),
        candidate=candidate.pk,
        grouped_with_existing=not created,
    )
    nomination.nominator = nominator
    notifications.nomination_received(nomination=nomination)
    return nomination


@transaction.atomic
def nomination_withdraw(
    *, nomination: Nomination, actor, now: dt.datetime | None = None
) -> Nomination:
    """Withdraw a draft or a submitted nomination, until the committee starts deciding.

    When it was the last submitted nomination of its nominee, the candidate is withdrawn
    too (reviewers no longer see it). Side effects: a history entry.
    """
    nomination = (
        Nomination.objects.select_for_update().select_related("cycle").get(pk=nomination.pk)
    )
    cycle = nomination.cycle
    if nomination.status == NominationStatus.WITHDRAWN:
        raise ValidationError(_("This nomination has already been withdrawn."))
    if cycle.status not in (CycleStatus.NOMINATING, CycleStatus.REVIEWING):
        raise ValidationError(
            _("The committee has reached its decision; it is too late to withdraw.")
        )
    was_submitted = nomination.status == NominationStatus.SUBMITTED
    nomination.status = NominationStatus.WITHDRAWN
    nomination.withdrawn_at = now or timezone.now()
    nomination.save(update_fields=["status", "withdrawn_at", "updated_at"])
    if was_submitted and nomination.candidate_id:
        remaining = Nomination.objects.filter(
            candidate_id=nomination.candidate_id, status=NominationStatus.SUBMITTED
        ).exists()
        if not remaining:
            Candidate.objects.filter(pk=nomination.candidate_id).update(is_withdrawn=True)
    award_audit(
        actor=actor,
        action="nomination.withdraw",
        cycle=cycle,
        subject=nomination,
        person_id=nomination.nominee_id,
        was_submitted=was_submitted,
    )
    return nomination
