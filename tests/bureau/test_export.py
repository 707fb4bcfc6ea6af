"""The city-wide catalogue exported in the standard layout: a workbook with a summary and a
sheet per station, or a PDF of the stations' catalogue lists with a bookmark each."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from pypdf import PdfReader

from gwgk_desktop.bureau import intake
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.export import export_catalogue
from gwgk_desktop.cli import main
from gwgk_desktop.errors import NotFound, UserError
from gwgk_desktop.submission.reader import open_package
from tests.bureau.fixtures import City


@pytest.fixture
def received(registered: BureauDatabase, city: City) -> BureauDatabase:
    intake.take_in(registered, city.packages(1))
    return registered


def _items_of(package: Path) -> dict[str, str]:
    """索引号 → name of every item in a package."""
    with open_package(package) as contents:
        return {
            r["index_number"]: r["content"]["name"]
            for kind in ("catalogue", "licensing", "fee")
            for r in contents.records(kind)
        }


def test_workbook_in_the_standard_layout(
    received: BureauDatabase, city: City, tmp_path: Path
) -> None:
    out = tmp_path / "全市目录.xlsx"
    result = export_catalogue(received, out)
    assert (result.stations, out.is_file()) == (3, True)
    book = load_workbook(out)
    assert book.sheetnames[0] == "汇总"
    station = city.stations[0]
    sheet = book[station.profile.name]
    assert sheet["A1"].value == f"{station.profile.name}政务公开事项目录"
    groups = [c.value for c in sheet[3]]
    labels = [c.value for c in sheet[4]]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert f"A1:{get_column_letter(len(groups))}1" in merged
    # The two-tier header: 公开事项 over its 一级/二级(/三级)事项; 序号 over both rows.
    assert {"B3:C3", "B3:D3"} & merged and "A3:A4" in merged
    assert sheet["B3"].value == "公开事项" and sheet["B4"].value == "一级事项"
    assert sheet.print_title_rows == "$3:$4" and sheet.page_setup.orientation == "landscape"
    index, public = groups.index("索引号"), labels.index("全社会")
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    # The name is in the last 事项 cell that has text: those before it are merged down
    # over the rows of the same 一级/二级事项, or the name is merged across them.
    levels = [n for n, label in enumerate(labels) if label in ("一级事项", "二级事项", "三级事项")]
    found = {
        row[index]: [row[n] for n in levels if row[n]][-1] for row in rows if row[index] is not None
    }
    assert found == _items_of(station.packages[0])
    sections = [row[0] for row in rows if row[1] is None and row[0]]
    assert sections[0].startswith("一、") and "项）" in sections[0]
    ticks = [row[public] for row in rows if row[index]]
    assert set(ticks) <= {"√", None} and "√" in ticks
    summary = list(book["汇总"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[1] for r in summary) == sorted(s.org_code for s in city.stations)


def test_pdf_of_chosen_stations(received: BureauDatabase, city: City, tmp_path: Path) -> None:
    out = tmp_path / "目录.pdf"
    codes = [s.org_code for s in city.stations[:2]]
    result = export_catalogue(received, out, codes)
    assert result.stations == 2 and result.pages and result.pages >= 2
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles == [s.profile.name for s in city.stations[:2]]
    text = reader.pages[0].extract_text()
    assert "政务公开事项目录" in text and city.stations[0].profile.name in text


def test_bad_requests(received: BureauDatabase, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="xlsx"):
        export_catalogue(received, tmp_path / "目录.docx")
    with pytest.raises(NotFound, match="999999999"):
        export_catalogue(received, tmp_path / "目录.xlsx", ["999999999"])
    with pytest.raises(UserError, match="文件夹不存在"):
        export_catalogue(received, tmp_path / "没有" / "目录.xlsx")
    assert not list(tmp_path.glob("*.xlsx"))


def test_from_the_command_line(
    bureau_target: str, received: BureauDatabase, city: City, tmp_path: Path
) -> None:
    out = tmp_path / "城东.xlsx"
    code = city.stations[0].org_code
    assert (
        main(["bureau", "catalogue", "--db", bureau_target, "--out", str(out), "--station", code])
        == 0
    )
    assert load_workbook(out).sheetnames == ["汇总", city.stations[0].profile.name]
    two = tmp_path / "两个单位.xlsx"
    codes = [s.org_code for s in city.stations[:2]]
    assert (
        main(["bureau", "catalogue", "--db", bureau_target, "--out", str(two), "--station", *codes])
        == 0
    )
    assert load_workbook(two).sheetnames == ["汇总", *(s.profile.name for s in city.stations[:2])]
