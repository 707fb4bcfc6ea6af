"""Python code in the bundle, compressed harder than PyInstaller does by default.

- ``base_library.zip`` (the standard library modules the interpreter needs before
  PyInstaller's importer runs: ``encodings``, ``re``, ``collections`` …) is written
  uncompressed by PyInstaller: 1.3 MB, 0.55 MB deflated. ``zipimport`` inflates with
  ``zlib``, which the bundle's Python finds in ``lib-dynload`` already at that stage (the
  bundle test starts the bundle, also in the bare C locale, where ``encodings`` comes from
  this archive). Linux only: the Windows build is not tried here.
- The other modules (the PYZ archive inside ``gwgk``) at zlib level 9 instead of 6
  (0.1 MB less; inflating is as fast).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

#: Environment of the PyInstaller run: its PYZ writer reads the level from here.
PYINSTALLER_ENV = {"PYINSTALLER_ZLIB_COMPRESSION_LEVEL": "9"}


def deflate_zip(path: Path) -> tuple[int, int]:
    """Rewrite the zip archive ``path`` with every member deflated (names, dates and
    order kept); return its size before and after."""
    before = path.stat().st_size
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    temporary = path.with_name(path.name + ".part")
    with zipfile.ZipFile(temporary, "w") as target:
        for info, data in members:
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.external_attr = info.external_attr
            copy.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(copy, data, compresslevel=9)
    temporary.replace(path)
    return before, path.stat().st_size
