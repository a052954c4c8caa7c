"""An overview of the whole workflow with the main view's visible area outlined.

The map is a plain widget: the elements are drawn once as small coloured blocks into a
pixmap (rebuilt only when the scene's content changes, at most a few times a second),
and each repaint just blits it and draws the outline, so panning stays cheap.
Clicking or dragging in the map centres the main view there.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from canvas import shapes
from canvas.view import CanvasView
from model.appearance import SELECTION_COLOR, canvas_colors, style_for

#: Blank room around the content, as a share of its size (at least this many scene px).
PADDING_SHARE = 0.08
PADDING_MIN = 120.0
#: Content changes are gathered for this long before the map is redrawn.
REDRAW_DELAY_MS = 150


class Minimap(QWidget):
    """The whole workflow scaled to fit, with the main view's visible area outlined."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(160, 110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: click or drag to move the canvas")
        self._view: CanvasView | None = None
        self._pixmap: QPixmap | None = None
        self._region = QRectF()
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(REDRAW_DELAY_MS)
        self._redraw.timeout.connect(self._invalidate)
        self._outline_pen = QPen(QColor(SELECTION_COLOR), 2.0)
        self.theme = "light"
        self._frame_pen = QPen(QColor(canvas_colors(self.theme).grid), 1.0)

    def sizeHint(self) -> QSize:
        return QSize(240, 160)

    def set_theme(self, theme: str) -> None:
        """Draw on the ``theme`` canvas's paper, as the canvas it maps."""
        self.theme = canvas_colors(theme).name
        self._frame_pen = QPen(QColor(canvas_colors(theme).grid), 1.0)
        self._pixmap = None
        self.update()

    # -- the view it follows -------------------------------------------------------------
    @property
    def view(self) -> CanvasView | None:
        """The main view the map follows."""
        return self._view

    def set_view(self, view: CanvasView | None) -> None:
        """Follow ``view`` (None shows an empty map)."""
        if view is self._view:
            return
        if self._view is not None:
            self._disconnect(self._view)
        self._view = view
        if view is not None:
            scene = view.workflow_scene
            scene.contentChanged.connect(self._schedule_redraw)
            view.horizontalScrollBar().valueChanged.connect(self._on_view_moved)
            view.verticalScrollBar().valueChanged.connect(self._on_view_moved)
            view.zoomChanged.connect(self._on_view_moved)
            view.destroyed.connect(self._on_view_destroyed)
        self._invalidate()

    def _disconnect(self, view: CanvasView) -> None:
        for signal, slot in (
            (view.workflow_scene.contentChanged, self._schedule_redraw),
            (view.horizontalScrollBar().valueChanged, self._on_view_moved),
            (view.verticalScrollBar().valueChanged, self._on_view_moved),
            (view.zoomChanged, self._on_view_moved),
            (view.destroyed, self._on_view_destroyed),
        ):
            with contextlib.suppress(RuntimeError, TypeError):  # already gone with its object
                signal.disconnect(slot)

    def _schedule_redraw(self) -> None:
        self._redraw.start()

    def _on_view_moved(self, *_args: object) -> None:
        self.update()

    def _on_view_destroyed(self, *_args: object) -> None:
        self._view = None
        self._invalidate()

    # -- mapping -------------------------------------------------------------------------
    def _scale(self) -> float:
        if self._region.isEmpty():
            return 1.0
        return min(self.width() / self._region.width(), self.height() / self._region.height())

    def _offset(self) -> QPointF:
        scale = self._scale()
        return QPointF(
            (self.width() - self._region.width() * scale) / 2,
            (self.height() - self._region.height() * scale) / 2,
        )

    def map_to_scene(self, point: QPointF) -> QPointF:
        """The scene point under widget point ``point``."""
        scale = self._scale()
        offset = self._offset()
        return QPointF(
            self._region.left() + (point.x() - offset.x()) / scale,
            self._region.top() + (point.y() - offset.y()) / scale,
        )

    def map_from_scene(self, point: QPointF) -> QPointF:
        """The widget point showing scene point ``point``."""
        scale = self._scale()
        offset = self._offset()
        return QPointF(
            offset.x() + (point.x() - self._region.left()) * scale,
            offset.y() + (point.y() - self._region.top()) * scale,
        )

    # -- drawing -------------------------------------------------------------------------
    def _invalidate(self) -> None:
        self._region = self._content_region()
        self._pixmap = None
        self.update()

    def _content_region(self) -> QRectF:
        if self._view is None:
            return QRectF()
        content = self._view.workflow_scene.content_rect()
        if content.isNull():
            return QRectF()
        pad = max(PADDING_MIN, PADDING_SHARE * max(content.width(), content.height()))
        return content.adjusted(-pad, -pad, pad, pad)

    def _render(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor(canvas_colors(self.theme).background))
        if self._view is None or self._region.isEmpty():
            return pixmap
        painter = QPainter(pixmap)
        scale = self._scale()
        offset = self._offset()
        width = max(1.5, shapes.W * scale)
        height = max(1.5, shapes.H * scale)
        colours: dict[str, QColor] = {}
        left, top = self._region.left(), self._region.top()
        for item in self._view.workflow_scene.element_items():
            colour = colours.get(item.kind)
            if colour is None:
                colour = colours[item.kind] = QColor(style_for(item.kind).accent)
            x = offset.x() + (item.left - left) * scale
            y = offset.y() + (item.top - top) * scale
            painter.fillRect(QRectF(x, y, width, height), colour)
        painter.end()
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pixmap is None or self._pixmap.deviceIndependentSize() != self.size():
            self._pixmap = self._render()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._pixmap)
        painter.setPen(self._frame_pen)
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        view = self._view
        if view is not None and not self._region.isEmpty():
            visible = view.mapToScene(view.viewport().rect()).boundingRect()
            top_left = self.map_from_scene(visible.topLeft())
            bottom_right = self.map_from_scene(visible.bottomRight())
            outline = QRectF(top_left, bottom_right).intersected(
                QRectF(self.rect()).adjusted(1, 1, -1, -1)
            )
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(self._outline_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(outline)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._pixmap = None
        super().resizeEvent(event)

    # -- navigation ----------------------------------------------------------------------
    def _centre_view(self, point: QPointF) -> None:
        if self._view is not None and not self._region.isEmpty():
            self._view.centerOn(self.map_to_scene(point))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._centre_view(event.position())
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._centre_view(event.position())
            event.accept()
        else:
            super().mouseMoveEvent(event)
