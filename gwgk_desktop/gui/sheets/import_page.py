"""The import wizard's last page: the import itself, one transaction in a worker with a
progress bar; 取消 (or closing the wizard) rolls it back and nothing is imported."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWizardPage

from gwgk_desktop.gui.job_bar import JobBar
from gwgk_desktop.gui.jobs import error_text, make_job
from gwgk_desktop.gui.sheets.state import ImportState
from gwgk_desktop.gui.submission.widgets import error_label, set_message
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.sheet_import import ImportResult, apply


class ImportPage(QWizardPage):
    """Signals: ``finished_import(ok)`` when the import ended (ok: it was imported)."""

    finished_import = Signal(bool)

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.setTitle(self.tr("导入"))
        self.setSubTitle(
            self.tr("全部事项在一次操作中写入：中途取消或出错时，数据库不会有任何改动。")
        )
        self.bar = JobBar(self.tr("取消导入(&C)"))
        self.bar.settled.connect(self._settled)
        self._imported_ok = False
        self.error = error_label()
        self.error.setObjectName("error")
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.error)
        layout.addStretch(1)

    @property
    def status(self) -> QLabel:
        return self.bar.status

    @property
    def cancel_button(self) -> QPushButton:
        return self.bar.cancel_button

    def initializePage(self) -> None:
        state = self.state
        plan = state.plan
        assert plan is not None
        db, actor = state.db, state.actor
        set_message(self.error, "")
        self._imported_ok = False
        job = make_job(self, lambda job: apply(db, actor, plan, job))
        job.succeeded.connect(self._imported)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self.bar.follow(job, self.tr("正在导入……"))
        self.completeChanged.emit()
        job.start()
        self.bar.cancel_button.setFocus()

    def running(self) -> bool:
        return self.bar.running()

    def isComplete(self) -> bool:
        return not self.running()

    def _imported(self, result: ImportResult) -> None:
        self.state.result = result
        self.bar.status.setText(
            fmt(
                self.tr(
                    "已导入：新建%1项，更新%2项，%3项未变。"
                    "新建和更新的事项都是草稿，请检查后提交审核。"
                ),
                result.created,
                result.updated,
                result.unchanged,
            )
        )
        self._imported_ok = True

    def _failed(self, error: BaseException) -> None:
        self.bar.status.clear()
        set_message(self.error, error_text(error) + "\n" + self.tr("没有导入任何事项。"))

    def _cancelled(self) -> None:
        self.bar.status.setText(self.tr("已取消导入，数据库没有任何改动。"))

    def _settled(self) -> None:
        """The job is over and the page can be left: now say how it went."""
        self.completeChanged.emit()
        self.finished_import.emit(self._imported_ok)
