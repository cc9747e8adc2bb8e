"""Do the leaders share one view? Objectives (Kendall's W), definition and starting angle.

Seed 002 asks it plainly: do the CEO, sales, marketing and customer-relations directors
share the same definition, the same objectives and the same ambitions for CX? (The
ambition per dimension is in results/ambition.py; its agreement is summed up here.)
"""

from __future__ import annotations

import statistics
from collections import Counter

import numpy as np

from cxmaturity.answers import DONT_KNOW
from cxmaturity.questionnaire.model import (
    MultiChoiceQuestion,
    Questionnaire,
    RankingQuestion,
    SingleChoiceQuestion,
)
from cxmaturity.results.ambition import ambition_agreement
from cxmaturity.results.model import Alignment, ChoiceResult, DimensionResult, ItemResult
from cxmaturity.results.responses import Responses
from cxmaturity.results.scoring import divergent_items, rounded
from cxmaturity.results.statistics import kendall_w, ranks_from_order

#: Below these, the team does not share a view (the usual bar for rwg and a majority).
AGREEMENT_BAR = 0.70
SHARED_BAR = 0.50


def choice(q: Questionnaire, responses: Responses, question_id: str) -> ChoiceResult:
    """Counts per option, the most chosen option and its share, and each group's favourite."""
    question = q.questions[question_id]
    if not isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
        raise TypeError(f"{question_id} is not a choice question")
    options = [option.id for option in question.options]
    answers = responses.answers_to(question_id)
    chosen = [_as_list(value) for _, value in answers]
    counts = {option: sum(option in picked for picked in chosen) for option in options}
    modal = max(options, key=lambda option: counts[option]) if answers else None  # first on ties
    share = counts[modal] / len(answers) if modal is not None and len(answers) >= 2 else None
    by_role: dict[str, str] = {}
    for group in sorted({g for g, _ in answers if g is not None}):
        picked = [_as_list(v) for g, v in answers if g == group]
        if len(picked) >= responses.min_group_size:
            group_counts = Counter(option for p in picked for option in p)
            by_role[group] = max(options, key=lambda option: group_counts[option])
    dont_know = sum(1 for p in responses.participants if p.answers.get(question_id) == DONT_KNOW)
    return ChoiceResult(
        question_id=question_id,
        n=len(answers),
        dont_know=dont_know,
        counts=counts,
        modal_option=modal,
        modal_share=rounded(share),
        by_role=by_role,
    )


def align(
    q: Questionnaire,
    responses: Responses,
    items: list[ItemResult],
    dimensions: list[DimensionResult],
) -> Alignment:
    """The team's agreement on objectives, definition, starting angle and ambition."""
    objectives = q.questions[q.key_questions.objectives]
    if not isinstance(objectives, RankingQuestion):
        raise TypeError(f"{objectives.id} is not a ranking question")
    options = [option.id for option in objectives.options]
    answers = responses.answers_to(objectives.id)
    ranks = np.array([ranks_from_order(order, options) for _, order in answers]).reshape(
        -1, len(options)
    )
    order_index = {option: i for i, option in enumerate(options)}
    mean_ranks = (
        {option: float(ranks[:, i].mean()) for i, option in enumerate(options)}
        if len(ranks)
        else {}
    )
    consensus_order = sorted(
        mean_ranks, key=lambda option: (mean_ranks[option], order_index[option])
    )
    top_by_role: dict[str, str] = {}
    groups = np.array([g for g, _ in answers], dtype=object)
    for group in sorted({g for g, _ in answers if g is not None}):
        rows = ranks[groups == group]
        if len(rows) >= responses.min_group_size:
            means = rows.mean(axis=0)
            top_by_role[group] = options[int(np.argmin(means))]  # first on ties

    definition = choice(q, responses, q.key_questions.definition)
    starting_angle = choice(q, responses, q.key_questions.starting_angle)
    w = rounded(kendall_w(ranks))
    return Alignment(
        objectives_kendall_w=w,
        objectives_respondents=len(answers),
        objectives_consensus_order=consensus_order,
        objectives_mean_ranks={option: round(rank, 2) for option, rank in mean_ranks.items()},
        top_objective_by_role=top_by_role,
        definition_modal_share=definition.modal_share,
        starting_angle_modal_share=starting_angle.modal_share,
        ambition_agreement=ambition_agreement(
            {d.id: d.ambition for d in dimensions if d.ambition is not None}
        ),
        definition=definition,
        starting_angle=starting_angle,
        divergent_items=divergent_items(items),
        verdict=verdict(dimensions, w, definition.modal_share, starting_angle.modal_share),
    )


def verdict(
    dimensions: list[DimensionResult],
    objectives_w: float | None,
    definition_share: float | None,
    angle_share: float | None,
) -> str | None:
    """One word for the whole team: how many of four signals say it is not aligned.

    Signals: the median dimension rwg(J) below 0.70; Kendall's W on objectives below 0.50;
    under half sharing one definition; under half sharing one starting angle.
    0 signals → "aligned", 1–2 → "partial", 3–4 → "divided"; None when nothing is defined.
    """
    agreements = [d.rwg_j for d in dimensions if d.rwg_j is not None]
    signals = [
        statistics.median(agreements) < AGREEMENT_BAR if agreements else None,
        objectives_w < SHARED_BAR if objectives_w is not None else None,
        definition_share < SHARED_BAR if definition_share is not None else None,
        angle_share < SHARED_BAR if angle_share is not None else None,
    ]
    known = [s for s in signals if s is not None]
    if not known:
        return None
    below = sum(known) * 4 / len(known)  # scale to four signals when some are undefined
    return "aligned" if below == 0 else "partial" if below <= 2 else "divided"


def _as_list(value: object) -> list[str]:
    return list(value) if isinstance(value, list) else [str(value)]
