"""``gwgk flowchart``: set an item's chart from quick-entry text or a template, show,
check, lay out and export it, all without the GUI."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import open_database
from tests.cli.conftest import Runner

TEXT = """标题：出生登记审批程序流程图
1. 申请人申报出生登记
2. 审核材料？（户籍民警，1个工作日）
   - 材料不全 → 一次性告知补正 → 2
   - 符合条件 → 3
3. 办理登记
4. 办结
"""


def licensing_id(path: Path) -> int:
    db = open_database(path, readonly=True)
    try:
        return Catalogue(db).items.search_ids(ItemQuery(kind=ItemKind.LICENSING))[0]
    finally:
        db.close()


def test_set_from_text_then_show_check_and_layout(run: Runner, demo_db_path: Path) -> None:
    db = str(demo_db_path)
    item = str(licensing_id(demo_db_path))
    code, out, err = run(
        "--db", db, "flowchart", "set", item, "--text", "-", "--user", "clerk",
        password="clerk123", stdin=TEXT,
    )  # fmt: skip
    assert code == 0, err
    assert "已保存" in out
    code, out, _ = run("--db", db, "flowchart", "show", item)
    assert code == 0
    assert out.startswith("标题：出生登记审批程序流程图\n1. 申请人申报出生登记\n")
    assert "（户籍民警，1个工作日）" in out
    code, out, err = run("--db", db, "flowchart", "check", item)
    assert code == 0 and "没有问题" in err
    code, out, _ = run(
        "--db", db, "flowchart", "layout", item, "--user", "clerk", password="clerk123"
    )
    assert code == 0
    code, out, _ = run("--db", db, "flowchart", "show", item, "--json")
    assert '"kind": "decision"' in out


def test_set_from_a_template_and_check_a_broken_text(
    run: Runner, demo_db_path: Path, tmp_path: Path
) -> None:
    db = str(demo_db_path)
    item = str(licensing_id(demo_db_path))
    code, out, err = run(
        "--db", db, "flowchart", "set", item, "--template", "on_the_spot", "--user", "clerk",
        password="clerk123",
    )  # fmt: skip
    assert code == 0, err
    assert "当场办理" in run("--db", db, "flowchart", "show", item)[1]
    broken = tmp_path / "broken.txt"
    broken.write_text("1. 申请\n2. 审查？\n   - 是 → 3\n3. 办结\n", encoding="utf-8")
    code, out, _ = run("flowchart", "check", "--text", str(broken))
    assert code == 1
    assert "至少需要两条向外的连线" in out


def test_mistakes_in_text_are_one_line_errors(run: Runner, demo_db_path: Path) -> None:
    item = str(licensing_id(demo_db_path))
    code, _out, err = run(
        "--db", str(demo_db_path), "flowchart", "set", item, "--text", "-", "--user", "clerk",
        password="clerk123", stdin="1. 申请 → 9\n",
    )  # fmt: skip
    assert code != 0
    assert err.startswith("错误：快速录入的内容有误：第1行：没有第9步")
    assert "Traceback" not in err


def test_only_licensing_items_take_a_chart(run: Runner, demo_db_path: Path) -> None:
    db = open_database(demo_db_path, readonly=True)
    try:
        other = Catalogue(db).items.search_ids(ItemQuery(kind=ItemKind.CATALOGUE))[0]
    finally:
        db.close()
    code, _, err = run(
        "--db", str(demo_db_path), "flowchart", "set", str(other), "--template", "standard",
        "--user", "clerk", password="clerk123",
    )  # fmt: skip
    assert code != 0 and "只有许可审批事项" in err


@pytest.mark.parametrize("suffix", [".svg", ".pdf", ".png"])
def test_export(run: Runner, demo_db_path: Path, tmp_path: Path, suffix: str) -> None:
    out_file = tmp_path / f"chart{suffix}"
    item = str(licensing_id(demo_db_path))
    code, _out, err = run(
        "--db", str(demo_db_path), "flowchart", "export", item, "--out", str(out_file)
    )
    assert code == 0, err
    data = out_file.read_bytes()
    if suffix == ".svg":
        assert b"<svg" in data and "受理审查".encode() in data
    elif suffix == ".pdf":
        assert data.startswith(b"%PDF")
    else:
        assert not QImage(str(out_file)).isNull()


def test_export_an_a4_page(run: Runner, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out_file = tmp_path / "page.pdf"
    code, _, err = run(
        "flowchart", "export", "--template", "standard", "--a4", "--out", str(out_file)
    )
    assert code == 0, err
    page = PdfReader(str(out_file)).pages[0]
    assert round(float(page.mediabox.width)) == 595  # A4
    assert "行政许可审批程序流程图" in page.extract_text()


def test_export_refuses_other_types_and_missing_charts(run: Runner, tmp_path: Path) -> None:
    code, _, err = run(
        "flowchart", "export", "--template", "standard", "--out", str(tmp_path / "a.doc")
    )
    assert code != 0 and ".svg" in err
    code, _, err = run("flowchart", "show")
    assert code != 0 and "请指定事项" in err


def test_templates_are_listed(run: Runner) -> None:
    code, out, _ = run("flowchart", "templates")
    assert code == 0
    assert out.splitlines()[0].startswith("standard\t行政许可标准程序")
