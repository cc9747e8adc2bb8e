"""The repository in memory: a fake for fast tests that behaves like the database.

A unit of work takes one lock (transactions run one at a time) and works on a copy of
the state that replaces it on commit, so a refused operation leaves nothing behind —
the same guarantee the SQL transaction gives.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Self, cast

from cxmaturity.answers import AnswerValue
from cxmaturity.workshops.identity import SELF_JOINED
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
from cxmaturity.workshops.repository import Lock


@dataclass(frozen=True)
class _WrongCode:
    address_key: str
    at: dt.datetime


@dataclass
class MemoryState:
    workshops: dict[str, WorkshopRecord] = field(default_factory=dict)
    participants: dict[int, ParticipantRecord] = field(default_factory=dict)
    answers: dict[tuple[int, str], AnswerRecord] = field(default_factory=dict)
    consensus: dict[tuple[str, str], ConsensusRecord] = field(default_factory=dict)
    decisions: dict[str, list[DecisionRecord]] = field(default_factory=dict)
    retired: dict[str, RetiredRecord] = field(default_factory=dict)
    tallies: dict[str, TallyRecord] = field(default_factory=dict)
    wrong_codes: list[_WrongCode] = field(default_factory=list)
    next_pk: int = 1

    def copy(self) -> MemoryState:
        """A copy to work on: records are immutable, so copying the containers suffices."""
        return MemoryState(
            workshops=dict(self.workshops),
            participants=dict(self.participants),
            answers=dict(self.answers),
            consensus=dict(self.consensus),
            decisions={key: list(value) for key, value in self.decisions.items()},
            tallies=dict(self.tallies),
            wrong_codes=list(self.wrong_codes),
            retired=dict(self.retired),
            next_pk=self.next_pk,
        )


class MemoryRepository:
    def __init__(self, state: MemoryState) -> None:
        self._s = state

    # --- workshops --------------------------------------------------------------------

    def add_workshop(self, workshop: WorkshopRecord) -> None:
        if workshop.id in self._s.workshops:
            raise ValueError(f"duplicate workshop id {workshop.id}")
        if workshop.join_code and self.workshop_by_code(workshop.join_code):
            raise ValueError("duplicate join code")
        self._s.workshops[workshop.id] = workshop

    def get_workshop(self, workshop_id: str, lock: Lock = None) -> WorkshopRecord | None:
        return self._s.workshops.get(workshop_id)

    def workshop_by_code(self, code: str) -> WorkshopRecord | None:
        return next((w for w in self._s.workshops.values() if w.join_code == code), None)

    def update_workshop(self, workshop_id: str, **changes: object) -> None:
        if "roles_expected" in changes:
            changes["roles_expected"] = tuple(cast(Iterable[str], changes["roles_expected"]))
        code = changes.get("join_code")
        if code and any(
            w.join_code == code and w.id != workshop_id for w in self._s.workshops.values()
        ):
            raise ValueError("duplicate join code")
        self._s.workshops[workshop_id] = replace(self._s.workshops[workshop_id], **changes)  # type: ignore[arg-type]

    def delete_workshop(self, workshop_id: str) -> None:
        s = self._s
        pks = {pk for pk, p in s.participants.items() if p.workshop_id == workshop_id}
        s.answers = {key: a for key, a in s.answers.items() if key[0] not in pks}
        s.participants = {pk: p for pk, p in s.participants.items() if pk not in pks}
        s.consensus = {key: c for key, c in s.consensus.items() if key[0] != workshop_id}
        s.decisions.pop(workshop_id, None)
        s.workshops.pop(workshop_id, None)

    def list_workshops(self, owner: str | None = None) -> list[WorkshopSummary]:
        return [
            WorkshopSummary(
                id=w.id,
                organisation=w.organisation,
                workshop_date=w.workshop_date,
                status=w.status,
                participants=self.count_participants(w.id),
                created_at=w.created_at,
            )
            for w in sorted(self._s.workshops.values(), key=lambda w: (w.created_at, w.id))
            if owner is None or w.owner == owner
        ]

    # --- participants -----------------------------------------------------------------

    def add_participant(self, participant: NewParticipant) -> int:
        if self.participant(participant.workshop_id, participant.public_id):
            raise ValueError("duplicate participant id")
        if participant.browser_hash and self.participant_by_browser(
            participant.workshop_id, participant.browser_hash
        ):
            raise ValueError("duplicate browser")
        pk = self._s.next_pk
        self._s.next_pk += 1
        self._s.participants[pk] = ParticipantRecord(
            pk=pk,
            workshop_id=participant.workshop_id,
            public_id=participant.public_id,
            role=participant.role,
            alias=participant.alias,
            resume_token_hash=participant.resume_token_hash,
            entered_by=participant.entered_by,
            section=0,
            created_at=participant.now,
            last_seen_at=participant.now,
            browser_hash=participant.browser_hash,
        )
        return pk

    def participant_by_resume(self, token_digest: str) -> ParticipantRecord | None:
        return next(
            (p for p in self._s.participants.values() if p.resume_token_hash == token_digest), None
        )

    def participant_by_browser(
        self, workshop_id: str, browser_hash: str
    ) -> ParticipantRecord | None:
        return next(
            (
                p
                for p in self._s.participants.values()
                if p.workshop_id == workshop_id and p.browser_hash == browser_hash
            ),
            None,
        )

    def participant(self, workshop_id: str, public_id: str) -> ParticipantRecord | None:
        return next(
            (
                p
                for p in self._s.participants.values()
                if p.workshop_id == workshop_id and p.public_id == public_id
            ),
            None,
        )

    def participants(self, workshop_id: str) -> list[ParticipantRecord]:
        return [p for p in self._seats(workshop_id) if p.removed_at is None]

    def removed_participants(self, workshop_id: str) -> list[ParticipantRecord]:
        return [p for p in self._seats(workshop_id) if p.removed_at is not None]

    def _seats(self, workshop_id: str) -> list[ParticipantRecord]:
        return sorted(
            (p for p in self._s.participants.values() if p.workshop_id == workshop_id),
            key=lambda p: p.pk,
        )

    def update_participant(self, pk: int, **changes: object) -> None:
        self._s.participants[pk] = replace(self._s.participants[pk], **changes)  # type: ignore[arg-type]

    def count_participants(self, workshop_id: str) -> int:
        return len(self.participants(workshop_id))

    def joins_since(self, workshop_id: str, since: dt.datetime) -> int:
        return sum(
            1
            for p in self._seats(workshop_id)
            if p.entered_by == SELF_JOINED and p.created_at >= since
        )

    # --- answers ----------------------------------------------------------------------

    def upsert_answer(
        self,
        workshop_id: str,
        participant_pk: int,
        question_id: str,
        value: AnswerValue,
        now: dt.datetime,
    ) -> None:
        key = (participant_pk, question_id)
        previous = self._s.answers.get(key)
        answered_at = previous.answered_at if previous else now
        self._s.answers[key] = AnswerRecord(
            participant_pk, question_id, copy.deepcopy(value), answered_at, now
        )

    def delete_answer(self, participant_pk: int, question_id: str) -> None:
        self._s.answers.pop((participant_pk, question_id), None)

    def answers_of(self, participant_pk: int) -> dict[str, AnswerValue]:
        return {
            q: copy.deepcopy(a.value)
            for (pk, q), a in self._s.answers.items()
            if pk == participant_pk
        }

    def answers(self, workshop_id: str) -> list[AnswerRecord]:
        pks = {p.pk for p in self.participants(workshop_id)}
        found = [a for (pk, _), a in self._s.answers.items() if pk in pks]
        return sorted(found, key=lambda a: (a.participant_pk, a.question_id))

    def section_counts(self, workshop_id: str, section_of: Mapping[str, str]) -> list[SectionCount]:
        rows = []
        for participant in self.participants(workshop_id):
            counts: dict[str | None, int] = {}
            for (pk, question_id), _ in self._s.answers.items():
                if pk == participant.pk:
                    section = section_of.get(question_id)
                    counts[section] = counts.get(section, 0) + 1
            if not counts:
                rows.append(SectionCount(participant, None, 0))
            rows += [SectionCount(participant, section, n) for section, n in counts.items()]
        return rows

    # --- consensus and the roadmap review -------------------------------------------

    def set_consensus(self, workshop_id: str, record: ConsensusRecord) -> None:
        self._s.consensus[workshop_id, record.question_id] = record

    def delete_consensus(self, workshop_id: str, question_id: str) -> None:
        self._s.consensus.pop((workshop_id, question_id), None)

    def consensus(self, workshop_id: str) -> list[ConsensusRecord]:
        found = [c for (w, _), c in self._s.consensus.items() if w == workshop_id]
        return sorted(found, key=lambda c: c.question_id)

    def replace_decisions(
        self, workshop_id: str, decisions: Sequence[DecisionRecord], now: dt.datetime
    ) -> None:
        self._s.decisions[workshop_id] = list(decisions)

    def decisions(self, workshop_id: str) -> list[DecisionRecord]:
        return sorted(self._s.decisions.get(workshop_id, []), key=lambda d: d.position)

    # --- tallies and the log of wrong codes ------------------------------------------

    def hold_tallies(self, keys: Sequence[str]) -> dict[str, TallyRecord]:
        return {key: self._s.tallies[key] for key in keys if key in self._s.tallies}

    def save_tallies(self, records: Sequence[TallyRecord]) -> None:
        for record in records:
            self._s.tallies[record.key] = record

    def record_wrong_code(self, address_key: str, now: dt.datetime) -> None:
        self._s.wrong_codes.append(_WrongCode(address_key, now))

    def guessing_since(self, since: dt.datetime) -> Guessing:
        recent = [w for w in self._s.wrong_codes if w.at >= since]
        return Guessing(len(recent), len({w.address_key for w in recent}))

    def prune_tallies(self, before: dt.datetime) -> None:
        self._s.tallies = {k: t for k, t in self._s.tallies.items() if t.last_at >= before}
        self._s.wrong_codes = [w for w in self._s.wrong_codes if w.at >= before]

    def retire(self, records: Sequence[RetiredRecord]) -> None:
        self._s.retired.update({r.key: r for r in records})

    def retired(self, key: str) -> RetiredRecord | None:
        return self._s.retired.get(key)

    def prune_retired(self, before: dt.datetime) -> None:
        self._s.retired = {k: r for k, r in self._s.retired.items() if r.retired_at >= before}


class MemoryDatabase:
    """The shared state and its lock: one per fake "database"."""

    def __init__(self) -> None:
        self.state = MemoryState()
        self.lock = threading.RLock()

    def unit_of_work(self, read_only: bool = False) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self)


class MemoryUnitOfWork:
    def __init__(self, database: MemoryDatabase) -> None:
        self._database = database

    def __enter__(self) -> Self:
        self._database.lock.acquire()
        self._staged = self._database.state.copy()
        self.repo = MemoryRepository(self._staged)
        return self

    def commit(self) -> None:
        self._database.state = self._staged

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._database.lock.release()
