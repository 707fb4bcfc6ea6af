"""Every user-visible string goes through Qt's translation system, the shipped zh_CN
files are up to date, and Qt's own dialogs speak Chinese."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QTabWidget,
    QTreeView,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from gwgk_desktop.gui.uiload import children

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


def _english(texts: list[str], allowed: set[str]) -> list[str]:
    """Texts with an English word in them (three letters or more) and no Chinese."""
    found = []
    for text in texts:
        plain = text.replace("&", "")
        words = set(re.findall(r"[A-Za-z]{3,}", plain)) - allowed
        if words and not re.search(r"[\u4e00-\u9fff]", plain):
            found.append(text)
    return found


def _texts(root: QWidget) -> list[str]:
    """What a user reads in a dialog: labels, buttons, tabs, combo entries, column
    headers, the rows of its views, tooltips and menu entries."""
    texts: list[str] = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        for name in ("text", "title", "placeholderText", "toolTip"):
            getter = getattr(widget, name, None)
            if callable(getter):
                try:
                    value = getter()
                except TypeError:
                    continue
                if isinstance(value, str):
                    texts.append(value)
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, parent = widget.model(), widget.rootIndex()
            texts += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for c in range(model.columnCount(parent))
            ]
            for row in range(min(model.rowCount(parent), 20)):
                texts += [
                    str(model.index(row, c, parent).data() or "")
                    for c in range(model.columnCount(parent))
                ]
        texts += [a.text() for a in widget.actions()] + [a.toolTip() for a in widget.actions()]
    return [t for t in texts if t]


def _settle(qtbot: QtBot) -> None:
    qtbot.wait(100)


def test_qt_standard_dialogs_are_chinese_throughout(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    """Issue 14, point 14: the file dialog's labels, columns and rows (a folder's type,
    dates and sizes), the print dialog with its options, message boxes' and the set-up
    wizard's buttons, a progress dialog, the text fields' context menus."""
    (tmp_path / "子文件夹").mkdir()
    (tmp_path / "公开栏.pdf").write_bytes(b"%PDF-1.4")
    files = QFileDialog(None, "另存为", str(tmp_path), "PDF 文件 (*.pdf)")
    files.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    files.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(files)
    files.show()
    views = [v for v in children(files, QTreeView) if v.isVisible()]
    qtbot.waitUntil(lambda: views[0].model().rowCount(views[0].rootIndex()) >= 2)
    texts = _texts(files)
    assert "文件夹" in texts and "修改日期" in texts, texts
    assert any("字节" in t for t in texts), texts
    allowed = {"PDF", "pdf", "tmp", "pytest", "root"}
    allowed |= set(re.findall(r"[A-Za-z]+", str(tmp_path)))
    assert _english(texts, allowed) == []

    printer = QPrinter()
    printing = QPrintDialog(printer)
    qtbot.addWidget(printing)
    printing.show()
    for more in children(printing, QAbstractButton):
        if ">>" in more.text():
            qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    _settle(qtbot)
    assert _english(_texts(printing), {"PDF", "root", "Letter", "Legal", "Executive"}) == []

    every = QMessageBox.StandardButton(0)
    for button in QMessageBox.StandardButton:
        if button not in (QMessageBox.StandardButton.NoButton,):
            every |= button
    box = QMessageBox(QMessageBox.Icon.Question, "", "", every)
    assert _english([b.text() for b in box.buttons()], set()) == []
    wizard = QWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    assert _english(_texts(wizard), set()) == []
    progress = QProgressDialog()
    qtbot.addWidget(progress)
    assert _english(_texts(progress), set()) == []
    for field in (QLineEdit(), QPlainTextEdit()):
        menu = field.createStandardContextMenu()
        assert menu is not None
        assert _english([a.text() for a in menu.actions()], set()) == []
