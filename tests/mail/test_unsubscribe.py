"""The signed one-click unsubscribe link: valid, tampered, expired; respected afterwards."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kofst.common.models import AuditEntry
from kofst.mail.models import Unsubscription
from kofst.mail.tokens import unsubscribe_token
from tests.factories import PersonFactory


@pytest.fixture
def person(db):
    return PersonFactory(email="Ana@Example.org", consent_newsletter=True)


def _url(token: str) -> str:
    return reverse("mail:unsubscribe", kwargs={"token": token})


def test_unsubscribe_link_asks_before_unsubscribing(client, person):
    token = unsubscribe_token(email=person.email, person_id=person.pk)

    response = client.get(_url(token))

    assert response.status_code == 200
    assert "ana@example.org" in response.content.decode()
    assert 'id="unsubscribe-form"' in response.content.decode()
    assert not Unsubscription.objects.exists()  # link scanners must not unsubscribe anyone


def test_one_click_post_unsubscribes_without_login_or_csrf(person):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    token = unsubscribe_token(email=person.email, person_id=person.pk, campaign_id=None)

    response = client.post(_url(token), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    unsubscription = Unsubscription.objects.get()
    assert (unsubscription.email, unsubscription.person, unsubscription.one_click) == (
        "ana@example.org",
        person,
        True,
    )
    assert timezone.now() - unsubscription.created_at < dt.timedelta(minutes=1)
    person.refresh_from_db()
    assert person.consent_newsletter is False
    assert AuditEntry.objects.filter(action="mail.unsubscribed", person_id=person.pk).count() == 1


def test_unsubscribing_twice_keeps_the_first_record(client, person):
    token = unsubscribe_token(email=person.email, person_id=person.pk)
    client.post(_url(token))
    first = Unsubscription.objects.get()

    response = client.post(_url(token))

    assert response.status_code == 200
    assert list(Unsubscription.objects.all()) == [first]
    assert "has been unsubscribed since" in client.get(_url(token)).content.decode()


def test_tampered_unsubscribe_link_is_refused(client, person):
    token = unsubscribe_token(email=person.email, person_id=person.pk)
    other = unsubscribe_token(email="victim@example.org")
    tampered = other.split(":")[0] + ":" + token.split(":", 1)[1]  # payload swapped

    get = client.get(_url(tampered))
    post = client.post(_url(tampered), {"List-Unsubscribe": "One-Click"})

    assert get.status_code == post.status_code == 400
    assert "This unsubscribe link is not valid." in post.content.decode()
    assert not Unsubscription.objects.exists()


def test_expired_unsubscribe_link_is_refused(client, settings, person):
    settings.MAIL_UNSUBSCRIBE_MAX_AGE_DAYS = 30
    issued = timezone.now() - dt.timedelta(days=31)
    token = unsubscribe_token(email=person.email, person_id=person.pk, issued_at=issued)

    response = client.post(_url(token))

    assert response.status_code == 400
    assert "This unsubscribe link has expired." in response.content.decode()
    assert not Unsubscription.objects.exists()


def test_unsubscribe_link_from_a_month_ago_still_works(client, settings, person):
    settings.MAIL_UNSUBSCRIBE_MAX_AGE_DAYS = 400
    issued = timezone.now() - dt.timedelta(days=31)
    token = unsubscribe_token(email=person.email, person_id=person.pk, issued_at=issued)

    response = client.post(_url(token))

    assert response.status_code == 200
    assert Unsubscription.objects.get().email == "ana@example.org"
