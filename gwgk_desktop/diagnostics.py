"""What support asks first: the program's version, Python, Qt and PySide6, the operating
system, the data folder, the log file, the database, and the Chinese fonts PDFs can use.
``gwgk info`` prints it; 帮助 → 关于 shows it with a copy button; the error dialog puts it
under the traceback. Qt is looked up lazily and only for its version (the CLI may run
where Qt cannot load; then that line says so).
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from gwgk_desktop import APP_DISPLAY_NAME, __version__
from gwgk_desktop.logs import log_file
from gwgk_desktop.paths import user_data_dir


def _qt_versions() -> tuple[str, str]:
    try:
        import PySide6
        from PySide6 import QtCore
    except ImportError as error:  # a broken or partial installation: say so, go on
        return f"无法加载（{error}）", "—"
    return QtCore.qVersion(), PySide6.__version__


def _fonts() -> str:
    from gwgk_desktop.pdf.fonts import candidate_paths, cjk_font

    chosen = cjk_font()
    others = [p for p in candidate_paths() if p.is_file() and p != chosen.path]
    if chosen.path is None:
        used = f"未找到可嵌入的中文 TrueType 字体，使用 {chosen.name}（不嵌入）"
    else:
        used = f"使用 {chosen.path}"
    return used + (f"（另有：{'；'.join(map(str, others))}）" if others else "")


def _database(path: Path | None) -> str:
    if path is None:
        return "（未打开）"
    path = path.absolute()
    if not path.exists():
        return f"{path}（不存在）"
    return f"{path}（{path.stat().st_size:,} 字节）"


def info(db_path: Path | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs, in the order they are shown."""
    qt, pyside = _qt_versions()
    frozen = "（安装包）" if getattr(sys, "frozen", False) else ""
    return [
        ("程序", f"{APP_DISPLAY_NAME} {__version__}{frozen}"),
        ("Python", f"{platform.python_version()}（{sys.executable}）"),
        ("Qt", qt),
        ("PySide6", pyside),
        ("操作系统", f"{platform.platform()}（{platform.machine()}）"),
        ("数据文件夹", str(user_data_dir())),
        ("日志文件", str(log_file())),
        ("数据库", _database(db_path)),
        ("中文字体", _fonts()),
    ]


def info_text(db_path: Path | None = None) -> str:
    return "\n".join(f"{label}：{value}" for label, value in info(db_path))
