"""``gwgk privacy``: the personal-data check headless: list what would block submit,
approve, print or export, and mask an item (the GUI's 打码)."""

from __future__ import annotations

import argparse

from gwgk_desktop.cli.common import add_login_option, login, open_db, subcommand
from gwgk_desktop.services import privacy
from gwgk_desktop.services.catalogue import Catalogue


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = subcommand(
        subparsers, "privacy", "个人信息检查：身份证号、银行卡号（禁止公开）、手机号码（提醒）"
    )
    actions = group.add_subparsers(dest="privacy_action", required=True, metavar="动作")
    check = actions.add_parser(
        "check", help="检查事项（默认全部事项的当前版本；发现禁止公开的信息时返回非零）"
    )
    check.add_argument("items", nargs="*", metavar="ITEM", help="事项：编号、UUID 或索引号")
    check.set_defaults(handler=_check)
    mask = actions.add_parser(
        "mask", help="对事项当前版本中的个人信息打码（已审核的事项生成新草稿，须重新审核）"
    )
    mask.add_argument("item", metavar="ITEM")
    add_login_option(mask)
    mask.set_defaults(handler=_mask)


def _check(args: argparse.Namespace) -> int:
    with open_db(args, readonly=True) as db:
        catalogue = Catalogue(db)
        report = privacy.check_items(db, [catalogue.items.resolve(ref) for ref in args.items])
    for line in report.lines(limit=200):
        print(f"  {line}")
    blocked = sum(1 for f in report.findings if f.blocks)
    warned = len(report.findings) - blocked
    print(f"个人信息检查：{blocked}处禁止公开，{warned}处提醒")
    return 1 if blocked else 0


def _mask(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        actor = login(db, args)
        catalogue = Catalogue(db)
        item_id = catalogue.items.resolve(args.item)
        before = privacy.check_item(db, item_id)
        head = catalogue.items.get(item_id)
        item = privacy.mask_item(db, actor, item_id, head.revision)
    if not before.findings:
        print(f"“{item.name}”中没有需要打码的个人信息")
        return 0
    for finding in before.findings:
        print(f"  已打码：{finding.line()}")
    print(f"已保存“{item.name}”（第{item.revision}版，{item.status.label}）")
    return 0
