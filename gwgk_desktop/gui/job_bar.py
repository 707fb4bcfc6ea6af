"""A progress bar with a status line and a Cancel button for one ``Job`` at a time, for
pages and dialogs that show a job's progress in place (not in a progress window)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from gwgk_desktop.gui.jobs import Job


class JobBar(QWidget):
    """Shows ``follow(job)``'s progress; its button cancels the job. The bar and button
    show only while a job runs.

    Signals: ``settled()`` once the job's one result (succeeded, failed or cancelled) has
    arrived; its own handlers, connected before ``follow``, have run by then."""

    settled = Signal()

    def __init__(self, cancel_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: Job | None = None
        self._running = False
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.cancel_button = QPushButton(cancel_text)
        self.cancel_button.setObjectName("cancelJob")
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self._show_bar(False)

    def follow(self, job: Job, text: str) -> None:
        """Show ``job`` (connect its result handlers first, then call this, then start)."""
        self.job = job
        self._running = True
        job.progressed.connect(self._progressed)
        for signal in (job.succeeded, job.failed, job.cancelled):
            signal.connect(self._settle)
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(job.cancellable)
        self.status.setText(text)
        self._show_bar(True)

    def running(self) -> bool:
        """Until the job's one result has arrived (its thread may still be winding up)."""
        return self._running

    def cancel(self) -> None:
        if self.job is not None and self._running:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("正在取消……"))

    def _progressed(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        if text:
            self.status.setText(text)

    def _settle(self) -> None:
        self._running = False
        self._show_bar(False)
        self.settled.emit()

    def _show_bar(self, shown: bool) -> None:
        self.progress.setVisible(shown)
        self.cancel_button.setVisible(shown)
