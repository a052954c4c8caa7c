"""Plain geometric values shared by the canvas and the PDF: points, boxes and path commands.

Everything is in scene pixels with ``y`` growing downwards (the screen's convention). A path
is a tuple of commands; the canvas turns one into a ``QPainterPath`` and the PDF into a
reportlab path, each with a small adapter, so that a shape is described only once here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: top-left corner, width and height."""

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

    @property
    def center(self) -> Point:
        """The middle of the box."""
        return (self.x + self.w / 2, self.y + self.h / 2)


@dataclass(frozen=True)
class MoveTo:
    """Start a new subpath at (x, y)."""

    x: float
    y: float


@dataclass(frozen=True)
class LineTo:
    """A straight line from the current point to (x, y)."""

    x: float
    y: float


@dataclass(frozen=True)
class QuadTo:
    """A quadratic Bézier curve from the current point through control (cx, cy) to (x, y)."""

    cx: float
    cy: float
    x: float
    y: float


@dataclass(frozen=True)
class CubicTo:
    """A cubic Bézier curve from the current point to (x, y) with two control points."""

    c1x: float
    c1y: float
    c2x: float
    c2y: float
    x: float
    y: float


@dataclass(frozen=True)
class ArcTo:
    """An arc of the ellipse inscribed in ``rect``, joined to the current point by a line.

    Angles are in degrees, counter-clockwise as seen on screen, 0 at three o'clock (the
    convention of ``QPainterPath.arcTo``).
    """

    rect: Box
    start: float
    sweep: float


@dataclass(frozen=True)
class Close:
    """Close the current subpath back to its start."""


@dataclass(frozen=True)
class RoundedRect:
    """A closed rounded rectangle subpath with corner ``radius``."""

    rect: Box
    radius: float


@dataclass(frozen=True)
class Ellipse:
    """A closed ellipse subpath centred on (cx, cy)."""

    cx: float
    cy: float
    rx: float
    ry: float


PathCommand = MoveTo | LineTo | QuadTo | CubicTo | ArcTo | Close | RoundedRect | Ellipse
Path = tuple[PathCommand, ...]


def polygon(points: list[Point]) -> Path:
    """A closed polygon through ``points``."""
    first, *rest = points
    return (MoveTo(*first), *(LineTo(x, y) for x, y in rest), Close())


def quad_as_cubic(start: Point, quad: QuadTo) -> CubicTo:
    """The cubic Bézier curve equal to ``quad`` drawn from ``start``."""
    sx, sy = start
    return CubicTo(
        sx + 2 / 3 * (quad.cx - sx),
        sy + 2 / 3 * (quad.cy - sy),
        quad.x + 2 / 3 * (quad.cx - quad.x),
        quad.y + 2 / 3 * (quad.cy - quad.y),
        quad.x,
        quad.y,
    )


def arc_end(rect: Box, start: float, sweep: float) -> Point:
    """Where an :class:`ArcTo` of ``rect`` from ``start`` through ``sweep`` degrees ends."""
    angle = math.radians(start + sweep)
    cx, cy = rect.center
    return (cx + rect.w / 2 * math.cos(angle), cy - rect.h / 2 * math.sin(angle))
