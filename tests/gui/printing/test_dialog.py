"""The print dialog with real clicks and keys: preview of the real PDF, switching
documents and options, saving, printing through QPrinter, font warnings, cancelling."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from gwgk_desktop import session_temp
from gwgk_desktop.gui.printing import dialog as dialog_module
from gwgk_desktop.gui.printing.dialog import PrintDialog
from gwgk_desktop.gui.settings import Settings
from gwgk_desktop.pdf import fonts
from gwgk_desktop.pdf.document import PrintCancelled
from gwgk_desktop.pdf.fonts import cjk_font
from gwgk_desktop.progress import Progress, step
from gwgk_desktop.services.printing import DocumentKind
from gwgk_desktop.store.database import Database
from tests.gui.conftest import settings_in
from tests.pdf.pdfcheck import Pdf

WAIT_MS = 20_000


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return settings_in(tmp_path)


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the dialog would have shown in a (blocking) message box."""
    shown: list[str] = []

    def critical(_parent: Any, _title: str, text: str, *args: Any) -> None:
        shown.append(text)

    monkeypatch.setattr(dialog_module.QMessageBox, "critical", critical)
    return shown


def open_dialog(qtbot: QtBot, db: Database, settings: Settings) -> PrintDialog:
    """Show the dialog and wait for the preview it generates on opening."""
    dialog = PrintDialog(db, settings=settings)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.show()
    return dialog


def regenerate(qtbot: QtBot, dialog: PrintDialog) -> int:
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    return int(blocker.args[0])


def preview_text(dialog: PrintDialog) -> str:
    assert dialog.preview.path is not None
    return Pdf(dialog.preview.path).text()


def test_opens_with_a_preview_of_the_real_notice_board(
    qtbot: QtBot, demo_db: Database, settings: Settings, errors: list[str]
) -> None:
    dialog = open_dialog(qtbot, demo_db, settings)
    assert dialog.document() is DocumentKind.NOTICE_BOARD
    assert dialog.paper_combo.currentText() == "A3"
    path = dialog.preview.path
    assert path is not None and path.exists()
    # The preview lives in the session's folder: gone when the app quits, even if the
    # dialog never is (see session_temp).
    assert path.parent.parent.name.startswith(session_temp.PREFIX)
    assert dialog.preview.page_count() == Pdf(path).pages > 1
    assert "示范市公安局城关派出所" in preview_text(dialog)
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert "共" in dialog.status_label.text()
    assert "未印入" in dialog.notes_view.toPlainText()
    # How to print the unapproved ones too, said in the dialog's own terms (issue 14, 15).
    notes = dialog.notes_view.toPlainText()
    assert f"如需核对，可勾选“{dialog.drafts_check.text()}”" in notes
    assert "--drafts" not in notes and "命令行" not in notes
    assert not dialog.font_warning.isVisible()
    assert errors == []


def test_switching_to_a_guide_with_the_keyboard(
    qtbot: QtBot, demo_db: Database, settings: Settings, errors: list[str]
) -> None:
    dialog = open_dialog(qtbot, demo_db, settings)
    dialog.document_combo.setFocus()
    qtbot.keyClick(dialog.document_combo, Qt.Key.Key_Down)
    assert dialog.document() is DocumentKind.GUIDE
    assert dialog.item_combo.isEnabled() and not dialog.category_list.isEnabled()
    assert dialog.paper_combo.currentText() == "A4"
    # The preview no longer matches the options until it is generated again.
    assert not dialog.print_button.isEnabled()
    assert "请重新生成预览" in dialog.status_label.text()
    dialog.item_combo.setFocus()
    qtbot.keyClick(dialog.item_combo, Qt.Key.Key_Down)
    name = dialog.item_combo.currentText().split("（")[0]
    regenerate(qtbot, dialog)
    text = preview_text(dialog)
    assert f"{name}" in text and "办事指南" in text
    assert dialog.print_button.isEnabled()


def test_drafts_and_categories_follow_clicks_and_keys(
    qtbot: QtBot, demo_db: Database, settings: Settings, errors: list[str]
) -> None:
    dialog = open_dialog(qtbot, demo_db, settings)
    qtbot.mouseClick(
        dialog.drafts_check, Qt.MouseButton.LeftButton, pos=dialog.drafts_check.rect().center()
    )
    assert dialog.drafts_check.isChecked()
    dialog.category_list.setFocus()
    dialog.category_list.setCurrentRow(0)
    qtbot.keyClick(dialog.category_list, Qt.Key.Key_Space)
    assert dialog.category_list.item(0).checkState() == Qt.CheckState.Unchecked
    regenerate(qtbot, dialog)
    text = preview_text(dialog)
    assert "内部核对稿" in text and "【草稿】" in text
    assert "领导信息" not in text and "法规文件" in text


