"""Every role meets every mail URL: in scope it works, out of scope it is 403 or 404,
anonymous visitors are sent to sign in; never a 500."""

import pytest
from django.urls import reverse

from kofst.mail.enums import CampaignState
from tests.factories.mail import CampaignFactory, MessageFactory

LOGIN = "/accounts/login/?next="
ROLES = ["hq", "association_admin", "association_staff", "committee", "member", "anonymous"]
ASSOCIATION_STAFF = {"association_admin", "association_staff"}

# (name, needs a campaign, method); "message_detail" takes a message.
PAGES = [
    ("campaign_list", None, "get"),
    ("campaign_create", None, "get"),
    ("campaign_create", None, "post"),
    ("audience_preview", None, "get"),
    ("campaign_detail", "campaign", "get"),
    ("campaign_edit", "campaign", "get"),
    ("campaign_status", "campaign", "get"),
    ("campaign_preview", "campaign", "get"),
    ("campaign_messages", "campaign", "get"),
    ("campaign_test", "campaign", "post"),
    ("campaign_send", "campaign", "post"),
    ("campaign_pause", "campaign", "post"),
    ("campaign_resume", "campaign", "post"),
    ("campaign_cancel", "campaign", "post"),
    ("message_list", None, "get"),
    ("message_detail", "message", "get"),
]
DATA = {"campaign_send": {"when": "now"}}
# Whose object: ours (the staff fixtures' association), another association's, KOFST-wide.
SCOPES = ["ours", "theirs", "kofst"]


@pytest.fixture
def objects(db, association, other_association, members_of):
    members_of(association, 2)
    members_of(other_association, 1)
    made = {}
    for scope, owner in (("ours", association), ("theirs", other_association), ("kofst", None)):
        campaign = CampaignFactory(association=owner, name=f"Campaign {scope}")
        message = MessageFactory(association=owner, to_email=f"{scope}@example.org")
        made[scope] = {"campaign": campaign, "message": message}
    return made


def _expected(role: str, name: str, scope: str, method: str) -> int:
    if role == "anonymous":
        return 302
    if role in ("committee", "member"):
        return 403
    needs_object = name.startswith("campaign_") and name not in ("campaign_list", "campaign_create")
    scoped = needs_object or name == "message_detail"
    if role in ASSOCIATION_STAFF and scoped and scope != "ours":
        return 404
    if method == "post" and name != "campaign_create":
        return 302  # done (or refused with a message), back to the campaign
    return 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "needs", "method"), PAGES)
def test_mail_url_for_role(client, users_by_role, objects, role, name, needs, method):
    user = users_by_role[role]
    if user is not None:
        client.force_login(user)
    for scope in SCOPES if needs else SCOPES[:1]:
        target = objects[scope].get(needs) if needs else None
        url = reverse(f"mail:{name}", kwargs={"pk": target.pk} if target else None)
        expected = _expected(role, name, scope, method)

        response = getattr(client, method)(url, DATA.get(name, {}))

        assert response.status_code == expected, (role, name, scope)
        body = response.content.decode()
        if expected == 302 and role == "anonymous":
            assert response["Location"] == LOGIN + url
        elif expected == 302:
            assert response["Location"] == reverse("mail:campaign_detail", kwargs={"pk": target.pk})
        elif expected == 403:
            assert "does not have access" in body
        elif expected == 404:
            assert objects[scope]["campaign"].name not in body
            assert objects[scope]["message"].to_email not in body
        elif target is not None and name not in ("campaign_preview", "campaign_status"):
            shown = target.name if needs == "campaign" else target.to_email
            assert shown in body


@pytest.mark.parametrize("role", ["association_admin", "association_staff"])
def test_association_staff_lists_only_their_campaigns_and_messages(
    client, users_by_role, objects, role
):
    client.force_login(users_by_role[role])

    campaigns = client.get(reverse("mail:campaign_list")).content.decode()
    messages = client.get(reverse("mail:message_list")).content.decode()

    assert "Campaign ours" in campaigns
    assert "Campaign theirs" not in campaigns and "Campaign kofst" not in campaigns
    assert "ours@example.org" in messages
    assert "theirs@example.org" not in messages and "kofst@example.org" not in messages


def test_association_staff_cannot_write_for_another_association(
    client, association_staff, other_association
):
    client.force_login(association_staff)

    response = client.post(
        reverse("mail:campaign_create"),
        {
            "name": "Intrusion",
            "association": other_association.pk,
            "audience_kind": "members",
            "subject_en": "Hi",
            "body_en": "Hello",
        },
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not CampaignFactory._meta.model.objects.filter(name="Intrusion").exists()


def test_hq_sees_every_campaign_state_without_error(client, hq_user, objects):
    client.force_login(hq_user)
    for state in CampaignState.values:
        CampaignFactory(state=state, name=f"In state {state}")

    response = client.get(reverse("mail:campaign_list"))

    body = response.content.decode()
    assert all(f"In state {state}" in body for state in CampaignState.values)
