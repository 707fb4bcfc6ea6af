"""The building blocks of every printed document, as platypus flowables.

- ``TextBlock``: wrapped Chinese text (``text.wrap``), split between pages by whole lines,
  never leaving a single line behind when it can avoid it.
- ``Grid``: a ruled table whose header row(s) repeat on every page. A row is never split
  across pages when it fits on one; a row taller than a whole page (a 5,000-character
  公开依据) is cut into line-sized pieces up front so nothing is lost or overflows. Rows
  are measured once, so a 5,000-row catalogue lays out in linear time (reportlab's
  ``Table`` re-measures the remaining rows at every page break).
- ``Rule``: a horizontal line (the thin red rule under a title block).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color, black
from reportlab.platypus import Flowable

from gwgk_desktop.pdf.text import TextStyle, draw_lines, text_width, wrap

HEADER_FILL = Color(0.92, 0.92, 0.92)
GROUP_FILL = Color(0.96, 0.96, 0.96)
LABEL_FILL = Color(0.95, 0.95, 0.95)
INNER_LINE = 0.5
OUTER_LINE = 1.0


class TextBlock(Flowable):
    """A paragraph of wrapped text, optionally with a hanging ``prefix`` ("1." or a
    field label) whose width indents the following lines."""

    def __init__(
        self,
        text: str,
        style: TextStyle,
        *,
        prefix: str = "",
        prefix_style: TextStyle | None = None,
        indent: float = 0.0,
        space_before: float = 0.0,
        space_after: float = 0.0,
        keep_with_next: bool = False,
        lines: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.prefix = prefix
        self.prefix_style = prefix_style or style
        self.indent = indent
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.keepWithNext = keep_with_next
        self._lines = lines
        self._lines_width: float | None = None if lines is None else -1.0

    def _prefix_width(self) -> float:
        if not self.prefix:
            return 0.0
        return text_width(self.prefix, self.prefix_style.font, self.prefix_style.size)

    def lines_for(self, width: float) -> list[str]:
        if self._lines is None or (self._lines_width not in (width, -1.0)):
            inner = width - self.indent - self._prefix_width()
            self._lines = wrap(self.text, self.style.font, self.style.size, inner)
            self._lines_width = width
        return self._lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = max(1, len(self.lines_for(avail_width))) * self.style.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        lines = self.lines_for(avail_width)
        fit = int(avail_height // self.style.leading)
        if len(lines) >= 4:
            # Neither a lone first line at the foot of a page nor a lone last line at
            # the head of the next.
            fit = min(fit, len(lines) - 2)
            if fit < 2:
                return []
        if fit < 1 or fit >= len(lines):
            return []
        first = TextBlock(
            self.text,
            self.style,
            prefix=self.prefix,
            prefix_style=self.prefix_style,
            indent=self.indent,
            space_before=self.spaceBefore,
            lines=lines[:fit],
        )
        rest = TextBlock(
            self.text,
            self.style,
            indent=self.indent + self._prefix_width(),
            space_after=self.spaceAfter,
            keep_with_next=self.keepWithNext,
            lines=lines[fit:],
        )
        return [first, rest]

    def draw(self) -> None:
        lines = self.lines_for(self.width)
        x = self.indent
        if self.prefix:
            draw_lines(self.canv, [self.prefix], x, self.height, self.width, self.prefix_style)
            x += self._prefix_width()
        draw_lines(self.canv, lines, x, self.height, self.width - x, self.style)


class Rule(Flowable):
    """A full-width horizontal line."""

    def __init__(
        self,
        color: Color = black,
        thickness: float = 0.8,
        space_before: float = 0.0,
        space_after: float = 0.0,
    ) -> None:
        super().__init__()
        self.color = color
        self.thickness = thickness
        self.spaceBefore = space_before
        self.spaceAfter = space_after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.thickness
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.thickness / 2, self.width, self.thickness / 2)
        self.canv.restoreState()


@dataclass(frozen=True)
class Column:
    """A grid column: header ``title``, relative ``weight`` of the width, an optional
    ``group`` title spanning consecutive columns (公开对象 over 全社会 | 特定群体)."""

    title: str
    weight: float
    group: str = ""
    align: str = "left"


@dataclass(frozen=True)
class Row:
    """One row of cell texts; a ``group`` row is a single cell across the whole grid."""

    cells: tuple[str, ...]
    group: bool = False


@dataclass
class _Laid:
    cells: list[list[str]]
    height: float
    group: bool
    #: The row this was laid out from (a row taller than a page gives several pieces).
    row: Row


@dataclass
class _HeaderCell:
    lines: list[str]
    x: float
    width: float
    top: float  # distance from the grid's top
    height: float


class Grid(Flowable):
    """A ruled table; see the module docstring. ``max_height`` is the tallest a frame
    can hold: rows taller than that (with the header) are cut to fit.
    ``label_column`` styles the first column as field labels (bold, shaded)."""

    def __init__(
        self,
        columns: list[Column],
        rows: list[Row],
        body: TextStyle,
        *,
        header: TextStyle | None = None,
        max_height: float,
        padding: float = 3.0,
        label_column: bool = False,
        space_before: float = 0.0,
        space_after: float = 0.0,
    ) -> None:
        super().__init__()
        self.columns = columns
        self.body = body
        self.header = header
        self.max_height = max_height
        self.padding = padding
        self.label_column = label_column
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._width: float | None = None
        self._laid: list[_Laid] = []
        #: Sum of the heights of ``_laid``, kept so a split costs O(rows on the page).
        self._rows_height = 0.0
        self._header_cells: list[_HeaderCell] = []
        self._header_height = 0.0
        self._widths: list[float] = []
        self.label_style = TextStyle(
            body.font, body.size, body.leading, bold=True, color=body.color
        )
        self._styles = self._column_styles()
        width = len(columns)
        self.rows = [
            row
            if row.group or len(row.cells) == width
            else Row((*row.cells, *[""] * width)[:width])
            for row in rows
        ]

    # ------------------------------------------------------------------ measuring
    def _column_styles(self) -> list[TextStyle]:
        body = self.body
        styles = [
            TextStyle(body.font, body.size, body.leading, align=c.align, color=body.color)
            for c in self.columns
        ]
        if self.label_column:
            styles[0] = self.label_style
        return styles

    def _measure(self, width: float) -> None:
        # Frames of one width may report it a rounding error apart (two columns).
        if self._width is not None and math.isclose(self._width, width, abs_tol=1e-6):
            return
        total = sum(c.weight for c in self.columns)
        self._widths = [width * c.weight / total for c in self.columns]
        self._measure_header()
        room = self.max_height - self._header_height
        laid: list[_Laid] = []
        for row in self.rows:
            laid.extend(self._lay_row(row, room))
        self._laid = laid
        self._rows_height = sum(r.height for r in laid)
        self._width = width

    def _lay_row(self, row: Row, room: float) -> list[_Laid]:
        pad = 2 * self.padding
        if row.group:
            text = row.cells[0] if row.cells else ""
            style = self.label_style
            cells = [wrap(text, style.font, style.size, sum(self._widths) - pad)]
        else:
            cells = [
                wrap(text, self.body.font, self.body.size, self._widths[i] - pad)
                for i, text in enumerate(row.cells)
            ]
        leading = self.body.leading
        tallest = max((len(c) for c in cells), default=0)
        height = max(1, tallest) * leading + pad
        if height <= room:
            return [_Laid(cells, height, row.group, row)]
        # Taller than a page: cut into pieces of as many lines as a page holds.
        per_piece = max(1, int((room - pad) // leading))
        pieces = []
        for start in range(0, tallest, per_piece):
            part = [c[start : start + per_piece] for c in cells]
            lines = max(len(c) for c in part)
            pieces.append(_Laid(part, max(1, lines) * leading + pad, row.group, row))
        return pieces

    def _measure_header(self) -> None:
        self._header_cells = []
        self._header_height = 0.0
        if self.header is None:
            return
        style, pad, leading = self.header, 2 * self.padding, self.header.leading
        lines_of = [
            wrap(c.title, style.font, style.size, w - pad)
            for c, w in zip(self.columns, self._widths, strict=True)
        ]
        grouped = any(c.group for c in self.columns)
        if not grouped:
            height = max(len(lines) for lines in lines_of) * leading + pad
            x = 0.0
            for lines, w in zip(lines_of, self._widths, strict=True):
                self._header_cells.append(_HeaderCell(lines, x, w, 0.0, height))
                x += w
            self._header_height = height
            return
        spans = self._group_spans()
        top_height = (
            max(len(wrap(title, style.font, style.size, w - pad)) for title, _s, _e, w in spans)
            * leading
            + pad
        )
        bottom_height = (
            max((len(lines_of[i]) for i, c in enumerate(self.columns) if c.group), default=1)
            * leading
            + pad
        )
        alone = (
            max((len(lines_of[i]) for i, c in enumerate(self.columns) if not c.group), default=1)
            * leading
            + pad
        )
        top_height = max(top_height, alone - bottom_height)
        total = top_height + bottom_height
        x = 0.0
        starts = [sum(self._widths[:i]) for i in range(len(self.columns))]
        for title, start, end, w in spans:
            x = starts[start]
            if title:
                lines = wrap(title, style.font, style.size, w - pad)
                self._header_cells.append(_HeaderCell(lines, x, w, 0.0, top_height))
                for i in range(start, end):
                    self._header_cells.append(
                        _HeaderCell(
                            lines_of[i], starts[i], self._widths[i], top_height, bottom_height
                        )
                    )
            else:
                self._header_cells.append(_HeaderCell(lines_of[start], x, w, 0.0, total))
        self._header_height = total

    def _group_spans(self) -> list[tuple[str, int, int, float]]:
        """(group title or "", first column, end column, width) for the top header row;
        ungrouped columns are one span each."""
        spans: list[tuple[str, int, int, float]] = []
        i = 0
        while i < len(self.columns):
            group = self.columns[i].group
            end = i + 1
            if group:
                while end < len(self.columns) and self.columns[end].group == group:
                    end += 1
            spans.append((group, i, end, sum(self._widths[i:end])))
            i = end
        return spans

    # ------------------------------------------------------------------ platypus
    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._measure(avail_width)
        self.width = avail_width
        self.height = self._header_height + self._rows_height
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self._measure(avail_width)
        room = avail_height - self._header_height
        used, count = 0.0, 0
        for row in self._laid:
            if used + row.height > room:
                break
            used += row.height
            count += 1
        # A category row belongs with the rows under it.
        while count > 0 and self._laid[count - 1].group and count < len(self._laid):
            count -= 1
        if count == 0 or count >= len(self._laid):
            return []
        head = sum(r.height for r in self._laid[:count])
        return [
            self._part(self._laid[:count], head, first=True),
            self._part(self._laid[count:], self._rows_height - head, first=False),
        ]

    def _part(self, laid: list[_Laid], height: float, first: bool) -> Grid:
        # The part keeps its rows, so it can be laid out again at another width (a
        # piece of a row taller than a page then brings its whole row along).
        part = Grid(
            self.columns,
            list({id(r.row): r.row for r in laid}.values()),
            self.body,
            header=self.header,
            max_height=self.max_height,
            padding=self.padding,
            label_column=self.label_column,
            space_before=self.spaceBefore if first else 0.0,
            space_after=0.0 if first else self.spaceAfter,
        )
        part._width = self._width
        part._widths = self._widths
        part._header_cells = self._header_cells
        part._header_height = self._header_height
        part._laid = laid
        part._rows_height = height
        return part

    def draw(self) -> None:
        canvas: Any = self.canv
        top = self.height
        pad = self.padding
        canvas.saveState()
        canvas.setLineWidth(INNER_LINE)
        canvas.setStrokeColor(black)
        for cell in self._header_cells:
            y = top - cell.top - cell.height
            canvas.setFillColor(HEADER_FILL)
            canvas.rect(cell.x, y, cell.width, cell.height, stroke=1, fill=1)
            assert self.header is not None
            style = TextStyle(
                self.header.font,
                self.header.size,
                self.header.leading,
                bold=True,
                align="center",
            )
            text_height = len(cell.lines) * style.leading
            draw_lines(
                canvas,
                cell.lines,
                cell.x + pad,
                y + (cell.height + text_height) / 2,
                cell.width - 2 * pad,
                style,
            )
        self._draw_body(canvas, top - self._header_height)
        canvas.setLineWidth(OUTER_LINE)
        canvas.rect(0, 0, sum(self._widths), self.height, stroke=1, fill=0)
        canvas.restoreState()

    def _draw_body(self, canvas: Any, top: float) -> None:
        """Rows from ``top`` down: fills and text first, then the rules, drawn as one line
        per row and one per column per block of ordinary rows (far fewer drawing
        operations than a rectangle per cell, which matters over hundreds of pages)."""
        pad = self.padding
        width = sum(self._widths)
        edges = [sum(self._widths[: i + 1]) for i in range(len(self._widths) - 1)]
        y = top
        block_top: float | None = None
        blocks: list[tuple[float, float]] = []
        rules: list[float] = []
        for row in self._laid:
            row_top, y = y, y - row.height
            rules.append(y)
            if row.group:
                if block_top is not None:
                    blocks.append((block_top, row_top))
                    block_top = None
                canvas.setFillColor(GROUP_FILL)
                canvas.rect(0, y, width, row.height, stroke=0, fill=1)
                draw_lines(
                    canvas, row.cells[0], pad, row_top - pad, width - 2 * pad, self.label_style
                )
                continue
            if block_top is None:
                block_top = row_top
            x = 0.0
            for i, (lines, cell_width) in enumerate(zip(row.cells, self._widths, strict=True)):
                if self.label_column and i == 0:
                    canvas.setFillColor(LABEL_FILL)
                    canvas.rect(x, y, cell_width, row.height, stroke=0, fill=1)
                draw_lines(
                    canvas, lines, x + pad, row_top - pad, cell_width - 2 * pad, self._styles[i]
                )
                x += cell_width
        if block_top is not None:
            blocks.append((block_top, y))
        path = canvas.beginPath()
        for rule in rules:
            path.moveTo(0, rule)
            path.lineTo(width, rule)
        for block_top_y, block_bottom in blocks:
            for edge in edges:
                path.moveTo(edge, block_top_y)
                path.lineTo(edge, block_bottom)
        canvas.drawPath(path, stroke=1, fill=0)
