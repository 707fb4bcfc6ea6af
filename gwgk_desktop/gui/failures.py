"""Failures in the GUI go to the log file and, when a person should know, to the error
dialog: Qt's own messages (warnings from a style, a plugin, a painter) are logged through
a Qt message handler, chained to whatever handler was there before; an uncaught exception
in a slot or an event handler is logged and shown (``ErrorDialog``), one dialog at a time.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QMessageLogContext, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from gwgk_desktop import logs

if TYPE_CHECKING:
    from gwgk_desktop.gui.error_dialog import ErrorDialog

qt_log = logging.getLogger("qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

#: Qt messages that say nothing a user or a maintainer could act on, logged at DEBUG: the
#: offscreen platform (headless screenshots, ``make run`` without a display) cannot pass
#: a window's size hints to a window manager it does not have.
HARMLESS_MESSAGES = frozenset({"This plugin does not support propagateSizeHints()"})

_installed = False


def install_qt_messages() -> None:
    """Route Qt's messages into the log (once per process)."""
    global _installed  # noqa: PLW0603 - one handler per process
    if _installed:
        return
    _installed = True
    previous = None

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        level = _LEVELS.get(mode, logging.WARNING)
        if message in HARMLESS_MESSAGES:
            level = logging.DEBUG
        qt_log.log(level, "%s", message)
        if previous is not None:
            previous(mode, context, message)

    previous = qInstallMessageHandler(handler)


class Reporter:
    """The GUI's report of an uncaught exception (already logged by ``logs``): the error
    dialog, shown from the event loop; a second failure while it is open is only logged."""

    def __init__(self, db_path: Path | None = None) -> None:
        self.db_path = db_path
        self.dialog: ErrorDialog | None = None

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if QApplication.instance() is None or self.dialog is not None:
            return
        summary = f"{exc_type.__name__}: {exc}"
        text = logs.describe(exc_type, exc, tb)
        QTimer.singleShot(0, lambda: self.show(summary, text))

    def show(self, summary: str, traceback_text: str) -> None:
        if self.dialog is not None:
            return
        # Imported when first needed: start-up does not wait for it.
        from gwgk_desktop.gui.error_dialog import ErrorDialog

        self.dialog = ErrorDialog(
            summary, traceback_text, self.db_path, QApplication.activeWindow()
        )
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        try:
            self.dialog.exec()
        finally:
            self.dialog = None


def install_error_reporting(db_path: Path | None) -> Reporter:
    """Uncaught exceptions: into the log, then the error dialog."""
    reporter = Reporter(db_path)
    logs.install_excepthooks(reporter)
    return reporter
