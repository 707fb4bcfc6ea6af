"""The item table's model: ordered item ids from the service, rows fetched lazily.

``Catalogue.search_ids`` gives the ids matching the filter in the chosen order (cheap even
for 20,000 items); ``Catalogue.rows`` fetches the few fields shown, one page of rows at a
time, only for rows the view actually paints. No ORM object or session reaches Qt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap

from gwgk_desktop.domain.enums import Status
from gwgk_desktop.domain.models import Category, ItemRow
from gwgk_desktop.gui.text import fmt, local_time
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.queries import ItemQuery, SortKey

PAGE = 100
# Text matches fewer than the ordered ids over this are put in order by their positions
# (sorting a few) rather than by reading every ordered id.
FEW_MATCHES = 16
#: Rows kept in memory; beyond this the cache starts again (a user scrolled far).
CACHE_LIMIT = 5000

#: Colours of the statuses; the text is always shown too (never colour alone).
STATUS_COLOURS = {
    Status.DRAFT: "#6b7280",
    Status.PENDING: "#b45309",
    Status.APPROVED: "#1d4ed8",
    Status.PUBLISHED: "#15803d",
    Status.WITHDRAWN: "#b91c1c",
}


class Column(IntEnum):
    NAME = 0
    STATUS = 1
    INDEX = 2
    KIND = 3
    CATEGORY = 4
    LEVEL = 5
    REVISION = 6
    UPDATED = 7
    DUE = 8


# How many columns there are (asked per cell painted: ``len(Column)`` costs a call).
COLUMNS = len(Column)

SORT_KEYS = {
    Column.INDEX: SortKey.INDEX,
    Column.NAME: SortKey.NAME,
    Column.KIND: SortKey.KIND,
    Column.CATEGORY: SortKey.CATEGORY,
    Column.STATUS: SortKey.STATUS,
    Column.LEVEL: SortKey.LEVEL,
    Column.UPDATED: SortKey.UPDATED,
}


def _header(column: Column) -> str:
    names = {
        Column.INDEX: QCoreApplication.translate("ItemTableModel", "索引号"),
        Column.NAME: QCoreApplication.translate("ItemTableModel", "名称"),
        Column.KIND: QCoreApplication.translate("ItemTableModel", "类型"),
        Column.CATEGORY: QCoreApplication.translate("ItemTableModel", "信息类别"),
        Column.STATUS: QCoreApplication.translate("ItemTableModel", "状态"),
        Column.LEVEL: QCoreApplication.translate("ItemTableModel", "层级"),
        Column.REVISION: QCoreApplication.translate("ItemTableModel", "版本"),
        Column.UPDATED: QCoreApplication.translate("ItemTableModel", "修改时间"),
        Column.DUE: QCoreApplication.translate("ItemTableModel", "下次更新"),
    }
    return names[column]


def status_icon(status: Status) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(STATUS_COLOURS[status]))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


AnyIndex = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_USED_ROLES = frozenset({_DISPLAY, _FOREGROUND, _DECORATION, _TOOLTIP, Qt.ItemDataRole.UserRole})


class ItemTableModel(QAbstractTableModel):
    """Rows are item ids; each row's fields come from a page cache filled on demand."""

    def __init__(
        self,
        catalogue: Catalogue,
        categories: Sequence[Category],
        today: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.categories = {c.id: c for c in categories}
        self.today = today or dt.date.today()
        self.query = ItemQuery()
        self.ids: list[int] = []
        self._base_query = ItemQuery()
        self._base_ids: list[int] | None = None
        self._base_positions: dict[int, int] | None = None
        self._positions: dict[int, int] | None = {}
        # Rows by id with their cells' texts, made when first painted (most columns are
        # off screen). Kept when the filter changes: a row's fields do not depend on it.
        self._cache: dict[int, tuple[ItemRow, list[str | None]]] = {}
        # What the free text found, for the texts that lead up to the current one (typing
        # forward, each was the text a keystroke ago): erasing characters again asks the
        # index nothing.
        self._text_matches: dict[str, set[int] | None] = {}
        self._icons = {status: status_icon(status) for status in Status}
        self._headers = [_header(column) for column in Column]
        self._overdue_brush = QBrush(QColor("#b91c1c"))
        self._status_brushes = {s: QBrush(QColor(c)) for s, c in STATUS_COLOURS.items()}

    # ------------------------------------------------------------------ queries
    def set_query(self, query: ItemQuery) -> None:
        """Run ``query`` and show its rows (keeping the current sort order)."""
        query = dataclasses.replace(query, sort=self.query.sort, descending=self.query.descending)
        self._run(query)

    def refresh(self) -> None:
        """Run the current query again (after a change that may add or remove rows)."""
        self._base_ids = None
        self._cache.clear()
        self._text_matches.clear()
        self._run(self.query)

    def _search(self, query: ItemQuery) -> list[int]:
        """The ids of ``query`` in order. The ordered ids without the free text are kept,
        so a keystroke in the filter only asks which items contain the words and narrows
        them, instead of ordering 20,000 rows again."""
        base = dataclasses.replace(query, text="")
        if self._base_ids is None or base != self._base_query:
            self._base_ids = self.catalogue.items.search_ids(base)
            self._base_positions = None
            self._base_query = base
        matches = self._matches(query.text)
        if matches is None:
            return list(self._base_ids)
        if len(matches) * FEW_MATCHES > len(self._base_ids):
            # filter() tests the ids without a step of Python per id (half the time).
            return list(filter(matches.__contains__, self._base_ids))
        # A few matches: put them in order instead of reading all the ordered ids.
        if self._base_positions is None:
            self._base_positions = {item_id: n for n, item_id in enumerate(self._base_ids)}
        positions = self._base_positions
        shown = [item_id for item_id in matches if item_id in positions]
        shown.sort(key=positions.__getitem__)
        return shown

    def _matches(self, text: str) -> set[int] | None:
        """``text_matches(text)``, remembered while ``text`` leads up to what is typed."""
        found = self._text_matches
        for earlier in [t for t in found if not text.startswith(t)]:
            del found[earlier]
        if text not in found:
            found[text] = self.catalogue.items.text_matches(text)
        return found[text]

    def _run(self, query: ItemQuery) -> None:
        ids = self._search(query)
        if ids == self.ids and query.sort == self.query.sort:
            # The same rows (typing a 索引号 whose first digits every item has): nothing
            # to lay out or paint again.
            self.query = query
            return
        self.beginResetModel()
        self.query = query
        self.ids = ids
        self._positions = None  # made when first asked for: most keystrokes never do
        self.endResetModel()

    def refresh_items(self, item_ids: Sequence[int]) -> None:
        """Fetch the rows of ``item_ids`` again (they were edited)."""
        self._text_matches.clear()  # their texts may have changed too
        for item_id in item_ids:
            self._cache.pop(item_id, None)
            row = self._position().get(item_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def row_of(self, item_id: int) -> int:
        if self._positions is None:
            # One look-up after a new filter (each keystroke, with an item open) reads
            # the ids instead of making a map of all of them.
            try:
                return self.ids.index(item_id)
            except ValueError:
                return -1
        return self._positions.get(item_id, -1)

    def _position(self) -> dict[int, int]:
        """Row of each id shown."""
        if self._positions is None:
            self._positions = {item_id: row for row, item_id in enumerate(self.ids)}
        return self._positions

    def item_id(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def item_row(self, row: int) -> ItemRow | None:
        entry = self._entry(row)
        return entry[0] if entry is not None else None

    def _entry(self, row: int) -> tuple[ItemRow, list[str | None]] | None:
        item_id = self.item_id(row)
        if item_id is None:
            return None
        found = self._cache.get(item_id)
        if found is None:
            self._fetch_around(row)
            found = self._cache.get(item_id)
        return found

    def _fetch_around(self, row: int) -> None:
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        start = max(0, row - PAGE // 4)
        wanted = [i for i in self.ids[start : start + PAGE] if i not in self._cache]
        blank: list[str | None] = [None] * len(Column)
        for found in self.catalogue.items.rows(wanted):
            self._cache[found.id] = (found, blank.copy())

    def _cell(self, row: ItemRow, cells: list[str | None], column: int) -> str:
        """A cell's text, made once: painting asks for it over and over."""
        text = cells[column]
        if text is None:
            text = cells[column] = self._display(row, Column(column))
        return text

    # ------------------------------------------------------------------ Qt model
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        """The view asks for the index of every cell it paints: Qt's own asks
        ``rowCount`` and ``columnCount`` first, two calls into Python instead of none."""
        if 0 <= row < len(self.ids) and 0 <= column < COLUMNS and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and 0 <= section < COLUMNS:
            if role == Qt.ItemDataRole.DisplayRole:
                # The header asks after every new filter: its texts are made once.
                return self._headers[section]
            column = Column(section)
            if role == Qt.ItemDataRole.ToolTipRole and column not in SORT_KEYS:
                return QCoreApplication.translate("ItemTableModel", "此列不能排序")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every visible cell on each repaint: answer the roles
        # we do not use before looking anything up.
        if role not in _USED_ROLES or not index.isValid():
            return None
        column = index.column()
        entry = self._entry(index.row())
        if entry is None or not 0 <= column < COLUMNS:
            return None
        return self._value(entry[0], entry[1], column, role)

    def _value(self, row: ItemRow, cells: list[str | None], column: int, role: int) -> Any:
        """The cell's value for ``role`` (one of ``_USED_ROLES``)."""
        if role == _DISPLAY:
            return self._cell(row, cells, column)
        if role == _FOREGROUND:
            if column == Column.STATUS:
                return self._status_brushes[row.status]
            if column == Column.DUE and row.overdue(self.today):
                return self._overdue_brush
            return None
        if role == _DECORATION:
            return self._icons[row.status] if column == Column.STATUS else None
        if role == _TOOLTIP:
            if column == Column.NAME:
                return row.name
            if column == Column.STATUS:
                return self._status_tip(row)
            return None
        return row.id  # UserRole

    def multiData(self, index: AnyIndex, roleDataSpan: Any) -> None:  # noqa: N803
        """Every role a view's delegate asks for a cell, in one call (Qt 6 paints each
        cell through this): the row is looked up once instead of once per role."""
        if not index.isValid():
            return
        entry = self._entry(index.row())
        column = index.column()
        if entry is None or not 0 <= column < COLUMNS:
            return
        row, cells = entry
        for role_data in roleDataSpan:
            role = role_data.role()
            if role in _USED_ROLES:
                # Set even when None: the view hands the same span from cell to cell, and
                # an entry left alone keeps the last cell's value.
                role_data.setData(self._value(row, cells, column, role))

    def _display(self, row: ItemRow, column: Column) -> str:
        if column is Column.INDEX:
            return row.index_number
        if column is Column.NAME:
            return row.name or QCoreApplication.translate("ItemTableModel", "（未命名）")
        if column is Column.KIND:
            return row.kind.label
        if column is Column.CATEGORY:
            category = self.categories.get(row.category_id or -1)
            return category.name if category else ""
        if column is Column.STATUS:
            return row.status.label
        if column is Column.LEVEL:
            return row.level.label
        if column is Column.REVISION:
            if row.live_revision is not None:
                return fmt(
                    QCoreApplication.translate("ItemTableModel", "%1（在用第%2版）"),
                    row.revision,
                    row.live_revision,
                )
            return str(row.revision)
        if column is Column.UPDATED:
            return local_time(row.updated_at)
        if row.update_due is None:
            return ""
        due = row.update_due.isoformat()
        if row.overdue(self.today):
            return fmt(QCoreApplication.translate("ItemTableModel", "%1（已逾期）"), due)
        return due

    def _status_tip(self, row: ItemRow) -> str:
        if row.live_revision is not None:
            return fmt(
                QCoreApplication.translate("ItemTableModel", "第%1版为%2；已审核的第%3版仍然有效"),
                row.revision,
                row.status.label,
                row.live_revision,
            )
        return row.status.label

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(Column(column)) if 0 <= column < len(Column) else None
        if key is None:
            return
        descending = order is Qt.SortOrder.DescendingOrder
        if key is self.query.sort and descending == self.query.descending:
            return
        # The view keeps its selection through persistent indexes: move them along.
        self.layoutAboutToBeChanged.emit()
        old_ids = self.ids
        self.query = dataclasses.replace(self.query, sort=key, descending=descending)
        self.ids = self._search(self.query)
        self._positions = None
        move_persistent_indexes(self, old_ids, self._position())
        self.layoutChanged.emit()


def move_persistent_indexes(
    model: QAbstractTableModel, old_ids: Sequence[int], position: dict[int, int]
) -> None:
    """After an id model re-ordered its rows (between ``layoutAboutToBeChanged`` and
    ``layoutChanged``): move the view's persistent indexes (its selection, its current
    row) to where their ids now are; ``position`` maps an id to its new row."""
    persistent = model.persistentIndexList()
    moved = []
    for index in persistent:
        row_id = old_ids[index.row()] if 0 <= index.row() < len(old_ids) else None
        new_row = position.get(row_id, -1) if row_id is not None else -1
        moved.append(model.index(new_row, index.column()) if new_row >= 0 else QModelIndex())
    model.changePersistentIndexList(persistent, moved)
