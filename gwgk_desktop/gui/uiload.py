"""Loading the Qt Designer forms in ``ui/`` at run time, and typed access to their widgets.

The ``.ui`` files are the source of truth for form layouts. They are read with QUiLoader
(not compiled with pyside6-uic), so a checkout, a wheel and a PyInstaller bundle all use
the very same files, found through ``paths.ui_file``. QUiLoader passes every string of a
form through ``QCoreApplication.translate`` with the form's class name as context, which
is where ``pyside6-lupdate`` files them too.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice, QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gwgk_desktop.paths import ui_file

W = TypeVar("W", bound=QObject)

_loader: QUiLoader | None = None


def _the_loader() -> QUiLoader:
    # One loader for the whole application: building one scans Qt's plugin paths.
    global _loader  # noqa: PLW0603
    if _loader is None:
        _loader = QUiLoader()
    return _loader


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Instantiate ``ui/<name>`` as a child of ``parent``."""
    path = ui_file(name)
    handle = QFile(str(path))
    if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"cannot open form {path}: {handle.errorString()}")
    try:
        loader = _the_loader()
        widget = loader.load(handle, parent)
    finally:
        handle.close()
    if widget is None:
        raise RuntimeError(f"cannot load form {path}: {loader.errorString()}")
    return widget


def embed_form(name: str, host: QWidget) -> QWidget:
    """Load ``ui/<name>`` and make it fill ``host`` (a dialog, page or placeholder)."""
    form = load_form(name, host)
    layout = QVBoxLayout(host)
    if not host.isWindow():  # a dialog keeps the style's margins; a placeholder none
        layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(form)
    return form


def child(root: QObject, kind: type[W], name: str) -> W:
    """The widget called ``name`` in a loaded form; fails loudly when the form and the
    code disagree (a renamed widget is a bug, not something to skip silently)."""
    found = root.findChild(kind, name)
    if found is None:
        raise LookupError(f"form {root.objectName()!r} has no {kind.__name__} named {name!r}")
    return found
