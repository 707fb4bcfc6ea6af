"""``gwgk bureau …``: the city bureau's side, headless. The database is ``--db`` (an SQLite
file path or a PostgreSQL URL such as ``postgresql://user@host/gwgk``), else
``GWGK_BUREAU_DB``, else ``bureau.sqlite`` in the user data folder.

Exit codes: 0 when everything asked was done; intake exits 10 when any package was
refused (the accepted ones are recorded all the same) and 4 when it stopped on a database
failure; the usual codes of ``gwgk`` otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gwgk_desktop.cli.common import TerminalProgress

if TYPE_CHECKING:
    from gwgk_desktop.bureau.database import BureauDatabase

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

#: Intake exit code when a package was refused (as ``gwgk verify`` for a bad package).
REFUSED_EXIT = 10


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="市局端数据库：SQLite 文件路径，或 PostgreSQL 地址（postgresql://用户@主机/库名）；"
        "默认取环境变量 GWGK_BUREAU_DB，再默认为用户数据文件夹中的 bureau.sqlite",
    )


def _action(actions: Subparsers, name: str, help_text: str) -> argparse.ArgumentParser:
    parser = actions.add_parser(name, help=help_text, description=help_text)
    _add_db(parser)
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from error


def register(subparsers: Subparsers) -> None:
    bureau = subparsers.add_parser(
        "bureau",
        help="市局端：接收报送包、各单位报送情况、全市目录、通报",
        description="市局端：接收各单位的报送包，查看报送和完成情况，全市目录检索与导出，生成通报",
    )
    _add_db(bureau)
    actions = bureau.add_subparsers(dest="bureau_action", required=True, metavar="动作")

    init = _action(actions, "init", "建立市局端数据库（已存在时只更新发文机关名称）")
    init.add_argument("--office", metavar="NAME", help="发文机关名称（通报落款用）")
    init.set_defaults(handler=_init)

    intake = _action(actions, "intake", "接收报送包：文件或文件夹（U盘），逐个校验并记录")
    intake.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    intake.add_argument("--keys", type=Path, metavar="REGISTRY.json", help="先并入这个密钥登记册")
    intake.add_argument(
        "--received-on", type=_date, metavar="YYYY-MM-DD", help="收到日期（默认今天）"
    )
    intake.add_argument("--by", default="", metavar="NAME", help="经办人姓名")
    intake.set_defaults(handler=_intake)

    _register_registry(actions)
    _register_rounds(actions)

    status = _action(actions, "status", "各登记单位的报送和完成情况")
    status.add_argument("--round", metavar="R", help="报送轮次（编号或名称）")
    status.add_argument("--json", action="store_true", help="以 JSON 输出")
    status.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    status.set_defaults(handler=_status)

    find = _action(actions, "search", "检索全市目录（各单位最新报送包中的事项）")
    find.add_argument("text", nargs="?", default="", help="检索词（多个词以空格分开，须全部包含）")
    find.add_argument("--category", metavar="CODE", help="信息类别代码，如 03")
    find.add_argument("--station", action="append", default=[], metavar="CODE", help="单位代码")
    find.add_argument("--limit", type=int, default=50, help="最多列出多少条（默认50）")
    find.add_argument("--json", action="store_true", help="以 JSON 输出（全部结果）")
    find.set_defaults(handler=_search)

    catalogue = _action(actions, "catalogue", "导出全市目录（标准目录格式的 Excel 或 PDF）")
    catalogue.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx|FILE.pdf")
    catalogue.add_argument(
        "--station",
        action="extend",
        nargs="+",
        default=[],
        metavar="CODE",
        help="只导出这些单位（--station A B 或 --station A --station B）",
    )
    catalogue.add_argument("--font", type=Path, metavar="FONT.ttf", help="PDF 用的中文字体")
    catalogue.set_defaults(handler=_catalogue)

    notice = _action(
        actions, "notice", "生成通报（公文格式 PDF：报送情况排名，逾期、未报送和不完整的单位）"
    )
    notice.add_argument("--out", type=Path, required=True, metavar="通报.pdf")
    notice.add_argument("--round", metavar="R", help="报送轮次（编号或名称）；不给时通报当前情况")
    notice.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="成文日期（默认今天）")
    notice.add_argument("--number", default="", help="发文字号（不给时留空，由办公室填写）")
    notice.add_argument("--font", type=Path, metavar="FONT.ttf", help="中文字体（覆盖自动查找）")
    notice.set_defaults(handler=_notice)

    demo = actions.add_parser(
        "demo",
        help="生成演示城市：N个单位的数据库、签名报送包、密钥登记册和市局端数据库",
        description="生成演示城市：DIR/stations 各单位数据库，DIR/packages 报送包，"
        "DIR/registry.json 密钥登记册，DIR/bureau.sqlite 已接收大部分报送包的市局端数据库",
    )
    demo.add_argument("--stations", type=int, default=30, help="单位数量（默认30）")
    demo.add_argument("--items", type=int, default=40, help="每个单位的目录事项数（默认40）")
    demo.add_argument("--out", type=Path, required=True, metavar="DIR")
    demo.add_argument("--seed", type=int, default=20260910, help="随机种子")
    demo.add_argument("--jobs", type=int, default=0, help="并行进程数（默认按处理器数）")
    demo.add_argument(
        "--no-intake", action="store_true", help="不建立 bureau.sqlite（基准测试自行接收）"
    )
    demo.set_defaults(handler=_demo)

    move = actions.add_parser(
        "copy",
        help="把 SQLite 市局端数据库复制到 PostgreSQL（迁移到数据库服务器）",
        description="把 SQLite 市局端数据库的全部内容复制到一个空的 PostgreSQL 数据库；"
        "SQLite 文件不会被改动。之后用 --db 或 GWGK_BUREAU_DB 指向 PostgreSQL 即可",
    )
    move.add_argument("--from", dest="source", required=True, metavar="FILE.sqlite")
    move.add_argument("--to", dest="target", required=True, metavar="postgresql://…")
    move.set_defaults(handler=_copy)

    from gwgk_desktop.cli.gui_cmd import add_bureau_gui

    add_bureau_gui(actions)

    rejected = _action(actions, "rejections", "列出被拒收的报送包及原因")
    rejected.set_defaults(handler=_rejections)


def _register_registry(actions: Subparsers) -> None:
    keys = _action(actions, "registry", "密钥登记：导入、列出、吊销、导出")
    sub = keys.add_subparsers(dest="registry_action", required=True, metavar="动作")
    imp = _action(sub, "import", "导入密钥登记册或单位导出的公钥文件（先与纸质登记表核对指纹）")
    imp.add_argument("files", type=Path, nargs="+", metavar="FILE.json")
    imp.add_argument("--by", default="", metavar="NAME", help="经办人姓名")
    imp.set_defaults(handler=_registry_import)
    listing = _action(sub, "list", "列出登记的密钥")
    listing.set_defaults(handler=_registry_list)
    revoke = _action(sub, "revoke", "吊销密钥（此后该密钥签署的报送包一律拒收）")
    revoke.add_argument("key_id", metavar="KEY_ID")
    revoke.set_defaults(handler=_registry_revoke)
    export = _action(sub, "export", "把登记册写成文件（供 gwgk verify --keys 使用）")
    export.add_argument("--out", type=Path, required=True, metavar="REGISTRY.json")
    export.set_defaults(handler=_registry_export)
    state = _action(sub, "import-state", "导入 gwgk verify --state 的状态文件（各单位已接收序号）")
    state.add_argument("file", type=Path, metavar="STATE.json")
    state.set_defaults(handler=_registry_state)


def _register_rounds(actions: Subparsers) -> None:
    rounds = _action(actions, "round", "报送轮次：新增、列出、删除")
    sub = rounds.add_subparsers(dest="round_action", required=True, metavar="动作")
    add = _action(sub, "add", "新增报送轮次")
    add.add_argument("--name", required=True, help="名称，如 集中填报")
    add.add_argument("--opens", type=_date, required=True, metavar="YYYY-MM-DD", help="开始日期")
    add.add_argument("--due", type=_date, required=True, metavar="YYYY-MM-DD", help="截止日期")
    add.add_argument("--note", default="", help="说明")
    add.set_defaults(handler=_round_add)
    listing = _action(sub, "list", "列出报送轮次")
    listing.set_defaults(handler=_round_list)
    delete = _action(sub, "delete", "删除报送轮次（不影响已接收的报送包）")
    delete.add_argument("round", metavar="R", help="编号或名称")
    delete.set_defaults(handler=_round_delete)


# ---------------------------------------------------------------------------- helpers
def open_bureau_of(args: argparse.Namespace, *, create: bool = False) -> BureauDatabase:
    from gwgk_desktop.bureau.database import open_bureau

    value = getattr(args, "db", None)
    return open_bureau(str(value) if value else None, create=create)


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(rows: Sequence[Sequence[object]]) -> str:
    """Rows as aligned columns (the first row is the header)."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(width(row[i]) for row in cells) for i in range(len(cells[0]))]
    return "\n".join(
        "  ".join(c + " " * (widths[i] - width(c)) for i, c in enumerate(row)).rstrip()
        for row in cells
    )


