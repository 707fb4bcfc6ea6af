"""Auto-layout and edge routing: the templates and the demo charts come out with no
overlapping nodes, no crossing edges and no edge through a node; any chart gets a layout
without overlaps; the result depends only on the chart."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.flowchart_geometry import GRID, node_bounds, port
from gwgk_desktop.domain.flowchart_layout import auto_layout, layout_positions
from gwgk_desktop.domain.flowchart_routing import (
    _routes_of,
    crossings,
    route_chart,
    routes_through_nodes,
)
from gwgk_desktop.domain.models import Flowchart, FlowEdge, FlowNode
from gwgk_desktop.services.demo import _licensing_chart
from gwgk_desktop.services.demo_data import LICENSING_ITEMS
from gwgk_desktop.services.flowcharts import TEMPLATES, template_chart
from gwgk_desktop.services.template import standard_procedure
from tests.strategies import flowcharts


def overlapping(chart: Flowchart) -> list[tuple[str, str]]:
    return [
        (a.key, b.key)
        for a, b in itertools.combinations(chart.nodes, 2)
        if node_bounds(a).intersects(node_bounds(b))
    ]


def assert_clean(chart: Flowchart) -> None:
    routes = route_chart(chart)
    assert overlapping(chart) == []
    assert crossings(routes.values()) == []
    assert routes_through_nodes(chart, routes) == []
    assert set(routes) == {e.key for e in chart.edges}


@pytest.mark.parametrize("key", [t.key for t in TEMPLATES])
def test_templates_lay_out_cleanly(key: str) -> None:
    assert_clean(template_chart(key))


@pytest.mark.parametrize("name", sorted({item["name"] for item in LICENSING_ITEMS}))
def test_demo_charts_lay_out_cleanly(name: str) -> None:
    assert_clean(auto_layout(_licensing_chart(name)))


def test_the_shipped_template_is_stored_laid_out() -> None:
    chart = standard_procedure()
    positions = layout_positions(chart)
    assert {n.key: (n.x, n.y) for n in chart.nodes} == positions
    assert_clean(chart)


def test_standard_procedure_reads_top_down_with_branches_to_the_side() -> None:
    chart = auto_layout(standard_procedure())
    at = {n.key: (n.x, n.y) for n in chart.nodes}
    main = ["apply", "accept", "review", "decide", "deliver", "done"]
    # the main line is one straight column, top to bottom
    assert len({at[k][0] for k in main}) == 1
    assert [at[k][1] for k in main] == sorted(at[k][1] for k in main)
    column = at["apply"][0]
    # the exceptions sit beside it, one on each side of 受理
    assert at["supplement"][0] < column < at["reject"][0] or (
        at["reject"][0] < column < at["supplement"][0]
    )
    assert at["deny"][0] != column
    assert all(v % GRID == 0 for xy in at.values() for v in xy)


def test_decision_branches_leave_from_the_corners_and_labels_sit_beside_them() -> None:
    chart = auto_layout(standard_procedure())
    routes = route_chart(chart)
    nodes = {n.key: n for n in chart.nodes}
    for key in ("e2", "e4", "e6"):
        edge = next(e for e in chart.edges if e.key == key)
        route = routes[key]
        assert route.points[0] == port(nodes["accept"], route.source_side)
        assert route.label is not None and route.label.text == edge.label
    sides = {routes[k].source_side for k in ("e2", "e4", "e6")}
    assert sides == {"L", "R", "B"}  # one corner each
    # a label never covers a node or another label
    boxes = [r.label.bounds for r in routes.values() if r.label is not None]
    for box in boxes:
        assert not any(node_bounds(n).intersects(box) for n in chart.nodes)
    for a, b in itertools.combinations(boxes, 2):
        assert not a.intersects(b)


def test_layout_is_deterministic_and_keeps_the_model_untouched() -> None:
    chart = standard_procedure()
    before = [(n.x, n.y) for n in chart.nodes]
    first = layout_positions(chart)
    assert layout_positions(chart) == first
    assert [(n.x, n.y) for n in chart.nodes] == before


def test_separate_pieces_and_self_loops_are_laid_out_side_by_side() -> None:
    chart = Flowchart(
        nodes=[
            FlowNode("s", NodeKind.START, "申请"),
            FlowNode("e", NodeKind.END, "办结"),
            FlowNode("x", NodeKind.STEP, "另一段"),
            FlowNode("y", NodeKind.STEP, "又一段"),
        ],
        edges=[FlowEdge("1", "s", "e"), FlowEdge("2", "x", "y"), FlowEdge("3", "y", "y")],
    )
    laid = auto_layout(chart)
    assert overlapping(laid) == []
    routes = route_chart(laid)
    assert len(routes["3"].points) == 5  # a loop around the corner


def test_empty_chart() -> None:
    assert layout_positions(Flowchart()) == {}
    assert route_chart(Flowchart()) == {}


@settings(max_examples=60, deadline=None)
@given(flowcharts(max_nodes=14))
def test_any_chart_gets_a_layout_without_overlaps(chart: Flowchart) -> None:
    laid = auto_layout(chart)
    assert [n.key for n in laid.nodes] == [n.key for n in chart.nodes]
    assert overlapping(laid) == []
    routes = route_chart(laid)
    known = {n.key for n in chart.nodes}
    assert set(routes) == {e.key for e in chart.edges if e.source in known and e.target in known}
    for route in routes.values():
        for (x0, y0), (x1, y1) in itertools.pairwise(route.points):
            assert x0 == x1 or y0 == y1  # orthogonal lines only


@settings(max_examples=40, deadline=None)
@given(flowcharts(max_nodes=10), st.data())
def test_routes_remembered_for_a_chart_follow_every_change_to_it(
    chart: Flowchart, data: st.DataObject
) -> None:
    """route_chart remembers the routes of charts it has seen; a chart changed in place
    (the editor's snapshot, a reprint after an edit) must never get the old routes."""
    laid = auto_layout(chart)
    route_chart(laid)
    if laid.nodes:
        node = data.draw(st.sampled_from(laid.nodes))
        change = data.draw(st.sampled_from(["x", "y", "text", "post", "days", "kind"]))
        if change in ("x", "y"):
            setattr(node, change, getattr(node, change) + data.draw(st.sampled_from([-80, 40])))
        elif change in ("text", "post"):
            setattr(node, change, getattr(node, change) + "（补充说明文字）")
        elif change == "days":
            node.time_limit_days = (node.time_limit_days or 0) + 15
        else:
            node.kind = NodeKind.DECISION if node.kind is not NodeKind.DECISION else NodeKind.STEP
    if laid.edges:
        edge = data.draw(st.sampled_from(laid.edges))
        edge.label = edge.label + "否"
    remembered = route_chart(laid)
    _routes_of.cache_clear()
    assert remembered == route_chart(laid)
