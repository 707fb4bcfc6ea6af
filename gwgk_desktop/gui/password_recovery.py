"""The administrator's recovery code in the GUI: ``RecoveryCodeDialog`` shows a new code
once (after set-up, after each use, or when an administrator asks for a new one) with
打印 and 另存为 PDF for its sheet, and is finished only when the user confirms the code is
printed or written down; ``ForgotPasswordDialog`` (登录 → 忘记密码…) sets a new password
with the code, even while the operator is locked out (``services.auth.recover``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTemporaryDir
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop import session_temp
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.errors import UserError, ValidationFailed
from gwgk_desktop.gui.printing.printer import prepare_printer, print_pdf
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.progress import SILENT
from gwgk_desktop.services import auth
from gwgk_desktop.store.database import Database


class RecoveryCodeDialog(QDialog):
    """Shows ``code`` (the only time it is shown). Accepted once the user ticked that it
    is printed or written down; closing without ticking asks first."""

    def __init__(
        self, db: Database, username: str, code: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.username, self.code = db, username, code
        self.setWindowTitle(self.tr("管理员恢复码"))
        intro = QLabel(
            fmt(
                self.tr(
                    "这是管理员 %1 的恢复码。忘记密码或被锁定时，用它可以重设密码。\n"
                    "它只显示这一次：请现在打印恢复码单（或抄下来），密封保管，不要与电脑放在一起。"
                ),
                username,
            )
        )
        intro.setWordWrap(True)
        self.code_label = QLabel(code)
        self.code_label.setObjectName("code")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(20)
        font.setWeight(QFont.Weight.Bold)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(
            self.code_label.textInteractionFlags().TextSelectableByMouse
        )
        self.print_button = QPushButton(self.tr("打印恢复码单…"))
        self.print_button.clicked.connect(self.print_sheet)
        self.save_button = QPushButton(self.tr("另存为 PDF…"))
        self.save_button.clicked.connect(lambda: self.save_sheet())  # noqa: PLW0108 (drops `checked`)
        self.confirm = QCheckBox(self.tr("我已打印或抄下恢复码"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.done_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert self.done_button is not None
        self.done_button.setText(self.tr("完成"))
        self.done_button.setEnabled(False)
        self.confirm.toggled.connect(self.done_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(self.code_label)
        layout.addSpacing(8)
        layout.addWidget(self.confirm)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._temp = QTemporaryDir(session_temp.template("recovery-"))
        self.setMinimumWidth(600)

    def _sheet(self) -> Path:
        path = Path(self._temp.path()) / "recovery-sheet.pdf"
        return auth.write_recovery_sheet(self.db, self.username, self.code, path)

    def print_sheet(self) -> bool:
        try:
            sheet = self._sheet()
        except UserError as error:
            self.status.setText(error.message)
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, sheet)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            print_pdf(sheet, printer, SILENT)
        except UserError as error:
            self.status.setText(error.message)
            return False
        self.status.setText(self.tr("已送往打印机"))
        return True

    def save_sheet(self, path: Path | None = None) -> Path | None:
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                self.tr("保存恢复码单"),
                fmt(self.tr("管理员恢复码-%1.pdf"), self.username),
                self.tr("PDF 文件 (*.pdf)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            auth.write_recovery_sheet(self.db, self.username, self.code, path)
        except UserError as error:
            self.status.setText(error.message)
            return None
        self.status.setText(fmt(self.tr("已保存恢复码单：%1（打印后请删除此文件）"), path))
        return path

    def reject(self) -> None:
        if not self.confirm.isChecked():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("恢复码不会再显示。还没有打印或抄下就关闭吗？"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()


class ForgotPasswordDialog(QDialog):
    """After ``exec()`` returns Accepted, ``actor`` is the operator whose password was
    reset (logged in), and the new recovery code has been shown."""

    def __init__(self, db: Database, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("用恢复码重设密码"))
        intro = QLabel(
            self.tr(
                "输入管理员的登录名、设置时打印的恢复码和新密码。恢复码用过即作废，"
                "随后会显示新的恢复码。"
            )
        )
        intro.setWordWrap(True)
        self.username = QLineEdit(username)
        self.code = QLineEdit()
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit()
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("登录名："), self.username)
        form.addRow(self.tr("恢复码："), self.code)
        form.addRow(self.tr("新密码："), self.password)
        form.addRow(self.tr("再次输入："), self.password_again)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(self.tr("重设密码"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.code if username else self.username).setFocus()
        self.resize(460, self.sizeHint().height())

    def accept(self) -> None:
        if self.password.text() != self.password_again.text():
            self.error.setText(self.tr("两次输入的密码不一致"))
            return
        try:
            actor, code = auth.recover(
                self.db, self.username.text(), self.code.text(), self.password.text()
            )
        except ValidationFailed as error:
            self.error.setText("\n".join(p.message for p in error.problems))
            return
        except UserError as error:
            self.error.setText(error.message)
            self.code.setFocus()
            return
        self.actor = actor
        RecoveryCodeDialog(self.db, actor.username, code, self).exec()
        super().accept()
