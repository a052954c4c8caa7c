"""Element outlines for the PDF: reportlab paths that mirror ``canvas/shapes.py``.

Every element is ELEMENT_WIDTH × ELEMENT_HEIGHT with its top-left corner at (0, 0). Scene
coordinates grow downwards, PDF coordinates upwards, so every path here is built from the
same scene-px numbers as the screen's and stored with ``y`` negated: a box is drawn by
translating to ``(x, -y)`` of its scene position. Paths are built once per shape and shared
by every element of that shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.pdfgen.pathobject import PDFPathObject

from model.appearance import (
    BAND_HEIGHT,
    CYLINDER_RY,
    ELEMENT_HEIGHT,
    ELEMENT_WIDTH,
    NOTE_FOLD,
    text_areas,
)

W = float(ELEMENT_WIDTH)
H = float(ELEMENT_HEIGHT)
#: Height of the coloured header band that carries the kind caption (as on screen).


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle in scene px (``y`` grows downwards)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        """Right edge."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """Bottom edge."""
        return self.y + self.h

    def intersects(self, other: Rect) -> bool:
        """True when the two rectangles overlap."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def united(self, other: Rect) -> Rect:
        """The smallest rectangle holding both."""
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)

    def adjusted(self, margin: float) -> Rect:
        """The rectangle grown by ``margin`` on every side."""
        return Rect(self.x - margin, self.y - margin, self.w + 2 * margin, self.h + 2 * margin)


class _Path:
    """Builds a reportlab path from scene-px coordinates (y down), storing y negated."""

    def __init__(self) -> None:
        self.path = PDFPathObject()

    def move(self, x: float, y: float) -> _Path:
        self.path.moveTo(x, -y)
        return self

    def line(self, x: float, y: float) -> _Path:
        self.path.lineTo(x, -y)
        return self

    def cubic(self, x1: float, y1: float, x2: float, y2: float, x: float, y: float) -> _Path:
        self.path.curveTo(x1, -y1, x2, -y2, x, -y)
        return self

    def quad(self, cx: float, cy: float, x: float, y: float, start: tuple[float, float]) -> _Path:
        sx, sy = start
        return self.cubic(
            sx + 2 / 3 * (cx - sx),
            sy + 2 / 3 * (cy - sy),
            x + 2 / 3 * (cx - x),
            y + 2 / 3 * (cy - y),
            x,
            y,
        )

    def arc(self, rect: Rect, start: float, sweep: float) -> _Path:
        """Like QPainterPath.arcTo: angles counter-clockwise as seen on screen."""
        self.path.arcTo(rect.x, -rect.bottom, rect.right, -rect.y, start, sweep)
        return self

    def polygon(self, points: list[tuple[float, float]]) -> _Path:
        self.move(*points[0])
        for x, y in points[1:]:
            self.line(x, y)
        return self.close()

    def close(self) -> _Path:
        self.path.close()
        return self


@dataclass(frozen=True)
class ShapeGeometry:
    """The paths and text areas of one shape, for a box at (0, 0)."""

    outline: PDFPathObject  # the filled body and its outline
    band: Rect | None  # the header band strip (clipped to the outline when drawn)
    decoration: PDFPathObject | None  # cylinder rim or note flap
    caption_rect: Rect  # where the kind caption goes (inside the band)
    label_rect: Rect  # where the label is wrapped


def _rounded(radius: float) -> PDFPathObject:
    path = PDFPathObject()
    path.roundRect(0, -H, W, H, radius)
    return path


def _pointed(inset: float) -> PDFPathObject:
    points = [(0, H / 2), (inset, 0), (W - inset, 0), (W, H / 2), (W - inset, H), (inset, H)]
    return _Path().polygon(points).path


def _octagon(cut: float) -> PDFPathObject:
    points = [
        (cut, 0),
        (W - cut, 0),
        (W, cut),
        (W, H - cut),
        (W - cut, H),
        (cut, H),
        (0, H - cut),
        (0, cut),
    ]
    return _Path().polygon(points).path


def _cylinder() -> tuple[PDFPathObject, PDFPathObject]:
    ry = CYLINDER_RY
    body = (
        _Path()
        .move(0, ry)
        .arc(Rect(0, 0, W, 2 * ry), 180, -180)
        .line(W, H - ry)
        .arc(Rect(0, H - 2 * ry, W, 2 * ry), 0, -180)
        .close()
    )
    rim = _Path().move(0, ry).arc(Rect(0, 0, W, 2 * ry), 180, 180)
    return body.path, rim.path


def _shield() -> PDFPathObject:
    return (
        _Path()
        .move(0, 0)
        .line(W, 0)
        .line(W, H * 0.55)
        .cubic(W, H * 0.8, W * 0.68, H * 0.92, W / 2, H)
        .cubic(W * 0.32, H * 0.92, 0, H * 0.8, 0, H * 0.55)
        .close()
        .path
    )


def _note() -> tuple[PDFPathObject, PDFPathObject]:
    fold = NOTE_FOLD
    body = _Path().polygon([(0, 0), (W - fold, 0), (W, fold), (W, H), (0, H)])
    flap = _Path().polygon([(W - fold, 0), (W - fold, fold), (W, fold)])
    return body.path, flap.path


def _document() -> PDFPathObject:
    wave = 8.0
    return (
        _Path()
        .move(0, 0)
        .line(W, 0)
        .line(W, H - wave)
        .cubic(W * 0.75, H - 2.5 * wave, W * 0.5, H + wave, W * 0.25, H - wave / 2)
        .quad(W * 0.1, H - 1.5 * wave, 0, H - wave, start=(W * 0.25, H - wave / 2))
        .close()
        .path
    )


@cache
def geometry(shape: str) -> ShapeGeometry:
    """The (shared, cached) geometry of ``shape``; unknown shapes fall back to 'rounded'."""
    decoration: PDFPathObject | None = None
    if shape == "pill":
        outline = _rounded(H / 2)
    elif shape == "hexagon":
        outline = _pointed(16.0)
    elif shape == "diamond":
        outline = _pointed(26.0)
    elif shape == "octagon":
        outline = _octagon(14.0)
    elif shape == "cylinder":
        outline, decoration = _cylinder()
    elif shape == "shield":
        outline = _shield()
    elif shape == "note":
        outline, decoration = _note()
    elif shape == "document":
        outline = _document()
    else:  # rounded, person, gauge (the last two add a glyph in the band)
        outline = _rounded(10.0)
    areas = text_areas(shape)
    label = Rect(*areas.label)
    if areas.caption is None:
        return ShapeGeometry(outline, None, decoration, Rect(0, 0, 0, 0), label)
    band = Rect(-1, -1, W + 2, areas.band_top + BAND_HEIGHT + 1)
    return ShapeGeometry(outline, band, decoration, Rect(*areas.caption), label)


@cache
def person_glyph() -> PDFPathObject:
    """A small person (head and shoulders) in the band's right end, for roles."""
    x, y = W - 20.0, 3.0
    path = _Path()
    path.path.circle(x, -(y + 4.5), 4.0)
    path.move(x - 7, y + 17).cubic(x - 7, y + 9, x + 7, y + 9, x + 7, y + 17).close()
    return path.path


@cache
def gauge_glyph() -> PDFPathObject:
    """A gauge mark for metrics (an arc and a needle) in the band's right end; stroke it."""
    cx, cy, r = W - 20.0, 17.0, 9.0
    path = _Path().move(cx - r, cy).arc(Rect(cx - r, cy - r, 2 * r, 2 * r), 180, -180)
    path.move(cx, cy).line(cx + r * 0.6, cy - r * 0.65)
    return path.path
