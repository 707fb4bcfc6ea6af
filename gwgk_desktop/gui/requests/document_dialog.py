"""Previewing, printing and saving one generated document (a request's 告知书, the annual
report): the PDF is written in a background ``Job`` into a private temporary folder, the
preview shows that very file, "另存为 PDF" copies it, "打印" prints its pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt, QTemporaryDir, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop import session_temp
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.geometry import fit_size
from gwgk_desktop.gui.jobs import Job, error_text, make_job
from gwgk_desktop.gui.printing.preview import PdfPreview
from gwgk_desktop.gui.printing.printer import prepare_printer, print_pdf, save_copy
from gwgk_desktop.gui.settings import Settings
from gwgk_desktop.gui.text import fmt


class Written(Protocol):
    @property
    def pages(self) -> int: ...

    @property
    def font_messages(self) -> tuple[str, ...]: ...


class DocumentDialog(QDialog):
    """Shows the document ``produce(path)`` writes. Signals: ``ready(int)`` with the page
    count, ``saved(str)`` with the saved file, ``failed(str)`` with a shown message."""

    ready = Signal(int)
    saved = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        title: str,
        produce: Callable[[Path], Written],
        filename: str,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.title = title
        self.produce = produce
        self.filename = filename
        self.settings = settings if settings is not None else Settings()
        fit_size(self, 820, 700)
        self.preview = PdfPreview(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.print_button = QPushButton(self.tr("打印(&P)…"), self)
        self.save_button = QPushButton(self.tr("另存为 PDF(&S)…"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)
        self._temp = QTemporaryDir(session_temp.template("document-"))
        self._job: Job | None = None
        self._printer: QPrinter | None = None
        self._started = False
        self._set_ready(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            QTimer.singleShot(0, self.generate)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def _fail(self, message: str) -> None:
        self.status.setText(message)
        self.failed.emit(message)

    def _run(self, title: str, work: Callable[[Job], Any], done: Callable[[Any], None]) -> None:
        self._set_ready(False)
        job = make_job(self, work, title, cancellable=False)
        job.succeeded.connect(done)
        job.failed.connect(lambda error: self._fail(error_text(error)))
        job.finished.connect(self._job_done)
        self._job = job
        job.start()

    def _job_done(self) -> None:
        self._job = None
        self._set_ready(self.preview.path is not None)

    def generate(self) -> None:
        if self._job is not None or not self.isVisible():
            return
        if not self._temp.isValid():
            self._fail(self.tr("无法创建临时文件夹，不能生成预览"))
            return
        target = Path(self._temp.path()) / "document.pdf"
        produce = self.produce
        self.status.setText(self.tr("正在生成……"))
        self._run(
            fmt(self.tr("正在生成 %1"), self.title), lambda _job: produce(target), self._loaded
        )

    def _loaded(self, written: Written) -> None:
        try:
            pages = self.preview.load(Path(self._temp.path()) / "document.pdf")
        except UserError as error:
            self._fail(error.message)
            return
        notes = [fmt(self.tr("共 %1 页"), pages), *written.font_messages]
        self.status.setText(self.tr("；").join(notes))
        self.ready.emit(pages)

    def save_pdf(self) -> None:
        source = self.preview.path
        if source is None:
            return
        folder = self.settings.pdf_folder or Path.home()
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("另存为 PDF"), str(folder / self.filename), self.tr("PDF 文件 (*.pdf)")
        )
        if not chosen:
            return
        try:
            target = save_copy(source, Path(chosen))
        except UserError as error:
            self._fail(error.message)
            return
        self.settings.pdf_folder = target.parent
        self.status.setText(fmt(self.tr("已保存：%1"), target))
        self.saved.emit(str(target))

    def print_document(self) -> None:
        pdf = self.preview.path
        if pdf is None or self._job is not None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, pdf)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._printer = printer

        def work(job: Job) -> int:
            return print_pdf(pdf, printer, job)

        self._run(
            self.tr("正在打印"),
            work,
            lambda pages: self.status.setText(fmt(self.tr("已送往打印机：%1 页"), pages)),
        )

    def done(self, result: int) -> None:
        super().done(result)
        self.preview.clear()


def show_document(
    parent: QWidget, title: str, produce: Callable[[Path], Written], filename: str
) -> DocumentDialog:
    """Open the preview of one document, modal, deleted when closed."""
    dialog = DocumentDialog(title, produce, filename, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
