"""Codes and links that stopped working; the named owner of a roadmap action.

- retired: a closed workshop's code, a replaced code or facilitator link, the ways into
  a deleted workshop — key, reason, date — so that the refusal says which
  (`cxmaturity.workshops.retired`).
- roadmap_decisions.owner_name: the person who owns an action, beside the role.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# As in 0001: migrations hold their own copy of the schema, never the current tables.
Timestamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "retired",
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("retired_at", Timestamp, nullable=False),
        sa.CheckConstraint(
            "reason IN ('closed', 'replaced', 'deleted')", name=op.f("ck_retired_reason")
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_retired")),
    )
    op.create_index(op.f("ix_retired_retired_at"), "retired", ["retired_at"])
    with op.batch_alter_table("roadmap_decisions") as batch:
        batch.add_column(sa.Column("owner_name", sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("roadmap_decisions") as batch:
        batch.drop_column("owner_name")
    op.drop_index(op.f("ix_retired_retired_at"), table_name="retired")
    op.drop_table("retired")
