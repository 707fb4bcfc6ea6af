"""The annual report from a real register and catalogue: counted and entered figures,
validation of what is entered, the PDF read back, and the reports in the signed package."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from gwgk_desktop.domain.annual_report import add_up
from gwgk_desktop.domain.enums import Validity
from gwgk_desktop.domain.request_info import RequestInfo
from gwgk_desktop.domain.requests import ApplicantType, Outcome, RequestChannel, StepKind
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import PermissionDenied
from gwgk_desktop.services import annual_report, export, keys
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.requests import Register
from gwgk_desktop.store.database import Database
from gwgk_desktop.submission.errors import Failure, PackageError
from gwgk_desktop.submission.format import FORMAT_VERSION
from gwgk_desktop.submission.reader import open_package
from gwgk_desktop.submission.registry import Registry
from gwgk_desktop.submission.verify import verify_package
from tests.conftest import Actors
from tests.factories import catalogue_content
from tests.pdf.pdfcheck import Pdf
from tests.submission.tools import resign, verify_bytes

THIS_YEAR = dt.date.today().year


def request(received: dt.date, kind: ApplicantType = ApplicantType.NATURAL) -> RequestInfo:
    return RequestInfo(
        received=received,
        channel=RequestChannel.WEB,
        applicant_type=kind,
        applicant="申请人",
        content="某信息",
        phone="1",
        address="某地",
    )


def test_table_three_is_counted_from_the_register(station_db: Database, actors: Actors) -> None:
    register = Register(station_db, dt.date(2026, 12, 31))
    carried = register.register(
        actors.clerk, request(dt.date(2025, 12, 29), ApplicantType.BUSINESS)
    )
    register.record(
        actors.clerk, carried.id, StepKind.ANSWER, dt.date(2026, 1, 6), outcome=Outcome.NOT_HELD
    )
    answered = register.register(actors.clerk, request(dt.date(2026, 3, 2)))
    register.record(
        actors.clerk, answered.id, StepKind.ANSWER, dt.date(2026, 3, 3), outcome=Outcome.DISCLOSED
    )
    register.register(actors.clerk, request(dt.date(2026, 12, 28), ApplicantType.RESEARCH))
    report = annual_report.build(station_db, 2026, dt.date(2026, 12, 31))
    table = report.table3
    assert table.new == {**dict.fromkeys(table.new, 0), "自然人": 1, "科研机构": 1, "总计": 2}
    assert table.carried_in["商业企业"] == 1 and table.carried_in["总计"] == 1
    assert table.results[Outcome.NOT_HELD]["商业企业"] == 1
    assert table.results[Outcome.DISCLOSED]["自然人"] == 1
    assert table.carried_out["科研机构"] == 1 and table.carried_out["总计"] == 1
    assert table.balanced


def test_documents_are_counted_from_the_catalogue(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    made = []
    for name, validity, doc_number, publisher in (
        ("关于规范户籍窗口服务的通知", Validity.VALID, "河公〔2026〕3号", "测试市公安局河西派出所"),
        ("旧的值班制度", Validity.REPEALED, "河公〔2020〕1号", "测试市公安局河西派出所"),
        ("《居民身份证法》", Validity.VALID, "", "全国人民代表大会常务委员会"),
    ):
        content = catalogue_content(catalogue, name, code="02")
        content.validity, content.doc_number, content.publisher = validity, doc_number, publisher
        content.generated_date = dt.date(THIS_YEAR, 3, 1)
        item = catalogue.changes.create(actors.clerk, content)
        catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
        catalogue.review.transition(actors.reviewer, item.id, Action.APPROVE)
        made.append(item)
    draft = catalogue_content(catalogue, "未审核的规定", code="02")
    draft.doc_number, draft.publisher = "河公〔2026〕9号", "测试市公安局河西派出所"
    catalogue.changes.create(actors.clerk, draft)
    report = annual_report.build(station_db, THIS_YEAR)
    assert report.table2["行政规范性文件"] == {
        "本年制发件数": 2,
        "本年废止件数": 1,
        "现行有效件数": 1,
    }


def test_entered_figures_are_checked_and_kept(station_db: Database, actors: Actors) -> None:
    figures = annual_report.Entered()
    figures.table2["行政许可"]["本年处理决定数量"] = -1
    figures.table2["行政事业性收费"]["本年收费金额（单位：万元）"] = 1.23456
    figures.table4[("行政复议",)]["结果纠正"] = 2
    with pytest.raises(annual_report.ReportError) as raised:
        annual_report.save_entered(station_db, actors.clerk, 2026, figures)
    assert "行政许可“本年处理决定数量”应为不小于0的整数" in raised.value.message
    assert "最多4位小数" in raised.value.message
    figures.table2["行政许可"]["本年处理决定数量"] = 300
    figures.table2["行政事业性收费"]["本年收费金额（单位：万元）"] = 1.2345
    figures.texts["一"] = "总体情况。"
    with pytest.raises(PermissionDenied):
        annual_report.save_entered(station_db, actors.reviewer, 2026, figures)
    annual_report.save_entered(station_db, actors.clerk, 2026, figures)
    kept = annual_report.entered(station_db, 2026)
    assert kept.table2["行政许可"]["本年处理决定数量"] == 300
    assert kept.table4[("行政复议",)]["结果纠正"] == 2
    assert kept.texts["一"] == "总体情况。"
    assert annual_report.saved_years(station_db) == [2026]
    report = annual_report.build(station_db, 2026)
    assert report.table4_with_totals()[("行政复议",)]["总计"] == 2
    with pytest.raises(annual_report.ReportError, match="年度应在"):
        annual_report.build(station_db, THIS_YEAR + 1)


def test_the_report_pdf_reads_back(station_db: Database, actors: Actors, tmp_path: Path) -> None:
    register = Register(station_db, dt.date(2026, 12, 31))
    record = register.register(
        actors.clerk, request(dt.date(2026, 3, 2), ApplicantType.LEGAL_SERVICE)
    )
    register.record(
        actors.clerk, record.id, StepKind.ANSWER, dt.date(2026, 3, 9), outcome=Outcome.SECURITY
    )
    figures = annual_report.Entered()
    figures.texts["五"] = "专职人员不足，已加强培训。"
    annual_report.save_entered(station_db, actors.clerk, 2026, figures)
    written = annual_report.write_pdf(station_db, 2026, tmp_path / "年度报告.pdf")
    pdf = Pdf(written.path)
    text = pdf.text()
    assert "测试市公安局河西派出所2026年政府信息公开工作年度报告" in text
    for label in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
        "本年新收政府信息公开申请数量",
        "危及“三安全一稳定”",
        "结转下年度继续办理",
        "未经复议直接起诉",
        "专职人员不足，已加强培训。",
        "上表各列均满足第一项加第二项之和等于第三项总计加第四项之和",
    ):
        assert label in text, label
    assert pdf.page_texts()[0].strip().endswith("— 1 —") or "— 1 —" in pdf.page_texts()[0]
    assert all(pdf.fonts().values())
    assert Pdf(written.path).reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)


def test_the_package_carries_the_reports_and_still_verifies(
    demo_db: Database, demo_actors: Actors, tmp_path: Path
) -> None:
    years = annual_report.saved_years(demo_db)
    assert years == [THIS_YEAR - 1]
    result = export.export_package(
        demo_db, demo_actors.admin, tmp_path / "报送.gwgk", passphrase="gwgk-demo-key"
    )
    registry = Registry([keys.public_record(demo_db)])
    verified = verify_package(result.path, registry)
    assert verified.counts["annual_reports"] == 1
    with open_package(result.path) as package:
        assert package.manifest["format_version"] == FORMAT_VERSION
        [report] = package.annual_reports()
    assert report == annual_report.report_json(demo_db, THIS_YEAR - 1) | {
        "generated_on": report["generated_on"]
    }
    summed = add_up([report, report])
    assert (
        summed["三"]["一、本年新收政府信息公开申请数量"]["总计"]
        == 2 * report["三"]["一、本年新收政府信息公开申请数量"]["总计"]
    )
    # a count that does not match the file is refused, even signed by the station's key
    signer = keys.unlock(demo_db, "gwgk-demo-key")
    for wrong in (2, 0):

        def change(manifest: dict[str, Any], wrong: int = wrong) -> None:
            manifest["counts"]["annual_reports"] = wrong

        forged = resign(result.path.read_bytes(), signer, change)
        with pytest.raises(PackageError) as refused:
            verify_bytes(forged, registry)
        assert refused.value.failure is Failure.COUNTS_MISMATCH


def test_a_package_without_reports_has_no_report_file(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    catalogue = Catalogue(station_db)
    item = catalogue.changes.create(actors.clerk, catalogue_content(catalogue))
    catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
    catalogue.review.transition(actors.reviewer, item.id, Action.APPROVE)
    keys.create_key(station_db, actors.admin, "passphrase-123")
    result = export.export_package(
        station_db, actors.admin, tmp_path / "p.gwgk", passphrase="passphrase-123"
    )
    verify_package(result.path, Registry([keys.public_record(station_db)]))
    with open_package(result.path) as package:
        assert "annual_reports" not in package.manifest["counts"]
        assert package.annual_reports() == []


def test_the_json_file_is_the_reports_json(station_db: Database, tmp_path: Path) -> None:
    data = annual_report.report_json(station_db, 2026)
    annual_report.write_json(tmp_path / "r.json", data)
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) == data
