"""Loading this package's Qt Designer form (``ui/print_dialog.ui``) with QUiLoader, so a
checkout, a wheel and a PyInstaller bundle use the same file (found via ``paths``)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice, QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gwgk_desktop.paths import ui_file

W = TypeVar("W", bound=QObject)


def embed_form(name: str, host: QWidget) -> QWidget:
    """Load ``ui/<name>`` and make it fill ``host``."""
    path = ui_file(name)
    handle = QFile(str(path))
    if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"cannot open form {path}: {handle.errorString()}")
    try:
        loader = QUiLoader()
        form = loader.load(handle, host)
    finally:
        handle.close()
    if form is None:
        raise RuntimeError(f"cannot load form {path}: {loader.errorString()}")
    layout = QVBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(form)
    return form


def child(root: QObject, kind: type[W], name: str) -> W:
    """The widget called ``name`` in a loaded form; a missing one is a bug."""
    found = root.findChild(kind, name)
    if found is None:
        raise LookupError(f"form {root.objectName()!r} has no {kind.__name__} named {name!r}")
    return found
