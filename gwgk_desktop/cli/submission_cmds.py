"""``gwgk export``, ``verify``, ``exports``, ``receipt``, ``keys``, ``registry`` and
``template``: the signed submission package, its keys and the bureau's side, headless.

Key passphrases come from ``GWGK_KEY_PASSPHRASE`` (a new one for ``keys passphrase``
from ``GWGK_NEW_KEY_PASSPHRASE``), else a terminal prompt, else one line of stdin; never
from the command line.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from gwgk_desktop.cli.common import (
    TerminalProgress,
    bounded_int,
    db_path,
    login,
    open_db,
    read_json_object,
    read_secret,
    subcommand,
)
from gwgk_desktop.errors import UserError

KEY_ENV = "GWGK_KEY_PASSPHRASE"
NEW_KEY_ENV = "GWGK_NEW_KEY_PASSPHRASE"
if TYPE_CHECKING:
    # The database layer is imported by the commands that use it: ``gwgk verify`` (the
    # bureau's check of a package) needs none of it.
    from gwgk_desktop.domain.models import Actor
    from gwgk_desktop.store.database import Database

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def _user_option(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument(
        "--user",
        required=required,
        metavar="NAME",
        help="操作员登录名（密码从环境变量 GWGK_PASSWORD 或标准输入读取）"
        + ("" if required else "；不给时以“命令行”名义记录"),
    )


def register(subparsers: Subparsers) -> None:
    export = subcommand(subparsers, "export", "导出签名的报送包（.gwgk）")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.gwgk")
    export.add_argument("--receipt", type=Path, metavar="FILE.pdf", help="同时生成报送回执PDF")
    export.add_argument("--overwrite", action="store_true", help="目标文件已存在时覆盖")
    export.add_argument(
        "--mask-private",
        action="store_true",
        help="身份证号、银行卡号、手机号码打码后报送（否则有身份证号、银行卡号时拒绝导出）",
    )
    _user_option(export, required=False)
    export.set_defaults(handler=_export)

    verify = subcommand(subparsers, "verify", "校验报送包（市局接收时使用）")
    verify.add_argument("package", type=Path, metavar="FILE.gwgk")
    verify.add_argument("--keys", type=Path, required=True, metavar="REGISTRY", help="密钥登记册")
    verify.add_argument(
        "--state", type=Path, metavar="STATEFILE", help="记录各单位已接收序号的状态文件"
    )
    verify.set_defaults(handler=_verify)

    history = subcommand(subparsers, "exports", "列出导出记录（报送历史）")
    history.set_defaults(handler=_history)

    receipt = subcommand(subparsers, "receipt", "生成某次报送的回执PDF")
    receipt.add_argument("--sequence", type=bounded_int, required=True, help="报送序号")
    receipt.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    receipt.set_defaults(handler=_receipt)

    _register_keys(subparsers)
    _register_registry(subparsers)
    _register_template(subparsers)


def _register_keys(subparsers: Subparsers) -> None:
    keys = subcommand(subparsers, "keys", "签名密钥：生成、查看、导出公钥、打印登记表、更换")
    actions = keys.add_subparsers(dest="keys_action", required=True, metavar="动作")
    init = subcommand(actions, "init", f"生成本单位签名密钥（口令从 {KEY_ENV} 或标准输入读取）")
    init.add_argument("--replace", action="store_true", help="更换密钥：停用现有密钥，生成新密钥")
    _user_option(init, required=True)
    init.set_defaults(handler=_keys_init)
    show = subcommand(actions, "show", "显示本单位的签名密钥")
    show.set_defaults(handler=_keys_show)
    public = subcommand(actions, "export-public", "导出公钥记录（即单个单位的密钥登记册）")
    public.add_argument("--out", type=Path, required=True, metavar="FILE.json")
    public.set_defaults(handler=_keys_export_public)
    form = subcommand(actions, "form", "生成签名密钥登记表PDF（报市局）")
    form.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    form.set_defaults(handler=_keys_form)
    passphrase = subcommand(
        actions, "passphrase", f"修改密钥口令（原口令 {KEY_ENV}，新口令 {NEW_KEY_ENV}）"
    )
    _user_option(passphrase, required=True)
    passphrase.set_defaults(handler=_keys_passphrase)
    bureau = subcommand(actions, "set-bureau", "设置市局公钥（用于核验市局签发的参考范本）")
    bureau.add_argument("--file", type=Path, required=True, metavar="BUREAU.json")
    _user_option(bureau, required=True)
    bureau.set_defaults(handler=_keys_set_bureau)
    generate = subcommand(actions, "generate", "生成独立的密钥文件（市局签发参考范本用）")
    generate.add_argument("--out", type=Path, required=True, metavar="KEY.json")
    generate.add_argument("--public-out", type=Path, required=True, metavar="PUBLIC.json")
    generate.add_argument("--name", default="市公安局政务公开办公室", help="密钥所属单位名称")
    generate.set_defaults(handler=_keys_generate)


def _register_registry(subparsers: Subparsers) -> None:
    registry = subcommand(subparsers, "registry", "密钥登记册（市局）：合并、吊销、列出")
    actions = registry.add_subparsers(dest="registry_action", required=True, metavar="动作")
    merge = subcommand(actions, "merge", "把各单位导出的公钥文件并入登记册（登记册不存在时新建）")
    merge.add_argument("--registry", type=Path, required=True, metavar="REGISTRY")
    merge.add_argument("files", type=Path, nargs="+", metavar="PUBLIC.json")
    merge.set_defaults(handler=_registry_merge)
    revoke = subcommand(actions, "revoke", "吊销登记册中的密钥")
    revoke.add_argument("--registry", type=Path, required=True, metavar="REGISTRY")
    revoke.add_argument("key_id", metavar="KEY_ID")
    revoke.set_defaults(handler=_registry_revoke)
    listing = subcommand(actions, "list", "列出登记册中的密钥")
    listing.add_argument("--registry", type=Path, required=True, metavar="REGISTRY")
    listing.set_defaults(handler=_registry_list)


def _register_template(subparsers: Subparsers) -> None:
    template = subcommand(subparsers, "template", "参考范本：市局签发（sign），单位导入（import）")
    actions = template.add_subparsers(dest="template_action", required=True, metavar="动作")
    sign = subcommand(actions, "sign", f"用市局密钥签发参考范本（口令从 {KEY_ENV} 读取）")
    sign.add_argument("template", type=Path, metavar="TEMPLATE.json")
    sign.add_argument("--key", type=Path, required=True, metavar="KEY.json")
    sign.add_argument("--out", type=Path, required=True, metavar="FILE.gwgkt")
    sign.add_argument("--issuer", default="市公安局政务公开办公室")
    sign.set_defaults(handler=_template_sign)
    imp = subcommand(actions, "import", "导入市局签发的参考范本（核验签名，显示变化后一次性应用）")
    imp.add_argument("file", type=Path, metavar="FILE.gwgkt")
    imp.add_argument("--dry-run", action="store_true", help="只核验并显示变化，不导入")
    _user_option(imp, required=True)
    imp.set_defaults(handler=_template_import)


# ---------------------------------------------------------------- helpers


def _key_passphrase(prompt: str = "签名密钥口令：") -> str:
    return read_secret(KEY_ENV, prompt)


def _new_passphrase(env: str) -> str:
    """A new passphrase: from ``env``, else asked twice on a terminal, else stdin."""
    if os.environ.get(env) is None and sys.stdin.isatty():
        first = getpass.getpass("新的签名密钥口令：")
        if getpass.getpass("再输入一次：") != first:
            raise UserError("两次输入的口令不一致", "passphrases differ")
        return first
    return read_secret(env, "新的签名密钥口令：")


def _actor(db: Database, args: argparse.Namespace) -> Actor:
    from gwgk_desktop.domain.models import Actor

    if getattr(args, "user", None):
        return login(db, args)
    return Actor.key_holder()


# ---------------------------------------------------------------- export side


def _export(args: argparse.Namespace) -> int:
    from gwgk_desktop.store.quick_check import QuickCheck

    # The database's quick check reads the whole file, attachments and all (0.13 s of a
    # 20,000-item station with 100 MB of them), on the second core while this one imports
    # the export's modules; opening the database then takes its finding.
    check = QuickCheck.start(db_path(args))
    from gwgk_desktop.domain.digests import grouped
    from gwgk_desktop.services import export

    with open_db(args, quick_check=check) as db:
        actor = _actor(db, args)
        passphrase = _key_passphrase()

        progress = TerminalProgress()
        result = export.export_package(
            db,
            actor,
            args.out,
            passphrase=passphrase,
            progress=progress,
            overwrite=args.overwrite,
            mask_private=args.mask_private,
        )
        progress.finish()
        record = result.record
        c = record.counts
        print(
            f"已导出第{record.sequence}号报送包：{result.path}（{record.size:,} 字节）\n"
            f"  目录事项{c['catalogue']}项、许可审批事项{c['licensing']}项、收费事项{c['fee']}项、"
            f"流程图{c['flowcharts']}幅、附件{c['attachments']}个\n"
            f"  签名密钥 {record.key_id}\n"
            f"  SHA-256 {grouped(record.sha256)}"
        )
        if result.warnings:
            print(f"提醒{len(result.warnings)}条（已列入报送包清单）：")
            for finding in result.warnings[:20]:
                print(f"  {finding.line()}")
            if len(result.warnings) > 20:
                print(f"  ……另有{len(result.warnings) - 20}条")
        if args.receipt:
            export.write_receipt(db, record.sequence, args.receipt)
            print(f"已生成报送回执：{args.receipt}")
    return 0


def _history(args: argparse.Namespace) -> int:
    from gwgk_desktop.services import export
    from gwgk_desktop.store.database import open_database

    with open_database(db_path(args), readonly=True, upgrade=False) as db:
        records = export.history(db)
    if not records:
        print("尚无导出记录")
    for r in records:
        when = r.created_at.strftime("%Y-%m-%d %H:%M")
        total = r.counts.get("catalogue", 0) + r.counts.get("licensing", 0) + r.counts.get("fee", 0)
        state = "" if r.state is export.ExportState.DONE else f"\t{r.state.label}"
        print(
            f"第{r.sequence}号\t{when}\t{r.operator_name}\t{total}项\t{r.sha256 or '-'}"
            f"\t{r.file_name}{state}"
        )
    return 0


def _receipt(args: argparse.Namespace) -> int:
    from gwgk_desktop.services import export

    with open_db(args) as db:
        export.write_receipt(db, args.sequence, args.out)
    print(f"已生成第{args.sequence}号报送的回执：{args.out}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from gwgk_desktop.submission.errors import PackageError
    from gwgk_desktop.submission.registry import Registry
    from gwgk_desktop.submission.verify import verify_package

    registry = Registry.load(args.keys)
    try:
        result = verify_package(args.package, registry, args.state)
    except PackageError as error:
        # One line: what failed, then the stable failure code for scripts.
        print(
            f"报送包无效：{error.message}（{error.failure.value}: {error.english}）",
            file=sys.stderr,
        )
        return error.exit_code
    print(result.summary())
    return 0


# ---------------------------------------------------------------- keys


def _keys_init(args: argparse.Namespace) -> int:
    from gwgk_desktop.services import keys

    with open_db(args) as db:
        actor = login(db, args)
        info = keys.create_key(db, actor, _new_passphrase(KEY_ENV), replace=args.replace)
    print(
        f"已生成签名密钥 {info.key_id}\n公钥指纹：{info.fingerprint}\n"
        "下一步：gwgk keys export-public 导出公钥文件，gwgk keys form 打印登记表，一并报市局"
    )
    return 0


def _keys_show(args: argparse.Namespace) -> int:
    from gwgk_desktop.services import keys
    from gwgk_desktop.store.database import open_database

    with open_database(db_path(args), readonly=True, upgrade=False) as db:
        found = keys.list_keys(db)
        bureau = keys.bureau_keys(db)
    if not found:
        print("本单位尚未生成签名密钥（gwgk keys init）")
    for info in found:
        state = "使用中" if info.active else f"已停用（{info.retired_at:%Y-%m-%d}）"
        print(f"{info.key_id}\t{state}\t{info.created_at:%Y-%m-%d}\t指纹 {info.fingerprint}")
    for record in bureau:
        print(f"市局公钥 {record.key_id}\t{record.name}\t指纹 {record.fingerprint}")
    return 0


def _keys_export_public(args: argparse.Namespace) -> int:
    from gwgk_desktop.services import keys

    with open_db(args, readonly=True) as db:
        record = keys.export_public(db, args.out)
    print(f"已导出公钥 {record.key_id}（{record.name}）到 {args.out}\n指纹：{record.fingerprint}")
    return 0


def _keys_form(args: argparse.Namespace) -> int:
    from gwgk_desktop.services import keys

    with open_db(args, readonly=True) as db:
        data = keys.write_key_form(db, args.out)
    print(f"已生成签名密钥登记表：{args.out}（密钥 {data.key_id}）")
    return 0


def _keys_passphrase(args: argparse.Namespace) -> int:
    from gwgk_desktop.services import keys

    with open_db(args) as db:
        actor = login(db, args)
        old = _key_passphrase("原签名密钥口令：")
        keys.change_passphrase(db, actor, old, _new_passphrase(NEW_KEY_ENV))
    print("已修改签名密钥口令")
    return 0


def _keys_set_bureau(args: argparse.Namespace) -> int:
    from gwgk_desktop.services import keys

    records = keys.read_bureau_key_file(args.file)
    with open_db(args) as db:
        actor = login(db, args)
        keys.add_bureau_keys(db, actor, records)
    for record in records:
        print(f"已设置市局公钥 {record.key_id}（{record.name}）\n指纹：{record.fingerprint}")
    return 0


def _keys_generate(args: argparse.Namespace) -> int:
    from gwgk_desktop.services import keys

    record = keys.generate_key_file(args.out, args.public_out, _new_passphrase(KEY_ENV), args.name)
    print(
        f"已生成密钥 {record.key_id}：私钥文件 {args.out}（已用口令加密，请妥善保管），"
        f"公钥文件 {args.public_out}\n指纹：{record.fingerprint}"
    )
    return 0


# ---------------------------------------------------------------- registry


def _registry_merge(args: argparse.Namespace) -> int:
    from gwgk_desktop.submission.registry import Registry

    registry = Registry.load(args.registry) if args.registry.exists() else Registry()
    added = revoked = unchanged = 0
    for path in args.files:
        report = registry.merge(Registry.load(path))
        for record in report.added:
            print(
                f"新登记 {record.key_id} {record.name}（{record.org_code or '市局'}）"
                f"\n  指纹 {record.fingerprint}  ← 请与纸质登记表逐组核对"
            )
        added += len(report.added)
        revoked += len(report.revoked)
        unchanged += report.unchanged
    registry.save(args.registry)
    print(f"登记册 {args.registry}：新增{added}个，吊销{revoked}个，未变{unchanged}个")
    return 0


def _registry_revoke(args: argparse.Namespace) -> int:
    from gwgk_desktop.submission.registry import Registry

    registry = Registry.load(args.registry)
    record = registry.revoke(args.key_id)
    registry.save(args.registry)
    print(f"已吊销密钥 {record.key_id}（{record.name}），此后由它签名的报送包一律不予接收")
    return 0


def _registry_list(args: argparse.Namespace) -> int:
    from gwgk_desktop.submission.registry import Registry

    registry = Registry.load(args.registry)
    for kid in sorted(registry.records):
        r = registry.records[kid]
        state = "已吊销" if r.revoked else "有效"
        print(f"{r.key_id}\t{state}\t{r.org_code or '市局'}\t{r.name}\t指纹 {r.fingerprint}")
    return 0


# ---------------------------------------------------------------- templates


def _template_sign(args: argparse.Namespace) -> int:
    from gwgk_desktop.files import write_bytes_atomic
    from gwgk_desktop.services import keys, template
    from gwgk_desktop.submission.template_sign import sign_template

    payload = template.check_payload(read_json_object(args.template))
    pair = keys.load_key_file(args.key, _key_passphrase())
    write_bytes_atomic(args.out, sign_template(payload, pair, args.issuer))
    print(
        f"已签发参考范本“{payload['name']}”第{payload['version']}版：{args.out}"
        f"（密钥 {pair.key_id}）"
    )
    return 0


def _template_import(args: argparse.Namespace) -> int:
    from gwgk_desktop.services import template

    with open_db(args) as db:
        actor = login(db, args)
        signed, changes = template.read_signed(db, args.file)
        print(f"参考范本“{signed.payload['name']}”，由 {signed.issuer}（密钥 {signed.key_id}）签发")
        for line in changes.lines():
            print(f"  {line}")
        if args.dry_run:
            print("（仅核验，未导入）")
            return 0
        template.import_signed(db, actor, args.file)
    print("已导入参考范本")
    return 0
