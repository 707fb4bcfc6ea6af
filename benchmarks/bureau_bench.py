"""Bureau benchmark (issue 13), on SQLite and PostgreSQL in the same run: take in the
packages of 300 stations × 200 items with ``gwgk bureau intake`` (a fresh process, its wall
time and peak memory), then the status of every station (with a round) and city-wide text
searches over the ~60,000 current items, each timed in a fresh process as the GUI or CLI
would run them (median of repeats, that process's peak memory). Prints a Markdown table.

    python benchmarks/bureau_bench.py [--stations 300] [--items 200] [--repeat 15]
                                      [--demo DIR] [--pg URL]

The demo city (``gwgk bureau demo``) is kept in benchmarks/out/ and reused. PostgreSQL is
the server in ``--pg`` or ``GWGK_TEST_PG_URL``, else a private one started with
tools/pg-test-server; the run uses a fresh schema and drops it afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from run import machine  # noqa: E402  (benchmarks/ is on sys.path when run as a script)

BUDGET_INTAKE_S = 60.0
BUDGET_STATUS_MS = 200.0
BUDGET_SEARCH_MS = 100.0
BUDGET_MEMORY_MB = 300.0
QUERIES = (
    ("", "no text (the whole city, ordered)"),
    ("户籍", "two characters"),
    ("户", "one character"),
    ("身份证", "three characters"),
    ("居民身份证", "five characters"),
    ("中华人民共和国", "a long, common phrase"),
    ("出生 登记", "two words"),
    ("不存在的说法", "no match"),
)


def run(*args: str) -> tuple[float, float, str]:
    """A child process: wall seconds, its peak RSS in MB, its stdout."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = process.stdout.read() if process.stdout else b""
    err = process.stderr.read() if process.stderr else b""
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{out.decode()}\n{err.decode()}")
    return elapsed, usage.ru_maxrss / 1024, out.decode()


def gwgk(*args: str) -> tuple[float, float, str]:
    return run(sys.executable, "-m", "gwgk_desktop", *args)


def demo(folder: Path, stations: int, items: int) -> Path:
    if (folder / "registry.json").is_file():
        return folder
    print(f"building the demo city ({stations} stations × {items} items) in {folder} …")
    seconds, _rss, _out = gwgk(
        "bureau", "demo", "--stations", str(stations), "--items", str(items),
        "--out", str(folder), "--no-intake", "--jobs", str(os.cpu_count() or 1),
    )  # fmt: skip
    print(f"  built in {seconds:.0f} s")
    return folder


