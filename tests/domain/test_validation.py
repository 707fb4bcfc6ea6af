"""Validation: every problem at once, tied to its field, in Chinese."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from gwgk_desktop.domain.enums import ItemKind, NodeKind, Severity
from gwgk_desktop.domain.models import (
    Attachment,
    Flowchart,
    FlowEdge,
    FlowNode,
    ItemContent,
    Material,
    ServiceGuide,
    StationProfile,
)
from gwgk_desktop.domain.validation import (
    Problem,
    Strictness,
    _collect_texts,
    _texts,
    errors,
    label,
    text_problem,
    validate_content,
    validate_station,
)
from tests.strategies import item_contents


def fields(problems: list[Problem]) -> list[str]:
    return [p.field for p in problems]


def test_empty_catalogue_item_reports_every_missing_field_at_once() -> None:
    problems = validate_content(ItemContent(time_limit=""), Strictness.SUBMIT)
    assert fields(problems) == [
        "name",
        "category_id",
        "level1",
        "content",
        "basis",
        "time_limit",
        "subject",
        "channels",
        "generated_date",
    ]
    assert all(p.severity is Severity.ERROR for p in problems)
    assert str(problems[0]) == "[错误] 名称：请填写名称"
    assert problems[7].message == "请至少选择一个公开渠道和载体"


def test_missing_fields_are_only_warnings_for_a_draft() -> None:
    problems = validate_content(ItemContent(), Strictness.SAVE)
    assert problems and not errors(problems)


def test_malformed_values_are_errors_even_in_a_draft() -> None:
    content = ItemContent(
        name="x" * 201,
        channels=("website", "website", "carrier_pigeon"),
        generated_date=dt.date(2026, 9, 10),
        update_due=dt.date(2026, 9, 1),
    )
    found = errors(
        validate_content(
            content, Strictness.SAVE, known_channels={"website"}, today=dt.date(2026, 9, 30)
        )
    )
    messages = {p.field: p.message for p in found}
    assert messages["name"] == "名称不能超过200个字（现有201个字）"
    assert messages["update_due"] == "下次更新日期不能早于生成日期"
    assert [p.message for p in found if p.field == "channels"] == [
        "公开渠道和载体有重复项",
        "未知的公开渠道：carrier_pigeon",
    ]


def test_unknown_category_and_future_date() -> None:
    content = ItemContent(category_id=99, generated_date=dt.date(2027, 1, 1))
    problems = validate_content(
        content, Strictness.SAVE, known_categories={1, 2}, today=dt.date(2026, 9, 1)
    )
    by_field = {p.field: p for p in problems}
    assert by_field["category_id"].message == "所选信息类别不存在，请重新选择"
    assert by_field["generated_date"].severity is Severity.WARNING


def test_licensing_item_needs_guide_materials_and_a_valid_chart() -> None:
    content = ItemContent(kind=ItemKind.LICENSING, name="出生登记")
    assert {"guide", "materials", "flowchart"} <= set(fields(validate_content(content)))
    content.guide = ServiceGuide(legal_limit_days=5, promised_limit_days=10, phone="abc")
    content.materials = [Material(name="", copies=0)]
    content.flowchart = Flowchart(nodes=[FlowNode("a", NodeKind.STEP, "受理")])
    by_field: dict[str, list[str]] = {}
    for problem in validate_content(content):
        by_field.setdefault(problem.field, []).append(problem.message)
    assert by_field["guide.promised_limit_days"] == ["承诺期限不能长于法定期限"]
    assert by_field["guide.phone"] == ["咨询电话格式不正确，只能含数字、括号和连字符"]
    assert by_field["materials[0].name"] == ["第1项材料缺少名称"]
    assert by_field["materials[0].copies"] == ["第1项材料的份数应在1到99之间"]
    assert "流程图：流程图必须有一个“开始”节点" in by_field["flowchart"]
    assert label("materials[0].copies") == "第1项材料的份数"


def _limit_problems(guide: ServiceGuide) -> dict[str, list[str]]:
    content = ItemContent(kind=ItemKind.LICENSING, name="死亡注销", guide=guide)
    found: dict[str, list[str]] = {}
    for problem in validate_content(content, Strictness.SUBMIT):
        if "limit" in problem.field:
            found.setdefault(problem.field, []).append(problem.message)
    return found


def test_a_time_limit_may_be_immediate() -> None:
    """即时办结 (issue 14, point 3): a limit of its own, not a number of days."""
    assert _limit_problems(ServiceGuide(promised_limit_immediate=True)) == {}
    assert _limit_problems(ServiceGuide(legal_limit_immediate=True)) == {}
    assert _limit_problems(ServiceGuide(legal_limit_days=30, promised_limit_immediate=True)) == {}
    assert _limit_problems(ServiceGuide()) == {
        "guide.promised_limit_days": ["请填写法定期限或承诺期限（或选“即时办结”）"]
    }
    assert _limit_problems(ServiceGuide(promised_limit_days=3, promised_limit_immediate=True)) == {
        "guide.promised_limit_days": ["已选“即时办结”，不能再填工作日数"]
    }
    assert _limit_problems(ServiceGuide(legal_limit_immediate=True, promised_limit_days=1)) == {
        "guide.promised_limit_days": ["法定期限为即时办结，承诺期限也只能是即时办结"]
    }
    assert _limit_problems(ServiceGuide(legal_limit_days=0)) == {
        "guide.legal_limit_days": ["法定期限应为1到365之间的工作日数"]
    }
    guide = ServiceGuide(legal_limit_days=30, promised_limit_immediate=True)
    assert (guide.legal_limit(), guide.promised_limit()) == ("30个工作日", "即时办结")
    assert guide.limits() == "法定期限30个工作日；承诺期限即时办结"
    assert ServiceGuide().limits() == ""


def test_fee_item_needs_basis_and_standard_only() -> None:
    content = ItemContent(kind=ItemKind.FEE, name="工本费", category_id=4)
    assert fields(validate_content(content)) == ["basis", "fee_standard"]


def test_station_profile_rules() -> None:
    problems = validate_station(StationProfile(name="", org_code="bad/code", phone="电话"))
    assert fields(problems) == [
        "station.name",
        "station.org_code",
        "station.phone",
        "station.complaint_phone",
    ]
    assert problems[-1].severity is Severity.WARNING
    assert not validate_station(
        StationProfile(name="城关派出所", org_code="000014349", complaint_phone="0531-12345678")
    )


def test_flowchart_rules_each_named_on_the_chart() -> None:
    from gwgk_desktop.domain.flowchart import validate_flowchart

    chart = Flowchart(
        nodes=[
            FlowNode("s", NodeKind.START, "申请"),
            FlowNode("s2", NodeKind.START, "又一个开始"),
            FlowNode("d", NodeKind.DECISION, "受理？"),
            FlowNode("x", NodeKind.STEP, "孤立环节"),
            FlowNode("e", NodeKind.END, "办结"),
        ],
        edges=[
            FlowEdge("1", "s", "d"),
            FlowEdge("2", "d", "e", "是"),
            FlowEdge("3", "d", "d", ""),
            FlowEdge("4", "s", None),
            FlowEdge("5", "s", "ghost"),
        ],
    )
    found = {(p.node, p.edge, p.message) for p in validate_flowchart(chart)}
    assert ("s2", None, "流程图只能有一个“开始”节点") in found
    assert (None, "4", "有一条连线缺少起点或终点，请删除或连好") in found
    assert (None, "5", "有一条连线连接到不存在的节点") in found
    assert ("x", None, "“孤立环节”无法从“开始”到达") in found
    assert ("x", None, "“孤立环节”无法到达“结束”") in found
    assert (None, "3", "判断“受理？”的每条向外连线都要标注条件（如“是”“否”）") in found
    assert (None, "3", "“受理？”的连线指向自己") in found
    no_end = Flowchart(nodes=[FlowNode("s", NodeKind.START)])
    assert "流程图至少需要一个“结束”节点" in {p.message for p in validate_flowchart(no_end)}
    lonely = Flowchart(
        nodes=[
            FlowNode("s", NodeKind.START),
            FlowNode("d", NodeKind.DECISION, "判"),
            FlowNode("e", NodeKind.END),
        ],
        edges=[FlowEdge("1", "s", "d"), FlowEdge("2", "d", "e", "是")],
    )
    assert ("d", None, "判断“判”至少需要两条向外的连线") in {
        (p.node, p.edge, p.message) for p in validate_flowchart(lonely)
    }


_UNSAFE = st.sampled_from(["\x00", "\x1b", "\x7f", "\x9b", "\u202e", "\u2066", "\ud800"])


def _places(owner: object) -> list[str]:
    """The fields of ``owner`` holding a text, or a non-empty list of them (channel codes,
    fee links)."""
    names = [f.name for f in dataclasses.fields(owner)]  # type: ignore[arg-type]
    return [
        name
        for name in names
        if type(value := getattr(owner, name)) is str
        or (isinstance(value, (tuple, list)) and bool(value) and all(type(v) is str for v in value))
    ]


@st.composite
def _with_unsafe_characters(draw: st.DrawFn) -> ItemContent:
    """Random content with control and direction characters put into one or a few of its
    texts, wherever they are: fields, the guide, materials, chart nodes and edges,
    attachments, channel codes, fee links."""
    content = draw(item_contents())
    content.attachments = draw(
        st.lists(
            st.builds(
                Attachment,
                sha256=st.just("0" * 64),
                filename=st.text(max_size=9),
                size=st.integers(0, 9),
                note=st.text(max_size=9),
            ),
            max_size=2,
        )
    )
    content.fee_links = draw(st.lists(st.uuids().map(str), max_size=2))
    owners: list[object] = [content, content.guide, *content.materials, *content.attachments]
    if content.flowchart is not None:
        owners += [content.flowchart, *content.flowchart.nodes, *content.flowchart.edges]
    # Usually one text (then only the quick search can tell), sometimes a few; the part
    # first, then one of its texts, so that the few texts of a chart's node are as likely
    # as the many of the item itself.
    parts = [owner for owner in owners if owner is not None and _places(owner)]
    picked = st.sampled_from(parts).flatmap(
        lambda o: st.tuples(st.just(o), st.sampled_from(_places(o)))
    )
    for owner, name in draw(st.one_of(picked.map(lambda p: [p]), st.lists(picked, max_size=3))):
        value = getattr(owner, name)
        if isinstance(value, (tuple, list)):  # one code of the list
            index = draw(st.integers(0, len(value) - 1))
            spoilt = list(value)
            spoilt[index] += draw(_UNSAFE)
            setattr(owner, name, type(value)(spoilt))
        else:
            at = draw(st.integers(0, len(value)))
            setattr(owner, name, value[:at] + draw(_UNSAFE) + value[at:])
    return content


@given(_with_unsafe_characters())
@settings(max_examples=300, deadline=None)
def test_unsafe_characters_are_found_in_every_text_with_its_path(content: ItemContent) -> None:
    """The quick search over all texts at once finds what checking text by text finds,
    each problem under its field's path: the texts it searches are every text the walk
    with paths visits."""
    gathered: list[str] = []
    _collect_texts((content,), gathered)
    assert gathered == [value for _, value in _texts(content, "")]
    expected = [
        Problem(path, f"{label(path)}{problem}")
        for path, value in _texts(content, "")
        if (problem := text_problem(value))
    ]
    found = [p for p in validate_content(content, Strictness.SAVE) if "控制字符" in p.message]
    assert found == expected