def test_save_as_pdf_copies_the_previewed_file(
    qtbot: QtBot,
    demo_db: Database,
    settings: Settings,
    errors: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(qtbot, demo_db, settings)
    asked: list[Path] = []

    def ask(suggested: Path) -> Path:
        asked.append(suggested)
        return tmp_path / "公开栏"

    monkeypatch.setattr(dialog, "_ask_save_path", ask)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = Path(blocker.args[0])
    assert saved == tmp_path / "公开栏.pdf"
    assert dialog.preview.path is not None
    assert saved.read_bytes() == dialog.preview.path.read_bytes()
    assert asked[0].name == "示范市公安局城关派出所政务公开栏.pdf"
    assert settings.pdf_folder == tmp_path


def test_printing_sends_every_page_to_the_printer(
    qtbot: QtBot,
    demo_db: Database,
    settings: Settings,
    errors: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(qtbot, demo_db, settings)
    output = tmp_path / "printed.pdf"

    def ask() -> QPrinter:
        # A PDF "printer" stands in for a real one; the dialog set its paper already.
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        assert dialog.preview.path is not None
        dialog_module.prepare_printer(printer, dialog.preview.path)
        return printer

    monkeypatch.setattr(dialog, "_ask_printer", ask)
    with qtbot.waitSignal(dialog.printed, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == dialog.preview.page_count()
    printed = Pdf(output)
    assert printed.pages == dialog.preview.page_count()
    width, height = (float(v) for v in printed.reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (842, 1191)  # A3 portrait, as previewed
    assert "已送往打印机" in dialog.status_label.text()


def no_fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("GWGK_FONT", raising=False)
    monkeypatch.setattr(fonts, "system_paths", lambda: [])
    cjk_font.cache_clear()
    yield
    cjk_font.cache_clear()


@pytest.fixture
def without_fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    yield from no_fonts(monkeypatch)


def test_the_fallback_font_is_announced(
    qtbot: QtBot,
    demo_db: Database,
    settings: Settings,
    errors: list[str],
    without_fonts: None,
    tmp_path: Path,
) -> None:
    dialog = open_dialog(qtbot, demo_db, settings)
    assert dialog.font_warning.isVisible()
    assert "STSong-Light" in dialog.font_warning.text()
    # A font file typed in is remembered, and one that cannot be used is reported.
    bogus = tmp_path / "bogus.ttf"
    bogus.write_bytes(b"\0" * 32)
    dialog.font_edit.setFocus()
    qtbot.keyClicks(dialog.font_edit, str(bogus))
    # Enter regenerates the preview (the default button), not the font file chooser.
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        qtbot.keyClick(dialog.font_edit, Qt.Key.Key_Return)
    assert settings.print_font == str(bogus)
    assert "不能使用" in dialog.font_warning.text()


def test_a_guide_without_licensing_items_says_so(
    qtbot: QtBot, station_db: Database, settings: Settings, errors: list[str]
) -> None:
    dialog = PrintDialog(station_db, settings=settings)
    qtbot.addWidget(dialog)
    dialog.document_combo.setCurrentIndex(dialog.document_combo.findData("guide"))
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS):
        dialog.show()  # opening tries the chosen document at once
    errors.clear()
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == "没有可打印办事指南的许可审批事项"
    assert errors == [blocker.args[0]]
    assert not dialog.save_button.isEnabled()


def test_a_long_job_shows_progress_and_can_be_cancelled(
    qtbot: QtBot,
    demo_db: Database,
    settings: Settings,
    errors: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(qtbot, demo_db, settings)
    shown = dialog.preview.path
    release = threading.Event()

    def endless(_db: Database, _request: Any, _target: Path, progress: Progress) -> None:
        # Reports progress (in the worker thread) until Cancel makes it stop.
        n = 0
        while not release.wait(0.01):
            n += 1
            step(progress, n % 100, 100, "正在排版：第 1 页", PrintCancelled)

    monkeypatch.setattr(dialog_module, "produce", endless)
    qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    assert not dialog.generate_button.isEnabled()
    assert dialog._job is not None
    progress = dialog._job.progress_dialog
    assert isinstance(progress, QProgressDialog)
    qtbot.waitUntil(progress.isVisible, timeout=WAIT_MS)
    cancel = progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "取消"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.generate_button.isEnabled, timeout=WAIT_MS)
    release.set()
    assert dialog.status_label.text() == "已取消"
    assert dialog.preview.path == shown
    assert errors == []


def test_closing_at_once_leaves_no_job_running(
    qtbot: QtBot, demo_db: Database, settings: Settings
) -> None:
    """The first preview is started by a timer after the dialog appears; closing before it
    fires used to start a job in a dialog being deleted (a crash)."""
    dialog = PrintDialog(demo_db, settings=settings)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    with qtbot.waitSignal(dialog.destroyed, timeout=WAIT_MS):
        dialog.show()
        dialog.close()
    QApplication.processEvents()  # the start-up timer fires now: it must find nothing to do
