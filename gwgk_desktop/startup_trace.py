"""The start-up timeline: with ``GWGK_STARTUP_TRACE`` in the environment, ``gwgk`` reports
on stderr, once the first frame with the item table's rows is done, what happened since
the process started and when (imports, the QApplication, the database, the login's KDF,
the window, the first paint), with the wall and CPU time of each step.

    GWGK_STARTUP_TRACE=1 gwgk --db D gui --user clerk     # GWGK_PASSWORD for no dialog

``=1`` prints a table for people; ``=json`` one line ``start-up timeline (json): {...}``
for programs (benchmarks/speed.py), with every mark's time on the system-wide monotonic
clock (``time.monotonic``), so another process can set it against its own clock (when it
spawned this one), and the process's start by the kernel on the same clock.

Without the variable ``mark`` costs one test and nothing is reported. No Qt here: the CLI
marks its first steps before Qt is imported (the GUI adds the paint).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

ENV = "GWGK_STARTUP_TRACE"
#: How the timeline is reported: "1" a table for people, "json" one line for programs.
FORMAT = os.environ.get(ENV, "")
ENABLED = FORMAT in ("1", "json")
#: The first line of the report in either format (what a program reading stderr looks for).
HEADER = "start-up timeline"
JSON_HEADER = f"{HEADER} (json): "
#: The last mark: the first frame that shows the item table's rows has been painted.
FIRST_FRAME = "first frame done"


def process_start() -> float | None:
    """When this process was started (forked) on the ``time.monotonic`` clock, from the
    kernel's record of it (Linux: clock ticks since boot, so to 10 ms), None where that is
    not known. It comes before the interpreter's own start-up, which it includes."""
    try:
        stat = Path(f"/proc/{os.getpid()}/stat").read_bytes()
        fields = stat.rsplit(b")", 1)[1].split()
        ticks = int(fields[19])  # field 22 of stat(5); the first two are cut off above
        age = time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return time.monotonic() - age


class Timeline:
    """Marks with the time (``time.monotonic``) and the process's CPU time (every
    thread's: the KDF may run beside the window's construction)."""

    def __init__(self) -> None:
        self.start = process_start()
        self.marks: list[tuple[str, float, float, str]] = []
        self.reported = False
        self.mark("python running, gwgk imported")

    def mark(self, what: str) -> None:
        thread = threading.current_thread()
        where = "" if thread is threading.main_thread() else thread.name
        self.marks.append((what, time.monotonic(), time.process_time(), where))

    def lines(self) -> list[str]:
        lines = [f"{HEADER} (ms since the process started; CPU of all threads):"]
        marks = sorted(self.marks, key=lambda m: m[1])
        origin = self.start if self.start is not None else marks[0][1]
        previous = origin
        for what, wall, cpu, where in marks:
            lines.append(
                f"  {(wall - origin) * 1000:7.0f}  (+{(wall - previous) * 1000:5.0f})"
                f"  cpu {cpu * 1000:6.0f}  {what}{f' [{where}]' if where else ''}"
            )
            previous = wall
        return lines

    def json(self) -> str:
        import json  # only here: the CLI's other commands do not need it

        marks = [
            {"what": what, "time": wall, "cpu": cpu, "thread": where}
            for what, wall, cpu, where in sorted(self.marks, key=lambda m: m[1])
        ]
        return JSON_HEADER + json.dumps({"process_start": self.start, "marks": marks})


_timeline = Timeline() if ENABLED else None


def mark(what: str) -> None:
    """Note that ``what`` has just happened (nothing without ``GWGK_STARTUP_TRACE``)."""
    if _timeline is not None:
        _timeline.mark(what)


def report() -> None:
    """Report the timeline on stderr, once."""
    if _timeline is None or _timeline.reported:
        return
    _timeline.reported = True
    text = _timeline.json() if FORMAT == "json" else "\n".join(_timeline.lines())
    print(text, file=sys.stderr, flush=True)
