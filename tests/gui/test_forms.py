"""The compiled forms match ui/*.ui, every form builds through its typed Ui_ class without
QtUiTools, and the item forms bind every field of an item's content."""

from __future__ import annotations

import importlib
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.gui.designer.catalogue_form import Ui_CatalogueForm
from gwgk_desktop.gui.designer.fee_form import Ui_FeeForm
from gwgk_desktop.gui.designer.guide_form import Ui_GuideForm
from gwgk_desktop.gui.editor.form_binding import bind_form, field_paths
from gwgk_desktop.gui.shortcuts import UndoKeysToWindow
from gwgk_desktop.gui.uiload import build_form

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
    module = importlib.import_module(f"gwgk_desktop.gui.designer.{form.stem}")
    ui = getattr(module, f"Ui_{root.findtext('class')}")()
    host = QWidget()
    qtbot.addWidget(host)
    widget = build_form(ui, host)
    assert widget.parent() is host
    assert widget.objectName() == root.findtext("class")
    for element in root.iter("widget"):
        name = element.get("name")
        if name and element is not root.find("widget"):
            assert isinstance(getattr(ui, name), QWidget), name


def test_the_item_forms_bind_every_field_of_the_content(qtbot: QtBot) -> None:
    """A field whose widget was renamed in Designer would otherwise silently not be edited."""
    keys = UndoKeysToWindow()
    bound: dict[str, set[str]] = {}
    for name, ui in (("catalogue", Ui_CatalogueForm()), ("fee", Ui_FeeForm())):
        form = build_form(ui)
        qtbot.addWidget(form)
        bound[name] = {b.path for b in bind_form(form, keys)}
    guide = build_form(Ui_GuideForm())
    qtbot.addWidget(guide)
    bound["guide"] = {b.path for b in bind_form(guide, keys)}
    own = {p for p in field_paths() if not p.startswith("guide.")}
    assert bound["catalogue"] | bound["fee"] == own
    assert bound["catalogue"] == own - {"fee_standard"}
    assert bound["guide"] == {p for p in field_paths() if p.startswith("guide.")}


def test_the_gui_never_loads_qtuitools() -> None:
    code = (
        "import sys; import gwgk_desktop.gui.main_window, gwgk_desktop.gui.printing.dialog;"
        "sys.exit(1 if 'PySide6.QtUiTools' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
