"""Campaign services: audience, rows, sending inline to a real SMTP server, states."""

import datetime as dt
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kofst.mail import sending
from kofst.mail.audience import audience_people
from kofst.mail.enums import CampaignState, MessageState, SkipReason
from kofst.mail.models import Campaign, Message, Unsubscription
from kofst.mail.selectors import campaign_progress
from kofst.mail.services.campaigns import (
    campaign_build,
    campaign_cancel,
    campaign_create,
    campaign_pause,
    campaign_resume,
    campaign_send,
    campaign_test_send,
)
from kofst.mail.tasks import send_pending, sweep
from tests.factories import ChapterFactory, MembershipFactory, PersonFactory


def _create(actor, association, **fields) -> Campaign:
    defaults = {
        "name": "Spring news",
        "subject_en": "News for {{ name }}",
        "body_en": "Dear {{ name }}, {{ association }} writes.",
        "subject_ko": "{{ name }} 님께 소식",
        "body_ko": "{{ name }} 님, {{ association }} 소식입니다.",
        "newsletter": False,
    }
    return campaign_create(actor=actor, association=association, **{**defaults, **fields})


def _built(campaign: Campaign, actor) -> Campaign:
    """Send (without running the on-commit build) and build the rows here."""
    campaign_send(campaign=campaign, actor=actor)
    campaign_build(campaign_id=campaign.pk)
    campaign.refresh_from_db()
    return campaign


def test_campaign_to_chapter_delivers_once_each_in_their_language(
    outbox, hq_user, association, members_of, django_capture_on_commit_callbacks
):
    chapter = ChapterFactory(association=association, name_en="Boston")
    english = members_of(association, 2, chapter=chapter, preferred_language="en")
    korean = members_of(association, 1, chapter=chapter, preferred_language="ko")
    members_of(association, 2)  # another chapter: not in the audience
    campaign = _create(hq_user, association, audience={"chapters": [chapter.pk]})

    with django_capture_on_commit_callbacks(execute=True):
        campaign_send(campaign=campaign, actor=hq_user)

    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DONE
    assert campaign.recipient_count == 3
    received = Counter(m["X-Envelope-To"] for m in outbox.messages)
    assert received == Counter(p.email for p in english + korean)
    subjects = {m["X-Envelope-To"]: m["Subject"].strip() for m in outbox.messages}
    assert subjects[korean[0].email] == f"{korean[0].name_ko} 님께 소식"
    assert subjects[english[0].email] == f"News for {english[0].name_latin}"
    assert {m["List-Unsubscribe-Post"].strip() for m in outbox.messages} == {
        "List-Unsubscribe=One-Click"
    }
    progress = campaign_progress(campaign)
    assert (progress["sent"], progress["remaining"], progress["percent"]) == (3, 0, 100)


def test_campaign_rows_record_why_people_are_skipped(
    db, hq_user, association, other_association, members_of
):
    [reachable] = members_of(association, 1, consent_newsletter=True)
    [no_email] = members_of(association, 1, email=None, consent_newsletter=True)
    [no_consent] = members_of(association, 1, consent_newsletter=False)
    [erased] = members_of(association, 1, erased_at=timezone.now(), consent_newsletter=True)
    [unsubscribed] = members_of(association, 1, consent_newsletter=True)
    Unsubscription.objects.create(email=unsubscribed.email.upper().lower())
    members_of(other_association, 2, consent_newsletter=True)  # another association
    merged = members_of(association, 1, consent_newsletter=True)[0]
    merged.merged_into = reachable
    merged.save()

    campaign = _built(_create(hq_user, association, newsletter=True), hq_user)

    rows = {m.person_id: (m.state, m.skip_reason) for m in campaign.messages.all()}
    assert rows == {
        reachable.pk: (MessageState.QUEUED, ""),
        no_email.pk: (MessageState.SKIPPED, SkipReason.NO_ADDRESS),
        no_consent.pk: (MessageState.SKIPPED, SkipReason.NO_CONSENT),
        erased.pk: (MessageState.SKIPPED, SkipReason.ERASED),
        unsubscribed.pk: (MessageState.SKIPPED, SkipReason.UNSUBSCRIBED),
    }
    assert campaign.state == CampaignState.SENDING


