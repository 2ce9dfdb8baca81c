"""Factories for the staff roster: members with their search fields filled, dues."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from members.models import DuesPayment, Membership
from members.services.people import person_refresh_search
from tests.factories import MembershipFactory, PersonFactory


def make_member(association, *, membership: dict | None = None, **person_fields) -> Membership:
    """A person with one membership of ``association``, searchable like a real one."""
    person = PersonFactory(**person_fields)
    member = MembershipFactory(person=person, association=association, **(membership or {}))
    person_refresh_search(person=person)
    person.refresh_from_db()
    member.person = person
    return member


class DuesPaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DuesPayment

    membership = factory.SubFactory(MembershipFactory)
    period_start = factory.LazyFunction(lambda: timezone.localdate().replace(month=1, day=1))
    period_end = factory.LazyFunction(lambda: timezone.localdate().replace(month=12, day=31))
    amount = Decimal("100.00")
    currency = "USD"
    paid_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=3))
    method = "bank_transfer"
