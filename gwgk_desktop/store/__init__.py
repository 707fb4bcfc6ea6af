"""Persistence on SQLite: SQLAlchemy models, engine set-up, Alembic migrations, backups,
the hash-chained audit log. Nothing here imports Qt."""
