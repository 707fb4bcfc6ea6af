"""The speed table of issue 16 in one run: every row measured on this code and, with
``--baseline [NAME=]SRC`` (any number of them), on other checkouts (each with its own
``.venv`` when it has one) side by side, with the anchor of each row measured in the same
run, and the machine's load beside it.

    python benchmarks/speed.py [--baseline [NAME=]SRC ...] [--rows filter,start,...]
                               [--starts 5] [--repeat 3] [--no-libreoffice] [--instructions]

A checkout's databases are filled by its own code and, where it has them, its own
benchmark helpers (``benchmarks/pdf_bench.py``, ``package_bench.py``). A row a checkout
cannot run (an older one, such as the code at the issue's filing, lacks what the filter
and start-up rows' harness uses) says so in its cell, and the run goes on.

``--rows`` measures only the rows named (default: all of them: filter, start, catalogue,
board, export, verify). The start-up row is followed by the start-up timeline of each
checkout's median start.

Rows (each measured in fresh processes, as a user runs them; wall time and the process's
own CPU time, which a busy machine disturbs far less than wall time):

- a filter keystroke on 20,011 items (the real window, offscreen; per keystroke the CPU
  time of the GUI thread) beside SQLite FTS5 answering a substring query over the same
  texts;
- process start → the first frame with the item table's rows: the real ``gwgk gui``
  command, from this process's clock before it spawns it to the moment the app reports
  that frame (``benchmarks/startup.py``), beside importing Qt and SQLAlchemy alone (from
  the spawn too) and LibreOffice loading the same rows as a sheet;
- the catalogue list PDF of ~5,000 items beside LibreOffice printing the station's own sheet
  export of the same items (``soffice --headless --convert-to pdf``);
- the notice board of 500 items with 50 flowcharts;

(each document: the median of ``--repeat`` prints, after a first print with the code's caches
empty, which is shown beside it);
- ``gwgk export`` of 20,000 items with 500 flowcharts and 100 MB of attachments beside
  SHA-256 of 100 MB (the median of ``--repeat`` exports, each after the one before as a
  station exports again, after a first export with nothing left beside the database by an
  earlier one, shown beside it), and ``gwgk verify`` of that package.

``--instructions`` adds to the printing, export and verify rows the instructions one more run
executes (to the filter row those of one keystroke, from two more sessions), counted by
valgrind's cachegrind (about 50 times slower): on a shared virtual
machine, whose speed varies by a third from minute to minute, a change is judged by that
count, which is the same from run to run to a tenth of a per cent, where wall times are not.

LibreOffice is installed with apt (``libreoffice-calc-nogui``) when it is missing and this
runs as root; elsewhere its anchors say they were not measured.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import filter_keys  # benchmarks/filter_keys.py: the filter row's keystrokes
import startup  # benchmarks/startup.py: the start-up yardstick

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: ``--quick`` (a smoke test of this script): a tenth of everything.
QUICK = os.environ.get("GWGK_BENCH_QUICK") == "1"
ITEMS = 2000 if QUICK else 20000
CATALOGUE_ROWS = 500 if QUICK else 5000
BOARD_ITEMS, BOARD_CHARTS = 500, 50
FLOWCHARTS, ATTACHMENT_MB = (50, 10) if QUICK else (500, 100)
LIVE_SHARE = 0.6  # about 60 % of the demo's items have a revision in force
PASSPHRASE = "gwgk-demo-key"
CLERK = ("clerk", "clerk123")
#: The filter row: this many processes of each checkout, taking turns with the other's
#: (so a change in the machine's load falls on both alike), each typing this many rounds
#: of ``filter_keys.TYPED`` after one that warms up.
FILTER_TURNS, FILTER_ROUNDS = (1, 1) if QUICK else (3, 2)
#: The screen of the GUI's children: 1366×768, the clerks' usual one (the offscreen
#: platform's own is 800×800).
SCREEN = {"width": 1366, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1.0}
#: The anchor of the start-up row, run as ``python -c``: Qt's widgets and SQLAlchemy's
#: ORM imported, then when (the monotonic clock) and the CPU time so far.
IMPORTS_ANCHOR = (
    "import PySide6.QtWidgets, sqlalchemy.orm, resource, time; "
    "u = resource.getrusage(resource.RUSAGE_SELF); "
    "print(time.monotonic(), u.ru_utime + u.ru_stime)"
)
#: The start-up timeline of each checkout (``Code.timeline``), printed after the table.
TIMELINES: dict[str, str] = {}
GOALS = {
    "filter": "p95 ≤ 16 ms (one frame)",
    "start": "≤ 1.0 s",
    "catalogue": "≤ 0.5 × LibreOffice, nothing clipped",
    "board": "≤ 0.8 s",
    "export": "≤ 2.0 s",
    "verify": "≤ 0.4 s",
}


# ============================================================== children (code under test)
def _usage() -> tuple[float, float]:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _helper(module: str, name: str) -> Callable[..., Any]:
    """The benchmark helper ``module.name`` of the checkout under test (this child's
    working folder) where it has one: it fills a database as that code's schema and
    models want (an older checkout's differ from this one's); else this one's."""
    import importlib.util

    for folder in (Path.cwd() / "benchmarks", HERE):
        path = folder / f"{module}.py"
        if not path.exists():
            continue
        sys.path.insert(0, str(folder))  # the helper's own imports (``run``)
        spec = importlib.util.spec_from_file_location(f"{module}_{len(sys.modules)}", path)
        assert spec is not None and spec.loader is not None
        loaded = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(loaded)
        sys.path.remove(str(folder))
        if hasattr(loaded, name):
            function: Callable[..., Any] = getattr(loaded, name)
            return function
    raise SystemExit(f"no benchmark helper {module}.{name}")


