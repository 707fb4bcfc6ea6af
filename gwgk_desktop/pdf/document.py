"""Pages shared by every printed document: paper and orientation, margins, one or two
columns, the title block on the first page (centred lines over a thin red rule), a running
head on later pages, "第 X 页 共 Y 页" footers, PDF metadata, progress reports, and writing
the file atomically (``files.write_via_temp``: a failed or cancelled run never leaves a
half-written PDF under the chosen name).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from gwgk_desktop import APP_DISPLAY_NAME, __version__
from gwgk_desktop.errors import UserError
from gwgk_desktop.files import write_via_temp
from gwgk_desktop.pdf.fonts import FontChoice
from gwgk_desktop.pdf.text import TextStyle, draw_line, draw_lines, wrap
from gwgk_desktop.progress import Cancelled, Progress, step

PAPERS: dict[str, tuple[float, float]] = {"A4": A4, "A3": A3}

# Page streams are zlib-compressed; reportlab would also wrap them in ASCII85, which makes
# the files a quarter larger and costs a second on a 450-page catalogue, for no benefit
# (PDF readers handle binary streams). Process-wide, and harmless to every other PDF.
rl_config.useA85 = 0
RED = Color(0.78, 0.0, 0.0)
GREY = Color(0.35, 0.35, 0.35)


class PrintCancelled(Cancelled):
    """The user stopped the job; nothing was written."""

    def __init__(self) -> None:
        super().__init__("已取消打印，未生成文件", "cancelled")


@dataclass(frozen=True)
class PageSetup:
    """Paper, orientation, margins and columns of a document."""

    paper: str = "A4"
    landscape: bool = False
    columns: int = 1
    margin: float = 20 * mm
    gutter: float = 10 * mm

    @property
    def size(self) -> tuple[float, float]:
        size = PAPERS[self.paper]
        return landscape(size) if self.landscape else size

    @property
    def content_width(self) -> float:
        return self.size[0] - 2 * self.margin

    @property
    def content_height(self) -> float:
        return self.size[1] - 2 * self.margin

    @property
    def column_width(self) -> float:
        return (self.content_width - (self.columns - 1) * self.gutter) / self.columns


@dataclass(frozen=True)
class TitleLine:
    text: str
    style: TextStyle
    space_after: float = 0.0


@dataclass(frozen=True)
class TitleBlock:
    """Centred lines at the top of the first page, then a thin red rule."""

    lines: tuple[TitleLine, ...]
    rule: float = 1.0
    gap: float = 6 * mm

    def laid_out(self, width: float) -> list[tuple[list[str], TitleLine]]:
        return [
            (wrap(line.text, line.style.font, line.style.size, width), line) for line in self.lines
        ]

    def height(self, width: float) -> float:
        total = sum(
            max(1, len(lines)) * line.style.leading + line.space_after
            for lines, line in self.laid_out(width)
        )
        return total + 3 * mm + self.rule + self.gap


@dataclass
class Notes:
    """What a document left out or changed (empty fields skipped, tiny charts, long
    texts continued), for the CLI's output and the print dialog."""

    items: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        if message not in self.items:
            self.items.append(message)


#: Values a frame holds that copying can share (immutable): numbers, strings, None.
_SHARED = frozenset({int, float, bool, str, type(None)})


class _QuickCopyFrame(Frame):
    """reportlab's ``Frame``, copied the quick way.

    reportlab deep-copies the current frame each time it measures a group of flowables
    kept together (``keepWithNext`` chains: every heading with its text, every guide
    panel with its chart), 532 times for a notice board. ``copy.deepcopy`` walks the
    frame's two dozen numbers one by one each time: a tenth of the board's layout time.
    A frame holds numbers, strings and lists of them: the numbers and strings are shared,
    anything else is deep-copied as before, so the copy is the same as deepcopy's."""

    def __deepcopy__(self, memo: dict[int, Any]) -> _QuickCopyFrame:
        twin = self.__class__.__new__(self.__class__)
        memo[id(self)] = twin
        twin.__dict__.update(
            (name, value if type(value) in _SHARED else copy.deepcopy(value, memo))
            for name, value in self.__dict__.items()
        )
        return twin


