"""The Windows version resource text: valid for PyInstaller and made from the app version.

PyInstaller evaluates the text with its ``versioninfo`` classes (Windows only); here it is
evaluated with stand-ins that record their arguments, which checks the same syntax."""

from __future__ import annotations

from typing import Any

import pytest
from gwgk_pack import winver

from gwgk_desktop import __version__


class _Record:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args = args
        self.kwargs = kwargs


_NAMES = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
          "VarFileInfo", "VarStruct")  # fmt: skip


def _evaluate(text: str) -> Any:
    namespace = {name: type(name, (_Record,), {}) for name in _NAMES}
    return eval(text, namespace)  # the same thing PyInstaller does with a version file


def test_version_file_evaluates_to_the_expected_structure() -> None:
    info = _evaluate(winver.version_file_text("1.2.3", "gwgk-desktop.exe", "政务公开目录"))
    fixed = info.kwargs["ffi"]
    assert fixed.kwargs["filevers"] == (1, 2, 3, 0) == fixed.kwargs["prodvers"]
    string_info, var_info = info.kwargs["kids"]
    table = string_info.args[0][0]
    assert table.args[0] == "080404B0"
    strings = {s.args[0]: s.args[1] for s in table.args[1]}
    assert strings["ProductName"] == "政务公开目录"
    assert strings["FileDescription"] == "政务公开目录"
    assert strings["OriginalFilename"] == "gwgk-desktop.exe"
    assert strings["InternalName"] == "gwgk-desktop"
    assert strings["FileVersion"] == "1.2.3.0" and strings["ProductVersion"] == "1.2.3"
    assert var_info.args[0][0].args == ("Translation", [0x0804, 1200])


def test_app_version_is_usable() -> None:
    assert winver.version_tuple(__version__)[:3] == tuple(int(p) for p in __version__.split("."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("2", (2, 0, 0, 0)),
        ("1.2.0rc1", (1, 2, 0, 0)),
        ("1.2.3.4+git5", (1, 2, 3, 4)),
    ],
)
def test_version_tuple(text: str, expected: tuple[int, int, int, int]) -> None:
    assert winver.version_tuple(text) == expected


@pytest.mark.parametrize("text", ["", "v1.0", "1.70000.0"])
def test_bad_versions_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="version"):
        winver.version_tuple(text)
