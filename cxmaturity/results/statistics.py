"""The agreement statistics, as published — small pure functions over numbers.

- r_wg and r_wg(J): James, Demaree & Wolf (1984), "Estimating within-group interrater
  reliability with and without response bias", Journal of Applied Psychology 69(1).
- AD_M, the average deviation around the mean: Burke, Finkelstein & Dusig (1999), "On
  average deviation indices for estimating interrater agreement", Organizational Research
  Methods 2(1); its practical bound c/6 and the scale index as the mean of the items':
  Burke & Dunlap (2002), "Estimating interrater agreement with the average deviation
  index: a user's guide", ORM 5(2).
- Kendall's W with the tie correction: Kendall (1948), Rank Correlation Methods;
  Siegel (1956), Nonparametric Statistics for the Behavioral Sciences, §9. Its
  significance: χ² = m(k − 1)W on k − 1 degrees of freedom (Friedman 1937), and, because
  that approximation is poor for a few raters, a permutation test that keeps each
  rater's ties.
Each returns None when the figure is undefined (too few answers) — never a fake 1.0.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence

import numpy as np

SCALE_POINTS = 5
#: Variance of the uniform ("random answering") null distribution, (A² − 1) / 12 = 2 for A = 5.
EXPECTED_VARIANCE = (SCALE_POINTS**2 - 1) / 12
#: Burke & Dunlap (2002): AD_M below c/6 (0.83 on five points) is acceptable agreement.
AD_BOUND = SCALE_POINTS / 6
#: Level bands on the 1–5 scale: [1, 1.8) → 1, [1.8, 2.6) → 2, … [4.2, 5] → 5.
LEVEL_FLOORS = (1.8, 2.6, 3.4, 4.2)


def level_of(score: float) -> int:
    """The maturity level (1–5) a score falls in."""
    return bisect.bisect_right(LEVEL_FLOORS, score) + 1


def next_level_floor(level: int) -> float:
    """The lowest score of the level above `level` (5.0 once at the top)."""
    return LEVEL_FLOORS[level - 1] if level < SCALE_POINTS else float(SCALE_POINTS)


def present(values: Sequence[float] | np.ndarray) -> np.ndarray:
    """The values that are not missing (NaN)."""
    array = np.asarray(values, dtype=float)
    kept: np.ndarray = array[~np.isnan(array)]
    return kept


def sample_variance(values: Sequence[float] | np.ndarray) -> float | None:
    """s² with n − 1 in the denominator; None below two answers."""
    x = present(values)
    return float(x.var(ddof=1)) if x.size >= 2 else None


def rwg(values: Sequence[float] | np.ndarray) -> float | None:
    """Within-group agreement on one item: 1 − s²/σ²_EU, truncated to [0, 1]."""
    variance = sample_variance(values)
    if variance is None:
        return None
    return float(np.clip(1 - variance / EXPECTED_VARIANCE, 0.0, 1.0))


def ad_m(values: Sequence[float] | np.ndarray) -> float | None:
    """Average deviation around the mean, in scale points: Σ|x − x̄| / n.

    0 when everyone chose the same level; it reads in the scale's own units at any n,
    where rwg's variance ratio swings wildly below ten answers. None below two answers.
    """
    x = present(values)
    if x.size < 2:
        return None
    return float(np.abs(x - x.mean()).mean())


def rwg_j(item_variances: Sequence[float]) -> float | None:
    """Agreement on a J-item dimension from its items' sample variances.

    rwg(J) = J(1 − v̄/σ²) / (J(1 − v̄/σ²) + v̄/σ²), with v̄ the mean item variance,
    capped at σ² as James et al. recommend so the index stays within [0, 1].
    """
    variances = present(item_variances)
    if variances.size == 0:
        return None
    j = variances.size
    ratio = min(float(variances.mean()), EXPECTED_VARIANCE) / EXPECTED_VARIANCE
    agreement = j * (1 - ratio)
    return agreement / (agreement + ratio)


def ranks_from_order(order: Sequence[str], options: Sequence[str]) -> np.ndarray:
    """Ranks (1 = first priority) of every option; unranked options tie for the rest.

    ["b", "a"] over options [a, b, c, d] → a: 2, b: 1, c: 3.5, d: 3.5.
    """
    position = {option: i for i, option in enumerate(order)}
    ranked = len(order)
    # Unranked options share the average of the places left: (k + 1 + n) / 2.
    tied = (ranked + 1 + len(options)) / 2
    return np.array([position[o] + 1.0 if o in position else tied for o in options])


def kendall_w(ranks: np.ndarray) -> float | None:
    """Kendall's coefficient of concordance, corrected for ties.

    `ranks` has one row per respondent (m) and one column per ranked object (n), each row
    holding ranks 1..n with tied objects sharing their average rank.
    W = 12S / (m²(n³ − n) − m ΣT), with S the sum of squared deviations of the rank sums
    from their mean and T = Σ(t³ − t) over each respondent's groups of t tied objects.
    """
    ranks = np.asarray(ranks, dtype=float)
    if ranks.ndim != 2 or ranks.shape[0] < 2 or ranks.shape[1] < 2:
        return None
    m, n = ranks.shape
    sums = ranks.sum(axis=0)
    s = float(((sums - sums.mean()) ** 2).sum())
    ties = 0.0
    for row in ranks:
        _, counts = np.unique(row, return_counts=True)
        ties += float((counts**3 - counts).sum())
    denominator = m**2 * (n**3 - n) - m * ties
    if denominator <= 0:  # every respondent tied every object: no ranking to agree on
        return None
    return float(np.clip(12 * s / denominator, 0.0, 1.0))


def rank_sum_spread(ranks: np.ndarray) -> np.ndarray:
    """S for each stack of rankings: the squared deviations of the objects' rank sums from
    their mean, summed. `ranks` is (…, m, k); W is S scaled by a constant of the ties."""
    sums = ranks.sum(axis=-2)
    spread: np.ndarray = ((sums - sums.mean(axis=-1, keepdims=True)) ** 2).sum(axis=-1)
    return spread


def chi_square_sf(x: float, df: int) -> float:
    """P(χ² ≥ x) on a whole number of degrees of freedom, in closed form (Abramowitz &
    Stegun 26.4.4–26.4.5), so the runtime does not need scipy."""
    if x <= 0:
        return 1.0
    half = x / 2
    if df % 2 == 0:
        term, total = 1.0, 1.0
        for i in range(1, df // 2):
            term *= half / i
            total += term
        return min(1.0, math.exp(-half) * total)
    root = math.sqrt(x)
    total = math.erfc(root / math.sqrt(2))  # 2·Q(√x), the df = 1 tail
    term = root * math.sqrt(2 / math.pi) * math.exp(-half)  # 2·φ(√x)·√x
    for r in range(1, (df - 1) // 2 + 1):
        total += term
        term *= x / (2 * r + 1)
    return min(1.0, total)


#: Rankings beyond this many arrangements are sampled instead of enumerated.
EXACT_ARRANGEMENTS = 50_000
#: Random arrangements drawn for the permutation test (p resolves to 1/10 000).
PERMUTATIONS = 9_999
#: A fixed seed: the same answers always give the same p-value.
PERMUTATION_SEED = 20_021_959


def kendall_w_p_value(ranks: np.ndarray) -> float | None:
    """How likely a concordance at least this strong is when every rater ranks at random.

    Each rater's ranking, ties included, is shuffled independently: enumerated exactly
    when there are few arrangements (the first rater stays fixed, since relabelling the
    objects changes nothing), otherwise sampled 9 999 times with a fixed seed and
    counted as (1 + hits) / (1 + draws). None when W is undefined.
    """
    ranks = np.asarray(ranks, dtype=float)
    if kendall_w(ranks) is None:
        return None
    m, k = ranks.shape
    observed = float(rank_sum_spread(ranks)) - 1e-9  # ≥ with floating-point slack
    if math.factorial(k) ** (m - 1) <= EXACT_ARRANGEMENTS:
        orders = [list(itertools.permutations(row)) for row in ranks[1:]]
        stacks = np.array([[ranks[0], *rest] for rest in itertools.product(*orders)], dtype=float)
        return float((rank_sum_spread(stacks) >= observed).mean())
    rng = np.random.default_rng(PERMUTATION_SEED)
    sums = np.zeros((PERMUTATIONS, k))
    table = np.array(list(itertools.permutations(range(k)))) if k <= 8 else None
    for row in ranks:  # one rater at a time: memory stays at draws × objects
        if table is not None:  # drawing rows of a table of orders is twice as fast
            order = table[rng.integers(0, len(table), PERMUTATIONS)]
        else:
            order = rng.random((PERMUTATIONS, k)).argsort(axis=1)
        sums += row[order]
    spread = ((sums - sums.mean(axis=1, keepdims=True)) ** 2).sum(axis=1)
    return (1 + int((spread >= observed).sum())) / (1 + PERMUTATIONS)


def kendall_chi_square(w: float, raters: int, objects: int) -> float:
    """Friedman's statistic from W: χ² = m(k − 1)W, on k − 1 degrees of freedom."""
    return raters * (objects - 1) * w
