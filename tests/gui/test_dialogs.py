"""The smaller windows: operators, station profile, the in-force revision, the menus
other features plug into."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import Role
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.gui.editor.editor import ItemEditor
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.gui.operators_dialog import OperatorsDialog
from gwgk_desktop.gui.station_form import StationDialog
from gwgk_desktop.services import auth, station
from gwgk_desktop.store.database import Database
from tests.conftest import Actors
from tests.factories import catalogue_content
from tests.gui.conftest import approved_item, on_next_modal, type_text


def test_an_administrator_adds_an_operator(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    dialog = OperatorsDialog(station_db, actors.admin)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 3
    qtbot.keyClicks(dialog.edits["username"], "clerk")  # taken
    type_text(qtbot, dialog.edits["display_name"], "赵录入")
    qtbot.keyClicks(dialog.edits["password"], "secret12")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert "已被使用" in dialog.problems.text("username")
    dialog.edits["username"].clear()
    qtbot.keyClicks(dialog.edits["username"], "zhao")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 4
    added = auth.authenticate(station_db, "zhao", "secret12")
    assert added.role is Role.CLERK and added.display_name == "赵录入"


def test_the_station_profile_is_edited_with_checks(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    dialog = StationDialog(station_db, actors.admin)
    qtbot.addWidget(dialog)
    dialog.show()
    phone = dialog.form.edits["phone"]
    phone.clear()
    type_text(qtbot, phone, "电话号码")
    dialog.accept()
    assert dialog.isVisible() and "咨询电话格式不正确" in dialog.form.problems.text("station.phone")
    phone.clear()
    qtbot.keyClicks(phone, "0531-12345678")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert station.get_profile(station_db).phone == "0531-12345678"
    assert dialog.form.edits["org_code"].isReadOnly()


def test_the_revision_in_force_can_be_looked_at(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    window, editor = clerk_window, clerk_window.editor
    catalogue = window.catalogue
    item = approved_item(window, actors)
    catalogue.changes.update(actors.clerk, item.id, catalogue_content(catalogue, "新名称"), 1)
    window.refresh()
    assert window.go_to_item(item.id)
    assert editor.ui.liveButton.isVisible() and "第1版" in editor.ui.liveButton.text()
    shown: list[tuple[str, str, bool]] = []

    def look(widget: QWidget) -> None:
        viewer = widget.findChild(ItemEditor)
        assert viewer is not None
        shown.append(
            (
                viewer.doc.name,
                viewer.read_only_reason,
                viewer.review_buttons[Action.SUBMIT].isVisible(),
            )
        )
        widget.close()

    on_next_modal(look)
    qtbot.mouseClick(editor.ui.liveButton, Qt.MouseButton.LeftButton)
    assert shown == [("便民服务承诺", "这是第1版，只能查看", False)]


def test_output_and_station_menus_open_their_dialogs(
    qtbot: QtBot, clerk_window: MainWindow
) -> None:
    window = clerk_window
    opened: list[str] = []

    def close(widget: QWidget) -> None:
        opened.append(type(widget).__name__)
        widget.close()

    def activate() -> None:
        # The offscreen platform does not hand activation back when a dialog closes.
        handle = window.windowHandle()
        assert handle is not None
        handle.requestActivate()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    control, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    for key, modifiers in (("P", control), ("E", control | shift)):
        activate()
        on_next_modal(close)
        qtbot.keyClick(window, key, modifiers)
    on_next_modal(close)
    window.menus.keys.trigger()
    assert opened == ["PrintDialog", "ExportDialog", "KeyDialog"]
    # The dialogs are deleted once closed, not kept hidden for the rest of the session.
    assert not window.findChildren(QDialog)
    # Replacing the reference template is the administrator's.
    assert not window.menus.template.isEnabled()
    assert window.menus.template.toolTip() == "只有管理员可以使用"


def test_a_reviewer_cannot_create_or_manage(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    window = clerk_window
    window.set_actor(actors.reviewer)
    assert not window.menus.new_catalogue.isEnabled()
    assert "审核人" in window.menus.new_catalogue.toolTip()
    assert not window.menus.operators.isEnabled()
    assert window.operator_label.text() == "操作员：李审核（审核人）"
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not window.editor.is_open()
