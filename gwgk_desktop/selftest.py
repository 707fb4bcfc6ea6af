"""``gwgk self-test``: does this installation work? Runs a real job end to end in a
temporary folder, headless, and prints one line per step.

The job is a list of steps (``STEPS``). Each step is a small function that gets the shared
``Context`` and returns a one-line summary of what it checked; it raises ``Skip`` when the
feature it checks is not part of this build yet, and anything else is a failure. A feature
that lands replaces its ``not_built`` placeholder with its own step function.

Anything a step writes to standard error (a Python warning, a Qt warning, a log message)
fails that step: on a clerk's PC that output is the first sign of a broken installation, so
it is never just noise here. After a failure the remaining steps are not run, because each
builds on the database the earlier ones made.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TextIO

from gwgk_desktop import APP_DISPLAY_NAME, __version__, logs
from gwgk_desktop.domain.enums import ItemKind, Status
from gwgk_desktop.domain.flowchart import validate_flowchart
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import UserError

#: How many catalogue items the self-test station gets besides the licensing and fee items
#: of the demo (enough for every category, quick to write).
ITEMS = 20
#: The self-test station's signing-key passphrase (its own throwaway key, in its temp folder).
KEY_PASSPHRASE = "selftest-key-passphrase"  # noqa: S105


class Skip(Exception):
    """Raised by a step whose feature this build does not have (yet)."""


class Outcome(Enum):
    PASSED = "通过"
    SKIPPED = "跳过"
    FAILED = "失败"
    NOT_RUN = "未运行"


@dataclass
class Context:
    """What the steps share: the work folder and what earlier steps made."""

    folder: Path
    verbose: bool = False
    licensing_item_id: int | None = None

    @property
    def db_path(self) -> Path:
        return self.folder / "selftest.sqlite"


@dataclass(frozen=True)
class Step:
    title: str
    run: Callable[[Context], str]


@dataclass(frozen=True)
class StepResult:
    title: str
    outcome: Outcome
    detail: str
    seconds: float = 0.0

    def line(self, number: int) -> str:
        if self.outcome is Outcome.PASSED:
            verdict = f"通过（{self.seconds:.2f} 秒）{self.detail}"
        else:
            verdict = f"{self.outcome.value}：{self.detail}"
        return f"{number:>2}. {self.title} …… {verdict}"


@dataclass
class Report:
    results: list[StepResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(r.outcome in (Outcome.PASSED, Outcome.SKIPPED) for r in self.results)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    def summary(self) -> str:
        counts = "，".join(f"{self.count(o)} 项{o.value}" for o in Outcome if self.count(o))
        verdict = "全部正常" if self.ok else "有问题，请把以上输出发给技术支持"
        return f"自检结果：{verdict}（{counts}，共用时 {self.seconds:.1f} 秒）"


# ------------------------------------------------------------------------------ steps
def create_station(ctx: Context) -> str:
    """A station with its operators, catalogue, licensing (with flowcharts) and fee items,
    submitted, approved and published through the services: the demo builder does all of
    that, so the self-test uses it rather than a second copy of it."""
    from gwgk_desktop.services.demo import build_demo

    summary = build_demo(ctx.db_path, items=ITEMS, key_passphrase=KEY_PASSPHRASE)
    return (
        f"目录事项 {summary.catalogue_items} 项、许可审批事项 {summary.licensing_items} 项"
        f"（含流程图）、收费事项 {summary.fee_items} 项"
    )


def review_workflow(ctx: Context) -> str:
    """Log in with passwords, edit a published licensing item's flowchart (a new draft
    revision), and take it through submit → approve → publish again."""
    from gwgk_desktop.services import auth, demo_data
    from gwgk_desktop.services.catalogue import Catalogue
    from gwgk_desktop.services.queries import ItemQuery
    from gwgk_desktop.store.database import open_database

    passwords = {username: password for username, _, _, password in demo_data.OPERATORS}
    with open_database(ctx.db_path) as db:
        clerk = auth.authenticate(db, "clerk", passwords["clerk"])
        reviewer = auth.authenticate(db, "reviewer", passwords["reviewer"])
        catalogue = Catalogue(db)
        query = ItemQuery(kind=ItemKind.LICENSING, statuses=frozenset({Status.PUBLISHED}))
        ids = catalogue.items.search_ids(query)
        if not ids:
            raise RuntimeError("演示数据中没有已公开的许可审批事项")
        item = catalogue.items.get(ids[0])
        chart = item.content.flowchart
        if chart is None or not chart.nodes:
            raise RuntimeError(f"事项“{item.name}”没有流程图")
        changed = f"{chart.nodes[0].text}（自检修改）"
        chart.nodes[0].text = changed
        edited = catalogue.changes.update(clerk, item.id, item.content, item.revision)
        catalogue.review.transition(clerk, item.id, Action.SUBMIT)
        catalogue.review.transition(reviewer, item.id, Action.APPROVE)
        catalogue.review.transition(reviewer, item.id, Action.PUBLISH, publish_date=dt.date.today())
        final = catalogue.items.get(item.id)
    saved = final.content.flowchart
    if final.status is not Status.PUBLISHED or final.revision != edited.revision:
        raise RuntimeError(f"审核流程后状态为{final.status.label}（第{final.revision}版）")
    if saved is None or saved.nodes[0].text != changed:
        raise RuntimeError("流程图修改没有保存下来")
    problems = validate_flowchart(saved)
    if problems:
        raise RuntimeError(f"保存后的流程图有问题：{problems[0]}")
    ctx.licensing_item_id = item.id
    return (
        f"“{final.name}”第 {item.revision} 版 → 第 {final.revision} 版，"
        f"流程图 {len(saved.nodes)} 个节点、{len(saved.edges)} 条连线"
    )


def flowchart_pdf(ctx: Context) -> str:
    """The licensing item's flowchart drawn into a PDF with the Chinese font."""
    from reportlab.graphics import renderPDF
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from gwgk_desktop.pdf.flowchart import flowchart_drawing
    from gwgk_desktop.pdf.fonts import cjk_font
    from gwgk_desktop.services.catalogue import Catalogue
    from gwgk_desktop.store.database import open_database

    if ctx.licensing_item_id is None:
        raise RuntimeError("前面的步骤没有留下许可审批事项")
    with open_database(ctx.db_path, readonly=True) as db:
        chart = Catalogue(db).items.get(ctx.licensing_item_id).content.flowchart
    assert chart is not None
    font = cjk_font()
    target = ctx.folder / "flowchart.pdf"
    width, height = A4
    margin = 40
    drawing = flowchart_drawing(chart, width - 2 * margin, height - 2 * margin, font.name)
    canvas = Canvas(str(target), pagesize=A4)
    renderPDF.draw(drawing, canvas, margin, height - margin - drawing.height)
    canvas.showPage()
    canvas.save()
    data = target.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-32:]:
        raise RuntimeError("生成的 PDF 文件不完整")
    if font.embedded:
        if b"/FontFile2" not in data:
            raise RuntimeError(f"字体 {font.path} 没有嵌入 PDF")
        return f"{len(data) // 1024} KB，字体已嵌入（{font.path.name if font.path else font.name}）"
    return f"{len(data) // 1024} KB；注意：{font.warning}"


