"""The category tree on the left: all items, the template's categories, licensing items,
fee items and the recycle bin, each with its counts per status."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from gwgk_desktop.domain.enums import ItemKind, Status
from gwgk_desktop.domain.models import Category
from gwgk_desktop.gui.text import fmt

FILTER_ROLE = Qt.ItemDataRole.UserRole + 1
STATUSES = tuple(Status)
Counts = dict[tuple[ItemKind, int | None], dict[Status, int]]


@dataclass(frozen=True)
class TreeFilter:
    """What a node of the tree selects."""

    kind: ItemKind | None = None
    category_id: int | None = None
    deleted: bool = False


def _short_status(status: Status) -> str:
    short = {
        Status.DRAFT: QCoreApplication.translate("CategoryTree", "草稿"),
        Status.PENDING: QCoreApplication.translate("CategoryTree", "待审"),
        Status.APPROVED: QCoreApplication.translate("CategoryTree", "已审"),
        Status.PUBLISHED: QCoreApplication.translate("CategoryTree", "公开"),
        Status.WITHDRAWN: QCoreApplication.translate("CategoryTree", "撤回"),
    }
    return short[status]


class CategoryTreeModel(QStandardItemModel):
    """Columns: name, total, then one per status (short header, full name as tooltip)."""

    def __init__(self, categories: Sequence[Category]) -> None:
        super().__init__()
        headers = [
            QCoreApplication.translate("CategoryTree", "分类"),
            QCoreApplication.translate("CategoryTree", "合计"),
        ] + [_short_status(s) for s in STATUSES]
        self.setHorizontalHeaderLabels(headers)
        for column, status in enumerate(STATUSES, start=2):
            header = self.horizontalHeaderItem(column)
            if header is not None:
                header.setToolTip(status.label)
        self.rows: dict[TreeFilter, list[QStandardItem]] = {}
        self.all_filter = TreeFilter()
        self.bin_filter = TreeFilter(deleted=True)
        everything = self._add(
            self.invisibleRootItem(),
            QCoreApplication.translate("CategoryTree", "全部事项"),
            self.all_filter,
        )
        for category in categories:
            self._add(
                everything,
                f"{category.code} {category.name}",
                TreeFilter(category_id=category.id),
                tooltip=fmt(
                    QCoreApplication.translate("CategoryTree", "牵头单位：%1\n责任单位：%2"),
                    category.lead_unit or "—",
                    category.responsible_unit or "—",
                ),
            )
        self._add(
            everything,
            QCoreApplication.translate("CategoryTree", "许可审批事项"),
            TreeFilter(kind=ItemKind.LICENSING),
        )
        self._add(
            everything,
            QCoreApplication.translate("CategoryTree", "收费事项"),
            TreeFilter(kind=ItemKind.FEE),
        )
        self._add(
            self.invisibleRootItem(),
            QCoreApplication.translate("CategoryTree", "回收站"),
            self.bin_filter,
            tooltip=QCoreApplication.translate("CategoryTree", "删除的事项在这里，可以恢复"),
        )

    def _add(
        self, parent: QStandardItem, text: str, spec: TreeFilter, tooltip: str = ""
    ) -> QStandardItem:
        name = QStandardItem(text)
        name.setData(spec, FILTER_ROLE)
        name.setToolTip(tooltip or text)
        cells = [name] + [QStandardItem("") for _ in range(1 + len(STATUSES))]
        for cell in cells:
            cell.setEditable(False)
        for cell in cells[1:]:
            cell.setData(spec, FILTER_ROLE)
            cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        parent.appendRow(cells)
        self.rows[spec] = cells
        return name

    def update_counts(self, counts: Counts, deleted: int) -> None:
        for spec, cells in self.rows.items():
            if spec.deleted:
                cells[1].setText(str(deleted))
                continue
            per_status = dict.fromkeys(STATUSES, 0)
            for (kind, category_id), by_status in counts.items():
                if spec.kind is not None and kind is not spec.kind:
                    continue
                if spec.category_id is not None and category_id != spec.category_id:
                    continue
                for status, n in by_status.items():
                    per_status[status] += n
            cells[1].setText(str(sum(per_status.values())))
            for column, status in enumerate(STATUSES, start=2):
                n = per_status[status]
                cells[column].setText(str(n) if n else "")
                cells[column].setToolTip(
                    fmt(QCoreApplication.translate("CategoryTree", "%1：%2"), status.label, n)
                )

    def filter_at(self, index: QModelIndex | QPersistentModelIndex) -> TreeFilter:
        spec = index.data(FILTER_ROLE) if index.isValid() else None
        return spec if isinstance(spec, TreeFilter) else self.all_filter

    def index_of(self, spec: TreeFilter) -> QModelIndex:
        cells = self.rows.get(spec)
        return cells[0].index() if cells else QModelIndex()

    def total(self, spec: TreeFilter) -> int:
        cells = self.rows.get(spec)
        return int(cells[1].text() or 0) if cells else 0
