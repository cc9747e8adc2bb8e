"""Seats, owners and the join gate's tallies.

- participants.browser_hash: the browser holding a self-joined seat, unique per
  workshop (one seat per browser); participants.removed_at: a seat the facilitator
  removed, kept so that the removal is on record and the browser is not seated again.
- workshops.owner: the signed-in facilitator who created it (hosted servers).
- tallies: wrong join codes per browser and per address, and workshops created per
  address and per facilitator, counted under a row lock; join_attempts becomes the log
  of wrong codes (the facilitator's guessing alert), pruned by time.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# As in 0001: migrations hold their own copy of the schema, never the current tables.
Timestamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("browser_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("removed_at", Timestamp, nullable=True))
        batch.create_unique_constraint(
            "uq_participants_workshop_browser", ["workshop_id", "browser_hash"]
        )
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("owner", sa.String(length=255), nullable=True))
        batch.create_index(op.f("ix_workshops_owner"), ["owner"])
    op.create_table(
        "tallies",
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("first_at", Timestamp, nullable=False),
        sa.Column("last_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_tallies")),
    )
    op.create_index(op.f("ix_tallies_last_at"), "tallies", ["last_at"])
    op.create_index("ix_join_attempts_attempted_at", "join_attempts", ["attempted_at"])


def downgrade() -> None:
    op.drop_index("ix_join_attempts_attempted_at", table_name="join_attempts")
    op.drop_index(op.f("ix_tallies_last_at"), table_name="tallies")
    op.drop_table("tallies")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_index(op.f("ix_workshops_owner"))
        batch.drop_column("owner")
    with op.batch_alter_table("participants") as batch:
        batch.drop_constraint("uq_participants_workshop_browser", type_="unique")
        batch.drop_column("removed_at")
        batch.drop_column("browser_hash")
