"""``gwgk calendar``, ``gwgk request`` and ``gwgk annual-report``: the 依申请公开 register
on its working-day clock, and the annual report, headless (the GUI's 依申请公开 area runs
the same services)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TypeAlias

from gwgk_desktop.cli.common import (
    add_login_option,
    bounded_int,
    iso_date,
    login,
    open_db,
    read_json_object,
    subcommand,
)
from gwgk_desktop.domain.request_info import RequestRecord
from gwgk_desktop.domain.requests import (
    Outcome,
    RequestDocument,
    RequestStatus,
    StepKind,
)
from gwgk_desktop.domain.workdays import WorkCalendar, year_to_json
from gwgk_desktop.errors import UserError
from gwgk_desktop.services import calendars
from gwgk_desktop.services.request_json import info_from_dict, record_dict, row_dict
from gwgk_desktop.services.requests import Register, RequestQuery, RequestSort

_STATUSES = {s.value: s for s in RequestStatus}
_DOCUMENTS = {d.value: d for d in RequestDocument}
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(subparsers: Subparsers) -> None:
    _calendar_commands(subparsers)
    _request_commands(subparsers)
    report = subcommand(
        subparsers,
        "annual-report",
        "政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）：PDF 和 JSON",
    )
    report.add_argument("--year", type=bounded_int, required=True, help="年度，如 2026")
    report.add_argument("--out", type=Path, metavar="FILE.pdf", help="年度报告 PDF")
    report.add_argument("--json", type=Path, metavar="FILE.json", help="年度报告数据（JSON）")
    report.add_argument(
        "--figures",
        type=Path,
        metavar="FILE.json",
        help="先保存填报内容（JSON：二、四、texts，见 docs/annual-report.md），需 --user",
    )
    report.add_argument("--user", metavar="NAME", help="操作员登录名（保存填报内容时）")
    report.set_defaults(handler=_annual_report)


def _calendar_commands(subparsers: Subparsers) -> None:
    group = subcommand(subparsers, "calendar", "工作日历：法定节假日和调休（计算答复期限用）")
    actions = group.add_subparsers(dest="calendar_action", required=True, metavar="动作")
    show = actions.add_parser("show", help="查看某年的工作日历及其来源")
    show.add_argument("--year", type=bounded_int, required=True)
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(handler=_calendar_show)
    imported = actions.add_parser(
        "import",
        help='导入一年的日历（JSON：{"year": 2026, "holidays": [日期], "workdays": [日期]}）',
    )
    imported.add_argument("file", type=Path, metavar="FILE.json")
    add_login_option(imported)
    imported.set_defaults(handler=_calendar_import)
    reset = actions.add_parser("reset", help="撤销本单位对某年日历的修改，恢复参考范本的日历")
    reset.add_argument("--year", type=bounded_int, required=True)
    add_login_option(reset)
    reset.set_defaults(handler=_calendar_reset)


def _request_commands(subparsers: Subparsers) -> None:
    group = subcommand(
        subparsers, "request", "依申请公开登记册：登记、补正、征求意见、延期、答复、打印文书"
    )
    actions = group.add_subparsers(dest="request_action", required=True, metavar="动作")

    add = actions.add_parser("add", help="登记一件政府信息公开申请（JSON 文件）")
    add.add_argument(
        "--json",
        type=Path,
        required=True,
        metavar="FILE",
        help="申请内容：received、channel、applicant_type、applicant、content……；- 为标准输入",
    )
    add_login_option(add)
    add.set_defaults(handler=_add)

    listing = actions.add_parser("list", help="列出申请（每行：登记编号 收到日期 期限 状态 结果）")
    listing.add_argument("--overdue", action="store_true", help="只列已逾期未答复的")
    listing.add_argument(
        "--due-within", type=bounded_int, metavar="N", help="只列 N 个工作日内到期的（未逾期）"
    )
    listing.add_argument(
        "--as-of", type=iso_date, metavar="YYYY-MM-DD", help="以这一天计算（默认今天）"
    )
    listing.add_argument("--status", choices=sorted(_STATUSES), help="按状态筛选")
    listing.add_argument("--year", type=bounded_int, help="只列这一年收到的")
    listing.add_argument("--text", default="", help="在编号、申请人、内容、文号、电话中查找")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=_list)

    show = actions.add_parser("show", help="查看申请、办理步骤和期限（编号或登记编号）")
    show.add_argument("request")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)

    correct = actions.add_parser("correct", help="补正：告知补正（--notice-date）或收到补正")
    correct.add_argument("request")
    when = correct.add_mutually_exclusive_group(required=True)
    when.add_argument("--notice-date", type=iso_date, metavar="YYYY-MM-DD", help="告知补正日期")
    when.add_argument("--received-date", type=iso_date, metavar="YYYY-MM-DD", help="收到补正日期")
    correct.add_argument("--days", type=bounded_int, default=0, help="补正期限（工作日，默认15）")
    correct.add_argument("--items", default="", help="需要补正的事项（一次性告知）")
    add_login_option(correct)
    correct.set_defaults(handler=_correct)

    third = actions.add_parser("third-party", help="征求第三方意见（--sent）或登记第三方答复")
    third.add_argument("request")
    when = third.add_mutually_exclusive_group(required=True)
    when.add_argument("--sent", type=iso_date, metavar="YYYY-MM-DD", help="发出征求意见书日期")
    when.add_argument("--replied", type=iso_date, metavar="YYYY-MM-DD", help="第三方答复日期")
    third.add_argument("--party", default="", help="第三方名称（--sent 时必填）")
    third.add_argument("--opinion", default="", help="第三方意见（--replied 时）")
    add_login_option(third)
    third.set_defaults(handler=_third_party)

    extend = actions.add_parser("extend", help="延期答复（须经单位负责人批准；审核人或管理员）")
    extend.add_argument("request")
    extend.add_argument("--date", type=iso_date, required=True, metavar="YYYY-MM-DD")
    extend.add_argument("--approved-by", required=True, metavar="NAME", help="批准的负责人")
    extend.add_argument("--days", type=bounded_int, default=0, help="延长的工作日（默认并最多20）")
    extend.add_argument("--reason", default="", help="延期理由")
    add_login_option(extend)
    extend.set_defaults(handler=_extend)

    answer = actions.add_parser("answer", help="答复办结：办理结果为年度报告表三的行名")
    answer.add_argument("request")
    answer.add_argument(
        "--result", required=True, metavar="OUTCOME", help="如 予以公开、部分公开、属于国家秘密"
    )
    answer.add_argument("--date", type=iso_date, required=True, metavar="YYYY-MM-DD")
    answer.add_argument("--note", default="", help="答复中的具体说明")
    add_login_option(answer)
    answer.set_defaults(handler=_answer)

    printed = actions.add_parser("print", help="打印文书（PDF）")
    printed.add_argument("request")
    printed.add_argument("--document", required=True, choices=list(_DOCUMENTS), metavar="KIND")
    printed.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    printed.set_defaults(handler=_print)
    printed.epilog = "KIND：" + "，".join(f"{d.value} {d.label}" for d in RequestDocument)


# ------------------------------------------------------------------------------ calendar
def _calendar_show(args: argparse.Namespace) -> int:
    with open_db(args, readonly=True) as db:
        info = calendars.year_info(db, args.year)
    if args.json:
        data = year_to_json(info.calendar) if info.calendar else {"year": args.year}
        print(json.dumps({**data, "source": info.source}, ensure_ascii=False, indent=2))
        return 0 if info.calendar else 1
    if info.calendar is None:
        print(calendars.missing_text([args.year]), file=sys.stderr)
        return 1
    found = info.calendar
    print(f"{args.year}年工作日历（来源：{info.source}）")
    print(f"放假日（{len(found.holidays)}天）：{_days(found.holidays)}")
    print(f"调休上班日（{len(found.workdays)}天）：{_days(found.workdays)}")
    calendar = WorkCalendar.of([found])
    total = calendar.count(dt.date(args.year - 1, 12, 31), dt.date(args.year, 12, 31))
    print(f"全年工作日 {total} 天")
    return 0


def _days(days: frozenset[dt.date]) -> str:
    return "、".join(d.isoformat() for d in sorted(days)) or "无"


def _calendar_import(args: argparse.Namespace) -> int:
    year = calendars.read_file(args.file)
    with open_db(args) as db:
        actor = login(db, args)
        calendars.save_year(db, actor, year)
        changed = Register(db).refresh()
    print(
        f"已导入{year.year}年工作日历：放假{len(year.holidays)}天，调休上班{len(year.workdays)}天；"
        f"{changed}件未办结申请的期限已重新计算"
    )
    return 0


def _calendar_reset(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        actor = login(db, args)
        calendars.reset_year(db, actor, args.year)
        changed = Register(db).refresh()
        info = calendars.year_info(db, args.year)
    print(f"{args.year}年工作日历已恢复为：{info.source}；{changed}件申请的期限已重新计算")
    return 0


# ------------------------------------------------------------------------------ requests
def _add(args: argparse.Namespace) -> int:
    info = info_from_dict(read_json_object(args.json))
    with open_db(args) as db:
        actor = login(db, args)
        record = Register(db).register(actor, info)
    _print_summary(record)
    return 0


def _list(args: argparse.Namespace) -> int:
    as_of = args.as_of or dt.date.today()
    sort = RequestSort.DUE if (args.overdue or args.due_within is not None) else None
    query = RequestQuery(
        text=args.text,
        status=_STATUSES[args.status] if args.status else None,
        overdue=args.overdue,
        due_within=args.due_within,
        year=args.year,
        as_of=as_of,
        sort=sort or RequestSort.RECEIVED,
        descending=sort is None,
    )
    with open_db(args) as db:
        register_ = Register(db)
        rows = register_.list_rows(query)
        missing = register_.calendar().missing_years(as_of, as_of)
    if args.json:
        print(json.dumps([row_dict(r, as_of) for r in rows], ensure_ascii=False, indent=2))
    else:
        for row in rows:
            due = row.due.isoformat() if row.due else "—"
            late = "（已逾期）" if row.overdue(as_of) else ""
            result = row.outcome.label if row.outcome else ""
            print(
                f"{row.number}\t{row.received.isoformat()}\t{due}{late}\t"
                f"{row.status.label}\t{result}\t{row.applicant}"
            )
        print(f"共 {len(rows)} 件", file=sys.stderr)
    if missing:
        print(f"注意：{calendars.missing_text(missing)}", file=sys.stderr)
    return 0


def _show(args: argparse.Namespace) -> int:
    as_of = dt.date.today()
    with open_db(args) as db:
        register_ = Register(db)
        record = register_.get(register_.resolve(args.request))
    if args.json:
        print(json.dumps(record_dict(record, as_of), ensure_ascii=False, indent=2))
        return 0
    info, clock = record.info, record.clock
    print(f"{record.number}　{info.applicant}（{info.applicant_type.label}）　{clock.status.label}")
    oral = "，口头" if info.oral else ""
    print(f"  收到：{info.received.isoformat()}（{info.channel.label}{oral}）")
    print(f"  所需信息：{info.content}")
    print(f"  联系方式：{info.phone} {info.address} {info.email}".rstrip())
    if clock.due is not None:
        late = "，已逾期" if clock.overdue(as_of) else ""
        extra = f"，已扣除征求意见 {clock.paused_days} 个工作日" if clock.paused_days else ""
        print(f"  答复期限：{clock.due.isoformat()}（{clock.limit}个工作日{extra}{late}）")
    if clock.correction_due is not None:
        print(f"  补正期限：{clock.correction_due.isoformat()}")
    for step in record.steps:
        detail = "，".join(
            part
            for part in (
                step.outcome.label if step.outcome else "",
                step.party,
                f"{step.days}个工作日" if step.days else "",
                step.note,
            )
            if part
        )
        detail = f"：{detail}" if detail else ""
        print(f"  {step.on.isoformat()} {step.kind.label}（{step.operator}）{detail}")
    if clock.late_correction_notice:
        print("  ! 补正告知晚于收到申请后7个工作日")
    if clock.late_answer:
        print("  ! 答复晚于答复期限")
    if record.missing_years:
        print(f"  ! {calendars.missing_text(list(record.missing_years))}")
    return 0


def _print_summary(record: RequestRecord) -> None:
    clock = record.clock
    answer = record.last(StepKind.ANSWER)
    if answer is not None and answer.outcome is not None:
        state = f"{answer.outcome.label}，{answer.on.isoformat()}答复"
    elif clock.correction_due is not None:
        state = f"补正期限 {clock.correction_due.isoformat()}"
    else:
        state = f"答复期限 {clock.due.isoformat() if clock.due else '—'}"
    print(f"{record.number}（编号 {record.id}）：{clock.status.label}，{state}")
    if record.missing_years:
        print(f"注意：{calendars.missing_text(list(record.missing_years))}", file=sys.stderr)


def _step(args: argparse.Namespace, kind: StepKind, on: dt.date, **details: object) -> int:
    with open_db(args) as db:
        actor = login(db, args)
        register_ = Register(db)
        record = register_.record(actor, register_.resolve(args.request), kind, on, **details)  # type: ignore[arg-type]
    print(f"已登记“{kind.label}”（{on.isoformat()}）。", end="")
    _print_summary(record)
    return 0


def _correct(args: argparse.Namespace) -> int:
    if args.notice_date is not None:
        return _step(
            args, StepKind.CORRECTION_NOTICE, args.notice_date, days=args.days, note=args.items
        )
    return _step(args, StepKind.CORRECTION_RECEIVED, args.received_date)


def _third_party(args: argparse.Namespace) -> int:
    if args.sent is not None:
        return _step(args, StepKind.CONSULT_SENT, args.sent, party=args.party)
    return _step(args, StepKind.CONSULT_REPLIED, args.replied, note=args.opinion)


def _extend(args: argparse.Namespace) -> int:
    return _step(
        args,
        StepKind.EXTENSION,
        args.date,
        days=args.days,
        party=args.approved_by,
        note=args.reason,
    )


def _answer(args: argparse.Namespace) -> int:
    try:
        outcome = Outcome.from_text(args.result)
    except ValueError:
        choices = "、".join(o.label for o in Outcome)
        raise UserError(
            f"办理结果“{args.result}”不是年度报告表三的行名；可选：{choices}",
            f"unknown result {args.result!r}",
        ) from None
    return _step(args, StepKind.ANSWER, args.date, outcome=outcome, note=args.note)


def _print(args: argparse.Namespace) -> int:
    from gwgk_desktop.services.request_documents import write_document

    document = _DOCUMENTS[args.document]
    with open_db(args) as db:
        register_ = Register(db)
        written = write_document(db, register_.resolve(args.request), document, args.out)
    print(f"已生成：{written.path}（{document.label}，共 {written.pages} 页）")
    for message in written.font_messages:
        print(f"警告：{message}", file=sys.stderr)
    return 0


# ------------------------------------------------------------------------------ report
def _annual_report(args: argparse.Namespace) -> int:
    from gwgk_desktop.services import annual_report

    if args.out is None and args.json is None and args.figures is None:
        raise UserError("请用 --out 和/或 --json 指定输出文件", "give --out and/or --json")
    with open_db(args) as db:
        if args.figures is not None:
            if not args.user:
                raise UserError("保存填报内容需要 --user", "--figures needs --user")
            actor = login(db, args)
            figures = annual_report.Entered.from_json(read_json_object(args.figures))
            annual_report.save_entered(db, actor, args.year, figures)
            print(f"已保存{args.year}年度报告的填报内容")
        Register(db).refresh()
        report = annual_report.build(db, args.year)
        if args.json is not None:
            from gwgk_desktop.domain.annual_report import to_json

            annual_report.write_json(args.json, to_json(report))
            print(f"已生成：{args.json}")
        if args.out is not None:
            written = annual_report.write_pdf_of(report, args.out)
            print(f"已生成：{written.path}（共 {written.pages} 页）")
            for message in written.font_messages:
                print(f"警告：{message}", file=sys.stderr)
    wrong = report.table3.unbalanced_columns()
    if wrong:
        print(f"警告：表三勾稽关系不符的列：{'、'.join(wrong)}", file=sys.stderr)
        return 1
    print("表三勾稽关系核对：一＋二＝三·总计＋四，各列相符")
    return 0
