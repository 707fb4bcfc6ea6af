"""The bureau window on the bureau's test databases (``tests.bureau.fixtures``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from gwgk_desktop.bureau import intake
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.gui.bureau.window import BureauWindow
from tests.bureau.fixtures import City


@pytest.fixture
def received(registered: BureauDatabase, city: City) -> BureauDatabase:
    """Every station's first package taken in."""
    intake.take_in(registered, city.packages(1))
    return registered


def open_window(qtbot: QtBot, db: BureauDatabase) -> BureauWindow:
    window = BureauWindow(db)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot: QtBot, registered: BureauDatabase) -> Iterator[BureauWindow]:
    """The bureau window on a database with the stations' keys and no packages yet."""
    shown = open_window(qtbot, registered)
    yield shown
    shown.close()


@pytest.fixture
def full_window(qtbot: QtBot, received: BureauDatabase) -> Iterator[BureauWindow]:
    """The bureau window after every station's first package came in."""
    shown = open_window(qtbot, received)
    yield shown
    shown.close()
