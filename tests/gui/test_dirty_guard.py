"""Leaving a dirty editor (closing the window, opening another item) asks to save,
discard or cancel; deleting is soft and undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import ItemKind, Status
from gwgk_desktop.errors import PermissionDenied
from gwgk_desktop.gui.editor.fields import LineBinding
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.services.queries import ItemQuery
from tests.conftest import Actors
from tests.gui.conftest import on_next_modal, type_text


def _answer(button: QMessageBox.StandardButton) -> list[QWidget]:
    def click(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        assert widget.objectName() == "saveChangesBox"
        found = widget.button(button)
        assert found is not None
        found.click()

    return on_next_modal(click)


def _dirty_name(qtbot: QtBot, window: MainWindow, text: str) -> LineBinding:
    name = window.editor.active["name"]
    assert isinstance(name, LineBinding)
    type_text(qtbot, name.edit, text)
    assert window.editor.is_dirty()
    return name


def _open_first_draft(window: MainWindow) -> int:
    ids = window.catalogue.items.search_ids(
        ItemQuery(kind=ItemKind.CATALOGUE, statuses=frozenset({Status.DRAFT}))
    )
    assert window.go_to_item(ids[0])
    assert window.editor.item_id() == ids[0]
    return ids[0]


def test_closing_with_unsaved_changes_asks_first(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    item_id = _open_first_draft(window)
    before = window.catalogue.items.get(item_id).name
    _dirty_name(qtbot, window, "（改）")

    seen = _answer(QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert seen and window.isVisible() and window.editor.is_dirty()
    label = seen[0].findChild(QWidget, "qt_msgbox_label")
    assert label is not None and "（改）" in label.property("text")

    _answer(QMessageBox.StandardButton.Discard)
    assert window.close()
    assert not window.isVisible()
    assert window.catalogue.items.get(item_id).name == before, "discarded, nothing written"


def test_save_from_the_close_question(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    item_id = _open_first_draft(window)
    before = window.catalogue.items.get(item_id).name
    _dirty_name(qtbot, window, "（改）")
    _answer(QMessageBox.StandardButton.Save)
    assert window.close()
    assert window.catalogue.items.get(item_id).name == before + "（改）"


def test_opening_another_item_asks_and_cancel_stays(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    item_id = _open_first_draft(window)
    name = _dirty_name(qtbot, window, "（改）")
    other_row = (window.model.row_of(item_id) + 1) % window.model.rowCount()

    seen = _answer(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: bool(seen))
    qtbot.waitUntil(lambda: window.table.currentIndex().row() == window.model.row_of(item_id))
    assert window.editor.item_id() == item_id and window.editor.is_dirty()
    assert name.edit.text().endswith("（改）")

    _answer(QMessageBox.StandardButton.Discard)
    window.table.setCurrentIndex(window.model.index(other_row, 0))
    assert window.editor.item_id() == window.model.item_id(other_row)
    assert not window.editor.is_dirty()


def test_delete_is_soft_and_can_be_undone(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    item_id = _open_first_draft(window)
    total = len(window.model.ids)
    qtbot.mouseClick(window.editor.ui.deleteButton, Qt.MouseButton.LeftButton)
    assert window.model.row_of(item_id) == -1 and len(window.model.ids) == total - 1
    assert window.info_bar.isVisible() and "回收站" in window.info_text.text()
    assert window.catalogue.items.get(item_id).deleted
    assert not window.editor.is_open()

    qtbot.mouseClick(window.info_undo, Qt.MouseButton.LeftButton)
    assert not window.catalogue.items.get(item_id).deleted
    assert window.model.row_of(item_id) >= 0
    assert window.editor.item_id() == item_id
    assert not window.info_bar.isVisible()

    # From the recycle bin too: delete, open the bin, restore.
    qtbot.mouseClick(window.editor.ui.deleteButton, Qt.MouseButton.LeftButton)
    window.show_recycle_bin()
    assert window.model.ids == [item_id]
    window.table.setCurrentIndex(window.model.index(0, 0))
    assert window.editor.ui.restoreButton.isVisible()
    assert window.editor.read_only_reason
    assert window.info_bar.isVisible()
    qtbot.mouseClick(window.editor.ui.restoreButton, Qt.MouseButton.LeftButton)
    assert not window.catalogue.items.get(item_id).deleted
    assert window.tree_model.total(window.tree_model.bin_filter) == 0
    # The offer to undo the delete went with it (issue 14, point 13).
    assert not window.info_bar.isVisible()

    # And when another program restores it (``gwgk item restore``).
    qtbot.mouseClick(window.editor.ui.deleteButton, Qt.MouseButton.LeftButton)
    assert window.info_bar.isVisible()
    window.catalogue.changes.restore(window.actor, item_id)
    window.reload_from_elsewhere()
    assert not window.info_bar.isVisible()


def test_published_items_cannot_be_deleted(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    ids = window.catalogue.items.search_ids(ItemQuery(statuses=frozenset({Status.PUBLISHED})))
    assert window.go_to_item(ids[0])
    assert not window.editor.ui.deleteButton.isEnabled()
    assert "撤回" in window.editor.ui.deleteButton.toolTip()


def test_the_editor_gives_the_services_reason_for_refusing_a_delete(
    qtbot: QtBot, demo_window: MainWindow, demo_actors: Actors
) -> None:
    """One rule: the disabled button says what the service would say when asked anyway."""
    window = demo_window
    published = window.catalogue.items.search_ids(ItemQuery(statuses=frozenset({Status.PUBLISHED})))
    assert window.go_to_item(published[0])
    with pytest.raises(PermissionDenied) as in_force:
        window.catalogue.changes.delete(demo_actors.clerk, published[0])
    assert window.editor.ui.deleteButton.toolTip() == in_force.value.message

    window.set_actor(demo_actors.reviewer)
    draft = _open_first_draft(window)
    with pytest.raises(PermissionDenied) as by_role:
        window.catalogue.changes.delete(demo_actors.reviewer, draft)
    assert not window.editor.ui.deleteButton.isEnabled()
    assert window.editor.ui.deleteButton.toolTip() == by_role.value.message
    assert not window.menus.new_catalogue.isEnabled()
    with pytest.raises(PermissionDenied) as create:
        window.catalogue.changes.create(demo_actors.reviewer, window.editor.content())
    assert window.menus.new_catalogue.toolTip() == create.value.message
