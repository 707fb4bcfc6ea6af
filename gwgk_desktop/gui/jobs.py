"""Long jobs off the GUI thread: progress, cancel, a progress dialog, errors in Chinese.

``make_job(owner, work, title)`` makes a ``Job`` (a worker thread owned by ``owner``) that
runs ``work(job)`` once started: connect to its signals first, then ``job.start()`` (a
signal emitted before anyone listens is lost). The job is the work's
``progress.Progress``: ``work`` reports with ``job.report(done, total, text)`` and polls
``job.is_cancelled()`` (services take it as their ``progress``); the job ends with
exactly one of ``succeeded``, ``failed`` or ``cancelled``, delivered (queued) on the GUI
thread. With a title, a window-modal progress dialog appears once the job has taken longer
than ``SHOW_AFTER_MS``, with a Cancel button for a cancellable job. A job never outlives
its owner: when the owner's window is closed or hidden by the program, or the owner is
deleted, the job is cancelled and waited for, so nothing is left half-written behind a
closed window.

``run_job`` is the short form for a job whose result goes to one callback and whose error
is shown in a message box. Every database access inside ``work`` opens its own connection
(the store uses no pool), so it is safe in the worker thread.

Jobs are never deleted with ``deleteLater()``. With Qt 6.12 a job's deferred delete was,
rarely and only under load, delivered to a QThread that had already been destroyed (core
dumps: "pure virtual method called" and a segfault in ``deleteChildren``, both in the
destructor run by ``QEvent::DeferredDelete``); other Qt 6.7+ programs report crashes in
``deleteLater()`` too. Instead a finished job stays a child of its owner until the owner
goes, or until the owner's next job is made: then jobs that are *spent* (finished, and every
slot queued on ``finished`` delivered) are deleted at once, on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from gwgk_desktop import logs
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.gui.uiload import children

log = logging.getLogger(__name__)

#: The progress dialog appears only for jobs that take longer than this.
SHOW_AFTER_MS = 400

#: ``work(job)``: runs in the worker thread; its return value is the job's result.
Work = Callable[["Job"], Any]


def _no_work(_job: Job) -> None:
    raise RuntimeError("a job runs once")


class Job(QThread):
    """One background job, owned by a widget.

    Signals: ``progressed(done, total, text)`` while it runs (total 0 when unknown), then
    exactly one of ``succeeded(result)``, ``failed(exception)`` or ``cancelled()``, then
    QThread's ``finished()``. A cancel is a request: work that ends with an exception
    after it was requested counts as cancelled; work that completes anyway reports its
    result (it has been done, e.g. a file written)."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    # A job's C++ object can outlive its Python wrapper: when the owner's wrapper is
    # collected, the ended job's wrapper goes first, and the owner's ``destroyed`` then
    # reaches ``stop`` through a fresh wrapper that never ran ``__init__``. A job whose
    # wrapper is gone has ended (a running job's ``run`` holds it), so these are what such
    # a bare wrapper must read: nothing to cancel, spent.
    cancellable = False
    spent = True

    def __init__(self, work: Work, owner: QWidget, *, cancellable: bool = True) -> None:
        super().__init__(owner)
        self._work = work
        self._cancel = threading.Event()
        self.cancellable = cancellable
        self.progress_dialog: JobProgress | None = None
        self.spent = False
        # Direct connection: runs while the owner is being destroyed, before its
        # children (this thread among them) are deleted.
        owner.destroyed.connect(self.stop)
        self._window = owner.window()
        self._window.installEventFilter(self)
        self.finished.connect(self._release)

    # ------------------------------------------------------------ any thread
    def cancel(self) -> None:
        if self.cancellable:
            self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int, text: str = "") -> None:
        """Progress from ``work`` (worker thread); shown by the dialog, if any."""
        self.progressed.emit(done, total, text)

    # ------------------------------------------------------------ GUI thread
    @Slot()
    def stop(self) -> None:
        """Cancel (when the work allows it) and wait until the worker has ended."""
        self.cancel()
        self.wait()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The owner's window closed or hidden by the program (accepted close, a dialog's
        # done()); a spontaneous hide is the window system's (minimised), not an end.
        if event.type() == QEvent.Type.Hide and not event.spontaneous():
            self.stop()
        return False

    @Slot()
    def _release(self) -> None:
        self._window.removeEventFilter(self)
        # Queued after the slots already queued on ``finished``: once it has run, nothing
        # more is on its way to or from this job, and it may be deleted (see the module).
        QTimer.singleShot(0, self, self._mark_spent)

    @Slot()
    def _mark_spent(self) -> None:
        self.wait()
        self.spent = True

    # ------------------------------------------------------------ worker thread
    def run(self) -> None:
        work, self._work = self._work, _no_work  # let go of what the work holds once done
        try:
            result = work(self)
        except Exception as error:  # reported on the GUI thread
            if self._cancel.is_set():
                self.cancelled.emit()
                return
            if not isinstance(error, UserError):
                log.exception("background job failed")
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


