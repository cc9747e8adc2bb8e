"""What the store gives back to the UI and the CLI — never a token digest or another
workshop's data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cxmaturity.answers import AnswerValue
from cxmaturity.localized import Lang
from cxmaturity.workshops.records import Guessing
from cxmaturity.workshops.role_figures import DEFAULT_MIN_GROUP, DEFAULT_MODE


@dataclass(frozen=True)
class NewWorkshop:
    organisation: str
    workshop_date: dt.date
    language: Lang
    questionnaire_id: str
    questionnaire_version: int
    roles_expected: tuple[str, ...] = ()
    anonymity: str = "anonymous"
    min_group_size: int = DEFAULT_MIN_GROUP
    role_figures: str = DEFAULT_MODE


@dataclass(frozen=True)
class FacilitatorAccess:
    """Shown once at creation: the only time the facilitator token exists in clear."""

    workshop_id: str
    token: str


@dataclass(frozen=True)
class WorkshopView:
    """The workshop as its facilitator sees it."""

    id: str
    organisation: str
    workshop_date: dt.date
    language: Lang
    questionnaire_id: str
    questionnaire_version: int
    roles_expected: tuple[str, ...]
    anonymity: str
    role_figures: str
    min_group_size: int
    status: str
    join_code: str | None
    join_code_expires_at: dt.datetime | None
    revision: int
    created_at: dt.datetime


@dataclass(frozen=True)
class PublicWorkshop:
    """What a participant may know of the workshop they join."""

    id: str
    organisation: str
    language: Lang
    questionnaire_id: str
    questionnaire_version: int
    roles_expected: tuple[str, ...]
    anonymity: str
    status: str
    role_figures: str = DEFAULT_MODE  # told to participants before their first answer
    min_group_size: int = DEFAULT_MIN_GROUP


@dataclass(frozen=True)
class ParticipantAccess:
    """Given once on joining: the resume token goes into the participant's URL."""

    workshop: PublicWorkshop
    participant_id: str
    resume_token: str
    #: The browser already held this seat: same participant, same answers.
    resumed: bool = False


@dataclass(frozen=True)
class ParticipantState:
    """Everything a participant's page needs after a reload."""

    workshop: PublicWorkshop
    participant_id: str
    role: str
    alias: str | None
    section: int
    answers: dict[str, AnswerValue]


@dataclass(frozen=True)
class ParticipantProgress:
    participant_id: str
    role: str
    alias: str | None  # None in anonymous mode
    entered_by: str
    answered: int  # required questions answered ("I don't know" counts as answered)
    required: int
    by_section: dict[str, int]
    last_seen_at: dt.datetime

    @property
    def complete(self) -> bool:
        return self.answered >= self.required


@dataclass(frozen=True)
class Progress:
    """The facilitator's live view, read in one query."""

    status: str
    participants: list[ParticipantProgress] = field(default_factory=list)
    #: Seats the facilitator removed: on record, counted nowhere.
    removed: int = 0
    #: Wrong join codes typed on this server lately (see join_gate), while the code works.
    guessing: Guessing | None = None

    @property
    def joined(self) -> int:
        return len(self.participants)

    @property
    def started(self) -> int:
        """Who gave at least one answer: the others count in no result."""
        return sum(p.answered > 0 for p in self.participants)

    @property
    def complete(self) -> int:
        return sum(p.complete for p in self.participants)


@dataclass(frozen=True)
class OwnedWorkshop:
    """A line of a signed-in facilitator's own list."""

    id: str
    organisation: str
    workshop_date: dt.date
    status: str
    participants: int
