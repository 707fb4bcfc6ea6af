"""The annual report on government information disclosure (政府信息公开工作年度报告) in
the national format (国办公开办函〔2021〕30号): its six sections, the labels of its three
tables exactly as the format prints them, counting table 三 from the register, the check
一 + 二 = 三·总计 + 四 for every column, the report as JSON keyed by those labels, and
adding several units' reports up (what a county or city bureau does with its stations').

Table 三's rows for a year Y, from each request's day received and day answered:
一 received in Y; 二 received before Y and not answered before Y; 三 answered in Y, by
outcome; 四 received by the end of Y and not answered by then. So 一 + 二 = 三 + 四 holds
by construction whenever no request is answered before it was received.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gwgk_desktop.domain.requests import ApplicantType, Outcome

REPORT_FORMAT = "gwgk-annual-report"
REPORT_FORMAT_VERSION = 1

SECTIONS: dict[str, str] = {
    "一": "总体情况",
    "二": "主动公开政府信息情况",
    "三": "收到和处理政府信息公开申请情况",
    "四": "政府信息公开行政复议、行政诉讼情况",
    "五": "存在的主要问题及改进情况",
    "六": "其他需要报告的事项",
}
TEXT_SECTIONS = ("一", "五", "六")
TABLE2_SECTION, TABLE3_SECTION, TABLE4_SECTION = "二", "三", "四"

# ------------------------------------------------------------------------------ table 二
#: (article, rows, columns) groups of table 二, in print order.
TABLE2: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "第二十条第（一）项",
        ("规章", "行政规范性文件"),
        ("本年制发件数", "本年废止件数", "现行有效件数"),
    ),
    ("第二十条第（五）项", ("行政许可",), ("本年处理决定数量",)),
    ("第二十条第（六）项", ("行政处罚", "行政强制"), ("本年处理决定数量",)),
    ("第二十条第（八）项", ("行政事业性收费",), ("本年收费金额（单位：万元）",)),
)
FEE_ROW = "行政事业性收费"
#: Table 二's row counted from the catalogue; every other cell is entered.
COUNTED_ROW = "行政规范性文件"
COUNTED_RULE = (
    "“行政规范性文件”一行由目录统计：法规文件类别中、发布机构为本单位、标有文号、"
    "已审核或已公开的事项；本年制发按生成日期计，本年废止按有效性为“废止”且该版本在本年"
    "审核计，现行有效按有效性为“有效”计。"
)


def table2_cells() -> list[tuple[str, str]]:
    return [(row, column) for _, rows, columns in TABLE2 for row in rows for column in columns]


# ------------------------------------------------------------------------------ table 三
#: The applicant columns of table 三, then the total.
APPLICANT_COLUMNS: tuple[str, ...] = tuple(t.label for t in ApplicantType)
TOTAL = "总计"
COLUMNS3 = (*APPLICANT_COLUMNS, TOTAL)
PERSON_HEADER = "自然人"
ORGANISATION_HEADER = "法人或其他组织"
APPLICANTS_HEADER = "申请人情况"
BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

ROW_NEW = "一、本年新收政府信息公开申请数量"
ROW_CARRIED_IN = "二、上年结转政府信息公开申请数量"
ROW_RESULTS = "三、本年度办理结果"
ROW_CARRIED_OUT = "四、结转下年度继续办理"
ROW_RESULTS_TOTAL = "（七）总计"

#: The result groups of row 三: (label, outcome) for a group that is itself a row, or
#: (label, ((numbered label, outcome), ...)) for a group of numbered rows.
RESULT_GROUPS: tuple[tuple[str, Outcome | tuple[tuple[str, Outcome], ...]], ...] = (
    ("（一）予以公开", Outcome.DISCLOSED),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", Outcome.PARTLY),
    (
        "（三）不予公开",
        (
            ("1.属于国家秘密", Outcome.STATE_SECRET),
            ("2.其他法律行政法规禁止公开", Outcome.LAW_FORBIDS),
            ("3.危及“三安全一稳定”", Outcome.SECURITY),
            ("4.保护第三方合法权益", Outcome.THIRD_PARTY),
            ("5.属于三类内部事务信息", Outcome.INTERNAL),
            ("6.属于四类过程性信息", Outcome.PROCESS),
            ("7.属于行政执法案卷", Outcome.ENFORCEMENT),
            ("8.属于行政查询事项", Outcome.ADMIN_QUERY),
        ),
    ),
    (
        "（四）无法提供",
        (
            ("1.本机关不掌握相关政府信息", Outcome.NOT_HELD),
            ("2.没有现成信息需要另行制作", Outcome.NOT_EXISTING),
            ("3.补正后申请内容仍不明确", Outcome.STILL_UNCLEAR),
        ),
    ),
    (
        "（五）不予处理",
        (
            ("1.信访举报投诉类申请", Outcome.PETITION),
            ("2.重复申请", Outcome.REPEATED),
            ("3.要求提供公开出版物", Outcome.PUBLICATION),
            ("4.无正当理由大量反复申请", Outcome.MASS),
            ("5.要求行政机关确认或重新出具已获取信息", Outcome.CONFIRMATION),
        ),
    ),
    (
        "（六）其他处理",
        (
            (
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                Outcome.NO_CORRECTION,
            ),
            (
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                Outcome.NO_FEE,
            ),
            ("3.其他", Outcome.OTHER),
        ),
    ),
)


def result_rows() -> list[tuple[str, str | None, Outcome]]:
    """Every outcome row: (group label, numbered label or None, outcome), in print order."""
    rows: list[tuple[str, str | None, Outcome]] = []
    for group, content in RESULT_GROUPS:
        if isinstance(content, Outcome):
            rows.append((group, None, content))
        else:
            rows += [(group, label, outcome) for label, outcome in content]
    return rows


# ------------------------------------------------------------------------------ table 四
REVIEW = "行政复议"
LITIGATION = "行政诉讼"
DIRECT = "未经复议直接起诉"
AFTER_REVIEW = "复议后起诉"
RESULT_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结")
COLUMNS4 = (*RESULT_COLUMNS, TOTAL)
#: The three blocks of table 四, each with its four entered results and their total.
TABLE4_BLOCKS: tuple[tuple[str, ...], ...] = (
    (REVIEW,),
    (LITIGATION, DIRECT),
    (LITIGATION, AFTER_REVIEW),
)


# ------------------------------------------------------------------------------ counting
@dataclass(frozen=True)
class RequestFact:
    """What table 三 needs of one request."""

    applicant_type: ApplicantType
    received: dt.date
    answered: dt.date | None = None
    outcome: Outcome | None = None


def _zeros() -> dict[str, int]:
    return dict.fromkeys(COLUMNS3, 0)


@dataclass
class Table3:
    new: dict[str, int] = field(default_factory=_zeros)
    carried_in: dict[str, int] = field(default_factory=_zeros)
    results: dict[Outcome, dict[str, int]] = field(
        default_factory=lambda: {o: _zeros() for o in Outcome}
    )
    carried_out: dict[str, int] = field(default_factory=_zeros)

    @property
    def results_total(self) -> dict[str, int]:
        return {c: sum(row[c] for row in self.results.values()) for c in COLUMNS3}

    def balance(self) -> dict[str, tuple[int, int]]:
        """Per column: (一 + 二, 三·总计 + 四)."""
        total = self.results_total
        return {
            c: (self.new[c] + self.carried_in[c], total[c] + self.carried_out[c]) for c in COLUMNS3
        }

    @property
    def balanced(self) -> bool:
        return all(left == right for left, right in self.balance().values())

    def unbalanced_columns(self) -> list[str]:
        return [c for c, (left, right) in self.balance().items() if left != right]


def count_table3(facts: Iterable[RequestFact], year: int) -> Table3:
    """Table 三 of ``year`` from every request in the register."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    table = Table3()

    def add(row: dict[str, int], column: str) -> None:
        row[column] += 1
        row[TOTAL] += 1

    for fact in facts:
        column = fact.applicant_type.label
        if fact.received > last:
            continue
        open_at_start = fact.answered is None or fact.answered >= first
        if first <= fact.received:
            add(table.new, column)
        elif open_at_start:
            add(table.carried_in, column)
        if fact.answered is not None and first <= fact.answered <= last:
            assert fact.outcome is not None
            add(table.results[fact.outcome], column)
        elif fact.answered is None or fact.answered > last:
            add(table.carried_out, column)
    return table


