"""When two roles' answers to an item differ enough to discuss, and which two.

- open mode (one person per function, typically): a gap of OPEN_GAP levels or more
  between two roles' values is a divergence worth discussing — two people two levels
  apart read the same company differently.
- protected mode (groups of three or more): the widest gap between two groups' means
  counts only beyond what the groups' own spread explains. It must reach PROTECTED_GAP
  level, and fewer than 5 % of random reassignments of the same answers to groups of
  the same sizes may give a widest gap as large (a permutation test of the largest
  difference, so ten groups' 45 pairs do not each get a chance to look significant).
  Two groups of three can never pass: even 5-5-5 against 1-1-1 arises by chance one
  time in ten. The item's own agreement and its dot plot still show such a split.
The gap kept names both roles, with their values.
"""

from __future__ import annotations

import numpy as np

from cxmaturity.results.model import RoleGap
from cxmaturity.workshops.role_figures import RoleFiguresMode

OPEN_GAP = 2.0
PROTECTED_GAP = 1.0
SIGNIFICANCE = 0.05
#: Random reassignments drawn per item (p resolves to 1/1 000), with a fixed seed: the
#: same answers always name the same gap.
REASSIGNMENTS = 999
SEED = 1_937


def role_gap(
    values: np.ndarray, groups: list[str | None], mode: RoleFiguresMode, order: list[str]
) -> RoleGap | None:
    """The widest gap between two shown groups on one item when it counts; else None.

    `values` holds each respondent's level (NaN when they gave none); `order` is the
    questionnaire's order of roles, which breaks ties so the same answers name the same
    roles.
    """
    position = {role: i for i, role in enumerate(order)}
    names = sorted(
        {g for g, v in zip(groups, values, strict=True) if g is not None and not np.isnan(v)},
        key=lambda g: (position.get(g, len(position)), g),
    )
    if len(names) < 2:
        return None
    rows = [
        i
        for i, (g, v) in enumerate(zip(groups, values, strict=True))
        if g in names and not np.isnan(v)
    ]
    answers = values[rows]
    labels = np.array([names.index(groups[i]) for i in rows])  # type: ignore[arg-type]
    weights = (labels[None, :] == np.arange(len(names))[:, None]).astype(float)
    weights /= weights.sum(axis=1, keepdims=True)  # each row averages one group
    means = weights @ answers
    high, low = int(np.argmax(means)), int(np.argmin(means))  # the first on ties
    gap = float(means[high] - means[low])
    if not _counts(gap, answers, weights, mode):
        return None
    return RoleGap(
        high_role=names[high],
        high=float(means[high]),
        low_role=names[low],
        low=float(means[low]),
        gap=gap,
    )


def _counts(gap: float, answers: np.ndarray, weights: np.ndarray, mode: RoleFiguresMode) -> bool:
    if mode == "open":
        return gap >= OPEN_GAP - 1e-9
    if gap < PROTECTED_GAP - 1e-9:
        return False
    rng = np.random.default_rng(SEED)
    shuffled = rng.permuted(np.tile(answers, (REASSIGNMENTS, 1)), axis=1) @ weights.T
    chance = shuffled.max(axis=1) - shuffled.min(axis=1)
    p_value = (1 + int((chance >= gap - 1e-9).sum())) / (1 + REASSIGNMENTS)
    return p_value < SIGNIFICANCE
