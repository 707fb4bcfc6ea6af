"""Operations in the style of Anki's ``aqt/operations``: the GUI never changes data itself;
it runs one service call as an operation, which reports a refusal or an error in one
message (or hands it to the caller's handler), and on success announces what changed, so
that each view (the item table, the category counts, the editor) decides for itself what
to refresh.

These are the quick, single-transaction changes of one item (save, a review step, delete,
restore); they run on the GUI thread, which keeps them in order with the editor's undo
stack. Long jobs (export, printing, checks) run in a ``gui.jobs.Job`` with a progress
dialog instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.jobs import show_error

T = TypeVar("T")


class Change(Enum):
    CREATED = "created"
    SAVED = "saved"
    REVIEWED = "reviewed"
    DELETED = "deleted"
    RESTORED = "restored"


@dataclass(frozen=True)
class OpChanges:
    """What an operation changed: which item, how, and its name (for messages)."""

    change: Change
    item_id: int
    name: str = ""


#: Handlers of the errors a caller shows its own way (e.g. validation problems under
#: their fields): keyed by error type, the most specific one that matches is used.
Handlers = Mapping[type[UserError], Callable[[UserError], None]]


class Operations(QObject):
    """Runs the operations of one window's views. Signals: ``executed(object)`` with the
    ``OpChanges`` of each operation that succeeded."""

    executed = Signal(object)

    def run(
        self,
        parent: QWidget,
        title: str,
        call: Callable[[], T],
        done: Callable[[T], OpChanges],
        handlers: Handlers | None = None,
    ) -> bool:
        """Run ``call``; on success give its result to ``done`` (which updates the caller
        and says what changed) and announce that. A ``UserError`` goes to the matching
        handler, else into a message box titled ``title``; nothing is announced then.
        Returns whether the call succeeded."""
        try:
            result = call()
        except UserError as error:
            handler = _handler_for(error, handlers or {})
            if handler is not None:
                handler(error)
            else:
                show_error(parent, title, error)
            return False
        self.executed.emit(done(result))
        return True


def _handler_for(error: UserError, handlers: Handlers) -> Callable[[UserError], None] | None:
    for kind in type(error).__mro__:
        if kind in handlers:
            return handlers[kind]
    return None