def test_campaign_build_twice_writes_each_row_once(db, hq_user, association, members_of):
    members_of(association, 3)
    campaign = _built(_create(hq_user, association), hq_user)
    Campaign.objects.filter(pk=campaign.pk).update(state=CampaignState.BUILDING)

    campaign_build(campaign_id=campaign.pk)

    assert campaign.messages.count() == 3
    assert campaign_build(campaign_id=campaign.pk) == 0  # no longer building: nothing done


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"statuses": ["grace"]}, {"grace"}),
        ({"statuses": ["grace", "expired"]}, {"grace", "expired"}),
        ({"types": ["student"]}, {"student"}),
        ({"countries": ["DE"]}, {"german"}),
        ({"fields": ["physics"]}, {"physicist"}),
        ({"career_stages": ["postdoc"]}, {"postdoc"}),
        ({"types": ["regular"], "countries": ["US"], "statuses": ["active"]}, {"active"}),
    ],
)
def test_audience_filters_choose_people(db, association, filters, expected):
    today = timezone.localdate()
    people = {
        "active": PersonFactory(country="US"),
        "grace": PersonFactory(country="US"),
        "expired": PersonFactory(country="US"),
        "student": PersonFactory(country="US"),
        "german": PersonFactory(country="DE"),
        "physicist": PersonFactory(country="CA", field="physics"),
        "postdoc": PersonFactory(country="CA", career_stage="postdoc"),
    }
    expiry = {"grace": today - dt.timedelta(days=10), "expired": today - dt.timedelta(days=400)}
    for label, person in people.items():
        MembershipFactory(
            person=person,
            association=association,
            type="student" if label == "student" else "regular",
            expires_on=expiry.get(label, today + dt.timedelta(days=100)),
            joined_on=today - dt.timedelta(days=800),
        )

    chosen = audience_people(kind="members", filters=filters, association_id=association.pk)

    names = {label for label, person in people.items() if person in chosen}
    assert names == expected


def test_association_campaign_never_reaches_other_associations(
    db, association, other_association, members_of
):
    ours = members_of(association, 2)
    members_of(other_association, 2)

    chosen = audience_people(
        kind="members",
        filters={"associations": [other_association.pk, association.pk]},
        association_id=association.pk,
    )

    assert set(chosen) == set(ours)


def test_paused_campaign_sends_nothing_until_resumed(
    outbox, hq_user, association, members_of, django_capture_on_commit_callbacks
):
    members_of(association, 3)
    campaign = _built(_create(hq_user, association), hq_user)
    campaign_pause(campaign=campaign, actor=hq_user)

    assert send_pending() == 0
    assert outbox.messages == []

    with django_capture_on_commit_callbacks(execute=True):
        campaign_resume(campaign=campaign, actor=hq_user)

    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DONE
    assert len(outbox.messages) == 3


def test_cancelled_campaign_skips_what_was_not_sent(outbox, hq_user, association, members_of):
    members_of(association, 3)
    campaign = _built(_create(hq_user, association), hq_user)

    campaign_cancel(campaign=campaign, actor=hq_user)

    assert send_pending() == 0
    assert set(campaign.messages.values_list("state", "skip_reason")) == {
        (MessageState.SKIPPED, SkipReason.CANCELLED)
    }
    with pytest.raises(ValidationError):
        campaign_resume(campaign=campaign, actor=hq_user)


def test_unsubscribing_after_the_build_still_skips_at_send(
    outbox, hq_user, association, members_of
):
    [leaving, staying] = members_of(association, 2)
    campaign = _built(_create(hq_user, association), hq_user)
    Unsubscription.objects.create(email=leaving.email)

    send_pending()

    states = dict(campaign.messages.values_list("person_id", "state"))
    assert states == {leaving.pk: MessageState.SKIPPED, staying.pk: MessageState.SENT}
    assert [m["X-Envelope-To"] for m in outbox.messages] == [staying.email]


