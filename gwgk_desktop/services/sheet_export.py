"""Writing the catalogue as an Excel sheet in the standard layout, and the blank template.

The layout is the one clerks keep today (and ``services.sheet_import`` reads back): a
merged title, a two-tier merged header (公开事项 → 一级/二级事项, 公开对象 → 全社会/特定群体,
公开方式 → 主动/依申请, 公开层级 → 县级/乡级), a row per category ("一、领导信息（6项）"),
一级事项 merged down over its items, √ in the tick columns, wrapped text, column widths,
landscape A4 with the header repeated on every printed page, and a 索引号 column, so that
export → import into a fresh station gives back the same content.

How an item's three name fields go into the 事项 columns (and come back): a 三级事项
column is written only when some item has a 二级事项 of its own (``level2``); then
一级 = level1, 二级 = level2, 三级 = name, a blank level2 shown as 二级/三级 merged. Without
it 一级 = level1 and 二级 = name. An item whose name is its 一级事项 (a one-level item) has
one cell merged across the 事项 columns.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import math
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.enums import Level
from gwgk_desktop.domain.models import Category, Item
from gwgk_desktop.domain.sheet_layout import (
    AUDIENCE_TICKS,
    LEVEL_TICKS,
    MODE_TICKS,
    TEXT_FIELDS,
    TICK,
    TITLE_SUFFIX,
    Column,
    Meaning,
    standard_columns,
)
from gwgk_desktop.files import write_via_temp
from gwgk_desktop.pdf.document import Notes, PrintCancelled
from gwgk_desktop.pdf.sources import PrintSource, Section
from gwgk_desktop.pdf.styles import chinese_date, section_number
from gwgk_desktop.progress import SILENT, Cancelled, Progress, step
from gwgk_desktop.services import printing, privacy, station
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store.database import Database

FONT = "宋体"
#: Points per line of 10 pt text, as Excel and LibreOffice space it.
LINE_HEIGHT = 13.5
#: Columns this narrow hold a tick (√), never more than a line.
TICK_WIDTH = 6
NOTE = (
    "注：1. 公开对象、公开方式、公开层级在对应栏内打“√”；公开渠道和载体每行一个，前加“√”。"
    "2. 索引号由系统分配，再次导入时按索引号对应已有事项，请勿改动；新增事项索引号留空。"
)
TEMPLATE_NOTE = (
    "注：1. 每个事项填一行，写在所属类别行的下面；"
    "一个一级事项下有多个二级事项时，一级事项可合并单元格。"
    "2. 公开对象、公开方式、公开层级在对应栏内打“√”；公开渠道和载体每行写一个，前加“√”。"
    "3. 填好后在政务公开目录程序中用“文件 → 从 Excel/WPS 导入…”导入。"
)
INSTRUCTIONS = (
    "填表说明",
    "1. 本表为政务公开事项目录的标准格式，可用 Excel 或 WPS 填写，保存为 .xlsx 或 .xls。",
    "2. 每个类别行（如“一、领导信息”）下面填写该类别的事项，每个事项一行；不要删除类别行。",
    "3. 一级事项相同的多行可以合并单元格；只有一级的事项可把事项名称跨一级、二级事项合并。",
    "4. 公开内容（要素）可以分行书写（单元格内换行：Excel 按 Alt+Enter，WPS 同）。",
    "5. 公开渠道和载体写渠道名称，每行一个，如“√政府网站”“√公开查阅点”。",
    "6. 公开对象、公开方式、公开层级各选一项，在对应栏内打“√”。",
    "7. 索引号由程序分配；新事项留空。导入时程序先检查全表，列出每个问题所在的行，改正后再导入。",
)
#: Blank rows under each category in the template.
TEMPLATE_ROWS = 3


class ExportCancelled(Cancelled):
    def __init__(self) -> None:
        super().__init__("已取消导出，未生成文件", "export cancelled; no file written")


@dataclass(frozen=True)
class SheetExportResult:
    path: Path
    items: int
    notes: list[str]


@dataclass(frozen=True)
class _Cell:
    """A cell to write: its text and how far it is merged right and down."""

    text: str
    across: int = 1
    down: int = 1


def export_catalogue(
    db: Database,
    target: Path,
    *,
    drafts: bool = False,
    category_ids: frozenset[int] | None = None,
    mask_private: bool = False,
    progress: Progress = SILENT,
) -> SheetExportResult:
    """Write the catalogue (the revisions in force, or with ``drafts`` the newest ones;
    every category, or those of ``category_ids``) to ``target`` as .xlsx, in the order and
    with the items of the printed catalogue list; the file appears complete or not at
    all."""
    request = printing.PrintRequest(
        printing.DocumentKind.CATALOGUE, include_drafts=drafts, category_ids=category_ids
    )
    notes = Notes()

    try:
        source = printing.gather(db, request, notes, progress)
    except PrintCancelled as cancelled:  # gather is the printed list's: say what stopped
        raise ExportCancelled() from cancelled
    _guard_privacy(db, source, mask_private, notes)
    sheet = _source_writer(source, NOTE, drafts)
    sheet.write(target, _item_rows(source, sheet.columns, drafts), source.item_count, progress)
    # The notes are the printed list's ("未印入": not printed); here nothing is exported.
    return SheetExportResult(
        target, source.item_count, [n.replace("未印入", "未导出") for n in notes.items]
    )


def _source_writer(source: PrintSource, note: str, drafts: bool = False) -> _SheetWriter:
    title = f"{source.station.name}{TITLE_SUFFIX}" + ("（内部核对稿）" if drafts else "")
    info = (
        f"编制单位：{source.station.name}　　编制日期：{chinese_date(source.date)}"
        f"　　共 {source.item_count} 项"
    )
    return _SheetWriter(title, info, _columns(source), note)


class CatalogueWorkbook:
    """A workbook of several catalogues, one sheet each in the standard layout (the city
    bureau's export of its stations' catalogues), with plain sheets beside them; made and
    saved by ``catalogue_workbook``. Sheets are streamed in the order they are added; a
    plain sheet may take rows while catalogue sheets are added after it."""

    def __init__(self, book: Any) -> None:
        self.book = book

    def plain_sheet(self, name: str) -> Any:
        """A sheet to ``append`` rows of values to."""
        return self.book.create_sheet(name)

    def add(self, name: str, source: PrintSource, note: str) -> None:
        """A sheet ``name`` (see ``sheet_name``) with the catalogue of ``source``."""
        sheet = _source_writer(source, note)
        rows = _item_rows(source, sheet.columns, False)
        sheet.add_sheet(self.book, name, rows, source.item_count, SILENT)


@contextlib.contextmanager
def catalogue_workbook(target: Path) -> Iterator[CatalogueWorkbook]:
    """A ``CatalogueWorkbook`` for the block to fill; saved at ``target`` when the block
    ends (the file appears complete or not at all), abandoned if it raises."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    try:
        yield CatalogueWorkbook(book)
        write_via_temp(target, book.save)
    except BaseException:
        _abandon(book)
        raise


