"""Answers arranged for computing: a participant × item matrix and anonymous role groups.

Anonymity rule: a role with fewer participants than the workshop's minimum group size
is never shown on its own; its members are folded into "other", and "other" is hidden
too when it is still too small. Every by-role figure reads the groups made here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from cxmaturity.answers import DONT_KNOW
from cxmaturity.archive.model import Participant, WorkshopArchive
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.results.model import OTHER_GROUP


@dataclass(frozen=True)
class Responses:
    archive: WorkshopArchive
    #: The participants in a canonical order (by id), so results never depend on the order
    #: they arrived in — not even through floating-point summation order.
    participants: list[Participant]
    #: Display group of each participant, in that order; None when hidden.
    groups: list[str | None]
    #: The scored items, in questionnaire order: the columns of `levels`.
    item_ids: list[str]
    #: Levels chosen, one row per participant, one column per scored item (NaN: no level).
    levels: np.ndarray
    #: How many said "I don't know" to each scored item.
    dont_know: dict[str, int]

    @property
    def min_group_size(self) -> int:
        return self.archive.min_group_size

    @cached_property
    def columns(self) -> dict[str, int]:
        return {item_id: j for j, item_id in enumerate(self.item_ids)}

    def column(self, item_id: str) -> np.ndarray:
        return self.levels[:, self.columns[item_id]]

    @cached_property
    def shown_groups(self) -> dict[str, np.ndarray]:
        """Each shown group (sorted by name) → the rows of its members."""
        rows: dict[str, list[int]] = {}
        for row, group in enumerate(self.groups):
            if group is not None:
                rows.setdefault(group, []).append(row)
        return {group: np.array(rows[group]) for group in sorted(rows)}

    def group_sizes(self) -> dict[str, int]:
        return dict(Counter(g for g in self.groups if g is not None))

    def answers_to(self, question_id: str) -> list[tuple[str | None, object]]:
        """(group, value) of everyone who answered `question_id`, "I don't know" excluded."""
        return [
            (group, value)
            for participant, group in zip(self.participants, self.groups, strict=True)
            if (value := participant.answers.get(question_id)) is not None and value != DONT_KNOW
        ]


def arrange(archive: WorkshopArchive, q: Questionnaire) -> Responses:
    participants = sorted(archive.participants, key=lambda p: p.id)
    item_ids = [item.id for item in q.scored_items]
    levels = np.full((len(participants), len(item_ids)), np.nan)
    dont_know = dict.fromkeys(item_ids, 0)
    for row, participant in enumerate(participants):
        for column, item_id in enumerate(item_ids):
            value = participant.answers.get(item_id)
            if isinstance(value, int):
                levels[row, column] = value
            elif value == DONT_KNOW:
                dont_know[item_id] += 1
    return Responses(
        archive=archive,
        participants=participants,
        groups=anonymous_groups([p.role for p in participants], archive.min_group_size),
        item_ids=item_ids,
        levels=levels,
        dont_know=dont_know,
    )


def anonymous_groups(roles: list[str], min_size: int) -> list[str | None]:
    """Each participant's display group: their role, "other", or None (hidden)."""
    sizes = Counter(roles)
    folded = [
        role if sizes[role] >= min_size and role != OTHER_GROUP else OTHER_GROUP for role in roles
    ]
    others = folded.count(OTHER_GROUP)
    return [None if group == OTHER_GROUP and others < min_size else group for group in folded]