def check_database(ctx: Context) -> str:
    from gwgk_desktop.services.check import run_check
    from gwgk_desktop.store.database import open_database

    with open_database(ctx.db_path, readonly=True, upgrade=False) as db:
        report = run_check(db)
    if report.integrity:
        raise RuntimeError(f"SQLite 完整性检查未通过：{report.integrity[0]}")
    if report.audit_problems:
        raise RuntimeError(f"审计日志校验链有问题：{report.audit_problems[0]}")
    if report.unbacked:
        raise RuntimeError(f"状态没有相应的审核记录：{report.unbacked[0]}")
    blocking = [i for i in report.items if i.blocking]
    if blocking:
        raise RuntimeError(f"{len(blocking)} 项已送审或已公开的事项内容不完整")
    if report.needs_upgrade:
        raise RuntimeError(f"新建的数据库结构版本是 {report.schema_revision}，不是最新")
    return (
        f"完整性正常，审计日志 {report.audit_rows} 条校验链正常，"
        f"事项 {report.items_checked} 项无阻断问题"
    )


def forged_history(ctx: Context) -> str:
    """A copy of the station changed behind the program's back with sqlite3 (a draft's
    status set to 已审核, a protecting trigger dropped): ``check`` reports both, and export
    refuses the item, so it is never signed into a package."""
    import sqlite3

    from gwgk_desktop.services import auth, demo_data
    from gwgk_desktop.services.check import run_check
    from gwgk_desktop.services.export import ExportBlocked, export_package
    from gwgk_desktop.store.database import open_database

    path = ctx.folder / "forged.sqlite"
    source = sqlite3.connect(ctx.db_path)
    target = sqlite3.connect(path)
    try:
        source.backup(target)
        with target:
            found = target.execute(
                "SELECT r.item_id, r.name FROM item_revisions r JOIN items i ON i.id = r.item_id"
                " WHERE r.status = 'draft' AND i.deleted_at IS NULL AND NOT EXISTS (SELECT 1"
                " FROM item_revisions o WHERE o.item_id = r.item_id AND o.id != r.id) LIMIT 1"
            ).fetchone()
            if found is None:
                raise RuntimeError("自检数据中没有草稿事项")
            item_id, name = found
            target.execute(
                "UPDATE item_revisions SET status = 'approved' WHERE item_id = ?", (item_id,)
            )
            target.execute("DROP TRIGGER audit_log_no_delete")
    finally:
        source.close()
        target.close()
    with open_database(path, upgrade=False) as db:
        report = run_check(db)
        if not any(f"“{name}”" in line for line in report.unbacked):
            raise RuntimeError("手改的审核状态没有被检查出来")
        if not any("audit_log_no_delete" in line for line in report.audit_problems):
            raise RuntimeError("删除的保护触发器没有被检查出来")
        passwords = {username: password for username, _, _, password in demo_data.OPERATORS}
        admin = auth.authenticate(db, "admin", passwords["admin"])
        package = ctx.folder / "forged.gwgk"
        try:
            export_package(db, admin, package, passphrase=KEY_PASSPHRASE)
        except ExportBlocked as blocked:
            if name not in blocked.message:
                raise RuntimeError(f"导出被拒，但没有指出“{name}”") from blocked
        else:
            raise RuntimeError("未经审核的事项被签进了报送包")
    return f"手改状态和删除的触发器都被检查出来，“{name}”不能报送"


