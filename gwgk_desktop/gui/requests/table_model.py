"""The register table's model: ordered request ids from the service, lines fetched lazily
a page at a time for the rows the view paints (the item table's shape, Anki's browser
model). Colours say how close a request is to its due day; the text always says it too."""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from gwgk_desktop.domain.request_info import RequestRow
from gwgk_desktop.domain.requests import DUE_SOON_DAYS, RequestStatus
from gwgk_desktop.domain.workdays import WorkCalendar
from gwgk_desktop.gui.item_table import move_persistent_indexes
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.requests import Register, RequestQuery, RequestSort

PAGE = 100
CACHE_LIMIT = 5000

#: How close to the due day, as a colour (with the same words in the cell).
OVERDUE = "#b91c1c"
DUE_SOON = "#b45309"
WAITING = "#1d4ed8"
DONE = "#15803d"


class Column(IntEnum):
    NUMBER = 0
    RECEIVED = 1
    APPLICANT = 2
    KIND = 3
    CONTENT = 4
    STATUS = 5
    DUE = 6
    RESULT = 7


SORT_KEYS = {
    Column.NUMBER: RequestSort.NUMBER,
    Column.RECEIVED: RequestSort.RECEIVED,
    Column.APPLICANT: RequestSort.APPLICANT,
    Column.STATUS: RequestSort.STATUS,
    Column.DUE: RequestSort.DUE,
}

AnyIndex = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_USED_ROLES = frozenset({_DISPLAY, _FOREGROUND, _TOOLTIP, Qt.ItemDataRole.UserRole})


def _header(column: Column) -> str:
    names = {
        Column.NUMBER: QCoreApplication.translate("RequestTableModel", "登记编号"),
        Column.RECEIVED: QCoreApplication.translate("RequestTableModel", "收到日期"),
        Column.APPLICANT: QCoreApplication.translate("RequestTableModel", "申请人"),
        Column.KIND: QCoreApplication.translate("RequestTableModel", "申请人类型"),
        Column.CONTENT: QCoreApplication.translate("RequestTableModel", "所需信息"),
        Column.STATUS: QCoreApplication.translate("RequestTableModel", "状态"),
        Column.DUE: QCoreApplication.translate("RequestTableModel", "答复期限"),
        Column.RESULT: QCoreApplication.translate("RequestTableModel", "办理结果"),
    }
    return names[column]


class Urgency(IntEnum):
    NONE = 0
    DONE = 1
    WAITING = 2
    SOON = 3
    OVERDUE = 4


def urgency(row: RequestRow, today: dt.date, soon_limit: dt.date) -> Urgency:
    """How pressing a request is on ``today`` (``soon_limit``: 5 working days on)."""
    if row.status is RequestStatus.ANSWERED:
        return Urgency.DONE
    if row.overdue(today) or row.correction_overdue(today):
        return Urgency.OVERDUE
    if row.status is RequestStatus.AWAITING_CORRECTION:
        return Urgency.WAITING
    if row.due is not None and row.due <= soon_limit:
        return Urgency.SOON
    return Urgency.NONE


