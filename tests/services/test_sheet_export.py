"""Exporting the catalogue as the standard sheet, and the blank template: the layout a
clerk recognises and prints (merged title and header, sections, 一级事项 merged down,
ticks, landscape A4 with the header on every page), and export → import into a fresh
station giving back the same content (a property over random catalogues)."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from gwgk_desktop.domain.enums import Audience, DisclosureMode, ItemKind, Level
from gwgk_desktop.domain.models import ItemContent
from gwgk_desktop.domain.serialize import content_to_dict
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import UserError
from gwgk_desktop.services import sheet_export, sheet_import
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.changes import new_content
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.services.sheet_export import ExportCancelled
from gwgk_desktop.store.database import Database, open_database
from tests.conftest import PROFILE, Actors, actors_of
from tests.factories import catalogue_content


def _two_items(db: Database, actors: Actors) -> None:
    catalogue = Catalogue(db)
    first = catalogue_content(catalogue, "便民服务承诺")
    first.level1 = "便民服务"
    second = catalogue_content(catalogue, "户籍业务咨询")
    second.level1 = "便民服务"
    second.audience = Audience.SPECIFIC
    second.mode = DisclosureMode.ON_REQUEST
    second.level = Level.CITY
    second.content = "=咨询电话\n办理时间"  # not a formula
    third = catalogue_content(catalogue, "领导分工", code="01")
    third.level1 = "领导分工"  # a one-level item
    for content in (first, second, third):
        item = catalogue.changes.create(actors.clerk, content)
        catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
        catalogue.review.transition(actors.reviewer, item.id, Action.APPROVE)


def test_the_export_is_the_standard_layout_ready_to_print(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    _two_items(station_db, actors)
    target = tmp_path / "目录.xlsx"
    result = sheet_export.export_catalogue(station_db, target)
    assert result.items == 3
    sheet = load_workbook(target)["政务公开目录"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    # a 市级 column (one item is at the city level): 17 columns, A to Q
    assert sheet["A1"].value == f"{PROFILE.name}政务公开事项目录"
    assert {"A1:Q1", "A2:Q2", "A3:A4", "B3:C3", "I3:J3", "K3:L3", "M3:O3", "P3:P4"} <= merged
    assert [sheet.cell(3, c).value for c in (2, 9, 11, 13)] == [
        "公开事项",
        "公开对象",
        "公开方式",
        "公开层级",
    ]
    header = [sheet.cell(4, c).value or sheet.cell(3, c).value for c in range(1, 18)]
    assert header == [
        "序号",
        "一级事项",
        "二级事项",
        "公开内容（要素）",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道和载体",
        "全社会",
        "特定群体",
        "主动",
        "依申请",
        "市级",
        "县级",
        "乡级",
        "索引号",
        "备注",
    ]
    assert sheet["A5"].value == "一、领导信息（1项）" and "A5:Q5" in merged
    assert "B6:C6" in merged and sheet["B6"].value == "领导分工"  # one level: merged across
    assert sheet["A7"].value == "二、公共服务（2项）"
    assert "B8:B9" in merged and sheet["B8"].value == "便民服务"  # 一级事项 merged down
    assert [sheet.cell(9, c).value for c in range(9, 16)] == [None, "√", None, "√", "√", None, None]
    formula_like = sheet["D9"]
    assert formula_like.value == "=咨询电话\n办理时间" and formula_like.data_type == "s"
    assert sheet["D9"].alignment.wrap_text
    assert sheet["H8"].value == "√政府网站\n√社区/企事业单位/村公示栏（电子屏）"
    assert sheet["P8"].value.startswith(f"{PROFILE.org_code}/")
    assert sheet.cell(10, 1).value.startswith("注：")
    # printing: landscape A4, one page wide, header rows on every page, frozen header
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$4"
    assert sheet.freeze_panes == "A5"
    assert sheet.column_dimensions["D"].width == 30
    assert "&P" in sheet.oddFooter.center.text


def test_drafts_and_categories_are_chosen_like_the_printed_list(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    catalogue = Catalogue(station_db)
    catalogue.changes.create(actors.clerk, catalogue_content(catalogue, "草稿事项"))
    _two_items(station_db, actors)
    only_approved = sheet_export.export_catalogue(station_db, tmp_path / "a.xlsx")
    assert only_approved.items == 3
    assert any("1项还没有审核通过的版本" in n and "未导出" in n for n in only_approved.notes)
    public = next(c for c in catalogue.reference.categories() if c.code == "06")
    drafts = sheet_export.export_catalogue(
        station_db, tmp_path / "b.xlsx", drafts=True, category_ids=frozenset({public.id})
    )
    assert drafts.items == 3
    sheet = load_workbook(tmp_path / "b.xlsx").active
    assert sheet is not None
    texts = {c.value for row in sheet.iter_rows() for c in row if c.value}
    assert "一、公共服务（3项）" in texts and "草稿" in texts  # the status in 备注
    assert "领导分工" not in texts


def test_a_cancelled_or_failed_export_leaves_no_file(demo_db: Database, tmp_path: Path) -> None:
    class Cancel:
        def report(self, done: int, total: int, text: str = "") -> None:
            return None

        def is_cancelled(self) -> bool:
            return True

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportCancelled):
        sheet_export.export_catalogue(demo_db, out / "目录.xlsx", progress=Cancel())
    assert list(out.iterdir()) == []
    with pytest.raises(UserError, match="目标文件夹不存在"):
        sheet_export.export_catalogue(demo_db, out / "没有" / "目录.xlsx")


def test_the_blank_template_imports_as_nothing_without_errors(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    target = tmp_path / "空白.xlsx"
    sheet_export.template_for(station_db, target)
    book = load_workbook(target)
    assert book.sheetnames == ["政务公开目录", "填表说明"]
    sheet = book["政务公开目录"]
    assert sheet["A1"].value == f"{PROFILE.name}政务公开事项目录"
    _book, grid, mapping = sheet_import.open_sheet(station_db, target)
    assert len(mapping.categories) == 10 and None not in mapping.categories.values()
    plan = sheet_import.prepare(station_db, actors.clerk, grid, mapping)
    assert plan.ok and plan.rows == [] and plan.sections == 10
    generic = sheet_export.write_template(tmp_path / "通用.xlsx")
    first = load_workbook(generic).active
    assert first is not None and first["A1"].value == "××派出所政务公开事项目录"


def test_the_demo_station_exports_and_comes_back_unchanged(
    demo_db: Database, tmp_path: Path
) -> None:
    """Licensing and fee items too: re-importing the export changes nothing."""
    target = tmp_path / "demo.xlsx"
    result = sheet_export.export_catalogue(demo_db, target, drafts=True)
    assert result.items > 40
    clerk = actors_of(demo_db).clerk
    _book, grid, mapping = sheet_import.open_sheet(demo_db, target)
    plan = sheet_import.prepare(demo_db, clerk, grid, mapping)
    assert plan.ok, plan.report()
    assert plan.count(sheet_import.RowAction.UNCHANGED) == result.items


# ---------------------------------------------------------------- the property

_letters = st.sampled_from("政务公开目录派出所户籍登记申请材料（）、，。《》：ABCabc0123=√/-")
_word = st.text(_letters, min_size=1, max_size=12).map(str.strip).filter(bool)
_text = st.lists(_word, max_size=3).map("\n".join)  # multi-line, no blanks at the ends
_channels = st.lists(
    st.sampled_from(["website", "reading_point", "bulletin_board", "press_hearing", "other"]),
    unique=True,
    max_size=4,
).map(tuple)


@st.composite
def _sheet_content(draw: st.DrawFn, category: int) -> dict[str, object]:
    name = draw(_word)
    shape = draw(st.sampled_from(["two", "one-level", "level2", "level2-is-name", "no-level1"]))
    level1 = {"one-level": name, "no-level1": ""}.get(shape, draw(_word))
    level2 = {"level2": draw(_word), "level2-is-name": name}.get(shape, "")
    return {
        "category": category,
        "name": name,
        "level1": level1,
        "level2": level2,
        "content": draw(_text),
        "basis": draw(_text),
        "time_limit": draw(st.sampled_from(["", "即时", "信息形成或者变更之日起20个工作日内"])),
        "subject": draw(_word),
        "channels": draw(_channels),
        "audience": draw(st.sampled_from(Audience)),
        "mode": draw(st.sampled_from(DisclosureMode)),
        "level": draw(st.sampled_from(Level)),
    }


_catalogues = st.lists(
    st.integers(0, 9).flatmap(_sheet_content),
    min_size=1,
    max_size=8,
    unique_by=lambda c: (c["category"], c["name"]),
)
_examples = itertools.count()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(catalogue=_catalogues)
def test_export_then_import_into_a_fresh_station_is_the_identity_on_content(
    _station_template: Path, tmp_path: Path, catalogue: list[dict[str, object]]
) -> None:
    folder = tmp_path / str(next(_examples))
    folder.mkdir()
    shutil.copyfile(_station_template, folder / "a.sqlite")
    shutil.copyfile(_station_template, folder / "b.sqlite")
    with open_database(folder / "a.sqlite") as source, open_database(folder / "b.sqlite") as fresh:
        categories = Catalogue(source).reference.categories()
        clerk = actors_of(source).clerk
        contents: list[ItemContent] = []
        for spec in catalogue:
            index = spec.pop("category")
            assert isinstance(index, int)
            content = new_content(ItemKind.CATALOGUE, categories[index], PROFILE.name)
            for key, value in spec.items():
                setattr(content, key, value)
            contents.append(content)
        Catalogue(source).changes.create_many(clerk, contents)
        target = folder / "out.xlsx"
        sheet_export.export_catalogue(source, target, drafts=True)

        fresh_clerk = actors_of(fresh).clerk
        _book, grid, mapping = sheet_import.open_sheet(fresh, target)
        plan = sheet_import.prepare(fresh, fresh_clerk, grid, mapping)
        assert plan.ok, plan.report()
        sheet_import.apply(fresh, fresh_clerk, plan)

        def items(db: Database) -> dict[str, dict[str, object]]:
            return {
                i.index_number: content_to_dict(i.content)
                for i in Catalogue(db).items.iter_items(ItemQuery())
            }

        assert items(fresh) == items(source)


def test_an_id_number_stops_the_export_unless_masked(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    from gwgk_desktop.services.privacy import PrivacyBlocked
    from tests.services.test_privacy import ID_NUMBER, MASKED_ID, _approved_with_id

    _approved_with_id(station_db, actors)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(PrivacyBlocked, match="不能导出") as refused:
        sheet_export.export_catalogue(station_db, out / "目录.xlsx")
    assert ID_NUMBER not in refused.value.message
    assert list(out.iterdir()) == []
    result = sheet_export.export_catalogue(station_db, out / "目录.xlsx", mask_private=True)
    assert any("打码后导出" in note for note in result.notes)
    sheet = load_workbook(out / "目录.xlsx").active
    assert sheet is not None
    texts = [str(c.value) for row in sheet.iter_rows() for c in row]
    assert any(MASKED_ID in t for t in texts) and not any(ID_NUMBER in t for t in texts)
