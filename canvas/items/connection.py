"""The connection item: an arrow between two element boxes, routed by ``model.routing``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from canvas.items.element import ElementItem
from canvas.items.style import (
    CENTER,
    LOD_TEXT,
    NO_BRUSH,
    NO_PEN,
    Layer,
    brush,
    connection_font,
    connection_metrics,
    detail_level,
    halo_pen,
    raci_font,
    white_pen,
)
from canvas.qt_geometry import painter_path, qpoint, qrect
from model import routing
from model.appearance import DASHED_MEANINGS, SELECTION_COLOR, canvas_colors
from model.connections import connection_meaning
from model.routing import RACI_RADIUS
from model.session import Connection

#: Width of the clickable band along a connection (scene px).
HIT_WIDTH = 14.0


@dataclass(frozen=True)
class ConnectionLook:
    """The pens and brush of one connection meaning."""

    color: QColor
    brush: QBrush
    pen: QPen
    thin: QPen
    label_pen: QPen


@cache
def connection_look(meaning: str, theme: str = "light") -> ConnectionLook:
    """The (shared, cached) look of ``meaning`` on the ``theme`` canvas: colour, dash
    pattern, thin overview pen."""
    colors = canvas_colors(theme).connections
    color = QColor(colors.get(meaning, colors["flow"]))
    pen = QPen(color, 2.0)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if meaning in DASHED_MEANINGS:
        pen.setDashPattern([4.0, 3.0])
    thin = QPen(color, 1.0)
    thin.setCosmetic(True)
    return ConnectionLook(color, QBrush(color), pen, thin, QPen(color, 1.5))


class ConnectionItem(QGraphicsItem):
    """An arrow from one element's border to another's, coloured and dashed by meaning.

    The scene routes every connection at once (:func:`model.routing.plan_routes`) and
    hands each item its route (:meth:`set_route`); the label sits on a white pill at the
    route's middle and the RACI letter in a small circle. The hit area is wider than the
    line. A connection without a route (a responsibility shown by a role lane) is hidden.
    """

    Type = QGraphicsItem.UserType + 2

    def __init__(self, connection: Connection, source: ElementItem, target: ElementItem) -> None:
        super().__init__()
        self.connection_id = connection.id
        self.source_item = source
        self.target_item = target
        self.label = connection.label
        self.raci = connection.raci
        self.meaning = connection_meaning(source.kind, target.kind) or "flow"
        self._route: routing.Route | None = None
        self.theme = "light"
        #: False while the workflow's layers hide this connection (model.layers).
        self._shown = True
        self._look = connection_look(self.meaning)
        self._path = QPainterPath()
        self._arrow = QPolygonF()
        self._label_rect = QRectF()
        self._label_text = ""
        self._raci_center = QPointF()
        self._bounds = QRectF()
        self._hit: QPainterPath | None = None
        #: The scene's overview layer, which draws this item when zoomed far out.
        self.layer: Layer | None = None
        self.setZValue(0.0)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        source.connections.append(self)
        target.connections.append(self)
        self.refresh()

    def type(self) -> int:
        return ConnectionItem.Type

    def detach(self) -> None:
        """Forget both ends (before the item leaves the scene)."""
        for end in (self.source_item, self.target_item):
            if self in end.connections:
                end.connections.remove(self)

    def update_from(self, connection: Connection) -> None:
        """Take label and RACI letter from ``connection``."""
        if connection.label != self.label or connection.raci != self.raci:
            self.label = connection.label
            self.raci = connection.raci
            self.refresh()

    def set_route(self, route: routing.Route | None) -> None:
        """Draw along ``route`` (None: not drawn, e.g. shown by a role lane)."""
        if route != self._route:
            self._route = route
            self.refresh()
        self.setVisible(route is not None and self._shown)

    def set_shown(self, shown: bool) -> None:
        """Show or hide the connection by the workflow's layers; it shows only when it
        also has a route."""
        self._shown = shown
        visible = shown and self._route is not None
        if self.isVisible() != visible:
            self.setVisible(visible)

    def route(self) -> routing.Route | None:
        """The route drawn (None while hidden)."""
        return self._route

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if (
            change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged
            and self.layer is not None
        ):
            self.layer.selection_changed(self, bool(value))
        return value

    def refresh(self) -> None:
        """Recompute path, arrowhead, label pill and bounds from the route."""
        if self.layer is not None:
            self.layer.paths_changed()
        self.prepareGeometryChange()
        self._hit = None
        course = self._route
        if course is None:
            self._path, self._arrow, self._label_rect = QPainterPath(), QPolygonF(), QRectF()
            self._label_text = ""
            self._bounds = QRectF()
            return
        self._arrow = QPolygonF([qpoint(point) for point in course.arrow])
        self._path = painter_path(course.line())
        bounds = self._path.boundingRect().united(self._arrow.boundingRect())
        self._label_rect = QRectF()
        self._label_text = ""
        pill = None
        if self.label:
            metrics = connection_metrics()
            self._label_text = metrics.elidedText(
                self.label, Qt.TextElideMode.ElideRight, routing.LABEL_MAX_WIDTH
            )
            width = metrics.horizontalAdvance(self._label_text)
            pill = routing.label_box(course.anchor, width, metrics.height())
            self._label_rect = qrect(pill)
            bounds = bounds.united(self._label_rect)
        if self.raci:
            center = routing.raci_center(course.anchor, pill)
            self._raci_center = qpoint(center)
            bounds = bounds.united(qrect(routing.raci_box(center)))
        self._bounds = bounds.adjusted(-8, -8, 8, 8)

    # -- geometry ------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._hit is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(HIT_WIDTH)
            hit = stroker.createStroke(self._path)
            hit.addPolygon(self._arrow)
            if not self._label_rect.isNull():
                hit.addRect(self._label_rect)
            self._hit = hit
        return self._hit

    def path(self) -> QPainterPath:
        """The line's path in scene coordinates (without the arrowhead)."""
        return self._path

    # -- painting ------------------------------------------------------------------------
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """Draw line and arrowhead (the scene draws label and RACI letter on top)."""
        lod = detail_level(painter, self.scene())
        look = self._look
        selected = self.isSelected()
        painter.setBrush(NO_BRUSH)
        if lod < LOD_TEXT:
            painter.setPen(halo_pen(SELECTION_COLOR, 6.0) if selected else look.thin)
            painter.drawPath(self._path)
            return
        if selected:
            painter.setPen(halo_pen(SELECTION_COLOR, 7.0))
            painter.drawPath(self._path)
        painter.setPen(look.pen)
        painter.drawPath(self._path)
        painter.setPen(NO_PEN)
        painter.setBrush(look.brush)
        painter.drawPolygon(self._arrow)

    def set_theme(self, theme: str) -> None:
        """Draw with the connection colours of the ``theme`` canvas."""
        if theme != self.theme:
            self.theme = theme
            self._look = connection_look(self.meaning, theme)
            self.update()

    def has_badges(self) -> bool:
        """True when the connection shows a label pill or a RACI letter."""
        return bool(self._label_text or self.raci)

    def badges_rect(self) -> QRectF:
        """Scene area of the label pill and RACI letter (the item sits at the origin)."""
        r = RACI_RADIUS + 2
        area = QRectF(self._label_rect)
        if self.raci:
            around = QRectF(self._raci_center.x() - r, self._raci_center.y() - r, 2 * r, 2 * r)
            area = around if area.isNull() else area.united(around)
        return area

    def paint_badges(self, painter: QPainter) -> None:
        """Draw the label pill and RACI letter; the scene paints them above every box."""
        look = self._look
        if self._label_text:
            painter.setPen(look.label_pen)
            painter.setBrush(brush("#FFFFFF"))
            radius = self._label_rect.height() / 2
            painter.drawRoundedRect(self._label_rect, radius, radius)
            painter.setFont(connection_font())
            painter.setPen(QPen(QColor("#111827")))
            painter.drawText(self._label_rect, CENTER, self._label_text)
        if self.raci:
            painter.setPen(white_pen(1.5))
            painter.setBrush(connection_look(self.meaning).brush)
            painter.drawEllipse(self._raci_center, RACI_RADIUS, RACI_RADIUS)
            r = RACI_RADIUS
            rect = QRectF(self._raci_center.x() - r, self._raci_center.y() - r, 2 * r, 2 * r)
            painter.setFont(raci_font())
            painter.setPen(white_pen(1.0))
            painter.drawText(rect, CENTER, self.raci)
