"""Outline geometry of element boxes: one precomputed set of paths per shape.

Every element is ELEMENT_WIDTH × ELEMENT_HEIGHT with its top-left at (0, 0) in item
coordinates, so each shape's paths are built once and shared by every item of that shape.
The label area of each shape is inset so that text never runs over a pointed or curved edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

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
#: Height of the coloured header band that carries the kind caption.
#: Radius of the connect handle on the right edge.
HANDLE_RADIUS = 7.0
#: Extra room around the box for the selection halo, the handle and the badge dot.
MARGIN = 9.0


@dataclass(frozen=True)
class ShapeGeometry:
    """The paths of one shape, in item coordinates of a box at (0, 0)."""

    outline: QPainterPath  # the filled body and its outline
    band: QPainterPath  # the header band, already clipped to the outline (empty for notes)
    decoration: QPainterPath  # extra strokes: cylinder rim, note fold (may be empty)
    caption_rect: QRectF  # where the kind caption goes (inside the band)
    label_rect: QRectF  # where the label is wrapped
    has_band: bool


def box_rect() -> QRectF:
    """The element box in item coordinates."""
    return QRectF(0.0, 0.0, W, H)


def bounding_rect() -> QRectF:
    """The box plus the margin for halo, handle and badge."""
    return QRectF(-MARGIN, -MARGIN, W + 2 * MARGIN, H + 2 * MARGIN)


def handle_center() -> QPointF:
    """Centre of the connect handle (middle of the right edge)."""
    return QPointF(W, H / 2)


def _polygon(points: list[tuple[float, float]]) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
    path.closeSubpath()
    return path


def _rounded(radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(box_rect(), radius, radius)
    return path


def _pointed(inset: float) -> QPainterPath:
    """A box whose left and right ends come to a point (hexagon / diamond-ish)."""
    points = [(0, H / 2), (inset, 0), (W - inset, 0), (W, H / 2), (W - inset, H), (inset, H)]
    return _polygon(points)


def _octagon(cut: float) -> QPainterPath:
    return _polygon(
        [
            (cut, 0),
            (W - cut, 0),
            (W, cut),
            (W, H - cut),
            (W - cut, H),
            (cut, H),
            (0, H - cut),
            (0, cut),
        ]
    )


def _cylinder() -> tuple[QPainterPath, QPainterPath]:
    ry = CYLINDER_RY
    path = QPainterPath(QPointF(0, ry))
    path.arcTo(QRectF(0, 0, W, 2 * ry), 180, -180)
    path.lineTo(W, H - ry)
    path.arcTo(QRectF(0, H - 2 * ry, W, 2 * ry), 0, -180)
    path.closeSubpath()
    rim = QPainterPath(QPointF(0, ry))
    rim.arcTo(QRectF(0, 0, W, 2 * ry), 180, 180)
    return path, rim


def _shield() -> QPainterPath:
    path = QPainterPath(QPointF(0, 0))
    path.lineTo(W, 0)
    path.lineTo(W, H * 0.55)
    path.cubicTo(W, H * 0.8, W * 0.68, H * 0.92, W / 2, H)
    path.cubicTo(W * 0.32, H * 0.92, 0, H * 0.8, 0, H * 0.55)
    path.closeSubpath()
    return path


def _note() -> tuple[QPainterPath, QPainterPath]:
    fold = NOTE_FOLD
    body = _polygon([(0, 0), (W - fold, 0), (W, fold), (W, H), (0, H)])
    flap = _polygon([(W - fold, 0), (W - fold, fold), (W, fold)])
    return body, flap


def _document() -> QPainterPath:
    wave = 8.0
    path = QPainterPath(QPointF(0, 0))
    path.lineTo(W, 0)
    path.lineTo(W, H - wave)
    path.cubicTo(W * 0.75, H - 2.5 * wave, W * 0.5, H + wave, W * 0.25, H - wave / 2)
    path.quadTo(W * 0.1, H - 1.5 * wave, 0, H - wave)
    path.closeSubpath()
    return path


def _band(outline: QPainterPath, top: float = 0.0) -> QPainterPath:
    strip = QPainterPath()
    strip.addRect(QRectF(-1, -1, W + 2, top + BAND_HEIGHT + 1))
    return outline.intersected(strip)


@cache
def geometry(shape: str) -> ShapeGeometry:
    """The (shared, cached) geometry of ``shape``; unknown shapes fall back to 'rounded'."""
    decoration = QPainterPath()
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
    label = QRectF(*areas.label)
    if areas.caption is None:
        return ShapeGeometry(outline, QPainterPath(), decoration, QRectF(), label, False)
    band = _band(outline, areas.band_top)
    return ShapeGeometry(outline, band, decoration, QRectF(*areas.caption), label, True)


@cache
def hit_shape(shape: str, with_handle: bool) -> QPainterPath:
    """The clickable area: the outline, plus the connect handle when the kind connects."""
    path = QPainterPath(geometry(shape).outline)
    if with_handle:
        grip = QPainterPath()
        radius = HANDLE_RADIUS + 2
        grip.addEllipse(handle_center(), radius, radius)
        path = path.united(grip)
    return path


@cache
def person_glyph() -> QPainterPath:
    """A small person (head and shoulders) drawn in the band's right end, for roles."""
    x, y = W - 20.0, 3.0
    path = QPainterPath()
    path.addEllipse(QPointF(x, y + 4.5), 4.0, 4.0)
    shoulders = QPainterPath(QPointF(x - 7, y + 17))
    shoulders.cubicTo(x - 7, y + 9, x + 7, y + 9, x + 7, y + 17)
    shoulders.closeSubpath()
    return path.united(shoulders)


@cache
def gauge_glyph() -> tuple[QPainterPath, QPointF, QPointF]:
    """A gauge mark for metrics: an arc and a needle (start, end), in the band's right end."""
    cx, cy, r = W - 20.0, 17.0, 9.0
    arc = QPainterPath(QPointF(cx - r, cy))
    arc.arcTo(QRectF(cx - r, cy - r, 2 * r, 2 * r), 180, -180)
    return arc, QPointF(cx, cy), QPointF(cx + r * 0.6, cy - r * 0.65)
