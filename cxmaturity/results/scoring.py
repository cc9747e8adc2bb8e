"""Maturity: item figures, dimension scores, the overall score, and their spread by role.

Item level = the chosen statement's level; "I don't know" is missing. Dimension score =
mean of its item means; overall = mean of the dimension scores. A dimension's agreement
is the mean of its items' AD_M (Burke & Dunlap 2002's scale index): it lies between its
items' lowest and highest, where rwg(J) rises with the number of items. Each dimension
also carries the team's ambition for it (results/ambition.py) and the gap to it.
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
from cxmaturity.results.role_gaps import role_gap
from cxmaturity.results.statistics import SCALE_POINTS, ad_m, level_of, present, rwg, rwg_j
from cxmaturity.results.verdicts import level_verdict

#: The largest AD_M five points allow (half the answers at 1, half at 5).
AD_MAX = (SCALE_POINTS - 1) / 2


def level_of_score(score: float | None) -> int | None:
    """The level of a score as the views print it (two decimals)."""
    return None if score is None else level_of(round(score, 2))


def mean_or_none(values: list[float]) -> float | None:
    return float(np.mean(values)) if values else None


def score_items(
    q: Questionnaire, responses: Responses, consensus: dict[str, Consensus]
) -> list[ItemResult]:
    roles = [role.id for role in q.roles]
    results = []
    for item in q.scored_items:
        column = responses.column(item.id)
        answered = present(column)
        n = answered.size
        mean = float(answered.mean()) if n else None
        groups = responses.item_groups([item.id])
        by_role = {
            group: float(np.nanmean(column[rows]))
            for group, rows in responses.shown(groups).items()
        }
        gap = role_gap(column, groups, responses.rule.mode, roles)
        agreement = ad_m(answered)
        agreed = consensus.get(item.id)
        counts = np.bincount(answered.astype(int), minlength=SCALE_POINTS + 1)
        results.append(
            ItemResult(
                question_id=item.id,
                dimension=item.dimension,
                n=n,
                dont_know=responses.dont_know[item.id],
                mean=mean,
                median=float(np.median(answered)) if n else None,
                level=level_of_score(mean),
                sd=float(answered.std(ddof=1)) if n >= 2 else None,
                range=(int(answered.min()), int(answered.max())) if n else None,
                distribution={str(k): int(counts[k]) for k in range(1, SCALE_POINTS + 1)},
                agreement=agreement,
                verdict=level_verdict(agreement, n),
                rwg=rwg(answered),
                by_role=by_role,
                role_gap=gap,
                divergence=_divergence(agreement, gap.gap if gap else None),
                consensus=ConsensusView(**agreed.model_dump()) if agreed else None,
            )
        )
    return results


def score_dimensions(
    q: Questionnaire,
    responses: Responses,
    items: list[ItemResult],
    ambitions: dict[str, AmbitionResult],
) -> list[DimensionResult]:
    by_id = {item.question_id: item for item in items}
    results = []
    for dimension in q.dimensions:
        ids = [item.id for item in q.items_of(dimension.id)]
        mine = [by_id[i] for i in ids]
        score = mean_or_none([i.mean for i in mine if i.mean is not None])
        block = responses.levels[:, [responses.columns[i] for i in ids]]
        respondents = int((~np.isnan(block)).any(axis=1).sum())
        agreement = mean_or_none([i.agreement for i in mine if i.agreement is not None])
        variances = [i.sd**2 for i in mine if i.sd is not None]
        ambition = ambitions.get(dimension.id)
        target = ambition.level if ambition else None
        results.append(
            DimensionResult(
                id=dimension.id,
                score=score,
                level=level_of_score(score),
                respondents=respondents,
                agreement=agreement,
                verdict=level_verdict(agreement, respondents),
                rwg_j=rwg_j(variances),
                by_role=_group_dimension_means(responses, ids),
                items=ids,
                ambition=ambition,
                gap=target - score if target is not None and score is not None else None,
            )
        )
    return results


def overall(dimensions: list[DimensionResult]) -> Overall:
    score = mean_or_none([d.score for d in dimensions if d.score is not None])
    return Overall(score=score, level=level_of_score(score))


def _group_dimension_means(responses: Responses, ids: list[str]) -> dict[str, float]:
    """Each shown group's score on a dimension: the mean of the group's item means, over
    the items at least `threshold` of the group answered (the group itself is made from
    who answered any item of the dimension)."""
    columns = [responses.columns[i] for i in ids]
    out: dict[str, float] = {}
    for group, rows in responses.shown(responses.item_groups(ids)).items():
        block = responses.levels[np.ix_(rows, np.array(columns))]
        counts = (~np.isnan(block)).sum(axis=0)
        means = [
            float(np.nanmean(block[:, j]))
            for j in range(len(columns))
            if counts[j] >= responses.rule.threshold
        ]
        if means:
            out[group] = float(np.mean(means))
    return out


def _divergence(agreement: float | None, gap: float | None) -> float | None:
    """How much an item is worth discussing, 0–1, to order them: half from the spread
    (AD_M over its largest possible value, 2 levels), half from the counted role gap
    over the widest possible (4 levels)."""
    if agreement is None:
        return None
    return 0.5 * agreement / AD_MAX + 0.5 * (gap or 0.0) / (SCALE_POINTS - 1)


def divergent_items(items: list[ItemResult]) -> list[str]:
    """Items worth discussing, most divergent first (questionnaire order on ties): the
    team is divided on them, or two roles stand apart by a gap that counts."""
    candidates = [
        item
        for item in items
        if item.divergence is not None and (item.verdict == "divided" or item.role_gap is not None)
    ]
    order = {item.question_id: i for i, item in enumerate(items)}
    candidates.sort(key=lambda item: (-(item.divergence or 0.0), order[item.question_id]))
    return [item.question_id for item in candidates]