_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name: str, taken: Collection[str]) -> str:
    """A sheet name Excel and WPS accept (at most 31 characters, none of []:*?/\\), not
    among ``taken``."""
    base = _SHEET_NAME_FORBIDDEN.sub("_", name).strip("'") or "Sheet"
    candidate, number = base[:31], 1
    while candidate in taken:
        number += 1
        suffix = f"({number})"
        candidate = base[: 31 - len(suffix)] + suffix
    return candidate


def _guard_privacy(db: Database, source: PrintSource, mask: bool, notes: Notes) -> None:
    """The privacy check of every output (as for printing and the package): refuse
    (``PrivacyBlocked``) when an item shows an ID or bank card number, unless asked to
    ``mask``; then the sheet shows them masked (the database is not changed)."""
    guard = privacy.OutputGuard(privacy.load_rules(db), mask)
    guard.visit_all(item for section in source.sections for item in section.items)
    guard.refuse_if_blocked("导出")
    if mask and guard.report.findings:
        notes.add(f"已对{len(guard.report.findings)}处个人信息打码后导出（数据库中的内容未改动）")
    elif guard.report.findings:
        notes.add("以下个人信息照样导出，请确认可以公开：")
        for line in guard.report.lines():
            notes.add(line)


def write_template(
    target: Path, *, station_name: str = "", categories: Sequence[Category] = ()
) -> Path:
    """A blank catalogue sheet in the same layout, with a row per category and a few empty
    rows under each, for stations that start from nothing; a second sheet explains it."""
    if not categories:
        from gwgk_desktop.services.template import builtin_template

        categories = [Category(0, c["code"], c["name"]) for c in builtin_template()["categories"]]
    name = station_name or "××派出所"
    info = f"编制单位：{station_name or '　' * 8}　　编制日期：　　年　　月　　日"
    sheet = _SheetWriter(f"{name}{TITLE_SUFFIX}", info, standard_columns(), TEMPLATE_NOTE)

    def rows() -> Iterator[list[_Cell] | str]:
        for n, category in enumerate(categories, 1):
            yield f"{section_number(n)}{category.name}"
            for _ in range(TEMPLATE_ROWS):
                yield [_Cell("") for _ in sheet.columns]

    sheet.write(target, rows(), 0, SILENT, instructions=INSTRUCTIONS)
    return target


