"""Writes to associations: chapters, committees and their seats, staff invitations and
roles, partner organisations and cooperation agreements.

Every function is keyword-only, takes the ``actor``, runs in one transaction, writes a
history entry tagged with the association, and raises ``ValidationError`` with
translated messages keyed by field.
"""

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.enums import CommitteeRole, StaffRoleKind
from associations.models import (
    Association,
    Chapter,
    Committee,
    CommitteeMember,
    CooperationAgreement,
    PartnerOrganization,
    StaffInvitation,
    StaffRole,
)
from associations.notifications import notify_staff_invited
from kofst.common.audit import audit_record, diff, snapshot
from kofst.common.countries import COUNTRIES
from kofst.common.roles import forget_roles

INVITATION_DAYS = 14
M = TypeVar("M", bound=models.Model)
CHAPTER_FIELDS = ["name_en", "name_ko", "city"]
COMMITTEE_FIELDS = ["name_en", "name_ko", "description"]
PARTNER_FIELDS = ["acronym", "name_en", "name_ko", "country", "website"]
AGREEMENT_FIELDS = ["title", "association", "signed_on", "expires_on", "scope"]


def _clean(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc


def _strip(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}


def _history(*, actor, action: str, subject, association_id, summary: str, changes=None):
    audit_record(
        actor=actor,
        action=action,
        subject=subject,
        association_id=association_id,
        summary=summary,
        changes=changes or {},
    )


def _update(
    instance: M,
    *,
    actor,
    action: str,
    fields: list[str],
    changes: dict[str, Any],
    check: Callable[[M], None],
    summary: Callable[[M], str],
    association_id: Callable[[M], int | None] = lambda instance: instance.association_id,
    save: Callable[..., None] | None = None,
) -> M:
    """What every update here does: lock the row, set the (stripped) ``changes``,
    ``check`` it, save only the fields that changed (with ``save``, if given) and write
    their diff to the history under ``action``. Call inside a transaction."""
    instance = type(instance).objects.select_for_update().get(pk=instance.pk)
    before = snapshot(instance, fields)
    for name, value in _strip(changes).items():
        setattr(instance, name, value)
    check(instance)
    changed = diff(instance, before, fields)
    if changed:
        if save is None:
            instance.save(update_fields=list(changed))
        else:
            save(instance, update_fields=list(changed))
        _history(
            actor=actor,
            action=action,
            subject=instance,
            association_id=association_id(instance),
            summary=summary(instance),
            changes=changed,
        )
    return instance


# --- Chapters ----------------------------------------------------------------------


def _check_chapter(chapter: Chapter) -> None:
    _clean(chapter, exclude=["association"])
    taken = Chapter.objects.filter(
        association_id=chapter.association_id, name_en__iexact=chapter.name_en
    ).exclude(pk=chapter.pk)
    if taken.exists():
        raise ValidationError(
            {"name_en": _("This association already has a chapter of that name.")}
        )


@transaction.atomic
def chapter_create(*, association: Association, actor, **values: Any) -> Chapter:
    """Side effects: a ``chapter.create`` history entry."""
    chapter = Chapter(association=association, **_strip(values))
    _check_chapter(chapter)
    chapter.save()
    _history(
        actor=actor,
        action="chapter.create",
        subject=chapter,
        association_id=association.pk,
        summary=chapter.name_en,
    )
    return chapter


@transaction.atomic
def chapter_update(*, chapter: Chapter, actor, **changes: Any) -> Chapter:
    """Side effects: a ``chapter.update`` history entry with the diff."""
    return _update(
        chapter,
        actor=actor,
        action="chapter.update",
        fields=CHAPTER_FIELDS,
        changes=changes,
        check=_check_chapter,
        summary=lambda chapter: chapter.name_en,
    )


@transaction.atomic
def chapter_delete(*, chapter: Chapter, actor) -> None:
    """Delete a chapter nobody belongs to. Side effects: a ``chapter.delete`` entry."""
    members = chapter.memberships.count()
    if members:
        raise ValidationError(
            _(
                "%(count)s memberships are in the chapter %(chapter)s. Move them to another "
                "chapter first."
            )
            % {"count": members, "chapter": chapter.name}
        )
    _history(
        actor=actor,
        action="chapter.delete",
        subject=chapter,
        association_id=chapter.association_id,
        summary=chapter.name_en,
    )
    chapter.delete()


# --- Committees and seats ------------------------------------------------------------


@transaction.atomic
def committee_create(*, association: Association, actor, **values: Any) -> Committee:
    """Side effects: a ``committee.create`` history entry."""
    committee = Committee(association=association, **_strip(values))
    _clean(committee, exclude=["association"])
    committee.save()
    _history(
        actor=actor,
        action="committee.create",
        subject=committee,
        association_id=association.pk,
        summary=committee.name_en,
    )
    return committee


@transaction.atomic
def committee_update(*, committee: Committee, actor, **changes: Any) -> Committee:
    """Side effects: a ``committee.update`` history entry with the diff."""
    return _update(
        committee,
        actor=actor,
        action="committee.update",
        fields=COMMITTEE_FIELDS,
        changes=changes,
        check=lambda committee: _clean(committee, exclude=["association"]),
        summary=lambda committee: committee.name_en,
    )


@transaction.atomic
def committee_delete(*, committee: Committee, actor) -> None:
    """Delete a committee and its seats. Side effects: a ``committee.delete`` entry."""
    seats = committee.seats.count()
    _history(
        actor=actor,
        action="committee.delete",
        subject=committee,
        association_id=committee.association_id,
        summary=committee.name_en,
        changes={"seats": seats},
    )
    committee.delete()


@transaction.atomic
def committee_seat_add(
    *,
    committee: Committee,
    person,
    actor,
    role: str = CommitteeRole.MEMBER,
    since: dt.date | None = None,
) -> CommitteeMember:
    """Seat a member of the association on one of its committees (one chair at most).

    Side effects: a ``committee.seat_add`` history entry on the person and association.
    """
    Committee.objects.select_for_update().filter(pk=committee.pk).exists()
    errors: dict[str, list] = {}
    if not person.memberships.filter(association_id=committee.association_id).exists():
        errors.setdefault("person", []).append(
            _("%(name)s is not a member of this association.") % {"name": person.display_name}
        )
    if committee.seats.filter(person=person).exists():
        errors.setdefault("person", []).append(
            _("%(name)s already sits on this committee.") % {"name": person.display_name}
        )
    if role not in CommitteeRole.values:
        errors.setdefault("role", []).append(_("Choose chair or member."))
    chair = committee.seats.filter(role=CommitteeRole.CHAIR).select_related("person").first()
    if role == CommitteeRole.CHAIR and chair is not None:
        errors.setdefault("role", []).append(
            _("%(name)s already chairs this committee; remove them or add this person as a member.")
            % {"name": chair.person.display_name}
        )
    if errors:
        raise ValidationError(errors)
    seat = CommitteeMember.objects.create(
        committee=committee, person=person, role=role, since=since
    )
    audit_record(
        actor=actor,
        action="committee.seat_add",
        subject=seat,
        person_id=person.pk,
        association_id=committee.association_id,
        summary=f"{committee.name_en} ({role})",
    )
    return seat


@transaction.atomic
def committee_seat_remove(*, seat: CommitteeMember, actor) -> None:
    """Side effects: a ``committee.seat_remove`` history entry."""
    audit_record(
        actor=actor,
        action="committee.seat_remove",
        subject=seat,
        person_id=seat.person_id,
        association_id=seat.committee.association_id,
        summary=f"{seat.committee.name_en} ({seat.role})",
    )
    seat.delete()


# --- Staff: invitations and roles ------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def staff_invite(
    *, association: Association, email: str, role: str, actor
) -> tuple[StaffInvitation, str]:
    """Invite someone by email to be staff or admin of an association.

    Returns the invitation and its token (only its hash is stored). An open invitation
    to the same address is replaced.

    Side effects: a ``staff.invite`` history entry; the email with the accept link after
    commit (``associations.notifications.notify_staff_invited``).
    """
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Enter a valid email address.")}) from exc
    if role not in StaffRoleKind.values:
        raise ValidationError({"role": _("Choose admin or staff.")})
    existing = StaffRole.objects.filter(association=association, user__email__iexact=email).first()
    if existing is not None:
        raise ValidationError(
            {
                "email": _("%(email)s is already %(role)s of this association.")
                % {"email": email, "role": existing.get_role_display().lower()}
            }
        )
    now = timezone.now()
    StaffInvitation.objects.filter(
        association=association,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = StaffInvitation.objects.create(
        association=association,
        email=email,
        role=role,
        token_hash=token_hash(token),
        invited_by=actor,
        expires_at=now + dt.timedelta(days=INVITATION_DAYS),
    )
    _history(
        actor=actor,
        action="staff.invite",
        subject=invitation,
        association_id=association.pk,
        summary=f"{email} ({role})",
    )
    notify_staff_invited(invitation, token)
    return invitation, token


@transaction.atomic
def staff_invitation_revoke(*, invitation: StaffInvitation, actor) -> StaffInvitation:
    """Side effects: a ``staff.invitation_revoke`` history entry."""
    invitation = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation was already accepted."))
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        _history(
            actor=actor,
            action="staff.invitation_revoke",
            subject=invitation,
            association_id=invitation.association_id,
            summary=invitation.email,
        )
    return invitation


def invitation_for_token(token: str) -> StaffInvitation | None:
    return (
        StaffInvitation.objects.select_related("association")
        .filter(token_hash=token_hash(token or ""))
        .first()
    )


def invitation_problem(invitation: StaffInvitation | None, user) -> str | None:
    """Why ``user`` cannot accept this invitation now, or ``None``."""
    if invitation is None:
        return _("This invitation link is not valid.")
    if invitation.revoked_at is not None:
        return _("This invitation was withdrawn. Ask the association for a new one.")
    if invitation.accepted_at is not None:
        return _("This invitation was already accepted.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation expired. Ask the association for a new one.")
    from allauth.account.models import EmailAddress  # the account's verified addresses

    if not EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists():
        return _(
            "This invitation is for %(email)s. Sign in with that (verified) address to accept it."
        ) % {"email": invitation.email}
    return None


@transaction.atomic
def staff_invitation_accept(*, token: str, user) -> StaffRole:
    """The invited person, signed in with the invited (verified) address, accepts.

    Grants the invited role (an admin invited as staff stays admin).

    Side effects: a ``staff.invitation_accept`` history entry; the user's cached roles
    dropped.
    """
    found = invitation_for_token(token)
    invitation = (
        StaffInvitation.objects.select_for_update().select_related("association").get(pk=found.pk)
        if found is not None
        else None
    )
    problem = invitation_problem(invitation, user)
    if problem:
        raise ValidationError(problem)
    assert invitation is not None  # for the type checker: invitation_problem said so
    role, created = StaffRole.objects.get_or_create(
        association=invitation.association,
        user=user,
        defaults={"role": invitation.role, "granted_by": invitation.invited_by},
    )
    if not created and role.role != StaffRoleKind.ADMIN and invitation.role == StaffRoleKind.ADMIN:
        role.role = StaffRoleKind.ADMIN
        role.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    forget_roles(user)
    _history(
        actor=user,
        action="staff.invitation_accept",
        subject=role,
        association_id=invitation.association_id,
        summary=f"{user.email} ({role.role})",
    )
    return role


@transaction.atomic
def staff_role_remove(*, staff_role: StaffRole, actor) -> None:
    """Take a user's role in an association away (not one's own).

    Side effects: a ``staff.remove`` history entry.
    """
    if staff_role.user_id == getattr(actor, "pk", None):
        raise ValidationError(
            _("You cannot remove your own role. Ask another admin of the association or KOFST.")
        )
    _history(
        actor=actor,
        action="staff.remove",
        subject=staff_role,
        association_id=staff_role.association_id,
        summary=f"{staff_role.user.email} ({staff_role.role})",
    )
    staff_role.delete()


# --- Partners and agreements -----------------------------------------------------------


def _check_partner(partner: PartnerOrganization) -> None:
    """Check a partner (its country code upper-cased first)."""
    partner.country = (partner.country or "").upper()
    errors: dict[str, list] = {}
    try:
        partner.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if partner.country and partner.country not in COUNTRIES:
        errors.setdefault("country", []).append(_("Choose a country from the list."))
    taken = PartnerOrganization.objects.filter(acronym__iexact=partner.acronym).exclude(
        pk=partner.pk
    )
    if partner.acronym and taken.exists():
        errors.setdefault("acronym", []).append(_("A partner with this acronym exists already."))
    if errors:
        raise ValidationError(errors)


def _save_unique(instance: models.Model, **kwargs: Any) -> None:
    try:
        with transaction.atomic():
            instance.save(**kwargs)
    except IntegrityError as exc:
        raise ValidationError(_("Someone saved the same record at the same moment.")) from exc


@transaction.atomic
def partner_create(*, actor, **values: Any) -> PartnerOrganization:
    """Side effects: a ``partner.create`` history entry."""
    partner = PartnerOrganization(**_strip(values))
    _check_partner(partner)
    _save_unique(partner)
    _history(
        actor=actor,
        action="partner.create",
        subject=partner,
        association_id=None,
        summary=partner.acronym,
    )
    return partner


@transaction.atomic
def partner_update(*, partner: PartnerOrganization, actor, **changes: Any) -> PartnerOrganization:
    """Side effects: a ``partner.update`` history entry with the diff."""
    return _update(
        partner,
        actor=actor,
        action="partner.update",
        fields=PARTNER_FIELDS,
        changes=changes,
        check=_check_partner,
        summary=lambda partner: partner.acronym,
        association_id=lambda partner: None,
        save=_save_unique,
    )


def _check_agreement(agreement: CooperationAgreement) -> None:
    errors: dict[str, list] = {}
    try:
        agreement.full_clean(exclude=["partner"], validate_unique=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if agreement.signed_on and agreement.expires_on and agreement.expires_on < agreement.signed_on:
        errors.setdefault("expires_on", []).append(
            _("The agreement cannot expire before it was signed.")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def agreement_create(*, partner: PartnerOrganization, actor, **values: Any) -> CooperationAgreement:
    """Side effects: an ``agreement.create`` history entry."""
    agreement = CooperationAgreement(partner=partner, **_strip(values))
    _check_agreement(agreement)
    agreement.save()
    _history(
        actor=actor,
        action="agreement.create",
        subject=agreement,
        association_id=agreement.association_id,
        summary=f"{partner.acronym}: {agreement.title}",
    )
    return agreement


@transaction.atomic
def agreement_update(
    *, agreement: CooperationAgreement, actor, **changes: Any
) -> CooperationAgreement:
    """Side effects: an ``agreement.update`` history entry with the diff."""
    return _update(
        agreement,
        actor=actor,
        action="agreement.update",
        fields=AGREEMENT_FIELDS,
        changes=changes,
        check=_check_agreement,
        summary=lambda agreement: f"{agreement.partner.acronym}: {agreement.title}",
    )
