"""The three common mistakes (seed 001): how exposed the team is to each.

Risk comes from the mean of the mistake's evidence items: below 2.5 high, below 3.5
medium, otherwise low. The strategy "disconnect" is raised one step when the team is
divided on its objectives or on its definition of CX (results/verdicts.py): ambitions
that are not shared cannot be linked to what CX must deliver.
"""

from __future__ import annotations

import numpy as np

from cxmaturity.questionnaire.model import Questionnaire, Risk
from cxmaturity.results.model import Alignment, ItemResult, MistakeResult

HIGH_BELOW = 2.5
MEDIUM_BELOW = 3.5
RISKS: tuple[Risk, ...] = ("low", "medium", "high")
#: The mistake whose risk rises when the team does not share objectives or a definition.
RAISED_BY_ALIGNMENT = "disconnect"


def assess_mistakes(
    q: Questionnaire, items: list[ItemResult], alignment: Alignment
) -> list[MistakeResult]:
    by_id = {item.question_id: item for item in items}
    results = []
    for mistake in q.mistakes:
        evidence = [by_id[i.id] for i in q.scored_items if i.mistake == mistake.id]
        answered = [item for item in evidence if item.mean is not None]
        score = float(np.mean([item.mean for item in answered])) if answered else None
        risk = _risk(score)
        raised_by: list[str] = []
        if mistake.id == RAISED_BY_ALIGNMENT and risk is not None:
            if alignment.objectives.verdict == "divided":
                raised_by.append("objectives")
            if alignment.definition.verdict == "divided":
                raised_by.append("definition")
            if raised_by:
                risk = RISKS[min(RISKS.index(risk) + 1, len(RISKS) - 1)]
        weakest_first = sorted(answered, key=lambda item: item.mean)  # type: ignore[arg-type, return-value]
        results.append(
            MistakeResult(
                id=mistake.id,
                risk=risk,
                score=score,
                evidence=[item.question_id for item in weakest_first],
                raised_by=raised_by,
            )
        )
    return results


def _risk(score: float | None) -> Risk | None:
    if score is None:
        return None
    if score < HIGH_BELOW:
        return "high"
    return "medium" if score < MEDIUM_BELOW else "low"
