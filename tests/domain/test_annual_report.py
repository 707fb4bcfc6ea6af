"""Table 三 counted from the register: every outcome in its own cell, the year boundary,
the check 一 + 二 = 三·总计 + 四, the JSON keyed by the format's labels, and adding units'
reports up."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gwgk_desktop.domain.annual_report import (
    AnnualReport,
    ReportShapeError,
    RequestFact,
    add_up,
    balance_of,
    count_table3,
    empty_table2,
    empty_table4,
    to_json,
)
from gwgk_desktop.domain.requests import ApplicantType, Outcome

#: Table 三's rows as printed in 国办公开办函〔2021〕30号, typed here independently of the code.
FORMAT_ROWS = {
    "（一）予以公开": None,
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": None,
    "（三）不予公开": [
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
    ],
    "（四）无法提供": [
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
    ],
    "（五）不予处理": [
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
    ],
    "（六）其他处理": [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ],
    "（七）总计": None,
}
COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def report(facts: list[RequestFact], year: int = 2026) -> dict[str, Any]:
    return to_json(
        AnnualReport(
            year=year,
            unit="测试派出所",
            org_code="000099001",
            table2=empty_table2(),
            table3=count_table3(facts, year),
            table4=empty_table4(),
            texts={},
            generated_on=dt.date(year + 1, 1, 10),
        )
    )


def _cell_of(outcome: Outcome, data: dict[str, Any]) -> dict[str, int]:
    results = data["三"]["三、本年度办理结果"]
    for group, rows in FORMAT_ROWS.items():
        if rows is None:
            if group.split("）", 1)[1].startswith(outcome.label):
                return results[group]
        else:
            for label in rows:
                if label.split(".", 1)[1] == outcome.label:
                    return results[group][label]
    raise AssertionError(f"{outcome.label} is not a row of table 三")


def test_the_json_has_exactly_the_formats_rows_and_columns() -> None:
    data = report([])
    three = data["三"]
    assert list(three) == [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "四、结转下年度继续办理",
    ]
    results = three["三、本年度办理结果"]
    assert list(results) == list(FORMAT_ROWS)
    for group, rows in FORMAT_ROWS.items():
        if rows is None:
            assert list(results[group]) == COLUMNS
        else:
            assert list(results[group]) == rows
            assert all(list(results[group][row]) == COLUMNS for row in rows)
    assert list(data["二"]) == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert data["二"]["第二十条第（八）项"] == {"行政事业性收费": {"本年收费金额（单位：万元）": 0}}
    assert data["四"] == {
        "行政复议": dict.fromkeys(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"], 0),
        "行政诉讼": {
            "未经复议直接起诉": dict.fromkeys(
                ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"], 0
            ),
            "复议后起诉": dict.fromkeys(
                ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"], 0
            ),
        },
    }
    assert [key for key in data if key in "一二三四五六"] == list("一二三四五六")


@pytest.mark.parametrize("outcome", list(Outcome))
@pytest.mark.parametrize("applicant", list(ApplicantType))
def test_every_outcome_is_counted_in_its_own_cell(
    outcome: Outcome, applicant: ApplicantType
) -> None:
    fact = RequestFact(applicant, dt.date(2026, 3, 2), dt.date(2026, 3, 20), outcome)
    data = report([fact])
    cell = _cell_of(outcome, data)
    assert cell[applicant.label] == 1 and cell["总计"] == 1
    assert sum(cell.values()) == 2
    total = data["三"]["三、本年度办理结果"]["（七）总计"]
    assert total[applicant.label] == 1 and total["总计"] == 1
    # and nowhere else
    leaves = []

    def walk(value: Any) -> None:
        if isinstance(value, dict) and "总计" in value and isinstance(value["总计"], int):
            leaves.append(value)
        elif isinstance(value, dict):
            for inner in value.values():
                walk(inner)

    walk(data["三"]["三、本年度办理结果"])
    assert sum(leaf["总计"] for leaf in leaves) == 2  # the cell and 总计


def test_a_request_received_in_late_december_is_carried_over() -> None:
    fact = RequestFact(
        ApplicantType.LEGAL_SERVICE, dt.date(2026, 12, 28), dt.date(2027, 1, 12), Outcome.PARTLY
    )
    this_year, next_year = report([fact], 2026), report([fact], 2027)
    column = "法律服务机构"
    assert this_year["三"]["一、本年新收政府信息公开申请数量"][column] == 1
    assert this_year["三"]["四、结转下年度继续办理"][column] == 1
    assert this_year["三"]["三、本年度办理结果"]["（七）总计"][column] == 0
    assert next_year["三"]["一、本年新收政府信息公开申请数量"][column] == 0
    assert next_year["三"]["二、上年结转政府信息公开申请数量"][column] == 1
    assert _cell_of(Outcome.PARTLY, next_year)[column] == 1
    assert next_year["三"]["四、结转下年度继续办理"][column] == 0
    # answered on 31 December: done this year, nothing carried
    done = RequestFact(
        ApplicantType.NATURAL, dt.date(2026, 12, 28), dt.date(2026, 12, 31), Outcome.DISCLOSED
    )
    assert report([done])["三"]["四、结转下年度继续办理"]["总计"] == 0
    assert report([done], 2027)["三"]["二、上年结转政府信息公开申请数量"]["总计"] == 0
    # received on 1 January: this year's new request, never last year's
    new = RequestFact(ApplicantType.NATURAL, dt.date(2027, 1, 1))
    assert report([new], 2026)["三"]["四、结转下年度继续办理"]["总计"] == 0


facts = st.builds(
    lambda kind, received, after, outcome, open_: RequestFact(
        kind,
        received,
        None if open_ else received + dt.timedelta(days=after),
        None if open_ else outcome,
    ),
    st.sampled_from(list(ApplicantType)),
    st.dates(dt.date(2024, 6, 1), dt.date(2027, 6, 30)),
    st.integers(0, 200),
    st.sampled_from(list(Outcome)),
    st.booleans(),
)


@given(st.lists(facts, max_size=60), st.integers(2024, 2027))
def test_received_plus_carried_in_equals_answered_plus_carried_out(
    register: list[RequestFact], year: int
) -> None:
    table = count_table3(register, year)
    assert table.balanced and table.unbalanced_columns() == []
    data = report(register, year)
    assert all(left == right for left, right in balance_of(data).values())
    for name, row in (("新收", table.new), ("结转", table.carried_out)):
        assert row["总计"] == sum(row[c] for c in COLUMNS[:-1]), name


def test_a_register_that_does_not_add_up_is_reported() -> None:
    # answered before it was received: a typing mistake the check must show
    wrong = RequestFact(
        ApplicantType.NATURAL, dt.date(2026, 5, 1), dt.date(2025, 12, 1), Outcome.DISCLOSED
    )
    table = count_table3([wrong], 2026)
    assert table.unbalanced_columns() == ["自然人", "总计"]
    assert table.balance()["自然人"] == (1, 0)


def test_reports_add_up_cell_by_cell() -> None:
    a = report(
        [
            RequestFact(
                ApplicantType.NATURAL, dt.date(2026, 3, 2), dt.date(2026, 3, 5), Outcome.DISCLOSED
            )
        ]
    )
    b = report([RequestFact(ApplicantType.BUSINESS, dt.date(2026, 3, 2))])
    a["二"]["第二十条第（八）项"]["行政事业性收费"]["本年收费金额（单位：万元）"] = 0.1
    b["二"]["第二十条第（八）项"]["行政事业性收费"]["本年收费金额（单位：万元）"] = 0.2
    b["units"] = [{"name": "乙所", "org_code": "2"}]
    summed = add_up([a, b])
    assert summed["units"] == [
        {"name": "测试派出所", "org_code": "000099001"},
        {"name": "乙所", "org_code": "2"},
    ]
    assert summed["三"]["一、本年新收政府信息公开申请数量"]["总计"] == 2
    assert summed["三"]["四、结转下年度继续办理"]["商业企业"] == 1
    assert summed["二"]["第二十条第（八）项"]["行政事业性收费"]["本年收费金额（单位：万元）"] == 0.3
    assert all(left == right for left, right in balance_of(summed).values())
    assert summed["一"] == ""


def test_adding_up_refuses_reports_of_other_shapes_or_years() -> None:
    a = report([])
    with pytest.raises(ReportShapeError, match="different years"):
        add_up([a, report([], 2025)])
    broken = report([])
    del broken["三"]["四、结转下年度继续办理"]
    with pytest.raises(ReportShapeError, match="same rows"):
        add_up([a, broken])
    text = report([])
    text["四"]["行政复议"]["总计"] = "0"
    with pytest.raises(ReportShapeError, match="not a number"):
        add_up([a, text])
    with pytest.raises(ReportShapeError):
        add_up([])
