"""Debian source packages for the bundle's own Python runtime: fetched with ``apt-get
source`` from the build machine's Debian release (security updates included), unpacked,
and patched with the fixes Debian carries.

apt runs with a private configuration and state folder under the build cache, so the
machine's own apt setup is neither needed (no ``deb-src`` lines) nor touched. apt checks
every file against the release's signed index. The newest version that downloads wins; a
version an index lists but the mirror no longer serves is passed over for the next one.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: Where the sources come from: the build machine's Debian release and its security and
#: point-release updates. Debian 12 (bookworm) is what the project builds on.
SUITES = ("bookworm", "bookworm-updates")
SECURITY_SUITE = "bookworm-security"
MIRROR = "http://deb.debian.org/debian"
SECURITY_MIRROR = "http://deb.debian.org/debian-security"
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"


class SourceError(Exception):
    """A source package cannot be fetched, unpacked or patched (the message says why)."""


@dataclass(frozen=True)
class Package:
    """A Debian source package and which of its Debian patches to apply.

    ``patches`` matches the names in ``debian/patches/series`` that are fixes (security
    and crash fixes); the rest adapt the software to Debian's own layout and are left out.
    """

    name: str
    patches: str = r"(?!)"  # none

    def wanted(self, patch: str) -> bool:
        return re.search(self.patches, patch) is not None


@dataclass(frozen=True)
class Fetched:
    package: Package
    version: str
    tree: Path


class Apt:
    """``apt-get`` on a private sources list and state folder."""

    def __init__(self, state: Path) -> None:
        self.state = state
        self.sources = state / "sources.list"

    def _options(self) -> list[str]:
        return [
            "-o", f"Dir::Etc::SourceList={self.sources}",
            "-o", "Dir::Etc::SourceParts=/nonexistent",
            "-o", f"Dir::State::Lists={self.state / 'lists'}",
            "-o", f"Dir::Cache={self.state / 'cache'}",
            "-o", "Debug::NoLocking=1",
            # Files land in a folder the unprivileged _apt user may not write to.
            "-o", "APT::Sandbox::User=root",
        ]  # fmt: skip

    def update(self) -> None:
        for folder in ("lists/partial", "cache/archives/partial"):
            (self.state / folder).mkdir(parents=True, exist_ok=True)
        signed = f"[signed-by={KEYRING}]"
        lines = [f"deb-src {signed} {MIRROR} {suite} main" for suite in SUITES]
        lines.append(f"deb-src {signed} {SECURITY_MIRROR} {SECURITY_SUITE} main")
        self.sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = self.run(["apt-get", "update"])
        if result.returncode != 0 or "\nW: " in result.stdout + result.stderr:
            raise SourceError(f"apt-get update failed:\n{result.stderr.strip()}")

    def run(self, args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [args[0], *self._options(), *args[1:]],
            capture_output=True,
            text=True,
            check=False,
            cwd=cwd,
        )

    def versions(self, name: str) -> list[str]:
        """Every version of source package ``name`` the indexes list, newest first."""
        output = self.run(["apt-cache", "showsrc", "--only-source", name]).stdout
        found = set(re.findall(r"^Version: (\S+)$", output, re.MULTILINE))
        return sorted(found, key=functools.cmp_to_key(compare_versions), reverse=True)

    def download(self, name: str, version: str, folder: Path) -> bool:
        folder.mkdir(parents=True, exist_ok=True)
        result = self.run(["apt-get", "source", "--download-only", f"{name}={version}"], folder)
        return result.returncode == 0


def compare_versions(a: str, b: str) -> int:
    """Debian version order (``dpkg --compare-versions``)."""
    if a == b:
        return 0
    lower = subprocess.run(["dpkg", "--compare-versions", a, "lt", b], check=False)
    return -1 if lower.returncode == 0 else 1


def resolve(
    apt: Apt, package: Package, downloads: Path, log: Callable[[str], None] = print
) -> tuple[str, Path]:
    """The newest version of ``package`` that downloads, and the folder holding its files."""
    versions = apt.versions(package.name)
    if not versions:
        raise SourceError(f"no source package {package.name} in {', '.join(SUITES)}")
    for version in versions:
        folder = downloads / f"{package.name}_{_plain(version)}"
        if (folder / ".complete").is_file():
            return version, folder
        if folder.exists():
            shutil.rmtree(folder)
        if apt.download(package.name, version, folder):
            (folder / ".complete").touch()
            return version, folder
        shutil.rmtree(folder, ignore_errors=True)
        log(f"runtime: {package.name} {version} is listed but not served; trying an older one")
    raise SourceError(f"none of {package.name} {', '.join(versions)} could be downloaded")


def _plain(version: str) -> str:
    return version.split(":", 1)[-1]


def unpack(package: Package, version: str, files: Path, target: Path) -> Fetched:
    """Unpack the upstream tarball into ``target`` and apply the wanted Debian patches."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    upstream = _plain(version).rsplit("-", 1)[0]
    origs = sorted(files.glob(f"{package.name}_{upstream}.orig.tar.*"))
    origs = [p for p in origs if not p.name.endswith(".asc")]
    debian = sorted(files.glob(f"{package.name}_{_plain(version)}.debian.tar.*"))
    if len(origs) != 1:
        raise SourceError(f"expected one upstream tarball of {package.name} in {files}")
    tree = _extract_single_folder(origs[0], target / "src")
    if debian:
        with tarfile.open(debian[0]) as archive:
            archive.extractall(target / "debian-files", filter="data")
        _apply_patches(package, target / "debian-files" / "debian" / "patches", tree)
    return Fetched(package, version, tree)


def _extract_single_folder(archive_path: Path, into: Path) -> Path:
    with tarfile.open(archive_path) as archive:
        archive.extractall(into, filter="tar")
    children = [p for p in into.iterdir() if p.is_dir()]
    if len(children) != 1:
        raise SourceError(f"{archive_path.name} does not unpack into one folder")
    return children[0]


def _apply_patches(package: Package, patches: Path, tree: Path) -> list[str]:
    series = patches / "series"
    if not series.is_file():
        return []
    applied = []
    for line in series.read_text(encoding="utf-8").splitlines():
        name = line.split("#", 1)[0].strip().split(" ", 1)[0]
        if not name or not package.wanted(name):
            continue
        result = subprocess.run(
            ["patch", "-p1", "--forward", "--batch", "--no-backup-if-mismatch",
             "-i", str(patches / name)],
            cwd=tree, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise SourceError(
                f"Debian's {name} does not apply to {package.name}:\n{result.stdout[-2000:]}"
            )
        applied.append(name)
    return applied
