"""Sending a PDF to a printer through Qt: each page is rendered by QtPdf at the printer's
resolution (capped, to keep A3 pages within memory) and painted onto a ``QPrinter``.
Qt allows painting on a QPrinter outside the GUI thread, so this runs in a ``Job``."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from gwgk_desktop.errors import UserError
from gwgk_desktop.files import write_via_temp
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.pdf.document import PrintCancelled
from gwgk_desktop.progress import Progress, step

#: Rendering above this adds nothing visible and costs memory (an A3 page at 300 dpi is
#: already ~70 MB as an image).
MAX_DPI = 300


def page_size_of(pdf: Path) -> tuple[QPageSize, QPageLayout.Orientation] | None:
    """The paper size and orientation of the PDF's first page, for the print dialog."""
    document = QPdfDocument()
    try:
        if document.load(str(pdf)) != QPdfDocument.Error.None_ or document.pageCount() < 1:
            return None
        points = document.pagePointSize(0)
    finally:
        document.close()
    landscape = points.width() > points.height()
    portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
    size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    return size, orientation


def prepare_printer(printer: QPrinter, pdf: Path) -> None:
    """Preset the printer's paper and orientation to the document's."""
    found = page_size_of(pdf)
    if found is not None:
        size, orientation = found
        printer.setPageSize(size)
        printer.setPageOrientation(orientation)


def print_pdf(pdf: Path, printer: QPrinter, progress: Progress) -> int:
    """Print the pages of ``pdf`` chosen in ``printer`` (all when no range is set), each
    scaled to the printable area with its proportions kept; return the pages printed."""
    document = QPdfDocument()
    try:
        if document.load(str(pdf)) != QPdfDocument.Error.None_:
            raise UserError(
                fmt(QCoreApplication.translate("PrintPdf", "无法读取要打印的 PDF：%1"), pdf.name),
                f"cannot load {pdf}",
            )
        count = document.pageCount()
        first = max(1, printer.fromPage()) if printer.fromPage() else 1
        last = min(count, printer.toPage()) if printer.toPage() else count
        pages = list(range(first - 1, last))
        if not pages:
            raise UserError(
                QCoreApplication.translate("PrintPdf", "所选页码范围内没有页面"), "empty page range"
            )
        painter = QPainter()
        if not painter.begin(printer):
            raise UserError(
                QCoreApplication.translate(
                    "PrintPdf", "无法连接打印机，请检查打印机是否已开启、已连接"
                ),
                "printer not ready",
            )
        try:
            dpi = min(printer.resolution(), MAX_DPI)
            for n, index in enumerate(pages):
                text = fmt(
                    QCoreApplication.translate("PrintPdf", "正在打印：第 %1 / %2 页"),
                    n + 1,
                    len(pages),
                )
                step(progress, n, len(pages), text, PrintCancelled)
                if n:
                    printer.newPage()
                points = document.pagePointSize(index)
                image = document.render(
                    index,
                    QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)),
                )
                area = QRectF(painter.viewport())
                scale = min(area.width() / image.width(), area.height() / image.height())
                width, height = image.width() * scale, image.height() * scale
                target = QRectF(
                    area.x() + (area.width() - width) / 2,
                    area.y() + (area.height() - height) / 2,
                    width,
                    height,
                )
                painter.drawImage(target, image)
            done = QCoreApplication.translate("PrintPdf", "打印完成")
            step(progress, len(pages), len(pages), done, PrintCancelled)
        finally:
            painter.end()
        return len(pages)
    finally:
        document.close()


def save_copy(source: Path, target: Path) -> Path:
    """Copy the previewed PDF ``source`` to ``target`` (``.pdf`` added when missing),
    atomically; the path written. UserError (in Chinese) when it cannot be written."""
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    write_via_temp(target, lambda temp: shutil.copyfile(source, temp))
    return target
