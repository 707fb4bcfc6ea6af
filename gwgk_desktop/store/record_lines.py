"""The package records (``data/*.jsonl`` lines) of items in force, written by SQLite's JSON
functions, a batch of items in one query, instead of item by item in Python (reading the
rows into domain values, ``services.export._item_record``, ``canonical.encode``): four
times less time for the 12,000 items of an export, most of it without the GIL.

A line here is only a candidate. The export takes it only where its SHA-256 is among
the records an earlier export built in Python and found clean (``checked_items``); every
other item takes the full path. That is safe because each value is written as an exact,
unambiguous JSON text of the stored value, as ``canonical.encode`` writes it (texts and
numbers as JSON, a datetime as ``isoformat``, a float with 17 significant digits, which
give it back exactly): where this writer differs from Python's for some value (Python's
shortest float ``0.1`` against ``0.10000000000000001`` here, ``-0.0``), the line differs
from every line Python wrote, its digest is not found, and the item is read as before.
Equal bytes mean the same stored values, so the same record Python would write now.

The keys are written in sorted order, as ``canonical.encode`` sorts them; the children in
their ``position`` order (a subquery's order, which SQLite keeps for the aggregate over
it). ``tests/store/test_record_lines.py`` compares these lines with Python's over random
items. SQLite only: the bureau's PostgreSQL never exports a station's package.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gwgk_desktop.store.row_mapping import LIVE_STATUSES


def _datetime(column: str) -> str:
    """``isoformat()`` of a stored datetime (``YYYY-MM-DD HH:MM:SS.ffffff``): a ``T``
    between date and time, no fraction when it is zero."""
    return (
        f"replace(CASE WHEN substr({column}, 20) = '.000000' THEN substr({column}, 1, 19)"
        f" ELSE {column} END, ' ', 'T')"
    )


def _bool(column: str) -> str:
    return (
        f"CASE WHEN {column} IS NULL THEN NULL WHEN {column} THEN json('true')"
        f" ELSE json('false') END"
    )


def _float(column: str) -> str:
    return f"CASE WHEN {column} IS NULL THEN NULL ELSE json(printf('%!.17g', {column})) END"


def _object(*pairs: tuple[str, str]) -> str:
    """``json_object`` of ``(key, SQL)`` pairs, in sorted key order."""
    keys = [key for key, _ in pairs]
    assert keys == sorted(keys), keys
    return "json_object(" + ", ".join(f"'{key}', {value}" for key, value in pairs) + ")"


def _array(element: str, table: str, parent: str) -> str:
    """The JSON array of ``element`` over the rows of ``table`` (as ``t``) under
    ``parent``, in position order ("[]" when there are none)."""
    return (
        f"json((SELECT json_group_array(json(e)) FROM (SELECT {element} AS e FROM {table} t"
        f" WHERE {parent} ORDER BY t.position)))"
    )


_GUIDE = _object(
    ("complaint_phone", "g.complaint_phone"),
    ("conditions", "g.conditions"),
    ("department", "g.department"),
    ("faq", "g.faq"),
    ("fee_text", "g.fee_text"),
    ("hours", "g.hours"),
    ("item_code", "g.item_code"),
    ("legal_basis", "g.legal_basis"),
    ("legal_limit_days", "g.legal_limit_days"),
    ("legal_limit_immediate", _bool("g.legal_limit_immediate")),
    ("phone", "g.phone"),
    ("place", "g.place"),
    ("procedure", "g.procedure"),
    ("promised_limit_days", "g.promised_limit_days"),
    ("promised_limit_immediate", _bool("g.promised_limit_immediate")),
    ("result", "g.result"),
)
_ATTACHMENTS = _array(
    _object(
        ("filename", "t.filename"),
        ("media_type", "t.media_type"),
        ("note", "t.note"),
        ("sha256", "t.sha256"),
        ("size", "coalesce((SELECT b.size FROM blobs b WHERE b.sha256 = t.sha256), 0)"),
    ),
    "attachments",
    "t.revision_id = r.id",
)
_MATERIALS = _array(
    _object(
        ("copies", "t.copies"),
        ("form", "t.form"),
        ("name", "t.name"),
        ("note", "t.note"),
        ("required", _bool("t.required")),
        ("sample_filename", "t.sample_filename"),
        ("sample_sha256", "t.sample_sha256"),
    ),
    "materials",
    "t.revision_id = r.id",
)
_FEE_LINKS = (
    "json((SELECT json_group_array(u) FROM (SELECT linked.uuid AS u FROM fee_links t"
    " JOIN items linked ON linked.id = t.fee_item_id WHERE t.revision_id = r.id"
    " ORDER BY t.position)))"
)
_NODES = _array(
    _object(
        ("key", 't."key"'),
        ("kind", "t.kind"),
        ("post", "t.post"),
        ("text", "t.text"),
        ("time_limit_days", "t.time_limit_days"),
        ("x", _float("t.x")),
        ("y", _float("t.y")),
    ),
    "flow_nodes",
    "t.flowchart_id = f.id",
)
_EDGES = _array(
    _object(
        ("key", 't."key"'),
        ("label", "t.label"),
        ("source", "t.source_key"),
        ("target", "t.target_key"),
    ),
    "flow_edges",
    "t.flowchart_id = f.id",
)
_FLOWCHART = (
    "json((SELECT "
    + _object(("edges", _EDGES), ("nodes", _NODES), ("title", "f.title"))
    + " FROM flowcharts f WHERE f.revision_id = r.id))"
)
_CONTENT = _object(
    ("attachments", _ATTACHMENTS),
    ("audience", "r.audience"),
    ("basis", "r.basis"),
    ("category_id", "r.category_id"),
    ("channels", "json(coalesce(r.channels, '[]'))"),
    ("content", "r.content"),
    ("doc_number", "r.doc_number"),
    ("fee_links", _FEE_LINKS),
    ("fee_standard", "r.fee_standard"),
    ("flowchart", _FLOWCHART),
    ("generated_date", "r.generated_date"),
    ("guide", f"json((SELECT {_GUIDE} FROM licensing_guides g WHERE g.revision_id = r.id))"),
    ("kind", "i.kind"),
    ("lead_unit", "r.lead_unit"),
    ("level", "r.level"),
    ("level1", "r.level1"),
    ("level2", "r.level2"),
    ("materials", _MATERIALS),
    ("mode", "r.mode"),
    ("name", "r.name"),
    ("publisher", "r.publisher"),
    ("responsible_unit", "r.responsible_unit"),
    ("subject", "r.subject"),
    ("summary", "r.summary"),
    ("time_limit", "r.time_limit"),
    ("topic", "r.topic"),
    ("update_due", "r.update_due"),
    ("validity", "r.validity"),
)
_RECORD = _object(
    ("category_code", "(SELECT c.code FROM categories c WHERE c.id = r.category_id)"),
    ("content", _CONTENT),
    ("created_at", _datetime("i.created_at")),
    ("index_number", "i.index_number"),
    ("kind", "i.kind"),
    ("published_on", "r.published_on"),
    ("revision", "r.revision"),
    ("status", "r.status"),
    ("updated_at", _datetime("r.updated_at")),
    ("uuid", "i.uuid"),
)
#: Per revision in force of the items given (a JSON list): the item, the revision's id and
#: number, the item's UUID, the record (UTF-8 bytes), the attachments it refers to
#: (``sha256`` list, NULL for none), whether it has a flowchart, whether it links fee items.
SQL = (
    "SELECT r.item_id, r.id, r.revision, i.uuid, CAST(" + _RECORD + " AS BLOB),"
    " (SELECT group_concat(s) FROM (SELECT t.sha256 AS s FROM attachments t"
    " WHERE t.revision_id = r.id UNION ALL SELECT t.sample_sha256 FROM materials t"
    " WHERE t.revision_id = r.id AND t.sample_sha256 <> '')),"
    " EXISTS (SELECT 1 FROM flowcharts f WHERE f.revision_id = r.id),"
    " EXISTS (SELECT 1 FROM fee_links t WHERE t.revision_id = r.id)"
    " FROM item_revisions r JOIN items i ON i.id = r.item_id"
    " WHERE r.item_id IN (SELECT value FROM json_each(?)) AND r.superseded = 0"
    f" AND r.status IN ({', '.join('?' for _ in LIVE_STATUSES)})"
)


@dataclass(frozen=True)
class RecordLine:
    """The candidate record of one item's revision in force, with what the export counts
    of it."""

    item_id: int
    revision_id: int
    uuid: str
    line: bytes
    #: The SHA-256 of the attachments and sample forms it refers to.
    blobs: tuple[str, ...]
    flowchart: bool
    #: It links fee items (the export checks those links against the fee items it writes).
    links_fees: bool


def record_lines(connection: sqlite3.Connection, item_ids: Sequence[int]) -> dict[int, RecordLine]:
    """The candidate record of the revision in force of each of ``item_ids`` (the newest,
    as ``item_batches.read_items`` chooses), by item id; items with none are left out.
    ``sqlite3.Error`` when the database's schema is not the one written for here."""
    rows: list[tuple[Any, ...]] = connection.execute(
        SQL, (json.dumps(list(item_ids)), *LIVE_STATUSES)
    ).fetchall()
    chosen: dict[int, tuple[int, tuple[Any, ...]]] = {}
    for row in rows:
        current = chosen.get(row[0])
        if current is None or row[2] > current[0]:
            chosen[row[0]] = (row[2], row)
    found = {}
    for item_id, (_, row) in chosen.items():
        _, revision_id, _, uuid, line, refs, chart, linked = row
        found[item_id] = RecordLine(
            item_id,
            revision_id,
            uuid,
            line,
            tuple(str(refs).split(",")) if refs is not None else (),
            bool(chart),
            bool(linked),
        )
    return found
