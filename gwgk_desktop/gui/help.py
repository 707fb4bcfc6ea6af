"""The user guide in the application: ``F1`` anywhere opens the page about the screen in
front of the clerk, 帮助 → 使用手册 the same; the viewer lists the pages, follows links
between them and saves the whole guide as a PDF to print.

The pages are ``resources/guide/*.md`` (``services.user_guide``), shown as HTML made from
the same blocks the printed guide is made from (``pdf.markdown``), so screen and paper
say the same. Offline: nothing but the shipped files is read.

Which page: the widget with the focus, or the window, is asked first; a widget that
knows (the item editor: the chart tab wants the flowchart page) has a ``help_page()``
method, any other is looked up by its class in ``PAGES``; then its parents, up to the
window.
"""

from __future__ import annotations

import html
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QGuiApplication,
    QImageReader,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.geometry import fit_size
from gwgk_desktop.gui.help_keys import help_keys, install
from gwgk_desktop.gui.jobs import show_error
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.pdf.markdown import (
    Block,
    Heading,
    Image,
    ListBlock,
    Note,
    Page,
    Paragraph,
    Span,
    SpanKind,
    Table,
)
from gwgk_desktop.services import user_guide

#: The guide's page for each screen, by the class name of its window or dialog (or of a
#: part of a window). A class not listed opens the contents.
PAGES: dict[str, str] = {
    "MainWindow": "workbench.md",
    "LoginDialog": "install.md",
    "SetupWizard": "install.md",
    "ForgotPasswordDialog": "install.md",
    "RecoveryCodeDialog": "install.md",
    "StationDialog": "install.md",
    "OperatorsDialog": "install.md",
    "QuickEntryDialog": "flowchart.md",
    "FlowchartEditor": "flowchart.md",
    "TransitionDialog": "review.md",
    "PrintDialog": "printing.md",
    "ExportDialog": "export.md",
    "KeyDialog": "export.md",
    "TemplateImportDialog": "export.md",
    "RequestsArea": "requests.md",
    "RequestDialog": "requests.md",
    "StepDialog": "requests.md",
    "DocumentDialog": "requests.md",
    "CalendarDialog": "requests.md",
    "ReportDialog": "requests.md",
    "ReminderDialog": "requests.md",
    "PrivacyDialog": "privacy.md",
    "RecoveryDialog": "backup.md",
    "ErrorDialog": "errors.md",
    "AboutDialog": "backup.md",
    "ModeDialog": "install.md",
    "BureauDatabaseDialog": "bureau.md",
    "BureauWindow": "bureau.md",
    "NoticeDialog": "bureau.md",
    "FingerprintDialog": "bureau.md",
    "StationCatalogueDialog": "bureau.md",
}


def page_for(widget: QWidget | None) -> str:
    """The guide's page about ``widget``'s screen (the contents when none is)."""
    while widget is not None:
        asked = getattr(widget, "help_page", None)
        if callable(asked):
            page = asked()
            if isinstance(page, str) and page:
                return page
        for kind in type(widget).__mro__:
            if kind.__name__ in PAGES:
                return PAGES[kind.__name__]
        widget = widget.parentWidget()
    return user_guide.INDEX


# ---------------------------------------------------------------------------- HTML


def _spans_html(parts: tuple[Span, ...]) -> str:
    out = []
    for part in parts:
        text = html.escape(part.text)
        if part.kind is SpanKind.BOLD:
            out.append(f"<b>{text}</b>")
        elif part.kind is SpanKind.CODE:
            out.append(f"<span style='background:#eef1f5'>&nbsp;{text}&nbsp;</span>")
        elif part.kind is SpanKind.LINK:
            out.append(f"<a href='{html.escape(part.target, quote=True)}'>{text}</a>")
        else:
            out.append(text)
    return "".join(out)


