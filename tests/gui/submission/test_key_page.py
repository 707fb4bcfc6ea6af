"""The set-up wizard's key page, driven with real keyboard and mouse events."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWizard
from pytestqt.qtbot import QtBot

from gwgk_desktop.gui.submission.key_page import StationKeyPage
from gwgk_desktop.services import keys
from gwgk_desktop.store.database import Database
from gwgk_desktop.submission.keys import KeyPair
from gwgk_desktop.submission.registry import KeyRecord, Registry
from tests.conftest import Actors
from tests.gui.submission.conftest import bureau_key_file


def _wizard(qtbot: QtBot) -> tuple[QWizard, StationKeyPage]:
    wizard = QWizard()
    page = StationKeyPage()
    wizard.addPage(page)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard, page


def test_passphrase_twice_then_apply(qtbot: QtBot, station_db: Database, actors: Actors) -> None:
    wizard, page = _wizard(qtbot)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not page.isComplete() and not finish.isEnabled()
    qtbot.keyClicks(page.fields.first, "short")
    assert "太短" in page.fields.hint.text()
    qtbot.keyClicks(page.fields.first, "-but-now-long")
    qtbot.keyClicks(page.fields.second, "short-but-now-lon")
    assert not page.isComplete()
    assert "不一致" in page.fields.hint.text()
    qtbot.keyClicks(page.fields.second, "g")
    assert page.isComplete() and finish.isEnabled()
    page.apply(station_db, actors.admin)
    created = keys.active_key(station_db)
    assert created is not None
    assert keys.unlock(station_db, "short-but-now-long").key_id == created.key_id


def test_later_creates_no_key(qtbot: QtBot, station_db: Database, actors: Actors) -> None:
    _, page = _wizard(qtbot)
    qtbot.mouseClick(page.later, Qt.MouseButton.LeftButton)
    assert page.isComplete() and not page.fields.isEnabled()
    page.apply(station_db, actors.admin)
    assert keys.active_key(station_db) is None


def test_bureau_key_file(
    qtbot: QtBot,
    station_db: Database,
    actors: Actors,
    tmp_path: Path,
    choose_file: Callable[[Path], None],
) -> None:
    _, page = _wizard(qtbot)
    bureau_file = tmp_path / "bureau.json"
    pair = bureau_key_file(bureau_file)
    station_file = tmp_path / "station.json"
    other = KeyPair.generate()
    Registry([KeyRecord(other.key_id, other.public.hex(), "station", "1", "某所", "t")]).save(
        station_file
    )
    button = page.findChild(QPushButton, "choose_bureau_key")
    choose_file(station_file)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.error.isVisible() and "没有市局的公钥" in page.error.text()
    choose_file(bureau_file)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not page.error.isVisible()
    assert pair.fingerprint in page.bureau_info.text()
    qtbot.mouseClick(page.later, Qt.MouseButton.LeftButton)
    page.apply(station_db, actors.admin)
    assert [r.key_id for r in keys.bureau_keys(station_db)] == [pair.key_id]
