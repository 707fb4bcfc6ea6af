"""``gwgk sheet template|import|export``: the catalogue as the Excel/WPS sheet clerks keep.

``import`` prints the dry run's report (every problem as 第N行 and its column) and imports
only when the sheet has no errors; with ``--dry-run`` it only checks. The exit code is 0
only when the sheet was imported or, with ``--dry-run``, would be.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gwgk_desktop.cli.common import (
    TerminalProgress,
    add_login_option,
    db_path,
    login,
    open_db,
    subcommand,
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser(
        "sheet",
        help="Excel/WPS 目录表：空白模板、从表格导入、导出为表格",
        description="政务公开事项目录的 Excel/WPS 表格：空白模板、导入（先检查）、导出",
    )
    commands = group.add_subparsers(dest="sheet_command", metavar="操作", required=True)

    template = subcommand(commands, "template", "生成标准格式的空白目录表（.xlsx）")
    template.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    template.set_defaults(handler=_template)

    imports = subcommand(commands, "import", "从 Excel/WPS 表格（.xlsx/.xls）导入事项")
    imports.add_argument("file", type=Path, metavar="FILE", help="表格文件（.xlsx 或 .xls）")
    add_login_option(imports)
    imports.add_argument("--dry-run", action="store_true", help="只检查、不导入")
    imports.add_argument("--sheet", metavar="NAME", help="工作表名称（默认：第一个目录表）")
    imports.add_argument(
        "--mapping",
        type=Path,
        metavar="M.json",
        help="使用保存的列映射（图形界面或 --save-mapping 保存）",
    )
    imports.add_argument(
        "--save-mapping", type=Path, metavar="M.json", help="把本次使用的列映射保存到文件"
    )
    imports.add_argument("--report", type=Path, metavar="FILE.txt", help="把检查报告另存到文件")
    imports.set_defaults(handler=_import)

    export = subcommand(commands, "export", "把目录导出为标准格式的 Excel 表格（.xlsx）")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    export.add_argument(
        "--drafts", action="store_true", help="包含尚未审核的事项（默认只导出已审核、已公开的）"
    )
    export.add_argument(
        "--mask-private",
        action="store_true",
        help="身份证号、银行卡号等个人信息打码后导出（默认发现时拒绝导出）",
    )
    export.add_argument(
        "--category",
        action="append",
        metavar="类别",
        help="只导出这些信息类别（代码如 03 或名称如 行政依据；可重复）",
    )
    export.set_defaults(handler=_export)


def _template(args: argparse.Namespace) -> int:
    from gwgk_desktop.services.sheet_export import template_for, write_template

    if getattr(args, "db", None) is not None and db_path(args).exists():
        with open_db(args, readonly=True) as db:
            template_for(db, args.out)
    else:
        write_template(args.out)
    print(f"已生成空白目录表：{args.out}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from gwgk_desktop.services import sheet_import
    from gwgk_desktop.services.catalogue import Catalogue

    with open_db(args) as db:
        actor = login(db, args)
        _workbook, grid, mapping = sheet_import.open_sheet(db, args.file, args.sheet)
        if args.mapping is not None:
            saved = sheet_import.read_mapping(args.mapping)
            mapping = sheet_import.adopt_mapping(saved, grid, Catalogue(db).reference.categories())
        if args.save_mapping is not None:
            _write_text(args.save_mapping, mapping.to_json())
        plan = sheet_import.prepare(db, actor, grid, mapping, args.file.name)
        report = plan.report()
        print(report, end="")
        if args.report is not None:
            _write_text(args.report, report)
        if not plan.ok:
            print(
                f"错误：表格中有{len(plan.errors)}个错误，没有导入 "
                f"({len(plan.errors)} errors; nothing imported)",
                file=sys.stderr,
            )
            return sheet_import.ImportBlocked.exit_code
        if args.dry_run:
            print("（只做了检查，没有导入；去掉 --dry-run 即可导入）")
            return 0
        progress = TerminalProgress()
        result = sheet_import.apply(db, actor, plan, progress)
        progress.finish()
    print(f"已导入：{result.summary()}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from gwgk_desktop.services.catalogue import Catalogue
    from gwgk_desktop.services.printing import chosen_categories
    from gwgk_desktop.services.sheet_export import export_catalogue

    progress = TerminalProgress()
    with open_db(args, readonly=True) as db:
        result = export_catalogue(
            db,
            args.out,
            drafts=args.drafts,
            category_ids=chosen_categories(
                Catalogue(db).reference.categories(include_inactive=True), args.category
            ),
            mask_private=args.mask_private,
            progress=progress,
        )
    progress.finish()
    print(f"已导出：{result.path}（{result.items} 个事项）")
    for note in result.notes:
        print(f"  - {note}")
    return 0


def _write_text(path: Path, text: str) -> None:
    from gwgk_desktop.files import write_bytes_atomic

    write_bytes_atomic(path, text.encode("utf-8"))
