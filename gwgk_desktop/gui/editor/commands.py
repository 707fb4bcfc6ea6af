"""Undo commands of the item editor. They change the edited content through the editor's
``apply`` (which also updates the widget), never the database: saving is a separate step.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from gwgk_desktop.domain.validation import label
from gwgk_desktop.gui.text import fmt

#: Command id of field edits; merging also needs the same field (``mergeWith``).
SET_FIELD_ID = 1001


class FieldHost(Protocol):
    def apply(self, path: str, value: Any, *, reveal: bool) -> None: ...


class SetFieldCommand(QUndoCommand):
    """Set one content field from ``old`` to ``new``. Consecutive typing into the same
    field merges into one step; typing back to the old value makes the step vanish."""

    def __init__(self, host: FieldHost, path: str, old: Any, new: Any, merge: bool) -> None:
        super().__init__(
            fmt(
                QCoreApplication.translate("SetFieldCommand", "修改%1"),
                label(path.partition("[")[0]),
            )
        )
        self.host = host
        self.path = path
        self.old = copy.deepcopy(old)
        self.new = copy.deepcopy(new)
        self.merge = merge
        self._pushed = False

    def id(self) -> int:
        return SET_FIELD_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldCommand) or other.path != self.path or not self.merge:
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        # The first redo happens on push, when the widget already shows the new value.
        self.host.apply(self.path, copy.deepcopy(self.new), reveal=self._pushed)
        self._pushed = True

    def undo(self) -> None:
        self.host.apply(self.path, copy.deepcopy(self.old), reveal=True)


class StepCommand(QUndoCommand):
    """Several commands as one undo step (kept in Python: a Qt child command would lose
    its Python half, and with it its ``redo``)."""

    def __init__(self, text: str, commands: list[QUndoCommand]) -> None:
        super().__init__(text)
        self.commands = commands

    def redo(self) -> None:
        for command in self.commands:
            command.redo()

    def undo(self) -> None:
        for command in reversed(self.commands):
            command.undo()


class ReplaceCommand(QUndoCommand):
    """Replace a whole value at once through ``apply`` (a recovered draft's content, a
    flowchart template); each step hands ``apply`` its own copy."""

    def __init__(self, text: str, apply: Callable[[Any], None], old: Any, new: Any) -> None:
        super().__init__(text)
        self.apply = apply
        self.old = copy.deepcopy(old)
        self.new = copy.deepcopy(new)

    def redo(self) -> None:
        self.apply(copy.deepcopy(self.new))

    def undo(self) -> None:
        self.apply(copy.deepcopy(self.old))