def _block_html(block: Block, width: int) -> str:
    if isinstance(block, Heading):
        size = {1: "x-large", 2: "large", 3: "medium"}[block.level]
        anchor = html.escape(block.anchor, quote=True)
        return (
            f"<a name='{anchor}'></a><h{block.level} style='font-size:{size}'>"
            f"{html.escape(block.text)}</h{block.level}>"
        )
    if isinstance(block, Paragraph):
        return f"<p>{_spans_html(block.spans)}</p>"
    if isinstance(block, Note):
        return (
            "<table width='100%' cellpadding='6' style='background:#fff7e0'><tr><td>"
            f"{_spans_html(block.spans)}</td></tr></table>"
        )
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{_spans_html(item)}</li>" for item in block.items)
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, Table):
        head = "".join(
            f"<th style='background:#eceff3'>{_spans_html(c)}</th>" for c in block.header
        )
        rows = "".join(
            "<tr>" + "".join(f"<td>{_spans_html(c)}</td>" for c in row) + "</tr>"
            for row in block.rows
        )
        return (
            "<table border='1' cellspacing='0' cellpadding='4' "
            f"style='border-color:#c8ccd2'><tr>{head}</tr>{rows}</table><p></p>"
        )
    assert isinstance(block, Image)
    return _image_html(block, width)


def _image_html(block: Image, width: int) -> str:
    path = user_guide.folder() / block.path
    if not path.is_file():
        missing = QCoreApplication.translate("HelpViewer", "（图：%1）")
        return f"<p><i>{html.escape(fmt(missing, block.alt))}</i></p>"
    natural = QImageReader(str(path)).size()
    shown = min(natural.width(), max(width, 200))
    return (
        f"<p align='center'><img src='{html.escape(block.path, quote=True)}' width='{shown}'>"
        f"<br><span style='color:#555'>{html.escape(block.alt)}</span></p>"
    )


def page_html(page: Page, width: int) -> str:
    """``page`` as the viewer shows it, pictures at most ``width`` pixels wide."""
    return "".join(_block_html(block, width) for block in page.blocks)


# ---------------------------------------------------------------------------- viewer


