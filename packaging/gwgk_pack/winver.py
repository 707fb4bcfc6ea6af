"""The Windows version resource of ``gwgk.exe`` and ``gwgk-desktop.exe`` (what Explorer's
Properties → Details shows), built from the app's one version number.

PyInstaller reads a version *file*: Python source of a ``VSVersionInfo(...)`` expression,
which it evaluates on the Windows build machine. We write that text from
``gwgk_desktop.__version__`` at build time instead of keeping a hand-edited copy that
falls out of step. (PyInstaller's ``versioninfo`` classes import ``pefile``, which is only
installed on Windows, so this module builds the text without them.)
"""

from __future__ import annotations

import re

#: Simplified Chinese (PRC) with the Unicode code page: the pair Windows looks up first on
#: a Chinese system.
LANGUAGE_ZH_CN = 0x0804
CODEPAGE_UNICODE = 1200

COMPANY = "GWGK Desktop 项目"
PRODUCT = "政务公开目录"
COPYRIGHT = "© GWGK Desktop 项目"


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``"0.1.0"`` → ``(0, 1, 0, 0)``. A pre-release or local suffix (``"1.2.0rc1"``,
    ``"1.2.0+git5"``) is dropped: the binary fields hold four 16-bit numbers only."""
    match = re.match(r"^(\d+(?:\.\d+){0,3})", version)
    if match is None:
        raise ValueError(f"not a version number: {version!r}")
    numbers = [int(part) for part in match[1].split(".")]
    if any(n > 0xFFFF for n in numbers):
        raise ValueError(f"version part too large for a Windows version resource: {version!r}")
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def version_file_text(version: str, exe_name: str, description: str) -> str:
    """The text of a PyInstaller version file for ``exe_name``."""
    numbers = version_tuple(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": description,
        "FileVersion": ".".join(str(n) for n in numbers),
        "InternalName": exe_name.removesuffix(".exe"),
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": exe_name,
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    table = f"{LANGUAGE_ZH_CN:04X}{CODEPAGE_UNICODE:04X}"
    string_lines = ",\n".join(
        f"          StringStruct({key!r}, {value!r})" for key, value in strings.items()
    )
    return f"""# UTF-8
# Written by packaging/gwgk_pack/winver.py from gwgk_desktop.__version__; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        {table!r},
        [
{string_lines}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [{LANGUAGE_ZH_CN:#06x}, {CODEPAGE_UNICODE}])])
  ]
)
"""
