"""The login's password check on a worker thread (``gui.login_check``) while the start-up
builds the main window: the right password, a wrong one and an unknown name give what
``auth.authenticate`` gives, the KDF runs off the GUI thread, and the window is shown only
after the check succeeded (never after a wrong password)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import Role
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.errors import AuthenticationFailed
from gwgk_desktop.gui import app as gui_app
from gwgk_desktop.gui.login_check import LoginCheck
from gwgk_desktop.gui.login_dialog import LoginDialog
from gwgk_desktop.gui.main_window import PENDING_ACTOR, MainWindow
from gwgk_desktop.services import auth, passwords
from gwgk_desktop.store.database import Database
from tests.gui.conftest import on_next_modal
from tests.services.test_auth import _audit

WRONG = "登录名或密码不正确"


@pytest.fixture
def kdf_threads(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The threads the KDF (``passwords.verify_password``) ran on."""
    threads: list[threading.Thread] = []
    verify = passwords.verify_password

    def recording(password: str, stored: str) -> bool:
        threads.append(threading.current_thread())
        return verify(password, stored)

    monkeypatch.setattr(passwords, "verify_password", recording)
    return threads


def test_the_right_password_gives_the_operator_from_a_worker_thread(
    qtbot: QtBot, station_db: Database, kdf_threads: list[threading.Thread]
) -> None:
    check = LoginCheck(station_db, "clerk", "clerk123")
    with qtbot.waitSignal(check.checked, timeout=20000) as blocker:
        check.start()
    actor = blocker.args[0]
    assert isinstance(actor, Actor)
    assert (actor.username, actor.role) == ("clerk", Role.CLERK)
    assert check.wait() == actor, "the same answer, once"
    assert len(kdf_threads) == 1 and kdf_threads[0] is not threading.main_thread()
    assert [a for a, _, _ in _audit(station_db, "operator.login")] == ["operator.login"]


@pytest.mark.parametrize("username", ["clerk", "nobody"])
def test_a_wrong_password_or_name_gives_the_same_message_as_before(
    qtbot: QtBot, station_db: Database, kdf_threads: list[threading.Thread], username: str
) -> None:
    check = LoginCheck(station_db, username, "wrong-password")
    with qtbot.waitSignal(check.checked, timeout=20000) as blocker:
        check.start()
    failure = blocker.args[0]
    assert isinstance(failure, AuthenticationFailed)
    assert failure.message == WRONG
    with pytest.raises(AuthenticationFailed):
        check.wait()
    assert len(kdf_threads) == 1 and kdf_threads[0] is not threading.main_thread()
    assert len(_audit(station_db, "operator.login_failed")) == 1, "recorded as before"


def test_the_login_dialog_builds_the_window_meanwhile_and_answers_as_before(
    qtbot: QtBot, station_db: Database, kdf_threads: list[threading.Thread]
) -> None:
    built: list[MainWindow] = []

    def prepare() -> None:
        if not built:
            built.append(MainWindow(station_db, PENDING_ACTOR))

    dialog = LoginDialog(station_db, username="clerk", prepare=prepare)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password, "wrong-password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.error.text() == WRONG and dialog.isVisible() and dialog.actor is None
    assert len(built) == 1 and not built[0].isVisible(), "built, but nothing is shown"
    qtbot.keyClicks(dialog.password, "clerk123")
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.username == "clerk"
    assert len(built) == 1, "the window of the first attempt serves"
    assert all(thread is not threading.main_thread() for thread in kdf_threads)
    built[0].deleteLater()


def _windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_the_window_is_shown_only_after_the_password_was_checked(
    qtbot: QtBot, station_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real start-up: when the login is settled, the window exists (built while the
    KDF ran) but nothing of it is on screen; then it is shown for the operator."""
    monkeypatch.setenv("GWGK_PASSWORD", "clerk123")
    before = set(_windows())
    at_settling: list[tuple[int, bool]] = []
    shown_for: list[str] = []
    finish = auth.finish_login

    def settling(db: Database, attempt: auth.LoginAttempt, good: bool) -> Actor:
        windows = _windows()
        new = [w for w in windows if w not in before]
        at_settling.append((len(new), any(w.isVisible() for w in windows)))
        return finish(db, attempt, good)

    def watch_show(window: MainWindow, show: object = MainWindow.show) -> None:
        shown_for.append(window.actor.username)
        assert callable(show)
        show(window)

    monkeypatch.setattr(auth, "finish_login", settling)
    monkeypatch.setattr(MainWindow, "show", watch_show)
    assert gui_app.run(station_db_path, quit_after_ms=300, username="clerk") == 0
    assert at_settling == [(1, False)], "one window, built and hidden while the KDF ran"
    assert shown_for == ["clerk"], "shown once, for the operator who logged in"


def test_after_a_wrong_password_nothing_of_the_catalogue_is_shown(
    qtbot: QtBot, station_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrong automatic password: the login dialog (as before), no window; giving up
    ends the program with nothing shown."""
    monkeypatch.setenv("GWGK_PASSWORD", "wrong-password")
    shown: list[MainWindow] = []

    def record(window: MainWindow) -> None:
        shown.append(window)

    monkeypatch.setattr(MainWindow, "show", record)
    asked: list[QWidget] = []

    def give_up(widget: QWidget) -> None:
        asked.append(widget)
        assert not any(w.isVisible() for w in _windows())
        widget.close()

    on_next_modal(give_up)
    assert gui_app.run(station_db_path, username="clerk") == 0
    assert len(asked) == 1 and isinstance(asked[0], LoginDialog)
    assert shown == []
