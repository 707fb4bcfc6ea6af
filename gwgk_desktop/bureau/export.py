"""The city-wide catalogue as files, in the standard layout: an Excel workbook (a summary
sheet, then one sheet per station, the station's sheet layout) or a PDF (each station's
catalogue list as the station prints it, one after another, with a bookmark per station).

Each station's catalogue is the one of its latest accepted package, grouped by the plan's
categories. The file appears under its name only when complete.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from gwgk_desktop.bureau.catalogue import item_from_record
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.models import (
    CURRENT_PACKAGE,
    ItemContentRow,
    ItemRecord,
    PackageRow,
    StationRow,
)
from gwgk_desktop.bureau.status import standard_categories
from gwgk_desktop.domain.models import Category, Item, StationProfile
from gwgk_desktop.domain.serialize import station_from_dict
from gwgk_desktop.errors import NotFound, UserError
from gwgk_desktop.files import atomic_write
from gwgk_desktop.progress import SILENT, Cancelled, Progress, step

if TYPE_CHECKING:
    from gwgk_desktop.pdf.fonts import FontChoice
    from gwgk_desktop.pdf.sources import PrintSource

FORMATS = (".xlsx", ".pdf")


class ExportCancelled(Cancelled):
    def __init__(self) -> None:
        super().__init__("已取消，未生成文件", "cancelled")


@dataclass(frozen=True)
class StationCatalogue:
    """One station's current catalogue, grouped for printing."""

    profile: StationProfile
    sequence: int
    received_at: dt.datetime
    sections: list[tuple[Category, list[Item]]]
    channels: dict[str, str]

    @property
    def items(self) -> int:
        return sum(len(items) for _c, items in self.sections)


@dataclass(frozen=True)
class CatalogueFile:
    path: Path
    stations: int
    items: int
    pages: int | None = None
    font: FontChoice | None = None


def _profile(row: StationRow, stored: dict[str, Any]) -> StationProfile:
    try:
        return station_from_dict(stored)
    except (KeyError, TypeError, ValueError):
        return StationProfile(row.name, row.org_code, parent_unit=row.parent_unit)


def _sections(
    records: list[tuple[int, dict[str, Any]]], reference: dict[str, Any]
) -> list[tuple[Category, list[Item]]]:
    """Items by the plan's categories in their order; a category the plan does not have
    (a newer template at the station) follows, under the station's name for it."""
    names = dict(standard_categories())
    theirs = {str(c["code"]): str(c["name"]) for c in reference.get("categories", [])}
    order = [*names, *sorted(set(theirs) - set(names))]
    buckets: dict[str, list[Item]] = {}
    for record_id, record in records:
        code = record.get("category_code") or ""
        buckets.setdefault(code, []).append(item_from_record(record_id, record))
    sections = [
        (Category(number, code, names.get(code) or theirs.get(code, code)), buckets[code])
        for number, code in enumerate(order, start=1)
        if buckets.get(code)
    ]
    if buckets.get(""):
        sections.append((Category(0, "", "未分类"), buckets[""]))
    return sections


def _current_packages(
    db: BureauDatabase, org_codes: Sequence[str] | None
) -> list[tuple[StationRow, int, int, dt.datetime]]:
    """(station, package row id, sequence, received) of each station's current package, by
    organisation code; ``org_codes`` must all have one."""
    with db.read() as session:
        stmt = (
            select(StationRow, PackageRow.id, PackageRow.sequence, PackageRow.received_at)
            .join(PackageRow, (PackageRow.station_id == StationRow.id) & CURRENT_PACKAGE)
            .order_by(StationRow.org_code)
        )
        if org_codes:
            stmt = stmt.where(StationRow.org_code.in_(list(org_codes)))
        found = [
            (s, package, sequence, received)
            for s, package, sequence, received in session.execute(stmt)
        ]
    if org_codes:
        missing = sorted(set(org_codes) - {s.org_code for s, *_rest in found})
        if missing:
            raise NotFound(
                f"这些单位还没有报送包，或代码不对：{'、'.join(missing)}",
                f"no current package for {', '.join(missing)}",
            )
    return found


def station_catalogues(
    db: BureauDatabase, packages: Sequence[tuple[StationRow, int, int, dt.datetime]]
) -> Iterator[StationCatalogue]:
    """The catalogue of each of ``packages`` (see ``_current_packages``), one at a time."""
    for station, package_id, sequence, received in packages:
        with db.read() as session:
            profile, reference = session.execute(
                select(PackageRow.profile, PackageRow.reference).where(PackageRow.id == package_id)
            ).one()
            records = session.execute(
                select(ItemRecord.id, ItemContentRow.record)
                .join(ItemContentRow, ItemContentRow.item_id == ItemRecord.id)
                .where(ItemRecord.package_id == package_id)
                .order_by(ItemRecord.index_number)
            ).all()
        yield StationCatalogue(
            _profile(station, profile),
            sequence,
            received,
            _sections([(r[0], r[1]) for r in records], reference),
            {str(c["code"]): str(c["name"]) for c in reference.get("channels", [])},
        )


