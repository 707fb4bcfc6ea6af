"""The package writer's thread (issue 16): how much of writing a package leaves the
export's main thread when the CRC, SHA-256, deflate and file writes run on a thread of
their own (``ZipWriter(background=True)``) instead of in line. The main thread does what
export does between two lines (here a stand-in of Python work, then ``canonical.encode``
of a record like an item's), then 100 MB of attachment chunks. Runs alternate between the
two ways, so load changes hit both alike. Prints a Markdown table: wall time and the main
thread's CPU time (what the rest of the export waits for when a second core is free).

    python benchmarks/package_writer_bench.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import machine  # benchmarks/ is on sys.path when run as a script

from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.zipfmt import DEFLATE, STORE, ZipWriter

LINES = 12_000
ATTACHMENT_MB = 100
RECORD = {
    "uuid": "0" * 36,
    "index_number": "11010000000-A-00-2026-0001",
    "content": {"name": "户籍登记办理指南" * 3, "summary": "政务公开目录派出所户籍" * 110},
}


def _between_lines() -> int:
    # Stands for the checks and the record building of one item (~0.1 ms of Python).
    return sum(range(1500))


def write_package(path: Path, background: bool) -> tuple[float, float]:
    started, cpu = time.perf_counter(), time.thread_time()
    chunk = os.urandom(1 << 20)
    with path.open("wb") as handle, ZipWriter(handle, background=background) as writer:
        with writer.entry("data/catalogue.jsonl", DEFLATE) as entry:
            for _ in range(LINES):
                _between_lines()
                entry.write(canonical.encode(RECORD) + b"\n")
        for number in range(ATTACHMENT_MB // 5):
            with writer.entry(f"attachments/{number:02d}", STORE) as entry:
                for _ in range(5):
                    entry.write(chunk)
        writer.finish()
    return time.perf_counter() - started, time.thread_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    runs: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="gwgk-writer-") as folder:
        path = Path(folder) / "package.zip"
        for _ in range(args.repeat):
            for background in (False, True):
                runs[background].append(write_package(path, background))
    loads.append(os.getloadavg()[0])
    print(f"{machine()}; load average {loads[0]:.1f} at the start, {loads[1]:.1f} at the end\n")
    print(f"{LINES:,} JSON lines (deflated), {ATTACHMENT_MB} MB of attachments, {args.repeat} runs")
    print("\n| writer | wall (median) | main thread CPU (median) |\n|---|---|---|")
    for background, label in ((False, "in line"), (True, "own thread")):
        wall = statistics.median(w for w, _ in runs[background])
        cpu = statistics.median(c for _, c in runs[background])
        print(f"| {label} | {wall:.2f} s | {cpu:.2f} s |")


if __name__ == "__main__":
    main()
