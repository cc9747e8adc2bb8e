"""Maturity: item means, dimension scores, the overall score, and their spread by role.

Item level = the chosen statement's level; "I don't know" is missing. Dimension score =
mean of its item means; overall = mean of the dimension scores. Each dimension also
carries the team's ambition for it (results/ambition.py) and the gap to it.
"""

from __future__ import annotations

import numpy as np

from cxmaturity.archive.model import Consensus
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.results.model import (
    AmbitionResult,
    ConsensusView,
    DimensionResult,
    ItemResult,
    Overall,
)
from cxmaturity.results.responses import Responses
from cxmaturity.results.statistics import SCALE_POINTS, level_of, present, rwg, rwg_j

#: An item is worth discussing when the team agrees little, or two roles are a level apart.
DIVERGENT_RWG = 0.70
DIVERGENT_ROLE_GAP = 1.0


def rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None or np.isnan(value) else round(float(value), digits)


def score_and_level(value: float | None) -> tuple[float | None, int | None]:
    score = rounded(value)
    return score, (None if score is None else level_of(score))


def score_items(
    q: Questionnaire, responses: Responses, consensus: dict[str, Consensus]
) -> list[ItemResult]:
    by_group = _group_item_means(responses)
    results = []
    for item in q.scored_items:
        answered = present(responses.column(item.id))
        n = answered.size
        mean, level = score_and_level(float(answered.mean()) if n else None)
        item_rwg = rwg(answered)
        by_role = {
            group: round(means[item.id], 2) for group, means in by_group.items() if item.id in means
        }
        gap = _gap(by_role)
        agreed = consensus.get(item.id)
        counts = np.bincount(answered.astype(int), minlength=SCALE_POINTS + 1)
        results.append(
            ItemResult(
                question_id=item.id,
                dimension=item.dimension,
                mean=mean,
                level=level,
                sd=rounded(float(answered.std(ddof=1))) if n >= 2 else None,
                rwg=rounded(item_rwg),
                n=n,
                dont_know=responses.dont_know[item.id],
                distribution={str(k): int(counts[k]) for k in range(1, SCALE_POINTS + 1)},
                by_role=by_role,
                max_role_gap=gap,
                divergence=rounded(_divergence(item_rwg, gap)),
                consensus=ConsensusView(**agreed.model_dump()) if agreed else None,
            )
        )
    return results


def score_dimensions(
    q: Questionnaire, responses: Responses, ambitions: dict[str, AmbitionResult]
) -> list[DimensionResult]:
    group_dimension_means = _group_dimension_means(q, responses)
    results = []
    for dimension in q.dimensions:
        ids = [item.id for item in q.items_of(dimension.id)]
        columns = [present(responses.column(i)) for i in ids]
        means = [float(c.mean()) for c in columns if c.size]
        score, level = score_and_level(float(np.mean(means)) if means else None)
        variances = [float(c.var(ddof=1)) for c in columns if c.size >= 2]
        by_role = group_dimension_means.get(dimension.id, {})
        ambition = ambitions.get(dimension.id)
        target = ambition.median if ambition else None
        results.append(
            DimensionResult(
                id=dimension.id,
                score=score,
                level=level,
                rwg_j=rounded(rwg_j(variances)),
                by_role=by_role,
                max_role_gap=_gap(by_role),
                items=ids,
                ambition=ambition,
                gap=rounded(target - score) if target is not None and score is not None else None,
            )
        )
    return results


def overall(dimensions: list[DimensionResult]) -> Overall:
    scores = [d.score for d in dimensions if d.score is not None]
    score, level = score_and_level(float(np.mean(scores)) if scores else None)
    return Overall(score=score, level=level)


def _group_sums(responses: Responses) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per shown group: how many of its members gave a level to each item, and the sum of
    those levels (whole numbers: the means below are exact, whatever the summation order)."""
    out = {}
    for group, rows in responses.shown_groups.items():
        block = responses.levels[rows]
        out[group] = ((~np.isnan(block)).sum(axis=0), np.nansum(block, axis=0))
    return out


def _group_item_means(responses: Responses) -> dict[str, dict[str, float]]:
    """Per shown group, each item's mean over that group's answers — only where at least
    `min_group_size` of the group answered the item."""
    shown: dict[str, dict[str, float]] = {}
    for group, (counts, sums) in _group_sums(responses).items():
        shown[group] = {
            item_id: float(sums[j] / counts[j])
            for j, item_id in enumerate(responses.item_ids)
            if counts[j] >= responses.min_group_size and counts[j] > 0
        }
    return shown


def _group_dimension_means(q: Questionnaire, responses: Responses) -> dict[str, dict[str, float]]:
    """Per dimension, each shown group's score: the mean of the group's item means, shown
    when at least `min_group_size` of the group answered some item of the dimension."""
    sums_by_group = _group_sums(responses)
    out: dict[str, dict[str, float]] = {}
    for dimension in q.dimensions:
        columns = [responses.columns[item.id] for item in q.items_of(dimension.id)]
        out[dimension.id] = {}
        for group, rows in responses.shown_groups.items():
            counts, sums = sums_by_group[group]
            block = responses.levels[np.ix_(rows, columns)]
            respondents = int((~np.isnan(block)).any(axis=1).sum())
            means = [sums[j] / counts[j] for j in columns if counts[j] > 0]
            if respondents >= responses.min_group_size and means:
                out[dimension.id][group] = round(float(np.mean(means)), 2)
    return out


def _gap(by_role: dict[str, float]) -> float | None:
    if len(by_role) < 2:
        return None
    return round(max(by_role.values()) - min(by_role.values()), 2)


def _divergence(item_rwg: float | None, gap: float | None) -> float | None:
    """How much an item is worth discussing, 0–1: low agreement and a large role gap.

    Half from disagreement (1 − rwg), half from the role gap relative to the widest possible
    (4 points); the disagreement alone when no two roles can be shown.
    """
    if item_rwg is None:
        return None
    if gap is None:
        return 1 - item_rwg
    return 0.5 * (1 - item_rwg) + 0.5 * gap / (SCALE_POINTS - 1)


def divergent_items(items: list[ItemResult]) -> list[str]:
    """Items worth discussing, most divergent first (questionnaire order on ties)."""
    candidates = [
        item
        for item in items
        if item.divergence is not None
        and (
            (item.rwg is not None and item.rwg < DIVERGENT_RWG)
            or (item.max_role_gap is not None and item.max_role_gap >= DIVERGENT_ROLE_GAP)
        )
    ]
    order = {item.question_id: i for i, item in enumerate(items)}
    candidates.sort(key=lambda item: (-(item.divergence or 0.0), order[item.question_id]))
    return [item.question_id for item in candidates]
