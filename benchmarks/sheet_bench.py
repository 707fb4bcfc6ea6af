"""Excel/WPS sheets: importing a 5,000-row clerk's sheet (detect + dry run + write, into a
fresh station, then again into the same station: nothing changes) and exporting 20,000
items, each in a fresh process (its peak memory is that process's), each printed beside
LibreOffice's headless load of the same file in the same run (``soffice --convert-to csv``:
load the workbook, write one sheet as text), which shows how busy the machine is.

    python benchmarks/sheet_bench.py [--rows 5000] [--items 20000] [--keep DIR]

LibreOffice is installed with apt when it is missing and this runs as root (the
benchmark's own set-up; ``apt-get install libreoffice-calc-nogui``); elsewhere its column
says it was not measured.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import machine  # the foundation benchmark's description of this computer

BUDGET_IMPORT_S = 5.0
BUDGET_EXPORT_S = 10.0
BUDGET_MEMORY_MB = 300.0
PASSWORD = "bench-admin-1"  # a throwaway station in a temporary folder


# ---------------------------------------------------------------- the sheet


def write_clerk_sheet(path: Path, rows: int) -> None:
    """A clerk's sheet in the standard layout with ``rows`` items: a merged title, the
    two-tier header, a section row per category, 一级事项 merged down over groups of five,
    multi-line contents, √ ticks and channel lists."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    from gwgk_desktop.services.template import builtin_template
    from tests.sheets.layouts import STANDARD_COLUMNS, TIME_LIMIT, _across, _Sheet, _two_tier

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    s = _Sheet(sheet)
    width = len(STANDARD_COLUMNS)
    _across(s, 1, "压力测试派出所政务公开事项目录", width)
    _two_tier(s, 2, STANDARD_COLUMNS)
    categories = [c["name"] for c in builtin_template()["categories"]]
    per_category = -(-rows // len(categories))
    r = 4
    wrap = Alignment(wrap_text=True, vertical="center")
    channels = ["√政府网站 √公开查阅点", "√政府网站\n√两微一端", "■政府网站□两微一端■便民服务站"]
    n = 0
    for number, category in enumerate(categories, 1):
        _across(s, r, f"{'一二三四五六七八九十'[number - 1]}、{category}", width)
        r += 1
        for k in range(per_category):
            if n == rows:
                break
            n += 1
            level1 = f"{category}第{k // 5 + 1}组"
            values = [
                n,
                level1 if k % 5 == 0 else None,
                f"{category}事项{k + 1}",
                f"1.受理部门：户籍窗口\n2.办理条件：第{n}项的条件\n3.所需材料：身份证、户口簿",
                "《中华人民共和国政府信息公开条例》第二十条",
                TIME_LIMIT,
                "压力测试派出所",
                channels[n % 3],
                "√",
                None,
                "√",
                None,
                None,
                "√",
            ]
            for c, value in enumerate(values, 1):
                if value is not None:
                    sheet.cell(r, c, value).alignment = wrap
            if k % 5 == 0:
                last = min(r + 4, r + per_category - k - 1, r + rows - n)
                if last > r:
                    sheet.merge_cells(start_row=r, end_row=last, start_column=2, end_column=2)
            r += 1
    _across(s, r, "注：“√”表示勾选。", width)
    book.save(path)


# ---------------------------------------------------------------- children


def child(task: str, db: Path, file: Path) -> dict[str, Any]:
    """One measured job in this (fresh) process: wall and CPU seconds, peak memory."""
    from gwgk_desktop.services import auth, sheet_export, sheet_import
    from gwgk_desktop.store.database import open_database

    wall, cpu = time.perf_counter(), time.process_time()
    detail: dict[str, Any] = {}
    if task == "import":
        with open_database(db) as database:
            actor = auth.authenticate(database, "admin", PASSWORD)
            _book, grid, mapping = sheet_import.open_sheet(database, file)
            read = time.perf_counter()
            plan = sheet_import.prepare(database, actor, grid, mapping, file.name)
            checked = time.perf_counter()
            if not plan.ok:
                raise SystemExit(plan.report())
            result = sheet_import.apply(database, actor, plan)
            detail = {
                "read": read - wall,
                "check": checked - read,
                "write": time.perf_counter() - checked,
                "summary": result.summary(),
            }
    else:
        with open_database(db, readonly=True) as database:
            result_export = sheet_export.export_catalogue(database, file, drafts=True)
            detail = {"items": result_export.items, "size": file.stat().st_size}
    return {
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        # ru_maxrss is in kilobytes on Linux
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **detail,
    }


def run_child(task: str, db: Path, file: Path) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", task, "--db", str(db), "--file", str(file)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.splitlines()[-1])


# ---------------------------------------------------------------- LibreOffice


def soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing LibreOffice (libreoffice-calc-nogui) for the comparison …")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(
            [
                "apt-get",
                "install",
                "-y",
                "-qq",
                "--no-install-recommends",
                "libreoffice-calc-nogui",
            ],
            check=False,
            env=env,
            capture_output=True,
        )
        found = shutil.which("soffice")
    return found


