"""Two items of one name in one category (issue 14, point 7): allowed, but the clerk is
warned as the name is typed, with the other item's 索引号 to tell them apart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.gui.category_tree import TreeFilter
from gwgk_desktop.gui.main_window import MainWindow
from tests.conftest import Actors
from tests.factories import catalogue_content
from tests.gui.conftest import type_text


def test_the_same_name_in_one_category_is_pointed_out(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    window, editor = clerk_window, clerk_window.editor
    first = window.catalogue.changes.create(
        actors.clerk, catalogue_content(window.catalogue, "便民服务承诺")
    )
    window.refresh()
    category = next(c for c in window.categories if c.id == first.content.category_id)
    window.tree.setCurrentIndex(window.tree_model.index_of(TreeFilter(category_id=category.id)))
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert editor.kind is ItemKind.CATALOGUE and editor.doc.category_id == category.id
    name = editor.active["name"].widget
    type_text(qtbot, name, "便民服务承诺")
    qtbot.waitUntil(lambda: "同名" in editor.problem_text("name"))
    message = editor.problem_text("name")
    assert first.index_number in message and message.startswith("提醒")

    # A warning, not an error: the item can still be saved, and the warning stays.
    qtbot.keyClick(name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.item is not None and editor.item.name == "便民服务承诺"
    assert first.index_number in editor.problem_text("name")
    # The first one now sees the second.
    assert window.go_to_item(first.id)
    editor.validate()
    assert editor.problem_text("name") == ""  # untouched: shown after an edit or a save
    editor.problems.show_all = True
    editor.validate()
    assert editor.item.index_number not in editor.problem_text("name")
    assert "同名" in editor.problem_text("name")