def bad_input(ctx: Context) -> str:
    """Input that is not what it claims is refused with one clear message and writes
    nothing: JSON with a duplicate key, in GBK or with a 5,000-digit number; a wrong type
    where text belongs; an ANSI escape in an item's name; a named pipe given as a file."""
    from gwgk_desktop.domain.json_input import JsonInputError, loads
    from gwgk_desktop.domain.serialize import content_from_dict
    from gwgk_desktop.domain.typed import FieldError
    from gwgk_desktop.errors import ReadFailed, ValidationFailed
    from gwgk_desktop.files import read_input
    from gwgk_desktop.services import auth, demo_data
    from gwgk_desktop.services.catalogue import Catalogue
    from gwgk_desktop.store.database import open_database

    refused = []
    for data in (
        '{"name":"甲","name":"乙"}'.encode(),
        '{"name":"户籍证明"}'.encode("gbk"),
        b'{"category_id":' + b"9" * 5000 + b"}",
    ):
        try:
            loads(data)
        except JsonInputError as error:
            refused.append(error.message)
        else:
            raise RuntimeError(f"没有拒绝：{data[:40]!r}")
    try:
        content_from_dict({"name": 123})
    except FieldError:
        pass
    else:
        raise RuntimeError("数字被当成了事项名称")
    passwords = {username: password for username, _, _, password in demo_data.OPERATORS}
    with open_database(ctx.db_path) as db:
        catalogue = Catalogue(db)
        clerk = auth.authenticate(db, "clerk", passwords["clerk"])
        before = catalogue.items.count()
        content = catalogue.items.get(catalogue.items.resolve("1")).content
        content.name = "出生登记\x1b[2J"
        try:
            catalogue.changes.create(clerk, content)
        except ValidationFailed:
            pass
        else:
            raise RuntimeError("名称中的终端控制字符被保存了")
        if catalogue.items.count() != before:
            raise RuntimeError("被拒的输入仍写进了数据库")
    pipe = ""
    if hasattr(os, "mkfifo"):
        fifo = ctx.folder / "pipe.json"
        os.mkfifo(fifo)
        try:
            read_input(fifo, 1 << 20)
        except ReadFailed:
            pipe = "、命名管道"
        else:
            raise RuntimeError("命名管道被当作文件读取")
    return f"重复的键、GBK、5000位数字、类型不符、控制字符{pipe}都被拒绝，数据库未改动"


