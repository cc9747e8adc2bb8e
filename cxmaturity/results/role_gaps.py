"""When two roles' answers to an item differ enough to discuss, and which two.

- open mode (one person per function, typically): a gap of OPEN_GAP levels or more
  between two roles' values is a divergence worth discussing — two people two levels
  apart read the same company differently.
- protected mode (groups of three or more): two group means differ only beyond what the
  groups' own spread explains — by at least PROTECTED_GAP level and by more than
  SPREAD_Z standard errors of the difference, √(s²₁/n₁ + s²₂/n₂) (Welch). With ten groups
  of two to five people, the widest of 45 differences between means is mostly noise.
The widest gap that counts is kept, with both roles and their values.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np

from cxmaturity.results.model import RoleGap
from cxmaturity.rules.role_figures import RoleFiguresMode

OPEN_GAP = 2.0
PROTECTED_GAP = 1.0
SPREAD_Z = 2.0


def role_gap(
    values: np.ndarray, groups: list[str | None], mode: RoleFiguresMode, order: list[str]
) -> RoleGap | None:
    """The widest counted gap between shown groups on one item; None when none counts.

    `values` holds each respondent's level (NaN when they gave none); `order` is the
    questionnaire's order of roles, which breaks ties so the same answers name the same
    roles.
    """
    members: dict[str, np.ndarray] = {}
    for group in sorted({g for g in groups if g is not None}, key=_rank(order)):
        chosen = np.array([v for v, g in zip(values, groups, strict=True) if g == group])
        chosen = chosen[~np.isnan(chosen)]
        if chosen.size:
            members[group] = chosen
    best: RoleGap | None = None
    for (a, xs), (b, ys) in itertools.combinations(members.items(), 2):
        high, low = ((a, xs), (b, ys)) if xs.mean() >= ys.mean() else ((b, ys), (a, xs))
        gap = float(high[1].mean() - low[1].mean())
        if not _counts(gap, high[1], low[1], mode):
            continue
        if best is None or gap > best.gap + 1e-12:
            best = RoleGap(
                high_role=high[0],
                high=float(high[1].mean()),
                low_role=low[0],
                low=float(low[1].mean()),
                gap=gap,
            )
    return best


def _counts(gap: float, high: np.ndarray, low: np.ndarray, mode: RoleFiguresMode) -> bool:
    if mode == "open":
        return gap >= OPEN_GAP - 1e-9
    if gap < PROTECTED_GAP - 1e-9:
        return False
    error = np.sqrt(high.var(ddof=1) / high.size + low.var(ddof=1) / low.size)
    return bool(gap > SPREAD_Z * error)


def _rank(order: list[str]) -> Callable[[str], tuple[int, str]]:
    position = {role: i for i, role in enumerate(order)}
    return lambda group: (position.get(group, len(position)), group)
