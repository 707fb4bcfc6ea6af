"""The privacy check in the GUI: submit masks on request (or goes on after a warning), a
reviewer returns an item for masking, printing offers to print masked, export offers to
export masked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import Status
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.gui.printing.dialog import PrintDialog
from gwgk_desktop.gui.privacy_dialog import PrivacyDialog
from gwgk_desktop.gui.submission.export_dialog import ExportDialog
from gwgk_desktop.services import privacy
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store.database import Database
from tests.conftest import Actors
from tests.factories import catalogue_content
from tests.gui.conftest import close_window, make_window, on_next_modal, opened_item, settings_in
from tests.services.test_privacy import (
    ID_NUMBER,
    MASKED_ID,
    _approved_with_id,
    _install,
    _item_with_id,
    _template,
)

WAIT_MS = 20_000


def _rows(dialog: PrivacyDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]
        for r in range(table.rowCount())
    ]


def _press(qtbot: QtBot, button: QPushButton | None) -> None:
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _open_new_item(window: MainWindow, actors: Actors, text: str) -> int:
    content = catalogue_content(window.catalogue, "户籍业务办理公示")
    content.content = text
    return opened_item(window, actors.clerk, content).id


def test_submit_lists_the_id_number_masked_and_masks_on_request(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    item_id = _open_new_item(clerk_window, actors, f"办理人身份证{ID_NUMBER}")
    seen: list[list[list[str]]] = []

    def mask(dialog: QWidget) -> None:
        assert isinstance(dialog, PrivacyDialog)
        seen.append(_rows(dialog))
        assert dialog.proceed_button is None, "an ID number never goes through unmasked"
        _press(qtbot, dialog.mask_button)

    on_next_modal(mask)
    qtbot.mouseClick(clerk_window.editor.review_buttons[Action.SUBMIT], Qt.MouseButton.LeftButton)
    assert seen[0] == [
        [
            f"{clerk_window.catalogue.items.get(item_id).index_number} 户籍业务办理公示",
            "公开内容（要素）",
            "居民身份证号码",
            MASKED_ID,
            "禁止公开",
        ]
    ]
    item = clerk_window.catalogue.items.get(item_id)
    assert item.status is Status.PENDING
    assert item.content.content == f"办理人身份证{MASKED_ID}"
    assert clerk_window.editor.doc.content == f"办理人身份证{MASKED_ID}"


def test_a_mobile_number_only_warns_and_the_clerk_may_go_on(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    item_id = _open_new_item(clerk_window, actors, "联系人手机13812345678")

    def go_on(dialog: QWidget) -> None:
        assert isinstance(dialog, PrivacyDialog)
        assert _rows(dialog)[0][2:] == ["手机号码", "138****5678", "提醒"]
        _press(qtbot, dialog.proceed_button)

    on_next_modal(go_on)
    qtbot.mouseClick(clerk_window.editor.review_buttons[Action.SUBMIT], Qt.MouseButton.LeftButton)
    item = clerk_window.catalogue.items.get(item_id)
    assert item.status is Status.PENDING
    assert item.content.content == "联系人手机13812345678"


def test_cancelling_leaves_the_item_as_it_was(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    item_id = _open_new_item(clerk_window, actors, f"身份证{ID_NUMBER}")

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, PrivacyDialog)
        dialog.reject()

    on_next_modal(cancel)
    qtbot.mouseClick(clerk_window.editor.review_buttons[Action.SUBMIT], Qt.MouseButton.LeftButton)
    item = clerk_window.catalogue.items.get(item_id)
    assert item.status is Status.DRAFT and ID_NUMBER in item.content.content


def test_a_reviewer_returns_the_item_for_masking(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    catalogue = Catalogue(station_db)
    _install(station_db, _template(1, levels="warn"))
    item_id = _item_with_id(station_db, actors)
    catalogue.review.transition(actors.clerk, item_id, Action.SUBMIT)
    _install(station_db, _template(2))
    window = make_window(qtbot, station_db, actors.reviewer)
    try:
        assert window.go_to_item(item_id)

        def send_back(dialog: QWidget) -> None:
            assert isinstance(dialog, PrivacyDialog)
            assert dialog.mask_button is None, "a reviewer does not edit content"
            _press(qtbot, dialog.return_button)

        on_next_modal(send_back)
        qtbot.mouseClick(window.editor.review_buttons[Action.APPROVE], Qt.MouseButton.LeftButton)
        item = catalogue.items.get(item_id)
        assert item.status is Status.DRAFT
        comment = catalogue.items.transitions(item_id)[-1].comment
        assert comment.startswith("含个人信息，请打码后重新提交：")
        assert MASKED_ID in comment and ID_NUMBER not in comment
    finally:
        close_window(window)


def test_printing_offers_to_print_masked(
    qtbot: QtBot, station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    _approved_with_id(station_db, actors)
    dialog = PrintDialog(station_db, settings=settings_in(tmp_path))
    qtbot.addWidget(dialog)

    def print_masked(privacy_dialog: QWidget) -> None:
        assert isinstance(privacy_dialog, PrivacyDialog)
        assert privacy_dialog.mask_button is not None
        assert privacy_dialog.mask_button.text() == "打码后印出"
        _press(qtbot, privacy_dialog.mask_button)

    on_next_modal(print_masked)
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS):
        dialog.show()
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        pass
    assert dialog.mask_check.isChecked()
    assert any(
        "已对1处个人信息打码" in note for note in dialog.notes_view.toPlainText().split("\n")
    )


def test_export_offers_to_export_masked(
    qtbot: QtBot, demo_db: Database, demo_actors: Actors
) -> None:
    _approved_with_id(demo_db, demo_actors)
    dialog = ExportDialog(demo_db, demo_actors.admin)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.checked, timeout=WAIT_MS) as checked:
        dialog.show()
    assert checked.args == [False]
    assert dialog.mask_private.isVisible() and not dialog.export_button.isEnabled()
    lines = [dialog.findings.item(i).text() for i in range(dialog.findings.count())]
    assert any(MASKED_ID in line and "不能公开" in line for line in lines)
    with qtbot.waitSignal(dialog.checked, timeout=WAIT_MS) as checked:
        dialog.mask_private.setFocus()
        qtbot.keyClick(dialog.mask_private, Qt.Key.Key_Space)
    assert checked.args == [True]
    assert dialog.export_button.isEnabled()
    assert privacy.check_items(demo_db).blocked, "the database still holds what was typed"
