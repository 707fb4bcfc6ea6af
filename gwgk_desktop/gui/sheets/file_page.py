"""The import wizard's first page: choose the file (read in a worker: a 5,000-row sheet
takes a few seconds) and the sheet; what detection found is shown at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from gwgk_desktop.domain.sheet_detect import Grid, column_letter, detect
from gwgk_desktop.gui.jobs import Job, error_text, make_job
from gwgk_desktop.gui.sheets.state import ImportState
from gwgk_desktop.gui.submission.widgets import error_label, set_message
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.sheet_files import Workbook, read_workbook

#: How much of the chosen sheet the page shows.
SHOWN_ROWS = 30
SHOWN_COLUMNS = 30


class FilePage(QWizardPage):
    """Signals: ``loaded(ok)`` when reading a chosen file ended (ok: it could be read)."""

    loaded = Signal(bool)

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.job: Job | None = None
        self._reading = False
        self.setTitle(self.tr("选择表格文件"))
        self.setSubTitle(
            self.tr(
                "选择本单位现有的政务公开目录表：Excel 或 WPS 保存的 .xlsx、.xls 都可以。"
                "程序会自己找出标题、表头、各列的含义和类别行，下一步可以检查和修改。"
            )
        )
        self.path = QLineEdit()
        self.path.setObjectName("path")
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(self.tr("尚未选择文件"))
        self.browse = QPushButton(self.tr("浏览(&B)…"))
        self.browse.setObjectName("browse")
        self.browse.clicked.connect(lambda: self.choose())  # noqa: PLW0108 (drops `checked`)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.sheets = QComboBox()
        self.sheets.setObjectName("sheets")
        self.sheets.setEnabled(False)
        self.sheets.currentTextChanged.connect(self._sheet_chosen)
        form = QFormLayout()
        file_label = QLabel(self.tr("表格文件(&F)："))
        file_label.setBuddy(self.browse)
        form.addRow(file_label, row)
        sheet_label = QLabel(self.tr("工作表(&W)："))
        sheet_label.setBuddy(self.sheets)
        form.addRow(sheet_label, self.sheets)
        self.found = QLabel()
        self.found.setObjectName("found")
        self.found.setWordWrap(True)
        self.error = error_label()
        self.error.setObjectName("error")
        self.sheet_view = QTableWidget(0, 0)
        self.sheet_view.setObjectName("sheetView")
        self.sheet_view.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.sheet_view.setWordWrap(False)
        self.sheet_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.found)
        layout.addWidget(self.error)
        layout.addWidget(self.sheet_view, 1)

    def initializePage(self) -> None:
        self.browse.setFocus()

    def isComplete(self) -> bool:
        return self.state.grid is not None and not self.reading()

    def reading(self) -> bool:
        """Until the reading job's one result has arrived."""
        return self._reading

    def choose(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self,
                self.tr("选择政务公开目录表"),
                "",
                self.tr("Excel/WPS 表格 (*.xlsx *.xlsm *.xls *.et);;所有文件 (*)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        self.load(path)

    def load(self, path: Path) -> None:
        state = self.state
        state.path, state.workbook, state.grid, state.mapping, state.plan = (
            path,
            None,
            None,
            None,
            None,
        )
        self.path.setText(str(path))
        self.found.clear()
        set_message(self.error, "")
        self.sheets.blockSignals(True)
        self.sheets.clear()
        self.sheets.setEnabled(False)
        self.sheets.blockSignals(False)
        self.completeChanged.emit()
        self.job = make_job(self, lambda _job: read_workbook(path), self.tr("正在读取表格……"))
        self.job.succeeded.connect(self._read)
        self.job.failed.connect(self._failed)
        self._reading = True
        self.job.start()

    def _read(self, workbook: Workbook) -> None:
        self._reading = False
        state = self.state
        state.workbook = workbook
        chosen = next(
            (g.name for g in workbook.sheets if detect(g, state.categories).columns),
            workbook.sheets[0].name if workbook.sheets else "",
        )
        self.sheets.blockSignals(True)
        self.sheets.addItems(workbook.names)
        self.sheets.setCurrentText(chosen)
        self.sheets.blockSignals(False)
        self.sheets.setEnabled(len(workbook.sheets) > 1)
        self._sheet_chosen(chosen)
        self.loaded.emit(True)

    def _failed(self, error: BaseException) -> None:
        self._reading = False
        set_message(self.error, error_text(error))
        self.completeChanged.emit()
        self.loaded.emit(False)

    def _sheet_chosen(self, name: str) -> None:
        state = self.state
        if state.workbook is None or not name:
            return
        state.choose_sheet(name)
        mapping, grid = state.mapping, state.grid
        assert mapping is not None and grid is not None
        self._show_sheet(grid)
        if not mapping.columns:
            self.found.setText(
                fmt(
                    self.tr(
                        "工作表“%1”中没有找到“序号、公开事项、公开内容……”这样的表头。"
                        "可以换一个工作表，或在下一步指定表头所在的行。"
                    ),
                    name,
                )
            )
        else:
            first = mapping.header_row + 1
            last = first + mapping.header_rows - 1
            rows = (
                fmt(self.tr("第%1行"), first)
                if first == last
                else fmt(self.tr("第%1～%2行"), first, last)
            )
            known = sum(1 for c in mapping.columns if c.meaning.value != "ignore")
            matched = sum(1 for code in mapping.categories.values() if code)
            self.found.setText(
                fmt(
                    self.tr("找到了：标题“%1”；表头在%2，%3列中识别出%4列；类别%5个（对上%6个）。"),
                    mapping.title or self.tr("（无）"),
                    rows,
                    len(mapping.columns),
                    known,
                    len(mapping.categories),
                    matched,
                )
            )
        self.completeChanged.emit()

    def _show_sheet(self, grid: Grid) -> None:
        """The top of the sheet as Excel shows it (merged cells merged), so the clerk sees
        this is the right file."""
        view = self.sheet_view
        view.clearSpans()
        rows, columns = min(grid.n_rows, SHOWN_ROWS), min(grid.n_cols, SHOWN_COLUMNS)
        view.setRowCount(rows)
        view.setColumnCount(columns)
        view.setHorizontalHeaderLabels([column_letter(c) for c in range(columns)])
        for r in range(rows):
            for c in range(columns):
                text = grid.raw(r, c)
                if text:
                    item = QTableWidgetItem(text.replace("\n", " "))
                    item.setToolTip(text)
                    view.setItem(r, c, item)
        for merge in grid.merges:
            if merge.top < rows and merge.left < columns:
                height = min(merge.bottom, rows - 1) - merge.top + 1
                width = min(merge.right, columns - 1) - merge.left + 1
                if height > 1 or width > 1:
                    view.setSpan(merge.top, merge.left, height, width)
        header = view.horizontalHeader()
        for c in range(columns):
            header.resizeSection(c, 110)
