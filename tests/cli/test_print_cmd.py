"""``gwgk print``: files written, what the output says, errors without tracebacks."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gwgk_desktop.cli import main
from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.pdf import fonts
from gwgk_desktop.pdf.fonts import cjk_font
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import open_database
from tests.pdf.pdfcheck import Pdf


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def licensing_ids(path: Path) -> tuple[str, str]:
    """The 索引号 of a published and of a merely submitted licensing item."""
    with open_database(path, readonly=True) as db:
        catalogue = Catalogue(db)
        rows = catalogue.items.list_rows(ItemQuery(kind=ItemKind.LICENSING))
        live = next(r for r in rows if catalogue.items.live(r.id) is not None)
        pending = next(r for r in rows if catalogue.items.live(r.id) is None)
        return live.index_number, pending.index_number


def test_notice_board(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "公开栏.pdf"
    code, stdout, stderr = run(
        capsys,
        "print",
        "notice-board",
        "--db",
        str(demo_db_path),
        "--out",
        str(out),
        "--paper",
        "A4",
        "--landscape",
        "--date",
        "2026-09-20",
    )
    assert code == 0, stderr
    assert f"已生成：{out}（政务公开栏，共 {Pdf(out).pages} 页" in stdout
    assert "已嵌入" in stdout and stderr == ""
    assert "还没有审核通过的版本" in stdout  # the demo has drafts; they are left out
    text = Pdf(out).text()
    assert "示范市公安局城关派出所" in text and "2026年9月20日" in text


def test_guide_by_index_number_to_a_default_file_name(
    demo_db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    live, pending = licensing_ids(demo_db_path)
    monkeypatch.chdir(tmp_path)
    code, stdout, _err = run(capsys, "--db", str(demo_db_path), "print", "guide", "--item", live)
    assert code == 0
    written = list(tmp_path.glob("*办事指南.pdf"))
    assert len(written) == 1 and written[0].name in stdout
    code, _out, stderr = run(capsys, "print", "guide", "--db", str(demo_db_path), "--item", pending)
    assert code == 2 and "还没有审核通过的版本" in stderr and "Traceback" not in stderr
    assert "如需打印核对稿，请加 --drafts" in stderr  # in the command line's terms
    code, _out, _err = run(
        capsys,
        "print",
        "guide",
        "--db",
        str(demo_db_path),
        "--item",
        pending,
        "--drafts",
        "--out",
        str(tmp_path / "draft.pdf"),
    )
    assert code == 0 and "内部核对" in Pdf(tmp_path / "draft.pdf").text()


def test_catalogue_for_chosen_categories(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "目录.pdf"
    code, stdout, _err = run(
        capsys,
        "print",
        "catalogue",
        "--db",
        str(demo_db_path),
        "--out",
        str(out),
        "--category",
        "03",
        "--category",
        "行政事业性收费",
    )
    assert code == 0
    text = Pdf(out).text()
    assert "一、行政依据" in text and "二、行政事业性收费" in text
    assert "领导信息" not in text
    assert "政务公开事项目录" in stdout


def test_bad_input_gives_one_line_and_a_non_zero_exit(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_db_path)
    code, _out, stderr = run(
        capsys,
        "print",
        "catalogue",
        "--db",
        db,
        "--category",
        "无此类别",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert code == 2 and stderr.startswith("错误：没有信息类别“无此类别”")
    code, _out, stderr = run(capsys, "print", "guide", "--db", db, "--item", "999999")
    assert code == 7 and "找不到事项" in stderr
    code, _out, stderr = run(capsys, "print", "guide", "--db", db, "--item", "1")
    assert code == 2 and "只有许可审批事项有办事指南" in stderr
    code, _out, stderr = run(capsys, "print", "notice-board", "--db", str(tmp_path / "无.sqlite"))
    assert code == 3 and "找不到数据库文件" in stderr
    code, _out, stderr = run(
        capsys, "print", "notice-board", "--db", db, "--out", str(tmp_path / "无此文件夹" / "x.pdf")
    )
    assert code == 4 and "文件夹不存在" in stderr  # WriteFailed, as for every file
    assert not list(tmp_path.glob("*.pdf"))
    with pytest.raises(SystemExit):
        main(["print", "notice-board", "--db", db, "--date", "2026-13-01"])


def test_font_warnings_are_printed(
    demo_db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("GWGK_FONT", raising=False)
    monkeypatch.setattr(fonts, "system_paths", lambda: [])
    bogus = tmp_path / "bogus.ttf"
    bogus.write_bytes(b"\0" * 64)
    cjk_font.cache_clear()
    try:
        code, stdout, stderr = run(
            capsys,
            "print",
            "catalogue",
            "--db",
            str(demo_db_path),
            "--out",
            str(tmp_path / "c.pdf"),
            "--font",
            str(bogus),
        )
    finally:
        cjk_font.cache_clear()
    assert code == 0
    assert f"警告：指定的字体文件 {bogus} 不能使用" in stderr
    assert "警告：未找到可嵌入的中文字体" in stderr and "STSong-Light" in stderr
    assert "已嵌入" not in stdout
    assert Pdf(tmp_path / "c.pdf").fonts() == {"/STSong-Light": False}


def test_in_process_printing_leaves_the_garbage_collector_as_it_was(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A one-shot command collects garbage less often; called in-process (as here) it
    puts the collector back and freezes nothing."""
    before = gc.get_threshold(), gc.get_freeze_count()
    code, _out, err = run(
        capsys, "print", "notice-board", "--db", str(demo_db_path), "--out", str(tmp_path / "a.pdf")
    )
    assert code == 0, err
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_the_board_printed_by_the_real_command_with_a_cold_and_a_warm_font_cache(
    demo_db_path: Path, tmp_path: Path
) -> None:
    """Two runs of ``gwgk print notice-board`` as a user starts it: the first parses the
    font and fills the cache folder, the second reads it; both PDFs embed the font and
    say the same."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    texts = []
    command = [sys.executable, "-m", "gwgk_desktop", "--db", str(demo_db_path), "print"]
    for run_no in (1, 2):
        out = tmp_path / f"board{run_no}.pdf"
        done = subprocess.run(
            [*command, "notice-board", "--out", str(out), "--date", "2026-09-20"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "已嵌入" in done.stdout
        texts.append(Pdf(out).text())
        assert list((tmp_path / "cache").rglob("ttf-*.marshal"))
    assert texts[0] == texts[1] and "示范市公安局城关派出所" in texts[0]


def test_printing_reads_nothing_through_the_orm(demo_db_path: Path, tmp_path: Path) -> None:
    """``gwgk print`` reads what it shows with selects of the tables' columns: the first
    ORM query of a process configures every mapped class (a twentieth of a notice
    board's time), so a printed document must not make one. Nor does a command line
    without mistakes compile the patterns that translate argparse's errors."""
    check = (
        "import sys; from gwgk_desktop.cli import main, parser; code = main(sys.argv[1:]); "
        "from sqlalchemy import inspect; from gwgk_desktop.store.models import ItemRow; "
        "assert not inspect(ItemRow).configured, 'the ORM was configured'; "
        "assert parser._compiled.cache_info().misses == 0, 'error patterns compiled'; "
        "sys.exit(code)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for document in ("notice-board", "catalogue"):
        out = tmp_path / f"{document}.pdf"
        command = ["--db", str(demo_db_path), "print", document, "--out", str(out)]
        done = subprocess.run(
            [sys.executable, "-c", check, *command],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert Pdf(out).pages > 1