def upgrade_old_database(ctx: Context) -> str:
    """A database at the first schema revision, opened by this build: backed up first,
    then migrated with the migration scripts shipped in the bundle."""
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine

    from gwgk_desktop.store import migrate
    from gwgk_desktop.store.database import integrity_problems, open_database

    script = ScriptDirectory.from_config(migrate.alembic_config())
    first = script.get_base()
    if first is None:
        raise RuntimeError(
            f"找不到数据库迁移脚本（{migrate.alembic_config().get_main_option('script_location')}）"
        )
    only_one = len(list(script.walk_revisions())) == 1
    path = ctx.folder / "old-schema.sqlite"
    engine = create_engine(f"sqlite+pysqlite:///{path.as_posix()}")
    try:
        with engine.connect() as connection:
            migrate.upgrade(connection, first)
    finally:
        engine.dispose()
    with open_database(path) as db:
        backup, upgraded_from = db.backup_made, db.upgraded_from
        problems = integrity_problems(db)
        with db.connect() as connection:
            now = migrate.current_revision(connection)
    if only_one:
        if backup is not None:
            raise RuntimeError("结构已是最新，却又做了升级备份")
        return f"结构版本 {first} 已是最新，无需升级"
    if backup is None or not backup.is_file() or upgraded_from != first:
        raise RuntimeError("旧版数据库没有先备份就升级了")
    if now != migrate.head_revision() or problems:
        raise RuntimeError(f"升级后结构版本为 {now}，完整性：{problems or '正常'}")
    return f"结构版本 {first} → {now}，升级前已备份为 {backup.name}"


def main_window(ctx: Context) -> str:
    """Qt, its platform plugin, the Chinese translations and the main window, offscreen."""
    from gwgk_desktop.gui.selfcheck import check_main_window

    return check_main_window(ctx.db_path)


def export_and_verify(ctx: Context) -> str:
    """Export the signed package as the station does, verify it as the bureau does against
    the station's registered public key, and see a replay of it refused. Export again:
    the records an export found clean are then written by SQLite (``store.record_lines``),
    and must be the very bytes of the first package's."""
    import zipfile

    from gwgk_desktop.services import auth, demo_data, keys
    from gwgk_desktop.services.export import export_package
    from gwgk_desktop.store.database import open_database
    from gwgk_desktop.submission.errors import Failure, PackageError
    from gwgk_desktop.submission.format import ITEM_FILES
    from gwgk_desktop.submission.registry import Registry
    from gwgk_desktop.submission.verify import verify_package

    passwords = {username: password for username, _, _, password in demo_data.OPERATORS}
    package = ctx.folder / "报送.gwgk"
    with open_database(ctx.db_path) as db:
        admin = auth.authenticate(db, "admin", passwords["admin"])
        result = export_package(db, admin, package, passphrase=KEY_PASSPHRASE)
        registry = Registry([keys.public_record(db)])
        again = export_package(db, admin, ctx.folder / "再次报送.gwgk", passphrase=KEY_PASSPHRASE)
    with zipfile.ZipFile(package) as first, zipfile.ZipFile(again.path) as second:
        for name in ITEM_FILES.values():
            if first.read(name) != second.read(name):
                raise RuntimeError(f"再次导出的“{name}”与首次不同")
    again.path.unlink()
    state = ctx.folder / "bureau-state.json"
    verified = verify_package(package, registry, state)
    try:
        verify_package(package, registry, state)
    except PackageError as error:
        if error.failure is not Failure.REPLAY:
            raise
    else:
        raise RuntimeError("重复报送的包没有被拒绝")
    return (
        f"第 {verified.sequence} 号，{package.stat().st_size // 1024} KB，"
        f"{sum(verified.counts.values())} 条记录，签名有效，重放被拒绝，再次导出的记录相同"
        f"（SHA-256 {result.record.sha256[:12]}…）"
    )


