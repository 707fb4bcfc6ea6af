"""Open every window and dialog of the app on a screen of a given size, offscreen, and say
whether each fits the screen (and, with ``--out``, save a picture of each to look at).

    python tools/screen_tour.py --size 1366x768 [--out DIR]

Prints one JSON object: the screen's available area and, for every screen, its frame
(x, y, width, height), the smallest size its layout allows and whether it fits. The
stations' laptops and all-in-ones have 1366×768; ``tests/gui/test_small_screen.py`` runs
this at that size and at 1920×1080.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def screen_config(folder: Path, width: int, height: int) -> Path:
    """An offscreen platform configuration with one screen of that size (for
    ``-platform offscreen:configfile=…``)."""
    path = folder / "screen.json"
    screen = {"name": "tour", "x": 0, "y": 0, "width": width, "height": height}
    path.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--out", type=Path, help="save a PNG of every screen here")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    folder = Path(tempfile.mkdtemp(prefix="gwgk-tour-"))
    try:
        report = tour(folder, screen_config(folder, width, height), args.out)
        print(json.dumps(report, ensure_ascii=False, indent=1), flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    # The window and its settings are still alive (signal connections hold them in
    # cycles): Python's and Qt's teardown at a normal exit would write the settings
    # again, making the removed folder anew with its settings.ini in it (two left in
    # /tmp by every test run). Nothing is left to write: end here, once the session's
    # temporary folder (print previews), which exit would remove, is removed.
    from gwgk_desktop import session_temp

    session_temp.SESSION.remove()
    sys.stderr.flush()
    os._exit(0)


def tour(folder: Path, config: Path, out: Path | None) -> dict[str, Any]:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from gwgk_desktop.gui.application import make_application
    from gwgk_desktop.gui.main_window import MainWindow
    from gwgk_desktop.gui.settings import Settings
    from gwgk_desktop.services import auth
    from gwgk_desktop.services.demo import build_demo
    from gwgk_desktop.store.database import open_database

    app = make_application([sys.argv[0], "-platform", f"offscreen:configfile={config}"])
    assert isinstance(app, QApplication)
    screen = app.primaryScreen()
    area = screen.availableGeometry()
    results: list[dict[str, Any]] = []
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        for _ in range(10):
            QCoreApplication.processEvents()

    def record(name: str, widget: QWidget) -> None:
        print(name, file=sys.stderr, flush=True)
        settle()
        frame = widget.frameGeometry()
        smallest = widget.minimumSizeHint()
        results.append(
            {
                "name": name,
                "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                "smallest": [smallest.width(), smallest.height()],
                "maximised": widget.isMaximized(),
                "fits": area.contains(frame)
                and smallest.width() <= area.width()
                and smallest.height() <= area.height(),
            }
        )
        if out is not None:
            widget.grab().save(str(out / f"{name}.png"))

    db_path = folder / "demo.sqlite"
    build_demo(db_path, items=60)
    db = open_database(db_path)
    clerk = auth.authenticate(db, "clerk", "clerk123")
    admin = auth.authenticate(db, "admin", "admin123")
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(db, clerk, settings=settings)
    window.show()
    record("main-window", window)
    for name, show in _window_screens(window):
        show()
        record(name, window)

    @contextmanager
    def opened(name: str, make: Callable[[], QWidget]) -> Iterator[QWidget]:
        widget = make()
        widget.show()
        settle()
        try:
            yield widget
        finally:
            record(name, widget)
            widget.hide()  # not close(): some ask before they close
            widget.deleteLater()
            settle()

    for name, make in _dialogs(window, db, clerk, admin, settings):
        with opened(name, make):
            pass
    window.editor.undo_stack.setClean()
    window.close()
    db.close()
    return {
        "screen": [area.x(), area.y(), area.width(), area.height()],
        "results": results,
    }


def _window_screens(window: Any) -> list[tuple[str, Callable[[], None]]]:
    """The main window's own screens: an item on each of the editor's tabs, the
    register."""
    from gwgk_desktop.domain.enums import ItemKind
    from gwgk_desktop.services.queries import ItemQuery

    editor = window.editor
    licensing = window.catalogue.items.search_ids(ItemQuery(kind=ItemKind.LICENSING))[0]
    catalogue = window.catalogue.items.search_ids(ItemQuery(kind=ItemKind.CATALOGUE))[0]

    def tab(page: Any) -> Callable[[], None]:
        def show() -> None:
            window.tabs.setCurrentWidget(window.workbench)
            window.go_to_item(licensing)
            editor.ui.tabs.setCurrentWidget(page)

        return show

    return [
        ("item-basic", lambda: window.go_to_item(catalogue)),
        ("item-guide", tab(editor.ui.guidePage)),
        ("item-materials", tab(editor.ui.materialsPage)),
        ("item-flowchart", tab(editor.ui.flowchartPage)),
        ("item-history", tab(editor.ui.historyPage)),
        ("requests", window.show_requests),
    ]


def _dialogs(
    window: Any, db: Any, clerk: Any, admin: Any, settings: Any
) -> list[tuple[str, Callable[[], Any]]]:
    """Every dialog, made as the application makes it."""
    from gwgk_desktop.domain.requests import RequestDocument, StepKind
    from gwgk_desktop.domain.workflow import Action
    from gwgk_desktop.gui.about_dialog import AboutDialog
    from gwgk_desktop.gui.editor.transition_dialog import TransitionDialog
    from gwgk_desktop.gui.error_dialog import ErrorDialog
    from gwgk_desktop.gui.flowchart.quick_entry import QuickEntryDialog
    from gwgk_desktop.gui.help import HelpViewer
    from gwgk_desktop.gui.login_dialog import LoginDialog
    from gwgk_desktop.gui.operators_dialog import OperatorsDialog
    from gwgk_desktop.gui.password_recovery import ForgotPasswordDialog, RecoveryCodeDialog
    from gwgk_desktop.gui.printing.dialog import PrintDialog
    from gwgk_desktop.gui.requests.calendar_dialog import CalendarDialog
    from gwgk_desktop.gui.requests.document_dialog import DocumentDialog
    from gwgk_desktop.gui.requests.reminder import ReminderDialog
    from gwgk_desktop.gui.requests.report_dialog import ReportDialog
    from gwgk_desktop.gui.requests.request_dialog import RequestDialog
    from gwgk_desktop.gui.requests.step_dialog import StepDialog
    from gwgk_desktop.gui.setup_wizard import SetupWizard
    from gwgk_desktop.gui.sheets import SheetExportDialog, SheetImportWizard
    from gwgk_desktop.gui.station_form import StationDialog
    from gwgk_desktop.gui.submission.export_dialog import ExportDialog
    from gwgk_desktop.gui.submission.key_dialog import KeyDialog
    from gwgk_desktop.gui.submission.key_page import StationKeyPage
    from gwgk_desktop.gui.submission.template_dialog import TemplateImportDialog
    from gwgk_desktop.services import annual_report
    from gwgk_desktop.services.request_documents import write_document
    from gwgk_desktop.services.requests import Register, RequestQuery
    from gwgk_desktop.store.database import open_database

    register = Register(db)
    record = register.get(register.search_ids(RequestQuery())[0])
    year = max(annual_report.saved_years(db))
    fresh = open_database(Path(db.path).with_name("new.sqlite"), create=True)
    return [
        ("login", lambda: LoginDialog(db, window)),
        ("setup-wizard", lambda: SetupWizard(fresh, extra_pages=[StationKeyPage()])),
        ("print", lambda: PrintDialog(db, window, settings=settings)),
        ("export", lambda: ExportDialog(db, clerk, window, settings=settings)),
        ("signing-key", lambda: KeyDialog(db, admin, window)),
        ("template", lambda: TemplateImportDialog(db, admin, window)),
        ("station", lambda: StationDialog(db, admin, window)),
        ("operators", lambda: OperatorsDialog(db, admin, window)),
        ("about", lambda: AboutDialog(db.path, window)),
        ("user-guide", lambda: _guide_at(HelpViewer(window), "flowchart.md")),
        ("sheet-import", lambda: SheetImportWizard(db, clerk, window)),
        ("sheet-export", lambda: SheetExportDialog(db, window)),
        ("error", lambda: ErrorDialog("出错了", "Traceback …\n" * 40, db.path, window)),
        ("forgot-password", lambda: ForgotPasswordDialog(db, "admin", window)),
        ("recovery-code", lambda: RecoveryCodeDialog(db, "admin", "ABCD-EFGH-IJKL-MNOP", window)),
        ("quick-entry", lambda: QuickEntryDialog(None, db, window)),
        (
            "transition",
            lambda: TransitionDialog(
                window,
                Action.RETURN,
                "出生登记",
                ask_comment=True,
                comment_required=True,
                ask_date=False,
            ),
        ),
        ("request", lambda: RequestDialog(register, clerk, window)),
        ("request-step", lambda: StepDialog(register, clerk, record, StepKind.ANSWER, window)),
        ("calendar", lambda: CalendarDialog(db, admin, parent=window)),
        ("annual-report", lambda: ReportDialog(db, clerk, year, window, settings=settings)),
        ("reminder", lambda: ReminderDialog(register.reminder(), window)),
        (
            "request-document",
            lambda: DocumentDialog(
                "告知书",
                lambda path: write_document(db, record.id, RequestDocument.ANSWER, path),
                "告知书.pdf",
                window,
                settings=settings,
            ),
        ),
    ]


def _guide_at(viewer: Any, page: str) -> Any:
    viewer.show_page(page)
    return viewer


if __name__ == "__main__":
    sys.exit(main())
