"""Build helpers for the desktop bundle: what goes into it (``trim``), the Debian package
(``deb``), the icon (``icon``) and the Windows version resource (``winver``).

Imported by ``packaging/gwgk-desktop.spec`` and ``packaging/build.py``; not part of the app.
"""

from pathlib import Path


def folder_size(path: Path) -> int:
    """Bytes of the files under ``path`` (or of the file ``path``), links not followed: the
    size the budget counts."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
