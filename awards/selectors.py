"""Reads of awards, scoped to what a user may see. Out of scope is a 404.

The review is blind: a reviewer reaches only candidates actively assigned to them, not
withdrawn and without a conflict; other reviewers' scores come only from
``peer_reviews`` (own review submitted and discussion open); scores for the chair and HQ
only from ``cycle_ranking`` (discussion open).
"""

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from django.db.models import CharField, Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Concat
from django.http import Http404

from awards.enums import AssignmentStatus, CycleStatus, NominationStatus, Outcome, ReviewStatus
from awards.models import (
    Assignment,
    Attachment,
    Award,
    AwardCycle,
    Candidate,
    Conflict,
    Criterion,
    Nomination,
    Review,
    ReviewScore,
)
from awards.ranking import CandidateResult, ScoredReview, rank
from kofst.common.models import AuditEntry
from kofst.common.roles import roles_of
from members.models import Membership, Person
from members.search import is_hangul
from members.selectors import search_condition

NOMINEE_SEARCH_LIMIT = 20

# --- public -----------------------------------------------------------------------------


def awards_public() -> QuerySet[Award]:
    """Every award with its public cycles (newest first)."""
    return Award.objects.prefetch_related(
        Prefetch(
            "cycles",
            queryset=AwardCycle.objects.exclude(status=CycleStatus.DRAFT).order_by("-year"),
            to_attr="public_cycles",
        )
    ).order_by("code")


def award_public(*, code: str) -> Award:
    award = awards_public().filter(code=code).first()
    if award is None:
        raise Http404
    return award


def cycle_public(*, award: Award, year: int) -> AwardCycle:
    cycle = (
        AwardCycle.objects.select_related("award")
        .exclude(status=CycleStatus.DRAFT)
        .filter(award=award, year=year)
        .first()
    )
    if cycle is None:
        raise Http404
    return cycle


def winners_of(*, cycle: AwardCycle) -> QuerySet[Candidate]:
    """The winners, once announced (nothing before)."""
    if cycle.status != CycleStatus.ANNOUNCED:
        return Candidate.objects.none()
    return (
        Candidate.objects.filter(cycle=cycle, outcome=Outcome.WINNER, is_withdrawn=False)
        .select_related("person")
        .order_by("person__family_name_latin", "id")
    )


def cycles_open_for_nomination() -> QuerySet[AwardCycle]:
    return AwardCycle.objects.filter(status=CycleStatus.NOMINATING).select_related("award")


# --- nominators ---------------------------------------------------------------------------


def nominations_of(*, user) -> QuerySet[Nomination]:
    """The user's own nominations, with what the list shows."""
    person_id = roles_of(user).person_id
    if person_id is None:
        return Nomination.objects.none()
    return (
        Nomination.objects.filter(nominator_id=person_id)
        .select_related("cycle__award", "nominee")
        .annotate(attachment_count=Count("attachments"))
        .order_by("-created_at", "-id")
    )


def nomination_of(*, user, pk: int) -> Nomination:
    """One of the user's own nominations, with attachments and co-signers."""
    nomination = (
        nominations_of(user=user).prefetch_related("attachments", "cosigners").filter(pk=pk).first()
    )
    if nomination is None:
        raise Http404
    return nomination


@dataclass(frozen=True)
class NomineeHit:
    """What a member may see of another person: the name and the affiliation."""

    pk: int
    name: str
    affiliation: str


def _nominable_people() -> QuerySet[Person]:
    """People on some association's current roster (active or in grace)."""
    return Person.objects.filter(
        merged_into__isnull=True,
        erased_at__isnull=True,
        pk__in=Membership.objects.with_status_in(["active", "grace"]).values("person_id"),
    )


