"""The inspection notice (通报): an official document with the round's figures, naming the
late and missing stations and what incomplete catalogues lack, the ranking as an
attachment, fonts embedded (the layout itself is ``pdf.official_document``'s, tested there)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gwgk_desktop.bureau import intake, rounds
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.notice import notice_text, write_notice
from gwgk_desktop.bureau.status import status, utc_start_of
from gwgk_desktop.cli import main
from tests.bureau.fixtures import City
from tests.pdf.pdfcheck import Pdf, compact


def _noon(day: dt.date) -> dt.datetime:
    return utc_start_of(day) + dt.timedelta(hours=12)


@pytest.fixture
def round_(registered: BureauDatabase, city: City) -> rounds.Round:
    on_time, late, _missing = city.packages(1)
    intake.take_in(registered, [on_time], received_at=_noon(dt.date(2026, 9, 18)))
    intake.take_in(registered, [late], received_at=_noon(dt.date(2026, 9, 23)))
    return rounds.add_round(registered, "集中填报", dt.date(2026, 9, 10), dt.date(2026, 9, 20))


def test_the_notice_names_who_is_late_missing_and_incomplete(
    registered: BureauDatabase, city: City, round_: rounds.Round, tmp_path: Path
) -> None:
    out = tmp_path / "通报.pdf"
    result = write_notice(registered, out, round_, date=dt.date(2026, 9, 30))
    pdf = Pdf(out)
    assert pdf.pages == result.pages >= 2
    text = pdf.text()
    first, late, missing = (s.profile.name for s in city.stations)
    assert compact("关于2026年集中填报阶段政务公开目录报送情况的通报") in text
    assert "市公安局政务公开办公室" in text and "〔2026〕" in text
    assert compact(f"逾期报送的单位（1个）：{late}（9月23日送达）") in text
    assert compact(f"未报送的单位（1个）：{missing}") in text
    assert "报送率66.7%" in text and "按时报送率33.3%" in text
    assert "附件各单位政务公开目录报送情况排名表" in text
    assert "2026年9月30日印发" in text
    # The attachment ranks on time, late, missing.
    attachment = compact(pdf.page_texts()[-1])
    assert attachment.index(first) < attachment.index(late) < attachment.index(missing)
    assert all(pdf.fonts().values()), pdf.fonts()  # every font embedded
    assert "—1—" in compact(pdf.page_texts()[0])


def test_the_body_tells_what_a_catalogue_lacks(
    registered: BureauDatabase, round_: rounds.Round
) -> None:
    report = status(registered, round_, dt.date(2099, 1, 1))  # every update date has passed
    text = notice_text(report, "市公安局政务公开办公室", dt.date(2099, 1, 1))
    assert text.incomplete and all("逾期未更新" in p.details for p in text.incomplete)
    assert [r[0] for r in text.ranking] == ["1", "2", "3"]
    assert text.number == "　　〔2099〕　　号"


def test_the_notice_from_the_command_line(
    bureau_target: str, round_: rounds.Round, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "通报.pdf"
    args = ["bureau", "notice", "--db", bureau_target, "--round", "集中填报", "--out", str(out)]
    assert main([*args, "--number", "示公政办〔2026〕12号"]) == 0
    assert "已生成通报" in capsys.readouterr().out
    assert "示公政办〔2026〕12号" in Pdf(out).text()