def _local(when: dt.datetime | None) -> str:
    if when is None:
        return ""
    return when.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


# ---------------------------------------------------------------------------- handlers
def _init(args: argparse.Namespace) -> int:
    with open_bureau_of(args, create=True) as db:
        if args.office:
            db.set_office(args.office)
        print(f"市局端数据库：{db.label}（发文机关：{db.office()}）")
    return 0


def _intake(args: argparse.Namespace) -> int:
    from gwgk_desktop.bureau import intake, registry

    received_at = None
    if args.received_on:
        from gwgk_desktop.bureau.status import utc_start_of

        # Noon of that day: the same local date whatever the clock's zone.
        received_at = utc_start_of(args.received_on) + dt.timedelta(hours=12)
    with open_bureau_of(args, create=True) as db:
        if args.keys:
            report = registry.import_file(db, args.keys, by=args.by)
            for record in report.added:
                print(f"新登记密钥 {record.key_id}（{record.name}），指纹 {record.fingerprint}")
        progress = TerminalProgress()
        result = intake.take_in(
            db, args.paths, received_at=received_at, by=args.by, progress=progress
        )
        progress.finish()
    for outcome in result.outcomes:
        english = f" ({outcome.english})" if outcome.result == intake.REJECTED else ""
        print(f"{outcome.line()}{english}")
    for path in result.not_reached:
        print(f"未处理  {Path(path).name}")
    print(result.summary())
    if result.ok:
        return 0
    if result.count(intake.FAILED) or result.not_reached:
        return 4
    return REFUSED_EXIT