class JobProgress(QProgressDialog):
    """The window-modal progress dialog of one ``Job``: shown after ``SHOW_AFTER_MS``,
    Cancel cancels the job, gone when the job has finished. Its slots are methods of this
    GUI-thread object, so the job's signals arrive queued."""

    def __init__(self, title: str, job: Job, parent: QWidget) -> None:
        super().__init__(title, QCoreApplication.translate("Jobs", "取消"), 0, 0, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        if job.cancellable:
            self.canceled.connect(job.cancel)
        else:
            self.setCancelButton(None)  # type: ignore[arg-type]  # the work cannot be interrupted half-way
        job.progressed.connect(self.on_progress)
        job.finished.connect(self.on_finished)

    @Slot(int, int, str)
    def on_progress(self, done: int, total: int, text: str) -> None:
        if text:
            self.setLabelText(text)
        self.setMaximum(max(total, 0))
        if total:
            self.setValue(min(done, total))

    @Slot()
    def on_finished(self) -> None:
        self.reset()
        self.hide()
        self.deleteLater()


def make_job(
    owner: QWidget, work: Work, title: str | None = None, *, cancellable: bool = True
) -> Job:
    """A ``Job`` owned by ``owner`` that will run ``work``, with a progress dialog when a
    ``title`` is given. Not started: connect to its signals, then call ``start()``."""
    delete_spent_jobs(owner)
    job = Job(work, owner, cancellable=cancellable)
    if title is not None:
        job.progress_dialog = JobProgress(title, job, owner)
    return job


def delete_spent_jobs(owner: QObject) -> int:
    """Delete ``owner``'s jobs that are over, now; return how many (see the module)."""
    spent = [job for job in children(owner, Job, direct=True) if job.spent]
    for job in spent:
        shiboken6.delete(job)
    return len(spent)


def error_text(error: BaseException) -> str:
    """One message for the user: a ``UserError``'s own, else an apology (the details
    are in the log)."""
    if isinstance(error, UserError):
        return error.message
    apology = QCoreApplication.translate(
        "Jobs", "发生了意外错误，操作没有完成，数据未被修改。请把日志发给技术支持。"
    )
    return f"{apology}\n({type(error).__name__}: {error})"


def show_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    """A ``UserError`` in a message box; anything else is a bug: the error dialog, with
    the traceback to copy (the failure is logged where it was caught)."""
    if isinstance(error, UserError):
        QMessageBox.critical(parent, title, error_text(error))  # type: ignore[arg-type]
        return
    text = logs.describe(type(error), error, error.__traceback__)
    summary = fmt(
        QCoreApplication.translate("Jobs", "%1：%2: %3"), title, type(error).__name__, error
    )
    # Imported when first needed (a bug, rare): start-up does not wait for it.
    from gwgk_desktop.gui.error_dialog import ErrorDialog

    dialog = ErrorDialog(summary, text, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.exec()


def run_job(
    owner: QWidget,
    title: str,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> Job:
    """Run ``work()`` (which cannot be interrupted) with a progress dialog; its result
    goes to ``on_done``, its error to ``on_error`` or a message box."""
    job = make_job(owner, lambda _job: work(), title, cancellable=False)

    def failed(error: object) -> None:
        assert isinstance(error, BaseException)
        if on_error is not None:
            on_error(error)
        else:
            show_error(owner, title, error)

    job.succeeded.connect(on_done)
    job.failed.connect(failed)
    job.start()
    return job
