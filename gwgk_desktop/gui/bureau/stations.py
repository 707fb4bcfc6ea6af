"""The stations page: one row per registered station, coloured by how it stands (red:
never or not reported in the round, or a broken history; yellow: late or incomplete;
green: on time and complete), the round's reporting and on-time rates, and what the
selected station lacks."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.bureau import rounds
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.status import StationStatus, StatusReport, local_day, status
from gwgk_desktop.gui.bureau.widgets import list_view
from gwgk_desktop.gui.text import fmt

#: Row colours by severity (the text always says it too: never colour alone).
BACKGROUNDS = {"danger": "#fde2e2", "warning": "#fef3c7", "ok": "#dcfce7"}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Severities, worst first, for sorting.
_ORDER = {"danger": 3, "warning": 2, "none": 1, "ok": 0}


class Column(IntEnum):
    NAME = 0
    CODE = 1
    ROUND = 2
    RECEIVED = 3
    DAYS = 4
    PACKAGES = 5
    ITEMS = 6
    EMPTY = 7
    FAILING = 8
    OVERDUE = 9
    CONTINUITY = 10


def _header(column: Column) -> str:
    names = {
        Column.NAME: QCoreApplication.translate("StationModel", "单位"),
        Column.CODE: QCoreApplication.translate("StationModel", "组织机构代码"),
        Column.ROUND: QCoreApplication.translate("StationModel", "本轮报送"),
        Column.RECEIVED: QCoreApplication.translate("StationModel", "最近接收"),
        Column.DAYS: QCoreApplication.translate("StationModel", "距今天数"),
        Column.PACKAGES: QCoreApplication.translate("StationModel", "报送包"),
        Column.ITEMS: QCoreApplication.translate("StationModel", "事项"),
        Column.EMPTY: QCoreApplication.translate("StationModel", "空缺类别"),
        Column.FAILING: QCoreApplication.translate("StationModel", "未过检查"),
        Column.OVERDUE: QCoreApplication.translate("StationModel", "逾期未更新"),
        Column.CONTINUITY: QCoreApplication.translate("StationModel", "连续性"),
    }
    return names[column]


AnyIndex = QModelIndex | QPersistentModelIndex


class StationModel(QAbstractTableModel):
    """The rows of a ``StatusReport`` (a few hundred stations, all in memory)."""

    def __init__(self) -> None:
        super().__init__()
        self.report: StatusReport | None = None
        self.rows: list[StationStatus] = []
        self._brushes = {k: QBrush(QColor(v)) for k, v in BACKGROUNDS.items()}

    def set_report(self, report: StatusReport) -> None:
        self.beginResetModel()
        self.report = report
        self.rows = list(report.stations)
        self.endResetModel()

    def station(self, row: int) -> StationStatus | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return _header(Column(section))
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.station(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes.get(row.severity)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.NAME:
            lacks = row.lacks(dict(self.report.categories)) if self.report else []
            return "\n".join(lacks) or QCoreApplication.translate("StationModel", "没有问题")
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (Column.NAME, Column.ROUND):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, row: StationStatus, column: Column) -> str:
        if column is Column.NAME:
            return row.name
        if column is Column.CODE:
            return row.org_code
        if column is Column.ROUND:
            if row.standing is None:
                return ""
            if row.round_received is not None:
                day = local_day(row.round_received)
                return fmt(
                    QCoreApplication.translate("StationModel", "%1（%2月%3日）"),
                    row.standing.label,
                    day.month,
                    day.day,
                )
            return row.standing.label
        if column is Column.RECEIVED:
            return local_day(row.last_received).isoformat() if row.last_received else ""
        if column is Column.DAYS:
            return "" if row.days_since_last is None else str(row.days_since_last)
        if column is Column.PACKAGES:
            return str(row.packages)
        if row.packages == 0:
            return (
                QCoreApplication.translate("StationModel", "未报送")
                if column is Column.ITEMS
                else ""
            )
        values = {
            Column.ITEMS: row.items,
            Column.EMPTY: len(row.empty_categories),
            Column.FAILING: row.failing,
            Column.OVERDUE: row.overdue,
        }
        if column in values:
            return str(values[column])
        return row.continuity.label if row.continuity else ""

    def _sort_value(self, row: StationStatus, column: Column) -> Any:
        values: dict[Column, Any] = {
            Column.NAME: row.name,
            Column.CODE: row.org_code,
            Column.ROUND: (row.packages == 0, _ORDER.get(row.severity, 0), row.rank_key()[1]),
            Column.RECEIVED: row.last_received or dt.datetime.min,
            Column.DAYS: -1 if row.days_since_last is None else row.days_since_last,
            Column.PACKAGES: row.packages,
            Column.ITEMS: row.items,
            Column.EMPTY: len(row.empty_categories),
            Column.FAILING: row.failing,
            Column.OVERDUE: row.overdue,
            Column.CONTINUITY: row.continuity.severity if row.continuity else "",
        }
        value = values[column]
        if isinstance(value, tuple):  # a key made of numbers: as sortable text
            return "|".join(f"{int(v):+04d}" for v in value)
        return value


class StationsPage(QWidget):
    """Signals: ``open_station(str)`` with an organisation code to show its catalogue."""

    open_station = Signal(str)

    def __init__(self, db: BureauDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = StationModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        self.round_combo = QComboBox(self)
        self.round_combo.setMinimumContentsLength(18)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("按单位名称或代码筛选"))
        self.filter.setClearButtonEnabled(True)
        self.open_button = QPushButton(self.tr("查看该单位目录…"), self)
        self.table = list_view(QTableView(self))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.details = QTextBrowser(self)
        self.details.setOpenLinks(False)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("报送轮次："), self))
        top.addWidget(self.round_combo)
        top.addWidget(self.summary, 1)
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.open_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([1060, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self._sorted = False
        self.round_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_details())
        self.table.doubleClicked.connect(lambda _i: self._open())
        self.open_button.clicked.connect(self._open)
        self.fill_rounds()

    def fill_rounds(self) -> None:
        """The round choices (the latest opened first selected), then the table."""
        latest = rounds.latest_round(self.db)
        chosen = self.round_combo.currentData()
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        self.round_combo.addItem(self.tr("（不按轮次）"), None)
        for found in rounds.rounds(self.db):
            self.round_combo.addItem(found.describe(), found.id)
        target = chosen if chosen is not None else (latest.id if latest else None)
        self.round_combo.setCurrentIndex(max(0, self.round_combo.findData(target)))
        self.round_combo.blockSignals(False)
        self.refresh()

    def chosen_round(self) -> rounds.Round | None:
        round_id = self.round_combo.currentData()
        if round_id is None:
            return None
        return next((r for r in rounds.rounds(self.db) if r.id == round_id), None)

    def refresh(self) -> None:
        selected = self.selected_code()
        report = status(self.db, self.chosen_round())
        self.model.set_report(report)
        self.summary.setText(report.summary())
        if not self._sorted:
            # Who needs attention first: missing, then late, then the rest.
            self.table.sortByColumn(Column.ROUND, Qt.SortOrder.DescendingOrder)
            self._sorted = True
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(Column.NAME, min(self.table.columnWidth(Column.NAME), 240))
        self.select(selected)
        if self.selected() is None and self.proxy.rowCount():
            self.table.selectRow(0)
        self._show_details()

    def select(self, org_code: str | None) -> None:
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0))
            station = self.model.station(source.row())
            if station is not None and station.org_code == org_code:
                self.table.selectRow(row)
                return

    def selected(self) -> StationStatus | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.station(self.proxy.mapToSource(index).row())

    def selected_code(self) -> str | None:
        row = self.selected()
        return row.org_code if row else None

    def _show_details(self) -> None:
        row = self.selected()
        self.open_button.setEnabled(row is not None and row.packages > 0)
        if row is None or self.model.report is None:
            self.details.setPlainText(self.tr("选择一个单位，查看它缺少什么。"))
            return
        lines = [fmt(self.tr("%1（%2）"), row.name, row.org_code), ""]
        lacks = row.lacks(dict(self.model.report.categories))
        lines += [f"· {text}" for text in lacks] or [self.tr("· 报送及时，目录完整")]
        if row.packages:
            lines += ["", fmt(self.tr("最新报送：第%1号，事项%2个"), row.last_sequence, row.items)]
            lines += [
                fmt(self.tr("%1：%2个"), label, count) for label, count in self._statuses(row)
            ]
        lines += [
            "",
            fmt(self.tr("签名密钥：%1"), self.tr("、").join(row.key_ids) or self.tr("无有效密钥")),
        ]
        if row.revoked_keys:
            lines.append(fmt(self.tr("已吊销：%1"), self.tr("、").join(row.revoked_keys)))
        self.details.setPlainText("\n".join(lines))

    def _statuses(self, row: StationStatus) -> list[tuple[str, int]]:
        from gwgk_desktop.domain.enums import Status

        return [(Status(code).label, count) for code, count in sorted(row.statuses.items())]

    def _open(self) -> None:
        row = self.selected()
        if row is not None and row.packages:
            self.open_station.emit(row.org_code)
