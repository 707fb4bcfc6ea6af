"""Foundation benchmark: build a 20,000-item demo database, then time opening it, listing
one category and searching all items for a phrase (each a fresh process-like cold path:
a new Database object over the file). Prints a Markdown table.

    python benchmarks/run.py [--items 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import open_database

BUDGET_OPEN_LIST_SEARCH_MS = 100.0
BUDGET_DEMO_S = 30.0


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        started = time.perf_counter()
        # The demo is built by the real CLI, as a clerk or CI would run it.
        subprocess.run(
            [
                sys.executable,
                "-m",
                "gwgk_desktop",
                "demo",
                "--db",
                str(path),
                "--items",
                str(args.items),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        create_s = time.perf_counter() - started

        opens, lists, searches, totals = [], [], [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            db = open_database(path)
            catalogue = Catalogue(db)
            category = catalogue.reference.categories()[6]
            t1 = time.perf_counter()
            ids = catalogue.items.search_ids(ItemQuery(category_id=category.id))
            catalogue.items.rows(ids[:60])  # what a table shows on screen
            t2 = time.perf_counter()
            found = catalogue.items.search_ids(ItemQuery(text="电信网络诈骗"))
            catalogue.items.rows(found[:60])
            t3 = time.perf_counter()
            db.close()
            opens.append((t1 - t0) * 1000)
            lists.append((t2 - t1) * 1000)
            searches.append((t3 - t2) * 1000)
            totals.append((t3 - t0) * 1000)

    def cell(values: list[float]) -> str:
        return f"{statistics.median(values):.1f} ms (max {max(values):.1f})"

    total = statistics.median(totals)
    print(f"Machine: {machine()}\n")
    print(f"| step ({args.items:,} items) | time | budget |")
    print("|---|---|---|")
    print(f"| `gwgk demo --items {args.items}` | {create_s:.1f} s | ≤ {BUDGET_DEMO_S:.0f} s |")
    print(f"| open database | {cell(opens)} | |")
    print(f"| list one category ({len(ids)} items) + first rows | {cell(lists)} | |")
    print(f"| search all items for a phrase ({len(found)} hits) | {cell(searches)} | |")
    print(f"| open + list + search | {total:.1f} ms | ≤ {BUDGET_OPEN_LIST_SEARCH_MS:.0f} ms |")
    ok = total <= BUDGET_OPEN_LIST_SEARCH_MS and create_s <= BUDGET_DEMO_S
    print("\nwithin budget" if ok else "\nOVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
