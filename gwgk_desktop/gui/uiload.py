"""The Qt Designer forms of ``ui/``, used through their compiled, typed ``Ui_`` classes.

The ``.ui`` files are the source of truth for form layouts; ``tools/compile_forms.py``
compiles them with pyside6-uic into ``gui/designer/`` (a test keeps the two in step), so
the ``ui/`` folder itself is not needed at run time. A window uses a form as::

    self.ui = Ui_LoginForm()
    embed_form(self.ui, self)      # or: widget = build_form(self.ui, parent)
    self.ui.username.setText(...)  # typed: a renamed widget fails mypy, not a clerk

Compiled forms need no QtUiTools at run time (which would also load QtOpenGL and libGL),
start faster, and work the same from a checkout, a wheel and a PyInstaller bundle. Their
strings go through ``QCoreApplication.translate`` with the form's class name as context,
which is where ``pyside6-lupdate`` files them too.
"""

from __future__ import annotations

from typing import Protocol, TypeVar, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

W = TypeVar("W", bound=QObject)


class Form(Protocol):
    """A compiled Designer form (``gui.designer.*.Ui_*``)."""

    def setupUi(self, form: QWidget) -> None: ...


def build_form(ui: Form, parent: QWidget | None = None) -> QWidget:
    """Set the form ``ui`` up on a new widget (a child of ``parent``) and return it; the
    form's widgets are then ``ui``'s attributes."""
    widget = QWidget(parent)
    ui.setupUi(widget)
    return widget


def embed_form(ui: Form, host: QWidget) -> QWidget:
    """``build_form`` into a widget that fills ``host`` (a dialog, page or placeholder)."""
    form = build_form(ui, host)
    layout = QVBoxLayout(host)
    if not host.isWindow():  # a dialog keeps the style's margins; a placeholder none
        layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(form)
    return form


def children(root: QObject, kind: type[W], *, direct: bool = False) -> list[W]:
    """``root``'s descendants of type ``kind`` (only its direct children when ``direct``),
    typed: PySide6 6.8's stubs type ``findChildren`` as an iterable of nothing."""
    option = (
        Qt.FindChildOption.FindDirectChildrenOnly
        if direct
        else Qt.FindChildOption.FindChildrenRecursively
    )
    return cast(list[W], list(root.findChildren(kind, options=option)))
