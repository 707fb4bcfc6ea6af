"""Bundle benchmark: size on disk of the PyInstaller bundle (and the .deb), start of the
bundled app to its main window offscreen, and the bundled ``gwgk self-test``. Prints a
Markdown table with the budgets of issues 3 and 18; exits non-zero when one is missed.

    make bundle && python benchmarks/bundle_bench.py [--bundle dist/gwgk-desktop] [--repeat 5]
    python benchmarks/bundle_bench.py --sizes [--save before.json] [--compare before.json]

``--sizes`` prints only what the bundle is made of (``components``), in decimal MB, and
with ``--compare`` a column of a saved earlier measurement (``--save``) and the change.

"Cold" starts evict the bundle's files from the page cache first (posix_fadvise
DONTNEED, no root needed), as after a reboot or on first use from a USB install; system
libraries (Qt's X11/font stack) stay cached, as they are on a running desktop. The time
is launch → (the demo clerk logged in from the environment) → main window shown → closed by
``--quit-after 0`` → process exit.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))

from gwgk_pack import folder_size  # the size the build reports
from run import machine  # the foundation benchmark's machine line

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SIZE_MB = 100.0
BUDGET_START_S = 1.5
BUDGET_SELFTEST_S = 20.0


def size_mb(path: Path) -> float:
    return folder_size(path) / 1e6


#: What the bundle is made of: the first pattern that matches a file's path under the
#: bundle (POSIX separators) names its part. Order matters.
COMPONENTS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern))
    for name, pattern in [
        ("ICU (libicu*)", r"/libicu[a-z0-9]*\.so"),
        ("Qt Wayland (client library and plugins)", r"(?i)wayland"),
        ("Qt Network (library)", r"/libQt6Network\.so"),
        ("Qt libraries (other)", r"^_internal/PySide6/Qt/lib/"),
        ("Qt plugins (other)", r"^_internal/PySide6/Qt/plugins/"),
        ("Qt translations", r"^_internal/PySide6/Qt/translations/"),
        ("PySide6 binding QtNetwork", r"^_internal/PySide6/QtNetwork\."),
        ("PySide6 bindings (other) and shiboken6", r"^_internal/(PySide6|shiboken6)/"),
        ("cryptography (with its own OpenSSL)", r"^_internal/(cryptography|_cffi_backend)"),
        ("OpenSSL (libcrypto, libssl)", r"^_internal/lib(crypto|ssl)\.so"),
        ("libpython", r"^_internal/libpython"),
        ("Python extension modules (lib-dynload)", r"^_internal/python3\.\d+/lib-dynload/"),
        ("Python stdlib core (base_library.zip)", r"^_internal/base_library\.zip$"),
        ("Pillow", r"^_internal/(PIL|pillow)"),
        ("`gwgk` (bootloader + compressed Python code)", r"^gwgk(\.exe)?$"),
        ("app resources and migrations", r"^_internal/(resources|gwgk_desktop)/"),
    ]
]
OTHER = "other (compiled modules of SQLAlchemy etc., metadata)"


def components(bundle: Path) -> dict[str, int]:
    """Bytes per part of the bundle (``COMPONENTS``; the rest is ``OTHER``)."""
    sizes = {name: 0 for name, _ in COMPONENTS} | {OTHER: 0}
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(bundle).as_posix()
        name = next((n for n, pattern in COMPONENTS if pattern.search(relative)), OTHER)
        sizes[name] += path.lstat().st_size
    return sizes


def print_components(bundle: Path, save: Path | None, compare: Path | None) -> None:
    sizes = components(bundle)
    if save is not None:
        save.write_text(json.dumps(sizes, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    before: dict[str, int] = (
        json.loads(compare.read_text(encoding="utf-8")) if compare is not None else {}
    )
    names = list(sizes) + [n for n in before if n not in sizes]
    if before:
        print("| part | before MB | after MB | change |")
        print("|---|---:|---:|---:|")
    else:
        print("| part | MB |")
        print("|---|---:|")
    for name in [*names, "total"]:
        now = sum(sizes.values()) if name == "total" else sizes.get(name, 0)
        then = sum(before.values()) if name == "total" else before.get(name, 0)
        if not now and not then:
            continue
        if before:
            print(f"| {name} | {then / 1e6:.2f} | {now / 1e6:.2f} | {(now - then) / 1e6:+.2f} |")
        else:
            print(f"| {name} | {now / 1e6:.2f} |")


def evict(folder: Path) -> None:
    """Drop the files under ``folder`` from the page cache."""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


#: CPU seconds (user + system) of each timed run, by its arguments' first word after the
#: program: on a loaded machine the wall time measures the neighbours as much as the app.
CPU: dict[str, list[float]] = {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: list[str], env: dict[str, str]) -> float:
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - started
    CPU.setdefault(args[1], []).append(_children_cpu() - cpu)
    return wall


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "gwgk-desktop")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--items", type=int, default=500, help="demo items for the start test")
    parser.add_argument("--sizes", action="store_true", help="only what the bundle is made of")
    parser.add_argument("--save", type=Path, help="with --sizes: write the parts as JSON")
    parser.add_argument("--compare", type=Path, help="with --sizes: a saved earlier JSON")
    args = parser.parse_args()
    if args.sizes:
        print(f"Machine: {machine()}, load {os.getloadavg()[0]:.1f}\n")
        print_components(args.bundle, args.save, args.compare)
        return 0
    gwgk = str(args.bundle / "gwgk")
    if not Path(gwgk).is_file():
        print(f"no bundle at {args.bundle}: run 'make bundle' first", file=sys.stderr)
        return 2
    debs = sorted((args.bundle.parent).glob("gwgk-desktop_*.deb"), key=lambda p: p.stat().st_mtime)

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        home.mkdir()
        env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
        # The demo clerk logs in without the dialog: start-up is timed to the workbench.
        gui_env = {**env, "QT_QPA_PLATFORM": "offscreen", "GWGK_PASSWORD": "clerk123"}
        db = Path(folder) / "demo.sqlite"
        subprocess.run(
            [gwgk, "demo", "--db", str(db), "--items", str(args.items)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        start = [gwgk, "--db", str(db), "gui", "--user", "clerk", "--quit-after", "0"]
        cold = []
        for _ in range(args.repeat):
            evict(args.bundle)
            cold.append(timed(start, gui_env))
        cold_cpu = CPU.pop(start[1])
        warm = [timed(start, gui_env) for _ in range(args.repeat)]
        warm_cpu = CPU.pop(start[1])
        selftests = [timed([gwgk, "self-test"], env) for _ in range(max(1, args.repeat // 2))]

    bundle_mb = size_mb(args.bundle)
    cold_s, warm_s = statistics.median(cold), statistics.median(warm)
    selftest_s = statistics.median(selftests)
    print(f"Machine: {machine()}, load {os.getloadavg()[0]:.1f}\n")
    print_components(args.bundle, None, None)
    print()
    print("| measure | result | budget |")
    print("|---|---|---|")
    print(
        f"| bundle on disk (`{args.bundle.name}/`) | {bundle_mb:.1f} MB "
        f"({bundle_mb * 1e6 / 2**20:.1f} MiB) | ≤ {BUDGET_SIZE_MB:.0f} MB |"
    )
    if debs:
        print(f"| `.deb` ({debs[-1].name}) | {size_mb(debs[-1]):.1f} MB | |")
    print(
        f"| start to main window, cold ({args.items} items) | {cold_s:.2f} s "
        f"(max {max(cold):.2f}; CPU {statistics.median(cold_cpu):.2f} s) | ≤ {BUDGET_START_S} s |"
    )
    print(
        f"| start to main window, warm | {warm_s:.2f} s (max {max(warm):.2f}; "
        f"CPU {statistics.median(warm_cpu):.2f} s) | |"
    )
    print(f"| `gwgk self-test` | {selftest_s:.1f} s | ≤ {BUDGET_SELFTEST_S:.0f} s |")
    ok = (
        bundle_mb <= BUDGET_SIZE_MB
        and max(cold) <= BUDGET_START_S
        and selftest_s <= BUDGET_SELFTEST_S
    )
    print("\nwithin budget" if ok else "\nOVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
