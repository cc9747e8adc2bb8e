"""The agreement statistics, as published — small pure functions over numbers.

- r_wg and r_wg(J): James, Demaree & Wolf (1984), "Estimating within-group interrater
  reliability with and without response bias", Journal of Applied Psychology 69(1).
- Kendall's W with the tie correction: Kendall (1948), Rank Correlation Methods;
  Siegel (1956), Nonparametric Statistics for the Behavioral Sciences, §9.
Each returns None when the figure is undefined (too few answers) — never a fake 1.0.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import numpy as np

SCALE_POINTS = 5
#: Variance of the uniform ("random answering") null distribution, (A² − 1) / 12 = 2 for A = 5.
EXPECTED_VARIANCE = (SCALE_POINTS**2 - 1) / 12
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
    return array[~np.isnan(array)]


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
