"""The C toolchain the bundle's own Python runtime is built with: ``zig cc`` from the
``ziglang`` package on PyPI, aimed at an older C library (``x86_64-linux-gnu.2.28``).

Zig links against stubs of exactly that glibc version, so whatever it builds runs on glibc
2.28 and later whatever the build machine has, without an old distribution, container or
sysroot. The package is installed with pip into the build cache; ``cc``, ``ar`` and
``ranlib`` wrappers there let autoconf and make use it like any compiler.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: The ziglang release on PyPI (changing it rebuilds the runtime).
VERSION = "0.14.1"

#: The oldest C library the bundle supports: 统信UOS 20 and 银河麒麟 V10 (x86_64).
GLIBC = "2.28"
TARGET = f"x86_64-linux-gnu.{GLIBC}"


class ToolchainError(Exception):
    """zig cannot be installed or run (the message says why)."""


@dataclass(frozen=True)
class Toolchain:
    zig: Path
    bin: Path  # cc, ar, ranlib wrappers
    cache: Path  # zig's own cache (compiled libc stubs, compiler-rt)

    def env(self) -> dict[str, str]:
        """Variables for configure/make: the wrappers as CC/AR/RANLIB, zig's caches."""
        return {
            "CC": str(self.bin / "cc"),
            "AR": str(self.bin / "ar"),
            "RANLIB": str(self.bin / "ranlib"),
            "ZIG_GLOBAL_CACHE_DIR": str(self.cache),
            "ZIG_LOCAL_CACHE_DIR": str(self.cache / "local"),
        }


def install(cache: Path) -> Toolchain:
    """zig under ``cache`` (pip-installed there the first time), with its wrappers."""
    home = cache / f"ziglang-{VERSION}"
    zig = home / "ziglang" / "zig"
    if not zig.is_file():
        partial = home.with_name(home.name + ".partial")
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--target", str(partial), f"ziglang=={VERSION}"],
            check=True,
        )  # fmt: skip
        if home.exists():
            shutil.rmtree(home)
        partial.rename(home)
    bin_dir = home / "wrappers"
    bin_dir.mkdir(exist_ok=True)
    scripts = {
        # zig's linker driver does not know ld's short "-h NAME" for "-soname NAME",
        # which CPython links libpython with. GWGK_RPATH, when set, is added as the run
        # path of everything linked: "$ORIGIN" survives no Makefile's quoting (CPython's
        # setup.py gets LDFLAGS through a shell command line in single quotes).
        "cc": (
            'link=yes\nfor arg do\n  shift\n  case "$arg" in\n'
            '    -Wl,-h*) set -- "$@" "-Wl,-soname,${arg#-Wl,-h}" ;;\n'
            '    -c|-E|-S) link=no; set -- "$@" "$arg" ;;\n'
            '    *) set -- "$@" "$arg" ;;\n  esac\ndone\n'
            'if [ "$link" = yes ] && [ -n "${GWGK_RPATH:-}" ]; then\n'
            '  set -- "$@" "-Wl,-rpath,$GWGK_RPATH"\nfi\n'
            f'exec "{zig}" cc -target {TARGET} "$@"\n'
        ),
        "ar": f'exec "{zig}" ar "$@"\n',
        "ranlib": f'exec "{zig}" ranlib "$@"\n',
    }
    for name, body in scripts.items():
        path = bin_dir / name
        text = "#!/bin/sh\n" + body
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            path.chmod(0o755)
    toolchain = Toolchain(zig, bin_dir, cache / "zig-cache")
    version = subprocess.run([str(zig), "version"], capture_output=True, text=True, check=False)
    if version.returncode != 0 or version.stdout.strip() != VERSION:
        raise ToolchainError(f"{zig} does not run: {version.stderr.strip()}")
    return toolchain


def jobs() -> str:
    return str(max(1, len(os.sched_getaffinity(0))))
