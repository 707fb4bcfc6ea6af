"""Every user-visible string goes through Qt's translation system, the shipped zh_CN
files are up to date, and Qt's own dialogs speak Chinese."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "gwgk_desktop" / "gui"
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
TRANSLATING = {"tr", "translate"}


def _untranslated(path: Path) -> list[str]:
    """Chinese string literals that are not the text argument of tr()/translate()."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed: set[int] = set()
    for node in ast.walk(tree):
        # Docstrings and comments are for programmers.
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                allowed.add(id(first.value))
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in TRANSLATING:
                allowed.update(id(arg) for arg in node.args)
    for node in tree.body:
        # Samples that are never shown (``COLUMN_SAMPLES = {...}`` only measures text
        # widths, ``PINYIN_SAMPLES`` checks collation) are not translated.
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id.endswith("_SAMPLES") for t in node.targets
        ):
            allowed.update(id(n) for n in ast.walk(node.value))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and CJK.search(node.value)
            and id(node) not in allowed
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    return found


def test_no_chinese_text_bypasses_the_translation_system() -> None:
    found = [line for path in sorted(GUI.rglob("*.py")) for line in _untranslated(path)]
    assert found == []


def test_the_shipped_translation_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_message_is_filed_under_a_context_the_code_uses() -> None:
    """``self.tr`` files a message under the class; ``other.tr(...)`` would file it under
    the variable's name ("parent"), a context that never matches at run time (use
    ``QCoreApplication.translate`` with a fixed context there)."""
    ts = ROOT / "resources" / "translations" / "gwgk_zh_CN.ts"
    contexts = [n.text or "" for n in ET.parse(ts).getroot().iter("name")]
    assert contexts and [c for c in contexts if not re.fullmatch(r"[A-Z]\w*", c)] == []


def test_our_translation_is_loaded(qapp: QApplication) -> None:
    # A string only our .qm knows, in a context only it has.
    assert QCoreApplication.translate("CategoryTree", "回收站") == "回收站"
    qm = ROOT / "resources" / "translations" / "gwgk_zh_CN.qm"
    assert qm.is_file() and qm.stat().st_size > 1000


def test_qt_dialogs_speak_chinese(qapp: QApplication) -> None:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Save
    )
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert any("确定" in t for t in texts), texts
    assert any("取消" in t for t in texts), texts
    assert any("保存" in t for t in texts), texts
    message = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Discard)
    discard = message.button(QMessageBox.StandardButton.Discard)
    assert discard is not None and "Discard" not in discard.text()
