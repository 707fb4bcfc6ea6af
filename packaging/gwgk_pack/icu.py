"""A smaller ICU data library for the Linux bundle.

Qt's wheels link ICU, whose data library (``libicudata.so.73``, 31 MB) is the largest
file in the bundle. Qt 6 calls ICU for four things only (the functions libQt6Core
imports): collation (``ucol_``: QCollator, pinyin order in Qt's file dialogs), character
set converters (``ucnv_``: QStringDecoder for names Qt does not know itself, such as
GB18030), time zone names (``ucal_getTimeZoneDisplayName``) and case mapping
(``u_strToUpper``/``u_strToLower``, whose data is built into libicuuc). Most of the data
is for other things and some 800 locales. This keeps the data of ``root``, ``zh`` and
``zh_Hans*`` and of ``en`` with its common variants (ICU's fallbacks), normalisation, time
zones with their Chinese and English names, and the converters of ``KEEP_CONVERTERS``;
it drops the rest: other languages (Traditional Chinese too), break iterators and their
dictionaries (Qt breaks lines itself), transliterators, number spelling, unit, currency,
language and region names, plural rules, character names, emoji and layout properties,
the spoof checker, IDNA and NFKC (Qt has its own), stringprep profiles, and every other
converter. (``likelySubtags.res`` stays: the time zone names of a locale without a
region, ``zh`` or ``en``, need it.)

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

#: Locales of those languages that go all the same: Traditional Chinese (Taiwan, Hong Kong,
#: Macao, whose aliases ``zh_TW``... point at it), and English of other places than the
#: US, Britain, Europe and the world (``en_001``); a locale that is not here falls back to
#: ``en``.
DROPPED_LOCALES = re.compile(r"^(zh_(Hant|TW|HK|MO)|en_(?!(001|150|GB|US|US_POSIX)$))")

#: Trees of per-locale resource bundles ("" is the top level).
LOCALE_TREES = frozenset({"", "curr", "lang", "region", "unit", "zone", "coll", "rbnf", "brkitr"})

#: Trees dropped whole: nothing Qt calls reads them.
UNUSED_TREES = frozenset({"brkitr", "translit", "rbnf", "unit", "curr", "lang", "region"})

#: Top-level items nothing Qt calls reads: character names, spoof-checker data, IDNA and
#: NFKC normalisation, plural rules and units (number formatting), locale matching, day
#: periods, grammatical features, emoji and text layout properties.
UNUSED_ITEMS = frozenset(
    {
        "unames.icu",
        "confusables.cfu",
        "confusablesWholeScript.cfu",
        "uts46.nrm",
        "nfkc.nrm",
        "nfkc_cf.nrm",
        "plurals.res",
        "units.res",
        "langInfo.res",
        "dayPeriods.res",
        "grammaticalFeatures.res",
        "uemoji.icu",
        "ulayout.icu",
    }
)

#: Extensions of top-level items dropped whole: stringprep profiles (``usprep``).
UNUSED_EXTENSIONS = frozenset({"spp"})

#: The converters that stay (the app itself asks ICU only for GB18030, see
#: gui/selfcheck.py): the GB family, GB18030, GBK (windows-936 over ibm-1386) and GB 2312
#: (EUC-CN, ibm-1383), and the Western single-byte sets Chinese Windows and Linux files
#: also come in, windows-1252 (ibm-5348) and ISO-8859-15 (ibm-923). UTF-8/16/32, ISO-8859-1
#: and US-ASCII are built into ICU's code. Big5, the Japanese and Korean sets, EBCDIC, DOS,
#: Mac and the other single-byte tables go (4.2 of ICU 73's 5.1 MB of converters).
KEEP_CONVERTERS = frozenset(
    {
        "gb18030",
        "windows-936-2000",
        "ibm-1386_P100-2001",
        "ibm-1383_P110-1999",
        "ibm-5348_P100-1997",
        "ibm-923_P100-1998",
    }
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
    if tree in UNUSED_TREES or (not tree and (base in UNUSED_ITEMS or ext in UNUSED_EXTENSIONS)):
        return True
    if not tree and ext == "cnv":
        return stem not in KEEP_CONVERTERS
    if tree not in LOCALE_TREES or ext != "res" or stem in _NOT_LOCALES:
        return False
    if not _LOCALE.match(stem):
        return False
    return stem.split("_")[0] not in KEEP_LANGUAGES or bool(DROPPED_LOCALES.match(stem))


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
