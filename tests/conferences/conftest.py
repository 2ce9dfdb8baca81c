"""Fixtures for the conferences tests: a UKC edition organised by the ``association``
fixture (KSEA), with one open category."""

import pytest

from tests.factories.conferences import ConferenceFactory, RegistrationCategoryFactory


@pytest.fixture
def conference(db, association):
    return ConferenceFactory(organisers=[association], slug="ukc-2026", capacity=100)


@pytest.fixture
def category(conference):
    return RegistrationCategoryFactory(conference=conference, name_en="Regular")


@pytest.fixture
def member_person(member_user):
    return member_user.person