def template_for(db: Database, target: Path) -> Path:
    """The blank template with a station's name and categories."""
    profile = station.get_profile(db)
    return write_template(
        target, station_name=profile.name, categories=Catalogue(db).reference.categories()
    )


def _columns(source: PrintSource) -> list[Column]:
    items = [i for s in source.sections for i in s.items]
    return standard_columns(
        three_levels=any(i.content.level2 for i in items),
        city_level=any(i.content.level is Level.CITY for i in items),
    )


# ---------------------------------------------------------------- rows


def _item_rows(
    source: PrintSource, columns: list[Column], drafts: bool
) -> Iterator[list[_Cell] | str]:
    """Section titles (str) and item rows, with the 事项 cells merged as described in
    the module's docstring."""
    number = 0
    group = 0
    channels = source.channels
    for section in source.sections:
        if not section.items:
            continue
        group += 1
        yield f"{section_number(group)}{section.title}（{len(section.items)}项）"
        levels = _level_cells(section, columns)
        for item, level_cells in zip(section.items, levels, strict=True):
            number += 1
            yield _item_row(number, item, columns, level_cells, channels, drafts)


def _level_cells(section: Section, columns: list[Column]) -> list[list[_Cell]]:
    """The 事项 cells of each item of a section: merged across for one-level items and
    a blank 二级事项, merged down over runs of the same 一级 (and 二级) 事项."""
    three = any(c.meaning is Meaning.LEVEL3 for c in columns)
    width = 3 if three else 2
    rows: list[list[_Cell]] = []
    for item in section.items:
        c = item.content
        if c.level1 and c.level1 == c.name and not c.level2:
            rows.append([_Cell(c.name, across=width)] + [_Cell("", across=0)] * (width - 1))
        elif not three:
            rows.append([_Cell(c.level1), _Cell(c.name)])
        elif not c.level2:
            rows.append([_Cell(c.level1), _Cell(c.name, across=2), _Cell("", across=0)])
        elif c.level2 == c.name:
            rows.append([_Cell(c.level1), _Cell(c.level2), _Cell("")])
        else:
            rows.append([_Cell(c.level1), _Cell(c.level2), _Cell(c.name)])
    _merge_down(rows, 0, lambda r: (rows[r][0].text,))
    if three:
        _merge_down(rows, 1, lambda r: (rows[r][0].text, rows[r][1].text))
    return rows


