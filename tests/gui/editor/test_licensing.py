"""A licensing item through its tabs: service guide, materials with a sample form,
linked fee items, the flowchart template and attachments; then submitted for review."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gwgk_desktop import session_temp
from gwgk_desktop.domain.enums import ItemKind, Status
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.gui.editor.fields import ChecksBinding, DaysBinding, LineBinding
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.services.queries import ItemQuery
from tests.conftest import Actors
from tests.factories import fee_content
from tests.gui.conftest import type_text

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _type(qtbot: QtBot, window: MainWindow, path: str, text: str) -> None:
    binding = window.editor.active[path]
    window.editor.reveal(binding.widget)
    type_text(qtbot, binding.widget, text)


def test_a_licensing_item_through_all_its_tabs(
    qtbot: QtBot,
    clerk_window: MainWindow,
    actors: Actors,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    choose_file: Callable[[Path], None],
) -> None:
    window, editor = clerk_window, clerk_window.editor
    catalogue = window.catalogue
    fee = catalogue.changes.create(actors.clerk, fee_content(catalogue))
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL_SHIFT)
    assert editor.kind is ItemKind.LICENSING

    _type(qtbot, window, "name", "出生登记")
    _type(qtbot, window, "basis", "《中华人民共和国户口登记条例》第七条")
    channels = editor.active["channels"]
    assert isinstance(channels, ChecksBinding)
    editor.reveal(channels.boxes["service_center"])  # scrolled into view, as a user would
    qtbot.mouseClick(channels.boxes["service_center"], Qt.MouseButton.LeftButton)
    assert editor.doc.channels == ("service_center",)

    # 办事指南, with a wrong phone number first.
    for path, text in (
        ("guide.conditions", "婴儿出生后一个月以内申报"),
        ("guide.result", "登记户口"),
        ("guide.place", "户籍窗口"),
        ("guide.hours", "工作日"),
        ("guide.phone", "电话"),
    ):
        _type(qtbot, window, path, text)
    qtbot.waitUntil(lambda: editor.problem_text("guide.phone") != "")
    assert "咨询电话格式不正确" in editor.problem_text("guide.phone")
    assert not editor.ui.tabs.tabIcon(editor.ui.tabs.indexOf(editor.ui.guidePage)).isNull()
    phone = editor.active["guide.phone"]
    assert isinstance(phone, LineBinding)
    phone.edit.clear()
    phone.edit.textEdited.emit("")
    _type(qtbot, window, "guide.phone", "0531-88880000")
    qtbot.waitUntil(lambda: editor.problem_text("guide.phone") == "")
    days = editor.active["guide.promised_limit_days"]
    assert isinstance(days, DaysBinding)
    days.spin.setFocus()
    qtbot.keyClicks(days.spin, "5")
    assert editor.doc.guide is not None and editor.doc.guide.promised_limit_days == 5

    # 申请材料: a row typed into the table, with a sample form attached.
    editor.ui.tabs.setCurrentWidget(editor.ui.materialsPage)
    qtbot.mouseClick(editor.materials.add_button, Qt.MouseButton.LeftButton)
    cell_editor = QApplication.focusWidget()
    assert cell_editor is not None and editor.materials.table.isAncestorOf(cell_editor)
    type_text(qtbot, cell_editor, "出生医学证明")
    qtbot.keyClick(cell_editor, Qt.Key.Key_Return)  # the delegate commits on the next loop
    qtbot.waitUntil(lambda: [m.name for m in editor.doc.materials] == ["出生医学证明"])
    sample = tmp_path / "出生登记申请表（示范）.pdf"
    sample.write_bytes(b"%PDF-1.4 sample form")
    choose_file(sample)
    qtbot.mouseClick(editor.materials.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.doc.materials[0].sample_sha256 is not None)
    assert editor.doc.materials[0].sample_filename == sample.name
    opened: list[QUrl] = []

    def fake_open(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", fake_open)
    qtbot.mouseClick(editor.materials.open_button, Qt.MouseButton.LeftButton)
    opened_file = Path(opened[0].toLocalFile())
    assert opened_file.read_bytes() == sample.read_bytes()
    # Written into the session's folder, which goes when the app quits: the applicant's
    # form does not stay behind in the computer's temporary folder.
    assert opened_file.parent.parent.name.startswith(session_temp.PREFIX)

    # 收费事项, 流程图, 附件.
    editor.ui.tabs.setCurrentWidget(editor.ui.feesPage)
    fee_item = editor.fee_links.list.item(0)
    assert fee_item is not None and fee.name in fee_item.text()
    fee_item.setCheckState(Qt.CheckState.Checked)
    assert editor.doc.fee_links == [fee.uuid]
    editor.ui.tabs.setCurrentWidget(editor.ui.flowchartPage)
    editor.flowchart_editor.apply_template("standard")
    attachment = tmp_path / "说明.txt"
    attachment.write_text("办理须知", encoding="utf-8")
    choose_file(attachment)
    editor.ui.tabs.setCurrentWidget(editor.ui.attachmentsPage)
    qtbot.mouseClick(editor.attachments.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(editor.doc.attachments) == 1)

    with qtbot.waitSignal(editor.ops.executed) as saved:
        qtbot.mouseClick(editor.ui.saveButton, Qt.MouseButton.LeftButton)
    item = catalogue.items.get(saved.args[0].item_id)
    content = item.content
    assert content.guide is not None and content.guide.phone == "0531-88880000"
    assert content.materials[0].sample_filename == sample.name
    assert (
        catalogue.attachments.read(content.materials[0].sample_sha256 or "") == sample.read_bytes()
    )
    assert content.fee_links == [fee.uuid]
    assert content.flowchart is not None and len(content.flowchart.nodes) >= 5
    assert [a.filename for a in content.attachments] == ["说明.txt"]

    qtbot.mouseClick(editor.review_buttons[Action.SUBMIT], Qt.MouseButton.LeftButton)
    assert catalogue.items.get(item.id).status is Status.PENDING, editor.ui.problems.text()


def test_submitting_an_incomplete_licensing_item_shows_what_is_missing(
    qtbot: QtBot, clerk_window: MainWindow
) -> None:
    window, editor = clerk_window, clerk_window.editor
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL_SHIFT)
    _type(qtbot, window, "name", "收养登记")
    assert editor.save()
    qtbot.mouseClick(editor.review_buttons[Action.SUBMIT], Qt.MouseButton.LeftButton)
    item_id = editor.item_id()
    assert item_id is not None
    assert window.catalogue.items.get(item_id).status is Status.DRAFT
    assert "不能提交审核" in editor.ui.problems.text() or "提交审核" in editor.ui.problems.text()
    assert editor.problem_text("guide.conditions").startswith("错误")
    assert editor.problem_text("materials").startswith("错误")
    assert "流程图" in editor.problem_text("flowchart")
    rows = window.catalogue.items.list_rows(ItemQuery(kind=ItemKind.LICENSING))
    assert [r.name for r in rows] == ["收养登记"]
