"""Printed-output benchmark (issue 6): the notice board of a station with about 500 items
in force, 50 of them licensing items with flowcharts, and the catalogue list of about 5,000
rows. Each document is produced by ``services.printing.produce`` in a fresh process (font
registration and imports included) whose peak resident memory is read back. Prints a
Markdown table and exits non-zero when over budget.

    python benchmarks/pdf_bench.py [--repeat 3] [--keep DIR] [--phases]

``--phases`` adds where a notice board's time goes in a fresh process, as ``gwgk print
notice-board`` spends it: the imports (the command line, the database, the printing code),
reading the items, the privacy check, the font, the story and the layout with writing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import machine  # the foundation benchmark's machine line

from gwgk_desktop.domain.enums import ItemKind, Role
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.services import station
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.demo import build_demo
from gwgk_desktop.services.printing import DocumentKind, PrintRequest, produce
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import open_database

BOARD_ITEMS = 500
BOARD_CHARTS = 50
CATALOGUE_ROWS = 5000
BUDGET_BOARD_S = 3.0
BUDGET_CATALOGUE_S = 10.0
BUDGET_MEMORY_MB = 300.0
#: About 60 % of the demo's bulk items have a revision in force.
LIVE_SHARE = 0.6


def _in_force(path: Path, kind: ItemKind | None = None) -> int:
    with open_database(path, readonly=True) as db:
        return sum(1 for _ in Catalogue(db).items.iter_items(ItemQuery(kind=kind), in_force=True))


def board_station(path: Path) -> None:
    """A demo station with ≥ 500 items in force, 50 of them licensing items."""
    build_demo(path, items=int((BOARD_ITEMS - BOARD_CHARTS) / LIVE_SHARE))
    with open_database(path) as db:
        catalogue = Catalogue(db)
        by_role = {op.role: station.actor_for(op) for op in station.list_operators(db)}
        clerk, reviewer = by_role[Role.CLERK], by_role[Role.REVIEWER]
        template = next(
            iter(catalogue.items.iter_items(ItemQuery(kind=ItemKind.LICENSING), in_force=True))
        )
        have = _in_force(path, ItemKind.LICENSING)
        base = template.name
        for n in range(BOARD_CHARTS - have):
            content = template.content
            content.name = f"{base}（第{n + 2}窗口）"
            content.level2 = content.name
            item = catalogue.changes.create(clerk, content)
            catalogue.review.transition(clerk, item.id, Action.SUBMIT)
            catalogue.review.transition(reviewer, item.id, Action.APPROVE)
            catalogue.review.transition(
                reviewer, item.id, Action.PUBLISH, publish_date=dt.date.today()
            )


def catalogue_station(path: Path) -> None:
    build_demo(path, items=int(CATALOGUE_ROWS / LIVE_SHARE) + 100)


def measure(db_path: Path, document: str, out: Path) -> dict[str, float]:
    """Run in the child process: produce one document and report time and memory."""
    started = time.perf_counter()
    with open_database(db_path, readonly=True) as db:
        result = produce(db, PrintRequest(DocumentKind(document)), out)
    seconds = time.perf_counter() - started
    charts = 0
    if document == DocumentKind.NOTICE_BOARD.value:
        with open_database(db_path, readonly=True) as db:
            charts = sum(
                1
                for i in Catalogue(db).items.iter_items(
                    ItemQuery(kind=ItemKind.LICENSING), in_force=True
                )
                if i.content.flowchart is not None and i.content.flowchart.nodes
            )
    # ru_maxrss is in kilobytes on Linux.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seconds": seconds,
        "peak_mb": peak,
        "pages": result.pages,
        "items": result.items,
        "charts": charts,
        "bytes": out.stat().st_size,
    }


#: Run in a fresh interpreter (``--phases``): the notice board in the steps of
#: ``services.printing.produce``, each step's CPU and wall time since the one before, as
#: JSON. Process start is measured from the interpreter's own start (CPU) and from the
#: parent's clock just before the process was made (wall).
PHASES = """
import json, os, sys, time
wall0 = float(os.environ["GWGK_BENCH_T0"])
marks = []
def mark(name):
    marks.append((name, time.process_time(), time.time() - wall0))
