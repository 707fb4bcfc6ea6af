"""The import wizard's second page: what each column means, which category each section
title names, what unknown channel names stand for, and where the header is, with a
preview of the first rows read as items. Every choice can be saved to a file and loaded
for next year's sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from gwgk_desktop.domain.sheet_detect import MAX_HEADER_ROWS, mapping_at
from gwgk_desktop.domain.sheet_layout import Meaning
from gwgk_desktop.domain.sheet_rows import SheetItem, read_items, unknown_channels
from gwgk_desktop.errors import UserError
from gwgk_desktop.files import write_bytes_atomic
from gwgk_desktop.gui.sheets.state import ImportState
from gwgk_desktop.gui.submission.widgets import error_label, set_message
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.sheet_import import adopt_mapping, read_mapping

#: How many items the preview shows.
PREVIEW_ROWS = 50
#: The preview waits this long after the last change (typing through combos).
PREVIEW_DELAY_MS = 150


class MappingPage(QWizardPage):
    """Signals: ``previewed()`` after the preview was brought up to date."""

    previewed = Signal()

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.setTitle(self.tr("检查各列的含义"))
        self.setSubTitle(
            self.tr(
                "右边是按当前设置读出的前几行事项。某列认错了，就在左边改它的含义；"
                "类别行或渠道名称对不上，在“类别”“渠道名称”中指定。"
            )
        )
        self.column_boxes: dict[int, QComboBox] = {}
        self.category_boxes: dict[str, QComboBox] = {}
        self.channel_boxes: dict[str, QComboBox] = {}

        self.header_row = QSpinBox()
        self.header_row.setObjectName("headerRow")
        self.header_row.setMinimum(1)
        self.header_rows = QSpinBox()
        self.header_rows.setObjectName("headerRows")
        self.header_rows.setRange(1, MAX_HEADER_ROWS)
        for box in (self.header_row, self.header_rows):
            box.valueChanged.connect(self._header_moved)
        header = QHBoxLayout()
        row_label = QLabel(self.tr("表头从第(&R)"))
        row_label.setBuddy(self.header_row)
        header.addWidget(row_label)
        header.addWidget(self.header_row)
        rows_label = QLabel(self.tr("行开始，共(&N)"))
        rows_label.setBuddy(self.header_rows)
        header.addWidget(rows_label)
        header.addWidget(self.header_rows)
        header.addWidget(QLabel(self.tr("行")))
        header.addStretch(1)
        self.save_button = QPushButton(self.tr("保存映射(&S)…"))
        self.save_button.setObjectName("saveMapping")
        self.save_button.clicked.connect(lambda: self.save_mapping())  # noqa: PLW0108
        self.load_button = QPushButton(self.tr("载入映射(&L)…"))
        self.load_button.setObjectName("loadMapping")
        self.load_button.clicked.connect(lambda: self.load_mapping())  # noqa: PLW0108
        header.addWidget(self.save_button)
        header.addWidget(self.load_button)

        self.columns_form = QFormLayout()
        self.categories_form = QFormLayout()
        self.channels_form = QFormLayout()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mappingTabs")
        self.tabs.addTab(_scrolled(self.columns_form), self.tr("列的含义(&C)"))
        self.tabs.addTab(_scrolled(self.categories_form), self.tr("类别(&K)"))
        self.tabs.addTab(_scrolled(self.channels_form), self.tr("渠道名称(&H)"))

        self.preview = QTableWidget(0, 0)
        self.preview.setObjectName("preview")
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(False)
        self.preview.verticalHeader().setVisible(False)
        self.preview_label = QLabel()
        self.preview_label.setObjectName("previewLabel")
        self.preview_label.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.preview_label)
        right_layout.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tabs)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 600])
        self.error = error_label()
        self.error.setObjectName("error")
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.refresh_preview)

    # ------------------------------------------------------------ filling
    def initializePage(self) -> None:
        self._fill()
        self.refresh_preview()
        self.tabs.setFocus()

    def _fill(self) -> None:
        mapping, grid = self.state.mapping, self.state.grid
        assert mapping is not None and grid is not None
        for box in (self.header_row, self.header_rows):
            box.blockSignals(True)
        self.header_row.setMaximum(max(grid.n_rows, 1))
        self.header_row.setValue(mapping.header_row + 1)
        self.header_rows.setValue(mapping.header_rows)
        for box in (self.header_row, self.header_rows):
            box.blockSignals(False)
        set_message(self.error, "")
        self._fill_columns()
        self._fill_categories()
        self._fill_channels()

    def _fill_columns(self) -> None:
        mapping = self.state.mapping
        assert mapping is not None
        _clear(self.columns_form)
        self.column_boxes = {}
        for column in mapping.columns:
            box = QComboBox()
            box.setObjectName(f"column{column.letter}")
            for meaning in Meaning:
                box.addItem(meaning.label, meaning.value)
            box.setCurrentIndex(box.findData(column.meaning.value))
            box.currentIndexChanged.connect(self._changed)
            label = QLabel(fmt(self.tr("%1列“%2”"), column.letter, column.header))
            label.setBuddy(box)
            label.setWordWrap(True)
            self.columns_form.addRow(label, box)
            self.column_boxes[column.index] = box
        if not mapping.columns:
            self.columns_form.addRow(QLabel(self.tr("这一行不像表头：请调整上面表头所在的行。")))

    def _fill_categories(self) -> None:
        mapping = self.state.mapping
        assert mapping is not None
        _clear(self.categories_form)
        self.category_boxes = {}
        for text, code in mapping.categories.items():
            box = QComboBox()
            box.addItem(self.tr("（没有对应：这些行不能导入）"), "")
            for category in self.state.categories:
                box.addItem(category.name, category.code)
            box.setCurrentIndex(max(box.findData(code or ""), 0))
            box.currentIndexChanged.connect(self._changed)
            label = QLabel(text)
            label.setBuddy(box)
            label.setWordWrap(True)
            self.categories_form.addRow(label, box)
            self.category_boxes[text] = box
        if not mapping.categories:
            self.categories_form.addRow(QLabel(self.tr("没有找到类别行，也没有“信息类别”列。")))

    def _fill_channels(self) -> None:
        mapping, grid = self.state.mapping, self.state.grid
        assert mapping is not None and grid is not None
        _clear(self.channels_form)
        self.channel_boxes = {}
        names = list(mapping.channels) + unknown_channels(grid, mapping, self.state.reference)
        for name in names:
            box = QComboBox()
            box.addItem(self.tr("（未指定：这一行不能导入）"), None)
            box.addItem(self.tr("（不导入这个名称）"), "")
            for channel in self.state.channels:
                box.addItem(channel.name, channel.code)
            if name in mapping.channels:
                box.setCurrentIndex(max(box.findData(mapping.channels[name]), 0))
            box.currentIndexChanged.connect(self._changed)
            label = QLabel(name)
            label.setBuddy(box)
            self.channels_form.addRow(label, box)
            self.channel_boxes[name] = box
        self.tabs.setTabText(
            2,
            fmt(self.tr("渠道名称(&H)（%1）"), len(names)) if names else self.tr("渠道名称(&H)"),
        )
        if not names:
            self.channels_form.addRow(QLabel(self.tr("表中的渠道名称都认识。")))

    # ------------------------------------------------------------ changes
    def _changed(self) -> None:
        mapping = self.state.mapping
        assert mapping is not None
        for column in mapping.columns:
            box = self.column_boxes.get(column.index)
            if box is not None:
                column.meaning = Meaning(box.currentData())
        mapping.categories = {
            text: (box.currentData() or None) for text, box in self.category_boxes.items()
        }
        mapping.channels = {
            name: box.currentData()
            for name, box in self.channel_boxes.items()
            if box.currentData() is not None
        }
        self.state.plan = None
        self.timer.start()

    def _header_moved(self) -> None:
        grid = self.state.grid
        assert grid is not None
        old = self.state.mapping
        mapping = mapping_at(
            grid, self.header_row.value() - 1, self.header_rows.value(), self.state.categories
        )
        if old is not None:
            mapping.channels = old.channels
        self.state.mapping = mapping
        self.state.plan = None
        self._fill_columns()
        self._fill_categories()
        self._fill_channels()
        self.timer.start()

    def save_mapping(self, path: Path | None = None) -> None:
        mapping = self.state.mapping
        assert mapping is not None
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("保存列映射"), "", self.tr("列映射 (*.json)")
            )
            if not chosen:
                return
            path = Path(chosen if chosen.endswith(".json") else chosen + ".json")
        try:
            write_bytes_atomic(path, mapping.to_json().encode("utf-8"))
        except UserError as error:
            set_message(self.error, error.message)
            return
        set_message(self.error, "")
        self.preview_label.setText(fmt(self.tr("映射已保存到 %1"), path))

    def load_mapping(self, path: Path | None = None) -> None:
        grid = self.state.grid
        assert grid is not None
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, self.tr("载入列映射"), "", self.tr("列映射 (*.json)")
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            saved = read_mapping(path)
        except UserError as error:
            set_message(self.error, error.message)
            return
        self.state.mapping = adopt_mapping(saved, grid, self.state.categories)
        self.state.plan = None
        self._fill()
        self.refresh_preview()

    # ------------------------------------------------------------ preview
    def refresh_preview(self) -> None:
        self.timer.stop()
        state = self.state
        assert state.grid is not None and state.mapping is not None
        reading = read_items(state.grid, state.mapping, state.reference)
        problems: dict[int, list[str]] = {}
        for problem in reading.problems:
            if problem.row is not None:
                problems.setdefault(problem.row, []).append(
                    ("✖ " if problem.is_error else "⚠ ") + problem.message
                )
        names = {c.code: c.name for c in state.categories}
        channel_names = {c.code: c.name for c in state.channels}
        headers = [
            self.tr("行"),
            self.tr("问题"),
            self.tr("信息类别"),
            self.tr("一级事项"),
            self.tr("事项名称"),
            self.tr("公开内容（要素）"),
            self.tr("公开渠道和载体"),
            self.tr("公开对象"),
            self.tr("公开方式"),
            self.tr("公开层级"),
        ]
        shown = reading.items[:PREVIEW_ROWS]
        self.preview.clear()
        self.preview.setColumnCount(len(headers))
        self.preview.setHorizontalHeaderLabels(headers)
        self.preview.setRowCount(len(shown))
        for r, item in enumerate(shown):
            found = problems.get(item.row, [])
            cells = _preview_cells(item, names, channel_names, found)
            colour = None
            if any(p.startswith("✖") for p in found):
                colour = QColor("#f8d7da")
            elif found:
                colour = QColor("#fff3cd")
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text.replace("\n", " ⏎ "))
                cell.setToolTip(text)
                if colour is not None and c <= 1:
                    cell.setBackground(QBrush(colour))
                self.preview.setItem(r, c, cell)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.resizeColumnsToContents()
        for column in range(len(headers)):
            widest = 90 if column >= 7 else 160  # the three choices are short words
            header.resizeSection(column, min(header.sectionSize(column), widest))
        errors = len(reading.errors)
        self.preview_label.setText(
            fmt(
                self.tr(
                    "表中共%1行事项、%2个类别行；下面是前%3行。发现%4个错误、%5个提醒（下一步列出全部）。"
                ),
                len(reading.items),
                reading.sections,
                len(shown),
                errors,
                len(reading.problems) - errors,
            )
        )
        self.previewed.emit()


def _preview_cells(
    item: SheetItem, categories: dict[str, str], channels: dict[str, str], problems: list[str]
) -> list[str]:
    values = item.values
    comma = QCoreApplication.translate("MappingPage", "、")
    semicolon = QCoreApplication.translate("MappingPage", "；")
    choice = {k: getattr(values.get(k), "label", "") for k in ("audience", "mode", "level")}
    return [
        str(item.row),
        semicolon.join(problems),
        categories.get(item.category_code or "", ""),
        str(values.get("level1", "")),
        item.name,
        str(values.get("content", "")),
        comma.join(channels.get(c, c) for c in values.get("channels", ())),
        choice["audience"],
        choice["mode"],
        choice["level"],
    ]


def _scrolled(form: QFormLayout) -> QScrollArea:
    host = QWidget()
    host.setLayout(form)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(host)
    return area


def _clear(form: QFormLayout) -> None:
    while form.rowCount():
        form.removeRow(0)