def bureau_side(ctx: Context) -> str:
    """The city bureau's side on the package the station exported: register the station's
    key, take the package in (and see a second intake of it recognised), the status, a
    city-wide search, the inspection notice read back, the catalogue as Excel."""
    import datetime as dt

    from openpyxl import load_workbook

    from gwgk_desktop.bureau import intake, registry, rounds, status
    from gwgk_desktop.bureau.catalogue import CityCatalogue, CityQuery
    from gwgk_desktop.bureau.database import open_bureau
    from gwgk_desktop.bureau.export import export_catalogue
    from gwgk_desktop.bureau.notice import write_notice
    from gwgk_desktop.gui.selfcheck import pdf_text
    from gwgk_desktop.services import keys
    from gwgk_desktop.store.database import open_database
    from gwgk_desktop.submission.registry import Registry

    package = ctx.folder / "报送.gwgk"
    if not package.is_file():
        raise RuntimeError("没有可接收的报送包（导出一步未完成）")
    with open_database(ctx.db_path, readonly=True) as station_db:
        record = keys.public_record(station_db)
    with open_bureau(ctx.folder / "bureau.sqlite", create=True) as db:
        registry.import_registry(db, Registry([record]), by="自检")
        first = intake.take_in(db, [package], by="自检")
        again = intake.take_in(db, [package], by="自检")
        if first.count(intake.ACCEPTED) != 1 or again.count(intake.ALREADY) != 1:
            raise RuntimeError(f"接收结果不对：{first.summary()}；再次接收：{again.summary()}")
        today = dt.date.today()
        chosen = rounds.add_round(db, "自检轮次", today - dt.timedelta(days=1), today)
        report = status.status(db, chosen)
        (row,) = report.stations
        if row.items == 0 or row.standing is not status.Standing.ON_TIME:
            raise RuntimeError(f"报送情况不对：{report.summary()}")
        found = CityCatalogue(db).search_ids(CityQuery(text="户籍"))
        notice = write_notice(db, ctx.folder / "通报.pdf", chosen)
        sheet = export_catalogue(db, ctx.folder / "全市目录.xlsx")
        # The PDF form joins the stations' catalogue lists with pypdf: proves it is bundled.
        listing = export_catalogue(db, ctx.folder / "全市目录.pdf")
    text = "".join(pdf_text(notice.path))
    if "通报" not in text.replace(" ", "") or row.name not in text.replace(" ", ""):
        raise RuntimeError("通报中没有标题或单位名称")
    if load_workbook(sheet.path, read_only=True).sheetnames[1:] != [row.name]:
        raise RuntimeError("全市目录的工作表不对")
    if row.name not in "".join(pdf_text(listing.path)).replace(" ", ""):
        raise RuntimeError("全市目录 PDF 中没有单位名称")
    return (
        f"接收1个报送包（再次接收时识别为已接收过），{row.items}个事项，按时报送；"
        f"检索“户籍”{len(found)}项；通报{notice.pages}页；全市目录{sheet.items}项"
        f"（PDF {listing.pages}页）"
    )


def notice_board_pdf(ctx: Context) -> str:
    """The notice board for the wall, as the print dialog makes it, read back as text, and
    as ``gwgk print`` makes it (without SQLAlchemy), the same."""
    from gwgk_desktop.gui.selfcheck import pdf_text
    from gwgk_desktop.services import station
    from gwgk_desktop.services.printing import DocumentKind, PrintRequest, produce
    from gwgk_desktop.store.database import open_database

    target = ctx.folder / "政务公开栏.pdf"
    with open_database(ctx.db_path, readonly=True) as db:
        profile = station.get_profile(db)
        result = produce(db, PrintRequest(DocumentKind.NOTICE_BOARD), target)
    pages = pdf_text(target)
    if len(pages) != result.pages:
        raise RuntimeError(f"页数不符：报告 {result.pages} 页，文件 {len(pages)} 页")
    first = pages[0]
    if profile.name not in first or "政务公开栏" not in first:
        raise RuntimeError("公开栏首页没有单位名称或标题")
    # ``gwgk print`` reads the same without SQLAlchemy (services.light_print): the same
    # document from the statements compiled into the app.
    from gwgk_desktop.services.light_print import print_light

    light = print_light(ctx.db_path, lambda _reads: PrintRequest(DocumentKind.NOTICE_BOARD), target)
    if light is None:
        raise RuntimeError("gwgk print 的快速读取未能使用（已编译的查询与数据库版本不符？）")
    if (light.pages, light.items) != (result.pages, result.items):
        raise RuntimeError(
            f"快速读取印出 {light.pages} 页 {light.items} 个事项，"
            f"与 {result.pages} 页 {result.items} 个事项不符"
        )
    font = result.font.path.name if result.font.path else result.font.name
    embedded = "字体已嵌入" if result.font.embedded else f"注意：{result.font.warning}"
    return f"{result.pages} 页，{result.items} 个事项，{embedded}（{font}）；命令行快速读取相同"


