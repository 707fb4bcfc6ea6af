"""GUI benchmark on a 20,000-item demo station (offscreen): process start to the main
window shown with its table painted, a filter keystroke, opening an item, resident memory.
Prints a Markdown table with the machine.

    python benchmarks/gui_bench.py [--items 20000] [--db existing.sqlite] [--starts 5]

Each start is a fresh process of the real ``gwgk gui`` command, timed to its first frame
with the table's rows as the app reports it (``startup.py``, the yardstick of
``speed.py``); the filter (``filter_keys.py``: each keystroke to its painted frame) and
open timings drive the real widgets with key events in another fresh process, which also
reports its peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUDGET_START_S = 1.5
BUDGET_FILTER_MS = 50.0
BUDGET_OPEN_MS = 100.0
BUDGET_RSS_MB = 300.0
CLERK = ("clerk", "clerk123")


def machine() -> str:
    # The foundation benchmark's description of the machine (benchmarks/ is on sys.path
    # when this file runs as a script).
    from run import machine as describe

    return describe()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# ---------------------------------------------------------------------- start-up
def run_child(role: str, db_path: Path) -> dict[str, object]:
    """Run this file as a fresh offscreen process in ``role``; its JSON line."""
    result = subprocess.run(
        [sys.executable, __file__, f"--child-{role}", str(db_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
        cwd=ROOT,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("{"))
    data: dict[str, object] = json.loads(line)
    return data


def measure_start(db_path: Path) -> float:
    """One start of the real ``gwgk gui`` to its first frame with the table's rows, as
    ``speed.py`` measures it (``startup.py``)."""
    from startup import start_once

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return start_once(sys.executable, ROOT, db_path, env).wall


# ---------------------------------------------------------------------- child: interaction
def child_interact(db_path: str) -> int:
    """Filter keystrokes and item openings through the real widgets; prints JSON."""
    import random
    import resource

    from gwgk_desktop.domain.enums import ItemKind
    from gwgk_desktop.gui import gc_guard
    from gwgk_desktop.gui.application import make_application
    from gwgk_desktop.gui.main_window import MainWindow
    from gwgk_desktop.services import auth
    from gwgk_desktop.services.queries import ItemQuery
    from gwgk_desktop.store.database import open_database

    application = make_application()
    db = open_database(Path(db_path))
    actor = auth.authenticate(db, *CLERK)
    window = MainWindow(db, actor)
    window.resize(1440, 880)
    window.show()
    for _ in range(20):
        application.processEvents()
    gc_guard.freeze()  # as the app does after its first frame
    from filter_keys import type_rounds

    filter_ms = type_rounds(application, window, 3)["wall"]
    window.filter_text.clear()
    application.processEvents()

    def settle() -> None:
        application.processEvents()

    rng = random.Random(7)
    catalogue = window.catalogue
    sample = rng.sample(window.model.ids, 40)
    sample += catalogue.items.search_ids(ItemQuery(kind=ItemKind.LICENSING))[:10]
    open_ms: list[float] = []
    for item_id in sample:
        started = time.perf_counter()
        opened = window.go_to_item(item_id)
        settle()
        open_ms.append((time.perf_counter() - started) * 1000)
        assert opened

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "filter": filter_ms,
                "open": open_ms,
                "rss_mb": rss_mb,
                "rows": len(window.model.ids),
            }
        ),
        flush=True,
    )
    return 0


# ---------------------------------------------------------------------- main
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--db", type=Path, help="use this demo database instead of a new one")
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--child-interact", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_interact:
        return child_interact(args.child_interact)

    with tempfile.TemporaryDirectory() as folder:
        db_path = args.db
        if db_path is None:
            db_path = Path(folder) / "bench.sqlite"
            subprocess.run(
                [sys.executable, "-m", "gwgk_desktop", "demo", "--db", str(db_path),
                 "--items", str(args.items)],
                check=True,
                stdout=subprocess.DEVNULL,
                cwd=ROOT,
            )  # fmt: skip
        measure_start(db_path)  # warm the OS file cache once, as a second start would be
        starts = [measure_start(db_path) for _ in range(args.starts)]
        data = run_child("interact", db_path)

    filter_ms = list(data["filter"])  # type: ignore[call-overload]
    open_ms = list(data["open"])  # type: ignore[call-overload]
    rss = float(data["rss_mb"])  # type: ignore[arg-type]
    rows = int(data["rows"])  # type: ignore[call-overload]
    start_p = max(starts)
    filter_p95 = percentile(filter_ms, 0.95)
    open_p95 = percentile(open_ms, 0.95)
    print(f"Machine: {machine()}\n")
    print(f"| GUI, {rows:,} items (offscreen) | measured | budget |")
    print("|---|---|---|")
    print(
        f"| process start → window shown, table painted | median {statistics.median(starts):.2f} s,"
        f" max {start_p:.2f} s ({len(starts)} starts) | ≤ {BUDGET_START_S} s |"
    )
    print(
        f"| filter keystroke → table updated | median {statistics.median(filter_ms):.1f} ms,"
        f" p95 {filter_p95:.1f} ms ({len(filter_ms)} keys) | p95 ≤ {BUDGET_FILTER_MS:.0f} ms |"
    )
    print(
        f"| open an item in the editor | median {statistics.median(open_ms):.1f} ms,"
        f" p95 {open_p95:.1f} ms ({len(open_ms)} items) | ≤ {BUDGET_OPEN_MS:.0f} ms |"
    )
    print(f"| peak resident memory | {rss:.0f} MB | ≤ {BUDGET_RSS_MB:.0f} MB |")
    ok = (
        start_p <= BUDGET_START_S
        and filter_p95 <= BUDGET_FILTER_MS
        and open_p95 <= BUDGET_OPEN_MS
        and rss <= BUDGET_RSS_MB
    )
    print("\nwithin budget" if ok else "\nOVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
