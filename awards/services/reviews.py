"""Scoring: drafts, submission and revisions of one reviewer's review of one candidate."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import AssignmentStatus, ReviewStatus
from awards.models import Assignment, Conflict, Review, ReviewRevision, ReviewScore
from awards.ranking import weighted_total
from awards.services._audit import award_audit
from awards.services.cycles import local_time


@dataclass(frozen=True)
class ScoreInput:
    score: int | None
    comment: str = ""


@transaction.atomic
def review_save(
    *,
    assignment: Assignment,
    scores: dict[int, ScoreInput],
    submit: bool,
    actor,
    now: dt.datetime | None = None,
) -> Review:
    """Save the reviewer's scores (criterion id → score and comment) as a draft, or
    submit them. A submitted review can be revised (and is then submitted again) only
    while the review window is open; every submission is kept as a numbered revision.

    Side effects: a revision row on each submission; a history entry (never with the
    scores themselves).
    """
    now = now or timezone.now()
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("candidate__cycle")
        .get(pk=assignment.pk)
    )
    candidate = assignment.candidate
    cycle = candidate.cycle
    if assignment.reviewer_id != actor.pk:
        raise ValidationError(_("Only the assigned reviewer can score this nomination."))
    if (
        assignment.status != AssignmentStatus.ACTIVE
        or candidate.is_withdrawn
        or Conflict.objects.filter(candidate=candidate, reviewer=actor).exists()
    ):
        raise ValidationError(_("You are no longer assigned to this nomination."))
    if not cycle.review_open(now):
        raise ValidationError(
            _("The review window is closed (it runs from %(start)s to %(end)s).")
            % {
                "start": local_time(cycle, cycle.review_opens_at),
                "end": local_time(cycle, cycle.review_closes_at),
            }
        )
    review, _created = Review.objects.get_or_create(assignment=assignment)
    if review.is_submitted and not submit:
        raise ValidationError(
            _("This review was submitted; a revision is submitted again, not saved as a draft.")
        )
    criteria = list(cycle.criteria.all())
    errors: dict[str, str] = {}
    for criterion in criteria:
        value = scores.get(criterion.pk, ScoreInput(None))
        key = f"score_{criterion.pk}"
        if value.score is None:
            if submit:
                errors[key] = _("Give a score for every criterion before submitting.")
        elif not cycle.score_min <= value.score <= cycle.score_max:
            errors[key] = _("Give a score from %(min)s to %(max)s.") % {
                "min": cycle.score_min,
                "max": cycle.score_max,
            }
    if errors:
        raise ValidationError(errors)

    existing = {s.criterion_id: s for s in review.scores.all()}
    for criterion in criteria:
        value = scores.get(criterion.pk, ScoreInput(None))
        row = existing.get(criterion.pk) or ReviewScore(review=review, criterion=criterion)
        row.score = value.score
        row.comment = (value.comment or "").strip()
        row.save()

    if not submit:
        review.save(update_fields=["updated_at"])
        award_audit(
            actor=actor,
            action="review.draft",
            cycle=cycle,
            subject=review,
            person_id=candidate.person_id,
        )
        return review

    snapshot = {
        str(c.pk): {
            "score": scores[c.pk].score,
            "comment": (scores[c.pk].comment or "").strip(),
        }
        for c in criteria
    }
    last = review.revisions.order_by("-number").first()
    if last is not None and last.scores == snapshot:
        raise ValidationError(_("Nothing changed since your last submission."))
    total = weighted_total(
        {c.pk: scores[c.pk].score for c in criteria}, {c.pk: c.weight for c in criteria}
    )
    number = (last.number if last else 0) + 1
    ReviewRevision.objects.create(
        review=review, number=number, scores=snapshot, weighted_total=total
    )
    review.status = ReviewStatus.SUBMITTED
    if review.submitted_at is None:
        review.submitted_at = now
    review.save(update_fields=["status", "submitted_at", "updated_at"])
    award_audit(
        actor=actor,
        action="review.submit" if number == 1 else "review.revise",
        cycle=cycle,
        subject=review,
        person_id=candidate.person_id,
        revision=number,
    )
    return review
