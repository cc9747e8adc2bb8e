"""Where the team wants each dimension in 18 months (seed 002: « les mêmes ambitions »).

The team's ambition for a dimension is the median level its members chose — a median,
because one person aiming at 5 should not move the team's target — and the gap is that
ambition minus today's score. Agreement on the ambition uses the same index as the items.
Questionnaires before v2 ask no ambition: every figure here is then absent.
"""

from __future__ import annotations

import numpy as np

from cxmaturity.answers import DONT_KNOW
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.results.model import AmbitionResult
from cxmaturity.results.responses import Responses
from cxmaturity.results.scoring import rounded
from cxmaturity.results.statistics import SCALE_POINTS, rwg


def assess_ambitions(q: Questionnaire, responses: Responses) -> dict[str, AmbitionResult]:
    """Dimension id → the team's ambition for it, for every dimension that asks one."""
    results = {}
    for dimension_id, question in q.ambitions.items():
        levels = np.array(
            [v for _, v in responses.answers_to(question.id) if isinstance(v, int)], dtype=float
        )
        counts = np.bincount(levels.astype(int), minlength=SCALE_POINTS + 1)
        results[dimension_id] = AmbitionResult(
            question_id=question.id,
            n=int(levels.size),
            dont_know=sum(p.answers.get(question.id) == DONT_KNOW for p in responses.participants),
            median=float(np.median(levels)) if levels.size else None,
            distribution={str(k): int(counts[k]) for k in range(1, SCALE_POINTS + 1)},
            rwg=rounded(rwg(levels)),
        )
    return results


def ambition_agreement(ambitions: dict[str, AmbitionResult]) -> float | None:
    """How far the team shares its ambitions: the mean agreement over the dimensions where
    it is defined (two answers or more); None when it is nowhere defined."""
    values = [a.rwg for a in ambitions.values() if a.rwg is not None]
    return rounded(float(np.mean(values))) if values else None
