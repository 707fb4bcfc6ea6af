"""The application's settings, each declared once with its key, type and default (as
Picard's ``options.py``), stored in ``QSettings`` (the user's configuration folder).

Read and write them as typed attributes: ``settings.print_font = path``,
``settings.pdf_folder`` (a ``Path`` or None). Nothing else in the GUI touches ``QSettings``.
A value a user edited by hand into something unusable reads as the default. Tests and the
self-test pass their own store (an INI file in a temporary folder), so they never change
the user's settings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _folder(value: object) -> Path | None:
    return Path(value) if isinstance(value, str) and value else None


def _mode(value: object) -> str:
    return value if value in ("station", "bureau") else ""


def _flag(value: object) -> bool:
    if isinstance(value, str):  # INI files give strings
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def _width(value: object) -> int:
    if isinstance(value, (int, str)) and str(value).isdigit():  # INI files give strings
        return int(value)
    return 0


def _bytes(value: object) -> bytes:
    if isinstance(value, QByteArray):
        return bytes(value.data())
    return value if isinstance(value, bytes) else b""


class Option(Generic[T]):
    """One setting: ``key`` in the store, the value when unset or unreadable, and how a
    stored value is read back (INI files give strings, the registry may give others)."""

    def __init__(self, key: str, default: T, read: Callable[[object], T]) -> None:
        self.key = key
        self.default = default
        self.read = read

    @overload
    def __get__(self, settings: None, owner: type[Settings]) -> Option[T]: ...

    @overload
    def __get__(self, settings: Settings, owner: type[Settings]) -> T: ...

    def __get__(self, settings: Settings | None, owner: type[Settings]) -> Option[T] | T:
        if settings is None:
            return self
        stored = settings.store.value(self.key)
        return self.default if stored is None else self.read(stored)

    def __set__(self, settings: Settings, value: T) -> None:
        stored: Any = value
        if isinstance(value, Path):
            stored = str(value)
        elif isinstance(value, bytes):
            stored = QByteArray(value)
        if value is None:
            settings.store.remove(self.key)
        else:
            settings.store.setValue(self.key, stored)


class Settings:
    """The user's settings (``Settings()``) or those of another ``QSettings`` store."""

    # The CJK font file the printed documents use (before GWGK_FONT and system fonts).
    print_font = Option("printing/font", "", _text)
    # The folder a PDF was last saved to.
    pdf_folder = Option("printing/save_dir", None, _folder)
    # The folder a submission package was last exported to.
    package_folder = Option("export/folder", None, _folder)
    # The main window's size, position and maximised state (``saveGeometry``).
    window_geometry = Option("main_window/geometry", b"", _bytes)
    # The widths of the workbench's three panes (``QSplitter.saveState``).
    window_panes = Option("main_window/panes", b"", _bytes)
    # What this computer is for: "station" (a station's workbench) or "bureau" (the city
    # bureau's side); "" until the first start has asked.
    app_mode = Option("app/mode", "", _mode)
    # The city bureau's database the bureau window opens: a SQLite file or a PostgreSQL URL.
    bureau_database = Option("bureau/database", "", _text)
    # The item table's column widths and order (``QHeaderView.saveState``).
    item_columns = Option("main_window/item_columns", b"", _bytes)
    # The history tab's column widths.
    history_columns = Option("editor/history_columns", b"", _bytes)
    # The narrowest the item editor's page can be (its row of review buttons), measured
    # when it was last built; 0 before it ever was. The page is built after the window's
    # first frame, and the editor keeps this width until then.
    editor_min_width = Option("editor/min_width", 0, _width)
    # The flowchart editor's palette, chart and properties widths.
    chart_panes = Option("editor/chart_panes", b"", _bytes)
    # Whether the flowchart tab hides the categories and the item list (F11 on that tab
    # changes it), to give the drawing the room.
    chart_full_width = Option("editor/chart_full_width", True, _flag)
    # The 依申请公开 register's column widths and the width of its detail pane.
    request_columns = Option("requests/columns", b"", _bytes)
    request_panes = Option("requests/panes", b"", _bytes)

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings()

    def sync(self) -> None:
        """Write pending changes to disk now (QSettings otherwise does it later)."""
        self.store.sync()
