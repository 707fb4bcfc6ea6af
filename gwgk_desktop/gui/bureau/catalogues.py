"""Catalogues at the bureau, read-only: the city-wide catalogue (every station's items in
force, searched as you type, rows fetched only for what is on screen) and one station's
catalogue in the station's own item table and editor.

The editor is the station's ``ItemEditor`` in its view-only mode, over a
``StationCatalogueView`` of the station whose item is shown: that view answers the reads
the editor makes (categories, channels, fee items, attachments) from the package.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from enum import IntEnum
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.bureau.catalogue import CityCatalogue, CityQuery, CityRow
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.station_view import StationCatalogueView
from gwgk_desktop.bureau.status import local_day, standard_categories
from gwgk_desktop.domain.enums import ItemKind, Role
from gwgk_desktop.domain.models import Actor, Item
from gwgk_desktop.gui.bureau.widgets import list_view
from gwgk_desktop.gui.editor.editor import ItemEditor
from gwgk_desktop.gui.item_table import ItemTableModel
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.queries import ItemQuery

PAGE = 100
#: How many stations' catalogues stay loaded for the editor.
CACHED_VIEWS = 8


def viewer() -> Actor:
    """Who looks at the catalogues here: the bureau, never asked to change anything."""
    return Actor(None, "bureau", QCoreApplication.translate("Bureau", "市局"), Role.REVIEWER)


def read_only_editor(parent: QWidget) -> ItemEditor:
    """The station's item editor, for viewing only (no autosave, no workflow)."""
    editor = ItemEditor(cast(Catalogue, _EMPTY_VIEW), viewer(), "", None, parent)
    editor.view_only = True
    editor.ui.workflowLabel.setVisible(False)  # no review steps at the bureau
    return editor


class _NoReference:
    def categories(self, include_inactive: bool = False) -> list[Any]:
        return []

    def channels(self) -> list[Any]:
        return []


class _NoStation:
    """The editor's source before any item is shown: no categories, no channels."""

    db = None
    reference = _NoReference()


_EMPTY_VIEW = _NoStation()


def show_item(editor: ItemEditor, view: StationCatalogueView, item: Item) -> None:
    """Show ``item`` of ``view``'s station read-only: the editor, its lists and its
    reference data follow that station (categories and channels are the station's own)."""
    source = cast(Catalogue, view)
    if editor.catalogue is not source:
        editor.catalogue = source
        editor.materials.catalogue = source
        editor.attachments.catalogue = source
        editor.reload_reference()
    editor.show_revision(item)
    # A package carries no history of the station's edits.
    editor.ui.tabs.setTabVisible(editor.ui.tabs.indexOf(editor.ui.historyPage), False)


class ViewCache:
    """Station catalogue views by organisation code, the few most recent kept."""

    def __init__(self, db: BureauDatabase) -> None:
        self.db = db
        self._views: OrderedDict[str, StationCatalogueView] = OrderedDict()

    def get(self, org_code: str) -> StationCatalogueView:
        view = self._views.pop(org_code, None)
        if view is None:
            view = StationCatalogueView(self.db, org_code)
        self._views[org_code] = view
        while len(self._views) > CACHED_VIEWS:
            self._views.popitem(last=False)
        return view

    def clear(self) -> None:
        self._views.clear()


class CityColumn(IntEnum):
    STATION = 0
    INDEX = 1
    NAME = 2
    CATEGORY = 3
    KIND = 4
    STATUS = 5
    DUE = 6
    CHECK = 7


AnyIndex = QModelIndex | QPersistentModelIndex


