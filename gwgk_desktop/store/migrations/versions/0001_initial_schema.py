"""initial schema: station, operators, reference data, items and revisions, search text,
flowcharts, attachments, workflow transitions, audit log

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("operator_name", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("entity", sa.String(length=50), nullable=False),
        sa.Column("entity_uuid", sa.String(length=64), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_log_hash")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_entity", ["entity", "entity_uuid"], unique=False)

    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blobs")),
    )
    op.create_table(
        "categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("lead_unit", sa.String(length=200), nullable=False),
        sa.Column("responsible_unit", sa.String(length=200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_categories")),
        sa.UniqueConstraint("code", name=op.f("uq_categories_code")),
    )
    op.create_table(
        "channels",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_channels")),
    )
    op.create_table(
        "index_counters",
        sa.Column("org_code", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("org_code", "year", name=op.f("pk_index_counters")),
    )
    op.create_table(
        "operators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operators")),
        sa.UniqueConstraint("username", name=op.f("uq_operators_username")),
    )
    op.create_table(
        "reference_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("issued_by", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=50), nullable=False),
        sa.Column("installed_at", sa.DateTime(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_templates")),
    )
    op.create_table(
        "stages",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_stages")),
    )
    op.create_table(
        "station",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("org_code", sa.String(length=20), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("parent_unit", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("office_hours", sa.String(length=500), nullable=False),
        sa.Column("phone", sa.String(length=100), nullable=False),
        sa.Column("complaint_phone", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station")),
    )
    op.create_table(
        "items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("index_number", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("deleted_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["operators.id"], name=op.f("fk_items_created_by_id_operators")
        ),
        sa.ForeignKeyConstraint(
            ["deleted_by_id"], ["operators.id"], name=op.f("fk_items_deleted_by_id_operators")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_items")),
        sa.UniqueConstraint("index_number", name=op.f("uq_items_index_number")),
        sa.UniqueConstraint("uuid", name=op.f("uq_items_uuid")),
    )
    op.create_table(
        "item_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("is_head", sa.Boolean(), nullable=False),
        sa.Column("superseded", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("level1", sa.String(length=200), nullable=False),
        sa.Column("level2", sa.String(length=200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("time_limit", sa.String(length=500), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("channels", sa.Text(), nullable=False),
        sa.Column("audience", sa.String(length=20), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("lead_unit", sa.String(length=500), nullable=False),
        sa.Column("responsible_unit", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("generated_date", sa.Date(), nullable=True),
        sa.Column("doc_number", sa.String(length=500), nullable=False),
        sa.Column("validity", sa.String(length=20), nullable=False),
        sa.Column("topic", sa.String(length=500), nullable=False),
        sa.Column("publisher", sa.String(length=500), nullable=False),
        sa.Column("update_due", sa.Date(), nullable=True),
        sa.Column("fee_standard", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("submitted_by_id", sa.Integer(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["categories.id"],
            name=op.f("fk_item_revisions_category_id_categories"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
            name=op.f("fk_item_revisions_item_id_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"],
            ["operators.id"],
            name=op.f("fk_item_revisions_submitted_by_id_operators"),
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["operators.id"],
            name=op.f("fk_item_revisions_updated_by_id_operators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_revisions")),
        sa.UniqueConstraint("item_id", "revision", name=op.f("uq_item_revisions_item_id_revision")),
    )
    with op.batch_alter_table("item_revisions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_item_revisions_head_listing",
            ["category_id", "status", "level", "update_due", "item_id"],
            unique=False,
            sqlite_where=sa.text("is_head = 1"),
        )
        batch_op.create_index(
            "uq_item_revisions_head", ["item_id"], unique=True, sqlite_where=sa.text("is_head = 1")
        )

    op.create_table(
        "item_search",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_item_search_item_id_items"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_item_search")),
    )
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["item_revisions.id"],
            name=op.f("fk_attachments_revision_id_item_revisions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sha256"], ["blobs.sha256"], name=op.f("fk_attachments_sha256_blobs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attachments_revision_id"), ["revision_id"], unique=False
        )

    op.create_table(
        "fee_links",
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("fee_item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fee_item_id"],
            ["items.id"],
            name=op.f("fk_fee_links_fee_item_id_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["item_revisions.id"],
            name=op.f("fk_fee_links_revision_id_item_revisions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("revision_id", "fee_item_id", name=op.f("pk_fee_links")),
    )
    op.create_table(
        "flowcharts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["item_revisions.id"],
            name=op.f("fk_flowcharts_revision_id_item_revisions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flowcharts")),
        sa.UniqueConstraint("revision_id", name=op.f("uq_flowcharts_revision_id")),
    )
    op.create_table(
        "licensing_guides",
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("item_code", sa.String(length=100), nullable=False),
        sa.Column("department", sa.String(length=500), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("procedure", sa.Text(), nullable=False),
        sa.Column("legal_limit_days", sa.Integer(), nullable=True),
        sa.Column("promised_limit_days", sa.Integer(), nullable=True),
        sa.Column("fee_text", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("hours", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=100), nullable=False),
        sa.Column("complaint_phone", sa.String(length=100), nullable=False),
        sa.Column("faq", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["item_revisions.id"],
            name=op.f("fk_licensing_guides_revision_id_item_revisions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("revision_id", name=op.f("pk_licensing_guides")),
    )
    op.create_table(
        "materials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(length=20), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("sample_sha256", sa.String(length=64), nullable=True),
        sa.Column("sample_filename", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["item_revisions.id"],
            name=op.f("fk_materials_revision_id_item_revisions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sample_sha256"], ["blobs.sha256"], name=op.f("fk_materials_sample_sha256_blobs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_materials")),
    )
    with op.batch_alter_table("materials", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_materials_revision_id"), ["revision_id"], unique=False)

    op.create_table(
        "transitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=False),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("operator_name", sa.String(length=100), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["operators.id"], name=op.f("fk_transitions_operator_id_operators")
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["item_revisions.id"],
            name=op.f("fk_transitions_revision_id_item_revisions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transitions")),
    )
    with op.batch_alter_table("transitions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transitions_revision_id"), ["revision_id"], unique=False
        )

    op.create_table(
        "flow_nodes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("flowchart_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("post", sa.String(length=200), nullable=False),
        sa.Column("time_limit_days", sa.Integer(), nullable=True),
        sa.Column("x", sa.Float(), nullable=False),
        sa.Column("y", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["flowchart_id"],
            ["flowcharts.id"],
            name=op.f("fk_flow_nodes_flowchart_id_flowcharts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flow_nodes")),
        sa.UniqueConstraint("flowchart_id", "key", name=op.f("uq_flow_nodes_flowchart_id_key")),
    )
    op.create_table(
        "flow_edges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("flowchart_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source_key", sa.String(length=40), nullable=False),
        sa.Column("target_key", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["flowchart_id", "source_key"],
            ["flow_nodes.flowchart_id", "flow_nodes.key"],
            name="fk_flow_edges_source_flow_nodes",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["flowchart_id", "target_key"],
            ["flow_nodes.flowchart_id", "flow_nodes.key"],
            name="fk_flow_edges_target_flow_nodes",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["flowchart_id"],
            ["flowcharts.id"],
            name=op.f("fk_flow_edges_flowchart_id_flowcharts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flow_edges")),
        sa.UniqueConstraint("flowchart_id", "key", name=op.f("uq_flow_edges_flowchart_id_key")),
    )


def downgrade() -> None:
    op.drop_table("flow_edges")
    op.drop_table("flow_nodes")
    with op.batch_alter_table("transitions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transitions_revision_id"))

    op.drop_table("transitions")
    with op.batch_alter_table("materials", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_materials_revision_id"))

    op.drop_table("materials")
    op.drop_table("licensing_guides")
    op.drop_table("flowcharts")
    op.drop_table("fee_links")
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_revision_id"))

    op.drop_table("attachments")
    op.drop_table("item_search")
    with op.batch_alter_table("item_revisions", schema=None) as batch_op:
        batch_op.drop_index("uq_item_revisions_head", sqlite_where=sa.text("is_head = 1"))
        batch_op.drop_index("ix_item_revisions_head_listing", sqlite_where=sa.text("is_head = 1"))

    op.drop_table("item_revisions")
    op.drop_table("items")
    op.drop_table("station")
    op.drop_table("stages")
    op.drop_table("reference_templates")
    op.drop_table("operators")
    op.drop_table("index_counters")
    op.drop_table("channels")
    op.drop_table("categories")
    op.drop_table("blobs")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_entity")

    op.drop_table("audit_log")
