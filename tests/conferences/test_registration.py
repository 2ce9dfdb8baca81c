"""Registering, the waiting list, promotion, offers, cancellation and payment (services)."""

import datetime as dt
from decimal import Decimal
from email.utils import parseaddr

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from conferences import services
from conferences.enums import PaymentStatus, PromotionMode, RegistrationStatus
from conferences.models import Registration
from kofst.common.models import AuditEntry
from kofst.mail.models import Message
from tests.factories import PersonFactory
from tests.factories.conferences import (
    ConferenceFactory,
    RegistrationCategoryFactory,
    make_registration,
)


def addresses(message) -> list[str]:
    return [parseaddr(to)[1] for to in message.to]


def register(conference, category, person=None, **kwargs):
    return services.registration_create(
        conference=conference,
        person=person or PersonFactory(),
        category=category,
        actor=None,
        **kwargs,
    )


def statuses(conference):
    return list(
        Registration.objects.filter(conference=conference)
        .order_by("id")
        .values_list("status", flat=True)
    )


def test_registration_create_confirms_when_places_are_free(
    conference, category, django_capture_on_commit_callbacks
):
    person = PersonFactory(email="minsu@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        registration = register(conference, category, person)

    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.seat == 1
    assert registration.amount_due == Decimal("150.00")
    assert registration.payment_status == PaymentStatus.UNPAID
    assert [addresses(m) for m in mail.outbox] == [["minsu@example.org"]]
    assert mail.outbox[0].subject.startswith("[KOFST] Registration confirmed: ") or (
        mail.outbox[0].subject.startswith("Registration confirmed: ")
    )
    assert AuditEntry.objects.filter(action="conference.registration.created").count() == 1


def test_registration_create_waitlists_when_conference_is_full(db, association):
    conference = ConferenceFactory(organisers=[association], capacity=2)
    category = RegistrationCategoryFactory(conference=conference)
    register(conference, category)
    register(conference, category)

    third = register(conference, category)

    assert third.status == RegistrationStatus.WAITLISTED
    assert third.seat is None
    assert statuses(conference) == ["confirmed", "confirmed", "waitlisted"]


def test_registration_create_waitlists_when_category_is_full(db, association):
    conference = ConferenceFactory(organisers=[association], capacity=10)
    small = RegistrationCategoryFactory(conference=conference, capacity=1)
    other = RegistrationCategoryFactory(conference=conference)
    register(conference, small)

    second_small = register(conference, small)
    in_other = register(conference, other)

    assert (second_small.status, in_other.status) == ("waitlisted", "confirmed")


def test_registration_create_refuses_when_full_without_waiting_list(db, association):
    conference = ConferenceFactory(organisers=[association], capacity=1, waitlist_enabled=False)
    category = RegistrationCategoryFactory(conference=conference)
    register(conference, category)

    with pytest.raises(ValidationError) as error:
        register(conference, category)

    assert error.value.messages == ["Sorry, this conference is full."]
    assert Registration.objects.filter(conference=conference).count() == 1


def test_registration_create_twice_raises_already_registered(conference, category):
    person = PersonFactory()
    first = register(conference, category, person)

    with pytest.raises(services.AlreadyRegistered) as error:
        register(conference, category, person)

    assert error.value.registration == first
    assert Registration.objects.filter(person=person).count() == 1


def test_registration_create_after_cancelling_is_allowed(conference, category):
    person = PersonFactory()
    first = register(conference, category, person)
    services.registration_cancel(registration=first, actor=None)

    again = register(conference, category, person)

    assert again.status == RegistrationStatus.CONFIRMED
    assert again.pk != first.pk


def test_registration_create_after_deadline_is_refused(db, association):
    now = timezone.now()
    conference = ConferenceFactory(
        organisers=[association],
        registration_opens_at=now - dt.timedelta(days=5),
        registration_closes_at=now - dt.timedelta(seconds=1),
    )
    category = RegistrationCategoryFactory(conference=conference)

    with pytest.raises(ValidationError) as error:
        register(conference, category)

    assert error.value.messages == ["Registration closed: the deadline has passed."]
    assert not Registration.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="conference.registration").exists()


def test_registration_create_by_staff_ignores_the_window(db, association, hq_user):
    now = timezone.now()
    conference = ConferenceFactory(
        organisers=[association],
        registration_opens_at=now - dt.timedelta(days=5),
        registration_closes_at=now - dt.timedelta(days=1),
    )
    category = RegistrationCategoryFactory(conference=conference, staff_only=True)

    registration = services.registration_create(
        conference=conference,
        person=PersonFactory(),
        category=category,
        actor=hq_user,
        by_staff=True,
    )

    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.registered_by == hq_user


def test_registration_create_free_category_needs_no_payment(conference):
    free = RegistrationCategoryFactory(conference=conference, fee=Decimal("0"))

    registration = register(conference, free)

    assert (registration.payment_status, registration.balance) == ("waived", Decimal("0"))


def outbox_kinds(conference) -> list[tuple[str, str]]:
    """(address, kind) of the outbox rows about this conference's registrations."""
    return list(
        Message.objects.filter(key__startswith="conferences:registration:")
        .order_by("id")
        .values_list("to_email", "kind")
    )


