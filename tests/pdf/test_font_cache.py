"""The parsed-font cache (pdf/font_cache.py): a cold cache is filled, a warm one gives
the very font reportlab parses, and a damaged, stale, foreign or unwritable cache only
costs the parse again: printing never fails because of it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from gwgk_desktop.pdf import font_cache
from gwgk_desktop.pdf.font_cache import CachedTTFont, cache_file
from gwgk_desktop.pdf.fonts import system_paths
from tests.pdf.pdfcheck import Pdf

TEXT = "政务公开栏：户籍登记、出生登记（受理时限 20 个工作日）"


@pytest.fixture
def font_file(tmp_path: Path) -> Path:
    """A copy of an installed Chinese TrueType font (tests change its time stamps)."""
    installed = system_paths()
    if not installed:
        pytest.skip("no Chinese TrueType font installed (apt install fonts-wqy-microhei)")
    copy = tmp_path / "fonts" / installed[0].name
    copy.parent.mkdir()
    shutil.copyfile(installed[0], copy)
    return copy


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def parsed(font: TTFont) -> dict[str, object]:
    """What reportlab's parse produced, comparable across font objects (the lazily read
    glyph-to-characters map read first)."""
    assert isinstance(font.face.glyphToChar, dict)
    face = dict(vars(font.face))
    face.pop("_pdfScale")
    face.pop("_ttf_data")
    face = {k: (v.ustr, bytes(v)) if hasattr(v, "ustr") else v for k, v in face.items()}
    return {
        "face": face,
        "scale": font.face._pdfScale(1000),
        "font": {k: v for k, v in vars(font).items() if k not in ("face", "state", "encoding")},
    }


def test_a_cold_cache_is_filled_and_a_warm_one_gives_reportlabs_own_font(
    font_file: Path, folder: Path
) -> None:
    reference = TTFont("ref", str(font_file), subfontIndex=0)
    entry = cache_file(folder, font_file, 0)
    assert not entry.exists()

    cold = CachedTTFont("ref", font_file, 0, folder)
    assert entry.is_file()
    warm = CachedTTFont("ref", font_file, 0, folder)

    assert parsed(cold) == parsed(reference)
    assert parsed(warm) == parsed(reference)
    assert warm.face._ttf_data == reference.face._ttf_data
    # Only reportlab's attributes: nothing of the cache's stays on the font.
    assert vars(warm.face).keys() == vars(reference.face).keys()
    assert vars(warm).keys() == vars(reference).keys()


def test_a_warm_cache_does_not_parse_the_font(
    font_file: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    CachedTTFont("f", font_file, 0, folder)

    def no_parse(*args: object) -> None:
        raise AssertionError("the font was parsed although the cache holds it")

    monkeypatch.setattr("reportlab.pdfbase.ttfonts.TTFontFile.extractInfo", no_parse)
    CachedTTFont("f", font_file, 0, folder)


def test_a_warm_cache_reads_the_glyph_to_characters_map_only_when_asked(
    font_file: Path, folder: Path
) -> None:
    reference = TTFont("ref", str(font_file), subfontIndex=0)
    CachedTTFont("f", font_file, 0, folder)
    warm = CachedTTFont("f", font_file, 0, folder)
    assert "glyphToChar" not in vars(warm.face)
    assert warm.face.glyphToChar == reference.face.glyphToChar
    assert vars(warm.face)["glyphToChar"] is warm.face.glyphToChar  # read once
    with pytest.raises(AttributeError):
        _ = warm.face.noSuchAttribute


def embedded_pdf(path: Path, font: TTFont) -> Pdf:
    from reportlab.pdfbase import pdfmetrics

    pdfmetrics.registerFont(font)
    canvas = Canvas(str(path), invariant=1)
    canvas.setFont(font.fontName, 14)
    canvas.drawString(40, 700, TEXT)
    canvas.save()
    return Pdf(path)


def test_text_printed_with_the_cached_font_is_embedded_and_the_same(
    font_file: Path, folder: Path, tmp_path: Path
) -> None:
    CachedTTFont("GwgkTestC", font_file, 0, folder)  # fills the cache
    plain = embedded_pdf(tmp_path / "plain.pdf", TTFont("GwgkTestA", str(font_file)))
    cached = embedded_pdf(tmp_path / "cached.pdf", CachedTTFont("GwgkTestB", font_file, 0, folder))
    assert TEXT.replace(" ", "") in cached.text()
    assert cached.text() == plain.text()
    fonts = cached.fonts()
    fonts.pop("/Helvetica")  # the canvas's first font, set before ours
    assert list(fonts.values()) == [True]  # embedded
    # The same subset, embedded: the files differ only in the name the font is registered
    # under.
    assert cached.path.read_bytes() == plain.path.read_bytes().replace(b"GwgkTestA", b"GwgkTestB")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],  # a cut-off write
        lambda data: data[:100] + bytes([data[100] ^ 0xFF]) + data[101:],  # a flipped bit
        lambda data: data[:-1000] + os.urandom(1000),
        lambda data: b"not a cache file at all",
        lambda data: os.urandom(len(data)),
    ],
    ids=["empty", "truncated", "bit-flip", "garbage-tail", "foreign", "random"],
)
def test_a_damaged_cache_is_parsed_again_and_repaired(
    font_file: Path, folder: Path, damage: object
) -> None:
    CachedTTFont("f", font_file, 0, folder)
    entry = cache_file(folder, font_file, 0)
    good = entry.read_bytes()
    assert callable(damage)
    entry.write_bytes(damage(good))

    font = CachedTTFont("f", font_file, 0, folder)

    assert parsed(font) == parsed(TTFont("f", str(font_file)))
    assert entry.read_bytes() == good  # written again


def test_a_changed_font_file_is_parsed_again(
    font_file: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    CachedTTFont("f", font_file, 0, folder)
    entry = cache_file(folder, font_file, 0)
    before = entry.read_bytes()
    # Another font put in its place (same name): a different size and time.
    others = [p for p in system_paths() if p.stat().st_size != font_file.stat().st_size]
    if others:
        shutil.copyfile(others[0], font_file)
    else:  # the same bytes with a new modification time still count as a change
        stamp = font_file.stat().st_mtime_ns + 5_000_000_000
        os.utime(font_file, ns=(stamp, stamp))
    parses: list[int] = []
    original = font_cache.TTFontFace.extractInfo

    def counted(self: object, char_info: int = 1) -> None:
        parses.append(1)
        original(self, char_info)

    monkeypatch.setattr(font_cache.TTFontFace, "extractInfo", counted)
    font = CachedTTFont("f", font_file, 0, folder)
    assert parses == [1]
    monkeypatch.undo()
    assert parsed(font) == parsed(TTFont("f", str(font_file)))
    assert entry.read_bytes() != before  # the stale entry was replaced


def test_an_unwritable_cache_folder_still_prints(font_file: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    font = CachedTTFont("f", font_file, 0, blocked / "fonts")
    assert parsed(font) == parsed(TTFont("f", str(font_file)))


def test_a_missing_font_file_fails_as_reportlab_fails(tmp_path: Path, folder: Path) -> None:
    with pytest.raises(TTFError):
        CachedTTFont("f", tmp_path / "gone.ttf", 0, folder)
    assert not folder.exists()