def _merge_down(rows: list[list[_Cell]], col: int, key: Any) -> None:
    """Merge the cells of column ``col`` down over runs of rows with the same ``key``
    (texts not empty, cells not merged across)."""
    start = 0
    while start < len(rows):
        end = start + 1
        cell = rows[start][col]
        if cell.text and cell.across == 1:
            while (
                end < len(rows)
                and rows[end][col].across == 1
                and rows[end][col].text
                and key(end) == key(start)
            ):
                end += 1
        if end - start > 1:
            rows[start][col] = _Cell(cell.text, down=end - start)
            for r in range(start + 1, end):
                rows[r][col] = _Cell("", down=0)
        start = end


def _item_row(
    number: int,
    item: Item,
    columns: list[Column],
    level_cells: list[_Cell],
    channels: dict[str, str],
    drafts: bool,
) -> list[_Cell]:
    c = item.content
    levels = iter(level_cells)
    cells: list[_Cell] = []
    add = cells.append
    for column in columns:
        meaning = column.meaning
        field = TEXT_FIELDS.get(meaning)
        if field is not None:
            add(_Cell(getattr(c, field)))
        elif meaning in _LEVELS:
            add(next(levels))
        elif meaning in AUDIENCE_TICKS:
            add(_TICKED if c.audience is AUDIENCE_TICKS[meaning] else _BLANK)
        elif meaning in MODE_TICKS:
            add(_TICKED if c.mode is MODE_TICKS[meaning] else _BLANK)
        elif meaning in LEVEL_TICKS:
            add(_TICKED if c.level is LEVEL_TICKS[meaning] else _BLANK)
        elif meaning is Meaning.SEQUENCE:
            add(_Cell(str(number)))
        elif meaning is Meaning.CHANNELS:
            add(_Cell("\n".join(TICK + channels.get(x, x) for x in c.channels)))
        elif meaning is Meaning.INDEX_NUMBER:
            add(_Cell(item.index_number))
        elif meaning is Meaning.REMARKS and drafts and item.status not in workflow.LIVE:
            add(_Cell(item.status.label))
        else:
            add(_BLANK)
    return cells


_LEVELS = frozenset({Meaning.LEVEL1, Meaning.LEVEL2, Meaning.LEVEL3})
_TICKED = _Cell(TICK)
_BLANK = _Cell("")


# ---------------------------------------------------------------- the workbook


