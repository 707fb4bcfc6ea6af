"""GUI test helpers, one of each for every GUI test: the application with our translations
and style, an empty clipboard after each test, typing Chinese the way an input method
does, answering modal dialogs and file dialogs, and a logged-in main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.models import Actor, Item, ItemContent
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.gui.application import make_application
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.gui.settings import Settings
from gwgk_desktop.services.autosave import DraftSession
from gwgk_desktop.store.database import Database
from tests.conftest import Actors
from tests.factories import catalogue_content


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    """pytest-qt's application, made the way the real app makes it (translations, style)."""
    app = make_application([])
    assert isinstance(app, QApplication)
    return app


@pytest.fixture(autouse=True)
def _empty_clipboard() -> Iterator[None]:
    """Leave the clipboard empty: with the offscreen platform, mime data still on the
    clipboard when the application is torn down crashes the process (Qt 6.11 and 6.12)."""
    yield
    if QApplication.instance() is not None:
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()


@pytest.fixture
def choose_file(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make the next file dialogs (open or save) answer with ``path``."""

    def answer(path: Path) -> None:
        def dialog(*_args: object, **_kwargs: object) -> tuple[str, str]:
            return str(path), ""

        monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)

    return answer


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` into the focused ``widget``: ASCII key by key, anything else as an
    input method commit (``keyClicks`` aborts PySide6 6.12 on Chinese text)."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        commit_text(widget, text)


def commit_text(widget: QWidget, text: str) -> None:
    """Send ``text`` to ``widget`` as an input method's commit (what typing Chinese is)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def on_next_modal(handler: Callable[[QWidget], None], *, attempts: int = 250) -> list[QWidget]:
    """Call ``handler`` with the next modal dialog once it is shown (it runs inside the
    dialog's own event loop). Returns a list that receives the dialog, to assert on."""
    seen: list[QWidget] = []

    def poll(left: int) -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and widget.isVisible():
            seen.append(widget)
            handler(widget)
        elif left > 0:
            QTimer.singleShot(20, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(attempts))
    return seen


def settings_in(folder: Path) -> Settings:
    """Settings of one test, in an INI file of its own (no test sees another's)."""
    return Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def make_window(qtbot: QtBot, db: Database, actor: Actor) -> MainWindow:
    drafts = DraftSession(db.path)
    window = MainWindow(db, actor, drafts, settings_in(db.path.parent))
    # Not qtbot.addWidget: its teardown closes the window before our fixtures run, and a
    # dirty editor would then wait for an answer to "save changes?". The test screen is
    # small, where the window opens maximised; the tests want the size of a desktop.
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1440, 880)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.counts_pending)  # the tree's counts follow the first frame
    return window


def opened_item(window: MainWindow, actor: Actor, content: ItemContent | None = None) -> Item:
    """A draft item made through the services behind the window's back (default: a
    valid catalogue item), then reloaded and opened in the window's editor."""
    catalogue = window.catalogue
    item = catalogue.changes.create(actor, content or catalogue_content(catalogue))
    window.refresh()
    assert window.go_to_item(item.id)
    return item


def approved_item(window: MainWindow, actors: Actors) -> Item:
    """A catalogue item submitted by the clerk and approved by the reviewer, made through
    the services behind the window's back (then the window reloads)."""
    catalogue = window.catalogue
    item = catalogue.changes.create(actors.clerk, catalogue_content(catalogue))
    catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
    item = catalogue.review.transition(actors.reviewer, item.id, Action.APPROVE)
    window.refresh()
    return item


def close_window(window: MainWindow) -> None:
    """End of a test: no "save changes?" question, drafts folder released."""
    window.editor.undo_stack.setClean()
    window.close()
    if window.drafts is not None:
        window.drafts.close()
    window.deleteLater()


@pytest.fixture
def clerk_window(qtbot: QtBot, station_db: Database, actors: Actors) -> Iterator[MainWindow]:
    """The workbench of the empty test station, logged in as the clerk."""
    window = make_window(qtbot, station_db, actors.clerk)
    yield window
    close_window(window)


@pytest.fixture
def demo_window(qtbot: QtBot, demo_db: Database, demo_actors: Actors) -> Iterator[MainWindow]:
    """The workbench of the demo station, logged in as the clerk."""
    window = make_window(qtbot, demo_db, demo_actors.clerk)
    yield window
    close_window(window)
