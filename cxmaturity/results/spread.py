"""Every person's answer to an item, labelled only with an anonymous role group.

The facilitator's view and the report show each answer as a dot coloured by role; a
person whose role group is too small to show appears without a role, so a dot never
points at one person.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.results.responses import anonymous_groups

#: The label of answers whose group is hidden by the anonymity rule.
UNLABELLED = "-"


@dataclass(frozen=True)
class Dot:
    question_id: str
    group: str  # a role id, "other", or UNLABELLED
    level: int


def answer_dots(archive: WorkshopArchive, question_ids: list[str]) -> list[Dot]:
    """The levels chosen for `question_ids` ("I don't know" left out), in a stable order."""
    participants = sorted(archive.participants, key=lambda p: p.id)
    groups = anonymous_groups([p.role for p in participants], archive.min_group_size)
    dots = [
        Dot(question_id, group or UNLABELLED, value)
        for question_id in question_ids
        for participant, group in zip(participants, groups, strict=True)
        if isinstance(value := participant.answers.get(question_id), int)
    ]
    return sorted(dots, key=lambda d: (question_ids.index(d.question_id), d.group, d.level))
