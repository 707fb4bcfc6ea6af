"""What goes into the bundle: the Qt plugins and translations we ship, the shared libraries we
leave to the host system, and dropping libraries nothing kept needs any more.

PyInstaller collects every plugin of every Qt module it sees, and with them their
dependencies (the GTK3 platform theme alone drags in GTK, Cairo and Pango; the EGLFS and
VNC platforms their own Qt libraries). ``trim`` cuts that back to what a widget
application needs. It works on PyInstaller's TOC tuples ``(dest, source, typecode)`` and
takes the function that lists a binary's imports as a parameter, so it is tested without a
build.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

TocEntry = tuple[str, str, str]

#: Qt plugins kept, per plugin folder, by base name (``libqxcb.so`` and ``qxcb.dll`` are
#: both ``qxcb``). Every other plugin folder (eglfs, vnc, tls, network information,
#: SQL drivers, QML tooling, ...) is left out.
QT_PLUGINS: dict[str, frozenset[str]] = {
    # offscreen for headless machines and tests; xcb (X11: the session 统信UOS 20 and
    # 银河麒麟 V10 start on x86_64 PCs, and most Linux desktops; in a Wayland session the
    # app runs on XWayland, see rthooks/pyi_rth_gwgk_platform.py), and the Windows
    # platform. Qt's Wayland platform (1.3 MB with its client library) is left out.
    "platforms": frozenset({"qoffscreen", "qxcb", "qwindows"}),
    "xcbglintegrations": frozenset({"qxcb-glx-integration", "qxcb-egl-integration"}),
    # Native file dialogs through the desktop portal (D-Bus only, no GTK).
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # Chinese input methods: IBus, and fcitx5 through its IBus front end.
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    # PNG is built into QtGui; the app shows no JPEG (its icons are SVG and PNG; QtPdf
    # decodes a PDF's JPEG images itself), so the JPEG plugin (0.5 MB) stays out.
    "imageformats": frozenset({"qsvg"}),
    "iconengines": frozenset({"qsvgicon"}),
    "printsupport": frozenset({"cupsprintersupport", "windowsprintersupport"}),
    "styles": frozenset({"qmodernwindowsstyle", "qwindowsvistastyle"}),
}

#: Qt's own strings in the one language the app speaks.
QT_TRANSLATIONS = re.compile(r"^qt(base)?_zh_CN\.qm$")

#: Libraries the Linux bundle takes from the host instead of shipping: the graphics, font,
#: D-Bus and printing stack. Copies of these must match the running X/Wayland server, GPU
#: driver, font configuration and CUPS daemon, so a bundled copy from the build machine
#: is a liability (AppImage's exclude list follows the same reasoning). The .deb lists the
#: packages that provide them. The xcb-util libraries (cursor, icccm, image, keysyms,
#: render-util, util) are *not* here: they are small, stable and often missing from a
#: default install, and Qt's xcb platform needs them. The C++ runtime (libstdc++,
#: libgcc_s, libatomic) is the host's too: every target has one (GCC 8's on 统信UOS 20),
#: the bundle asks it for nothing newer than GCC 8 gives (``elf.LIMITS``), and a copy from
#: the build machine would need the build machine's glibc. libffi is there only as a
#: dependency of GLib and Wayland, which are the host's (the bundle's Python has its own,
#: linked in).
HOST_LIBRARIES = re.compile(
    r"^lib("
    r"X11|X11-xcb|Xau|Xdmcp|Xext|Xrender|Xi|Xfixes|Xcursor|Xrandr"
    r"|xcb|xcb-(shm|render|randr|shape|sync|xfixes|xkb|glx|dri2|dri3|present|xinput)"
    r"|xkbcommon|xkbcommon-x11"
    r"|GL|GLX|EGL|OpenGL|GLdispatch|drm|gbm|wayland-[a-z]+"
    r"|fontconfig|freetype|expat|png16|harfbuzz|graphite2|brotli(common|dec)"
    r"|glib-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0|gthread-2\.0|pcre2-8"
    r"|dbus-1|systemd|cap|lz4|gcrypt|gpg-error|selinux|mount|blkid|uuid|md|bsd"
    r"|z|bz2|lzma|zstd|stdc\+\+|gcc_s|atomic|ffi"
    r"|cups|gnutls|avahi-(client|common)|gssapi_krb5|krb5|krb5support|k5crypto|com_err"
    r"|keyutils|p11-kit|tasn1|nettle|hogweed|gmp|idn2|unistring"
    r")\.so(\.\d+)*$"
)

_PLUGIN_DEST = re.compile(r"(?:^|/)plugins/(?P<folder>[^/]+)/(?P<file>[^/]+)$")
_LIBRARY_STEM = re.compile(r"^(lib)?(?P<stem>.+?)(\.so(\.\d+)*|\.dll|\.dylib)$", re.IGNORECASE)


def plugin_of(dest: str) -> tuple[str, str] | None:
    """``(folder, base name)`` when ``dest`` is a Qt plugin, else None."""
    posix = dest.replace("\\", "/")
    match = _PLUGIN_DEST.search(posix)
    if match is None or not posix.startswith("PySide6/"):
        return None
    stem = _LIBRARY_STEM.match(match["file"])
    if stem is None:
        return None
    name = stem["stem"]
    if name.endswith("d") and name[:-1] in QT_PLUGINS.get(match["folder"], ()):
        name = name[:-1]  # debug build of a kept plugin: treat like the release one
    return match["folder"], name


def keep_plugin(dest: str) -> bool:
    found = plugin_of(dest)
    if found is None:
        return True
    folder, name = found
    return name in QT_PLUGINS.get(folder, frozenset())


def keep_data(dest: str) -> bool:
    """Data files: drop the Qt translations of languages we don't use."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if "translations" in path.parts[:-1] and path.suffix == ".qm" and "PySide6" in path.parts:
        return bool(QT_TRANSLATIONS.match(path.name))
    return True