def test_registration_cancel_promotes_first_waiting_in_confirm_mode(db, association):
    conference = ConferenceFactory(organisers=[association], capacity=1)
    category = RegistrationCategoryFactory(conference=conference)
    holder = register(conference, category, PersonFactory(email="holder@example.org"))
    first = register(conference, category, PersonFactory(email="first@example.org"))
    second = register(conference, category, PersonFactory(email="second@example.org"))

    services.registration_cancel(registration=holder, actor=None)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.seat) == ("confirmed", 1)
    assert second.status == "waitlisted"
    assert outbox_kinds(conference) == [
        ("holder@example.org", "conference_confirmed"),
        ("first@example.org", "conference_waitlisted"),
        ("second@example.org", "conference_waitlisted"),
        ("holder@example.org", "conference_cancelled"),
        ("first@example.org", "conference_promoted"),
    ]


def test_registration_rolled_back_writes_no_message(db, association):
    conference = ConferenceFactory(organisers=[association], capacity=1, waitlist_enabled=False)
    category = RegistrationCategoryFactory(conference=conference)
    register(conference, category, PersonFactory(email="holder@example.org"))

    with pytest.raises(ValidationError):
        register(conference, category, PersonFactory(email="late@example.org"))

    assert outbox_kinds(conference) == [("holder@example.org", "conference_confirmed")]


def test_registration_cancel_offers_place_in_offer_mode(db, association):
    conference = ConferenceFactory(
        organisers=[association], capacity=1, promotion_mode=PromotionMode.OFFER, offer_hours=48
    )
    category = RegistrationCategoryFactory(conference=conference)
    holder = register(conference, category)
    first = register(conference, category)
    before = timezone.now()

    services.registration_cancel(registration=holder, actor=None)

    first.refresh_from_db()
    assert first.status == RegistrationStatus.OFFERED
    assert first.seat == 1
    assert (first.person.email, "conference_offered") in outbox_kinds(conference)
    expected = before + dt.timedelta(hours=48)
    assert abs((first.offer_expires_at - expected).total_seconds()) < 60


def test_registration_offer_accept_confirms(db, association):
    conference = ConferenceFactory(
        organisers=[association], capacity=1, promotion_mode=PromotionMode.OFFER
    )
    category = RegistrationCategoryFactory(conference=conference)
    holder = register(conference, category)
    first = register(conference, category)
    services.registration_cancel(registration=holder, actor=None)

    accepted = services.registration_offer_accept(registration=first, actor=None)

    assert (accepted.status, accepted.offer_expires_at) == ("confirmed", None)


def test_offers_expire_passes_the_place_to_the_next_in_line(db, association):
    conference = ConferenceFactory(
        organisers=[association], capacity=1, promotion_mode=PromotionMode.OFFER, offer_hours=2
    )
    category = RegistrationCategoryFactory(conference=conference)
    holder = register(conference, category)
    first = register(conference, category)
    second = register(conference, category)
    services.registration_cancel(registration=holder, actor=None)

    expired = services.offers_expire(now=timezone.now() + dt.timedelta(hours=2, seconds=1))

    first.refresh_from_db()
    second.refresh_from_db()
    assert expired == 1
    assert (first.status, first.seat) == ("expired", None)
    assert (second.status, second.seat) == ("offered", 1)
    assert outbox_kinds(conference)[-2:] == [
        (first.person.email, "conference_offer_expired"),
        (second.person.email, "conference_offered"),
    ]


def test_offers_expire_keeps_offers_still_running(db, association):
    conference = ConferenceFactory(
        organisers=[association], capacity=1, promotion_mode=PromotionMode.OFFER, offer_hours=2
    )
    category = RegistrationCategoryFactory(conference=conference)
    holder = register(conference, category)
    first = register(conference, category)
    services.registration_cancel(registration=holder, actor=None)

    expired = services.offers_expire(now=timezone.now() + dt.timedelta(hours=1))

    first.refresh_from_db()
    assert (expired, first.status) == (0, "offered")


def test_registration_offer_accept_after_expiry_is_refused_and_passes_on(db, association):
    conference = ConferenceFactory(
        organisers=[association], capacity=1, promotion_mode=PromotionMode.OFFER, offer_hours=1
    )
    category = RegistrationCategoryFactory(conference=conference)
    holder = register(conference, category)
    first = register(conference, category)
    second = register(conference, category)
    services.registration_cancel(registration=holder, actor=None)
    later = timezone.now() + dt.timedelta(hours=1, minutes=1)

    with pytest.raises(ValidationError) as error:
        services.registration_offer_accept(registration=first, actor=None, now=later)

    second.refresh_from_db()
    assert error.value.messages == ["Sorry, this offer has expired."]
    assert second.status == "offered"


