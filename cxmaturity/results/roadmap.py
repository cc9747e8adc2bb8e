"""From results to a short, ordered roadmap the team can own.

1. Candidates and priorities come from the catalogue's triggers (results/triggers.py).
2. How many: as many as the evidence calls for — BASE_ACTIONS, plus one per weak
   dimension (below level 3, or with an ambition at least AMBITION_GAP above today's
   score), plus one per alignment figure the team is not aligned on — at most
   MAX_ACTIONS; the best first, and no further once PARETO_SHARE of the candidates'
   total priority is covered. A strong, aligned team gets three or four actions.
3. A team that is not aligned on its definition, objectives or ambition aligns first:
   the align-stage actions those verdicts trigger start in the first quarter, first. A
   measurement gap (the objective put first most often, tracked by an indicator few
   measure) is acted on within the first two horizons.
4. The two weakest dimensions (lowest score; the larger gap to ambition on a tie) always
   get an action in the first two horizons: the best candidate for each is added or
   pulled forward if the cut left them out.
5. The first step follows the starting angle the team chose, when it does not divide the
   team, with the first action for that angle that no `first_step_unless` rules out (an
   angle must not lead into a high-risk mistake). Without a shared angle, the best action
   of the earliest stage of the method leads.
6. Horizons, `after`, capacity, order and owners: results/schedule.py.
Same results → same roadmap: ties are broken by the catalogue's order.
"""

from __future__ import annotations

import calendar
import datetime as dt

from cxmaturity.archive.model import RoadmapDecision
from cxmaturity.questionnaire.model import Horizon, Questionnaire, stage_rank
from cxmaturity.results.model import RoadmapEntry
from cxmaturity.results.schedule import HORIZONS, schedule
from cxmaturity.results.statistics import LEVEL_FLOORS
from cxmaturity.results.triggers import (
    MIN_NEED,
    NOT_ALIGNED,
    WEIGHT_LOW_AGREEMENT,
    WEIGHT_MISTAKE,
    Evidence,
    Scored,
    holds,
    score,
)

__all__ = [
    "HORIZONS",
    "MIN_NEED",
    "WEIGHT_LOW_AGREEMENT",
    "WEIGHT_MISTAKE",
    "Evidence",
    "apply_review",
    "horizon_end",
    "propose",
]

PARETO_SHARE = 0.80
BASE_ACTIONS = 3
MAX_ACTIONS = 10
#: Below level 3 (« démarche structurée »), a dimension is weak.
WEAK_BELOW = LEVEL_FLOORS[1]
#: An ambition this far above today's score makes a dimension weak, whatever its level.
AMBITION_GAP = 1.5
#: How many of the weakest dimensions must be covered in the first two horizons.
WEAKEST_COVERED = 2
#: Horizon months, for due dates.
HORIZON_MONTHS = {"0-3m": 3, "3-6m": 6, "6-12m": 12}


def propose(q: Questionnaire, evidence: Evidence) -> list[RoadmapEntry]:
    scored = {action.id: score(q, action, evidence) for action in q.actions}
    candidates = sorted((s for s in scored.values() if s.because), key=lambda s: -s.raw)
    count = budget(evidence)
    kept = _cut(candidates, count)
    choices: dict[str, list[str]] = {}
    pinned: dict[str, Horizon] = {}
    for s in candidates:  # a team that is not aligned aligns first
        if s.aligns and s.action.stage == "align":
            if s not in kept:
                kept.append(s)
            choices[s.action.id] = [f"align:{figure}" for figure in s.aligns]
            pinned[s.action.id] = "0-3m"
        elif s.measures_gap:  # an objective the team puts first and does not measure
            if s not in kept:
                kept.append(s)
            choices[s.action.id] = ["unmeasured"]
            pinned[s.action.id] = "3-6m"
    for dimension_id in weakest(evidence):
        cover = _cover(q, dimension_id, kept, candidates, scored)
        if cover is None:
            continue
        early = cover in kept and cover.action.horizon in HORIZONS[:2]
        if cover not in kept:
            kept.append(cover)
        if not early:  # said only where the rule changed something
            choices.setdefault(cover.action.id, []).append(f"weakest:{dimension_id}")
        pinned[cover.action.id] = "3-6m"  # its own horizon if earlier
    first, notes = _first_step(q, evidence, kept, candidates, scored)
    if first is not None:
        if first not in kept:
            kept.insert(0, first)
        choices.setdefault(first.action.id, []).extend(notes)
        pinned[first.action.id] = "0-3m"
    kept = _trim(kept, set(pinned), count)
    top = max((s.raw for s in kept), default=0.0) or 1.0
    entries = [
        _entry(s, top, first is not None and s is first, choices.get(s.action.id, [])) for s in kept
    ]
    return schedule(q, entries, pinned, _focus(q, evidence))


def _focus(q: Questionnaire, evidence: Evidence) -> tuple[int, str] | None:
    """The lowest first-quarter capacity a high-risk mistake sets, and that mistake."""
    limits = [
        (m.focus_when_high, m.id)
        for m in q.mistakes
        if m.focus_when_high is not None and evidence.mistakes[m.id].risk == "high"
    ]
    return min(limits) if limits else None


