"""The staff pages: writing a campaign, live audience count, preview, test, send, lists."""

import datetime as dt

import pytest
from django.core import mail as django_mail
from django.urls import reverse
from django.utils import timezone

from kofst.mail.enums import CampaignState, MessageState
from kofst.mail.models import Campaign, Message
from kofst.mail.services.campaigns import campaign_build, campaign_send
from tests.factories import ChapterFactory
from tests.factories.mail import CampaignFactory, MessageFactory

FORM = {
    "name": "Spring news",
    "audience_kind": "members",
    "subject_en": "News for {{ name }}",
    "body_en": "Dear {{ name }},\n\nSee you at UKC.",
    "subject_ko": "",
    "body_ko": "",
}


@pytest.fixture
def staff(client, association_staff):
    client.force_login(association_staff)
    return association_staff


def test_staff_write_a_campaign_for_their_association(client, staff, association):
    chapter = ChapterFactory(association=association)

    response = client.post(
        reverse("mail:campaign_create"),
        {**FORM, "association": association.pk, "chapters": [chapter.pk], "statuses": ["active"]},
    )

    campaign = Campaign.objects.get()
    assert response["Location"] == reverse("mail:campaign_detail", kwargs={"pk": campaign.pk})
    assert (campaign.association, campaign.state) == (association, CampaignState.DRAFT)
    assert campaign.audience == {"chapters": [chapter.pk], "statuses": ["active"]}
    assert campaign.created_by == staff


def test_campaign_form_shows_errors_next_to_the_fields(client, staff, association):
    response = client.post(
        reverse("mail:campaign_create"),
        {**FORM, "association": association.pk, "subject_en": "Hi {{ nmae }}"},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_subject_en_errors"' in body
    assert "Unknown placeholder: {{ nmae }}" in body
    assert not Campaign.objects.exists()


def test_audience_preview_counts_and_samples_the_filters(client, staff, association, members_of):
    chapter = ChapterFactory(association=association)
    chosen = members_of(association, 2, chapter=chapter)
    members_of(association, 3)

    response = client.get(
        reverse("mail:audience_preview"),
        {"association": association.pk, "audience_kind": "members", "chapters": [chapter.pk]},
        headers={"HX-Request": "true"},
    )

    body = response.content.decode()
    assert 'data-total="2" data-reachable="2"' in body
    assert all(person.email in body for person in chosen)
    assert "<html" not in body  # a fragment


def test_audience_preview_counts_newsletter_consent(client, staff, association, members_of):
    members_of(association, 1, consent_newsletter=True)
    members_of(association, 2, consent_newsletter=False)

    response = client.get(
        reverse("mail:audience_preview"),
        {"association": association.pk, "audience_kind": "members", "newsletter": "on"},
    )

    body = response.content.decode()
    assert 'data-total="3" data-reachable="1"' in body
    assert "2 without newsletter consent." in body


def test_preview_renders_for_the_chosen_recipient_with_escaping(
    client, staff, association, members_of
):
    [person] = members_of(association, 1, given_name_latin="<b>Mina</b>", family_name_latin="Lee")
    campaign = CampaignFactory(association=association, **{k: FORM[k] for k in ("body_en",)})

    response = client.get(
        reverse("mail:campaign_preview", kwargs={"pk": campaign.pk}),
        {"person": person.pk, "language": "en"},
        headers={"HX-Request": "true"},
    )

    body = response.content.decode()
    assert "Dear &lt;b&gt;Mina&lt;/b&gt; Lee," in body
    assert "<b>Mina</b>" not in body
    assert f'data-person="{person.pk}"' in body


def test_preview_of_someone_outside_the_audience_is_404(
    client, staff, association, other_association, members_of
):
    [outsider] = members_of(other_association, 1)
    campaign = CampaignFactory(association=association)

    response = client.get(
        reverse("mail:campaign_preview", kwargs={"pk": campaign.pk}), {"person": outsider.pk}
    )

    assert response.status_code == 404
    assert outsider.email not in response.content.decode()


def test_test_send_goes_to_the_staff_member(
    client, staff, association, members_of, django_capture_on_commit_callbacks
):
    [person] = members_of(association, 1)
    campaign = CampaignFactory(association=association)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("mail:campaign_test", kwargs={"pk": campaign.pk}), {"person": person.pk}
        )

    assert response.status_code == 302
    [sent] = django_mail.outbox
    assert sent.to == [staff.email]
    assert sent.subject == f"[Test] News from {association.name_en}"
    assert Message.objects.get().state == MessageState.SENT


