"""gui.settings: typed settings over QSettings, and what goes through them (the window's
size and panes, the last folders of PDFs and packages, the print font)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

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
