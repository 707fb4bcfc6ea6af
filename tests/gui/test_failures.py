"""Failures in the GUI: Qt's messages and uncaught exceptions reach the log file, an
uncaught exception shows the Chinese error dialog with 复制详细信息 and 打开日志文件夹, a
bug in a job gets the same dialog, and 帮助 → 关于 shows what ``gwgk info`` says."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QMessageLogContext,
    Qt,
    QTimer,
    QtMsgType,
    QUrl,
    qInfo,
    qInstallMessageHandler,
    qWarning,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop import logs
from gwgk_desktop.gui import failures
from gwgk_desktop.gui.about_dialog import AboutDialog
from gwgk_desktop.gui.error_dialog import ErrorDialog
from gwgk_desktop.gui.jobs import show_error
from gwgk_desktop.gui.main_window import MainWindow
from tests.gui.conftest import on_next_modal


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    opened: list[QUrl] = []

    def record(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", record)
    return opened


@pytest.fixture
def hooks_restored(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield


def _button(dialog: QWidget, text: str) -> QPushButton:
    buttons: list[QPushButton] = list(dialog.findChildren(QPushButton))
    for button in buttons:
        if button.text() == text:
            return button
    raise AssertionError(f"no button {text!r}")


def test_qt_messages_are_logged_and_passed_on(caplog: pytest.LogCaptureFixture) -> None:
    passed: list[str] = []

    def earlier(_mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        passed.append(message)

    previous = qInstallMessageHandler(earlier)
    installed = failures._installed
    failures._installed = False  # install once more, on top of ``earlier``
    try:
        failures.install_qt_messages()
        with caplog.at_level(logging.DEBUG, logger="qt"):
            qInfo("a message from Qt")
            # The offscreen platform's notice, sent as Qt sends it: a warning.
            qWarning("This plugin does not support propagateSizeHints()")
    finally:
        failures._installed = installed
        qInstallMessageHandler(previous)
    assert ("qt", logging.INFO, "a message from Qt") in caplog.record_tuples
    # Logged, but not as a warning: it would be printed on every headless start.
    notice = "This plugin does not support propagateSizeHints()"
    assert ("qt", logging.DEBUG, notice) in caplog.record_tuples
    assert passed == ["a message from Qt", notice]


@pytest.mark.qt_no_exception_capture
def test_an_uncaught_exception_is_logged_and_shown(
    qtbot: QtBot,
    tmp_path: Path,
    hooks_restored: None,
    opened_urls: list[QUrl],
    log_to_file: Path,
) -> None:
    reporter = failures.install_error_reporting(tmp_path / "station.sqlite")
    seen: list[tuple[str, str]] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ErrorDialog)
        seen.append((dialog.summary.text(), dialog.details))
        qtbot.mouseClick(_button(dialog, "复制详细信息"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(_button(dialog, "打开日志文件夹"), Qt.MouseButton.LeftButton)
        dialog.reject()

    def broken_slot() -> None:
        raise RuntimeError("a bug in a slot")

    on_next_modal(answer)
    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(seen) and reporter.dialog is None, timeout=5000)
    summary, details = seen[0]
    assert summary == "RuntimeError: a bug in a slot"
    assert "Traceback (most recent call last)" in details
    assert f"数据库：{tmp_path / 'station.sqlite'}" in details
    assert f"日志文件：{logs.log_file()}" in details
    clipboard = QApplication.clipboard()
    assert clipboard is not None and clipboard.text() == details
    assert opened_urls == [QUrl.fromLocalFile(str(logs.log_dir()))]
    text = log_to_file.read_text(encoding="utf-8")
    assert "CRITICAL gwgk_desktop: uncaught exception" in text
    assert "RuntimeError: a bug in a slot" in text


def test_a_bug_reported_by_a_job_gets_the_error_dialog(qtbot: QtBot) -> None:
    seen: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ErrorDialog)
        seen.append(dialog.summary.text())
        dialog.close()

    try:
        raise KeyError("missing")
    except KeyError as error:
        on_next_modal(answer)
        show_error(None, "导出", error)
    assert seen == ["导出：KeyError: 'missing'"]


def test_about_shows_the_info_with_a_copy_button(
    qtbot: QtBot, clerk_window: MainWindow, opened_urls: list[QUrl]
) -> None:
    shown: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, AboutDialog)
        shown.append(dialog.info)
        qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
        dialog.reject()

    on_next_modal(answer)
    clerk_window.menus.about.trigger()
    dialog_text = shown[0]
    assert f"数据库：{clerk_window.db.path}（" in dialog_text
    assert f"日志文件：{logs.log_file()}" in dialog_text
    clipboard = QApplication.clipboard()
    assert clipboard is not None and clipboard.text() == dialog_text
