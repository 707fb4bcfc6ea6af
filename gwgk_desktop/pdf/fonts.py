"""Finding and registering a Chinese font for reportlab.

Search order (the README's 打印 section tells users the same): the user's configured font
(``configured``, then ``GWGK_FONT``); system TrueType fonts (Windows: SimSun, SimHei,
Microsoft YaHei; Linux: WenQuanYi, AR PL); then reportlab's built-in ``STSong-Light`` CID
font, which is *not embedded* (the PDF then relies on the reader having a matching font),
so callers must tell the user. TrueType fonts are embedded as subsets by reportlab (only
the glyphs used). Noto CJK ``.otf/.ttc`` are CFF-based and cannot be embedded by reportlab,
so they are not candidates; a configured one is rejected with a message.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError

from gwgk_desktop.paths import user_cache_dir
from gwgk_desktop.pdf.font_cache import CachedTTFont

FALLBACK_FONT = "STSong-Light"
#: Prefix of the names fonts are registered under (one name per font file, so choosing
#: another font later in the same process never changes what an earlier name means).
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
    """The font every PDF of this run uses; ``embedded`` is False for the CID fallback.
    ``rejected`` lists configured font files that could not be used."""

    name: str
    path: Path | None
    embedded: bool
    rejected: tuple[Path, ...] = ()

    @property
    def warning(self) -> str | None:
        if self.embedded:
            return None
        return (
            "未找到可嵌入的中文字体（如文泉驿微米黑、宋体），已使用不嵌入字体的 STSong-Light；"
            "PDF 在缺少该字体的电脑上可能显示不正常。请安装中文 TrueType 字体后重新生成"
        )

    @property
    def messages(self) -> list[str]:
        """Everything the user should be told about the font, in Chinese."""
        used = self.path.name if self.path is not None else FALLBACK_FONT
        found = [
            f"指定的字体文件 {path} 不能使用（文件不存在，或不是可嵌入的 TrueType 字体），"
            f"已改用 {used}"
            for path in self.rejected
        ]
        if self.warning:
            found.append(self.warning)
        return found


def configured_paths(configured: Path | None = None) -> list[Path]:
    """The fonts the user asked for: the explicit setting, then ``GWGK_FONT``."""
    found: list[Path] = []
    if configured is not None:
        found.append(configured.expanduser())
    env = os.environ.get("GWGK_FONT")
    if env:
        found.append(Path(env).expanduser())
    return found


def system_paths() -> list[Path]:
    """Chinese TrueType fonts installed on this machine, in order of preference."""
    found: list[Path] = []
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


def candidate_paths(configured: Path | None = None) -> list[Path]:
    """Font files to try, in order of preference."""
    return configured_paths(configured) + system_paths()


def _registered_name(path: Path) -> str:
    digest = hashlib.sha1(str(path.resolve()).encode(), usedforsecurity=False).hexdigest()
    return f"{REGISTERED_NAME}-{digest[:8]}"


def font_cache_dir() -> Path:
    """Where parsed fonts are kept between runs (``font_cache``)."""
    return user_cache_dir() / "fonts"


def _register_ttf(path: Path) -> str | None:
    name = _registered_name(path)
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    try:
        # subfontIndex 0 of a .ttc is the regular (WenQuanYi Micro Hei, SimSun) face.
        font = CachedTTFont(name, path, 0, font_cache_dir())
    except (TTFError, OSError, ValueError, KeyError, IndexError):
        return None
    pdfmetrics.registerFont(font)
    return name


@cache
def cjk_font(configured: Path | None = None) -> FontChoice:
    """Register and return the best available Chinese font (once per process and
    ``configured`` value)."""
    rejected: list[Path] = []
    wanted = configured_paths(configured)
    for path in candidate_paths(configured):
        name = _register_ttf(path) if path.is_file() else None
        if name is not None:
            return FontChoice(name, path, embedded=True, rejected=tuple(rejected))
        if path in wanted:
            rejected.append(path)
    if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return FontChoice(FALLBACK_FONT, None, embedded=False, rejected=tuple(rejected))


# ------------------------------------------------------------------ official documents
#: Font files for each role of an official document (GB/T 9704), in order of preference:
#: the title in 小标宋 (a licensed face, used only when installed) or else a 宋/黑 face,
#: first-level headings in 黑体, second-level in 楷体, the body in 仿宋. A role with none
#: of its files installed uses the general font (``cjk_font``).
ROLE_FILES: dict[str, tuple[str, ...]] = {
    "title": (
        "fzxbsjw.ttf",
        "fzxbsk.ttf",
        "方正小标宋简体.ttf",
        "simsun.ttc",
        "uming.ttc",
        "simhei.ttf",
        "wqy-zenhei.ttc",
    ),
    "heading": ("simhei.ttf", "wqy-zenhei.ttc", "wqy-microhei.ttc"),
    "subheading": ("simkai.ttf", "kaiti_gb2312.ttf", "楷体_gb2312.ttf", "ukai.ttc", "gkai00mp.ttf"),
    "body": ("simfang.ttf", "fangsong_gb2312.ttf", "仿宋_gb2312.ttf"),
}


@cache
def _installed_fonts() -> dict[str, Path]:
    """Font files on this machine by lower-cased file name (first found wins)."""
    found: dict[str, Path] = {}
    if sys.platform == "win32":
        roots = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    else:
        roots = [Path(d).expanduser() for d in _LINUX_DIRS]
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix.lower() in (".ttf", ".ttc"):
                found.setdefault(path.name.lower(), path)
    return found


@cache
def role_font(role: str) -> FontChoice:
    """The font for ``role`` ("title", "heading", "subheading", "body")."""
    installed = _installed_fonts()
    for name in ROLE_FILES[role]:
        path = installed.get(name.lower())
        if path is not None:
            registered = _register_ttf(path)
            if registered is not None:
                return FontChoice(registered, path, embedded=True)
    return cjk_font()


def has_glyph(font: str, char: str) -> bool:
    """Whether the registered ``font`` can draw ``char`` (CID fonts: assumed)."""
    face = getattr(pdfmetrics.getFont(font), "face", None)
    mapping = getattr(face, "charToGlyph", None)
    return True if mapping is None else ord(char) in mapping
