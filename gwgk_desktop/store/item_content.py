"""An item's content (``domain.models.ItemContent``) to and from its rows: the revision row
and its children (service guide, materials, fee links, flowchart nodes and edges,
attachments).

Which fields go where is derived from the dataclasses (``dataclasses.fields``) and the
models' columns, not listed by hand: a field added to ``ItemContent`` (or ``Material``,
``ServiceGuide`` ...) with a column of the same name is stored and read back with no
change here. ``tests/store/test_item_content.py`` checks that every field has its place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.orm import Mapper, Session

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.domain.models import (
    Attachment,
    Flowchart,
    FlowEdge,
    FlowNode,
    ItemContent,
    Material,
    ServiceGuide,
)
from gwgk_desktop.errors import UserError
from gwgk_desktop.store import blobs
from gwgk_desktop.store.models import (
    AttachmentRow,
    FeeLinkRow,
    FlowchartRow,
    FlowEdgeRow,
    FlowNodeRow,
    GuideRow,
    MaterialRow,
    RevisionRow,
    SearchRow,
)
from gwgk_desktop.store.models import ItemRow as ItemTable
from gwgk_desktop.store.row_mapping import EDGE_COLUMNS, from_row

T = TypeVar("T")


@cache
def columns(model: type) -> frozenset[str]:
    """The mapped column attributes of a model."""
    mapper: Mapper[Any] = inspect(model)
    return frozenset(attr.key for attr in mapper.column_attrs)


@cache
def revision_fields() -> tuple[str, ...]:
    """The ``ItemContent`` fields stored as columns of the revision row, in field order."""
    return tuple(f.name for f in fields(ItemContent) if f.name in columns(RevisionRow))


def _stored(value: Any) -> Any:
    # JSON columns hold lists; the dataclasses keep immutable tuples (channels).
    return list(value) if isinstance(value, tuple) else value


def row_values(value: Any, model: type, renames: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The column values of dataclass ``value`` for a row of ``model`` (fields without a
    column are left out)."""
    renames = renames or {}
    wanted = columns(model)
    out: dict[str, Any] = {}
    for f in fields(value):
        column = renames.get(f.name, f.name)
        if column in wanted:
            out[column] = _stored(getattr(value, f.name))
    return out


def revision_columns(content: ItemContent) -> dict[str, Any]:
    """The revision row's content columns for ``content`` (also for bulk inserts)."""
    return {name: _stored(getattr(content, name)) for name in revision_fields()}


def write_content(session: Session, rev: RevisionRow, content: ItemContent) -> None:
    """Write ``content`` into a revision row and its children (replacing them), and the
    searched text when the revision is the item's head."""
    for name, value in revision_columns(content).items():
        setattr(rev, name, value)

    needed = {m.sample_sha256 for m in content.materials if m.sample_sha256}
    needed |= {a.sha256 for a in content.attachments}
    missing = needed - set(blobs.sizes(session, needed))
    if missing:
        raise UserError("附件内容缺失，请重新添加附件", f"missing blobs {sorted(missing)}")

    # Children are cleared and flushed before new ones are added: the unit of work
    # inserts before it deletes, which would trip the unique keys otherwise.
    if rev.flowchart is not None:
        rev.flowchart.edges.clear()
        session.flush()
        rev.flowchart.nodes.clear()
        session.flush()
    rev.materials.clear()
    rev.fee_links.clear()
    rev.attachments.clear()
    session.flush()

    if content.kind is ItemKind.LICENSING and content.guide is not None:
        if rev.guide is None:
            rev.guide = GuideRow()
        for key, value in row_values(content.guide, GuideRow).items():
            setattr(rev.guide, key, value)
    elif rev.guide is not None:
        rev.guide = None
    rev.materials.extend(
        MaterialRow(position=i, **row_values(m, MaterialRow))
        for i, m in enumerate(content.materials)
    )
    _write_fee_links(session, rev, content.fee_links)
    _write_flowchart(session, rev, content.flowchart)
    rev.attachments.extend(
        AttachmentRow(position=i, **row_values(a, AttachmentRow))
        for i, a in enumerate(content.attachments)
    )
    if rev.is_head:
        search = session.get(SearchRow, rev.item.id) or SearchRow(item_id=rev.item.id)
        search.text = search_text(
            content.name, content.content, content.basis, rev.item.index_number
        )
        session.add(search)


def _write_fee_links(session: Session, rev: RevisionRow, links: list[str]) -> None:
    if not links:
        return
    fee_ids: dict[str, int] = dict(
        session.execute(
            select(ItemTable.uuid, ItemTable.id).where(
                ItemTable.uuid.in_(links), ItemTable.kind == ItemKind.FEE
            )
        ).all()
    )
    unknown = [u for u in links if u not in fee_ids]
    if unknown:
        raise UserError("关联的收费事项不存在", f"unknown fee items {unknown}")
    rev.fee_links.extend(
        FeeLinkRow(fee_item_id=fee_ids[u], position=i) for i, u in enumerate(dict.fromkeys(links))
    )


def _write_flowchart(session: Session, rev: RevisionRow, chart: Flowchart | None) -> None:
    if chart is None:
        if rev.flowchart is not None:
            rev.flowchart = None
        return
    row = rev.flowchart or FlowchartRow()
    rev.flowchart = row
    row.title = chart.title
    row.nodes.extend(
        FlowNodeRow(position=i, **row_values(n, FlowNodeRow)) for i, n in enumerate(chart.nodes)
    )
    session.flush()
    keys = {n.key for n in chart.nodes}
    row.edges.extend(
        FlowEdgeRow(position=i, **row_values(e, FlowEdgeRow, EDGE_COLUMNS))
        for i, e in enumerate(chart.edges)
        # An edge without both ends cannot be stored; validation reports it.
        if e.source in keys and e.target in keys
    )


def read_content(session: Session, item: ItemTable, rev: RevisionRow) -> ItemContent:
    """The content of revision ``rev`` of ``item``."""
    sizes = blobs.sizes(session, {a.sha256 for a in rev.attachments})
    chart = None
    if rev.flowchart is not None:
        chart = Flowchart(
            title=rev.flowchart.title,
            nodes=[from_row(FlowNode, n) for n in rev.flowchart.nodes],
            edges=[from_row(FlowEdge, e, EDGE_COLUMNS) for e in rev.flowchart.edges],
        )
    return from_row(
        ItemContent,
        rev,
        kind=item.kind,
        guide=from_row(ServiceGuide, rev.guide) if rev.guide is not None else None,
        materials=[from_row(Material, m) for m in rev.materials],
        fee_links=[link.fee_item.uuid for link in rev.fee_links],
        flowchart=chart,
        attachments=[from_row(Attachment, a, size=sizes.get(a.sha256, 0)) for a in rev.attachments],
    )


def search_text(name: str, content: str, basis: str, index_number: str) -> str:
    """What the free-text filter searches: name, content, basis and 索引号, lower-cased."""
    return "\n".join((name, content, basis, index_number)).lower()