def is_host_library(dest: str, platform: str) -> bool:
    return platform.startswith("linux") and bool(HOST_LIBRARIES.match(PurePosixPath(dest).name))


@dataclass
class TrimReport:
    """What ``trim`` left out, by reason (printed by the build, asserted by tests)."""

    plugins: list[str] = field(default_factory=list)
    host: list[str] = field(default_factory=list)
    unreferenced: list[str] = field(default_factory=list)
    data: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"left out {len(self.plugins)} Qt plugins, {len(self.host)} host libraries, "
            f"{len(self.unreferenced)} libraries nothing kept needs, {len(self.data)} data files",
            *(f"  unreferenced: {name}" for name in sorted(self.unreferenced)),
        ]


def _is_root(entry: TocEntry) -> bool:
    """Binaries loaded by something other than a link-time import: Python extension
    modules (imported by the interpreter), Qt plugins (loaded by Qt) and the Python
    library itself (loaded by the bootloader)."""
    dest, _source, typecode = entry
    name = PurePosixPath(dest.replace("\\", "/")).name.lower()
    return (
        typecode == "EXTENSION"
        or plugin_of(dest) is not None
        or name.startswith(("libpython", "python3"))
    )


def trim(
    binaries: Iterable[TocEntry],
    datas: Iterable[TocEntry],
    imports_of: Callable[[str], Iterable[str]],
    platform: str,
) -> tuple[list[TocEntry], list[TocEntry], TrimReport]:
    """Filter PyInstaller's binaries and datas. ``imports_of(source)`` returns the names of
    the libraries a binary imports (link-time dependencies)."""
    report = TrimReport()
    kept: list[TocEntry] = []
    for entry in binaries:
        dest = entry[0]
        if not keep_plugin(dest):
            report.plugins.append(dest)
        elif is_host_library(dest, platform):
            report.host.append(dest)
        else:
            kept.append(entry)

    by_name = {PurePosixPath(e[0].replace("\\", "/")).name.lower(): e for e in kept}
    reachable: set[str] = set()
    pending = [e for e in kept if _is_root(e)]
    while pending:
        entry = pending.pop()
        if entry[0] in reachable:
            continue
        reachable.add(entry[0])
        for imported in imports_of(entry[1]):
            target = by_name.get(PurePosixPath(imported.replace("\\", "/")).name.lower())
            if target is not None and target[0] not in reachable:
                pending.append(target)
    binaries_out = []
    for entry in kept:
        if entry[0] in reachable:
            binaries_out.append(entry)
        else:
            report.unreferenced.append(entry[0])

    present = {e[0] for e in binaries_out}
    datas_out = []
    for entry in datas:
        dest, source, typecode = entry
        if typecode == "SYMLINK":
            # PyInstaller's top-level aliases of libraries (libQt6Core.so.6 ->
            # PySide6/Qt/lib/libQt6Core.so.6): gone with their target.
            if source in present or not _looks_like_library(source):
                datas_out.append(entry)
            continue
        if keep_data(dest):
            datas_out.append(entry)
        else:
            report.data.append(dest)
    return binaries_out, datas_out, report


def _looks_like_library(path: str) -> bool:
    return _LIBRARY_STEM.match(PurePosixPath(path).name) is not None
