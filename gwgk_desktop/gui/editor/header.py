"""The top of the item editor: the item's name (with ``*`` while unsaved), its 索引号,
status and revision, a banner on what saving will do or why the item is read-only, and
which of the save, delete, restore, review and "in force" buttons are shown and enabled.
It only shows the editor's state; the editor says when it changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from gwgk_desktop.domain import workflow
from gwgk_desktop.gui.text import fmt, local_time

if TYPE_CHECKING:
    from gwgk_desktop.gui.editor.editor import ItemEditor


class EditorHeader(QObject):
    """Keeps the editor's title, meta line, banner and buttons in step with it."""

    def __init__(self, editor: ItemEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def update_title(self) -> None:
        editor, item = self.editor, self.editor.item
        name = editor.doc.name.strip() or self.tr("（未命名）")
        dirty = "" if editor.undo_stack.isClean() else " *"
        editor.ui.title.setText(f"{name}{dirty}")
        if item is None:
            editor.ui.meta.setText(
                fmt(self.tr("新建%1 · 尚未保存，保存后分配索引号"), editor.kind.label)
            )
        else:
            editor.ui.meta.setText(
                fmt(
                    self.tr("%1 · %2 · 状态：%3 · 第%4版 · %5 %6 修改"),
                    item.index_number,
                    editor.kind.label,
                    item.status.label,
                    item.revision,
                    item.updated_by or self.tr("系统"),
                    local_time(item.updated_at),
                )
            )
        editor.ui.banner.setText(self._banner_text())
        editor.ui.banner.setVisible(bool(editor.ui.banner.text()))

    def _banner_text(self) -> str:
        editor, item = self.editor, self.editor.item
        notes: list[str] = []
        if item is not None and not editor.view_only:
            if item.status in workflow.REVISABLE and not editor.read_only_reason:
                notes.append(
                    fmt(
                        self.tr(
                            "本事项%1（第%2版）。修改并保存后会生成第%3版草稿；"
                            "新版审核通过前，仍以第%2版为准。"
                        ),
                        item.status.label,
                        item.revision,
                        item.revision + 1,
                    )
                )
            elif item.live_revision is not None:
                notes.append(
                    fmt(
                        self.tr("这是第%1版（%2）。已审核的第%3版仍然有效，可点“查看在用版本”。"),
                        item.revision,
                        item.status.label,
                        item.live_revision,
                    )
                )
        if editor.read_only_reason:
            notes.append(fmt(self.tr("只读：%1。"), editor.read_only_reason))
        return "\n".join(notes)

    def update_save_button(self) -> None:
        editor = self.editor
        button = editor.ui.saveButton
        editable = editor.is_open() and not editor.read_only_reason
        button.setEnabled(editable and not editor.undo_stack.isClean())
        if not editable:
            button.setToolTip(editor.read_only_reason or self.tr("没有打开的事项"))
        elif editor.undo_stack.isClean():
            button.setToolTip(self.tr("没有需要保存的修改"))
        else:
            button.setToolTip(self.tr("保存修改（Ctrl+S）"))

    def update_actions(self) -> None:
        """What the review, delete and restore actions allow now (buttons and menus)."""
        editor = self.editor
        note = "" if editor.is_open() else self.tr("没有打开的事项")
        editor.item_actions.update(editor.catalogue, editor.actor, editor.item, note)

    def update_buttons(self) -> None:
        editor, item = self.editor, self.editor.item
        self.update_save_button()
        self.update_actions()
        shown = not editor.view_only
        for button in editor.review_buttons.values():
            button.setVisible(shown)
        editor.ui.saveButton.setVisible(shown)
        live = item.live_revision if item is not None else None
        editor.ui.liveButton.setVisible(shown and live is not None)
        if live is not None:
            editor.ui.liveButton.setText(fmt(self.tr("查看在用版本（第%1版）"), live))
        deleted = item is not None and item.deleted
        editor.ui.restoreButton.setVisible(deleted and shown)
        editor.ui.deleteButton.setVisible(not deleted and shown)