class _SheetWriter:
    """Streams the sheet with openpyxl's write-only workbook. Each kind of cell's style is
    registered once and its style ids copied to every cell of that kind (setting a font
    object on each cell hashes it against the workbook's styles: eight times slower), and
    merged ranges go straight into the sheet's set (``merged_cells.add`` compares each new
    range with every earlier one). The file goes to a temporary name and is renamed into
    place."""

    def __init__(self, title: str, info: str, columns: list[Column], note: str) -> None:
        self.title = title
        self.info = info
        self.columns = columns
        self.note = note
        self._styles: dict[str, Any] = {}

    def _style_table(self, sheet: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="000000")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        font = Font(name=FONT, size=10)
        bold = Font(name=FONT, size=10, bold=True)
        wrap = Alignment(wrap_text=True, vertical="center")
        center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        kinds: dict[str, dict[str, Any]] = {
            "text": {"font": font, "alignment": wrap, "border": border},
            "centered": {"font": font, "alignment": center, "border": border},
            "header": {
                "font": bold,
                "alignment": center,
                "border": border,
                "fill": PatternFill("solid", fgColor="E8EEF7"),
            },
            "section": {
                "font": bold,
                "alignment": left,
                "border": border,
                "fill": PatternFill("solid", fgColor="F3F3F3"),
            },
            "title": {"font": Font(name=FONT, size=16, bold=True), "alignment": center},
            "info": {"font": font, "alignment": center},
            "note": {"font": font, "alignment": left},
            "instructions": {"font": font, "alignment": wrap},
        }
        for kind, attributes in kinds.items():
            prototype = WriteOnlyCell(sheet)
            for name, value in attributes.items():
                setattr(prototype, name, value)
            self._styles[kind] = prototype._style
        centered = {Meaning.SEQUENCE, *AUDIENCE_TICKS, *MODE_TICKS, *LEVEL_TICKS}
        self.column_kinds = ["centered" if c.meaning in centered else "text" for c in self.columns]

    def _new(self, sheet: Any, value: str | None, kind: str) -> Any:
        from copy import copy

        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet)
        _set_text(cell, value or "")
        cell._style = copy(self._styles[kind])
        return cell

    def _merge(self, sheet: Any, top: int, left: int, bottom: int, right: int) -> None:
        from openpyxl.worksheet.cell_range import CellRange

        cells = CellRange(min_row=top, min_col=left, max_row=bottom, max_col=right)
        sheet.merged_cells.ranges.add(cells)

    def write(
        self,
        target: Path,
        rows: Iterator[list[_Cell] | str],
        total: int,
        progress: Progress,
        instructions: Sequence[str] = (),
    ) -> None:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        try:
            self._write(book, target, rows, total, progress, instructions)
        except BaseException:
            _abandon(book)
            raise

    def _write(
        self,
        book: Any,
        target: Path,
        rows: Iterator[list[_Cell] | str],
        total: int,
        progress: Progress,
        instructions: Sequence[str],
    ) -> None:
        self.add_sheet(book, "政务公开目录", rows, total, progress)
        if instructions:
            self._instructions(book, instructions)
        step(progress, total, total, "正在保存文件", ExportCancelled)
        self._save(book, target)

    def add_sheet(
        self,
        book: Any,
        name: str,
        rows: Iterator[list[_Cell] | str],
        total: int,
        progress: Progress,
    ) -> None:
        """The sheet ``name``: title, information, header, the rows and the note."""
        sheet = book.create_sheet(name)
        # The rows appended are finished cells; openpyxl's own conversion tries each as a
        # value first and takes the cell from the ValueError (a formatted message per cell).
        sheet._values_to_row = _finished_cells
        self._style_table(sheet)
        self._setup(sheet)
        self._head(sheet)
        r = 5  # the 1-based row being written: title, information and header above it
        written = 0
        # One cell per column, reused: a row is written out as soon as it is appended.
        cells = [self._new(sheet, None, kind) for kind in self.column_kinds]
        for row in rows:
            if isinstance(row, str):
                self._merged_row(sheet, r, row, "section")
                r += 1
                continue
            for col, spec in enumerate(row):
                _set_text(cells[col], spec.text)
                if spec.across > 1 or spec.down > 1:
                    bottom = r + max(spec.down, 1) - 1
                    self._merge(sheet, r, col + 1, bottom, col + max(spec.across, 1))
            sheet.row_dimensions[r].height = self._height(row)
            sheet.append(cells)
            del sheet.row_dimensions[r]  # written with the row; 20,000 would pile up
            r += 1
            written += 1
            if written % 500 == 0:
                step(progress, written, total, f"已写入{written}项", ExportCancelled)
        sheet.row_dimensions[r].height = 30
        self._merged_row(sheet, r, self.note, "note")

    def _height(self, row: list[_Cell]) -> float:
        """The row's height in points for its longest wrapped cell. Excel fits rows to
        their text when it opens a file, LibreOffice and WPS do not always: a row left at
        the default height prints its wrapped text over the next rows."""
        lines = 1
        for column, spec in zip(self.columns, row, strict=True):
            # Tick columns hold one mark; merged cells span rows or columns of their own.
            if spec.text and column.width > TICK_WIDTH and spec.across == 1 and spec.down == 1:
                lines = max(lines, _wrapped_lines(spec.text, column.width))
        return LINE_HEIGHT * lines + 4

    # ------------------------------------------------------------ parts
    def _setup(self, sheet: Any) -> None:
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.properties import PageSetupProperties

        for n, column in enumerate(self.columns, 1):
            sheet.column_dimensions[get_column_letter(n)].width = column.width
        sheet.freeze_panes = "A5"
        sheet.print_title_rows = "3:4"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = 9  # A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        sheet.page_margins.top = sheet.page_margins.bottom = 0.6
        sheet.page_margins.header = sheet.page_margins.footer = 0.3
        sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
        sheet.oddFooter.center.size = 9

    def _head(self, sheet: Any) -> None:
        width = len(self.columns)
        sheet.row_dimensions[1].height = 32
        self._merged_row(sheet, 1, self.title, "title")
        self._merged_row(sheet, 2, self.info, "info")
        top: list[Any] = []
        bottom: list[Any] = []
        n = 0
        while n < width:
            column = self.columns[n]
            if column.group:
                span = 1
                while n + span < width and self.columns[n + span].group == column.group:
                    span += 1
                for k in range(span):
                    top.append(self._new(sheet, column.group if k == 0 else None, "header"))
                    bottom.append(self._new(sheet, self.columns[n + k].label, "header"))
                self._merge(sheet, 3, n + 1, 3, n + span)
                n += span
            else:
                top.append(self._new(sheet, column.label, "header"))
                bottom.append(self._new(sheet, None, "header"))
                self._merge(sheet, 3, n + 1, 4, n + 1)
                n += 1
        sheet.row_dimensions[3].height = 22
        sheet.row_dimensions[4].height = 30
        sheet.append(top)
        sheet.append(bottom)

    def _merged_row(self, sheet: Any, r: int, text: str, kind: str) -> None:
        sheet.append(
            [self._new(sheet, text if n == 0 else None, kind) for n in range(len(self.columns))]
        )
        self._merge(sheet, r, 1, r, len(self.columns))

    def _instructions(self, book: Any, lines: Sequence[str]) -> None:
        sheet = book.create_sheet(lines[0])
        sheet.column_dimensions["A"].width = 110
        for n, line in enumerate(lines):
            sheet.append([self._new(sheet, line, "title" if n == 0 else "instructions")])

    def _save(self, book: Any, target: Path) -> None:
        write_via_temp(target, book.save)


