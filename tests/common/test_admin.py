"""The Django admin: every registered model's pages open for a superuser, and the records
that change only through the staff pages (history, locks, outbox) are read-only there."""

import pytest
from django.contrib import admin
from django.urls import reverse

from kofst.common.admin import ReadOnlyAdmin
from tests.conftest import give_totp
from tests.factories import UserFactory
from tests.factories.conferences import ConferenceFactory, make_registration
from tests.factories.roster import DuesPaymentFactory, make_member

pytestmark = pytest.mark.django_db

READ_ONLY = {
    "members.person",
    "members.membership",
    "members.duespayment",
    "members.joinapplication",
    "members.importjob",
    "conferences.conference",
    "conferences.conferenceseries",
    "conferences.registration",
    "certificates.certificate",
    "certificates.certificatebatch",
    "common.auditentry",
    "mail.campaign",
    "mail.message",
    "mail.unsubscription",
}


@pytest.fixture
def superuser(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    give_totp(user)
    client.force_login(user)
    return user


@pytest.fixture
def some_records(association):
    member = make_member(association, family_name_ko="김", given_name_ko="철수")
    DuesPaymentFactory(membership=member)
    make_registration(conference=ConferenceFactory(), person=member.person)


def _label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def test_every_registered_model_lists_and_opens(client, superuser, some_records):
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        listing = client.get(reverse("admin:{}_{}_changelist".format(*info)))
        assert listing.status_code == 200, _label(model)
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            page = client.get(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
            assert page.status_code == 200, _label(model)


def test_records_with_history_are_read_only(client, superuser, some_records):
    read_only = {
        _label(model)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ReadOnlyAdmin)
    }
    assert read_only == READ_ONLY

    from members.models import Person

    person = Person.objects.get(family_name_ko="김")
    url = reverse("admin:members_person_change", args=[person.pk])
    response = client.post(url, {"family_name_ko": "박"})
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.family_name_ko == "김"
    assert client.get(reverse("admin:members_person_add")).status_code == 403
