"""Bindings between the widgets of a form and the fields of an item's content.

A binding knows one field path (``name``, ``guide.phone``, ``channels`` …), reads and
writes its widget, and emits ``edited`` only when the *user* changed the value, never when
the editor set it (loading, undo, redo). The editor turns each ``edited`` into an undoable
command, so every change, typed or clicked, goes through one ``QUndoStack``.

The text widgets' own undo is switched off and their Ctrl+Z / Ctrl+Y are passed to the
window's undo actions (``gui.shortcuts.UndoKeysToWindow``): one history per editor, not
one per field.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from enum import Enum
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QWidget,
)

from gwgk_desktop.gui.flow_layout import FlowLayout
from gwgk_desktop.gui.shortcuts import UndoKeysToWindow

#: The "no date" value of a date field: shown as the special text, stored as None.
NO_DATE = QDate(1900, 1, 1)


class Binding(QObject):
    """One field of the content and the widget that edits it.

    Signals: ``edited()`` when the user changed the value.
    """

    edited = Signal()

    #: Typing into the same field merges into one undo step.
    merge = False

    def __init__(self, path: str, widget: QWidget) -> None:
        super().__init__(widget)
        self.path = path
        self.widget = widget
        self._setting = False

    def value(self) -> Any:
        raise NotImplementedError

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show ``value`` without emitting ``edited``."""
        self._setting = True
        try:
            self._show(value)
        finally:
            self._setting = False

    def _user_edit(self, *_args: object) -> None:
        if not self._setting:
            self.edited.emit()

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setEnabled(not read_only)

    def focus_widget(self) -> QWidget:
        return self.widget


class LineBinding(Binding):
    merge = True

    def __init__(self, path: str, widget: QLineEdit, undo_keys: UndoKeysToWindow) -> None:
        super().__init__(path, widget)
        self.edit = widget
        widget.installEventFilter(undo_keys)
        widget.textEdited.connect(self._user_edit)

    def value(self) -> str:
        return self.edit.text()

    def _show(self, value: Any) -> None:
        if self.edit.text() != value:
            self.edit.setText(str(value or ""))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class TextBinding(Binding):
    merge = True

    def __init__(self, path: str, widget: QPlainTextEdit, undo_keys: UndoKeysToWindow) -> None:
        super().__init__(path, widget)
        self.edit = widget
        widget.setUndoRedoEnabled(False)
        widget.setTabChangesFocus(True)
        widget.installEventFilter(undo_keys)
        widget.textChanged.connect(self._user_edit)

    def value(self) -> str:
        return self.edit.toPlainText()

    def _show(self, value: Any) -> None:
        if self.edit.toPlainText() != value:
            self.edit.setPlainText(str(value or ""))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class ComboBinding(Binding):
    """A combo box whose items carry the stored value as user data."""

    def __init__(self, path: str, widget: QComboBox) -> None:
        super().__init__(path, widget)
        self.combo = widget
        widget.currentIndexChanged.connect(self._user_edit)

    def set_choices(self, choices: Sequence[tuple[Any, str]], empty: str | None = None) -> None:
        self._setting = True
        try:
            self.combo.clear()
            if empty is not None:
                self.combo.addItem(empty, None)
            for value, text in choices:
                self.combo.addItem(text, value)
        finally:
            self._setting = False

    def value(self) -> Any:
        return self.combo.currentData()

    def _show(self, value: Any) -> None:
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(max(index, 0))


class RadioBinding(Binding):
    """A radio group for an enum, built inside a placeholder widget of the form."""

    def __init__(self, path: str, host: QWidget, enum_type: type[Enum]) -> None:
        super().__init__(path, host)
        self.group = QButtonGroup(host)
        layout = QHBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[Any, QRadioButton] = {}
        for member in enum_type:
            button = QRadioButton(getattr(member, "label", str(member.value)), host)
            button.setObjectName(f"{path}_{member.value}")
            self.group.addButton(button)
            layout.addWidget(button)
            self.buttons[member] = button
        layout.addStretch(1)
        self.group.buttonToggled.connect(self._toggled)

    def _toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._user_edit()

    def value(self) -> Any:
        for member, button in self.buttons.items():
            if button.isChecked():
                return member
        return None

    def _show(self, value: Any) -> None:
        button = self.buttons.get(value)
        if button is not None:
            button.setChecked(True)

    def focus_widget(self) -> QWidget:
        checked = self.group.checkedButton()
        return checked if checked is not None else next(iter(self.buttons.values()))

    def tab_widgets(self) -> list[QWidget]:
        return list(self.buttons.values())


