"""Running a PDF job off the GUI thread with a cancellable progress dialog.

The job is a callable that takes a ``Progress`` callback; the callback forwards progress
to the dialog through a queued signal and raises ``PrintCancelled`` once the user pressed
Cancel, which unwinds the job (the PDF writer then removes its temporary file).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from gwgk_desktop.services.printing import PrintCancelled

log = logging.getLogger(__name__)

#: The progress dialog appears only when a job takes longer than this.
SHOW_AFTER_MS = 300

Work = Callable[[Callable[[str, int, int], None]], Any]


class Task(QThread):
    """One background job. Signals: ``progressed(str, int, int)`` (step, done, total;
    total 0 when unknown), ``succeeded(object)`` with the result, ``failed(object)`` with
    the exception (``PrintCancelled`` when cancelled)."""

    progressed = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self.progress_dialog: QProgressDialog | None = None

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _report(self, step: str, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise PrintCancelled()
        self.progressed.emit(step, done, total)

    def run(self) -> None:
        try:
            result = self._work(self._report)
        except Exception as error:  # handed to the GUI thread, which shows it
            if not isinstance(error, PrintCancelled):
                log.info("print job failed: %s", error, exc_info=True)
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


class JobProgress(QProgressDialog):
    """The window-modal progress dialog of one ``Task``; Cancel cancels the task. Its
    slots are methods of this GUI-thread object so the task's signals arrive queued."""

    def __init__(self, title: str, task: Task, parent: QWidget) -> None:
        super().__init__(title, QCoreApplication.translate("Jobs", "取消"), 0, 0, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        task.progressed.connect(self.on_progress)
        task.finished.connect(self.on_finished)
        self.canceled.connect(task.cancel)

    @Slot(str, int, int)
    def on_progress(self, step: str, done: int, total: int) -> None:
        self.setLabelText(step)
        self.setMaximum(max(total, 0))
        if total:
            self.setValue(min(done, total))

    @Slot()
    def on_finished(self) -> None:
        self.reset()
        self.deleteLater()


def start_with_progress(parent: QWidget, title: str, work: Work) -> Task:
    """Start ``work`` in a ``Task`` shown by a ``JobProgress`` dialog; the caller
    connects to the task's signals."""
    task = Task(work, parent)
    task.progress_dialog = JobProgress(title, task, parent)
    task.start()
    return task
