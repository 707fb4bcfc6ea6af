"""Font search: configured font, system TrueType fonts, then the non-embedded fallback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gwgk_desktop.pdf import fonts
from gwgk_desktop.pdf.fonts import FALLBACK_FONT, cjk_font, system_paths


@pytest.fixture
def fresh_fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A clean font cache and no GWGK_FONT, restored afterwards."""
    monkeypatch.delenv("GWGK_FONT", raising=False)
    cjk_font.cache_clear()
    yield
    cjk_font.cache_clear()


def no_system_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "system_paths", lambda: [])


def test_a_system_truetype_font_is_found_and_embedded(fresh_fonts: None) -> None:
    if not system_paths():
        pytest.skip("no Chinese TrueType font installed (apt install fonts-wqy-microhei)")
    choice = cjk_font()
    assert choice.embedded and choice.path is not None
    assert choice.warning is None and choice.messages == []


def test_without_any_font_the_fallback_is_used_and_the_user_warned(
    fresh_fonts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_system_fonts(monkeypatch)
    choice = cjk_font()
    assert choice.name == FALLBACK_FONT and not choice.embedded
    assert choice.warning is not None and "STSong-Light" in choice.warning
    assert choice.messages == [choice.warning]


def test_a_configured_file_that_is_no_truetype_font_is_reported(
    fresh_fonts: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bogus = tmp_path / "宋体.ttf"
    bogus.write_text("not a font", encoding="utf-8")
    no_system_fonts(monkeypatch)
    choice = cjk_font(bogus)
    assert choice.rejected == (bogus,)
    assert not choice.embedded
    assert str(bogus) in choice.messages[0]
    assert choice.messages[1] == choice.warning


def test_the_configured_font_comes_before_system_fonts(
    fresh_fonts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = system_paths()
    if not installed:
        pytest.skip("no Chinese TrueType font installed")
    missing = Path("/nonexistent/simsun.ttc")
    monkeypatch.setenv("GWGK_FONT", str(installed[0]))
    choice = cjk_font(missing)
    assert choice.path == installed[0] and choice.embedded
    assert choice.rejected == (missing,)
    # Each file gets its own registered name, so two choices never alias each other.
    assert choice.name != fonts.REGISTERED_NAME


def test_cff_fonts_cannot_be_embedded_and_are_rejected(
    fresh_fonts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    noto = sorted(Path("/usr/share/fonts").rglob("NotoSansCJK*.ttc"))
    if not noto:
        pytest.skip("no Noto CJK font here")
    no_system_fonts(monkeypatch)
    choice = cjk_font(noto[0])
    assert choice.rejected == (noto[0],) and not choice.embedded