class Layout:
    """The page geometry of one document, known before its story is written so builders
    can size charts and tables to the frames."""

    def __init__(
        self, setup: PageSetup, font: FontChoice, title: TitleBlock, running_head: str
    ) -> None:
        self.setup = setup
        self.font = font
        self.title = title
        self.running_head = running_head
        self.small = TextStyle(font.name, 8.5, 11, color=GREY)
        self.title_height = title.height(setup.content_width)

    @property
    def column_width(self) -> float:
        return self.setup.column_width

    @property
    def frame_height(self) -> float:
        """The height of the smallest frame (the first page's, under the title block)."""
        return self.setup.content_height - self.title_height

    def _frames(self, height: float, prefix: str) -> list[Frame]:
        setup = self.setup
        return [
            _QuickCopyFrame(
                setup.margin + i * (setup.column_width + setup.gutter),
                setup.margin,
                setup.column_width,
                height,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
                id=f"{prefix}{i}",
            )
            for i in range(setup.columns)
        ]

    def _draw_title(self, canvas: Canvas, _doc: Any) -> None:
        setup = self.setup
        top = setup.size[1] - setup.margin
        for lines, line in self.title.laid_out(setup.content_width):
            draw_lines(canvas, lines, setup.margin, top, setup.content_width, line.style)
            top -= max(1, len(lines)) * line.style.leading + line.space_after
        top -= 3 * mm
        canvas.saveState()
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(self.title.rule)
        canvas.line(setup.margin, top, setup.size[0] - setup.margin, top)
        canvas.restoreState()

    def _draw_head(self, canvas: Canvas, _doc: Any) -> None:
        setup = self.setup
        baseline = setup.size[1] - setup.margin + 4 * mm
        head = wrap(self.running_head, self.small.font, self.small.size, setup.content_width)
        draw_line(
            canvas, head[0] if head else "", setup.margin, baseline, setup.content_width, self.small
        )
        canvas.saveState()
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.4)
        y = baseline - 2.2 * mm
        canvas.line(setup.margin, y, setup.size[0] - setup.margin, y)
        canvas.restoreState()

    def _draw_footer(self, canvas: Canvas, page: int, total: int) -> None:
        setup = self.setup
        style = TextStyle(self.font.name, 9, 11, align="center", color=black)
        draw_line(
            canvas,
            f"第 {page} 页 共 {total} 页",
            setup.margin,
            setup.margin - 9 * mm,
            setup.content_width,
            style,
        )

    def build(
        self,
        target: Path,
        story: list[Flowable],
        *,
        title: str,
        author: str,
        subject: str,
        progress: Progress | None = None,
    ) -> int:
        """Lay ``story`` out into ``target`` (atomically); return the number of pages."""
        pages: list[int] = []

        def write(path: Path) -> None:
            pages.append(self._build(path, story, title, author, subject, progress))

        write_via_temp(target, write)
        return pages[0]

    def _build(
        self,
        path: Path,
        story: list[Flowable],
        title: str,
        author: str,
        subject: str,
        progress: Progress | None,
    ) -> int:
        setup = self.setup
        doc = BaseDocTemplate(
            str(path),
            pagesize=setup.size,
            leftMargin=setup.margin,
            rightMargin=setup.margin,
            topMargin=setup.margin,
            bottomMargin=setup.margin,
            title=title,
            author=author,
            subject=subject,
            creator=f"{APP_DISPLAY_NAME} {__version__}",
            initialFontName=self.font.name,
            initialFontSize=10,
        )
        doc.addPageTemplates(
            [
                PageTemplate(
                    "first", self._frames(self.frame_height, "f"), onPage=self._draw_title
                ),
                PageTemplate(
                    "later", self._frames(setup.content_height, "l"), onPage=self._draw_head
                ),
            ]
        )
        if progress is not None:
            doc.setProgressCallBack(_Reporter(progress))
        footer = self._draw_footer

        def canvasmaker(*args: Any, **kwargs: Any) -> Canvas:
            return _NumberedCanvas(*args, footer=footer, **kwargs)

        try:
            doc.build([NextPageTemplate("later"), *story], canvasmaker=canvasmaker)
        except LayoutError as error:
            raise UserError(
                "排版失败：有一项内容太大，一页放不下。请缩短该内容后重试",
                f"layout failed: {error}",
            ) from error
        return int(doc.page)


class _Reporter:
    """Turns reportlab's progress callbacks into ``Progress`` reports; raises
    ``PrintCancelled`` once the job is cancelled, which unwinds the writer (the temporary
    file is then removed)."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.total = 0
        self.page = 0

    def __call__(self, kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            self.total = int(value)
        elif kind == "PAGE":
            self.page = int(value)
        elif kind == "PROGRESS":
            text = f"正在排版：第 {self.page or 1} 页"
            step(self.progress, int(value), self.total, text, PrintCancelled)


class _NumberedCanvas(Canvas):
    """Keeps every page until the end so the footer can say how many pages there are."""

    def __init__(
        self, *args: Any, footer: Callable[[Canvas, int, int], None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._footer(self, number, total)
            super().showPage()
        super().save()
