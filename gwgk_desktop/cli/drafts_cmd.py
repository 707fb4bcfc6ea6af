"""``gwgk drafts``: the editor drafts a crashed or killed GUI left beside the database
(see ``services.autosave``): list them, write one into the catalogue, or discard it."""

from __future__ import annotations

import argparse

from gwgk_desktop.cli.common import add_login_option, db_path, login, open_db, subcommand
from gwgk_desktop.services import autosave
from gwgk_desktop.services.catalogue import Catalogue


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    drafts = subcommand(subparsers, "drafts", "程序意外退出后留下的自动保存内容：列出、保存、丢弃")
    actions = drafts.add_subparsers(dest="drafts_action", metavar="操作", required=True)
    actions.add_parser("list", help="列出（每行：编号 操作员 保存时间 事项 名称）").set_defaults(
        handler=_list
    )
    save = actions.add_parser("save", help="把自动保存的内容写入目录并删除它")
    save.add_argument("key", help="drafts list 给出的编号")
    save.add_argument(
        "--force", action="store_true", help="事项在此后已被修改时，仍以自动保存的内容为准"
    )
    add_login_option(save)
    save.set_defaults(handler=_save)
    discard = actions.add_parser("discard", help="丢弃自动保存的内容")
    discard.add_argument("key")
    discard.set_defaults(handler=_discard)


def _list(args: argparse.Namespace) -> int:
    found = autosave.orphaned_drafts(db_path(args))
    if not found:
        print("没有自动保存的内容")
    for draft in found:
        target = "新建" if draft.is_new else f"事项{draft.item_id}第{draft.base_revision}版"
        name = draft.content.name or "（未命名）"
        print(f"{draft.key}\t{draft.operator}\t{draft.saved_at:%Y-%m-%d %H:%M}\t{target}\t{name}")
    return 0


def _save(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        draft = autosave.find_draft(db.path, args.key)
        actor = login(db, args)
        item = autosave.save_draft(Catalogue(db), actor, draft, force=args.force)
    print(f"已保存 {item.index_number}\t{item.name}（第{item.revision}版）")
    return 0


def _discard(args: argparse.Namespace) -> int:
    autosave.discard(autosave.find_draft(db_path(args), args.key))
    print("已丢弃")
    return 0