def _abandon(book: Any) -> None:
    """A write-only workbook given up half-way (cancelled, failed): finish each sheet's
    stream and remove its temporary file now (openpyxl would at exit, and its stream
    complains when collected after the file is closed)."""
    for sheet in book.worksheets:
        with contextlib.suppress(Exception):
            if not sheet.closed:
                sheet.close()
        writer = getattr(sheet, "_writer", None)
        with contextlib.suppress(Exception):
            if writer is not None:
                writer.cleanup()


@functools.lru_cache(maxsize=8192)
def _wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a column ``width`` Excel units wide at 10 pt:
    a Chinese character is about 1.9 units, a Latin letter or digit about 1. (The
    characters beyond ASCII are counted from the UTF-8 length, at C speed: 20,000 rows.)"""
    usable = max(width - 1.0, 1.0)
    lines = 0
    for line in text.split("\n"):
        wide = (len(line.encode("utf-8")) - len(line)) / 2
        units = len(line) - wide + 1.9 * wide
        lines += max(1, math.ceil(units / usable))
    return lines


def _finished_cells(cells: list[Any], row: int) -> Iterator[Any]:
    for column, cell in enumerate(cells, 1):
        cell.row = row
        cell.column = column
        yield cell


def _set_text(cell: Any, text: str) -> None:
    """A cell's text, always as text: one starting with "=" is the clerk's, no formula."""
    cell.value = _text(text) if text else None
    if text:
        cell.data_type = "s"


@functools.lru_cache(maxsize=8192)
def _text(value: str) -> str:
    """What a cell can hold: XML forbids most control characters."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)


def export_filename(db: Database) -> str:
    """A file name such as ``河西派出所政务公开事项目录2026-05-01.xlsx``."""
    name = f"{station.get_profile(db).name}{TITLE_SUFFIX}{dt.date.today().isoformat()}.xlsx"
    return printing._safe_filename(name)
