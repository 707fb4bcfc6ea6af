"""What ``packaging/gwgk_pack/trim.py`` keeps in the bundle and what it leaves out."""

from __future__ import annotations

from gwgk_pack import trim

PLUGINS = "PySide6/Qt/plugins"


def test_plugins_kept_are_the_ones_a_widget_app_needs() -> None:
    kept = [
        f"{PLUGINS}/platforms/libqxcb.so",
        f"{PLUGINS}/platforms/libqoffscreen.so",
        f"{PLUGINS}/imageformats/libqsvg.so",
        f"{PLUGINS}/iconengines/libqsvgicon.so",
        f"{PLUGINS}/printsupport/libcupsprintersupport.so",
        f"{PLUGINS}/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
    ]
    dropped = [
        f"{PLUGINS}/platforms/libqeglfs.so",
        f"{PLUGINS}/platforms/libqvnc.so",
        f"{PLUGINS}/platforms/libqwayland-generic.so",
        f"{PLUGINS}/wayland-shell-integration/libxdg-shell.so",
        f"{PLUGINS}/platformthemes/libqgtk3.so",
        f"{PLUGINS}/imageformats/libqtiff.so",
        f"{PLUGINS}/imageformats/libqjpeg.so",
        f"{PLUGINS}/imageformats/libqpdf.so",
        f"{PLUGINS}/tls/libqopensslbackend.so",
        f"{PLUGINS}/networkinformation/libqnetworkmanager.so",
        f"{PLUGINS}/sqldrivers/libqsqlite.so",
        "PySide6/plugins/platforms/qdirect2d.dll",
    ]
    assert all(trim.keep_plugin(p) for p in kept)
    assert not any(trim.keep_plugin(p) for p in dropped)
    # Not a plugin at all: untouched.
    assert trim.keep_plugin("PySide6/Qt/lib/libQt6Core.so.6")
    assert trim.keep_plugin("somepkg/plugins/platforms/libfoo.so")


def test_only_chinese_qt_translations_are_kept() -> None:
    base = "PySide6/Qt/translations"
    assert trim.keep_data(f"{base}/qtbase_zh_CN.qm")
    assert trim.keep_data(f"{base}/qt_zh_CN.qm")
    assert not trim.keep_data(f"{base}/qtbase_de.qm")
    assert not trim.keep_data(f"{base}/qtbase_zh_TW.qm")
    assert not trim.keep_data(f"{base}/qtdeclarative_zh_CN.qm")
    assert trim.keep_data("resources/translations/gwgk_zh_CN.qm")  # ours, not Qt's
    assert trim.keep_data("resources/translations/qt_extra_zh_CN.qm")  # Qt's gaps, ours


def test_host_libraries_are_the_graphics_font_and_printing_stack() -> None:
    host = [
        "libX11.so.6",
        "libxcb.so.1",
        "libxcb-xkb.so.1",
        "libfontconfig.so.1",
        "libGL.so.1",
        "libglib-2.0.so.0",
        "libdbus-1.so.3",
        "libcups.so.2",
        "libz.so.1",
        "libstdc++.so.6",
        "libgcc_s.so.1",
        "libatomic.so.1",
        "libffi.so.8",
    ]
    shipped = ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libpython3.11.so.1.0",
               "PySide6/Qt/lib/libicudata.so.73", "libQt6Core.so.6"]  # fmt: skip
    assert all(trim.is_host_library(name, "linux") for name in host)
    assert not any(trim.is_host_library(name, "linux") for name in shipped)
    assert not trim.is_host_library("libX11.so.6", "win32")


def test_trim_drops_plugins_host_libraries_and_what_only_they_needed() -> None:
    imports = {
        "/src/QtWidgets.so": ["libQt6Widgets.so.6", "libpyside6.abi3.so.6.12"],
        "/src/libQt6Widgets.so.6": ["libQt6Gui.so.6"],
        "/src/libQt6Gui.so.6": ["libQt6Core.so.6", "libX11.so.6"],
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6", "libxcb-cursor.so.0"],
        "/src/libqgtk3.so": ["libgtk-3.so.0", "libcairo.so.2"],
        "/src/libqeglfs.so": ["libQt6EglFSDeviceIntegration.so.6"],
        "/src/libpython3.11.so.1.0": ["libc.so.6"],
    }
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "/src/QtWidgets.so", "EXTENSION"),
        ("PySide6/libpyside6.abi3.so.6.12", "/src/libpyside6.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/src/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", "/src/eglfs-int.so", "BINARY"),
        (f"{PLUGINS}/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        (f"{PLUGINS}/platforms/libqeglfs.so", "/src/libqeglfs.so", "BINARY"),
        (f"{PLUGINS}/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
        ("libxcb-cursor.so.0", "/usr/lib/libxcb-cursor.so.0", "BINARY"),
        ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),
        ("libX11.so.6", "/usr/lib/libX11.so.6", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
    ]
    datas = [
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", "/src/zh.qm", "DATA"),
        ("PySide6/Qt/translations/qtbase_fr.qm", "/src/fr.qm", "DATA"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libcairo.so.2", "libcairo.so.2", "SYMLINK"),
        ("ui/main.ui", "/src/main.ui", "DATA"),
    ]
    kept, kept_data, report = trim.trim(binaries, datas, lambda s: imports.get(s, []), "linux")
    names = {entry[0] for entry in kept}
    assert names == {
        "PySide6/QtWidgets.abi3.so",
        "PySide6/libpyside6.abi3.so.6.12",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        f"{PLUGINS}/platforms/libqxcb.so",
        "libxcb-cursor.so.0",
        "libpython3.11.so.1.0",
    }
    assert report.host == ["libX11.so.6"]
    assert sorted(report.plugins) == [
        f"{PLUGINS}/platforms/libqeglfs.so",
        f"{PLUGINS}/platformthemes/libqgtk3.so",
    ]
    assert sorted(report.unreferenced) == [
        "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6",
        "libcairo.so.2",
    ]
    assert {entry[0] for entry in kept_data} == {
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "libQt6Gui.so.6",
        "ui/main.ui",
    }
    assert report.data == ["PySide6/Qt/translations/qtbase_fr.qm"]
    assert report.lines()[0].startswith("left out 2 Qt plugins, 1 host libraries")
