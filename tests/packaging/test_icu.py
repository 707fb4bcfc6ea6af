"""The cut-down ICU data library: which items go, and that the rebuilt library still gives
Chinese collation and the GB18030 converter."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from gwgk_pack import icu

from tests.packaging import icu_probe

_PYSIDE = importlib.util.find_spec("PySide6")
assert _PYSIDE is not None and _PYSIDE.origin is not None
QT_LIB = Path(_PYSIDE.origin).parent / "Qt" / "lib"
PROBE = Path(icu_probe.__file__)


def test_locale_data_of_other_languages_goes_everything_else_stays() -> None:
    for item in ("de.res", "coll/de_AT.res", "curr/fr.res", "zone/ja.res", "coll/de_.res",
                 "rbnf/ru.res", "unit/es_419.res", "translit/root.res",
                 # Qt calls no ICU break iterator, number speller or character namer
                 "brkitr/cjdict.dict", "brkitr/line.brk", "rbnf/zh.res", "unit/zh.res",
                 "unames.icu", "confusables.cfu",
                 # Japanese, Korean and EBCDIC double-byte converters
                 "ibm-943_P15A-2003.cnv", "euc-jp-2007.cnv", "ibm-949_P11A-1999.cnv",
                 "ibm-1390_P110-2003.cnv", "icu-internal-compound-d1.cnv",
                 "ibm-16684_P110-2003.cnv",
                 # Big5, EBCDIC, DOS and Mac single-byte tables
                 "windows-950-2000.cnv", "ibm-1373_P100-2002.cnv", "ibm-37_P100-1995.cnv",
                 "ibm-437_P100-1995.cnv", "macos-0_2-10.2.cnv", "ibm-5478_P100-1995.cnv",
                 # currency, language and region names; IDNA, NFKC, stringprep
                 "curr/zh.res", "lang/zh.res", "region/zh.res", "curr/pool.res",
                 "uts46.nrm", "nfkc.nrm", "rfc3491.spp", "langInfo.res", "plurals.res",
                 # Traditional Chinese and English of other places
                 "zh_Hant.res", "coll/zh_Hant_TW.res", "zone/zh_TW.res", "zh_HK.res",
                 "en_AU.res", "zone/en_IN.res"):  # fmt: skip
        assert icu.removable(item), item
    for item in ("root.res", "zh.res", "zh_Hans_CN.res", "zh_CN.res", "en_001.res",
                 "en_US.res", "en_GB.res", "coll/zh.res", "coll/zh_CN.res",
                 "coll/en_US_POSIX.res", "coll/root.res", "coll/ucadata.icu",
                 "coll/res_index.res", "pool.res", "zone/pool.res",
                 "supplementalData.res", "metaZones.res", "likelySubtags.res",
                 "gb18030.cnv", "windows-936-2000.cnv", "ibm-1386_P100-2001.cnv",
                 "ibm-1383_P110-1999.cnv", "ibm-5348_P100-1997.cnv", "cnvalias.icu",
                 "zone/zh.res", "zone/en.res", "res_index.res", "zoneinfo64.res"):  # fmt: skip
        assert not icu.removable(item), item


def _ask_icu(lib: Path) -> dict[str, object]:
    done = subprocess.run(
        ["python3", str(PROBE), str(lib)], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    answers: dict[str, object] = json.loads(done.stdout)
    return answers


@pytest.mark.slow
@pytest.mark.skipif(
    bool(icu.missing_tools()) or not (QT_LIB / "libicudata.so.73").is_file(),
    reason="needs icu-devtools, gcc and the Linux PySide6 wheel",
)
def test_shrunk_library_answers_what_qt_asks_as_the_full_one_does(tmp_path: Path) -> None:
    original = QT_LIB / "libicudata.so.73"
    result = icu.shrink(original, tmp_path / "work")
    assert result.after < result.before * 0.12 and result.removed > 3000
    name, _offset, size = icu.data_symbol(result.library)
    assert name == "icudt73_dat" and size < result.after

    # The real ICU libraries against the new data library, in a fresh process.
    lib = tmp_path / "lib"
    lib.mkdir()
    for part in ("libicuuc.so.73", "libicui18n.so.73"):
        shutil.copy(QT_LIB / part, lib / part)
    shutil.copy(result.library, lib / original.name)
    full, shrunk = _ask_icu(QT_LIB), _ask_icu(lib)

    # Only the converters left out answer differently: pinyin order, the GB family and
    # the Western sets, Chinese and English time zone names and case mapping are intact.
    assert shrunk["converter Big5"] is None and shrunk["converter Shift_JIS"] is None
    assert full["converter Big5"] is not None
    differ = sorted(key for key in full if full[key] != shrunk[key])
    assert differ == ["converter Big5", "converter Shift_JIS"]
    # Pinyin: 北京 (bei) before 上海 (shang), though 上 comes first in Unicode.
    pinyin = shrunk["collation zh_CN"]
    assert isinstance(pinyin, list)
    assert pinyin[icu_probe.NAMES.index("北京")] < pinyin[icu_probe.NAMES.index("上海")]
    assert shrunk["zone Asia/Shanghai zh_CN"] == ["中国标准时间", "GMT+8", "中国夏令时间", "GMT+8"]
