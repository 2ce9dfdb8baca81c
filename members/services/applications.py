"""Applications to join an association: a member applies, the association's staff decide."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.models import Association, Chapter
from kofst.common.audit import audit_record
from members.enums import ApplicationStatus, MembershipType
from members.models import JoinApplication, Membership, Person
from members.notifications import notify_application_decided
from members.services.memberships import add_years, membership_create

# What a scientist may apply as; life and honorary memberships are conferred by staff.
APPLICABLE_TYPES = (MembershipType.REGULAR, MembershipType.STUDENT, MembershipType.ASSOCIATE)
# Types that never expire.
NON_EXPIRING_TYPES = (MembershipType.LIFE, MembershipType.HONORARY)


def _history(application: JoinApplication, *, actor, action: str, summary: str, changes=None):
    audit_record(
        actor=actor,
        action=action,
        subject=application,
        person_id=application.person_id,
        association_id=application.association_id,
        summary=summary,
        changes=changes or {},
    )


@transaction.atomic
def application_submit(
    *,
    person: Person,
    association: Association,
    actor,
    type: str = MembershipType.REGULAR,  # noqa: A002 - the model's field name
    chapter: Chapter | None = None,
    message: str = "",
) -> JoinApplication:
    """A person asks to join an association.

    Refused when the person already has a membership record there or a pending
    application. Side effects: an ``application.submit`` history entry.
    """
    errors: dict[str, list] = {}
    existing = Membership.objects.filter(person=person, association=association).first()
    if existing is not None:
        errors.setdefault("association", []).append(
            _(
                "You are already on the roster of %(association)s (member number %(number)s). "
                "To renew or rejoin, contact the association."
            )
            % {"association": association.display_code, "number": existing.member_number}
        )
    elif JoinApplication.objects.filter(
        person=person, association=association, status=ApplicationStatus.PENDING
    ).exists():
        errors.setdefault("association", []).append(
            _("Your application to %(association)s is already waiting for a decision.")
            % {"association": association.display_code}
        )
    if type not in APPLICABLE_TYPES:
        errors.setdefault("type", []).append(_("Choose regular, student or associate."))
    if chapter is not None and chapter.association_id != association.pk:
        errors.setdefault("chapter", []).append(
            _("%(chapter)s is not a chapter of %(association)s.")
            % {"chapter": chapter.name, "association": association.display_code}
        )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            application = JoinApplication.objects.create(
                person=person,
                association=association,
                type=type,
                chapter=chapter,
                message=(message or "").strip(),
            )
    except IntegrityError as exc:  # a second tab submitted at the same moment
        raise ValidationError(
            {
                "association": _(
                    "Your application to %(association)s is already waiting for a decision."
                )
                % {"association": association.display_code}
            }
        ) from exc
    _history(
        application,
        actor=actor,
        action="application.submit",
        summary=_("Applied to %(association)s") % {"association": association.display_code},
        changes={"type": [None, type]},
    )
    return application


def _lock_pending(application: JoinApplication) -> JoinApplication:
    application = (
        JoinApplication.objects.select_for_update(of=("self",))
        .select_related("person", "association", "chapter")
        .get(pk=application.pk)
    )
    if application.status != ApplicationStatus.PENDING:
        raise ValidationError(
            _("This application was already %(status)s.")
            % {"status": application.get_status_display().lower()}
        )
    return application


@transaction.atomic
def application_withdraw(*, application: JoinApplication, actor) -> JoinApplication:
    """The applicant takes back a pending application.

    Side effects: an ``application.withdraw`` history entry.
    """
    application = _lock_pending(application)
    application.status = ApplicationStatus.WITHDRAWN
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at"])
    _history(
        application,
        actor=actor,
        action="application.withdraw",
        summary=application.association.display_code,
    )
    return application


@transaction.atomic
def application_approve(
    *,
    application: JoinApplication,
    actor,
    joined_on: dt.date | None = None,
    note: str = "",
) -> Membership:
    """Accept an application: the person becomes a member with the association's next
    member number, from ``joined_on`` (today) for one year (no expiry for life and
    honorary memberships).

    Side effects: the membership (``membership.create`` history entry), an
    ``application.approve`` history entry, and the applicant is told by email after
    commit (``members.notifications.notify_application_decided``).
    """
    application = _lock_pending(application)
    joined_on = joined_on or timezone.localdate()
    expires_on = None if application.type in NON_EXPIRING_TYPES else add_years(joined_on, 1)
    membership = membership_create(
        person=application.person,
        association=application.association,
        actor=actor,
        joined_on=joined_on,
        type=application.type,
        chapter=application.chapter,
        expires_on=expires_on,
    )
    _decide(application, status=ApplicationStatus.APPROVED, actor=actor, note=note)
    _history(
        application,
        actor=actor,
        action="application.approve",
        summary=f"{application.association.display_code} #{membership.member_number}",
        changes={"status": ["pending", "approved"]},
    )
    notify_application_decided(application)
    return membership


@transaction.atomic
def application_decline(*, application: JoinApplication, actor, note: str = "") -> JoinApplication:
    """Turn an application down, with a note for the applicant.

    Side effects: an ``application.decline`` history entry; the applicant is told by
    email after commit (``members.notifications.notify_application_decided``).
    """
    application = _lock_pending(application)
    _decide(application, status=ApplicationStatus.DECLINED, actor=actor, note=note)
    _history(
        application,
        actor=actor,
        action="application.decline",
        summary=application.association.display_code,
        changes={"status": ["pending", "declined"]},
    )
    notify_application_decided(application)
    return application


def _decide(application: JoinApplication, *, status: str, actor, note: str) -> None:
    application.status = status
    application.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    application.decided_at = timezone.now()
    application.decision_note = (note or "").strip()
    application.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
