"""The review workflow through the UI with two operators: submit → return → resubmit →
approve → publish; a role refused; editing an approved item makes a new draft revision."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import Role, Status
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.gui.editor.fields import LineBinding
from gwgk_desktop.gui.editor.transition_dialog import TransitionDialog
from gwgk_desktop.gui.login_dialog import LoginDialog
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.services.catalogue import Catalogue
from tests.conftest import PASSWORDS, Actors
from tests.factories import catalogue_content
from tests.gui.conftest import approved_item, on_next_modal, type_text


def _log_in_as(qtbot: QtBot, window: MainWindow, username: str) -> None:
    def fill(widget: QWidget) -> None:
        assert isinstance(widget, LoginDialog)
        widget.username.clear()
        qtbot.keyClicks(widget.username, username)
        qtbot.keyClicks(widget.password, PASSWORDS[username])
        qtbot.keyClick(widget.password, Qt.Key.Key_Return)

    on_next_modal(fill)
    assert window.switch_operator()
    assert window.actor.username == username
    assert window.operator_label.text().endswith(f"（{window.actor.role.label}）")


def _click(qtbot: QtBot, window: MainWindow, action: Action) -> None:
    button = window.editor.review_buttons[action]
    assert button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _answer_transition(qtbot: QtBot, comment: str = "") -> list[QWidget]:
    def fill(widget: QWidget) -> None:
        assert isinstance(widget, TransitionDialog)
        if comment:
            type_text(qtbot, widget.comment, comment)
        ok = widget.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    return on_next_modal(fill)


def test_submit_return_resubmit_approve_publish_with_two_operators(
    qtbot: QtBot, clerk_window: MainWindow, station_db: object, actors: Actors
) -> None:
    window, editor = clerk_window, clerk_window.editor
    catalogue: Catalogue = window.catalogue
    item = catalogue.changes.create(actors.clerk, catalogue_content(catalogue))
    window.refresh()  # the item was made behind the window's back
    assert window.go_to_item(item.id)

    # The clerk may not approve: disabled, and the tooltip says why.
    approve = editor.review_buttons[Action.APPROVE]
    assert not approve.isEnabled() and approve.toolTip()
    _click(qtbot, window, Action.SUBMIT)
    assert catalogue.items.get(item.id).status is Status.PENDING
    assert editor.read_only_reason, "pending items are not edited"

    _log_in_as(qtbot, window, "reviewer")
    assert editor.item_id() == item.id
    # Returning needs a comment: OK without one is refused inside the dialog.
    seen_error: list[str] = []

    def without_comment(widget: QWidget) -> None:
        assert isinstance(widget, TransitionDialog)
        ok = widget.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        seen_error.append(widget.error.text())
        type_text(qtbot, widget.comment, "公开依据请写明条款")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    on_next_modal(without_comment)
    _click(qtbot, window, Action.RETURN)
    assert seen_error and "意见" in seen_error[0]
    assert catalogue.items.get(item.id).status is Status.DRAFT

    _log_in_as(qtbot, window, "clerk")
    basis = editor.active["basis"].widget
    basis.setFocus()
    qtbot.keyClick(basis, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, basis, "第一款")
    _click(qtbot, window, Action.SUBMIT)  # saves first, then submits
    resubmitted = catalogue.items.get(item.id)
    assert resubmitted.status is Status.PENDING
    assert resubmitted.content.basis.endswith("第二十条第一款")

    _log_in_as(qtbot, window, "reviewer")
    _answer_transition(qtbot, "同意")
    _click(qtbot, window, Action.APPROVE)
    assert catalogue.items.get(item.id).status is Status.APPROVED
    _answer_transition(qtbot)
    _click(qtbot, window, Action.PUBLISH)
    published = catalogue.items.get(item.id)
    assert published.status is Status.PUBLISHED and published.published_on is not None

    steps = [(t.action, t.by) for t in catalogue.items.transitions(item.id)]
    assert steps == [
        ("submit", "张录入"),
        ("return", "李审核"),
        ("submit", "张录入"),
        ("approve", "李审核"),
        ("publish", "李审核"),
    ]
    # The history tab shows who did what, from the audit log.
    editor.ui.tabs.setCurrentWidget(editor.ui.historyPage)
    top = [
        editor.ui.historyTree.topLevelItem(i)
        for i in range(editor.ui.historyTree.topLevelItemCount())
    ]
    rows = [(t.text(1), t.text(2)) for t in top if t is not None]
    assert rows[0] == ("李审核", "公开")
    assert ("李审核", "退回修改") in rows and ("张录入", "新建") in rows
    returned = next(t for t in top if t is not None and t.text(2) == "退回修改")
    assert "公开依据请写明条款" in returned.text(3)


def test_a_role_is_refused_and_four_eyes_hold(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    window, editor = clerk_window, clerk_window.editor
    catalogue = window.catalogue
    item = catalogue.changes.create(actors.admin, catalogue_content(catalogue))
    window.set_actor(actors.admin)
    window.refresh()  # the item was made behind the window's back
    assert window.go_to_item(item.id)
    _click(qtbot, window, Action.SUBMIT)
    approve = editor.review_buttons[Action.APPROVE]
    assert not approve.isEnabled()
    assert "自己提交" in approve.toolTip()

    # Asking anyway (e.g. from the menu) is refused with the reason, nothing changes.
    def dismiss(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        assert "自己提交" in widget.text()
        widget.accept()

    seen = on_next_modal(dismiss)
    assert not editor.run_action(Action.APPROVE)
    assert seen
    assert catalogue.items.get(item.id).status is Status.PENDING

    window.set_actor(actors.clerk)
    for action in (Action.APPROVE, Action.RETURN, Action.PUBLISH):
        button = editor.review_buttons[action]
        assert not button.isEnabled()
        assert Role.CLERK.label in button.toolTip() or "状态" in button.toolTip()


def test_editing_an_approved_item_makes_a_new_draft_revision(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    window, editor = clerk_window, clerk_window.editor
    catalogue = window.catalogue
    item = approved_item(window, actors)
    assert window.go_to_item(item.id)
    assert "生成第2版草稿" in editor.ui.banner.text()
    name = editor.active["name"]
    assert isinstance(name, LineBinding)
    type_text(qtbot, name.edit, "（修订）")
    assert editor.save()

    head = catalogue.items.get(item.id)
    assert (head.revision, head.status, head.live_revision) == (2, Status.DRAFT, 1)
    live = catalogue.items.live(item.id)
    assert live is not None and live.name == "便民服务承诺" and live.status is Status.APPROVED
    assert "已审核的第1版仍然有效" in editor.ui.banner.text()
    assert editor.ui.liveButton.isVisible()
    row = window.model.item_row(window.model.row_of(item.id))
    assert row is not None and row.live_revision == 1


def test_the_review_menu_and_the_buttons_are_the_same_actions(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    window, editor = clerk_window, clerk_window.editor
    in_menu = {a.objectName(): a for a in window.menus.review_menu.actions()}
    # Nothing open: every step is off, in the menu as on the (hidden) buttons.
    assert not any(a.isEnabled() for a in in_menu.values())
    assert in_menu["review_submit"].toolTip() == "没有打开的事项"

    item = window.catalogue.changes.create(actors.clerk, catalogue_content(window.catalogue))
    window.refresh()
    assert window.go_to_item(item.id)
    for action, button in editor.review_buttons.items():
        shared = in_menu[f"review_{action.value}"]
        assert shared is editor.item_actions.steps[action]
        assert (button.isEnabled(), button.toolTip()) == (shared.isEnabled(), shared.toolTip())
    assert in_menu["review_submit"].isEnabled() and not in_menu["review_approve"].isEnabled()

    # Taken from the menu, the step changes the buttons too (they follow the action).
    in_menu["review_submit"].trigger()
    assert window.catalogue.items.get(item.id).status is Status.PENDING
    assert not editor.review_buttons[Action.SUBMIT].isEnabled()
    assert editor.review_buttons[Action.RETRACT].isEnabled()
    delete = window.menus.delete
    assert delete is editor.item_actions.delete
    assert (editor.ui.deleteButton.isEnabled(), editor.ui.deleteButton.toolTip()) == (
        delete.isEnabled(),
        delete.toolTip(),
    )
