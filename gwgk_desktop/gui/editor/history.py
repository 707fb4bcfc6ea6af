"""The 历史记录 tab: who did what to an item and when, from the audit log, newest first,
with the changed fields (old → new) under each edit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from gwgk_desktop.domain.validation import FIELD_LABELS
from gwgk_desktop.gui.text import audit_action_label, fmt, local_time
from gwgk_desktop.services.queries import HistoryEntry

MAX_VALUE = 60


def _short(value: Any) -> str:
    if value in (None, "", [], {}):
        return QCoreApplication.translate("History", "（空）")
    if isinstance(value, list | dict):
        return fmt(QCoreApplication.translate("History", "（%1 项）"), len(value))
    text = str(value).replace("\n", " ")
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def change_lines(entry: HistoryEntry) -> list[str]:
    """One line per changed field: ``名称：旧 → 新``."""
    keys = [k for k in entry.after if k not in ("status", "revision", "comment", "published_on")]
    if entry.action == "item.create":
        return []
    lines = []
    for key in keys:
        before, after = entry.before.get(key), entry.after.get(key)
        if before == after:
            continue
        lines.append(
            fmt(
                QCoreApplication.translate("History", "%1：%2 → %3"),
                FIELD_LABELS.get(key, key),
                _short(before),
                _short(after),
            )
        )
    return lines


#: The 说明 column, the one that gets long.
SUMMARY = 3


class WrappingDelegate(QStyledItemDelegate):
    """Makes a tree row as tall as its text needs at the column's width (a tree view
    does not measure wrapped text itself), so a long 说明 is read whole, not cut off."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        # Heights are kept from before a column changed width: measure again.
        tree.header().sectionResized.connect(lambda *_args: tree.doItemsLayout())

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        width = self.tree.header().sectionSize(index.column()) - 8
        if width <= 0:
            return size
        flags = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere
        text = str(index.data() or "")
        metrics = self.tree.fontMetrics()
        needed = metrics.boundingRect(QRect(0, 0, width, 1 << 20), flags, text)
        return QSize(size.width(), max(size.height(), needed.height() + 4))


def fill_history(tree: QTreeWidget, entries: list[HistoryEntry]) -> None:
    tree.clear()
    for entry in reversed(entries):
        row = QTreeWidgetItem(
            [local_time(entry.at), entry.operator, audit_action_label(entry.action), entry.summary]
        )
        row.setToolTip(SUMMARY, entry.summary)
        for line in change_lines(entry):
            child = QTreeWidgetItem(["", "", "", line])
            child.setToolTip(SUMMARY, line)
            row.addChild(child)
        tree.addTopLevelItem(row)
    header = tree.header()
    for column in range(3):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
