"""The start-up yardstick: from the moment the real ``gwgk gui`` command is started to the
first frame that shows the item table's rows, as the app itself reports it.

    python benchmarks/startup.py --db D [--starts 7] [--src CHECKOUT]

Each start is a fresh process of the real command (``gwgk --db D gui --user clerk``, with
``GWGK_PASSWORD``), nothing around it: no benchmark code is imported into it and nothing
watches its events. With ``GWGK_STARTUP_TRACE=json`` the app prints its own timeline on
stderr once that frame is done (``gwgk_desktop.startup_trace``), every mark on the
system-wide monotonic clock. Per start:

- ``wall``: from this process's monotonic clock read just before it spawns the command
  to the app's mark "first frame done" on the same clock. This is the yardstick: "process
  start" as a user sees it (a double-click starts the same spawn), exact to the
  microsecond, and it includes the interpreter's own start-up;
- ``own``: the same end from the kernel's record of the process's start (what the app's
  timeline shows; the kernel keeps it in 10 ms ticks, and it begins at the fork, a
  moment after the spawn began);
- ``seen``: from the spawn to the moment this process reads the report from the pipe
  (an outside view: the report cannot be earlier than the frame, and the pipe adds
  little);
- ``cpu``: CPU time of the process (all its threads) at the first frame.

A checkout whose timeline has only the table form (``GWGK_STARTUP_TRACE=1``) is read
from that: its ``own`` and ``cpu`` from the table, its ``wall`` is then ``seen``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

CLERK = ("clerk", "clerk123")
HEADER = "start-up timeline"
JSON_HEADER = f"{HEADER} (json): "
FIRST_FRAME = "first frame done"
#: A mark of the table form: "  ms  (+ step)  cpu ms  what".
TABLE_MARK = re.compile(r"^\s+(\d+)\s+\(\+\s*\d+\)\s+cpu\s+(\d+)\s+(.*)$")


@dataclass
class Start:
    """One start (seconds)."""

    wall: float
    own: float | None
    seen: float
    cpu: float
    timeline: list[str]


def command_of(python: str) -> list[str]:
    """The ``gwgk`` command beside ``python`` (a checkout's virtual environment), else
    the same through ``python -m gwgk_desktop``."""
    script = Path(python).with_name("gwgk")
    return [str(script)] if script.exists() else [python, "-m", "gwgk_desktop"]


def trace_format(src: Path) -> str | None:
    """What ``GWGK_STARTUP_TRACE`` asks of the checkout at ``src``: "json", "1" (only
    the table), None when it has no timeline."""
    try:
        source = (src / "gwgk_desktop" / "startup_trace.py").read_text(encoding="utf-8")
    except OSError:
        return None
    return "json" if "JSON_HEADER" in source else "1"


def start_once(
    python: str, src: Path, db: Path, env: dict[str, str], form: str | None = None
) -> Start:
    """Start the real command on ``db`` once and read its report (it closes its window
    300 ms after it is shown); ``form``: the timeline's (default: the newest the checkout
    has)."""
    form = form or trace_format(src)
    if form is None:
        raise SystemExit(f"{src} reports no start-up timeline")
    env = {**env, "GWGK_PASSWORD": CLERK[1], "GWGK_STARTUP_TRACE": form}
    command = [*command_of(python), "--db", str(db), "gui", "--user", CLERK[0]]
    command += ["--quit-after", "300"]
    lines: list[str] = []
    seen = None
    spawned = time.monotonic()
    with subprocess.Popen(
        command, env=env, cwd=src, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as child:
        assert child.stderr is not None
        for line in child.stderr:
            lines.append(line.rstrip("\n"))
            if line.startswith(JSON_HEADER) or FIRST_FRAME in line:
                seen = time.monotonic() - spawned
                break
        rest = child.stderr.read()
    if seen is None or child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} gave no report:\n" + "\n".join(lines) + rest)
    if lines[-1].startswith(JSON_HEADER):
        return _from_json(json.loads(lines[-1][len(JSON_HEADER) :]), spawned, seen)
    return _from_table(lines, seen)


def _from_json(report: dict[str, object], spawned: float, seen: float) -> Start:
    marks = report["marks"]
    assert isinstance(marks, list)
    frame = next(m for m in marks if m["what"] == FIRST_FRAME)
    process_start = report["process_start"]
    own = frame["time"] - process_start if isinstance(process_start, float) else None
    origin = process_start if isinstance(process_start, float) else marks[0]["time"]
    timeline, previous = [], origin
    for m in marks:
        thread = f" [{m['thread']}]" if m["thread"] else ""
        timeline.append(
            f"  {(m['time'] - origin) * 1000:7.0f}  (+{(m['time'] - previous) * 1000:5.0f})"
            f"  cpu {m['cpu'] * 1000:6.0f}  {m['what']}{thread}"
        )
        previous = m["time"]
    return Start(frame["time"] - spawned, own, seen, frame["cpu"], timeline)


def _from_table(lines: list[str], seen: float) -> Start:
    marks = [found for line in lines if (found := TABLE_MARK.match(line))]
    frame = next(m for m in marks if m.group(3).startswith(FIRST_FRAME))
    timeline = [m.group(0) for m in marks]
    return Start(seen, int(frame.group(1)) / 1000, seen, int(frame.group(2)) / 1000, timeline)


def median_start(starts: list[Start]) -> Start:
    """The start whose ``wall`` is the median (the lower one of an even count)."""
    ordered = sorted(starts, key=lambda s: s.wall)
    return ordered[(len(ordered) - 1) // 2]


def summary(starts: list[Start]) -> str:
    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:.0f} ms (max {max(values) * 1000:.0f})"

    own = [s.own for s in starts if s.own is not None]
    return (
        f"wall {ms([s.wall for s in starts])}, CPU {ms([s.cpu for s in starts])}; "
        f"by the kernel's start {ms(own) if own else 'not known'}; "
        f"report read from the pipe {ms([s.seen for s in starts])} ({len(starts)} starts)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True, help="a station's database")
    parser.add_argument("--starts", type=int, default=7)
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    src = args.src.resolve()
    venv = src / ".venv" / "bin" / "python"
    python = str(venv) if venv.exists() else sys.executable
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(src), QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"))
    start_once(python, src, args.db, env)  # the files in the OS's cache, as a second start
    starts = [start_once(python, src, args.db, env) for _ in range(args.starts)]
    for s in starts:
        own = f"{s.own * 1000:.0f}" if s.own is not None else "?"
        print(
            f"wall {s.wall * 1000:.0f} ms  own {own} ms  seen {s.seen * 1000:.0f} ms"
            f"  cpu {s.cpu * 1000:.0f} ms"
        )
    load = os.getloadavg()
    print(summary(starts) + f"; load average {load[0]:.1f}/{load[1]:.1f}")
    print("\n".join([f"{HEADER} of the median start:", *median_start(starts).timeline]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
