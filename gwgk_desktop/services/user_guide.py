"""The user guide (使用手册) shipped with the application: its pages (``resources/guide/``,
in the order the contents page ``index.md`` links them) and the printable PDF made from
them. The in-app viewer (``gui.help``, F1) shows the same pages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gwgk_desktop.errors import UserError
from gwgk_desktop.paths import resource
from gwgk_desktop.pdf.markdown import Page, links, parse
from gwgk_desktop.progress import Progress

if TYPE_CHECKING:
    from gwgk_desktop.pdf.fonts import FontChoice

INDEX = "index.md"
#: What the PDF is called when saved without asking (the command line's default).
PDF_NAME = "政务公开目录桌面工具使用手册.pdf"


def folder() -> Path:
    """Where the guide's pages and pictures are."""
    return resource("guide")


def load(name: str) -> Page:
    """One page by its file name (``flowchart.md``)."""
    path = folder() / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise UserError(
            f"找不到使用手册的“{name}”页（{path}）：安装可能不完整",
            f"user guide page {name} not found: {error}",
        ) from error
    return parse(name, text)


def pages() -> list[Page]:
    """The contents page, then every page it links to, in its order."""
    index = load(INDEX)
    names = []
    for target in links(index):
        name = target.partition("#")[0]
        if name.endswith(".md") and name != INDEX and name not in names:
            names.append(name)
    return [index, *(load(name) for name in names)]


def write_pdf(
    target: Path, font: FontChoice | None = None, progress: Progress | None = None
) -> int:
    """The whole guide as an A4 PDF at ``target``; returns the number of sheets."""
    # reportlab only when printing: the viewer (F1) does without it.
    from gwgk_desktop.pdf.fonts import cjk_font
    from gwgk_desktop.pdf.user_guide import write_user_guide

    return write_user_guide(pages(), folder(), target, font or cjk_font(), progress)
