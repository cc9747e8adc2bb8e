"""Every person's answer to an item, labelled only with a group its figure may show.

The facilitator's view and the report show each answer as a dot coloured by role. The
group of a dot is the item's own (rules/role_figures.py): in protected mode a person
whose role has too few respondents to the item appears without a role, so a dot never
points at one person; in open mode every dot carries its role, as participants were told.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.results.responses import respondents, role_figures_of
from cxmaturity.workshops.role_figures import OTHER_GROUP


@dataclass(frozen=True)
class Dot:
    question_id: str
    group: str  # a role id, or "other"
    level: int


def answer_dots(archive: WorkshopArchive, question_ids: list[str]) -> list[Dot]:
    """The levels chosen for `question_ids` ("I don't know" left out), in a stable order.
    An answer whose group the item may not show is not drawn at all: an unlabelled dot
    beside the named roles would be the hidden few, found by elimination."""
    dots = [
        Dot(question_id, group, level)
        for question_id, group, level in _answers(archive, question_ids)
        if group
    ]
    return sorted(dots, key=lambda d: (question_ids.index(d.question_id), d.group, d.level))


def nameable_roles(archive: WorkshopArchive, q: Questionnaire, question_id: str) -> list[str]:
    """The roles that may be recorded, and printed, as having changed their view on an
    item, in the questionnaire's order.

    Open mode: every role with someone in the workshop, answered or not (a person can
    speak in the discussion without having answered; everyone was told their role is
    shown on its own). Protected mode: only the roles this item's own chart shows (at
    least the threshold of respondents gave it a level). A lone CEO is not drawn there,
    so "the CEO changed their view", kept in the report beside the agreed level, would
    tell something about that one person's answer, and that the CEO took part at all.
    """
    if archive.role_figures == "open":
        present = {p.role for p in archive.participants}
    else:
        present = {d.group for d in answer_dots(archive, [question_id])} - {OTHER_GROUP}
    return [role.id for role in q.roles if role.id in present]


def withheld_answers(archive: WorkshopArchive, question_ids: list[str]) -> dict[str, int]:
    """Per item, how many answers `answer_dots` leaves out (protected mode only)."""
    counts = Counter(
        question_id for question_id, group, _ in _answers(archive, question_ids) if not group
    )
    return {question_id: counts[question_id] for question_id in question_ids if counts[question_id]}


def _answers(
    archive: WorkshopArchive, question_ids: list[str]
) -> list[tuple[str, str | None, int]]:
    """(item, group the item may show or None, level) of every level chosen."""
    people = sorted(respondents(archive), key=lambda p: p.id)
    rule = role_figures_of(archive)
    roles = [p.role for p in people]
    placed = []
    for question_id in question_ids:
        levels = [p.answers.get(question_id) for p in people]
        answered = [isinstance(value, int) for value in levels]
        placed += [
            (question_id, group, value)
            for value, group in zip(levels, rule.groups(roles, answered), strict=True)
            if isinstance(value, int)
        ]
    return placed
