"""Maturity: item means, dimension scores, the overall score, and their spread by role.

Item level = the chosen statement's level; "I don't know" is missing. Dimension score =
mean of its item means; overall = mean of the dimension scores.
"""

from __future__ import annotations

import numpy as np

from cxmaturity.archive.model import Consensus
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.results.model import ConsensusView, DimensionResult, ItemResult, Overall
from cxmaturity.results.responses import Responses
from cxmaturity.results.statistics import SCALE_POINTS, level_of, rwg, rwg_j

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
    levels = responses.levels
    by_group = _group_item_means(responses)
    results = []
    for item in q.scored_items:
        column = levels[item.id]
        answered = column.dropna()
        mean, level = score_and_level(answered.mean() if len(answered) else None)
        item_rwg = rwg(answered.to_numpy())
        by_role = {
            group: round(means[item.id], 2) for group, means in by_group.items() if item.id in means
        }
        gap = _gap(by_role)
        agreed = consensus.get(item.id)
        results.append(
            ItemResult(
                question_id=item.id,
                dimension=item.dimension,
                mean=mean,
                level=level,
                sd=rounded(answered.std(ddof=1)) if len(answered) >= 2 else None,
                rwg=rounded(item_rwg),
                n=len(answered),
                dont_know=int(responses.dont_know[item.id]),
                distribution={
                    str(k): int((answered == k).sum()) for k in range(1, SCALE_POINTS + 1)
                },
                by_role=by_role,
                max_role_gap=gap,
                divergence=rounded(_divergence(item_rwg, gap)),
                consensus=ConsensusView(**agreed.model_dump()) if agreed else None,
            )
        )
    return results


def score_dimensions(q: Questionnaire, responses: Responses) -> list[DimensionResult]:
    levels = responses.levels
    item_means = levels.mean()
    item_variances = levels.var(ddof=1)
    counts = levels.count()
    group_dimension_means = _group_dimension_means(q, responses)
    results = []
    for dimension in q.dimensions:
        ids = [item.id for item in q.items_of(dimension.id)]
        answered = [i for i in ids if counts[i] > 0]
        score, level = score_and_level(item_means[answered].mean() if answered else None)
        variances = [item_variances[i] for i in ids if counts[i] >= 2]
        by_role = group_dimension_means.get(dimension.id, {})
        results.append(
            DimensionResult(
                id=dimension.id,
                score=score,
                level=level,
                rwg_j=rounded(rwg_j(variances)),
                by_role=by_role,
                max_role_gap=_gap(by_role),
                items=ids,
            )
        )
    return results


def overall(dimensions: list[DimensionResult]) -> Overall:
    scores = [d.score for d in dimensions if d.score is not None]
    score, level = score_and_level(float(np.mean(scores)) if scores else None)
    return Overall(score=score, level=level)


def _group_item_means(responses: Responses) -> dict[str, dict[str, float]]:
    """Per shown group, each item's mean over that group's answers — only where at least
    `min_group_size` of the group answered the item."""
    grouped = (
        responses.levels.assign(_group=responses.groups).dropna(subset=["_group"]).groupby("_group")
    )
    means, counts = grouped.mean(), grouped.count()
    shown: dict[str, dict[str, float]] = {}
    for group in means.index:
        enough = counts.loc[group] >= responses.min_group_size
        shown[str(group)] = {
            item: float(value) for item, value in means.loc[group][enough].dropna().items()
        }
    return dict(sorted(shown.items()))


def _group_dimension_means(q: Questionnaire, responses: Responses) -> dict[str, dict[str, float]]:
    """Per dimension, each shown group's score: the mean of the group's item means, shown
    when at least `min_group_size` of the group answered some item of the dimension."""
    levels = responses.levels.assign(_group=responses.groups).dropna(subset=["_group"])
    out: dict[str, dict[str, float]] = {}
    for dimension in q.dimensions:
        ids = [item.id for item in q.items_of(dimension.id)]
        block = levels[[*ids, "_group"]]
        respondents = block[ids].notna().any(axis=1).groupby(block["_group"]).sum()
        item_means = block.groupby("_group")[ids].mean()
        scores = item_means.mean(axis=1, skipna=True)
        out[dimension.id] = {
            str(group): round(float(score), 2)
            for group, score in sorted(scores.items())
            if respondents[group] >= responses.min_group_size and not np.isnan(score)
        }
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
