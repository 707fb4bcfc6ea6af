"""The item rows of a catalogue sheet, read through a ``SheetMapping``: for each row the
fields the sheet gives (name and levels, texts, channels, the three choices), its
category and 索引号, and every problem found, tied to the sheet's row (第N行) and column.

Only fields whose columns the sheet has are given: re-importing a sheet without a 公开时限
column leaves an item's 公开时限 as it is, and a new item gets the usual default.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from gwgk_desktop.domain.enums import Severity
from gwgk_desktop.domain.index_number import is_valid
from gwgk_desktop.domain.models import Category, Channel
from gwgk_desktop.domain.sheet_detect import (
    ColumnMapping,
    Grid,
    RowKind,
    SheetMapping,
    classify,
)
from gwgk_desktop.domain.sheet_layout import (
    AUDIENCE_TICKS,
    LEVEL_COLUMNS,
    LEVEL_TICKS,
    MODE_TICKS,
    NOT_IMPORTED,
    TEXT_FIELDS,
    Meaning,
    audience_words,
    channel_lookup,
    channel_mentions,
    level_words,
    mode_words,
    normalize,
    tick,
)

T = TypeVar("T")


@dataclass(frozen=True)
class SheetProblem:
    """One finding in a sheet: an error (nothing is imported while one remains) or a
    warning, at a row (1-based, as Excel shows it; None for the whole sheet) and column."""

    severity: Severity
    message: str
    row: int | None = None
    column: str = ""
    sheet: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = f"工作表“{self.sheet}”" if self.sheet else ""
        if self.row is not None:
            where += f"第{self.row}行"
        if self.column:
            where += f"，{self.column}"
        prefix = f"[{self.severity.label}] "
        return f"{prefix}{where}：{self.message}" if where else prefix + self.message


@dataclass
class SheetItem:
    """An item row: what the sheet says about one item."""

    row: int
    category_code: str | None
    index_number: str
    #: ItemContent field → value, for the fields the sheet gives.
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.values.get("name", ""))


@dataclass
class SheetReading:
    items: list[SheetItem] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    sections: int = 0
    notes: int = 0

    @property
    def errors(self) -> list[SheetProblem]:
        return [p for p in self.problems if p.is_error]


@dataclass(frozen=True)
class Reference:
    """What a sheet is matched against: the station's categories and channels."""

    categories: Sequence[Category]
    channels: Sequence[Channel]


def level_columns(mapping: SheetMapping) -> list[ColumnMapping]:
    """The 事项 columns, top level first (an 事项名称 column is the deepest)."""
    return sorted(
        (c for c in mapping.columns if c.meaning in LEVEL_COLUMNS),
        key=lambda c: (LEVEL_COLUMNS.index(c.meaning), c.index),
    )


def field_columns(mapping: SheetMapping) -> dict[str, str]:
    """Where each ItemContent field the sheet gives comes from ("C列“二级事项”"), for
    naming the column of a problem found in the field."""
    found: dict[str, str] = {}
    levels = level_columns(mapping)
    if levels:
        found["name"] = levels[-1].title
    if len(levels) >= 2:
        found["level1"] = levels[0].title
    if len(levels) >= 3:
        found["level2"] = levels[1].title
    for column in mapping.columns:
        name = TEXT_FIELDS.get(column.meaning)
        if column.meaning is Meaning.CHANNELS:
            name = "channels"
        elif column.meaning is Meaning.INDEX_NUMBER:
            name = "index_number"
        if name is not None:
            found.setdefault(name, column.title)
    return found


def read_items(grid: Grid, mapping: SheetMapping, reference: Reference) -> SheetReading:
    """Every item row of ``grid`` with its problems; the sheet-wide checks (the same name
    twice in a category, a 索引号 twice) included."""
    reader = _RowReader(grid, mapping, reference)
    reading = SheetReading()
    section: str | None = None
    for row in classify(grid, mapping):
        if row.kind is RowKind.SECTION:
            section = row.text
            reading.sections += 1
        elif row.kind is RowKind.NOTE:
            reading.notes += 1
        elif row.kind is RowKind.ITEM:
            reading.items.append(reader.read(row.index, section))
    reading.problems = reader.problems
    _check_sheet(mapping, reading, reader)
    reading.problems.sort(key=lambda p: (p.row or 0, not p.is_error))
    return reading


