"""Factories for conferences. Registrations are made through the service, as in life."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from conferences.enums import ConferenceStatus
from conferences.models import (
    Conference,
    ConferenceSeries,
    Question,
    Registration,
    RegistrationCategory,
    Session,
)
from tests.factories import AssociationFactory, PersonFactory


class ConferenceSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConferenceSeries
        django_get_or_create = ["code"]

    code = "ukc"
    name_en = "US–Korea Conference on Science, Technology and Entrepreneurship"
    name_ko = "한미과학기술학술대회"


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference
        skip_postgeneration_save = True

    series = factory.SubFactory(ConferenceSeriesFactory)
    slug = factory.Sequence(lambda n: f"ukc-2026-{n}")
    year = 2026
    title_en = factory.Sequence(lambda n: f"UKC 2026 ({n})")
    title_ko = "2026 한미과학기술학술대회"
    venue = "Hyatt Regency Washington"
    city = "Washington, DC"
    country = "US"
    timezone = "America/New_York"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=2))
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    registration_closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    capacity = 100
    status = ConferenceStatus.OPEN
    payment_instructions_en = "Pay by bank transfer to KSEA, account 123-456, quoting your code."

    @factory.post_generation
    def organisers(obj, create, extracted, **kwargs):  # noqa: N805
        if not create:
            return
        obj.organisers.set(extracted if extracted is not None else [AssociationFactory()])


class RegistrationCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationCategory

    conference = factory.SubFactory(ConferenceFactory)
    name_en = factory.Sequence(lambda n: f"Category {n}")
    name_ko = factory.Sequence(lambda n: f"등록 {n}")
    fee = Decimal("150.00")
    currency = "USD"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    conference = factory.SubFactory(ConferenceFactory)
    label_en = factory.Sequence(lambda n: f"Question {n}")
    kind = "text"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    conference = factory.SubFactory(ConferenceFactory)
    title_en = factory.Sequence(lambda n: f"Session {n}")
    track = "Energy"
    room = "Ballroom A"
    starts_at = factory.LazyAttribute(
        lambda o: dt.datetime.combine(o.conference.starts_on, dt.time(9, 0), o.conference.tz)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=90))


def make_registration(
    *, conference: Conference, category=None, person=None, answers=None, actor=None
) -> Registration:
    """A registration made the way staff make one (no eligibility or window checks)."""
    from conferences.services import registration_create

    category = (
        category
        or conference.categories.first()
        or RegistrationCategoryFactory(conference=conference)
    )
    return registration_create(
        conference=conference,
        person=person or PersonFactory(),
        category=category,
        answers=answers or {},
        actor=actor,
        by_staff=True,
    )
