"""From results to a short, ordered roadmap the team can own.

1. An action is a candidate when any of its triggers holds.
2. Priority = need × impact ÷ effort, weighted up for high-risk mistakes and low agreement.
   Need is the gap between the action's weakest dimension and the next level the team as
   a whole is aiming for (the floor of the level above its overall level), over the 4
   points of the scale.
3. Pareto cut: the smallest set of candidates, best first, that covers 80 % of the total
   priority — at most 12, so a leadership team can actually carry it.
4. The starting angle most chosen by the team decides the first step (seed 002, Q3).
5. Capacity: at most four actions start in the first three months, and four in the next
   three; the rest, by priority, move to the next horizon with room.
6. Order: the first step, then by horizon (0–3, 3–6, 6–12 months), then by priority.
Same results → same roadmap: ties are broken by the catalogue's order.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from cxmaturity.archive.model import RoadmapDecision
from cxmaturity.questionnaire.model import (
    Action,
    AlignmentBelow,
    Condition,
    DimensionAgreementBelow,
    DimensionBelow,
    ItemBelow,
    MistakeRisk,
    NotAligned,
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
    RoadmapEntry,
)
from cxmaturity.results.statistics import SCALE_POINTS, next_level_floor

PARETO_SHARE = 0.80
MAX_ACTIONS = 12
HORIZONS = ("0-3m", "3-6m", "6-12m")
#: Where each horizon ends, in months after the workshop.
HORIZON_MONTHS = {"0-3m": 3, "3-6m": 6, "6-12m": 12}
#: How many actions may start in each horizon (the last takes the rest).
CAPACITY = {"0-3m": 4, "3-6m": 4, "6-12m": MAX_ACTIONS}
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
class _Scored:
    action: Action
    raw: float
    because: list[str]


def propose(q: Questionnaire, evidence: Evidence) -> list[RoadmapEntry]:
    scored = [_score(q, action, evidence) for action in q.actions]
    candidates = [s for s in scored if s.because]
    candidates.sort(key=lambda s: -s.raw)  # stable: catalogue order on ties
    kept = _pareto(candidates)
    first = _first_step(evidence, scored, candidates)
    if first is not None:
        kept = [first, *[s for s in kept if s.action.id != first.action.id]][:MAX_ACTIONS]
    top = max((s.raw for s in kept), default=0.0) or 1.0
    entries = [_entry(s, top, first_step=first is not None and s is first) for s in kept]
    return _ordered(_within_capacity(entries))


def _within_capacity(entries: list[RoadmapEntry]) -> list[RoadmapEntry]:
    """A leadership team cannot start everything at once: at most `CAPACITY[h]` actions
    start in horizon h; the others, by priority, start in the next horizon with room —
    never earlier than the action's own horizon."""
    load = dict.fromkeys(HORIZONS, 0)
    placed = {}
    for entry in sorted(entries, key=lambda e: (not e.first_step, -e.priority)):
        index = HORIZONS.index(entry.horizon)
        while load[HORIZONS[index]] >= CAPACITY[HORIZONS[index]]:
            index += 1
        load[HORIZONS[index]] += 1
        placed[entry.action_id] = entry.model_copy(update={"horizon": HORIZONS[index]})
    return [placed[e.action_id] for e in entries]


def apply_review(
    q: Questionnaire,
    proposed: list[RoadmapEntry],
    review: list[RoadmapDecision],
    evidence: Evidence,
) -> tuple[list[RoadmapEntry], list[str]]:
    """The roadmap after the facilitator's review: accepted actions in the agreed order,
    then what was proposed and not yet reviewed; dropped actions are listed apart."""
    if not review:
        return proposed, []
    by_id = {entry.action_id: entry for entry in proposed}
    raw = {a.id: _score(q, a, evidence) for a in q.actions}
    top = max((s.raw for s in raw.values() if s.action.id in by_id), default=0.0) or 1.0
    accepted = []
    for decision in review:
        if decision.status == "dropped":
            continue
        entry = by_id.get(decision.action_id) or _entry(
            raw[decision.action_id], top, first_step=False
        )
        accepted.append(
            entry.model_copy(
                update={
                    "status": "accepted",
                    "owner_role": decision.owner_role or entry.owner_role,
                    "due": decision.due,
                }
            )
        )
    reviewed = {decision.action_id for decision in review}
    pending = [entry for entry in proposed if entry.action_id not in reviewed]
    dropped = [d.action_id for d in review if d.status == "dropped"]
    return [*accepted, *pending], dropped


def _score(q: Questionnaire, action: Action, evidence: Evidence) -> _Scored:
    because: list[str] = []
    low_agreement = False
    for condition in action.triggered_when:
        reasons = _holds(q, condition, evidence)
        if reasons:
            because += [r for r in reasons if r not in because]
            low_agreement |= isinstance(
                condition, AlignmentBelow | DimensionAgreementBelow | NotAligned
            )
    for dimension_id in action.dimensions:
        low_agreement |= evidence.dimensions[dimension_id].verdict in NOT_ALIGNED
    weight = max(
        (WEIGHT_MISTAKE.get(evidence.mistakes[m].risk or "", 1.0) for m in action.mistakes),
        default=1.0,
    )
    if low_agreement:
        weight *= WEIGHT_LOW_AGREEMENT
    raw = _need(action, evidence) * action.impact / action.effort * weight
    return _Scored(action=action, raw=raw, because=because)


def _need(action: Action, evidence: Evidence) -> float:
    level = evidence.overall.level or 2
    target = next_level_floor(level)
    scores = [evidence.dimensions[d].score for d in action.dimensions]
    scores += [evidence.mistakes[m].score for m in action.mistakes]
    gaps = [max(0.0, target - s) for s in scores if s is not None]
    return max([MIN_NEED, *(gap / (SCALE_POINTS - 1) for gap in gaps)])


def _holds(q: Questionnaire, condition: Condition, evidence: Evidence) -> list[str]:
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


def _pareto(candidates: list[_Scored]) -> list[_Scored]:
    total = sum(s.raw for s in candidates)
    kept: list[_Scored] = []
    covered = 0.0
    for s in candidates:
        if len(kept) == MAX_ACTIONS or (kept and covered >= PARETO_SHARE * total):
            break
        kept.append(s)
        covered += s.raw
    return kept


def _first_step(
    evidence: Evidence, scored: list[_Scored], candidates: list[_Scored]
) -> _Scored | None:
    angle = evidence.alignment.starting_angle.modal_option
    if angle is None:
        return None
    options = [s for s in scored if angle in s.action.first_step_for]
    triggered = [s for s in candidates if angle in s.action.first_step_for]
    return (triggered or options or [None])[0]


def _entry(s: _Scored, top: float, first_step: bool) -> RoadmapEntry:
    return RoadmapEntry(
        action_id=s.action.id,
        horizon="0-3m" if first_step else s.action.horizon,
        owner_role=s.action.owner_role,
        priority=s.raw / top,
        because=s.because,
        phase=s.action.phase,
        kpi=s.action.kpi,
        first_step=first_step,
    )


def _ordered(entries: list[RoadmapEntry]) -> list[RoadmapEntry]:
    return sorted(entries, key=lambda e: (not e.first_step, HORIZONS.index(e.horizon), -e.priority))


def horizon_end(start: dt.date, horizon: str) -> dt.date:
    """The date an action of this horizon is due by, counted from the workshop: the date
    proposed to the team, who may move it."""
    years, month = divmod(start.month - 1 + HORIZON_MONTHS[horizon], 12)
    year, month = start.year + years, month + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
