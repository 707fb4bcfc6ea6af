"""Render the screenshots of the README and of the user guide offscreen, from a fresh demo
station, on the stations' 1366×768 screen (the window maximised, as the clerks see it).

    python tools/screenshots.py [--guide resources/guide/img] [--out docs/img]

Into the user guide's pictures (``--guide``; the README shows some of them too):
workbench.png (the workbench with a catalogue item open), item-editor.png (a half-filled
draft with its inline checks), licensing-guide.png (a licensing item's 办事指南 tab),
flowchart.png (its 流程图 tab, which takes the window's width), print-dialog.png (打印与预览
with the notice board's preview), export-dialog.png (导出报送包 after its check),
requests-register.png (依申请公开) and privacy-check.png (the privacy check stopping a
submission). Into the README's own pictures (``--out``): requests-calendar.png,
requests-report.png and, with pdftoppm, request-answer.png and annual-report.png.
Needs a CJK font (fonts-wqy-microhei on Debian/Ubuntu).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PIL import Image
from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from screen_tour import screen_config

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

#: The clerks' screen.
SCREEN = (1366, 768)
#: A made-up but valid ID number (check digit computed), for the privacy check's picture.
SAMPLE_ID = "11010519900307123" + id18_check_char("11010519900307123")


def settle() -> None:
    for _ in range(5):
        QCoreApplication.processEvents()


def wait_until(done: Callable[[], object], seconds: float = 30.0) -> None:
    """Let the event loop run (workers report through it) until ``done()`` is true."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
    settle()


def pause(ms: int) -> None:
    """Let the event loop run for ``ms`` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget: QWidget, path: Path) -> None:
    settle()
    # A palette image: the interface has few colours, and the README wants small files.
    # The palette is made from the picture's own colours (Pillow, which reportlab brings):
    # Qt's conversion snaps every colour to a fixed cube, which turned the stations'
    # light green rows cyan.
    grabbed = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    size = (grabbed.width(), grabbed.height())
    pixels = bytes(grabbed.constBits())
    image = Image.frombuffer("RGB", size, pixels, "raw", "RGB", grabbed.bytesPerLine())
    image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, optimize=True
    )
    print(f"{path}  {image.width}x{image.height}  {path.stat().st_size // 1024} KB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--guide", type=Path, default=Path("resources/guide/img"))
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    args = parser.parse_args()
    for folder in (args.guide, args.out):
        folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        config = screen_config(Path(folder), *SCREEN)
        app = make_application([sys.argv[0], "-platform", f"offscreen:configfile={config}"])
        assert isinstance(app, QApplication)
        path = Path(folder) / "demo.sqlite"
        build_demo(path, items=200)
        db = open_database(path)
        actor = auth.authenticate(db, "clerk", "clerk123")
        # Settings of its own: the pictures never depend on how the user left the window.
        settings = Settings(
            QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        )
        window = MainWindow(db, actor, settings=settings)
        window.show()
        guide_screens(window, args.guide)
        requests_screens(window, args.guide, args.out)
        sheet_screens(window, args.guide, args.out)
        window.editor.undo_stack.setClean()
        window.close()
        db.close()
    return 0


def guide_screens(window: MainWindow, out: Path) -> None:
    """The catalogue's screens, the print and export dialogs, the privacy check."""
    from gwgk_desktop.gui.printing.dialog import PrintDialog
    from gwgk_desktop.gui.submission.export_dialog import ExportDialog

    catalogue = window.catalogue
    editor = window.editor

    # The workbench: a published catalogue item open.
    published = catalogue.items.search_ids(
        ItemQuery(kind=ItemKind.CATALOGUE, statuses=frozenset({Status.PUBLISHED}))
    )
    assert window.go_to_item(published[3])
    save(window, out / "workbench.png")

    # The editor: a new item saved half-filled shows what is still missing.
    services = window.tree_model.index(5, 0, window.tree_model.index(0, 0))  # 06 公共服务
    window.tree.setCurrentIndex(services)
    window.new_item(ItemKind.CATALOGUE)
    for field, value in (
        ("name", "便民服务承诺"),
        ("content", "服务内容、办理时间、联系电话和服务承诺。"),
        ("channels", ("website", "bulletin_board")),
    ):
        editor.active[field].set_value(value)
        editor.active[field].edited.emit()
    editor.save()
    save(window, out / "item-editor.png")
    window.statusBar().clearMessage()  # "已新建…" belongs to the picture above only

    # A licensing item on its service-guide tab, then its flowchart (the window's width).
    licensing = catalogue.items.search_ids(ItemQuery(kind=ItemKind.LICENSING))
    window.tree.setCurrentIndex(window.tree_model.index_of(window.tree_model.all_filter))
    assert window.go_to_item(licensing[0])
    editor.ui.tabs.setCurrentWidget(editor.ui.guidePage)
    save(window, out / "licensing-guide.png")
    editor.ui.tabs.setCurrentWidget(editor.ui.flowchartPage)
    settle()
    save(window, out / "flowchart.png")
    editor.ui.tabs.setCurrentWidget(editor.ui.basicPage)

    # 打印与预览 with the notice board's preview.
    printing = PrintDialog(window.db, window, settings=window.settings)
    printing.show()
    wait_until(printing.preview.fit_page_button.isEnabled)  # the preview is loaded
    printing.preview.fit_page_button.click()  # the whole first page of the board
    pause(4000)  # QPdfView draws its pages in a thread of its own, without a signal
    save(printing, out / "print-dialog.png")
    printing.reject()

    # 导出报送包 after its check of the items.
    export = ExportDialog(window.db, window.actor, window, settings=window.settings)
    export.show()
    wait_until(lambda: not export.running())
    save(export, out / "export-dialog.png")
    export.reject()

    # The privacy check: an ID number and a mobile number in an item to submit.
    content = editor.content()
    content.name = "户籍业务办理公示"
    content.content = f"办理人：张三，公民身份号码{SAMPLE_ID}，联系电话13812345678。"
    content.kind = ItemKind.CATALOGUE
    content.guide = None
    content.flowchart = None
    content.materials = []
    content.fee_links = []
    item = catalogue.changes.create(window.actor, content)
    dialog = PrivacyDialog(
        PrivacyReport((privacy.check_item(window.db, item.id),)),
        Action.SUBMIT.label,
        parent=window,
    )
    dialog.show()
    save(dialog, out / "privacy-check.png")
    dialog.close()


