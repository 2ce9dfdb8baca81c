"""Attachments are private: served only through the permission-checked view."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.utils import timezone

from awards.models import AwardCycle
from awards.services.assignments import conflict_declare
from awards.services.nominations import attachment_add, nomination_start
from tests.awards.conftest import make_member
from tests.factories import MembershipFactory, PersonFactory
from tests.factories.awards import pdf_bytes

pytestmark = pytest.mark.django_db


def _url(attachment) -> str:
    return f"/awards/files/{attachment.public_id}/"


@pytest.fixture
def attachment(world):
    return world.nominations[0].attachments.get()


def _get(client, user, url):
    """GET as ``user``; a file response is read into ``.body`` (which closes the file)."""
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    response.body = b"".join(response.streaming_content) if response.streaming else b""
    return response


def test_attachment_nominator_downloads_the_pdf(client, world, attachment):
    response = _get(client, world.nominator, _url(attachment))

    assert response.status_code == 200
    assert response.body == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cv-0.pdf"'
    assert response["Cache-Control"] == "private, no-store"


def test_attachment_assigned_reviewer_downloads(client, world, attachment):
    response = _get(client, world.reviewers[0], _url(attachment))

    assert response.status_code == 200
    assert response.body.startswith(b"%PDF-")


def test_attachment_unassigned_reviewer_gets_404(client, world, attachment):
    reviewer_b_only = world.reviewers[2]  # r3 reviews B and C, not A

    response = _get(client, reviewer_b_only, _url(attachment))

    assert response.status_code == 404


def test_attachment_conflicted_reviewer_gets_404(client, world, attachment):
    response = _get(client, world.conflicted, _url(attachment))

    assert response.status_code == 404


def test_attachment_reviewer_who_declared_a_conflict_loses_access(client, world, attachment):
    r1 = world.reviewers[0]
    conflict_declare(
        assignment=world.assignment(r1, world.candidates[0]),
        type="collaborator",
        reason="We wrote a paper together in 2024.",
        actor=r1,
    )

    response = _get(client, r1, _url(attachment))

    assert response.status_code == 404


@pytest.mark.parametrize("who", ["chair", "hq"])
def test_attachment_chair_and_hq_download(client, world, attachment, hq_user, who):
    user = world.chair if who == "chair" else hq_user

    response = _get(client, user, _url(attachment))

    assert response.status_code == 200
    assert response.body.startswith(b"%PDF-")


def test_attachment_other_member_gets_404(client, world, attachment):
    response = _get(client, world.other_member, _url(attachment))

    assert response.status_code == 404


@pytest.mark.parametrize("role", ["association_admin", "association_staff", "committee"])
def test_attachment_other_roles_get_404(client, world, attachment, users_by_role, role):
    response = _get(client, users_by_role[role], _url(attachment))

    assert response.status_code == 404


def test_attachment_anonymous_is_sent_to_login(client, attachment):
    response = client.get(_url(attachment))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_attachment_of_a_draft_is_only_the_nominators(client, world, hq_user):
    AwardCycle.objects.filter(pk=world.cycle.pk).update(
        status="nominating", nominations_close_at=timezone.now() + dt.timedelta(days=1)
    )
    world.cycle.refresh_from_db()
    nominee = PersonFactory(given_name_latin="Draftee")
    MembershipFactory(person=nominee, association=world.association)
    nominator = make_member(world.association, affiliation="Drafting")
    draft = nomination_start(
        cycle=world.cycle, nominator=nominator.person, nominee=nominee, actor=nominator
    )
    attachment = attachment_add(
        nomination=draft, file=io.BytesIO(pdf_bytes()), name="d.pdf", kind="cv", actor=nominator
    )

    assert _get(client, hq_user, _url(attachment)).status_code == 404
    assert _get(client, world.chair, _url(attachment)).status_code == 404
    assert _get(client, nominator, _url(attachment)).status_code == 200


def test_attachment_is_not_under_a_public_media_url(client, world, attachment, settings):
    location = Path(storages["private"].location).resolve()

    assert not location.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    client.force_login(world.nominator)
    assert client.get(f"/media/{attachment.storage_name}").status_code == 404
    assert client.get(f"{settings.MEDIA_URL}{attachment.storage_name}").status_code == 404
