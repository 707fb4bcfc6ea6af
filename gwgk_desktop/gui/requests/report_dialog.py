"""The annual report screen (年度报告): the year, the three text sections and the figures
to enter (table 二 except the row counted from the catalogue, table 四), table 三 as counted
from the register with the check 一 + 二 = 三·总计 + 四 under it, and preview, print, save
and the JSON for the bureau."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain.annual_report import (
    COLUMNS3,
    COUNTED_ROW,
    COUNTED_RULE,
    FEE_ROW,
    RESULT_COLUMNS,
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS_TOTAL,
    SECTIONS,
    TABLE2,
    TABLE2_SECTION,
    TABLE3_SECTION,
    TABLE4_BLOCKS,
    TEXT_SECTIONS,
    TOTAL,
    AnnualReport,
    result_rows,
    to_json,
)
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.forms import set_role
from gwgk_desktop.gui.geometry import fit_size
from gwgk_desktop.gui.requests.document_dialog import show_document
from gwgk_desktop.gui.settings import Settings
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services import annual_report
from gwgk_desktop.services.annual_report import Entered
from gwgk_desktop.store.database import Database

# For table items, which the style sheet cannot reach; labels use its roles "good"/"bad".
GOOD = "#15803d"
BAD = "#b91c1c"


def _spin(parent: QWidget, fee: bool) -> QAbstractSpinBox:
    if fee:
        amount = QDoubleSpinBox(parent)
        amount.setDecimals(4)
        amount.setRange(0, 10**9)
        amount.setSuffix(QCoreApplication.translate("ReportDialog", " 万元"))
        return amount
    count = QSpinBox(parent)
    count.setRange(0, 10**9)
    count.setGroupSeparatorShown(False)
    return count


class ReportDialog(QDialog):
    """Signals: ``saved(int)`` with the year after the figures were saved."""

    saved = Signal(int)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        year: int | None = None,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.settings = settings if settings is not None else Settings()
        self.editable = actor.role in annual_report.EDITORS
        self.report: AnnualReport | None = None
        self.dirty = False
        self.setWindowTitle(self.tr("政府信息公开工作年度报告"))
        fit_size(self, 1180, 700)

        self.year_combo = QComboBox(self)
        years = annual_report.report_years(db)
        for value in reversed(years):
            self.year_combo.addItem(fmt(self.tr("%1年度"), value), value)
        self.check_label = QLabel(self)
        self.check_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度："), self))
        top.addWidget(self.year_combo)
        top.addWidget(self.check_label, 1)

        self.tabs = QTabWidget(self)
        self.texts: dict[str, QPlainTextEdit] = {}
        self.table2: dict[tuple[str, str], QAbstractSpinBox | QLabel] = {}
        self.table4: dict[tuple[tuple[str, ...], str], QSpinBox] = {}
        self.table4_totals: dict[tuple[str, ...], QLabel] = {}
        self.table3 = QTableWidget(self)
        for number, name in SECTIONS.items():
            self.tabs.addTab(self._page(number), fmt(self.tr("%1、%2"), number, name))

        self.save_button = QPushButton(self.tr("保存(&S)"), self)
        self.preview_button = QPushButton(self.tr("预览与打印(&P)…"), self)
        self.json_button = QPushButton(self.tr("导出数据（JSON）(&J)…"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.status = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.save_button, self.preview_button, self.json_button, self.close_button):
            buttons.addWidget(button)
        if not self.editable:
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(self.tr("年度报告由录入员或管理员填报"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        self.save_button.clicked.connect(self.save)
        self.preview_button.clicked.connect(self.preview)
        self.json_button.clicked.connect(self.export_json)
        self.close_button.clicked.connect(self.reject)
        if year is not None and self.year_combo.findData(year) >= 0:
            self.year_combo.setCurrentIndex(self.year_combo.findData(year))
        self.load()

    # ------------------------------------------------------------------ pages
    def _page(self, number: str) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        if number in TEXT_SECTIONS:
            edit = QPlainTextEdit(page)
            edit.setReadOnly(not self.editable)
            edit.setPlaceholderText(self.tr("由填报人撰写；每段一行，打印时首行缩进两字"))
            edit.textChanged.connect(self._changed)
            self.texts[number] = edit
            layout.addWidget(edit)
        elif number == TABLE2_SECTION:
            self._table2_page(page, layout)
        elif number == TABLE3_SECTION:
            self._table3_page(layout)
        else:
            self._table4_page(page, layout)
        return page

    def _table2_page(self, page: QWidget, layout: QVBoxLayout) -> None:
        for article, rows, columns in TABLE2:
            box = QGroupBox(article, page)
            grid = QGridLayout(box)
            for c, column in enumerate(columns):
                grid.addWidget(QLabel(column, box), 0, c + 1, Qt.AlignmentFlag.AlignCenter)
            for r, row in enumerate(rows):
                grid.addWidget(QLabel(row, box), r + 1, 0)
                for c, column in enumerate(columns):
                    cell: QAbstractSpinBox | QLabel
                    if row == COUNTED_ROW:
                        cell = QLabel(box)
                        cell.setAlignment(Qt.AlignmentFlag.AlignCenter)
                        cell.setToolTip(COUNTED_RULE)
                        set_role(cell, "counted")
                    else:
                        cell = _spin(box, row == FEE_ROW)
                        cell.setReadOnly(not self.editable)
                        cell.setAccessibleName(f"{row}·{column}")
                        changed = getattr(cell, "valueChanged")  # noqa: B009 (both spin kinds)
                        changed.connect(self._changed)
                    grid.addWidget(cell, r + 1, c + 1)
                    self.table2[(row, column)] = cell
            grid.setColumnStretch(0, 1)
            layout.addWidget(box)
        note = QLabel(fmt(self.tr("灰色格不用填写：%1"), COUNTED_RULE), page)
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        layout.addWidget(note)
        layout.addStretch(1)

    def _table3_page(self, layout: QVBoxLayout) -> None:
        table = self.table3
        labels = [ROW_NEW, ROW_CARRIED_IN]
        labels += [
            fmt(self.tr("三、%1 %2"), group, label or "").rstrip()
            for group, label, _ in result_rows()
        ]
        labels += [fmt(self.tr("三、%1"), ROW_RESULTS_TOTAL), ROW_CARRIED_OUT]
        labels += [self.tr("核对：一＋二"), self.tr("核对：三·总计＋四")]
        table.setRowCount(len(labels))
        table.setColumnCount(len(COLUMNS3))
        table.setHorizontalHeaderLabels(list(COLUMNS3))
        table.setVerticalHeaderLabels(labels)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
        note = QLabel(
            self.tr("本表由依申请公开登记册统计，不能手工修改；数字不对时请检查登记册。"), self
        )
        note.setProperty("role", "hint")
        layout.addWidget(table, 1)
        layout.addWidget(note)

    def _table4_page(self, page: QWidget, layout: QVBoxLayout) -> None:
        for block in TABLE4_BLOCKS:
            box = QGroupBox("·".join(block), page)
            grid = QGridLayout(box)
            for c, column in enumerate((*RESULT_COLUMNS, TOTAL)):
                grid.addWidget(QLabel(column, box), 0, c, Qt.AlignmentFlag.AlignCenter)
            for c, column in enumerate(RESULT_COLUMNS):
                spin = QSpinBox(box)
                spin.setRange(0, 10**6)
                spin.setReadOnly(not self.editable)
                spin.setAccessibleName(f"{'·'.join(block)}·{column}")
                spin.valueChanged.connect(self._changed)
                grid.addWidget(spin, 1, c)
                self.table4[(block, column)] = spin
            total = QLabel("0", box)
            total.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(total, 1, len(RESULT_COLUMNS))
            self.table4_totals[block] = total
            layout.addWidget(box)
        layout.addStretch(1)

    # ------------------------------------------------------------------ data
    def year(self) -> int:
        return int(self.year_combo.currentData())

    def figures(self) -> Entered:
        """What the screen holds as entered figures and texts."""
        figures = Entered()
        for (row, column), cell in self.table2.items():
            if isinstance(cell, QDoubleSpinBox):
                figures.table2[row][column] = round(cell.value(), 4)
            elif isinstance(cell, QSpinBox):
                figures.table2[row][column] = cell.value()
        for (block, column), spin in self.table4.items():
            figures.table4[block][column] = spin.value()
        for number, edit in self.texts.items():
            figures.texts[number] = edit.toPlainText().strip()
        return figures

    def load(self) -> None:
        """Show the year's saved figures and the counts as of now."""
        try:
            figures = annual_report.entered(self.db, self.year())
        except UserError as error:
            QMessageBox.warning(self, self.windowTitle(), error.message)
            return
        widgets = [*self.table2.values(), *self.table4.values(), *self.texts.values()]
        for widget in widgets:
            widget.blockSignals(True)
        for (row, column), cell in self.table2.items():
            if isinstance(cell, QDoubleSpinBox | QSpinBox):
                cell.setValue(figures.table2[row][column])  # type: ignore[arg-type]
        for (block, column), spin in self.table4.items():
            spin.setValue(figures.table4[block][column])
        for number, edit in self.texts.items():
            edit.setPlainText(figures.texts.get(number, ""))
        for widget in widgets:
            widget.blockSignals(False)
        self._set_dirty(False)
        self.recount()

    def recount(self) -> None:
        """Count table 三 and the catalogue row again and show the check."""
        try:
            self.report = annual_report.build(self.db, self.year(), figures=self.figures())
        except UserError as error:
            self.check_label.setText(error.message)
            return
        report = self.report
        for column, value in report.table2[COUNTED_ROW].items():
            cell = self.table2[(COUNTED_ROW, column)]
            assert isinstance(cell, QLabel)
            cell.setText(str(value))
        table = report.table3
        rows = [table.new, table.carried_in]
        rows += [table.results[outcome] for _, _, outcome in result_rows()]
        rows += [table.results_total, table.carried_out]
        balance = table.balance()
        rows += [
            {c: left for c, (left, _) in balance.items()},
            {c: right for c, (_, right) in balance.items()},
        ]
        wrong = set(table.unbalanced_columns())
        for r, values in enumerate(rows):
            for c, column in enumerate(COLUMNS3):
                item = QTableWidgetItem(str(values[column]))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if r >= len(rows) - 2:
                    item.setForeground(QBrush(QColor(BAD if column in wrong else GOOD)))
                self.table3.setItem(r, c, item)
        for block, label in self.table4_totals.items():
            label.setText(str(report.table4_with_totals()[block][TOTAL]))
        if wrong:
            self.check_label.setText(
                fmt(
                    self.tr("表三勾稽关系不符：%1。请检查登记册。"),
                    self.tr("、").join(sorted(wrong)),
                )
            )
            set_role(self.check_label, "bad")
        else:
            self.check_label.setText(
                fmt(
                    self.tr(
                        "表三核对：一＋二＝三·总计＋四，各列相符（本年新收 %1 件，办结 %2 件）"
                    ),
                    table.new[TOTAL],
                    table.results_total[TOTAL],
                )
            )
            set_role(self.check_label, "good")

    def _changed(self) -> None:
        self._set_dirty(True)
        for block, label in self.table4_totals.items():
            label.setText(str(sum(self.table4[(block, c)].value() for c in RESULT_COLUMNS)))

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_button.setEnabled(self.editable and dirty)
        self.status.setText(self.tr("有未保存的修改") if dirty else "")

    def _year_changed(self) -> None:
        if self.dirty and not self._discard_ok():
            return
        self.load()

    def _discard_ok(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr("年度报告的修改尚未保存。保存吗？"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # ------------------------------------------------------------------ actions
    def save(self) -> bool:
        try:
            annual_report.save_entered(self.db, self.actor, self.year(), self.figures())
        except UserError as error:
            QMessageBox.warning(self, self.windowTitle(), error.message)
            return False
        self._set_dirty(False)
        self.status.setText(fmt(self.tr("已保存%1年度报告的填报内容"), self.year()))
        self.recount()
        self.saved.emit(self.year())
        return True

    def preview(self) -> None:
        self.recount()
        report = self.report
        if report is None:
            return
        title = fmt(self.tr("%1年度政府信息公开工作年度报告"), report.year)
        show_document(
            self,
            title,
            lambda path: annual_report.write_pdf_of(report, path),
            fmt(self.tr("%1%2年政府信息公开工作年度报告.pdf"), report.unit, report.year),
        )

    def export_json(self) -> None:
        self.recount()
        if self.report is None:
            return
        folder = self.settings.pdf_folder or Path.home()
        name = fmt(self.tr("%1%2年度报告.json"), self.report.unit, self.report.year)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("导出年度报告数据"), str(folder / name), self.tr("JSON 文件 (*.json)")
        )
        if not chosen:
            return
        try:
            annual_report.write_json(Path(chosen), to_json(self.report))
        except UserError as error:
            QMessageBox.warning(self, self.windowTitle(), error.message)
            return
        self.status.setText(fmt(self.tr("已导出：%1"), chosen))

    def reject(self) -> None:
        if self.dirty and not self._discard_ok():
            return
        super().reject()


def report_year_default(today: dt.date | None = None) -> int:
    """The year the report screen opens on: last year until the end of March (reports are
    due by then), this year after."""
    today = today or dt.date.today()
    return today.year - 1 if today.month <= 3 else today.year
