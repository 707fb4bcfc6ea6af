"""Reading the symbol versions an ELF file needs (the glibc 2.28 check of the bundle)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from gwgk_pack import elf

#: ``readelf -W -V`` of Debian 11's libpng16: the first entry's offset has no "0x".
READELF_V = """\
Version symbols section '.gnu.version' contains 5 entries:
 Addr: 0x0000000000001f58  Offset: 0x001f58  Link: 3 (.dynsym)
  000:   0 (*local*)       2 (GLIBC_2.2.5)   6 (GLIBC_2.29)    4 (ZLIB_1.2.3.4)

Version definition section '.gnu.version_d' contains 2 entries:
 Addr: 0x00000000000042b8  Offset: 0x0042b8  Link: 4 (.dynstr)
  000000: Rev: 1  Flags: BASE  Index: 1  Cnt: 1  Name: libpng16.so.16
  0x001c: Rev: 1  Flags: none  Index: 2  Cnt: 1  Name: PNG16_0

Version needs section '.gnu.version_r' contains 3 entries:
 Addr: 0x00000000000042f0  Offset: 0x0042f0  Link: 4 (.dynstr)
  000000: Version: 1  File: libm.so.6  Cnt: 2
  0x0010:   Name: GLIBC_2.2.5  Flags: none  Version: 8
  0x0020:   Name: GLIBC_2.29  Flags: none  Version: 6
  0x0030: Version: 1  File: libz.so.1  Cnt: 2
  0x0040:   Name: ZLIB_1.2.9  Flags: none  Version: 5
  0x0050:   Name: ZLIB_1.2.3.4  Flags: none  Version: 4
  0x0060: Version: 1  File: libc.so.6  Cnt: 2
  0x0070:   Name: GLIBC_2.14  Flags: none  Version: 10
  0x0080:   Name: GLIBCXX_3.4.26  Flags: none  Version: 9
"""


def test_every_entry_is_read_the_first_one_too() -> None:
    needs = elf.parse_version_needs(READELF_V)
    assert elf.Need("libm.so.6", "GLIBC", "2.29") in needs
    assert {str(n) for n in needs} == {
        "GLIBC_2.2.5", "GLIBC_2.29", "ZLIB_1.2.9", "ZLIB_1.2.3.4", "GLIBC_2.14",
        "GLIBCXX_3.4.26",
    }  # fmt: skip
    assert elf.newest(needs, "GLIBC") == "2.29"


def test_too_new_judges_glibc_and_the_cxx_runtime_against_uos_20() -> None:
    needs = elf.parse_version_needs(READELF_V)
    assert sorted(str(n) for n in elf.too_new(needs)) == ["GLIBCXX_3.4.26", "GLIBC_2.29"]
    assert elf.too_new(needs, {"GLIBC": "2.29", "GLIBCXX": "3.4.26"}) == []
    # Versions compare as numbers, not text.
    assert elf.too_new([elf.Need("libc.so.6", "GLIBC", "2.3.4")]) == []
    assert elf.too_new([elf.Need("libc.so.6", "GLIBC", "2.100")]) != []


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("readelf") is None,
    reason="needs Linux and readelf",
)
def test_a_program_of_this_build_machine_is_too_new_for_uos_20(tmp_path: Path) -> None:
    # The failure the check exists for: anything linked on Debian 12 asks for glibc 2.34.
    ls = Path(shutil.which("ls") or "/bin/ls").resolve()
    report = elf.check_folder(_copy(ls, tmp_path))
    assert report.files == 1
    assert list(report.violations) == ["ls"]
    assert elf.version_key(report.newest["GLIBC"]) > (2, 28)


def _copy(program: Path, folder: Path) -> Path:
    shutil.copy(program, folder / "ls")
    return folder
