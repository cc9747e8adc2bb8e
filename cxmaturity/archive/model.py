"""The workshop archive: the versioned JSON document that carries a whole workshop.

It is the exchange format between the store, the CLI, the PDF and other tools: who
took part (opaque id, role, optional alias), what each answered, and — once the team
has discussed — the agreed levels and the reviewed roadmap.

Answer values, by question type:
  scored         1–5, or "dk" (I don't know, counted as missing)
  ambition       1–5 (the level to reach in 18 months), or "dk"
  single_choice  an option id, or "dk"
  multi_choice   a list of option ids, or "dk"
  ranking        option ids from first to last priority, or "dk"
  free_text      the text as written
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, get_args

from pydantic import Field, StringConstraints

from cxmaturity.answers import DONT_KNOW, AnswerValue
from cxmaturity.localized import Lang, StrictModel
from cxmaturity.questionnaire.model import Id, QuestionnaireId
from cxmaturity.workshops.identity import Anonymity, alias_beside_answers
from cxmaturity.workshops.limits import (
    ALIAS_LIMIT,
    NOTE_LIMIT,
    ORGANISATION_LIMIT,
    OWNER_NAME_LIMIT,
)
from cxmaturity.workshops.role_figures import (
    DEFAULT_MIN_GROUP,
    MAX_MIN_GROUP,
    OTHER_GROUP,
    RoleFigures,
    RoleFiguresMode,
)

FORMAT_VERSION: Literal[1] = 1
#: What the facilitator decided about a proposed action.
DecisionStatus = Literal["accepted", "dropped"]
DECISION_STATUSES: tuple[str, ...] = get_args(DecisionStatus)
__all__ = ["DONT_KNOW", "FORMAT_VERSION", "AnswerValue", "WorkshopArchive"]

ParticipantId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
Alias = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=ALIAS_LIMIT)
]


class QuestionnaireRef(StrictModel):
    id: QuestionnaireId
    version: int = Field(ge=1)


class Participant(StrictModel):
    id: ParticipantId = Field(description="Opaque: never a name or an e-mail address.")
    role: Id
    alias: Alias | None = Field(
        default=None, description="A pseudonym (alias mode) or the person's name (named mode)."
    )
    answers: dict[Id, AnswerValue] = Field(default_factory=dict)


class Consensus(StrictModel):
    """What the team agreed on a divergent item after discussing it."""

    level: int = Field(ge=1, le=5)
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=NOTE_LIMIT)] = ""
    moved: list[Id] = Field(
        default_factory=list, description="Roles that changed their view in the discussion."
    )


class RoadmapDecision(StrictModel):
    """The facilitator's review of one proposed action; the list order is the agreed order."""

    action_id: Id
    status: DecisionStatus
    owner_role: Id | None = None
    owner_name: (
        Annotated[
            str,
            StringConstraints(strip_whitespace=True, min_length=1, max_length=OWNER_NAME_LIMIT),
        ]
        | None
    ) = Field(default=None, description="The person who owns the action, as the team named them.")
    due: dt.date | None = None


class WorkshopArchive(StrictModel):
    format_version: Literal[1] = FORMAT_VERSION
    organisation: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=ORGANISATION_LIMIT),
    ]
    date: dt.date
    language: Lang
    questionnaire: QuestionnaireRef
    role_figures: RoleFiguresMode = Field(
        default="protected",
        description="open: every role shown on its own, participants told so before they "
        "answer; protected: a role shown only with min_group_size respondents. Archives "
        "written before the field existed read as protected.",
    )
    min_group_size: int = Field(
        default=DEFAULT_MIN_GROUP,
        ge=1,
        le=MAX_MIN_GROUP,
        description="In protected mode, roles with fewer respondents to a figure are never "
        "shown alone in it; read as 3 when lower.",
    )
    anonymity: Anonymity = "anonymous"
    participants: list[Participant] = Field(default_factory=list)
    consensus: dict[Id, Consensus] = Field(default_factory=dict)
    roadmap_review: list[RoadmapDecision] = Field(default_factory=list)

    def for_sharing(self) -> WorkshopArchive:
        """The archive as it may leave the workshop in a file (archive or CSV download).

        Aliases are only there to follow progress (participants are told the facilitator
        never sees them next to their answers), so in alias mode they stay behind; names
        stay in named mode. In protected mode a file holds one row per person, so a role
        with fewer respondents than the threshold leaves as "other", as it shows."""
        people = self.participants
        if not alias_beside_answers(self.anonymity):
            people = [p.model_copy(update={"alias": None}) for p in people]
        if self.role_figures == "protected":
            rule = RoleFigures(self.role_figures, self.min_group_size)
            groups = rule.groups([p.role for p in people], [bool(p.answers) for p in people])
            people = [
                p if group == p.role else p.model_copy(update={"role": OTHER_GROUP})
                for p, group in zip(people, groups, strict=True)
            ]
        return self.model_copy(update={"participants": people})
