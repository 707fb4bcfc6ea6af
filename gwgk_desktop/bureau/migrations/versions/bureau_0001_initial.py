"""the bureau database: office, stations, key registry, accepted packages with their files
and items, rejections, replay state, reporting rounds, and the full-text index

Revision ID: bureau_0001_initial
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "bureau_0001_initial"
down_revision = None
branch_labels = None
depends_on = None

# Kept literal (not imported from the app) so this migration means the same forever.
# SQLite: an FTS5 trigram index over the current items' text (kept in step by the app),
# and its vocabulary, through which a one- or two-character word finds the trigrams that
# begin with it. (PostgreSQL tests the text of the narrow item rows in listing order.)
_SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE bureau_item_fts USING fts5(search_text, content='bureau_items', "
    "content_rowid='id', tokenize='trigram case_sensitive 1')",
    "CREATE VIRTUAL TABLE bureau_item_terms USING fts5vocab(bureau_item_fts, 'row')",
)
_POSTGRESQL_SEARCH: tuple[str, ...] = ()


def _current(column: str = "current") -> dict[str, object]:
    return {"sqlite_where": sa.text(f"{column} = 1"), "postgresql_where": sa.text(column)}


def upgrade() -> None:
    op.create_table(
        "bureau_office",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bureau_office")),
    )
    op.create_table(
        "bureau_rejections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=100), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.Column("failure", sa.String(length=40), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("org_code", sa.String(length=40), nullable=True),
        sa.Column("key_id", sa.String(length=16), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bureau_rejections")),
    )
    op.create_index(op.f("ix_bureau_rejections_at"), "bureau_rejections", ["at"])
    op.create_table(
        "bureau_replay_state",
        sa.Column("org_code", sa.String(length=40), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("accepted_at", sa.String(length=40), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("org_code", name=op.f("pk_bureau_replay_state")),
    )
    op.create_table(
        "bureau_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bureau_rounds")),
        sa.UniqueConstraint("name", name=op.f("uq_bureau_rounds_name")),
    )
    op.create_table(
        "bureau_stations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("parent_unit", sa.String(length=200), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bureau_stations")),
        sa.UniqueConstraint("org_code", name=op.f("uq_bureau_stations_org_code")),
    )
    op.create_table(
        "bureau_keys",
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=20), nullable=False),
        sa.Column("org_code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("revoked_at", sa.String(length=40), nullable=True),
        sa.Column("station_id", sa.Integer(), nullable=True),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("registered_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["bureau_stations.id"],
            name=op.f("fk_bureau_keys_station_id_bureau_stations"),
        ),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_bureau_keys")),
    )
    op.create_table(
        "bureau_packages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("format_version", sa.String(length=16), nullable=False),
        sa.Column("station_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("taken_in_at", sa.DateTime(), nullable=False),
        sa.Column("taken_in_by", sa.String(length=100), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("warnings", sa.Text(), nullable=False),
        sa.Column("profile", sa.Text(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("previous_package_id", sa.String(length=36), nullable=True),
        sa.Column("previous_sha256", sa.String(length=64), nullable=True),
        sa.Column("chain_count", sa.Integer(), nullable=True),
        sa.Column("chain_head", sa.String(length=64), nullable=True),
        sa.Column("chain_from_count", sa.Integer(), nullable=True),
        sa.Column("chain_from_head", sa.String(length=64), nullable=True),
        sa.Column("continuity", sa.String(length=20), nullable=False),
        sa.Column("continuity_note", sa.Text(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["bureau_stations.id"],
            name=op.f("fk_bureau_packages_station_id_bureau_stations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bureau_packages")),
        sa.UniqueConstraint("package_id", name=op.f("uq_bureau_packages_package_id")),
        sa.UniqueConstraint("sha256", name=op.f("uq_bureau_packages_sha256")),
        sa.UniqueConstraint(
            "station_id", "sequence", name=op.f("uq_bureau_packages_station_id_sequence")
        ),
    )
    op.create_index(op.f("ix_bureau_packages_received_at"), "bureau_packages", ["received_at"])
    op.create_index(
        "uq_bureau_packages_current", "bureau_packages", ["station_id"], unique=True, **_current()
    )
    op.create_table(
        "bureau_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("index_number", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("category_code", sa.String(length=20), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("level1", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("update_due", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("problems", sa.Integer(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["bureau_packages.id"],
            name=op.f("fk_bureau_items_package_id_bureau_packages"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["bureau_stations.id"],
            name=op.f("fk_bureau_items_station_id_bureau_stations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bureau_items")),
    )
    op.create_index("ix_bureau_items_package_id", "bureau_items", ["package_id"])
    op.create_index(
        "ix_bureau_items_current_listing",
        "bureau_items",
        ["station_id", "index_number"],
        postgresql_include=["id"],
        **_current(),
    )
    op.create_table(
        "bureau_item_records",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("problem_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["bureau_items.id"],
            name=op.f("fk_bureau_item_records_item_id_bureau_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_bureau_item_records")),
    )
    op.create_table(
        "bureau_package_chunks",
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["bureau_packages.id"],
            name=op.f("fk_bureau_package_chunks_package_id_bureau_packages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("package_id", "number", name=op.f("pk_bureau_package_chunks")),
    )
    dialect = op.get_bind().dialect.name
    for ddl in _SQLITE_SEARCH if dialect == "sqlite" else _POSTGRESQL_SEARCH:
        op.execute(ddl)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE bureau_item_terms")
        op.execute("DROP TABLE bureau_item_fts")
    for table in (
        "bureau_package_chunks",
        "bureau_item_records",
        "bureau_items",
        "bureau_packages",
        "bureau_keys",
        "bureau_stations",
        "bureau_rounds",
        "bureau_replay_state",
        "bureau_rejections",
        "bureau_office",
    ):
        op.drop_table(table)
