"""Role figures: open or protected, chosen when a workshop is created.

Workshops stored before this revision showed a role only when it had enough
participants, as protected mode does: they read as protected.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode: SQLite adds a CHECK constraint only by rebuilding the table.
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(
            sa.Column(
                "role_figures", sa.String(length=16), nullable=False, server_default="protected"
            )
        )
        batch.create_check_constraint(
            op.f("ck_workshops_role_figures"), "role_figures IN ('open', 'protected')"
        )


def downgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.drop_constraint(op.f("ck_workshops_role_figures"), type_="check")
        batch.drop_column("role_figures")
