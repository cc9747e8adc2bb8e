"""Where the team wants each dimension in 18 months (seed 002: « les mêmes ambitions »).

The team's ambition for a dimension is the median level its members chose — a median,
because one person aiming at 5 should not move the team's target — and the gap is that
ambition minus today's score. Agreement on an ambition is its AD_M, read as an item's;
alignment on ambition is the mean over the dimensions. Questionnaires before v2 ask no
ambition: every figure here is then absent.
"""

from __future__ import annotations

import numpy as np

from cxmaturity.answers import DONT_KNOW
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.results.model import Agreement, AmbitionResult
from cxmaturity.results.responses import Responses
from cxmaturity.results.statistics import SCALE_POINTS, ad_m, rwg
from cxmaturity.results.verdicts import level_verdict


def assess_ambitions(q: Questionnaire, responses: Responses) -> dict[str, AmbitionResult]:
    """Dimension id → the team's ambition for it, for every dimension that asks one."""
    results = {}
    for dimension_id, question in q.ambitions.items():
        values = np.array(
            [
                v if isinstance(v := p.answers.get(question.id), int) else np.nan
                for p in responses.participants
            ],
            dtype=float,
        )
        levels = values[~np.isnan(values)]
        groups = responses.groups_for(~np.isnan(values))
        counts = np.bincount(levels.astype(int), minlength=SCALE_POINTS + 1)
        agreement = ad_m(levels)
        results[dimension_id] = AmbitionResult(
            question_id=question.id,
            n=int(levels.size),
            dont_know=sum(p.answers.get(question.id) == DONT_KNOW for p in responses.participants),
            level=float(np.median(levels)) if levels.size else None,
            distribution={str(k): int(counts[k]) for k in range(1, SCALE_POINTS + 1)},
            agreement=agreement,
            verdict=level_verdict(agreement, int(levels.size)),
            rwg=rwg(levels),
            by_role={
                group: float(np.median(values[rows]))
                for group, rows in responses.shown(groups).items()
            },
        )
    return results


def ambition_alignment(ambitions: dict[str, AmbitionResult]) -> Agreement | None:
    """How far the team shares its ambitions: the mean AD_M over the dimensions where it
    is defined; its verdict needs four people to have answered some ambition."""
    if not ambitions:
        return None
    values = [a.agreement for a in ambitions.values() if a.agreement is not None]
    agreement = float(np.mean(values)) if values else None
    most = max(a.n for a in ambitions.values())
    return Agreement(agreement=agreement, verdict=level_verdict(agreement, most))
