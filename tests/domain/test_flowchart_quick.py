"""Quick entry: the documented syntax, its mistakes (with line numbers), and text ↔ chart."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.flowchart import validate_flowchart
from gwgk_desktop.domain.flowchart_quick import (
    QuickEntryError,
    format_quick_entry,
    parse_quick_entry,
)
from gwgk_desktop.domain.models import Flowchart, FlowEdge, FlowNode
from gwgk_desktop.services.template import standard_procedure

STANDARD = """标题：行政许可审批程序流程图
1. 申请人提出申请
2. 受理审查？（受理民警，1个工作日）
   - 材料不全 → 一次性告知需补正的全部材料（受理民警） → 2
   - 不符合条件 → [文书]出具不予受理凭证并说明理由（受理民警） → 结束
   - 予以受理 → 3
3. 审查申请材料（审核民警，10个工作日）
4. 作出决定？（审批领导，5个工作日）
   - 准予许可 → 5
   - 不予许可 → [文书]出具不予许可决定书，告知复议、诉讼权利（审批领导） → 结束
5. 制作证件、送达决定（受理民警，2个工作日）
6. 办结
"""


def shape(chart: Flowchart) -> tuple[object, ...]:
    """What a chart says, whatever its keys and node order: nodes by content, edges by
    the contents of their ends."""
    names = {n.key: (n.kind, n.text, n.post, n.time_limit_days) for n in chart.nodes}
    return (
        chart.title,
        sorted(names.values(), key=repr),
        sorted(
            ((names[e.source or ""], names[e.target or ""], e.label) for e in chart.edges),
            key=repr,
        ),
    )


def test_the_standard_procedure_typed_as_a_list() -> None:
    chart = parse_quick_entry(STANDARD)
    assert chart.title == "行政许可审批程序流程图"
    kinds = {n.text: n.kind for n in chart.nodes}
    assert kinds["申请人提出申请"] is NodeKind.START
    assert kinds["受理审查？"] is NodeKind.DECISION
    assert kinds["出具不予受理凭证并说明理由"] is NodeKind.DOCUMENT
    assert kinds["办结"] is NodeKind.END
    review = next(n for n in chart.nodes if n.text == "审查申请材料")
    assert (review.post, review.time_limit_days) == ("审核民警", 10)
    by_key = {n.key: n.text for n in chart.nodes}
    edges = {(by_key[e.source or ""], by_key[e.target or ""], e.label) for e in chart.edges}
    assert ("受理审查？", "一次性告知需补正的全部材料", "材料不全") in edges
    assert ("一次性告知需补正的全部材料", "受理审查？", "") in edges
    assert ("作出决定？", "制作证件、送达决定", "准予许可") in edges
    assert ("制作证件、送达决定", "办结", "") in edges
    assert sum(1 for n in chart.nodes if n.kind is NodeKind.END) == 3
    assert validate_flowchart(chart) == []


def test_plain_lines_make_a_straight_procedure_with_an_end() -> None:
    chart = parse_quick_entry("申请\n受理\n审查\n决定\n送达\n")
    assert [n.kind for n in chart.nodes] == [NodeKind.START] + [NodeKind.STEP] * 4 + [NodeKind.END]
    assert len(chart.edges) == 5
    assert validate_flowchart(chart) == []


def test_numbering_styles_and_arrows() -> None:
    chart = parse_quick_entry("（1）申请\n2、受理 -> 4\n3) 不会到达\n4．办结\n")
    texts = {n.key: n.text for n in chart.nodes}
    edges = {(texts[e.source or ""], texts[e.target or ""]) for e in chart.edges}
    assert ("受理", "办结") in edges
    assert ("不会到达", "办结") in edges
    assert any("不会到达" in p.message for p in validate_flowchart(chart))


def test_two_labelled_branches_make_a_decision_without_a_question_mark() -> None:
    chart = parse_quick_entry("1. 申请\n2. 审核\n   - 同意 → 3\n   - 不同意 → 结束\n3. 办结\n")
    assert chart.nodes[1].kind is NodeKind.DECISION


def test_marks_and_details() -> None:
    chart = parse_quick_entry(
        "1. [开始]群众来电\n2. 【文书】登记表（窗口民警，3日）\n3. [结束]归档\n"
    )
    assert [n.kind for n in chart.nodes] == [NodeKind.START, NodeKind.DOCUMENT, NodeKind.END]
    assert (chart.nodes[1].post, chart.nodes[1].time_limit_days) == ("窗口民警", 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "没有可识别的步骤"),
        ("   - 是 → 2\n1. 申请\n", "第1行：分支要写在它所属的步骤下面"),
        ("1. 申请\n2. 审查？\n   - 是\n", "第3行：分支要用“→”写出去向"),
        ("1. 申请\n1. 又是一\n", "第2行：步骤编号1重复"),
        ("1. 申请 → 7\n", "第1行：没有第7步"),
        ("1.\n", "第1行：步骤没有文字"),
        ("1. 申请 → \n", "第1行：“→”后面缺少去向"),
    ],
)
def test_mistakes_are_reported_with_their_line(text: str, expected: str) -> None:
    with pytest.raises(QuickEntryError) as raised:
        parse_quick_entry(text)
    assert any(expected in str(p) for p in raised.value.problems), raised.value.problems


def test_a_stop_keeps_a_step_without_a_way_on() -> None:
    chart = parse_quick_entry("1. 申请\n2. 搁置 → 无\n3. 办结\n")
    assert [(e.source, e.target) for e in chart.edges] == [("n1", "n2")]


def test_formatting_the_reference_template_and_parsing_it_back() -> None:
    chart = standard_procedure()
    again = parse_quick_entry(format_quick_entry(chart))
    assert shape(again) == shape(chart)


safe_text = st.text(
    alphabet=st.sampled_from("受理审查决定送达材料申请人窗口补正ABC"), min_size=1, max_size=10
)


@st.composite
def charts(draw: st.DrawFn) -> Flowchart:
    count = draw(st.integers(1, 9))
    nodes = [
        FlowNode(
            f"k{i}",
            draw(st.sampled_from(NodeKind)),
            draw(safe_text),
            draw(st.one_of(st.just(""), safe_text)),
            draw(st.one_of(st.none(), st.integers(1, 60))),
        )
        for i in range(count)
    ]
    keys = [n.key for n in nodes]
    pairs = draw(
        st.lists(st.tuples(st.sampled_from(keys), st.sampled_from(keys)), max_size=14, unique=True)
    )
    edges = [
        FlowEdge(f"x{i}", a, b, draw(st.one_of(st.just(""), safe_text)))
        for i, (a, b) in enumerate(pairs)
    ]
    return Flowchart(draw(st.one_of(st.just(""), safe_text)), nodes, edges)


@settings(max_examples=150, deadline=None)
@given(charts())
def test_any_chart_survives_text_and_back(chart: Flowchart) -> None:
    """Whatever the chart (valid or not), its quick-entry text describes exactly it."""
    assert shape(parse_quick_entry(format_quick_entry(chart))) == shape(chart)
