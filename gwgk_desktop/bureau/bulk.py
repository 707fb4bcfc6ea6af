"""Writing many rows into a PostgreSQL table at once with COPY, through the same type
processing as an ordinary INSERT (JSON columns, enums by their code), inside the caller's
transaction: the intake's items, and a whole database moved over from SQLite."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Table, exc
from sqlalchemy.orm import Session


def copy_rows(session: Session, table: Table, rows: Iterable[Mapping[str, Any]]) -> int:
    """COPY ``rows`` (mappings by column name; every column present) into ``table``;
    returns how many."""
    columns = [c.name for c in table.columns]
    dialect = session.get_bind().dialect
    converters = [c.type.bind_processor(dialect) for c in table.columns]
    driver = session.connection().connection.driver_connection
    assert driver is not None
    statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    written = 0
    driver_error = dialect.loaded_dbapi.Error
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                values = []
                for name, convert in zip(columns, converters, strict=True):
                    value = row[name]
                    values.append(
                        convert(value) if convert is not None and value is not None else value
                    )
                copy.write_row(values)
                written += 1
    except driver_error as error:
        # The driver's own error (COPY bypasses SQLAlchemy) as SQLAlchemy's, so the
        # database's translation (full disk, lost server ...) applies as to any statement.
        raise exc.DBAPIError.instance(statement, None, error, driver_error) from error
    return written
