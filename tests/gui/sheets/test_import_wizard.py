"""The import wizard driven as a clerk drives it: choose the file, look at the mapping and
change it, read the dry run, copy or save it, import, cancel; a bad file; the menu."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QTableWidget, QWizard
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.sheet_layout import Meaning
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.gui.sheets import SheetImportWizard
from gwgk_desktop.gui.sheets import import_page as import_page_module
from gwgk_desktop.services import sheet_import
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store.database import Database
from tests.conftest import Actors
from tests.gui.conftest import close_window, make_window, on_next_modal
from tests.sheets import FIXTURES, HeldProgress, snapshot
from tests.sheets.layouts import build

WAIT_MS = 20_000
LEFT = Qt.MouseButton.LeftButton


def _wizard(qtbot: QtBot, db: Database, actors: Actors) -> SheetImportWizard:
    wizard = SheetImportWizard(db, actors.clerk)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def _choose(
    qtbot: QtBot, wizard: SheetImportWizard, choose_file: Callable[[Path], None], path: Path
) -> bool:
    choose_file(path)
    with qtbot.waitSignal(wizard.file_page.loaded, timeout=WAIT_MS) as loaded:
        qtbot.mouseClick(wizard.file_page.browse, LEFT)
    return bool(loaded.args[0])


def _next(qtbot: QtBot, wizard: SheetImportWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    qtbot.mouseClick(button, LEFT)


def _select(qtbot: QtBot, box: QComboBox, data: object) -> None:
    """Choose the entry with ``data`` by keyboard, as a clerk tabbing through would."""
    box.setFocus()
    target = box.findData(data)
    assert target >= 0
    key = Qt.Key.Key_Down if target > box.currentIndex() else Qt.Key.Key_Up
    while box.currentIndex() != target:
        qtbot.keyClick(box, key)


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def _to_check_page(qtbot: QtBot, wizard: SheetImportWizard) -> None:
    with qtbot.waitSignal(wizard.check_page.checked, timeout=WAIT_MS):
        _next(qtbot, wizard)


def test_a_clerk_imports_a_sheet_with_the_wizard(
    qtbot: QtBot,
    station_db: Database,
    actors: Actors,
    tmp_path: Path,
    choose_file: Callable[[Path], None],
) -> None:
    path = tmp_path / "河西派出所目录.xlsx"
    build("standard", path)
    wizard = _wizard(qtbot, station_db, actors)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert _choose(qtbot, wizard, choose_file, path)
    page = wizard.file_page
    assert page.sheets.currentText() == "政务公开目录"  # not the 填表说明 sheet before it
    assert "表头在第2～3行" in page.found.text() and "类别3个（对上3个）" in page.found.text()
    assert _text(page.sheet_view, 0, 0) == "河西派出所政务公开事项目录"
    assert page.sheet_view.columnSpan(0, 0) == 15  # the merged title, as in the sheet

    with qtbot.waitSignal(wizard.mapping_page.previewed, timeout=WAIT_MS):
        _next(qtbot, wizard)
    mapping = wizard.mapping_page
    assert mapping.preview.rowCount() == 6
    assert _text(mapping.preview, 0, 4) == "内设机构及职能"
    # 备注 (column O) holds what this station keeps as 内容概述
    with qtbot.waitSignal(mapping.previewed, timeout=WAIT_MS):
        _select(qtbot, mapping.column_boxes[14], Meaning.SUMMARY.value)
    assert wizard.state.mapping is not None
    assert wizard.state.mapping.meaning(14) is Meaning.SUMMARY

    _to_check_page(qtbot, wizard)
    check = wizard.check_page
    assert "导入后将新建6项，更新0项，0项未变" in check.summary.text()
    assert "没有错误" in check.summary.text()
    assert check.problems.rowCount() == 0
    qtbot.mouseClick(check.copy_button, LEFT)
    assert QApplication.clipboard().text() == wizard.state.plan.report()  # type: ignore[union-attr]
    choose_file(tmp_path / "检查报告")
    qtbot.mouseClick(check.save_button, LEFT)
    assert (tmp_path / "检查报告.txt").read_text(encoding="utf-8").startswith("导入检查：")

    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isEnabled() and "开始导入" in commit.text()
    with (
        qtbot.waitSignal(wizard.imported, timeout=WAIT_MS) as imported,
        qtbot.waitSignal(wizard.import_page.finished_import, timeout=WAIT_MS),
    ):
        qtbot.mouseClick(commit, LEFT)
    result = imported.args[0]
    assert (result.created, result.updated, result.unchanged) == (6, 0, 0)
    assert "已导入：新建6项" in wizard.import_page.status.text()
    items = {i.name: i for i in Catalogue(station_db).items.iter_items()}
    assert items["领导班子成员"].content.summary == "每年更新"
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), LEFT)
    assert not wizard.isVisible()


def test_errors_block_the_import_until_the_mapping_fixes_them(
    qtbot: QtBot,
    station_db: Database,
    actors: Actors,
    tmp_path: Path,
    choose_file: Callable[[Path], None],
) -> None:
    path = tmp_path / "错误.xlsx"
    build("with_errors", path)
    wizard = _wizard(qtbot, station_db, actors)
    assert _choose(qtbot, wizard, choose_file, path)
    _next(qtbot, wizard)
    _to_check_page(qtbot, wizard)
    check = wizard.check_page
    assert "发现10个错误" in check.summary.text()
    rows = [_text(check.problems, r, 0) for r in range(check.problems.rowCount())]
    assert rows[:3] == ["4", "6", "7"]
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()

    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), LEFT)
    mapping = wizard.mapping_page
    qtbot.keyClick(mapping.tabs, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert mapping.tabs.currentIndex() == 2
    _select(qtbot, mapping.channel_boxes["飞鸽传书"], "other")
    qtbot.keyClick(mapping.tabs, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    _select(qtbot, mapping.category_boxes["十二、不存在的类别"], "10")
    _to_check_page(qtbot, wizard)
    assert "发现8个错误" in check.summary.text()
    assert snapshot(station_db)[0] == 0


def test_a_saved_mapping_is_loaded_for_the_next_sheet(
    qtbot: QtBot,
    station_db: Database,
    actors: Actors,
    tmp_path: Path,
    choose_file: Callable[[Path], None],
) -> None:
    path = tmp_path / "a.xlsx"
    build("standard", path)
    wizard = _wizard(qtbot, station_db, actors)
    assert _choose(qtbot, wizard, choose_file, path)
    _next(qtbot, wizard)
    mapping = wizard.mapping_page
    _select(qtbot, mapping.column_boxes[14], Meaning.SUMMARY.value)
    choose_file(tmp_path / "河西映射")
    qtbot.mouseClick(mapping.save_button, LEFT)
    saved = tmp_path / "河西映射.json"
    assert saved.exists() and "映射已保存" in mapping.preview_label.text()

    again = _wizard(qtbot, station_db, actors)
    assert _choose(qtbot, again, choose_file, path)
    _next(qtbot, again)
    assert again.mapping_page.column_boxes[14].currentData() == Meaning.REMARKS.value
    choose_file(saved)
    qtbot.mouseClick(again.mapping_page.load_button, LEFT)
    assert again.mapping_page.column_boxes[14].currentData() == Meaning.SUMMARY.value
    choose_file(path)  # not a mapping
    qtbot.mouseClick(again.mapping_page.load_button, LEFT)
    assert "映射文件不是有效的 JSON" in again.mapping_page.error.text()


def test_moving_the_header_rereads_the_columns(
    qtbot: QtBot,
    station_db: Database,
    actors: Actors,
    tmp_path: Path,
    choose_file: Callable[[Path], None],
) -> None:
    path = tmp_path / "a.xlsx"
    build("standard", path)
    wizard = _wizard(qtbot, station_db, actors)
    assert _choose(qtbot, wizard, choose_file, path)
    _next(qtbot, wizard)
    page = wizard.mapping_page
    page.header_rows.setFocus()
    qtbot.keyClick(page.header_rows, Qt.Key.Key_Down)  # one header row instead of two
    state = wizard.state.mapping
    assert state is not None and state.header_rows == 1
    assert [c.meaning for c in state.columns][1:3] == [Meaning.ITEM, Meaning.IGNORE]
    qtbot.keyClick(page.header_rows, Qt.Key.Key_Up)
    state = wizard.state.mapping
    assert state is not None and state.meaning(1) is Meaning.LEVEL1


def test_cancelling_the_import_leaves_the_database_as_it_was(
    qtbot: QtBot,
    station_db: Database,
    actors: Actors,
    tmp_path: Path,
    choose_file: Callable[[Path], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The real import, held at its first progress step until the clerk presses 取消."""
    path = tmp_path / "a.xlsx"
    build("standard", path)
    started = threading.Event()
    real_apply = sheet_import.apply

    monkeypatch.setattr(
        import_page_module,
        "apply",
        lambda db, actor, plan, job: real_apply(db, actor, plan, HeldProgress(job, started)),
    )
    before = snapshot(station_db)
    wizard = _wizard(qtbot, station_db, actors)
    assert _choose(qtbot, wizard, choose_file, path)
    _next(qtbot, wizard)
    _to_check_page(qtbot, wizard)
    with qtbot.waitSignal(wizard.import_page.finished_import, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), LEFT)
        qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
        qtbot.mouseClick(wizard.import_page.cancel_button, LEFT)
    assert finished.args == [False]
    assert "已取消导入，数据库没有任何改动" in wizard.import_page.status.text()
    assert snapshot(station_db) == before


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: FIXTURES / "password.xlsx", "设置了打开密码"),
        (lambda tmp: build("standard", tmp / "x.xls") and tmp / "x.xls", "内容其实是新版 Excel"),
    ],
)
def test_a_bad_file_says_what_to_do(
    qtbot: QtBot,
    station_db: Database,
    actors: Actors,
    tmp_path: Path,
    choose_file: Callable[[Path], None],
    make: Callable[[Path], Path],
    message: str,
) -> None:
    wizard = _wizard(qtbot, station_db, actors)
    assert not _choose(qtbot, wizard, choose_file, make(tmp_path))
    assert message in wizard.file_page.error.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_the_file_menu_opens_the_wizard_and_reviewers_cannot_import(
    qtbot: QtBot, station_db: Database, actors: Actors, clerk_window: MainWindow
) -> None:
    menu = clerk_window.menus.file_menu
    names = [a.objectName() for a in menu.actions()]
    assert {"importSheet", "exportSheet", "blankSheet"} <= set(names)
    seen = on_next_modal(lambda dialog: dialog.hide())
    clerk_window.menus.import_sheet.trigger()
    assert isinstance(seen[0], SheetImportWizard)
    reviewer = make_window(qtbot, station_db, actors.reviewer)
    try:
        assert not reviewer.menus.import_sheet.isEnabled()
        assert "不能新建事项" in reviewer.menus.import_sheet.toolTip()
    finally:
        close_window(reviewer)


def test_the_wizard_fits_a_1366_by_768_screen(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    wizard = _wizard(qtbot, station_db, actors)
    assert wizard.width() <= 1366 and wizard.height() <= 700
    assert wizard.minimumSizeHint().width() <= 1366
    assert wizard.minimumSizeHint().height() <= 700