def disclosure_requests(ctx: Context) -> str:
    """依申请公开: a request registered, corrected, extended by the leader and answered on
    the working-day calendar; its answer printed and read back; the annual report counted
    and checked (一 + 二 = 三·总计 + 四), written as PDF and JSON."""
    from gwgk_desktop.domain.request_info import RequestInfo
    from gwgk_desktop.domain.requests import (
        ApplicantType,
        Outcome,
        RequestChannel,
        RequestDocument,
        StepKind,
    )
    from gwgk_desktop.gui.selfcheck import pdf_text
    from gwgk_desktop.services import annual_report, auth, demo_data
    from gwgk_desktop.services.request_documents import write_document
    from gwgk_desktop.services.requests import Register, RequestQuery
    from gwgk_desktop.store.database import open_database

    passwords = {username: password for username, _, _, password in demo_data.OPERATORS}
    today = dt.date.today()
    with open_database(ctx.db_path) as db:
        clerk = auth.authenticate(db, "clerk", passwords["clerk"])
        leader = auth.authenticate(db, "reviewer", passwords["reviewer"])
        register = Register(db)
        calendar = register.calendar()
        received = today
        while calendar.count(received, today) < 3:
            received -= dt.timedelta(days=1)
        info = RequestInfo(
            received=received,
            channel=RequestChannel.POST,
            applicant_type=ApplicantType.NATURAL,
            applicant="自检申请人",
            content="自检：本所办公地址和办公时间",
            address="示范市城关区人民路1号",
        )
        record = register.register(clerk, info)
        due = record.clock.due
        if due is None or calendar.count(received, due) != 20 or not calendar.is_workday(due):
            raise RuntimeError(f"答复期限计算有误：{received} 收到，期限 {due}")
        register.record(clerk, record.id, StepKind.CORRECTION_NOTICE, calendar.add(received, 1))
        restarted = register.record(
            clerk, record.id, StepKind.CORRECTION_RECEIVED, calendar.add(received, 2)
        )
        extended = register.record(
            leader, record.id, StepKind.EXTENSION, today, party=leader.display_name
        )
        if restarted.clock.due is None or extended.clock.due != calendar.add(
            restarted.clock.due, 20
        ):
            raise RuntimeError("延期后的期限不是原期限后第20个工作日")
        register.record(clerk, record.id, StepKind.ANSWER, today, outcome=Outcome.DISCLOSED)
        if record.id in register.search_ids(RequestQuery(overdue=True)):
            raise RuntimeError("已办结的申请仍列为逾期")
        letter = write_document(db, record.id, RequestDocument.ANSWER, ctx.folder / "答复.pdf")
        report = annual_report.build(db, today.year)
        annual_report.write_pdf_of(report, ctx.folder / "年度报告.pdf")
    text = "".join(pdf_text(letter.path))
    if "政府信息公开告知书" not in text.replace("\n", "") or record.number not in text:
        raise RuntimeError("答复告知书中没有标题或登记编号")
    if not report.table3.balanced:
        raise RuntimeError(f"年度报告表三勾稽关系不符：{report.table3.unbalanced_columns()}")
    total = report.table3.results_total["总计"]
    return (
        f"申请 {record.number} 补正、延期、答复，期限 {extended.clock.due}；"
        f"{today.year}年度报告办结 {total} 件，勾稽关系相符"
    )


def privacy_check(ctx: Context) -> str:
    """An ID number typed into an item stops its submission (named, masked); masking it,
    as the GUI offers, lets the item through."""
    from gwgk_desktop.domain.privacy import id18_check_char
    from gwgk_desktop.services import auth, demo_data, privacy
    from gwgk_desktop.services.catalogue import Catalogue
    from gwgk_desktop.services.changes import new_content
    from gwgk_desktop.services.privacy import PrivacyBlocked
    from gwgk_desktop.store.database import open_database

    number = "11010519900307123" + id18_check_char("11010519900307123")
    passwords = {username: password for username, _, _, password in demo_data.OPERATORS}
    with open_database(ctx.db_path) as db:
        clerk = auth.authenticate(db, "clerk", passwords["clerk"])
        catalogue = Catalogue(db)
        category = next(c for c in catalogue.reference.categories() if c.code == "06")
        content = new_content(ItemKind.CATALOGUE, category, "自检单位")
        content.name = "自检：个人信息检查"
        content.content = f"办理人身份证号{number}，手机13812345678"
        content.basis = "自检"
        content.channels = tuple(c.code for c in catalogue.reference.channels()[:1])
        item = catalogue.changes.create(clerk, content)
        try:
            catalogue.review.transition(clerk, item.id, Action.SUBMIT)
        except PrivacyBlocked as refused:
            message = refused.message
            shown = refused.report.findings[0].masked
        else:
            raise RuntimeError("含身份证号的事项没有被拦下")
        if number in message or "110105********" not in message:
            raise RuntimeError("拦下的提示没有把号码遮盖")
        masked = privacy.mask_item(db, clerk, item.id, item.revision)
        submitted = catalogue.review.transition(clerk, item.id, Action.SUBMIT)
    if number in masked.content.content or submitted.status is not Status.PENDING:
        raise RuntimeError("打码后没能提交审核")
    return f"身份证号被拦下（显示为 {shown}），打码后提交成功"


