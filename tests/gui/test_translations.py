"""Every user-visible string goes through Qt's translation system, the shipped zh_CN
files are up to date, and Qt's own dialogs speak Chinese."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
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
        # Samples that only measure text widths (``COLUMN_SAMPLES = {...}``) are not shown.
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


#: GUI code of other features, which check their own strings (listed so that merging
#: them does not fail this test for code this issue did not write).
OWNED_ELSEWHERE = ("flowchart", "package", "selfcheck.py", "_refcount_guard.py")


def test_no_chinese_text_bypasses_the_translation_system() -> None:
    paths = [
        p for p in sorted(GUI.rglob("*.py")) if p.relative_to(GUI).parts[0] not in OWNED_ELSEWHERE
    ]
    found = [line for path in paths for line in _untranslated(path)]
    assert found == []


def test_the_shipped_translation_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


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
