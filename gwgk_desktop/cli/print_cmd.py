"""``gwgk print notice-board|guide|catalogue``: the printed documents as PDF files.

Prints where the file went, how many pages it has, the font used (with a warning when the
font could not be embedded) and everything the document left out.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from gwgk_desktop.cli.common import add_font_option, db_path, iso_date, open_db, subcommand

if TYPE_CHECKING:
    from gwgk_desktop.services.print_reads import PrintReads
    from gwgk_desktop.services.printing import PrintRequest, PrintResult


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subparsers.add_parser(
        "print",
        help="打印：政务公开栏、办事指南、政务公开事项目录（生成 PDF）",
        description="生成可打印的 PDF：政务公开栏、办事指南、政务公开事项目录",
    )
    commands = group.add_subparsers(dest="print_command", metavar="文档", required=True)

    board = subcommand(commands, "notice-board", "政务公开栏（张贴用，默认 A3 纵向）")
    _common(board)
    board.add_argument("--landscape", action="store_true", help="横向（两栏排版）")
    _categories(board)
    board.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="公开日期（默认今天）")
    board.set_defaults(handler=_print, document="notice-board")

    guide = subcommand(commands, "guide", "一个许可审批事项的办事指南")
    _common(guide)
    guide.add_argument("--item", required=True, metavar="ID", help="事项：编号、UUID 或索引号")
    guide.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="印制日期（默认今天）")
    guide.set_defaults(handler=_print, document="guide")

    catalogue = subcommand(commands, "catalogue", "政务公开事项目录（横向表格，按类别分组）")
    _common(catalogue)
    _categories(catalogue)
    catalogue.add_argument(
        "--date", type=iso_date, metavar="YYYY-MM-DD", help="编制日期（默认今天）"
    )
    catalogue.set_defaults(handler=_print, document="catalogue")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        metavar="FILE.pdf",
        help="输出文件（默认在当前文件夹，以单位名称和文档名命名）",
    )
    parser.add_argument("--paper", choices=("A4", "A3"), help="纸张")
    parser.add_argument(
        "--mask-private",
        action="store_true",
        help="身份证号、银行卡号、手机号码打码后印出（否则有身份证号、银行卡号时拒绝打印）",
    )
    parser.add_argument(
        "--drafts",
        action="store_true",
        help="包含尚未审核的事项（内部核对稿；默认只印已审核、已公开的）",
    )
    add_font_option(parser)


def _categories(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--category",
        action="append",
        metavar="类别",
        help="只印这些信息类别（代码如 03 或名称如 行政依据；可重复）",
    )


def _request(args: argparse.Namespace, reads: PrintReads) -> PrintRequest:
    from gwgk_desktop.services.printing import DocumentKind, PrintRequest, chosen_categories

    document = DocumentKind(args.document)
    item_id = reads.resolve(args.item) if document is DocumentKind.GUIDE else None
    categories = reads.categories(include_inactive=True)
    return PrintRequest(
        document=document,
        paper=args.paper,
        landscape=bool(getattr(args, "landscape", False)),
        category_ids=chosen_categories(categories, getattr(args, "category", None)),
        include_drafts=args.drafts,
        item_id=item_id,
        date=args.date,
        font=args.font,
        mask_private=args.mask_private,
        drafts_hint="加 --drafts",
    )


def _print(args: argparse.Namespace) -> int:
    from gwgk_desktop.services.light_print import print_light
    from gwgk_desktop.services.printing import DocumentKind

    document = DocumentKind(args.document)
    # Straight from the file with sqlite3, without SQLAlchemy (a third of the time) when
    # the database allows; otherwise (None) the full path.
    result = print_light(db_path(args), lambda reads: _request(args, reads), args.out)
    if result is None:
        result = _print_full(args)
    font = result.font
    print(f"已生成：{result.path}（{document.label}，共 {result.pages} 页，{result.items} 个事项）")
    if font.embedded and font.path is not None:
        print(f"字体：{font.path.name}（已嵌入）")
    for message in font.messages:
        print(f"警告：{message}", file=sys.stderr)
    if result.notes:
        print("未印入或有调整的内容：")
        for note in result.notes:
            print(f"  - {note}")
    return 0


def _print_full(args: argparse.Namespace) -> PrintResult:
    from gwgk_desktop.services.print_reads import PrintReads
    from gwgk_desktop.services.printing import document_filename, produce, target_path
    from gwgk_desktop.store.reads import SessionReader

    with open_db(args, readonly=True) as db:
        with db.read() as session:
            reads = PrintReads(SessionReader(session))
            request = _request(args, reads)
            name = document_filename(reads, request)
        return produce(db, request, target_path(args.out, name))
