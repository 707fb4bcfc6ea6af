"""A smaller ICU data library for the Linux bundle.

Qt's wheels link ICU, whose data library (``libicudata.so.73``, 31 MB) is the largest
file in the bundle. Most of it is locale data (currency, language, region, unit and time
zone names, collation and number spelling) for some 800 locales. The app speaks Chinese,
so this keeps the data of ``root``, ``zh*`` and ``en*`` (ICU's fallbacks) and everything
that is not per-locale (converters such as GB18030, Unicode properties, normalisation,
break iterators with the Chinese dictionary, time zones), and drops the rest:

1. the data package is cut out of the library (the ``icudt<N>_dat`` symbol);
2. ``icupkg`` removes the items (keeping any that a kept item depends on);
3. ``genccode`` turns the package into assembly and ``gcc`` links a library with the same
   soname and symbol.

The tools come from Debian's ``icu-devtools`` and ``gcc``; without them the bundle keeps
the original library and the build says so. ICU reads its data through the one symbol,
so the format written by an older ``icupkg`` is the same.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: Languages whose locale data stays (``root`` always stays).
KEEP_LANGUAGES = frozenset({"zh", "en"})

#: Trees of per-locale resource bundles ("" is the top level).
LOCALE_TREES = frozenset({"", "curr", "lang", "region", "unit", "zone", "coll", "rbnf", "brkitr"})
_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")
_NOT_LOCALES = frozenset({"res_index"})

TOOLS = ("icupkg", "genccode", "gcc", "readelf")


@dataclass(frozen=True)
class Result:
    library: Path
    before: int
    after: int
    removed: int


def removable(item: str) -> bool:
    """Is this data item (``coll/de_AT.res``, ``translit/root.res``) one we drop?"""
    tree, _, base = item.rpartition("/")
    stem, _, ext = base.rpartition(".")
    if tree == "translit":  # transliterators: nothing in Qt or the app uses them
        return True
    if tree not in LOCALE_TREES or ext != "res" or stem in _NOT_LOCALES:
        return False
    return bool(_LOCALE.match(stem)) and stem.split("_")[0] not in KEEP_LANGUAGES


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def _run(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False, cwd=cwd)


def data_symbol(library: Path) -> tuple[str, int, int]:
    """Name, file offset and size of the ``icudt<N>_dat`` data in ``library``."""
    symbols = _run(["readelf", "-W", "--dyn-syms", str(library)]).stdout
    match = re.search(
        r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+\w+\s+\w+\s+\d+\s+(icudt\d+_dat)", symbols
    )
    if match is None:
        raise RuntimeError(f"no icudt*_dat symbol in {library}")
    address, size, name = int(match[1], 16), int(match[2], 0), match[3]
    sections = _run(["readelf", "-W", "-S", str(library)]).stdout
    for line in sections.splitlines():
        fields = re.match(
            r"\s*\[\s*\d+\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)", line
        )
        if fields is None:
            continue
        start, offset, length = (int(f, 16) for f in fields.groups())
        if start <= address < start + length:
            return name, offset + address - start, size
    raise RuntimeError(f"cannot place {name} in the sections of {library}")


def shrink(library: Path, work: Path) -> Result:
    """Write a smaller copy of the ICU data ``library`` into ``work``; return it."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    name, offset, size = data_symbol(library)
    with library.open("rb") as handle:
        handle.seek(offset)
        blob = handle.read(size)
    if blob[2:4] != b"\xda\x27":  # ICU's data header magic
        raise RuntimeError(f"{name} in {library} does not look like ICU data")
    # ICU finds items by their full name ("icudt73l/coll/zh.res"), and icupkg takes that
    # prefix from the package's file name: both packages get the original name.
    entry = name.removesuffix("_dat")
    package = f"{entry}{'l' if sys.byteorder == 'little' else 'b'}.dat"
    (work / "full").mkdir()
    (work / "small").mkdir()
    full = work / "full" / package
    full.write_bytes(blob)
    items = _run(["icupkg", "-l", str(full)]).stdout.split()
    remove = {item for item in items if removable(item)}
    small = work / "small" / package
    for _attempt in range(10):
        (work / "remove.txt").write_text("\n".join(sorted(remove)) + "\n", encoding="utf-8")
        done = _run(["icupkg", "-r", "remove.txt", f"full/{package}", f"small/{package}"], cwd=work)
        needed = set(re.findall(r"depends on missing item (\S+)", done.stdout + done.stderr))
        if done.returncode == 0 and not needed:
            break
        if not needed:
            raise RuntimeError(f"icupkg failed: {done.stderr.strip() or done.stdout.strip()}")
        remove -= needed
        small.unlink(missing_ok=True)
    else:
        raise RuntimeError("icupkg: could not settle the items' dependencies")
    generated = _run(["genccode", "-q", "-a", "gcc", "-e", entry, "-d", str(work), str(small)])
    if generated.returncode != 0:
        raise RuntimeError(f"genccode failed: {generated.stderr.strip()}")
    target = work / library.name
    soname = library.name
    linked = _run(
        [
            "gcc",
            "-shared",
            "-nostdlib",
            f"-Wl,-soname,{soname}",
            "-Wl,-z,noexecstack",
            "-o",
            str(target),
            str(work / f"{small.stem}_dat.S"),
        ]
    )
    if linked.returncode != 0:
        raise RuntimeError(f"gcc failed: {linked.stderr.strip()}")
    check_name, _, check_size = data_symbol(target)
    if check_name != name or check_size != small.stat().st_size:
        raise RuntimeError(f"the rebuilt {soname} does not export {name} as expected")
    return Result(target, library.stat().st_size, target.stat().st_size, len(remove))
