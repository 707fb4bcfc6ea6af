"""Attachments and sample forms: adding a file (in the background, it may be large) and
opening a stored one with the system's viewer."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gwgk_desktop import session_temp
from gwgk_desktop.domain.models import Attachment
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.jobs import Job, run_job, show_error
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.catalogue import Catalogue

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def choose_and_store(
    parent: QWidget,
    catalogue: Catalogue,
    title: str,
    on_stored: Callable[[Attachment], None],
    name_filter: str = "",
) -> Job | None:
    """Ask for a file, store its bytes (worker thread) and hand back the Attachment."""
    path, _selected = QFileDialog.getOpenFileName(parent, title, "", name_filter)
    if not path:
        return None
    source = Path(path)

    def work() -> Attachment:
        if not source.is_file():
            raise UserError(
                fmt(QCoreApplication.translate("Attachments", "找不到文件：%1"), source),
                f"no such file: {source}",
            )
        return catalogue.attachments.add(source)

    return run_job(
        parent, QCoreApplication.translate("Attachments", "正在保存附件…"), work, on_stored
    )


def open_stored(parent: QWidget, catalogue: Catalogue, sha256: str, filename: str) -> Path | None:
    """Write a stored file to a private temporary folder and open it with the system
    viewer; returns the written path."""
    safe_name = _UNSAFE.sub("_", Path(filename).name) or "attachment"
    try:
        # In the session's folder: removed when the app quits (see session_temp).
        target = session_temp.folder("open-") / safe_name
        catalogue.attachments.save(sha256, target)
    except UserError as error:
        show_error(parent, QCoreApplication.translate("Attachments", "打开附件"), error)
        return None
    except OSError as error:
        QMessageBox.critical(
            parent,
            QCoreApplication.translate("Attachments", "打开附件"),
            fmt(QCoreApplication.translate("Attachments", "无法写出附件：%1"), error.strerror),
        )
        return None
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
        QMessageBox.information(
            parent,
            QCoreApplication.translate("Attachments", "打开附件"),
            fmt(
                QCoreApplication.translate(
                    "Attachments", "没有找到可以打开这种文件的程序。文件已保存在：\n%1"
                ),
                target,
            ),
        )
    return target
