"""The printed documents, read back from the PDF: which items, which labels, fonts, page
counts, nothing outside the page, drafts only on request, and hard inputs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import event

from gwgk_desktop.domain.enums import ItemKind, NodeKind
from gwgk_desktop.domain.models import Flowchart, FlowEdge, FlowNode
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import UserError
from gwgk_desktop.pdf import fonts
from gwgk_desktop.pdf.document import PrintCancelled
from gwgk_desktop.pdf.fonts import cjk_font
from gwgk_desktop.pdf.panels import MIN_CHART_TEXT_PT
from gwgk_desktop.services import station
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.flowcharts import template_chart
from gwgk_desktop.services.printing import (
    DocumentKind,
    PrintRequest,
    PrintResult,
    produce,
)
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import Database
from tests.conftest import PROFILE, Actors
from tests.factories import (
    RecordingProgress,
    catalogue_content,
    fee_content,
    licensing_content,
)
from tests.pdf.pdfcheck import Pdf, compact, outside_page, text_sizes

BOARD_LABELS = [
    "申请条件",
    "申请材料",
    "办理时限",
    "收费标准",
    "办理结果",
    "办理地点",
    "办理时间",
    "咨询电话",
    "监督投诉电话",
]
GUIDE_LABELS = [
    "事项名称",
    "事项编码",
    "办理部门",
    "设定依据",
    "申请条件",
    "法定期限",
    "承诺期限",
    "收费标准",
    "收费依据",
    "办理结果",
    "办理地点",
    "办理时间",
    "咨询电话",
    "申请材料",
    "示范文本",
    "办理流程图",
]
CATALOGUE_LABELS = [
    "序号",
    "公开事项",
    "一级事项",
    "二级事项",
    "公开内容（要素）",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道和载体",
    "公开对象",
    "公开方式",
    "公开层级",
    "全社会",
    "特定群体",
    "主动",
    "依申请",
]


def publish(catalogue: Catalogue, actors: Actors, item_id: int) -> None:
    catalogue.review.transition(actors.clerk, item_id, Action.SUBMIT)
    catalogue.review.transition(actors.reviewer, item_id, Action.APPROVE)
    catalogue.review.transition(
        actors.reviewer, item_id, Action.PUBLISH, publish_date=dt.date(2026, 9, 20)
    )


@pytest.fixture
def items(station_db: Database, actors: Actors, tmp_path: Path) -> dict[str, int]:
    """A station with one item in each state that matters for printing."""
    catalogue = Catalogue(station_db)
    ids: dict[str, int] = {}
    fee = catalogue.changes.create(actors.clerk, fee_content(catalogue))
    publish(catalogue, actors, fee.id)
    sample = tmp_path / "出生申请书示范文本.pdf"
    sample.write_bytes(b"%PDF-1.4 sample")
    attachment = catalogue.attachments.add(sample)
    licensing = licensing_content(catalogue)
    licensing.fee_links = [fee.uuid]
    licensing.materials[0].sample_sha256 = attachment.sha256
    licensing.materials[0].sample_filename = attachment.filename
    licensing.attachments = [attachment]
    ids["出生登记"] = catalogue.changes.create(actors.clerk, licensing).id
    publish(catalogue, actors, ids["出生登记"])
    for name in ("公开的事项甲", "草稿事项乙", "待审事项丙", "旧名称丁", "撤回事项己"):
        ids[name] = catalogue.changes.create(actors.clerk, catalogue_content(catalogue, name)).id
    publish(catalogue, actors, ids["公开的事项甲"])
    catalogue.review.transition(actors.clerk, ids["待审事项丙"], Action.SUBMIT)
    publish(catalogue, actors, ids["旧名称丁"])
    renamed = catalogue.items.get(ids["旧名称丁"]).content
    renamed.name = "新名称戊"
    catalogue.changes.update(actors.clerk, ids["旧名称丁"], renamed, base_revision=1)
    publish(catalogue, actors, ids["撤回事项己"])
    catalogue.review.transition(
        actors.reviewer, ids["撤回事项己"], Action.WITHDRAW, comment="已过时"
    )
    ids["fee"] = fee.id
    return ids


def make(db: Database, tmp_path: Path, request: PrintRequest) -> tuple[PrintResult, Pdf]:
    target = tmp_path / f"{request.document.value}.pdf"
    result = produce(db, request, target)
    pdf = Pdf(target)
    assert pdf.pages == result.pages
    texts = [compact(t) for t in pdf.page_texts()]
    for number, text in enumerate(texts, start=1):
        assert f"第{number}页共{result.pages}页" in text
    assert outside_page(pdf) == []
    if cjk_font().embedded:
        assert pdf.fonts() and all(pdf.fonts().values()), pdf.fonts()
    return result, pdf


def test_notice_board_shows_what_is_in_force(
    station_db: Database, items: dict[str, int], tmp_path: Path
) -> None:
    request = PrintRequest(DocumentKind.NOTICE_BOARD, date=dt.date(2026, 9, 20))
    result, pdf = make(station_db, tmp_path, request)
    text = pdf.text()
    for expected in [
        PROFILE.name,
        "政务公开栏",
        "公开日期：2026年9月20日",
        f"监督投诉电话：{PROFILE.complaint_phone}",
        "公开的事项甲",
        "旧名称丁",
        "出生登记",
        "临时居民身份证工本费",
        "每证10元",
        "项目",
        "依据",
        "标准",
        "行政许可审批程序流程图",  # the chart's own title (from the template)
        *BOARD_LABELS,
    ]:
        assert expected in text, expected
    for absent in ["草稿事项乙", "待审事项丙", "新名称戊", "撤回事项己", "【"]:
        assert absent not in text, absent
    assert result.items == 4
    assert any("另有3项" in note for note in result.notes)
    assert pdf.metadata_title() == f"{PROFILE.name}政务公开栏"


def test_what_the_clerk_entered_is_what_is_printed(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    """Issue 14: the chart's own title (point 4), the 设定依据 on the notice board as in the
    guide (point 5), and 即时办结 (point 3), in both documents."""
    catalogue = Catalogue(station_db)
    content = licensing_content(catalogue, "死亡注销")
    assert content.guide is not None and content.flowchart is not None
    content.flowchart.title = "死亡注销审批程序流程图"
    content.guide.legal_basis = "《中华人民共和国户口登记条例》第八条"
    content.guide.legal_limit_days = None
    content.guide.legal_limit_immediate = True
    content.guide.promised_limit_days = None
    content.guide.promised_limit_immediate = True
    item = catalogue.changes.create(actors.clerk, content)
    publish(catalogue, actors, item.id)
    for document in (DocumentKind.NOTICE_BOARD, DocumentKind.GUIDE):
        guide = document is DocumentKind.GUIDE
        request = PrintRequest(document, item_id=item.id if guide else None)
        _result, pdf = make(station_db, tmp_path, request)
        text = pdf.text()
        assert "死亡注销审批程序流程图" in text, document
        assert "死亡注销办理流程图" not in text, document
        assert "设定依据《中华人民共和国户口登记条例》第八条" in text, document
        if document is DocumentKind.NOTICE_BOARD:
            assert "办理时限法定期限即时办结；承诺期限即时办结" in text
        else:
            assert "法定期限即时办结承诺期限即时办结" in text


@pytest.mark.parametrize(
    ("document", "paper", "landscape"),
    [
        (DocumentKind.GUIDE, "A4", False),
        (DocumentKind.NOTICE_BOARD, "A3", False),
        (DocumentKind.NOTICE_BOARD, "A3", True),
        (DocumentKind.NOTICE_BOARD, "A4", False),
    ],
)
def test_a_big_chart_is_printed_with_readable_text(
    station_db: Database,
    actors: Actors,
    tmp_path: Path,
    document: DocumentKind,
    paper: str,
    landscape: bool,
) -> None:
    """Issue 14, point 10: a 12-step chart's smallest text (posts, time limits, the
    conditions on its lines) is at least 7 pt on paper, its main text larger."""
    catalogue = Catalogue(station_db)
    content = licensing_content(catalogue, "旅馆业特种行业许可")
    content.flowchart = template_chart("site_check")
    assert len(content.flowchart.nodes) >= 12
    item = catalogue.changes.create(actors.clerk, content)
    publish(catalogue, actors, item.id)
    guide = document is DocumentKind.GUIDE
    request = PrintRequest(
        document, paper=paper, landscape=landscape, item_id=item.id if guide else None
    )
    result, pdf = make(station_db, tmp_path, request)
    sizes = [size for page in range(pdf.pages) for size in text_sizes(pdf, page)]
    small = [note for note in result.notes if "文字较小" in note]
    if landscape:
        # Two columns on the page, too narrow for the chart's three columns of steps:
        # the note says what prints it larger.
        assert small and "改用纵向打印更清楚" in small[0]
        assert min(sizes) >= 6.0
    else:
        assert not small
        assert min(sizes) >= MIN_CHART_TEXT_PT - 0.05


def test_drafts_are_printed_only_when_asked_for(
    station_db: Database, items: dict[str, int], tmp_path: Path
) -> None:
    request = PrintRequest(DocumentKind.NOTICE_BOARD, include_drafts=True)
    result, pdf = make(station_db, tmp_path, request)
    text = pdf.text()
    for expected in [
        "内部核对稿",
        "草稿事项乙【草稿】",
        "待审事项丙【待审核】",
        "新名称戊【草稿】",
    ]:
        assert expected in text, expected
    assert "旧名称丁" not in text and "撤回事项己" not in text
    assert result.items == 6
    assert any("1项已撤回" in note for note in result.notes)


@pytest.mark.parametrize("landscape", [False, True])
def test_the_a3_notice_board_is_legible_on_the_wall(
    demo_db: Database, tmp_path: Path, landscape: bool
) -> None:
    request = PrintRequest(DocumentKind.NOTICE_BOARD, paper="A3", landscape=landscape)
    result, pdf = make(demo_db, tmp_path, request)
    width, height = (float(v) for v in pdf.reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == ((1191, 842) if landscape else (842, 1191))
    sizes = Counter(round(size, 1) for page in range(pdf.pages) for size in text_sizes(pdf, page))
    body, _count = sizes.most_common(1)[0]
    assert body >= 12.0
    text = pdf.text()
    expected = list(Catalogue(demo_db).items.iter_items(ItemQuery(), in_force=True))
    assert result.items == len(expected) > 20
    for item in expected:
        assert compact(item.name) in text, item.name


def test_a_category_filter_prints_only_those_categories(
    station_db: Database, items: dict[str, int], tmp_path: Path
) -> None:
    catalogue = Catalogue(station_db)
    public_services = next(c for c in catalogue.reference.categories() if c.code == "06")
    request = PrintRequest(
        DocumentKind.NOTICE_BOARD, paper="A4", category_ids=frozenset({public_services.id})
    )
    result, pdf = make(station_db, tmp_path, request)
    text = pdf.text()
    assert "一、公共服务" in text and "公开的事项甲" in text
    assert "出生登记" not in text and "临时居民身份证工本费" not in text
    assert result.items == 2


def test_service_guide_has_every_field_materials_and_the_chart(
    station_db: Database, items: dict[str, int], tmp_path: Path
) -> None:
    request = PrintRequest(DocumentKind.GUIDE, item_id=items["出生登记"])
    result, pdf = make(station_db, tmp_path, request)
    text = pdf.text()
    for expected in [
        "出生登记",
        "办事指南",
        PROFILE.name,
        "HJ-001",
        "婴儿出生后一个月以内申报",
        "30个工作日",
        "1个工作日",
        "出生医学证明",
        "父母居民户口簿",
        "已附：出生申请书示范文本.pdf",
        "临时居民身份证工本费（每证10元）",
        "申请人提出申请",
        *GUIDE_LABELS,
    ]:
        assert expected in text, expected
    assert result.items == 1
    # The factory leaves some guide fields empty: the user is told which.
    assert any("设定依据" not in note and "办理流程" in note for note in result.notes)


def test_a_guide_needs_an_approved_licensing_item(
    station_db: Database, items: dict[str, int], actors: Actors, tmp_path: Path
) -> None:
    with pytest.raises(UserError, match="只有许可审批事项有办事指南"):
        produce(
            station_db,
            PrintRequest(DocumentKind.GUIDE, item_id=items["公开的事项甲"]),
            tmp_path / "x.pdf",
        )
    catalogue = Catalogue(station_db)
    draft = catalogue.changes.create(actors.clerk, licensing_content(catalogue, "收养登记"))
    with pytest.raises(UserError, match="请选择包含尚未审核的事项"):
        produce(station_db, PrintRequest(DocumentKind.GUIDE, item_id=draft.id), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    request = PrintRequest(DocumentKind.GUIDE, item_id=draft.id, include_drafts=True)
    _result, pdf = make(station_db, tmp_path, request)
    assert "收养登记【草稿】" in pdf.text() and "内部核对" in pdf.text()


def test_catalogue_list_is_a_landscape_table_with_ticks_and_groups(
    demo_db: Database, tmp_path: Path
) -> None:
    result, pdf = make(demo_db, tmp_path, PrintRequest(DocumentKind.CATALOGUE))
    width, height = (float(v) for v in pdf.reader.pages[0].mediabox[2:])
    assert width > height
    texts = [compact(t) for t in pdf.page_texts()]
    assert len(texts) > 1
    for text in texts:  # the header repeats on every page
        for label in CATALOGUE_LABELS:
            assert label in text, label
    text = "".join(texts)
    assert "√" in text and "一、领导信息" in text
    expected = list(Catalogue(demo_db).items.iter_items(ItemQuery(), in_force=True))
    assert result.items == len(expected)
    for item in expected:
        assert compact(item.name) in text, item.name
    fee = next(i for i in expected if i.kind is ItemKind.FEE)
    assert compact(fee.content.basis) in text


def hundred_node_chart() -> Flowchart:
    nodes = [FlowNode("n0", NodeKind.START, "开始", x=0, y=0)]
    for n in range(1, 99):
        nodes.append(
            FlowNode(f"n{n}", NodeKind.STEP, f"第{n}步审查", x=(n % 10) * 200, y=(n // 10) * 100)
        )
    nodes.append(FlowNode("n99", NodeKind.END, "结束", x=1800, y=1000))
    edges = [FlowEdge(f"e{n}", f"n{n}", f"n{n + 1}") for n in range(99)]
    return Flowchart("一百个环节", nodes, edges)


def test_hard_inputs_still_give_a_pdf_and_say_what_was_left_out(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    catalogue = Catalogue(station_db)
    long_basis = "依" * 5000
    content = catalogue_content(catalogue, "依据很长的事项")
    content.basis = long_basis
    publish(catalogue, actors, catalogue.changes.create(actors.clerk, content).id)
    sparse = licensing_content(catalogue, "信息很少的事项")
    assert sparse.guide is not None
    # Every optional field empty.
    sparse.guide = dataclasses.replace(
        sparse.guide,
        item_code="",
        phone="",
        complaint_phone="",
        procedure="",
        fee_text="",
        legal_limit_days=None,
    )
    sparse.flowchart = hundred_node_chart()
    publish(catalogue, actors, catalogue.changes.create(actors.clerk, sparse).id)
    admin = actors.admin
    station.update_profile(
        station_db, admin, dataclasses.replace(PROFILE, phone="", complaint_phone="")
    )

    for document in (DocumentKind.NOTICE_BOARD, DocumentKind.CATALOGUE):
        _result, pdf = make(station_db, tmp_path, PrintRequest(document, paper="A4"))
        text = pdf.text()
        assert text.count("依") >= 5000, document
        assert "信息很少的事项" in text
    board, pdf = make(station_db, tmp_path, PrintRequest(DocumentKind.NOTICE_BOARD))
    notes = "\n".join(board.notes)
    assert "单位信息中没有监督投诉电话" in notes
    assert "监督投诉电话：" not in pdf.text()
    assert "“信息很少的事项”未填写收费标准、咨询电话、监督投诉电话" in notes
    assert "100个环节" in notes
    guide_id = catalogue.items.search_ids(ItemQuery(text="信息很少的事项"))[0]
    guide, pdf = make(station_db, tmp_path, PrintRequest(DocumentKind.GUIDE, item_id=guide_id))
    assert "第98步审查" in pdf.text()
    assert "未填写事项编码、办理流程、法定期限、收费标准、咨询电话、监督投诉电话" in "".join(
        guide.notes
    )


def test_a_cancelled_job_leaves_the_old_file_alone(demo_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "board.pdf"
    target.write_bytes(b"the previous board")

    class CancelledWhileLayingOut(RecordingProgress):
        """Cancels once the writer has reported a page: the temporary file is half done."""

        def is_cancelled(self) -> bool:
            return any(text.startswith("正在排版：第") for _d, _t, text in self.reports)

    with pytest.raises(PrintCancelled):
        produce(demo_db, PrintRequest(DocumentKind.NOTICE_BOARD), target, CancelledWhileLayingOut())
    assert target.read_bytes() == b"the previous board"
    assert sorted(p.name for p in folder.iterdir()) == ["board.pdf"]


def test_a_document_is_read_in_one_transaction(demo_db: Database, tmp_path: Path) -> None:
    """Everything a printout shows comes from one read transaction (one snapshot of the
    database, one connection), not from a dozen reads that could each see another state."""
    begun: list[object] = []
    listener = begun.append
    event.listen(demo_db.engine, "begin", listener)
    try:
        for document in DocumentKind.NOTICE_BOARD, DocumentKind.CATALOGUE:
            begun.clear()
            produce(demo_db, PrintRequest(document), tmp_path / f"{document.value}.pdf")
            assert len(begun) == 1, document
    finally:
        event.remove(demo_db.engine, "begin", listener)


def test_unwritable_target_is_a_clear_error(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="文件夹不存在"):
        produce(demo_db, PrintRequest(DocumentKind.CATALOGUE), tmp_path / "无" / "x.pdf")


def test_the_fallback_font_still_prints_and_says_it_is_not_embedded(
    station_db: Database,
    items: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("GWGK_FONT", raising=False)
    monkeypatch.setattr(fonts, "system_paths", lambda: [])
    cjk_font.cache_clear()
    try:
        target = tmp_path / "fallback.pdf"
        result = produce(station_db, PrintRequest(DocumentKind.NOTICE_BOARD), target)
    finally:
        cjk_font.cache_clear()
    assert not result.font.embedded
    assert result.messages[0] == result.font.warning
    pdf = Pdf(target)
    assert pdf.fonts() == {"/STSong-Light": False}
    assert outside_page(pdf) == []
    assert "公开的事项甲" in pdf.text()
