"""The start-up timeline: with ``GWGK_STARTUP_TRACE=1`` in the environment, ``gwgk`` prints
to stderr, once the item table has painted its first rows, what happened since the process
started and when (imports, the QApplication, the database, the login's KDF, the window,
the first query, the first paint), with the wall and CPU time of each step.

    GWGK_STARTUP_TRACE=1 gwgk --db D gui --user clerk     # GWGK_PASSWORD for no dialog

Without the variable ``mark`` costs one dictionary lookup and nothing is printed. No Qt
here: the CLI marks its first steps before Qt is imported (the GUI adds the paint).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

ENV = "GWGK_STARTUP_TRACE"
ENABLED = os.environ.get(ENV) == "1"


def _process_age() -> float | None:
    """Seconds since this process started (Linux: its start in clock ticks since boot,
    10 ms resolution, against the boot-time clock), None where that is not known."""
    try:
        stat = Path(f"/proc/{os.getpid()}/stat").read_bytes()
        fields = stat.rsplit(b")", 1)[1].split()
        ticks = int(fields[19])  # field 22 of stat(5); the first two are cut off above
        return time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


class Timeline:
    """Marks with the wall time since the process started and the process's CPU time
    (every thread's: the KDF may run beside the window's construction)."""

    def __init__(self) -> None:
        now = time.perf_counter()
        age = _process_age()
        self.origin = now - age if age is not None else now
        self.marks: list[tuple[str, float, float, str]] = []
        self.reported = False
        self.mark("python running, gwgk imported")

    def mark(self, what: str) -> None:
        thread = threading.current_thread()
        where = "" if thread is threading.main_thread() else f" [{thread.name}]"
        self.marks.append((what, time.perf_counter(), time.process_time(), where))

    def lines(self) -> list[str]:
        lines = ["start-up timeline (ms since the process started; CPU of all threads):"]
        previous = self.origin
        for what, wall, cpu, where in sorted(self.marks, key=lambda m: m[1]):
            lines.append(
                f"  {(wall - self.origin) * 1000:7.0f}  (+{(wall - previous) * 1000:5.0f})"
                f"  cpu {cpu * 1000:6.0f}  {what}{where}"
            )
            previous = wall
        return lines


_timeline = Timeline() if ENABLED else None


def mark(what: str) -> None:
    """Note that ``what`` has just happened (nothing without ``GWGK_STARTUP_TRACE=1``)."""
    if _timeline is not None:
        _timeline.mark(what)


def report() -> None:
    """Print the timeline to stderr, once."""
    if _timeline is None or _timeline.reported:
        return
    _timeline.reported = True
    print("\n".join(_timeline.lines()), file=sys.stderr, flush=True)
