"""Renewal reminders: 30 and 7 days before expiry and on lapsing, once each."""

import datetime as dt

import pytest
from django.utils import timezone

from kofst.mail.models import Message
from kofst.mail.services.reminders import renewal_reminders_send
from tests.factories import MembershipFactory


def _kinds() -> list[tuple[str, str]]:
    return sorted(Message.objects.values_list("person__email", "kind"))


@pytest.fixture
def today():
    return timezone.localdate()


def _membership(association, expires_on, **fields):
    return MembershipFactory(
        association=association,
        expires_on=expires_on,
        joined_on=expires_on - dt.timedelta(days=700),
        **fields,
    )


def test_reminders_go_at_30_and_7_days_and_on_lapsing(db, association, today):
    in_30 = _membership(association, today + dt.timedelta(days=30))
    in_7 = _membership(association, today + dt.timedelta(days=7))
    lapsed = _membership(association, today - dt.timedelta(days=1))
    _membership(association, today + dt.timedelta(days=90))  # not yet
    _membership(association, today - dt.timedelta(days=60))  # lapsed long ago: not again
    _membership(association, today + dt.timedelta(days=7), resigned_on=today)  # resigned

    assert renewal_reminders_send(today=today) == 3

    assert _kinds() == sorted(
        [
            (in_30.person.email, "renewal_reminder_30"),
            (in_7.person.email, "renewal_reminder_7"),
            (lapsed.person.email, "renewal_reminder_grace"),
        ]
    )
    message = Message.objects.get(kind="renewal_reminder_7")
    assert message.association == association
    assert in_7.member_number in message.body_text


def test_reminders_are_sent_once_per_expiry_and_stage(db, association, today):
    membership = _membership(association, today + dt.timedelta(days=30))
    renewal_reminders_send(today=today)

    assert renewal_reminders_send(today=today) == 0
    assert renewal_reminders_send(today=today + dt.timedelta(days=1)) == 0  # still the 30-day
    assert renewal_reminders_send(today=today + dt.timedelta(days=23)) == 1  # the 7-day one
    membership.expires_on = today + dt.timedelta(days=395)  # renewed for a year
    membership.save()
    assert renewal_reminders_send(today=today + dt.timedelta(days=365)) == 1  # new expiry
    assert Message.objects.count() == 3


def test_life_members_get_no_reminder(db, association, today):
    MembershipFactory(association=association, expires_on=None, type="life")

    assert renewal_reminders_send(today=today) == 0
