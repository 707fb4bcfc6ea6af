"""Catalogue sheets as stations keep them, built with openpyxl, each with the items it
should import as. Every variant of the issue is in one of them:

- ``standard``: one merged title row, two-tier merged header, section rows "一、领导信息",
  一级事项 merged down, a 公开依据 merged down, √ ticks, multi-line cells, "√政府网站
  √公开查阅点", a blank row, a footnote and a signature row, a 填表说明 sheet;
- ``wps_variants``: two title rows, 公开内容 without （要素）, 特定群众, 主动公开 /
  依申请公开, 市级 / 县(区)级 / 乡、村级, sections "（三）行政依据", ticks ✓ ✔ ● 是 否 □
  with stray spaces, "■政府网站□两微一端■便民服务站", a one-level item merged across
  一级/二级事项, a header repeated in the middle (printed page by page);
- ``category_column``: a 信息类别 column instead of section rows, 三级事项, 区级 / 镇级,
  ☑ ticks, channels one per line, an extra 公开链接 column, the sheet not the first;
- ``single_header``: a one-row header with 事项名称 as the only 事项 column, 公开对象 /
  公开方式 / 公开层级 written as text, sections "三、行政依据（2项）", 所(队)级, channels
  separated by 、，,；, a 索引号 column;
- ``town_level``: 镇级 and 乡(镇)级 spelled out, 公开渠道 alone, "备注" used, section rows
  written in the 序号 column only (not merged), one name per line with ✔ marks;
- ``with_errors``: every row error of the dry run.

``build(name, path)`` writes one; ``EXPECTED[name]`` is what it imports as.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from gwgk_desktop.domain.enums import Audience, DisclosureMode, Level

# The sheets are tables: a row of values per line reads like the sheet.
# fmt: off

TIME_LIMIT = "信息形成或者变更之日起20个工作日内"
ORG = "000099001"  # the test station's organisation code (tests.conftest.PROFILE)


@dataclass(frozen=True)
class Expected:
    """What one item row imports as (fields not given: the defaults of a new item)."""

    category: str
    name: str
    level1: str | None = None
    level2: str = ""
    content: str = ""
    basis: str = ""
    time_limit: str = TIME_LIMIT
    subject: str = ""
    channels: tuple[str, ...] = ()
    audience: Audience = Audience.PUBLIC
    mode: DisclosureMode = DisclosureMode.ACTIVE
    level: Level = Level.STATION
    index_number: str = ""
    summary: str = ""


@dataclass
class _Sheet:
    ws: Worksheet
    widths: dict[str, float] = field(default_factory=dict)

    def put(self, row: int, values: list[Any], start: int = 1) -> None:
        for n, value in enumerate(values):
            if value is not None:
                cell = self.ws.cell(row, start + n, value)
                cell.alignment = Alignment(wrap_text=True, vertical="center")

    def merge(self, ref: str) -> None:
        self.ws.merge_cells(ref)


def _two_tier(sheet: _Sheet, top: int, columns: list[tuple[str, str | None]]) -> None:
    """A two-tier header at rows ``top``, ``top + 1``: (group, sub) pairs; a column with
    sub None is merged down both rows; consecutive columns of one group share a merged
    group heading."""
    n = 0
    while n < len(columns):
        group, sub = columns[n]
        col = n + 1
        if sub is None:
            sheet.put(top, [group], col)
            sheet.ws.merge_cells(start_row=top, end_row=top + 1, start_column=col, end_column=col)
            n += 1
            continue
        span = 1
        while n + span < len(columns) and columns[n + span][0] == group:
            span += 1
        sheet.put(top, [group], col)
        if span > 1:
            sheet.ws.merge_cells(
                start_row=top, end_row=top, start_column=col, end_column=col + span - 1
            )
        for k in range(span):
            sheet.put(top + 1, [columns[n + k][1]], col + k)
        n += span


def _across(sheet: _Sheet, row: int, text: str, width: int) -> None:
    sheet.put(row, [text])
    sheet.ws.merge_cells(start_row=row, end_row=row, start_column=1, end_column=width)


# ---------------------------------------------------------------- standard

STANDARD_COLUMNS: list[tuple[str, str | None]] = [
    ("序号", None),
    ("公开事项", "一级事项"),
    ("公开事项", "二级事项"),
    ("公开内容（要素）", None),
    ("公开依据", None),
    ("公开时限", None),
    ("公开主体", None),
    ("公开渠道和载体", None),
    ("公开对象", "全社会"),
    ("公开对象", "特定群体"),
    ("公开方式", "主动"),
    ("公开方式", "依申请"),
    ("公开层级", "县级"),
    ("公开层级", "乡级"),
    ("备注", None),
]
ORGANISATION = (
    "1.机构名称：河西派出所\n2.主要职能：负责辖区治安管理、户籍管理\n3.办公地址：长江路1号"
)
BIRTH = "1.受理部门：户籍窗口\n2.办理条件：新生儿出生一个月内\n3.所需材料：出生医学证明、父母户口簿"


def standard(path: Path) -> list[Expected]:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "政务公开目录"
    s = _Sheet(ws)
    width = len(STANDARD_COLUMNS)
    _across(s, 1, "河西派出所政务公开事项目录", width)
    _two_tier(s, 2, STANDARD_COLUMNS)
    _across(s, 4, "一、领导信息", width)
    s.put(5, [1, "机构信息", "内设机构及职能", ORGANISATION, "《公安机关组织管理条例》",
        TIME_LIMIT, "河西派出所", "√政府网站 √公开查阅点", "√", None, "√", None, None, "√"])
    s.put(6, [2, None, "领导班子成员", "姓名、职务、分工", "《公安机关组织管理条例》", TIME_LIMIT,
        "河西派出所", "√政府网站", "√", None, "√", None, None, "√", "每年更新"])
    s.merge("B5:B6")
    # row 7 is blank
    _across(s, 8, "三、行政依据", width)
    s.put(9, [3, "户籍管理", "出生登记", BIRTH, "《中华人民共和国户口登记条例》第七条", TIME_LIMIT,
        "河西派出所", "√政府网站\n√政务服务中心", "√", None, "√", None, None, "√"])
    s.put(10, [4, None, "死亡注销", "受理部门、办理条件、办理流程、所需材料", None, TIME_LIMIT,
        "河西派出所", "√政府网站", "√", None, "√", None, None, "√"])
    s.put(11, [5, None, "迁出登记", "受理部门、办理条件、办理流程、所需材料", None, TIME_LIMIT,
        "河西派出所", "√政府网站", None, "√", None, "√", "√", None])
    s.merge("B9:B11")
    s.put(10, ["《中华人民共和国户口登记条例》第十条"], 5)
    s.merge("E10:E11")
    _across(s, 12, "六、公共服务", width)
    s.put(13, [6, "便民服务", "便民服务承诺", "服务内容、办理时间、联系电话",
        "《中华人民共和国政府信息公开条例》第二十条", TIME_LIMIT, "河西派出所",
        "√社区/企事业单位/村公示栏（电子屏）", "√", None, "√", None, None, "√"])
    _across(s, 14, "注：1.“√”表示勾选；2.本目录由河西派出所编制，每年更新一次。", width)
    s.put(15, ["填表人：张三", None, None, None, None, None, None, "审核人：李四"])
    notes = book.create_sheet("填表说明")
    notes["A1"] = "填表说明"
    notes["A2"] = "1. 一级事项可以合并单元格。"
    notes["A3"] = "2. 公开对象、公开方式、公开层级打√。"
    book.move_sheet(notes, offset=-1)  # the instructions come first, as in many stations'
    book.save(path)
    basis = "《公安机关组织管理条例》"
    return [
        Expected("01", "内设机构及职能", "机构信息", content=ORGANISATION, basis=basis,
            subject="河西派出所", channels=("website", "reading_point")),
        Expected("01", "领导班子成员", "机构信息", content="姓名、职务、分工", basis=basis,
            subject="河西派出所", channels=("website",)),
        Expected("03", "出生登记", "户籍管理", content=BIRTH,
            basis="《中华人民共和国户口登记条例》第七条", subject="河西派出所",
            channels=("website", "service_center")),
        Expected("03", "死亡注销", "户籍管理", content="受理部门、办理条件、办理流程、所需材料",
            basis="《中华人民共和国户口登记条例》第十条", subject="河西派出所",
            channels=("website",)),
        Expected("03", "迁出登记", "户籍管理", content="受理部门、办理条件、办理流程、所需材料",
            basis="《中华人民共和国户口登记条例》第十条", subject="河西派出所",
            channels=("website",), audience=Audience.SPECIFIC, mode=DisclosureMode.ON_REQUEST,
            level=Level.COUNTY),
        Expected("06", "便民服务承诺", "便民服务", content="服务内容、办理时间、联系电话",
            basis="《中华人民共和国政府信息公开条例》第二十条", subject="河西派出所",
            channels=("bulletin_board",)),
    ]


# ---------------------------------------------------------------- WPS variants

WPS_COLUMNS: list[tuple[str, str | None]] = [
    ("序号", None),
    ("公开事项", "一级事项"),
    ("公开事项", "二级事项"),
    ("公开内容", None),
    ("公开依据", None),
    ("公开时限", None),
    ("公开主体", None),
    ("公开渠道和载体", None),
    ("公开对象", "全社会"),
    ("公开对象", "特定群众"),
    ("公开方式", "主动公开"),
    ("公开方式", "依申请公开"),
    ("公开层级", "市级"),
    ("公开层级", "县(区)级"),
    ("公开层级", "乡、村级"),
    ("备注", None),
]


def wps_variants(path: Path) -> list[Expected]:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Sheet1"
    s = _Sheet(ws)
    width = len(WPS_COLUMNS)
    _across(s, 1, "城南派出所政务公开事项目录", width)
    _across(s, 2, "（2024年版）", width)
    _two_tier(s, 3, WPS_COLUMNS)
    _across(s, 5, "（一）领导信息", width)
    s.put(6, [1, "警务公开承诺", None, "公开承诺内容", "《公安机关执法公开规定》", TIME_LIMIT,
        "城南派出所", "■政府网站□两微一端■便民服务站", " √ ", "", "✓", "", "", "", "✔"])
    s.merge("B6:C6")  # a one-level item: its 事项 merged across 一级 and 二级
    _across(s, 7, "（六）公共服务", width)
    s.put(8, [2, "治安管理", "旅馆业特种行业许可", "受理条件\n办理流程", "《旅馆业治安管理办法》",
        "  即时  ", "城南派出所", "√两微一端", "是", "否", "●", "□", "", "", "√"])
    s.put(9, [3, None, "枪支持有证件核发", "办理条件、流程", "《中华人民共和国枪支管理法》",
        TIME_LIMIT, "城南派出所", "■政府网站", "", "√", "", "√", "√", "", ""])
    s.merge("B8:B9")
    # the header again, as a sheet printed page by page and pasted together has it
    _two_tier(s, 10, WPS_COLUMNS)
    _across(s, 12, "（八）公告公示", width)
    s.put(13, [4, "通缉通报", "A级通缉令", "通缉令内容", "《公安机关通缉规定》", TIME_LIMIT,
        "城南派出所", "□政府网站■纸质媒体", "✔", "", "✔", "", "", "✓", ""])
    book.save(path)
    return [
        Expected("01", "警务公开承诺", "警务公开承诺", content="公开承诺内容",
            basis="《公安机关执法公开规定》", subject="城南派出所", channels=("website",
            "service_station")),
        Expected("06", "旅馆业特种行业许可", "治安管理", content="受理条件\n办理流程",
            basis="《旅馆业治安管理办法》", time_limit="即时", subject="城南派出所",
            channels=("wechat_weibo_app",)),
        Expected("06", "枪支持有证件核发", "治安管理", content="办理条件、流程",
            basis="《中华人民共和国枪支管理法》", subject="城南派出所", channels=("website",),
            audience=Audience.SPECIFIC, mode=DisclosureMode.ON_REQUEST, level=Level.CITY),
        Expected("08", "A级通缉令", "通缉通报", content="通缉令内容", basis="《公安机关通缉规定》",
            subject="城南派出所", channels=("print_media",), level=Level.COUNTY),
    ]


# ---------------------------------------------------------------- category column

CATEGORY_COLUMNS: list[tuple[str, str | None]] = [
    ("序号", None),
    ("信息类别", None),
    ("公开事项", "一级事项"),
    ("公开事项", "二级事项"),
    ("公开事项", "三级事项"),
    ("公开内容（要素）", None),
    ("公开依据", None),
    ("公开时限", None),
    ("公开主体", None),
    ("公开渠道和载体", None),
    ("公开对象", "全社会"),
    ("公开对象", "特定群体"),
    ("公开方式", "主动"),
    ("公开方式", "依申请"),
    ("公开层级", "区级"),
    ("公开层级", "镇级"),
    ("公开链接", None),
]


def category_column(path: Path) -> list[Expected]:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "封面"
    first["A1"] = "东湖派出所 2024年度政务公开目录"
    ws = book.create_sheet("目录")
    s = _Sheet(ws)
    width = len(CATEGORY_COLUMNS)
    _across(s, 1, "东湖派出所政务公开事项目录", width)
    _two_tier(s, 2, CATEGORY_COLUMNS)
    s.put(4, [1, "公共服务", "户籍业务", "户口迁移", "投靠迁入", "条件\n材料\n流程",
        "《户口登记条例》", TIME_LIMIT, "东湖派出所", "政府网站\n公开查阅点", "☑", "", "☑", "", "",
        "☑", "http://example.gov.cn/1"])
    s.put(5, [2, "公共服务", None, None, "夫妻投靠", "条件、材料", "《户口登记条例》", TIME_LIMIT,
        "东湖派出所", "政府网站", "☑", "", "☑", "", "", "☑"])
    s.merge("C4:C5")
    s.merge("D4:D5")
    s.put(6, [3, "工作动态", "治安状况", "月度治安形势", None, "辖区治安形势",
        "《政府信息公开条例》", TIME_LIMIT, "东湖派出所", "两微一端", "☑", "", "☑", "", "☑", ""])
    s.merge("D6:E6")  # no 三级: 二级 and 三级 merged, the text is the name
    s.put(7, [4, "工作动态", "专项行动", "夏季治安打击整治", None, "行动部署和成效",
        "《政府信息公开条例》", TIME_LIMIT, "东湖派出所", "政府网站", "☑", "", "☑", "", "", "☑"])
    book.save(path)
    return [
        Expected("06", "投靠迁入", "户籍业务", "户口迁移", content="条件\n材料\n流程",
            basis="《户口登记条例》", subject="东湖派出所", channels=("website", "reading_point")),
        Expected("06", "夫妻投靠", "户籍业务", "户口迁移", content="条件、材料",
            basis="《户口登记条例》", subject="东湖派出所", channels=("website",)),
        Expected("07", "月度治安形势", "治安状况", "", content="辖区治安形势",
            basis="《政府信息公开条例》", subject="东湖派出所", channels=("wechat_weibo_app",),
            level=Level.COUNTY),
        Expected("07", "夏季治安打击整治", "专项行动", "夏季治安打击整治",
            content="行动部署和成效", basis="《政府信息公开条例》", subject="东湖派出所",
            channels=("website",)),
    ]


# ---------------------------------------------------------------- one header row


def single_header(path: Path) -> list[Expected]:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "目录"
    s = _Sheet(ws)
    header = ["序号", "事项名称", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道",
        "公开对象", "公开方式", "公开层级", "索引号"]
    _across(s, 1, "西城派出所政务公开目录", len(header))
    s.put(2, header)
    s.put(3, ["三、行政依据（2项）"])
    s.merge("A3:K3")
    s.put(4, [1, "临时身份证办理", "办理条件、材料", "《居民身份证法》", "即时", "西城派出所",
        "政府网站、公开查阅点；便民服务站", "全社会", "主动公开", "所(队)级", f"{ORG}/2024-00007"])
    s.put(5, [2, "居住证签注", "签注条件", "《居住证暂行条例》", TIME_LIMIT, "西城派出所",
        "政府网站,两微一端，便民服务站", "特定群体", "依申请公开", "县(区)级", ""])
    s.put(6, ["四、行政事业性收费（1项）"])
    s.merge("A6:K6")
    s.put(7, [3, "居民身份证工本费", "收费标准", "《居民身份证工本费标准》", TIME_LIMIT,
        "西城派出所", "政府网站", "全社会", "主动", "乡级", ""])
    book.save(path)
    return [
        Expected("03", "临时身份证办理", None, content="办理条件、材料", basis="《居民身份证法》",
            time_limit="即时", subject="西城派出所", channels=("website", "reading_point",
            "service_station"), index_number=f"{ORG}/2024-00007"),
        Expected("03", "居住证签注", None, content="签注条件", basis="《居住证暂行条例》",
            subject="西城派出所", channels=("website", "wechat_weibo_app", "service_station"),
            audience=Audience.SPECIFIC, mode=DisclosureMode.ON_REQUEST, level=Level.COUNTY),
        Expected("04", "居民身份证工本费", None, content="收费标准",
            basis="《居民身份证工本费标准》", subject="西城派出所", channels=("website",)),
    ]


# ---------------------------------------------------------------- town level

TOWN_COLUMNS: list[tuple[str, str | None]] = [
    ("序号", None),
    ("公开事项", "一级事项"),
    ("公开事项", "二级事项"),
    ("公开内容（要素）", None),
    ("公开依据", None),
    ("公开时限", None),
    ("公开主体", None),
    ("公开渠道", None),
    ("公开对象", "全社会"),
    ("公开对象", "特定群体"),
    ("公开方式", "主动"),
    ("公开方式", "依申请"),
    ("公开层级", "县级"),
    ("公开层级", "乡(镇)级"),
    ("备注", None),
]


def town_level(path: Path) -> list[Expected]:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "目录"
    s = _Sheet(ws)
    _across(s, 1, "青山镇派出所政务公开事项目录", len(TOWN_COLUMNS))
    _two_tier(s, 2, TOWN_COLUMNS)
    s.put(4, ["二、法规文件"])  # a section row written in the 序号 column, not merged
    s.put(5, [1, "法律法规", "治安管理处罚法", "法律全文", "《中华人民共和国治安管理处罚法》",
        TIME_LIMIT, "青山镇派出所", "✔政府网站\n✔公开查阅点\n□纸质媒体", "√", None, "√", None,
        None, "√", "2024年修订"])
    s.put(6, [2, "法律法规", "消防法", "法律全文", "《中华人民共和国消防法》", TIME_LIMIT,
        "青山镇派出所", "✔政府网站", "√", None, "√", None, None, "√"])
    s.put(7, ["七、工作动态"])
    s.put(8, [3, "警情通报", "每月警情通报", "警情统计", "《政府信息公开条例》", TIME_LIMIT,
        "青山镇派出所", "✔两微一端", "√", None, "√", None, "√", None])
    s.put(9, [4])  # a numbered row nobody filled in
    book.save(path)
    return [
        Expected("02", "治安管理处罚法", "法律法规", content="法律全文",
            basis="《中华人民共和国治安管理处罚法》", subject="青山镇派出所", channels=("website",
            "reading_point")),
        Expected("02", "消防法", "法律法规", content="法律全文", basis="《中华人民共和国消防法》",
            subject="青山镇派出所", channels=("website",)),
        Expected("07", "每月警情通报", "警情通报", content="警情统计",
            basis="《政府信息公开条例》", subject="青山镇派出所", channels=("wechat_weibo_app",),
            level=Level.COUNTY),
    ]


# ---------------------------------------------------------------- errors


def with_errors(path: Path) -> list[Expected]:
    """The standard layout with one problem per row (rows 5…); row 11 is fine."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "目录"
    s = _Sheet(ws)
    width = len(STANDARD_COLUMNS)
    _across(s, 1, "错误示例派出所政务公开事项目录", width)
    _two_tier(s, 2, STANDARD_COLUMNS)
    s.put(4, [0, "无类别", "类别行之前的事项", "内容", "依据", TIME_LIMIT, "所", "√政府网站", "√",
        None, "√", None, None, "√"])
    _across(s, 5, "一、领导信息", width)
    s.put(6, [1, "机构", None, "内容", "依据", TIME_LIMIT, "所", "√政府网站", "√", None, "√", None,
        None, "√"])
    s.put(7, [2, "机构", "两个公开对象", "内容", "依据", TIME_LIMIT, "所", "√政府网站", "√", "√",
        "√", None, None, "√"])
    s.put(8, [3, "机构", "两个公开方式", "内容", "依据", TIME_LIMIT, "所", "√政府网站", "√", None,
        "√", "√", None, "√"])
    s.put(9, [4, "机构", "两个层级", "内容", "依据", TIME_LIMIT, "所", "√政府网站", "√", None, "√",
        None, "√", "√"])
    s.put(10, [5, "机构", "未知渠道", "内容", "依据", TIME_LIMIT, "所", "√飞鸽传书", "√", None,
        "√", None, None, "√"])
    s.put(11, [6, "机构", "正常事项", "内容", "依据", TIME_LIMIT, "所", "√政府网站", "√", None,
        "√", None, None, "√"])
    s.put(12, [7, "机构", "正常事项", "内容二", "依据", TIME_LIMIT, "所", "√政府网站", "√", None,
        "√", None, None, "√"])
    s.put(13, [8, "机构", "名称太长" * 60, "内容", "依据", TIME_LIMIT, "所", "√政府网站", "√",
        None, "√", None, None, "√"])
    s.put(14, [9, "机构", "看不懂的勾", "内容", "依据", TIME_LIMIT, "所", "√政府网站", "有的",
        None, "√", None, None, "√"])
    s.put(15, [10, "机构", "缺依据", "内容", None, TIME_LIMIT, "所", "√政府网站", "√", None, "√",
        None, None, "√"])
    _across(s, 16, "十二、不存在的类别", width)
    s.put(17, [11, "其他", "找不到类别", "内容", "依据", TIME_LIMIT, "所", "√政府网站", "√", None,
        "√", None, None, "√"])
    book.save(path)
    return []


# fmt: on

LAYOUTS: dict[str, Callable[[Path], list[Expected]]] = {
    "standard": standard,
    "wps_variants": wps_variants,
    "category_column": category_column,
    "single_header": single_header,
    "town_level": town_level,
}


def build(name: str, path: Path) -> list[Expected]:
    return (LAYOUTS | {"with_errors": with_errors})[name](path)
