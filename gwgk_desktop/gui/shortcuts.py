"""Keyboard shortcuts that act on what has the focus.

Qt finds every enabled action whose shortcut matches a key and, when more than one
qualifies (the window's Ctrl+Z and the flowchart editor's), does nothing but warn
("Ambiguous shortcut overload"). Two helpers keep each key with one owner:

- ``OwnShortcuts``: a part of the window (the flowchart editor) keeps the keys of its own
  actions while the focus is inside it. It accepts the ``ShortcutOverride`` that Qt sends
  before looking for shortcuts, so no action of the window competes, and triggers its own
  action when the key press arrives. A field inside that handles the key itself (a line
  edit's Ctrl+C) still gets it first.
- ``UndoKeysToWindow``: a line or text edit whose edits are commands on an undo stack
  passes Ctrl+Z / Ctrl+Y on instead of undoing inside the field, so the stack, not the
  field, takes the step back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget


def is_undo_key(event: QKeyEvent) -> bool:
    """Ctrl+Z, Ctrl+Y, Ctrl+Shift+Z and the platform's own undo and redo keys."""
    if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
        return True
    combo = event.keyCombination()
    return combo.key() == Qt.Key.Key_Y and combo.keyboardModifiers() == (
        Qt.KeyboardModifier.ControlModifier
    )


class UndoKeysToWindow(QObject):
    """Event filter: lets Ctrl+Z / Ctrl+Y reach the undo actions instead of being
    swallowed by a line or text edit (which would undo inside the field only)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and is_undo_key(event)
        ):
            return True  # not accepted: the key goes on to the shortcuts
        return super().eventFilter(watched, event)


class OwnShortcuts(QObject):
    """Installed on ``host``: while the focus is in ``host`` or inside it, the shortcuts of
    ``actions()`` belong to those actions alone."""

    def __init__(self, host: QWidget, actions: Callable[[], Iterable[QAction]]) -> None:
        super().__init__(host)
        self.host = host
        self.actions = actions
        host.installEventFilter(self)

    def action_for(self, event: QKeyEvent) -> QAction | None:
        pressed = QKeySequence(event.keyCombination())
        for action in self.actions():
            for shortcut in action.shortcuts():
                if pressed.matches(shortcut) == QKeySequence.SequenceMatch.ExactMatch:
                    return action
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (
            watched is self.host
            and kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(event, QKeyEvent)
        ):
            action = self.action_for(event)
            if action is not None:
                event.accept()
                if kind == QEvent.Type.KeyPress and action.isEnabled():
                    action.trigger()
                return True
        return super().eventFilter(watched, event)