def budget(evidence: Evidence) -> int:
    """How many actions the evidence calls for (see the module's docstring)."""
    weak = sum(
        1
        for d in evidence.dimensions.values()
        if d.score is not None
        and (d.score < WEAK_BELOW or (d.gap is not None and d.gap >= AMBITION_GAP))
    )
    a = evidence.alignment
    figures = [a.definition.verdict, a.objectives.verdict]
    if a.ambition is not None:
        figures.append(a.ambition.verdict)
    unaligned = sum(v in NOT_ALIGNED for v in figures)
    return min(MAX_ACTIONS, BASE_ACTIONS + weak + unaligned)


def weakest(evidence: Evidence) -> list[str]:
    """The WEAKEST_COVERED dimensions with the lowest scores (larger ambition gap first on
    a tie, then catalogue order)."""
    scored = [d for d in evidence.dimensions.values() if d.score is not None]
    order = {d: i for i, d in enumerate(evidence.dimensions)}
    scored.sort(key=lambda d: (d.score, -(d.gap or 0.0), order[d.id]))
    return [d.id for d in scored[:WEAKEST_COVERED]]


def _cut(candidates: list[Scored], count: int) -> list[Scored]:
    total = sum(s.raw for s in candidates)
    kept: list[Scored] = []
    covered = 0.0
    for s in candidates:
        if len(kept) == count or (kept and covered >= PARETO_SHARE * total):
            break
        kept.append(s)
        covered += s.raw
    return kept


def _trim(kept: list[Scored], pinned: set[str], count: int) -> list[Scored]:
    """Back to the budget after the weakest dimensions and the first step were added:
    the lowest-priority actions that nothing pinned leave first."""
    kept = sorted(kept, key=lambda s: -s.raw)
    while len(kept) > max(count, len(pinned)):
        drop = next(s for s in reversed(kept) if s.action.id not in pinned)
        kept.remove(drop)
    return kept


def _cover(
    q: Questionnaire,
    dimension_id: str,
    kept: list[Scored],
    candidates: list[Scored],
    scored: dict[str, Scored],
) -> Scored | None:
    """The action that covers a weak dimension early: one already kept that addresses it
    in its first two horizons, else the best candidate for it, else the catalogue's best."""
    early = ("0-3m", "3-6m")
    for s in kept:
        if dimension_id in s.action.dimensions and s.action.horizon in early:
            return s
    for pool in (candidates, sorted(scored.values(), key=lambda s: -s.raw)):
        for s in pool:
            if dimension_id in s.action.dimensions:
                return s
    return None


def _first_step(
    q: Questionnaire,
    evidence: Evidence,
    kept: list[Scored],
    candidates: list[Scored],
    scored: dict[str, Scored],
) -> tuple[Scored | None, list[str]]:
    """The action the roadmap starts with, and the choices that made it so."""
    angle = evidence.alignment.starting_angle
    if angle.modal_option is not None and angle.verdict != "divided" and angle.tied <= 1:
        notes = [f"first_step:{angle.modal_option}"]
        for action in q.actions:
            if angle.modal_option not in action.first_step_for:
                continue
            if any(holds(q, c, evidence) for c in action.first_step_unless):
                notes.append(f"instead_of:{action.id}")
                continue
            return scored[action.id], notes
    pool = kept or candidates
    if not pool:
        return None, []
    best = min(pool, key=lambda s: stage_rank(s.action.stage))  # the first of the earliest stage
    return best, ["no_shared_angle"]


def _entry(s: Scored, top: float, first_step: bool, choices: list[str]) -> RoadmapEntry:
    return RoadmapEntry(
        action_id=s.action.id,
        horizon="0-3m" if first_step else s.action.horizon,
        owner_role=s.action.owner_role,
        priority=s.raw / top,
        because=s.because,
        phase=s.action.phase,
        kpi=s.action.kpi,
        stage=s.action.stage,
        choices=choices,
        first_step=first_step,
    )


def apply_review(
    q: Questionnaire,
    proposed: list[RoadmapEntry],
    review: list[RoadmapDecision],
    evidence: Evidence,
) -> tuple[list[RoadmapEntry], list[RoadmapEntry]]:
    """The roadmap after the facilitator's review: accepted actions in the agreed order,
    then what was proposed and not yet reviewed; dropped actions are listed apart."""
    if not review:
        return proposed, []
    by_id = {entry.action_id: entry for entry in proposed}
    raw = {a.id: score(q, a, evidence) for a in q.actions}
    top = max((s.raw for s in raw.values() if s.action.id in by_id), default=0.0) or 1.0
    accepted: list[RoadmapEntry] = []
    dropped: list[RoadmapEntry] = []
    for decision in review:
        entry = by_id.get(decision.action_id) or _entry(
            raw[decision.action_id], top, first_step=False, choices=[]
        )
        reviewed = entry.model_copy(
            update={
                "status": decision.status,
                "owner_role": decision.owner_role or entry.owner_role,
                "owner_name": decision.owner_name,
                "due": decision.due,
            }
        )
        (dropped if decision.status == "dropped" else accepted).append(reviewed)
    seen = {decision.action_id for decision in review}
    pending = [entry for entry in proposed if entry.action_id not in seen]
    return [*accepted, *pending], dropped


def due_by(entry: RoadmapEntry, start: dt.date) -> dt.date:
    """When an action is due: the date the team set in the review, else its horizon's end."""
    return entry.due or horizon_end(start, entry.horizon)


def horizon_end(start: dt.date, horizon: str) -> dt.date:
    """The date an action of this horizon is due by, counted from the workshop: the date
    proposed to the team, who may move it."""
    years, month = divmod(start.month - 1 + HORIZON_MONTHS[horizon], 12)
    year, month = start.year + years, month + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
