"""The inspection notice (通报): the words and figures of the office's notice on a round
(or on the state of things today), from the status of every station, ranked by timeliness
and completeness; ``pdf.notice`` sets it as an official document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.rounds import Round
from gwgk_desktop.bureau.status import Standing, StationStatus, StatusReport, local_day, status
from gwgk_desktop.pdf.styles import chinese_date

if TYPE_CHECKING:
    from gwgk_desktop.pdf.notice import NoticeText

#: Whom the notice is addressed to, unless the office says otherwise.
RECIPIENTS = "各县（区）公安局，各派出所、所队："
#: How many stations the body names under a heading before referring to the attachment.
NAMED_IN_BODY = 30
ATTACHMENT_TITLE = "各单位政务公开目录报送情况排名表"


@dataclass(frozen=True)
class NoticeResult:
    path: Path
    pages: int
    stations: int
    #: Which font serves each role, for the user.
    fonts: list[str]
    #: What the user should be told about the fonts (one that could not be embedded).
    font_messages: tuple[str, ...] = ()


def _names(rows: list[StationStatus], detail: bool = False) -> str:
    shown = rows[:NAMED_IN_BODY]
    text = "、".join(
        f"{s.name}（{local_day(s.round_received).month}月{local_day(s.round_received).day}日送达）"
        if detail and s.round_received
        else s.name
        for s in shown
    )
    return text + (f"等{len(rows)}个单位（详见附件）" if len(rows) > len(shown) else "")


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%".replace(".0%", "%")


def _overall(report: StatusReport) -> list[str]:
    reported = [s for s in report.stations if s.packages]
    items = sum(s.items for s in reported)
    failing = sum(s.failing for s in reported)
    overdue = sum(s.overdue for s in reported)
    lacking = sum(1 for s in reported if s.empty_categories)
    paragraphs = []
    if report.round is not None:
        paragraphs.append(
            f"全市应报送单位{report.expected}个，已报送{report.received}个，其中按时报送"
            f"{report.count(Standing.ON_TIME)}个、逾期报送{report.count(Standing.LATE)}个，"
            f"未报送{report.count(Standing.MISSING) + report.count(Standing.PENDING)}个；"
            f"报送率{_percent(report.reporting_rate)}，按时报送率{_percent(report.on_time_rate)}。"
        )
    else:
        paragraphs.append(
            f"全市登记单位{report.expected}个，已有{len(reported)}个单位报送了政务公开目录，"
            f"{report.expected - len(reported)}个单位尚未报送。"
        )
    paragraphs.append(
        f"已报送单位的目录共有事项{items}个，其中{failing}个事项未通过报送检查，"
        f"{overdue}个事项已过下次更新日期仍未更新；{lacking}个单位的目录缺少应公开的信息类别。"
    )
    good = [
        s
        for s in report.ranked()
        if s.packages
        and s.standing in (None, Standing.ON_TIME)
        and not (s.empty_categories or s.failing or s.overdue)
    ]
    if good:
        paragraphs.append(f"{_names(good)}报送及时、目录完整，予以通报表扬。")
    return paragraphs


def notice_text(
    report: StatusReport, office: str, date: dt.date, number: str = "", recipients: str = ""
) -> NoticeText:
    from gwgk_desktop.pdf.notice import NoticeText, Problem

    names = dict(report.categories)
    round_ = report.round
    if round_ is not None:
        title = f"关于{round_.due_on.year}年{round_.name}阶段政务公开目录报送情况的通报"
        opening = (
            f"根据全市公安机关政务公开工作安排，{office}组织各单位于"
            f"{round_.opens_on.month}月{round_.opens_on.day}日至{round_.due_on.month}月"
            f"{round_.due_on.day}日报送政务公开目录（{round_.name}）。截至{chinese_date(date)}，"
            "市局已对各单位报送的目录逐一检查。现将有关情况通报如下。"
        )
    else:
        title = "关于各单位政务公开目录报送情况的通报"
        opening = (
            f"截至{chinese_date(date)}，{office}对各单位报送的政务公开目录逐一进行了检查。"
            "现将有关情况通报如下。"
        )
    late = [s for s in report.ranked() if s.standing is Standing.LATE]
    missing = [s for s in report.ranked() if s.standing in (Standing.MISSING, Standing.PENDING)]
    never = [s for s in report.ranked() if s.packages == 0 and s.standing is None]
    late_lines = []
    if late:
        late_lines.append(f"逾期报送的单位（{len(late)}个）：{_names(late, detail=True)}。")
    if missing or never:
        absent = missing or never
        late_lines.append(f"未报送的单位（{len(absent)}个）：{_names(absent)}。")
    incomplete = [
        Problem(s.name, "；".join(_content_lacks(s, names)) + "。")
        for s in report.ranked()
        if s.packages and (s.empty_categories or s.failing or s.overdue)
    ]
    continuity = [
        Problem(s.name, f"{s.continuity.label}，{s.continuity_note}。请说明情况。")
        for s in report.ranked()
        if s.continuity is not None and s.continuity.severity in ("warning", "danger")
    ]
    if len(incomplete) > NAMED_IN_BODY:
        rest = len(incomplete) - NAMED_IN_BODY
        incomplete = [*incomplete[:NAMED_IN_BODY], Problem("另有", f"{rest}个单位，详见附件。")]
    requirements = [
        "逾期报送和未报送的单位，要在收到本通报后5个工作日内完成报送；目录内容不完整的单位，"
        "要对照附件逐项补充、修改，经审核后重新导出报送包报送市局。",
        "各单位要落实首问责任制、限时办结制和责任追究制，把政务公开目录的编制、审核、公开和"
        "报送作为常态工作，确保目录及时、准确、完整。本次通报情况纳入年度岗位目标考核。",
    ]
    return NoticeText(
        office=office,
        title=title,
        number=number or f"　　〔{date.year}〕　　号",
        recipients=recipients or RECIPIENTS,
        date=date,
        opening=opening,
        overall=_overall(report),
        late=late_lines,
        incomplete=incomplete,
        continuity=continuity,
        requirements=requirements,
        attachment_title=ATTACHMENT_TITLE,
        ranking=_ranking(report),
    )


def _content_lacks(row: StationStatus, names: dict[str, str]) -> list[str]:
    found = []
    if row.empty_categories:
        found.append("缺少" + "、".join(names.get(c, c) for c in row.empty_categories) + "类别")
    if row.failing:
        found.append(f"{row.failing}个事项未通过报送检查")
    if row.overdue:
        found.append(f"{row.overdue}个事项逾期未更新")
    return found


def _ranking(report: StatusReport) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for rank, row in enumerate(report.ranked(), start=1):
        if row.standing is not None:
            state = row.standing.label
        else:
            state = "已报送" if row.packages else "未报送"
        received = row.round_received or row.last_received
        day = local_day(received) if received else None
        rows.append(
            (
                str(rank),
                row.name,
                state.replace("（未到截止日）", ""),
                f"{day.month}月{day.day}日" if day else "—",
                str(row.items) if row.packages else "—",
                str(len(row.empty_categories)) if row.packages else "—",
                str(row.failing) if row.packages else "—",
                str(row.overdue) if row.packages else "—",
            )
        )
    return rows


def write_notice(
    db: BureauDatabase,
    out: Path,
    round_: Round | None = None,
    *,
    date: dt.date | None = None,
    number: str = "",
    recipients: str = "",
    font: Path | None = None,
) -> NoticeResult:
    """Write the notice for ``round_`` (or on today's state) to ``out`` (PDF)."""
    from gwgk_desktop.pdf.notice import notice_fonts
    from gwgk_desktop.pdf.notice import write_notice as write_pdf

    date = date or dt.date.today()
    report = status(db, round_, date)
    text = notice_text(report, db.office(), date, number, recipients)
    fonts = notice_fonts(font)
    pages = write_pdf(text, out, fonts)
    described = [
        f"{role}：{choice.path.name if choice.path else choice.name}"
        for role, choice in (
            ("标题", fonts.title),
            ("正文", fonts.body),
            ("一级标题", fonts.heading),
            ("二级标题", fonts.subheading),
        )
    ]
    return NoticeResult(out, pages, report.expected, described, tuple(fonts.messages))
