"""The committed icon files are what ``gwgk_pack.icon`` draws, in every size."""

from __future__ import annotations

from pathlib import Path

from gwgk_pack import icon
from PIL import Image, ImageChops

from tests.packaging.helpers import ROOT

ICONS = ROOT / "resources" / "icons"


def test_svg_is_up_to_date() -> None:
    assert (ICONS / f"{icon.NAME}.svg").read_text(encoding="utf-8") == icon.svg()


def test_pngs_have_their_size_and_match_the_drawing() -> None:
    for size in icon.SIZES:
        with Image.open(ICONS / f"{icon.NAME}-{size}.png") as image:
            assert image.size == (size, size) and image.mode == "RGBA"
            difference = ImageChops.difference(image, icon.render(size)).getbbox()
            assert difference is None, f"{size}px differs: run 'python packaging/build.py icons'"
            # Transparent corners, opaque middle: a rounded square, not a full square.
            assert image.getpixel((0, 0))[3] < 16  # type: ignore[index]
            assert image.getpixel((size // 2, size // 2))[3] == 255  # type: ignore[index]


def test_ico_holds_every_size() -> None:
    with Image.open(ICONS / f"{icon.NAME}.ico") as ico:
        assert ico.format == "ICO"
        assert set(ico.info["sizes"]) == {(s, s) for s in icon.SIZES}


def test_write_all_writes_every_file(tmp_path: Path) -> None:
    written = icon.write_all(tmp_path)
    assert {p.name for p in written} == {p.name for p in ICONS.glob(f"{icon.NAME}*")}
