"""Initial schema: workshops, participants, answers, consensus, roadmap decisions, join attempts.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Timestamps are stored timezone-aware (cxmaturity.store.tables.UtcDateTime wraps this type).
Timestamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("workshop_date", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("questionnaire_id", sa.String(length=64), nullable=False),
        sa.Column("questionnaire_version", sa.Integer(), nullable=False),
        sa.Column("min_group_size", sa.Integer(), nullable=False),
        sa.Column("anonymity", sa.String(length=16), nullable=False),
        sa.Column("roles_expected", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("facilitator_token_hash", sa.String(length=64), nullable=False),
        sa.Column("join_code", sa.String(length=8), nullable=True),
        sa.Column("join_code_expires_at", Timestamp, nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("updated_at", Timestamp, nullable=False),
        sa.CheckConstraint(
            "anonymity IN ('anonymous', 'alias', 'named')", name=op.f("ck_workshops_anonymity")
        ),
        sa.CheckConstraint("language IN ('fr', 'en')", name=op.f("ck_workshops_language")),
        sa.CheckConstraint(
            "status IN ('draft', 'open', 'revealed', 'closed')", name=op.f("ck_workshops_status")
        ),
        sa.CheckConstraint("min_group_size >= 1", name=op.f("ck_workshops_min_group_size")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshops")),
        sa.UniqueConstraint("join_code", name=op.f("uq_workshops_join_code")),
    )
    op.create_table(
        "participants",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("workshop_id", sa.String(length=32), nullable=False),
        sa.Column("public_id", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=64), nullable=False),
        sa.Column("alias", sa.String(length=80), nullable=True),
        sa.Column("resume_token_hash", sa.String(length=64), nullable=True),
        sa.Column("entered_by", sa.String(length=16), nullable=False),
        sa.Column("section", sa.Integer(), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("last_seen_at", Timestamp, nullable=False),
        sa.CheckConstraint(
            "entered_by IN ('self', 'facilitator', 'import')",
            name=op.f("ck_participants_entered_by"),
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_participants_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_participants")),
        sa.UniqueConstraint("resume_token_hash", name=op.f("uq_participants_resume_token_hash")),
        sa.UniqueConstraint("workshop_id", "public_id", name="uq_participants_workshop_public_id"),
    )
    op.create_index(op.f("ix_participants_workshop_id"), "participants", ["workshop_id"])
    op.create_table(
        "answers",
        sa.Column("participant_pk", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("workshop_id", sa.String(length=32), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("answered_at", Timestamp, nullable=False),
        sa.Column("updated_at", Timestamp, nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_pk"],
            ["participants.pk"],
            name=op.f("fk_answers_participant_pk_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_answers_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_pk", "question_id", name=op.f("pk_answers")),
    )
    op.create_index(op.f("ix_answers_workshop_id"), "answers", ["workshop_id"])
    op.create_table(
        "consensus",
        sa.Column("workshop_id", sa.String(length=32), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("moved", sa.JSON(), nullable=False),
        sa.Column("updated_at", Timestamp, nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 5", name=op.f("ck_consensus_level")),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_consensus_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workshop_id", "question_id", name=op.f("pk_consensus")),
    )
    op.create_table(
        "roadmap_decisions",
        sa.Column("workshop_id", sa.String(length=32), nullable=False),
        sa.Column("action_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("owner_role", sa.String(length=64), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("updated_at", Timestamp, nullable=False),
        sa.CheckConstraint(
            "status IN ('accepted', 'dropped')", name=op.f("ck_roadmap_decisions_status")
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_roadmap_decisions_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workshop_id", "action_id", name=op.f("pk_roadmap_decisions")),
    )
    op.create_table(
        "join_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("client_key", sa.String(length=128), nullable=False),
        sa.Column("workshop_id", sa.String(length=32), nullable=True),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.Column("attempted_at", Timestamp, nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_join_attempts_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_join_attempts")),
    )
    op.create_index(
        "ix_join_attempts_client_key_attempted_at", "join_attempts", ["client_key", "attempted_at"]
    )
    op.create_index(
        "ix_join_attempts_workshop_id_attempted_at",
        "join_attempts",
        ["workshop_id", "attempted_at"],
    )


def downgrade() -> None:
    op.drop_table("join_attempts")
    op.drop_table("roadmap_decisions")
    op.drop_table("consensus")
    op.drop_table("answers")
    op.drop_table("participants")
    op.drop_table("workshops")
