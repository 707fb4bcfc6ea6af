"""The user guide in the application (issue 14, point 17): F1 opens it at the page about the
screen in front of the clerk, from the workbench, the item editor's tabs and a modal
dialog; links, back and forward work with the mouse; 帮助 → 使用手册 opens it; the whole
guide is saved as a PDF from the viewer."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

import gwgk_desktop.gui
from gwgk_desktop.gui import help as gui_help
from gwgk_desktop.gui.help import PAGES, HelpViewer
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.gui.printing.dialog import PrintDialog
from gwgk_desktop.services import user_guide
from tests.conftest import Actors
from tests.factories import licensing_content
from tests.gui.conftest import opened_item, settings_in
from tests.pdf.pdfcheck import Pdf


@pytest.fixture(autouse=True)
def _close_viewers() -> Iterator[None]:
    yield
    keys = gui_help.help_keys()
    if keys is not None:
        for viewer in list(keys.viewers.values()):
            if gui_help._alive(viewer):
                viewer.close()
                viewer.deleteLater()
        keys.viewers.clear()


def press_f1(qtbot: QtBot, widget: QWidget) -> HelpViewer:
    QTest.keyClick(widget, Qt.Key.Key_F1)
    viewers: list[HelpViewer] = list(widget.window().findChildren(HelpViewer))
    viewer = next(v for v in viewers if v.isVisible())
    qtbot.waitExposed(viewer)
    return viewer


def shown_title(viewer: HelpViewer) -> str:
    return viewer.pages[viewer.current].title


def test_f1_opens_the_page_about_what_has_the_focus(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    window = clerk_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    viewer = press_f1(qtbot, window.table)
    assert viewer.current == "workbench.md"
    assert "录入工作台" in viewer.browser.toPlainText()
    assert viewer.contents.currentItem().text() == shown_title(viewer)

    opened_item(window, actors.clerk, licensing_content(window.catalogue))
    editor = window.editor
    editor.ui.tabs.setCurrentWidget(editor.ui.flowchartPage)
    chart = editor.flowchart_editor.view
    QTest.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert chart.hasFocus()
    assert press_f1(qtbot, chart.viewport()) is viewer  # one viewer per window
    assert viewer.current == "flowchart.md"
    assert "快速录入" in viewer.browser.toPlainText()

    editor.ui.tabs.setCurrentWidget(editor.ui.basicPage)
    name = editor.active["name"].widget
    name.setFocus()
    press_f1(qtbot, name)
    assert viewer.current == "licensing-item.md"
    assert "即时办结" in viewer.browser.toPlainText()
    # Back goes through the pages seen, forward returns.
    qtbot.mouseClick(viewer.back_button, Qt.MouseButton.LeftButton)
    assert viewer.current == "flowchart.md"
    qtbot.mouseClick(viewer.back_button, Qt.MouseButton.LeftButton)
    assert viewer.current == "workbench.md" and not viewer.back_button.isEnabled()
    qtbot.mouseClick(viewer.forward_button, Qt.MouseButton.LeftButton)
    assert viewer.current == "flowchart.md"


def test_f1_in_a_modal_dialog_opens_a_viewer_that_can_be_used(
    qtbot: QtBot, clerk_window: MainWindow, tmp_path: Path
) -> None:
    dialog = PrintDialog(clerk_window.db, clerk_window, settings=settings_in(tmp_path))
    dialog.open()  # window-modal, as the window opens it
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    viewer = press_f1(qtbot, dialog.focusWidget() or dialog)
    assert viewer.current == "printing.md"
    # The viewer belongs to the modal dialog, so the dialog's modality does not block it.
    assert viewer.parentWidget() is dialog
    assert QApplication.activeModalWidget() is dialog
    dialog.reject()


def test_links_are_followed_with_the_mouse_and_the_contents_list_picks_pages(
    qtbot: QtBot, clerk_window: MainWindow
) -> None:
    clerk_window.activateWindow()
    qtbot.waitUntil(clerk_window.isActiveWindow)
    viewer = gui_help.open_help(user_guide.INDEX, clerk_window)
    qtbot.waitExposed(viewer)
    assert viewer.current == user_guide.INDEX
    # Click on the link 快捷键 in the contents page.
    cursor = viewer.browser.document().find("快捷键")
    assert not cursor.isNull()
    cursor.setPosition(cursor.selectionStart() + 1)
    point = viewer.browser.cursorRect(cursor).center()
    QTest.mouseClick(viewer.browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert viewer.current == "keys.md"
    assert "Ctrl+S" in viewer.browser.toPlainText()
    # The contents list on the left: a click shows that page.
    row = next(
        r
        for r in range(viewer.contents.count())
        if viewer.contents.item(r).data(Qt.ItemDataRole.UserRole) == "backup.md"
    )
    rect = viewer.contents.visualItemRect(viewer.contents.item(row))
    QTest.mouseClick(viewer.contents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert viewer.current == "backup.md"
    qtbot.mouseClick(viewer.home_button, Qt.MouseButton.LeftButton)
    assert viewer.current == user_guide.INDEX


def test_the_help_menu_opens_the_guide(qtbot: QtBot, clerk_window: MainWindow) -> None:
    menus = clerk_window.menus
    assert menus.manual.shortcut().toString() == "F1"
    assert menus.manual.isEnabled()
    menus.manual.trigger()
    viewers: list[HelpViewer] = list(clerk_window.findChildren(HelpViewer))
    viewer = next(v for v in viewers if v.isVisible())
    assert viewer.current in {p.name for p in user_guide.pages()}


def test_the_whole_guide_is_saved_as_a_pdf_from_the_viewer(
    qtbot: QtBot, clerk_window: MainWindow, tmp_path: Path, choose_file: object
) -> None:
    target = tmp_path / "手册"  # without .pdf: the viewer adds it
    choose_file(target)  # type: ignore[operator]
    viewer = gui_help.open_help("flowchart.md", clerk_window)
    qtbot.mouseClick(viewer.pdf_button, Qt.MouseButton.LeftButton)
    pdf = Pdf(target.with_suffix(".pdf"))
    assert pdf.pages > len(viewer.pages)
    assert "审批程序流程图" in pdf.text()


def test_every_screen_named_for_help_exists_and_has_its_page() -> None:
    """A renamed dialog would silently lose its page: every class named in PAGES is a
    class of the GUI, and every page named is shipped."""
    classes: set[str] = set()
    for module in pkgutil.walk_packages(gwgk_desktop.gui.__path__, "gwgk_desktop.gui."):
        if module.name.endswith("__main__"):
            continue
        loaded = importlib.import_module(module.name)
        classes |= {name for name, _ in inspect.getmembers(loaded, inspect.isclass)}
    assert set(PAGES) <= classes, set(PAGES) - classes
    shipped = {page.name for page in user_guide.pages()}
    assert set(PAGES.values()) <= shipped