class RequestTableModel(QAbstractTableModel):
    """Rows are request ids; each row's cells come from a page cache filled on demand."""

    def __init__(self, register: Register, today: dt.date | None = None) -> None:
        super().__init__()
        self.register = register
        self.today = today or dt.date.today()
        self.calendar: WorkCalendar = register.calendar()
        self.soon_limit = self.calendar.add(self.today, DUE_SOON_DAYS)
        self.query = RequestQuery()
        self.ids: list[int] = []
        self._position: dict[int, int] = {}
        self._cache: dict[int, tuple[RequestRow, tuple[str, ...], Urgency]] = {}
        self._brushes = {
            Urgency.OVERDUE: QBrush(QColor(OVERDUE)),
            Urgency.SOON: QBrush(QColor(DUE_SOON)),
            Urgency.WAITING: QBrush(QColor(WAITING)),
            Urgency.DONE: QBrush(QColor(DONE)),
        }

    # ------------------------------------------------------------------ queries
    def set_query(self, query: RequestQuery) -> None:
        """Run ``query`` and show its rows (keeping the current sort order)."""
        self._run(
            dataclasses.replace(query, sort=self.query.sort, descending=self.query.descending)
        )

    def refresh(self) -> None:
        """Run the current query again, with the calendar as it is now."""
        self.calendar = self.register.calendar()
        self.soon_limit = self.calendar.add(self.today, DUE_SOON_DAYS)
        self._run(self.query)

    def _run(self, query: RequestQuery) -> None:
        ids = self.register.search_ids(dataclasses.replace(query, as_of=self.today))
        self.beginResetModel()
        self.query = query
        self.ids = ids
        self._position = {request_id: row for row, request_id in enumerate(ids)}
        self._cache.clear()
        self.endResetModel()

    def row_of(self, request_id: int) -> int:
        return self._position.get(request_id, -1)

    def request_id(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def line(self, row: int) -> RequestRow | None:
        entry = self._entry(row)
        return entry[0] if entry else None

    def _entry(self, row: int) -> tuple[RequestRow, tuple[str, ...], Urgency] | None:
        request_id = self.request_id(row)
        if request_id is None:
            return None
        found = self._cache.get(request_id)
        if found is None:
            self._fetch_around(row)
            found = self._cache.get(request_id)
        return found

    def _fetch_around(self, row: int) -> None:
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        start = max(0, row - PAGE // 4)
        wanted = [i for i in self.ids[start : start + PAGE] if i not in self._cache]
        for found in self.register.rows(wanted):
            level = urgency(found, self.today, self.soon_limit)
            cells = tuple(self._display(found, column, level) for column in Column)
            self._cache[found.id] = (found, cells, level)

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and 0 <= section < len(Column):
            column = Column(section)
            if role == Qt.ItemDataRole.DisplayRole:
                return _header(column)
            if role == Qt.ItemDataRole.ToolTipRole and column not in SORT_KEYS:
                return QCoreApplication.translate("RequestTableModel", "此列不能排序")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _USED_ROLES or not index.isValid():
            return None
        column = index.column()
        entry = self._entry(index.row())
        if entry is None or not 0 <= column < len(Column):
            return None
        row, cells, level = entry
        if role == _DISPLAY:
            return cells[column]
        if role == _FOREGROUND:
            if column in (Column.STATUS, Column.DUE) and level is not Urgency.NONE:
                return self._brushes[level]
            return None
        if role == _TOOLTIP:
            if column == Column.CONTENT:
                return row.content
            if column == Column.DUE:
                return cells[column]
            return None
        return row.id  # UserRole

    def _display(self, row: RequestRow, column: Column, level: Urgency) -> str:
        if column is Column.NUMBER:
            return row.number
        if column is Column.RECEIVED:
            return row.received.isoformat()
        if column is Column.APPLICANT:
            return row.applicant
        if column is Column.KIND:
            return row.applicant_type.label
        if column is Column.CONTENT:
            return row.content.replace("\n", " ")
        if column is Column.STATUS:
            return row.status.label + (
                QCoreApplication.translate("RequestTableModel", "（已延期）")
                if row.extended
                else ""
            )
        if column is Column.RESULT:
            return row.outcome.label if row.outcome else ""
        return self._due_text(row, level)

    def _due_text(self, row: RequestRow, level: Urgency) -> str:
        if row.status is RequestStatus.AWAITING_CORRECTION and row.correction_due:
            if level is Urgency.OVERDUE:
                return fmt(
                    QCoreApplication.translate("RequestTableModel", "补正期限 %1 已过"),
                    row.correction_due.isoformat(),
                )
            return fmt(
                QCoreApplication.translate("RequestTableModel", "补正期限 %1"),
                row.correction_due.isoformat(),
            )
        if row.due is None:
            return ""
        due = row.due.isoformat()
        if row.status is RequestStatus.ANSWERED:
            return due
        if level is Urgency.OVERDUE:
            late = (self.today - row.due).days
            return fmt(
                QCoreApplication.translate("RequestTableModel", "%1（已逾期%2天）"), due, late
            )
        left = self.calendar.count(self.today, row.due)
        if left == 0:
            return fmt(QCoreApplication.translate("RequestTableModel", "%1（今天到期）"), due)
        return fmt(
            QCoreApplication.translate("RequestTableModel", "%1（还剩%2个工作日）"), due, left
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(Column(column)) if 0 <= column < len(Column) else None
        if key is None:
            return
        descending = order is Qt.SortOrder.DescendingOrder
        if key is self.query.sort and descending == self.query.descending:
            return
        self.layoutAboutToBeChanged.emit()
        old_ids = self.ids
        self.query = dataclasses.replace(self.query, sort=key, descending=descending)
        self.ids = self.register.search_ids(dataclasses.replace(self.query, as_of=self.today))
        self._position = {request_id: row for row, request_id in enumerate(self.ids)}
        move_persistent_indexes(self, old_ids, self._position)
        self.layoutChanged.emit()
