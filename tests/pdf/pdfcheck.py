"""Reading generated PDFs back in tests: page texts, fonts and whether they are embedded,
text sizes, and the extent of everything drawn (paths and text, through the content
stream's transformation matrices) so tests can say nothing lies outside the page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def compact(text: str) -> str:
    """Text without any whitespace, so wrapped lines join up again."""
    return re.sub(r"\s+", "", text)


@dataclass
class Pdf:
    path: Path

    def __post_init__(self) -> None:
        self.reader = PdfReader(str(self.path))

    @property
    def pages(self) -> int:
        return len(self.reader.pages)

    def page_texts(self) -> list[str]:
        return [page.extract_text() or "" for page in self.reader.pages]

    def text(self) -> str:
        """All text, whitespace removed."""
        return compact("".join(self.page_texts()))

    def fonts(self) -> dict[str, bool]:
        """Base font name → embedded, for every font any page uses."""
        found: dict[str, bool] = {}
        for page in self.reader.pages:
            resources = page.get("/Resources")
            if resources is None:
                continue
            fonts = resources.get_object().get("/Font")
            if fonts is None:
                continue
            for ref in fonts.get_object().values():
                font = ref.get_object()
                found[str(font.get("/BaseFont"))] = _embedded(font)
        return found

    def metadata_title(self) -> str:
        meta = self.reader.metadata
        return str(meta.title) if meta and meta.title else ""


def _embedded(font: Any) -> bool:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None and "/DescendantFonts" in font:
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _multiply(a: Matrix, b: Matrix) -> Matrix:
    """a × b for PDF matrices [a b c d e f] (row vectors)."""
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


@dataclass(frozen=True)
class Mark:
    """One thing drawn: a path point or the start/end of a text string, in page space."""

    kind: str  # "path" | "text"
    x: float
    y: float
    size: float = 0.0


def marks(pdf: Pdf, page_index: int) -> Iterator[Mark]:
    """Every path point and text extent on a page, transformed to page coordinates."""
    page = pdf.reader.pages[page_index]
    resources: Any = page["/Resources"].get_object()
    fonts = resources.get("/Font")
    fonts = fonts.get_object() if fonts is not None else {}
    stream = ContentStream(page.get_contents(), pdf.reader)
    ctm = IDENTITY
    stack: list[Matrix] = []
    tm = line = IDENTITY
    font: Any = None
    size = 0.0
    leading = 0.0
    for operands, op in stream.operations:
        name = op.decode() if isinstance(op, bytes) else str(op)
        nums = [float(v) for v in operands if isinstance(v, int | float)]
        if name == "q":
            stack.append(ctm)
        elif name == "Q":
            ctm = stack.pop()
        elif name == "cm":
            ctm = _multiply(tuple(nums), ctm)  # type: ignore[arg-type]
        elif name in ("m", "l"):
            yield Mark("path", *_apply(ctm, nums[0], nums[1]))
        elif name in ("c", "v", "y"):
            for i in range(0, len(nums), 2):
                yield Mark("path", *_apply(ctm, nums[i], nums[i + 1]))
        elif name == "re":
            x, y, w, h = nums
            for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h)):
                yield Mark("path", *_apply(ctm, px, py))
        elif name == "BT":
            tm = line = IDENTITY
        elif name == "Tf":
            font = fonts[operands[0]].get_object()
            size = float(operands[1])
        elif name == "TL":
            leading = nums[0]
        elif name == "Tm":
            tm = line = tuple(nums)  # type: ignore[assignment]
        elif name in ("Td", "TD"):
            line = _multiply((1, 0, 0, 1, nums[0], nums[1]), line)
            tm = line
            if name == "TD":
                leading = -nums[1]
        elif name == "T*":
            line = _multiply((1, 0, 0, 1, 0, -leading), line)
            tm = line
        elif name in ("Tj", "TJ", "'", '"'):
            strings = operands[-1] if name == "TJ" else [operands[-1]]
            advance = 0.0
            for piece in strings:
                if isinstance(piece, bytes | str):
                    advance += _width(font, piece) * size
                else:
                    advance -= float(piece) / 1000 * size
            full = _multiply(tm, ctm)
            start = _apply(full, 0, 0)
            end = _apply(full, advance, size * 0.9)
            scale = (full[0] ** 2 + full[1] ** 2) ** 0.5
            yield Mark("text", *start, size=size * scale)
            yield Mark("text", *end, size=size * scale)
            tm = _multiply((1, 0, 0, 1, advance, 0), tm)


def _width(font: Any, piece: bytes | str) -> float:
    """Width in text space units (1 = font size) of a string; an upper bound of 1 em
    per code for composite fonts without a width table."""
    original = getattr(piece, "original_bytes", None)
    data = (
        bytes(original)
        if original is not None
        else bytes(piece, "latin-1")
        if isinstance(piece, str)
        else bytes(piece)
    )
    if font is None:
        return len(data)
    if font.get("/Subtype") == "/Type0":
        return len(data) / 2
    first = int(font.get("/FirstChar", 0))
    widths = [float(w) for w in font.get("/Widths", [])]
    total = 0.0
    for code in data:
        i = code - first
        total += widths[i] / 1000 if 0 <= i < len(widths) else 1.0
    return total


def outside_page(pdf: Pdf, tolerance: float = 0.5) -> list[tuple[int, Mark]]:
    """Marks that lie outside their page's media box."""
    found = []
    for index, page in enumerate(pdf.reader.pages):
        box = page.mediabox
        left, bottom = float(box.left) - tolerance, float(box.bottom) - tolerance
        right, top = float(box.right) + tolerance, float(box.top) + tolerance
        for mark in marks(pdf, index):
            if not (left <= mark.x <= right and bottom <= mark.y <= top):
                found.append((index, mark))
    return found


def text_sizes(pdf: Pdf, page_index: int) -> list[float]:
    """The effective size of every text string drawn on a page."""
    return [m.size for m in marks(pdf, page_index) if m.kind == "text"]
