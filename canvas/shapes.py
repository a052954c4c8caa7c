"""Element box paths for the canvas: the outlines of ``model.outlines`` as QPainterPaths.

Every element is ELEMENT_WIDTH × ELEMENT_HEIGHT with its top-left at (0, 0) in item
coordinates, so each shape's paths are built once and shared by every item of that shape.
The canvas adds what only it needs: the band clipped to the body, the connect handle and
the clickable area.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

from canvas.qt_geometry import painter_path, qpoint, qrect
from model import outlines

W = outlines.W
H = outlines.H
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
    return qrect(outlines.box())


def bounding_rect() -> QRectF:
    """The box plus the margin for halo, handle and badge."""
    return QRectF(-MARGIN, -MARGIN, W + 2 * MARGIN, H + 2 * MARGIN)


def handle_center() -> QPointF:
    """Centre of the connect handle (middle of the right edge)."""
    return QPointF(W, H / 2)


@cache
def geometry(shape: str) -> ShapeGeometry:
    """The (shared, cached) geometry of ``shape``; unknown shapes fall back to 'rounded'."""
    spec = outlines.outline(shape)
    outline = painter_path(spec.body)
    decoration = painter_path(spec.decoration)
    label = qrect(spec.label)
    if spec.band is None:
        return ShapeGeometry(outline, QPainterPath(), decoration, QRectF(), label, False)
    strip = QPainterPath()
    strip.addRect(qrect(spec.band))
    band = outline.intersected(strip)
    return ShapeGeometry(outline, band, decoration, qrect(spec.caption), label, True)


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
    return painter_path(outlines.person_glyph())


@cache
def gauge_glyph() -> tuple[QPainterPath, QPointF, QPointF]:
    """A gauge mark for metrics: an arc and a needle (start, end), in the band's right end."""
    arc, hub, tip = outlines.gauge_glyph()
    return painter_path(arc), qpoint(hub), qpoint(tip)