def _registry_import(args: argparse.Namespace) -> int:
    from gwgk_desktop.bureau import registry

    with open_bureau_of(args, create=True) as db:
        for path in args.files:
            report = registry.import_file(db, path, by=args.by)
            for record in report.added:
                print(f"新登记 {record.key_id}  {record.name}（{record.org_code or '市局'}）")
                print(f"  指纹 {record.fingerprint}  ← 请与纸质登记表逐组核对")
            for record in report.revoked:
                print(f"已吊销 {record.key_id}  {record.name}")
            print(f"{path.name}：新登记{len(report.added)}个，未变{report.unchanged}个")
    return 0


def _registry_list(args: argparse.Namespace) -> int:
    from gwgk_desktop.bureau import registry

    with open_bureau_of(args) as db:
        infos = registry.keys(db)
    rows: list[list[object]] = [["密钥", "单位", "代码", "状态", "指纹", "登记时间"]]
    for info in infos:
        record = info.record
        state = f"已吊销 {record.revoked_at}" if record.revoked else "有效"
        owner = info.station_name if record.owner == "station" else f"{record.name}（市局）"
        rows.append(
            [
                record.key_id,
                owner,
                record.org_code,
                state,
                record.fingerprint,
                _local(info.registered_at),
            ]
        )
    print(table(rows) if infos else "登记册中还没有密钥")
    return 0


