"""``gwgk privacy`` and the privacy check of ``gwgk review``, ``gwgk print`` and
``gwgk export``, headless."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwgk_desktop.cli import main
from gwgk_desktop.domain.enums import Status
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store.database import Database
from tests.conftest import Actors
from tests.factories import catalogue_content
from tests.services.test_privacy import ID_NUMBER, MASKED_ID


@pytest.fixture
def item_id(station_db: Database, actors: Actors, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("GWGK_PASSWORD", "clerk123")
    catalogue = Catalogue(station_db)
    content = catalogue_content(catalogue, "户籍业务办理公示")
    content.content = f"办理人身份证{ID_NUMBER}，手机13812345678"
    return catalogue.changes.create(actors.clerk, content).id


def test_check_lists_findings_masked_and_fails(
    station_db: Database, item_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(station_db.path), "privacy", "check"]) == 1
    out = capsys.readouterr().out
    assert f"公开内容（要素）有居民身份证号码 {MASKED_ID}（禁止公开）" in out
    assert "手机号码 138****5678（提醒）" in out
    assert "1处禁止公开，1处提醒" in out
    assert ID_NUMBER not in out


def test_review_submit_is_refused_then_mask_lets_it_through(
    station_db: Database, item_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(station_db.path)]
    assert main([*db, "review", "submit", str(item_id), "--user", "clerk"]) == 9
    err = capsys.readouterr().err
    assert "不能提交审核" in err and MASKED_ID in err and "Traceback" not in err
    assert main([*db, "privacy", "mask", str(item_id), "--user", "clerk"]) == 0
    assert f"已打码：公开内容（要素）有居民身份证号码 {MASKED_ID}" in capsys.readouterr().out
    assert main([*db, "review", "submit", str(item_id), "--user", "clerk"]) == 0
    assert Catalogue(station_db).items.get(item_id).status is Status.PENDING
    assert main([*db, "privacy", "check", str(item_id)]) == 0


def test_review_warns_about_mobile_numbers(
    station_db: Database, actors: Actors, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    catalogue = Catalogue(station_db)
    content = catalogue_content(catalogue)
    content.summary = "联系人13812345678"
    created = catalogue.changes.create(actors.clerk, content)
    args = ["--db", str(station_db.path), "review", "submit", str(created.id), "--user", "clerk"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GWGK_PASSWORD", "clerk123")
        assert main(args) == 0
    assert "注意：内容概述有手机号码 138****5678，请确认可以公开" in capsys.readouterr().err


def test_print_refuses_and_masks_on_request(
    station_db: Database, item_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "核对稿.pdf"
    args = ["--db", str(station_db.path), "print", "notice-board", "--drafts", "--out", str(out)]
    assert main(args) == 9
    assert "不能打印" in capsys.readouterr().err
    assert not out.exists()
    assert main([*args, "--mask-private"]) == 0
    assert "已对2处个人信息打码" in capsys.readouterr().out
    assert out.is_file()
