"""The working-day calendar editor: a year's twelve months, days off in red and worked
weekend days (调休上班) in blue; a click makes a working day a day off and back, or a
weekend day worked and back. It says where the year's calendar came from (the bureau's
template or the station's edit), and that a year without one counts weekends only.
Changing it is for administrators; saving recomputes the open requests' due days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain.models import Actor
from gwgk_desktop.domain.workdays import YearCalendar, is_weekend
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services import calendars
from gwgk_desktop.services.requests import Register
from gwgk_desktop.store.database import Database

HOLIDAY = "#fde2e2"
HOLIDAY_TEXT = "#b91c1c"
WORKED = "#dbeafe"
WORKED_TEXT = "#1d4ed8"
WEEKEND_TEXT = "#9ca3af"
CELL = 26


class MonthGrid(QTableWidget):
    """One month, Monday first. Signals: ``toggled(object)`` with the date clicked."""

    toggled = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(6, 7, parent)
        names = [self.tr("一"), self.tr("二"), self.tr("三"), self.tr("四"), self.tr("五")]
        self.setHorizontalHeaderLabels([*names, self.tr("六"), self.tr("日")])
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultSectionSize(CELL)
        header.setMinimumSectionSize(CELL)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(CELL - 4)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for column in range(7):
            header.resizeSection(column, CELL)
        frame = 2 * self.frameWidth()
        self.setFixedSize(
            header.length() + frame,
            self.verticalHeader().length() + header.sizeHint().height() + frame,
        )
        self.days: dict[tuple[int, int], dt.date] = {}
        self.cellClicked.connect(self._clicked)

    def show_month(
        self, year: int, month: int, holidays: set[dt.date], worked: set[dt.date]
    ) -> None:
        self.clearContents()
        self.days.clear()
        day = dt.date(year, month, 1)
        row = 0
        while day.month == month:
            column = day.weekday()
            item = QTableWidgetItem(str(day.day))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if day in holidays:
                item.setBackground(QBrush(QColor(HOLIDAY)))
                item.setForeground(QBrush(QColor(HOLIDAY_TEXT)))
                item.setToolTip(self.tr("放假"))
            elif day in worked:
                item.setBackground(QBrush(QColor(WORKED)))
                item.setForeground(QBrush(QColor(WORKED_TEXT)))
                item.setToolTip(self.tr("调休上班"))
            elif is_weekend(day):
                item.setForeground(QBrush(QColor(WEEKEND_TEXT)))
            self.setItem(row, column, item)
            self.days[(row, column)] = day
            if column == 6:
                row += 1
            day += dt.timedelta(days=1)

    def _clicked(self, row: int, column: int) -> None:
        day = self.days.get((row, column))
        if day is not None:
            self.toggled.emit(day)


class CalendarDialog(QDialog):
    """Signals: ``saved(int)`` with the year after a save or a reset."""

    saved = Signal(int)

    def __init__(
        self, db: Database, actor: Actor, year: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.editable = actor.role in calendars.EDITORS
        self.setWindowTitle(self.tr("工作日历"))
        self.holidays: set[dt.date] = set()
        self.worked: set[dt.date] = set()
        self.dirty = False
        self.loaded_year = 0

        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setPrefix(self.tr("年份："))
        self.source_label = QLabel(self)
        self.source_label.setWordWrap(True)
        self.summary_label = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.year_spin)
        top.addWidget(self.source_label, 1)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        self.months: list[MonthGrid] = []
        for index in range(12):
            box = QVBoxLayout()
            title = QLabel(fmt(self.tr("%1月"), index + 1), self)
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            month = MonthGrid(self)
            month.toggled.connect(self.toggle)
            month.setEnabled(self.editable)
            box.addWidget(title)
            box.addWidget(month)
            grid.addLayout(box, index // 4, index % 4)
            self.months.append(month)

        legend = QLabel(
            fmt(
                self.tr(
                    '<span style="background:%1;color:%2">&nbsp;放假&nbsp;</span>　'
                    '<span style="background:%3;color:%4">&nbsp;调休上班&nbsp;</span>　'
                    "灰色数字为周末。点击日期切换：工作日⇄放假，周末⇄调休上班。"
                ),
                HOLIDAY,
                HOLIDAY_TEXT,
                WORKED,
                WORKED_TEXT,
            ),
            self,
        )
        self.import_button = QPushButton(self.tr("导入日历文件(&I)…"), self)
        self.reset_button = QPushButton(self.tr("恢复参考范本的日历(&R)"), self)
        self.save_button = QPushButton(self.tr("保存(&S)"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary_label, 1)
        for button in (self.import_button, self.reset_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        for button in (self.import_button, self.reset_button, self.save_button):
            button.setEnabled(self.editable)
            if not self.editable:
                button.setToolTip(self.tr("只有管理员可以修改工作日历"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(legend)
        layout.addLayout(buttons)
        self.year_spin.setValue(year or dt.date.today().year)
        self.year_spin.valueChanged.connect(self._year_changed)
        self.import_button.clicked.connect(self.import_file)
        self.reset_button.clicked.connect(self.reset)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.load(self.year_spin.value())

    # ------------------------------------------------------------------ state
    def year(self) -> int:
        return self.year_spin.value()

    def load(self, year: int) -> None:
        self.loaded_year = year
        info = calendars.year_info(self.db, year)
        found = info.calendar
        self.holidays = set(found.holidays) if found else set()
        self.worked = set(found.workdays) if found else set()
        if found is None:
            self.source_label.setText(calendars.missing_text([year]))
            self.source_label.setProperty("role", "error")
        else:
            self.source_label.setText(fmt(self.tr("来源：%1"), info.source))
            self.source_label.setProperty("role", "hint")
        self.source_label.style().polish(self.source_label)
        self.reset_button.setEnabled(self.editable and info.local)
        self._set_dirty(False)
        self._show()

    def _show(self) -> None:
        year = self.year()
        for index, month in enumerate(self.months):
            month.show_month(year, index + 1, self.holidays, self.worked)
        working = sum(
            1
            for n in range((dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1)
            if self._is_workday(dt.date(year, 1, 1) + dt.timedelta(days=n))
        )
        self.summary_label.setText(
            fmt(
                self.tr("放假 %1 天，调休上班 %2 天，全年工作日 %3 天"),
                len(self.holidays),
                len(self.worked),
                working,
            )
        )

    def _is_workday(self, day: dt.date) -> bool:
        if day in self.holidays:
            return False
        return day in self.worked or not is_weekend(day)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_button.setEnabled(self.editable and dirty)
        self.setWindowTitle(self.tr("工作日历") + (" *" if dirty else ""))

    def toggle(self, day: dt.date) -> None:
        """A click on ``day``: a working day becomes a day off and back; a weekend day
        becomes a worked day and back."""
        if not self.editable:
            return
        if is_weekend(day) and day not in self.holidays:
            self.worked ^= {day}
        else:
            self.holidays ^= {day}
            self.worked.discard(day)
        self._set_dirty(True)
        self._show()

    def _year_changed(self, year: int) -> None:
        if self.dirty:
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("对日历的修改尚未保存，放弃修改吗？"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.year_spin.blockSignals(True)
                self.year_spin.setValue(self.loaded_year)
                self.year_spin.blockSignals(False)
                return
        self.load(year)

    # ------------------------------------------------------------------ actions
    def save(self) -> None:
        year = YearCalendar(self.year(), frozenset(self.holidays), frozenset(self.worked))
        try:
            calendars.save_year(self.db, self.actor, year)
            changed = Register(self.db).refresh()
        except UserError as error:
            QMessageBox.warning(self, self.tr("工作日历"), error.message)
            return
        self.load(self.year())
        self.summary_label.setText(
            fmt(self.tr("已保存；%1 件未办结申请的答复期限已重新计算"), changed)
        )
        self.saved.emit(self.year())

    def reset(self) -> None:
        try:
            calendars.reset_year(self.db, self.actor, self.year())
            Register(self.db).refresh()
        except UserError as error:
            QMessageBox.warning(self, self.tr("工作日历"), error.message)
            return
        self.load(self.year())
        self.saved.emit(self.year())

    def import_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("导入工作日历"), "", self.tr("工作日历 (*.json)")
        )
        if not chosen:
            return
        try:
            found = calendars.read_file(Path(chosen))
        except UserError as error:
            QMessageBox.warning(self, self.tr("导入工作日历"), error.message)
            return
        self.year_spin.blockSignals(True)
        self.year_spin.setValue(found.year)
        self.year_spin.blockSignals(False)
        self.loaded_year = found.year
        self.holidays, self.worked = set(found.holidays), set(found.workdays)
        self._set_dirty(True)
        self._show()

    def reject(self) -> None:
        if self.dirty:
            answer = QMessageBox.question(
                self, self.windowTitle(), self.tr("对日历的修改尚未保存，放弃修改吗？")
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
