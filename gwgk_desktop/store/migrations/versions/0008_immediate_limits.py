"""immediate time limits: 法定期限 and 承诺期限 may be 即时办结 (handled on the spot)

Revision ID: 0008_immediate_limits
Revises: 0007_item_text_index
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_immediate_limits"
down_revision = "0007_item_text_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("licensing_guides", schema=None) as batch_op:
        for name in ("legal_limit_immediate", "promised_limit_immediate"):
            batch_op.add_column(
                sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())
            )


def downgrade() -> None:
    with op.batch_alter_table("licensing_guides", schema=None) as batch_op:
        batch_op.drop_column("promised_limit_immediate")
        batch_op.drop_column("legal_limit_immediate")
