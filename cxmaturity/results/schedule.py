"""When each chosen action starts, in what order, and who owns it.

1. Each action starts in its catalogue horizon; the first step and the actions that cover
   the two weakest dimensions are pinned early, and whatever they wait for (`after`) is
   pulled forward with them.
2. `after` holds: an action never starts in an earlier horizon than what it waits for.
3. Capacity: at most CAPACITY[h] actions start in horizon h — fewer in the first quarter
   when a mistake that scatters effort is at high risk (the catalogue's
   `focus_when_high`); the others move to the next horizon with room — the latest stage
   of the method first, then the lowest priority; pinned actions and what they wait for
   stay.
4. Order within a horizon: what an action waits for comes first; then the actions that
   align a team that is not aligned, the first step, the method's stages (align →
   measure → map → fix → anchor), and priority.
5. Owners: no function carries more than a third of the roadmap (at least two actions)
   while an action names an alternative owner with room. An action that aligns the team
   keeps its owner: the one who arbitrates (the CEO's office, in the catalogue) is not
   handed to a party to the disagreement.
Same entries → same schedule: ties fall back on the catalogue's order.
"""

from __future__ import annotations

import math

from cxmaturity.questionnaire.model import Horizon, Questionnaire, stage_rank
from cxmaturity.results.model import RoadmapEntry

HORIZONS: tuple[Horizon, ...] = ("0-3m", "3-6m", "6-12m")
#: How many actions may start in each horizon: a leadership team's real capacity.
CAPACITY: dict[Horizon, int] = {"0-3m": 5, "3-6m": 5, "6-12m": 10}
#: No function owns more than this share of the roadmap when another can take an action.
OWNER_SHARE = 1 / 3


def schedule(
    q: Questionnaire,
    entries: list[RoadmapEntry],
    pinned: dict[str, Horizon],
    focus: tuple[int, str] | None = None,
) -> list[RoadmapEntry]:
    """The entries with their horizons, order and owners settled. `pinned`: action id →
    the latest horizon it may start in (the first step, the weakest dimensions' cover).
    `focus`: (first-quarter capacity, the high-risk mistake that lowers it), if any."""
    after = _prerequisites(q, entries)
    latest = dict(pinned)
    for action_id, horizon in pinned.items():  # what a pinned action waits for comes with it
        for other in _ancestors(action_id, after):
            latest[other] = min(latest.get(other, horizon), horizon, key=HORIZONS.index)
    start = {
        e.action_id: min(e.horizon, latest.get(e.action_id, e.horizon), key=HORIZONS.index)
        for e in entries
    }
    choices: dict[str, list[str]] = {e.action_id: list(e.choices) for e in entries}
    _respect_after(start, after, choices)
    capacity: dict[Horizon, int] = dict(CAPACITY)
    if focus is not None:
        capacity["0-3m"] = min(capacity["0-3m"], focus[0])
    _within_capacity(entries, start, latest, after, choices, capacity, focus)
    ordered = _ordered(q, entries, start, after)
    owned = _spread_owners(q, ordered)
    return [
        e.model_copy(
            update={
                "horizon": start[e.action_id],
                "owner_role": owned[e.action_id],
                "choices": choices[e.action_id]
                + ([f"owner_from:{e.owner_role}"] if owned[e.action_id] != e.owner_role else []),
            }
        )
        for e in ordered
    ]


def _prerequisites(q: Questionnaire, entries: list[RoadmapEntry]) -> dict[str, list[str]]:
    """Action id → the actions of this roadmap it waits for."""
    present = {e.action_id for e in entries}
    return {
        e.action_id: [o for o in q.actions_by_id[e.action_id].after if o in present]
        for e in entries
    }


def _ancestors(action_id: str, after: dict[str, list[str]]) -> list[str]:
    found: list[str] = []
    stack = list(after.get(action_id, []))
    while stack:
        other = stack.pop()
        if other not in found:
            found.append(other)
            stack += after.get(other, [])
    return found


