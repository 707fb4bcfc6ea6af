"""Whole items in bulk (export, printing, checks, sheet export): a batch of items read with
one query per table, straight into ``domain.models.Item`` values.

``items.to_item`` reads one item through ORM objects and their relationships, which is
right for the editor and far too slow for 20,000 items (an ORM object, and its
relationship bookkeeping, for every revision, material, node and edge). Here the rows are
plain result rows and the children are grouped by revision in Python; the items are the
same (``tests/store/test_item_batches.py`` compares them with ``to_item``).
"""

from __future__ import annotations

import json
from collections import defaultdict, namedtuple
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from types import SimpleNamespace
from typing import Any, TypeVar, cast

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

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
from gwgk_desktop.store import models
from gwgk_desktop.store.item_content import CHILDREN, EDGE_COLUMNS, from_row, row_reader
from gwgk_desktop.store.items import LIVE_STATUSES, item_value

# Tables, not mapped classes, throughout: the printed documents read nothing through
# the ORM, whose first query in a process configures every mapped class.
_ITEMS = models.ItemRow.__table__
_REVISIONS = models.RevisionRow.__table__
_FEE_LINKS = models.FeeLinkRow.__table__
_BLOBS = models.BlobRow.__table__
_ATTACHMENTS = models.AttachmentRow.__table__
T = TypeVar("T")


@cache
def _named(keys: tuple[str, ...]) -> Any:
    return namedtuple("Revision", keys)


def _among(column: Any, ids: Sequence[int]) -> ColumnElement[bool]:
    """``column IN ids`` with the ids as one JSON parameter read by SQLite's ``json_each``:
    a few hundred bound values cost more to build and render than the query takes."""
    listed = func.json_each(json.dumps(list(ids))).table_valued("value")
    return cast(ColumnElement[bool], column.in_(select(listed.c.value)))


def _children(
    session: Session,
    model: Any,
    cls: type[T],
    parents: list[int],
    parent: str = "revision_id",
    renames: Mapping[str, str] | None = None,
    **given: Callable[[Sequence[Any]], Any],
) -> dict[int, list[T]]:
    """The rows of ``model`` under each of ``parents`` (by its ``parent`` column), in
    their order, as ``cls`` values; ``given`` computes fields the rows do not hold."""
    table = model.__table__
    column = table.c[parent]
    stmt = select(table).where(_among(column, parents)).order_by(column, table.c.position)
    result = session.execute(stmt)
    keys = list(result.keys())
    read = row_reader(cls, keys, renames, given)
    by = keys.index(parent)
    groups: dict[int, list[T]] = defaultdict(list)
    for row in result:
        extra = {name: compute(row) for name, compute in given.items()}
        groups[row[by]].append(cls(**read(row), **extra))
    return groups


def _one_each(session: Session, model: Any, parents: list[int]) -> dict[int, Any]:
    """The row of ``model`` (at most one) under each of ``parents`` revisions."""
    table = model.__table__
    rows = session.execute(select(table).where(_among(table.c.revision_id, parents)))
    return {row.revision_id: row for row in rows}


def load_items(
    session: Session, item_ids: Sequence[int], *, in_force: bool, names: dict[int, str]
) -> dict[int, Item]:
    """The head revision (or with ``in_force`` the approved or published one in force) of
    each of ``item_ids`` (at most a few hundred: one ``IN`` list), by item id; items with
    no such revision are left out. ``names`` maps operator ids to names.
    ``live_revision`` is left unset, as bulk readers ask for what they need themselves."""
    if not item_ids:
        return {}
    which = (
        and_(_REVISIONS.c.superseded.is_(False), _REVISIONS.c.status.in_(LIVE_STATUSES))
        if in_force
        else _REVISIONS.c.is_head
    )
    stmt = (
        select(
            _REVISIONS,
            _ITEMS.c.uuid.label("item_uuid"),
            _ITEMS.c.kind.label("item_kind"),
            _ITEMS.c.index_number.label("item_index_number"),
            _ITEMS.c.created_at.label("item_created_at"),
            _ITEMS.c.deleted_at.label("item_deleted_at"),
        )
        .join(_ITEMS, _ITEMS.c.id == _REVISIONS.c.item_id)
        .where(_among(_REVISIONS.c.item_id, item_ids), which)
    )
    result = session.execute(stmt)
    keys = tuple(result.keys())
    read_content = row_reader(ItemContent, keys, given=CHILDREN)
    # Named tuples: each revision's columns are read by name some twenty times below,
    # several times faster from a named tuple than from a result row.
    as_tuple = _named(keys)._make
    chosen: dict[int, Any] = {}
    for row in map(as_tuple, result):
        current = chosen.get(row.item_id)
        if current is None or row.revision > current.revision:
            chosen[row.item_id] = row
    if not chosen:
        return {}
    revision_ids = [row.id for row in chosen.values()]
    guides = _one_each(session, models.GuideRow, revision_ids)
    materials = _children(session, models.MaterialRow, Material, revision_ids)
    fee_links: dict[int, list[str]] = defaultdict(list)
    links = _FEE_LINKS.c
    for revision_id, uuid in session.execute(
        select(links.revision_id, _ITEMS.c.uuid)
        .join(_ITEMS, _ITEMS.c.id == links.fee_item_id)
        .where(_among(links.revision_id, revision_ids))
        .order_by(links.revision_id, links.position)
    ):
        fee_links[revision_id].append(uuid)
    blobs, attached = _BLOBS.c, _ATTACHMENTS.c
    sizes = {
        row.sha256: row.size
        for row in session.execute(
            select(blobs.sha256, blobs.size).where(
                blobs.sha256.in_(
                    select(attached.sha256).where(_among(attached.revision_id, revision_ids))
                )
            )
        )
    }
    sha = list(attached.keys()).index("sha256")
    attachments = _children(
        session,
        models.AttachmentRow,
        Attachment,
        revision_ids,
        size=lambda row: sizes.get(row[sha], 0),
    )
    charts = _one_each(session, models.FlowchartRow, revision_ids)
    chart_ids = [row.id for row in charts.values()]
    nodes = _children(session, models.FlowNodeRow, FlowNode, chart_ids, "flowchart_id")
    edges = _children(
        session, models.FlowEdgeRow, FlowEdge, chart_ids, "flowchart_id", EDGE_COLUMNS
    )

    found: dict[int, Item] = {}
    for item_id, rev in chosen.items():
        guide = guides.get(rev.id)
        chart = charts.get(rev.id)
        content = ItemContent(
            **read_content(rev),
            kind=rev.item_kind,
            guide=from_row(ServiceGuide, guide) if guide is not None else None,
            materials=materials.get(rev.id, []),
            fee_links=list(fee_links.get(rev.id, ())),
            flowchart=Flowchart(
                title=chart.title,
                nodes=nodes.get(chart.id, []),
                edges=edges.get(chart.id, []),
            )
            if chart is not None
            else None,
            attachments=attachments.get(rev.id, []),
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
