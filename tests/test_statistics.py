"""The agreement statistics against published worked examples and their defining identities."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import rankdata

from cxmaturity.results.statistics import (
    EXPECTED_VARIANCE,
    kendall_w,
    level_of,
    ranks_from_order,
    rwg,
    rwg_j,
)


def test_expected_variance_of_a_five_point_scale() -> None:
    """James, Demaree & Wolf (1984): σ²_EU = (A² − 1) / 12, which is 2.0 for A = 5."""
    assert EXPECTED_VARIANCE == 2.0


def test_rwg_worked_by_hand() -> None:
    """James, Demaree & Wolf (1984), rwg = 1 − s²/σ²_EU. Ratings 4, 4, 5, 3, 4: mean 4,
    squared deviations 0 + 0 + 1 + 1 + 0 = 2, s² = 2 / (5 − 1) = 0.5, rwg = 1 − 0.5/2 = 0.75."""
    assert rwg([4, 4, 5, 3, 4]) == pytest.approx(0.75)


def test_rwg_is_truncated_when_answers_are_more_spread_than_random() -> None:
    """s² of 1, 5, 1, 5 is 5.33 > 2: James et al. set rwg to 0 rather than a negative value."""
    assert rwg([1, 5, 1, 5]) == 0.0


def test_rwg_full_agreement_and_undefined_cases() -> None:
    assert rwg([3, 3, 3]) == 1.0
    assert rwg([4]) is None  # one answer: no agreement to measure
    assert rwg([]) is None
    assert rwg([np.nan, 2, np.nan]) is None  # "I don't know" is missing, not a level


def test_rwg_j_is_spearman_brown_applied_to_rwg() -> None:
    """James et al. (1984) note that rwg(J) is the Spearman-Brown formula applied to the
    single-item index: for J items of equal variance, rwg(J) = J·r / (1 + (J − 1)·r).
    Five items with s² = 0.5 each: r = 0.75, rwg(5) = 3.75 / 4 = 0.9375."""
    r = rwg([4, 4, 5, 3, 4])
    assert r is not None
    for j in (1, 2, 5, 8):
        assert rwg_j([0.5] * j) == pytest.approx(j * r / (1 + (j - 1) * r))
    assert rwg_j([0.5] * 5) == pytest.approx(0.9375)


def test_rwg_j_uses_the_mean_item_variance_and_caps_it() -> None:
    assert rwg_j([0.25, 0.75]) == pytest.approx(rwg_j([0.5, 0.5]))
    assert rwg_j([3.0, 2.5, 4.0]) == 0.0  # v̄ above σ²_EU is capped: no agreement
    assert rwg_j([0.0, 0.0]) == 1.0
    assert rwg_j([]) is None
    assert rwg_j([np.nan]) is None


def test_kendall_w_siegel_worked_example() -> None:
    """Siegel (1956), Nonparametric Statistics for the Behavioral Sciences, ch. 9:
    three executives rank six job applicants. Rank sums 8, 14, 11, 11, 11, 8;
    s = 25.5; W = 12 × 25.5 / (3² × (6³ − 6)) = 0.16."""
    ranks = np.array([[1, 6, 3, 2, 5, 4], [1, 5, 6, 4, 2, 3], [6, 3, 2, 5, 4, 1]])
    assert kendall_w(ranks) == pytest.approx(306 / 1890)
    assert round(kendall_w(ranks), 2) == 0.16  # type: ignore[arg-type]


def test_kendall_w_with_ties_matches_the_published_irr_output() -> None:
    """Kemp (2016), "Scorecard Example" with R's irr::kendall(ratings, correct = TRUE):
    5 raters score 12 items; rater 2 gives two items the same score (a tie).
    Published output: Wt = 0.735."""
    scores = np.array(
        [
            [4, 1, 1, 2, 1], [3, 2, 2, 3, 6], [1, 6, 6, 5, 2], [5, 3, 3, 6, 5],
            [6, 5, 4, 7, 3], [9, 4, 5, 1, 8], [8, 8, 8, 4, 4], [2, 9, 7, 10, 9],
            [7, 10, 10, 8, 7], [11, 11, 9, 9, 10], [10, 6, 11, 11, 11], [12, 12, 12, 12, 12],
        ]
    )  # fmt: skip
    ranks = np.array([rankdata(scores[:, rater]) for rater in range(5)])
    assert round(kendall_w(ranks), 3) == 0.735  # type: ignore[arg-type]
    # Without the correction the coefficient is lower: the tie correction matters here.
    m, n = ranks.shape
    sums = ranks.sum(axis=0)
    uncorrected = 12 * ((sums - sums.mean()) ** 2).sum() / (m**2 * (n**3 - n))
    assert uncorrected < kendall_w(ranks)  # type: ignore[operator]


def test_kendall_w_extremes() -> None:
    same = np.tile(np.arange(1, 7), (4, 1))
    assert kendall_w(same) == pytest.approx(1.0)
    reversed_pair = np.array([[1, 2, 3, 4], [4, 3, 2, 1]])
    assert kendall_w(reversed_pair) == pytest.approx(0.0)
    assert kendall_w(np.array([[1, 2, 3]])) is None  # one respondent
    assert kendall_w(np.full((3, 4), 2.5)) is None  # everyone tied everything


def test_partial_rankings_tie_the_unranked_options_for_last_place() -> None:
    ranks = ranks_from_order(["b", "a"], ["a", "b", "c", "d"])
    assert ranks.tolist() == [2.0, 1.0, 3.5, 3.5]
    assert ranks_from_order(["c", "a", "d", "b"], ["a", "b", "c", "d"]).tolist() == [2, 4, 1, 3]


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (1.0, 1),
        (1.79, 1),
        (1.8, 2),
        (2.59, 2),
        (2.6, 3),
        (3.39, 3),
        (3.4, 4),
        (4.19, 4),
        (4.2, 5),
        (5.0, 5),
    ],
)
def test_level_bands(score: float, level: int) -> None:
    assert level_of(score) == level


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=2, max_size=60))
def test_rwg_is_always_within_zero_and_one(values: list[int]) -> None:
    r = rwg(values)
    assert r is not None and 0.0 <= r <= 1.0


@given(
    st.integers(min_value=2, max_value=8).flatmap(
        lambda n: st.lists(st.permutations(list(range(1, n + 1))), min_size=2, max_size=30)
    )
)
def test_kendall_w_is_within_zero_and_one(rankings: list[list[int]]) -> None:
    w = kendall_w(np.array(rankings))
    assert w is not None and 0.0 <= w <= 1.0 + 1e-12


@given(
    st.permutations(["a", "b", "c", "d", "e", "f"]).flatmap(
        lambda order: st.integers(1, 6).map(lambda k: list(order[:k]))
    )
)
def test_partial_ranks_match_scipy_rankdata(order: list[str]) -> None:
    options = ["a", "b", "c", "d", "e", "f"]
    keys = [order.index(o) if o in order else len(order) for o in options]
    assert ranks_from_order(order, options).tolist() == rankdata(keys, method="average").tolist()
