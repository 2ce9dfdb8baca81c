"""Factories for association pages: committees, partners and agreements."""

import datetime as dt

import factory

from associations.models import (
    Committee,
    CommitteeMember,
    CooperationAgreement,
    PartnerOrganization,
)
from tests.factories import AssociationFactory, PersonFactory


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    association = factory.SubFactory(AssociationFactory)
    name_en = factory.Sequence(lambda n: f"Committee {n}")
    name_ko = factory.Sequence(lambda n: f"위원회 {n}")


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    committee = factory.SubFactory(CommitteeFactory)
    person = factory.SubFactory(PersonFactory)
    role = "member"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganization
        django_get_or_create = ["acronym"]

    acronym = factory.Sequence(lambda n: f"P{n}")
    name_en = factory.Sequence(lambda n: f"Partner {n}")
    country = "US"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationAgreement

    partner = factory.SubFactory(PartnerFactory)
    title = factory.Sequence(lambda n: f"Memorandum of understanding {n}")
    signed_on = dt.date(2020, 5, 1)
