"""The built bundle (dist/gwgk-desktop) works on its own: self-test, GUI start, upgrade of
an old database, clear errors; it holds what it must and nothing it should not.

Run by ``make bundle-test`` after ``make bundle``."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from gwgk_pack import deb, elf, folder_size, trim

from gwgk_desktop.store import migrate
from tests.packaging.helpers import (
    after_one_login,
    make_old_database,
    schema_revision,
    table_counts,
    unexpected_stderr,
    user_env,
)

pytestmark = pytest.mark.bundle

#: Decimal megabytes, as a USB stick's label counts them: issue 18's budget. The bundle
#: is 99.0 MB (docs/building.md, "Size", which also lists what else could go).
SIZE_BUDGET_MB = 100


def run(
    bundle: Path, *args: str, env: dict[str, str] | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / "gwgk"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=env,
    )


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return user_env(tmp_path / "home", **extra)


def test_bundle_size_is_within_budget(bundle_dir: Path) -> None:
    assert folder_size(bundle_dir) / 1e6 <= SIZE_BUDGET_MB


def test_no_file_asks_for_a_newer_glibc_or_libstdcxx_than_uos_and_kylin_have(
    bundle_dir: Path,
) -> None:
    # 统信UOS 20 and 银河麒麟 V10: glibc 2.28, GCC 8's libstdc++ (GLIBCXX_3.4.25).
    report = elf.check_folder(bundle_dir)
    assert report.files > 50
    assert report.violations == {}, "\n".join(report.lines())
    assert elf.version_key(report.newest["GLIBC"]) <= (2, 28)
    assert elf.version_key(report.newest["GLIBCXX"]) <= (3, 4, 25)


def test_no_system_library_of_the_target_is_bundled(bundle_dir: Path) -> None:
    # libc, libstdc++, the graphics, font, D-Bus and printing stack come from the PC.
    names = {p.name for p in bundle_dir.rglob("*") if p.is_file() or p.is_symlink()}
    bundled = sorted(n for n in names if trim.HOST_LIBRARIES.match(n) or deb.LIBC.match(n))
    assert bundled == []


def test_bundle_holds_the_app_data_and_only_the_qt_parts_it_needs(bundle_dir: Path) -> None:
    internal = bundle_dir / "_internal"
    assert (internal / "resources" / "templates" / "reference-template.json").is_file()
    assert (internal / "resources" / "icons" / "gwgk-desktop.svg").is_file()
    assert not (internal / "ui").exists()  # compiled into gwgk_desktop.gui.designer
    migrations = internal / "gwgk_desktop" / "store" / "migrations"
    assert (migrations / "env.py").is_file()
    shipped = {p.name for p in (migrations / "versions").glob("*.py")}
    source = Path(migrate.__file__).parent / "migrations" / "versions"
    assert shipped == {p.name for p in source.glob("*.py")}
    assert not list(bundle_dir.rglob("__pycache__"))

    qt = internal / "PySide6" / "Qt"
    plugins = {str(p.relative_to(qt / "plugins")) for p in (qt / "plugins").rglob("*.so")}
    for needed in ("platforms/libqoffscreen.so", "platforms/libqxcb.so",
                   "imageformats/libqsvg.so",
                   "iconengines/libqsvgicon.so",
                   "printsupport/libcupsprintersupport.so"):  # fmt: skip
        assert needed in plugins
    assert not [p for p in plugins if re.search(r"eglfs|vnc|gtk3|tls/|sqldrivers|wayland", p)]
    translations = {p.name for p in (qt / "translations").iterdir()}
    assert "qtbase_zh_CN.qm" in translations
    assert all("zh_CN" in name for name in translations)
    libraries = {p.name for p in (qt / "lib").iterdir()}
    for needed in ("libQt6Pdf.so.6", "libQt6PdfWidgets.so.6", "libQt6PrintSupport.so.6",
                   "libQt6Svg.so.6", "libQt6Widgets.so.6"):  # fmt: skip
        assert needed in libraries
    assert not [name for name in libraries if re.search(r"Qml|Quick|WebEngine|EglFS|Wayland", name)]
    # Python bindings nothing imports (their Qt libraries stay where Qt links them).
    assert not [p.name for p in (internal / "PySide6").glob("Qt*.so") if "Network" in p.name]
    # Host libraries stay on the host.
    assert not list(internal.glob("libX11.so*")) and not list(internal.glob("libfontconfig*"))
    # Python's own OpenSSL stays out (cryptography has one: gwgk_desktop/hashing.py), as do
    # bz2/LZMA and the translations' sources.
    assert not [
        p.name
        for p in internal.rglob("*")
        if re.match(r"lib(ssl|crypto)\.so|_ssl\.|_hashlib\.|_bz2\.|_lzma\.", p.name)
    ]
    assert not list((internal / "resources").rglob("*.ts"))
    assert (internal / "resources" / "translations" / "gwgk_zh_CN.qm").is_file()


def test_every_bundled_library_resolves_on_this_machine(bundle_dir: Path) -> None:
    internal = bundle_dir / "_internal"
    folders = sorted({str(p.parent) for p in internal.rglob("*.so*")})
    env = {"LD_LIBRARY_PATH": ":".join([str(internal), *folders])}
    missing = []
    for path in [bundle_dir / "gwgk", *internal.rglob("*.so*")]:
        if path.is_symlink():
            continue
        output = subprocess.run(
            ["ldd", str(path)], capture_output=True, text=True, env=env, check=False
        ).stdout
        missing += [f"{path.name}: {line.strip()}" for line in output.splitlines()
                    if "not found" in line]  # fmt: skip
    assert missing == []


def test_bundled_self_test_passes_with_nothing_on_stderr(bundle_dir: Path, tmp_path: Path) -> None:
    result = run(bundle_dir, "self-test", env=clean_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert "跳过" not in result.stdout  # every feature's step runs in the bundle
    assert "失败" not in result.stdout and "自检结果：全部正常" in result.stdout
    assert "字体已嵌入" in result.stdout
    assert "中文翻译、拼音排序、GB18030 正常" in result.stdout


def test_bundled_self_test_passes_in_the_bare_c_locale(bundle_dir: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    del env["LANG"]  # cron, sudo, minimal containers
    result = run(bundle_dir, "self-test", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""


def test_bundled_gui_starts_offscreen_and_quits_cleanly(bundle_dir: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    db = tmp_path / "demo.sqlite"
    assert run(bundle_dir, "demo", "--db", str(db), "--items", "30", env=env).returncode == 0
    picture = tmp_path / "main-window.png"
    result = run(bundle_dir, "--db", str(db), "gui", "--screenshot", str(picture), env=env)
    assert result.returncode == 0, result.stderr
    assert unexpected_stderr(result.stderr) == []
    assert picture.stat().st_size > 5000
    # Logged in (as a script may: name as option, password from the environment), the
    # workbench opens on the demo station and the app quits cleanly.
    login = {**env, "GWGK_PASSWORD": "clerk123"}
    result = run(
        bundle_dir, "--db", str(db), "gui", "--user", "clerk", "--quit-after", "200", env=login
    )
    assert result.returncode == 0, result.stderr
    assert unexpected_stderr(result.stderr) == []


def test_bundle_backs_up_and_migrates_an_old_database_on_first_start(
    bundle_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "gwgk.sqlite"
    before = make_old_database(path)
    old = schema_revision(path)
    env = clean_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    login = {**env, "GWGK_PASSWORD": "clerk123"}
    result = run(
        bundle_dir, "--db", str(path), "gui", "--user", "clerk", "--quit-after", "100", env=login
    )
    assert result.returncode == 0, result.stderr
    assert schema_revision(path) == migrate.head_revision() != old
    assert table_counts(path, only=before) == after_one_login(before)
    backups = list((tmp_path / "backups").glob(f"gwgk-*-{old}.sqlite"))
    assert len(backups) == 1 and table_counts(backups[0], only=before) == before
    check = run(bundle_dir, "--db", str(path), "check", env=env)
    assert check.returncode == 0, check.stdout
    assert "审计日志校验：正常" in check.stdout


def test_bundled_bureau_works_on_postgresql(bundle_dir: Path, tmp_path: Path, pg_url: str) -> None:
    # psycopg's pure-Python libpq wrapper imports ssl, which the bundle has not: its copy
    # makes that import optional (packaging/gwgk_pack/patch.py).
    env = clean_env(tmp_path)
    init = run(bundle_dir, "bureau", "init", "--db", pg_url, "--office", "测试市公安局", env=env)
    assert init.returncode == 0, init.stderr
    status = run(bundle_dir, "bureau", "status", "--db", pg_url, env=env)
    assert status.returncode == 0, status.stderr
    assert unexpected_stderr(status.stderr) == []


def test_bundle_refuses_bad_input_with_one_clear_line(bundle_dir: Path, tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("这不是数据库\n", encoding="utf-8")
    result = run(bundle_dir, "--db", str(not_a_db), "check", env=clean_env(tmp_path))
    assert result.returncode == 3
    assert result.stderr.startswith("错误：notes.txt 不是政务公开目录的数据库文件")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert not_a_db.read_text(encoding="utf-8") == "这不是数据库\n"


def test_bundle_uses_the_per_user_data_folder_by_default(bundle_dir: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    result = run(bundle_dir, "demo", "--items", "5", env=env)
    assert result.returncode == 0, result.stderr
    expected = Path(env["HOME"]) / ".local" / "share" / "gwgk-desktop" / "gwgk.sqlite"
    assert expected.is_file()
    assert os.access(expected, os.R_OK)
