"""Alembic environment: always driven from code (``store.migrate``) with a live connection.

Batch mode is on because SQLite cannot ALTER most things in place; foreign keys are off for
the duration (set by the caller outside the transaction) so batch table copies don't cascade.
"""

from __future__ import annotations

from alembic import context

from gwgk_desktop.store.migrate import include_name
from gwgk_desktop.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable from the alembic command line
    raise RuntimeError("run migrations through gwgk_desktop.store.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
