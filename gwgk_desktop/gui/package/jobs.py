"""Running a long service call (check, export) off the GUI thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.text import fmt

log = logging.getLogger(__name__)

#: ``work(progress, cancelled)``: the service call, given a progress callback and a
#: function that says whether the user asked to cancel.
Work = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]


class JobThread(QThread):
    """Runs ``work`` in a worker thread.

    Signals: ``progressed(done, total, text)`` while it runs, then exactly one of
    ``succeeded(result)``, ``failed(message)`` (one Chinese message) or ``cancelled()``.
    Receivers live in the GUI thread, so the signals arrive there (queued)."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self._cancel.is_set)
        except UserError as error:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.failed.emit(error.message)
        except Exception as error:  # a bug: say so, keep the details in the log
            log.exception("background job failed")
            self.failed.emit(
                fmt(
                    QCoreApplication.translate(
                        "Jobs", "发生意外错误（%1），操作未完成；详情已写入日志"
                    ),
                    type(error).__name__,
                )
            )
        else:
            self.succeeded.emit(result)