class CityModel(QAbstractTableModel):
    """Ordered ids of the matching items; rows fetched a page at a time when painted."""

    def __init__(self, catalogue: CityCatalogue) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.ids: list[int] = []
        self._cache: dict[int, CityRow] = {}
        self._names = dict(standard_categories())
        self._red = QBrush(QColor("#b91c1c"))
        self.today = dt.date.today()

    def set_query(self, query: CityQuery) -> None:
        ids = self.catalogue.search_ids(query)
        self.beginResetModel()
        self.ids = ids
        self._cache.clear()
        self.endResetModel()

    def item_id(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def row_of(self, row: int) -> CityRow | None:
        item_id = self.item_id(row)
        if item_id is None:
            return None
        if item_id not in self._cache:
            if len(self._cache) > 5000:
                self._cache.clear()
            start = max(0, row - PAGE // 4)
            wanted = [i for i in self.ids[start : start + PAGE] if i not in self._cache]
            for found in self.catalogue.rows(wanted):
                self._cache[found.id] = found
        return self._cache.get(item_id)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(CityColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = {
            CityColumn.STATION: QCoreApplication.translate("CityModel", "单位"),
            CityColumn.INDEX: QCoreApplication.translate("CityModel", "索引号"),
            CityColumn.NAME: QCoreApplication.translate("CityModel", "名称"),
            CityColumn.CATEGORY: QCoreApplication.translate("CityModel", "信息类别"),
            CityColumn.KIND: QCoreApplication.translate("CityModel", "类型"),
            CityColumn.STATUS: QCoreApplication.translate("CityModel", "状态"),
            CityColumn.DUE: QCoreApplication.translate("CityModel", "下次更新"),
            CityColumn.CHECK: QCoreApplication.translate("CityModel", "报送检查"),
        }
        return names.get(CityColumn(section)) if 0 <= section < len(CityColumn) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.row_of(index.row())
        if row is None:
            return None
        column = CityColumn(index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            red = (column is CityColumn.DUE and row.overdue(self.today)) or (
                column is CityColumn.CHECK and row.problems
            )
            return self._red if red else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.name if column is CityColumn.NAME else None
        if column is CityColumn.STATION:
            return row.station
        if column is CityColumn.INDEX:
            return row.index_number
        if column is CityColumn.NAME:
            return row.name
        if column is CityColumn.CATEGORY:
            return self._names.get(row.category_code or "", row.category_code or "")
        if column is CityColumn.KIND:
            return row.kind.label
        if column is CityColumn.STATUS:
            return row.status.label
        if column is CityColumn.DUE:
            if row.update_due is None:
                return ""
            if row.overdue(self.today):
                return fmt(
                    QCoreApplication.translate("CityModel", "%1（已逾期）"),
                    row.update_due.isoformat(),
                )
            return row.update_due.isoformat()
        if row.problems:
            return fmt(QCoreApplication.translate("CityModel", "%1处问题"), row.problems)
        return QCoreApplication.translate("CityModel", "通过")


class CityCataloguePage(QWidget):
    """Search every station's items; the selected one is shown in the editor."""

    SEARCH_DELAY_MS = 150

    def __init__(self, db: BureauDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.catalogue = CityCatalogue(db)
        self.views = ViewCache(db)
        self.model = CityModel(self.catalogue)

        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("检索名称、内容、依据、索引号（多个词以空格分开）"))
        self.text.setClearButtonEnabled(True)
        self.category = QComboBox(self)
        self.station = QComboBox(self)
        self.station.setMinimumContentsLength(14)
        self.kind = QComboBox(self)
        self.failing = QCheckBox(self.tr("未过检查"), self)
        self.overdue = QCheckBox(self.tr("逾期未更新"), self)
        self.count = QLabel(self)
        self.table = list_view(QTableView(self))
        self.table.setModel(self.model)
        # A whole 索引号, whatever the font: it tells the items of a station apart.
        index_width = self.table.fontMetrics().horizontalAdvance("000000000/2026-00000") + 16
        for column, width in {
            CityColumn.STATION: 190,
            CityColumn.INDEX: index_width,
            CityColumn.NAME: 200,
            CityColumn.CATEGORY: 90,
            CityColumn.KIND: 80,
            CityColumn.STATUS: 60,
            CityColumn.DUE: 90,
        }.items():
            self.table.setColumnWidth(column, width)
        self.origin = QLabel(self)
        self.origin.setWordWrap(True)
        self.editor = read_only_editor(self)

        filters = QHBoxLayout()
        filters.addWidget(self.text, 3)
        filters.addWidget(self.category, 1)
        filters.addWidget(self.station, 2)
        filters.addWidget(self.kind, 1)
        filters.addWidget(self.failing)
        filters.addWidget(self.overdue)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.origin)
        right_layout.addWidget(self.editor, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([760, 540])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.text.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.category, self.station, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self.search())
        for box in (self.failing, self.overdue):
            box.toggled.connect(lambda _on: self.search())
        self.table.selectionModel().currentRowChanged.connect(lambda c, _p: self._show(c.row()))
        self.fill_choices()

    def fill_choices(self) -> None:
        """Categories, stations with a package, kinds; then search."""
        from gwgk_desktop.bureau.status import status

        for combo in (self.category, self.station, self.kind):
            combo.blockSignals(True)
            combo.clear()
        self.category.addItem(self.tr("全部类别"), None)
        for code, name in standard_categories():
            self.category.addItem(fmt(self.tr("%1 %2"), code, name), code)
        self.station.addItem(self.tr("全部单位"), None)
        for row in status(self.db).stations:
            if row.packages:
                self.station.addItem(row.name, row.org_code)
        self.kind.addItem(self.tr("全部类型"), None)
        for kind in ItemKind:
            self.kind.addItem(kind.label, kind.value)
        for combo in (self.category, self.station, self.kind):
            combo.blockSignals(False)
        self.views.clear()
        self.search()

    def query(self) -> CityQuery:
        station = self.station.currentData()
        kind = self.kind.currentData()
        return CityQuery(
            text=self.text.text(),
            category_code=self.category.currentData(),
            org_codes=frozenset({station}) if station else frozenset(),
            kind=ItemKind(kind) if kind else None,
            failing=self.failing.isChecked(),
            overdue_on=dt.date.today() if self.overdue.isChecked() else None,
        )

    def search(self) -> None:
        self._timer.stop()
        self.model.set_query(self.query())
        self.count.setText(fmt(self.tr("共 %1 个事项"), len(self.model.ids)))
        if self.model.ids:
            self.table.selectRow(0)
        else:
            self.editor.clear()
            self.origin.setText("")

    def _show(self, row: int) -> None:
        item_id = self.model.item_id(row)
        city_row = self.model.row_of(row)
        if item_id is None or city_row is None:
            return
        view = self.views.get(city_row.org_code)
        show_item(self.editor, view, view.items.get(item_id))
        day = local_day(view.received_at)
        self.origin.setText(
            fmt(
                self.tr("%1 · 第%2号报送包（%3接收）"),
                view.station,
                view.sequence,
                day.isoformat(),
            )
        )


class StationCatalogueDialog(QDialog):
    """One station's catalogue in the station's own item table and editor, read-only."""

    def __init__(self, db: BureauDatabase, org_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = StationCatalogueView(db, org_code)
        self.setWindowTitle(
            fmt(
                self.tr("%1 的政务公开目录（第%2号报送包，%3接收）"),
                self.view.station,
                self.view.sequence,
                local_day(self.view.received_at).isoformat(),
            )
        )
        self.resize(1300, 720)
        categories = self.view.reference.categories(include_inactive=True)
        self.model = ItemTableModel(cast(Catalogue, self.view), categories)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("筛选（名称、内容、依据、索引号）"))
        self.filter.setClearButtonEnabled(True)
        self.category = QComboBox(self)
        self.category.addItem(self.tr("全部类别"), None)
        for category in self.view.reference.categories():
            self.category.addItem(fmt(self.tr("%1 %2"), category.code, category.name), category.id)
        self.count = QLabel(self)
        self.table = list_view(QTableView(self))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.editor = read_only_editor(self)

        filters = QHBoxLayout()
        filters.addWidget(self.filter, 2)
        filters.addWidget(self.category, 1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setSizes([640, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.filter.textChanged.connect(lambda _t: self.apply())
        self.category.currentIndexChanged.connect(lambda _i: self.apply())
        self.table.selectionModel().currentRowChanged.connect(lambda c, _p: self._show(c.row()))
        self.apply()
        for column, width in ((0, 200), (1, 80), (2, 160), (3, 90), (4, 90)):
            self.table.setColumnWidth(column, width)

    def apply(self) -> None:
        self.model.set_query(
            ItemQuery(text=self.filter.text(), category_id=self.category.currentData())
        )
        self.count.setText(fmt(self.tr("共 %1 项"), self.model.rowCount()))
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.editor.clear()

    def _show(self, row: int) -> None:
        item_id = self.model.item_id(row)
        if item_id is not None:
            show_item(self.editor, self.view, self.view.items.get(item_id))
