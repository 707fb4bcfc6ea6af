"""A smaller ICU data library for the Linux bundle.

Qt's wheels link ICU, whose data library (``libicudata.so.73``, 31 MB) is the largest
file in the bundle. Qt 6 calls ICU for three things only (the ``ucol_``, ``ucnv_`` and
``ucal_`` functions libQt6Core imports): collation (QCollator: pinyin order), character
set converters (GB18030, GBK, Big5) and time zone names. Most of the data is for other
things and some 800 locales. This keeps the data of ``root``, ``zh*`` and ``en*`` (ICU's
fallbacks), normalisation, time zones and the Chinese and single-byte converters, and
drops the rest: other languages, break iterators and their dictionaries (Qt breaks lines
itself), transliterators, number spelling, unit names, character names, the spoof
checker, and the Japanese, Korean, EBCDIC and X11 compound-text converters:

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

#: Trees dropped whole: nothing Qt calls reads them.
UNUSED_TREES = frozenset({"brkitr", "translit", "rbnf", "unit"})

#: Top-level items nothing Qt calls reads: character names, spoof-checker data.
UNUSED_ITEMS = frozenset({"unames.icu", "confusables.cfu", "confusablesWholeScript.cfu"})

#: Multi-byte converters of other languages (Japanese, Korean, EBCDIC double-byte, CNS
#: 11643 and ISO-2022 extensions, X11 compound text): 3.9 of ICU 73's 5.1 MB of
#: converters. GB18030, GBK (windows-936, ibm-1386), GB 2312 (ibm-1383, ibm-5478) and
#: Big5 (windows-950, ibm-950, ibm-1373) stay, as do the small single-byte ones.
UNUSED_CONVERTERS = re.compile(
    r"^(euc-tw|euc-jp|jisx-|icu-internal-compound-|icu-internal-25546|cns-11643|iso-ir-165"
    r"|windows-949|ibm-(1375|1390|1388|1364|933|1363|5471|949|1371|964|970|971|954|33722"
    r"|930|943|942|935|937|939|1399)_)"
)
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
    if tree in UNUSED_TREES or (not tree and base in UNUSED_ITEMS):
        return True
    if not tree and ext == "cnv":
        return bool(UNUSED_CONVERTERS.match(base))
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
