"""First run: the set-up wizard on an empty database, and logging in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QWizard, QWizardPage
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import Level, Role
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.gui.login_dialog import LoginDialog
from gwgk_desktop.gui.password_recovery import RecoveryCodeDialog
from gwgk_desktop.gui.setup_wizard import SetupWizard
from gwgk_desktop.services import auth, station
from gwgk_desktop.store.database import Database, open_database
from tests.gui.conftest import on_next_modal, type_text


class RememberingPage(QWizardPage):
    """An extra page as the package feature adds one (its passphrase page)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("签名密钥")
        self.applied: list[tuple[Database, Actor]] = []

    def apply(self, db: Database, admin: Actor) -> None:
        assert station.is_initialized(db), "called after the station exists"
        self.applied.append((db, admin))


def _next(qtbot: QtBot, wizard: QWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_wizard_sets_up_an_empty_database(qtbot: QtBot, db_path: Path) -> None:
    db = open_database(db_path, create=True)
    try:
        extra = RememberingPage()
        wizard = SetupWizard(db, extra_pages=[extra])
        qtbot.addWidget(wizard)
        wizard.show()
        page = wizard.station_page
        assert wizard.currentPage() is page
        edits = page.form.edits
        type_text(qtbot, edits["name"], "测试市公安局城南派出所")
        type_text(qtbot, edits["org_code"], "abc")  # lower case: refused
        type_text(qtbot, edits["phone"], "0531-1234567")
        _next(qtbot, wizard)
        assert wizard.currentPage() is page, "stays on the page with the error"
        assert "组织机构代码" in page.form.problems.text("station.org_code")
        edits["org_code"].clear()
        type_text(qtbot, edits["org_code"], "000099123")
        page.form.level.setCurrentIndex(page.form.level.findData(Level.STATION.value))
        _next(qtbot, wizard)

        admin = wizard.admin_page
        assert wizard.currentPage() is admin
        type_text(qtbot, admin.edits["username"], "wang")
        type_text(qtbot, admin.edits["display_name"], "王所长")
        type_text(qtbot, admin.edits["password"], "secret12")
        type_text(qtbot, admin.edits["password_again"], "secret13")
        _next(qtbot, wizard)
        assert wizard.currentPage() is admin
        assert "不一致" in admin.problems.text("password_again")
        admin.edits["password_again"].clear()
        type_text(qtbot, admin.edits["password_again"], "secret12")
        _next(qtbot, wizard)

        assert wizard.currentPage() is extra, "extra pages come before the last page"
        assert not station.is_initialized(db), "nothing is written before Finish"
        _next(qtbot, wizard)
        assert wizard.currentPage() is wizard.finish_page
        assert "测试市公安局城南派出所" in wizard.finish_page.summary.text()
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        codes: list[str] = []

        def print_or_write_down(dialog: QWidget) -> None:
            assert isinstance(dialog, RecoveryCodeDialog)
            codes.append(dialog.code_label.text())
            assert dialog.done_button is not None and not dialog.done_button.isEnabled()
            dialog.confirm.setFocus()
            qtbot.keyClick(dialog.confirm, Qt.Key.Key_Space)
            qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)

        on_next_modal(print_or_write_down)
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

        assert wizard.result() == QWizard.DialogCode.Accepted
        profile = station.get_profile(db)
        assert (profile.name, profile.org_code, profile.phone) == (
            "测试市公安局城南派出所",
            "000099123",
            "0531-1234567",
        )
        actor = wizard.actor
        assert actor is not None and actor.role is Role.ADMIN and actor.username == "wang"
        assert [a for _db, a in extra.applied] == [actor]
        assert auth.authenticate(db, "wang", "secret12").display_name == "王所长"
        # The code shown once at set-up is the administrator's way back.
        assert auth.recover(db, "wang", codes[0], "secret99")[0].username == "wang"
    finally:
        db.close()


def test_login_refuses_a_wrong_password(qtbot: QtBot, station_db: Database) -> None:
    dialog = LoginDialog(station_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "clerk")
    qtbot.keyClicks(dialog.password, "wrong-password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.error.isVisible() and dialog.error.text() == "登录名或密码不正确"
    assert dialog.password.text() == "", "the wrong password is cleared"

    qtbot.keyClicks(dialog.password, "clerk123")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.role is Role.CLERK
