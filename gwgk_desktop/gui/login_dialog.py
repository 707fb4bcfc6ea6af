"""The login dialog: an operator's name and password, checked by ``auth.authenticate``
(the same message whether the name or the password was wrong; "已锁定…" after five wrong
ones), and 忘记密码… for an administrator with the recovery code. Form:
``ui/login_form.ui``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from gwgk_desktop import APP_DISPLAY_NAME
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.designer.login_form import Ui_LoginForm
from gwgk_desktop.gui.login_check import LoginCheck
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.gui.uiload import embed_form
from gwgk_desktop.services import station
from gwgk_desktop.store.database import Database


class LoginDialog(QDialog):
    """After ``exec()`` returns Accepted, ``actor`` is the logged-in operator.

    ``prepare``, if given, is called while the password is being checked (the KDF runs on
    a worker thread, ``LoginCheck``): the start-up builds the main window then, to show it
    once the check has succeeded."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        username: str = "",
        prepare: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.prepare = prepare
        self.actor: Actor | None = None
        self.setWindowTitle(fmt(self.tr("登录 — %1"), APP_DISPLAY_NAME))
        self.ui = Ui_LoginForm()
        embed_form(self.ui, self)
        self.username = self.ui.username
        self.password = self.ui.password
        self.error = self.ui.errorLabel
        self.error.setProperty("role", "error")
        self.error.setVisible(False)
        profile = station.get_profile(db)
        self.ui.stationLabel.setText(fmt(self.tr("%1\n请登录："), profile.name))
        buttons = self.ui.buttons
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(self.tr("登录"))
        self.forgot_button = buttons.addButton(
            self.tr("忘记密码…"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.forgot_button.clicked.connect(self.forgot_password)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.username.setText(username)
        (self.password if username else self.username).setFocus()

    def forgot_password(self) -> bool:
        """Reset an administrator's password with the recovery code; logged in after."""
        from gwgk_desktop.gui.password_recovery import ForgotPasswordDialog

        dialog = ForgotPasswordDialog(self.db, self.username.text().strip(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
            return False
        self.actor = dialog.actor
        super().accept()
        return True

    def accept(self) -> None:
        check = LoginCheck(self.db, self.username.text(), self.password.text())
        check.start()
        if self.prepare is not None:
            self.prepare()
        try:
            self.actor = check.wait()
        except UserError as error:
            self.error.setText(error.message)
            self.error.setVisible(True)
            self.password.clear()
            self.password.setFocus()
            return
        super().accept()