import gc
import gwgk_desktop.cli as cli
gc.set_threshold(*cli.COMMAND_GC_THRESHOLDS)  # as gwgk's one-shot commands run
mark("python started, gwgk_desktop.cli imported")
import gwgk_desktop.cli.print_cmd
mark("print command imported (SQLAlchemy, the models)")
from gwgk_desktop.services import printing
from gwgk_desktop.pdf import notice_board
mark("printing code imported (reportlab)")
from pathlib import Path
from gwgk_desktop.store.database import open_database
db = open_database(Path(sys.argv[1]), readonly=True)
mark("database opened")
request = printing.PrintRequest(printing.DocumentKind.NOTICE_BOARD)
notes = printing.Notes()
snapshot = db.snapshot()  # as produce() reads: one read transaction
view = snapshot.__enter__()
source = printing.gather(view, request, notes, printing.SILENT)
mark("items read")
printing.guard_privacy(view, source, False, notes)
snapshot.__exit__(None, None, None)
mark("privacy check")
font = printing.cjk_font(None)
mark("font")
options = notice_board.BoardOptions()
styles = notice_board.styles_for(font.name, notice_board.BODY_SIZE[options.paper])
layout = notice_board.Layout(
    notice_board.page_setup(options), font, notice_board._title(source, styles, notes), ""
)
story = notice_board._story(source, styles, layout, notes)
mark("story (flowcharts routed)")
layout.build(Path(sys.argv[2]), story, title="", author="", subject="")
mark("laid out and written")
print(json.dumps(marks))
"""


def phases(db_path: Path, out: Path) -> list[tuple[str, float, float]]:
    """One fresh process printing the notice board: (step, CPU ms, wall ms) of each."""
    env = {**os.environ, "GWGK_BENCH_T0": repr(time.time())}
    completed = subprocess.run(
        [sys.executable, "-c", PHASES, str(db_path), str(out)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    marks = json.loads(completed.stdout.strip().splitlines()[-1])
    steps, cpu, wall = [], 0.0, 0.0
    for name, at_cpu, at_wall in marks:
        steps.append((name, (at_cpu - cpu) * 1000, (at_wall - wall) * 1000))
        cpu, wall = at_cpu, at_wall
    return steps


def run_child(db_path: Path, document: str, out: Path) -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", str(db_path), document, str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    parser.add_argument("--phases", action="store_true", help="where a board's time goes")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        db_path, document, out = args.child
        print(json.dumps(measure(Path(db_path), document, Path(out))))
        return 0

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        board_db, catalogue_db = root / "board.sqlite", root / "catalogue.sqlite"
        board_station(board_db)
        catalogue_station(catalogue_db)
        runs: dict[str, list[dict[str, float]]] = {"notice-board": [], "catalogue": []}
        for _ in range(args.repeat):
            for document, db_path in (("notice-board", board_db), ("catalogue", catalogue_db)):
                out = (args.keep or root) / f"{document}.pdf"
                out.parent.mkdir(parents=True, exist_ok=True)
                runs[document].append(run_child(db_path, document, out))
        steps = [phases(board_db, root / "phases.pdf") for _ in range(args.repeat) if args.phases]

    def median(document: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[document])

    board_s, catalogue_s = median("notice-board", "seconds"), median("catalogue", "seconds")
    peak = max(r["peak_mb"] for rs in runs.values() for r in rs)
    board, catalogue = runs["notice-board"][0], runs["catalogue"][0]
    print(f"Machine: {machine()}\n")
    print(f"| document (median of {args.repeat}, fresh process each) | time | peak RSS | budget |")
    print("|---|---|---|---|")
    board_mb = median("notice-board", "peak_mb")
    print(
        f"| notice board, A3: {board['items']:.0f} items, {board['charts']:.0f} flowcharts, "
        f"{board['pages']:.0f} pages | {board_s:.2f} s | {board_mb:.0f} MB "
        f"| ≤ {BUDGET_BOARD_S:.0f} s |"
    )
    print(
        f"| catalogue list, A4 landscape: {catalogue['items']:.0f} rows, "
        f"{catalogue['pages']:.0f} pages | {catalogue_s:.2f} s "
        f"| {median('catalogue', 'peak_mb'):.0f} MB | ≤ {BUDGET_CATALOGUE_S:.0f} s |"
    )
    print(f"| peak memory of any run | | {peak:.0f} MB | ≤ {BUDGET_MEMORY_MB:.0f} MB |")
    ok = (
        board_s <= BUDGET_BOARD_S
        and catalogue_s <= BUDGET_CATALOGUE_S
        and peak <= BUDGET_MEMORY_MB
        and board["items"] >= BOARD_ITEMS
        and board["charts"] >= BOARD_CHARTS
        and catalogue["items"] >= CATALOGUE_ROWS
    )
    if args.phases:
        print(f"\n| notice board in a fresh process (median of {args.repeat}) | CPU | wall |")
        print("|---|---|---|")
        for n, (name, _, _) in enumerate(steps[0]):
            cpu = statistics.median(run[n][1] for run in steps)
            wall = statistics.median(run[n][2] for run in steps)
            print(f"| {name} | {cpu:.0f} ms | {wall:.0f} ms |")
        cpu = statistics.median(sum(step[1] for step in run) for run in steps)
        wall = statistics.median(sum(step[2] for step in run) for run in steps)
        print(f"| all (until the PDF is written) | {cpu:.0f} ms | {wall:.0f} ms |")
    print("\nwithin budget" if ok else "\nOVER BUDGET (or too few items)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
