"""Element outlines for the PDF: the paths of ``model.outlines`` as reportlab paths.

Scene coordinates grow downwards, PDF coordinates upwards, so every path here is built from
the same scene-px numbers as the screen's and stored with ``y`` negated: a box is drawn by
translating to ``(x, -y)`` of its scene position. Paths are built once per shape and shared
by every element of that shape.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from reportlab.pdfgen.pathobject import PDFPathObject

from model import outlines
from model.geometry import (
    ArcTo,
    Box,
    Close,
    CubicTo,
    Ellipse,
    LineTo,
    MoveTo,
    PathCommand,
    QuadTo,
    RoundedRect,
    arc_end,
    quad_as_cubic,
)

W = outlines.W
H = outlines.H


@dataclass(frozen=True)
class Rect(Box):
    """An axis-aligned rectangle in scene px (``y`` grows downwards)."""

    @classmethod
    def of(cls, box: Box) -> Rect:
        """``box`` as a Rect."""
        return cls(box.x, box.y, box.w, box.h)

    def intersects(self, other: Box) -> bool:
        """True when the two rectangles overlap."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def united(self, other: Box) -> Rect:
        """The smallest rectangle holding both."""
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)

    def adjusted(self, margin: float) -> Rect:
        """The rectangle grown by ``margin`` on every side."""
        return Rect(self.x - margin, self.y - margin, self.w + 2 * margin, self.h + 2 * margin)


def add_commands(path: PDFPathObject, commands: Iterable[PathCommand]) -> PDFPathObject:
    """Append ``commands`` (scene px, y down) to ``path`` with ``y`` negated; return it."""
    current = start = (0.0, 0.0)
    for command in commands:
        if isinstance(command, QuadTo):
            command = quad_as_cubic(current, command)
        match command:
            case MoveTo(x, y):
                path.moveTo(x, -y)
                current = start = (x, y)
            case LineTo(x, y):
                path.lineTo(x, -y)
                current = (x, y)
            case CubicTo(c1x, c1y, c2x, c2y, x, y):
                path.curveTo(c1x, -c1y, c2x, -c2y, x, -y)
                current = (x, y)
            case ArcTo(rect, start_angle, sweep):
                # Angles stay as they are: counter-clockwise on screen and on paper.
                path.arcTo(rect.x, -rect.bottom, rect.right, -rect.y, start_angle, sweep)
                current = arc_end(rect, start_angle, sweep)
            case Close():
                path.close()
                current = start
            case RoundedRect(rect, radius):
                path.roundRect(rect.x, -rect.bottom, rect.w, rect.h, radius)
            case Ellipse(cx, cy, rx, ry):
                if rx == ry:
                    path.circle(cx, -cy, rx)
                else:
                    path.ellipse(cx - rx, -(cy + ry), 2 * rx, 2 * ry)
    return path


def pdf_path(commands: Iterable[PathCommand]) -> PDFPathObject:
    """A new reportlab path drawing ``commands``."""
    return add_commands(PDFPathObject(), commands)


@dataclass(frozen=True)
class ShapeGeometry:
    """The paths and text areas of one shape, for a box at (0, 0)."""

    outline: PDFPathObject  # the filled body and its outline
    band: Rect | None  # the header band strip (clipped to the outline when drawn)
    decoration: PDFPathObject | None  # cylinder rim or note flap
    caption_rect: Rect  # where the kind caption goes (inside the band)
    label_rect: Rect  # where the label is wrapped


@cache
def geometry(shape: str) -> ShapeGeometry:
    """The (shared, cached) geometry of ``shape``; unknown shapes fall back to 'rounded'."""
    spec = outlines.outline(shape)
    decoration = pdf_path(spec.decoration) if spec.decoration else None
    label = Rect.of(spec.label)
    if spec.band is None or spec.caption is None:
        return ShapeGeometry(pdf_path(spec.body), None, decoration, Rect(0, 0, 0, 0), label)
    return ShapeGeometry(
        pdf_path(spec.body), Rect.of(spec.band), decoration, Rect.of(spec.caption), label
    )


@cache
def person_glyph() -> PDFPathObject:
    """A small person (head and shoulders) in the band's right end, for roles; fill it."""
    return pdf_path(outlines.person_glyph())


@cache
def gauge_glyph() -> PDFPathObject:
    """A gauge mark for metrics (an arc and a needle) in the band's right end; stroke it."""
    arc, hub, tip = outlines.gauge_glyph()
    return pdf_path((*arc, MoveTo(*hub), LineTo(*tip)))
