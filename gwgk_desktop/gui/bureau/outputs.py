"""What the office prints and hands on: the inspection notice (通报), previewed page by page
as it will print, then printed or saved; and the city-wide catalogue exported as Excel or
PDF. Both are written in a worker with a progress dialog."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QTemporaryDir, Signal
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.bureau import rounds
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.export import CatalogueFile, export_catalogue
from gwgk_desktop.bureau.notice import NoticeResult, write_notice
from gwgk_desktop.errors import UserError
from gwgk_desktop.files import write_via_temp
from gwgk_desktop.gui.jobs import Job, make_job, run_job, show_error
from gwgk_desktop.gui.printing.preview import PdfPreview
from gwgk_desktop.gui.printing.printer import prepare_printer, print_pdf
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.progress import SILENT


class NoticeDialog(QDialog):
    """Options on the left, the notice's pages on the right. Signals: ``generated(int)``
    with the page count of a new preview."""

    generated = Signal(int)

    def __init__(self, db: BureauDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("生成通报"))
        self.resize(1200, 720)
        self._folder = QTemporaryDir()
        self.notice: NoticeResult | None = None
        self.job: Job | None = None

        self.round_combo = QComboBox(self)
        self.round_combo.addItem(self.tr("（不按轮次，通报当前情况）"), None)
        latest = rounds.latest_round(db)
        for found in rounds.rounds(db):
            self.round_combo.addItem(found.describe(), found.id)
        if latest is not None:
            self.round_combo.setCurrentIndex(self.round_combo.findData(latest.id))
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate.currentDate())
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("留空：打印后由办公室填写"))
        self.office = QLineEdit(db.office(), self)
        self.generate_button = QPushButton(self.tr("生成预览"), self)
        self.print_button = QPushButton(self.tr("打印…"), self)
        self.save_button = QPushButton(self.tr("另存为 PDF…"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.preview = PdfPreview(self)

        form = QFormLayout()
        form.addRow(self.tr("报送轮次："), self.round_combo)
        form.addRow(self.tr("成文日期："), self.date)
        form.addRow(self.tr("发文字号："), self.number)
        form.addRow(self.tr("发文机关："), self.office)
        options = QWidget(self)
        options.setMaximumWidth(380)
        options_layout = QVBoxLayout(options)
        options_layout.addLayout(form)
        options_layout.addWidget(self.generate_button)
        options_layout.addWidget(self.status)
        options_layout.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            options_layout.addWidget(button)
        layout = QHBoxLayout(self)
        layout.addWidget(options)
        layout.addWidget(self.preview, 1)

        self.generate_button.clicked.connect(self.generate)
        self.print_button.clicked.connect(self.print_notice)
        self.save_button.clicked.connect(lambda _checked=False: self.save_pdf())
        self.close_button.clicked.connect(self.reject)
        self._set_ready(False)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def chosen_round(self) -> rounds.Round | None:
        round_id = self.round_combo.currentData()
        return next((r for r in rounds.rounds(self.db) if r.id == round_id), None)

    def generate(self) -> Job | None:
        if self.job is not None and self.job.isRunning():
            return None
        office = self.office.text().strip()
        try:
            if office and office != self.db.office():
                self.db.set_office(office)
        except UserError as error:
            show_error(self, self.windowTitle(), error)
            return None
        day = self.date.date().toPython()
        assert isinstance(day, dt.date)
        chosen, number = self.chosen_round(), self.number.text().strip()
        target = Path(self._folder.path()) / f"notice-{dt.datetime.now():%H%M%S%f}.pdf"

        def work(_job: Job) -> NoticeResult:
            return write_notice(self.db, target, chosen, date=day, number=number)

        self._set_ready(False)
        self.status.setText(self.tr("正在生成……"))
        job = make_job(self, work, self.tr("正在生成通报"), cancellable=False)
        job.succeeded.connect(self._generated)
        job.failed.connect(self._failed)
        self.job = job
        job.start()
        return job

    def _generated(self, result: object) -> None:
        assert isinstance(result, NoticeResult)
        self.notice = result
        pages = self.preview.load(result.path)
        self.preview.view.setZoomMode(QPdfView.ZoomMode.FitInView)  # a whole page at a time
        self.status.setText(
            fmt(
                self.tr("共 %1 页，%2 个单位。字体：%3"),
                pages,
                result.stations,
                self.tr("；").join(result.fonts),
            )
        )
        self._set_ready(True)
        self.generated.emit(pages)

    def _failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        self.status.setText("")
        show_error(self, self.windowTitle(), error)

    def save_pdf(self, target: Path | None = None) -> Path | None:
        if self.notice is None:
            return None
        if target is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("另存为 PDF"), self.tr("通报.pdf"), self.tr("PDF 文件 (*.pdf)")
            )
            if not chosen:
                return None
            target = Path(chosen)
        source = self.notice.path
        try:
            write_via_temp(target, lambda temp: shutil.copyfile(source, temp))
        except UserError as error:
            show_error(self, self.windowTitle(), error)
            return None
        self.status.setText(fmt(self.tr("已保存：%1"), target))
        return target

    def print_notice(self) -> None:
        if self.notice is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.notice.path)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        pdf = self.notice.path
        self._printer = printer  # alive until the job ends

        def work() -> int:
            return print_pdf(pdf, printer, SILENT)

        run_job(
            self,
            self.tr("正在打印"),
            work,
            lambda pages: self.status.setText(fmt(self.tr("已送往打印机：%1 页"), pages)),
        )

    def done(self, result: int) -> None:
        super().done(result)
        self.preview.clear()


def export_city_catalogue(
    db: BureauDatabase, parent: QWidget, target: Path | None = None, org_codes: Any = None
) -> Job | None:
    """Ask where (Excel or PDF) and export the city-wide catalogue in a worker."""
    from PySide6.QtCore import QCoreApplication

    if target is None:
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("Outputs", "导出全市目录"),
            QCoreApplication.translate("Outputs", "全市政务公开目录.xlsx"),
            QCoreApplication.translate("Outputs", "Excel 工作簿 (*.xlsx);;PDF 文件 (*.pdf)"),
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() not in (".xlsx", ".pdf"):
            target = target.with_name(target.name + (".pdf" if "pdf" in chosen_filter else ".xlsx"))
    out = target

    def work(job: Job) -> CatalogueFile:
        return export_catalogue(db, out, org_codes, progress=job)

    def done(result: object) -> None:
        assert isinstance(result, CatalogueFile)
        QMessageBox.information(
            parent,
            QCoreApplication.translate("Outputs", "导出全市目录"),
            fmt(
                QCoreApplication.translate("Outputs", "已导出 %1：%2 个单位、%3 个事项。"),
                result.path,
                result.stations,
                result.items,
            ),
        )

    job = make_job(parent, work, QCoreApplication.translate("Outputs", "正在导出全市目录"))
    job.succeeded.connect(done)
    job.failed.connect(
        lambda error: show_error(
            parent, QCoreApplication.translate("Outputs", "导出全市目录"), error
        )
    )
    job.start()
    return job