def _respect_after(
    start: dict[str, Horizon], after: dict[str, list[str]], choices: dict[str, list[str]]
) -> None:
    """Push an action to the horizon of what it waits for (the catalogue has no cycles)."""
    changed = True
    while changed:
        changed = False
        for action_id, others in after.items():
            for other in others:
                if HORIZONS.index(start[other]) > HORIZONS.index(start[action_id]):
                    start[action_id] = start[other]
                    note = f"after:{other}"
                    if note not in choices[action_id]:
                        choices[action_id].append(note)
                    changed = True


def _within_capacity(
    entries: list[RoadmapEntry],
    start: dict[str, Horizon],
    latest: dict[str, Horizon],
    after: dict[str, list[str]],
    choices: dict[str, list[str]],
    capacity: dict[Horizon, int],
    focus: tuple[int, str] | None,
) -> None:
    """Move what a horizon cannot hold to the next: unpinned actions first (the latest
    stage of the method, then the lowest priority), then pinned ones that may still start
    later (the weakest dimensions' cover may start in the second quarter)."""
    for horizon in HORIZONS[:-1]:
        here = [e for e in entries if start[e.action_id] == horizon]
        following = HORIZONS.index(horizon) + 1
        movable = sorted(
            (e for e in here if HORIZONS.index(latest.get(e.action_id, HORIZONS[-1])) >= following),
            key=lambda e: (e.action_id in latest, -stage_rank(e.stage), e.priority),
        )
        while len(here) > capacity[horizon] and movable:
            moved = movable.pop(0)
            here.remove(moved)
            start[moved.action_id] = HORIZONS[following]
            # Moved for focus when the usual capacity would have kept it.
            if focus is not None and horizon == "0-3m" and len(here) < CAPACITY[horizon]:
                choices[moved.action_id].append(f"focus:{focus[1]}")
            else:
                choices[moved.action_id].append("capacity")
        _respect_after(start, after, choices)


def _ordered(
    q: Questionnaire,
    entries: list[RoadmapEntry],
    start: dict[str, Horizon],
    after: dict[str, list[str]],
) -> list[RoadmapEntry]:
    catalogue = {a.id: i for i, a in enumerate(q.actions)}

    def key(e: RoadmapEntry) -> tuple[int, int, int, float, int]:
        return (
            HORIZONS.index(start[e.action_id]),
            0 if _aligns(e) else 1 if e.first_step else 2,
            stage_rank(e.stage),
            -e.priority,
            catalogue[e.action_id],
        )

    pending = sorted(entries, key=key)
    done: list[RoadmapEntry] = []
    placed: set[str] = set()
    while pending:  # the first entry whose prerequisites are all placed
        ready = next(e for e in pending if all(o in placed for o in after[e.action_id]))
        pending.remove(ready)
        done.append(ready)
        placed.add(ready.action_id)
    return done


def _aligns(entry: RoadmapEntry) -> bool:
    """Whether the entry aligns a team that is not aligned (the engine's `align:` choice)."""
    return any(c.startswith("align:") for c in entry.choices)


def _spread_owners(q: Questionnaire, entries: list[RoadmapEntry]) -> dict[str, str]:
    cap = max(2, math.floor(len(entries) * OWNER_SHARE))
    owner = {e.action_id: e.owner_role for e in entries}
    load: dict[str, int] = {}
    for e in entries:
        load[e.owner_role] = load.get(e.owner_role, 0) + 1
    for e in sorted(entries, key=lambda e: e.priority):  # the least urgent move first
        if load[owner[e.action_id]] <= cap or _aligns(e):
            continue
        for role in q.actions_by_id[e.action_id].owner_alternatives:
            if load.get(role, 0) < cap:
                load[owner[e.action_id]] -= 1
                owner[e.action_id] = role
                load[role] = load.get(role, 0) + 1
                break
    return owner
