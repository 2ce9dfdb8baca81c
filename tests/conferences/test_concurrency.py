"""Many people pressing Register (or Cancel, or scanning a ticket) at the same moment,
against the real PostgreSQL: threads with their own connections, released together."""

import datetime as dt
import threading
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.utils import timezone

from conferences import services
from conferences.models import Registration
from tests.factories import AssociationFactory, PersonFactory
from tests.factories.conferences import (
    ConferenceFactory,
    RegistrationCategoryFactory,
    make_registration,
)

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(jobs):
    """Run each callable in its own thread, all released at once; results in order."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except Exception as error:  # noqa: BLE001  (each outcome is the test's to judge)
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    return results


def outcome(result) -> str:
    if isinstance(result, Registration):
        return result.status
    if isinstance(result, services.AlreadyRegistered):
        return "already"
    if isinstance(result, ValidationError):
        return "refused"
    return f"error: {result!r}"


def register_job(conference, category, person):
    return lambda: services.registration_create(
        conference=conference, person=person, category=category, actor=None
    )


def test_registration_create_racing_for_last_places_never_overbooks():
    conference = ConferenceFactory(organisers=[AssociationFactory()], capacity=6)
    category = RegistrationCategoryFactory(conference=conference)
    for _ in range(4):
        make_registration(conference=conference, category=category)
    people = [PersonFactory() for _ in range(16)]

    results = run_together([register_job(conference, category, p) for p in people])

    assert Counter(outcome(r) for r in results) == {"confirmed": 2, "waitlisted": 14}
    confirmed = Registration.objects.filter(conference=conference, status="confirmed")
    assert confirmed.count() == 6
    assert sorted(confirmed.values_list("seat", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_registration_create_racing_for_a_category_respects_its_capacity():
    conference = ConferenceFactory(organisers=[AssociationFactory()], capacity=100)
    small = RegistrationCategoryFactory(conference=conference, capacity=3)
    people = [PersonFactory() for _ in range(12)]

    results = run_together([register_job(conference, small, p) for p in people])

    assert Counter(outcome(r) for r in results) == {"confirmed": 3, "waitlisted": 9}
    assert Registration.objects.filter(category=small, status="confirmed").count() == 3


def test_registration_create_same_person_twice_at_once_registers_once():
    conference = ConferenceFactory(organisers=[AssociationFactory()], capacity=10)
    category = RegistrationCategoryFactory(conference=conference)
    person = PersonFactory()

    results = run_together([register_job(conference, category, person) for _ in range(8)])

    assert Counter(outcome(r) for r in results) == {"confirmed": 1, "already": 7}
    assert Registration.objects.filter(person=person).count() == 1


def test_cancellations_racing_with_registrations_promote_the_waiting_list_in_order():
    conference = ConferenceFactory(organisers=[AssociationFactory()], capacity=5)
    category = RegistrationCategoryFactory(conference=conference)
    holders = [make_registration(conference=conference, category=category) for _ in range(5)]
    waiting = [make_registration(conference=conference, category=category) for _ in range(5)]
    newcomers = [PersonFactory() for _ in range(5)]
    cancel_jobs = [
        (lambda r=r: services.registration_cancel(registration=r, actor=None)) for r in holders
    ]
    register_jobs = [register_job(conference, category, p) for p in newcomers]

    results = run_together(cancel_jobs + register_jobs)

    assert [outcome(r) for r in results[:5]] == ["cancelled"] * 5
    assert [outcome(r) for r in results[5:]] == ["waitlisted"] * 5
    confirmed_ids = set(
        Registration.objects.filter(conference=conference, status="confirmed").values_list(
            "id", flat=True
        )
    )
    assert confirmed_ids == {r.pk for r in waiting}


def test_waiting_list_order_is_the_order_people_joined_it():
    conference = ConferenceFactory(organisers=[AssociationFactory()], capacity=1)
    category = RegistrationCategoryFactory(conference=conference)
    holder = make_registration(conference=conference, category=category)
    results = run_together([register_job(conference, category, PersonFactory()) for _ in range(8)])
    assert {outcome(r) for r in results} == {"waitlisted"}
    queue = list(
        Registration.objects.filter(conference=conference, status="waitlisted").order_by(
            "waitlisted_at", "id"
        )
    )
    assert [r.pk for r in queue] == sorted(r.pk for r in queue)

    promoted = []
    current = holder
    for _ in range(3):
        services.registration_cancel(registration=current, actor=None)
        current = Registration.objects.get(conference=conference, status="confirmed")
        promoted.append(current.pk)

    assert promoted == [r.pk for r in queue[:3]]


def test_check_in_scanned_by_several_volunteers_at_once_is_recorded_once(hq_user):
    conference = ConferenceFactory(organisers=[AssociationFactory()], capacity=10)
    registration = make_registration(conference=conference)

    results = run_together(
        [
            (lambda: services.registration_check_in(
                conference=conference, value=registration.code, actor=hq_user
            ))
            for _ in range(6)
        ]
    )  # fmt: skip

    assert sorted(r.newly_checked_in for r in results) == [False] * 5 + [True]
    assert len({r.registration.checked_in_at for r in results}) == 1


def test_offers_expire_run_at_once_by_beat_and_lazily_passes_each_offer_on_once():
    conference = ConferenceFactory(
        organisers=[AssociationFactory()], capacity=1, promotion_mode="offer", offer_hours=1
    )
    category = RegistrationCategoryFactory(conference=conference)
    holder = make_registration(conference=conference, category=category)
    first = make_registration(conference=conference, category=category)
    second = make_registration(conference=conference, category=category)
    services.registration_cancel(registration=holder, actor=None)
    later = timezone.now() + dt.timedelta(hours=1, seconds=5)

    results = run_together(
        [(lambda: services.offers_expire(now=later)) for _ in range(3)]
        + [(lambda: services.offers_expire(conference=conference, now=later)) for _ in range(3)]
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert sum(results) == 1
    assert (first.status, second.status) == ("expired", "offered")