def test_scheduled_campaign_is_started_by_the_sweeper(
    outbox, hq_user, association, members_of, django_capture_on_commit_callbacks
):
    members_of(association, 2)
    campaign = _create(hq_user, association)
    campaign_send(campaign=campaign, actor=hq_user, send_at=timezone.now() + dt.timedelta(hours=1))
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.SCHEDULED
    sweep()
    assert outbox.messages == []

    Campaign.objects.filter(pk=campaign.pk).update(
        scheduled_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        sweep()

    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DONE
    assert len(outbox.messages) == 2


def test_campaign_send_refuses_an_audience_nobody_can_receive(db, hq_user, association, members_of):
    members_of(association, 1, email=None)
    campaign = _create(hq_user, association)

    with pytest.raises(ValidationError) as error:
        campaign_send(campaign=campaign, actor=hq_user)

    assert error.value.messages == ["Nobody in this audience can be reached by email."]
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DRAFT


def test_test_send_goes_to_the_actor_only_as_the_person_would_get_it(
    outbox, hq_user, association, members_of, django_capture_on_commit_callbacks
):
    [person] = members_of(association, 1, preferred_language="ko")
    campaign = _create(hq_user, association)

    with django_capture_on_commit_callbacks(execute=True):
        message = campaign_test_send(campaign=campaign, actor=hq_user, person=person)

    [received] = outbox.messages
    assert received["X-Envelope-To"] == hq_user.email
    assert received["Subject"].strip() == f"[Test] {person.name_ko} 님께 소식"
    assert message.language == "ko"
    assert not Message.objects.filter(to_email=person.email).exists()


def test_sweeper_requeues_rows_whose_lease_expired(
    outbox, settings, hq_user, association, members_of
):
    settings.MAIL_LEASE_GRACE_SECONDS = 0
    members_of(association, 2)
    campaign = _built(_create(hq_user, association), hq_user)
    claimed = sending.claim(limit=1, token="dead-worker")
    Message.objects.filter(pk=claimed[0].pk).update(
        lease_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    other = sending.claim(limit=1, token="live-worker")

    result = sweep()

    states = dict(campaign.messages.values_list("pk", "state"))
    assert states == {claimed[0].pk: MessageState.SENT, other[0].pk: MessageState.SENDING}
    assert result["requeued"] == 1
    history = list(Message.objects.get(pk=claimed[0].pk).events.values_list("state", flat=True))
    assert history == ["sending", "queued", "sending", "sent"]


def test_lost_lease_is_not_marked_by_the_old_worker(db, hq_user, association, members_of):
    members_of(association, 1)
    campaign = _built(_create(hq_user, association), hq_user)
    [row] = sending.claim(limit=1, token="old")
    Message.objects.filter(pk=row.pk).update(lease_token="new")  # someone else holds it now

    assert sending.mark_sent(row, "old", "250 ok") is False
    assert campaign.messages.get().state == MessageState.SENDING


def test_registrant_audience_by_status_and_organiser(db, association, other_association):
    from conferences.models import Registration
    from tests.factories.conferences import ConferenceFactory, make_registration

    ours = ConferenceFactory(organisers=[association])
    theirs = ConferenceFactory(organisers=[other_association])
    confirmed = make_registration(conference=ours)
    cancelled = make_registration(conference=ours)
    Registration.objects.filter(pk=cancelled.pk).update(
        status="cancelled", seat=None, category_seat=None
    )
    make_registration(conference=theirs)

    def chosen(filters, association_id):
        people = audience_people(kind="registrants", filters=filters, association_id=association_id)
        return set(people)

    everyone = {confirmed.person, cancelled.person}
    assert chosen({"conference": ours.pk}, association.pk) == everyone
    assert chosen({"conference": ours.pk, "registration_statuses": ["confirmed"]}, None) == {
        confirmed.person
    }
    assert chosen({"conference": ours.pk}, other_association.pk) == set()  # not theirs
    assert chosen({}, None) == set()


def test_nominator_audience_counts_submitted_nominations(db, association):
    from awards.models import Nomination
    from tests.factories import AwardCycleFactory

    cycle = AwardCycleFactory()
    member, outsider, drafter = PersonFactory(), PersonFactory(), PersonFactory()
    MembershipFactory(person=member, association=association)
    for nominator, status in ((member, "submitted"), (outsider, "submitted"), (drafter, "draft")):
        Nomination.objects.create(
            cycle=cycle, nominator=nominator, nominee=PersonFactory(), status=status
        )

    hq = audience_people(kind="nominators", filters={"award_cycle": cycle.pk}, association_id=None)
    ours = audience_people(
        kind="nominators", filters={"award_cycle": cycle.pk}, association_id=association.pk
    )

    assert set(hq) == {member, outsider}
    assert set(ours) == {member}
