"""Aggregating reviewers' scores into a ranking. Pure computation, no database.

For each submitted review the *weighted total* is ``Σ score·weight / Σ weight`` (on the
cycle's score scale). Per candidate:

- ``mean``: the mean of its reviewers' weighted totals;
- ``normalised``: the mean of its reviewers' z-scores, where a reviewer's z-score for a
  candidate is ``(total − that reviewer's mean total) / that reviewer's population
  standard deviation`` over every candidate the reviewer scored in the cycle. A reviewer
  who scored only one candidate, or gave every candidate the same total, contributes 0:
  they say nothing about how candidates compare. So a harsh and a generous reviewer
  count alike;
- the rank by each (standard competition ranking: 1, 2, 2, 4), and
- a disagreement flag when the highest and lowest reviewer totals differ by at least the
  cycle's threshold.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from statistics import fmean, pstdev

THREE_PLACES = Decimal("0.001")


def weighted_total(scores: Mapping[int, int], weights: Mapping[int, int]) -> Decimal:
    """``scores``: criterion id → score; ``weights``: criterion id → weight (percent)."""
    total_weight = sum(weights[c] for c in scores)
    if not total_weight:
        return Decimal(0)
    value = Decimal(sum(scores[c] * weights[c] for c in scores)) / Decimal(total_weight)
    return value.quantize(THREE_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ScoredReview:
    candidate_id: int
    reviewer_id: int
    scores: Mapping[int, int]  # criterion id → score


@dataclass
class CandidateResult:
    candidate_id: int
    totals: dict[int, Decimal] = field(default_factory=dict)  # reviewer id → weighted total
    z_scores: dict[int, float] = field(default_factory=dict)  # reviewer id → z
    mean: Decimal | None = None
    normalised: float | None = None
    rank_mean: int | None = None
    rank_normalised: int | None = None
    spread: Decimal | None = None
    disagreement: bool = False

    @property
    def review_count(self) -> int:
        return len(self.totals)


def _competition_ranks(values: dict[int, float]) -> dict[int, int]:
    """Highest first; equal values share a rank and the next rank is skipped."""
    ordered = sorted(values.items(), key=lambda item: -item[1])
    ranks: dict[int, int] = {}
    previous: float | None = None
    rank = 0
    for position, (key, value) in enumerate(ordered, start=1):
        if previous is None or value != previous:
            rank = position
            previous = value
        ranks[key] = rank
    return ranks


def rank(
    reviews: Iterable[ScoredReview],
    weights: Mapping[int, int],
    *,
    candidate_ids: Iterable[int] = (),
    disagreement_threshold: Decimal = Decimal(3),
) -> list[CandidateResult]:
    """Results for every candidate (those without reviews too), best normalised first."""
    results: dict[int, CandidateResult] = {
        cid: CandidateResult(candidate_id=cid) for cid in candidate_ids
    }
    by_reviewer: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for review in reviews:
        total = weighted_total(review.scores, weights)
        result = results.setdefault(
            review.candidate_id, CandidateResult(candidate_id=review.candidate_id)
        )
        result.totals[review.reviewer_id] = total
        by_reviewer[review.reviewer_id][review.candidate_id] = total

    for reviewer_id, totals in by_reviewer.items():
        values = [float(v) for v in totals.values()]
        centre = fmean(values)
        spread = pstdev(values) if len(values) > 1 else 0.0
        for candidate_id, total in totals.items():
            z = (float(total) - centre) / spread if spread > 0 else 0.0
            results[candidate_id].z_scores[reviewer_id] = z

    for result in results.values():
        if not result.totals:
            continue
        totals = list(result.totals.values())
        result.mean = (sum(totals) / len(totals)).quantize(THREE_PLACES, rounding=ROUND_HALF_UP)
        result.normalised = round(fmean(result.z_scores.values()), 6)
        result.spread = max(totals) - min(totals)
        result.disagreement = len(totals) > 1 and result.spread >= disagreement_threshold

    scored = {cid: r for cid, r in results.items() if r.mean is not None}
    for cid, place in _competition_ranks({c: float(r.mean) for c, r in scored.items()}).items():
        results[cid].rank_mean = place
    for cid, place in _competition_ranks({c: r.normalised for c, r in scored.items()}).items():
        results[cid].rank_normalised = place

    return sorted(
        results.values(),
        key=lambda r: (
            r.rank_normalised if r.rank_normalised is not None else 10**9,
            r.rank_mean if r.rank_mean is not None else 10**9,
            r.candidate_id,
        ),
    )
