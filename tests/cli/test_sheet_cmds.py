"""``gwgk sheet template|import|export`` headless: the dry run's report and exit codes,
importing with a saved mapping, re-importing, exporting, bad files."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from gwgk_desktop.store.database import open_database
from tests.cli.conftest import Runner
from tests.conftest import PASSWORDS
from tests.sheets import FIXTURES, snapshot
from tests.sheets.layouts import build


def test_template_import_and_export(run: Runner, station_db_path: Path, tmp_path: Path) -> None:
    db = str(station_db_path)
    code, out, _ = run("sheet", "template", "--out", str(tmp_path / "空白.xlsx"))
    assert code == 0 and "已生成空白目录表" in out
    assert load_workbook(tmp_path / "空白.xlsx").sheetnames == ["政务公开目录", "填表说明"]

    sheet = tmp_path / "目录.xlsx"
    build("standard", sheet)
    mapping = tmp_path / "映射.json"
    code, out, _ = run(
        "sheet",
        "import",
        str(sheet),
        "--db",
        db,
        "--user",
        "clerk",
        "--dry-run",
        "--save-mapping",
        str(mapping),
        "--report",
        str(tmp_path / "报告.txt"),
        password=PASSWORDS["clerk"],
    )
    assert code == 0
    assert "导入后将新建6项，更新0项，未变0项" in out and "只做了检查，没有导入" in out
    assert (tmp_path / "报告.txt").read_text(encoding="utf-8") in out
    assert json.loads(mapping.read_text(encoding="utf-8"))["columns"]["C"]["meaning"] == "level2"
    with open_database(station_db_path) as database:
        assert snapshot(database)[0] == 0  # the dry run wrote nothing

    code, out, _ = run(
        "sheet",
        "import",
        str(sheet),
        "--db",
        db,
        "--user",
        "clerk",
        "--mapping",
        str(mapping),
        stdin=PASSWORDS["clerk"] + "\n",
    )
    assert code == 0 and "已导入：新建6项，更新0项，未变0项" in out
    code, out, _ = run(
        "sheet",
        "import",
        str(FIXTURES / "standard.xls"),
        "--db",
        db,
        "--user",
        "clerk",
        password=PASSWORDS["clerk"],
    )
    assert code == 0 and "已导入：新建0项，更新0项，未变6项" in out

    code, out, _ = run("sheet", "export", "--db", db, "--out", str(tmp_path / "出.xlsx"))
    assert code == 0 and "（0 个事项）" in out and "未导出" in out
    code, out, _ = run(
        "sheet",
        "export",
        "--db",
        db,
        "--out",
        str(tmp_path / "出.xlsx"),
        "--drafts",
        "--category",
        "行政依据",
    )
    assert code == 0 and "（3 个事项）" in out
    code, _, err = run(
        "sheet", "export", "--db", db, "--out", str(tmp_path / "x.xlsx"), "--category", "99"
    )
    assert code != 0 and "没有信息类别“99”" in err


def test_a_sheet_with_errors_exits_non_zero_and_imports_nothing(
    run: Runner, station_db_path: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "错.xlsx"
    build("with_errors", sheet)
    for extra in (["--dry-run"], []):
        code, out, err = run(
            "sheet",
            "import",
            str(sheet),
            "--db",
            str(station_db_path),
            "--user",
            "clerk",
            *extra,
            password=PASSWORDS["clerk"],
        )
        assert code == 9
        assert "第6行，C列“公开事项／二级事项”：缺少事项名称" in out
        assert "没有导入" in err
    with open_database(station_db_path) as database:
        assert snapshot(database)[0] == 0


def test_bad_files_and_passwords(run: Runner, station_db_path: Path, tmp_path: Path) -> None:
    db = str(station_db_path)
    code, _, err = run(
        "sheet",
        "import",
        str(FIXTURES / "password.xlsx"),
        "--db",
        db,
        "--user",
        "clerk",
        password=PASSWORDS["clerk"],
    )
    assert code == 10 and "设置了打开密码" in err and "password-protected" in err
    assert err.count("\n") == 1
    sheet = tmp_path / "a.xlsx"
    build("standard", sheet)
    code, _, err = run(
        "sheet", "import", str(sheet), "--db", db, "--user", "clerk", password="wrong"
    )
    assert code != 0 and "密码" in err
    code, _, err = run(
        "sheet",
        "import",
        str(sheet),
        "--db",
        db,
        "--user",
        "clerk",
        "--mapping",
        str(sheet),
        password=PASSWORDS["clerk"],
    )
    assert code != 0 and "映射文件不是有效的 JSON" in err


def test_export_refuses_an_id_number_unless_masked(
    run: Runner, station_db_path: Path, tmp_path: Path
) -> None:
    from tests.conftest import actors_of
    from tests.services.test_privacy import _approved_with_id

    with open_database(station_db_path) as database:
        _approved_with_id(database, actors_of(database))
    out = str(tmp_path / "目录.xlsx")
    code, _, err = run("sheet", "export", "--db", str(station_db_path), "--out", out)
    assert code == 9 and "发现不能公开的个人信息，不能导出" in err
    assert not (tmp_path / "目录.xlsx").exists()
    code, out_text, _ = run(
        "sheet", "export", "--db", str(station_db_path), "--out", out, "--mask-private"
    )
    assert code == 0 and "打码后导出" in out_text
