"""The store on real databases: concurrency, migrations, deletion, SQLite settings."""

from __future__ import annotations

import datetime as dt
import random
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from cxmaturity.archive.model import Consensus, RoadmapDecision
from cxmaturity.questionnaire.model import (
    AmbitionQuestion,
    FreeTextQuestion,
    MultiChoiceQuestion,
    Question,
    RankingQuestion,
    ScoredQuestion,
)
from cxmaturity.store.engine import DEFAULT_DATABASE_URL, make_engine
from cxmaturity.store.factory import open_store
from cxmaturity.store.migrate import head_revision, upgrade
from cxmaturity.store.tables import WORKSHOP_TABLES, answers, metadata, participants
from cxmaturity.workshops.errors import InvalidJoinCode
from tests.builders import Q
from tests.test_store import opened

PARTICIPANTS = 40
PASSES = 3


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cxmaturity.db'}"
    return request.getfixturevalue("postgres_url")


def some_answer(question: Question, rng: random.Random) -> object:
    match question:
        case ScoredQuestion() | AmbitionQuestion():
            return rng.choice([1, 2, 3, 4, 5, "dk"])
        case RankingQuestion():
            order = [o.id for o in question.options]
            rng.shuffle(order)
            return order[: rng.randint(question.min_ranked, len(order))]
        case MultiChoiceQuestion():
            return rng.sample([o.id for o in question.options if not o.exclusive], k=2)
        case FreeTextQuestion():
            return f"texte {rng.random():.6f} « é » & <b>"
    return rng.choice([o.id for o in question.options])  # type: ignore[union-attr]