# ------------------------------------------------------------------------------ the report
Number = int | float


@dataclass
class AnnualReport:
    """One unit's report for one year."""

    year: int
    unit: str
    org_code: str
    table2: dict[str, dict[str, Number]]
    table3: Table3
    #: Entered results per block of table 四 (``TABLE4_BLOCKS``), without the totals.
    table4: dict[tuple[str, ...], dict[str, int]]
    texts: dict[str, str]
    generated_on: dt.date

    def table4_with_totals(self) -> dict[tuple[str, ...], dict[str, int]]:
        return {
            block: {**values, TOTAL: sum(values[c] for c in RESULT_COLUMNS)}
            for block, values in self.table4.items()
        }


def empty_table2() -> dict[str, dict[str, Number]]:
    return {row: dict.fromkeys(columns, 0) for _, rows, columns in TABLE2 for row in rows}


def empty_table4() -> dict[tuple[str, ...], dict[str, int]]:
    return {block: dict.fromkeys(RESULT_COLUMNS, 0) for block in TABLE4_BLOCKS}


def _counts(row: dict[str, int]) -> dict[str, int]:
    return {c: row[c] for c in COLUMNS3}


def to_json(report: AnnualReport) -> dict[str, Any]:
    """The report keyed by the format's own labels, e.g.
    ``["三"]["一、本年新收政府信息公开申请数量"]["自然人"]``."""
    table3 = report.table3
    results: dict[str, Any] = {}
    for group, content in RESULT_GROUPS:
        if isinstance(content, Outcome):
            results[group] = _counts(table3.results[content])
        else:
            results[group] = {label: _counts(table3.results[o]) for label, o in content}
    results[ROW_RESULTS_TOTAL] = table3.results_total
    table4: dict[str, Any] = {}
    for block, values in report.table4_with_totals().items():
        target = table4
        for key in block[:-1]:
            target = target.setdefault(key, {})
        target[block[-1]] = dict(values)
    table2: dict[str, Any] = {}
    for article, rows, columns in TABLE2:
        table2[article] = {row: {c: report.table2[row][c] for c in columns} for row in rows}
    return {
        "format": REPORT_FORMAT,
        "format_version": REPORT_FORMAT_VERSION,
        "year": report.year,
        "units": [{"name": report.unit, "org_code": report.org_code}],
        "generated_on": report.generated_on.isoformat(),
        "一": report.texts.get("一", ""),
        "二": table2,
        "三": {
            ROW_NEW: _counts(table3.new),
            ROW_CARRIED_IN: _counts(table3.carried_in),
            ROW_RESULTS: results,
            ROW_CARRIED_OUT: _counts(table3.carried_out),
        },
        "四": table4,
        "五": report.texts.get("五", ""),
        "六": report.texts.get("六", ""),
    }


