"""Rows to domain values, shared by every reader of items: the ORM's objects, SQLAlchemy
result rows and the plain ``sqlite3`` rows of ``store.reads`` all go through these, so the
printed documents' light path (no SQLAlchemy) and the full path build the same values.

Imports nothing of SQLAlchemy (``tests/store/test_light_print.py`` checks the print
command's process never loads it).
"""

from __future__ import annotations

import operator
from collections import namedtuple
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import fields
from functools import cache
from typing import Any, TypeVar, cast

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.models import Item, ItemContent

T = TypeVar("T")


@cache
def named(keys: tuple[str, ...]) -> Any:
    """A named tuple class for rows of columns ``keys`` (read by name far faster than a
    SQLAlchemy row)."""
    return namedtuple("Row", keys)


#: The statuses of a revision in force, as stored (sorted: ``workflow.LIVE`` is a set,
#: and the compiled statements must not change with the hash seed).
LIVE_STATUSES = tuple(sorted(s.value for s in workflow.LIVE))
#: ``FlowEdge`` fields whose columns are named differently.
EDGE_COLUMNS = {"source": "source_key", "target": "target_key"}
#: ``ItemContent`` fields held elsewhere than in revision columns: the item's kind (on
#: the item row, it never changes) and the child rows.
CHILDREN = ("kind", "guide", "materials", "fee_links", "flowchart", "attachments")


def from_row(cls: type[T], row: Any, renames: Mapping[str, str] | None = None, **given: Any) -> T:
    """A ``cls`` dataclass from the same-named attributes of ``row``; ``given`` supplies
    fields the row does not hold."""
    values = dict(given)
    fixed = tuple(sorted((renames or {}).items()))
    for name, attribute, is_tuple in _reading(cast(type, cls), fixed):
        if name not in values:
            value = getattr(row, attribute)
            values[name] = tuple(value or ()) if is_tuple else value
    return cls(**values)


def row_reader(
    cls: type,
    keys: Sequence[str],
    renames: Mapping[str, str] | None = None,
    given: Collection[str] = (),
) -> Callable[[Sequence[Any]], dict[str, Any]]:
    """For result rows whose columns are ``keys``: a function giving the ``cls`` field
    values a row holds, read as ``from_row`` reads them but by position (a row's
    attribute lookup by name costs more than the rest of reading it, over the tens of
    thousands of rows of a bulk read); fields named in ``given`` are left out."""
    fixed = tuple(sorted((renames or {}).items()))
    plan = [
        (name, list(keys).index(attribute), is_tuple)
        for name, attribute, is_tuple in _reading(cls, fixed)
        if name not in given
    ]
    names = tuple(name for name, _, _ in plan)
    positions = [position for _, position, _ in plan]
    tuples = [k for k, (_, _, is_tuple) in enumerate(plan) if is_tuple]
    get: Callable[[Sequence[Any]], Sequence[Any]] = (
        operator.itemgetter(*positions)
        if len(positions) > 1
        else lambda row: tuple(row[position] for position in positions)
    )

    def read(row: Sequence[Any]) -> dict[str, Any]:
        values = get(row)
        if tuples:
            values = list(values)
            for k in tuples:
                values[k] = tuple(values[k] or ())
        return dict(zip(names, values, strict=True))

    return read


@cache
def _reading(cls: type, renames: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str, bool], ...]:
    """Per field of ``cls``: its name, the row attribute holding it, whether it is a tuple
    (worked out once: bulk readers make tens of thousands of these)."""
    renamed = dict(renames)
    return tuple(
        (f.name, renamed.get(f.name, f.name), isinstance(f.default, tuple)) for f in fields(cls)
    )


def item_value(
    item: Any, rev: Any, content: ItemContent, names: dict[int, str], live: int | None = None
) -> Item:
    """The ``Item`` of revision row ``rev`` of item row ``item`` (ORM objects, or result
    rows with the same attributes) holding ``content``."""
    return Item(
        id=item.id,
        uuid=item.uuid,
        revision_id=rev.id,
        revision=rev.revision,
        status=rev.status,
        index_number=item.index_number,
        content=content,
        created_at=item.created_at,
        updated_at=rev.updated_at,
        updated_by=names.get(rev.updated_by_id or 0, ""),
        submitted_by=names.get(rev.submitted_by_id or 0, ""),
        published_on=rev.published_on,
        deleted=item.deleted_at is not None,
        live_revision=live,
    )


def row_id(text: str) -> int | None:
    """The row id ``text`` names when it is a plain decimal number that fits a row id
    (SQLite's 64 bits); None otherwise (full-width or superscript digits, 30 digits)."""
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    return None
