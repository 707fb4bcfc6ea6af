"""Creating items through the form, with real keystrokes: a validation error shown at its
field, refused on save, then fixed and saved."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import ItemKind, Status
from gwgk_desktop.gui.editor.fields import DateBinding, LineBinding, TextBinding
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.services.queries import ItemQuery
from tests.gui.conftest import type_text


def _line(window: MainWindow, path: str) -> LineBinding:
    binding = window.editor.active[path]
    assert isinstance(binding, LineBinding)
    return binding


def test_new_item_with_an_error_is_refused_then_saved_once_fixed(
    qtbot: QtBot, clerk_window: MainWindow
) -> None:
    window, editor = clerk_window, clerk_window.editor
    catalogue = window.catalogue
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert editor.is_open() and editor.item is None
    name = _line(window, "name").edit
    assert QApplication.focusWidget() is name, "Ctrl+N puts the cursor into the name"
    type_text(qtbot, name, "便民服务承诺")

    # 下次更新日期 before 生成日期: an error, at the field, in Chinese, while editing.
    due = editor.active["update_due"]
    assert isinstance(due, DateBinding)
    due.edit.setFocus()
    due.edit.setDate(QDate(2000, 1, 2))
    qtbot.waitUntil(lambda: editor.problem_text("update_due") != "")
    assert "下次更新日期不能早于生成日期" in editor.problem_text("update_due")
    assert editor.ui.problems.isVisible()
    assert "错误" in editor.ui.problems.text()

    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.item is None, "not saved"
    assert catalogue.items.count() == 0
    assert QApplication.focusWidget() is due.edit, "the cursor goes to the error"

    # Fixed by clearing the date (its clear button), then saved with Ctrl+S.
    qtbot.mouseClick(due.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.problem_text("update_due") == "")
    with qtbot.waitSignal(editor.ops.executed) as saved:
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    item = catalogue.items.get(saved.args[0].item_id)
    assert item.name == "便民服务承诺"
    assert item.status is Status.DRAFT and item.content.update_due is None
    assert item.kind is ItemKind.CATALOGUE
    assert editor.undo_stack.isClean()
    assert window.model.row_of(item.id) >= 0, "the table shows the new item"
    assert item.index_number in editor.ui.meta.text()
    # What submitting still needs is listed, as reminders, not errors.
    assert "提交审核前还须填写" in editor.ui.problems.text()
    assert "请填写公开依据" in editor.problem_text("basis")


def test_the_whole_entry_is_possible_without_a_mouse(
    qtbot: QtBot, clerk_window: MainWindow
) -> None:
    window, editor = clerk_window, clerk_window.editor
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    name = QApplication.focusWidget()
    assert name is not None
    type_text(qtbot, name, "户籍业务预约办理")
    # Tab from the name walks the form in order: 一级事项, 二级事项, 公开内容, 公开依据.
    visited: list[QWidget] = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None
        visited.append(focused)
    assert [w.objectName() for w in visited] == ["level1", "level2", "content", "basis"]
    basis = editor.active["basis"]
    assert isinstance(basis, TextBinding) and visited[-1] is basis.edit
    type_text(qtbot, basis.edit, "《中华人民共和国政府信息公开条例》第二十条")
    with qtbot.waitSignal(editor.ops.executed) as saved:
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    item = window.catalogue.items.get(saved.args[0].item_id)
    assert item.content.basis == "《中华人民共和国政府信息公开条例》第二十条"
    assert item.content.generated_date == dt.date.today()


def test_licensing_and_fee_items_get_their_own_forms(
    qtbot: QtBot, clerk_window: MainWindow
) -> None:
    window, editor = clerk_window, clerk_window.editor
    tab_titles = lambda: [  # noqa: E731
        editor.ui.tabs.tabText(i)
        for i in range(editor.ui.tabs.count())
        if editor.ui.tabs.isTabVisible(i)
    ]
    qtbot.keyClick(
        window,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.kind is ItemKind.FEE
    assert tab_titles() == ["收费信息", "附件"]
    assert editor.basic_stack.currentWidget() is editor.fee_form
    type_text(qtbot, _line(window, "name").edit, "临时居民身份证工本费")
    standard = editor.active["fee_standard"]
    assert isinstance(standard, TextBinding)
    type_text(qtbot, standard.edit, "每证10元")
    assert editor.save()
    fee = window.catalogue.items.list_rows(ItemQuery(kind=ItemKind.FEE))
    assert [row.name for row in fee] == ["临时居民身份证工本费"]
    assert window.catalogue.items.get(fee[0].id).content.fee_standard == "每证10元"

    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.kind is ItemKind.LICENSING
    assert tab_titles() == ["基本信息", "办事指南", "申请材料", "收费事项", "流程图", "附件"]
    assert editor.fee_links.list.count() == 1, "the station's fee items can be linked"
