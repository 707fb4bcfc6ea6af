"""Helpers for the package GUI tests: a stand-in for the file dialogs, and filling in a
modal dialog once it is shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from gwgk_desktop.package.keys import KeyPair
from gwgk_desktop.package.registry import BUREAU, KeyRecord, Registry


@pytest.fixture
def choose_file(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make the next file dialog (open or save) answer with ``path``."""

    def answer(path: Path) -> None:
        def dialog(*_args: object, **_kwargs: object) -> tuple[str, str]:
            return str(path), ""

        monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)

    return answer


def when_modal(action: Callable[[QWidget], None]) -> None:
    """Run ``action`` on the modal dialog as soon as it is open (its exec() blocks)."""

    def attempt() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, attempt)
        else:
            action(modal)

    QTimer.singleShot(0, attempt)


def bureau_key_file(path: Path) -> KeyPair:
    """A bureau key pair whose public-key file is written to ``path``."""
    pair = KeyPair.generate()
    Registry([KeyRecord(pair.key_id, pair.public.hex(), BUREAU, "", "市局", "t")]).save(path)
    return pair
