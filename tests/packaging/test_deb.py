"""The Debian package: what it declares and holds, and (as root, which CI is) a real
install: self-test from the installed path, an upgrade over a user's old database, removal.

Run by ``make bundle-test`` after ``make deb``."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from gwgk_pack import elf

from gwgk_desktop import __version__
from gwgk_desktop.store import migrate
from tests.packaging.helpers import (
    PACKAGING,
    after_one_login,
    make_old_database,
    schema_revision,
    table_counts,
    unexpected_stderr,
    user_env,
)

pytestmark = pytest.mark.bundle

PACKAGE = "gwgk-desktop"
INSTALLED = Path("/opt/gwgk-desktop")


def dpkg_deb(*args: str) -> str:
    return subprocess.run(["dpkg-deb", *args], capture_output=True, text=True, check=True).stdout


def fields(deb: Path) -> dict[str, str]:
    parsed: dict[str, str] = {}
    key = ""
    for line in dpkg_deb("-f", str(deb)).splitlines():
        if line.startswith(" ") and key:
            parsed[key] += "\n" + line.strip()
        else:
            key, _, value = line.partition(":")
            parsed[key] = value.strip()
    return parsed


def test_control_fields(deb_file: Path) -> None:
    control = fields(deb_file)
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert control["Package"] == PACKAGE
    assert control["Version"] == __version__
    assert control["Architecture"] == arch
    depends = [d.strip() for d in control["Depends"].split(",")]
    assert [d for d in depends if d.startswith("libc6")] == [
        next(d for d in depends if d.startswith("libc6 (>= 2."))
    ]
    # libpq5: the bureau's PostgreSQL driver (psycopg's pure-Python form) loads it by name.
    for package in ("libcups2", "libfontconfig1", "libxcb1", "libxkbcommon0", "libdbus-1-3",
                    "libpq5"):  # fmt: skip
        assert package in depends
    assert "fonts-wqy-microhei" in control["Recommends"]
    assert int(control["Installed-Size"]) > 50_000
    assert "政务公开目录" in control["Description"]


def test_depends_suit_uos_20_and_kylin_v10(deb_file: Path) -> None:
    depends = [d.strip() for d in fields(deb_file)["Depends"].split(",")]
    (libc,) = [d for d in depends if d.startswith("libc6 (>= ")]
    assert elf.version_key(libc.removeprefix("libc6 (>= ").removesuffix(")")) <= (2, 28)
    # GCC 8's C++ runtime (GLIBCXX_3.4.25), under Debian 10's name and the newer one.
    assert "libstdc++6 (>= 8)" in depends
    assert "libgcc-s1 | libgcc1" in depends
    # Only packages of the graphics, font, printing and C/C++ runtime stack: nothing the
    # bundle should have carried itself (Python's own libraries, OpenSSL, SQLite).
    assert not [d for d in depends if re.match(r"lib(ssl|sqlite|ffi|python|readline)", d)]


def test_contents_stay_under_opt_and_the_desktop_locations(deb_file: Path) -> None:
    listing = dpkg_deb("-c", str(deb_file)).splitlines()
    paths = [line.split()[5].removeprefix(".") for line in listing]
    allowed = ("/opt/gwgk-desktop", "/usr/bin/gwgk", "/usr/share/applications/",
               "/usr/share/icons/hicolor/", f"/usr/share/doc/{PACKAGE}/")  # fmt: skip
    parents = ("/", "/opt/", "/usr/", "/usr/bin/", "/usr/share/", "/usr/share/doc/",
               "/usr/share/icons/")  # fmt: skip
    assert [p for p in paths if p not in parents and not p.startswith(allowed)] == []
    assert f"/usr/share/applications/{PACKAGE}.desktop" in paths
    for size in (16, 32, 48, 64, 128, 256):
        assert f"/usr/share/icons/hicolor/{size}x{size}/apps/{PACKAGE}.png" in paths
    assert f"/usr/share/icons/hicolor/scalable/apps/{PACKAGE}.svg" in paths
    launcher = next(line for line in listing if line.split()[5] == "./usr/bin/gwgk")
    assert launcher.startswith("l") and launcher.endswith("-> /opt/gwgk-desktop/gwgk")
    binary = next(line for line in listing if line.split()[5] == "./opt/gwgk-desktop/gwgk")
    assert binary.startswith("-rwxr-xr-x root/root")
    assert not [line for line in listing if " root/root " not in line]


def test_no_maintainer_scripts_and_checksums_for_every_file(deb_file: Path, tmp_path: Path) -> None:
    control_dir = tmp_path / "DEBIAN"
    subprocess.run(["dpkg-deb", "-e", str(deb_file), str(control_dir)], check=True)
    assert sorted(p.name for p in control_dir.iterdir()) == ["control", "md5sums"]
    files = [line.split()[5] for line in dpkg_deb("-c", str(deb_file)).splitlines()
             if line.startswith("-")]  # fmt: skip
    sums = (control_dir / "md5sums").read_text(encoding="utf-8").splitlines()
    assert sorted(line.split("  ", 1)[1] for line in sums) == sorted(
        f.removeprefix("./") for f in files
    )


def test_desktop_entry(deb_file: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb_file), str(root)], check=True)
    entry_file = root / "usr" / "share" / "applications" / f"{PACKAGE}.desktop"
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(entry_file, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "政务公开目录"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    command = entry["Exec"].split()
    assert command == ["/opt/gwgk-desktop/gwgk", "gui"]
    assert (root / command[0].lstrip("/")).is_file()
    assert (root / "usr/share/icons/hicolor/48x48/apps" / f"{entry['Icon']}.png").is_file()
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(
            ["desktop-file-validate", str(entry_file)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------------------- installing
def dpkg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["dpkg", *args], capture_output=True, text=True, check=False)


def installed_version() -> str | None:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Status}|${Version}", PACKAGE],
        capture_output=True,
        text=True,
        check=False,
    )
    status, _, version = result.stdout.partition("|")
    return version if result.returncode == 0 and status.endswith(" installed") else None


def gwgk(
    *args: str, env: dict[str, str], program: str = "/usr/bin/gwgk"
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [program, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


@pytest.fixture
def clean_install_state() -> Iterator[None]:
    """No gwgk-desktop installed before the test (as on a fresh PC), none left after."""
    if shutil.which("dpkg") is None or os.geteuid() != 0:
        if os.environ.get("CI"):
            pytest.fail("the .deb install test must run as root with dpkg in CI")
        pytest.skip("installing a .deb needs root and dpkg")
    dpkg("--purge", PACKAGE)
    assert installed_version() is None and not INSTALLED.exists()
    yield None
    dpkg("--purge", PACKAGE)


def test_install_self_test_upgrade_and_remove_keep_user_data(
    deb_file: Path, tmp_path: Path, clean_install_state: None
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = user_env(home)

    # A fresh install, and its own self-test from the installed path.
    installed = dpkg("-i", str(deb_file))
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert installed_version() == __version__
    result = gwgk("self-test", env=env, program=str(INSTALLED / "gwgk"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == "" and "自检结果：全部正常" in result.stdout
    assert gwgk("--version", env=env).stdout.strip() == f"gwgk {__version__}"
    assert not list(INSTALLED.rglob("__pycache__")), "running the app wrote into /opt"

    # The clerk's database, as the previous release left it in the per-user data folder.
    data_dir = home / ".local" / "share" / "gwgk-desktop"
    data_dir.mkdir(parents=True)
    database = data_dir / "gwgk.sqlite"
    before = make_old_database(database)
    old_revision = schema_revision(database)
    old_bytes = database.read_bytes()

    # A newer build installed over the old one: the database is not touched by dpkg ...
    newer_dir = tmp_path / "newer"
    newer_version = f"{__version__}+upgradetest1"
    subprocess.run(
        [
            sys.executable,
            str(PACKAGING / "build.py"),
            "deb",
            "--version",
            newer_version,
            "--output",
            str(newer_dir),
            "--compression",
            "gzip",
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (newer,) = newer_dir.glob("*.deb")
    upgraded = dpkg("-i", str(newer))
    assert upgraded.returncode == 0, upgraded.stdout + upgraded.stderr
    assert installed_version() == newer_version
    assert database.read_bytes() == old_bytes

    # ... and on first start the app backs it up and migrates it, keeping every row.
    started = gwgk(
        "gui",
        "--user",
        "clerk",
        "--quit-after",
        "100",
        env=user_env(home, QT_QPA_PLATFORM="offscreen", GWGK_PASSWORD="clerk123"),
    )
    assert started.returncode == 0, started.stderr
    assert unexpected_stderr(started.stderr) == []
    assert schema_revision(database) == migrate.head_revision() != old_revision
    assert table_counts(database, only=before) == after_one_login(before)
    (backup,) = (data_dir / "backups").glob(f"gwgk-*-{old_revision}.sqlite")
    assert table_counts(backup, only=before) == before
    assert gwgk("check", env=env).returncode == 0

    # Removing (and purging) the program leaves the user's data alone.
    after_upgrade = database.read_bytes()
    removed = dpkg("-r", PACKAGE)
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert not INSTALLED.exists() and not Path("/usr/bin/gwgk").exists()
    assert "gwgk-desktop' not empty" not in removed.stdout + removed.stderr
    purged = dpkg("--purge", PACKAGE)
    assert purged.returncode == 0, purged.stdout + purged.stderr
    assert database.read_bytes() == after_upgrade and backup.is_file()