def child_build(task: str, db: Path) -> dict[str, Any]:
    """Build a database with the code under test (its own schema)."""
    import gwgk_desktop  # the code under test first: the helpers put this tree on the path

    del gwgk_desktop
    if task == "board":
        _helper("pdf_bench", "board_station")(db)
    elif task == "catalogue":
        from gwgk_desktop.services.demo import build_demo

        build_demo(db, items=int(CATALOGUE_ROWS / LIVE_SHARE) + 100)
    elif task == "package":
        subprocess.run(
            [sys.executable, "-m", "gwgk_desktop", "demo", "--db", str(db), "--items", str(ITEMS)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        _helper("package_bench", "add_flowcharts_and_attachments")(db, FLOWCHARTS, ATTACHMENT_MB)
    elif task == "demo":
        subprocess.run(
            [sys.executable, "-m", "gwgk_desktop", "demo", "--db", str(db), "--items", str(ITEMS)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return {}


def child_filter(db: Path, rounds: int) -> dict[str, Any]:
    """Keystrokes into the real window's filter (``benchmarks/filter_keys.py``)."""
    os.environ["GWGK_PASSWORD"] = CLERK[1]
    import filter_keys

    return filter_keys.session(db, CLERK[0], rounds)


def child_fts_anchor(db: Path) -> dict[str, Any]:
    """SQLite FTS5 (trigram) answering substring queries over the same texts, in a
    scratch in-memory copy (whatever the code under test does)."""
    import sqlite3

    source = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = source.execute("SELECT item_id, text FROM item_search").fetchall()
    source.close()
    memory = sqlite3.connect(":memory:")
    memory.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
    memory.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", rows)
    times = []
    for word in ("身份证", "户籍登记", "2026-0012", "诈骗宣传", "电信网络诈骗"):
        for _ in range(5):
            c0 = time.thread_time()
            memory.execute("SELECT rowid FROM t WHERE t MATCH ?", (f'"{word}"',)).fetchall()
            times.append((time.thread_time() - c0) * 1000)
    return {"median_ms": statistics.median(times), "rows": len(rows)}


# ============================================================== the parent
@dataclass
class Code:
    """A checkout to measure: its source folder and Python."""

    name: str
    src: Path
    python: str
    env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def at(cls, name: str, src: Path) -> Code:
        venv = src / ".venv" / "bin" / "python"
        python = str(venv) if venv.exists() else sys.executable
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPATH=str(src), QT_QPA_PLATFORM="offscreen")
        # Bytecode as an installed copy has it (this machine's environment turns writing
        # it off; each run would compile every module again).
        subprocess.run(
            [python, "-m", "compileall", "-q", str(src / "gwgk_desktop")],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return cls(name, src, python, env)

    def child(self, *args: str) -> dict[str, Any]:
        completed = subprocess.run(
            [self.python, str(Path(__file__).resolve()), "--child", *args],
            check=True,
            capture_output=True,
            text=True,
            env=self.env,
            cwd=self.src,
        )
        data: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
        return data

    def start(self, db: Path) -> startup.Start:
        """One start of the real ``gwgk`` (``benchmarks/startup.py``)."""
        return startup.start_once(self.python, self.src, db, self.env)

    def imports(self) -> tuple[float, float]:
        """Wall and CPU seconds of a bare Python importing Qt's widgets and SQLAlchemy's
        ORM, from the spawn to when it has them (as ``start``: the monotonic clock)."""
        spawned = time.monotonic()
        done = subprocess.run(
            [self.python, "-c", IMPORTS_ANCHOR],
            check=True,
            capture_output=True,
            text=True,
            env=self.env,
        )
        ready, cpu = (float(word) for word in done.stdout.split())
        return ready - spawned, cpu

    def gwgk(self, *args: str) -> tuple[float, float, str]:
        """Run the real CLI; wall seconds, CPU seconds (the process's own), stdout."""
        env = {**self.env, "GWGK_KEY_PASSPHRASE": PASSPHRASE}
        return timed([self.python, "-m", "gwgk_desktop", *args], env, self.src)

    def instructions(self, *args: str) -> int:
        """The instructions the real CLI executes (all its threads), counted by cachegrind."""
        return self._counted(["-m", "gwgk_desktop", *args])

    def child_instructions(self, *args: str) -> int:
        """The instructions of one ``child`` run (all its threads), counted by cachegrind."""
        return self._counted([str(Path(__file__).resolve()), "--child", *args])

    def _counted(self, arguments: list[str]) -> int:
        env = {**self.env, "GWGK_KEY_PASSPHRASE": PASSPHRASE}
        done = subprocess.run(
            ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
             self.python, *arguments],
            env=env, cwd=self.src, capture_output=True, text=True, check=True,
        )  # fmt: skip
        found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
        if found is None:
            raise SystemExit(f"cachegrind printed no count:\n{done.stderr[-2000:]}")
        return int(found.group(1).replace(",", ""))


def counted(instructions: int) -> str:
    return f"; {instructions / 1e9:.3f} G instructions"


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (of the process and whatever it waited for: soffice's
    own helpers) and the output of ``command``."""
    _children_cpu()
    started = time.perf_counter()
    completed = subprocess.run(command, check=False, capture_output=True, env=env, cwd=cwd)
    elapsed = time.perf_counter() - started
    cpu = _children_cpu()
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr.decode()}")
    return elapsed, cpu, completed.stdout.decode()


_CHILD_CPU = [0.0]


def _children_cpu() -> float:
    """CPU seconds of the children reaped since the last call (RUSAGE_CHILDREN grows by
    each one that ends; one child runs at a time here)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = usage.ru_utime + usage.ru_stime
    used, _CHILD_CPU[0] = total - _CHILD_CPU[0], total
    return used


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


@dataclass
class Row:
    key: str
    what: str
    cells: dict[str, str] = field(default_factory=dict)
    anchor: str = ""
    loads: list[str] = field(default_factory=list)


def pct(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def med(values: list[float]) -> float:
    return statistics.median(values)


class NotMeasured(Exception):
    """A row a checkout could not run (``measuring``)."""


#: What a checkout that cannot run a row raises: a failed child or command (``child``,
#: ``timed`` and ``startup`` end with ``SystemExit``), or the code missing what the
#: row's harness uses (an older checkout).
_FAILURES = (
    SystemExit,
    subprocess.CalledProcessError,
    OSError,
    ValueError,
    KeyError,
    AttributeError,
    AssertionError,
)


@contextlib.contextmanager
def measuring(code: Code, keys: list[str], rows: dict[str, Row]) -> Iterator[None]:
    """Rows ``keys`` of ``code``; when that checkout cannot run them (an older one: the
    code at an issue's filing, without what a row's harness needs), its cells say so and
    the run goes on with the other rows and checkouts."""
    try:
        yield
    except _FAILURES as error:
        reason = _reason(error)
        for key in keys:
            if key in rows:
                rows[key].cells[code.name] = f"not measured on this checkout ({reason})"
        print(f"[{code.name}] {', '.join(keys)} not measured: {reason}", flush=True)


def _reason(error: BaseException) -> str:
    """The last line a failure printed, short."""
    text = error.stderr if isinstance(error, subprocess.CalledProcessError) else str(error)
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    lines = [line.strip() for line in str(text or repr(error)).splitlines() if line.strip()]
    last = lines[-1] if lines else type(error).__name__
    return last if len(last) <= 120 else last[:117] + "…"


def measure(code: Code, folder: Path, args: argparse.Namespace, rows: dict[str, Row]) -> None:
    """Every row for ``code``; databases are built by the code itself. A row the code
    cannot run (``measuring``) says so in its cell."""
    base = folder / code.name
    base.mkdir()
    # The code's own caches (parsed fonts) start empty, in a folder of this run: the first
    # print of each document is a cold start, as a user's very first one is.
    code.env["XDG_CACHE_HOME"] = str(base / "cache")
    # The GUI's settings (window and column layout) and data folders of this run too: what
    # another session on this machine left there would change what is painted. The
    # screen is a clerk's (``SCREEN``).
    for variable, name in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data")):
        code.env[variable] = str(base / name)
    screen = base / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "screen", "x": 0, "y": 0, **SCREEN}]}))
    code.env["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    print(f"[{code.name}] building the stations (load {load()}) …", flush=True)
    big = base / "package.sqlite"
    with measuring(code, ["export", "verify", "filter", "start"], rows):
        if {"export", "verify"} & set(rows):
            code.child("build", "package", str(big))
        elif {"filter", "start"} & set(rows):
            code.child("build", "demo", str(big))  # the same items, no attachments
    for task in ("catalogue", "board"):
        if task in rows:
            with measuring(code, [task], rows):
                code.child("build", task, str(base / f"{task}.sqlite"))

    for key, db, document in (
        ("catalogue", base / "catalogue.sqlite", "catalogue"),
        ("board", base / "board.sqlite", "notice-board"),
    ):
        if key not in rows or not db.exists():
            continue
        with measuring(code, [key], rows):
            _print_row(code, args, rows, key, db, document, base)
    if {"export", "verify"} & set(rows) and big.exists():
        with measuring(code, ["export", "verify"], rows):
            _package_rows(code, args, rows, big, base)


def _print_row(
    code: Code,
    args: argparse.Namespace,
    rows: dict[str, Row],
    key: str,
    db: Path,
    document: str,
    base: Path,
) -> None:
    """The catalogue or notice board row of ``code``."""
    print(f"[{code.name}] {document} (load {load()}) …", flush=True)
    out = base / f"{document}.pdf"
    command = ("--db", str(db), "print", document, "--out", str(out))
    first = code.gwgk(*command)  # empty caches: a user's first print
    runs = [code.gwgk(*command)[:2] for _ in range(args.repeat)]
    rows[key].cells[code.name] = (
        f"wall {med([w for w, _ in runs]):.2f} s, CPU {med([c for _, c in runs]):.2f} s "
        f"(first print, empty caches: wall {first[0]:.2f} s, CPU {first[1]:.2f} s)"
    )
    if args.instructions:
        rows[key].cells[code.name] += counted(code.instructions(*command))
    rows[key].what = rows[key].what.format(items=_items(first[2]), pages=_pages(out))
    rows[key].loads.append(load())


def _package_rows(
    code: Code, args: argparse.Namespace, rows: dict[str, Row], big: Path, base: Path
) -> None:
    """The export and verify rows of ``code``."""
    print(f"[{code.name}] export and verify (load {load()}) …", flush=True)
    registry = base / "registry.json"
    code.gwgk("--db", str(big), "keys", "export-public", "--out", str(registry))
    # The first export finds nothing an earlier one left beside the database (the history
    # checkpoint, the checked items): a station's very first export, shown beside.
    first = code.gwgk("--db", str(big), "export", "--out", str(base / "first.gwgk"))
    (base / "first.gwgk").unlink()
    exports, verifies = [], []
    for n in range(args.repeat):
        package = base / f"p{n}.gwgk"
        exports.append(code.gwgk("--db", str(big), "export", "--out", str(package))[:2])
        state = base / f"state{n}.json"
        verifies.append(
            code.gwgk("verify", str(package), "--keys", str(registry), "--state", str(state))[:2]
        )
        package.unlink()
    for key, runs in (("export", exports), ("verify", verifies)):
        if key not in rows:
            continue
        rows[key].cells[code.name] = (
            f"wall {med([w for w, _ in runs]):.2f} s, CPU {med([c for _, c in runs]):.2f} s"
        )
        if key == "export":
            rows[key].cells[code.name] += (
                f" (first export, nothing checked before: wall {first[0]:.2f} s, "
                f"CPU {first[1]:.2f} s)"
            )
        rows[key].loads.append(load())
    if args.instructions:
        package = base / "counted.gwgk"
        export = code.instructions("--db", str(big), "export", "--out", str(package))
        if "export" in rows:
            rows["export"].cells[code.name] += counted(export)
        if "verify" in rows:
            state = base / "counted.json"
            verify = code.instructions(
                "verify", str(package), "--keys", str(registry), "--state", str(state)
            )
            rows["verify"].cells[code.name] += counted(verify)
        package.unlink()


def measure_filters(
    codes: list[Code], folder: Path, rows: dict[str, Row], instructions: bool = False
) -> None:
    """The filter row: ``FILTER_TURNS`` typing processes of each checkout, in turns; with
    ``instructions``, also the instructions of one keystroke (the mean of a round): a
    session typing three timed rounds less one typing one, over the keystrokes of two
    rounds (the start-up and the warm-up round are in both)."""
    print(f"[filter] {FILTER_TURNS} sessions of each, in turn (load {load()}) …", flush=True)
    keys: dict[str, dict[str, Any]] = {}
    failed: set[str] = set()
    for _ in range(FILTER_TURNS):
        for code in codes:
            if code.name in failed:
                continue
            db = folder / code.name / "package.sqlite"
            with measuring(code, ["filter"], rows):
                found = code.child("filter", str(db), str(FILTER_ROUNDS))
                into = keys.setdefault(code.name, {**found, "cpu": [], "wall": []})
                into["cpu"] += found["cpu"]
                into["wall"] += found["wall"]
                continue
            failed.add(code.name)
            keys.pop(code.name, None)
    for code in codes:
        if code.name not in keys:
            continue
        done = keys[code.name]
        cpu, wall = done["cpu"], done["wall"]
        rows["filter"].cells[code.name] = (
            f"CPU median {med(cpu):.1f} ms, p95 {pct(cpu, 0.95):.1f} ms, max {max(cpu):.1f} ms; "
            f"wall median {med(wall):.1f} ms, p95 {pct(wall, 0.95):.1f} ms, "
            f"max {max(wall):.1f} ms (window {done['window']}, table {done['table']})"
        )
        rows[
            "filter"
        ].what = f"filter keystroke to its painted frame, {done['rows']:,} items ({len(cpu)} keys)"
        if instructions:
            big = str(folder / code.name / "package.sqlite")
            one, three = (code.child_instructions("filter", big, n) for n in ("1", "3"))
            per_key = (three - one) / (2 * len(filter_keys.TYPED))
            rows["filter"].cells[code.name] += f"; {per_key / 1e6:.2f} M instructions a keystroke"
    rows["filter"].loads.append(load())


def measure_starts(
    codes: list[Code], folder: Path, args: argparse.Namespace, rows: dict[str, Row]
) -> None:
    """The start-up row (``benchmarks/startup.py``: the real command, from the spawn to
    the first frame with the table's rows as the app reports it): the checkouts' starts
    take turns, so a change in the machine's load (other work on it) falls on each alike;
    the timeline of each one's median start is printed after the table."""
    print(f"[start-up] {args.starts} starts of each, in turn (load {load()}) …", flush=True)
    databases = {code.name: folder / code.name / "package.sqlite" for code in codes}
    able = []
    for code in codes:  # the file in the OS's cache, as a second start has it
        with measuring(code, ["start"], rows):
            code.start(databases[code.name])
            able.append(code)
    starts: dict[str, list[startup.Start]] = {code.name: [] for code in able}
    for _ in range(args.starts):
        for code in able:
            starts[code.name].append(code.start(databases[code.name]))
    for code in able:
        runs = starts[code.name]
        rows["start"].cells[code.name] = startup.summary(runs)
        TIMELINES[code.name] = "\n".join(
            [f"{startup.HEADER} of the median start:", *startup.median_start(runs).timeline]
        )
    rows["start"].loads.append(load())


def _items(text: str) -> str:
    import re

    found = re.search(r"(\d+) 个事项", text)
    return f"{int(found.group(1)):,}" if found else "?"


def _pages(pdf: Path) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def anchors(code: Code, folder: Path, args: argparse.Namespace, rows: dict[str, Row]) -> None:
    """What each row is compared with, measured now (with ``code``'s databases)."""
    base = folder / code.name
    big = base / "package.sqlite"
    if "filter" in rows:
        fts = code.child("fts", str(big))
        rows["filter"].anchor = (
            f"SQLite FTS5 trigram: a substring query over the {fts['rows']:,} texts "
            f"{fts['median_ms']:.2f} ms CPU; one frame is 16 ms"
        )
    anchor = ""
    if "start" in rows:
        imports = [code.imports() for _ in range(args.starts)]
        anchor = (
            f"imports alone (Qt + SQLAlchemy): wall {med([w for w, _ in imports]):.2f} s,"
            f" CPU {med([c for _, c in imports]):.2f} s"
        )
    program = None if args.no_libreoffice else _soffice()
    if program is not None and "start" in rows:
        sheet = base / "all-items.xlsx"
        code.gwgk("--db", str(big), "sheet", "export", "--drafts", "--out", str(sheet))
        wall, cpu = _libreoffice(program, sheet, "csv", folder)
        anchor += (
            f"; LibreOffice loading the same rows as a sheet: wall {wall:.2f} s, CPU {cpu:.2f} s"
        )
    if "start" in rows:
        rows["start"].anchor = anchor
    if program is not None and "catalogue" in rows:
        printed = base / "catalogue.xlsx"
        db = base / "catalogue.sqlite"
        code.gwgk("--db", str(db), "sheet", "export", "--out", str(printed))
        wall, cpu = _libreoffice(program, printed, "pdf", folder)
        pages = _pages(folder / "lo-out" / "catalogue.pdf")
        rows["catalogue"].anchor = (
            f"LibreOffice printing the same items from the station's sheet export "
            f"(`soffice --headless --convert-to pdf`, {pages} pages): wall {wall:.2f} s, "
            f"CPU {cpu:.2f} s"
        )
    elif "catalogue" in rows:
        rows["catalogue"].anchor = "LibreOffice not measured (not installed)"
    if "export" not in rows:
        return
    data = os.urandom(ATTACHMENT_MB << 20)
    c0, w0 = time.process_time(), time.perf_counter()
    hashlib.sha256(data).hexdigest()
    rows["export"].anchor = (
        f"SHA-256 of {ATTACHMENT_MB} MB: wall {time.perf_counter() - w0:.2f} s, "
        f"CPU {time.process_time() - c0:.2f} s"
    )


def _soffice() -> str | None:
    sys.path.insert(0, str(HERE))
    from sheet_bench import soffice

    return soffice()


def libreoffice_command(program: str, to: str, file: Path, folder: Path) -> list[str]:
    sys.path.insert(0, str(HERE))
    from sheet_bench import libreoffice_command as command

    return command(program, to, file, folder)


def _libreoffice(program: str, file: Path, to: str, folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds of a warm headless conversion (the first run sets up the
    profile and is not counted)."""
    command = libreoffice_command(program, to, file, folder)
    timed(command, dict(os.environ), folder)
    runs = [timed(command, dict(os.environ), folder)[:2] for _ in range(2)]
    return min(w for w, _ in runs), min(c for _, c in runs)


def table(rows: dict[str, Row], names: list[str]) -> str:
    head = "| what | " + " | ".join(names) + " | anchor (same run) | goal |"
    lines = [head, "|---" * (len(names) + 3) + "|"]
    for row in rows.values():
        cells = " | ".join(row.cells.get(n, "") for n in names)
        lines.append(f"| {row.what} | {cells} | {row.anchor} | {GOALS[row.key]} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--baseline",
        action="append",
        default=[],
        metavar="[NAME=]SRC",
        help="another checkout to measure beside, named NAME in the table (default "
        "'baseline'); may be given more than once (say the code at an issue's filing and "
        "at a session's start)",
    )
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-libreoffice", action="store_true")
    parser.add_argument(
        "--rows",
        default=",".join(GOALS),
        help=f"the rows to measure, comma-separated (default: {','.join(GOALS)})",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count the instructions of the filter, printing, export and verify rows (cachegrind)",
    )
    parser.add_argument("--quick", action="store_true", help="a tenth of the data (smoke test)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick and not QUICK:
        os.environ["GWGK_BENCH_QUICK"] = "1"
        return subprocess.run([sys.executable, *sys.argv], check=False).returncode
    if args.child:
        task, *rest = args.child
        runners: dict[str, Callable[..., dict[str, Any]]] = {
            "build": lambda kind, db: child_build(kind, Path(db)),
            "filter": lambda db, rounds: child_filter(Path(db), int(rounds)),
            "fts": lambda db: child_fts_anchor(Path(db)),
        }
        print(json.dumps(runners[task](*rest)), flush=True)
        return 0

    sys.path.insert(0, str(HERE))
    from run import machine

    codes = [*baselines(args.baseline), Code.at("this", ROOT)]
    rows = {
        "filter": Row("filter", "filter keystroke"),
        "start": Row("start", f"process start → window with the table painted, {ITEMS:,} items"),
        "catalogue": Row("catalogue", "catalogue list PDF, {items} items, {pages} pages"),
        "board": Row(
            "board",
            f"notice board, {{items}} items with {BOARD_CHARTS} flowcharts, {{pages}} pages",
        ),
        "export": Row(
            "export",
            f"`gwgk export`, {ITEMS:,} items + {FLOWCHARTS} flowcharts + {ATTACHMENT_MB} MB",
        ),
        "verify": Row("verify", "`gwgk verify` of that package"),
    }
    wanted = [key.strip() for key in args.rows.split(",") if key.strip()]
    unknown = sorted(set(wanted) - set(rows))
    if unknown or not wanted:
        parser.error(f"unknown rows {', '.join(unknown)}; choose from {', '.join(rows)}")
    rows = {key: row for key, row in rows.items() if key in wanted}
    started = load()
    with tempfile.TemporaryDirectory(prefix="gwgk-speed-") as temp:
        folder = Path(temp)
        for code in codes:
            measure(code, folder, args, rows)
        if "filter" in rows:
            measure_filters(codes, folder, rows, args.instructions)
        if "start" in rows:
            measure_starts(codes, folder, args, rows)
        anchors(codes[-1], folder, args, rows)
    names = [c.name for c in codes]
    print(
        f"\nMachine: {machine()}; load average (1/5 min) {started} at the start, "
        f"{load()} at the end"
    )
    for code in codes:
        print(f"- {code.name}: {code.src} ({_describe(code.src)}), Python {code.python}")
    print()
    print(table(rows, names))
    print(
        "\nLoad average (1/5 min) after each row: "
        + "; ".join(f"{row.key} {', '.join(row.loads)}" for row in rows.values() if row.loads)
    )
    for name, timeline in TIMELINES.items():
        print(f"\n{name}, {timeline}")
    return 0


def baselines(given: list[str]) -> list[Code]:
    """The ``--baseline`` checkouts, each ``[NAME=]SRC``."""
    codes: list[Code] = []
    for number, text in enumerate(given, start=1):
        name, _, src = text.rpartition("=")
        name = name or ("baseline" if len(given) == 1 else f"baseline {number}")
        if name == "this" or name in {c.name for c in codes} or "/" in name:
            raise SystemExit(f"--baseline {text}: choose another name than {name!r}")
        codes.append(Code.at(name, Path(src).resolve()))
    return codes


def _describe(src: Path) -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(src), "log", "-1", "--format=%h %s"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()[:60]
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"


if __name__ == "__main__":
    sys.exit(main())
