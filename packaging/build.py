"""Build the desktop bundle, the Debian package and the icons from a clean checkout.

    python packaging/build.py bundle            # dist/gwgk-desktop/  (make bundle)
                                                # (Linux: in build/bundle-env, on the
                                                # bundle's own Python for glibc 2.28)
    python packaging/build.py deb               # dist/gwgk-desktop_<version>_<arch>.deb  (make deb)
    python packaging/build.py deb --version 0.1.0+1 --output DIR --compression gzip
    python packaging/build.py icons             # redraw resources/icons/ from gwgk_pack/icon.py
    python packaging/build.py runtime           # the bundle's Python for glibc 2.28 (cached)

Run it with the project's virtualenv Python (it has PyInstaller). ``deb`` builds the bundle
first when there is none.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
sys.path.insert(0, str(PACKAGING))
sys.path.insert(0, str(ROOT))

from gwgk_pack import buildenv, compress, deb, elf, folder_size, icon, runtime  # noqa: E402

from gwgk_desktop import __version__  # noqa: E402

DIST = ROOT / "dist"
BUNDLE = DIST / "gwgk-desktop"
WORK = ROOT / "build"


def bundle_python() -> str:
    """The Python PyInstaller runs on. On Linux the bundle's own runtime built for glibc
    2.28, in an environment of glibc-2.28 wheels; elsewhere this Python."""
    if not sys.platform.startswith("linux"):
        return sys.executable
    built = runtime.ensure()
    return str(buildenv.ensure(built, ROOT / "pyproject.toml", WORK / "bundle-env"))


def build_bundle() -> Path:
    started = time.perf_counter()
    python = bundle_python()
    if BUNDLE.exists():
        shutil.rmtree(BUNDLE)
    subprocess.run(
        [
            python,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK / "pyinstaller"),
            str(PACKAGING / "gwgk-desktop.spec"),
        ],
        check=True,
        cwd=ROOT,
        env=os.environ | compress.PYINSTALLER_ENV,
    )
    if sys.platform.startswith("linux"):
        before, after = compress.deflate_zip(BUNDLE / "_internal" / "base_library.zip")
        print(f"compress: base_library.zip {before / 1e6:.2f} MB -> {after / 1e6:.2f} MB")
    size = folder_size(BUNDLE) / 1e6
    print(f"bundle: {BUNDLE} ({size:.1f} MB, {time.perf_counter() - started:.0f} s)")
    if sys.platform.startswith("linux"):
        for line in elf.check_folder(BUNDLE).lines():
            print(f"elf: {line}")
    return BUNDLE


def build_deb(version: str, output: Path, compression: str = "xz") -> Path:
    if not (BUNDLE / "gwgk").is_file():
        build_bundle()
    started = time.perf_counter()
    try:
        target = deb.build(BUNDLE, output, version, WORK / "deb", compression)
    except deb.DebError as error:
        raise SystemExit(f"error: {error}") from error
    size = target.stat().st_size / 1e6
    print(f"deb: {target} ({size:.1f} MB, {time.perf_counter() - started:.0f} s)")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("bundle", help="PyInstaller bundle in dist/gwgk-desktop")
    deb_parser = commands.add_parser("deb", help="Debian package from the bundle")
    deb_parser.add_argument("--version", default=__version__)
    deb_parser.add_argument("--output", type=Path, default=DIST)
    deb_parser.add_argument("--compression", choices=("xz", "gzip"), default="xz")
    commands.add_parser("icons", help="redraw resources/icons")
    commands.add_parser("runtime", help="build (or find in the cache) the bundle's Python")
    args = parser.parse_args(argv)
    if args.command == "bundle":
        build_bundle()
    elif args.command == "deb":
        build_deb(args.version, args.output, args.compression)
    elif args.command == "runtime":
        print(runtime.ensure().prefix)
    else:
        for path in icon.write_all(ROOT / "resources" / "icons"):
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
