"""The item editor's autosave: while there are unsaved changes, the content is written to
a draft file every few seconds (``services.autosave``), so a crash or a power cut loses at
most that much typing; the draft goes once the changes are saved, undone or thrown away.
``recover`` opens a draft a crashed instance left behind as unsaved changes again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from gwgk_desktop.domain.models import ItemContent
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.editor.commands import ReplaceCommand
from gwgk_desktop.gui.jobs import show_error
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.autosave import Draft, DraftSession
from gwgk_desktop.services.changes import new_content

if TYPE_CHECKING:
    from gwgk_desktop.gui.editor.editor import ItemEditor


@dataclass(frozen=True)
class Unsaved:
    """What the editor would write to its draft now."""

    content: ItemContent
    item_id: int | None
    item_uuid: str | None
    base_revision: int | None
    operator: str


class Autosave(QObject):
    """Writes one editor's draft. ``unsaved()`` asks the editor for what to write (None:
    nothing, the editor is clean or read-only); the undo stack's index says whether it
    changed since the last write.

    Signals: ``written(str)`` with the draft file's path; ``failed(str)`` with why
    autosave does not work (once per editor: the user need not hear it every 5 s).
    """

    written = Signal(str)
    failed = Signal(str)

    INTERVAL_MS = 5000

    def __init__(
        self,
        drafts: DraftSession | None,
        undo_stack: QUndoStack,
        unsaved: Callable[[], Unsaved | None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.drafts = drafts
        self.undo_stack = undo_stack
        self.unsaved = unsaved
        self.key = ""
        self._written_index = 0
        self._warned = False
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.write)
        self.timer.start()

    def track(self, key: str) -> None:
        """From now on the editor shows the item of draft ``key``: the previous draft is
        dropped (the caller has dealt with unsaved work) and nothing is written yet."""
        self.discard()
        self.key = key
        self._written_index = 0

    def write(self) -> str | None:
        """Write the unsaved content to the draft file if it changed since the last
        write; returns the path written."""
        if self.drafts is None:
            return None
        unsaved = self.unsaved()
        if unsaved is None or self.undo_stack.index() == self._written_index:
            return None
        try:
            path = self.drafts.write(
                self.key,
                unsaved.content,
                item_id=unsaved.item_id,
                item_uuid=unsaved.item_uuid,
                base_revision=unsaved.base_revision,
                operator=unsaved.operator,
            )
        except UserError as error:
            if not self._warned:
                self._warned = True
                self.failed.emit(error.message)
            return None
        self._written_index = self.undo_stack.index()
        self.written.emit(str(path))
        return str(path)

    def discard(self) -> None:
        """Remove the draft: what it held is saved, or nobody wants it any more."""
        if self.drafts is not None and self.key:
            self.drafts.remove(self.key)
        self._written_index = -1

    def stop(self) -> None:
        """Never write (a read-only view of an older revision)."""
        self.timer.stop()


def recover(editor: ItemEditor, draft: Draft) -> bool:
    """Open an autosaved draft in ``editor`` as unsaved changes (undoable), asking first
    when the item changed since; False if it cannot be (the reason is shown)."""
    title = QCoreApplication.translate("Recovery", "恢复自动保存的内容")
    if draft.item_id is None:
        editor.show_new(new_content(draft.kind, None, editor.station_name))
    else:
        try:
            item = editor.open_item(draft.item_id)
        except UserError as error:
            show_error(editor, title, error)
            return False
        if editor.read_only_reason:
            text = QCoreApplication.translate("Recovery", "“%1”现在不能修改：%2")
            QMessageBox.warning(editor, title, fmt(text, item.name, editor.read_only_reason))
            return False
        if draft.base_revision is not None and item.revision != draft.base_revision:
            text = QCoreApplication.translate(
                "Recovery",
                "“%1”在自动保存之后又有了新的版本（现为第%2版）。"
                "恢复会用自动保存的内容替换当前内容，保存前可以核对。要恢复吗？",
            )
            answer = QMessageBox.question(editor, title, fmt(text, item.name, item.revision))
            if answer != QMessageBox.StandardButton.Yes:
                return False
    editor.undo_stack.push(ReplaceCommand(title, editor.replace_content, editor.doc, draft.content))
    editor.problems.show_all = True
    editor.autosave.write()
    return True
