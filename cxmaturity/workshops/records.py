"""Rows as plain immutable records: what the repository hands to the service and back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cxmaturity.answers import AnswerValue


@dataclass(frozen=True)
class WorkshopRecord:
    id: str
    organisation: str
    workshop_date: dt.date
    language: str
    questionnaire_id: str
    questionnaire_version: int
    min_group_size: int
    role_figures: str
    anonymity: str
    roles_expected: tuple[str, ...]
    status: str
    facilitator_token_hash: str
    join_code: str | None
    join_code_expires_at: dt.datetime | None
    revision: int
    created_at: dt.datetime
    updated_at: dt.datetime
    #: The signed-in facilitator who created it (`SignedIn.subject`), if any.
    owner: str | None = None


@dataclass(frozen=True)
class ParticipantRecord:
    pk: int
    workshop_id: str
    public_id: str
    role: str
    alias: str | None
    resume_token_hash: str | None
    entered_by: str
    section: int
    created_at: dt.datetime
    last_seen_at: dt.datetime
    #: Digest of the browser that holds this seat (self-joined only): one seat per browser.
    browser_hash: str | None = None
    #: When the facilitator removed the seat; a removed seat counts nowhere.
    removed_at: dt.datetime | None = None


@dataclass(frozen=True)
class NewParticipant:
    workshop_id: str
    public_id: str
    role: str
    alias: str | None
    resume_token_hash: str | None
    entered_by: str
    now: dt.datetime
    browser_hash: str | None = None


@dataclass(frozen=True)
class AnswerRecord:
    participant_pk: int
    question_id: str
    value: AnswerValue
    answered_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class ConsensusRecord:
    question_id: str
    level: int
    note: str
    moved: tuple[str, ...]
    updated_at: dt.datetime


@dataclass(frozen=True)
class DecisionRecord:
    action_id: str
    status: str
    owner_role: str | None
    due: dt.date | None
    position: int
    owner_name: str | None = None


@dataclass(frozen=True)
class RetiredRecord:
    """A code or link that stopped working, and why (`workshops.retired`)."""

    key: str
    reason: str
    retired_at: dt.datetime


@dataclass(frozen=True)
class SectionCount:
    """How many questions of one section a participant answered (one row of the live view)."""

    participant: ParticipantRecord
    section: str | None
    answered: int


@dataclass(frozen=True)
class WorkshopSummary:
    """A line of the operator's list of workshops."""

    id: str
    organisation: str
    workshop_date: dt.date
    status: str
    participants: int
    created_at: dt.datetime


@dataclass(frozen=True)
class TallyRecord:
    """A counter the join gate and the creation limits keep per key (a browser, an
    address, a facilitator): how many events, the first and the last."""

    key: str
    count: int
    first_at: dt.datetime
    last_at: dt.datetime


@dataclass(frozen=True)
class Guessing:
    """Wrong join codes typed on the server since a time, and from how many addresses."""

    wrong_codes: int
    addresses: int
