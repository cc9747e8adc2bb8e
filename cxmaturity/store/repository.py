"""The persistence primitives the service needs — implemented for SQL and in memory.

The repository knows nothing of rules (lifecycle, tokens, throttling, validation): those
live once, in service.py. Every method is scoped to one workshop or reached from a token
digest; none lists another workshop's data, except the operator's `list_workshops`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Literal, Protocol, Self

from cxmaturity.answers import AnswerValue
from cxmaturity.store.records import (
    AnswerRecord,
    ConsensusRecord,
    DecisionRecord,
    NewParticipant,
    ParticipantRecord,
    SectionCount,
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
    def list_workshops(self) -> list[WorkshopSummary]: ...

    # participants
    def add_participant(self, participant: NewParticipant) -> int: ...
    def participant_by_resume(self, token_digest: str) -> ParticipantRecord | None: ...
    def participant(self, workshop_id: str, public_id: str) -> ParticipantRecord | None: ...
    def participants(self, workshop_id: str) -> list[ParticipantRecord]: ...
    def update_participant(self, pk: int, **changes: object) -> None: ...
    def count_participants(self, workshop_id: str) -> int: ...

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

    # join attempts, for throttling across replicas
    def record_attempt(
        self, client_key: str, workshop_id: str | None, succeeded: bool, now: dt.datetime
    ) -> None: ...
    def failures_since(self, client_key: str, since: dt.datetime) -> list[dt.datetime]:
        """Times of this client's failed attempts strictly after `since`, oldest first."""
        ...

    def joins_since(self, workshop_id: str, since: dt.datetime) -> int: ...
    def prune_attempts(self, client_key: str, before: dt.datetime) -> None: ...


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