def log_file(ctx: Context) -> str:
    """The log file support asks for is written (a record goes in and is read back), the
    self-test's own in its work folder: it never writes into the user's log."""
    import logging
    import logging.handlers
    import uuid

    path = logs.log_file()
    handlers = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.handlers.RotatingFileHandler) and Path(h.baseFilename) == path
    ]
    if not handlers:
        raise Skip("日志未启用（不是由 gwgk 命令运行）")
    if not path.is_relative_to(ctx.folder):
        raise RuntimeError(f"自检的日志写到了工作文件夹以外：{path}")
    marker = f"self-test {uuid.uuid4().hex}"
    logs.log.info(marker)
    for handler in handlers:
        handler.flush()
    if marker not in path.read_text(encoding="utf-8", errors="replace"):
        raise RuntimeError(f"日志文件 {path} 中没有刚写入的记录")
    return str(path)


def diagnostics(ctx: Context) -> str:
    """What 帮助 → 关于 and ``gwgk info`` show: versions, folders, database, fonts."""
    from gwgk_desktop.diagnostics import info

    lines = dict(info(ctx.db_path))
    missing = [label for label, value in lines.items() if not value]
    if missing:
        raise RuntimeError(f"诊断信息缺少：{'、'.join(missing)}")
    if "无法加载" in lines["Qt"]:
        raise RuntimeError(f"Qt：{lines['Qt']}")
    return f"Qt {lines['Qt']}，PySide6 {lines['PySide6']}，{lines['中文字体']}"


def catalogue_sheets(ctx: Context) -> str:
    """The catalogue as an Excel sheet: exported in the standard layout, imported into a
    fresh station (the same items come back), imported again (nothing changes), and the
    shipped .xls sample (Excel 97-2003, as WPS saves it) read and imported too."""
    from gwgk_desktop.paths import resource
    from gwgk_desktop.services import auth, sheet_export, sheet_import, station
    from gwgk_desktop.store.database import open_database

    sheet = ctx.folder / "政务公开目录.xlsx"
    with open_database(ctx.db_path, readonly=True) as db:
        profile = station.get_profile(db)
        exported = sheet_export.export_catalogue(db, sheet, drafts=True)
    password = "selftest-admin-1"  # noqa: S105  (a throwaway station in the temp folder)
    with open_database(ctx.folder / "sheet-import.sqlite", create=True) as fresh:
        station.initialize(fresh, profile, "admin", "管理员", password)
        admin = auth.authenticate(fresh, "admin", password)
        counts = []
        for path in (sheet, sheet, resource("samples", "catalogue-sample.xls")):
            _book, grid, mapping = sheet_import.open_sheet(fresh, path)
            plan = sheet_import.prepare(fresh, admin, grid, mapping, path.name)
            if not plan.ok:
                raise RuntimeError(f"{path.name} 检查未通过：{plan.errors[0]}")
            counts.append(sheet_import.apply(fresh, admin, plan))
    first, again, sample = counts
    if (first.created, again.unchanged, again.created + again.updated) != (
        exported.items,
        exported.items,
        0,
    ):
        raise RuntimeError(
            f"导出 {exported.items} 项，导入 {first.summary()}，再导入 {again.summary()}"
        )
    return (
        f"导出 {exported.items} 项（{sheet.stat().st_size // 1024} KB），导入新单位 "
        f"{first.created} 项，再次导入 {again.unchanged} 项未变；.xls 样表：{sample.summary()}"
    )


def user_guide_pdf(ctx: Context) -> str:
    """The user guide as shipped: every page the contents names, every link and picture
    there, and the printable PDF made from it (帮助 → 使用手册 → 另存为 PDF…)."""
    from gwgk_desktop.pdf.markdown import Image, links
    from gwgk_desktop.services import user_guide

    pages = user_guide.pages()
    names = {page.name for page in pages}
    for page in pages:
        broken = [t for t in links(page) if (t.partition("#")[0] or page.name) not in names]
        missing = [
            b.path
            for b in page.blocks
            if isinstance(b, Image) and not (user_guide.folder() / b.path).is_file()
        ]
        if broken or missing:
            raise RuntimeError(f"使用手册“{page.name}”页的链接或图片缺失：{broken + missing}")
    target = ctx.folder / user_guide.PDF_NAME
    sheets = user_guide.write_pdf(target)
    return f"{len(pages)} 页内容，PDF 共 {sheets} 页，{target.stat().st_size // 1024} KB"


def not_built(feature: str) -> Callable[[Context], str]:
    """The step of a feature this build does not have yet (replaced when it lands)."""

    def step(_ctx: Context) -> str:
        raise Skip("尚未实现")

    step.__doc__ = f"{feature}: not built yet."
    return step