def test_forty_participants_answering_at_once_lose_nothing(database: str) -> None:
    """40 threads, each a participant answering every question several times in random
    order; afterwards each participant's stored answers equal their last writes."""
    store = open_store(database)
    try:
        w = opened(store)
        people = [store.workshops.join(w.code, f"phone-{i}", "cx") for i in range(PARTICIPANTS)]
        last: list[dict[str, object]] = [{} for _ in people]
        errors: list[BaseException] = []
        start = threading.Barrier(PARTICIPANTS)

        def participant(index: int) -> None:
            rng = random.Random(index)
            token = people[index].resume_token
            try:
                start.wait()
                for _ in range(PASSES):
                    questions = list(Q.questions.values())
                    rng.shuffle(questions)
                    for question in questions:
                        value = some_answer(question, rng)
                        store.workshops.answer(token, question.id, value)  # type: ignore[arg-type]
                        last[index][question.id] = value
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=participant, args=(i,)) for i in range(PARTICIPANTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert errors == []
        stored = {p.id: p.answers for p in store.workshops.archive(w.id, w.token).participants}
        by_token = {p.participant_id: last[i] for i, p in enumerate(people)}
        lost = sum(
            stored[pid].get(q) != value
            for pid, answers_ in by_token.items()
            for q, value in answers_.items()
        )
        assert lost == 0
        assert store.engine is not None
        with store.engine.connect() as connection:
            rows = connection.execute(select(func.count()).select_from(answers)).scalar_one()
        assert rows == PARTICIPANTS * len(Q.questions)  # 0 duplicated
    finally:
        store.dispose()


def test_migrations_produce_exactly_the_models_schema(database: str) -> None:
    engine = make_engine(database)
    try:
        assert upgrade(engine) == head_revision()
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
        assert upgrade(engine) == head_revision()  # idempotent
    finally:
        engine.dispose()


def test_delete_leaves_no_row_of_the_workshop_in_any_table(database: str) -> None:
    store = open_store(database)
    try:
        keep, gone = opened(store), opened(store)
        for w in (keep, gone):
            person = store.workshops.join(w.code, f"phone-{w.id}", "cx")
            store.workshops.answer(person.resume_token, Q.scored_items[0].id, 3)
            store.workshops.set_consensus(w.id, w.token, Q.scored_items[0].id, Consensus(level=3))
            review = [RoadmapDecision(action_id=Q.actions[0].id, status="accepted")]
            store.workshops.set_roadmap_review(w.id, w.token, review)
            store.workshops.new_join_code(w.id, w.token)
            with pytest.raises(InvalidJoinCode):  # the old code: a wrong code, logged
                store.workshops.join(w.code, f"late-{w.id}", "cx")

        def rows_of(workshop_id: str) -> dict[str, int]:
            assert store.engine is not None
            with store.engine.connect() as connection:
                counts = {}
                for table in WORKSHOP_TABLES:
                    column = table.c.id if table.name == "workshops" else table.c.workshop_id
                    counts[table.name] = connection.execute(
                        select(func.count()).select_from(table).where(column == workshop_id)
                    ).scalar_one()
                pks = select(participants.c.pk).where(participants.c.workshop_id == workshop_id)
                counts["answers by participant"] = connection.execute(
                    select(func.count())
                    .select_from(answers)
                    .where(answers.c.participant_pk.in_(pks))
                ).scalar_one()
                return counts

        kept = rows_of(keep.id)
        assert all(count > 0 for count in rows_of(gone.id).values())
        store.operator.delete(gone.id)
        assert set(rows_of(gone.id).values()) == {0}
        assert rows_of(keep.id) == kept
    finally:
        store.dispose()


def test_sqlite_settings(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'nested' / 'dir' / 'x.db'}")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
        assert (tmp_path / "nested" / "dir" / "x.db").exists()  # the folder is created
    finally:
        engine.dispose()


def test_the_default_database_is_a_sqlite_file_under_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert DEFAULT_DATABASE_URL == "sqlite:///data/cxmaturity.db"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CXM_DATABASE_URL", raising=False)
    store = open_store()
    store.dispose()
    assert (tmp_path / "data" / "cxmaturity.db").is_file()


def test_the_url_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CXM_DATABASE_URL", f"sqlite:///{tmp_path / 'elsewhere.db'}")
    store = open_store()
    store.dispose()
    assert (tmp_path / "elsewhere.db").is_file()


def test_postgres_urls_use_psycopg_3() -> None:
    engine = make_engine("postgresql://u@localhost/db")  # does not connect
    assert engine.url.drivername == "postgresql+psycopg"


def test_the_live_view_reads_in_a_constant_number_of_queries(database: str) -> None:
    """No N+1: the facilitator's refresh costs the same for 1 participant as for 30."""
    from sqlalchemy import event

    store = open_store(database)
    assert store.engine is not None
    statements: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    try:
        w = opened(store)
        counts = []
        for total in (1, 30):
            while store.workshops.progress(w.id, w.token).joined < total:
                person = store.workshops.join(w.code, f"phone-{len(statements)}", "cx")
                store.workshops.answer(person.resume_token, Q.scored_items[0].id, 3)
            statements.clear()
            store.workshops.progress(w.id, w.token)
            counts.append(sum(s.lstrip().upper().startswith("SELECT") for s in statements))
        # The workshop (token check), one aggregate, the removed seats, the guessing alert.
        assert counts[0] == counts[1] == 4
    finally:
        store.dispose()


def test_a_write_lock_held_past_the_busy_timeout_is_retried_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under load a writer can wait longer than SQLite's busy timeout: BEGIN IMMEDIATE then
    fails. That failure is transient like any other: retried, and when the lock never
    comes back, refused as StoreUnavailable with nothing stored — never a raw error."""
    import sqlite3

    from cxmaturity.store import engine as engine_module
    from cxmaturity.workshops.errors import StoreUnavailable

    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "locked.db"
    store = open_store(f"sqlite:///{path}")
    try:
        w = opened(store)
        token = store.workshops.join(w.code, "c", "ceo").resume_token
        item = Q.scored_items[0].id
        holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")  # another writer, holding on
        with pytest.raises(StoreUnavailable):
            store.workshops.answer(token, item, 3)
        release = threading.Timer(0.3, holder.execute, args=("COMMIT",))
        release.start()
        store.workshops.answer(token, item, 4)  # waits out the lock through the retries
        release.join()
        holder.close()
        assert store.workshops.resume(token).answers == {item: 4}
    finally:
        store.dispose()


def test_a_participant_page_reads_without_the_write_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every rerun of a participant's page resumes from the link. That read must not queue
    behind writers: with another connection holding SQLite's write lock, the page still
    loads — even when "last seen" is due for its refresh (LAST_SEEN_RESOLUTION), which
    is tried once and then waits for a later rerun."""
    import sqlite3

    from sqlalchemy import event

    from cxmaturity.store import engine as engine_module
    from cxmaturity.workshops.limits import LAST_SEEN_RESOLUTION

    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "busy.db"
    now = [dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)]
    store = open_store(f"sqlite:///{path}", clock=lambda: now[0])
    assert store.engine is not None

    def last_seen() -> dt.datetime:
        with store.engine.connect() as connection:  # type: ignore[union-attr]
            value = connection.execute(select(participants.c.last_seen_at)).scalar_one()
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value

    try:
        w = opened(store)
        token = store.workshops.join(w.code, "c", "ceo").resume_token
        item = Q.scored_items[0].id
        store.workshops.answer(token, item, 3)
        joined = last_seen()
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another writer, holding on
        assert store.workshops.resume(token).answers == {item: 3}
        now[0] += LAST_SEEN_RESOLUTION
        writes: list[str] = []
        event.listen(
            store.engine,
            "before_cursor_execute",
            lambda *args: writes.append(args[2]) if args[2] == "BEGIN IMMEDIATE" else None,
        )
        assert store.workshops.resume(token).answers == {item: 3}
        assert writes == ["BEGIN IMMEDIATE"]  # tried once, not waited out through retries
        holder.execute("COMMIT")
        holder.close()
        assert last_seen() == joined  # the refresh could not be written...
        store.workshops.resume(token)
        assert last_seen() == now[0]  # ...and the next rerun wrote it
    finally:
        store.dispose()


