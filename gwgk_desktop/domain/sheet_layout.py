"""The vocabulary of clerks' catalogue sheets (Excel/WPS) in the standard-catalogue layout.

What each column can mean (``Meaning``), the header labels real sheets use for it (with
their variants: 特定群众 for 特定群体, 依申请公开 for 依申请, 乡、村级 for the station's
level …), tick marks, the words of the 公开对象 / 公开方式 / 公开层级 choices, category
section titles ("三、行政依据（6项）") and channel lists ("■政府网站□两微一端").

Pure functions over strings: reading the file is ``services.sheet_files``, finding the
header is ``domain.sheet_detect``, turning rows into items ``domain.sheet_rows``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from gwgk_desktop.domain.enums import Audience, DisclosureMode, LabelledEnum, Level
from gwgk_desktop.domain.models import Category, Channel

T = TypeVar("T")


class Meaning(LabelledEnum):
    """What a sheet column holds. The labels are what the mapping page shows."""

    IGNORE = "ignore", "（不导入）"
    SEQUENCE = "sequence", "序号"
    INDEX_NUMBER = "index_number", "索引号"
    CATEGORY = "category", "信息类别"
    LEVEL1 = "level1", "一级事项"
    LEVEL2 = "level2", "二级事项"
    LEVEL3 = "level3", "三级事项"
    #: The only 事项 column of a sheet without levels: the item's name.
    ITEM = "item", "事项名称"
    CONTENT = "content", "公开内容（要素）"
    BASIS = "basis", "公开依据"
    TIME_LIMIT = "time_limit", "公开时限"
    SUBJECT = "subject", "公开主体"
    CHANNELS = "channels", "公开渠道和载体"
    AUDIENCE_PUBLIC = "audience_public", "公开对象：全社会（勾选）"
    AUDIENCE_SPECIFIC = "audience_specific", "公开对象：特定群体（勾选）"
    AUDIENCE = "audience", "公开对象（文字）"
    MODE_ACTIVE = "mode_active", "公开方式：主动（勾选）"
    MODE_ON_REQUEST = "mode_on_request", "公开方式：依申请（勾选）"
    MODE = "mode", "公开方式（文字）"
    LEVEL_CITY = "level_city", "公开层级：市级（勾选）"
    LEVEL_COUNTY = "level_county", "公开层级：县级（勾选）"
    LEVEL_STATION = "level_station", "公开层级：乡级/所(队)级（勾选）"
    LEVEL = "level", "公开层级（文字）"
    SUMMARY = "summary", "内容概述"
    DOC_NUMBER = "doc_number", "文号"
    PUBLISHER = "publisher", "发布机构"
    LEAD_UNIT = "lead_unit", "牵头单位"
    RESPONSIBLE_UNIT = "responsible_unit", "责任单位"
    REMARKS = "remarks", "备注（不导入）"
    LINK = "link", "公开链接（不导入）"


#: Columns whose text goes as it is into the ItemContent field of the same meaning.
TEXT_FIELDS: dict[Meaning, str] = {
    Meaning.CONTENT: "content",
    Meaning.BASIS: "basis",
    Meaning.TIME_LIMIT: "time_limit",
    Meaning.SUBJECT: "subject",
    Meaning.SUMMARY: "summary",
    Meaning.DOC_NUMBER: "doc_number",
    Meaning.PUBLISHER: "publisher",
    Meaning.LEAD_UNIT: "lead_unit",
    Meaning.RESPONSIBLE_UNIT: "responsible_unit",
}

#: The 事项 columns, top level first.
LEVEL_COLUMNS = (Meaning.LEVEL1, Meaning.LEVEL2, Meaning.LEVEL3, Meaning.ITEM)

#: Tick columns of the three single choices, and the value each stands for.
AUDIENCE_TICKS: dict[Meaning, Audience] = {
    Meaning.AUDIENCE_PUBLIC: Audience.PUBLIC,
    Meaning.AUDIENCE_SPECIFIC: Audience.SPECIFIC,
}
MODE_TICKS: dict[Meaning, DisclosureMode] = {
    Meaning.MODE_ACTIVE: DisclosureMode.ACTIVE,
    Meaning.MODE_ON_REQUEST: DisclosureMode.ON_REQUEST,
}
LEVEL_TICKS: dict[Meaning, Level] = {
    Meaning.LEVEL_CITY: Level.CITY,
    Meaning.LEVEL_COUNTY: Level.COUNTY,
    Meaning.LEVEL_STATION: Level.STATION,
}

#: Columns that are read but not imported: a non-empty cell is mentioned in the report.
NOT_IMPORTED = frozenset({Meaning.REMARKS, Meaning.LINK})

# ---------------------------------------------------------------- labels


_SPACE = re.compile(r"[\s\u3000\u00a0]+")
_WIDTH = str.maketrans("（）：，；、／", "():,;,/", "*＊")


def normalize(text: str) -> str:
    """A header or name as compared: no white space (also inside: "公开\\n内容"),
    ASCII brackets, colons and slashes, no required-field asterisks."""
    return _SPACE.sub("", text).translate(_WIDTH)


def _table(pairs: dict[Meaning, Sequence[str]]) -> dict[str, Meaning]:
    return {normalize(label): meaning for meaning, labels in pairs.items() for label in labels}


#: Labels of a column on its own (or at the lower tier of a two-tier header).
COLUMN_LABELS: dict[str, Meaning] = _table(
    {
        Meaning.SEQUENCE: ("序号", "编号", "序", "顺序号"),
        Meaning.INDEX_NUMBER: ("索引号", "信息索引号", "目录索引号"),
        Meaning.CATEGORY: ("信息类别", "类别", "信息分类", "公开类别", "事项类别", "分类"),
        Meaning.LEVEL1: ("一级事项", "一级", "一级目录", "一级类别"),
        Meaning.LEVEL2: ("二级事项", "二级", "二级目录"),
        Meaning.LEVEL3: ("三级事项", "三级", "三级目录"),
        Meaning.ITEM: ("公开事项", "事项名称", "事项", "公开事项名称", "名称", "信息名称"),
        Meaning.CONTENT: ("公开内容（要素）", "公开内容", "公开要素", "公开内容要素", "内容"),
        Meaning.BASIS: ("公开依据", "依据", "法律依据", "政策依据", "公开依据（文件）"),
        Meaning.TIME_LIMIT: ("公开时限", "时限", "公开时间"),
        Meaning.SUBJECT: ("公开主体", "主体", "公开责任主体", "公开单位"),
        Meaning.CHANNELS: (
            "公开渠道和载体",
            "公开渠道及载体",
            "公开渠道与载体",
            "公开渠道、载体",
            "公开渠道",
            "公开载体",
            "渠道和载体",
        ),
        Meaning.AUDIENCE_PUBLIC: ("全社会",),
        Meaning.AUDIENCE_SPECIFIC: ("特定群体", "特定群众", "特定对象", "特定人群"),
        Meaning.AUDIENCE: ("公开对象",),
        Meaning.MODE_ACTIVE: ("主动", "主动公开"),
        Meaning.MODE_ON_REQUEST: ("依申请", "依申请公开"),
        Meaning.MODE: ("公开方式",),
        Meaning.LEVEL_CITY: ("市级", "市局", "市局级"),
        Meaning.LEVEL_COUNTY: (
            "县级",
            "县(区)级",
            "区级",
            "县区级",
            "县(市、区)级",
            "县(市区)级",
            "县(区)局",
            "县局",
            "分局",
        ),
        Meaning.LEVEL_STATION: (
            "乡级",
            "乡、村级",
            "乡村级",
            "乡(镇)级",
            "乡镇级",
            "镇级",
            "乡(镇、街道)级",
            "所(队)级",
            "所队级",
            "所(队)",
            "派出所",
            "基层",
        ),
        Meaning.LEVEL: ("公开层级",),
        Meaning.SUMMARY: ("内容概述", "摘要"),
        Meaning.DOC_NUMBER: ("文号",),
        Meaning.PUBLISHER: ("发布机构",),
        Meaning.LEAD_UNIT: ("牵头单位",),
        Meaning.RESPONSIBLE_UNIT: ("责任单位", "责任部门"),
        Meaning.REMARKS: ("备注", "备注说明"),
        Meaning.LINK: ("公开链接", "链接", "网址", "链接地址", "公开网址"),
    }
)

#: Upper-tier headings that stand over sub-columns, and what their sub-columns may be.
GROUPS: dict[str, frozenset[Meaning]] = {
    normalize("公开事项"): frozenset(LEVEL_COLUMNS),
    normalize("公开对象"): frozenset(AUDIENCE_TICKS),
    normalize("公开方式"): frozenset(MODE_TICKS),
    normalize("公开层级"): frozenset(LEVEL_TICKS),
}


def meaning_of(group: str, label: str) -> Meaning | None:
    """The meaning of a column headed ``label`` under ``group`` (the upper tier of a
    two-tier header; "" or the same text when the column has one header cell); None when
    the label is not one we know."""
    sub = COLUMN_LABELS.get(normalize(label))
    upper = normalize(group)
    if not upper or upper == normalize(label) or sub is not None:
        return sub
    # A group heading over a sub-column we do not know: say nothing rather than guess,
    # unless the upper cell is a column label of its own (a header with a note below).
    return None if upper in GROUPS else COLUMN_LABELS.get(upper)


def is_known_label(text: str) -> bool:
    key = normalize(text)
    return bool(key) and (key in COLUMN_LABELS or key in GROUPS)


# ---------------------------------------------------------------- ticks and choices

TICK_MARKS = "√✓✔☑■●✅"
UNTICK_MARKS = "□☐×✗✘○"
_TICKED = frozenset({*TICK_MARKS, "是", "有", "v", "V", "y", "Y"})
_UNTICKED = frozenset({*UNTICK_MARKS, "否", "无", "x", "X", "n", "N", "-", "—", "/", "／"})


def tick(text: str) -> bool | None:
    """Whether a tick cell is ticked; None when its text is no tick mark we know."""
    key = _SPACE.sub("", text)
    if not key or key in _UNTICKED:
        return False
    if key in _TICKED or all(ch in TICK_MARKS for ch in key):
        return True
    return None


def _word_table(pairs: dict[T, Sequence[str]]) -> dict[str, T]:
    return {normalize(word): value for value, words in pairs.items() for word in words}


_AUDIENCE_WORDS = _word_table(
    {
        Audience.PUBLIC: ("全社会", "社会公众", "公众"),
        Audience.SPECIFIC: ("特定群体", "特定群众", "特定对象", "特定人群"),
    }
)
_MODE_WORDS = _word_table(
    {
        DisclosureMode.ACTIVE: ("主动", "主动公开"),
        DisclosureMode.ON_REQUEST: ("依申请", "依申请公开"),
    }
)
_LEVEL_WORDS = {
    **{label: LEVEL_TICKS[m] for label, m in COLUMN_LABELS.items() if m in LEVEL_TICKS},
    **{normalize(level.label): level for level in Level},
}


def choice_words(text: str, table: dict[str, T]) -> list[T] | None:
    """The values named in a text cell of a choice ("主动公开", "全社会、特定群体"), each
    once; None when a word is not one of them."""
    whole = table.get(normalize(text))
    if whole is not None:  # "乡、村级" is one word with a 、 in it
        return [whole]
    found: list[T] = []
    for part in re.split(r"[,;、，；\s]+", text.translate(_WIDTH)):
        if not part:
            continue
        value = table.get(normalize(part))
        if value is None:
            return None
        if value not in found:
            found.append(value)
    return found


def audience_words(text: str) -> list[Audience] | None:
    return choice_words(text, _AUDIENCE_WORDS)


def mode_words(text: str) -> list[DisclosureMode] | None:
    return choice_words(text, _MODE_WORDS)


def level_words(text: str) -> list[Level] | None:
    return choice_words(text, _LEVEL_WORDS)


# ---------------------------------------------------------------- sections and categories

_NUMERALS = "一二三四五六七八九十百零〇两"
_SECTION_NUMBER = re.compile(
    rf"^(?:第[{_NUMERALS}\d]+(?:类|部分|项)?[、.．,，:：]?"
    rf"|[{_NUMERALS}]+[、.．,，:：]"
    rf"|[（(][{_NUMERALS}\d]+[)）][、.．]?"
    rf"|\d+[、．]"
    rf"|\d+\.(?!\d))"
)
_SECTION_COUNT = re.compile(r"[（(](?:共|计)?\d+(?:项|条|个|类)?[)）]$")


def section_name(text: str) -> tuple[str, bool]:
    """A section row's category name without its number and count, and whether the text
    had a section number ("三、行政依据（6项）" → ("行政依据", True))."""
    key = _SPACE.sub("", text)
    match = _SECTION_NUMBER.match(key)
    numbered = match is not None
    if match:
        key = key[match.end() :]
    key = _SECTION_COUNT.sub("", key)
    if key.endswith("类") and len(key) > 2:
        key = key[:-1]
    return key, numbered


def match_category(text: str, categories: Sequence[Category]) -> Category | None:
    """The category a section title or category cell names: by name, then by a name that
    contains or is contained in it when exactly one does; None when none fits."""
    name, _numbered = section_name(text)
    key = normalize(name)
    if not key:
        return None
    for category in categories:
        if normalize(category.name) == key or category.code == key:
            return category
    close = [
        c
        for c in categories
        if len(key) >= 2 and (normalize(c.name) in key or key in normalize(c.name))
    ]
    return close[0] if len(close) == 1 else None


# ---------------------------------------------------------------- channels

#: Names clerks write for the reference template's channels (by channel code).
CHANNEL_ALIASES: dict[str, str] = {
    normalize(alias): code
    for code, aliases in {
        "website": ("政府网站", "门户网站", "政府门户网站", "政务网站", "网站", "官方网站"),
        "gazette": ("政府公报", "公报"),
        "wechat_weibo_app": (
            "两微一端",
            "政务微博",
            "政务微信",
            "微博",
            "微信",
            "微信公众号",
            "公众号",
            "客户端",
            "政务新媒体",
        ),
        "press_hearing": ("发布会/听证会", "发布会", "听证会", "新闻发布会"),
        "radio_tv": ("广播电视", "广播", "电视"),
        "print_media": ("纸质媒体", "报刊", "报纸"),
        "reading_point": ("公开查阅点", "查阅点", "信息公开查阅点"),
        "service_center": ("政务服务中心", "服务中心", "办事大厅", "服务大厅"),
        "service_station": ("便民服务站", "便民服务点", "服务站"),
        "onsite": ("入户/现场", "入户", "现场"),
        "bulletin_board": (
            "社区/企事业单位/村公示栏（电子屏）",
            "公示栏",
            "公开栏",
            "政务公开栏",
            "电子屏",
            "社区公示栏",
            "村公示栏",
        ),
        "targeted_push": ("精准推送",),
        "hotline_12345": ("12345热线", "12345", "热线电话", "服务热线"),
        "other": ("其他",),
    }.items()
    for alias in aliases
}

_CHANNEL_MARKS = re.compile(f"([{TICK_MARKS}{UNTICK_MARKS}])")
_CHANNEL_SEPARATORS = re.compile(r"[\s\u3000,;、，；。]+")


@dataclass(frozen=True)
class ChannelMention:
    """A name in a 公开渠道和载体 cell and whether it is chosen (□ before it: not)."""

    name: str
    chosen: bool


def channel_mentions(text: str) -> list[ChannelMention]:
    """The names in a channel cell: "√政府网站 √公开查阅点", "■政府网站□两微一端", one name
    per line, or names separated by 、，,；."""
    found: list[ChannelMention] = []
    chosen = True
    for part in _CHANNEL_MARKS.split(text):
        if len(part) == 1 and part in TICK_MARKS:
            chosen = True
        elif len(part) == 1 and part in UNTICK_MARKS:
            chosen = False
        else:
            for name in _CHANNEL_SEPARATORS.split(part):
                if name:
                    found.append(ChannelMention(name, chosen))
    return found


def channel_lookup(channels: Iterable[Channel]) -> dict[str, str]:
    """Normalised names (the station's, then the usual aliases) → channel code."""
    known = list(channels)
    codes = {c.code for c in known}
    table = {alias: code for alias, code in CHANNEL_ALIASES.items() if code in codes}
    table.update({normalize(c.name): c.code for c in known})
    table.update({normalize(c.code): c.code for c in known})
    return table


# ---------------------------------------------------------------- the exported layout

TITLE_SUFFIX = "政务公开事项目录"
TICK = "√"
#: Marker rows that end the data: footnotes and signatures under the table.
FOOTNOTE = re.compile(
    r"^(?:注|备注|说明|填表说明|填报说明|制表|填表人|填报人|审核人|联系人|填表日期)"
)


@dataclass(frozen=True)
class Column:
    """One column of the standard layout: its header (``group`` over ``label`` in the
    two-tier header), meaning and width in Excel character units."""

    label: str
    meaning: Meaning
    width: float
    group: str = ""


def standard_columns(*, three_levels: bool = False, city_level: bool = False) -> list[Column]:
    """The columns the app writes: the national standard catalogue's layout, a 三级事项
    column when items need one, a 市级 column when an item is at the city level, and
    the 索引号 (which re-importing matches on) and 备注 at the end."""
    levels = [
        Column("一级事项", Meaning.LEVEL1, 12, "公开事项"),
        Column("二级事项", Meaning.LEVEL2, 16, "公开事项"),
    ]
    if three_levels:
        levels.append(Column("三级事项", Meaning.LEVEL3, 16, "公开事项"))
    tiers = [Column("市级", Meaning.LEVEL_CITY, 5.5, "公开层级")] if city_level else []
    tiers += [
        Column("县级", Meaning.LEVEL_COUNTY, 5.5, "公开层级"),
        Column("乡级", Meaning.LEVEL_STATION, 5.5, "公开层级"),
    ]
    return [
        Column("序号", Meaning.SEQUENCE, 5),
        *levels,
        Column("公开内容（要素）", Meaning.CONTENT, 30),
        Column("公开依据", Meaning.BASIS, 26),
        Column("公开时限", Meaning.TIME_LIMIT, 14),
        Column("公开主体", Meaning.SUBJECT, 12),
        Column("公开渠道和载体", Meaning.CHANNELS, 16),
        Column("全社会", Meaning.AUDIENCE_PUBLIC, 5.5, "公开对象"),
        Column("特定群体", Meaning.AUDIENCE_SPECIFIC, 5.5, "公开对象"),
        Column("主动", Meaning.MODE_ACTIVE, 5.5, "公开方式"),
        Column("依申请", Meaning.MODE_ON_REQUEST, 5.5, "公开方式"),
        *tiers,
        Column("索引号", Meaning.INDEX_NUMBER, 13),
        Column("备注", Meaning.REMARKS, 8),
    ]
