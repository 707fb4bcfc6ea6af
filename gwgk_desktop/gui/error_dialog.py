"""The dialog for an unexpected error (a bug, not a ``UserError``): an apology in Chinese,
what happened in one line, and the details (traceback, versions, folders) folded away,
with 复制详细信息 and 打开日志文件夹 so a clerk can send them to support. Also the two
buttons' helpers, which 帮助 → 关于 uses too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.diagnostics import info_text
from gwgk_desktop.gui.geometry import fit_size
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.logs import log_dir, log_file


def open_log_folder() -> bool:
    """Show the log folder in the system's file manager (made first if need be)."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def copy_to_clipboard(text: str) -> None:
    clipboard = QApplication.clipboard()
    if clipboard is not None:
        clipboard.setText(text)


def support_buttons(dialog: QDialog, *buttons: QPushButton) -> QDialogButtonBox:
    """关闭, then ``buttons``, then 打开日志文件夹: what both dialogs about failures end with."""
    folder = QPushButton(QCoreApplication.translate("ErrorDialog", "打开日志文件夹"))
    folder.setObjectName("openLogFolder")
    folder.clicked.connect(open_log_folder)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    box.rejected.connect(dialog.reject)
    for button in (*buttons, folder):
        box.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
    return box


def details_view(text: str) -> QPlainTextEdit:
    view = QPlainTextEdit(text)
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return view


class ErrorDialog(QDialog):
    """One unexpected error. ``details`` is what 复制详细信息 copies."""

    def __init__(
        self,
        summary: str,
        traceback_text: str,
        db_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("程序出错"))
        self.details = f"{traceback_text.rstrip()}\n\n{info_text(db_path)}\n"
        icon = QLabel()
        style = self.style()
        icon.setPixmap(
            style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48)
        )
        apology = QLabel(
            fmt(
                self.tr(
                    "很抱歉，程序出现了意外错误，刚才的操作可能没有完成。已保存的数据不受影响。\n"
                    "错误已记录在日志文件中：%1\n"
                    "请点“复制详细信息”或“打开日志文件夹”，把内容发给技术支持。"
                ),
                log_file(),
            )
        )
        apology.setWordWrap(True)
        self.summary = QLabel(summary)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setProperty("role", "error")
        top = QHBoxLayout()
        top.addWidget(icon)
        texts = QVBoxLayout()
        texts.addWidget(apology)
        texts.addWidget(self.summary)
        top.addLayout(texts, 1)

        self.details_view = details_view(self.details)
        self.details_view.setVisible(False)
        self.toggle_button = QPushButton(self.tr("显示详细信息"))
        self.toggle_button.setCheckable(True)
        self.toggle_button.toggled.connect(self._toggle)
        self.copy_button = QPushButton(self.tr("复制详细信息"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons = support_buttons(self, self.toggle_button, self.copy_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_view, 1)
        layout.addWidget(buttons)
        self.resize(640, 220)

    def _toggle(self, shown: bool) -> None:
        self.details_view.setVisible(shown)
        self.toggle_button.setText(self.tr("隐藏详细信息") if shown else self.tr("显示详细信息"))
        fit_size(self, self.width(), 520 if shown else 220)

    def copy_details(self) -> None:
        copy_to_clipboard(self.details)
        self.copy_button.setText(self.tr("已复制"))
