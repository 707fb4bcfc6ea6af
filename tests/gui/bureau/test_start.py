"""Starting the bureau mode: the first start asks what the computer is for and remembers
it, the bureau chooses its database, and ``gwgk bureau gui`` opens the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.bureau.database import open_bureau
from gwgk_desktop.gui.bureau.start import (
    BUREAU,
    STATION,
    BureauDatabaseDialog,
    ModeDialog,
    chosen_mode,
    open_remembered,
)
from gwgk_desktop.gui.settings import Settings
from tests.gui.conftest import on_next_modal


def _settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def test_the_first_start_asks_and_remembers(qtbot: QtBot, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    assert chosen_mode(settings, first_start=False) == STATION  # an existing station

    def choose_bureau(dialog: QWidget) -> None:
        assert isinstance(dialog, ModeDialog)
        qtbot.mouseClick(dialog.bureau, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    seen = on_next_modal(choose_bureau)
    assert chosen_mode(settings, first_start=True) == BUREAU
    assert seen and settings.app_mode == BUREAU
    assert chosen_mode(settings, first_start=True) == BUREAU  # not asked again


def test_the_bureau_chooses_its_database(qtbot: QtBot, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    target = tmp_path / "市局" / "bureau.sqlite"

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, BureauDatabaseDialog)
        dialog.path.clear()
        dialog.path.setText(str(target))
        dialog.office.setText("示范市公安局政务公开办公室")
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    on_next_modal(fill)
    db = open_remembered(settings)
    assert db is not None
    db.close()
    assert settings.bureau_database == str(target)
    with open_bureau(target) as reopened:
        assert reopened.office() == "示范市公安局政务公开办公室"
    again = open_remembered(settings)  # remembered: no question
    assert again is not None
    again.close()


def test_a_bad_server_address_is_explained_in_the_dialog(qtbot: QtBot) -> None:
    dialog = BureauDatabaseDialog()
    qtbot.addWidget(dialog)
    dialog.postgresql.setChecked(True)
    dialog.url.setText("postgresql://nobody@127.0.0.1:1/gwgk")
    dialog.open()
    assert dialog.db is None and "无法连接" in dialog.message.text()


def test_the_bureau_window_from_the_command_line(bureau_target: str, tmp_path: Path) -> None:
    picture = tmp_path / "bureau.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gwgk_desktop",
            "bureau",
            "gui",
            "--db",
            bureau_target,
            "--screenshot",
            str(picture),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert picture.is_file() and picture.stat().st_size > 10_000
