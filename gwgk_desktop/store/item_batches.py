"""Whole items in bulk (export, printing, checks, sheet export): a batch of items read with
one query per table, straight into ``domain.models.Item`` values.

``items.to_item`` reads one item through ORM objects and their relationships, which is
right for the editor and far too slow for 20,000 items (an ORM object, and its
relationship bookkeeping, for every revision, material, node and edge). Here the rows are
plain result rows and the children are grouped by revision in Python; the items are the
same (``tests/store/test_item_batches.py`` compares them with ``to_item``).

The statements are named (``store.reads``): the print command runs them without
SQLAlchemy, which this module therefore imports only inside the statements.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TypeVar

from gwgk_desktop.domain.models import (
    Attachment,
    Flowchart,
    FlowEdge,
    FlowNode,
    Item,
    ItemContent,
    Material,
    ServiceGuide,
)
from gwgk_desktop.errors import NotFound
from gwgk_desktop.store.reads import Builder, Reader, statement
from gwgk_desktop.store.row_mapping import (
    CHILDREN,
    EDGE_COLUMNS,
    LIVE_STATUSES,
    from_row,
    item_value,
    named,
    row_id,
    row_reader,
)

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Select, Table

T = TypeVar("T")


def _table(name: str) -> Table:
    # Tables, not mapped classes, throughout: the printed documents read nothing through
    # the ORM, whose first query in a process configures every mapped class.
    from gwgk_desktop.store import models

    return models.Base.metadata.tables[name]


def among(column: Any, name: str = "ids") -> ColumnElement[bool]:
    """``column IN ids`` with the ids as one JSON parameter ``name`` (``ids_json``) read
    by SQLite's ``json_each``: a few hundred bound values cost more to build and render
    than the query takes, and the statement's text stays the same for any number."""
    from sqlalchemy import String, bindparam, func, select

    listed = func.json_each(bindparam(name, type_=String)).table_valued("value")
    return column.in_(select(listed.c.value))


def ids_json(ids: Sequence[Any]) -> str:
    """The value of an ``among`` parameter."""
    return json.dumps(list(ids))


def _revisions(in_force: bool) -> Select[Any]:
    from sqlalchemy import and_, select

    items, revisions = _table("items"), _table("item_revisions")
    which = (
        and_(revisions.c.superseded.is_(False), revisions.c.status.in_(LIVE_STATUSES))
        if in_force
        else revisions.c.is_head
    )
    return (
        select(
            revisions,
            items.c.uuid.label("item_uuid"),
            items.c.kind.label("item_kind"),
            items.c.index_number.label("item_index_number"),
            items.c.created_at.label("item_created_at"),
            items.c.deleted_at.label("item_deleted_at"),
        )
        .join(items, items.c.id == revisions.c.item_id)
        .where(among(revisions.c.item_id), which)
    )


@statement
def revisions_in_force() -> Select[Any]:
    """The revisions in force of items ``ids`` (several, when one supersedes another)."""
    return _revisions(in_force=True)


@statement
def head_revisions() -> Select[Any]:
    """The head revisions of items ``ids``."""
    return _revisions(in_force=False)


def _under(name: str, parent: str = "revision_id", ordered: bool = True) -> Select[Any]:
    """The rows of table ``name`` under the ``ids`` (by its ``parent`` column), ``ordered``
    by parent and position."""
    from sqlalchemy import select

    table = _table(name)
    column = table.c[parent]
    stmt = select(table).where(among(column))
    return stmt.order_by(column, table.c.position) if ordered else stmt


@statement
def guides() -> Select[Any]:
    return _under("licensing_guides", ordered=False)


@statement
def materials() -> Select[Any]:
    return _under("materials")


@statement
def fee_links() -> Select[Any]:
    """The UUIDs of the fee items each of revisions ``ids`` links to, in order."""
    from sqlalchemy import select

    links, items = _table("fee_links").c, _table("items").c
    return (
        select(links.revision_id, items.uuid)
        .join(_table("items"), items.id == links.fee_item_id)
        .where(among(links.revision_id))
        .order_by(links.revision_id, links.position)
    )


@statement
def blob_sizes() -> Select[Any]:
    """The size of each file attached to revisions ``ids``."""
    from sqlalchemy import select

    blobs, attached = _table("blobs").c, _table("attachments").c
    return select(blobs.sha256, blobs.size).where(
        blobs.sha256.in_(select(attached.sha256).where(among(attached.revision_id)))
    )


@statement
def attachments() -> Select[Any]:
    return _under("attachments")


@statement
def flowcharts() -> Select[Any]:
    return _under("flowcharts", ordered=False)


@statement
def flow_nodes() -> Select[Any]:
    return _under("flow_nodes", "flowchart_id")


@statement
def flow_edges() -> Select[Any]:
    return _under("flow_edges", "flowchart_id")


@statement
def operator_names() -> Select[Any]:
    """Every operator's name by id (bulk readers name who changed what)."""
    from sqlalchemy import select

    operators = _table("operators").c
    return select(operators.id, operators.display_name)


@statement
def item_by_id() -> Select[Any]:
    """The item ``item_id`` (deleted or not), if there is one."""
    from sqlalchemy import bindparam, select

    items = _table("items").c
    return select(items.id).where(items.id == bindparam("item_id"))


@statement
def item_by_text() -> Select[Any]:
    """The item whose UUID or 索引号 is ``text``."""
    from sqlalchemy import bindparam, or_, select

    items = _table("items").c
    text: Any = bindparam("text")
    return select(items.id).where(or_(items.uuid == text, items.index_number == text))