def _check_target(out: Path) -> str:
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UserError(
            f"只能导出为 Excel（.xlsx）或 PDF（.pdf）：{out.name}", f"unsupported format {suffix}"
        )
    if not out.parent.is_dir():
        raise UserError(f"文件夹不存在：{out.parent}", f"no such folder: {out.parent}")
    return suffix


def export_catalogue(
    db: BureauDatabase,
    out: Path,
    org_codes: Sequence[str] | None = None,
    *,
    date: dt.date | None = None,
    progress: Progress = SILENT,
    font: Path | None = None,
) -> CatalogueFile:
    """Write the catalogues of ``org_codes`` (default: every station with a package) to
    ``out`` (.xlsx or .pdf); cancelling (polled between stations) leaves no file."""
    suffix = _check_target(out)
    date = date or dt.date.today()
    packages = _current_packages(db, org_codes)
    wanted = len(packages)
    if wanted == 0:
        raise UserError("还没有收到任何单位的报送包，没有可导出的目录", "nothing to export")
    stations = station_catalogues(db, packages)
    if suffix == ".xlsx":
        return _write_workbook(db, out, stations, wanted, date, progress)
    return _write_pdf(out, stations, wanted, date, progress, font)


def _write_workbook(
    db: BureauDatabase,
    out: Path,
    stations: Iterator[StationCatalogue],
    wanted: int,
    date: dt.date,
    progress: Progress,
) -> CatalogueFile:
    from gwgk_desktop.services.sheet_export import catalogue_workbook, sheet_name

    count = items = 0
    office = db.office()
    with catalogue_workbook(out) as workbook:
        summary = workbook.plain_sheet("汇总")
        summary.append(["单位", "组织机构代码", "报送序号", "接收日期", "事项数", "工作表"])
        taken = {"汇总"}
        for count, station in enumerate(stations, start=1):
            step(progress, count - 1, wanted, f"正在写入：{station.profile.name}", ExportCancelled)
            name = sheet_name(station.profile.name, taken)
            taken.add(name)
            note = (
                f"注：取自{station.profile.name}第{station.sequence}号报送包"
                f"（{station.received_at:%Y-%m-%d}接收），由{office}汇总。"
                "公开对象、公开方式、公开层级在对应栏内打“√”。"
            )
            workbook.add(name, _print_source(station, date), note)
            items += station.items
            summary.append(
                [
                    station.profile.name,
                    station.profile.org_code,
                    station.sequence,
                    station.received_at.date().isoformat(),
                    station.items,
                    name,
                ]
            )
        progress.report(count, wanted, "正在保存")
    return CatalogueFile(out, count, items)


def _print_source(station: StationCatalogue, date: dt.date) -> PrintSource:
    """The station's catalogue as the printed catalogue list and the sheet take it."""
    from gwgk_desktop.pdf.sources import PrintSource, Section

    return PrintSource(
        station.profile,
        [Section(category, section) for category, section in station.sections],
        date,
        channels=station.channels,
    )


def _write_pdf(
    out: Path,
    stations: Iterator[StationCatalogue],
    wanted: int,
    date: dt.date,
    progress: Progress,
    font_path: Path | None,
) -> CatalogueFile:
    from pypdf import PdfReader, PdfWriter

    from gwgk_desktop.pdf.catalogue_list import write_catalogue_list
    from gwgk_desktop.pdf.document import Notes
    from gwgk_desktop.pdf.fonts import cjk_font

    font = cjk_font(font_path)
    writer = PdfWriter()
    count = items = pages = 0
    with tempfile.TemporaryDirectory(prefix="gwgk-catalogue-") as folder:
        for count, station in enumerate(stations, start=1):
            step(progress, count - 1, wanted, f"正在排版：{station.profile.name}", ExportCancelled)
            part = Path(folder) / f"{count}.pdf"
            write_catalogue_list(_print_source(station, date), part, font, "A4", Notes())
            writer.append(PdfReader(part), outline_item=station.profile.name)
            items += station.items
        pages = len(writer.pages)
        progress.report(count, wanted, "正在保存")
        with atomic_write(out) as file:
            assert file.handle is not None
            writer.write(file.handle)
    return CatalogueFile(out, count, items, pages, font)
