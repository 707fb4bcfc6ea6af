"""What the office prints and hands on: the inspection notice (通报), previewed page by page
as it will print, then printed or saved; and the city-wide catalogue exported as Excel or
PDF. Both are written in a worker with a progress dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
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
from gwgk_desktop.gui.jobs import Job, make_job, show_error
from gwgk_desktop.gui.requests.document_dialog import DocumentDialog, show_document
from gwgk_desktop.gui.text import fmt


@dataclass(frozen=True)
class NoticeOptions:
    round_: rounds.Round | None
    date: dt.date
    number: str


class NoticeDialog(DocumentDialog):
    """The notice's options on the left, its pages on the right (``DocumentDialog``:
    preview, print, save as PDF); it is written once on opening and again by 生成预览.
    ``ready(int)`` carries the page count of each new preview."""

    def __init__(self, db: BureauDatabase, parent: QWidget | None = None) -> None:
        self.db = db
        super().__init__(
            QCoreApplication.translate("NoticeDialog", "生成通报"),
            self._write,
            QCoreApplication.translate("NoticeDialog", "通报.pdf"),
            parent,
        )
        self.resize(1200, 720)
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
        self.generate_button.clicked.connect(self.generate)

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
        options_layout.addStretch(1)
        # The options beside the preview, above the status and the buttons.
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.removeWidget(self.preview)
        row = QHBoxLayout()
        row.addWidget(options)
        row.addWidget(self.preview, 1)
        layout.insertLayout(0, row, 1)
        self.ready.connect(
            lambda _pages: self.preview.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        )
        self._options = NoticeOptions(None, dt.date.today(), "")

    def chosen_round(self) -> rounds.Round | None:
        round_id = self.round_combo.currentData()
        return next((r for r in rounds.rounds(self.db) if r.id == round_id), None)

    def generate(self) -> None:
        """Write the notice with the options shown (read here, on the GUI thread)."""
        if self._job is not None:  # the worker reads the options of the running job
            return
        office = self.office.text().strip()
        try:
            if office and office != self.db.office():
                self.db.set_office(office)
        except UserError as error:
            self._fail(error.message)
            return
        day = self.date.date().toPython()
        assert isinstance(day, dt.date)
        self._options = NoticeOptions(self.chosen_round(), day, self.number.text().strip())
        super().generate()

    def _write(self, target: Path) -> NoticeResult:
        options = self._options
        return write_notice(
            self.db, target, options.round_, date=options.date, number=options.number
        )


def export_city_catalogue(
    db: BureauDatabase, parent: QWidget, target: Path | None = None, org_codes: Any = None
) -> Job | None:
    """Ask where (Excel or PDF) and export the city-wide catalogue in a worker."""
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


@dataclass(frozen=True)
class CataloguePdf:
    """What the document preview needs of the catalogue's PDF."""

    pages: int
    font_messages: tuple[str, ...]


def preview_city_catalogue(
    db: BureauDatabase, parent: QWidget, org_codes: Sequence[str] | None = None
) -> DocumentDialog:
    """The city-wide catalogue (or that of ``org_codes``) as a PDF in the document preview,
    written in a worker, to print or save from there."""

    def produce(path: Path) -> CataloguePdf:
        written = export_catalogue(db, path, org_codes)
        warning = written.font.warning if written.font is not None else None
        return CataloguePdf(written.pages or 0, (warning,) if warning else ())

    return show_document(
        parent,
        QCoreApplication.translate("Outputs", "打印全市目录"),
        produce,
        QCoreApplication.translate("Outputs", "全市政务公开目录.pdf"),
    )
