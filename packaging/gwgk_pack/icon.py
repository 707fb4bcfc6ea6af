"""The application icon: a notice board (公开栏) with a red header and a red seal with a
tick, on a blue rounded square. Drawn here once as a list of shapes, written out as SVG
(Linux scalable icon, Qt) and rendered with Pillow to the PNG sizes desktops ask for and
the Windows ``.ico``, so all of them always show the same picture.

    python packaging/build.py icons     # rewrites resources/icons/
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

CANVAS = 256
SIZES = (16, 24, 32, 48, 64, 128, 256)
NAME = "gwgk-desktop"
OVERSAMPLE = 4  # draw larger, then shrink: Pillow draws without anti-aliasing

BLUE = "#1f5fa8"
RED = "#d9342b"
WHITE = "#ffffff"


@dataclass(frozen=True)
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float
    fill: str
    radius: float = 0


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str


@dataclass(frozen=True)
class Stroke:
    """A polyline with round caps and joins."""

    points: tuple[tuple[float, float], ...]
    width: float
    color: str


Shape = Rect | Circle | Stroke

SHAPES: tuple[Shape, ...] = (
    Rect(8, 8, 248, 248, BLUE, radius=52),
    # the board's two posts, then the board: red header, white body
    Rect(66, 160, 84, 222, WHITE),
    Rect(172, 160, 190, 222, WHITE),
    Rect(36, 40, 220, 176, RED, radius=14),
    Rect(36, 74, 220, 176, WHITE, radius=14),
    Rect(36, 74, 220, 100, WHITE),
    # lines of text on the board
    Stroke(((60, 104), (196, 104)), 11, BLUE),
    Stroke(((60, 128), (170, 128)), 11, BLUE),
    Stroke(((60, 152), (136, 152)), 11, BLUE),
    # the seal: approved and published
    Circle(184, 170, 41, WHITE),
    Circle(184, 170, 34, RED),
    Stroke(((168, 171), (180, 183), (201, 160)), 10, WHITE),
)


def svg() -> str:
    """The icon as a standalone SVG document (256 × 256 user units)."""
    body = []
    for shape in SHAPES:
        if isinstance(shape, Rect):
            body.append(
                f'<rect x="{shape.x0:g}" y="{shape.y0:g}" width="{shape.x1 - shape.x0:g}" '
                f'height="{shape.y1 - shape.y0:g}" rx="{shape.radius:g}" fill="{shape.fill}"/>'
            )
        elif isinstance(shape, Circle):
            body.append(
                f'<circle cx="{shape.cx:g}" cy="{shape.cy:g}" r="{shape.r:g}" fill="{shape.fill}"/>'
            )
        else:
            points = " ".join(f"{x:g},{y:g}" for x, y in shape.points)
            body.append(
                f'<polyline points="{points}" fill="none" stroke="{shape.color}" '
                f'stroke-width="{shape.width:g}" stroke-linecap="round" '
                'stroke-linejoin="round"/>'
            )
    lines = "\n  ".join(body)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CANVAS}" height="{CANVAS}" '
        f'viewBox="0 0 {CANVAS} {CANVAS}">\n  <title>政务公开目录</title>\n  {lines}\n</svg>\n'
    )


def render(size: int) -> Image.Image:
    """The icon as an RGBA image of ``size`` × ``size`` pixels."""
    big = size * OVERSAMPLE
    scale = big / CANVAS
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for shape in SHAPES:
        if isinstance(shape, Rect):
            box = (shape.x0 * scale, shape.y0 * scale, shape.x1 * scale - 1, shape.y1 * scale - 1)
            draw.rounded_rectangle(box, radius=shape.radius * scale, fill=shape.fill)
        elif isinstance(shape, Circle):
            r = shape.r * scale
            cx, cy = shape.cx * scale, shape.cy * scale
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=shape.fill)
        else:
            points = [(x * scale, y * scale) for x, y in shape.points]
            width = shape.width * scale
            draw.line(points, fill=shape.color, width=round(width), joint="curve")
            for x, y in (points[0], points[-1]):  # round caps
                draw.ellipse(
                    (x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=shape.color
                )
    return image.resize((size, size), Image.Resampling.LANCZOS)


def write_all(folder: Path) -> list[Path]:
    """Write the SVG, one PNG per size and the multi-size ``.ico`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    target = folder / f"{NAME}.svg"
    target.write_text(svg(), encoding="utf-8")
    written.append(target)
    images = {size: render(size) for size in SIZES}
    for size, image in images.items():
        target = folder / f"{NAME}-{size}.png"
        image.save(target, optimize=True)
        written.append(target)
    target = folder / f"{NAME}.ico"
    largest = images[max(SIZES)]
    largest.save(
        target,
        format="ICO",
        sizes=[(s, s) for s in SIZES],
        append_images=[images[s] for s in SIZES if s != max(SIZES)],
    )
    written.append(target)
    return written
