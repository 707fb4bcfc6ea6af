"""Application start-up: the application (``gui.application``), opening the database (a
clear message when it cannot be opened), the first-run wizard or the login, the main
window, and the offer to recover drafts a crash left behind."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QTableView, QWidget

from gwgk_desktop import APP_DISPLAY_NAME, startup_trace
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.errors import Conflict, UserError
from gwgk_desktop.gui import failures, gc_guard
from gwgk_desktop.gui.application import make_application, save_screenshot
from gwgk_desktop.gui.login_check import LoginCheck
from gwgk_desktop.gui.settings import Settings
from gwgk_desktop.gui.single_instance import InstanceGuard, ask_first_to_activate, come_to_front
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services import station
from gwgk_desktop.store.database import Database, open_database
from gwgk_desktop.store.quick_check import QuickCheck

if TYPE_CHECKING:
    from gwgk_desktop.gui.main_window import MainWindow
    from gwgk_desktop.services.autosave import DraftSession

log = logging.getLogger(__name__)

PASSWORD_ENV = "GWGK_PASSWORD"  # noqa: S105 - the variable's name, not a password


def first_actor(
    db: Database,
    username: str | None,
    parent: QWidget | None = None,
    prepare: Callable[[], object] | None = None,
) -> Actor | None:
    """Who uses the app this time: the set-up wizard's administrator on a new station,
    else a login. With ``username`` and the password in ``GWGK_PASSWORD`` (scripts,
    benchmarks) the login is done without the dialog. ``prepare`` is called while a
    login's password is checked on a worker thread (``LoginCheck``): the main window is
    built meanwhile. None when the user gave up."""
    if not station.is_initialized(db):
        # Only a new station needs these (and the key page's cryptography).
        from gwgk_desktop.gui.setup_wizard import SetupWizard
        from gwgk_desktop.gui.submission.key_page import StationKeyPage

        wizard = SetupWizard(db, extra_pages=[StationKeyPage()], parent=parent)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return None
        return wizard.actor
    password = os.environ.get(PASSWORD_ENV)
    if username and password is not None:
        check = LoginCheck(db, username, password)
        check.start()
        if prepare is not None:
            prepare()
        try:
            return check.wait()
        except UserError as error:
            log.warning("automatic login failed: %s", error.english)
    from gwgk_desktop.gui.login_dialog import LoginDialog  # only now: a script has none

    dialog = LoginDialog(db, parent, username or "", prepare)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def trace_first_paint(table: QTableView) -> None:
    """Mark the item table's first paint with rows in the start-up timeline, and once
    that frame is done (the posted call runs after the window's whole repaint and its
    flush), report the timeline (``GWGK_STARTUP_TRACE``)."""

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            model = table.model()
            if event.type() == QEvent.Type.Paint and model is not None and model.rowCount():
                startup_trace.mark("item table paints its first rows")
                table.viewport().removeEventFilter(self)
                QTimer.singleShot(0, done)
            return False

    def done() -> None:
        startup_trace.mark(startup_trace.FIRST_FRAME)
        startup_trace.report()
        watch.deleteLater()

    watch = FirstPaint(table)
    table.viewport().installEventFilter(watch)


def _close_modal_dialog() -> None:
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, QDialog):
        dialog.reject()


def run(
    db_path: Path,
    quit_after_ms: int | None = None,
    screenshot: Path | None = None,
    username: str | None = None,
    *,
    ask_mode: bool = False,
    settings: Settings | None = None,
    quick_check: QuickCheck | None = None,
) -> int:
    """Open the workbench on ``db_path``. ``quit_after_ms`` closes it again (smoke tests,
    the start-up benchmark), or the login dialog when nobody could be logged in;
    ``screenshot`` saves a picture of what is on screen then (the workbench, or the login
    dialog) and closes it. A second GUI on a database that is already open only brings
    the first to the front (``single_instance``). With ``ask_mode`` (no database named on
    the command line) a computer set up for the city bureau opens the bureau window
    instead, and a first start asks which of the two this computer is for.
    ``quick_check`` is the database's quick check, started before the GUI was imported
    (``open_database`` takes its finding)."""
    startup_trace.mark("GUI modules imported")
    # What the imports made stays: the first collection (``gc_guard``'s timer, while the
    # login dialog waits for the password) does not walk it.
    gc_guard.freeze()
    app = make_application()
    startup_trace.mark("QApplication made (translations, style)")
    failures.install_error_reporting(db_path)
    window_takes_picture: list[bool] = []
    if screenshot is not None:
        # Started before the login: a headless machine without a password gets a picture
        # of the login dialog instead of waiting for someone to type.
        _picture_when_shown(screenshot, quit_after_ms or 300, window_takes_picture)
    elif quit_after_ms is not None:
        # Likewise a login or set-up dialog is closed again: a script never waits for a
        # person (the main window, if reached, gets its own timer below).
        QTimer.singleShot(quit_after_ms, _close_modal_dialog)
    db_path = Path(db_path).expanduser().absolute()
    if ask_mode:
        from gwgk_desktop.gui.bureau.start import BUREAU, chosen_mode, run_bureau

        settings = settings or Settings()
        mode = chosen_mode(settings, first_start=not db_path.exists())
        if mode is None:
            return 0
        if mode == BUREAU:
            # The screenshot timer above takes the picture and closes the window.
            later = None if screenshot is not None else quit_after_ms
            return run_bureau(None, quit_after_ms=later, settings=settings)
    guard = InstanceGuard.acquire(db_path)
    if guard is None:
        return already_open(db_path)
    guard.activate_requested.connect(come_to_front)
    try:
        return _workbench(
            app, db_path, quit_after_ms, screenshot, username, window_takes_picture, quick_check
        )
    finally:
        guard.release()


def already_open(db_path: Path) -> int:
    """A second GUI on the same database: the first comes to the front, this one says so
    and ends."""
    if ask_first_to_activate(db_path):
        log.info("%s is open in another window; asked it to come to the front", db_path)
        QMessageBox.information(
            None,  # type: ignore[arg-type]
            APP_DISPLAY_NAME,
            QCoreApplication.translate(
                "App",
                "这个数据库已经在另一个窗口中打开，已切换到那个窗口。\n"
                "同一个数据库同时只能在一个窗口中打开。",
            ),
        )
        return 0
    log.warning("%s is locked by another instance that does not answer", db_path)
    QMessageBox.warning(
        None,  # type: ignore[arg-type]
        APP_DISPLAY_NAME,
        fmt(
            QCoreApplication.translate(
                "App",
                "这个数据库已被另一个程序窗口打开（可能是这台电脑上的另一位用户）。"
                "同一个数据库同时只能在一个窗口中打开，请先关闭那个窗口。\n数据库：%1",
            ),
            db_path,
        ),
    )
    return Conflict.exit_code


def _picture_when_shown(path: Path, delay_ms: int, window_takes_picture: list[bool]) -> None:
    """Save a picture of the first dialog or window on screen after ``delay_ms``, trying
    again while nothing is shown yet (the login's KDF runs with only a hidden window),
    unless the workbench has taken over (``window_takes_picture``)."""

    def attempt() -> None:
        if window_takes_picture:
            return
        shown = QApplication.activeModalWidget() is not None or any(
            w.isVisible() and w.isWindow() for w in QApplication.topLevelWidgets()
        )
        if not shown:
            QTimer.singleShot(100, attempt)
            return
        save_screenshot(path)

    QTimer.singleShot(delay_ms, attempt)


def _workbench(
    app: QApplication,
    db_path: Path,
    quit_after_ms: int | None,
    screenshot: Path | None,
    username: str | None,
    window_takes_picture: list[bool],
    quick_check: QuickCheck | None = None,
) -> int:
    try:
        db = open_database(db_path, create=True, quick_check=quick_check)
    except UserError as error:
        QMessageBox.critical(None, APP_DISPLAY_NAME, error.message)  # type: ignore[arg-type]
        return error.exit_code
    startup_trace.mark("database opened")
    drafts: DraftSession | None = None
    drafts_problem: UserError | None = None
    window: MainWindow | None = None

    def prepare() -> None:
        """While the password is checked: the window, hidden until the check succeeds
        (it shows nothing of the operator; ``logged_in`` says who it is for)."""
        nonlocal window, drafts, drafts_problem
        if window is not None:
            return  # built during an earlier, wrong attempt
        # Imported here, while the KDF runs: the login does not wait for these modules.
        from gwgk_desktop.gui.main_window import PENDING_ACTOR, MainWindow
        from gwgk_desktop.services.autosave import DraftSession

        try:
            # Nothing to autosave where nothing can be saved (read-only media).
            drafts = DraftSession(db.path) if db.writable else None
        except UserError as error:
            drafts_problem = error  # said once somebody has logged in
        window = MainWindow(db, PENDING_ACTOR, drafts)
        startup_trace.mark("main window built (hidden)")

    try:
        actor = first_actor(db, username, prepare=prepare)
        if actor is None:
            if window is not None:  # nobody logged in: it was never shown, and goes
                window.watcher.timer.stop()
                window.deleteLater()
            return 0
        startup_trace.mark("logged in")
        if drafts_problem is not None:
            QMessageBox.warning(None, APP_DISPLAY_NAME, drafts_problem.message)  # type: ignore[arg-type]
        prepare()  # a new station's wizard builds no window while it runs
        assert window is not None
        window.logged_in(actor)
        if screenshot is not None:
            # The workbench's picture waits for what follows its first frame (the tree's
            # counts), not for the timer started before the login.
            window_takes_picture.append(True)
            shown = window

            def picture() -> None:
                if shown.counts_pending:  # not settled yet: its first frame comes first
                    QTimer.singleShot(50, picture)
                else:
                    save_screenshot(screenshot)

            QTimer.singleShot(quit_after_ms or 300, picture)
        if startup_trace.ENABLED:
            trace_first_paint(window.table)
        window.show()
        startup_trace.mark("main window shown")
        # After the first frame: what start-up made stays, and full collections (which
        # could land on a keystroke) no longer walk it.
        QTimer.singleShot(0, gc_guard.freeze)
        if screenshot is not None:
            pass  # the timer above takes the picture and closes the window
        elif quit_after_ms is not None:
            QTimer.singleShot(quit_after_ms, window.close)
        else:
            QTimer.singleShot(0, window.startup_checks)
        return app.exec()
    finally:
        if drafts is not None:
            drafts.close()
        db.close()
