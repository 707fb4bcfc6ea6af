"""Small widgets shared by the submission package dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QFileDialog, QFormLayout, QLabel, QLineEdit, QWidget

from gwgk_desktop.gui.forms import set_role
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services import keys
from gwgk_desktop.submission.keys import passphrase_problem, strength
from gwgk_desktop.submission.registry import KeyRecord

#: The style sheet's role for each passphrase strength score (0 to 4).
_STRENGTH_ROLES = ("weak", "weak", "fair", "strong", "strong")


def error_label() -> QLabel:
    """A label for one clear message in red (empty and hidden until there is one)."""
    label = QLabel()
    label.setWordWrap(True)
    set_role(label, "error")
    label.setVisible(False)
    return label


def set_message(label: QLabel, message: str) -> None:
    """Show ``message`` in ``label``, hiding the label while there is none."""
    label.setText(message)
    label.setVisible(bool(message))


def mono_font(point_size: int = 0) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if point_size:
        font.setPointSize(point_size)
    return font


class NewPassphraseFields(QWidget):
    """A new passphrase typed twice, with a strength hint and a mismatch message.

    Signals: ``changed()`` whenever either field changes (``acceptable()`` may change)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setObjectName("passphrase")
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setObjectName("passphrase_again")
        self.hint = QLabel()
        self.hint.setObjectName("strength")
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self.tr("密钥口令："), self.first)
        layout.addRow(self.tr("再输入一次："), self.second)
        layout.addRow("", self.hint)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self._update()

    def passphrase(self) -> str:
        return self.first.text()

    def problem(self) -> str | None:
        text = self.first.text()
        reason = passphrase_problem(text)
        if reason:
            return reason
        if self.second.text() != text:
            return self.tr("两次输入的口令不一致")
        return None

    def acceptable(self) -> bool:
        return self.problem() is None

    def _update(self) -> None:
        score, hint = strength(self.first.text())
        problem = self.problem() if self.first.text() else None
        if problem and self.second.text():
            hint = problem
            score = 0
        self.hint.setText(fmt(self.tr("口令强度：%1"), hint))
        set_role(self.hint, _STRENGTH_ROLES[score])
        self.changed.emit()


def read_bureau_key(parent: QWidget, path: Path | None) -> tuple[Path, list[KeyRecord]] | None:
    """The bureau keys in ``path`` (asked for with a file dialog when None); None if the
    user cancelled. Raises UserError for a file without a bureau key."""
    if path is None:
        chosen, _filter = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("BureauKey", "选择市局公钥文件"),
            "",
            QCoreApplication.translate("BureauKey", "公钥文件 (*.json)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
    return path, keys.read_bureau_key_file(path)