def resolve(reader: Reader, ref: str | int) -> int:
    """An item id from an id, a UUID or a 索引号 (for the CLI)."""
    text = str(ref).strip()
    number = row_id(text)
    if number is not None:
        found = reader.run(item_by_id, item_id=number)
    else:
        found = reader.run(item_by_text, text=text)
    row = next(iter(found), None)
    if row is None:
        raise NotFound(f"找不到事项：{text}", f"no such item: {text}")
    return int(row[0])


def names_of_operators(reader: Reader) -> dict[int, str]:
    return dict(iter(reader.run(operator_names)))


def _children(
    reader: Reader,
    builder: Builder,
    cls: type[T],
    parents: list[int],
    parent: str = "revision_id",
    renames: Mapping[str, str] | None = None,
    **given: Callable[[dict[str, Any]], Any],
) -> dict[int, list[T]]:
    """The rows of ``builder`` under each of ``parents`` (by its ``parent`` column), in
    their order, as ``cls`` values; ``given`` computes fields the rows do not hold from
    the fields they do."""
    result = reader.run(builder, ids=ids_json(parents))
    keys = list(result.keys)
    read = row_reader(cls, keys, renames, given)
    by = keys.index(parent)
    groups: dict[int, list[T]] = defaultdict(list)
    for row in result:
        values = read(row)
        for name, compute in given.items():
            values[name] = compute(values)
        groups[row[by]].append(cls(**values))
    return groups


def _one_each(reader: Reader, builder: Builder, parents: list[int]) -> dict[int, Any]:
    """The row of ``builder`` (at most one) under each of ``parents`` revisions."""
    result = reader.run(builder, ids=ids_json(parents))
    as_tuple = named(result.keys)._make
    return {row.revision_id: row for row in map(as_tuple, result)}


def items_in_order(
    reader: Reader, ids: Sequence[int], *, in_force: bool, batch: int
) -> Iterator[Item]:
    """The items ``ids`` in that order, read ``batch`` at a time (``read_items``); items
    without the revision asked for are skipped."""
    names = names_of_operators(reader)
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        found = read_items(reader, chunk, in_force=in_force, names=names)
        for item_id in chunk:
            item = found.get(item_id)
            if item is not None:
                yield item


def read_items(
    reader: Reader, item_ids: Sequence[int], *, in_force: bool, names: dict[int, str]
) -> dict[int, Item]:
    """The head revision (or with ``in_force`` the approved or published one in force) of
    each of ``item_ids`` (at most a few hundred: one ``IN`` list), by item id; items with
    no such revision are left out. ``names`` maps operator ids to names.
    ``live_revision`` is left unset, as bulk readers ask for what they need themselves."""
    if not item_ids:
        return {}
    result = reader.run(revisions_in_force if in_force else head_revisions, ids=ids_json(item_ids))
    keys = result.keys
    read_content = row_reader(ItemContent, keys, given=CHILDREN)
    # Named tuples: each revision's columns are read by name some twenty times below,
    # several times faster from a named tuple than from a result row.
    as_tuple = named(keys)._make
    chosen: dict[int, Any] = {}
    for row in map(as_tuple, result):
        current = chosen.get(row.item_id)
        if current is None or row.revision > current.revision:
            chosen[row.item_id] = row
    if not chosen:
        return {}
    revision_ids = [row.id for row in chosen.values()]
    guide_rows = _one_each(reader, guides, revision_ids)
    material_rows = _children(reader, materials, Material, revision_ids)
    links: dict[int, list[str]] = defaultdict(list)
    for revision_id, uuid in reader.run(fee_links, ids=ids_json(revision_ids)):
        links[revision_id].append(uuid)
    # iter(): dict() would take the rows (or a SQLAlchemy result) for a mapping, as they
    # have keys.
    sizes = dict(iter(reader.run(blob_sizes, ids=ids_json(revision_ids))))
    attached = _children(
        reader,
        attachments,
        Attachment,
        revision_ids,
        size=lambda values: sizes.get(values["sha256"], 0),
    )
    charts = _one_each(reader, flowcharts, revision_ids)
    chart_ids = [row.id for row in charts.values()]
    nodes = _children(reader, flow_nodes, FlowNode, chart_ids, "flowchart_id")
    edges = _children(reader, flow_edges, FlowEdge, chart_ids, "flowchart_id", EDGE_COLUMNS)

    found: dict[int, Item] = {}
    for item_id, rev in chosen.items():
        guide = guide_rows.get(rev.id)
        chart = charts.get(rev.id)
        content = ItemContent(
            **read_content(rev),
            kind=rev.item_kind,
            guide=from_row(ServiceGuide, guide) if guide is not None else None,
            materials=material_rows.get(rev.id, []),
            fee_links=list(links.get(rev.id, ())),
            flowchart=Flowchart(
                title=chart.title,
                nodes=nodes.get(chart.id, []),
                edges=edges.get(chart.id, []),
            )
            if chart is not None
            else None,
            attachments=attached.get(rev.id, []),
        )
        item = SimpleNamespace(
            id=item_id,
            uuid=rev.item_uuid,
            index_number=rev.item_index_number,
            created_at=rev.item_created_at,
            deleted_at=rev.item_deleted_at,
        )
        found[item_id] = item_value(item, rev, content, names)
    return found
