"""Render the README's pictures of the bureau's side offscreen, at 1366×768, from a fresh
demo city (``gwgk bureau demo``).

    QT_QPA_PLATFORM=offscreen python tools/bureau_screenshots.py [--out docs/img]
                                                                 [--guide resources/guide/img]

Writes bureau-stations.png (the stations in the round, one selected), bureau-city.png (a
city-wide search with an item open), bureau-station.png (one station's catalogue in the
station's table and editor), bureau-intake.png (the packages left on the stick taken in),
and bureau-notice-1.png / bureau-notice-attachment.png (pages of the notice, by pdftoppm).
The user guide's page about the bureau (resources/guide/bureau.md) shows the first three
pictures and the intake; ``--guide`` writes those there too.
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtWidgets import QApplication, QWidget
from screenshots import save, settle

from gwgk_desktop.bureau import rounds
from gwgk_desktop.bureau.database import open_bureau
from gwgk_desktop.bureau.demo import build_bureau_demo
from gwgk_desktop.bureau.notice import write_notice
from gwgk_desktop.gui.app import make_application
from gwgk_desktop.gui.bureau.window import BureauWindow

SIZE = (1366, 768)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    parser.add_argument("--guide", type=Path, default=Path("resources/guide/img"))
    parser.add_argument("--stations", type=int, default=24)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    args.guide.mkdir(parents=True, exist_ok=True)

    def shot(widget: QWidget, name: str, guide: bool = False) -> None:
        save(widget, args.out / name)
        if guide:
            shutil.copyfile(args.out / name, args.guide / name)

    app = make_application()
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        city = build_bureau_demo(Path(folder) / "city", args.stations, 30, jobs=2)
        db = open_bureau(city.bureau)
        window = BureauWindow(db)
        window.resize(*SIZE)
        window.show()
        settle()

        # 1. The stations in the round: red (missing) first, one late station selected.
        stations = window.stations
        late = next(
            row
            for row in range(stations.proxy.rowCount())
            if "逾期" in str(stations.proxy.index(row, 2).data())
        )
        stations.table.selectRow(late)
        shot(window, "bureau-stations.png", guide=True)

        # 2. The city-wide catalogue searched for 户籍, an item open in the editor.
        window.tabs.setCurrentWidget(window.city)
        window.city.text.setText("户籍 登记")
        window.city.search()
        shot(window, "bureau-city.png", guide=True)

        # 3. One station's catalogue in the station's own table and editor.
        dialog = window.open_station(stations.selected_code() or "")
        dialog.resize(*SIZE)
        shot(dialog, "bureau-station.png")
        dialog.close()

        # 4. Intake: the packages still on the "stick".
        window.tabs.setCurrentWidget(window.intake)
        job = window.intake.take_in([city.folder / "packages"])
        job.wait()
        settle()
        shot(window, "bureau-intake.png", guide=True)
        window.tabs.setCurrentWidget(window.stations)

        # 5. The notice's first page and its attachment.
        notice = Path(folder) / "通报.pdf"
        write_notice(db, notice, rounds.rounds(db)[0])
        for page, name in ((1, "bureau-notice-1"), (0, "bureau-notice-attachment")):
            first = page or _attachment_page(notice)
            target = args.out / name
            subprocess.run(
                ["pdftoppm", "-png", "-r", "50", "-f", str(first), "-l", str(first),
                 "-singlefile", str(notice), str(target)],
                check=True,
            )  # fmt: skip
            print(f"{target}.png")
        window.close()
        db.close()
    return 0


def _attachment_page(pdf: Path) -> int:
    """The first page of the ranking attachment (its table's header: 名次), 1-based."""
    from pypdf import PdfReader

    pages = PdfReader(pdf).pages
    return next(n for n, page in enumerate(pages, 1) if "名次" in page.extract_text())


if __name__ == "__main__":
    sys.exit(main())
