"""Qt adapter of :mod:`model.geometry`: path commands, points and boxes as Qt values."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

from model.geometry import (
    ArcTo,
    Box,
    Close,
    CubicTo,
    Ellipse,
    LineTo,
    MoveTo,
    PathCommand,
    Point,
    QuadTo,
    RoundedRect,
)


def qpoint(point: Point) -> QPointF:
    """``point`` as a QPointF."""
    return QPointF(point[0], point[1])


def qrect(box: Box | None) -> QRectF:
    """``box`` as a QRectF (a null rectangle for None)."""
    return QRectF() if box is None else QRectF(box.x, box.y, box.w, box.h)


def add_commands(path: QPainterPath, commands: Iterable[PathCommand]) -> QPainterPath:
    """Append ``commands`` to ``path`` and return it."""
    for command in commands:
        match command:
            case MoveTo(x, y):
                path.moveTo(x, y)
            case LineTo(x, y):
                path.lineTo(x, y)
            case QuadTo(cx, cy, x, y):
                path.quadTo(cx, cy, x, y)
            case CubicTo(c1x, c1y, c2x, c2y, x, y):
                path.cubicTo(c1x, c1y, c2x, c2y, x, y)
            case ArcTo(rect, start, sweep):
                path.arcTo(qrect(rect), start, sweep)
            case Close():
                path.closeSubpath()
            case RoundedRect(rect, radius):
                path.addRoundedRect(qrect(rect), radius, radius)
            case Ellipse(cx, cy, rx, ry):
                path.addEllipse(QPointF(cx, cy), rx, ry)
    return path


def painter_path(commands: Iterable[PathCommand]) -> QPainterPath:
    """A new QPainterPath drawing ``commands``."""
    return add_commands(QPainterPath(), commands)