class _RowReader:
    def __init__(self, grid: Grid, mapping: SheetMapping, reference: Reference) -> None:
        self.grid = grid
        self.mapping = mapping
        self.problems: list[SheetProblem] = []
        self.codes = {c.code for c in reference.categories}
        lookup = channel_lookup(reference.channels)
        lookup.update({normalize(k): v for k, v in mapping.channels.items()})
        self.channel_codes = lookup
        self.levels = level_columns(mapping)
        self.not_imported: dict[int, list[int]] = {}

    def problem(self, severity: Severity, row: int, column: str, message: str) -> None:
        self.problems.append(SheetProblem(severity, message, row, column, self.grid.name))

    def text(self, r: int, column: ColumnMapping) -> str:
        return self.grid.cell(r, column.index).replace("\r\n", "\n").strip()

    def read(self, r: int, section: str | None) -> SheetItem:
        number = r + 1
        item = SheetItem(number, self._category(r, section), self._index_number(r))
        values = item.values
        self._levels(r, values)
        for column in self.mapping.columns:
            name = TEXT_FIELDS.get(column.meaning)
            if name is not None:
                values[name] = self.text(r, column)
            elif column.meaning is Meaning.CHANNELS:
                values["channels"] = self._channels(r, column)
            elif column.meaning in NOT_IMPORTED and self.text(r, column):
                self.not_imported.setdefault(column.index, []).append(number)
        self._choice(r, values, "audience", AUDIENCE_TICKS, Meaning.AUDIENCE, audience_words)
        self._choice(r, values, "mode", MODE_TICKS, Meaning.MODE, mode_words)
        self._choice(r, values, "level", LEVEL_TICKS, Meaning.LEVEL, level_words)
        if not values.get("name"):
            title = self.levels[-1].title if self.levels else "事项名称列"
            self.problem(Severity.ERROR, number, title, "缺少事项名称")
        return item

    # ------------------------------------------------------------ fields
    def _category(self, r: int, section: str | None) -> str | None:
        number = r + 1
        for column in self.mapping.with_meaning(Meaning.CATEGORY):
            text = self.text(r, column)
            if text:
                code = self.mapping.categories.get(text)
                if code not in self.codes:
                    self.problem(
                        Severity.ERROR,
                        number,
                        column.title,
                        f"信息类别“{text}”与本单位的信息类别对不上，请在映射中指定",
                    )
                    return None
                return code
        if section is None:
            self.problem(
                Severity.ERROR,
                number,
                "",
                "没有信息类别：上方没有类别行（如“一、领导信息”），也没有信息类别列",
            )
            return None
        code = self.mapping.categories.get(section)
        if code not in self.codes:
            self.problem(
                Severity.ERROR,
                number,
                "",
                f"所在的类别行“{section}”没有对应的信息类别，请在映射中指定",
            )
            return None
        return code

    def _index_number(self, r: int) -> str:
        for column in self.mapping.with_meaning(Meaning.INDEX_NUMBER):
            text = self.text(r, column)
            if text and not is_valid(text):
                self.problem(
                    Severity.WARNING,
                    r + 1,
                    column.title,
                    f"索引号“{text}”格式不正确（应如 000014349/2018-00222），按类别和名称匹配",
                )
                return ""
            if text:
                return text
        return ""

    def _levels(self, r: int, values: dict[str, Any]) -> None:
        """The 事项 columns: the deepest is the name; with two or more the first is the
        一级事项 and, with three, the middle one the 二级事项. A cell merged across level
        columns counts once, at its first column; merged across to the deepest column it
        is the name (a one-level item merged across 一级/二级 has that text as both its
        一级事项 and its name)."""
        if not self.levels:
            return
        groups: list[tuple[list[ColumnMapping], str]] = []
        seen: dict[tuple[int, int], int] = {}
        for column in self.levels:
            anchor = self.grid.anchor(r, column.index)
            if anchor in seen:
                groups[seen[anchor]][0].append(column)
                continue
            seen[anchor] = len(groups)
            groups.append(([column], self.text(r, column)))
        last = self.levels[-1]
        name_group = next(g for g in groups if last in g[0])
        # A blank deepest cell in a three-level sheet: the item sits at the 二级 level.
        below_top = groups[1:] if len(groups) > 1 else groups
        name = name_group[1] or next((text for _cols, text in reversed(below_top) if text), "")
        values["name"] = name
        if len(self.levels) == 1:
            return
        first_group = groups[0]
        values["level1"] = first_group[1]
        if len(self.levels) >= 3:
            middle = self.levels[1]
            middle_group = next(g for g in groups if middle in g[0])
            own = middle_group is not first_group and middle_group is not name_group
            values["level2"] = middle_group[1] if own else ""

    def _channels(self, r: int, column: ColumnMapping) -> tuple[str, ...]:
        codes: list[str] = []
        for mention in channel_mentions(self.text(r, column)):
            if not mention.chosen:
                continue
            code = self.channel_codes.get(normalize(mention.name))
            if code is None:
                self.problem(
                    Severity.ERROR,
                    r + 1,
                    column.title,
                    f"未知的公开渠道“{mention.name}”，请在映射中指定它对应的渠道",
                )
            elif code and code not in codes:
                codes.append(code)
        return tuple(codes)

    def _choice(
        self,
        r: int,
        values: dict[str, Any],
        name: str,
        ticks: dict[Meaning, T],
        text_meaning: Meaning,
        words: Any,
    ) -> None:
        """One of 公开对象 / 公开方式 / 公开层级, from tick columns or a text column. Left
        out of ``values`` when the sheet has no such column or nothing is chosen (a new
        item then gets the default, an existing one keeps its value)."""
        columns = [
            c for c in self.mapping.columns if c.meaning in ticks or c.meaning is text_meaning
        ]
        if not columns:
            return
        chosen: list[Any] = []
        for column in columns:
            text = self.text(r, column)
            if column.meaning is text_meaning:
                found = words(text) if text else []
                if found is None:
                    self.problem(Severity.ERROR, r + 1, column.title, f"无法识别“{text}”")
                    return
                chosen.extend(v for v in found if v not in chosen)
                continue
            ticked = tick(text)
            if ticked is None:
                self.problem(
                    Severity.ERROR,
                    r + 1,
                    column.title,
                    f"无法识别的勾选标记“{text}”（勾选请用√，不选请留空）",
                )
                return
            if ticked and ticks[column.meaning] not in chosen:
                chosen.append(ticks[column.meaning])
        label = _CHOICE_LABELS[name]
        if len(chosen) > 1:
            both = "和".join(v.label for v in chosen)
            self.problem(
                Severity.ERROR,
                r + 1,
                "、".join(c.title for c in columns),
                f"{label}只能选一项，这一行同时选了{both}",
            )
        elif not chosen:
            self.problem(
                Severity.WARNING,
                r + 1,
                "、".join(c.title for c in columns),
                f"没有勾选{label}，新事项按默认值，已有事项保持原值",
            )
        else:
            values[name] = chosen[0]


