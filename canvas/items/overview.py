"""The overview layer: every element and connection in a few batched calls, zoomed far out."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from canvas import shapes
from canvas.items.connection import ConnectionItem, connection_look
from canvas.items.element import ElementItem
from canvas.items.style import LOD_TEXT, NO_BRUSH, halo_pen
from model.appearance import SELECTION_COLOR


class OverviewLayer(QGraphicsItem):
    """Draws every element and connection in a few batched calls when zoomed far out.

    Below a zoom of LOD_TEXT the scene marks its items ItemHasNoContents (they still take
    clicks, drags and rubber-band selection) and shows this layer instead: connections as
    one cosmetic path per meaning, elements as plain blocks or shared sprites. That keeps a
    repaint of thousands of items to a few milliseconds.
    """

    def __init__(
        self, elements: dict[str, ElementItem], connections: dict[str, ConnectionItem]
    ) -> None:
        super().__init__()
        self._elements = elements
        self._connections = connections
        self._paths: list[tuple[QPen, QPainterPath]] | None = None
        self._selected: set[ConnectionItem] = set()
        self._bounds = QRectF()
        #: The canvas theme whose connection colours are drawn.
        self.theme = "light"
        self.setZValue(0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setVisible(False)

    def set_bounds(self, rect: QRectF) -> None:
        """The area the layer covers (the content, with room for bends and halos)."""
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = QRectF(rect)

    def changed(self) -> None:
        """Something drawn by the layer changed: repaint when the layer is shown."""
        if self.isVisible():
            self.update()

    def paths_changed(self) -> None:
        """A connection moved, appeared or went: rebuild the batched paths on next paint."""
        self._paths = None
        self.changed()

    def selection_changed(self, connection: ConnectionItem, selected: bool) -> None:
        """Track selected connections (drawn with a halo on top of the batch)."""
        if selected:
            self._selected.add(connection)
        else:
            self._selected.discard(connection)
        self.changed()

    def forget(self, connection: ConnectionItem) -> None:
        """A connection left the scene."""
        self._selected.discard(connection)
        self.paths_changed()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never hit: clicks go to the items below

    def _batched(self) -> list[tuple[QPen, QPainterPath]]:
        if self._paths is None:
            by_meaning: dict[str, QPainterPath] = {}
            for connection in self._connections.values():
                if not connection.isVisible():
                    continue
                path = by_meaning.get(connection.meaning)
                if path is None:
                    path = by_meaning[connection.meaning] = QPainterPath()
                path.addPath(connection.path())
            self._paths = [
                (connection_look(meaning, self.theme).thin, path)
                for meaning, path in by_meaning.items()
            ]
        return self._paths

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """Connections first, then the element boxes inside the exposed area."""
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        exposed = option.exposedRect
        if lod >= LOD_TEXT:  # drawn at full detail (e.g. rendered for an export)
            for connection in self._connections.values():
                if connection.isVisible() and connection.boundingRect().intersects(exposed):
                    painter.setOpacity(connection.opacity())
                    connection.paint(painter, option, widget)
            for element in self._elements.values():
                if not element.isVisible():
                    continue
                painter.setOpacity(element.opacity())
                painter.translate(element.left, element.top)
                element.paint(painter, option, widget)
                painter.translate(-element.left, -element.top)
            painter.setOpacity(1.0)
            return
        painter.setBrush(NO_BRUSH)
        for pen, path in self._batched():
            painter.setPen(pen)
            painter.drawPath(path)
        if self._selected:
            painter.setPen(halo_pen(SELECTION_COLOR, 6.0))
            for connection in self._selected:
                painter.drawPath(connection.path())
        left, top = exposed.left() - shapes.W, exposed.top() - shapes.H
        right, bottom = exposed.right(), exposed.bottom()
        for element in self._elements.values():
            x, y = element.left, element.top
            if left <= x <= right and top <= y <= bottom and element.isVisible():
                painter.setOpacity(element.opacity())
                element.paint_overview(painter, lod)
        painter.setOpacity(1.0)
