"""Importing a reference template signed by the bureau: verify, show what changes, apply
in one transaction."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain.enums import Role
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.submission.widgets import error_label, set_message
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services import template
from gwgk_desktop.store.database import Database
from gwgk_desktop.submission.template_sign import SUFFIX


class TemplateImportDialog(QDialog):
    """Choose a ``.gwgkt`` file; it is verified against the configured bureau key and
    its changes are listed; "导入" applies them.

    Signals: ``imported(version)`` after the template was installed."""

    imported = Signal(int)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.chosen: Path | None = None
        self.setWindowTitle(self.tr("导入市局参考范本"))
        self.resize(620, 440)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(self.tr("选择市局签发的参考范本文件（.gwgkt）"))
        browse = QPushButton(self.tr("选择文件…"))
        browse.setObjectName("choose")
        browse.clicked.connect(lambda: self.choose())  # noqa: PLW0108 (drops `checked`)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.origin = QLabel()
        self.origin.setObjectName("origin")
        self.origin.setWordWrap(True)
        self.changes = QPlainTextEdit()
        self.changes.setObjectName("changes")
        self.changes.setReadOnly(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.error = error_label()
        self.error.setObjectName("error")
        self.import_button = QPushButton(self.tr("导入"))
        self.import_button.setObjectName("import")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.apply)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.origin)
        layout.addWidget(QLabel(self.tr("导入后的变化：")))
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        if actor.role is not Role.ADMIN:
            set_message(self.error, self.tr("只有管理员可以导入参考范本"))

    def choose(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, self.tr("选择参考范本"), "", fmt(self.tr("参考范本 (*%1)"), SUFFIX)
            )
            if not chosen:
                return
            path = Path(chosen)
        self.chosen = None
        self.import_button.setEnabled(False)
        self.path.setText(str(path))
        self.changes.clear()
        self.origin.clear()
        self.message.clear()
        try:
            signed, changes = template.read_signed(self.db, path)
        except UserError as error:
            set_message(self.error, error.message)
            return
        set_message(self.error, "")
        self.chosen = path
        self.origin.setText(
            fmt(
                self.tr("“%1”第%2版，由%3签发（密钥 %4，%5），签名核验通过。"),
                signed.payload["name"],
                signed.payload["version"],
                signed.issuer or self.tr("市局"),
                signed.key_id,
                signed.signed_at[:10],
            )
        )
        lines = changes.lines()
        if changes.empty:
            lines.append(self.tr("（内容与当前参考范本相同，仅更新版本号）"))
        self.changes.setPlainText("\n".join(lines))
        self.import_button.setEnabled(self.actor.role is Role.ADMIN)

    def apply(self) -> None:
        if self.chosen is None:
            return
        try:
            changes = template.import_signed(self.db, self.actor, self.chosen)
        except UserError as error:
            set_message(self.error, error.message)
            return
        self.import_button.setEnabled(False)
        self.message.setText(fmt(self.tr("已导入参考范本第%1版"), changes.to_version))
        self.imported.emit(changes.to_version)
