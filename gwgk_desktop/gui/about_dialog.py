"""帮助 → 关于: what the program is, and what support asks first (``gwgk info``'s lines:
versions, data folder, log file, database, fonts) with 复制 and 打开日志文件夹."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop import APP_DISPLAY_NAME, __version__
from gwgk_desktop.diagnostics import info_text
from gwgk_desktop.gui.error_dialog import copy_to_clipboard, details_view, support_buttons
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.paths import resource


class AboutDialog(QDialog):
    """``info`` is the text 复制 copies."""

    def __init__(self, db_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于"))
        self.info = info_text(db_path)
        icon = QLabel()
        icon.setPixmap(QIcon(str(resource("icons", "app.svg"))).pixmap(64, 64))
        title = QLabel(fmt(self.tr("%1 %2"), APP_DISPLAY_NAME, __version__))
        title.setProperty("role", "title")
        blurb = QLabel(
            self.tr(
                "政务公开目录的录入、审核、公开栏打印与签名报送。\n"
                "遇到问题时，请把下面的信息和日志文件发给技术支持。"
            )
        )
        blurb.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(icon)
        texts = QVBoxLayout()
        texts.addWidget(title)
        texts.addWidget(blurb)
        header.addLayout(texts, 1)
        self.view = details_view(self.info)
        self.view.setObjectName("info")
        self.view.setLineWrapMode(self.view.LineWrapMode.WidgetWidth)
        self.copy_button = QPushButton(self.tr("复制"))
        self.copy_button.clicked.connect(self.copy_info)
        buttons = support_buttons(self, self.copy_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(720, 360)

    def copy_info(self) -> None:
        copy_to_clipboard(self.info)
        self.copy_button.setText(self.tr("已复制"))