def test_send_later_refuses_a_time_in_the_past(client, staff, association, members_of):
    members_of(association, 1)
    campaign = CampaignFactory(association=association)
    past = (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")

    response = client.post(
        reverse("mail:campaign_send", kwargs={"pk": campaign.pk}),
        {"when": "later", "send_at": past},
    )

    assert response.status_code == 400
    assert "Choose a time in the future." in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DRAFT


def test_send_now_delivers_and_the_status_stops_polling(
    client, staff, association, members_of, django_capture_on_commit_callbacks
):
    members_of(association, 3)
    campaign = CampaignFactory(association=association)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mail:campaign_send", kwargs={"pk": campaign.pk}), {"when": "now"})

    status = client.get(reverse("mail:campaign_status", kwargs={"pk": campaign.pk}))
    body = status.content.decode()
    assert len(django_mail.outbox) == 3
    assert 'data-state="done"' in body
    assert 'aria-valuenow="100"' in body
    assert 'data-count="sent">3<' in body
    assert "hx-trigger" not in body


def test_status_polls_while_sending(client, staff, association, members_of):
    members_of(association, 2)
    campaign = CampaignFactory(association=association)
    campaign_send(campaign=campaign, actor=staff)
    campaign_build(campaign_id=campaign.pk)

    body = client.get(reverse("mail:campaign_status", kwargs={"pk": campaign.pk})).content.decode()

    assert 'hx-trigger="every 2s"' in body
    assert 'data-count="remaining">2<' in body
    assert 'id="pause-button"' in body


def test_message_lookup_by_address_shows_history(client, hq_user, db):
    client.force_login(hq_user)
    message = MessageFactory(to_email="Ana@Example.org", smtp_reply="250 2.0.0 queued as X1")
    MessageFactory(to_email="someone@example.org")
    message.events.create(state="sending", attempt=1, worker="w1", detail="claimed")
    message.events.create(state="sent", attempt=1, worker="w1", detail="250 2.0.0 queued as X1")

    listing = client.get(reverse("mail:message_list"), {"q": "ana@example.org"}).content.decode()
    detail = client.get(reverse("mail:message_detail", kwargs={"pk": message.pk})).content.decode()

    assert "Ana@Example.org" in listing and "someone@example.org" not in listing
    assert detail.count("data-event-state=") == 2
    assert "250 2.0.0 queued as X1" in detail


@pytest.mark.parametrize("count", [1, 3])
def test_campaign_list_query_count_is_constant(
    client, hq_user, django_assert_max_num_queries, count
):
    client.force_login(hq_user)
    for _ in range(count):
        campaign = CampaignFactory()
        MessageFactory(campaign=campaign)

    with django_assert_max_num_queries(9):
        response = client.get(reverse("mail:campaign_list"))

    assert response.content.decode().count("data-campaign=") == count


@pytest.mark.parametrize("count", [1, 3])
def test_message_list_query_count_is_constant(
    client, hq_user, django_assert_max_num_queries, count
):
    client.force_login(hq_user)
    campaign = CampaignFactory()
    for _ in range(count):
        MessageFactory(campaign=campaign)
        MessageFactory()

    with django_assert_max_num_queries(8):
        response = client.get(reverse("mail:message_list"))

    assert response.content.decode().count("data-message=") == 2 * count


@pytest.mark.parametrize("count", [1, 3])
def test_campaign_messages_query_count_is_constant(
    client, hq_user, django_assert_max_num_queries, count
):
    client.force_login(hq_user)
    campaign = CampaignFactory()
    for _ in range(count):
        MessageFactory(campaign=campaign)

    with django_assert_max_num_queries(9):
        response = client.get(reverse("mail:campaign_messages", kwargs={"pk": campaign.pk}))

    assert response.content.decode().count("data-message=") == count
