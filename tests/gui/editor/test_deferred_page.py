"""The editor page is not built with the window (start-up does not wait for its 300
widgets): the window opens on the empty page, as wide as the page will need (measured the
last time it was built; on the very first start the page is built with the window), builds
the page once its first frame is on screen, and a click or a key that needs the page
before then builds it there and then; the page edits and saves as always."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QHeaderView
from pytestqt.qtbot import QtBot

from gwgk_desktop.gui.editor.fields import ComboBinding, LineBinding
from gwgk_desktop.gui.editor.widgets import EMPTY_PAGE
from gwgk_desktop.gui.item_table import Column
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.gui.settings import Settings
from gwgk_desktop.services.autosave import DraftSession
from gwgk_desktop.store.database import Database
from tests.conftest import Actors
from tests.factories import catalogue_content
from tests.gui.conftest import close_window, settings_in, type_text

#: About what the page needs with the test's fonts (measured ones are used where it counts).
PAGE_WIDTH = 570


def _settings(db: Database, page_width: int = PAGE_WIDTH) -> Settings:
    settings = settings_in(db.path.parent)
    settings.editor_min_width = page_width
    return settings


def _window(db: Database, actors: Actors, settings: Settings | None = None) -> MainWindow:
    window = MainWindow(db, actors.clerk, DraftSession(db.path), settings or _settings(db))
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1440, 880)
    return window


def _shown_before_the_page(qtbot: QtBot, window: MainWindow) -> None:
    """Show ``window`` as if the clerk's click or key came before its first frame was
    done (a slow machine): the window's own building of the page after that frame is
    kept from happening, so the click or key has to build it."""
    window.table.viewport().removeEventFilter(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # its shortcuts work
    assert not window.editor.has_page()


def _name(window: MainWindow) -> LineBinding:
    binding = window.editor.active["name"]
    assert isinstance(binding, LineBinding)
    return binding


def test_the_window_opens_without_the_page_and_builds_it_after_the_first_frame(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    window = _window(station_db, actors)
    assert not window.editor.has_page()
    assert window.editor.pages.count() == 1 and window.editor.pages.currentIndex() == EMPTY_PAGE
    window.show()
    qtbot.waitUntil(window.editor.has_page)
    assert window.editor.pages.count() == 2
    assert window.editor.pages.currentIndex() == EMPTY_PAGE, "still nothing opened"
    close_window(window)


def test_the_panes_do_not_move_when_the_page_comes(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    """The first start builds the page with the window and remembers how wide it must
    be; the next start keeps the editor that wide until its page is built, so the panes
    are where they will stay from the first frame on (at 1366 px the page's buttons need
    more than the editor's default width)."""
    settings = settings_in(station_db.path.parent)
    first = _window(station_db, actors, settings)
    assert first.editor.has_page(), "nothing known yet: built with the window"
    close_window(first)
    measured = settings.editor_min_width
    assert measured > 0

    window = _window(station_db, actors, settings)
    window.resize(1366, 768)
    assert not window.editor.has_page()
    assert window.editor.minimumWidth() == measured
    _shown_before_the_page(qtbot, window)
    panes = window.splitter.sizes()
    assert panes[2] >= measured
    window.editor.build_page()
    qtbot.wait(50)
    assert window.editor.minimumSizeHint().width() == measured
    assert window.splitter.sizes() == panes
    close_window(window)


def test_a_click_on_an_item_before_the_page_is_built_opens_it(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    window = _window(station_db, actors)
    item = window.catalogue.changes.create(actors.clerk, catalogue_content(window.catalogue))
    window.refresh()
    _shown_before_the_page(qtbot, window)
    table = window.table
    rect = table.visualRect(window.model.index(0, Column.NAME))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = window.editor
    assert editor.has_page() and editor.is_open() and editor.item_id() == item.id
    assert _name(window).value() == item.name
    assert editor.ui.title.text() == item.name

    # It edits and saves as a page built with the window did.
    name = _name(window).edit
    type_text(qtbot, name, "改")
    qtbot.waitUntil(lambda: not editor.undo_stack.isClean())
    with qtbot.waitSignal(editor.ops.executed):
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.catalogue.items.get(item.id).name == f"{item.name}改"
    close_window(window)


def test_ctrl_n_before_the_page_is_built_starts_a_new_item(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    window = _window(station_db, actors)
    _shown_before_the_page(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.editor
    assert editor.has_page() and editor.is_open() and editor.item is None
    name = _name(window)
    assert QApplication.focusWidget() is name.edit, "the cursor is in the name"
    # The category combo offers the station's categories (offered when the page was made).
    category = editor.active["category_id"]
    assert isinstance(category, ComboBinding)
    names = [category.combo.itemText(i) for i in range(category.combo.count())]
    assert names[0] == "（请选择）" and any("领导信息" in n for n in names)
    close_window(window)


def test_history_columns_are_kept_whether_or_not_the_page_was_built(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    """The history tab's column widths, saved with the window's layout, come back with
    the page, and a window closed before it built its page keeps them."""
    settings = Settings(
        QSettings(str(station_db.path.parent / "history.ini"), QSettings.Format.IniFormat)
    )
    settings.editor_min_width = PAGE_WIDTH
    window = _window(station_db, actors, settings)
    header = window.editor.ui.historyTree.header()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(0, 211)
    close_window(window)
    saved = settings.history_columns
    assert saved

    unbuilt = _window(station_db, actors, settings)
    assert not unbuilt.editor.has_page()
    close_window(unbuilt)
    assert settings.history_columns == saved, "not lost by a window that never built it"

    again = _window(station_db, actors, settings)
    assert again.editor.ui.historyTree.header().sectionSize(0) == 211
    close_window(again)
