"""``gwgk item`` and ``gwgk review``: every item operation of the GUI, headless.

Item content goes in and out as JSON (the same form the audit log and packages use), so a
script can ``show --json``, change a field and ``edit`` it back.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

from gwgk_desktop.cli.common import (
    add_login_option,
    bounded_int,
    login,
    open_db,
    read_json_object,
    subcommand,
)
from gwgk_desktop.domain.enums import ItemKind, Status
from gwgk_desktop.domain.models import Item, ItemContent
from gwgk_desktop.domain.privacy import CHECKED_ACTIONS
from gwgk_desktop.domain.serialize import content_from_dict, content_to_dict
from gwgk_desktop.domain.typed import FieldError
from gwgk_desktop.domain.validation import Strictness, same_name_problem
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import UserError
from gwgk_desktop.services import privacy
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import Database

_KINDS = {kind.value: kind for kind in ItemKind}
_STATUSES = {status.value: status for status in Status}
_ACTIONS = {action.value: action for action in Action}
#: Fields ``show`` prints in the heading or on lines of their own; every other non-empty
#: field of the content is listed as ``key: value``.
_SHOWN_APART = (
    "kind",
    "category_id",
    "name",
    "guide",
    "materials",
    "fee_links",
    "flowchart",
    "attachments",
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    item = subcommand(subparsers, "item", "事项：列出、查看、新建、修改、附件、删除、恢复、历史")
    actions = item.add_subparsers(dest="item_action", required=True, metavar="动作")

    listing = actions.add_parser("list", help="列出事项（每行：编号 索引号 状态 名称）")
    listing.add_argument("--text", default="", help="在名称、公开内容、公开依据、索引号中查找")
    listing.add_argument("--category", help="信息类别编号，如 03")
    listing.add_argument("--kind", choices=sorted(_KINDS))
    listing.add_argument("--status", choices=sorted(_STATUSES), action="append")
    listing.add_argument("--overdue", action="store_true", help="只列出已过更新期限的事项")
    listing.add_argument("--deleted", action="store_true", help="列出已删除（回收站）的事项")
    listing.set_defaults(handler=_list)

    show = actions.add_parser("show", help="查看事项（编号、UUID 或索引号）")
    show.add_argument("item")
    show.add_argument("--revision", type=bounded_int)
    show.add_argument("--json", action="store_true", help="以 JSON 输出内容")
    show.set_defaults(handler=_show)

    add = actions.add_parser("add", help="从 JSON 文件新建事项")
    add.add_argument(
        "--json",
        type=Path,
        required=True,
        metavar="FILE",
        help="事项内容（JSON，可用 category_code 指定类别）；- 表示标准输入",
    )
    add_login_option(add)
    add.set_defaults(handler=_add)

    edit = actions.add_parser("edit", help="用 JSON 文件修改事项（已审核的事项生成新版草稿）")
    edit.add_argument("item")
    edit.add_argument("--json", type=Path, required=True, metavar="FILE")
    edit.add_argument(
        "--base-revision",
        type=bounded_int,
        required=True,
        metavar="N",
        help="JSON 所依据的版本号（gwgk item show 显示“第N版”）；事项此后已有新版本时拒绝修改",
    )
    add_login_option(edit)
    edit.set_defaults(handler=_edit)

    for name, help_text in (
        ("delete", "删除事项（进入回收站，可恢复）"),
        ("restore", "恢复已删除的事项"),
    ):
        command = actions.add_parser(name, help=help_text)
        command.add_argument("item")
        add_login_option(command)
        command.set_defaults(handler=_delete if name == "delete" else _restore)

    attach = actions.add_parser(
        "attach", help="给事项添加附件，或用 --material N 设为第 N 项材料的申报范本"
    )
    attach.add_argument("item")
    attach.add_argument("file", type=Path)
    attach.add_argument("--material", type=bounded_int, metavar="N", help="申请材料序号（从1开始）")
    attach.add_argument("--note", default="", help="附件说明")
    add_login_option(attach)
    attach.set_defaults(handler=_attach)

    detach = actions.add_parser("detach", help="删除事项的附件（按文件名）")
    detach.add_argument("item")
    detach.add_argument("name", help="附件文件名")
    add_login_option(detach)
    detach.set_defaults(handler=_detach)

    save = actions.add_parser("attachment", help="把事项的附件（或申报范本）另存为文件")
    save.add_argument("item")
    save.add_argument("name", help="附件或申报范本的文件名")
    save.add_argument("--out", type=Path, required=True, metavar="FILE")
    save.set_defaults(handler=_save_attachment)

    history = actions.add_parser("history", help="事项的修改和审核记录")
    history.add_argument("item")
    history.set_defaults(handler=_history)

    review = subcommand(
        subparsers,
        "review",
        "审核流程：submit 提交 / retract 取回 / return 退回 / "
        "approve 通过 / publish 公开 / withdraw 撤回",
    )
    review.add_argument("action", choices=list(_ACTIONS))
    review.add_argument("item")
    review.add_argument("--comment", default="", help="意见（退回、撤回时必填）")
    review.add_argument(
        "--date", type=dt.date.fromisoformat, help="公开日期 YYYY-MM-DD（公开时，默认今天）"
    )
    add_login_option(review)
    review.set_defaults(handler=_review)


def _category_id(catalogue: Catalogue, code: str) -> int:
    for category in catalogue.reference.categories(include_inactive=True):
        if category.code == code:
            return category.id
    raise UserError(f"没有编号为 {code} 的信息类别", f"no category {code!r}")


def _list(args: argparse.Namespace) -> int:
    with open_db(args, readonly=True) as db:
        catalogue = Catalogue(db)
        query = ItemQuery(
            text=args.text,
            category_id=_category_id(catalogue, args.category) if args.category else None,
            kind=_KINDS[args.kind] if args.kind else None,
            statuses=frozenset(_STATUSES[s] for s in args.status or ()),
            overdue_on=dt.date.today() if args.overdue else None,
            deleted=args.deleted,
        )
        rows = catalogue.items.list_rows(query)
    for row in rows:
        print(f"{row.id}\t{row.index_number}\t{row.status.label}\t{row.name}")
    print(f"共 {len(rows)} 项", file=sys.stderr)
    return 0


def _print_item(item: Item) -> None:
    c = item.content
    print(
        f"{c.name}（{item.kind.label}，{item.index_number}，第{item.revision}版，{item.status.label}）"
    )
    if item.live_revision:
        print(f"  正在生效的是第{item.live_revision}版")
    data = content_to_dict(c)
    for f in fields(ItemContent):
        value = data[f.name]
        if value and f.name not in _SHOWN_APART:
            print(f"  {f.name}: {value}")
    if c.guide:
        print(f"  办事指南：{'，'.join(filter(None, [c.guide.department, c.guide.limits()]))}")
    if c.materials:
        print(f"  申请材料：{'、'.join(m.name for m in c.materials)}")
    if c.flowchart:
        print(f"  流程图：{len(c.flowchart.nodes)}个节点，{len(c.flowchart.edges)}条连线")
    if c.attachments:
        print(f"  附件：{'、'.join(a.filename for a in c.attachments)}")


def _show(args: argparse.Namespace) -> int:
    with open_db(args, readonly=True) as db:
        catalogue = Catalogue(db)
        item = catalogue.items.get(catalogue.items.resolve(args.item), args.revision)
        problems = catalogue.reference.problems(item.content, Strictness.SUBMIT)
    if args.json:
        print(json.dumps(content_to_dict(item.content), ensure_ascii=False, indent=2))
        return 0
    _print_item(item)
    for problem in problems:
        print(f"  ! {problem}")
    return 0


def _content(db: Database, data: dict[str, Any]) -> ItemContent:
    code = data.pop("category_code", None)
    if code is not None:
        if not isinstance(code, str):
            raise UserError('事项 JSON 有误：category_code 应为文本，如 "03"', "bad category_code")
        data["category_id"] = _category_id(Catalogue(db), code)
    try:
        return content_from_dict(data)
    except FieldError as error:
        raise UserError(f"事项 JSON 有误：{error}", f"bad item JSON at {error.path}") from error


def _add(args: argparse.Namespace) -> int:
    data = read_json_object(args.json)
    with open_db(args) as db:
        actor = login(db, args)
        catalogue = Catalogue(db)
        item = catalogue.changes.create(actor, _content(db, data))
        _warn_same_name(catalogue, item)
    print(f"已新建 {item.id}\t{item.index_number}\t{item.name}")
    return 0


def _warn_same_name(catalogue: Catalogue, item: Item) -> None:
    """Saved, but another item of the category has this name: say so (on stderr)."""
    same = catalogue.items.same_name(item.name, item.content.category_id, item.uuid)
    if same:
        problem = same_name_problem(same)
        print(
            f"注意：{problem.message} (warning: {len(same)} other item(s) of this category "
            "have the same name)",
            file=sys.stderr,
        )


def _edit(args: argparse.Namespace) -> int:
    data = read_json_object(args.json)
    with open_db(args) as db:
        actor = login(db, args)
        catalogue = Catalogue(db)
        item_id = catalogue.items.resolve(args.item)
        # The revision the JSON was read from: an item revised since is refused (Conflict),
        # as the editor refuses to save over someone else's newer revision.
        item = catalogue.changes.update(actor, item_id, _content(db, data), args.base_revision)
        _warn_same_name(catalogue, item)
    print(f"已保存 {item.index_number}（第{item.revision}版，{item.status.label}）")
    return 0


def _delete(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        actor = login(db, args)
        catalogue = Catalogue(db)
        catalogue.changes.delete(actor, catalogue.items.resolve(args.item))
    print("已删除（可用 gwgk item restore 恢复）")
    return 0


def _restore(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        actor = login(db, args)
        catalogue = Catalogue(db)
        catalogue.changes.restore(actor, catalogue.items.resolve(args.item))
    print("已恢复")
    return 0


def _attach(args: argparse.Namespace) -> int:
    path: Path = args.file
    if not path.is_file():
        raise UserError(f"找不到文件：{path}", f"no such file: {path}")
    with open_db(args) as db:
        actor = login(db, args)
        catalogue = Catalogue(db)
        item = catalogue.items.get(catalogue.items.resolve(args.item))
        content = item.content
        attachment = catalogue.attachments.add(path)
        if args.material is not None:
            if not 1 <= args.material <= len(content.materials):
                raise UserError(
                    f"“{item.name}”只有{len(content.materials)}项申请材料",
                    "no such material",
                )
            material = content.materials[args.material - 1]
            material.sample_sha256 = attachment.sha256
            material.sample_filename = attachment.filename
            what = f"第{args.material}项材料“{material.name}”的申报范本"
        else:
            attachment.note = args.note
            content.attachments.append(attachment)
            what = "附件"
        saved = catalogue.changes.update(actor, item.id, content, item.revision)
    print(f"已添加{what}：{path.name}（{saved.index_number}，第{saved.revision}版）")
    return 0


def _detach(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        actor = login(db, args)
        catalogue = Catalogue(db)
        item = catalogue.items.get(catalogue.items.resolve(args.item))
        content = item.content
        kept = [a for a in content.attachments if a.filename != args.name]
        if len(kept) == len(content.attachments):
            raise UserError(f"“{item.name}”没有名为 {args.name} 的附件", "no such attachment")
        content.attachments = kept
        catalogue.changes.update(actor, item.id, content, item.revision)
    print(f"已删除附件：{args.name}")
    return 0


def _save_attachment(args: argparse.Namespace) -> int:
    with open_db(args, readonly=True) as db:
        catalogue = Catalogue(db)
        content = catalogue.items.get(catalogue.items.resolve(args.item)).content
        found = {a.filename: a.sha256 for a in content.attachments}
        found.update(
            {m.sample_filename: m.sample_sha256 for m in content.materials if m.sample_sha256}
        )
        sha = found.get(args.name)
        if sha is None:
            raise UserError(f"没有名为 {args.name} 的附件或申报范本", "no such attachment")
        try:
            catalogue.attachments.save(sha, args.out)
        except OSError as error:
            raise UserError(
                f"无法写入 {args.out}：{error.strerror}", f"cannot write {args.out}"
            ) from error
    print(f"已另存为 {args.out}")
    return 0


def _history(args: argparse.Namespace) -> int:
    with open_db(args, readonly=True) as db:
        catalogue = Catalogue(db)
        entries = catalogue.items.history(catalogue.items.resolve(args.item))
    for entry in entries:
        print(f"{entry.at:%Y-%m-%d %H:%M}\t{entry.operator}\t{entry.summary}")
    return 0


def _review(args: argparse.Namespace) -> int:
    action = _ACTIONS[args.action]
    with open_db(args) as db:
        actor = login(db, args)
        catalogue = Catalogue(db)
        date = args.date or (dt.date.today() if action is Action.PUBLISH else None)
        item = catalogue.review.transition(
            actor,
            catalogue.items.resolve(args.item),
            action,
            comment=args.comment,
            publish_date=date,
        )
        checked = action in CHECKED_ACTIONS
        warnings = privacy.check_item(db, item.id).warnings if checked else []
    print(f"{action.label}：{item.name}（第{item.revision}版，现为{item.status.label}）")
    for finding in warnings:
        print(f"注意：{finding.line()}，请确认可以公开", file=sys.stderr)
    return 0
