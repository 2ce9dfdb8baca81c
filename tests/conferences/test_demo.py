"""The demo conferences: every series, places never overbooked, the member's registrations."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from conferences.models import Conference, ConferenceSeries, Registration
from kofst.accounts.models import User

SMALL = 600


def seed(*args: str) -> None:
    call_command("seed_demo", "--people", str(SMALL), *args, stdout=StringIO())


@pytest.mark.django_db
def test_demo_conferences_cover_every_series_without_overbooking():
    seed()

    assert set(ConferenceSeries.objects.values_list("code", flat=True)) >= {
        "ukc", "ekc", "ckc", "akc", "ciskc", "wcse", "ygf", "ngl", "snk",
    }  # fmt: skip
    conferences = Conference.objects.annotate(
        held=Count("registrations", filter=Q(registrations__status="confirmed")),
        waiting=Count("registrations", filter=Q(registrations__status="waitlisted")),
    )
    assert all(c.held <= c.capacity for c in conferences)
    ygf = conferences.get(series__code="ygf")
    assert (ygf.held, ygf.waiting > 0) == (ygf.capacity, True)
    assert conferences.filter(status="open", sessions__isnull=False).distinct().count() == 4
    past = Registration.objects.filter(conference__status="archived", checked_in_at__isnull=False)
    assert past.exists()


@pytest.mark.django_db
def test_demo_member_login_has_registrations():
    seed()

    member = User.objects.get(email="member@demo.kofst.example").person
    mine = {
        (r.conference.series.code, r.conference.status, r.status, r.checked_in_at is not None)
        for r in Registration.objects.filter(person=member).select_related("conference__series")
    }

    assert mine == {
        ("ukc", "open", "confirmed", False),
        ("ygf", "open", "waitlisted", False),
        ("ukc", "archived", "confirmed", True),
    }


@pytest.mark.django_db
def test_demo_reset_rebuilds_the_conferences():
    seed()
    before = Registration.objects.count()

    seed("--reset")

    assert Registration.objects.count() == before
    assert Conference.objects.count() == 9
