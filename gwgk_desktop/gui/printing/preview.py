"""The in-app preview: the real PDF pages rendered by QtPdf (pdfium) in a ``QPdfView``,
with page navigation and zoom. What is seen is exactly what is printed or saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Signal, Slot
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.text import fmt

ZOOM_STEP = 1.25


class PdfPreview(QWidget):
    """Shows one PDF file. Signals: ``loaded(int)`` with the page count."""

    loaded = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.path: Path | None = None

        self.page_spin = QSpinBox(self)
        self.page_spin.setRange(1, 1)
        self.page_spin.setPrefix(self.tr("第 "))
        self.page_spin.setSuffix(self.tr(" 页"))
        self.page_count_label = QLabel(self)
        self.fit_width_button = QPushButton(self.tr("适合宽度"), self)
        self.fit_page_button = QPushButton(self.tr("整页"), self)
        self.zoom_in_button = QPushButton(self.tr("放大"), self)
        self.zoom_out_button = QPushButton(self.tr("缩小"), self)

        bar = QHBoxLayout()
        bar.addWidget(self.page_spin)
        bar.addWidget(self.page_count_label)
        bar.addStretch(1)
        for button in (
            self.fit_width_button,
            self.fit_page_button,
            self.zoom_out_button,
            self.zoom_in_button,
        ):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.page_spin.valueChanged.connect(self._jump)
        self.fit_width_button.clicked.connect(self._fit_width)
        self.fit_page_button.clicked.connect(self._fit_page)
        self.zoom_in_button.clicked.connect(self._zoom_in)
        self.zoom_out_button.clicked.connect(self._zoom_out)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.page_spin,
            self.fit_width_button,
            self.fit_page_button,
            self.zoom_in_button,
            self.zoom_out_button,
        ):
            widget.setEnabled(enabled)

    def load(self, path: Path) -> int:
        """Show ``path``; return its page count."""
        self.document.close()
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            self.path = None
            self._set_enabled(False)
            raise UserError(
                fmt(self.tr("无法打开生成的 PDF：%1（%2）"), path.name, error.name),
                f"cannot load {path}: {error}",
            )
        self.path = path
        pages = self.document.pageCount()
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1, max(1, pages))
        self.page_spin.setValue(1)
        self.page_spin.blockSignals(False)
        self.page_count_label.setText(self.tr("共 %n 页", "", pages))
        self._set_enabled(True)
        self.loaded.emit(pages)
        return pages

    def clear(self) -> None:
        self.document.close()
        self.path = None
        self.page_count_label.clear()
        self._set_enabled(False)

    def page_count(self) -> int:
        return self.document.pageCount()

    @Slot(int)
    def _jump(self, page: int) -> None:
        self.view.pageNavigator().jump(page - 1, QPointF(), self.view.zoomFactor())

    @Slot(int)
    def _page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)

    @Slot()
    def _fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    @Slot()
    def _fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    @Slot()
    def _zoom_in(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(8.0, self.view.zoomFactor() * ZOOM_STEP))

    @Slot()
    def _zoom_out(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, self.view.zoomFactor() / ZOOM_STEP))
