"""Every person's answer to an item, labelled only with a group its figure may show.

The facilitator's view and the report show each answer as a dot coloured by role. The
group of a dot is the item's own (rules/role_figures.py): in protected mode a person
whose role has too few respondents to the item appears without a role, so a dot never
points at one person; in open mode every dot carries its role, as participants were told.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.results.responses import respondents, role_figures_of

#: The label of answers whose group is hidden by the anonymity rule.
UNLABELLED = "-"


@dataclass(frozen=True)
class Dot:
    question_id: str
    group: str  # a role id, "other", or UNLABELLED
    level: int


def answer_dots(archive: WorkshopArchive, question_ids: list[str]) -> list[Dot]:
    """The levels chosen for `question_ids` ("I don't know" left out), in a stable order."""
    people = sorted(respondents(archive), key=lambda p: p.id)
    rule = role_figures_of(archive)
    roles = [p.role for p in people]
    dots = []
    for question_id in question_ids:
        levels = [p.answers.get(question_id) for p in people]
        answered = [isinstance(value, int) for value in levels]
        for value, group in zip(levels, rule.groups(roles, answered), strict=True):
            if isinstance(value, int):
                dots.append(Dot(question_id, group or UNLABELLED, value))
    return sorted(dots, key=lambda d: (question_ids.index(d.question_id), d.group, d.level))
