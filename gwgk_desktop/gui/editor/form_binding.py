"""Which widget of a Designer form edits which field of an item's content, found by name.

A form widget named after a field of ``ItemContent`` (``name``, ``channels``) or of its
``ServiceGuide`` (``guide_phone`` for ``guide.phone``) edits that field; the kind of
binding follows the widget's type. So the field lists are the dataclasses' and the forms',
not a third list here, and the tab order is the form's (its layout rows, top down).
"""

from __future__ import annotations

from dataclasses import fields
from enum import Enum

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from gwgk_desktop.domain.enums import Audience, DisclosureMode, Level, Validity
from gwgk_desktop.domain.models import IMMEDIATE_FLAGS, ItemContent, ServiceGuide
from gwgk_desktop.gui.editor.fields import (
    Binding,
    CheckBinding,
    ChecksBinding,
    ComboBinding,
    DateBinding,
    DaysBinding,
    LineBinding,
    RadioBinding,
    TextBinding,
)
from gwgk_desktop.gui.forms import form_row
from gwgk_desktop.gui.shortcuts import UndoKeysToWindow
from gwgk_desktop.gui.uiload import children

#: Fields edited with a row of radio buttons (built into a placeholder widget).
RADIO_ENUMS: dict[str, type[Enum]] = {
    "audience": Audience,
    "mode": DisclosureMode,
    "level": Level,
    "validity": Validity,
}
#: Content fields edited elsewhere than in a form's field rows (tables, the chart).
NOT_IN_FORMS = ("kind", "guide", "materials", "fee_links", "flowchart", "attachments")


def field_paths() -> list[str]:
    """Every field path a form may bind: the content's own fields, then the guide's."""
    own = [f.name for f in fields(ItemContent) if f.name not in NOT_IN_FORMS]
    return own + [f"guide.{f.name}" for f in fields(ServiceGuide)]


def widget_name(path: str) -> str:
    return path.replace(".", "_")


def bind_form(root: QWidget, undo_keys: UndoKeysToWindow) -> list[Binding]:
    """Bindings for every field widget of the form ``root``, in the form's order."""
    bindings: list[Binding] = []
    for path in field_paths():
        widget = root.findChild(QWidget, widget_name(path))
        if widget is not None:
            bindings.append(_binding(root, path, widget, undo_keys))
    by_path = {b.path: b for b in bindings}
    for flag, days in IMMEDIATE_FLAGS.items():
        check, spin = by_path.get(f"guide.{flag}"), by_path.get(f"guide.{days}")
        if isinstance(check, CheckBinding) and spin is not None:
            check.instead_of(spin.widget)
    layouts = children(root, QFormLayout)

    def position(binding: Binding) -> tuple[int, int]:
        for index, layout in enumerate(layouts):
            row = form_row(layout, binding.widget)
            if row >= 0:
                return index, row
        return len(layouts), 0

    return sorted(bindings, key=position)


def _binding(root: QWidget, path: str, widget: QWidget, undo_keys: UndoKeysToWindow) -> Binding:
    if path in RADIO_ENUMS:
        return RadioBinding(path, widget, RADIO_ENUMS[path])
    if path == "channels":
        return ChecksBinding(path, widget)
    if isinstance(widget, QLineEdit):
        return LineBinding(path, widget, undo_keys)
    if isinstance(widget, QPlainTextEdit):
        return TextBinding(path, widget, undo_keys)
    if isinstance(widget, QComboBox):
        return ComboBinding(path, widget)
    if isinstance(widget, QDateEdit):
        clear = root.findChild(QToolButton, f"{widget_name(path)}Clear")
        if clear is None:  # pragma: no cover - a form/code mismatch
            raise LookupError(f"date field {path} has no clear button")
        return DateBinding(path, widget, clear)
    if isinstance(widget, QSpinBox):
        return DaysBinding(path, widget)
    if isinstance(widget, QCheckBox):
        return CheckBinding(path, widget)
    raise TypeError(f"no binding for {type(widget).__name__} {path}")  # pragma: no cover
