"""Which catalogue actions the results call for, and how much: triggers and priority.

An action is a candidate when any of its triggers holds. Priority = need × impact ÷
effort, weighted up for high-risk mistakes and for a team that is mixed or divided on
what the action addresses. Need is the gap between the action's weakest dimension and the
next level the team as a whole is aiming for (the floor of the level above its overall
level), over the 4 points of the scale.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxmaturity.questionnaire.model import (
    TEAM_FIGURES,
    Action,
    AlignmentBelow,
    Condition,
    DimensionAgreementBelow,
    DimensionBelow,
    ItemBelow,
    MistakeRisk,
    NotAligned,
    ObjectiveUnmeasured,
    OptionShare,
    Questionnaire,
)
from cxmaturity.results.mistakes import RISKS
from cxmaturity.results.model import (
    Alignment,
    ChoiceResult,
    DimensionResult,
    ItemResult,
    MistakeResult,
    Overall,
)
from cxmaturity.results.statistics import SCALE_POINTS, next_level_floor

WEIGHT_MISTAKE = {"high": 1.5, "medium": 1.25}
WEIGHT_LOW_AGREEMENT = 1.25
NOT_ALIGNED = ("mixed", "divided")
#: A triggered action always keeps some priority, even when its dimensions are strong.
MIN_NEED = 0.05


@dataclass(frozen=True)
class Evidence:
    """The results the triggers and priorities read."""

    overall: Overall
    dimensions: dict[str, DimensionResult]
    items: dict[str, ItemResult]
    mistakes: dict[str, MistakeResult]
    alignment: Alignment
    choices: dict[str, ChoiceResult]


@dataclass(frozen=True)
class Scored:
    action: Action
    raw: float
    because: list[str]  # question or dimension ids that made a trigger hold
    #: The team figures (definition, objectives, ambition…) it aligns the team on, when a
    #: `not_aligned` trigger on one of them held: such an action leads the roadmap.
    aligns: tuple[str, ...] = ()
    #: Whether an `objective_unmeasured` trigger held: a measurement gap, always acted on.
    measures_gap: bool = False


def score(q: Questionnaire, action: Action, evidence: Evidence) -> Scored:
    because: list[str] = []
    aligns: list[str] = []
    measures_gap = False
    low_agreement = False
    for condition in action.triggered_when:
        reasons = holds(q, condition, evidence)
        if reasons:
            because += [r for r in reasons if r not in because]
            low_agreement |= isinstance(
                condition, AlignmentBelow | DimensionAgreementBelow | NotAligned
            )
            if isinstance(condition, NotAligned) and condition.figure in TEAM_FIGURES:
                aligns.append(condition.figure)
            measures_gap |= isinstance(condition, ObjectiveUnmeasured)
    for dimension_id in action.dimensions:
        low_agreement |= evidence.dimensions[dimension_id].verdict in NOT_ALIGNED
    weight = max(
        (WEIGHT_MISTAKE.get(evidence.mistakes[m].risk or "", 1.0) for m in action.mistakes),
        default=1.0,
    )
    if low_agreement:
        weight *= WEIGHT_LOW_AGREEMENT
    raw = _need(action, evidence) * action.impact / action.effort * weight
    if _already_aligned(action, evidence):
        because = []  # it aligns the team on a figure the team already agrees on
    return Scored(
        action=action, raw=raw, because=because, aligns=tuple(aligns), measures_gap=measures_gap
    )


def _already_aligned(action: Action, evidence: Evidence) -> bool:
    """Whether the action aligns the team (a `not_aligned` trigger on a team figure) on a
    figure the team is already aligned on: no other trigger makes it worth doing then."""
    verdicts = evidence.alignment.figure_verdicts()
    figures = action.aligned_figures()
    return bool(figures) and all(verdicts[f] == "aligned" for f in figures)


def _need(action: Action, evidence: Evidence) -> float:
    level = evidence.overall.level or 2
    target = next_level_floor(level)
    scores = [evidence.dimensions[d].score for d in action.dimensions]
    scores += [evidence.mistakes[m].score for m in action.mistakes]
    gaps = [max(0.0, target - s) for s in scores if s is not None]
    return max([MIN_NEED, *(gap / (SCALE_POINTS - 1) for gap in gaps)])


def holds(q: Questionnaire, condition: Condition, evidence: Evidence) -> list[str]:
    """The question or dimension ids that make `condition` hold; empty when it does not."""
    match condition:
        case DimensionBelow():
            score = evidence.dimensions[condition.dimension].score
            return [condition.dimension] if score is not None and score < condition.score else []
        case ItemBelow():
            mean = evidence.items[condition.question].mean
            return [condition.question] if mean is not None and mean < condition.score else []
        case MistakeRisk():
            mistake = evidence.mistakes[condition.mistake]
            if mistake.risk is None or RISKS.index(mistake.risk) < RISKS.index(condition.at_least):
                return []
            return mistake.evidence[:3]
        case AlignmentBelow():
            a, keys = evidence.alignment, q.key_questions
            value, question = {
                "objectives_kendall_w": (a.objectives.w, keys.objectives),
                "definition_modal_share": (a.definition.modal_share, keys.definition),
                "starting_angle_modal_share": (a.starting_angle.modal_share, keys.starting_angle),
            }[condition.measure]
            return [question] if value is not None and value < condition.value else []
        case NotAligned():
            return _not_aligned(q, condition, evidence)
        case ObjectiveUnmeasured():
            return _objective_unmeasured(q, condition, evidence)
        case DimensionAgreementBelow():
            rwg_j = evidence.dimensions[condition.dimension].rwg_j
            return [condition.dimension] if rwg_j is not None and rwg_j < condition.rwg_j else []
        case OptionShare():
            result = evidence.choices[condition.question]
            if result.n == 0:
                return []
            share = result.counts[condition.option] / result.n
            below = condition.kind == "option_share_below"
            held = share < condition.share if below else share >= condition.share
            return [condition.question] if held else []
    raise TypeError(f"unknown condition {condition!r}")  # pragma: no cover


def _not_aligned(q: Questionnaire, condition: NotAligned, evidence: Evidence) -> list[str]:
    a, keys = evidence.alignment, q.key_questions
    if condition.figure in evidence.dimensions:
        held = evidence.dimensions[condition.figure].verdict in condition.verdicts
        return [condition.figure] if held else []
    if condition.figure == "ambition":  # the ambitions the team splits on
        if a.ambition is None or a.ambition.verdict not in condition.verdicts:
            return []
        return [
            d.ambition.question_id
            for d in evidence.dimensions.values()
            if d.ambition is not None and d.ambition.verdict in NOT_ALIGNED
        ]
    verdict, question = {
        "definition": (a.definition.verdict, keys.definition),
        "objectives": (a.objectives.verdict, keys.objectives),
        "starting_angle": (a.starting_angle.verdict, keys.starting_angle),
    }[condition.figure]
    return [question] if verdict in condition.verdicts else []


def _objective_unmeasured(
    q: Questionnaire, condition: ObjectiveUnmeasured, evidence: Evidence
) -> list[str]:
    """The objective most often ranked first, tracked by an indicator few say is measured."""
    keys = q.key_questions
    firsts = evidence.alignment.objectives.first_choices
    if not firsts or max(firsts.values()) == 0:
        return []
    top = max(firsts, key=lambda option: firsts[option])  # questionnaire order on ties
    indicator = q.options_of(keys.objectives)[top].measured_by
    measured = evidence.choices.get(keys.kpis_measured)
    if indicator is None or measured is None or not measured.n:
        return []
    share = measured.counts.get(indicator, 0) / measured.n
    return [keys.objectives, keys.kpis_measured] if share < condition.share else []
