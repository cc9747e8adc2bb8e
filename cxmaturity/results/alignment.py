"""Do the leaders share one view? Definition, objectives, starting angle and ambition.

Seed 002 asks it plainly: do the CEO, sales, marketing and customer-relations directors
share the same definition, the same objectives and the same ambitions for CX? Each
figure carries a verdict (results/verdicts.py); the ambitions are in results/ambition.py.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from cxmaturity.answers import DONT_KNOW
from cxmaturity.questionnaire.model import (
    MultiChoiceQuestion,
    Questionnaire,
    RankingQuestion,
    SingleChoiceQuestion,
)
from cxmaturity.results.ambition import ambition_alignment
from cxmaturity.results.model import (
    Alignment,
    ChoiceResult,
    DimensionResult,
    ItemResult,
    Objectives,
)
from cxmaturity.results.responses import Responses
from cxmaturity.results.scoring import divergent_items
from cxmaturity.results.statistics import (
    kendall_chi_square,
    kendall_w,
    kendall_w_p_value,
    ranks_from_order,
)
from cxmaturity.results.verdicts import Verdict, choice_verdict, ranking_verdict, team_verdict


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
        group_counts = Counter(option for g, v in answers if g == group for option in _as_list(v))
        by_role[group] = max(options, key=lambda option: group_counts[option])
    dont_know = sum(1 for p in responses.participants if p.answers.get(question_id) == DONT_KNOW)
    top = max(counts.values(), default=0)
    return ChoiceResult(
        question_id=question_id,
        n=len(answers),
        dont_know=dont_know,
        counts=counts,
        modal_option=modal,
        modal_share=share,
        tied=sum(count == top for count in counts.values()) if answers else 0,
        verdict=choice_verdict(list(counts.values()), len(answers)),
        by_role=by_role,
    )


def objectives(q: Questionnaire, responses: Responses) -> Objectives:
    """Kendall's W over the rankings, its significance, and each group's first objective."""
    question = q.questions[q.key_questions.objectives]
    if not isinstance(question, RankingQuestion):
        raise TypeError(f"{question.id} is not a ranking question")
    options = [option.id for option in question.options]
    answers = [(g, _as_list(order)) for g, order in responses.answers_to(question.id)]
    ranks = np.array([ranks_from_order(order, options) for _, order in answers]).reshape(
        -1, len(options)
    )
    order_index = {option: i for i, option in enumerate(options)}
    mean_ranks = (
        {option: float(ranks[:, i].mean()) for i, option in enumerate(options)}
        if len(ranks)
        else {}
    )
    top_by_role: dict[str, str | None] = {}
    groups = np.array([g for g, _ in answers], dtype=object)
    for group in sorted({g for g, _ in answers if g is not None}):
        means = ranks[groups == group].mean(axis=0)
        best = np.flatnonzero(np.isclose(means, means.min()))
        # A tie for first is no first objective: never pick one of its members' choices.
        top_by_role[group] = options[int(best[0])] if len(best) == 1 else None
    w = kendall_w(ranks)
    p_value = kendall_w_p_value(ranks)
    m = len(answers)
    return Objectives(
        n=m,
        w=w,
        chi_square=kendall_chi_square(w, m, len(options)) if w is not None else None,
        p_value=p_value,
        verdict=ranking_verdict(w, p_value, m),
        order=sorted(mean_ranks, key=lambda option: (mean_ranks[option], order_index[option])),
        mean_ranks=mean_ranks,
        top_by_role=top_by_role,
        first_choices={
            option: sum(1 for _, order in answers if order[:1] == [option]) for option in options
        },
    )


def align(
    q: Questionnaire,
    responses: Responses,
    items: list[ItemResult],
    dimensions: list[DimensionResult],
) -> Alignment:
    """The team's agreement on definition, objectives, starting angle and ambition."""
    definition = choice(q, responses, q.key_questions.definition)
    ranked = objectives(q, responses)
    ambition = ambition_alignment({d.id: d.ambition for d in dimensions if d.ambition})
    three: list[Verdict] = [definition.verdict, ranked.verdict]
    if ambition is not None:
        three.append(ambition.verdict)
    return Alignment(
        definition=definition,
        starting_angle=choice(q, responses, q.key_questions.starting_angle),
        objectives=ranked,
        ambition=ambition,
        divergent_items=divergent_items(items),
        verdict=team_verdict(three),
    )


def _as_list(value: object) -> list[str]:
    return list(value) if isinstance(value, list) else [str(value)]
