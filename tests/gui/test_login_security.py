"""Login hardening in the GUI: "已锁定…" in the login dialog after five wrong passwords,
忘记密码… with the recovery code (while locked out), and unlocking and a new recovery code
in the operators dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.gui.login_dialog import LoginDialog
from gwgk_desktop.gui.operators_dialog import OperatorsDialog
from gwgk_desktop.gui.password_recovery import ForgotPasswordDialog, RecoveryCodeDialog
from gwgk_desktop.services import auth
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.types import utcnow
from tests.conftest import Actors
from tests.gui.conftest import on_next_modal
from tests.services.test_auth import _cheap, _fail


def _state(dialog: OperatorsDialog, row: int) -> str:
    item = dialog.table.item(row, 3)
    assert item is not None
    return item.text()


def _try(qtbot: QtBot, dialog: LoginDialog, password: str) -> str:
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    return dialog.error.text()


def test_the_login_dialog_says_locked_after_five_wrong_passwords(
    qtbot: QtBot, station_db: Database
) -> None:
    _cheap(station_db, "clerk", "clerk123")
    dialog = LoginDialog(station_db, username="clerk")
    qtbot.addWidget(dialog)
    dialog.show()
    answers = [_try(qtbot, dialog, "wrong-password") for _ in range(5)]
    assert answers[:4] == ["登录名或密码不正确"] * 4
    assert answers[4].startswith("已锁定：连续5次密码错误，该操作员已锁定至")
    assert _try(qtbot, dialog, "clerk123").startswith("已锁定")
    assert dialog.isVisible() and dialog.actor is None


def test_a_locked_out_administrator_gets_back_in_with_the_recovery_code(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    code = auth.issue_recovery_code(station_db, actors.admin)
    _cheap(station_db, "admin", "admin123")
    _fail(station_db, 5, utcnow(), username="admin")
    login = LoginDialog(station_db, username="admin")
    qtbot.addWidget(login)
    login.show()
    shown: list[str] = []

    def new_code_shown(dialog: QWidget) -> None:
        assert isinstance(dialog, RecoveryCodeDialog)
        shown.append(dialog.code_label.text())
        dialog.confirm.setFocus()
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Space)
        assert dialog.done_button is not None
        qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)

    def fill_in(dialog: QWidget) -> None:
        assert isinstance(dialog, ForgotPasswordDialog)
        assert dialog.username.text() == "admin"
        qtbot.keyClicks(dialog.code, "2222-3333-4444-5555-6666")
        qtbot.keyClicks(dialog.password, "new-secret-1")
        qtbot.keyClicks(dialog.password_again, "new-secret-1")
        dialog.accept()
        assert dialog.error.text() == "登录名或恢复码不正确"
        dialog.code.clear()
        qtbot.keyClicks(dialog.code, code.lower())
        on_next_modal(new_code_shown)
        dialog.accept()

    on_next_modal(fill_in)
    qtbot.mouseClick(login.forgot_button, Qt.MouseButton.LeftButton)
    assert login.result() == LoginDialog.DialogCode.Accepted
    assert login.actor is not None and login.actor.username == "admin"
    assert shown and shown[0] != code
    assert auth.authenticate(station_db, "admin", "new-secret-1").username == "admin"


def test_the_operators_dialog_shows_locks_unlocks_and_issues_a_code(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    _cheap(station_db, "clerk", "clerk123")
    _fail(station_db, 5, utcnow())
    dialog = OperatorsDialog(station_db, actors.admin)
    qtbot.addWidget(dialog)
    dialog.show()
    states = [_state(dialog, row) for row in range(dialog.table.rowCount())]
    assert states[0] == "在用" and states[2].startswith("已锁定至 ")
    dialog.table.selectRow(0)
    assert not dialog.unlock_button.isEnabled()
    dialog.table.selectRow(2)
    assert dialog.unlock_button.isEnabled()
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert _state(dialog, 2) == "在用"
    assert auth.authenticate(station_db, "clerk", "clerk123").username == "clerk"

    codes: list[str] = []

    def confirm_replacing(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert "原来打印的恢复码作废" in box.text()
        on_next_modal(keep_code)
        yes = box.button(QMessageBox.StandardButton.Yes)
        assert yes is not None
        qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)

    def keep_code(code_dialog: QWidget) -> None:
        assert isinstance(code_dialog, RecoveryCodeDialog)
        codes.append(code_dialog.code)
        code_dialog.confirm.setChecked(True)
        code_dialog.accept()

    on_next_modal(confirm_replacing)
    qtbot.mouseClick(dialog.code_button, Qt.MouseButton.LeftButton)
    assert codes and auth.recover(station_db, "admin", codes[0], "another-1")