STEPS: tuple[Step, ...] = (
    Step("建立单位并录入事项", create_station),
    Step("登录并完成一次审核公开", review_workflow),
    Step("个人信息检查（身份证号拦下、打码）", privacy_check),
    Step("流程图 PDF", flowchart_pdf),
    Step("导出签名报送包并校验", export_and_verify),
    Step("市局端：接收、报送情况、检索、通报", bureau_side),
    Step("打印公开栏 PDF", notice_board_pdf),
    Step("依申请公开登记、期限和年度报告", disclosure_requests),
    Step("Excel/WPS 目录表导出与导入", catalogue_sheets),
    Step("使用手册 PDF", user_guide_pdf),
    Step("检查数据库", check_database),
    Step("绕过程序改动的审核状态被发现、不能报送", forged_history),
    Step("坏输入一句话拒绝、不写入", bad_input),
    Step("旧版数据库备份并升级", upgrade_old_database),
    Step("日志文件", log_file),
    Step("诊断信息（关于 / gwgk info）", diagnostics),
    Step("图形界面（离屏）", main_window),
)


# ------------------------------------------------------------------------------ running
@contextlib.contextmanager
def captured_stderr() -> Iterator[Callable[[], str]]:
    """Send everything written to standard error (Python's ``sys.stderr``, and file
    descriptor 2 for Qt and C libraries) into a temporary file for the duration; yields a
    function returning what was written."""
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all (a windowed Windows app): nothing to capture
        yield lambda: ""
        return
    original = sys.stderr
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        # sys.stderr may be something other than fd 2 (an embedding host, a test runner).
        sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        text = ""
        try:
            yield lambda: text
        finally:
            sys.stderr.flush()
            sys.stderr = original
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            text = sink.read().decode("utf-8", errors="replace")


def _failure_text(error: BaseException, verbose: bool) -> str:
    text = error.message if isinstance(error, UserError) else f"{type(error).__name__}: {error}"
    if verbose:
        trace = "".join(traceback.format_exception(error)).rstrip()
        text += "\n" + "\n".join(f"      {line}" for line in trace.splitlines())
    return text


def run_step(step: Step, ctx: Context) -> StepResult:
    started = time.perf_counter()
    error: BaseException | None = None
    detail = ""
    with captured_stderr() as stderr_text:
        try:
            detail = step.run(ctx)
        except Skip as skipped:
            return StepResult(step.title, Outcome.SKIPPED, str(skipped))
        except Exception as caught:
            error = caught
    seconds = time.perf_counter() - started
    if error is not None:
        return StepResult(step.title, Outcome.FAILED, _failure_text(error, ctx.verbose), seconds)
    unexpected = stderr_text().strip()
    if unexpected:
        lines = unexpected.splitlines()
        shown = "\n".join(f"      {line}" for line in lines[:20])
        more = f"\n      ……（共 {len(lines)} 行）" if len(lines) > 20 else ""
        return StepResult(
            step.title, Outcome.FAILED, f"标准错误输出中有意外内容：\n{shown}{more}", seconds
        )
    return StepResult(step.title, Outcome.PASSED, f"：{detail}" if detail else "", seconds)


def run(
    steps: Sequence[Step] | None = None,
    folder: Path | None = None,
    out: TextIO | None = None,
    verbose: bool = False,
) -> Report:
    """Run ``steps`` (default: ``STEPS``) in ``folder`` (a new temporary folder when None,
    removed afterwards), printing each result to ``out`` as it comes."""
    steps = STEPS if steps is None else steps
    stream = out or sys.stdout
    report = Report()
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        if folder is None:
            folder = Path(
                stack.enter_context(
                    tempfile.TemporaryDirectory(prefix="gwgk-selftest-", ignore_cleanup_errors=True)
                )
            )
        folder.mkdir(parents=True, exist_ok=True)
        stack.enter_context(logs.redirected(folder / "logs", verbose=verbose))
        print(f"{APP_DISPLAY_NAME} 自检（gwgk {__version__}，工作文件夹 {folder}）", file=stream)
        ctx = Context(folder, verbose=verbose)
        failed = False
        for number, step in enumerate(steps, start=1):
            if failed:
                result = StepResult(step.title, Outcome.NOT_RUN, "前面的步骤失败")
            else:
                result = run_step(step, ctx)
                failed = result.outcome is Outcome.FAILED
            report.results.append(result)
            print(result.line(number), file=stream, flush=True)
    report.seconds = time.perf_counter() - started
    print(report.summary(), file=stream, flush=True)
    return report
