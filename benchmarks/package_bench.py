"""Package benchmark (issue 7): with the 20,000-item demo database plus 500 flowcharts and
100 MB of attachments, time ``gwgk export`` and ``gwgk verify`` as a user runs them (a
fresh process each, start-up included) and report each process's peak memory (max RSS).
Prints a Markdown table.

    python benchmarks/package_bench.py [--items 20000] [--flowcharts 500]
                                       [--attachment-mb 100] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import machine  # benchmarks/ is on sys.path when run as a script
from sqlalchemy import insert, select

from gwgk_desktop.domain.enums import Status
from gwgk_desktop.services.template import standard_procedure
from gwgk_desktop.store.database import open_database
from gwgk_desktop.store.models import (
    AttachmentRow,
    BlobRow,
    FlowchartRow,
    FlowEdgeRow,
    FlowNodeRow,
    RevisionRow,
)
from gwgk_desktop.store.types import utcnow

BUDGET_EXPORT_S = 5.0
BUDGET_VERIFY_S = 3.0
BUDGET_MEMORY_MB = 200.0
PASSPHRASE = "bench-passphrase"
BLOB_SIZE = 512 * 1024


def gwgk(*args: str) -> tuple[float, float, str]:
    """Run the real CLI; return wall seconds, the child's peak RSS in MB, and stdout."""
    env = {**os.environ, "GWGK_KEY_PASSPHRASE": PASSPHRASE}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "gwgk_desktop", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    # wait4 gives this child's own rusage (RUSAGE_CHILDREN would mix in the demo build).
    out = process.stdout.read() if process.stdout else b""
    err = process.stderr.read() if process.stderr else b""
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"gwgk {' '.join(args)} failed:\n{err.decode()}")
    return elapsed, usage.ru_maxrss / 1024, out.decode()


def add_flowcharts_and_attachments(path: Path, charts: int, attachment_mb: int) -> None:
    """Bulk-insert flowcharts onto items in force and random (incompressible, like scans
    and PDFs) attachments of BLOB_SIZE each."""
    rng = random.Random(7)
    chart = standard_procedure()
    db = open_database(path)
    with db.write() as session:
        revisions = list(
            session.scalars(
                select(RevisionRow.id)
                .where(
                    RevisionRow.superseded.is_(False),
                    RevisionRow.status.in_([Status.APPROVED.value, Status.PUBLISHED.value]),
                    RevisionRow.id.not_in(select(FlowchartRow.revision_id)),
                )
                .order_by(RevisionRow.id)
            )
        )
        with_chart = revisions[:charts]
        next_chart = 10_000
        charts_rows, nodes, edges = [], [], []
        for offset, revision_id in enumerate(with_chart):
            chart_id = next_chart + offset
            charts_rows.append({"id": chart_id, "revision_id": revision_id, "title": chart.title})
            nodes += [
                {
                    "flowchart_id": chart_id,
                    "key": n.key,
                    "position": i,
                    "kind": n.kind,
                    "text": n.text,
                    "post": n.post,
                    "time_limit_days": n.time_limit_days,
                    "x": n.x,
                    "y": n.y,
                }
                for i, n in enumerate(chart.nodes)
            ]
            edges += [
                {
                    "flowchart_id": chart_id,
                    "key": e.key,
                    "position": i,
                    "source_key": e.source,
                    "target_key": e.target,
                    "label": e.label,
                }
                for i, e in enumerate(chart.edges)
            ]
        session.execute(insert(FlowchartRow), charts_rows)
        session.execute(insert(FlowNodeRow), nodes)
        session.execute(insert(FlowEdgeRow), edges)

        count = attachment_mb * (1 << 20) // BLOB_SIZE
        holders = revisions[charts : charts + count]
        for number, revision_id in enumerate(holders):
            data = rng.randbytes(BLOB_SIZE)
            sha = hashlib.sha256(data).hexdigest()
            session.execute(
                insert(BlobRow).values(sha256=sha, size=len(data), data=data, created_at=utcnow())
            )
            session.execute(
                insert(AttachmentRow).values(
                    revision_id=revision_id,
                    position=0,
                    sha256=sha,
                    filename=f"扫描件{number + 1:03d}.pdf",
                    media_type="application/pdf",
                    note="",
                    added_at=utcnow(),
                )
            )
    db.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--flowcharts", type=int, default=500)
    parser.add_argument("--attachment-mb", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep the files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        db = folder / "bench.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        started = time.perf_counter()
        gwgk("demo", "--db", str(db), "--items", str(args.items))
        add_flowcharts_and_attachments(db, args.flowcharts, args.attachment_mb)
        build_s = time.perf_counter() - started
        registry = folder / "registry.json"
        gwgk("keys", "export-public", "--db", str(db), "--out", str(registry))

        exports: list[tuple[float, float]] = []
        verifies: list[tuple[float, float]] = []
        summary = ""
        for round_ in range(args.repeat):
            package = folder / f"bench-{round_}.gwgk"
            package.unlink(missing_ok=True)
            exports.append(gwgk("export", "--db", str(db), "--out", str(package))[:2])
            state = folder / f"state-{round_}.json"
            state.unlink(missing_ok=True)
            seconds, memory, summary = gwgk(
                "verify", str(package), "--keys", str(registry), "--state", str(state)
            )
            verifies.append((seconds, memory))
        size_mb = package.stat().st_size / (1 << 20)

    def cell(values: list[float], unit: str, digits: int = 2) -> str:
        return f"{statistics.median(values):.{digits}f} {unit} (max {max(values):.{digits}f})"

    export_s = statistics.median(t for t, _ in exports)
    verify_s = statistics.median(t for t, _ in verifies)
    memory = max(m for _, m in exports + verifies)
    print(f"Machine: {machine()}\n")
    print(
        f"Data: {args.items:,} demo items, {args.flowcharts} flowcharts, "
        f"{args.attachment_mb} MB attachments (built in {build_s:.1f} s); "
        f"package {size_mb:.1f} MB\n"
    )
    print("| step (fresh process, start-up included) | time | budget | peak RSS | budget |")
    print("|---|---|---|---|---|")
    print(
        f"| `gwgk export` | {cell([t for t, _ in exports], 's')} | ≤ {BUDGET_EXPORT_S:.0f} s "
        f"| {cell([m for _, m in exports], 'MB', 0)} | ≤ {BUDGET_MEMORY_MB:.0f} MB |"
    )
    print(
        f"| `gwgk verify` | {cell([t for t, _ in verifies], 's')} | ≤ {BUDGET_VERIFY_S:.0f} s "
        f"| {cell([m for _, m in verifies], 'MB', 0)} | ≤ {BUDGET_MEMORY_MB:.0f} MB |"
    )
    print(f"\n{summary.strip()}")
    ok = export_s <= BUDGET_EXPORT_S and verify_s <= BUDGET_VERIFY_S and memory <= BUDGET_MEMORY_MB
    print("\nwithin budget" if ok else "\nOVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
