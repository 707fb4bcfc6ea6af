"""What the bundle's ELF files ask of the system they run on, read with ``readelf``: the
libraries they import and the symbol versions they need from the C library (``GLIBC_x.y``)
and the C++ runtime (``GLIBCXX_x.y.z``, ``CXXABI_x.y``).

A program linked against a newer glibc than the target's fails to start with "version
`GLIBC_2.34' not found"; the limits here are those of 统信UOS 20 and 银河麒麟 V10 (glibc 2.28,
GCC 8's libstdc++). The bundle test and the build both use ``too_new``.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: The newest symbol version each system library may be asked for: glibc 2.28 and GCC 8's
#: libstdc++ (GLIBCXX_3.4.25, CXXABI_1.3.11).
LIMITS: dict[str, str] = {"GLIBC": "2.28", "GLIBCXX": "3.4.25", "CXXABI": "1.3.11"}

# readelf prints the first entry's offset as "000000", the others as "0x0010".
_NEEDS_FILE = re.compile(r"^\s*(?:0x)?[0-9a-f]+:\s+Version: \d+\s+File: (\S+)")
_NEEDS_NAME = re.compile(r"^\s*(?:0x)?[0-9a-f]+:\s+Name: ([A-Z]+)_([\d.]+)\s")


@dataclass(frozen=True)
class Need:
    """One symbol version an ELF file needs: ``GLIBC_2.14`` from ``libc.so.6``."""

    library: str
    family: str
    version: str

    def __str__(self) -> str:
        return f"{self.family}_{self.version}"


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def elf_files(folder: Path) -> Iterator[Path]:
    return (p for p in sorted(folder.rglob("*")) if is_elf(p))


def _readelf(args: list[str], path: Path) -> str:
    return subprocess.run(
        ["readelf", "-W", *args, str(path)], capture_output=True, text=True, check=True
    ).stdout


def needed_libraries(path: Path) -> list[str]:
    """The sonames an ELF file imports (its DT_NEEDED entries)."""
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", _readelf(["-d"], path))


def version_needs(path: Path) -> list[Need]:
    """The symbol versions ``path`` needs from other libraries (``.gnu.version_r``)."""
    return parse_version_needs(_readelf(["-V"], path))


def parse_version_needs(readelf_v: str) -> list[Need]:
    """The needs in the output of ``readelf -W -V``."""
    needs = []
    library = None
    in_needs = False
    for line in readelf_v.splitlines():
        if line.startswith("Version needs section"):
            in_needs = True
            continue
        if not line.startswith(" "):
            in_needs = False
        if not in_needs:
            continue
        file_match = _NEEDS_FILE.match(line)
        if file_match:
            library = file_match[1]
            continue
        name_match = _NEEDS_NAME.match(line)
        if name_match and library is not None:
            needs.append(Need(library, name_match[1], name_match[2]))
    return needs


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def too_new(needs: Iterable[Need], limits: dict[str, str] | None = None) -> list[Need]:
    """The needs above ``limits`` (families without a limit are not judged)."""
    limits = LIMITS if limits is None else limits
    return [
        need
        for need in needs
        if need.family in limits and version_key(need.version) > version_key(limits[need.family])
    ]


def newest(needs: Iterable[Need], family: str) -> str | None:
    versions = [n.version for n in needs if n.family == family]
    return max(versions, key=version_key) if versions else None


@dataclass(frozen=True)
class Report:
    """The symbol versions a folder of ELF files needs, and which break the limits."""

    files: int
    newest: dict[str, str]
    violations: dict[str, list[Need]]

    def lines(self) -> list[str]:
        newest = ", ".join(f"{family}_{version}" for family, version in self.newest.items())
        lines = [f"{self.files} ELF files; newest symbol versions needed: {newest}"]
        for name, needs in self.violations.items():
            wanted = ", ".join(sorted({str(n) for n in needs}, key=str))
            lines.append(f"  {name} needs {wanted}")
        return lines


def check_folder(folder: Path, limits: dict[str, str] | None = None) -> Report:
    count = 0
    everything: list[Need] = []
    violations: dict[str, list[Need]] = {}
    for path in elf_files(folder):
        count += 1
        needs = version_needs(path)
        everything += needs
        bad = too_new(needs, limits)
        if bad:
            violations[str(path.relative_to(folder))] = bad
    families = sorted({n.family for n in everything if n.family in LIMITS})
    return Report(
        count,
        {family: newest(everything, family) or "" for family in families},
        violations,
    )
