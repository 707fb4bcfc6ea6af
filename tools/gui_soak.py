"""Run the GUI test suite many times with every core busy, and report any crash.

The native crashes seen with PySide6 6.12 (reference counts of None/True reaching zero, and
segfaults in deferred deletes) showed up only now and then and only under load, so one green
run proves little. This runs ``pytest tests/gui`` RUNS times in fresh interpreters while one
busy-loop process per core competes for the CPU, and counts the runs that failed and the ones
that died of a signal or a fatal interpreter error.

    python tools/gui_soak.py [--runs 50] [--burners N] [--log DIR] [-- extra pytest args]

Exit status: 0 when every run passed, 1 otherwise. Each failing run's output is kept in the
log folder.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRASH_MARKERS = ("Fatal Python error", "Segmentation fault", "core dumped", "Aborted")


def burn() -> None:
    """Keep one core busy until killed."""
    x = 0
    while True:
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--burners", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--log", type=Path, default=ROOT / "build" / "gui-soak")
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args(argv)
    args.log.mkdir(parents=True, exist_ok=True)

    burners = [multiprocessing.Process(target=burn, daemon=True) for _ in range(args.burners)]
    for process in burners:
        process.start()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/gui"]
    failed: list[int] = []
    crashed: list[int] = []
    started = time.monotonic()
    try:
        for run in range(1, args.runs + 1):
            t0 = time.monotonic()
            result = subprocess.run(
                [*command, *args.pytest_args],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            output = result.stdout + result.stderr
            summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
            is_crash = result.returncode < 0 or any(m in output for m in CRASH_MARKERS)
            if result.returncode != 0:
                (failed if not is_crash else crashed).append(run)
                (args.log / f"run-{run:03d}.log").write_text(output, encoding="utf-8")
            state = "CRASH" if is_crash else ("ok" if result.returncode == 0 else "FAIL")
            print(
                f"run {run:3d}/{args.runs}: {state:5s} rc={result.returncode:4d} "
                f"{time.monotonic() - t0:6.1f} s  {summary}",
                flush=True,
            )
    finally:
        for process in burners:
            if process.pid is not None:
                os.kill(process.pid, signal.SIGKILL)
    total = time.monotonic() - started
    print(
        f"\n{args.runs} runs in {total / 60:.1f} min with {args.burners} busy-loop processes: "
        f"{args.runs - len(failed) - len(crashed)} passed, {len(failed)} failed {failed}, "
        f"{len(crashed)} crashed {crashed}"
    )
    return 0 if not failed and not crashed else 1


if __name__ == "__main__":
    sys.exit(main())