def requests_screens(window: MainWindow, guide: Path, out: Path) -> None:
    """The 依申请公开 area (into the guide), its dialogs and two of its documents."""
    from gwgk_desktop.domain.requests import RequestDocument, RequestStatus
    from gwgk_desktop.gui.requests.calendar_dialog import CalendarDialog
    from gwgk_desktop.gui.requests.report_dialog import ReportDialog
    from gwgk_desktop.services import annual_report
    from gwgk_desktop.services.request_documents import write_document
    from gwgk_desktop.services.requests import Register, RequestQuery

    area = window.show_requests()
    settle()
    soon = area.model.ids.index(area.register.reminder().due_soon[0].id)
    area.table.selectRow(soon)
    save(window, guide / "requests-register.png")
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


def sheet_screens(window: MainWindow, guide: Path, out: Path) -> None:
    """The Excel/WPS import wizard's pages on a clerk's sheet (and its dry run on a sheet
    with mistakes), the export dialog, and the exported sheet as LibreOffice prints it."""
    from PySide6.QtWidgets import QWizard

    from gwgk_desktop.gui.sheets import SheetExportDialog, SheetImportWizard
    from gwgk_desktop.services.sheet_export import export_catalogue
    from tests.sheets.layouts import build

    with tempfile.TemporaryDirectory() as folder:
        good, bad = Path(folder) / "河西派出所目录.xlsx", Path(folder) / "有错误的目录.xlsx"
        build("wps_variants", good)
        build("with_errors", bad)
        wizard = SheetImportWizard(window.db, window.actor, window, good)
        wizard.show()
        wait_until(wizard.file_page.isComplete)
        save(wizard, guide / "sheet-import-file.png")
        wizard.next()
        settle()
        save(wizard, guide / "sheet-import-mapping.png")
        wizard.next()
        wait_until(lambda: wizard.state.plan is not None)
        wizard.button(QWizard.WizardButton.CommitButton).click()
        wait_until(lambda: not wizard.import_page.running())
        save(wizard, guide / "sheet-import-done.png")
        wizard.close()
        wizard = SheetImportWizard(window.db, window.actor, window, bad)
        wizard.show()
        wait_until(wizard.file_page.isComplete)
        wizard.next()
        settle()
        wizard.next()
        wait_until(lambda: wizard.state.plan is not None)
        save(wizard, guide / "sheet-import-check.png")
        wizard.close()
        dialog = SheetExportDialog(window.db, window)
        dialog.show()
        save(dialog, out / "sheet-export.png")
        dialog.close()
        soffice = shutil.which("soffice")
        if soffice is None or shutil.which("pdftoppm") is None:
            print("LibreOffice or pdftoppm not found: the printed sheet is not made")
            return
        sheet = Path(folder) / "政务公开目录.xlsx"
        export_catalogue(window.db, sheet)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{folder}/lo",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(sheet),
            ],
            check=True,
            capture_output=True,
        )
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
                str(sheet.with_suffix(".pdf")),
                str(out / "sheet-printed"),
            ],
            check=True,
        )
        from PIL import Image  # comes with reportlab

        printed = out / "sheet-printed.png"
        Image.open(printed).convert("RGB").quantize(64).save(printed, optimize=True)
        print(printed)


if __name__ == "__main__":
    sys.exit(main())
