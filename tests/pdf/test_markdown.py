"""The user guide's small Markdown (pdf.markdown): each construct the pages use, and any
text at all read without an error (a guide page with a typo still shows)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gwgk_desktop.pdf.markdown import (
    Heading,
    Image,
    ListBlock,
    Note,
    Paragraph,
    Span,
    SpanKind,
    Table,
    links,
    parse,
    plain,
)

SOURCE = """# 审批程序流程图

许可审批事项的“流程图”页，
是一个画图工具。
Press F11 to
toggle.

## 快速录入

1. 受理（受理民警，1个工作日）
2. 审核
   （续行）

- 按 `Ctrl+Z` 撤销，见[快捷键](keys.md#编辑)
- **注意**：先保存

> 提示：
> 可以打印。

| 图形 | 用途 |
|---|---|
| 椭圆 | 开始、结束 |
| 菱形 | 判断 |

![流程图页](img/flowchart.png)
"""


def test_each_construct() -> None:
    page = parse("flowchart.md", SOURCE)
    kinds = [type(b) for b in page.blocks]
    assert kinds == [
        Heading, Paragraph, Heading, ListBlock, ListBlock, Note, Table, Image,
    ]  # fmt: skip
    assert page.title == "审批程序流程图"
    first = page.blocks[1]
    assert isinstance(first, Paragraph)
    # Chinese lines join without a space, English ones with one.
    assert plain(first.spans) == "许可审批事项的“流程图”页，是一个画图工具。Press F11 to toggle."
    numbered = page.blocks[3]
    assert isinstance(numbered, ListBlock) and numbered.ordered
    assert [plain(i) for i in numbered.items] == ["受理（受理民警，1个工作日）", "审核（续行）"]
    bullets = page.blocks[4]
    assert isinstance(bullets, ListBlock) and not bullets.ordered
    assert bullets.items[0] == (
        Span(SpanKind.TEXT, "按 "),
        Span(SpanKind.CODE, "Ctrl+Z"),
        Span(SpanKind.TEXT, " 撤销，见"),
        Span(SpanKind.LINK, "快捷键", "keys.md#编辑"),
    )
    assert bullets.items[1][0] == Span(SpanKind.BOLD, "注意")
    note = page.blocks[5]
    assert isinstance(note, Note) and plain(note.spans) == "提示：可以打印。"
    table = page.blocks[6]
    assert isinstance(table, Table)
    assert [plain(c) for c in table.header] == ["图形", "用途"]
    assert [[plain(c) for c in row] for row in table.rows] == [
        ["椭圆", "开始、结束"],
        ["菱形", "判断"],
    ]
    assert page.blocks[7] == Image("img/flowchart.png", "流程图页")
    assert links(page) == ["keys.md#编辑"]


@given(st.text(alphabet=st.sampled_from(list("#-*>|![]()`1. \n文字ab:")), max_size=300))
def test_any_text_is_read(source: str) -> None:
    page = parse("any.md", source)
    assert isinstance(page.title, str)
    assert all(isinstance(target, str) for target in links(page))


WORDS = st.text(alphabet=st.sampled_from(list("政务公开abc，。、1 ")), min_size=1, max_size=12)


@given(st.lists(WORDS.map(str.strip).filter(bool), min_size=1, max_size=6))
def test_plain_lines_are_one_paragraph_with_every_character(lines: list[str]) -> None:
    page = parse("any.md", "\n".join(lines))
    assert len(page.blocks) == 1
    paragraph = page.blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert plain(paragraph.spans).replace(" ", "") == "".join(lines).replace(" ", "")