def nominee_search(*, user, term: str, limit: int = NOMINEE_SEARCH_LIMIT) -> list[NomineeHit]:
    """Members of the associations matching a name (either script) or an affiliation.

    Only the name and affiliation are returned, and emails and member numbers are not
    searched: a member may not look those up."""
    if roles_of(user).person_id is None:
        return []
    term = (term or "").strip()
    if len(term) < 2 or "@" in term:
        return []
    people = _nominable_people().annotate(
        name_ko_full=Concat("family_name_ko", "given_name_ko", output_field=CharField())
    )
    for token in term.split()[:4]:
        match = (
            Q(family_name_latin__icontains=token)
            | Q(given_name_latin__icontains=token)
            | Q(name_ko_full__contains=token)
            | Q(affiliation__icontains=token)
        )
        if is_hangul(token) and len(token) <= 2:
            # Only the name grams (never email or member number): see search_condition.
            match |= search_condition(token)
        people = people.filter(match)
    people = people.only(
        "id",
        "family_name_latin",
        "given_name_latin",
        "family_name_ko",
        "given_name_ko",
        "affiliation",
        "email",
    ).order_by("family_name_latin", "given_name_latin", "id")[:limit]
    return [NomineeHit(pk=p.pk, name=p.display_name, affiliation=p.affiliation) for p in people]


def nominable_person(*, user, pk: int) -> Person:
    """A roster person picked from the search (404 outside what the search shows)."""
    if roles_of(user).person_id is None:
        raise Http404
    person = _nominable_people().filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


# --- reviewers ----------------------------------------------------------------------------


def _reviewable(user) -> QuerySet[Assignment]:
    """The user's active assignments on candidates not withdrawn and not in conflict."""
    return Assignment.objects.filter(
        reviewer=user,
        status=AssignmentStatus.ACTIVE,
        candidate__is_withdrawn=False,
    ).exclude(
        Exists(
            Conflict.objects.filter(candidate=OuterRef("candidate"), reviewer=OuterRef("reviewer"))
        )
    )


def reviewer_assignments(*, user) -> QuerySet[Assignment]:
    """What the reviewer's list shows: their assignments with their own review status."""
    return (
        _reviewable(user)
        .exclude(candidate__cycle__status=CycleStatus.DRAFT)
        .select_related("candidate__person", "candidate__cycle__award")
        .annotate(
            my_review_status=Review.objects.filter(assignment=OuterRef("pk")).values("status")[:1]
        )
        .order_by("-candidate__cycle__year", "candidate__person__family_name_latin", "id")
    )


def assignment_for_reviewer(*, user, candidate_id: int) -> Assignment:
    assignment = (
        _reviewable(user)
        .filter(candidate_id=candidate_id)
        .select_related("candidate__person", "candidate__cycle__award")
        .first()
    )
    if assignment is None:
        raise Http404
    assignment.review_or_none = Review.objects.filter(assignment=assignment).first()
    if assignment.review_or_none is not None:
        assignment.review = assignment.review_or_none
    return assignment


def candidate_dossier(*, candidate: Candidate) -> list[Nomination]:
    """The submitted nominations of a candidate with their attachments and co-signers —
    what the assigned reviewers and the chair read."""
    return list(
        Nomination.objects.filter(candidate=candidate, status=NominationStatus.SUBMITTED)
        .select_related("nominator")
        .prefetch_related("attachments", "cosigners")
        .order_by("submitted_at", "id")
    )


def own_scores(*, assignment: Assignment) -> dict[int, ReviewScore]:
    review = getattr(assignment, "review_or_none", None)
    if review is None:
        return {}
    return {s.criterion_id: s for s in review.scores.all()}


def own_revisions(*, assignment: Assignment):
    review = getattr(assignment, "review_or_none", None)
    if review is None:
        return []
    return list(review.revisions.order_by("number"))


def peer_reviews(*, user, assignment: Assignment) -> list[Review] | None:
    """The other reviewers' submitted reviews of the candidate, or ``None`` while they
    are hidden (own review not submitted, or discussion not open)."""
    if not user.has_perm("awards.view_peer_reviews", assignment):
        return None
    return list(
        Review.objects.filter(
            assignment__candidate_id=assignment.candidate_id,
            assignment__status=AssignmentStatus.ACTIVE,
            status=ReviewStatus.SUBMITTED,
        )
        .exclude(assignment__reviewer=user)
        .select_related("assignment__reviewer")
        .prefetch_related(
            Prefetch("scores", queryset=ReviewScore.objects.select_related("criterion"))
        )
        .order_by("assignment__reviewer_id")
    )


