"""signed submission packages: station keys (sealed), bureau keys, export history

Revision ID: 0003_package
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_package"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "station_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("algorithm", sa.String(length=20), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("sealed", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station_keys")),
        sa.UniqueConstraint("key_id", name=op.f("uq_station_keys_key_id")),
    )
    with op.batch_alter_table("station_keys", schema=None) as batch_op:
        batch_op.create_index(
            "uq_station_keys_active",
            ["status"],
            unique=True,
            sqlite_where=sa.text("status = 'active'"),
        )
    op.create_table(
        "bureau_keys",
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_bureau_keys")),
    )
    op.create_table(
        "package_exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("operator_name", sa.String(length=100), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("previous_sha256", sa.String(length=64), nullable=True),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operators.id"],
            name=op.f("fk_package_exports_operator_id_operators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_exports")),
        sa.UniqueConstraint("sequence", name=op.f("uq_package_exports_sequence")),
    )


def downgrade() -> None:
    op.drop_table("package_exports")
    op.drop_table("bureau_keys")
    with op.batch_alter_table("station_keys", schema=None) as batch_op:
        batch_op.drop_index("uq_station_keys_active", sqlite_where=sa.text("status = 'active'"))
    op.drop_table("station_keys")
