"""export journal: each export's state (reserved, signed, done, void, unconfirmed) and
the temporary file it is written to, so a crash at any point is resolved on the next run

Revision ID: 0006_export_journal
Revises: 0005_login_hardening
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_export_journal"
down_revision = "0005_login_hardening"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("package_exports", schema=None) as batch_op:
        # Every export recorded before this revision reached its final name.
        batch_op.add_column(
            sa.Column("state", sa.String(length=20), nullable=False, server_default="done")
        )
        batch_op.add_column(
            sa.Column("temp_name", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("package_exports", schema=None) as batch_op:
        batch_op.drop_column("temp_name")
        batch_op.drop_column("state")
