"""The Debian package (Debian, 统信UOS, 银河麒麟): the bundle under ``/opt/gwgk-desktop``,
a ``gwgk`` command in ``/usr/bin``, a desktop entry and the icon in every size.

Dependencies are worked out from the bundle itself, the way ``dpkg-shlibdeps`` does for
ordinary packages: every shared library a bundled binary needs and the bundle does not
ship is looked up on the build machine and mapped to the package that owns it; the C
library gets a minimum version from the newest ``GLIBC_x.y`` symbol used. Build on the
oldest distribution you want to support (see ``docs/building.md``).

The package has no maintainer scripts: dpkg's own triggers refresh the desktop menu and
icon cache, and user data lives in each user's data folder, which dpkg never touches.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gwgk_pack import elf, icon

PACKAGE = "gwgk-desktop"
INSTALL_DIR = Path("opt") / PACKAGE
MAINTAINER = "GWGK Desktop 项目 <gwgk-desktop@localhost>"
HOMEPAGE_NOTE = "https://example.invalid/gwgk-desktop"

#: Parts of the bundle a user can do without: Qt's Wayland platform (X11 is used when it
#: cannot load). What only they need is recommended rather than required.
OPTIONAL_PARTS = re.compile(r"(wayland|libqwayland)", re.IGNORECASE)

#: Packages for optional libraries that may be missing on the build machine (a build
#: server without a Wayland session), so the package can still recommend them.
OPTIONAL_PACKAGES = {
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}

#: Chinese TrueType fonts reportlab can embed in PDFs (the app falls back to a
#: non-embedded font, with a warning, when none is installed).
FONT_PACKAGES = "fonts-wqy-microhei | fonts-wqy-zenhei | fonts-arphic-uming"

#: Packages of libraries the bundle loads by name at run time (ctypes), which its ELF files
#: do not list: psycopg's pure-Python form finds the host's libpq for the bureau's
#: PostgreSQL database (the bundle carries no libpq of its own; SQLite needs none).
LOADED_AT_RUN_TIME = ("libpq5",)

#: Names under which the C library's parts appear; one package (libc6) provides them.
LIBC = re.compile(r"^(libc|libm|libdl|libpthread|librt|libutil|ld-linux[\w-]*)\.so[.\d]*$")

LINUX_DIR = Path(__file__).resolve().parent.parent / "linux"


class DebError(Exception):
    """The package cannot be built on this machine (the message says why)."""


@dataclass(frozen=True)
class Dependencies:
    depends: list[str]
    recommends: list[str]
    glibc: str
    unresolved_optional: list[str]


def host_library_paths() -> dict[str, Path]:
    """soname → path, from the dynamic linker's cache. Libraries in this machine's
    multiarch folder (``/usr/lib/x86_64-linux-gnu``) win over 32-bit ones."""
    output = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    multiarch = getattr(sys.implementation, "_multiarch", "")
    found: dict[str, Path] = {}
    for line in output.splitlines()[1:]:
        match = re.match(r"\s*(\S+) \([^)]*\) => (\S+)", line)
        if match is None:
            continue
        name, path = match[1], Path(match[2])
        native = bool(multiarch) and multiarch in path.parts
        if name not in found or (native and multiarch not in found[name].parts):
            found[name] = path
    return found


def owning_package(path: Path) -> str | None:
    """The Debian package that installed ``path`` (usr-merge aware), or None."""
    candidates = {path, path.resolve()}
    for candidate in list(candidates):
        text = str(candidate)
        if text.startswith("/usr/lib/"):
            candidates.add(Path(text.removeprefix("/usr")))
        elif text.startswith("/lib/"):
            candidates.add(Path("/usr" + text))
    for candidate in sorted(candidates):
        result = subprocess.run(
            ["dpkg-query", "-S", str(candidate)], capture_output=True, text=True, check=False
        )
        if result.returncode == 0 and ":" in result.stdout:
            package = result.stdout.split(":", 1)[0].strip()
            return package.split(",")[0].strip()
    return None


def bundle_dependencies(bundle: Path) -> Dependencies:
    """Work out Depends/Recommends for ``bundle`` from its ELF files."""
    files = list(elf.elf_files(bundle))
    shipped = {p.name for p in bundle.rglob("*")}
    required: dict[str, set[str]] = {}
    optional: dict[str, set[str]] = {}
    glibc = "2.17"
    for path in files:
        relative = str(path.relative_to(bundle))
        target = optional if OPTIONAL_PARTS.search(relative) else required
        for soname in elf.needed_libraries(path):
            if soname not in shipped:
                target.setdefault(soname, set()).add(relative)
        newest = elf.newest(elf.version_needs(path), "GLIBC") or glibc
        glibc = max(glibc, newest, key=elf.version_key)
    host = host_library_paths()
    depends = {f"libc6 (>= {glibc})", *LOADED_AT_RUN_TIME}
    recommends = {FONT_PACKAGES}
    unresolved_optional = []
    for soname in sorted(set(required) | set(optional)):
        if LIBC.match(soname):
            continue
        package = owning_package(host[soname]) if soname in host else None
        if soname in required:
            if package is None:
                users = ", ".join(sorted(required[soname])[:3])
                raise DebError(
                    f"{soname} (needed by {users}) is not installed from a Debian package on "
                    "this machine, so the .deb cannot depend on it; install it and rebuild"
                )
            depends.add(package)
        elif package is None and soname in OPTIONAL_PACKAGES:
            recommends.add(OPTIONAL_PACKAGES[soname])
        elif package is None:
            unresolved_optional.append(soname)
        else:
            recommends.add(package)
    # The C library's package, reached through one of its lesser parts (libresolv, ...),
    # is already required with a minimum version.
    depends.discard("libc6")
    recommends -= depends
    return Dependencies(
        sorted(_for_targets(d) for d in depends),
        sorted(_for_targets(r) for r in recommends),
        glibc,
        unresolved_optional,
    )


#: How the build machine's package names read on the targets. Debian 10 (and 统信UOS 20
#: on it) calls GCC's runtime libgcc1; Debian 11+ and Ubuntu 20.04+ (银河麒麟 V10)
#: libgcc-s1. The C++ runtime must be GCC 8's or newer: the bundle asks it for symbols up
#: to GLIBCXX_3.4.25 (``elf.LIMITS``), which GCC 8 brought.
TARGET_NAMES = {
    "libgcc-s1": "libgcc-s1 | libgcc1",
    "libstdc++6": "libstdc++6 (>= 8)",
}


def _for_targets(package: str) -> str:
    return TARGET_NAMES.get(package, package)


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def control_text(version: str, arch: str, deps: Dependencies, installed_kb: int) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kb}\n"
        f"Depends: {', '.join(deps.depends)}\n"
        f"Recommends: {', '.join(deps.recommends)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: 政务公开目录桌面工具 (GWGK Desktop)\n"
        " 派出所/所队政务公开目录的录入、审核、公开栏打印与签名报送。\n"
        " 离线运行，数据保存在每个用户自己的数据文件夹中（卸载或升级不会删除）。\n"
        " .\n"
        " Offline desktop tool for a police station's government-disclosure\n"
        " catalogue: entry, review, notice-board printing and signed submission.\n"
    )


def _copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, symlinks=True)
    for path in [target, *target.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode & 0o777
        executable = path.is_dir() or mode & 0o111
        path.chmod(0o755 if executable else 0o644)


def stage(bundle: Path, root: Path, version: str, arch: str) -> Dependencies:
    """Lay out the package tree under ``root`` (which must not exist)."""
    if not (bundle / "gwgk").is_file():
        raise DebError(f"no bundle at {bundle} (run 'make bundle' first)")
    deps = bundle_dependencies(bundle)
    _copy_tree(bundle, root / INSTALL_DIR)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "gwgk").symlink_to(Path("/") / INSTALL_DIR / "gwgk")
    share = root / "usr" / "share"
    applications = share / "applications"
    applications.mkdir(parents=True)
    shutil.copyfile(LINUX_DIR / f"{PACKAGE}.desktop", applications / f"{PACKAGE}.desktop")
    icons = share / "icons" / "hicolor"
    resources = bundle / "_internal" / "resources" / "icons"
    for size in icon.SIZES:
        folder = icons / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copyfile(resources / f"{icon.NAME}-{size}.png", folder / f"{PACKAGE}.png")
    scalable = icons / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copyfile(resources / f"{icon.NAME}.svg", scalable / f"{PACKAGE}.svg")
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copyfile(LINUX_DIR / "copyright", doc / "copyright")
    for path in share.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    debian = root / "DEBIAN"
    debian.mkdir()
    installed_kb = _disk_usage_kb(p for p in root.rglob("*") if "DEBIAN" not in p.parts)
    (debian / "control").write_text(
        control_text(version, arch, deps, installed_kb), encoding="utf-8"
    )
    for path in [root, *root.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    (debian / "control").chmod(0o644)
    _write_md5sums(root)
    return deps


def _write_md5sums(root: Path) -> None:
    """DEBIAN/md5sums, which ``dpkg --verify`` and ``debsums`` check installed files with."""
    lines = []
    for path in sorted(root.rglob("*")):
        if "DEBIAN" in path.relative_to(root).parts or path.is_symlink() or not path.is_file():
            continue
        digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
        lines.append(f"{digest}  {path.relative_to(root).as_posix()}\n")
    target = root / "DEBIAN" / "md5sums"
    target.write_text("".join(lines), encoding="utf-8")
    target.chmod(0o644)


def _disk_usage_kb(paths: Iterable[Path]) -> int:
    total = 0
    for path in paths:
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
    return (total + 1023) // 1024


def build(
    bundle: Path, output_dir: Path, version: str, work: Path, compression: str = "xz"
) -> Path:
    """Build ``<output_dir>/gwgk-desktop_<version>_<arch>.deb`` from ``bundle``.

    ``xz`` gives the smallest package for a USB stick (every dpkg since Debian 7 reads it);
    ``gzip`` builds in a third of the time (tests that only need *a* package)."""
    if shutil.which("dpkg-deb") is None:
        raise DebError("dpkg-deb not found: build the .deb on Debian, UOS or Kylin")
    arch = architecture()
    root = work / "root"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    deps = stage(bundle, root, version, arch)
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / f"{PACKAGE}_{version}_{arch}.deb"
    partial = target.with_name(target.name + ".partial")
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root), str(partial)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    partial.replace(target)
    for name in deps.unresolved_optional:
        print(f"note: {name} (optional: Wayland) is not installed here; not recommended")
    return target
