"""History-check benchmark (issue 11): what it costs to back every revision's status by its
transitions and audit records. On a demo station of N items, time (median of --repeat)
the history checks alone (``store.history``: unbacked revisions and unrecorded facts), the
whole ``gwgk check`` service, the trigger check, and the export's history check from the
checkpoint an earlier export left (nothing changed since: ``unbacked_since``); and the
strict JSON reader on a large item document. Prints a Markdown table.

    python benchmarks/history_bench.py [--items 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import machine  # benchmarks/ is on sys.path when run as a script
from sqlalchemy import func, select

from gwgk_desktop.domain.json_input import loads
from gwgk_desktop.services.check import run_check
from gwgk_desktop.services.demo import build_demo
from gwgk_desktop.store import history
from gwgk_desktop.store.database import open_database
from gwgk_desktop.store.models import RevisionRow
from gwgk_desktop.store.triggers import trigger_problems


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        build_demo(path, items=args.items)
        with open_database(path, readonly=True) as db:

            def histories() -> None:
                with db.read() as session:
                    assert not history.unbacked_revisions(session)
                    assert not history.unrecorded_facts(session)

            with db.read() as session:
                _, checked = history.check_history(session)

            def since_export() -> None:
                with db.read() as session:
                    found = history.unbacked_since(session, checked)
                    assert found is not None and not found[0]

            def triggers() -> None:
                with db.connect() as connection:
                    assert not trigger_problems(connection)

            def check() -> None:
                assert run_check(db).ok

            with db.read() as session:
                revisions = session.scalar(select(func.count()).select_from(RevisionRow))
            rows = [
                ("history checks (unbacked revisions + unrecorded facts)", histories),
                ("audit triggers present and unchanged", triggers),
                ("`gwgk check` service, all of it", check),
                ("export's history check from the last export's checkpoint", since_export),
            ]
            results = [(name, _median(run, args.repeat)) for name, run in rows]
        document = json.dumps(
            {"name": "事项", "content": "公开内容。" * 4000, "materials": [{"name": "材料"}] * 200},
            ensure_ascii=False,
        ).encode()
        strict = _median(lambda: loads(document), args.repeat * 4)
        plain = _median(lambda: json.loads(document), args.repeat * 4)
    print(f"Machine: {machine()}; demo station of {args.items} items ({revisions} revisions)\n")
    print("| what | median |")
    print("|---|---|")
    for name, seconds in results:
        print(f"| {name} | {seconds * 1000:.0f} ms |")
    print(
        f"| strict JSON reader, {len(document) // 1024} KB item document "
        f"(json.loads: {plain * 1000:.1f} ms) | {strict * 1000:.1f} ms |"
    )
    # No budget: the history checks run inside every export and ``gwgk check``, and are
    # reported here as their share of the whole check.
    print(f"\nhistory checks: {results[0][1] / results[2][1]:.0%} of the whole check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