# --- chair and HQ -------------------------------------------------------------------------


def cycles_managed_by(*, user) -> QuerySet[AwardCycle]:
    roles = roles_of(user)
    cycles = AwardCycle.objects.select_related("award").annotate(
        candidate_count=Count("candidates", filter=Q(candidates__is_withdrawn=False))
    )
    if roles.hq:
        return cycles.order_by("award__code", "-year")
    return cycles.filter(pk__in=roles.chair_cycles).order_by("award__code", "-year")


def cycle_for_manager(*, user, pk: int) -> AwardCycle:
    cycle = AwardCycle.objects.select_related("award").filter(pk=pk).first()
    if cycle is None or not user.has_perm("awards.manage_cycle", cycle):
        raise Http404
    return cycle


def candidates_for_manager(*, cycle: AwardCycle) -> QuerySet[Candidate]:
    """The cycle's candidates with nomination, assignment and review counts (no scores)."""
    return (
        Candidate.objects.filter(cycle=cycle)
        .select_related("person")
        .annotate(
            nomination_count=Count(
                "nominations",
                filter=Q(nominations__status=NominationStatus.SUBMITTED),
                distinct=True,
            ),
            reviewer_count=Count(
                "assignments",
                filter=Q(assignments__status=AssignmentStatus.ACTIVE),
                distinct=True,
            ),
            submitted_count=Count(
                "assignments",
                filter=Q(
                    assignments__status=AssignmentStatus.ACTIVE,
                    assignments__review__status=ReviewStatus.SUBMITTED,
                ),
                distinct=True,
            ),
            conflict_count=Count("conflicts", distinct=True),
        )
        .order_by("is_withdrawn", "person__family_name_latin", "person__given_name_latin", "id")
    )


def candidate_for_manager(*, user, pk: int) -> Candidate:
    candidate = Candidate.objects.select_related("person", "cycle__award").filter(pk=pk).first()
    if candidate is None or not user.has_perm("awards.manage_cycle", candidate.cycle):
        raise Http404
    return candidate


def candidate_assignments(*, candidate: Candidate) -> list[Assignment]:
    """Every assignment of a candidate (active and removed) with the review's status only."""
    return list(
        Assignment.objects.filter(candidate=candidate)
        .select_related("reviewer", "assigned_by")
        .annotate(
            review_status=Review.objects.filter(assignment=OuterRef("pk")).values("status")[:1]
        )
        .order_by("status", "assigned_at", "id")
    )


def candidate_conflicts(*, candidate: Candidate) -> list[Conflict]:
    return list(Conflict.objects.filter(candidate=candidate).select_related("reviewer"))


def assignment_board(*, cycle: AwardCycle):
    """Candidates with their active assignments and conflicts, and each member's load."""
    candidates = list(
        Candidate.objects.filter(cycle=cycle, is_withdrawn=False)
        .select_related("person")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(status=AssignmentStatus.ACTIVE).select_related(
                    "reviewer"
                ),
                to_attr="active_assignments",
            ),
            Prefetch(
                "conflicts",
                queryset=Conflict.objects.select_related("reviewer"),
                to_attr="all_conflicts",
            ),
        )
        .order_by("person__family_name_latin", "id")
    )
    seats = list(cycle.seats.select_related("user").order_by("role", "user__email"))
    load = dict(
        Assignment.objects.filter(
            candidate__cycle=cycle,
            status=AssignmentStatus.ACTIVE,
            candidate__is_withdrawn=False,
        )
        .values_list("reviewer_id")
        .annotate(n=Count("id"))
        .values_list("reviewer_id", "n")
    )
    for seat in seats:
        seat.load = load.get(seat.user_id, 0)
    return candidates, seats


