"""Finding the layout of a clerk's catalogue sheet: the title, the (two-tier) header, what
each column means, and which rows are category sections, items, footnotes or blank.

The sheet arrives as a ``Grid`` (cell texts and merged ranges, from
``services.sheet_files``); ``detect`` proposes a ``SheetMapping``, which the clerk may
change (any column's meaning, any section's category, unknown channel names) and save as
JSON to reuse with next year's sheet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from gwgk_desktop.domain.models import Category
from gwgk_desktop.domain.sheet_layout import (
    FOOTNOTE,
    LEVEL_COLUMNS,
    NOT_IMPORTED,
    Meaning,
    is_known_label,
    match_category,
    meaning_of,
    section_name,
)

#: How far down the header is looked for (titles, notes above the table).
HEADER_SEARCH_ROWS = 30
#: A header row names at least this many columns we know.
MIN_HEADER_LABELS = 3
MAX_HEADER_ROWS = 3
MAPPING_FORMAT = "gwgk-sheet-mapping"
MAPPING_VERSION = 1


@dataclass(frozen=True)
class Merge:
    """A merged range, 0-based and inclusive."""

    top: int
    left: int
    bottom: int
    right: int

    @property
    def width(self) -> int:
        return self.right - self.left + 1


class Grid:
    """One worksheet's cell texts ("" for empty) and merged ranges. A merged range's
    text is its top-left cell's, and belongs to every cell it covers."""

    def __init__(self, name: str, rows: list[list[str]], merges: list[Merge]) -> None:
        self.name = name
        self.rows = rows
        self.n_rows = len(rows)
        self.n_cols = max((len(r) for r in rows), default=0)
        self.merges = merges
        #: ``classify``'s results by header and column meanings.
        self.classified: dict[object, list[SheetRow]] = {}
        self._covering: dict[tuple[int, int], Merge] = {}
        for merge in merges:
            for r in range(merge.top, min(merge.bottom, self.n_rows - 1) + 1):
                for c in range(merge.left, min(merge.right, self.n_cols - 1) + 1):
                    self._covering[r, c] = merge

    def raw(self, r: int, c: int) -> str:
        row = self.rows[r] if 0 <= r < self.n_rows else []
        return row[c] if 0 <= c < len(row) else ""

    def merge_at(self, r: int, c: int) -> Merge | None:
        return self._covering.get((r, c))

    def anchor(self, r: int, c: int) -> tuple[int, int]:
        """The top-left cell whose text shows at (r, c)."""
        merge = self._covering.get((r, c))
        return (merge.top, merge.left) if merge else (r, c)

    def cell(self, r: int, c: int) -> str:
        """The text shown at (r, c): a merged range's text in every cell it covers."""
        return self.raw(*self.anchor(r, c))


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (Excel's column names)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letter: str) -> int:
    index = 0
    for ch in letter.strip().upper():
        if not "A" <= ch <= "Z":
            raise ValueError(f"not a column letter: {letter!r}")
        index = index * 26 + ord(ch) - 64
    if index == 0:
        raise ValueError("empty column letter")
    return index - 1


@dataclass
class ColumnMapping:
    index: int
    #: The header as found ("公开对象／全社会"), for showing.
    header: str
    meaning: Meaning

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def title(self) -> str:
        """How a report names the column: "H列“公开渠道和载体”"."""
        return f"{self.letter}列“{self.header}”" if self.header else f"{self.letter}列"


@dataclass
class SheetMapping:
    """How one sheet is read: where its header is, what each column means, which
    category each section title (or category cell) names, and what unknown channel names
    stand for. ``categories`` and ``channels`` map the text as written to a code; None
    (a category) or "" (a channel) means none: rows under such a section have no
    category, such a channel name is left out."""

    sheet: str = ""
    title: str = ""
    header_row: int = 0
    header_rows: int = 1
    columns: list[ColumnMapping] = field(default_factory=list)
    categories: dict[str, str | None] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)

    @property
    def data_start(self) -> int:
        return self.header_row + self.header_rows

    def meaning(self, index: int) -> Meaning:
        for column in self.columns:
            if column.index == index:
                return column.meaning
        return Meaning.IGNORE

    def with_meaning(self, meaning: Meaning) -> list[ColumnMapping]:
        return [c for c in self.columns if c.meaning is meaning]

    def has(self, *meanings: Meaning) -> bool:
        return any(c.meaning in meanings for c in self.columns)

    # ------------------------------------------------------------ saved to a file
    def to_json(self) -> str:
        data: dict[str, Any] = {
            "format": MAPPING_FORMAT,
            "version": MAPPING_VERSION,
            "sheet": self.sheet,
            "header_row": self.header_row + 1,
            "header_rows": self.header_rows,
            "columns": {
                c.letter: {"header": c.header, "meaning": c.meaning.value} for c in self.columns
            },
            "categories": self.categories,
            "channels": self.channels,
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> SheetMapping:
        """A saved mapping; raises ``ValueError`` with a Chinese message when the text is
        not one."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"映射文件不是有效的 JSON（第{error.lineno}行）") from error
        if not isinstance(data, dict) or data.get("format") != MAPPING_FORMAT:
            raise ValueError("这不是政务公开目录的表格映射文件")
        if data.get("version") != MAPPING_VERSION:
            raise ValueError(f"映射文件版本 {data.get('version')} 不受支持，请重新保存映射")
        try:
            columns = [
                ColumnMapping(
                    column_index(letter), str(spec.get("header", "")), Meaning(spec["meaning"])
                )
                for letter, spec in data["columns"].items()
            ]
            header_row = int(data["header_row"]) - 1
            header_rows = int(data["header_rows"])
            categories = {str(k): (str(v) if v else None) for k, v in data["categories"].items()}
            channels = {str(k): str(v or "") for k, v in data["channels"].items()}
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"映射文件内容不完整或有误：{error}") from error
        if header_row < 0 or not 1 <= header_rows <= MAX_HEADER_ROWS:
            raise ValueError("映射文件中的表头位置有误")
        return cls(
            sheet=str(data.get("sheet", "")),
            header_row=header_row,
            header_rows=header_rows,
            columns=sorted(columns, key=lambda c: c.index),
            categories=categories,
            channels=channels,
        )


# ---------------------------------------------------------------- the header


def _labels_in_row(grid: Grid, r: int) -> int:
    seen: set[tuple[int, int]] = set()
    count = 0
    for c in range(grid.n_cols):
        anchor = grid.anchor(r, c)
        if anchor in seen:
            continue
        seen.add(anchor)
        if is_known_label(grid.cell(r, c)):
            count += 1
    return count


def find_header(grid: Grid) -> tuple[int, int] | None:
    """(first row, number of rows) of the header; None when no row names at least
    ``MIN_HEADER_LABELS`` columns we know."""
    top = next(
        (
            r
            for r in range(min(grid.n_rows, HEADER_SEARCH_ROWS))
            if _labels_in_row(grid, r) >= MIN_HEADER_LABELS
        ),
        None,
    )
    if top is None:
        return None
    depth = 1
    while depth < MAX_HEADER_ROWS and _continues_header(grid, top, top + depth):
        depth += 1
    return top, depth


def _continues_header(grid: Grid, top: int, r: int) -> bool:
    """Whether row ``r`` is a lower tier of the header that starts at ``top``: its own
    cells are all labels we know (sub-columns such as 一级事项, 全社会, 主动, 县级), the
    rest are merged down from the rows above."""
    if r >= grid.n_rows:
        return False
    own = 0
    for c in range(grid.n_cols):
        merge = grid.merge_at(r, c)
        if merge is not None and merge.top < r:
            if merge.top < top:
                return False
            continue
        text = grid.raw(r, c)
        if not text.strip():
            continue
        if not is_known_label(text):
            return False
        own += 1
    return own > 0


def _column_texts(grid: Grid, top: int, depth: int, c: int) -> list[str]:
    texts: list[str] = []
    anchors: set[tuple[int, int]] = set()
    for r in range(top, top + depth):
        anchor = grid.anchor(r, c)
        text = grid.cell(r, c).strip()
        if anchor not in anchors and text:
            texts.append(text)
        anchors.add(anchor)
    return texts


def detect(grid: Grid, categories: list[Category]) -> SheetMapping:
    """The mapping a sheet suggests: header rows, column meanings, section categories.
    A sheet without a header we recognise gives a mapping with no columns."""
    found = find_header(grid)
    if found is None:
        return SheetMapping(sheet=grid.name, title=_title(grid, min(grid.n_rows, 3)))
    return mapping_at(grid, *found, categories)


def mapping_at(grid: Grid, top: int, depth: int, categories: list[Category]) -> SheetMapping:
    """The mapping of ``grid`` read with its header at rows ``top`` … ``top + depth - 1``
    (0-based): what detection does once it found the header, and what the wizard does
    when the clerk moves the header."""
    columns: list[ColumnMapping] = []
    taken: set[Meaning] = set()
    repeatable = {Meaning.IGNORE, Meaning.SEQUENCE, *NOT_IMPORTED}
    for c in range(grid.n_cols):
        texts = _column_texts(grid, top, depth, c)
        if not texts:
            continue
        group, label = (texts[0], texts[-1]) if len(texts) > 1 else ("", texts[0])
        meaning = meaning_of(group, label) or Meaning.IGNORE
        if meaning in taken and meaning not in repeatable:
            meaning = Meaning.IGNORE  # the first such column counts; the clerk may swap
        taken.add(meaning)
        columns.append(ColumnMapping(c, "／".join(texts), meaning))
    mapping = SheetMapping(
        sheet=grid.name,
        title=_title(grid, top),
        header_row=top,
        header_rows=depth,
        columns=columns,
    )
    _fix_single_level(mapping)
    mapping.categories = suggest_categories(grid, mapping, categories)
    return mapping


def _fix_single_level(mapping: SheetMapping) -> None:
    """A sheet whose only 事项 column is headed 一级事项 or 二级事项 names items there."""
    levels = [c for c in mapping.columns if c.meaning in LEVEL_COLUMNS]
    if len(levels) == 1:
        levels[0].meaning = Meaning.ITEM


def _title(grid: Grid, header_row: int) -> str:
    lines: list[str] = []
    for r in range(header_row):
        texts = dict.fromkeys(
            grid.cell(r, c).strip() for c in range(grid.n_cols) if grid.cell(r, c).strip()
        )
        lines.extend(texts)
    return " ".join(lines)


def suggest_categories(
    grid: Grid, mapping: SheetMapping, categories: list[Category]
) -> dict[str, str | None]:
    """Each section title and category-column text of the sheet, with the category whose
    name it matches (None when none does)."""
    found: dict[str, str | None] = {}
    for row in classify(grid, mapping):
        if row.kind is RowKind.SECTION and row.text not in found:
            match = match_category(row.text, categories)
            found[row.text] = match.code if match else None
    for column in mapping.with_meaning(Meaning.CATEGORY):
        for r in range(mapping.data_start, grid.n_rows):
            text = grid.cell(r, column.index).strip()
            if text and text not in found:
                match = match_category(text, categories)
                found[text] = match.code if match else None
    return found


# ---------------------------------------------------------------- the rows


class RowKind(Enum):
    ITEM = "item"
    SECTION = "section"
    NOTE = "note"
    BLANK = "blank"
    HEADER = "header"


@dataclass(frozen=True)
class SheetRow:
    index: int  # 0-based
    kind: RowKind
    #: The section title or note text (rows of those kinds).
    text: str = ""

    @property
    def number(self) -> int:
        """The row's number as Excel and WPS show it (第N行)."""
        return self.index + 1


#: Columns whose text makes a row an item (ticks alone do not: unfilled template rows).
_CONTENT_MEANINGS = frozenset(Meaning) - {
    Meaning.IGNORE,
    Meaning.SEQUENCE,
    Meaning.REMARKS,
    Meaning.LINK,
    Meaning.AUDIENCE_PUBLIC,
    Meaning.AUDIENCE_SPECIFIC,
    Meaning.MODE_ACTIVE,
    Meaning.MODE_ON_REQUEST,
    Meaning.LEVEL_CITY,
    Meaning.LEVEL_COUNTY,
    Meaning.LEVEL_STATION,
}


def classify(grid: Grid, mapping: SheetMapping) -> list[SheetRow]:
    """Every row under the header: item, section title, note (footnotes, signatures), a
    repeated header (sheets printed page by page), or blank. Remembered in the grid for
    the same header and column meanings (detection, the preview and the dry run all ask)."""
    key = (
        mapping.header_row,
        mapping.header_rows,
        tuple((c.index, c.meaning) for c in mapping.columns),
    )
    found = grid.classified.get(key)
    if found is None:
        found = grid.classified[key] = _classify(grid, mapping)
    return found


def _classify(grid: Grid, mapping: SheetMapping) -> list[SheetRow]:
    rows: list[SheetRow] = []
    meanings = {c.index: c.meaning for c in mapping.columns}
    # The header's texts as written: a header repeated further down repeats them exactly.
    header = {c.index: set(c.header.split("／")) for c in mapping.columns}
    after_notes = False
    for r in range(mapping.data_start, grid.n_rows):
        own: list[tuple[int, str, Merge | None]] = []
        for c, text in enumerate(grid.rows[r]):
            if text and not text.isspace():
                own.append((c, text.strip(), grid.merge_at(r, c)))
        if not own:
            rows.append(SheetRow(r, RowKind.BLANK))
            continue
        if sum(t in header.get(c, ()) for c, t, _m in own) >= MIN_HEADER_LABELS:
            rows.append(SheetRow(r, RowKind.HEADER))
            continue
        first_col, first_text, first_merge = own[0]
        if len(own) == 1:
            meaning = meanings.get(first_col, Meaning.IGNORE)
            kind = _single_text_kind(first_text, first_merge, meaning, first_col, after_notes)
            after_notes = after_notes or kind is RowKind.NOTE
            rows.append(SheetRow(r, kind, first_text))
            continue
        if FOOTNOTE.match(first_text) and meanings.get(first_col) not in LEVEL_COLUMNS:
            after_notes = True
            rows.append(SheetRow(r, RowKind.NOTE, first_text))
            continue
        if not any(meanings.get(c, Meaning.IGNORE) in _CONTENT_MEANINGS for c, _t, _m in own):
            rows.append(SheetRow(r, RowKind.BLANK, first_text))
            continue
        rows.append(SheetRow(r, RowKind.ITEM))
    return rows


def _single_text_kind(
    text: str, merge: Merge | None, meaning: Meaning, column: int, after_notes: bool
) -> RowKind:
    """What a row with one text (one cell, or one merged range) is: a section title
    merged across the table or written where a row starts, a footnote, a lone item name,
    or (only a number in the 序号 column, only a remark) nothing."""
    wide = merge is not None and merge.width >= 3
    if FOOTNOTE.match(text) and (wide or meaning not in LEVEL_COLUMNS):
        return RowKind.NOTE
    if after_notes and (wide or meaning not in LEVEL_COLUMNS):
        return RowKind.NOTE
    _name, numbered = section_name(text)
    at_start = column == 0 or meaning in (Meaning.SEQUENCE, Meaning.IGNORE)
    if wide or (numbered and (at_start or meaning in LEVEL_COLUMNS)):
        return RowKind.SECTION
    if at_start and not text.replace(".", "").isdigit():
        return RowKind.SECTION
    if meaning in _CONTENT_MEANINGS:
        return RowKind.ITEM
    return RowKind.BLANK
