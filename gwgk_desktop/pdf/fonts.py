"""Finding and registering a Chinese font for reportlab.

Search order (DESIGN.md): the user's configured font; system TrueType fonts (Windows:
SimSun, SimHei, Microsoft YaHei; Linux: WenQuanYi, AR PL); then reportlab's built-in
``STSong-Light`` CID font, which is *not embedded* (the PDF then relies on the reader having
a matching font), so callers must tell the user. TrueType fonts are embedded as subsets by
reportlab. Noto CJK ``.otf/.ttc`` are CFF-based and cannot be embedded by reportlab, so
they are not candidates.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FALLBACK_FONT = "STSong-Light"
REGISTERED_NAME = "GwgkCJK"

_WINDOWS_FONTS = ("simsun.ttc", "simhei.ttf", "msyh.ttc", "msyh.ttf", "simkai.ttf")
_LINUX_FONTS = (
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "uming.ttc",
    "ukai.ttc",
    "gkai00mp.ttf",
)
_LINUX_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
)


@dataclass(frozen=True)
class FontChoice:
    """The font every PDF of this run uses; ``embedded`` is False for the CID fallback."""

    name: str
    path: Path | None
    embedded: bool

    @property
    def warning(self) -> str | None:
        if self.embedded:
            return None
        return (
            "未找到可嵌入的中文字体（如文泉驿微米黑、宋体），已使用不嵌入字体的 STSong-Light；"
            "PDF 在缺少该字体的电脑上可能显示不正常。请安装中文 TrueType 字体后重新生成"
        )


def candidate_paths(configured: Path | None = None) -> list[Path]:
    """Font files to try, in order of preference."""
    found: list[Path] = []
    if configured is not None:
        found.append(configured.expanduser())
    env = os.environ.get("GWGK_FONT")
    if env:
        found.append(Path(env).expanduser())
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        found += [windir / name for name in _WINDOWS_FONTS]
    else:
        for directory in _LINUX_DIRS:
            root = Path(directory).expanduser()
            if not root.is_dir():
                continue
            for name in _LINUX_FONTS:
                found += sorted(root.rglob(name))
    return found


def _register_ttf(path: Path) -> bool:
    try:
        # subfontIndex 0 of a .ttc is the regular (WenQuanYi Micro Hei, SimSun) face.
        font = TTFont(REGISTERED_NAME, str(path), subfontIndex=0)
    except (TTFError, OSError, ValueError):
        return False
    pdfmetrics.registerFont(font)
    return True


@cache
def cjk_font(configured: Path | None = None) -> FontChoice:
    """Register and return the best available Chinese font (once per process)."""
    for path in candidate_paths(configured):
        if path.is_file() and _register_ttf(path):
            return FontChoice(REGISTERED_NAME, path, embedded=True)
    if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return FontChoice(FALLBACK_FONT, None, embedded=False)