def balance_of(data: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """The check 一 + 二 = 三·总计 + 四 per column, read from a report's JSON."""
    three = data["三"]
    total = three[ROW_RESULTS][ROW_RESULTS_TOTAL]
    return {
        c: (
            three[ROW_NEW][c] + three[ROW_CARRIED_IN][c],
            total[c] + three[ROW_CARRIED_OUT][c],
        )
        for c in COLUMNS3
    }


class ReportShapeError(ValueError):
    """A report's JSON is not shaped as the format (a key missing or extra, a value that is
    not a number)."""


def _skeleton(data: dict[str, Any]) -> Any:
    """The report's key tree with every number replaced by None (for comparing shapes)."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items()}
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ReportShapeError(f"not a number: {value!r}")
        return None

    return {key: strip(data[key]) for key in ("二", "三", "四") if key in data}


def add_up(reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Several units' reports of one year added up cell by cell: what a county bureau
    reports for its stations, or the city for its counties. Text sections are left empty
    (each unit's stay in its own report); ``units`` lists every unit added. Raises
    ReportShapeError when the reports are not of one year or not shaped as the format."""
    if not reports:
        raise ReportShapeError("no reports to add up")
    years = {r.get("year") for r in reports}
    if len(years) != 1:
        raise ReportShapeError(f"reports of different years: {sorted(map(str, years))}")
    first = reports[0]
    shape = _skeleton(first)
    if set(shape) != {"二", "三", "四"}:
        raise ReportShapeError("a report lacks one of the tables 二, 三, 四")
    for report in reports[1:]:
        if _skeleton(report) != shape:
            raise ReportShapeError("reports do not have the same rows and columns")

    def add(values: list[Any]) -> Any:
        if isinstance(values[0], dict):
            return {k: add([v[k] for v in values]) for k in values[0]}
        if all(isinstance(v, int) for v in values):
            return sum(values)
        # Amounts (万元): add exactly in decimal, not in binary floating point.
        total = sum((Decimal(str(v)) for v in values), Decimal(0))
        return float(total)

    units = [unit for report in reports for unit in report.get("units", [])]
    summed = {key: add([r[key] for r in reports]) for key in ("二", "三", "四")}
    return {
        "format": REPORT_FORMAT,
        "format_version": REPORT_FORMAT_VERSION,
        "year": first["year"],
        "units": units,
        "generated_on": max(str(r.get("generated_on", "")) for r in reports),
        "一": "",
        **summed,
        "五": "",
        "六": "",
    }
