"""gui.settings: typed settings over QSettings, and what goes through them (the window's
size and panes, the last folders of PDFs and packages, the print font)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from gwgk_desktop.gui.item_table import Column
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.gui.settings import Settings
from gwgk_desktop.gui.submission.export_dialog import ExportDialog
from gwgk_desktop.store.database import Database
from tests.conftest import Actors
from tests.gui.conftest import close_window, make_window, settings_in


def test_values_round_trip_through_the_file_with_their_types(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    assert settings.print_font == "" and settings.pdf_folder is None
    settings.print_font = "/fonts/simsun.ttc"
    settings.pdf_folder = tmp_path
    settings.window_geometry = b"\x01\x02\xff"
    settings.sync()

    again = settings_in(tmp_path)
    assert again.print_font == "/fonts/simsun.ttc"
    assert again.pdf_folder == tmp_path
    assert again.window_geometry == b"\x01\x02\xff"
    again.pdf_folder = None
    assert settings_in(tmp_path).pdf_folder is None


def test_a_value_edited_into_nonsense_reads_as_the_default(tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    store.setValue("printing/save_dir", 42)
    store.setValue("main_window/geometry", "not bytes")
    settings = Settings(store)
    assert settings.pdf_folder is None
    assert settings.window_geometry == b""


def test_the_window_opens_as_it_was_left(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    window = make_window(qtbot, station_db, actors.clerk)
    window.resize(1440, 700)  # the offscreen screen is 800×800: only the height fits it
    window.splitter.setSizes([300, 300, 500])
    panes = window.splitter.sizes()
    close_window(window)

    again = MainWindow(station_db, actors.clerk, settings=settings_in(station_db.path.parent))
    qtbot.addWidget(again)
    assert again.height() == 700  # not the default 880
    again.resize(1440, 700)  # as wide as it was (restoring clamped it to the screen)
    again.show()
    qtbot.waitExposed(again)
    assert again.splitter.sizes() == panes


def test_editor_only_mode_is_not_kept_as_the_panes_layout(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    window = make_window(qtbot, station_db, actors.clerk)
    window.splitter.setSizes([300, 300, 500])
    close_window(window)
    kept = settings_in(station_db.path.parent).window_panes

    window = make_window(qtbot, station_db, actors.clerk)
    window.show_editor_only(True)
    close_window(window)
    assert settings_in(station_db.path.parent).window_panes == kept


def test_export_suggests_the_folder_of_the_last_package(
    qtbot: QtBot, demo_db: Database, demo_actors: Actors, tmp_path: Path
) -> None:
    settings = settings_in(tmp_path)
    settings.package_folder = tmp_path
    dialog = ExportDialog(demo_db, demo_actors.clerk, settings=settings)
    qtbot.addWidget(dialog)
    assert Path(dialog.path.text()).parent == tmp_path
    qtbot.waitUntil(lambda: not dialog.running(), timeout=20_000)


def test_columns_and_the_charts_panes_are_remembered(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    """Issue 14, point 12: column widths and the flowchart editor's panes too."""
    window = make_window(qtbot, station_db, actors.clerk)
    window.table.horizontalHeader().resizeSection(Column.NAME, 333)
    window.editor.ui.historyTree.header().resizeSection(0, 222)
    window.editor.flowchart_editor.splitter.setSizes([90, 600, 310])
    chart = window.editor.flowchart_editor.splitter.sizes()
    area = window.show_requests()
    area.table.horizontalHeader().resizeSection(0, 144)
    close_window(window)

    again = make_window(qtbot, station_db, actors.clerk)
    assert again.table.horizontalHeader().sectionSize(Column.NAME) == 333
    assert again.editor.ui.historyTree.header().sectionSize(0) == 222
    assert again.editor.flowchart_editor.splitter.sizes() == chart
    assert again.show_requests().table.horizontalHeader().sectionSize(0) == 144
    close_window(again)

    # The chart editor is made when first needed; a window closed without it keeps the
    # chart's panes as they were.
    third = make_window(qtbot, station_db, actors.clerk)
    assert not third.editor.has_chart_editor()
    close_window(third)
    fourth = make_window(qtbot, station_db, actors.clerk)
    assert fourth.editor.flowchart_editor.splitter.sizes() == chart
    close_window(fourth)


def test_the_flowchart_tab_takes_the_width_and_f11_there_is_remembered(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    """Issue 14, points 8 and 12: on the chart tab the categories and the list make way
    (and come back after it), the chart is fitted again to the new width; F11 there says
    whether the tab should do that from now on."""
    from tests.factories import licensing_content
    from tests.gui.conftest import opened_item

    window = make_window(qtbot, station_db, actors.clerk)
    opened_item(window, actors.clerk, licensing_content(window.catalogue))
    editor = window.editor
    chart = editor.flowchart_editor
    editor.ui.tabs.setCurrentWidget(editor.ui.flowchartPage)
    qtbot.waitUntil(lambda: not window.tree.isVisible())
    assert not window.table.isVisible()
    qtbot.waitUntil(lambda: chart.view.width() > 800)
    assert chart.view.fitted
    editor.ui.tabs.setCurrentWidget(editor.ui.basicPage)
    assert window.tree.isVisible() and window.table.isVisible()

    # F11 on the chart tab: the panes come back, and stay the next times.
    editor.ui.tabs.setCurrentWidget(editor.ui.flowchartPage)
    narrow = chart.view.width()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.tree.isVisible()
    qtbot.waitUntil(lambda: chart.view.width() < narrow)
    assert chart.view.fitted  # fitted again to the narrower view
    assert not window.settings.chart_full_width
    editor.ui.tabs.setCurrentWidget(editor.ui.basicPage)
    editor.ui.tabs.setCurrentWidget(editor.ui.flowchartPage)
    assert window.tree.isVisible()
    close_window(window)
    assert not settings_in(station_db.path.parent).chart_full_width
