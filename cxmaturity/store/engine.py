"""One engine factory for both back ends: a SQLite file on a laptop, PostgreSQL when hosted.

SQLite: WAL so readers never wait for the writer, a busy timeout so concurrent writers
queue instead of failing, foreign keys on (SQLite leaves them off by default), and write
transactions that take the write lock up front (BEGIN IMMEDIATE) so a busy database makes
them wait rather than fail half-way. PostgreSQL: psycopg 3, with connections checked
before use so a database restart costs a reconnect, not an error.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

DEFAULT_DATABASE_URL = "sqlite:///data/cxmaturity.db"
SQLITE_BUSY_TIMEOUT_MS = 10_000
#: Execution option marking a read-only unit of work (SQLite: a deferred transaction).
READ_ONLY = "cxm_read_only"


def database_url() -> str:
    """`CXM_DATABASE_URL`, or the embedded SQLite file."""
    return os.environ.get("CXM_DATABASE_URL") or DEFAULT_DATABASE_URL


def make_engine(url: str | URL | None = None) -> Engine:
    parsed = make_url(url or database_url())
    if parsed.drivername in {"postgres", "postgresql"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=20)
    raise ValueError(
        f"unsupported database {parsed.get_backend_name()!r}: use SQLite or PostgreSQL"
    )


def _sqlite_engine(url: URL) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine
