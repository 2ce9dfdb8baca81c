"""Reviewing: drafts, submission, revisions in the window, and blindness everywhere."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from awards.models import AwardCycle, Review
from awards.services.cycles import discussion_open
from awards.services.reviews import ScoreInput, review_save
from kofst.common.models import AuditEntry as Audit
from kofst.mail.models import Message
from tests.awards.conftest import get_urls, give_review

pytestmark = pytest.mark.django_db

# Reviewer 2's review of candidate A: a comment and a weighted total nobody else may see
# before the discussion: (9·40 + 2·30 + 7·30) / 100 = 6.300.
SECRET = "SECRET-R2-REMARK"
SECRET_TOTAL = "6.300"


def _page(client, user, url) -> tuple[int, str]:
    client.force_login(user)
    response = client.get(url)
    if response.streaming:
        body = b"".join(response.streaming_content)
        text = body.decode("latin-1") + response.get("Content-Disposition", "")
    else:
        text = response.content.decode()
    return response.status_code, text


def _leaks(client, user, urls) -> list[str]:
    """Every URL whose response shows the secret comment or total."""
    leaked = []
    for name, url in urls.items():
        status, text = _page(client, user, url)
        assert status != 500, name
        if SECRET in text or SECRET_TOTAL in text:
            leaked.append(name)
    return leaked


@pytest.fixture
def r2_reviewed(world):
    r2 = world.reviewers[1]
    give_review(r2, world.candidates[0], [9, 2, 7], SECRET)
    return world


def test_review_draft_then_submit_keeps_one_revision(world):
    r1, a = world.reviewers[0], world.candidates[0]
    give_review(r1, a, [5, 5, 5], "first thoughts", submit=False)
    review = Review.objects.get(assignment__reviewer=r1, assignment__candidate=a)
    assert review.status == "draft"
    assert review.revisions.count() == 0

    give_review(r1, a, [8, 6, 4], "final")

    review.refresh_from_db()
    assert review.status == "submitted"
    revision = review.revisions.get()
    assert revision.number == 1
    assert str(revision.weighted_total) == "6.200"  # (8·40 + 6·30 + 4·30) / 100


def test_review_submit_needs_every_score(world):
    r1, a = world.reviewers[0], world.candidates[0]
    assignment = world.assignment(r1, a)
    first = a.cycle.criteria.first()

    with pytest.raises(ValidationError) as caught:
        review_save(
            assignment=assignment,
            scores={first.pk: ScoreInput(7, "")},
            submit=True,
            actor=r1,
        )

    assert len(caught.value.message_dict) == 2
    assert not Review.objects.filter(status="submitted").exists()


def test_review_score_outside_the_scale_is_refused(world):
    r1, a = world.reviewers[0], world.candidates[0]

    with pytest.raises(ValidationError) as caught:
        give_review(r1, a, [11, 5, 5])

    assert list(caught.value.message_dict.values())[0] == ["Give a score from 1 to 10."]


def test_review_revision_history_is_kept(world):
    r1, a = world.reviewers[0], world.candidates[0]
    give_review(r1, a, [5, 5, 5], "v1")
    give_review(r1, a, [6, 5, 5], "v2")
    give_review(r1, a, [6, 5, 9], "v3")

    review = Review.objects.get(assignment__reviewer=r1, assignment__candidate=a)
    revisions = list(review.revisions.order_by("number"))
    assert [r.number for r in revisions] == [1, 2, 3]
    assert [str(r.weighted_total) for r in revisions] == ["5.000", "5.400", "6.600"]
    first_criterion = str(a.cycle.criteria.first().pk)
    assert revisions[0].scores[first_criterion] == {
        "score": 5,
        "comment": "v1 Research excellence",
    }
    actions = list(
        Audit.objects.filter(subject_type="awards.review", subject_id=review.pk)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["review.submit", "review.revise", "review.revise"]


def test_review_revision_after_the_window_is_refused(world):
    r1, a = world.reviewers[0], world.candidates[0]
    give_review(r1, a, [5, 5, 5])
    AwardCycle.objects.filter(pk=world.cycle.pk).update(
        review_closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    a.cycle.refresh_from_db()

    with pytest.raises(ValidationError) as caught:
        give_review(r1, a, [9, 9, 9])

    assert caught.value.messages[0].startswith("The review window is closed")
    review = Review.objects.get(assignment__reviewer=r1, assignment__candidate=a)
    assert review.revisions.count() == 1
    assert {s.score for s in review.scores.all()} == {5}


def test_review_submitted_cannot_go_back_to_draft(world):
    r1, a = world.reviewers[0], world.candidates[0]
    give_review(r1, a, [5, 5, 5])

    with pytest.raises(ValidationError):
        give_review(r1, a, [1, 1, 1], submit=False)


def test_review_page_saves_and_shows_errors_next_to_fields(client, world):
    r1, a = world.reviewers[0], world.candidates[0]
    criteria = list(a.cycle.criteria.all())
    client.force_login(r1)

    response = client.post(
        f"/review/candidates/{a.pk}/",
        {f"score_{criteria[0].pk}": "8", "action": "submit"},
    )

    assert response.status_code == 400
    assert response.content.decode().count("Give a score for every criterion") == 2
    data = {f"score_{c.pk}": "7" for c in criteria} | {"action": "submit"}
    response = client.post(f"/review/candidates/{a.pk}/", data)
    assert response.status_code == 302
    assert Review.objects.get(assignment__reviewer=r1, assignment__candidate=a).is_submitted


# --- blindness ----------------------------------------------------------------------------


def test_blind_reviewer_sees_nothing_before_submitting(client, r2_reviewed):
    world = r2_reviewed
    r1 = world.reviewers[0]

    assert _leaks(client, r1, get_urls(world)) == []


def test_blind_reviewer_sees_nothing_after_submitting_before_discussion(client, r2_reviewed):
    world = r2_reviewed
    r1 = world.reviewers[0]
    give_review(r1, world.candidates[0], [5, 5, 5])

    assert _leaks(client, r1, get_urls(world)) == []
    _status, text = _page(client, r1, f"/review/candidates/{world.candidates[0].pk}/")
    assert "Hidden until you have submitted your review" in text


def test_blind_reviewer_sees_nothing_in_discussion_before_submitting(client, r2_reviewed):
    world = r2_reviewed
    r1 = world.reviewers[0]
    discussion_open(cycle=world.cycle, actor=world.chair)
    give_review(r1, world.candidates[0], [5, 5, 5], submit=False)

    assert _leaks(client, r1, get_urls(world)) == []


def test_blind_lifted_after_own_submission_and_discussion(client, r2_reviewed):
    world = r2_reviewed
    r1 = world.reviewers[0]
    give_review(r1, world.candidates[0], [5, 5, 5])
    discussion_open(cycle=world.cycle, actor=world.chair)

    _status, text = _page(client, r1, f"/review/candidates/{world.candidates[0].pk}/")

    assert SECRET in text
    assert _leaks(client, r1, get_urls(world)) == ["review_a"]


def test_blind_across_candidates_not_assigned(client, world):
    """r3 scores B; r1 (on A and C, not B) never sees it, even after the discussion."""
    r1, r3, b = world.reviewers[0], world.reviewers[2], world.candidates[1]
    give_review(r3, b, [9, 2, 7], SECRET)
    give_review(r1, world.candidates[0], [5, 5, 5])
    give_review(r1, world.candidates[2], [5, 5, 5])
    discussion_open(cycle=world.cycle, actor=world.chair)

    assert _leaks(client, r1, get_urls(world)) == []
    status, _text = _page(client, r1, f"/review/candidates/{b.pk}/")
    assert status == 404


def test_blind_chair_and_hq_see_no_scores_before_discussion(client, r2_reviewed, hq_user):
    world = r2_reviewed

    assert _leaks(client, world.chair, get_urls(world)) == []
    assert _leaks(client, hq_user, get_urls(world)) == []
    status, text = _page(client, world.chair, get_urls(world)["ranking"])
    assert status == 403
    assert "Scores are hidden from everyone until the chair opens the discussion" in text
    assert _page(client, world.chair, get_urls(world)["ranking_csv"])[0] == 403


def test_blind_conflicted_and_unassigned_see_nothing_even_in_discussion(client, r2_reviewed):
    world = r2_reviewed
    discussion_open(cycle=world.cycle, actor=world.chair)

    assert _leaks(client, world.conflicted, get_urls(world)) == []
    assert _leaks(client, world.reviewers[2], get_urls(world)) == []
    assert _leaks(client, world.nominator, get_urls(world)) == []


def test_blind_history_emails_and_file_names_hold_no_scores(client, r2_reviewed, hq_user):
    world = r2_reviewed
    discussion_open(cycle=world.cycle, actor=world.chair)

    texts = [str(e.changes) + e.summary for e in Audit.objects.all()]
    texts += [m.subject + m.body_text for m in Message.objects.all()]
    texts += [
        a.storage_name + a.original_name for n in world.nominations for a in n.attachments.all()
    ]
    assert not [t for t in texts if SECRET in t or SECRET_TOTAL in t]


def test_blind_ranking_after_discussion_shows_scores_to_chair(client, r2_reviewed):
    world = r2_reviewed
    discussion_open(cycle=world.cycle, actor=world.chair)

    status, text = _page(client, world.chair, get_urls(world)["ranking"])

    assert status == 200
    assert "6.300" in text
    status, csv_text = _page(client, world.chair, get_urls(world)["ranking_csv"])
    assert status == 200
    assert "6.300" in csv_text
