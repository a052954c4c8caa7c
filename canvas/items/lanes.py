"""The lane layer: role lanes drawn as bands behind every element and connection."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from canvas.items.style import brush
from model.appearance import canvas_colors
from model.lanes import HEADER_WIDTH, Lane
from model.layers import DIMMED_OPACITY


class LaneLayer(QGraphicsItem):
    """Every lane of the workflow as a band, alternately tinted, with a header column.

    The role element itself sits in the header column (the lane's name is its label);
    the layer takes no clicks, so gestures reach the canvas and items as without lanes.
    """

    def __init__(self) -> None:
        super().__init__()
        self._lanes: tuple[Lane, ...] = ()
        #: Roles whose lanes the focus lens dims.
        self._dimmed: frozenset[str] = frozenset()
        self._bounds = QRectF()
        self._colors = canvas_colors("light")
        self._border = self._border_pen()
        self.setZValue(-1.0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_theme(self, theme: str) -> None:
        """Tint the bands for the ``theme`` canvas ("light" or "dark")."""
        colors = canvas_colors(theme)
        if colors != self._colors:
            self._colors = colors
            self._border = self._border_pen()
            self.update()

    def _border_pen(self) -> QPen:
        pen = QPen(QColor(self._colors.lane_border), 1.5)
        pen.setCosmetic(True)
        return pen

    def set_lanes(self, lanes: list[Lane]) -> None:
        """Draw these lanes (an empty list: nothing)."""
        lanes_tuple = tuple(lanes)
        if lanes_tuple == self._lanes:
            return
        self.prepareGeometryChange()
        self._lanes = lanes_tuple
        bounds = QRectF()
        for lane in lanes_tuple:
            band = lane.band
            bounds = bounds.united(QRectF(band.x, band.y, band.w, band.h))
        self._bounds = bounds
        self.update()

    def set_dimmed(self, roles: frozenset[str]) -> None:
        """Dim the lanes of these roles (the focus lens dims their headers)."""
        if roles != self._dimmed:
            self._dimmed = roles
            self.update()

    def lanes(self) -> tuple[Lane, ...]:
        """The lanes drawn, top to bottom as declared."""
        return self._lanes

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never hit

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """Bands, header columns and the lines between lanes (a dimmed lane faintly)."""
        opacity = painter.opacity()
        painter.setPen(Qt.PenStyle.NoPen)
        for index, lane in enumerate(self._lanes):
            band = lane.band
            rect = QRectF(band.x, band.y, band.w, band.h)
            painter.setOpacity(self._opacity(lane, opacity))
            fills = self._colors.lane_fills
            painter.setBrush(brush(fills[index % len(fills)]))
            painter.drawRect(rect)
            painter.setBrush(brush(self._colors.lane_header))
            painter.drawRect(QRectF(band.x, band.y, min(HEADER_WIDTH, band.w), band.h))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self._border)
        for lane in self._lanes:
            band = lane.band
            painter.setOpacity(self._opacity(lane, opacity))
            painter.drawRect(QRectF(band.x, band.y, band.w, band.h))
        painter.setOpacity(opacity)

    def _opacity(self, lane: Lane, full: float) -> float:
        return full * DIMMED_OPACITY if lane.role in self._dimmed else full
