"""Text wrapping and node sizes shared by screen and print."""

from __future__ import annotations

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.flowchart_geometry import (
    NODE_SIZES,
    detail_text,
    node_text,
    port,
    size_of,
    wrap_text,
)
from gwgk_desktop.domain.models import FlowNode


def test_wrapping_breaks_chinese_anywhere_but_evenly() -> None:
    assert wrap_text("出具不予许可决定书，告知复议、诉讼权利", 150) == [
        "出具不予许可决定书，",
        "告知复议、诉讼权利",
    ]
    lines = wrap_text("一二三四五六七八九十一二三四五六七八九十一", 110)
    assert len(lines) == 3 and max(map(len, lines)) - min(map(len, lines)) <= 1


def test_closing_punctuation_never_starts_a_line() -> None:
    for width in range(30, 200, 7):
        for line in wrap_text("受理、审查、决定。送达（领证）；办结！", width)[1:]:
            assert line[0] not in "，。、；：？！）"


def test_explicit_line_breaks_are_kept() -> None:
    assert wrap_text("受理\n审查", 500) == ["受理", "审查"]


def test_long_text_makes_a_taller_node_with_its_post_and_limit() -> None:
    short = FlowNode("a", NodeKind.STEP, "受理")
    long = FlowNode("b", NodeKind.STEP, "受理" * 30, "受理民警", 3)
    assert size_of(short) == NODE_SIZES[NodeKind.STEP]
    assert size_of(long).height > NODE_SIZES[NodeKind.STEP].height
    assert size_of(long).width == NODE_SIZES[NodeKind.STEP].width
    assert node_text(long).detail == ("（受理民警，3个工作日）",)
    assert detail_text(short) == ""


def test_ports_are_on_the_shape() -> None:
    node = FlowNode("d", NodeKind.DECISION, "判断", x=100, y=50)
    size = size_of(node)
    assert port(node, "T") == (100, 50 - size.height / 2)
    assert port(node, "R") == (100 + size.width / 2, 50)
    document = FlowNode("x", NodeKind.DOCUMENT, "文书", x=0, y=0)
    assert port(document, "B")[1] < size_of(document).height / 2  # on the wave
