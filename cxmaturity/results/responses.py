"""Answers arranged for computing: a respondent × item matrix and, per figure, the role
groups that figure may show (cxmaturity/workshops/role_figures.py).

Only respondents count: someone who joined and answered nothing is in no figure, no
group size and no total. Groups are made per figure from the people who answered that
figure's question(s), so a role with three joiners and one answer is never "three".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from cxmaturity.answers import DONT_KNOW
from cxmaturity.archive.model import Participant, WorkshopArchive
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.workshops.role_figures import RoleFigures

Groups = list[str | None]


@dataclass(frozen=True)
class Responses:
    archive: WorkshopArchive
    #: The respondents in a canonical order (by id), so results never depend on the order
    #: they arrived in — not even through floating-point summation order.
    participants: list[Participant]
    rule: RoleFigures
    #: The scored items, in questionnaire order: the columns of `levels`.
    item_ids: list[str]
    #: Levels chosen, one row per participant, one column per scored item (NaN: no level).
    levels: np.ndarray
    #: How many said "I don't know" to each scored item.
    dont_know: dict[str, int]

    @cached_property
    def roles(self) -> list[str]:
        return [p.role for p in self.participants]

    @cached_property
    def columns(self) -> dict[str, int]:
        return {item_id: j for j, item_id in enumerate(self.item_ids)}

    def column(self, item_id: str) -> np.ndarray:
        return self.levels[:, self.columns[item_id]]

    def groups_for(self, answered: Sequence[bool] | np.ndarray) -> Groups:
        """Each respondent's group in a figure answered by the rows flagged `answered`."""
        return self.rule.groups(self.roles, [bool(a) for a in answered])

    def item_groups(self, item_ids: Sequence[str]) -> Groups:
        """The groups of a figure over these scored items: who gave any of them a level."""
        block = self.levels[:, [self.columns[i] for i in item_ids]]
        return self.groups_for((~np.isnan(block)).any(axis=1))

    def question_groups(self, question_id: str) -> Groups:
        return self.groups_for(
            [self._answer(p, question_id) is not None for p in self.participants]
        )

    @staticmethod
    def shown(groups: Groups) -> dict[str, np.ndarray]:
        """Each shown group (sorted by name) → the rows of its members."""
        rows: dict[str, list[int]] = {}
        for row, group in enumerate(groups):
            if group is not None:
                rows.setdefault(group, []).append(row)
        return {group: np.array(rows[group]) for group in sorted(rows)}

    def group_sizes(self) -> dict[str, int]:
        """The groups of the workshop as a whole: every respondent answered something."""
        groups = self.groups_for([True] * len(self.participants))
        return dict(Counter(g for g in groups if g is not None))

    def answers_to(self, question_id: str) -> list[tuple[str | None, object]]:
        """(group, value) of everyone who answered `question_id`, "I don't know" excluded;
        the group is the one this question's figure may show."""
        groups = self.question_groups(question_id)
        return [
            (group, value)
            for participant, group in zip(self.participants, groups, strict=True)
            if (value := self._answer(participant, question_id)) is not None
        ]

    @staticmethod
    def _answer(participant: Participant, question_id: str) -> object | None:
        value = participant.answers.get(question_id)
        return None if value is None or value == DONT_KNOW or value == [] else value


def respondents(archive: WorkshopArchive) -> list[Participant]:
    """The participants who gave at least one answer ("I don't know" included)."""
    return [p for p in archive.participants if p.answers]


def arrange(archive: WorkshopArchive, q: Questionnaire) -> Responses:
    participants = sorted(respondents(archive), key=lambda p: p.id)
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
        rule=role_figures_of(archive),
        item_ids=item_ids,
        levels=levels,
        dont_know=dont_know,
    )


def role_figures_of(archive: WorkshopArchive) -> RoleFigures:
    return RoleFigures(archive.role_figures, archive.min_group_size)
