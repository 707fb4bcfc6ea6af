"""The privacy check before submit, approve, print and export: ID and bank card numbers
block with the field named and the number masked, mobile numbers warn, masking is offered,
and the rules come with the reference template (older templates fall back to the shipped
rules)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from gwgk_desktop.domain import privacy as domain_privacy
from gwgk_desktop.domain.enums import Status
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.domain.request_info import RequestInfo
from gwgk_desktop.domain.requests import ApplicantType, RequestChannel, RequestDocument
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import PermissionDenied
from gwgk_desktop.services import export, privacy, template
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.demo import demo_key_passphrase
from gwgk_desktop.services.printing import DocumentKind, PrintRequest, produce
from gwgk_desktop.services.privacy import PrivacyBlocked
from gwgk_desktop.services.request_documents import write_document
from gwgk_desktop.services.requests import Register
from gwgk_desktop.services.template import TemplateError
from gwgk_desktop.store.database import Database
from gwgk_desktop.submission.format import ITEM_FILES
from tests.conftest import Actors
from tests.factories import catalogue_content
from tests.pdf.pdfcheck import Pdf, compact

ID_NUMBER = "11010519900307123" + domain_privacy.id18_check_char("11010519900307123")
MASKED_ID = "110105********" + ID_NUMBER[-4:]


def _template(newer_by: int, levels: str | None = None, drop: bool = False) -> dict[str, Any]:
    """The shipped template as a version ``newer_by`` above it: every rule at ``levels``,
    or without the privacy section (a template from before the check) when ``drop``."""
    payload = copy.deepcopy(template.builtin_template())
    payload["version"] += newer_by
    if drop:
        del payload["privacy"]
    elif levels is not None:
        for rule in payload["privacy"]["rules"]:
            rule["level"] = levels
    return payload


def _install(db: Database, payload: dict[str, Any]) -> template.TemplateChanges:
    with db.write() as session:
        return template.install(session, payload, Actor.system())


def _item_with_id(db: Database, actors: Actors, where: str = "content") -> int:
    catalogue = Catalogue(db)
    content = catalogue_content(catalogue, "户籍业务办理公示")
    setattr(content, where, f"办理人：张三，公民身份号码{ID_NUMBER}。")
    return catalogue.changes.create(actors.clerk, content).id


def _approved_with_id(db: Database, actors: Actors) -> int:
    """An item that got through review while the bureau's rules only warned; the stricter
    template installed afterwards blocks it."""
    _install(db, _template(1, levels="warn"))
    item_id = _item_with_id(db, actors)
    catalogue = Catalogue(db)
    catalogue.review.transition(actors.clerk, item_id, Action.SUBMIT)
    catalogue.review.transition(actors.reviewer, item_id, Action.APPROVE)
    _install(db, _template(2))
    return item_id


def test_submit_is_refused_naming_the_field_and_the_masked_number(
    station_db: Database, actors: Actors
) -> None:
    item_id = _item_with_id(station_db, actors)
    catalogue = Catalogue(station_db)
    with pytest.raises(PrivacyBlocked) as refused:
        catalogue.review.transition(actors.clerk, item_id, Action.SUBMIT)
    assert "不能提交审核" in refused.value.message
    assert f"公开内容（要素）有居民身份证号码 {MASKED_ID}" in refused.value.message
    assert ID_NUMBER not in refused.value.message
    assert catalogue.items.get(item_id).status is Status.DRAFT  # nothing changed


def test_approve_is_refused_when_the_rules_block(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    _install(station_db, _template(1, levels="warn"))
    item_id = _item_with_id(station_db, actors)
    catalogue.review.transition(actors.clerk, item_id, Action.SUBMIT)  # only a warning now
    _install(station_db, _template(2))
    with pytest.raises(PrivacyBlocked, match="不能审核通过"):
        catalogue.review.transition(actors.reviewer, item_id, Action.APPROVE)
    assert catalogue.items.get(item_id).status is Status.PENDING


def test_mobile_numbers_only_warn(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    content = catalogue_content(catalogue)
    content.summary = "联系人手机13812345678"
    item_id = catalogue.changes.create(actors.clerk, content).id
    catalogue.review.transition(actors.clerk, item_id, Action.SUBMIT)
    found = privacy.check_item(station_db, item_id)
    assert [f.line() for f in found.warnings] == ["内容概述有手机号码 138****5678"]
    assert found.blocked == []


def test_masking_a_draft_is_an_edit_and_then_it_can_be_submitted(
    station_db: Database, actors: Actors
) -> None:
    item_id = _item_with_id(station_db, actors)
    catalogue = Catalogue(station_db)
    item = privacy.mask_item(station_db, actors.clerk, item_id, 1)
    assert item.content.content == f"办理人：张三，公民身份号码{MASKED_ID}。"
    assert item.revision == 1 and item.status is Status.DRAFT
    assert catalogue.items.history(item_id)[-1].action == "item.update"
    catalogue.review.transition(actors.clerk, item_id, Action.SUBMIT)


def test_masking_an_approved_item_makes_a_draft_to_review_again(
    station_db: Database, actors: Actors
) -> None:
    item_id = _approved_with_id(station_db, actors)
    item = privacy.mask_item(station_db, actors.clerk, item_id, 1)
    assert (item.revision, item.status) == (2, Status.DRAFT)
    assert not privacy.check_item(station_db, item_id).findings


def test_a_reviewer_cannot_mask_content(station_db: Database, actors: Actors) -> None:
    item_id = _item_with_id(station_db, actors)
    with pytest.raises(PermissionDenied):
        privacy.mask_item(station_db, actors.reviewer, item_id, 1)


def test_a_template_without_rules_falls_back_to_the_shipped_ones(
    station_db: Database, actors: Actors
) -> None:
    _install(station_db, _template(1, drop=True))
    item_id = _item_with_id(station_db, actors)
    with pytest.raises(PrivacyBlocked):
        Catalogue(station_db).review.transition(actors.clerk, item_id, Action.SUBMIT)


def test_the_template_decides_block_or_warn(station_db: Database, actors: Actors) -> None:
    changes = _install(station_db, _template(1, levels="warn"))
    assert "个人信息检查规则有变化" in changes.lines()
    item_id = _item_with_id(station_db, actors)
    Catalogue(station_db).review.transition(actors.clerk, item_id, Action.SUBMIT)


def test_a_template_with_malformed_rules_is_refused(station_db: Database) -> None:
    payload = _template(1)
    payload["privacy"]["rules"][0]["pattern"] = "[0-9"
    with pytest.raises(TemplateError, match="居民身份证号码）的正则表达式有误"):
        _install(station_db, payload)


def test_printing_refuses_then_prints_masked_on_request(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    _approved_with_id(station_db, actors)
    target = tmp_path / "公开栏.pdf"
    request = PrintRequest(DocumentKind.NOTICE_BOARD, date=dt.date(2026, 9, 1))
    with pytest.raises(PrivacyBlocked, match="不能打印"):
        produce(station_db, request, target)
    assert not target.exists()
    result = produce(station_db, PrintRequest(**{**vars(request), "mask_private": True}), target)
    text = compact(Pdf(result.path).text())
    assert MASKED_ID in text and ID_NUMBER not in text
    assert any("已对1处个人信息打码" in note for note in result.notes)
    # The database keeps what the clerk typed; only the paper is masked.
    assert privacy.check_items(station_db).blocked


def test_request_documents_go_to_the_applicant_unchecked(
    station_db: Database, actors: Actors, tmp_path: Path
) -> None:
    # A 依申请公开 document is sent to the applicant, not published: it must carry their
    # name, contact and what they asked for (here about their own ID number) in full.
    _approved_with_id(station_db, actors)  # the station's rules block ID numbers
    register = Register(station_db, dt.date(2026, 11, 3))
    record = register.register(
        actors.clerk,
        RequestInfo(
            received=dt.date(2026, 11, 2),
            channel=RequestChannel.IN_PERSON,
            applicant_type=ApplicantType.NATURAL,
            applicant="张三",
            content=f"本人（公民身份号码{ID_NUMBER}）的户籍登记信息",
            id_number=ID_NUMBER,
            phone="13812345678",
            address="测试市河西区长江路2号",
        ),
    )
    written = write_document(
        station_db, record.id, RequestDocument.RECEIPT, tmp_path / "登记回执.pdf"
    )
    text = Pdf(written.path).text()
    assert ID_NUMBER in text and "13812345678" in text and MASKED_ID not in text


def test_export_refuses_then_exports_masked_on_request(
    demo_db: Database, demo_actors: Actors, tmp_path: Path
) -> None:
    item_id = _approved_with_id(demo_db, demo_actors)
    check = export.check_export(demo_db)
    assert [f.message for f in check.errors] == [
        f"公开内容（要素）有居民身份证号码 {MASKED_ID}，"
        "不能公开，请打码后再报送（或选择打码后导出）"
    ]
    out = tmp_path / "报送.gwgk"
    with pytest.raises(export.ExportBlocked):
        export.export_package(demo_db, demo_actors.admin, out, passphrase=demo_key_passphrase())
    assert not out.exists()
    result = export.export_package(
        demo_db, demo_actors.admin, out, passphrase=demo_key_passphrase(), mask_private=True
    )
    assert any("已打码后报送" in w.message for w in result.warnings)
    with zipfile.ZipFile(out) as package:
        lines = package.read(ITEM_FILES["catalogue"]).decode("utf-8").splitlines()
        manifest = package.read("manifest.json").decode("utf-8")
    uuid = Catalogue(demo_db).items.get(item_id).uuid
    record = next(json.loads(line) for line in lines if json.loads(line)["uuid"] == uuid)
    assert record["content"]["content"] == f"办理人：张三，公民身份号码{MASKED_ID}。"
    assert ID_NUMBER not in manifest and MASKED_ID in manifest


def test_check_items_lists_every_finding(station_db: Database, actors: Actors) -> None:
    _item_with_id(station_db, actors)
    _item_with_id(station_db, actors, where="basis")
    report = privacy.check_items(station_db)
    assert report.blocked
    assert [line.split("：", 1)[1] for line in report.lines()] == [
        f"公开内容（要素）有居民身份证号码 {MASKED_ID}（禁止公开）",
        f"公开依据有居民身份证号码 {MASKED_ID}（禁止公开）",
    ]