def test_only_failures_worth_a_retry_are_retried(
    database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing table used to be retried six times, then reported as "the database is
    not responding". Real errors from each back end, classified."""
    from sqlalchemy.exc import DBAPIError

    from cxmaturity.store.sql import is_transient

    def failure(url: str, statement: str) -> DBAPIError:
        engine = make_engine(url)
        try:
            with engine.connect() as connection:
                connection.execute(text(statement))
        except DBAPIError as exc:
            return exc
        finally:
            engine.dispose()
        raise AssertionError(f"{statement} did not fail")

    assert not is_transient(failure(database, "SELECT * FROM no_such_table"))
    assert not is_transient(failure(database, "SELEC 1"))
    if database.startswith("sqlite"):
        import sqlite3

        from cxmaturity.store import engine as engine_module

        path = tmp_path / "held.db"
        sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
        monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 20)
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")  # another writer holds the file
        try:
            assert is_transient(failure(f"sqlite:///{path}", "INSERT INTO t VALUES (1)"))
        finally:
            holder.close()
    else:
        refused = "postgresql+psycopg://postgres@127.0.0.1:9/test"  # nothing listens there
        engine = make_engine(refused)
        try:
            with pytest.raises(DBAPIError) as caught:
                engine.connect()
        finally:
            engine.dispose()
        assert is_transient(caught.value)


def test_upgrading_an_old_database_keeps_every_answer(tmp_path: Path) -> None:
    """0002 and 0003 rebuild tables on SQLite (copy, drop, rename): with foreign keys on,
    the drop would cascade and delete every answer. A database at 0001 holding a
    workshop, a participant and answers comes through whole."""
    from alembic import command
    from sqlalchemy import text

    from cxmaturity.store.migrate import alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0001")
            now = "2026-11-01 09:00:00+00:00"
            connection.execute(
                text(
                    "INSERT INTO workshops VALUES ('w1', 'Old SA', '2026-11-01', 'fr', :q, :v, 3,"
                    " 'anonymous', '[]', 'revealed', 'digest', NULL, NULL, 0, :now, :now)"
                ),
                {"q": Q.id, "v": Q.version, "now": now},
            )
            connection.execute(
                text(
                    "INSERT INTO participants VALUES (1, 'w1', 'p1', 'cx', NULL, NULL, 'import',"
                    " 0, :now, :now)"
                ),
                {"now": now},
            )
            for item in Q.scored_items[:5]:
                connection.execute(
                    text("INSERT INTO answers VALUES (1, :item, 'w1', '3', :now, :now)"),
                    {"item": item.id, "now": now},
                )
        assert upgrade(engine) == head_revision()
        with engine.connect() as connection:
            counts = [
                connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()  # noqa: S608
                for table in ("workshops", "participants", "answers")
            ]
            foreign_keys = connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one()
        assert counts == [1, 1, 5]
        assert foreign_keys == 1  # back on for the app's connections
    finally:
        engine.dispose()