class HelpViewer(QDialog):
    """The guide: its pages on the left, the page on the right; back and forward, the
    contents, and the whole guide saved as a PDF. Not modal: the clerk reads while
    working."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("使用手册"))
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setModal(False)
        self.pages = {page.name: page for page in user_guide.pages()}
        self.current = ""  # nothing shown yet: the first page shown has nothing to go back to
        self._history: list[tuple[str, str]] = []
        self._future: list[tuple[str, str]] = []

        self.contents = QListWidget(self)
        self.contents.setObjectName("helpContents")
        for page in self.pages.values():
            entry = QListWidgetItem(page.title, self.contents)
            entry.setData(Qt.ItemDataRole.UserRole, page.name)
        self.contents.currentItemChanged.connect(self._picked)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpPage")
        self.browser.setOpenLinks(False)
        self.browser.setSearchPaths([str(user_guide.folder())])
        self.browser.anchorClicked.connect(self._follow)

        self.back_button = QPushButton(self.tr("后退"), self)
        self.forward_button = QPushButton(self.tr("前进"), self)
        self.home_button = QPushButton(self.tr("目录"), self)
        self.pdf_button = QPushButton(self.tr("另存为 PDF…"), self)
        self.pdf_button.setToolTip(self.tr("把整本使用手册存成 PDF，可以打印"))
        close = QPushButton(self.tr("关闭"), self)
        self.back_button.clicked.connect(self.back)
        self.forward_button.clicked.connect(self.forward)
        self.home_button.clicked.connect(lambda: self.show_page(user_guide.INDEX))
        self.pdf_button.clicked.connect(self.save_pdf)
        close.clicked.connect(self.close)
        bar = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.home_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.pdf_button)
        bar.addWidget(close)

        splitter = QSplitter(self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 760])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        fit_size(self, 1000, 760)
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(150)
        self._resized.timeout.connect(self._render)
        self._update_buttons()

    def help_page(self) -> str:
        """F1 in the viewer stays on the page it shows."""
        return self.current

    # -- navigation ----------------------------------------------------------------------

    def show_page(self, target: str, *, remember: bool = True) -> None:
        """Show ``target``: a page (``flowchart.md``), optionally ``#小节``."""
        name, _hash, anchor = target.partition("#")
        name = name or self.current
        if name not in self.pages:
            name, anchor = user_guide.INDEX, ""
        if remember and self.current and (name, anchor) != (self.current, ""):
            self._history.append((self.current, ""))
            self._future.clear()
        self.current = name
        self._render()
        if anchor:
            self.browser.scrollToAnchor(anchor)
        self._select_in_contents(name)
        self._update_buttons()

    def back(self) -> None:
        if self._history:
            self._future.append((self.current, ""))
            name, anchor = self._history.pop()
            self.show_page(f"{name}#{anchor}" if anchor else name, remember=False)

    def forward(self) -> None:
        if self._future:
            self._history.append((self.current, ""))
            name, anchor = self._future.pop()
            self.show_page(f"{name}#{anchor}" if anchor else name, remember=False)

    def _follow(self, url: QUrl) -> None:
        self.show_page(url.toString())

    def _picked(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            name = item.data(Qt.ItemDataRole.UserRole)
            if name != self.current:
                self.show_page(str(name))

    def _select_in_contents(self, name: str) -> None:
        for row in range(self.contents.count()):
            entry = self.contents.item(row)
            if entry is not None and entry.data(Qt.ItemDataRole.UserRole) == name:
                self.contents.blockSignals(True)
                self.contents.setCurrentRow(row)
                self.contents.blockSignals(False)

    def _update_buttons(self) -> None:
        self.back_button.setEnabled(bool(self._history))
        self.forward_button.setEnabled(bool(self._future))

    def _render(self) -> None:
        if not self.current:
            return
        position = self.browser.verticalScrollBar().value()
        width = self.browser.viewport().width() - 40
        self.browser.setHtml(page_html(self.pages[self.current], width))
        self.browser.verticalScrollBar().setValue(position if self._resized.isActive() else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resized.start()  # pictures follow the width

    # -- printing --------------------------------------------------------------------------

    def save_pdf(self) -> Path | None:
        """Ask where, then write the whole guide as a PDF to print."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("另存使用手册"),
            user_guide.PDF_NAME,
            self.tr("PDF 文件 (*.pdf)"),
        )
        if not chosen:
            return None
        target = Path(chosen).with_suffix(".pdf")
        try:
            user_guide.write_pdf(target)
        except UserError as error:
            show_error(self, self.tr("另存使用手册"), error)
            return None
        return target


# ---------------------------------------------------------------------------- F1


def open_for_focus() -> HelpViewer:
    """The guide at the page about the widget with the focus (or the active window)."""
    focus = QApplication.focusWidget() or QApplication.activeWindow()
    return open_help(page_for(focus), focus)


def open_help(page: str, near: QWidget | None = None) -> HelpViewer:
    """Show the guide at ``page``. While a modal dialog is open, the viewer belongs to it
    (another window could not be used until the dialog closes)."""
    owner = QApplication.activeModalWidget() or (near.window() if near is not None else None)
    keys = help_keys()
    viewer = keys.viewers.get(id(owner)) if keys is not None else None
    if viewer is None or not _alive(viewer):
        viewer = HelpViewer(owner)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        if keys is not None:
            keys.viewers[id(owner)] = viewer
    viewer.show_page(page)
    if viewer.isMinimized():
        viewer.showNormal()
    viewer.show()
    if QGuiApplication.platformName() != "offscreen":  # no stacking order to change there
        viewer.raise_()
    viewer.activateWindow()
    return viewer


def _alive(widget: QWidget) -> bool:
    return shiboken6.isValid(widget)


__all__ = ["HelpViewer", "help_keys", "install", "open_for_focus", "open_help", "page_for"]
