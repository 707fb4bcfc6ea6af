"""The chart rules not covered with the other validation tests: a missing start, an empty
chart, loops into the start or out of an end, and that every shipped template is valid."""

from __future__ import annotations

import pytest

from gwgk_desktop.domain.enums import NodeKind, Severity
from gwgk_desktop.domain.flowchart import is_valid, validate_flowchart
from gwgk_desktop.domain.models import Flowchart, FlowEdge, FlowNode
from gwgk_desktop.services.flowcharts import TEMPLATES, template_chart


def messages(chart: Flowchart) -> set[tuple[str | None, str | None, str, Severity]]:
    return {(p.node, p.edge, p.message, p.severity) for p in validate_flowchart(chart)}


def test_empty_chart_says_what_to_add() -> None:
    assert [p.message for p in validate_flowchart(Flowchart())] == [
        "流程图是空的，请添加开始、办理环节和结束"
    ]


def test_a_chart_without_a_start_is_refused() -> None:
    chart = Flowchart(
        nodes=[FlowNode("a", NodeKind.STEP, "受理"), FlowNode("e", NodeKind.END, "办结")],
        edges=[FlowEdge("1", "a", "e")],
    )
    assert (None, None, "流程图必须有一个“开始”节点", Severity.ERROR) in messages(chart)
    assert not is_valid(chart)


def test_edges_into_the_start_or_out_of_an_end_are_warnings_only() -> None:
    chart = Flowchart(
        nodes=[
            FlowNode("s", NodeKind.START, "申请"),
            FlowNode("a", NodeKind.STEP, "受理"),
            FlowNode("e", NodeKind.END, "办结"),
        ],
        edges=[FlowEdge("1", "s", "a"), FlowEdge("2", "a", "e"), FlowEdge("3", "e", "s")],
    )
    found = messages(chart)
    assert ("s", None, "“开始”节点不应有指向它的连线", Severity.WARNING) in found
    assert ("e", None, "“结束”节点不应再有向外的连线", Severity.WARNING) in found
    assert is_valid(chart)


def test_duplicate_node_keys_are_reported() -> None:
    chart = Flowchart(
        nodes=[FlowNode("s", NodeKind.START), FlowNode("s", NodeKind.END)],
        edges=[FlowEdge("1", "s", "s")],
    )
    assert "流程图中有重复的节点编号" in {p.message for p in validate_flowchart(chart)}


def test_a_step_without_text_is_a_warning() -> None:
    chart = Flowchart(
        nodes=[
            FlowNode("s", NodeKind.START, "申请"),
            FlowNode("a", NodeKind.STEP, "  "),
            FlowNode("e", NodeKind.END, "办结"),
        ],
        edges=[FlowEdge("1", "s", "a"), FlowEdge("2", "a", "e")],
    )
    assert ("a", None, "有节点没有文字", Severity.WARNING) in messages(chart)


@pytest.mark.parametrize("key", [t.key for t in TEMPLATES])
def test_every_template_is_a_valid_chart(key: str) -> None:
    chart = template_chart(key)
    assert validate_flowchart(chart) == []