def _registry_revoke(args: argparse.Namespace) -> int:
    from gwgk_desktop.bureau import registry

    with open_bureau_of(args) as db:
        record = registry.revoke(db, args.key_id)
    print(f"已吊销密钥 {record.key_id}（{record.name}）：此后由它签署的报送包一律拒收")
    return 0


def _registry_export(args: argparse.Namespace) -> int:
    from gwgk_desktop.bureau import registry

    with open_bureau_of(args) as db:
        written = registry.export(db, args.out)
    print(f"已写出密钥登记册 {args.out}（{len(written.records)}个密钥）")
    return 0


def _registry_state(args: argparse.Namespace) -> int:
    from gwgk_desktop.bureau import registry

    with open_bureau_of(args, create=True) as db:
        raised = registry.import_state(db, args.file)
    print(f"已导入状态文件：{raised}个单位的已接收序号更新")
    return 0


def _round_add(args: argparse.Namespace) -> int:
    from gwgk_desktop.bureau import rounds

    with open_bureau_of(args, create=True) as db:
        added = rounds.add_round(db, args.name, args.opens, args.due, args.note)
    print(f"已新增第{added.id}个报送轮次：{added.describe()}")
    return 0


def _round_list(args: argparse.Namespace) -> int:
    from gwgk_desktop.bureau import rounds

    with open_bureau_of(args) as db:
        found = rounds.rounds(db)
    rows: list[list[object]] = [["编号", "名称", "开始", "截止", "说明"]]
    rows += [[r.id, r.name, r.opens_on, r.due_on, r.note] for r in found]
    print(table(rows) if found else "还没有报送轮次")
    return 0


def _round_delete(args: argparse.Namespace) -> int:
    from gwgk_desktop.bureau import rounds

    with open_bureau_of(args) as db:
        found = rounds.find_round(db, args.round)
        rounds.delete_round(db, found.id)
    print(f"已删除报送轮次：{found.describe()}")
    return 0


def _status(args: argparse.Namespace) -> int:
    from gwgk_desktop.bureau import rounds, status

    with open_bureau_of(args) as db:
        chosen = rounds.find_round(db, args.round) if args.round else None
        report = status.status(db, chosen, args.today)
    if args.json:
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    header: list[object] = ["单位", "代码", "密钥", "报送包", "最新序号", "最近接收", "距今天数"]
    header.append("事项")
    header += ["空缺类别", "未通过检查", "逾期未更新", "连续性"]
    if chosen is not None:
        header.append("本轮")
    rows: list[list[object]] = [header]
    for s in report.stations:
        row: list[object] = [
            s.name,
            s.org_code,
            ",".join(s.key_ids) or "（无有效密钥）",
            s.packages,
            s.last_sequence or "",
            _local(s.last_received),
            "" if s.days_since_last is None else s.days_since_last,
            s.items,
            len(s.empty_categories),
            s.failing,
            s.overdue,
            s.continuity.label if s.continuity else "",
        ]
        if chosen is not None:
            row.append(s.standing.label if s.standing else "")
        rows.append(row)
    print(table(rows))
    print(report.summary())
    return 0


