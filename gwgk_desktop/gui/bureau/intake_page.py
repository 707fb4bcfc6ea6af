"""The intake page: choose a folder (a USB stick) or package files, or drop them here; the
packages are verified and recorded in a worker with a progress dialog, and each one's
outcome is listed (accepted, received before, refused with the reason in Chinese). Below,
every refused attempt so far."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from gwgk_desktop.bureau import intake
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.models import Rejection
from gwgk_desktop.bureau.status import utc_start_of
from gwgk_desktop.gui.bureau.widgets import list_table
from gwgk_desktop.gui.jobs import Job, make_job, show_error

#: Outcome colours (the outcome is also written out in the first column).
COLOURS = {
    intake.ACCEPTED: "#15803d",
    intake.ALREADY: "#6b7280",
    intake.REJECTED: "#b91c1c",
    intake.FAILED: "#b45309",
}


class IntakePage(QWidget):
    """Signals: ``changed()`` after packages were recorded (the other pages refresh)."""

    changed = Signal()

    def __init__(self, db: BureauDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setAcceptDrops(True)
        self.job: Job | None = None
        self.last_report: intake.IntakeReport | None = None

        self.folder_button = QPushButton(self.tr("从文件夹接收（U盘）…"), self)
        self.files_button = QPushButton(self.tr("选择报送包文件…"), self)
        self.received = QDateEdit(self)
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("yyyy-MM-dd")
        self.received.setDate(QDate.currentDate())
        self.received.setMaximumDate(QDate.currentDate())
        self.received.setToolTip(self.tr("报送包送达市局的日期（按时与否以此为准）"))
        hint = QLabel(
            self.tr("也可以把报送包文件或 U 盘中的文件夹拖到这里。原文件不会被改动或删除。"),
            self,
        )
        hint.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.results = list_table(self, [self.tr("结果"), self.tr("文件"), self.tr("说明")])
        self.results.setColumnWidth(0, 80)
        self.results.setColumnWidth(1, 200)
        self.rejections = list_table(
            self, [self.tr("时间"), self.tr("文件"), self.tr("单位代码"), self.tr("拒收原因")]
        )
        self.rejections.setColumnWidth(0, 130)
        self.rejections.setColumnWidth(1, 200)
        self.rejections.setColumnWidth(2, 100)

        buttons = QHBoxLayout()
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.files_button)
        buttons.addSpacing(16)
        buttons.addWidget(QLabel(self.tr("收到日期："), self))
        buttons.addWidget(self.received)
        buttons.addStretch(1)
        this_time = QGroupBox(self.tr("本次接收"), self)
        this_layout = QVBoxLayout(this_time)
        this_layout.addWidget(self.summary)
        this_layout.addWidget(self.results, 1)
        history = QGroupBox(self.tr("拒收记录"), self)
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.rejections)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addWidget(this_time, 3)
        layout.addWidget(history, 2)

        self.folder_button.clicked.connect(self.choose_folder)
        self.files_button.clicked.connect(self.choose_files)
        self.summary.setText(self.tr("尚未接收。"))
        self.fill_rejections()

    # ------------------------------------------------------------ choosing
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择存放报送包的文件夹（U盘）"))
        if folder:
            self.take_in([Path(folder)])

    def choose_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("选择报送包文件"), "", self.tr("报送包 (*.gwgk);;所有文件 (*)")
        )
        if files:
            self.take_in([Path(f) for f in files])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.take_in(paths)

    # ------------------------------------------------------------ the job
    def received_at(self) -> dt.datetime | None:
        """Noon of the chosen day (None: today, i.e. now)."""
        day = self.received.date().toPython()
        assert isinstance(day, dt.date)
        if day == dt.date.today():
            return None
        return utc_start_of(day) + dt.timedelta(hours=12)

    def take_in(self, paths: list[Path]) -> Job:
        """Verify and record the packages among ``paths`` in a worker."""
        received_at = self.received_at()

        def work(job: Job) -> intake.IntakeReport:
            return intake.take_in(
                self.db,
                paths,
                received_at=received_at,
                progress=job,
            )

        job = make_job(self, work, self.tr("正在接收报送包"))
        job.succeeded.connect(self._done)
        job.failed.connect(lambda error: show_error(self, self.tr("接收报送包"), error))
        job.finished.connect(self.fill_rejections)
        self.job = job
        for button in (self.folder_button, self.files_button):
            button.setEnabled(False)
        job.finished.connect(self._enable)
        job.start()
        return job

    def _enable(self) -> None:
        for button in (self.folder_button, self.files_button):
            button.setEnabled(True)

    def _done(self, report: object) -> None:
        assert isinstance(report, intake.IntakeReport)
        self.last_report = report
        self.summary.setText(report.summary())
        self.results.setRowCount(0)
        for outcome in report.outcomes:
            self._add_result(
                outcome.label, Path(outcome.source).name, outcome.message, outcome.result
            )
        for source in report.not_reached:
            self._add_result(self.tr("未处理"), Path(source).name, "", intake.FAILED)
        self.results.resizeRowsToContents()
        if report.count(intake.ACCEPTED):
            self.changed.emit()

    def _add_result(self, label: str, name: str, message: str, result: str) -> None:
        row = self.results.rowCount()
        self.results.insertRow(row)
        brush = QBrush(QColor(COLOURS[result]))
        for column, text in enumerate((label, name, message)):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            if column == 0:
                cell.setForeground(brush)
            self.results.setItem(row, column, cell)

    def fill_rejections(self) -> None:
        with self.db.read() as session:
            found = session.scalars(
                select(Rejection).order_by(Rejection.at.desc()).limit(500)
            ).all()
        self.rejections.setRowCount(len(found))
        for row, rejection in enumerate(found):
            when = rejection.at.replace(tzinfo=dt.UTC).astimezone()
            values = (
                when.strftime("%Y-%m-%d %H:%M"),
                Path(rejection.source).name,
                rejection.org_code or "",
                rejection.message,
            )
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setToolTip(rejection.source if column == 1 else text)
                self.rejections.setItem(row, column, cell)
