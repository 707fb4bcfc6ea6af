"""gui.operations: a service call as an operation reports its error in one message (or
to the caller's handler) and announces what it changed only when it succeeded."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.errors import Conflict, PermissionDenied, UserError
from gwgk_desktop.gui.operations import Change, OpChanges, Operations
from tests.gui.conftest import on_next_modal


def test_success_is_announced_with_what_changed(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    ops = Operations(parent)
    with qtbot.waitSignal(ops.executed) as announced:
        assert ops.run(parent, "保存", lambda: 7, lambda n: OpChanges(Change.SAVED, n, "甲"))
    assert announced.args == [OpChanges(Change.SAVED, 7, "甲")]


def test_an_error_goes_to_its_handler_or_one_message_box(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    ops = Operations(parent)
    heard: list[object] = []
    ops.executed.connect(heard.append)

    def refuse() -> int:
        raise Conflict("已被他人修改", "conflict")

    handled: list[str] = []
    assert not ops.run(
        parent,
        "保存",
        refuse,
        lambda n: OpChanges(Change.SAVED, n),
        # the most specific handler of the error's type wins
        {UserError: lambda e: handled.append("any"), Conflict: lambda e: handled.append("c")},
    )
    assert handled == ["c"]

    def deny() -> int:
        raise PermissionDenied("审核人不能删除事项，请由录入员办理", "denied")

    shown: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        shown.append(f"{box.windowTitle()}|{box.text()}")
        box.accept()

    on_next_modal(read)
    assert not ops.run(parent, "删除", deny, lambda n: OpChanges(Change.DELETED, n))
    assert shown == ["删除|审核人不能删除事项，请由录入员办理"]
    assert heard == []
