"""Reading items: the filtered, ordered ids the item table shows, table rows for the
visible ones, whole items (a revision, the one in force, all of them), counts, history.

The GUI's table asks for ordered ids (``search_ids``) and fetches rows for the visible ones
(``rows``), so 20,000 items never become 20,000 objects at once; bulk readers (checks,
printing, export) walk ``iter_items`` in batches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, select
from sqlalchemy.orm import Session, aliased

from gwgk_desktop.domain.enums import ItemKind, Level, Status
from gwgk_desktop.domain.models import Item, ItemRow, Transition
from gwgk_desktop.services.watch import stamp_in
from gwgk_desktop.store import item_text
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.item_batches import items_in_order, resolve
from gwgk_desktop.store.items import (
    LIVE_STATUSES,
    item_row,
    live_revision,
    revision,
    to_item,
)
from gwgk_desktop.store.models import AuditRow, RevisionRow
from gwgk_desktop.store.models import ItemRow as ItemTable
from gwgk_desktop.store.reads import SessionReader, bulk_reader
from gwgk_desktop.store.text_search import ResidentTexts, narrows

#: How many answers of ``ItemQueries.text_matches`` are kept to be narrowed by the next
#: texts typed (a few: a word typed on, a second word after a space).
ANSWERS_KEPT = 8


class SortKey(Enum):
    INDEX = "index_number"
    NAME = "name"
    STATUS = "status"
    UPDATED = "updated_at"
    CATEGORY = "category"
    LEVEL = "level"
    KIND = "kind"


@dataclass(frozen=True)
class ItemQuery:
    """A filter over the head revisions of items (what the item table shows)."""

    text: str = ""
    category_id: int | None = None
    kind: ItemKind | None = None
    statuses: frozenset[Status] = frozenset()
    level: Level | None = None
    #: Only items whose 下次更新日期 is before this date.
    overdue_on: dt.date | None = None
    #: List soft-deleted items (the recycle bin) instead of live ones.
    deleted: bool = False
    sort: SortKey = SortKey.INDEX
    descending: bool = False


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    operator: str
    action: str
    summary: str
    before: dict[str, object] = field(default_factory=dict)
    after: dict[str, object] = field(default_factory=dict)


# Filtering, ordering and counting use the tables' columns, not the mapped classes:
# the printed documents read nothing through the ORM, whose first query in a process
# configures every mapped class (see store.station.station_values).
_ITEM_TABLE = ItemTable.__table__
_REVISION_TABLE = RevisionRow.__table__
_ITEMS = _ITEM_TABLE.c
_REVISIONS = _REVISION_TABLE.c

_ORDERS: dict[SortKey, list[Any]] = {
    SortKey.INDEX: [_ITEMS.index_number],
    SortKey.NAME: [_REVISIONS.name, _ITEMS.index_number],
    SortKey.STATUS: [_REVISIONS.status, _ITEMS.index_number],
    SortKey.UPDATED: [_REVISIONS.updated_at, _ITEMS.index_number],
    SortKey.CATEGORY: [_REVISIONS.category_id, _ITEMS.index_number],
    SortKey.LEVEL: [_REVISIONS.level, _ITEMS.index_number],
    SortKey.KIND: [_ITEMS.kind, _ITEMS.index_number],
}


def _filtered(session: Session | None, stmt: Select[Any], query: ItemQuery) -> Select[Any]:
    stmt = stmt.where(_REVISIONS.is_head)
    if query.deleted:
        stmt = stmt.where(_ITEMS.deleted_at.is_not(None))
    else:
        stmt = stmt.where(_ITEMS.deleted_at.is_(None))
    if query.category_id is not None:
        stmt = stmt.where(_REVISIONS.category_id == query.category_id)
    if query.kind is not None:
        stmt = stmt.where(_ITEMS.kind == query.kind)
    if query.statuses:
        stmt = stmt.where(_REVISIONS.status.in_([s.value for s in query.statuses]))
    if query.level is not None:
        stmt = stmt.where(_REVISIONS.level == query.level)
    if query.overdue_on is not None:
        stmt = stmt.where(_REVISIONS.update_due < query.overdue_on)
    if not query.text.split():
        return stmt  # no words: nothing to match (and no session needed)
    assert session is not None
    matching = item_text.matching(session, query.text)
    if matching is not None:
        stmt = stmt.where(_ITEMS.id.in_(matching))
    return stmt


def search_statement(session: Session | None, query: ItemQuery) -> Select[Any]:
    """The ids of the items matching ``query``, in its order; without a ``session`` for a
    query without text (``services.print_reads`` names such statements: its values may be
    ``bindparam``s)."""
    stmt = _filtered(
        session, select(_ITEMS.id).join(_REVISION_TABLE, _REVISIONS.item_id == _ITEMS.id), query
    )
    columns = _ORDERS[query.sort]
    return stmt.order_by(*[c.desc() if query.descending else c for c in columns])


@cache
def _rows_statement() -> Select[*tuple[Any, ...]]:
    """The table rows' query, built once: the item table asks for a page of rows on every
    keystroke, and building the statement cost more than running it."""
    live = aliased(RevisionRow)
    live_revision_number = (
        select(func.max(live.revision))
        .where(
            live.item_id == ItemTable.id,
            live.is_head.is_(False),
            live.superseded.is_(False),
            live.status.in_(LIVE_STATUSES),
        )
        .correlate(ItemTable)
        .scalar_subquery()
    )
    return (
        select(
            ItemTable.id,
            ItemTable.uuid,
            ItemTable.kind,
            RevisionRow.category_id,
            RevisionRow.name,
            RevisionRow.level1,
            RevisionRow.status,
            RevisionRow.level,
            ItemTable.index_number,
            RevisionRow.revision,
            RevisionRow.updated_at,
            RevisionRow.update_due,
            live_revision_number,
        )
        .join(RevisionRow, and_(RevisionRow.item_id == ItemTable.id, RevisionRow.is_head))
        .where(ItemTable.id.in_(bindparam("ids", expanding=True)))
    )


class ItemQueries:
    """Every read of items."""

    def __init__(self, db: Database) -> None:
        self.db = db
        # The items' searched texts held in memory (``keep_texts``), with the change
        # stamp of the database they were read from.
        self._texts: tuple[int, ResidentTexts] | None = None
        # The last few texts answered with the texts in memory: the change stamp, the
        # text, the ids (``text_matches`` narrows them as typing goes on).
        self._answered: list[tuple[int, str, set[int]]] = []

    def text_matches(self, text: str) -> set[int] | None:
        """Ids of the items whose searched text (see ``store.item_content.search_text``)
        contains every word of ``text``; None when ``text`` restricts nothing (it has no
        words, or every item has them). ``search_ids`` applies the same test, so a caller
        holding the ordered ids of a query without text may narrow them by this set
        instead of ordering all rows again for every keystroke. With the texts in memory
        (``keep_texts``), a text that narrows one answered a moment ago (typing on:
        "户" then "户籍") is tested on that one's items only. The set is the caller's
        to read, not to change."""
        with self.db.read() as session:
            stamp = stamp_in(session)
            kept = self._texts
            resident = kept[1] if kept is not None and kept[0] == stamp else None
            if resident is None:
                return item_text.matching_ids(session, text, None)
            # Answered in this very database (the same stamp), so exact now too.
            earlier = [
                found
                for when, answered, found in self._answered
                if when == stamp and narrows(text, answered)
            ]
            within = min(earlier, key=len) if earlier else None
            found = item_text.matching_ids(session, text, resident, within)
        if found is not None:
            self._answered = [*self._answered, (stamp, text, found)][-ANSWERS_KEPT:]
        return found

    def keep_texts(self) -> None:
        """Hold the items' searched texts in memory (about 5 MB for 20,000 items; read
        in 20 ms), or read them again when the database changed since: ``text_matches``
        then reads them instead of the index where that is cheaper (words in nearly every
        item). Every change moves the audit log's head (``services.watch``), so texts
        read before a change are never used after it. For a window that filters on
        every keystroke, called when it is idle."""
        with self.db.read() as session:
            stamp = stamp_in(session)
            if self._texts is None or self._texts[0] != stamp:
                self._texts = (stamp, item_text.resident_texts(session))

    def same_name(self, name: str, category_id: int | None, except_uuid: str | None) -> list[str]:
        """The 索引号 of the items (not deleted) of ``category_id`` named ``name``, other
        than the item ``except_uuid``."""
        name = name.strip()
        if not name or category_id is None:
            return []
        stmt = (
            select(ItemTable.index_number)
            .join(RevisionRow, and_(RevisionRow.item_id == ItemTable.id, RevisionRow.is_head))
            .where(
                ItemTable.deleted_at.is_(None),
                RevisionRow.category_id == category_id,
                RevisionRow.name == name,
            )
            .order_by(ItemTable.index_number)
        )
        if except_uuid is not None:
            stmt = stmt.where(ItemTable.uuid != except_uuid)
        with self.db.read() as session:
            return list(session.scalars(stmt))

    def search_ids(self, query: ItemQuery = ItemQuery()) -> list[int]:
        """Ids of the items matching ``query``, in the requested order."""
        with self.db.read() as session:
            return list(session.scalars(search_statement(session, query)))

    def count(self, query: ItemQuery = ItemQuery()) -> int:
        with self.db.read() as session:
            stmt = _filtered(
                session,
                select(func.count())
                .select_from(_ITEM_TABLE)
                .join(_REVISION_TABLE, _REVISIONS.item_id == _ITEMS.id),
                query,
            )
            return int(session.scalar(stmt) or 0)

    def rows(self, ids: Sequence[int]) -> list[ItemRow]:
        """Table rows for ``ids``, in the same order (missing ids are skipped)."""
        if not ids:
            return []
        stmt = _rows_statement()
        found: dict[int, ItemRow] = {}
        with self.db.read() as session:
            for start in range(0, len(ids), 900):
                chunk = list(ids[start : start + 900])
                for r in session.execute(stmt, {"ids": chunk}):
                    found[r[0]] = ItemRow(*r)
        return [found[i] for i in ids if i in found]

    def list_rows(self, query: ItemQuery = ItemQuery()) -> list[ItemRow]:
        return self.rows(self.search_ids(query))

    def status_counts(self) -> dict[tuple[ItemKind, int | None], dict[Status, int]]:
        """Counts of live (not deleted) items by (kind, category) and status."""
        stmt = (
            select(ItemTable.kind, RevisionRow.category_id, RevisionRow.status, func.count())
            .join(RevisionRow, and_(RevisionRow.item_id == ItemTable.id, RevisionRow.is_head))
            .where(ItemTable.deleted_at.is_(None))
            .group_by(ItemTable.kind, RevisionRow.category_id, RevisionRow.status)
        )
        counts: dict[tuple[ItemKind, int | None], dict[Status, int]] = {}
        with self.db.read() as session:
            for kind, category_id, status, n in session.execute(stmt):
                counts.setdefault((kind, category_id), {})[status] = n
        return counts

    def resolve(self, ref: str | int) -> int:
        """An item id from an id, a UUID or a 索引号 (for the CLI)."""
        with self.db.read() as session:
            return resolve(SessionReader(session), ref)

    def get(self, item_id: int, number: int | None = None) -> Item:
        """An item's head revision, or revision ``number``."""
        with self.db.read() as session:
            item = item_row(session, item_id, allow_deleted=True)
            return to_item(session, item, revision(item, number))

    def live(self, item_id: int) -> Item | None:
        """The revision in force (approved or published), if any."""
        with self.db.read() as session:
            item = item_row(session, item_id, allow_deleted=True)
            rev = live_revision(session, item.id)
            return to_item(session, item, rev) if rev else None

    def iter_items(
        self,
        query: ItemQuery = ItemQuery(),
        *,
        in_force: bool = False,
        batch: int = 400,
    ) -> Iterator[Item]:
        """Items matching ``query`` in its order, loaded in batches (for checks, printing
        and export). With ``in_force`` each item's approved/published revision is given
        instead of its head, and items with none are skipped."""
        yield from self.items_of(self.search_ids(query), in_force=in_force, batch=batch)

    def items_of(
        self, ids: Sequence[int], *, in_force: bool = False, batch: int = 400
    ) -> Iterator[Item]:
        """The items ``ids`` (``search_ids``) in that order, as ``iter_items`` gives them,
        for a reader that also needs the ids (printing counts them first)."""
        with self.db.read() as session:
            yield from items_in_order(bulk_reader(session), ids, in_force=in_force, batch=batch)

    def revisions(self, item_id: int) -> list[Item]:
        with self.db.read() as session:
            item = item_row(session, item_id, allow_deleted=True)
            return [to_item(session, item, rev) for rev in item.revisions]

    def history(self, item_id: int) -> list[HistoryEntry]:
        """Who did what to an item, oldest first (from the audit log)."""
        with self.db.read() as session:
            item = item_row(session, item_id, allow_deleted=True)
            stmt = (
                select(AuditRow)
                .where(AuditRow.entity == "item", AuditRow.entity_uuid == item.uuid)
                .order_by(AuditRow.id)
            )
            return [
                HistoryEntry(
                    r.at, r.operator_name, r.action, r.summary, r.before or {}, r.after or {}
                )
                for r in session.scalars(stmt)
            ]

    def transitions(self, item_id: int) -> list[Transition]:
        with self.db.read() as session:
            item = item_row(session, item_id, allow_deleted=True)
            return [
                Transition(t.action, t.from_status, t.to_status, t.at, t.operator_name, t.comment)
                for rev in item.revisions
                for t in rev.transitions
            ]
