"""文件 → 导出为 Excel… and 保存空白目录表…: choose where and what, export in a worker,
cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.gui.sheets import SheetExportDialog
from gwgk_desktop.gui.sheets import export_dialog as export_dialog_module
from gwgk_desktop.services import sheet_export
from gwgk_desktop.store.database import Database
from tests.conftest import Actors
from tests.sheets import HeldProgress

WAIT_MS = 20_000
LEFT = Qt.MouseButton.LeftButton


def _dialog(qtbot: QtBot, db: Database) -> SheetExportDialog:
    dialog = SheetExportDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_export_the_drafts_of_two_categories(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, choose_file: Callable[[Path], None]
) -> None:
    dialog = _dialog(qtbot, demo_db)
    choose_file(tmp_path / "目录")
    qtbot.mouseClick(dialog.findChild(type(dialog.export_button), "browse"), LEFT)
    assert dialog.path.text() == str(tmp_path / "目录.xlsx")
    qtbot.mouseClick(dialog.drafts, LEFT)
    assert dialog.drafts.isChecked()
    categories = dialog.categories
    categories.setFocus()
    for row in range(2, categories.count()):  # leave 领导信息 and 法规文件 checked
        categories.setCurrentRow(row)
        qtbot.keyClick(categories, Qt.Key.Key_Space)
    assert dialog.chosen_categories() is not None
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS) as exported:
        qtbot.mouseClick(dialog.export_button, LEFT)
    result = exported.args[0]
    assert result.items > 0 and "已导出" in dialog.status.text()
    sheet = load_workbook(tmp_path / "目录.xlsx").active
    assert sheet is not None
    sections = [
        sheet.cell(r, 1).value
        for r in range(5, sheet.max_row + 1)
        if str(sheet.cell(r, 1).value or "").endswith("项）")
    ]
    assert [s.split("（")[0] for s in sections] == ["一、领导信息", "二、法规文件"]


def test_no_category_chosen_is_refused(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, demo_db)
    dialog.path.setText(str(tmp_path / "x.xlsx"))
    for row in range(dialog.categories.count()):
        dialog.categories.item(row).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.export_button, LEFT)
    assert "请至少选择一个信息类别" in dialog.error.text()
    assert not (tmp_path / "x.xlsx").exists()


def test_cancelling_the_export_writes_no_file(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = threading.Event()
    real_export = sheet_export.export_catalogue

    monkeypatch.setattr(
        export_dialog_module,
        "export_catalogue",
        lambda db, target, progress, **kw: real_export(
            db, target, progress=HeldProgress(progress, started), **kw
        ),
    )
    out = tmp_path / "out"
    out.mkdir()
    dialog = _dialog(qtbot, demo_db)
    dialog.path.setText(str(out / "目录.xlsx"))
    with qtbot.waitSignal(dialog.job_finished, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.export_button, LEFT)
        qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
        assert not dialog.close_button.isEnabled()
        qtbot.mouseClick(dialog.bar.cancel_button, LEFT)
    assert "已取消导出，未生成文件" in dialog.status.text()
    assert list(out.iterdir()) == []


def test_the_blank_template_from_the_file_menu(
    clerk_window: MainWindow, tmp_path: Path, choose_file: Callable[[Path], None]
) -> None:
    choose_file(tmp_path / "空白")
    clerk_window.menus.blank_sheet.trigger()
    assert load_workbook(tmp_path / "空白.xlsx").sheetnames == ["政务公开目录", "填表说明"]
    assert "空白目录表已保存" in clerk_window.statusBar().currentMessage()


def test_an_id_number_is_exported_only_masked(
    qtbot: QtBot, station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    from gwgk_desktop.gui.privacy_dialog import PrivacyDialog
    from tests.gui.conftest import on_next_modal
    from tests.services.test_privacy import ID_NUMBER, MASKED_ID, _approved_with_id

    _approved_with_id(station_db, actors)
    dialog = _dialog(qtbot, station_db)
    dialog.path.setText(str(tmp_path / "目录.xlsx"))

    def export_masked(privacy_dialog: QWidget) -> None:
        assert isinstance(privacy_dialog, PrivacyDialog)
        assert privacy_dialog.mask_button is not None
        assert privacy_dialog.mask_button.text() == "打码后导出"
        qtbot.mouseClick(privacy_dialog.mask_button, LEFT)

    seen = on_next_modal(export_masked)
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.export_button, LEFT)
    assert seen and dialog.mask_check.isChecked()
    assert "已对1处个人信息打码后导出" in dialog.status.text()
    sheet = load_workbook(tmp_path / "目录.xlsx").active
    assert sheet is not None
    texts = [str(c.value) for row in sheet.iter_rows() for c in row]
    assert any(MASKED_ID in t for t in texts) and not any(ID_NUMBER in t for t in texts)
