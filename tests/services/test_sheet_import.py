"""Importing clerks' sheets: every layout stations keep, .xlsx and .xls, imports as the
items it holds; the dry run names every problem by row and column; the import is one
transaction; re-importing updates instead of duplicating; bad files get one clear line and
leave the database as it was."""

from __future__ import annotations

import dataclasses
import shutil
import zipfile
from pathlib import Path

import pytest

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.enums import ItemKind, Level, Status
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.domain.sheet_detect import SheetMapping
from gwgk_desktop.domain.sheet_layout import Meaning
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import UserError
from gwgk_desktop.progress import Cancelled
from gwgk_desktop.services import sheet_import
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.changes import ItemChanges
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.services.sheet_files import SheetFileError
from gwgk_desktop.services.sheet_import import ImportBlocked, ImportCancelled, RowAction
from gwgk_desktop.store.database import Database
from tests.conftest import PROFILE, Actors
from tests.sheets import FIXTURES, snapshot
from tests.sheets.layouts import LAYOUTS, ORG, Expected, build


def _plan(db: Database, actor: Actor, path: Path) -> sheet_import.ImportPlan:
    """The dry run of ``path`` with the mapping detection proposes."""
    _book, grid, mapping = sheet_import.open_sheet(db, path)
    return sheet_import.prepare(db, actor, grid, mapping, path.name)


def _import(db: Database, actors: Actors, path: Path, **kw: object) -> sheet_import.ImportResult:
    plan = _plan(db, actors.clerk, path)
    assert plan.ok, plan.report()
    return sheet_import.apply(db, actors.clerk, plan, **kw)  # type: ignore[arg-type]


def _check_items(db: Database, expected: list[Expected]) -> None:
    catalogue = Catalogue(db)
    categories = {c.id: c for c in catalogue.reference.categories()}
    items = list(catalogue.items.iter_items(ItemQuery()))
    assert sorted(i.name for i in items) == sorted(e.name for e in expected)
    by_name = {i.name: i for i in items}
    for want in expected:
        item = by_name[want.name]
        got = item.content
        category = categories[got.category_id or 0]
        assert category.code == want.category, want.name
        assert got.kind is ItemKind.CATALOGUE
        assert got.level1 == (category.name if want.level1 is None else want.level1), want.name
        assert got.level2 == want.level2, want.name
        for field in (
            "content",
            "basis",
            "time_limit",
            "subject",
            "channels",
            "audience",
            "mode",
            "level",
            "summary",
        ):
            assert getattr(got, field) == getattr(want, field), (want.name, field)
        assert item.status is Status.DRAFT
        if want.index_number:
            assert item.index_number == want.index_number
        else:
            assert item.index_number.startswith(f"{PROFILE.org_code}/")


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_imports_as_the_items_it_holds(
    station_db: Database, actors: Actors, tmp_path: Path, layout: str
) -> None:
    path = tmp_path / f"{layout}.xlsx"
    expected = build(layout, path)
    result = _import(station_db, actors, path)
    assert (result.created, result.updated, result.unchanged) == (len(expected), 0, 0)
    _check_items(station_db, expected)


@pytest.mark.parametrize("layout", ["standard", "wps_variants", "category_column"])
def test_xls_files_saved_by_an_office_suite_import_the_same(
    station_db: Database, actors: Actors, tmp_path: Path, layout: str
) -> None:
    expected = build(layout, tmp_path / "same.xlsx")  # the .xls was saved from this layout
    result = _import(station_db, actors, FIXTURES / f"{layout}.xls")
    assert result.created == len(expected)
    _check_items(station_db, expected)


