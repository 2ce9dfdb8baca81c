"""Aggregation on a hand-computed example."""

from decimal import Decimal

import pytest

from awards.ranking import ScoredReview, rank, weighted_total

WEIGHTS = {1: 50, 2: 50}


def _review(candidate, reviewer, total):
    return ScoredReview(candidate_id=candidate, reviewer_id=reviewer, scores={1: total, 2: total})


def test_weighted_total_uses_the_weights():
    assert weighted_total({1: 8, 2: 6, 3: 4}, {1: 40, 2: 30, 3: 30}) == Decimal("6.200")


def test_ranking_normalised_on_a_hand_computed_example():
    """Reviewer 10 is harsh (X 2, Y 3, Z 4), reviewer 20 generous (X 9, Y 8).

    Means: X 5.5, Y 5.5, Z 4 → by mean X and Y share rank 1, Z is 3rd.
    z-scores: reviewer 10 has mean 3 and population sd √(2/3) = 0.8165, so X −1.2247,
    Y 0, Z +1.2247; reviewer 20 has mean 8.5 and sd 0.5, so X +1, Y −1.
    Normalised means: X (−1.2247 + 1) / 2 = −0.1124, Y (0 − 1) / 2 = −0.5, Z 1.2247
    → by normalised score Z 1st, X 2nd, Y 3rd.
    """
    reviews = [
        _review("X", 10, 2),
        _review("Y", 10, 3),
        _review("Z", 10, 4),
        _review("X", 20, 9),
        _review("Y", 20, 8),
    ]

    results = {r.candidate_id: r for r in rank(reviews, WEIGHTS)}

    assert results["X"].mean == Decimal("5.500")
    assert results["Y"].mean == Decimal("5.500")
    assert results["Z"].mean == Decimal("4.000")
    assert results["X"].normalised == pytest.approx(-0.112372, abs=1e-6)
    assert results["Y"].normalised == pytest.approx(-0.5, abs=1e-6)
    assert results["Z"].normalised == pytest.approx(1.224745, abs=1e-6)
    assert [results[c].rank_mean for c in "XYZ"] == [1, 1, 3]
    assert [results[c].rank_normalised for c in "XYZ"] == [2, 3, 1]
    assert [r.candidate_id for r in rank(reviews, WEIGHTS)] == ["Z", "X", "Y"]


def test_ranking_disagreement_flag_uses_the_threshold():
    reviews = [_review("X", 10, 2), _review("X", 20, 9), _review("Y", 10, 6), _review("Y", 20, 7)]

    results = {r.candidate_id: r for r in rank(reviews, WEIGHTS, disagreement_threshold=Decimal(3))}

    assert (results["X"].spread, results["X"].disagreement) == (Decimal("7.000"), True)
    assert (results["Y"].spread, results["Y"].disagreement) == (Decimal("1.000"), False)


def test_ranking_candidates_without_reviews_are_listed_last():
    results = rank([_review("X", 10, 5)], WEIGHTS, candidate_ids=["X", "W"])

    assert [(r.candidate_id, r.rank_mean, r.mean) for r in results] == [
        ("X", 1, Decimal("5.000")),
        ("W", None, None),
    ]


def test_ranking_a_reviewer_with_one_review_contributes_zero():
    results = {r.candidate_id: r for r in rank([_review("X", 10, 9)], WEIGHTS)}

    assert results["X"].z_scores == {10: 0.0}
