"""The cycle's phases, the decision and its announcement."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from awards.enums import CycleStatus, Outcome
from awards.models import AwardCycle, Candidate, Nomination
from awards.services.cycles import (
    CriterionInput,
    criteria_replace,
    cycle_advance,
    discussion_open,
    seat_add,
)
from awards.services.decisions import cycle_announce, decision_record
from kofst.common.models import AuditEntry
from kofst.mail.models import Message
from tests.awards.conftest import give_review, make_member
from tests.factories import AwardCycleFactory, UserFactory

pytestmark = pytest.mark.django_db


def _to_deciding(world):
    AwardCycle.objects.filter(pk=world.cycle.pk).update(status=CycleStatus.DECIDING)
    world.cycle.refresh_from_db()
    return world.cycle


def test_advance_from_draft_needs_criteria_windows_and_chair(hq_user):
    cycle = AwardCycleFactory()

    with pytest.raises(ValidationError) as caught:
        cycle_advance(cycle=cycle, to_status=CycleStatus.NOMINATING, actor=hq_user)

    assert caught.value.messages == [
        "Set the review criteria; their weights must add up to 100%.",
        "Set the nomination window.",
        "Set the review window.",
        "Appoint the committee's chair.",
    ]


def test_criteria_weights_must_add_up_to_100(hq_user):
    cycle = AwardCycleFactory()

    with pytest.raises(ValidationError) as caught:
        criteria_replace(
            cycle=cycle,
            criteria=[CriterionInput("A", "가", 40), CriterionInput("B", "나", 30)],
            actor=hq_user,
        )

    assert caught.value.messages == ["The weights add up to 70%; they must add up to 100%."]


def test_advance_to_reviewing_waits_for_the_window_to_close(world):
    AwardCycle.objects.filter(pk=world.cycle.pk).update(
        status=CycleStatus.NOMINATING, nominations_close_at=timezone.now() + dt.timedelta(hours=1)
    )
    world.cycle.refresh_from_db()

    with pytest.raises(ValidationError) as caught:
        cycle_advance(cycle=world.cycle, to_status=CycleStatus.REVIEWING, actor=world.chair)

    assert caught.value.messages[0].startswith("Nominations are open until")


def test_advance_to_deciding_opens_the_discussion(world):
    cycle = cycle_advance(cycle=world.cycle, to_status=CycleStatus.DECIDING, actor=world.chair)

    assert cycle.status == CycleStatus.DECIDING
    assert cycle.discussion_opened_at is not None


def test_advance_cannot_skip_a_phase(world):
    with pytest.raises(ValidationError):
        cycle_advance(cycle=world.cycle, to_status=CycleStatus.ANNOUNCED, actor=world.chair)


def test_seat_for_a_nominee_of_the_cycle_is_refused(world, hq_user):
    nominee_user = UserFactory()
    person = world.candidates[0].person
    person.user = nominee_user
    person.save(update_fields=["user"])

    with pytest.raises(ValidationError) as caught:
        seat_add(cycle=world.cycle, user=nominee_user, role="member", actor=hq_user)

    assert "is nominated in this cycle" in caught.value.message_dict["email"][0]


def test_decision_and_announcement_notify_everyone(world):
    a, b, c = world.candidates
    give_review(world.reviewers[0], a, [9, 9, 9])
    discussion_open(cycle=world.cycle, actor=world.chair)
    cycle = _to_deciding(world)
    second_nominator = make_member(world.association, affiliation="Second")
    Nomination.objects.create(
        cycle=cycle,
        nominator=second_nominator.person,
        nominee=a.person,
        candidate=a,
        status="submitted",
        statement_en="Also great",
        submitted_at=timezone.now(),
    )

    decision_record(
        cycle=cycle,
        winner_ids=[a.pk],
        rationale="Highest normalised score and a unanimous committee.",
        citations={a.pk: ("For batteries.", "배터리 연구")},
        actor=world.chair,
    )
    cycle_announce(cycle=cycle, actor=world.chair)

    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.ANNOUNCED
    outcomes = dict(Candidate.objects.filter(cycle=cycle).values_list("pk", "outcome"))
    assert outcomes == {
        a.pk: Outcome.WINNER,
        b.pk: Outcome.NOT_SELECTED,
        c.pk: Outcome.NOT_SELECTED,
    }
    kinds = sorted(
        Message.objects.filter(kind__startswith="award_result").values_list("kind", "to_email")
    )
    assert kinds == sorted(
        [
            ("award_result_nominee", a.person.email),
            ("award_result_nominee", b.person.email),
            ("award_result_nominee", c.person.email),
            ("award_result_nominator", world.nominator.email),
            ("award_result_nominator", world.nominator.email),
            ("award_result_nominator", world.nominator.email),
            ("award_result_nominator", second_nominator.email),
        ]
    )
    winner = Message.objects.get(kind="award_result_nominee", to_email=a.person.email)
    assert winner.subject.startswith("Congratulations")
    assert "For batteries." in winner.body_text
    assert AuditEntry.objects.filter(action="cycle.announce", changes__cycle=cycle.pk).exists()


def test_announcement_needs_a_decision(world):
    cycle = _to_deciding(world)

    with pytest.raises(ValidationError) as caught:
        cycle_announce(cycle=cycle, actor=world.chair)

    assert caught.value.messages == ["Record the decision before announcing it."]
    assert Message.objects.filter(kind__startswith="award_result").count() == 0


def test_decision_needs_a_winner_and_a_rationale(world):
    cycle = _to_deciding(world)

    with pytest.raises(ValidationError) as caught:
        decision_record(cycle=cycle, winner_ids=[], rationale="", citations={}, actor=world.chair)

    assert caught.value.message_dict == {"winners": ["Choose at least one winner."]}


def test_public_page_shows_winners_only_after_announcement(client, world):
    a = world.candidates[0]
    cycle = _to_deciding(world)
    decision_record(
        cycle=cycle, winner_ids=[a.pk], rationale="Best.", citations={}, actor=world.chair
    )
    url = f"/awards/{cycle.award.code}/{cycle.year}/"

    before = client.get(url).content.decode()
    cycle_announce(cycle=cycle, actor=world.chair)
    after = client.get(url).content.decode()

    assert a.person.display_name not in before
    assert a.person.display_name in after
    assert "Best." not in after  # the rationale stays in the record