def test_the_catalogue_sheet_is_found_among_others_and_footnotes_are_not_items(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    path = tmp_path / "a.xlsx"
    build("standard", path)
    book, grid, mapping = sheet_import.open_sheet(station_db, path)
    assert book.names == ["填表说明", "政务公开目录"]
    assert grid.name == "政务公开目录"
    assert (mapping.header_row, mapping.header_rows) == (1, 2)
    assert mapping.title == "河西派出所政务公开事项目录"
    assert mapping.categories == {"一、领导信息": "01", "三、行政依据": "03", "六、公共服务": "06"}
    plan = sheet_import.prepare(station_db, actors.clerk, grid, mapping)
    assert (len(plan.rows), plan.sections, plan.notes) == (6, 3, 2)
    # the 备注 column is not imported, and the report says so once
    (remark,) = plan.warnings
    assert remark.column == "O列“备注”" and "有1行填了内容（第6行）" in remark.message


def test_the_dry_run_names_every_problem_by_row_and_column(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    path = tmp_path / "bad.xlsx"
    build("with_errors", path)
    before = snapshot(station_db)
    plan = _plan(station_db, actors.clerk, path)
    errors = [str(p) for p in plan.errors]
    assert errors == [
        "[错误] 工作表“目录”第4行：没有信息类别："
        "上方没有类别行（如“一、领导信息”），也没有信息类别列",
        "[错误] 工作表“目录”第6行，C列“公开事项／二级事项”：缺少事项名称",
        "[错误] 工作表“目录”第7行，I列“公开对象／全社会”、J列“公开对象／特定群体”："
        "公开对象只能选一项，这一行同时选了全社会和特定群体",
        "[错误] 工作表“目录”第8行，K列“公开方式／主动”、L列“公开方式／依申请”："
        "公开方式只能选一项，这一行同时选了主动公开和依申请公开",
        "[错误] 工作表“目录”第9行，M列“公开层级／县级”、N列“公开层级／乡级”："
        "公开层级只能选一项，这一行同时选了县(区)局和所(队)",
        "[错误] 工作表“目录”第10行，H列“公开渠道和载体”：未知的公开渠道“飞鸽传书”，"
        "请在映射中指定它对应的渠道",
        "[错误] 工作表“目录”第12行，C列“公开事项／二级事项”：“正常事项”与第11行同名，"
        "在同一类别中出现了两次",
        "[错误] 工作表“目录”第13行，C列“公开事项／二级事项”：名称不能超过200个字（现有240个字）",
        "[错误] 工作表“目录”第14行，I列“公开对象／全社会”：无法识别的勾选标记“有的”"
        "（勾选请用√，不选请留空）",
        "[错误] 工作表“目录”第17行：所在的类别行“十二、不存在的类别”没有对应的信息类别，"
        "请在映射中指定",
    ]
    assert [str(p) for p in plan.warnings] == [
        "[提醒] 工作表“目录”第15行，E列“公开依据”：请填写公开依据"
    ]
    assert "错误10个（改正前不能导入）" in plan.report()
    with pytest.raises(ImportBlocked) as refused:
        sheet_import.apply(station_db, actors.clerk, plan)
    assert "没有导入任何事项" in refused.value.message
    assert snapshot(station_db) == before


def test_the_clerk_fixes_the_mapping_a_channel_name_and_a_section(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    """The unknown channel and the unknown section become errors no more once mapped,
    and a mapping saved to a file is used for the same sheet again."""
    path = tmp_path / "bad.xlsx"
    build("with_errors", path)
    _book, grid, mapping = sheet_import.open_sheet(station_db, path)
    mapping.channels["飞鸽传书"] = "other"
    mapping.categories["十二、不存在的类别"] = "10"
    saved = SheetMapping.from_json(mapping.to_json())
    again = sheet_import.adopt_mapping(saved, grid, Catalogue(station_db).reference.categories())
    plan = sheet_import.prepare(station_db, actors.clerk, grid, again)
    rows = {p.row for p in plan.errors}
    assert 10 not in rows and 17 not in rows
    planned = {r.source.row: r for r in plan.rows}
    assert planned[10].content is not None and planned[10].content.channels == ("other",)
    assert planned[17].content is not None
    assert Catalogue(station_db).reference.categories()[9].id == planned[17].content.category_id


def test_changing_a_column_meaning_changes_what_is_imported(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    path = tmp_path / "a.xlsx"
    build("standard", path)
    _book, grid, mapping = sheet_import.open_sheet(station_db, path)
    remarks = next(c for c in mapping.columns if c.meaning is Meaning.REMARKS)
    remarks.meaning = Meaning.SUMMARY
    plan = sheet_import.prepare(station_db, actors.clerk, grid, mapping)
    assert plan.warnings == []
    sheet_import.apply(station_db, actors.clerk, plan)
    items = {i.name: i for i in Catalogue(station_db).items.iter_items()}
    assert items["领导班子成员"].content.summary == "每年更新"
    assert items["内设机构及职能"].content.summary == ""


def test_import_is_drafts_of_the_importing_clerk_with_their_index_numbers_and_audit(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    path = tmp_path / "a.xlsx"
    build("single_header", path)
    _import(station_db, actors, path)
    catalogue = Catalogue(station_db)
    items = list(catalogue.items.iter_items())
    assert {i.updated_by for i in items} == {actors.clerk.display_name}
    numbers = {i.name: i.index_number for i in items}
    assert numbers["临时身份证办理"] == f"{ORG}/2024-00007"  # kept from the sheet
    assert len(set(numbers.values())) == 3
    for item in items:
        (created,) = catalogue.items.history(item.id)
        assert created.action == "item.create" and created.operator == "张录入"
        assert created.after["name"] == item.name
    from sqlalchemy import select

    from gwgk_desktop.store.models import AuditRow

    with station_db.read() as session:
        last = session.scalars(select(AuditRow).order_by(AuditRow.id.desc())).first()
    assert last is not None and last.action == "sheet.import"
    assert last.summary == "从表格“a.xlsx”（工作表“目录”）导入：新建3项，更新0项，未变0项"


def test_reimport_updates_changed_rows_and_leaves_the_rest(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    path = tmp_path / "a.xlsx"
    build("standard", path)
    _import(station_db, actors, path)
    catalogue = Catalogue(station_db)
    items = {i.name: i for i in catalogue.items.iter_items()}
    # 出生登记 is approved meanwhile; 死亡注销 is waiting for review
    birth = items["出生登记"]
    catalogue.review.transition(actors.clerk, birth.id, Action.SUBMIT)
    catalogue.review.transition(actors.reviewer, birth.id, Action.APPROVE)

    again = sheet_import.open_sheet(station_db, path)
    plan = sheet_import.prepare(station_db, actors.clerk, again[1], again[2])
    assert [r.action for r in plan.rows] == [RowAction.UNCHANGED] * 6

    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["政务公开目录"]
    sheet["D9"] = "1.受理部门：户籍窗口（新址）"  # 出生登记
    sheet["D13"] = "服务内容、办理时间"  # 便民服务承诺
    book.save(path)
    plan = _plan(station_db, actors.clerk, path)
    result = sheet_import.apply(station_db, actors.clerk, plan)
    assert (result.created, result.updated, result.unchanged) == (0, 2, 4)
    head = catalogue.items.get(birth.id)
    assert (head.revision, head.status) == (2, Status.DRAFT)
    assert head.content.content == "1.受理部门：户籍窗口（新址）"
    live = catalogue.items.live(birth.id)
    assert live is not None and live.status is Status.APPROVED  # still in force
    assert live.content.content != head.content.content
    assert catalogue.items.count(ItemQuery()) == 6


def test_an_item_under_review_is_not_overwritten(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    path = tmp_path / "a.xlsx"
    build("standard", path)
    _import(station_db, actors, path)
    catalogue = Catalogue(station_db)
    item = next(i for i in catalogue.items.iter_items() if i.name == "出生登记")
    catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["政务公开目录"]["D9"] = "改过的内容"
    book.save(path)
    plan = _plan(station_db, actors.clerk, path)
    (error,) = plan.errors
    assert error.row == 9 and "待审核" in error.message
    reason = workflow.can_edit(Status.PENDING, actors.clerk.role)
    assert reason is not None and reason in error.message


def test_rows_match_by_index_number_before_name(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    """A renamed row with its 索引号 renames the item instead of creating another."""
    path = tmp_path / "a.xlsx"
    build("single_header", path)
    _import(station_db, actors, path)
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["目录"]["B4"] = "临时居民身份证办理"
    book.save(path)
    result = _import(station_db, actors, path)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    names = {i.index_number: i.name for i in Catalogue(station_db).items.iter_items()}
    assert names[f"{ORG}/2024-00007"] == "临时居民身份证办理"


def test_a_failure_half_way_leaves_nothing_imported(
    station_db: Database, actors: Actors, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.xlsx"
    build("standard", path)
    _import(station_db, actors, path)
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["政务公开目录"]
    sheet["D9"] = "新内容"
    sheet["C13"] = "新的便民事项"  # a new item besides the update
    book.save(path)
    before = snapshot(station_db)
    plan = _plan(station_db, actors.clerk, path)
    assert plan.count(RowAction.CREATE) == 1 and plan.count(RowAction.UPDATE) == 1

    def broken_update(*_args: object, **_kw: object) -> None:
        raise UserError("磁盘已满", "disk full")

    monkeypatch.setattr(ItemChanges, "update", broken_update)
    with pytest.raises(UserError, match="磁盘已满"):
        sheet_import.apply(station_db, actors.clerk, plan)
    assert snapshot(station_db) == before


def test_cancelling_leaves_nothing_imported(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    path = tmp_path / "a.xlsx"
    build("standard", path)
    before = snapshot(station_db)
    plan = _plan(station_db, actors.clerk, path)

    class CancelAfterFirstStep:
        steps = 0

        def report(self, done: int, total: int, text: str = "") -> None:
            self.steps += 1

        def is_cancelled(self) -> bool:
            return self.steps >= 1

    with pytest.raises(ImportCancelled) as cancelled:
        sheet_import.apply(station_db, actors.clerk, plan, CancelAfterFirstStep())
    assert isinstance(cancelled.value, Cancelled)
    assert "数据库没有任何改动" in cancelled.value.message
    assert snapshot(station_db) == before


def test_a_reviewer_cannot_import(station_db: Database, actors: Actors, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    build("standard", path)
    before = snapshot(station_db)
    plan = _plan(station_db, actors.reviewer, path)
    reason = workflow.can_create(actors.reviewer.role)
    assert reason is not None
    with pytest.raises(UserError, match=reason):
        sheet_import.apply(station_db, actors.reviewer, plan)
    assert snapshot(station_db) == before


def test_new_items_without_level_ticks_get_the_station_level(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    from gwgk_desktop.services import station

    profile = station.get_profile(station_db)
    station.update_profile(
        station_db, actors.admin, dataclasses.replace(profile, level=Level.COUNTY)
    )
    path = tmp_path / "a.xlsx"
    build("standard", path)
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["政务公开目录"]["N13"] = None  # 便民服务承诺: no level ticked
    book.save(path)
    plan = _plan(station_db, actors.clerk, path)
    assert any(p.row == 13 and "没有勾选公开层级" in p.message for p in plan.warnings)
    sheet_import.apply(station_db, actors.clerk, plan)
    item = next(i for i in Catalogue(station_db).items.iter_items() if i.name == "便民服务承诺")
    assert item.content.level is Level.COUNTY


# ---------------------------------------------------------------- bad files


def _corrupt(tmp_path: Path) -> Path:
    good = tmp_path / "good.xlsx"
    build("standard", good)
    data = good.read_bytes()
    bad = tmp_path / "损坏.xlsx"
    bad.write_bytes(data[: len(data) // 2])  # a copy cut short
    return bad


def _bad_crc(tmp_path: Path) -> Path:
    good = tmp_path / "good.xlsx"
    build("standard", good)
    bad = tmp_path / "坏扇区.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("sheet2.xml"):
                data = data.replace(b"<v>", b"<x>", 1)
            target.writestr(info, data)
    # flip a byte inside the stored data of the first part: its checksum no longer matches
    raw = bytearray(bad.read_bytes())
    raw[60] ^= 0xFF
    bad.write_bytes(bytes(raw))
    return bad


def _renamed(tmp_path: Path) -> Path:
    path = tmp_path / "目录.xls"
    build("standard", path)
    return path


def _et(tmp_path: Path) -> Path:
    path = tmp_path / "目录.et"
    shutil.copyfile(FIXTURES / "standard.xls", path)
    return path


def _xls_renamed_xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "旧版.xlsx"
    shutil.copyfile(FIXTURES / "standard.xls", path)
    return path


def _html(tmp_path: Path) -> Path:
    path = tmp_path / "导出.xls"
    path.write_text("<html><body><table><tr><td>序号</td></tr></table></body></html>")
    return path


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "空.xlsx"
    path.write_bytes(b"")
    return path


def _word(tmp_path: Path) -> Path:
    path = tmp_path / "文档.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    return path


def _no_catalogue(tmp_path: Path) -> Path:
    from openpyxl import Workbook

    path = tmp_path / "通讯录.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "电话"])
    sheet.append(["张三", "123"])
    book.save(path)
    return path


BAD_FILES = {
    "et": (
        _et,
        "是 WPS 表格专用格式（.et），不能直接导入。请在 WPS 中打开它，“另存为” Excel 工作簿",
    ),
    "password": (lambda _t: FIXTURES / "password.xlsx", "设置了打开密码，无法读取"),
    "corrupt": (_corrupt, "已损坏或不完整（可能复制时中断），无法读取"),
    "checksum": (_bad_crc, "已损坏或不完整"),
    "xlsx renamed xls": (_renamed, "的扩展名是 .xls，但内容其实是新版 Excel 工作簿（.xlsx）"),
    "xls renamed xlsx": (_xls_renamed_xlsx, "的扩展名是 .xlsx，但内容其实是旧版 Excel 97-2003"),
    "html": (_html, "其实是网页格式"),
    "empty": (_empty, "是空文件"),
    "broken zip": (_word, "已损坏或不完整"),
    "no catalogue": (_no_catalogue, "中没有找到政务公开目录表"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_bad_file_gets_one_clear_line_and_changes_nothing(
    station_db: Database, tmp_path: Path, kind: str
) -> None:
    make, message = BAD_FILES[kind]
    path = make(tmp_path)
    before = snapshot(station_db)
    with pytest.raises(SheetFileError) as refused:
        sheet_import.open_sheet(station_db, path)
    assert message in refused.value.message
    assert "\n" not in refused.value.message
    assert refused.value.english
    assert snapshot(station_db) == before


def test_a_missing_sheet_name_lists_the_sheets(station_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    build("standard", path)
    with pytest.raises(
        SheetFileError, match="没有名为“目录二”的工作表（有：填表说明、政务公开目录）"
    ):
        sheet_import.open_sheet(station_db, path, "目录二")


def test_without_openpyxl_s_sheet_parser_the_file_is_read_the_public_way(
    station_db: Database, actors: Actors, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An openpyxl that moved its (not public) sheet parser: same items, slower."""
    from gwgk_desktop.services import sheet_files

    def moved(*_args: object) -> None:
        raise AttributeError("WorkSheetParser")

    monkeypatch.setattr(sheet_files, "_xlsx_sheet", moved)
    path = tmp_path / "a.xlsx"
    expected = build("wps_variants", path)
    result = _import(station_db, actors, path)
    assert result.created == len(expected)
    _check_items(station_db, expected)
