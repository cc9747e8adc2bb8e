"""Bring a database to the current schema with Alembic — on `make run` and on every start.

Several app replicas may start at once against one PostgreSQL database: an advisory lock
makes them take turns, so the migration runs once and the others find it done.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

MIGRATIONS = Path(__file__).with_name("migrations")
_ADVISORY_LOCK = 0x43584D  # "CXM"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships a migration
        raise RuntimeError("no migration found")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> str:
    """Apply pending migrations; return the revision the database is now at."""
    head = head_revision()
    if current_revision(engine) == head:
        return head
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # before any transaction: SQLite ignores this pragma inside one
            _sqlite_foreign_keys(connection, on=False)
        try:
            with connection.begin():
                if not sqlite:
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK}
                    )
                command.upgrade(alembic_config(connection), "head")
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:  # rolled back: the database stays as it was
                        raise RuntimeError(f"migration broke {len(broken)} foreign keys")
        finally:
            if sqlite:
                _sqlite_foreign_keys(connection, on=True)
    return head


def _sqlite_foreign_keys(connection: Connection, on: bool) -> None:
    """SQLite alters a table by copying it and dropping the old one; with foreign keys
    on, that drop cascades — `ON DELETE CASCADE` would delete every answer of every
    participant. Off while migrating (and checked after), as SQLite's own ALTER TABLE
    procedure asks; back on for the pooled connection's next user."""
    raw = connection.connection.dbapi_connection
    if raw is None:  # pragma: no cover - an open connection always has one
        raise RuntimeError("no database connection")
    raw.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
