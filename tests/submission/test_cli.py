"""The package commands end to end, as a station and the bureau would run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gwgk_desktop.cli import main
from gwgk_desktop.services.template import builtin_template
from tests.submission.conftest import PASSPHRASE


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("GWGK_KEY_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("GWGK_PASSWORD", "admin123")
    return monkeypatch


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_station_to_bureau(
    demo_db_path: Path, tmp_path: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = demo_db_path
    code, out, _ = run(capsys, "keys", "show", "--db", db)
    assert code == 0 and "使用中" in out
    public = tmp_path / "station-key.json"
    assert run(capsys, "keys", "export-public", "--db", db, "--out", public)[0] == 0
    assert run(capsys, "keys", "form", "--db", db, "--out", tmp_path / "form.pdf")[0] == 0
    package = tmp_path / "first.gwgk"
    code, out, err = run(
        capsys, "export", "--db", db, "--out", package, "--receipt", tmp_path / "r.pdf"
    )
    assert code == 0, err
    assert "已导出第1号报送包" in out and (tmp_path / "r.pdf").exists()

    # The bureau: registry from the station's public-key file, then verify with state.
    registry = tmp_path / "registry.json"
    code, out, _ = run(capsys, "registry", "merge", "--registry", registry, public)
    assert code == 0 and "请与纸质登记表逐组核对" in out
    state = tmp_path / "state.json"
    code, out, _ = run(capsys, "verify", package, "--keys", registry, "--state", state)
    assert code == 0 and "报送包有效" in out and "第1号报送" in out
    code, out, err = run(capsys, "verify", package, "--keys", registry, "--state", state)
    assert code == 10 and out == ""
    assert err.count("\n") == 1 and "报送包无效：重复报送" in err and "replay" in err
    # A public-key file is itself a registry.
    assert run(capsys, "verify", package, "--keys", public)[0] == 0
    # The bureau's check as its own process loads no database layer and no Qt.
    checked = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from gwgk_desktop.cli import main; code = main(sys.argv[1:]); "
            "loaded = [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'PySide6')]; "
            "assert not loaded, loaded; sys.exit(code)",
            "verify",
            str(package),
            "--keys",
            str(public),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0 and "报送包有效" in checked.stdout, checked.stderr

    code, out, _ = run(capsys, "exports", "--db", db)
    assert code == 0 and out.startswith("第1号")
    assert (
        run(capsys, "receipt", "--db", db, "--sequence", "1", "--out", tmp_path / "r2.pdf")[0] == 0
    )

    (key_id,) = json.loads(public.read_text())["keys"][0]["key_id"].split()
    assert run(capsys, "registry", "revoke", "--registry", registry, key_id)[0] == 0
    code, out, _ = run(capsys, "registry", "list", "--registry", registry)
    assert "已吊销" in out
    code, _, err = run(capsys, "verify", package, "--keys", registry)
    assert code == 10 and "已被吊销" in err


def test_key_init_replace_and_passphrase(
    station_db_path: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = station_db_path
    code, _, err = run(capsys, "keys", "init", "--db", db, "--user", "admin")
    assert code == 0, err
    code, _, err = run(capsys, "keys", "init", "--db", db, "--user", "admin")
    assert code != 0 and "更换密钥" in err
    assert run(capsys, "keys", "init", "--db", db, "--user", "admin", "--replace")[0] == 0
    env.setenv("GWGK_NEW_KEY_PASSPHRASE", "another passphrase")
    assert run(capsys, "keys", "passphrase", "--db", db, "--user", "admin")[0] == 0
    code, out, _ = run(capsys, "keys", "show", "--db", db)
    assert out.count("已停用") == 1 and out.count("使用中") == 1


def test_errors_are_one_line(
    demo_db_path: Path, tmp_path: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env.setenv("GWGK_KEY_PASSPHRASE", "wrong passphrase")
    code, _, err = run(capsys, "export", "--db", demo_db_path, "--out", tmp_path / "x.gwgk")
    assert code == 11 and err.strip() == "错误：密钥口令不正确 (wrong key passphrase)"
    assert not (tmp_path / "x.gwgk").exists()
    not_a_package = tmp_path / "notes.gwgk"
    not_a_package.write_text("hello")
    registry = tmp_path / "empty-registry.json"
    registry.write_text('{"format":"gwgk-key-registry","format_version":1,"keys":[]}')
    code, _, err = run(capsys, "verify", not_a_package, "--keys", registry)
    assert code == 10 and err.count("\n") == 1 and "不是报送包" in err
    code, _, err = run(capsys, "verify", not_a_package, "--keys", tmp_path / "none.json")
    assert code == 11 and "找不到密钥登记册" in err


def test_bureau_template_from_signing_to_import(
    station_db_path: Path,
    tmp_path: Path,
    env: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bureau_key, bureau_public = tmp_path / "bureau.key", tmp_path / "bureau.json"
    code, out, _ = run(
        capsys, "keys", "generate", "--out", bureau_key, "--public-out", bureau_public
    )
    assert code == 0 and "指纹" in out
    payload = dict(builtin_template())
    payload["version"] += 1
    payload["name"] = "市公安局政务公开目录参考范本（2027年修订）"
    source = tmp_path / "template.json"
    source.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    signed = tmp_path / "template.gwgkt"
    assert run(capsys, "template", "sign", source, "--key", bureau_key, "--out", signed)[0] == 0

    db = station_db_path
    code, _, err = run(capsys, "template", "import", signed, "--db", db, "--user", "admin")
    assert code != 0 and "尚未设置市局公钥" in err
    code, _, err = run(
        capsys, "keys", "set-bureau", "--db", db, "--user", "admin", "--file", bureau_public
    )
    assert code == 0, err
    code, out, _ = run(
        capsys, "template", "import", signed, "--db", db, "--user", "admin", "--dry-run"
    )
    assert code == 0 and "模板版本：2 → 3" in out and "仅核验" in out
    code, out, _ = run(capsys, "template", "import", signed, "--db", db, "--user", "admin")
    assert code == 0 and "已导入参考范本" in out
