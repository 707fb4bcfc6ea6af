"""the item filter's trigram index: FTS5 over item_search, kept in step by triggers, built
from the texts already there

Revision ID: 0007_item_text_index
Revises: 0006_export_journal
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0007_item_text_index"
down_revision = "0006_export_journal"
branch_labels = None
depends_on = None

# Kept literal (not imported from store.item_text) so this migration means the same forever;
# tests/store/test_migrations.py checks that a new database gets the same objects.
_CREATE = (
    "CREATE VIRTUAL TABLE item_text USING fts5(text, content='', columnsize=0, "
    "tokenize='trigram case_sensitive 1', detail=full)",
    "CREATE VIRTUAL TABLE item_text_terms USING fts5vocab(item_text, 'row')",
    "CREATE TRIGGER item_search_text_insert AFTER INSERT ON item_search BEGIN "
    "INSERT INTO item_text(rowid, text) VALUES (new.item_id, new.text || char(10, 10)); END",
    "CREATE TRIGGER item_search_text_delete AFTER DELETE ON item_search BEGIN "
    "INSERT INTO item_text(item_text, rowid, text) "
    "VALUES ('delete', old.item_id, old.text || char(10, 10)); END",
    "CREATE TRIGGER item_search_text_update AFTER UPDATE OF text, item_id ON item_search BEGIN "
    "INSERT INTO item_text(item_text, rowid, text) "
    "VALUES ('delete', old.item_id, old.text || char(10, 10)); "
    "INSERT INTO item_text(rowid, text) VALUES (new.item_id, new.text || char(10, 10)); END",
    # The texts already there.
    "INSERT INTO item_text(rowid, text) SELECT item_id, text || char(10, 10) FROM item_search",
)
_TRIGGERS = ("item_search_text_insert", "item_search_text_delete", "item_search_text_update")


def upgrade() -> None:
    for statement in _CREATE:
        op.execute(statement)


def downgrade() -> None:
    for trigger in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS item_text_terms")
    op.execute("DROP TABLE IF EXISTS item_text")
