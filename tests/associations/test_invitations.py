"""Inviting staff by email, accepting the invitation, removing staff."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from associations.models import StaffInvitation, StaffRole
from associations.services import staff_invitation_accept, staff_invite
from kofst.common.models import AuditEntry
from kofst.common.roles import roles_of
from tests.factories import StaffRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def invite_url(association) -> str:
    return reverse("associations:staff_invite", args=[association.code])


def token_from(body: str) -> str:
    return re.search(r"/associations/invitations/([^/\s]+)/", body).group(1)


def test_admin_invites_by_email_and_the_link_arrives_through_smtp(
    client, association, association_admin, smtp_server, django_capture_on_commit_callbacks
):
    client.force_login(association_admin)

    with (
        override_settings(**smtp_server.settings()),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            invite_url(association), {"email": "New.Officer@Example.org", "role": "staff"}
        )

    assert response.status_code == 302
    invitation = StaffInvitation.objects.get()
    assert (invitation.email, invitation.role) == ("new.officer@example.org", "staff")
    [message] = smtp_server.messages
    assert message["To"].addresses[0].addr_spec == "new.officer@example.org"
    token = token_from(message.get_body(preferencelist=("plain",)).get_content())
    assert invitation.token_hash != token and len(invitation.token_hash) == 64
    assert AuditEntry.objects.filter(action="staff.invite", association_id=association.pk).exists()


def test_accepting_while_signed_in_with_that_email_grants_the_role(
    client, association, association_admin, django_capture_on_commit_callbacks
):
    invitee = UserFactory(email="officer@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        staff_invite(
            association=association,
            email="officer@example.org",
            role="admin",
            actor=association_admin,
        )
    token = token_from(mail.outbox[0].body)
    client.force_login(invitee)
    url = reverse("associations:invitation_accept", args=[token])

    shown = client.get(url)
    accepted = client.post(url)

    assert shown.status_code == 200 and shown.context["problem"] is None
    assert accepted.status_code == 302
    role = StaffRole.objects.get(user=invitee)
    assert (role.association, role.role) == (association, "admin")
    assert StaffInvitation.objects.get().accepted_by == invitee


def test_accepting_with_another_email_is_refused(client, association, association_admin):
    _invitation, token = staff_invite(
        association=association, email="right@example.org", role="staff", actor=association_admin
    )
    wrong = UserFactory(email="wrong@example.org")
    client.force_login(wrong)

    response = client.post(reverse("associations:invitation_accept", args=[token]))

    assert "This invitation is for right@example.org" in response.content.decode()
    assert not StaffRole.objects.filter(user=wrong).exists()


def test_an_expired_invitation_cannot_be_accepted(association, association_admin):
    invitation, token = staff_invite(
        association=association, email="late@example.org", role="staff", actor=association_admin
    )
    StaffInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    late = UserFactory(email="late@example.org")

    with pytest.raises(ValidationError, match="expired"):
        staff_invitation_accept(token=token, user=late)
    assert not StaffRole.objects.filter(user=late).exists()


def test_a_used_or_revoked_invitation_cannot_be_accepted_again(
    client, association, association_admin
):
    _invitation, token = staff_invite(
        association=association, email="twice@example.org", role="staff", actor=association_admin
    )
    user = UserFactory(email="twice@example.org")
    staff_invitation_accept(token=token, user=user)

    with pytest.raises(ValidationError, match="already accepted"):
        staff_invitation_accept(token=token, user=user)

    revoked, revoked_token = staff_invite(
        association=association, email="gone@example.org", role="staff", actor=association_admin
    )
    client.force_login(association_admin)
    client.post(reverse("associations:invitation_revoke", args=[association.code, revoked.pk]))
    with pytest.raises(ValidationError, match="withdrawn"):
        staff_invitation_accept(token=revoked_token, user=UserFactory(email="gone@example.org"))


def test_an_unknown_token_is_404(client, member_user):
    client.force_login(member_user)

    response = client.get(reverse("associations:invitation_accept", args=["not-a-token"]))

    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_the_invitation_link_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("associations:invitation_accept", args=["abc"]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_inviting_someone_who_is_already_staff_gets_a_message(
    client, association, association_admin, association_staff
):
    client.force_login(association_admin)

    response = client.post(
        invite_url(association), {"email": association_staff.email, "role": "staff"}
    )

    assert response.status_code == 400
    assert "is already association staff of this association" in response.content.decode()
    assert not StaffInvitation.objects.exists()


def test_a_new_invitation_replaces_the_open_one(association, association_admin):
    first, _ = staff_invite(
        association=association, email="same@example.org", role="staff", actor=association_admin
    )
    second, _ = staff_invite(
        association=association, email="same@example.org", role="admin", actor=association_admin
    )

    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None


def test_admin_removes_staff_but_not_themselves(
    client, association, association_admin, association_staff
):
    client.force_login(association_admin)
    staff_role = StaffRole.objects.get(user=association_staff)
    own_role = StaffRole.objects.get(user=association_admin)

    removed = client.post(
        reverse("associations:staff_remove", args=[association.code, staff_role.pk])
    )
    own = client.post(
        reverse("associations:staff_remove", args=[association.code, own_role.pk]), follow=True
    )

    assert removed.status_code == 302
    assert not StaffRole.objects.filter(pk=staff_role.pk).exists()
    assert StaffRole.objects.filter(pk=own_role.pk).exists()
    assert "cannot remove your own role" in own.content.decode()
    association_staff.refresh_from_db()
    assert association.pk not in roles_of(association_staff).staff_of


def test_staff_cannot_invite(client, association, association_staff):
    client.force_login(association_staff)

    response = client.post(invite_url(association), {"email": "x@example.org", "role": "admin"})

    assert response.status_code == 403
    assert not StaffInvitation.objects.exists()


def test_admin_cannot_remove_staff_of_another_association(
    client, other_association, association_admin
):
    foreign = StaffRoleFactory(association=other_association)
    client.force_login(association_admin)

    response = client.post(
        reverse("associations:staff_remove", args=[other_association.code, foreign.pk])
    )

    assert response.status_code == 403
    assert StaffRole.objects.filter(pk=foreign.pk).exists()
