"""The compiled forms match ui/*.ui, and every form builds without QtUiTools."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.gui.uiload import load_form

ROOT = Path(__file__).resolve().parents[2]
FORMS = sorted((ROOT / "ui").glob("*.ui"))


def test_compiled_forms_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "compile_forms.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_every_form_builds_with_its_named_widgets(qtbot: QtBot, form: Path) -> None:
    root = ET.parse(form).getroot()
    host = QWidget()
    qtbot.addWidget(host)
    widget = load_form(form.name, host)
    assert widget.parent() is host
    assert widget.objectName() == root.findtext("class")
    for element in root.iter("widget"):
        name = element.get("name")
        if name and element is not root.find("widget"):
            assert widget.findChild(QWidget, name) is not None, name


def test_the_gui_never_loads_qtuitools() -> None:
    code = (
        "import sys; import gwgk_desktop.gui.main_window, gwgk_desktop.gui.printing.dialog;"
        "sys.exit(1 if 'PySide6.QtUiTools' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
