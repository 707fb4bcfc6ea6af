"""Flowcharts through the real database: save → load gives back exactly the same chart
(property-based over random graphs), a licensing item cannot be submitted with an invalid
chart, and the template / item-chart services."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.models import Flowchart, FlowEdge, FlowNode
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import UserError
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.flowcharts import (
    chart_from_text,
    set_item_chart,
    template_by_key,
    template_chart,
)
from gwgk_desktop.store.database import Database
from tests.conftest import Actors
from tests.factories import catalogue_content, licensing_content
from tests.strategies import flowcharts


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(chart=flowcharts(max_nodes=14))
def test_save_and_load_give_back_the_same_chart(
    station_db: Database, actors: Actors, chart: Flowchart
) -> None:
    catalogue = Catalogue(station_db)
    content = licensing_content(catalogue)
    content.flowchart = copy.deepcopy(chart)
    item = catalogue.changes.create(actors.clerk, content)
    assert catalogue.items.get(item.id).content.flowchart == chart
    # and again after an edit that replaces every node and edge
    changed = copy.deepcopy(chart)
    changed.nodes.reverse()
    for node in changed.nodes:
        node.x, node.y = node.y, node.x
    saved = set_item_chart(catalogue, actors.clerk, item.id, changed)
    assert catalogue.items.get(saved.id).content.flowchart == changed


def test_a_licensing_item_with_a_broken_chart_cannot_be_submitted(
    station_db: Database, actors: Actors
) -> None:
    catalogue = Catalogue(station_db)
    content = licensing_content(catalogue)
    broken = template_chart("standard")
    broken.edges = [e for e in broken.edges if e.label != "不予许可"]  # a lonely branch
    content.flowchart = broken
    item = catalogue.changes.create(actors.clerk, content)  # a draft may be unfinished
    with pytest.raises(UserError) as refused:
        catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
    assert "流程图" in refused.value.message
    set_item_chart(catalogue, actors.clerk, item.id, template_chart("standard"))
    catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)


def test_only_licensing_items_have_a_chart(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    item = catalogue.changes.create(actors.clerk, catalogue_content(catalogue))
    with pytest.raises(UserError, match="只有许可审批事项"):
        set_item_chart(catalogue, actors.clerk, item.id, template_chart("standard"))


def test_the_standard_template_comes_from_the_stations_reference_template(
    station_db: Database,
) -> None:
    from_db = template_chart("standard", station_db)
    shipped = template_chart("standard")
    assert from_db == shipped
    assert {n.key for n in from_db.nodes} >= {"apply", "accept", "review", "decide", "deliver"}


def test_unknown_template_and_bad_text_are_user_errors() -> None:
    with pytest.raises(UserError, match="没有名为"):
        template_by_key("nonsense")
    with pytest.raises(UserError, match="第1行"):
        chart_from_text("1. 申请 → 5\n")


def test_chart_from_text_is_laid_out() -> None:
    chart = chart_from_text("申请\n受理\n办结\n")
    assert [n.kind for n in chart.nodes] == [NodeKind.START, NodeKind.STEP, NodeKind.END]
    assert [n.y for n in chart.nodes] == sorted(n.y for n in chart.nodes)
    assert len({n.y for n in chart.nodes}) == 3


def test_saving_drops_only_edges_without_both_ends(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    content = licensing_content(catalogue)
    chart = Flowchart(
        nodes=[FlowNode("s", NodeKind.START), FlowNode("e", NodeKind.END)],
        edges=[FlowEdge("1", "s", "e"), FlowEdge("2", "s", None)],
    )
    content.flowchart = chart
    item = catalogue.changes.create(actors.clerk, content)
    loaded = catalogue.items.get(item.id).content.flowchart
    assert loaded is not None and [e.key for e in loaded.edges] == ["1"]
