"""The annual report as an official document: title, the six sections of the national
format (国办公开办函〔2021〕30号) with tables 二, 三 and 四 laid out as the format prints
them (merged headers and row labels), the check 一 + 二 = 三·总计 + 四 under table 三,
and the unit and date at the end."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm

from gwgk_desktop.domain.annual_report import (
    APPLICANT_COLUMNS,
    APPLICANTS_HEADER,
    BALANCE_NOTE,
    COLUMNS3,
    COLUMNS4,
    FEE_ROW,
    ORGANISATION_HEADER,
    PERSON_HEADER,
    RESULT_GROUPS,
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS,
    ROW_RESULTS_TOTAL,
    SECTIONS,
    TABLE2,
    TABLE4_BLOCKS,
    TOTAL,
    AnnualReport,
)
from gwgk_desktop.domain.requests import Outcome
from gwgk_desktop.pdf.official_document import TEXT_WIDTH, Writer, write_official
from gwgk_desktop.pdf.request_letters import Written

INTRO = (
    "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度"
    "报告格式》（国办公开办函〔2021〕30号）的要求编制，由总体情况、主动公开政府信息情况、"
    "收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及"
    "改进情况、其他需要报告的事项六部分组成。本报告中所列数据的统计期限为{year}年1月1日至"
    "{year}年12月31日。"
)
EMPTY_TEXT = "（未填写）"
Span = tuple[tuple[int, int], tuple[int, int]]


def _amount(value: float | int) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def _table2(writer: Writer, report: AnnualReport) -> None:
    rows: list[list[object]] = []
    spans: list[Span] = []
    header_cells: list[int] = []
    quarter = TEXT_WIDTH / 5
    for article, names, columns in TABLE2:
        spans.append(((0, len(rows)), (3, len(rows))))
        header_cells.append(len(rows))
        rows.append([article, "", "", ""])
        header_cells.append(len(rows))
        if len(columns) == 1:
            spans.append(((1, len(rows)), (3, len(rows))))
            rows.append(["信息内容", columns[0], "", ""])
        else:
            rows.append(["信息内容", *columns])
        for name in names:
            values = report.table2[name]
            cells = [_amount(values[c]) if name == FEE_ROW else str(values[c]) for c in columns]
            if len(columns) == 1:
                spans.append(((1, len(rows)), (3, len(rows))))
                rows.append([name, cells[0], "", ""])
            else:
                rows.append([name, *cells])
    styled = [
        [
            writer.cell(
                str(value),
                writer.styles.table_header
                if r in header_cells
                else (writer.styles.table if c == 0 else writer.styles.table_centre),
            )
            for c, value in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    writer.table(styled, [quarter * 2, quarter, quarter, quarter], spans=spans, header_rows=0)


def _table3(writer: Writer, report: AnnualReport) -> None:
    table = report.table3
    s = writer.styles
    label_widths = [11 * mm, 19 * mm, 56 * mm]
    number_width = (TEXT_WIDTH - sum(label_widths)) / len(COLUMNS3)
    blank = [""] * len(COLUMNS3)
    rows: list[list[object]] = [
        [
            writer.cell(BALANCE_NOTE, s.table),
            "",
            "",
            writer.cell(APPLICANTS_HEADER, s.table_header),
            *blank[1:],
        ],
        [
            "",
            "",
            "",
            writer.cell(PERSON_HEADER, s.table_header),
            writer.cell(ORGANISATION_HEADER, s.table_header),
            "",
            "",
            "",
            "",
            writer.cell(TOTAL, s.table_header),
        ],
        ["", "", "", "", *(writer.cell(c, s.table_header) for c in APPLICANT_COLUMNS[1:]), ""],
    ]
    spans: list[Span] = [
        ((0, 0), (2, 2)),
        ((3, 0), (9, 0)),
        ((3, 1), (3, 2)),
        ((4, 1), (8, 1)),
        ((9, 1), (9, 2)),
    ]

    def numbers(values: dict[str, int]) -> list[object]:
        return [writer.cell(str(values[c]), s.table_centre) for c in COLUMNS3]

    def whole_row(label: str, values: dict[str, int]) -> None:
        spans.append(((0, len(rows)), (2, len(rows))))
        rows.append([writer.cell(label), "", "", *numbers(values)])

    whole_row(ROW_NEW, table.new)
    whole_row(ROW_CARRIED_IN, table.carried_in)
    first_result = len(rows)
    for group, content in RESULT_GROUPS:
        if isinstance(content, Outcome):
            spans.append(((1, len(rows)), (2, len(rows))))
            rows.append(["", writer.cell(group), "", *numbers(table.results[content])])
            continue
        spans.append(((1, len(rows)), (1, len(rows) + len(content) - 1)))
        for index, (label, outcome) in enumerate(content):
            rows.append(
                [
                    "",
                    writer.cell(group) if index == 0 else "",
                    writer.cell(label),
                    *numbers(table.results[outcome]),
                ]
            )
    spans.append(((1, len(rows)), (2, len(rows))))
    rows.append(["", writer.cell(ROW_RESULTS_TOTAL), "", *numbers(table.results_total)])
    spans.append(((0, first_result), (0, len(rows) - 1)))
    rows[first_result][0] = writer.cell(ROW_RESULTS, s.table_centre)
    whole_row(ROW_CARRIED_OUT, table.carried_out)
    writer.table(
        rows,
        [*label_widths, *[number_width] * len(COLUMNS3)],
        spans=spans,
        header_rows=3,
        padding=1.5,
    )


def _balance_note(writer: Writer, report: AnnualReport) -> None:
    wrong = report.table3.unbalanced_columns()
    if not wrong:
        writer.note("核对：上表各列均满足第一项加第二项之和等于第三项总计加第四项之和。")
    else:
        details = "；".join(
            f"{c}：一＋二＝{left}，三·总计＋四＝{right}"
            for c, (left, right) in report.table3.balance().items()
            if c in wrong
        )
        writer.note(f"核对未通过（请检查登记册）：{details}")


def _table4(writer: Writer, report: AnnualReport) -> None:
    s = writer.styles
    width = TEXT_WIDTH / (len(COLUMNS4) * 3)
    blank5 = [""] * 5
    rows: list[list[object]] = [
        [
            writer.cell(TABLE4_BLOCKS[0][0], s.table_header),
            *blank5[1:],
            writer.cell(TABLE4_BLOCKS[1][0], s.table_header),
            *[""] * 9,
        ],
        [
            *(writer.cell(c, s.table_header) for c in COLUMNS4),
            writer.cell(TABLE4_BLOCKS[1][1], s.table_header),
            *blank5[1:],
            writer.cell(TABLE4_BLOCKS[2][1], s.table_header),
            *blank5[1:],
        ],
        [
            *blank5,
            *(writer.cell(c, s.table_header) for c in COLUMNS4),
            *(writer.cell(c, s.table_header) for c in COLUMNS4),
        ],
    ]
    totals = report.table4_with_totals()
    rows.append(
        [writer.cell(str(totals[b][c]), s.table_centre) for b in TABLE4_BLOCKS for c in COLUMNS4]
    )
    spans: list[Span] = [((0, 0), (4, 0)), ((5, 0), (14, 0)), ((5, 1), (9, 1)), ((10, 1), (14, 1))]
    spans += [((c, 1), (c, 2)) for c in range(5)]
    writer.table(rows, [width] * 15, spans=spans, header_rows=3)


def write_report(path: Path, report: AnnualReport) -> Written:
    """Write ``report`` to ``path`` (atomically)."""
    writer = Writer()
    title = f"{report.unit}{report.year}年政府信息公开工作年度报告"
    writer.title(f"{report.unit}\n{report.year}年政府信息公开工作年度报告")
    writer.paragraphs(INTRO.format(year=report.year))
    tables = {"二": _table2, "三": _table3, "四": _table4}
    for number, name in SECTIONS.items():
        if number in tables:
            with writer.together():
                writer.heading(f"{number}、{name}")
                tables[number](writer, report)
                if number == "三":
                    _balance_note(writer, report)
        else:
            writer.heading(f"{number}、{name}")
            writer.paragraphs(report.texts.get(number, "").strip() or EMPTY_TEXT)
    writer.signature(report.unit, report.generated_on)
    pages = write_official(
        path, writer, title=title, author=report.unit, subject=f"{report.year}年度"
    )
    return Written(path, pages, tuple(writer.styles.fonts.messages))
