"""The reference template (versioned, replaceable) and the demo station."""

from __future__ import annotations

import copy

import pytest

from gwgk_desktop.domain.enums import ItemKind, Status
from gwgk_desktop.domain.flowchart import is_valid
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.services import template
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.check import run_check
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import Database
from tests.conftest import Actors


def test_a_new_station_gets_the_plans_ten_categories(station_db: Database) -> None:
    catalogue = Catalogue(station_db)
    categories = catalogue.reference.categories()
    assert [c.name for c in categories] == [
        "领导信息",
        "法规文件",
        "行政依据",
        "行政事业性收费",
        "人事信息",
        "公共服务",
        "工作动态",
        "公告公示",
        "新闻发布",
        "网上办事与制度",
    ]
    assert (categories[2].lead_unit, categories[2].responsible_unit) == ("法制部门", "各业务警种")
    assert len(catalogue.reference.channels()) == 14
    assert [s.name for s in catalogue.reference.stages()] == [
        "调研梳理",
        "集中填报",
        "检查督促",
        "总结提高",
    ]
    assert is_valid(template.standard_procedure())


def test_a_newer_template_replaces_the_reference_data(station_db: Database, actors: Actors) -> None:
    newer = copy.deepcopy(template.builtin_template())
    newer["version"] += 1
    newer["categories"][0]["lead_unit"] = "政治处"
    newer["categories"].append({"code": "11", "name": "警务公开", "lead_unit": "办公室"})
    del newer["channels"][-1]
    with station_db.write() as session:
        preview = template.preview_changes(session, newer)
        changes = template.install(session, newer, actors.admin, source="bureau")
    assert preview == changes
    assert changes.added_categories == ["警务公开"]
    assert changes.changed_categories == ["领导信息"]
    assert changes.removed_channels == ["其他"]
    assert (changes.from_version, changes.to_version) == (2, 3)
    assert "新增类别：警务公开" in changes.lines()
    catalogue = Catalogue(station_db)
    assert catalogue.reference.categories()[-1].name == "警务公开"
    assert "other" not in {c.code for c in catalogue.reference.channels()}


def test_an_older_or_equal_template_is_refused(station_db: Database) -> None:
    with station_db.write() as session, pytest.raises(template.TemplateError, match="不高于"):
        template.install(session, template.builtin_template(), Actor.system())


def test_a_malformed_template_is_refused() -> None:
    bad = copy.deepcopy(template.builtin_template())
    bad["levels"] = bad["levels"][:2]
    with pytest.raises(template.TemplateError, match="公开层级"):
        template.check_payload(bad)
    with pytest.raises(template.TemplateError, match="不是政务公开目录参考范本"):
        template.check_payload({"format": "something-else"})


def test_the_demo_station_is_realistic_and_sound(demo_db: Database) -> None:
    catalogue = Catalogue(demo_db)
    counts = catalogue.items.status_counts()
    categories = {category_id for (_kind, category_id) in counts}
    assert categories == {c.id for c in catalogue.reference.categories()}
    statuses = {status for per_status in counts.values() for status in per_status}
    assert statuses == set(Status)
    licensing = list(catalogue.items.iter_items(ItemQuery(kind=ItemKind.LICENSING)))
    assert {"出生登记", "迁入登记", "死亡注销"} <= {item.name for item in licensing}
    for item in licensing:
        assert item.content.guide and item.content.materials
        assert item.content.flowchart and is_valid(item.content.flowchart)
    fees = catalogue.items.list_rows(ItemQuery(kind=ItemKind.FEE))
    assert len(fees) == 3
    report = run_check(demo_db)
    assert report.ok and report.audit_rows > 100
    assert report.items == []  # every demo item is complete
    history = catalogue.items.history(licensing[0].id)
    assert [h.action for h in history][:4] == [
        "item.create",
        "item.submit",
        "item.approve",
        "item.publish",
    ]
