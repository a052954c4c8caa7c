"""Severity icons: the shape says the severity, not just the colour.

An error is a red circle with a white cross, a warning an amber triangle with a white
"!", an info a blue circle with a white "i". Element badges on the canvas and the
findings on slides draw them; the PDF handout draws the same shapes.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF

from model.appearance import SEVERITY_COLORS

SEVERITIES = ("error", "warning", "info")


def paint_mark(painter: QPainter, severity: str, centre: QPointF, size: float) -> None:
    """Draw the icon of ``severity`` centred on ``centre``, ``size`` across."""
    colour = QColor(SEVERITY_COLORS.get(severity, SEVERITY_COLORS["info"]))
    half = size / 2
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    outline = QPen(QColor("#FFFFFF"), max(1.0, size * 0.1))
    outline.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(outline)
    painter.setBrush(QBrush(colour))
    x, y = centre.x(), centre.y()
    if severity == "warning":
        triangle = QPolygonF(
            [
                QPointF(x, y - half),
                QPointF(x + half * 1.08, y + half * 0.8),
                QPointF(x - half * 1.08, y + half * 0.8),
            ]
        )
        painter.drawPolygon(triangle)
    else:
        painter.drawEllipse(centre, half, half)
    ink = QPen(QColor("#FFFFFF"), max(1.2, size * 0.16))
    ink.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(ink)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if severity == "error":
        d = half * 0.42
        painter.drawLine(QPointF(x - d, y - d), QPointF(x + d, y + d))
        painter.drawLine(QPointF(x - d, y + d), QPointF(x + d, y - d))
    elif severity == "warning":
        painter.drawLine(QPointF(x, y - half * 0.3), QPointF(x, y + half * 0.22))
        _dot(painter, QPointF(x, y + half * 0.52), size * 0.09)
    else:
        painter.drawLine(QPointF(x, y - half * 0.08), QPointF(x, y + half * 0.5))
        _dot(painter, QPointF(x, y - half * 0.45), size * 0.09)
    painter.restore()


def _dot(painter: QPainter, centre: QPointF, radius: float) -> None:
    path = QPainterPath()
    path.addEllipse(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius))
    painter.fillPath(path, QColor("#FFFFFF"))
