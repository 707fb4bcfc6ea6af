"""The Qt Designer forms of ``ui/``, and typed access to their widgets.

The ``.ui`` files are the source of truth for form layouts; ``tools/compile_forms.py``
compiles them with pyside6-uic into ``gui/designer/`` (a test keeps the two in step). Compiled
forms need no QtUiTools at run time (which would also load QtOpenGL and libGL), start
faster, and work the same from a checkout, a wheel and a PyInstaller bundle. Their strings
go through ``QCoreApplication.translate`` with the form's class name as context, which is
where ``pyside6-lupdate`` files them too.
"""

from __future__ import annotations

import importlib
from typing import Any, TypeVar, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

W = TypeVar("W", bound=QObject)


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Instantiate the form ``ui/<name>`` (e.g. ``"login_form.ui"``) as a child of
    ``parent``."""
    stem = name.removesuffix(".ui")
    try:
        module = importlib.import_module(f"gwgk_desktop.gui.designer.{stem}")
    except ModuleNotFoundError as error:
        raise FileNotFoundError(
            f"form {name} is not compiled: run tools/compile_forms.py"
        ) from error
    classes = [value for key, value in vars(module).items() if key.startswith("Ui_")]
    if len(classes) != 1:
        raise RuntimeError(f"compiled form {stem} should define one Ui_ class")
    widget = QWidget(parent)
    ui: Any = classes[0]()
    ui.setupUi(widget)
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


def children(root: QObject, kind: type[W], *, direct: bool = False) -> list[W]:
    """``root``'s descendants of type ``kind`` (only its direct children when ``direct``),
    typed: PySide6 6.8's stubs type ``findChildren`` as an iterable of nothing."""
    option = (
        Qt.FindChildOption.FindDirectChildrenOnly
        if direct
        else Qt.FindChildOption.FindChildrenRecursively
    )
    return cast(list[W], list(root.findChildren(kind, options=option)))
