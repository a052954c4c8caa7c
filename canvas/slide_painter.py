"""Painting a slide (:class:`model.stage.Stage`) with a QPainter: screen, previews and PNG.

The stage is scaled uniformly into the target rectangle (centred, white around it when
the proportions differ). Element layers are drawn by a :class:`~canvas.scene.WorkflowScene`
of the slide's own session, so boxes, connections, labels and badges look exactly as on
the canvas; texts, panels and severity marks are drawn here. The prioritisation matrix
is drawn by a callback the app gives (the canvas knows nothing of the app's widgets).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from canvas.items.connection import connection_look
from canvas.items.style import LOD_TEXT
from canvas.qt_geometry import painter_path, qpoint
from canvas.scene import WorkflowScene
from canvas.severity import paint_mark
from model import text_layout
from model.layers import DIMMED_OPACITY
from model.stage import LINE_HEIGHT, Connector, Elements, Mark, Matrix, Panel, Stage, Text

#: Draws the prioritisation matrix into a rectangle (stage units, painter already scaled).
MatrixPainter = Callable[[QPainter, QRectF], None]
BACKGROUND = QColor("#FFFFFF")


def stage_transform(stage: Stage, target: QRectF) -> tuple[float, QPointF]:
    """(scale, origin): a stage unit is ``scale`` pixels, the stage's corner at ``origin``."""
    scale = min(target.width() / stage.size.width, target.height() / stage.size.height)
    left = target.left() + (target.width() - stage.size.width * scale) / 2
    top = target.top() + (target.height() - stage.size.height * scale) / 2
    return scale, QPointF(left, top)


class SlidePainter:
    """Paints stages; keeps the scenes of the element layers of the stage last painted."""

    def __init__(self, matrix: MatrixPainter | None = None) -> None:
        self.matrix = matrix
        self._scenes: dict[int, tuple[Elements, WorkflowScene]] = {}

    def paint(self, painter: QPainter, stage: Stage, target: QRectF) -> None:
        """Draw ``stage`` fitted into ``target`` (device coordinates of ``painter``)."""
        scale, origin = stage_transform(stage, target)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(target, BACKGROUND)
        painter.translate(origin)
        painter.scale(scale, scale)
        layers = [s for s in stage.shapes if isinstance(s, Elements)]
        self._keep_scenes(layers)
        for shape in stage.shapes:
            if isinstance(shape, Panel):
                _paint_panel(painter, shape)
            elif isinstance(shape, Text):
                paint_text(painter, shape)
            elif isinstance(shape, Mark):
                paint_mark(painter, shape.severity, QPointF(shape.cx, shape.cy), shape.size)
            elif isinstance(shape, Elements):
                self._paint_elements(painter, shape)
            elif isinstance(shape, Connector):
                paint_connector(painter, shape)
            elif isinstance(shape, Matrix) and self.matrix is not None:
                x, y, w, h = shape.box
                self.matrix(painter, QRectF(x, y, w, h))
        painter.restore()

    def scene_of(self, layer: Elements) -> WorkflowScene:
        """The scene drawing ``layer`` (built on first use)."""
        kept = self._scenes.get(id(layer))
        if kept is not None and kept[0] is layer:
            return kept[1]
        scene = WorkflowScene(layer.session, layer.workflow_id)
        scene.paints_background = False
        scene.min_detail = LOD_TEXT  # the presenter's small previews keep their labels
        scene.set_badges(dict(layer.badges))
        scene.set_dimmed(layer.dimmed)
        self._scenes[id(layer)] = (layer, scene)
        return scene

    def _keep_scenes(self, layers: list[Elements]) -> None:
        wanted = {id(layer) for layer in layers}
        for key in [k for k in self._scenes if k not in wanted]:
            _, scene = self._scenes.pop(key)
            scene.clear()

    def _paint_elements(self, painter: QPainter, layer: Elements) -> None:
        scene = self.scene_of(layer)
        sx, sy, sw, sh = layer.source
        tx, ty, tw, th = layer.target
        painter.save()
        painter.setClipRect(QRectF(tx, ty, tw, th))
        scene.render(painter, QRectF(tx, ty, tw, th), QRectF(sx, sy, sw, sh))
        painter.restore()

    def dispose(self) -> None:
        """Drop every kept scene (before the QApplication goes)."""
        self._keep_scenes([])


def paint_connector(painter: QPainter, connector: Connector) -> None:
    """A connection the slide routed itself, with the canvas's pen and arrowhead."""
    look = connection_look(connector.meaning)
    painter.save()
    if connector.dimmed:
        painter.setOpacity(painter.opacity() * DIMMED_OPACITY)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(look.pen)
    painter.drawPath(painter_path(connector.route.line()))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(look.brush)
    painter.drawPolygon(QPolygonF([qpoint(point) for point in connector.route.arrow]))
    painter.restore()


def _paint_panel(painter: QPainter, panel: Panel) -> None:
    x, y, w, h = panel.box
    rect = QRectF(x, y, w, h)
    if panel.outline:
        pen = QPen(QColor(panel.outline), 1.5)
        painter.setPen(pen)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
    if panel.hatched:
        painter.setBrush(QBrush(QColor("#9CA3AF"), Qt.BrushStyle.BDiagPattern))
    else:
        painter.setBrush(QColor(panel.fill))
    if panel.radius > 0:
        painter.drawRoundedRect(rect, panel.radius, panel.radius)
    else:
        painter.drawRect(rect)


def _font(size: float, bold: bool) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    return font


def wrapped(text: Text) -> list[str]:
    """The lines ``text`` is drawn in (wrapped to its box, the last one elided)."""
    metrics = QFontMetricsF(_font(text.size, text.bold))
    return text_layout.wrap_paragraphs(
        text.text,
        text.box[2],
        text.max_lines,
        metrics.horizontalAdvance,
        lambda line, width: metrics.elidedText(line, Qt.TextElideMode.ElideRight, width),
    )


def paint_text(painter: QPainter, text: Text) -> None:
    """Draw ``text`` in its box: wrapped, aligned, vertically from the top."""
    font = _font(text.size, text.bold)
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    painter.setPen(QColor(text.color))
    x, y, w, _ = text.box
    step = text.size * LINE_HEIGHT
    for index, line in enumerate(wrapped(text)):
        advance = metrics.horizontalAdvance(line)
        if text.align == "center":
            left = x + (w - advance) / 2
        elif text.align == "right":
            left = x + w - advance
        else:
            left = x
        baseline = y + index * step + (step - metrics.height()) / 2 + metrics.ascent()
        painter.drawText(QPointF(left, baseline), line)
