"""依申请公开: the request register with its steps, local working-day calendars, the
annual report's entered figures

Revision ID: 0004_disclosure_requests
Revises: 0003_package
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_disclosure_requests"
down_revision = "0003_package"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_years",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("holidays", sa.Text(), nullable=False),
        sa.Column("workdays", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_calendar_years")),
    )
    op.create_table(
        "annual_reports",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("entered", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_annual_reports")),
    )
    op.create_table(
        "request_clock_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("calendar_sha256", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_clock_state")),
    )
    op.create_table(
        "disclosure_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("received", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("oral", sa.Boolean(), nullable=False),
        sa.Column("applicant_type", sa.String(length=20), nullable=False),
        sa.Column("applicant", sa.String(length=200), nullable=False),
        sa.Column("id_number", sa.String(length=200), nullable=False),
        sa.Column("agent", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("postcode", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("doc_number", sa.String(length=200), nullable=False),
        sa.Column("form", sa.String(length=20), nullable=False),
        sa.Column("delivery", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("correction_due", sa.Date(), nullable=True),
        sa.Column("answered", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("extended", sa.Boolean(), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("registered_by_id", sa.Integer(), nullable=True),
        sa.Column("registered_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["registered_by_id"],
            ["operators.id"],
            name=op.f("fk_disclosure_requests_registered_by_id_operators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disclosure_requests")),
        sa.UniqueConstraint("number", name=op.f("uq_disclosure_requests_number")),
        sa.UniqueConstraint("uuid", name=op.f("uq_disclosure_requests_uuid")),
        sa.UniqueConstraint("year", "serial", name=op.f("uq_disclosure_requests_year_serial")),
    )
    with op.batch_alter_table("disclosure_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_disclosure_requests_open_due",
            ["due", "correction_due"],
            unique=False,
            sqlite_where=sa.text("status != 'answered'"),
        )
        batch_op.create_index("ix_disclosure_requests_received", ["received"], unique=False)
    op.create_table(
        "request_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=200), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("operator_name", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operators.id"],
            name=op.f("fk_request_steps_operator_id_operators"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["disclosure_requests.id"],
            name=op.f("fk_request_steps_request_id_disclosure_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_steps")),
        sa.UniqueConstraint(
            "request_id", "position", name=op.f("uq_request_steps_request_id_position")
        ),
    )


def downgrade() -> None:
    op.drop_table("request_steps")
    with op.batch_alter_table("disclosure_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_disclosure_requests_received")
        batch_op.drop_index(
            "ix_disclosure_requests_open_due", sqlite_where=sa.text("status != 'answered'")
        )
    op.drop_table("disclosure_requests")
    op.drop_table("request_clock_state")
    op.drop_table("annual_reports")
    op.drop_table("calendar_years")
