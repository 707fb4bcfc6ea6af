"""Run the print dialog alone (for screenshots, tests and trying it out):

    python -m gwgk_desktop.gui.printing --db PATH [--document guide] [--screenshot out.png]

With ``--screenshot`` the dialog waits for its first preview, saves a picture of itself
and quits (works headless with ``QT_QPA_PLATFORM=offscreen``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer

from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.application import make_application, save_picture
from gwgk_desktop.gui.printing.dialog import PrintDialog
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.printing import DocumentKind
from gwgk_desktop.store.database import open_database


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gwgk_desktop.gui.printing")
    parser.add_argument("--db", type=Path, required=True, metavar="PATH")
    parser.add_argument(
        "--document",
        choices=[k.value for k in DocumentKind],
        default=DocumentKind.NOTICE_BOARD.value,
    )
    parser.add_argument("--screenshot", type=Path, metavar="PNG")
    args = parser.parse_args(argv)
    app = make_application()
    try:
        db = open_database(args.db, readonly=True)
    except UserError as error:
        print(fmt(QCoreApplication.translate("App", "错误：%1"), error.message), file=sys.stderr)
        return error.exit_code
    dialog = PrintDialog(db)
    dialog.document_combo.setCurrentIndex(
        dialog.document_combo.findData(DocumentKind(args.document).value)
    )
    if args.screenshot is not None:
        shot: Path = args.screenshot

        def grab(_pages: int) -> None:
            # Let the view paint its pages before taking the picture.
            def save() -> None:
                saved = save_picture(dialog, shot)
                dialog.close()
                if not saved:
                    QCoreApplication.exit(1)

            QTimer.singleShot(300, save)

        dialog.preview_ready.connect(grab)
        dialog.failed.connect(lambda _message: dialog.close())
    dialog.show()
    try:
        return app.exec()
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit(main())
