"""The bureau mode driven with real clicks and keys: intake by choosing files and by
dropping them, the stations' colours and what they lack, a station's catalogue in the
station's table and editor, the city-wide search, the key registry, rounds, the notice
and the catalogue export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.bureau import registry, rounds
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.gui.bureau.catalogues import CityColumn, StationCatalogueDialog
from gwgk_desktop.gui.bureau.registry_pages import FingerprintDialog
from gwgk_desktop.gui.bureau.window import BureauWindow
from tests.bureau.fixtures import City
from tests.gui.conftest import commit_text, on_next_modal, type_text

LEFT = Qt.MouseButton.LeftButton


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, LEFT)


def _intake_job_done(qtbot: QtBot, window: BureauWindow, start: object) -> None:
    with qtbot.waitSignal(window.intake.changed, timeout=60000):
        assert callable(start)
        start()


def test_choosing_files_takes_them_in_and_the_stations_turn_from_red(
    qtbot: QtBot, window: BureauWindow, city: City, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.stations
    assert {r.severity for r in page.model.rows} == {"danger"}  # nobody has reported
    files = [str(p) for p in city.packages(1)]
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileNames", lambda *_a, **_k: (files, "")
    )
    window.tabs.setCurrentWidget(window.intake)
    _intake_job_done(qtbot, window, lambda: _click(qtbot, window.intake.files_button))
    results = window.intake.results
    assert results.rowCount() == 3
    assert {_cell(results, r, 0) for r in range(3)} == {"已接收"}
    assert "已接收3个" in window.intake.summary.text()
    assert all(r.packages == 1 for r in page.model.rows)
    assert {r.severity for r in page.model.rows} <= {"ok", "warning", "none"}


def test_dropping_a_folder_and_a_refused_file(
    qtbot: QtBot, window: BureauWindow, stick: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "坏包.gwgk"
    bad.write_bytes(b"not a package")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(stick)), QUrl.fromLocalFile(str(bad))])
    page = window.intake
    window.tabs.setCurrentWidget(page)
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Offscreen there is no drag session for QApplication to deliver a drop through:
    # the page's own handlers get the events.
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dragEnterEvent(enter)
    assert enter.isAccepted()
    _intake_job_done(qtbot, window, lambda: page.dropEvent(event))
    texts = [_cell(page.results, r, 0) for r in range(page.results.rowCount())]
    assert sorted(texts) == sorted(["拒收", "已接收", "已接收", "已接收"])
    refused = next(r for r in range(len(texts)) if texts[r] == "拒收")
    assert "不是" in _cell(page.results, refused, 2)
    assert page.rejections.rowCount() == 1


def test_a_station_lacking_things_and_its_catalogue(
    qtbot: QtBot, full_window: BureauWindow, city: City
) -> None:
    page = full_window.stations
    page.table.selectRow(0)
    row = page.selected()
    assert row is not None and row.packages == 1
    assert row.name in page.details.toPlainText()
    assert page.open_button.isEnabled()
    with qtbot.waitSignal(page.open_station) as opened:
        _click(qtbot, page.open_button)
    assert opened.args == [row.org_code]
    dialog = next(d for d in full_window.dialogs if isinstance(d, StationCatalogueDialog))
    qtbot.waitExposed(dialog)
    assert dialog.model.rowCount() == row.items
    type_text(qtbot, dialog.filter, "户籍")
    assert 0 < dialog.model.rowCount() < row.items
    name = dialog.editor.ui.title.text()
    assert dialog.editor.is_open() and name
    assert not dialog.editor.ui.saveButton.isVisible()  # read-only: nothing to save
    dialog.close()


def test_the_city_wide_search(qtbot: QtBot, full_window: BureauWindow) -> None:
    page = full_window.city
    full_window.tabs.setCurrentWidget(page)
    everything = len(page.model.ids)
    assert everything > 0
    with qtbot.waitSignal(page.model.modelReset, timeout=5000):
        type_text(qtbot, page.text, "户籍")
    assert 0 < len(page.model.ids) < everything
    assert "户籍" in page.count.text() or page.count.text().startswith("共")
    first = page.model.row_of(0)
    assert first is not None
    assert page.editor.is_open()
    assert first.station in page.origin.text()
    # The 索引号 is shown whole (it was cut at 1366 pixels: 110100010/2026-000…).
    index = page.model.index(0, CityColumn.INDEX)
    shown = page.table.visualRect(index).width()
    assert shown > page.table.fontMetrics().horizontalAdvance(str(index.data())) + 6
    page.station.setCurrentIndex(1)
    assert {page.model.row_of(r).station for r in range(len(page.model.ids))} == {  # type: ignore[union-attr]
        page.station.currentText()
    }


def test_registering_a_key_after_comparing_its_fingerprint_and_revoking_it(
    qtbot: QtBot, bureau: BureauDatabase, city: City, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.gui.bureau.conftest import open_window

    window = open_window(qtbot, bureau)
    page = window.keys
    window.tabs.setCurrentWidget(page)
    key_file = city.stations[0].key_file
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *_a, **_k: (str(key_file), "")
    )

    def confirm(dialog: QWidget) -> None:
        assert isinstance(dialog, FingerprintDialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # not before the fingerprint was compared
        box = dialog.confirm  # clicked on its indicator, where a person clicks
        qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))
        assert box.isChecked() and ok.isEnabled()
        _click(qtbot, ok)

    seen = on_next_modal(confirm)
    _click(qtbot, page.import_button)
    assert seen and page.table.rowCount() == 1
    assert registry.load(bureau).for_station(city.stations[0].org_code)
    page.table.selectRow(0)
    seen = on_next_modal(
        lambda box: _click(qtbot, box.button(QMessageBox.StandardButton.Yes))  # type: ignore[attr-defined]
    )
    _click(qtbot, page.revoke_button)
    assert seen and "已吊销" in _cell(page.table, 0, 3)
    window.close()


def test_a_refused_fingerprint_registers_nothing(
    qtbot: QtBot, bureau: BureauDatabase, city: City, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.gui.bureau.conftest import open_window

    window = open_window(qtbot, bureau)
    key_file = city.stations[1].key_file
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *_a, **_k: (str(key_file), "")
    )
    seen = on_next_modal(lambda dialog: dialog.reject())  # type: ignore[attr-defined]
    _click(qtbot, window.keys.import_button)
    assert seen and window.keys.table.rowCount() == 0
    window.close()


def test_adding_a_round(qtbot: QtBot, full_window: BureauWindow) -> None:
    page = full_window.rounds
    full_window.tabs.setCurrentWidget(page)
    page.name.setFocus()
    commit_text(page.name, "集中填报")
    page.opens.setDate(QDate(2026, 9, 10))
    page.due.setDate(QDate(2026, 9, 20))
    _click(qtbot, page.add_button)
    assert page.table.rowCount() == 1 and _cell(page.table, 0, 0) == "集中填报"
    assert [r.name for r in rounds.rounds(full_window.db)] == ["集中填报"]
    combo = full_window.stations.round_combo
    assert any("集中填报" in combo.itemText(i) for i in range(combo.count()))
    texts: list[str] = []

    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        box.close()

    on_next_modal(answer)
    _click(qtbot, page.add_button)  # the same name again: one clear message
    assert texts and "已有名为“集中填报”的报送轮次" in texts[0]
    assert page.table.rowCount() == 1


def test_the_notice_is_previewed_and_saved(
    qtbot: QtBot, full_window: BureauWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rounds.add_round(full_window.db, "集中填报", dt.date(2026, 1, 1), dt.date(2099, 12, 31))
    dialog = full_window.open_notice()
    with qtbot.waitSignal(dialog.ready, timeout=60000) as opened:  # written on opening
        qtbot.waitExposed(dialog)
    assert opened.args[0] >= 2
    qtbot.waitUntil(dialog.print_button.isEnabled)  # once the job has ended
    dialog.number.setText("示公政办〔2026〕12号")
    with qtbot.waitSignal(dialog.ready, timeout=60000) as generated:
        _click(qtbot, dialog.generate_button)
    assert dialog.preview.page_count() == generated.args[0] >= 2
    # ready comes from the job's result; its buttons come back when the job has ended.
    qtbot.waitUntil(dialog.save_button.isEnabled)
    target = tmp_path / "通报.pdf"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *_a, **_k: (str(target), "")
    )
    with qtbot.waitSignal(dialog.saved, timeout=10000) as saved:
        _click(qtbot, dialog.save_button)
    assert saved.args == [str(target)]
    assert target.is_file() and target.read_bytes().startswith(b"%PDF")
    dialog.close()


def test_the_city_catalogue_is_exported(
    qtbot: QtBot, full_window: BureauWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gwgk_desktop.gui.bureau.outputs import export_city_catalogue

    target = tmp_path / "全市目录.xlsx"
    texts: list[str] = []

    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        box.close()

    on_next_modal(answer, attempts=3000)
    job = export_city_catalogue(full_window.db, full_window, target)
    assert job is not None
    qtbot.waitUntil(lambda: bool(texts), timeout=60000)  # the "exported" message
    assert target.is_file() and "3 个单位" in texts[0]


def test_the_city_catalogue_is_previewed_for_printing(
    qtbot: QtBot, full_window: BureauWindow
) -> None:
    dialog = full_window.print_catalogue()
    with qtbot.waitSignal(dialog.ready, timeout=60000) as ready:
        qtbot.waitExposed(dialog)
    assert ready.args[0] >= 2 and dialog.preview.page_count() == ready.args[0]
    qtbot.waitUntil(dialog.print_button.isEnabled)  # printing is one click away
    assert dialog.windowTitle() == "打印全市目录"
    dialog.close()


def test_f1_and_the_help_menu_open_the_bureau_page_of_the_guide(
    qtbot: QtBot, full_window: BureauWindow
) -> None:
    from gwgk_desktop.gui import help as gui_help
    from tests.gui.test_help import press_f1

    window = full_window
    assert window.manual_action.shortcut().toString() == "F1"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.stations.table.setFocus()
    viewer = press_f1(qtbot, window.stations.table)
    try:
        assert viewer.current == "bureau.md"
        assert "各单位报送情况" in viewer.browser.toPlainText()
        # The notice's preview is the requests' document dialog underneath; its page is
        # still the bureau's.
        notice = window.open_notice()
        qtbot.waitExposed(notice)
        assert gui_help.page_for(notice.focusWidget() or notice) == "bureau.md"
        notice.close()
    finally:
        viewer.close()
        viewer.deleteLater()
        keys = gui_help.help_keys()
        if keys is not None:
            keys.viewers.clear()


# A popup menu asks the offscreen platform to raise it and grab the keyboard, which it
# cannot (as it cannot pass size hints); the menus work all the same.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_the_menus_open_from_the_keyboard(qtbot: QtBot, window: BureauWindow) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMenu

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    titles = {}
    for key in (Qt.Key.Key_F, Qt.Key.Key_I, Qt.Key.Key_O, Qt.Key.Key_H):
        QTest.keyClick(window, key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        titles[key] = menu.title()
        QTest.keyClick(menu, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    assert titles == {
        Qt.Key.Key_F: "文件(&F)",
        Qt.Key.Key_I: "接收(&I)",
        Qt.Key.Key_O: "输出(&O)",
        Qt.Key.Key_H: "帮助(&H)",
    }