_CHOICE_LABELS = {"audience": "公开对象", "mode": "公开方式", "level": "公开层级"}


def _check_sheet(mapping: SheetMapping, reading: SheetReading, reader: _RowReader) -> None:
    sheet = reader.grid.name
    if not reader.levels:
        reading.problems.append(
            SheetProblem(
                Severity.ERROR,
                "没有找到事项名称列（二级事项或事项名称），请在映射中指定",
                sheet=sheet,
            )
        )
    name_column = reader.levels[-1].title if reader.levels else ""
    first_row: dict[tuple[str | None, str], int] = {}
    for item in reading.items:
        if not item.name or item.category_code is None:
            continue
        key = (item.category_code, item.name)
        if key in first_row:
            reading.problems.append(
                SheetProblem(
                    Severity.ERROR,
                    f"“{item.name}”与第{first_row[key]}行同名，在同一类别中出现了两次",
                    item.row,
                    name_column,
                    sheet,
                )
            )
        else:
            first_row[key] = item.row
    _check_duplicates(
        reading,
        ((item.index_number, item.row) for item in reading.items if item.index_number),
        "索引号",
        sheet,
    )
    for index, rows in reader.not_imported.items():
        column = next(c for c in mapping.columns if c.index == index)
        reading.problems.append(
            SheetProblem(
                Severity.WARNING,
                f"这一列有{len(rows)}行填了内容（第{_row_list(rows)}行），不导入；"
                "如需保留，请在映射中把它指定为某个字段（如“内容概述”）",
                column=column.title,
                sheet=sheet,
            )
        )


def _check_duplicates(
    reading: SheetReading, pairs: Iterable[tuple[str, int]], label: str, sheet: str
) -> None:
    first: dict[str, int] = {}
    for value, row in pairs:
        if value in first:
            reading.problems.append(
                SheetProblem(
                    Severity.ERROR,
                    f"{label}“{value}”与第{first[value]}行重复",
                    row,
                    label,
                    sheet,
                )
            )
        else:
            first[value] = row


def _row_list(rows: list[int]) -> str:
    shown = "、".join(str(r) for r in rows[:5])
    return shown + ("等" if len(rows) > 5 else "")


def unknown_channels(grid: Grid, mapping: SheetMapping, reference: Reference) -> list[str]:
    """The chosen channel names of the sheet that are neither the station's channels nor
    their usual names nor in the mapping, each once, in the order they first appear."""
    known = channel_lookup(reference.channels)
    mapped = {normalize(k) for k in mapping.channels}
    found: dict[str, None] = {}
    for column in mapping.with_meaning(Meaning.CHANNELS):
        for row in classify(grid, mapping):
            if row.kind is not RowKind.ITEM:
                continue
            for mention in channel_mentions(grid.cell(row.index, column.index)):
                key = normalize(mention.name)
                if mention.chosen and key not in known and key not in mapped:
                    found.setdefault(mention.name)
    return list(found)
