"""Registering, changing, cancelling; the waiting list; offers; payments.

Each function is one state change in one transaction: lock (``places.lock_conference``),
check, write, history entry, email on commit. Refusals are ``ValidationError``s with
translated messages and leave nothing written.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences import notifications
from conferences.eligibility import (
    PersonFacts,
    eligibility_refusals,
    person_facts,
    sale_refusal,
)
from conferences.enums import (
    ACTIVE_STATUSES,
    ConferenceStatus,
    PaymentStatus,
    RegistrationStatus,
)
from conferences.models import Conference, Registration, RegistrationCategory
from conferences.services import places
from conferences.tickets import new_code
from kofst.common.audit import audit_record, diff, snapshot
from members.models import Person


class AlreadyRegistered(ValidationError):
    """The person already has an active registration for this conference."""

    def __init__(self, registration: Registration) -> None:
        super().__init__(
            _("You are already registered for this conference."), code="already_registered"
        )
        self.registration = registration


def _refuse(message: str, code: str) -> None:
    raise ValidationError(message, code=code)


def offers_expire(*, conference: Conference | None = None, now: dt.datetime | None = None) -> int:
    """Expire offers whose time ran out and pass each place on to the next in line.

    Run by Celery beat for every conference, and lazily for one conference before it is
    read or changed. Side effects: history entries; "offer expired" and "place offered"
    emails. Returns how many offers expired.
    """
    now = now or timezone.now()
    due = Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
    if conference is not None:
        due = due.filter(conference=conference)
    conference_ids = sorted(set(due.values_list("conference_id", flat=True)))
    expired = 0
    for conference_id in conference_ids:
        with transaction.atomic():
            locked = places.lock_conference(conference_id)
            expired += len(places.expire_due_offers(locked, now=now))
            places.fill_free_places(locked, actor=None, now=now)
    return expired


def registration_create(
    *,
    conference: Conference,
    person: Person,
    category: RegistrationCategory,
    answers: dict | None = None,
    actor,
    by_staff: bool = False,
    now: dt.datetime | None = None,
) -> Registration:
    """Register a person: confirmed if a place is free, else on the waiting list.

    Registrants are held to the conference's status and window, the category's sale
    window and eligibility; staff registering someone are not (but are to capacity).
    Side effects: a history entry; the confirmation or waiting-list email.
    Raises ``AlreadyRegistered`` for a second registration, ``ValidationError`` otherwise.
    """
    now = now or timezone.now()
    offers_expire(conference=conference, now=now)
    # Read what does not depend on the places before taking the locks, to keep the
    # section that registrations queue for short.
    facts = None if by_staff else person_facts(person, today=now.date())
    notifications.prepare(conference)
    try:
        with transaction.atomic():
            locked = places.lock_conference(conference.pk, known=conference)
            conference = locked.conference
            category = locked.categories.get(category.pk)
            if category is None:
                _refuse(_("This category does not belong to this conference."), "category")
            _check_may_register(conference, category, facts, now=now, by_staff=by_staff)
            existing = (
                Registration.objects.filter(
                    conference=conference, person=person, status__in=ACTIVE_STATUSES
                )
                .select_related("conference", "category")
                .first()
            )
            if existing is not None:
                raise AlreadyRegistered(existing)
            registration = Registration(
                conference=conference,
                person=person,
                category=category,
                code=new_code(),
                answers=answers or {},
                amount_due=category.fee,
                currency=category.currency,
                payment_status=PaymentStatus.UNPAID if category.fee > 0 else PaymentStatus.WAIVED,
                registered_by=actor if by_staff else None,
            )
            seating = places.read_seating(conference)
            place = seating.place_for(conference, category)
            if place is not None:
                places.give_place(
                    registration,
                    locked=locked,
                    seating=seating,
                    place=place,
                    offer=False,
                    now=now,
                )
            elif conference.waitlist_enabled:
                registration.status = RegistrationStatus.WAITLISTED
                # The moment the lock was ours: the queue follows the order of decisions.
                registration.waitlisted_at = timezone.now()
            else:
                _refuse(_("Sorry, this conference is full."), "full")
            registration.save()
            audit_record(
                actor=actor,
                action="conference.registration.created",
                subject=registration,
                person_id=person.pk,
                association_id=conference.primary_organiser_id,
                summary=f"{conference.slug}: {category.name_en}, "
                f"{registration.get_status_display()}" + (" (by staff)" if by_staff else ""),
            )
            notifications.notify_registered(registration)
            return registration
    except IntegrityError as error:
        # Only reachable if a lock was bypassed: the constraints are the backstop.
        raise ValidationError(
            _("Your registration could not be saved. Please try again."), code="conflict"
        ) from error


def _check_may_register(
    conference: Conference,
    category: RegistrationCategory,
    facts: PersonFacts | None,
    *,
    now: dt.datetime,
    by_staff: bool,
) -> None:
    if by_staff:
        if conference.status == ConferenceStatus.ARCHIVED:
            _refuse(_("This conference is archived."), "archived")
        return
    if conference.status != ConferenceStatus.OPEN:
        _refuse(_("Registration for this conference is not open."), "not_open")
    if now < conference.registration_opens_at:
        _refuse(_("Registration has not opened yet."), "not_yet_open")
    if now >= conference.registration_closes_at:
        _refuse(_("Registration closed: the deadline has passed."), "closed")
    if category.staff_only:
        _refuse(_("This category is not open for registration."), "staff_only")
    sale = sale_refusal(category, now=now)
    if sale:
        raise ValidationError(sale, code="sale_window")
    reasons = eligibility_refusals(category, facts) if facts is not None else []
    if reasons:
        raise ValidationError(reasons, code="not_eligible")


def _reload(registration: Registration, locked: places.Locked) -> Registration:
    fresh = Registration.objects.select_related("person").get(pk=registration.pk)
    fresh.conference = locked.conference
    fresh.category = locked.categories[fresh.category_id]
    return fresh


def registration_update_answers(
    *, registration: Registration, answers: dict, actor, by_staff: bool = False
) -> Registration:
    """Change the answers to the conference's questions, until the changes deadline.

    Side effects: a history entry with the changes.
    """
    now = timezone.now()
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        conference = Conference.objects.get(pk=registration.conference_id)
        registration.conference = conference
        if registration.status not in ACTIVE_STATUSES:
            _refuse(_("This registration is no longer active."), "inactive")
        if not by_staff and now >= conference.changes_deadline:
            _refuse(_("Changes are no longer possible: the deadline has passed."), "deadline")
        before = snapshot(registration, ["answers"])
        registration.answers = answers
        registration.save(update_fields=["answers", "updated_at"])
        audit_record(
            actor=actor,
            action="conference.registration.answers_changed",
            subject=registration,
            person_id=registration.person_id,
            association_id=conference.primary_organiser_id,
            summary=f"{conference.slug}: answers changed",
            changes=diff(registration, before, ["answers"]),
        )
    return registration


def registration_cancel(
    *, registration: Registration, actor, by_staff: bool = False, now: dt.datetime | None = None
) -> Registration:
    """Cancel (or decline an offered place). A freed place goes to the next in line.

    Registrants may cancel until the changes deadline; staff at any time. A checked-in
    registration cannot be cancelled. Side effects: history entries; the cancellation
    email; promotion or offer emails to those moved up.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = places.lock_conference(registration.conference_id)
        registration = _reload(registration, locked)
        conference = locked.conference
        if registration.status not in ACTIVE_STATUSES:
            _refuse(_("This registration is already cancelled."), "inactive")
        if registration.checked_in_at is not None:
            _refuse(_("This person has already checked in."), "checked_in")
        if not by_staff and now >= conference.changes_deadline:
            _refuse(_("Cancellation is no longer possible: the deadline has passed."), "deadline")
        held_place = registration.holds_place
        previous = registration.get_status_display()
        registration.status = RegistrationStatus.CANCELLED
        registration.seat = registration.category_seat = None
        registration.offer_expires_at = None
        registration.cancelled_at = now
        registration.save(
            update_fields=[
                "status",
                "seat",
                "category_seat",
                "offer_expires_at",
                "cancelled_at",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="conference.registration.cancelled",
            subject=registration,
            person_id=registration.person_id,
            association_id=conference.primary_organiser_id,
            summary=f"{conference.slug}: cancelled (was {previous})"
            + (" by staff" if by_staff else ""),
        )
        notifications.notify_cancelled(registration)
        if held_place:
            places.fill_free_places(locked, actor=actor, now=now)
    return registration


def registration_offer_accept(
    *, registration: Registration, actor, now: dt.datetime | None = None
) -> Registration:
    """Accept an offered place before the offer expires. Side effects: history entry."""
    now = now or timezone.now()
    offers_expire(conference=registration.conference, now=now)
    with transaction.atomic():
        locked = places.lock_conference(registration.conference_id)
        registration = _reload(registration, locked)
        if registration.status == RegistrationStatus.EXPIRED or (
            registration.status == RegistrationStatus.OFFERED
            and registration.offer_expires_at <= now
        ):
            _refuse(_("Sorry, this offer has expired."), "expired")
        if registration.status != RegistrationStatus.OFFERED:
            _refuse(_("There is no offer to accept."), "no_offer")
        registration.status = RegistrationStatus.CONFIRMED
        registration.offer_expires_at = None
        registration.confirmed_at = now
        registration.save(
            update_fields=["status", "offer_expires_at", "confirmed_at", "updated_at"]
        )
        audit_record(
            actor=actor,
            action="conference.registration.offer_accepted",
            subject=registration,
            person_id=registration.person_id,
            association_id=locked.conference.primary_organiser_id,
            summary=f"{locked.conference.slug}: offered place accepted",
        )
        notifications.notify_registered(registration)
    return registration


def registration_promote(
    *, registration: Registration, actor, now: dt.datetime | None = None
) -> Registration:
    """Staff move one person off the waiting list (out of turn), if a place is free.

    Side effects: history entry; the promotion email.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = places.lock_conference(registration.conference_id)
        registration = _reload(registration, locked)
        if registration.status != RegistrationStatus.WAITLISTED:
            _refuse(_("This person is not on the waiting list."), "not_waiting")
        seating = places.read_seating(locked.conference)
        place = seating.place_for(locked.conference, registration.category)
        if place is None:
            _refuse(
                _(
                    "No place is free in this conference or category. "
                    "Raise the number of places first."
                ),
                "full",
            )
        places.give_place(
            registration, locked=locked, seating=seating, place=place, offer=False, now=now
        )
        registration.save(
            update_fields=["status", "seat", "category_seat", "confirmed_at", "updated_at"]
        )
        audit_record(
            actor=actor,
            action="conference.registration.promoted",
            subject=registration,
            person_id=registration.person_id,
            association_id=locked.conference.primary_organiser_id,
            summary=f"{locked.conference.slug}: moved off the waiting list by staff",
        )
        notifications.notify_promoted(registration)
    return registration


PAYMENT_FIELDS = ["payment_status", "amount_paid", "paid_on", "payment_reference"]


def registration_record_payment(
    *,
    registration: Registration,
    payment_status: str,
    amount_paid: Decimal | None,
    paid_on: dt.date | None,
    reference: str,
    actor,
) -> Registration:
    """Staff record what was paid (no gateway). Side effects: history entry with changes."""
    if payment_status in (PaymentStatus.PAID, PaymentStatus.REFUNDED):
        errors = {}
        if amount_paid is None:
            errors["amount_paid"] = _("Enter the amount.")
        if paid_on is None:
            errors["paid_on"] = _("Enter the date.")
        if errors:
            raise ValidationError(errors)
    if amount_paid is not None and amount_paid < 0:
        raise ValidationError({"amount_paid": _("The amount cannot be negative.")})
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        conference = Conference.objects.get(pk=registration.conference_id)
        before = snapshot(registration, PAYMENT_FIELDS)
        registration.payment_status = payment_status
        registration.amount_paid = amount_paid
        registration.paid_on = paid_on
        registration.payment_reference = reference
        registration.save(update_fields=[*PAYMENT_FIELDS, "updated_at"])
        audit_record(
            actor=actor,
            action="conference.registration.payment",
            subject=registration,
            person_id=registration.person_id,
            association_id=conference.primary_organiser_id,
            summary=f"{conference.slug}: payment {payment_status}",
            changes=diff(registration, before, PAYMENT_FIELDS),
        )
    return registration