def _search(args: argparse.Namespace) -> int:
    from gwgk_desktop.bureau.catalogue import CityCatalogue, CityQuery

    query = CityQuery(
        text=args.text, category_code=args.category, org_codes=frozenset(args.station)
    )
    with open_bureau_of(args) as db:
        catalogue = CityCatalogue(db)
        ids = catalogue.search_ids(query)
        shown = ids if args.json else ids[: max(args.limit, 0)]
        rows = catalogue.rows(shown)
    if args.json:
        json.dump(
            [
                {
                    "org_code": r.org_code,
                    "station": r.station,
                    "index_number": r.index_number,
                    "name": r.name,
                    "kind": r.kind.value,
                    "status": r.status.value,
                    "category_code": r.category_code,
                    "problems": r.problems,
                }
                for r in rows
            ],
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        print()
        return 0
    listing: list[list[object]] = [["单位", "索引号", "名称", "类别", "状态"]]
    listing += [
        [r.station, r.index_number, r.name, r.category_code or "", r.status.label] for r in rows
    ]
    print(table(listing))
    more = f"（列出前{len(rows)}条）" if len(ids) > len(rows) else ""
    print(f"共{len(ids)}个事项{more}")
    return 0


def _catalogue(args: argparse.Namespace) -> int:
    from gwgk_desktop.bureau.export import export_catalogue

    progress = TerminalProgress()
    with open_bureau_of(args) as db:
        result = export_catalogue(
            db, args.out, args.station or None, progress=progress, font=args.font
        )
    progress.finish()
    pages = f"，{result.pages}页" if result.pages is not None else ""
    print(f"已导出 {result.path}：{result.stations}个单位、{result.items}个事项{pages}")
    if result.font is not None:
        for message in result.font.messages:
            print(f"注意：{message}")
    return 0


def _notice(args: argparse.Namespace) -> int:
    from gwgk_desktop.bureau import rounds
    from gwgk_desktop.bureau.notice import write_notice

    with open_bureau_of(args) as db:
        chosen = rounds.find_round(db, args.round) if args.round else None
        result = write_notice(
            db, args.out, chosen, date=args.date, number=args.number, font=args.font
        )
    print(f"已生成通报 {result.path}（{result.pages}页，{result.stations}个单位）")
    print("字体：" + "；".join(result.fonts))
    for message in result.font_messages:
        print(f"注意：{message}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from gwgk_desktop.bureau.demo import build_bureau_demo, default_jobs
    from gwgk_desktop.services.demo import demo_key_passphrase

    progress = TerminalProgress()
    result = build_bureau_demo(
        args.out,
        args.stations,
        args.items,
        seed=args.seed,
        jobs=args.jobs or default_jobs(),
        take_in=not args.no_intake,
        progress=progress,
    )
    progress.finish()
    print(
        f"已生成演示城市 {result.folder}（用时{result.seconds:.0f}秒）："
        f"{len(result.stations)}个单位，报送包在 {result.folder / 'packages'}，"
        f"密钥登记册 {result.registry}"
    )
    if not args.no_intake:
        left = len(result.stations) - result.taken_in
        print(
            f"市局端数据库 {result.bureau}：已接收{result.taken_in}个报送包，"
            f"还有{left}个留在 packages 文件夹中待接收"
        )
        print(f"打开市局端：gwgk bureau gui --db {result.bureau}")
    print(
        f"各单位签名密钥口令：{demo_key_passphrase()}；操作员与单位端演示相同（admin/admin123 等）"
    )
    return 0


def _copy(args: argparse.Namespace) -> int:
    from gwgk_desktop.bureau.transfer import copy_database

    progress = TerminalProgress()
    report = copy_database(args.source, args.target, progress=progress)
    progress.finish()
    print(report.summary())
    print(f"以后请用：--db {report.target}（或设置环境变量 GWGK_BUREAU_DB）")
    return 0


def _rejections(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from gwgk_desktop.bureau.models import Rejection

    with open_bureau_of(args) as db, db.read() as session:
        found = session.scalars(select(Rejection).order_by(Rejection.at.desc())).all()
    rows: list[list[object]] = [["时间", "文件", "单位代码", "原因"]]
    rows += [[_local(r.at), Path(r.source).name, r.org_code or "", r.message] for r in found]
    print(table(rows) if found else "没有拒收记录")
    return 0
