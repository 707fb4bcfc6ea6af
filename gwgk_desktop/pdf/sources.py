"""What a printed document is made from: plain domain values gathered by
``services.printing`` (which knows the database), so the PDF writers never touch it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.models import Category, Item, StationProfile


@dataclass(frozen=True)
class Section:
    """The items of one category, in print order; ``category`` is None for items that
    have none yet (drafts only)."""

    category: Category | None
    items: list[Item]

    @property
    def title(self) -> str:
        return self.category.name if self.category is not None else "未分类"


@dataclass(frozen=True)
class PrintSource:
    """Everything one document shows. ``drafts`` says whether revisions that are not yet
    approved were included (the document then says it is for checking only)."""

    station: StationProfile
    sections: list[Section]
    date: dt.date
    drafts: bool = False
    #: Fee items by UUID, for licensing items' linked fees.
    fees: dict[str, Item] = field(default_factory=dict)
    #: 公开渠道和载体 names by code.
    channels: dict[str, str] = field(default_factory=dict)

    @property
    def item_count(self) -> int:
        return sum(len(s.items) for s in self.sections)


def draft_mark(item: Item) -> str:
    """ "【草稿】" and the like for a revision that is not in force, else ""."""
    if item.status in workflow.LIVE:
        return ""
    return f"【{item.status.label}】"
