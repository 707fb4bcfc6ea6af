"""``gwgk flowchart``: a licensing item's approval-procedure chart without the GUI.

Set it from quick-entry text (``docs/flowchart-quick-entry.md``) or a template, lay it
out, check it, show it as text, and export it as SVG, PDF or PNG.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gwgk_desktop.cli.common import (
    add_login_option,
    login,
    open_db,
    read_json_object,
    read_text_input,
    subcommand,
)
from gwgk_desktop.domain.enums import Severity
from gwgk_desktop.domain.flowchart import validate_flowchart
from gwgk_desktop.domain.flowchart_layout import auto_layout
from gwgk_desktop.domain.flowchart_quick import format_quick_entry
from gwgk_desktop.domain.models import Flowchart
from gwgk_desktop.domain.serialize import flowchart_from_dict, flowchart_to_dict
from gwgk_desktop.domain.typed import FieldError
from gwgk_desktop.errors import UserError
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.flowcharts import (
    TEMPLATES,
    chart_from_text,
    item_chart,
    set_item_chart,
    template_chart,
)
from gwgk_desktop.store.database import Database

EXPORT_TYPES = (".svg", ".pdf", ".png")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    chart = subcommand(subparsers, "flowchart", "审批程序流程图：录入、模板、排版、检查、导出")
    actions = chart.add_subparsers(dest="flowchart_action", required=True, metavar="动作")

    templates = actions.add_parser("templates", help="列出流程图模板")
    templates.set_defaults(handler=_templates)

    show = actions.add_parser("show", help="以快速录入格式（或 JSON）显示事项的流程图")
    _add_source(show, item_required=False)
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(handler=_show)

    check = actions.add_parser("check", help="检查流程图，有错误时返回 1")
    _add_source(check, item_required=False)
    check.set_defaults(handler=_check)

    set_ = actions.add_parser("set", help="用快速录入文本、模板或 JSON 设置事项的流程图")
    set_.add_argument("item", help="事项编号、UUID 或索引号")
    group = set_.add_mutually_exclusive_group(required=True)
    group.add_argument("--text", type=Path, metavar="FILE", help="快速录入文本；- 表示标准输入")
    group.add_argument("--template", choices=[t.key for t in TEMPLATES])
    group.add_argument("--json", type=Path, metavar="FILE", help="流程图 JSON（保留其中的位置）")
    add_login_option(set_)
    set_.set_defaults(handler=_set)

    layout = actions.add_parser("layout", help="自动排版事项的流程图并保存")
    layout.add_argument("item")
    add_login_option(layout)
    layout.set_defaults(handler=_layout)

    export = actions.add_parser("export", help="导出流程图为 SVG、PDF 或 PNG")
    _add_source(export, item_required=False)
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.add_argument(
        "--a4", action="store_true", help="PDF 排成一张 A4 页（标题加缩放到页内的流程图）"
    )
    export.set_defaults(handler=_export)


def _add_source(parser: argparse.ArgumentParser, item_required: bool) -> None:
    parser.add_argument(
        "item", nargs=None if item_required else "?", help="事项编号、UUID 或索引号"
    )
    parser.add_argument(
        "--text", type=Path, metavar="FILE", help="改用快速录入文本（- 为标准输入）"
    )
    parser.add_argument("--template", choices=[t.key for t in TEMPLATES], help="改用模板")


def _source(args: argparse.Namespace) -> Flowchart:
    """The chart the arguments name: quick-entry text, a template, or an item's chart."""
    if args.text is not None:
        return chart_from_text(read_text_input(args.text))
    if args.template is not None:
        return template_chart(args.template)
    if not args.item:
        raise UserError("请指定事项，或用 --text / --template 指定流程图", "no chart given")
    with open_db(args, readonly=True) as db:
        catalogue = Catalogue(db)
        item, chart = item_chart(catalogue, catalogue.items.resolve(args.item))
    if chart is None:
        raise UserError(f"“{item.name}”还没有流程图", "item has no flowchart")
    return chart


def _templates(args: argparse.Namespace) -> int:
    for item in TEMPLATES:
        print(f"{item.key}\t{item.name}\t{item.description}")
    return 0


def _show(args: argparse.Namespace) -> int:
    chart = _source(args)
    if args.json:
        print(json.dumps(flowchart_to_dict(chart), ensure_ascii=False, indent=2))
    else:
        print(format_quick_entry(chart), end="")
    return 0


def _check(args: argparse.Namespace) -> int:
    problems = validate_flowchart(_source(args))
    for problem in problems:
        where = (
            f"节点 {problem.node}"
            if problem.node
            else (f"连线 {problem.edge}" if problem.edge else "")
        )
        print(f"{problem.severity.label}\t{where}\t{problem.message}")
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    print(
        "流程图没有问题" if not problems else f"共 {len(problems)} 个问题，其中错误 {errors} 个",
        file=sys.stderr,
    )
    return 1 if errors else 0


def _save(db: Database, args: argparse.Namespace, chart: Flowchart) -> int:
    actor = login(db, args)
    catalogue = Catalogue(db)
    item = set_item_chart(catalogue, actor, catalogue.items.resolve(args.item), chart)
    errors = [p for p in validate_flowchart(chart) if p.severity is Severity.ERROR]
    print(f"已保存“{item.name}”的流程图（第{item.revision}版，{item.status.label}）")
    for problem in errors:
        print(f"提醒：{problem.message}", file=sys.stderr)
    return 0


def _set(args: argparse.Namespace) -> int:
    if args.json is not None:
        try:
            chart = flowchart_from_dict(read_json_object(args.json))
        except FieldError as error:
            raise UserError(
                f"流程图 JSON 有误：{error}", f"bad flowchart JSON at {error.path}"
            ) from error
    elif args.template is not None:
        chart = None  # taken from the station's own reference template below
    else:
        chart = chart_from_text(read_text_input(args.text))
    with open_db(args) as db:
        if chart is None:
            chart = template_chart(args.template, db)
        return _save(db, args, chart)


def _layout(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        catalogue = Catalogue(db)
        item, chart = item_chart(catalogue, catalogue.items.resolve(args.item))
        if chart is None:
            raise UserError(f"“{item.name}”还没有流程图", "item has no flowchart")
        return _save(db, args, auto_layout(chart))


def _export(args: argparse.Namespace) -> int:
    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in EXPORT_TYPES:
        raise UserError("只能导出为 .svg、.pdf 或 .png 文件", f"unsupported type {suffix!r}")
    chart = _source(args)
    try:
        if suffix == ".png":
            from gwgk_desktop.cli.gui_cmd import chart_png

            chart_png(chart, out)
        else:
            from gwgk_desktop.pdf.flowchart import save_chart
            from gwgk_desktop.pdf.fonts import cjk_font

            font = cjk_font()
            if font.warning:
                print(f"提醒：{font.warning}", file=sys.stderr)
            save_chart(chart, out, font.name, a4=args.a4)
    except OSError as error:
        raise UserError(f"无法写入文件：{out}", str(error)) from error
    print(f"已导出：{out}")
    return 0