@dataclass
class RankingRow:
    candidate: Candidate
    result: CandidateResult
    reviews: list[Review]


def _scored_reviews(cycle: AwardCycle) -> list[Review]:
    return list(
        Review.objects.filter(
            assignment__candidate__cycle=cycle,
            assignment__candidate__is_withdrawn=False,
            assignment__status=AssignmentStatus.ACTIVE,
            status=ReviewStatus.SUBMITTED,
        )
        .select_related("assignment__reviewer")
        .prefetch_related(
            Prefetch("scores", queryset=ReviewScore.objects.select_related("criterion"))
        )
        .order_by("assignment__candidate_id", "assignment__reviewer_id")
    )


def cycle_ranking(*, user, cycle: AwardCycle) -> tuple[list[Criterion], list[RankingRow]]:
    """Each candidate's reviews, weighted totals, mean, normalised mean, ranks and the
    disagreement flag. Only for the chair and HQ, and only once the discussion is open."""
    if not user.has_perm("awards.view_scores", cycle):
        raise Http404
    criteria = list(cycle.criteria.all())
    weights = {c.pk: c.weight for c in criteria}
    candidates = {
        c.pk: c
        for c in Candidate.objects.filter(cycle=cycle, is_withdrawn=False).select_related("person")
    }
    reviews = _scored_reviews(cycle)
    by_candidate: dict[int, list[Review]] = {pk: [] for pk in candidates}
    scored = []
    for review in reviews:
        candidate_id = review.assignment.candidate_id
        by_candidate.setdefault(candidate_id, []).append(review)
        scores = {s.criterion_id: s.score for s in review.scores.all() if s.score is not None}
        scored.append(
            ScoredReview(
                candidate_id=candidate_id,
                reviewer_id=review.assignment.reviewer_id,
                scores=scores,
            )
        )
    results = rank(
        scored,
        weights,
        candidate_ids=candidates,
        disagreement_threshold=Decimal(cycle.disagreement_threshold),
    )
    rows = [
        RankingRow(
            candidate=candidates[r.candidate_id],
            result=r,
            reviews=by_candidate[r.candidate_id],
        )
        for r in results
        if r.candidate_id in candidates
    ]
    return criteria, rows


def review_history(*, user, candidate: Candidate):
    """Every submission of every review of a candidate, for the chair after the
    discussion opened."""
    if not user.has_perm("awards.view_scores", candidate.cycle):
        raise Http404
    reviews = (
        Review.objects.filter(assignment__candidate=candidate)
        .select_related("assignment__reviewer")
        .prefetch_related("revisions")
        .order_by("assignment__reviewer_id")
    )
    return list(reviews)


def cycle_history(*, cycle: AwardCycle) -> QuerySet[AuditEntry]:
    """The cycle's audit trail (never contains scores or comments)."""
    return AuditEntry.objects.filter(changes__cycle=cycle.pk).select_related("actor")


# --- attachments --------------------------------------------------------------------------


def attachment_for_user(*, user, public_id: UUID) -> Attachment:
    """An attachment the user may download: their own nomination's; a submitted
    nomination's when they review its candidate (assigned, no conflict); a submitted or
    withdrawn one's for the cycle's chair and HQ. Anything else is a 404."""
    if not user.is_authenticated:
        raise Http404
    attachment = (
        Attachment.objects.select_related("nomination__cycle", "nomination__nominator")
        .filter(public_id=public_id)
        .first()
    )
    if attachment is None:
        raise Http404
    nomination = attachment.nomination
    roles = roles_of(user)
    if roles.person_id is not None and nomination.nominator_id == roles.person_id:
        return attachment
    if nomination.status == NominationStatus.DRAFT:
        raise Http404
    if user.has_perm("awards.manage_cycle", nomination.cycle):
        return attachment
    if (
        nomination.status == NominationStatus.SUBMITTED
        and nomination.candidate_id is not None
        and _reviewable(user).filter(candidate_id=nomination.candidate_id).exists()
    ):
        return attachment
    raise Http404
