"""The repository on a real database (SQLite or PostgreSQL), with SQLAlchemy Core.

Every statement is built with bound parameters; no SQL is assembled from strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any, Self

from sqlalchemy import (
    Connection,
    Engine,
    Insert,
    Row,
    case,
    delete,
    distinct,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from cxmaturity.answers import AnswerValue
from cxmaturity.store.engine import READ_ONLY
from cxmaturity.store.tables import (
    answers,
    consensus,
    join_attempts,
    participants,
    retired,
    roadmap_decisions,
    tallies,
    workshops,
)
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
from cxmaturity.workshops.repository import Lock, TransientStoreError

_PARTICIPANT_COLUMNS = list(participants.c)
_PRESENT = participants.c.removed_at.is_(None)


class SqlRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    # --- workshops --------------------------------------------------------------------

    def add_workshop(self, workshop: WorkshopRecord) -> None:
        values = vars(workshop) | {"roles_expected": list(workshop.roles_expected)}
        self._db.execute(insert(workshops).values(**values))

    def get_workshop(self, workshop_id: str, lock: Lock = None) -> WorkshopRecord | None:
        query = select(workshops).where(workshops.c.id == workshop_id)
        if lock is not None:
            query = query.with_for_update(read=lock == "share")
        row = self._db.execute(query).first()
        return _workshop(row) if row else None

    def workshop_by_code(self, code: str) -> WorkshopRecord | None:
        row = self._db.execute(select(workshops).where(workshops.c.join_code == code)).first()
        return _workshop(row) if row else None

    def update_workshop(self, workshop_id: str, **changes: object) -> None:
        if "roles_expected" in changes:
            changes["roles_expected"] = list(changes["roles_expected"])  # type: ignore[call-overload]
        self._db.execute(update(workshops).where(workshops.c.id == workshop_id).values(**changes))

    def delete_workshop(self, workshop_id: str) -> None:
        # ON DELETE CASCADE removes the rest; deleting children first keeps it explicit and
        # independent of whether the connection enforces foreign keys.
        for table in (answers, consensus, roadmap_decisions, join_attempts, participants):
            self._db.execute(delete(table).where(table.c.workshop_id == workshop_id))
        self._db.execute(delete(workshops).where(workshops.c.id == workshop_id))

    def list_workshops(self, owner: str | None = None) -> list[WorkshopSummary]:
        count = (
            select(func.count())
            .select_from(participants)
            .where(participants.c.workshop_id == workshops.c.id, _PRESENT)
            .scalar_subquery()
        )
        query = select(
            workshops.c.id,
            workshops.c.organisation,
            workshops.c.workshop_date,
            workshops.c.status,
            count.label("participants"),
            workshops.c.created_at,
        ).order_by(workshops.c.created_at, workshops.c.id)
        if owner is not None:
            query = query.where(workshops.c.owner == owner)
        return [WorkshopSummary(**row._mapping) for row in self._db.execute(query)]

    # --- participants -----------------------------------------------------------------

    def add_participant(self, participant: NewParticipant) -> int:
        result = self._db.execute(
            insert(participants)
            .values(
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
            .returning(participants.c.pk)
        )
        return int(result.scalar_one())

    def participant_by_resume(self, token_digest: str) -> ParticipantRecord | None:
        query = select(participants).where(participants.c.resume_token_hash == token_digest)
        row = self._db.execute(query).first()
        return _participant(row) if row else None

    def participant_by_browser(
        self, workshop_id: str, browser_hash: str
    ) -> ParticipantRecord | None:
        query = select(participants).where(
            participants.c.workshop_id == workshop_id,
            participants.c.browser_hash == browser_hash,
        )
        row = self._db.execute(query).first()
        return _participant(row) if row else None

    def participant(self, workshop_id: str, public_id: str) -> ParticipantRecord | None:
        query = select(participants).where(
            participants.c.workshop_id == workshop_id, participants.c.public_id == public_id
        )
        row = self._db.execute(query).first()
        return _participant(row) if row else None

    def participants(self, workshop_id: str) -> list[ParticipantRecord]:
        query = select(participants).where(participants.c.workshop_id == workshop_id, _PRESENT)
        return [_participant(row) for row in self._db.execute(query.order_by(participants.c.pk))]

    def removed_participants(self, workshop_id: str) -> list[ParticipantRecord]:
        query = select(participants).where(
            participants.c.workshop_id == workshop_id, participants.c.removed_at.is_not(None)
        )
        return [_participant(row) for row in self._db.execute(query.order_by(participants.c.pk))]

    def update_participant(self, pk: int, **changes: object) -> None:
        self._db.execute(update(participants).where(participants.c.pk == pk).values(**changes))

    def count_participants(self, workshop_id: str) -> int:
        query = select(func.count()).where(participants.c.workshop_id == workshop_id, _PRESENT)
        return int(self._db.execute(query).scalar_one())

    def joins_since(self, workshop_id: str, since: dt.datetime) -> int:
        query = select(func.count()).where(
            participants.c.workshop_id == workshop_id,
            participants.c.entered_by == SELF_JOINED,
            participants.c.created_at >= since,
        )
        return int(self._db.execute(query).scalar_one())

    # --- answers ----------------------------------------------------------------------

    def upsert_answer(
        self,
        workshop_id: str,
        participant_pk: int,
        question_id: str,
        value: AnswerValue,
        now: dt.datetime,
    ) -> None:
        """One statement, idempotent: a first answer inserts, a change updates the same row."""
        statement = self._insert(answers).values(
            participant_pk=participant_pk,
            question_id=question_id,
            workshop_id=workshop_id,
            value=value,
            answered_at=now,
            updated_at=now,
        )
        self._db.execute(
            statement.on_conflict_do_update(  # type: ignore[attr-defined]
                index_elements=[answers.c.participant_pk, answers.c.question_id],
                set_={
                    "value": statement.excluded.value,  # type: ignore[attr-defined]
                    "updated_at": statement.excluded.updated_at,  # type: ignore[attr-defined]
                },
            )
        )

    def delete_answer(self, participant_pk: int, question_id: str) -> None:
        self._db.execute(
            delete(answers).where(
                answers.c.participant_pk == participant_pk, answers.c.question_id == question_id
            )
        )

    def answers_of(self, participant_pk: int) -> dict[str, AnswerValue]:
        query = select(answers.c.question_id, answers.c.value).where(
            answers.c.participant_pk == participant_pk
        )
        return {row.question_id: row.value for row in self._db.execute(query)}

    def answers(self, workshop_id: str) -> list[AnswerRecord]:
        query = (
            select(
                answers.c.participant_pk,
                answers.c.question_id,
                answers.c.value,
                answers.c.answered_at,
                answers.c.updated_at,
            )
            .join(participants, participants.c.pk == answers.c.participant_pk)
            .where(answers.c.workshop_id == workshop_id, _PRESENT)
            .order_by(answers.c.participant_pk, answers.c.question_id)
        )
        return [AnswerRecord(**row._mapping) for row in self._db.execute(query)]

    def section_counts(self, workshop_id: str, section_of: Mapping[str, str]) -> list[SectionCount]:
        """Answers per participant and section, in one grouped query (participants without
        answers come back once, with no section)."""
        # The CASE sits in a subquery: PostgreSQL would not recognise a CASE with bound
        # parameters in SELECT and in GROUP BY as the same expression.
        answered = (
            select(
                answers.c.participant_pk,
                case(dict(section_of), value=answers.c.question_id, else_=None).label(
                    "answered_section"
                ),
            )
            .where(answers.c.workshop_id == workshop_id)
            .subquery()
        )
        query = (
            select(
                *_PARTICIPANT_COLUMNS,
                answered.c.answered_section,
                func.count(answered.c.participant_pk).label("answered"),
            )
            .select_from(
                participants.outerjoin(answered, answered.c.participant_pk == participants.c.pk)
            )
            .where(participants.c.workshop_id == workshop_id, _PRESENT)
            .group_by(*_PARTICIPANT_COLUMNS, answered.c.answered_section)
            .order_by(participants.c.pk)
        )
        return [
            SectionCount(
                participant=_participant(row), section=row.answered_section, answered=row.answered
            )
            for row in self._db.execute(query)
        ]

    # --- consensus and the roadmap review -------------------------------------------

    def set_consensus(self, workshop_id: str, record: ConsensusRecord) -> None:
        values = {
            "workshop_id": workshop_id,
            "question_id": record.question_id,
            "level": record.level,
            "note": record.note,
            "moved": list(record.moved),
            "updated_at": record.updated_at,
        }
        statement = self._insert(consensus).values(**values)
        self._db.execute(
            statement.on_conflict_do_update(  # type: ignore[attr-defined]
                index_elements=[consensus.c.workshop_id, consensus.c.question_id],
                set_={
                    key: statement.excluded[key]  # type: ignore[attr-defined]
                    for key in ("level", "note", "moved", "updated_at")
                },
            )
        )

    def delete_consensus(self, workshop_id: str, question_id: str) -> None:
        self._db.execute(
            delete(consensus).where(
                consensus.c.workshop_id == workshop_id, consensus.c.question_id == question_id
            )
        )

    def consensus(self, workshop_id: str) -> list[ConsensusRecord]:
        query = (
            select(consensus)
            .where(consensus.c.workshop_id == workshop_id)
            .order_by(consensus.c.question_id)
        )
        return [
            ConsensusRecord(
                question_id=row.question_id,
                level=row.level,
                note=row.note,
                moved=tuple(row.moved),
                updated_at=row.updated_at,
            )
            for row in self._db.execute(query)
        ]

    def replace_decisions(
        self, workshop_id: str, decisions: Sequence[DecisionRecord], now: dt.datetime
    ) -> None:
        self._db.execute(
            delete(roadmap_decisions).where(roadmap_decisions.c.workshop_id == workshop_id)
        )
        if decisions:
            self._db.execute(
                insert(roadmap_decisions),
                [vars(d) | {"workshop_id": workshop_id, "updated_at": now} for d in decisions],
            )

    def decisions(self, workshop_id: str) -> list[DecisionRecord]:
        query = (
            select(
                roadmap_decisions.c.action_id,
                roadmap_decisions.c.status,
                roadmap_decisions.c.owner_role,
                roadmap_decisions.c.owner_name,
                roadmap_decisions.c.due,
                roadmap_decisions.c.position,
            )
            .where(roadmap_decisions.c.workshop_id == workshop_id)
            .order_by(roadmap_decisions.c.position)
        )
        return [DecisionRecord(**row._mapping) for row in self._db.execute(query)]

    # --- tallies and the log of wrong codes ------------------------------------------

    def hold_tallies(self, keys: Sequence[str]) -> dict[str, TallyRecord]:
        if self._db.dialect.name == "postgresql":
            # Transaction-scoped advisory locks, taken in one order (no deadlock): a key
            # is held even before its row exists, and released at commit or rollback.
            for key in sorted(set(keys)):
                self._db.execute(
                    text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key}
                )
        # SQLite: a write transaction already holds the database's only write lock.
        query = select(tallies).where(tallies.c.key.in_(list(keys)))
        return {row.key: TallyRecord(**row._mapping) for row in self._db.execute(query)}

    def save_tallies(self, records: Sequence[TallyRecord]) -> None:
        if not records:
            return
        statement = self._insert(tallies).values([vars(record) for record in records])
        self._db.execute(
            statement.on_conflict_do_update(  # type: ignore[attr-defined]
                index_elements=[tallies.c.key],
                set_={
                    key: statement.excluded[key]  # type: ignore[attr-defined]
                    for key in ("count", "first_at", "last_at")
                },
            )
        )

    def record_wrong_code(self, address_key: str, now: dt.datetime) -> None:
        self._db.execute(
            insert(join_attempts).values(
                client_key=address_key, workshop_id=None, succeeded=False, attempted_at=now
            )
        )

    def guessing_since(self, since: dt.datetime) -> Guessing:
        query = select(func.count(), func.count(distinct(join_attempts.c.client_key))).where(
            join_attempts.c.attempted_at >= since, join_attempts.c.succeeded.is_(False)
        )
        wrong, addresses = self._db.execute(query).one()
        return Guessing(int(wrong), int(addresses))

    def prune_tallies(self, before: dt.datetime) -> None:
        self._db.execute(delete(tallies).where(tallies.c.last_at < before))
        self._db.execute(delete(join_attempts).where(join_attempts.c.attempted_at < before))

    # --- codes and links that stopped working -----------------------------------------

    def retire(self, records: Sequence[RetiredRecord]) -> None:
        keys = [r.key for r in records]
        if not keys:
            return
        self._db.execute(delete(retired).where(retired.c.key.in_(keys)))
        self._db.execute(insert(retired), [vars(r) for r in records])

    def retired(self, key: str) -> RetiredRecord | None:
        row = self._db.execute(select(retired).where(retired.c.key == key)).first()
        return RetiredRecord(**row._mapping) if row else None

    def prune_retired(self, before: dt.datetime) -> None:
        self._db.execute(delete(retired).where(retired.c.retired_at < before))

    # --- helpers ----------------------------------------------------------------------

    def _insert(self, table: Any) -> Insert:
        dialect = postgresql if self._db.dialect.name == "postgresql" else sqlite
        return dialect.insert(table)


class SqlUnitOfWork:
    """A transaction on its own connection; transient failures become `TransientStoreError`."""

    def __init__(self, engine: Engine, read_only: bool = False) -> None:
        self._engine = engine
        self._read_only = read_only

    def __enter__(self) -> Self:
        """Connect and begin. Failing here is as transient as failing later: a connection
        refused (PostgreSQL restarting), the pool exhausted, or SQLite's write lock still
        held when its busy timeout ends (BEGIN IMMEDIATE waits for it)."""
        connection = None
        try:
            connection = self._engine.connect().execution_options(**{READ_ONLY: self._read_only})
            self._transaction = connection.begin()
        except (DBAPIError, PoolTimeout) as exc:
            if connection is not None:
                connection.close()
            if isinstance(exc, PoolTimeout) or is_transient(exc):
                raise TransientStoreError(str(getattr(exc, "orig", exc))) from exc
            raise
        self._connection = connection
        self.repo = SqlRepository(connection)
        return self

    def commit(self) -> None:
        self._transaction.commit()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._transaction.is_active:
                self._transaction.rollback()
        except DBAPIError:
            pass  # the connection is already gone; nothing was committed
        finally:
            self._connection.close()
        if isinstance(exc, DBAPIError) and is_transient(exc):
            raise TransientStoreError(str(exc.orig)) from exc


#: PostgreSQL error codes worth a retry besides class 08 (the connection): a
#: serialization conflict, a deadlock, a server shutting down or starting, no free slot.
TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "57P01", "57P02", "57P03", "53300"})


def is_transient(exc: DBAPIError) -> bool:
    """Worth retrying: SQLite busy or locked; on PostgreSQL, no reply from the server, a
    connection error, a conflict or a restart. Never what the same request would hit
    again — a missing table, a bad query, a constraint — which retrying would only hide
    behind "the database is not responding"."""
    if exc.connection_invalidated:
        return True
    orig = exc.orig
    sqlite_name = getattr(orig, "sqlite_errorname", None)
    if sqlite_name is not None:
        return str(sqlite_name).startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
    state = getattr(orig, "sqlstate", None)
    if state is None:  # psycopg: refused, dropped, timed out, before any server reply
        return isinstance(exc, OperationalError)
    return str(state).startswith("08") or state in TRANSIENT_SQLSTATES


def _workshop(row: Row[Any]) -> WorkshopRecord:
    values = dict(row._mapping)
    values["roles_expected"] = tuple(values["roles_expected"])
    return WorkshopRecord(**values)


def _participant(row: Any) -> ParticipantRecord:  # a Row of _PARTICIPANT_COLUMNS, or more
    return ParticipantRecord(
        **{column.name: row._mapping[column.name] for column in _PARTICIPANT_COLUMNS}
    )
