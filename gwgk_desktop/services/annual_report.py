"""The annual report (年度报告) of a year: table 三 counted from the request register, the
行政规范性文件 row of table 二 counted from the catalogue, the other figures and the text
sections as the clerk entered them; written as an official document (PDF) and as JSON keyed
by the format's labels, and carried in the signed package for the bureau to add up."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.annual_report import (
    COUNTED_ROW,
    FEE_ROW,
    RESULT_COLUMNS,
    TABLE2,
    TABLE4_BLOCKS,
    TEXT_SECTIONS,
    AnnualReport,
    Number,
    RequestFact,
    count_table3,
    empty_table2,
    empty_table4,
    to_json,
)
from gwgk_desktop.domain.enums import ItemKind, Role, Validity
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.errors import PermissionDenied, UserError
from gwgk_desktop.files import write_bytes_atomic
from gwgk_desktop.services import station
from gwgk_desktop.store import audit
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import CategoryRow, ItemRow, RevisionRow, TransitionRow
from gwgk_desktop.store.request_models import AnnualReportRow, DisclosureRequestRow
from gwgk_desktop.store.types import utcnow

if TYPE_CHECKING:
    from gwgk_desktop.pdf.request_letters import Written

#: Who compiles the report: the clerk (and the administrator).
EDITORS = frozenset({Role.CLERK, Role.ADMIN})
#: The catalogue category whose items are the unit's documents (table 二).
DOCUMENT_CATEGORY = "法规文件"
MAX_TEXT = 20000


class ReportError(UserError):
    exit_code = 9


def block_key(block: tuple[str, ...]) -> str:
    return "/".join(block)


@dataclass
class Entered:
    """What the clerk enters for a year: table 二 except the counted row, table 四's
    results, and the text sections 一, 五, 六."""

    table2: dict[str, dict[str, Number]] = field(default_factory=empty_table2)
    table4: dict[tuple[str, ...], dict[str, int]] = field(default_factory=empty_table4)
    texts: dict[str, str] = field(default_factory=lambda: dict.fromkeys(TEXT_SECTIONS, ""))

    def to_json(self) -> dict[str, Any]:
        return {
            "二": {row: dict(cells) for row, cells in self.table2.items() if row != COUNTED_ROW},
            "四": {block_key(b): dict(v) for b, v in self.table4.items()},
            "texts": dict(self.texts),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entered:
        entered = cls()
        for row, cells in data.get("二", {}).items():
            if row in entered.table2 and row != COUNTED_ROW:
                for column, value in cells.items():
                    if column in entered.table2[row]:
                        entered.table2[row][column] = value
        for block in TABLE4_BLOCKS:
            for column, value in data.get("四", {}).get(block_key(block), {}).items():
                if column in RESULT_COLUMNS:
                    entered.table4[block][column] = int(value)
        for key in TEXT_SECTIONS:
            entered.texts[key] = str(data.get("texts", {}).get(key, ""))
        return entered


def report_years(db: Database, today: dt.date | None = None) -> list[int]:
    """The years a report can be made for: from the first request or saved report (or
    last year) up to this year."""
    today = today or dt.date.today()
    with db.read() as session:
        first = session.scalar(select(func.min(DisclosureRequestRow.received)))
        saved = session.scalar(select(func.min(AnnualReportRow.year)))
    start = min([today.year - 1] + ([first.year] if first else []) + ([saved] if saved else []))
    return list(range(max(start, 2000), today.year + 1))


def check_year(year: int, today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    if not 2000 <= year <= today.year:
        raise ReportError(
            f"年度应在2000年至{today.year}年之间：{year}", f"year out of range: {year}"
        )


def _problems(entered: Entered) -> list[str]:
    problems = []
    for row, cells in entered.table2.items():
        for column, value in cells.items():
            if row == COUNTED_ROW:
                continue
            if row == FEE_ROW:
                try:
                    amount = Decimal(str(value))
                except InvalidOperation:
                    problems.append(f"{row}“{column}”应为数字")
                    continue
                if amount < 0 or amount != amount.quantize(Decimal("0.0001")):
                    problems.append(f"{row}“{column}”应为不小于0、最多4位小数的金额（万元）")
            elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
                problems.append(f"{row}“{column}”应为不小于0的整数")
    for block, values in entered.table4.items():
        for column, count in values.items():
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                problems.append(f"{'·'.join(block)}“{column}”应为不小于0的整数")
    for key, text in entered.texts.items():
        if len(text) > MAX_TEXT:
            problems.append(f"第{key}部分文字太长（不超过{MAX_TEXT}字）")
    return problems


def entered(db: Database, year: int) -> Entered:
    with db.read() as session:
        row = session.get(AnnualReportRow, year)
        return Entered.from_json(row.entered) if row else Entered()


def saved_years(db: Database) -> list[int]:
    with db.read() as session:
        return list(session.scalars(select(AnnualReportRow.year).order_by(AnnualReportRow.year)))


def save_entered(db: Database, actor: Actor, year: int, figures: Entered) -> None:
    """Store the figures and texts entered for ``year`` (replacing earlier ones)."""
    if actor.role not in EDITORS:
        raise PermissionDenied("只有录入员或管理员可以填报年度报告", "not allowed to edit reports")
    check_year(year)
    problems = _problems(figures)
    if problems:
        raise ReportError("年度报告填报内容有误：\n" + "\n".join(problems), "invalid figures")
    data = figures.to_json()
    with db.write() as session:
        row = session.get(AnnualReportRow, year)
        before = row.entered if row else None
        if row is None:
            row = AnnualReportRow(year=year)
            session.add(row)
        row.entered = data
        row.updated_at = utcnow()
        row.updated_by = actor.display_name
        audit.append(
            session,
            actor,
            "report.save",
            "annual_report",
            str(year),
            f"保存{year}年度政府信息公开工作年度报告的填报内容",
            before=before,
            after=data,
        )


def request_facts(session: Session) -> list[RequestFact]:
    """What table 三 needs of every request in the register."""
    stmt = select(
        DisclosureRequestRow.applicant_type,
        DisclosureRequestRow.received,
        DisclosureRequestRow.answered,
        DisclosureRequestRow.outcome,
    )
    return [RequestFact(*values) for values in session.execute(stmt)]


def counted_documents(session: Session, year: int, unit: str) -> dict[str, int]:
    """The 行政规范性文件 row of table 二 (see ``domain.annual_report.COUNTED_RULE``)."""
    live = tuple(s.value for s in workflow.LIVE)
    stmt = (
        select(
            RevisionRow.id,
            RevisionRow.item_id,
            RevisionRow.revision,
            RevisionRow.generated_date,
            RevisionRow.validity,
            RevisionRow.publisher,
            RevisionRow.doc_number,
        )
        .join(ItemRow, ItemRow.id == RevisionRow.item_id)
        .join(CategoryRow, CategoryRow.id == RevisionRow.category_id)
        .where(
            ItemRow.deleted_at.is_(None),
            ItemRow.kind == ItemKind.CATALOGUE,
            CategoryRow.name == DOCUMENT_CATEGORY,
            RevisionRow.superseded.is_(False),
            RevisionRow.status.in_(live),
        )
    )
    newest: dict[int, Any] = {}
    for found in session.execute(stmt):
        if found.item_id not in newest or found.revision > newest[found.item_id].revision:
            newest[found.item_id] = found
    own = [
        r for r in newest.values() if r.publisher.strip() == unit.strip() and r.doc_number.strip()
    ]
    repealed_ids = [r.id for r in own if r.validity is Validity.REPEALED]
    approved: dict[int, dt.datetime] = {}
    if repealed_ids:
        for revision_id, at in session.execute(
            select(TransitionRow.revision_id, TransitionRow.at).where(
                TransitionRow.revision_id.in_(repealed_ids), TransitionRow.action == "approve"
            )
        ):
            approved[revision_id] = at
    columns = TABLE2[0][2]
    return {
        columns[0]: sum(1 for r in own if r.generated_date and r.generated_date.year == year),
        columns[1]: sum(1 for r in own if r.id in approved and approved[r.id].year == year),
        columns[2]: sum(1 for r in own if r.validity is Validity.VALID),
    }


def build(
    db: Database, year: int, today: dt.date | None = None, figures: Entered | None = None
) -> AnnualReport:
    """The report of ``year`` as of now (figures counted afresh), with the entered
    figures saved for the year, or ``figures`` (a preview of unsaved ones)."""
    check_year(year, today)
    figures = figures or entered(db, year)
    profile = station.get_profile(db)
    with db.read() as session:
        table3 = count_table3(request_facts(session), year)
        counted = counted_documents(session, year, profile.name)
    table2 = {row: dict(cells) for row, cells in figures.table2.items()}
    table2[COUNTED_ROW] = dict(counted)
    return AnnualReport(
        year=year,
        unit=profile.name,
        org_code=profile.org_code,
        table2=table2,
        table3=table3,
        table4={block: dict(values) for block, values in figures.table4.items()},
        texts=dict(figures.texts),
        generated_on=today or dt.date.today(),
    )


def report_json(db: Database, year: int) -> dict[str, Any]:
    return to_json(build(db, year))


def write_json(path: Path, data: dict[str, Any]) -> None:
    """The report as readable JSON (the format's order kept), written atomically."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_bytes_atomic(path, text.encode("utf-8"))


def write_pdf(db: Database, year: int, out: Path) -> Written:
    return write_pdf_of(build(db, year), out)


def write_pdf_of(report: AnnualReport, out: Path) -> Written:
    from gwgk_desktop.pdf.annual_report import write_report  # reportlab only when printing

    return write_report(out, report)


def package_reports(db: Database) -> list[dict[str, Any]]:
    """The reports the signed package carries: every year the station has saved one for."""
    today = dt.date.today()
    return [to_json(build(db, year, today)) for year in saved_years(db) if year <= today.year]
