"""The agreement statistics against published worked examples and their defining identities."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import chi2, rankdata

from cxmaturity.results.statistics import (
    AD_BOUND,
    EXPECTED_VARIANCE,
    ad_m,
    chi_square_sf,
    kendall_chi_square,
    kendall_w,
    kendall_w_p_value,
    level_of,
    ranks_from_order,
    rwg,
    rwg_j,
)

#: Kemp (2016), "Scorecard Example": 5 raters score 12 items; rater 2 ties two items.
KEMP_SCORES = np.array(
    [
        [4, 1, 1, 2, 1], [3, 2, 2, 3, 6], [1, 6, 6, 5, 2], [5, 3, 3, 6, 5],
        [6, 5, 4, 7, 3], [9, 4, 5, 1, 8], [8, 8, 8, 4, 4], [2, 9, 7, 10, 9],
        [7, 10, 10, 8, 7], [11, 11, 9, 9, 10], [10, 6, 11, 11, 11], [12, 12, 12, 12, 12],
    ]
)  # fmt: skip


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
    ranks = np.array([rankdata(KEMP_SCORES[:, rater]) for rater in range(5)])
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


# --- AD_M -------------------------------------------------------------------------------


def test_ad_m_worked_by_hand() -> None:
    """Burke, Finkelstein & Dusig (1999), AD_M(j) = Σ|x_jk − x̄_j| / N: the ratings of the
    rwg example, 4, 4, 5, 3, 4, have mean 4 and deviations 0, 0, 1, 1, 0: AD_M = 0.4."""
    assert ad_m([4, 4, 5, 3, 4]) == pytest.approx(0.4)
    assert ad_m([1, 5]) == pytest.approx(2.0)  # the widest split five points allow
    assert ad_m([3, 3, 3]) == 0.0
    assert ad_m([4]) is None and ad_m([]) is None and ad_m([np.nan, 2]) is None


def test_ad_m_practical_bound_is_c_over_six() -> None:
    """Burke & Dunlap (2002): acceptable agreement up to c/6 — 0.8 on five points, 1.2 on
    seven, 1.5 on nine, 1.8 on eleven (their Table 1 rounds c/6 to one decimal)."""
    assert pytest.approx(5 / 6) == AD_BOUND
    assert [round(c / 6, 1) for c in (5, 7, 9, 11)] == [0.8, 1.2, 1.5, 1.8]


def test_ad_m_of_uniform_answering_exceeds_the_bound() -> None:
    """Everyone on a different level, 1 to 5 — the rectangular null the bound comes from —
    gives AD_M = (2 + 1 + 0 + 1 + 2) / 5 = 1.2, well beyond 0.83: no agreement."""
    assert ad_m([1, 2, 3, 4, 5]) == pytest.approx(1.2)
    assert ad_m([1, 2, 3, 4, 5]) > AD_BOUND  # type: ignore[operator]


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=2, max_size=60))
def test_ad_m_is_within_zero_and_two_and_ignores_order(values: list[int]) -> None:
    a = ad_m(values)
    assert a is not None and 0.0 <= a <= 2.0
    assert ad_m(list(reversed(values))) == pytest.approx(a)


# --- Kendall's W: significance --------------------------------------------------------


@pytest.mark.parametrize("df", range(1, 13))
@pytest.mark.parametrize("x", [0.3, 2.43, 6.0, 13.2, 40.4])
def test_chi_square_tail_matches_scipy(x: float, df: int) -> None:
    assert chi_square_sf(x, df) == pytest.approx(chi2.sf(x, df), abs=1e-12)


@pytest.mark.parametrize(
    ("ranks", "chi_square", "p"),
    [
        # Friedman (1937), exact distribution of χ²_r; reprinted in Siegel (1956), Table N.
        ([[1, 2, 3], [1, 2, 3], [1, 2, 3]], 6.0, 0.028),  # k = 3, N = 3
        ([[1, 2, 3], [1, 2, 3], [1, 3, 2]], 4.667, 0.194),
        ([[1, 2, 3]] * 4, 8.0, 0.0046),  # k = 3, N = 4
        ([[1, 2, 3]] * 3 + [[2, 1, 3]], 6.5, 0.042),
        ([[1, 2, 3, 4]] * 3, 9.0, 0.0017),  # k = 4, N = 3
        ([[1, 2, 3, 4]] * 2 + [[1, 2, 4, 3]], 8.2, 0.017),
    ],
)
def test_w_significance_matches_friedmans_exact_table(
    ranks: list[list[int]], chi_square: float, p: float
) -> None:
    """χ²_r = m(k − 1)W is Friedman's statistic; for a few raters the permutation test
    enumerates every arrangement and must give the published exact probabilities."""
    array = np.array(ranks, dtype=float)
    m, k = array.shape
    w = kendall_w(array)
    assert w is not None
    assert kendall_chi_square(w, m, k) == pytest.approx(chi_square, abs=1e-3)
    assert kendall_w_p_value(array) == pytest.approx(p, abs=5e-4 if p < 0.01 else 5e-3)


def test_w_significance_of_siegels_example_is_far_from_significant() -> None:
    """Siegel's three executives (W = 0.16): χ² = 3 × 5 × 0.162 = 2.43 on 5 df, p ≈ 0.79
    by the approximation; the permutation test agrees that chance explains it."""
    ranks = np.array([[1, 6, 3, 2, 5, 4], [1, 5, 6, 4, 2, 3], [6, 3, 2, 5, 4, 1]], dtype=float)
    w = kendall_w(ranks)
    assert w is not None
    assert chi_square_sf(kendall_chi_square(w, 3, 6), 5) == pytest.approx(0.787, abs=1e-3)
    p = kendall_w_p_value(ranks)
    assert p is not None and p > 0.5


def test_w_significance_with_ties_matches_the_chi_square_for_many_raters() -> None:
    """Kemp's scorecard example (5 raters, 12 items, ties; published W = 0.735): χ² =
    5 × 11 × W ≈ 40.45 on 11 df, a tail far below the 1/10 000 the permutation test can
    resolve, so it reports its floor. For 40 random partial rankings (the questionnaire's
    ties), the permutation p and the χ² p agree within the sampling error of 9 999 draws."""
    ranks = np.array([rankdata(KEMP_SCORES[:, rater]) for rater in range(5)])
    w = kendall_w(ranks)
    assert w is not None
    assert kendall_chi_square(w, 5, 12) == pytest.approx(55 * 0.735, abs=0.03)
    assert chi_square_sf(kendall_chi_square(w, 5, 12), 11) < 1e-4
    assert kendall_w_p_value(ranks) == pytest.approx(1 / 10_000)
    rng = np.random.default_rng(3)
    options = list("abcdef")
    partial = np.array(
        [
            ranks_from_order(list(rng.permutation(options)[: rng.integers(3, 7)]), options)
            for _ in range(40)
        ]
    )
    w = kendall_w(partial)
    assert w is not None
    approximate = chi_square_sf(kendall_chi_square(w, 40, 6), 5)
    assert kendall_w_p_value(partial) == pytest.approx(approximate, abs=0.02)


def test_w_p_value_is_none_when_w_is_undefined_and_repeatable() -> None:
    assert kendall_w_p_value(np.array([[1, 2, 3]])) is None
    ranks = np.array([np.random.default_rng(i).permutation(6) + 1 for i in range(12)], dtype=float)
    assert kendall_w_p_value(ranks) == kendall_w_p_value(ranks)
