"""Long jobs off the GUI thread, with a progress dialog, and errors shown in Chinese.

``run_job(parent, title, work, on_done)`` runs ``work()`` in Qt's thread pool. Results and
errors come back to the GUI thread through queued signals. A ``UserError`` is shown as its
message; anything else is a bug: logged with its traceback and shown as an apology.
Every database access inside ``work`` opens its own connection (the store uses no pool),
so it is safe in the worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from gwgk_desktop.errors import UserError

log = logging.getLogger(__name__)

#: A dialog appears only for jobs that take longer than this.
SHOW_AFTER_MS = 400


class Job(QObject):
    """One background job. Signals: ``succeeded(object)`` with the result,
    ``failed(object)`` with the exception, ``done()`` after either."""

    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work


class _Runner(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        try:
            result = self.job.work()
        except Exception as error:  # reported on the GUI thread
            if not isinstance(error, UserError):
                log.exception("background job failed")
            self.job.failed.emit(error)
        else:
            self.job.succeeded.emit(result)
        self.job.done.emit()


def error_text(error: BaseException) -> str:
    if isinstance(error, UserError):
        return error.message
    apology = QCoreApplication.translate(
        "Jobs", "发生了意外错误，操作没有完成，数据未被修改。请把日志发给技术支持。"
    )
    return f"{apology}\n({type(error).__name__}: {error})"


def show_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    QMessageBox.critical(parent, title, error_text(error))


def run_job(
    parent: QWidget,
    title: str,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> Job:
    """Start ``work`` in the background; the returned job's signals tell when it ends."""
    job = Job(work, parent)
    dialog = QProgressDialog(title, "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)  # the work cannot be interrupted half-way
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)

    def finished() -> None:
        dialog.hide()
        dialog.deleteLater()
        job.deleteLater()

    def failed(error: object) -> None:
        assert isinstance(error, BaseException)
        if on_error is not None:
            on_error(error)
        else:
            show_error(parent, title, error)

    job.succeeded.connect(on_done)
    job.failed.connect(failed)
    job.done.connect(finished)
    QThreadPool.globalInstance().start(_Runner(job))
    return job
