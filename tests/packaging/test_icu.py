"""The cut-down ICU data library: which items go, and that the rebuilt library still gives
Chinese collation and the GB18030 converter."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest
from gwgk_pack import icu

_PYSIDE = importlib.util.find_spec("PySide6")
assert _PYSIDE is not None and _PYSIDE.origin is not None
QT_LIB = Path(_PYSIDE.origin).parent / "Qt" / "lib"


def test_locale_data_of_other_languages_goes_everything_else_stays() -> None:
    for item in ("de.res", "coll/de_AT.res", "curr/fr.res", "zone/ja.res", "coll/de_.res",
                 "rbnf/ru.res", "unit/es_419.res", "translit/root.res",
                 # Qt calls no ICU break iterator, number speller or character namer
                 "brkitr/cjdict.dict", "brkitr/line.brk", "rbnf/zh.res", "unit/zh.res",
                 "unames.icu", "confusables.cfu",
                 # Japanese, Korean and EBCDIC double-byte converters
                 "ibm-943_P15A-2003.cnv", "euc-jp-2007.cnv", "ibm-949_P11A-1999.cnv",
                 "ibm-1390_P110-2003.cnv", "icu-internal-compound-d1.cnv"):  # fmt: skip
        assert icu.removable(item), item
    for item in ("root.res", "zh.res", "zh_Hans_CN.res", "en_001.res", "coll/zh.res",
                 "coll/root.res", "coll/ucadata.icu", "coll/res_index.res", "pool.res",
                 "supplementalData.res", "metaZones.res", "likelySubtags.res",
                 "gb18030.cnv", "windows-936-2000.cnv", "ibm-1386_P100-2001.cnv",
                 "ibm-5478_P100-1995.cnv", "windows-950-2000.cnv", "ibm-1373_P100-2002.cnv",
                 "ibm-1252_P100-2000.cnv", "cnvalias.icu", "nfkc.nrm", "zone/zh.res",
                 "region/zh.res", "res_index.res", "zoneinfo64.res"):  # fmt: skip
        assert not icu.removable(item), item


@pytest.mark.slow
@pytest.mark.skipif(
    bool(icu.missing_tools()) or not (QT_LIB / "libicudata.so.73").is_file(),
    reason="needs icu-devtools, gcc and the Linux PySide6 wheel",
)
def test_shrunk_library_keeps_chinese_collation_and_gb18030(tmp_path: Path) -> None:
    original = QT_LIB / "libicudata.so.73"
    result = icu.shrink(original, tmp_path / "work")
    assert result.after < result.before * 0.25 and result.removed > 1000
    name, _offset, size = icu.data_symbol(result.library)
    assert name == "icudt73_dat" and size < result.after

    # Load the real ICU libraries against the new data library in a fresh process.
    lib = tmp_path / "lib"
    lib.mkdir()
    for part in ("libicuuc.so.73", "libicui18n.so.73"):
        shutil.copy(QT_LIB / part, lib / part)
    shutil.copy(result.library, lib / original.name)
    probe = f"""
import ctypes
for name in ("libicudata.so.73", "libicuuc.so.73", "libicui18n.so.73"):
    ctypes.CDLL("{lib}/" + name, mode=ctypes.RTLD_GLOBAL)
uc = ctypes.CDLL("{lib}/libicuuc.so.73")
i18n = ctypes.CDLL("{lib}/libicui18n.so.73")
err = ctypes.c_int(0)
i18n.ucol_open_73.restype = ctypes.c_void_p
coll = ctypes.c_void_p(i18n.ucol_open_73(b"zh_CN", ctypes.byref(err)))
assert err.value <= 0, err.value
a, b = "北京".encode("utf-16-le"), "上海".encode("utf-16-le")
print(i18n.ucol_strcoll_73(coll, a, 2, b, 2))
uc.ucnv_open_73.restype = ctypes.c_void_p
for charset in (b"GB18030", b"GBK", b"GB2312", b"Big5"):
    err = ctypes.c_int(0)
    assert uc.ucnv_open_73(charset, ctypes.byref(err)) and err.value <= 0, (charset, err.value)
err = ctypes.c_int(0)
assert not uc.ucnv_open_73(b"Shift_JIS", ctypes.byref(err)) and err.value > 0  # left out
"""
    done = subprocess.run(
        ["python3", "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "-1"  # pinyin: bei before shang
