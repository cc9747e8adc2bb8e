"""The persistence primitives the service needs — implemented for SQL and in memory.

The repository knows nothing of rules (lifecycle, tokens, the join gate, validation):
those live once, in this package; `cxmaturity.store` implements the port. Every method
is scoped to one workshop or reached from a token digest; none lists another workshop's
data, except `list_workshops` (the operator's, or a signed-in facilitator's own).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Literal, Protocol, Self

from cxmaturity.answers import AnswerValue
from cxmaturity.workshops.records import (
    AnswerRecord,
    ConsensusRecord,
    DecisionRecord,
    Guessing,
    NewParticipant,
    ParticipantRecord,
    RetiredRecord,
    SectionCount,
    TallyRecord,
    WorkshopRecord,
    WorkshopSummary,
)

Lock = Literal["share", "update"] | None


class Repository(Protocol):
    # workshops
    def add_workshop(self, workshop: WorkshopRecord) -> None: ...
    def get_workshop(self, workshop_id: str, lock: Lock = None) -> WorkshopRecord | None: ...
    def workshop_by_code(self, code: str) -> WorkshopRecord | None: ...
    def update_workshop(self, workshop_id: str, **changes: object) -> None: ...
    def delete_workshop(self, workshop_id: str) -> None: ...
    def list_workshops(self, owner: str | None = None) -> list[WorkshopSummary]:
        """Every workshop (the operator), or those `owner` created (a signed-in facilitator)."""
        ...

    # participants — `participants`, `count_participants`, `answers` and `section_counts`
    # leave out removed seats; the lookups by id, token or browser return them too.
    def add_participant(self, participant: NewParticipant) -> int: ...
    def participant_by_resume(self, token_digest: str) -> ParticipantRecord | None: ...
    def participant_by_browser(
        self, workshop_id: str, browser_hash: str
    ) -> ParticipantRecord | None: ...
    def participant(self, workshop_id: str, public_id: str) -> ParticipantRecord | None: ...
    def participants(self, workshop_id: str) -> list[ParticipantRecord]: ...
    def removed_participants(self, workshop_id: str) -> list[ParticipantRecord]: ...
    def update_participant(self, pk: int, **changes: object) -> None: ...
    def count_participants(self, workshop_id: str) -> int: ...
    def joins_since(self, workshop_id: str, since: dt.datetime) -> int:
        """Self-joined seats created at or after `since`, removed ones included."""
        ...

    # answers
    def upsert_answer(
        self,
        workshop_id: str,
        participant_pk: int,
        question_id: str,
        value: AnswerValue,
        now: dt.datetime,
    ) -> None: ...
    def delete_answer(self, participant_pk: int, question_id: str) -> None: ...
    def answers_of(self, participant_pk: int) -> dict[str, AnswerValue]: ...
    def answers(self, workshop_id: str) -> list[AnswerRecord]: ...
    def section_counts(
        self, workshop_id: str, section_of: Mapping[str, str]
    ) -> list[SectionCount]: ...

    # consensus and the roadmap review
    def set_consensus(self, workshop_id: str, record: ConsensusRecord) -> None: ...
    def delete_consensus(self, workshop_id: str, question_id: str) -> None: ...
    def consensus(self, workshop_id: str) -> list[ConsensusRecord]: ...
    def replace_decisions(
        self, workshop_id: str, decisions: Sequence[DecisionRecord], now: dt.datetime
    ) -> None: ...
    def decisions(self, workshop_id: str) -> list[DecisionRecord]: ...

    # tallies (the join gate, creation limits) and the log of wrong codes
    def hold_tallies(self, keys: Sequence[str]) -> dict[str, TallyRecord]:
        """The tallies of `keys` (missing ones absent), locked until the transaction ends
        so that concurrent requests count one after the other (PostgreSQL: a row lock on
        a row created if missing; SQLite: its single writer)."""
        ...

    def save_tallies(self, records: Sequence[TallyRecord]) -> None: ...
    def record_wrong_code(self, address_key: str, now: dt.datetime) -> None: ...
    def guessing_since(self, since: dt.datetime) -> Guessing: ...
    def prune_tallies(self, before: dt.datetime) -> None:
        """Forget tallies and logged wrong codes whose last event is older than `before`."""
        ...

    # codes and links that stopped working (`workshops.retired`)
    def retire(self, records: Sequence[RetiredRecord]) -> None:
        """Remember each key (replacing what an earlier retirement said of it)."""
        ...

    def retired(self, key: str) -> RetiredRecord | None: ...
    def prune_retired(self, before: dt.datetime) -> None: ...


class TransientStoreError(Exception):
    """A failure worth retrying: a busy SQLite file, a dropped PostgreSQL connection."""


class UnitOfWork(Protocol):
    """One transaction: `with uow: … uow.commit()`; leaving without commit rolls back."""

    @property
    def repo(self) -> Repository: ...

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