def test_expire_offers_task_runs_the_service(db, association):
    from conferences.tasks import expire_offers

    conference = ConferenceFactory(
        organisers=[association], capacity=1, promotion_mode=PromotionMode.OFFER, offer_hours=1
    )
    category = RegistrationCategoryFactory(conference=conference)
    holder = register(conference, category)
    first = register(conference, category)
    services.registration_cancel(registration=holder, actor=None)
    Registration.objects.filter(pk=first.pk).update(
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )

    result = expire_offers.delay().get()

    first.refresh_from_db()
    assert (result, first.status) == (1, "expired")


def test_waiting_list_skips_people_whose_category_is_still_full(db, association):
    conference = ConferenceFactory(organisers=[association], capacity=2)
    small = RegistrationCategoryFactory(conference=conference, capacity=1)
    big = RegistrationCategoryFactory(conference=conference)
    register(conference, small)
    holder = register(conference, big)
    waiting_small = register(conference, small)
    waiting_big = register(conference, big)

    services.registration_cancel(registration=holder, actor=None)

    waiting_small.refresh_from_db()
    waiting_big.refresh_from_db()
    assert (waiting_small.status, waiting_big.status) == ("waitlisted", "confirmed")


def test_conference_update_more_places_promotes_waiting(db, association, hq_user):
    conference = ConferenceFactory(organisers=[association], capacity=1)
    category = RegistrationCategoryFactory(conference=conference)
    register(conference, category)
    waiting = register(conference, category)

    services.conference_update(conference=conference, actor=hq_user, capacity=2)

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_registration_cancel_after_deadline_is_refused(db, association):
    now = timezone.now()
    conference = ConferenceFactory(
        organisers=[association], changes_close_at=now + dt.timedelta(days=1)
    )
    category = RegistrationCategoryFactory(conference=conference)
    registration = register(conference, category)

    with pytest.raises(ValidationError) as error:
        services.registration_cancel(
            registration=registration, actor=None, now=now + dt.timedelta(days=1)
        )

    registration.refresh_from_db()
    assert error.value.messages == ["Cancellation is no longer possible: the deadline has passed."]
    assert registration.status == "confirmed"


def test_registration_cancel_by_staff_after_deadline_is_allowed(db, association, hq_user):
    now = timezone.now()
    conference = ConferenceFactory(
        organisers=[association], changes_close_at=now - dt.timedelta(days=1)
    )
    category = RegistrationCategoryFactory(conference=conference)
    registration = make_registration(conference=conference, category=category)

    cancelled = services.registration_cancel(
        registration=registration, actor=hq_user, by_staff=True
    )

    assert (cancelled.status, cancelled.seat) == ("cancelled", None)


def test_registration_update_answers_records_history(conference, category):
    registration = register(conference, category, answers={"1": "vegetarian"})

    services.registration_update_answers(
        registration=registration, answers={"1": "vegan"}, actor=None
    )

    registration.refresh_from_db()
    entry = AuditEntry.objects.get(action="conference.registration.answers_changed")
    assert registration.answers == {"1": "vegan"}
    assert entry.changes == {"answers": [str({"1": "vegetarian"}), str({"1": "vegan"})]}


def test_registration_promote_by_staff_needs_a_free_place(db, association, hq_user):
    conference = ConferenceFactory(organisers=[association], capacity=1)
    category = RegistrationCategoryFactory(conference=conference)
    register(conference, category)
    waiting = register(conference, category)

    with pytest.raises(ValidationError) as error:
        services.registration_promote(registration=waiting, actor=hq_user)

    assert error.value.code == "full"


def test_registration_record_payment_keeps_history(conference, category, hq_user):
    registration = register(conference, category)

    services.registration_record_payment(
        registration=registration,
        payment_status=PaymentStatus.PAID,
        amount_paid=Decimal("150.00"),
        paid_on=dt.date(2026, 5, 1),
        reference="TRX-42",
        actor=hq_user,
    )

    registration.refresh_from_db()
    entry = AuditEntry.objects.get(action="conference.registration.payment")
    assert (registration.payment_status, registration.balance) == ("paid", Decimal("0"))
    assert entry.actor == hq_user
    assert entry.changes["payment_status"] == ["unpaid", "paid"]
    assert entry.changes["payment_reference"] == ["", "TRX-42"]


def test_registration_record_payment_paid_without_amount_is_refused(conference, category):
    registration = register(conference, category)

    with pytest.raises(ValidationError) as error:
        services.registration_record_payment(
            registration=registration,
            payment_status=PaymentStatus.PAID,
            amount_paid=None,
            paid_on=None,
            reference="",
            actor=None,
        )

    registration.refresh_from_db()
    assert sorted(error.value.message_dict) == ["amount_paid", "paid_on"]
    assert registration.payment_status == "unpaid"


def test_ticket_codes_read_back_whether_scanned_or_typed():
    from conferences import tickets

    code = tickets.new_code()

    assert tickets.read_ticket(tickets.sign_code(code)) == code
    assert tickets.read_ticket(tickets.format_code(code).lower()) == code
    with pytest.raises(tickets.BadTicket):
        tickets.read_ticket(code[:5] + ":" + "x" * 27)
    with pytest.raises(tickets.BadTicket):
        tickets.read_ticket("NOT-A-CODE")