def measure_queries(target: str, repeat: int) -> dict[str, object]:
    """In this (fresh) process: status and searches, median milliseconds each."""
    import resource

    from gwgk_desktop.bureau import rounds, status
    from gwgk_desktop.bureau.catalogue import CityCatalogue, CityQuery
    from gwgk_desktop.bureau.database import open_bureau

    results: dict[str, object] = {}
    with open_bureau(target) as db:
        round_ = rounds.rounds(db)[0]
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            report = status.status(db, round_)
            times.append((time.perf_counter() - started) * 1000)
        results["status"] = {"ms": statistics.median(times), "stations": report.expected}
        catalogue = CityCatalogue(db)
        searches = {}
        for text, _what in QUERIES:
            times, found = [], 0
            for _ in range(repeat):
                started = time.perf_counter()
                found = len(catalogue.search_ids(CityQuery(text=text)))
                times.append((time.perf_counter() - started) * 1000)
            searches[text] = {"ms": statistics.median(times), "found": found}
        results["search"] = searches
    results["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


def pg_url(given: str | None) -> tuple[str | None, bool]:
    """A PostgreSQL URL and whether this run started the server."""
    url = given or os.environ.get("GWGK_TEST_PG_URL")
    if url:
        return url, False
    script = ROOT / "tools" / "pg-test-server"
    started = subprocess.run([str(script), "start"], capture_output=True, text=True, check=False)
    if started.returncode != 0:
        print(f"no PostgreSQL server: {started.stderr.strip()}")
        return None, False
    return started.stdout.strip().splitlines()[-1], True


def with_schema(url: str, schema: str) -> str:
    from sqlalchemy.engine import make_url

    base = make_url(url).set(drivername="postgresql+psycopg")
    return base.update_query_dict({"options": f"-csearch_path={schema},public"}).render_as_string(
        hide_password=False
    )


def pg_schema(url: str, schema: str, create: bool) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    with engine.begin() as connection:
        if create:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        else:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


def bench(name: str, target: str, city: Path, repeat: int) -> dict[str, object]:
    print(f"{name}: taking in {city / 'packages'} …")
    gwgk("bureau", "registry", "import", str(city / "registry.json"), "--db", target)
    gwgk(
        "bureau", "round", "add", "--name", "集中填报", "--opens", "2026-01-01",
        "--due", "2099-12-31", "--db", target,
    )  # fmt: skip
    seconds, rss, out = gwgk("bureau", "intake", str(city / "packages"), "--db", target)
    summary = out.strip().splitlines()[-1]
    print(f"  {summary} in {seconds:.1f} s, peak {rss:.0f} MB")
    _s, query_rss, out = run(sys.executable, __file__, "--measure", target, "--repeat", str(repeat))
    measured = json.loads(out)
    return {"intake_s": seconds, "intake_rss": rss, "summary": summary, **measured,
            "query_rss": query_rss}  # fmt: skip


def table(results: dict[str, dict[str, object]]) -> str:
    names = list(results)
    lines = [
        "| what | " + " | ".join(names) + " | budget |",
        "|---|" + "---|" * len(names) + "---|",
    ]

    def row(what: str, values: list[str], budget: str) -> None:
        lines.append(f"| {what} | " + " | ".join(values) + f" | {budget} |")

    row("intake of every package (one `gwgk bureau intake`)",
        [f"{r['intake_s']:.1f} s" for r in results.values()],
        f"≤ {BUDGET_INTAKE_S:.0f} s")  # fmt: skip
    row("status of every station, with a round",
        [f"{r['status']['ms']:.0f} ms" for r in results.values()],  # type: ignore[index]
        f"≤ {BUDGET_STATUS_MS:.0f} ms")  # fmt: skip
    for text, what in QUERIES:
        row(f"search “{text}” ({what})",
            [f"{r['search'][text]['ms']:.0f} ms ({r['search'][text]['found']:,})"  # type: ignore[index]
             for r in results.values()], f"≤ {BUDGET_SEARCH_MS:.0f} ms")  # fmt: skip
    row("peak memory: intake / status and searches",
        [f"{r['intake_rss']:.0f} / {r['rss_mb']:.0f} MB" for r in results.values()],
        f"≤ {BUDGET_MEMORY_MB:.0f} MB")  # fmt: skip
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stations", type=int, default=300)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--demo", type=Path)
    parser.add_argument("--pg")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure_queries(args.measure, args.repeat)))
        return 0
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    city = demo(
        args.demo or out / f"bureau-{args.stations}x{args.items}", args.stations, args.items
    )
    run_id = uuid.uuid4().hex[:8]
    results: dict[str, dict[str, object]] = {}
    sqlite = out / f"bureau-bench-{run_id}.sqlite"
    try:
        results["SQLite"] = bench("SQLite", str(sqlite), city, args.repeat)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite}{suffix}").unlink(missing_ok=True)
    url, started = pg_url(args.pg)
    if url is not None:
        schema = f"bench_{run_id}"
        pg_schema(url, schema, create=True)
        try:
            results["PostgreSQL"] = bench("PostgreSQL", with_schema(url, schema), city, args.repeat)
        finally:
            pg_schema(url, schema, create=False)
            if started:
                subprocess.run([str(ROOT / "tools" / "pg-test-server"), "stop"], check=False)
    print()
    print(f"Machine: {machine()}; load average {os.getloadavg()[0]:.1f}")
    first = next(iter(results.values()))
    print(f"Packages: {first['summary']}")
    print()
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
