"""``gwgk guide``: the user guide as a PDF from the command line, its pages listed, and a
place it cannot be written to refused with one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwgk_desktop.services import user_guide
from tests.cli.conftest import Runner
from tests.pdf.pdfcheck import Pdf


def test_guide_list_names_every_page(run: Runner) -> None:
    code, out, _err = run("guide", "--list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{user_guide.INDEX}\t使用手册"
    assert "flowchart.md\t审批程序流程图" in lines
    assert len(lines) == len(user_guide.pages())


def test_guide_pdf_into_a_folder_gets_its_name(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _err = run("guide", "--out", str(tmp_path))
    assert code == 0, out
    target = tmp_path / user_guide.PDF_NAME
    pdf = Pdf(target)
    assert f"共 {pdf.pages} 页" in out
    assert "快捷键" in pdf.text()


def test_guide_pdf_where_it_cannot_be_written(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "没有这个文件夹" / "手册.pdf"
    code, _out, err = run("guide", "--out", str(target))
    assert code != 0
    assert "没有这个文件夹" in err and err.count("\n") <= 2
    assert not target.parent.exists()
