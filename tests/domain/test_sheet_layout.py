"""The words of clerks' sheets: header labels and their variants, ticks, the choices
written out, channel lists, section titles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gwgk_desktop.domain.enums import Audience, DisclosureMode, Level
from gwgk_desktop.domain.models import Category, Channel
from gwgk_desktop.domain.sheet_layout import (
    ChannelMention,
    Meaning,
    audience_words,
    channel_lookup,
    channel_mentions,
    level_words,
    match_category,
    meaning_of,
    mode_words,
    normalize,
    section_name,
    tick,
)

CATEGORIES = [
    Category(i, f"{i:02d}", name)
    for i, name in enumerate(
        [
            "领导信息",
            "法规文件",
            "行政依据",
            "行政事业性收费",
            "人事信息",
            "公共服务",
            "工作动态",
            "公告公示",
            "新闻发布",
            "网上办事与制度",
        ],
        1,
    )
]


@pytest.mark.parametrize(
    ("group", "label", "meaning"),
    [
        ("", "序号", Meaning.SEQUENCE),
        ("", "公开内容（要素）", Meaning.CONTENT),
        ("", "公开内容", Meaning.CONTENT),
        ("", "公开\n内容（要素）", Meaning.CONTENT),
        ("", "公开内容(要素)", Meaning.CONTENT),
        ("公开事项", "一级事项", Meaning.LEVEL1),
        ("公开事项", "二级事项", Meaning.LEVEL2),
        ("公开事项", "三级事项", Meaning.LEVEL3),
        ("", "公开事项", Meaning.ITEM),
        ("公开对象", "全社会", Meaning.AUDIENCE_PUBLIC),
        ("公开对象", "特定群众", Meaning.AUDIENCE_SPECIFIC),
        ("公开对象", "特定群体", Meaning.AUDIENCE_SPECIFIC),
        ("", "公开对象", Meaning.AUDIENCE),
        ("公开方式", "主动公开", Meaning.MODE_ACTIVE),
        ("公开方式", "依申请公开", Meaning.MODE_ON_REQUEST),
        ("公开方式", "依申请", Meaning.MODE_ON_REQUEST),
        ("公开层级", "县(区)级", Meaning.LEVEL_COUNTY),
        ("公开层级", "县（区）级", Meaning.LEVEL_COUNTY),
        ("公开层级", "区级", Meaning.LEVEL_COUNTY),
        ("公开层级", "乡、村级", Meaning.LEVEL_STATION),
        ("公开层级", "镇级", Meaning.LEVEL_STATION),
        ("公开层级", "所(队)级", Meaning.LEVEL_STATION),
        ("公开层级", "市级", Meaning.LEVEL_CITY),
        ("公开层级", "省级", None),  # a level we do not know: the clerk decides
        ("", "公开链接", Meaning.LINK),
        ("", "信息类别", Meaning.CATEGORY),
        ("", "备注", Meaning.REMARKS),
        ("", "索引号", Meaning.INDEX_NUMBER),
        ("", "联系人", None),
    ],
)
def test_header_labels_and_their_variants(group: str, label: str, meaning: Meaning | None) -> None:
    assert meaning_of(group, label) is meaning


@pytest.mark.parametrize("text", ["√", "✓", "✔", "☑", "●", "■", "是", " √ ", "\u3000√", "V", "√√"])
def test_ticked(text: str) -> None:
    assert tick(text) is True


@pytest.mark.parametrize("text", ["", "  ", "□", "×", "否", "☐", "-", "○"])
def test_not_ticked(text: str) -> None:
    assert tick(text) is False


@pytest.mark.parametrize("text", ["有的", "1", "不一定", "√?"])
def test_an_unknown_mark_is_not_guessed(text: str) -> None:
    assert tick(text) is None


def test_choices_written_out() -> None:
    assert audience_words("全社会") == [Audience.PUBLIC]
    assert audience_words("特定群众") == [Audience.SPECIFIC]
    assert audience_words("全社会、特定群体") == [Audience.PUBLIC, Audience.SPECIFIC]
    assert audience_words("内部") is None
    assert mode_words("主动公开") == [DisclosureMode.ACTIVE]
    assert mode_words(" 依申请 ") == [DisclosureMode.ON_REQUEST]
    assert level_words("所(队)级") == [Level.STATION]
    assert level_words("县（区）级") == [Level.COUNTY]
    assert level_words("县(区)局") == [Level.COUNTY]
    assert level_words("乡、村级") == [Level.STATION]


def test_channel_cells_in_every_way_clerks_write_them() -> None:
    def chosen(text: str) -> list[str]:
        return [m.name for m in channel_mentions(text) if m.chosen]

    assert chosen("√政府网站 √公开查阅点") == ["政府网站", "公开查阅点"]
    assert chosen("■政府网站□两微一端■便民服务站") == ["政府网站", "便民服务站"]
    assert channel_mentions("□两微一端") == [ChannelMention("两微一端", False)]
    assert chosen("政府网站\n公开查阅点\n") == ["政府网站", "公开查阅点"]
    assert chosen("政府网站、两微一端，便民服务站,纸质媒体；其他") == [
        "政府网站",
        "两微一端",
        "便民服务站",
        "纸质媒体",
        "其他",
    ]
    assert chosen("√社区/企事业单位/村公示栏（电子屏）") == ["社区/企事业单位/村公示栏（电子屏）"]


def test_channel_names_are_matched_with_their_aliases() -> None:
    channels = [Channel("website", "政府网站"), Channel("wechat_weibo_app", "两微一端")]
    table = channel_lookup(channels)
    assert table[normalize("政府网站")] == "website"
    assert table[normalize("门户网站")] == "website"
    assert table[normalize("微信公众号")] == "wechat_weibo_app"
    assert normalize("公开查阅点") not in table  # not one of this station's channels


@pytest.mark.parametrize(
    ("text", "name", "numbered"),
    [
        ("一、领导信息", "领导信息", True),
        ("（三）行政依据", "行政依据", True),
        ("(三)行政依据", "行政依据", True),
        ("三、行政依据（6项）", "行政依据", True),
        ("十、网上办事与制度(共3项)", "网上办事与制度", True),
        ("第四类 行政事业性收费", "行政事业性收费", True),
        ("3. 公共服务", "公共服务", True),
        ("公告公示类", "公告公示", False),
        ("领导信息", "领导信息", False),
    ],
)
def test_section_titles(text: str, name: str, numbered: bool) -> None:
    assert section_name(text) == (name, numbered)


def test_sections_match_the_station_categories_by_name() -> None:
    def code(text: str) -> str | None:
        found = match_category(text, CATEGORIES)
        return found.code if found else None

    assert code("一、领导信息") == "01"
    assert code("三、行政依据（6项）") == "03"
    assert code("（四）收费") == "04"  # contained in exactly one name
    assert code("（五）信息") is None  # in two: the clerk picks it
    assert code("行政事业性收费项目") == "04"  # contains exactly one name
    assert code("网上办事") == "10"
    assert code("十二、不存在的类别") is None


@given(st.text(alphabet=st.sampled_from(" \u3000\n公开内容（要素）()"), max_size=20))
def test_normalize_is_idempotent(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)
