"""Render the README's screenshots offscreen from a fresh demo station.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [--out docs/img]

Writes main-window.png (the workbench with a catalogue item open), item-editor.png (the
editor on a draft, with its inline checks), licensing-item.png (a licensing item on its
办事指南 tab), licensing-flowchart.png (its 流程图 tab, editor only) and privacy-check.png
(the privacy check stopping a submission); and for 依申请公开, at the clerk's 1366×768:
requests-register.png (the register), requests-calendar.png (the working-day calendar),
requests-report.png (the annual report's table 三), and, with pdftoppm, request-answer.png
and annual-report.png (first pages of an answer notice and of the annual report). Needs a
CJK font (fonts-wqy-microhei on Debian/Ubuntu).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from gwgk_desktop.domain.enums import ItemKind, Status
from gwgk_desktop.domain.privacy import id18_check_char
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.gui.application import make_application
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.gui.privacy_dialog import PrivacyDialog
from gwgk_desktop.gui.settings import Settings
from gwgk_desktop.services import auth, privacy, station
from gwgk_desktop.services.demo import build_demo
from gwgk_desktop.services.privacy import PrivacyReport
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import open_database

SIZE = (1440, 880)
#: A made-up but valid ID number (check digit computed), for the privacy check's picture.
SAMPLE_ID = "11010519900307123" + id18_check_char("11010519900307123")


def settle() -> None:
    for _ in range(5):
        QCoreApplication.processEvents()


def save(widget: QWidget, path: Path) -> None:
    settle()
    # A palette image: the interface has few colours, and the README wants small files.
    image = (
        widget.grab()
        .toImage()
        .convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
    )
    image.save(str(path), quality=0)  # PNG by the name; 0 = smallest file
    print(f"{path}  {image.width()}x{image.height()}  {path.stat().st_size // 1024} KB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.sqlite"
        build_demo(path, items=200)
        db = open_database(path)
        actor = auth.authenticate(db, "clerk", "clerk123")
        # Settings of its own: the pictures never depend on how the user left the window.
        settings = Settings(
            QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        )
        window = MainWindow(db, actor, settings=settings)
        window.resize(*SIZE)
        window.show()
        catalogue = window.catalogue

        # 1. The workbench: a published catalogue item of 公共服务 open.
        window.tree.setCurrentIndex(window.tree_model.index(0, 0))
        published = catalogue.items.search_ids(
            ItemQuery(kind=ItemKind.CATALOGUE, statuses=frozenset({Status.PUBLISHED}))
        )
        assert window.go_to_item(published[3])
        save(window, args.out / "main-window.png")

        # 2. The editor, wider: a new item saved half-filled shows what is still missing.
        window.splitter.setSizes([window.tree.minimumWidth(), 380, 700])
        services = window.tree_model.index(5, 0, window.tree_model.index(0, 0))  # 06 公共服务
        window.tree.setCurrentIndex(services)
        window.new_item(ItemKind.CATALOGUE)
        editor = window.editor
        for field, value in (
            ("name", "便民服务承诺"),
            ("content", "服务内容、办理时间、联系电话和服务承诺。"),
            ("channels", ("website", "bulletin_board")),
        ):
            editor.active[field].set_value(value)
            editor.active[field].edited.emit()
        editor.save()
        save(window, args.out / "item-editor.png")

        # 3. A licensing item on its service-guide tab.
        licensing = catalogue.items.search_ids(ItemQuery(kind=ItemKind.LICENSING))
        window.tree.setCurrentIndex(window.tree_model.index_of(window.tree_model.all_filter))
        assert window.go_to_item(licensing[0])
        editor.ui.tabs.setCurrentWidget(editor.ui.guidePage)
        save(window, args.out / "licensing-item.png")

        # 4. The same item's approval flowchart, the editor alone (F11) with room to draw.
        window.show_editor_only(True)
        editor.ui.tabs.setCurrentWidget(editor.ui.flowchartPage)
        QApplication.processEvents()
        editor.flowchart_editor.view.fit()
        save(window, args.out / "licensing-flowchart.png")
        window.show_editor_only(False)

        # 5. The privacy check: an ID number and a mobile number in an item to submit.
        content = editor.content()
        content.name = "户籍业务办理公示"
        content.content = f"办理人：张三，公民身份号码{SAMPLE_ID}，联系电话13812345678。"
        item = catalogue.changes.create(actor, content)
        dialog = PrivacyDialog(
            PrivacyReport((privacy.check_item(db, item.id),)), Action.SUBMIT.label, parent=window
        )
        dialog.show()
        save(dialog, args.out / "privacy-check.png")
        dialog.close()

        requests_screens(window, args.out)
        window.close()
        db.close()
    return 0


def requests_screens(window: MainWindow, out: Path) -> None:
    """The 依申请公开 area, its dialogs and two of its documents."""
    from gwgk_desktop.domain.requests import RequestDocument, RequestStatus
    from gwgk_desktop.gui.requests.calendar_dialog import CalendarDialog
    from gwgk_desktop.gui.requests.report_dialog import ReportDialog
    from gwgk_desktop.services import annual_report
    from gwgk_desktop.services.request_documents import write_document
    from gwgk_desktop.services.requests import Register, RequestQuery

    window.resize(1366, 768)
    area = window.show_requests()
    settle()
    soon = area.model.ids.index(area.register.reminder().due_soon[0].id)
    area.table.selectRow(soon)
    save(window, out / "requests-register.png")
    admin = station.actor_for(
        next(o for o in station.list_operators(window.db) if o.username == "admin")
    )
    calendar = CalendarDialog(window.db, admin, 2026, window)
    calendar.show()
    save(calendar, out / "requests-calendar.png")
    calendar.close()
    year = max(annual_report.saved_years(window.db))
    report = ReportDialog(window.db, window.actor, year, window)
    report.show()
    report.tabs.setCurrentIndex(2)
    save(report, out / "requests-report.png")
    report.reject()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: the document pictures are not made")
        return
    register = Register(window.db)
    answered = register.search_ids(RequestQuery(status=RequestStatus.ANSWERED))
    with tempfile.TemporaryDirectory() as folder:
        for name, write in (
            (
                "request-answer",
                lambda path: write_document(window.db, answered[0], RequestDocument.ANSWER, path),
            ),
            ("annual-report", lambda path: annual_report.write_pdf(window.db, year, path)),
        ):
            pdf = Path(folder) / f"{name}.pdf"
            write(pdf)
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "64",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(pdf),
                    str(out / name),
                ],
                check=True,
            )
            print(out / f"{name}.png")


if __name__ == "__main__":
    sys.exit(main())
