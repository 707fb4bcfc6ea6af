"""Named read statements, run through SQLAlchemy or, for the one-shot print commands,
through plain ``sqlite3`` without importing SQLAlchemy at all (it alone costs a quarter of
a second of a printed notice board).

A statement is a function decorated with ``@statement`` that builds an SQLAlchemy Core
select (importing SQLAlchemy inside itself); parameters are ``bindparam``s given as
stored (numbers, texts, enum codes). Code that reads calls ``reader.run(builder, **params)``
on either reader:

- ``SessionReader`` executes the built statement in a SQLAlchemy session (every caller
  but the print command's light path);
- ``SqliteReader`` executes the same statement's SQL text, compiled for SQLite by
  ``tools/compile_statements.py`` into ``store/compiled_statements.py``, and converts
  each column as SQLAlchemy's result processors do (dates, times, booleans, JSON, the
  ``CodeEnum`` enums).

So each statement is written once; a test regenerates the compiled module and fails when
the committed one is stale. This module imports nothing of SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from gwgk_desktop.errors import DatabaseCorrupt

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Builder = Callable[[], Any]

#: Every statement by name (``module.function``), filled as the modules declaring them
#: are imported (``tools/compile_statements.py`` imports them all: ``MODULES``).
STATEMENTS: dict[str, Builder] = {}
#: The modules declaring statements.
MODULES = ("gwgk_desktop.store.item_batches", "gwgk_desktop.services.print_reads")


def statement_name(builder: Builder) -> str:
    return f"{builder.__module__.rsplit('.', 1)[-1]}.{builder.__name__}"


def statement(builder: Builder) -> Builder:
    """Declare ``builder`` a named read statement (see the module's docstring)."""
    STATEMENTS[statement_name(builder)] = builder
    return builder


@dataclass(frozen=True)
class Rows:
    """A statement's result: the column names and the rows (tuples, or SQLAlchemy rows)."""

    keys: tuple[str, ...]
    rows: Iterable[Any]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)


class Reader(Protocol):
    def run(self, builder: Builder, **params: Any) -> Rows: ...


@cache
def built(builder: Builder) -> Any:
    """The statement ``builder`` builds (built once: building costs more than running)."""
    return builder()


class SessionReader:
    """Runs named statements in a SQLAlchemy session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def run(self, builder: Builder, **params: Any) -> Rows:
        result = self.session.execute(built(builder), params)
        return Rows(tuple(result.keys()), result)


def bulk_reader(session: Session) -> Reader:
    """The faster reader for many rows in ``session``: on SQLite its own connection read
    through ``sqlite3`` (``SqliteReader``: the same statements, compiled; a sixth less
    time for the 12,000 items of an export than SQLAlchemy's result rows), else a
    ``SessionReader``. A database opened by ``store.database`` is at the schema revision
    the statements were compiled against (an older one is upgraded, or an upgraded copy
    read); the statements are read in the session's transaction (its snapshot)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return SessionReader(session)
    driver = connection.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return SqliteReader(driver)


def json_value(text: str | None) -> Any:
    """A JSON column's value (``store.types.JsonText``): damaged text is said so."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        # Only a hand-edited or damaged file holds such text; say so instead of a
        # traceback (``gwgk check`` reads the audit log's texts itself and names the row).
        raise DatabaseCorrupt(
            "数据库中有内容已损坏，无法读取。请运行“gwgk check”检查，或从备份恢复。",
            "a JSON text in the database is damaged",
        ) from None


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _datetime(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


@cache
def _enum(path: str) -> Callable[[Any], Any]:
    module, name = path.split(":")
    enum_type = getattr(importlib.import_module(module), name)
    members = {member.value: member for member in enum_type}

    def convert(value: Any) -> Any:
        if value is None:
            return None
        found = members.get(value)
        return found if found is not None else enum_type(value)

    return convert


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "bool": _bool,
    "date": _date,
    "datetime": _datetime,
    "json": json_value,
}


def converter(code: str) -> Callable[[Any], Any]:
    """The function converting a stored value as the column's SQLAlchemy type does:
    ``bool``, ``date``, ``datetime``, ``json`` or ``enum:module:Class``."""
    if code.startswith("enum:"):
        return _enum(code[len("enum:") :])
    return _CONVERTERS[code]


class SqliteReader:
    """Runs named statements on a plain ``sqlite3`` connection (``compiled_statements``);
    a statement missing there is a ``KeyError``, and the caller takes the full path."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def run(self, builder: Builder, **params: Any) -> Rows:
        from gwgk_desktop.store.compiled_statements import STATEMENTS as COMPILED

        sql, parameters, keys, converters = COMPILED[statement_name(builder)]
        values = [params[p[0]] if len(p) == 1 else p[1] for p in parameters]
        rows = self.connection.execute(sql, values).fetchall()
        plan = [(k, converter(code)) for k, code in enumerate(converters) if code is not None]
        if plan:
            converted = []
            for row in rows:
                values = list(row)
                for k, convert in plan:
                    values[k] = convert(values[k])
                converted.append(tuple(values))
            rows = converted
        return Rows(keys, rows)
