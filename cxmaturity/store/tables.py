"""The database schema, as SQLAlchemy Core tables. Alembic migrations must produce exactly this.

Every row of a workshop's data belongs to one workshop, and every such table but the
workshops themselves reaches its workshop through a foreign key with ON DELETE CASCADE:
deleting a workshop removes all of it, and queries are always scoped by workshop. The
join gate's tallies and log belong to browsers and addresses, not to a workshop.
Lengths and allowed values come from the domain (`cxmaturity.workshops`), defined once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from cxmaturity.archive.model import DECISION_STATUSES
from cxmaturity.localized import LANGS
from cxmaturity.workshops.identity import ANONYMITY_MODES, ENTERED_BY
from cxmaturity.workshops.lifecycle import STATUSES
from cxmaturity.workshops.limits import ALIAS_LIMIT, ORGANISATION_LIMIT, OWNER_NAME_LIMIT
from cxmaturity.workshops.retired import RETIRED_REASONS
from cxmaturity.workshops.role_figures import MODES

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ROLE_FIGURES_MODES = MODES


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Timestamps are stored in UTC and always come back timezone-aware.

    SQLite has no timezone type: without this, values would come back naive.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass a timezone-aware UTC time")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


workshops = Table(
    "workshops",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("organisation", String(ORGANISATION_LIMIT), nullable=False),
    Column("workshop_date", Date, nullable=False),
    Column("language", String(2), nullable=False),
    Column("questionnaire_id", String(64), nullable=False),
    Column("questionnaire_version", Integer, nullable=False),
    Column("min_group_size", Integer, nullable=False),
    # Workshops stored before the column existed showed roles as protected mode does.
    Column("role_figures", String(16), nullable=False, server_default="protected"),
    Column("anonymity", String(16), nullable=False),
    Column("roles_expected", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    Column("facilitator_token_hash", String(64), nullable=False),
    Column("join_code", String(8), nullable=True, unique=True),
    Column("join_code_expires_at", UtcDateTime, nullable=True),
    Column("revision", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("owner", String(255), nullable=True, index=True),
    CheckConstraint(f"status IN {STATUSES}", name="status"),
    CheckConstraint(f"anonymity IN {ANONYMITY_MODES}", name="anonymity"),
    CheckConstraint(f"role_figures IN {ROLE_FIGURES_MODES}", name="role_figures"),
    CheckConstraint(f"language IN {LANGS}", name="language"),
    CheckConstraint("min_group_size >= 1", name="min_group_size"),
)

participants = Table(
    "participants",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column(
        "workshop_id",
        String(32),
        ForeignKey("workshops.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("public_id", String(64), nullable=False),
    Column("role", String(64), nullable=False),
    Column("alias", String(ALIAS_LIMIT), nullable=True),
    Column("resume_token_hash", String(64), nullable=True, unique=True),
    Column("entered_by", String(16), nullable=False),
    Column("section", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=False),
    Column("browser_hash", String(64), nullable=True),
    Column("removed_at", UtcDateTime, nullable=True),
    UniqueConstraint("workshop_id", "public_id", name="uq_participants_workshop_public_id"),
    # One seat per browser, even with two replicas joining at once (NULLs never clash).
    UniqueConstraint("workshop_id", "browser_hash", name="uq_participants_workshop_browser"),
    CheckConstraint(f"entered_by IN {ENTERED_BY}", name="entered_by"),
)

answers = Table(
    "answers",
    metadata,
    Column(
        "participant_pk",
        Integer,
        ForeignKey("participants.pk", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("question_id", String(64), primary_key=True),
    Column(
        "workshop_id",
        String(32),
        ForeignKey("workshops.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("value", JSON, nullable=False),
    Column("answered_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

consensus = Table(
    "consensus",
    metadata,
    Column(
        "workshop_id",
        String(32),
        ForeignKey("workshops.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("question_id", String(64), primary_key=True),
    Column("level", Integer, nullable=False),
    Column("note", Text, nullable=False),
    Column("moved", JSON, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    CheckConstraint("level BETWEEN 1 AND 5", name="level"),
)

roadmap_decisions = Table(
    "roadmap_decisions",
    metadata,
    Column(
        "workshop_id",
        String(32),
        ForeignKey("workshops.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("action_id", String(64), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("owner_role", String(64), nullable=True),
    Column("owner_name", String(OWNER_NAME_LIMIT), nullable=True),
    Column("due", Date, nullable=True),
    Column("position", Integer, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    CheckConstraint(f"status IN {DECISION_STATUSES}", name="status"),
)

join_attempts = Table(
    "join_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_key", String(128), nullable=False),
    Column(
        "workshop_id",
        String(32),
        ForeignKey("workshops.id", ondelete="CASCADE"),
        nullable=True,
    ),
    Column("succeeded", Boolean, nullable=False),
    Column("attempted_at", UtcDateTime, nullable=False),
    Index("ix_join_attempts_client_key_attempted_at", "client_key", "attempted_at"),
    Index("ix_join_attempts_workshop_id_attempted_at", "workshop_id", "attempted_at"),
    Index("ix_join_attempts_attempted_at", "attempted_at"),  # pruning, the guessing alert
)

tallies = Table(
    "tallies",
    metadata,
    Column("key", String(160), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("first_at", UtcDateTime, nullable=False),
    Column("last_at", UtcDateTime, nullable=False, index=True),
)

#: Codes and links that stopped working, and why: a key, a reason, a date (no names).
retired = Table(
    "retired",
    metadata,
    Column("key", String(160), primary_key=True),
    Column("reason", String(16), nullable=False),
    Column("retired_at", UtcDateTime, nullable=False, index=True),
    CheckConstraint(f"reason IN {RETIRED_REASONS}", name="reason"),
)

#: Tables holding a workshop's data; `delete` must leave none of its rows in any of them.
WORKSHOP_TABLES = (workshops, participants, answers, consensus, roadmap_decisions)
