"""The export dialog: runs the completeness check, shows its findings (errors block,
warnings go into the manifest), asks for the target file and key passphrase, exports in a
worker thread with a progress bar and a working Cancel, and shows the export history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain.digests import grouped
from gwgk_desktop.domain.enums import Severity
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.gui.forms import ERROR_COLOUR, set_role
from gwgk_desktop.gui.geometry import fit_size
from gwgk_desktop.gui.jobs import Job, Work, error_text, make_job
from gwgk_desktop.gui.settings import Settings
from gwgk_desktop.gui.submission.history import ExportHistoryView
from gwgk_desktop.gui.submission.widgets import error_label, mono_font, set_message
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services import export, keys, station
from gwgk_desktop.services.export import ExportCheck, ExportResult
from gwgk_desktop.store.database import Database
from gwgk_desktop.submission.format import SUFFIX


class ExportDialog(QDialog):
    """Export the signed submission package.

    Signals: ``checked(ok)`` when the completeness check finished (ok: no errors);
    ``exported(sequence)`` after a package was written; ``export_failed(message)`` when an
    export failed or was cancelled (nothing written, sequence unchanged)."""

    checked = Signal(bool)
    exported = Signal(int)
    export_failed = Signal(str)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.settings = settings if settings is not None else Settings()
        self.check: ExportCheck | None = None
        self.outcome: ExportResult | None = None
        self.job: Job | None = None
        self._busy = False
        self.setWindowTitle(self.tr("导出报送包"))
        fit_size(self, 760, 600)

        profile = station.get_profile(db)
        key = keys.active_key(db)
        history = export.history(db)
        self.next_sequence = (history[0].sequence if history else 0) + 1
        heading = QLabel(
            fmt(
                self.tr("%1（%2）　第 %3 号报送"),
                profile.name,
                profile.org_code,
                self.next_sequence,
            )
        )
        set_role(heading, "heading")
        key_text = (
            fmt(self.tr("签名密钥 %1　指纹 %2"), key.key_id, key.fingerprint)
            if key
            else self.tr("本单位尚未生成签名密钥：请先在“签名密钥”中生成，再导出")
        )
        self.key_label = QLabel(key_text)
        self.key_label.setWordWrap(True)

        self.summary = QLabel(self.tr("正在检查事项……"))
        self.summary.setObjectName("check_summary")
        self.summary.setWordWrap(True)
        self.findings = QListWidget()
        self.findings.setObjectName("findings")

        folder = self.settings.package_folder
        default = (folder if folder is not None and folder.is_dir() else Path.home()) / fmt(
            self.tr("%1-第%2号-%3%4"),
            profile.org_code,
            self.next_sequence,
            f"{dt.date.today():%Y%m%d}",
            SUFFIX,
        )
        self.path = QLineEdit(str(default))
        self.path.setObjectName("target")
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(lambda: self.choose_target())  # noqa: PLW0108 (drops `checked`)
        target_row = QHBoxLayout()
        target_row.addWidget(self.path, 1)
        target_row.addWidget(browse)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.with_receipt = QCheckBox(self.tr("同时保存报送回执PDF（与报送包放在同一文件夹）"))
        self.with_receipt.setChecked(True)
        self.mask_private = QCheckBox(
            self.tr("身份证号码、银行卡号、手机号码等个人信息打码后导出（数据库中的内容不变）")
        )
        self.mask_private.setObjectName("mask_private")
        self.mask_private.setVisible(False)
        self.mask_private.toggled.connect(self._recheck)
        form = QFormLayout()
        form.addRow(self.tr("保存到："), target_row)
        form.addRow(self.tr("密钥口令："), self.passphrase)
        form.addRow("", self.with_receipt)
        form.addRow("", self.mask_private)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = error_label()
        self.error.setObjectName("error")

        self.export_button = QPushButton(self.tr("导出"))
        self.export_button.setObjectName("export")
        self.export_button.setDefault(True)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button = QPushButton(self.tr("关闭"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self._cancel_or_close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)

        export_page = QWidget()
        page = QVBoxLayout(export_page)
        page.addWidget(heading)
        page.addWidget(self.key_label)
        page.addWidget(self.summary)
        page.addWidget(self.findings, 1)
        page.addLayout(form)
        page.addWidget(self.progress)
        page.addWidget(self.status)
        page.addWidget(self.error)
        self.history = ExportHistoryView(db)
        self.tabs = QTabWidget()
        self.tabs.addTab(export_page, self.tr("导出"))
        self.tabs.addTab(self.history, self.tr("导出记录"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(buttons)

        self.has_key = key is not None
        self._recheck()

    # ---------------------------------------------------------------- jobs

    def _run(self, work: Work, on_success: Callable[[Any], None]) -> None:
        """Run ``work`` with this dialog's own progress bar and Cancel button; its result
        goes to ``on_success``. Closing the dialog cancels it and waits (``Job`` watches
        its owner)."""
        self.job = make_job(self, work)
        self._busy = True
        self.job.progressed.connect(self._progressed)
        # The job is over when its one result signal arrives; settle first, so the
        # handlers connected after (and anyone waiting on our signals) see a calm dialog.
        for signal in (self.job.succeeded, self.job.failed, self.job.cancelled):
            signal.connect(self._settle)
        self.job.succeeded.connect(on_success)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(self._cancelled)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setText(self.tr("取消"))
        self.job.start()

    def running(self) -> bool:
        return self._busy

    def _progressed(self, done: int, total: int, text: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, total))
        self.status.setText(text)

    def _settle(self) -> None:
        self._busy = False
        self.progress.setVisible(False)
        self.cancel_button.setText(self.tr("关闭"))
        self.cancel_button.setEnabled(True)
        self._set_inputs_enabled(True)

    def _cancel_or_close(self) -> None:
        if self.running():
            assert self.job is not None
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("正在取消……"))
        else:
            self.reject()

    def _failed(self, error: BaseException) -> None:
        message = error_text(error)
        self.status.setText("")
        set_message(self.error, message)
        self.export_failed.emit(message)

    def _cancelled(self) -> None:
        message = self.tr("已取消：未生成报送包，报送序号未变")
        self.status.setText(message)
        self.export_failed.emit(message)

    # ---------------------------------------------------------------- check

    def _recheck(self) -> None:
        """Run the completeness and privacy check (again, after 打码 was ticked)."""
        mask = self.mask_private.isChecked()
        self.check = None
        self.mask_private.setEnabled(False)  # until this check has finished
        self._update_export_button()
        self._run(
            lambda job: export.check_export(self.db, job, mask_private=mask),
            self._check_done,
        )

    def _check_done(self, check: ExportCheck) -> None:
        self.check = check
        self.findings.clear()
        for finding in check.errors + check.warnings:
            item = QListWidgetItem(finding.line())
            if finding.severity is Severity.ERROR:
                item.setForeground(QBrush(QColor(ERROR_COLOUR)))
            self.findings.addItem(item)
        c = check.counts
        counts = fmt(
            self.tr("将报送：目录事项%1项、许可审批事项%2项、收费事项%3项、流程图%4幅、附件%5个。"),
            c.get("catalogue", 0),
            c.get("licensing", 0),
            c.get("fee", 0),
            c.get("flowcharts", 0),
            c.get("attachments", 0),
        )
        if check.personal:
            # The offer to mask: shown once personal data was found, kept while ticked.
            self.mask_private.setVisible(True)
        if check.errors and check.personal and not self.mask_private.isChecked():
            verdict = fmt(
                self.tr("发现%1个错误，须改正后才能导出（个人信息可勾选下面的“打码后导出”）；"),
                len(check.errors),
            )
        elif check.errors:
            verdict = fmt(self.tr("发现%1个错误，须改正后才能导出；"), len(check.errors))
        else:
            verdict = self.tr("检查通过；")
        warnings = fmt(self.tr("%1条提醒将列入报送包清单。"), len(check.warnings))
        self.summary.setText(counts + verdict + warnings)
        self.status.setText("")
        self._update_export_button()
        self.checked.emit(check.ok)

    def _update_export_button(self) -> None:
        ready = (
            self.check is not None
            and self.check.ok
            and self.has_key
            and self.outcome is None  # one export per opening: the next gets a new number
            and not self.running()
        )
        self.export_button.setEnabled(ready)

    # ---------------------------------------------------------------- export

    def choose_target(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("保存报送包"), self.path.text(), self.tr("报送包 (*.gwgk)")
        )
        if chosen:
            if not chosen.endswith(SUFFIX):
                chosen += SUFFIX
            self.path.setText(chosen)

    def _set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (self.path, self.passphrase, self.with_receipt, self.mask_private):
            widget.setEnabled(enabled)
        self._update_export_button()

    def start_export(self) -> None:
        set_message(self.error, "")
        text = self.path.text().strip()
        if not text:
            set_message(self.error, self.tr("请选择报送包的保存位置"))
            return
        target = Path(text)
        if target.suffix != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        if not self.passphrase.text():
            set_message(self.error, self.tr("请输入签名密钥口令"))
            return
        overwrite = False
        if target.exists():
            answer = QMessageBox.question(
                self,
                self.tr("文件已存在"),
                fmt(self.tr("%1 已存在，要替换它吗？"), target.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            overwrite = True
        passphrase = self.passphrase.text()
        receipt = self.with_receipt.isChecked()
        mask = self.mask_private.isChecked()
        db, actor, check = self.db, self.actor, self.check

        def work(job: Job) -> ExportResult:
            result = export.export_package(
                db,
                actor,
                target,
                passphrase=passphrase,
                progress=job,
                overwrite=overwrite,
                mask_private=mask,
                prechecked=check,  # only what changed since is checked again
            )
            if receipt:
                export.write_receipt(db, result.record.sequence, receipt_path(result.path))
            return result

        self._set_inputs_enabled(False)
        self.export_button.setEnabled(False)
        self._run(work, self._export_done)

    def _export_done(self, result: ExportResult) -> None:
        self.outcome = result
        record = result.record
        self.settings.package_folder = result.path.parent
        self.passphrase.clear()
        lines = [
            fmt(self.tr("已导出第%1号报送包：%2"), record.sequence, result.path),
            self.tr("SHA-256：") + grouped(record.sha256),
        ]
        if self.with_receipt.isChecked():
            lines.append(fmt(self.tr("报送回执：%1"), receipt_path(result.path)))
        self.status.setText("\n".join(lines))
        self.status.setFont(mono_font())
        self.history.refresh()
        self._update_export_button()
        self.exported.emit(record.sequence)


def receipt_path(package: Path) -> Path:
    return package.with_name(
        fmt(QCoreApplication.translate("ExportDialog", "%1-回执.pdf"), package.stem)
    )
