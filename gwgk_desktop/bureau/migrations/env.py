"""Alembic environment of the bureau database: always driven from code
(``bureau.migrate``) with a live connection, SQLite or PostgreSQL.

On SQLite batch mode is on (it cannot ALTER most things in place) and foreign keys are off
for the duration (set by the caller outside the transaction). The version is kept in its
own table, so a PostgreSQL database shared with other software never mixes histories.
"""

from __future__ import annotations

from alembic import context

from gwgk_desktop.bureau.models import BureauBase

VERSION_TABLE = "bureau_alembic_version"

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable from the alembic command line
    raise RuntimeError("run migrations through gwgk_desktop.bureau.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=BureauBase.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    version_table=VERSION_TABLE,
)
with context.begin_transaction():
    context.run_migrations()