def libreoffice_command(program: str, to: str, file: Path, folder: Path) -> list[str]:
    """``soffice`` converting ``file`` to ``to`` headless, with a profile of its own in
    ``folder`` (never the user's) and the result in ``folder/lo-out``."""
    return [
        program,
        f"-env:UserInstallation=file://{folder / 'lo-profile'}",
        "--headless",
        "--convert-to",
        to,
        "--outdir",
        str(folder / "lo-out"),
        str(file),
    ]


def libreoffice_load(program: str | None, file: Path, folder: Path) -> float | None:
    """Seconds for LibreOffice to load ``file`` headless and write its sheet as CSV (a
    warm second run: the first one sets up its profile)."""
    if program is None:
        return None
    command = libreoffice_command(program, "csv", file, folder)
    subprocess.run(command, check=True, capture_output=True)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


# ---------------------------------------------------------------- main


def new_station(path: Path) -> None:
    from gwgk_desktop.domain.models import StationProfile
    from gwgk_desktop.services import station
    from gwgk_desktop.store.database import open_database

    with open_database(path, create=True) as db:
        station.initialize(
            db,
            StationProfile(name="压力测试派出所", org_code="000099009"),
            "admin",
            "管理员",
            PASSWORD,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--keep", type=Path, help="leave the files in this folder")
    parser.add_argument("--child", choices=("import", "export"), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.db, args.file), ensure_ascii=False))
        return 0

    program = soffice()
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        sheet = folder / "clerk-5000.xlsx"
        write_clerk_sheet(sheet, args.rows)
        station_db = folder / "station.sqlite"
        station_db.unlink(missing_ok=True)
        new_station(station_db)
        first = run_child("import", station_db, sheet)
        again = run_child("import", station_db, sheet)
        lo_sheet = libreoffice_load(program, sheet, folder)

        demo_db = folder / "demo.sqlite"
        demo_db.unlink(missing_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "gwgk_desktop",
                "demo",
                "--db",
                str(demo_db),
                "--items",
                str(args.items),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        export_file = folder / "export-20000.xlsx"
        exported = run_child("export", demo_db, export_file)
        lo_export = libreoffice_load(program, export_file, folder)

    def lo(value: float | None) -> str:
        return f"{value:.1f} s" if value is not None else "not measured (no LibreOffice)"

    load = os.getloadavg()[0]
    print(f"Machine: {machine()}; load average {load:.1f} at the end\n")
    print("| what | wall (CPU) | peak memory | LibreOffice loads the same file | budget |")
    print("|---|---|---|---|---|")
    print(
        f"| import {args.rows:,} rows into a fresh station (read {first['read']:.1f} s, "
        f"check {first['check']:.1f} s, write {first['write']:.1f} s): {first['summary']} "
        f"| {first['wall']:.1f} s ({first['cpu']:.1f} s) | {first['peak_mb']:.0f} MB "
        f"| {lo(lo_sheet)} | ≤ {BUDGET_IMPORT_S:.0f} s, ≤ {BUDGET_MEMORY_MB:.0f} MB |"
    )
    print(
        f"| import the same sheet again: {again['summary']} "
        f"| {again['wall']:.1f} s ({again['cpu']:.1f} s) | {again['peak_mb']:.0f} MB "
        f"| {lo(lo_sheet)} | |"
    )
    print(
        f"| export {exported['items']:,} items ({exported['size'] // 1024} KB) "
        f"| {exported['wall']:.1f} s ({exported['cpu']:.1f} s) | {exported['peak_mb']:.0f} MB "
        f"| {lo(lo_export)} | ≤ {BUDGET_EXPORT_S:.0f} s, ≤ {BUDGET_MEMORY_MB:.0f} MB |"
    )
    ok = (
        first["wall"] <= BUDGET_IMPORT_S
        and exported["wall"] <= BUDGET_EXPORT_S
        and max(first["peak_mb"], exported["peak_mb"]) <= BUDGET_MEMORY_MB
    )
    print("\nwithin budget" if ok else "\nOVER BUDGET (compare with LibreOffice's time: the load)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