class ChecksBinding(Binding):
    """A group of check boxes (the channels), value = the checked codes in list order."""

    def __init__(self, path: str, host: QWidget) -> None:
        super().__init__(path, host)
        self._layout = FlowLayout(host)
        self.boxes: dict[str, QCheckBox] = {}

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        for box in self.boxes.values():
            # Out of the layout and out of sight now; deleted once back in the event loop.
            self._layout.removeWidget(box)
            box.hide()
            box.deleteLater()
        self.boxes = {}
        for code, text in choices:
            box = QCheckBox(text, self.widget)
            box.setObjectName(f"{self.path}_{code}")
            box.toggled.connect(self._user_edit)
            self._layout.addWidget(box)
            box.show()  # at once, also when the form is already on screen
            self.boxes[code] = box

    def value(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())

    def _show(self, value: Any) -> None:
        wanted = set(value or ())
        for code, box in self.boxes.items():
            box.setChecked(code in wanted)

    def focus_widget(self) -> QWidget:
        return next(iter(self.boxes.values()), self.widget)

    def tab_widgets(self) -> list[QWidget]:
        return list(self.boxes.values())


class DateBinding(Binding):
    """An optional date: a calendar-popup date edit and a clear button beside it."""

    def __init__(self, path: str, edit: QDateEdit, clear: QToolButton) -> None:
        super().__init__(path, edit)
        self.edit = edit
        self.clear_button = clear
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("（未填写）"))
        edit.setDate(NO_DATE)
        edit.dateChanged.connect(self._user_edit)
        clear.clicked.connect(self._clear)
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Opening the calendar on an empty date would show January 1900: start at today.
        opening = event.type() == QEvent.Type.MouseButtonPress or (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and (
                event.key() == Qt.Key.Key_F4
                or (
                    event.key() == Qt.Key.Key_Down
                    and event.modifiers() & Qt.KeyboardModifier.AltModifier
                )
            )
        )
        if watched is self.edit and opening and self.edit.date() == NO_DATE:
            self.edit.setDate(QDate.currentDate())
        return super().eventFilter(watched, event)

    def _clear(self) -> None:
        if self.edit.date() != NO_DATE:
            self.edit.setDate(NO_DATE)

    def value(self) -> dt.date | None:
        date = self.edit.date()
        if date == NO_DATE:
            return None
        return dt.date(date.year(), date.month(), date.day())

    def _show(self, value: Any) -> None:
        target = NO_DATE if value is None else QDate(value.year, value.month, value.day)
        if self.edit.date() != target:
            self.edit.setDate(target)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.clear_button.setEnabled(not read_only)

    def tab_widgets(self) -> list[QWidget]:
        return [self.edit, self.clear_button]


class CheckBinding(Binding):
    """A yes/no field edited with a check box (a time limit's 即时办结)."""

    def __init__(self, path: str, box: QCheckBox) -> None:
        super().__init__(path, box)
        self.box = box
        box.toggled.connect(self._user_edit)

    def value(self) -> bool:
        return self.box.isChecked()

    def _show(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def instead_of(self, other: QWidget) -> None:
        """While checked, ``other`` (the days it stands instead of) is greyed out."""
        self.box.toggled.connect(lambda checked: other.setEnabled(not checked))
        other.setEnabled(not self.box.isChecked())


class DaysBinding(Binding):
    """A number of working days, 0 shown as the special text and stored as None."""

    merge = True

    def __init__(self, path: str, spin: QSpinBox) -> None:
        super().__init__(path, spin)
        self.spin = spin
        spin.setMinimum(0)
        spin.valueChanged.connect(self._user_edit)
        spin.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A digit typed over the "not filled in" text starts the number, instead of
        # being refused by the spin box's validator.
        if (
            watched is self.spin
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.text().isdigit()
            and event.text() != "0"
            and self.spin.value() == self.spin.minimum()
            and not self.spin.isReadOnly()
        ):
            self.spin.setValue(int(event.text()))
            line = self.spin.lineEdit()
            if line is not None:
                line.setCursorPosition(len(self.spin.prefix()) + 1)
            return True
        return super().eventFilter(watched, event)

    def value(self) -> int | None:
        return self.spin.value() or None

    def _show(self, value: Any) -> None:
        self.spin.setValue(int(value or 0))

    def set_read_only(self, read_only: bool) -> None:
        self.spin.setReadOnly(read_only)


def tab_chain(bindings: Sequence[Binding]) -> list[QWidget]:
    """The widgets of ``bindings`` in form order, for ``QWidget.setTabOrder``."""
    chain: list[QWidget] = []
    for binding in bindings:
        widgets = getattr(binding, "tab_widgets", None)
        chain.extend(widgets() if widgets is not None else [binding.widget])
    return chain


def set_tab_order(widgets: Sequence[QWidget]) -> None:
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
