"""The user guide as shipped (issue 14, point 17): every page the contents page names is
there, every link leads to a page (and a heading) that exists, every picture is there, no
page is left out of the contents, and the printed guide holds every chapter."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwgk_desktop.errors import UserError
from gwgk_desktop.pdf.markdown import Heading, Image, links
from gwgk_desktop.services import user_guide
from tests.pdf.pdfcheck import Pdf, compact, outside_page

PAGES = user_guide.pages()


def test_the_contents_page_comes_first_and_every_page_file_is_in_it() -> None:
    assert PAGES[0].name == user_guide.INDEX
    on_disk = {p.name for p in user_guide.folder().glob("*.md")}
    assert {page.name for page in PAGES} == on_disk
    # What the issue asks the guide to cover.
    titles = "".join(page.title for page in PAGES)
    for topic in ("安装", "目录事项", "许可审批", "流程图", "审核", "打印", "报送包", "快捷键"):
        assert topic in titles
    for topic in ("Excel", "备份", "恢复", "提示信息"):
        assert topic in titles


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_link_and_picture_leads_somewhere(page: user_guide.Page) -> None:
    by_name = {p.name: p for p in PAGES}
    for target in links(page):
        name, _hash, anchor = target.partition("#")
        name = name or page.name
        assert name in by_name, f"{page.name}: link to {target}"
        if anchor:
            headings = [b.text for b in by_name[name].blocks if isinstance(b, Heading)]
            assert anchor in headings, f"{page.name}: link to {target}"
    for block in page.blocks:
        if isinstance(block, Image):
            assert (user_guide.folder() / block.path).is_file(), f"{page.name}: {block.path}"
            assert block.alt, f"{page.name}: {block.path} has no caption"


def test_a_missing_page_is_one_clear_message(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"找不到使用手册的“nothing\.md”页"):
        user_guide.load("nothing.md")


def test_the_printed_guide_has_every_chapter_on_a4(tmp_path: Path) -> None:
    target = tmp_path / user_guide.PDF_NAME
    sheets = user_guide.write_pdf(target)
    pdf = Pdf(target)
    assert sheets == pdf.pages > len(PAGES)
    text = pdf.text()
    for page in PAGES[1:]:
        assert compact(page.title) in text
    assert "使用手册" in pdf.metadata_title()
    assert outside_page(pdf) == []
    # Chapter titles are numbered as the contents page numbers them.
    assert compact("六、审批程序流程图") in text
