"""Finding the header, the column meanings and the sections of a sheet, and reading its
rows, on grids built by hand (no files)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gwgk_desktop.domain.enums import Severity
from gwgk_desktop.domain.models import Category, Channel
from gwgk_desktop.domain.sheet_detect import (
    ColumnMapping,
    Grid,
    Merge,
    RowKind,
    SheetMapping,
    classify,
    column_index,
    column_letter,
    detect,
)
from gwgk_desktop.domain.sheet_layout import Meaning
from gwgk_desktop.domain.sheet_rows import Reference, read_items

CATEGORIES = [Category(1, "01", "领导信息"), Category(6, "06", "公共服务")]
REFERENCE = Reference(CATEGORIES, [Channel("website", "政府网站"), Channel("other", "其他")])


def _grid(rows: list[list[str]], merges: list[tuple[int, int, int, int]] = ()) -> Grid:  # type: ignore[assignment]
    return Grid("表", rows, [Merge(*m) for m in merges])


HEADER = [
    ["某派出所政务公开事项目录"],
    ["序号", "公开事项", "", "公开内容", "公开对象", "", "公开方式", ""],
    ["", "一级事项", "二级事项", "", "全社会", "特定群体", "主动", "依申请"],
]
HEADER_MERGES = [(0, 0, 0, 7), (1, 0, 2, 0), (1, 1, 1, 2), (1, 3, 2, 3), (1, 4, 1, 5), (1, 6, 1, 7)]


def test_a_two_tier_header_under_a_title() -> None:
    grid = _grid(
        [*HEADER, ["一、领导信息"], ["1", "机构", "职能", "内容", "√", "", "√", ""]],
        [*HEADER_MERGES, (3, 0, 3, 7)],
    )
    mapping = detect(grid, CATEGORIES)
    assert (mapping.header_row, mapping.header_rows, mapping.title) == (
        1,
        2,
        "某派出所政务公开事项目录",
    )
    assert [(c.letter, c.meaning) for c in mapping.columns] == [
        ("A", Meaning.SEQUENCE),
        ("B", Meaning.LEVEL1),
        ("C", Meaning.LEVEL2),
        ("D", Meaning.CONTENT),
        ("E", Meaning.AUDIENCE_PUBLIC),
        ("F", Meaning.AUDIENCE_SPECIFIC),
        ("G", Meaning.MODE_ACTIVE),
        ("H", Meaning.MODE_ON_REQUEST),
    ]
    assert mapping.columns[1].header == "公开事项／一级事项"
    assert mapping.categories == {"一、领导信息": "01"}


def test_no_header_no_columns() -> None:
    mapping = detect(_grid([["姓名", "电话"], ["张三", "1"]]), CATEGORIES)
    assert mapping.columns == []


def test_rows_are_sections_items_notes_and_blanks() -> None:
    rows = [
        *HEADER,
        ["一、领导信息"],
        ["1", "机构", "职能", "内容", "√", "", "√", ""],
        [],
        ["2"],  # numbered, nothing filled in
        ["", "", "", "", "√"],  # ticks only: a template row
        ["公共服务"],  # a section written in the first cell
        ["3", "便民", "承诺", "内容", "√", "", "√", ""],
        ["注：打√表示选中"],
        ["说明文字的第二行"],
    ]
    mapping = detect(_grid(rows, [*HEADER_MERGES, (3, 0, 3, 7), (10, 0, 10, 7)]), CATEGORIES)
    kinds = [
        (r.number, r.kind)
        for r in classify(_grid(rows, [*HEADER_MERGES, (3, 0, 3, 7), (10, 0, 10, 7)]), mapping)
    ]
    assert kinds == [
        (4, RowKind.SECTION),
        (5, RowKind.ITEM),
        (6, RowKind.BLANK),
        (7, RowKind.BLANK),
        (8, RowKind.BLANK),
        (9, RowKind.SECTION),
        (10, RowKind.ITEM),
        (11, RowKind.NOTE),
        (12, RowKind.NOTE),
    ]


def _mapping(*meanings: Meaning, categories: dict[str, str | None] | None = None) -> SheetMapping:
    return SheetMapping(
        sheet="表",
        header_row=0,
        header_rows=1,
        columns=[ColumnMapping(i, m.label, m) for i, m in enumerate(meanings)],
        categories=categories or {"一、领导信息": "01"},
    )


def test_levels_merged_down_and_across() -> None:
    """一级事项 merged down belongs to every row; a 事项 merged across 一级/二级 is a
    one-level item; in a three-level sheet a blank 三级 leaves the item at 二级."""
    mapping = _mapping(Meaning.LEVEL1, Meaning.LEVEL2, Meaning.LEVEL3, Meaning.CONTENT)
    grid = _grid(
        [
            ["一级", "二级", "三级", "内容"],
            ["一、领导信息"],
            ["户籍", "迁移", "投靠", "x"],
            ["", "", "夫妻", "x"],
            ["承诺", "", "", "x"],  # merged across all three
            ["户籍", "新生儿", "", "x"],  # 二级 and 三级 merged: the name
            ["户籍", "出生", "", "x"],  # no 三级: the item is at 二级
        ],
        [(1, 0, 1, 3), (2, 0, 3, 0), (2, 1, 3, 1), (4, 0, 4, 2), (5, 1, 5, 2)],
    )
    reading = read_items(grid, mapping, REFERENCE)
    got = [(i.values["level1"], i.values["level2"], i.values["name"]) for i in reading.items]
    assert got == [
        ("户籍", "迁移", "投靠"),
        ("户籍", "迁移", "夫妻"),
        ("承诺", "", "承诺"),
        ("户籍", "", "新生儿"),
        ("户籍", "出生", "出生"),
    ]
    assert reading.errors == []


def test_the_deepest_level_is_the_name_and_a_blank_one_is_an_error() -> None:
    mapping = _mapping(Meaning.LEVEL1, Meaning.LEVEL2, Meaning.CONTENT)
    grid = _grid([["一级", "二级", "内容"], ["一、领导信息"], ["机构", "", "x"]], [(1, 0, 1, 2)])
    reading = read_items(grid, mapping, REFERENCE)
    (error,) = reading.errors
    assert (error.row, error.message) == (3, "缺少事项名称")
    assert error.severity is Severity.ERROR


def test_category_column_text_and_unknown_categories() -> None:
    mapping = _mapping(
        Meaning.CATEGORY, Meaning.ITEM, categories={"公共服务": "06", "其他类": None}
    )
    grid = _grid([["类别", "名称"], ["公共服务", "甲"], ["其他类", "乙"], ["", "丙"]])
    reading = read_items(grid, mapping, REFERENCE)
    assert [i.category_code for i in reading.items] == ["06", None, None]
    assert [e.row for e in reading.errors] == [3, 4]


def test_mapping_files_round_trip() -> None:
    mapping = _mapping(
        Meaning.SEQUENCE,
        Meaning.ITEM,
        Meaning.REMARKS,
        categories={"一、领导信息": "01", "杂项": None},
    )
    mapping.channels = {"飞鸽传书": "other", "口头": ""}
    again = SheetMapping.from_json(mapping.to_json())
    assert again.columns == mapping.columns
    assert (again.categories, again.channels) == (mapping.categories, mapping.channels)
    assert (again.header_row, again.header_rows) == (0, 1)


def test_a_file_that_is_not_a_mapping_is_refused() -> None:
    import pytest

    for text, message in [
        ("{", "不是有效的 JSON"),
        ('{"format": "other"}', "不是政务公开目录的表格映射文件"),
        ('{"format": "gwgk-sheet-mapping", "version": 9}', "版本 9 不受支持"),
        (
            '{"format": "gwgk-sheet-mapping", "version": 1, "columns": {"A": {"meaning": "x"}}}',
            "内容不完整或有误",
        ),
    ]:
        with pytest.raises(ValueError, match=message):
            SheetMapping.from_json(text)


@given(st.integers(0, 20000))
def test_column_letters_round_trip(index: int) -> None:
    assert column_index(column_letter(index)) == index
    assert column_letter(0) == "A" and column_letter(27) == "AB"
