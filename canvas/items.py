"""Graphics items of the canvas: element boxes, connection arrows and the inline label editor.

Items are drawn for a projector: saturated accent bands, bold 15 px labels and 2 px outlines.
They stay cheap with thousands on screen: element items are cached in device coordinates,
fonts, pens and paths are built once per kind (lazily, at first paint), labels are wrapped
once per label change, and below a zoom of about 0.4 items drop their text entirely.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGlyphRun,
    QImage,
    QKeyEvent,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPixmap,
    QPolygonF,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsTextItem,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from canvas import shapes
from model import text_layout
from model.appearance import (
    ACCEPT_COLOR,
    CAPTION_PX,
    CONNECTION_COLORS,
    DASHED_MEANINGS,
    LABEL_PX,
    NOTE_FILLS,
    SELECTION_COLOR,
    SEVERITY_COLORS,
    style_for,
)
from model.connections import connection_meaning
from model.kinds import KINDS_BY_ID
from model.session import Connection, Element

#: Below this level of detail items draw no text (just their filled shape).
LOD_TEXT = 0.4
#: Below this level of detail elements are plain filled rectangles.
LOD_RECT = 0.15
#: Connection labels and RACI letters are at least 14 px so they read on a wall.
CONNECTION_LABEL_PX = 14
_ARROW_LENGTH = 13.0
_ARROW_HALF_WIDTH = 6.5
_RACI_RADIUS = 11.0
_LABEL_MAX_WIDTH = 220.0
_HIT_WIDTH = 14.0
#: Bend (scene px) of a connection whose reverse also exists, and of a learning loop.
REVERSE_BEND = 28.0
LOOP_BEND = 60.0

_ELEMENT_BOUNDS = shapes.bounding_rect()
#: Snapshot-comparison marks: a ring around the box, green when added, amber when changed.
MARK_COLORS: dict[str, str] = {"added": ACCEPT_COLOR, "changed": SELECTION_COLOR}
#: The mark ring starts MARK_GAP px outside the shape and is MARK_WIDTH px thick (at zoom 1;
#: zoomed far out it keeps these sizes on screen).
MARK_GAP = 4.0
MARK_WIDTH = 4.0
_NO_PEN = QPen(Qt.PenStyle.NoPen)
_NO_BRUSH = QBrush(Qt.BrushStyle.NoBrush)
_WHITE = QColor("#FFFFFF")
_CENTER = Qt.AlignmentFlag.AlignCenter


# -- shared fonts and metrics (built lazily: they need a QGuiApplication) -----------------


@cache
def label_font() -> QFont:
    """Bold label font, LABEL_PX pixels."""
    font = QFont()
    font.setPixelSize(max(14, LABEL_PX))
    font.setBold(True)
    return font


@cache
def label_metrics() -> QFontMetricsF:
    """Metrics of :func:`label_font`."""
    return QFontMetricsF(label_font())


@cache
def caption_font() -> QFont:
    """Small caption font for the kind name in the band."""
    font = QFont()
    font.setPixelSize(CAPTION_PX)
    font.setWeight(QFont.Weight.DemiBold)
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0.6)
    return font


@cache
def connection_font() -> QFont:
    """Font of connection labels."""
    font = QFont()
    font.setPixelSize(CONNECTION_LABEL_PX)
    font.setWeight(QFont.Weight.DemiBold)
    return font


@cache
def connection_metrics() -> QFontMetricsF:
    """Metrics of :func:`connection_font`."""
    return QFontMetricsF(connection_font())


@cache
def raci_font() -> QFont:
    """Bold font of the RACI letter."""
    font = QFont()
    font.setPixelSize(CONNECTION_LABEL_PX)
    font.setBold(True)
    return font


# -- label wrapping -------------------------------------------------------------------------


def wrap_label(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Word-wrap ``text`` into at most ``max_lines`` lines of ``width``; elide what is left."""
    return text_layout.wrap_label(
        text,
        width,
        max_lines,
        metrics.horizontalAdvance,
        lambda line, room: metrics.elidedText(line, Qt.TextElideMode.ElideRight, room),
    )


# -- per-kind paint resources ---------------------------------------------------------------


@dataclass(frozen=True)
class _ElementLook:
    fill: QBrush
    accent: QBrush
    outline: QPen
    text: QPen
    flap: QBrush
    caption: str


@cache
def _element_look(kind: str, note_color: str | None) -> _ElementLook:
    style = style_for(kind)
    fill = NOTE_FILLS.get(note_color or "", NOTE_FILLS["yellow"]) if kind == "note" else style.fill
    accent = QColor(style.accent)
    outline = QPen(accent, 2.0)
    outline.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    flap = QColor(accent)
    flap.setAlpha(70)
    spec = KINDS_BY_ID.get(kind)
    caption = (spec.name if spec else kind.replace("_", " ")).upper()
    return _ElementLook(
        QBrush(QColor(fill)),
        QBrush(accent),
        outline,
        QPen(QColor(style.text)),
        QBrush(flap),
        caption,
    )


@cache
def _halo_pen(color: str, width: float) -> QPen:
    pen = QPen(QColor(color), width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


@cache
def _mark_pen(mark: str, cosmetic: bool) -> QPen:
    pen = QPen(QColor(MARK_COLORS[mark]), MARK_WIDTH)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCosmetic(cosmetic)
    return pen


@cache
def _mark_ring(shape: str) -> QPainterPath:
    """The outline of ``shape`` grown so that a MARK_WIDTH pen on it starts MARK_GAP out."""
    outline = shapes.geometry(shape).outline
    stroker = QPainterPathStroker()
    stroker.setWidth(2 * (MARK_GAP + MARK_WIDTH / 2))
    stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return outline.united(stroker.createStroke(outline)).simplified()


@cache
def _brush(color: str) -> QBrush:
    return QBrush(QColor(color))


@cache
def _white_pen(width: float) -> QPen:
    return QPen(_WHITE, width)


# -- elements -------------------------------------------------------------------------------


class ElementItem(QGraphicsItem):
    """One element box: shape per kind, accent band with caption, bold wrapped label.

    Shows a connect handle on the right edge when hovered or selected (not for notes),
    an accept/refuse halo while a connection is dragged over it, and an optional badge.
    """

    Type = QGraphicsItem.UserType + 1

    def __init__(self, element: Element) -> None:
        super().__init__()
        self.element_id = element.id
        self.kind = element.kind
        self.label = element.label
        self.note_color: str | None = None
        self.connections: list[ConnectionItem] = []
        self.badge: str | None = None
        self.highlight: str | None = None
        #: Snapshot-comparison mark: "added", "changed" or None (see MARK_COLORS).
        self.mark: str | None = None
        self.editing = False
        self.connecting = False
        self._hovered = False
        self._lines: list[tuple[QPointF, QGlyphRun]] | None = None
        #: The scene's overview layer, which draws this item when zoomed far out.
        self.layer: OverviewLayer | None = None
        self._apply_kind(element)
        self.setPos(element.x, element.y)
        self.left, self.top = float(element.x), float(element.y)
        self.setZValue(1.0)
        self.setAcceptHoverEvents(True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )

    def _apply_kind(self, element: Element) -> None:
        self.kind = element.kind
        color = element.props.get("color") if element.kind == "note" else None
        self.note_color = color if isinstance(color, str) else None
        self._shape_name = style_for(self.kind).shape
        self._geometry = shapes.geometry(self._shape_name)
        self._look = _element_look(self.kind, self.note_color)

    # -- state from the model ------------------------------------------------------------
    def update_from(self, element: Element) -> None:
        """Take position, label, kind and note colour from ``element``."""
        if self.pos() != QPointF(element.x, element.y):
            self.setPos(element.x, element.y)
        changed = element.label != self.label or element.kind != self.kind
        color = element.props.get("color") if element.kind == "note" else None
        if changed or color != self.note_color:
            self.label = element.label
            self._apply_kind(element)
            self._lines = None
            self._repaint()

    @property
    def can_connect(self) -> bool:
        """Notes never connect, so they have no handle."""
        return self.kind != "note"

    def type(self) -> int:
        return ElementItem.Type

    def center(self) -> QPointF:
        """Centre of the box in scene coordinates."""
        return QPointF(self.left + shapes.W / 2, self.top + shapes.H / 2)

    def label_rect(self) -> QRectF:
        """Where the label is drawn, in item coordinates."""
        return self._geometry.label_rect

    def handle_contains(self, item_pos: QPointF) -> bool:
        """True when ``item_pos`` (item coordinates) is on the connect handle."""
        if not self.can_connect:
            return False
        delta = item_pos - shapes.handle_center()
        return math.hypot(delta.x(), delta.y()) <= shapes.HANDLE_RADIUS + 3

    def handle_scene_pos(self) -> QPointF:
        """Centre of the connect handle in scene coordinates."""
        return self.mapToScene(shapes.handle_center())

    def set_badge(self, severity: str | None) -> None:
        """Show a severity dot ('error', 'warning', 'info') or none."""
        if severity not in SEVERITY_COLORS:
            severity = None
        if severity != self.badge:
            self.badge = severity
            self._repaint()

    def set_highlight(self, color: str | None) -> None:
        """Halo in ``color`` (accept/refuse while connecting), or none."""
        if color != self.highlight:
            self.highlight = color
            self._repaint()

    def set_mark(self, mark: str | None) -> None:
        """Ring the box as "added" (green) or "changed" (amber), or drop the ring (None)."""
        if mark is not None and mark not in MARK_COLORS:
            raise ValueError(f"unknown mark {mark!r}")
        if mark != self.mark:
            self.mark = mark
            self._repaint()

    def set_editing(self, editing: bool) -> None:
        """Hide the label while the inline editor is over it."""
        if editing != self.editing:
            self.editing = editing
            self._repaint()

    # -- geometry ------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return _ELEMENT_BOUNDS

    def shape(self) -> QPainterPath:
        return shapes.hit_shape(self._shape_name, self.can_connect)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self.left, self.top = value.x(), value.y()
            for connection in self.connections:
                connection.refresh()
            if self.layer is not None:
                self.layer.changed()
        elif (
            change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged
            and self.layer is not None
        ):
            self.layer.changed()
        return value

    def _repaint(self) -> None:
        """Repaint the item, or its part of the overview layer when that draws it."""
        self.update()
        if self.layer is not None:
            self.layer.changed()

    # -- hover ---------------------------------------------------------------------------
    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = True
        self._repaint()

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        if self.handle_contains(event.pos()):
            self.setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.unsetCursor()

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = False
        self.unsetCursor()
        self._repaint()

    # -- painting ------------------------------------------------------------------------
    def wrapped_label(self) -> list[tuple[QPointF, str]]:
        """The label's lines with their baseline origins, as drawn in the box."""
        metrics = label_metrics()
        rect = self._geometry.label_rect
        spacing = metrics.lineSpacing()
        max_lines = max(1, int((rect.height() + 2) // spacing))
        lines = wrap_label(self.label, metrics, rect.width(), max_lines)
        top = rect.top() + (rect.height() - len(lines) * spacing) / 2 + metrics.ascent()
        return [
            (
                QPointF(
                    rect.left() + (rect.width() - metrics.horizontalAdvance(line)) / 2,
                    top + index * spacing,
                ),
                line,
            )
            for index, line in enumerate(lines)
        ]

    def _label_lines(self) -> list[tuple[QPointF, QGlyphRun]]:
        """The wrapped label as glyph runs with their top-left corners (built once)."""
        if self._lines is None:
            ascent = label_metrics().ascent()
            self._lines = [
                (QPointF(baseline.x(), baseline.y() - ascent), run)
                for baseline, line in self.wrapped_label()
                for run in _glyph_runs(line)
            ]
        return self._lines

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """Draw the box at the level of detail the current zoom allows.

        Everything but the label comes from a shared sprite (one per kind, state and
        scale), so a repaint is one pixmap blit plus the label's static text.
        """
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        selected = self.isSelected()
        halo = self.highlight or (SELECTION_COLOR if selected else None)
        if lod < LOD_RECT:
            if self.mark is not None:
                painter.fillRect(_ELEMENT_BOUNDS, _brush(MARK_COLORS[self.mark]))
            painter.fillRect(shapes.box_rect(), _brush(halo) if halo else self._look.accent)
            return
        detailed = lod >= LOD_TEXT
        handle = detailed and self.can_connect and (self._hovered or selected or self.connecting)
        key = (self.kind, self.note_color, halo, handle, self.badge, detailed, self.mark)
        if painter.paintEngine().type() in _VECTOR_ENGINES:  # SVG/PDF export: real text
            painter.save()
            _paint_box(painter, key)
            painter.setFont(label_font())
            painter.setPen(self._look.text)
            for baseline, line in self.wrapped_label():
                painter.drawText(baseline, line)
            painter.restore()
            return
        painter.drawPixmap(_SPRITE_ORIGIN, _sprite(key, round(lod, 4)))
        if detailed and not self.editing:
            painter.setFont(label_font())
            painter.setPen(self._look.text)
            for origin, run in self._label_lines():
                painter.drawGlyphRun(origin, run)

    def paint_overview(self, painter: QPainter, lod: float) -> None:
        """Draw the box without text at scene position (for the overview layer, lod < 0.4)."""
        halo = self.highlight or (SELECTION_COLOR if self.isSelected() else None)
        rect = QRectF(self.left, self.top, shapes.W, shapes.H)
        if self.mark is not None:  # a ring of constant screen size, however far out
            pad = (MARK_GAP + MARK_WIDTH / 2) / lod
            painter.setPen(_mark_pen(self.mark, True))
            painter.setBrush(_NO_BRUSH)
            painter.drawRect(rect.adjusted(-pad, -pad, pad, pad))
        if lod < LOD_RECT:
            painter.fillRect(rect, _brush(halo) if halo else self._look.accent)
            return
        key = (self.kind, self.note_color, halo, False, self.badge, False, None)
        origin = QPointF(self.left + _SPRITE_ORIGIN.x(), self.top + _SPRITE_ORIGIN.y())
        painter.drawPixmap(origin, _sprite(key, round(lod, 4)))


# -- element sprites: everything but the label, shared by all items of a kind ---------------


#: (kind, note colour, halo colour, handle shown, badge severity, detailed, mark)
_SpriteKey = tuple[str, "str | None", "str | None", bool, "str | None", bool, "str | None"]


_SPRITE_ORIGIN = shapes.bounding_rect().topLeft()
#: Paint engines that record drawing (exports): boxes are drawn as paths, not sprites.
_VECTOR_ENGINES = frozenset(
    {QPaintEngine.Type.SVG, QPaintEngine.Type.Pdf, QPaintEngine.Type.Picture}
)
_SPRITES: dict[tuple[_SpriteKey, float], QPixmap] = {}
_SPRITE_LIMIT = 400


def _sprite(key: _SpriteKey, scale: float) -> QPixmap:
    """The pre-rendered box of ``key`` at device ``scale`` (device pixel ratio = scale)."""
    sprite = _SPRITES.get((key, scale))
    if sprite is None:
        if len(_SPRITES) >= _SPRITE_LIMIT:
            _SPRITES.clear()
        sprite = _render_sprite(key, scale)
        _SPRITES[(key, scale)] = sprite
    return sprite


def _render_sprite(key: _SpriteKey, scale: float) -> QPixmap:
    bounds = shapes.bounding_rect()
    width = max(1, math.ceil(bounds.width() * scale))
    height = max(1, math.ceil(bounds.height() * scale))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    painter.translate(-bounds.left(), -bounds.top())
    _paint_box(painter, key)
    painter.end()
    sprite = QPixmap.fromImage(image)
    sprite.setDevicePixelRatio(scale)
    return sprite


def _paint_box(painter: QPainter, key: _SpriteKey) -> None:
    """Mark ring, halo, body, band, decoration, caption, handle and badge of one box."""
    kind, note_color, halo, handle, badge, detailed, mark = key
    look = _element_look(kind, note_color)
    shape = style_for(kind).shape
    geo = shapes.geometry(shape)
    if mark is not None:
        painter.setPen(_mark_pen(mark, False))
        painter.setBrush(_NO_BRUSH)
        painter.drawPath(_mark_ring(shape))
    if halo is not None:
        painter.setPen(_halo_pen(halo, 8.0 if halo == SELECTION_COLOR else 10.0))
        painter.setBrush(_NO_BRUSH)
        painter.drawPath(geo.outline)
    # Body and outline in one go; the band (same colour as the outline) goes on top.
    painter.setPen(look.outline)
    painter.setBrush(look.fill)
    painter.drawPath(geo.outline)
    if geo.has_band:
        painter.setPen(_NO_PEN)
        painter.setBrush(look.accent)
        painter.drawPath(geo.band)
    if detailed:
        _paint_decoration(painter, look, shape, geo)
        if geo.has_band:
            painter.setFont(caption_font())
            painter.setPen(_white_pen(1.0))
            painter.drawText(
                geo.caption_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                look.caption,
            )
    if handle:
        painter.setPen(look.outline)
        painter.setBrush(_brush("#FFFFFF"))
        radius = shapes.HANDLE_RADIUS
        painter.drawEllipse(shapes.handle_center(), radius, radius)
    if badge is not None:
        painter.setPen(_white_pen(2.0))
        painter.setBrush(_brush(SEVERITY_COLORS[badge]))
        painter.drawEllipse(QPointF(shapes.W - 3, 3), 7.0, 7.0)


def _paint_decoration(
    painter: QPainter, look: _ElementLook, shape: str, geo: shapes.ShapeGeometry
) -> None:
    if shape == "note":
        painter.setPen(look.outline)
        painter.setBrush(look.flap)
        painter.drawPath(geo.decoration)
    elif shape == "cylinder":
        painter.setPen(_white_pen(1.5))
        painter.setBrush(_NO_BRUSH)
        painter.drawPath(geo.decoration)
    elif shape == "person":
        painter.setPen(_NO_PEN)
        painter.setBrush(_brush("#FFFFFF"))
        painter.drawPath(shapes.person_glyph())
    elif shape == "gauge":
        arc, hub, tip = shapes.gauge_glyph()
        painter.setPen(_white_pen(2.0))
        painter.setBrush(_NO_BRUSH)
        painter.drawPath(arc)
        painter.drawLine(hub, tip)


def _glyph_runs(text: str) -> list[QGlyphRun]:
    """``text`` shaped once in the label font (glyph runs draw fastest at any zoom)."""
    layout = QTextLayout(text, label_font())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(label_metrics().horizontalAdvance(text) + 16)
    layout.endLayout()
    return list(layout.glyphRuns())


# -- connections ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _ConnectionLook:
    color: QColor
    brush: QBrush
    pen: QPen
    thin: QPen
    label_pen: QPen


@cache
def _connection_look(meaning: str) -> _ConnectionLook:
    color = QColor(CONNECTION_COLORS.get(meaning, CONNECTION_COLORS["flow"]))
    pen = QPen(color, 2.0)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if meaning in DASHED_MEANINGS:
        pen.setDashPattern([4.0, 3.0])
    thin = QPen(color, 1.0)
    thin.setCosmetic(True)
    return _ConnectionLook(color, QBrush(color), pen, thin, QPen(color, 1.5))


def _border_point(center: QPointF, toward: QPointF) -> QPointF:
    """Where the ray from an element's ``center`` toward ``toward`` leaves its box."""
    dx, dy = toward.x() - center.x(), toward.y() - center.y()
    if dx == 0 and dy == 0:
        return QPointF(center)
    limits = []
    if dx:
        limits.append((shapes.W / 2) / abs(dx))
    if dy:
        limits.append((shapes.H / 2) / abs(dy))
    t = min(1.0, *limits)
    return QPointF(center.x() + dx * t, center.y() + dy * t)


class ConnectionItem(QGraphicsItem):
    """An arrow from one element's border to another's, coloured and dashed by meaning.

    The path is precomputed whenever an end moves; the label sits on a white pill at the
    midpoint and the RACI letter in a small circle. The hit area is wider than the line.
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
        self.bend = LOOP_BEND if self.meaning == "learning_loop" else 0.0
        self._look = _connection_look(self.meaning)
        self._path = QPainterPath()
        self._arrow = QPolygonF()
        self._label_rect = QRectF()
        self._label_text = ""
        self._raci_center = QPointF()
        self._bounds = QRectF()
        self._hit: QPainterPath | None = None
        #: The scene's overview layer, which draws this item when zoomed far out.
        self.layer: OverviewLayer | None = None
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

    def set_bend(self, bend: float) -> None:
        """Curve the line sideways by ``bend`` scene px (0 = straight)."""
        if self.meaning == "learning_loop":
            bend = max(bend, LOOP_BEND)
        if bend != self.bend:
            self.bend = bend
            self.refresh()

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if (
            change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged
            and self.layer is not None
        ):
            self.layer.selection_changed(self, bool(value))
        return value

    def refresh(self) -> None:
        """Recompute path, arrowhead, label position and bounds from the ends' positions."""
        if self.layer is not None:
            self.layer.paths_changed()
        self.prepareGeometryChange()
        self._hit = None
        start, end = self.source_item.center(), self.target_item.center()
        line = QLineF(start, end)
        length = line.length()
        path = QPainterPath()
        if length < 1.0:
            self._path, self._arrow, self._label_rect = path, QPolygonF(), QRectF()
            self._bounds = QRectF(start, end).adjusted(-1, -1, 1, 1)
            return
        nx, ny = -line.dy() / length, line.dx() / length
        mid = line.center()
        control = QPointF(mid.x() + nx * self.bend, mid.y() + ny * self.bend)
        bent = self.bend != 0.0
        p0 = _border_point(start, control if bent else end)
        p1 = _border_point(end, control if bent else start)
        before_tip = control if bent else p0
        direction = QLineF(before_tip, p1)
        if direction.length() < 1.0:
            direction = line
        ux, uy = direction.dx() / direction.length(), direction.dy() / direction.length()
        base = QPointF(p1.x() - ux * _ARROW_LENGTH, p1.y() - uy * _ARROW_LENGTH)
        side = QPointF(-uy * _ARROW_HALF_WIDTH, ux * _ARROW_HALF_WIDTH)
        self._arrow = QPolygonF([p1, base + side, base - side])
        path.moveTo(p0)
        line_end = QPointF(p1.x() - ux * _ARROW_LENGTH * 0.6, p1.y() - uy * _ARROW_LENGTH * 0.6)
        if bent:
            path.quadTo(control, line_end)
            middle = (p0 + control * 2 + p1) / 4
        else:
            path.lineTo(line_end)
            middle = (p0 + p1) / 2
        self._path = path
        bounds = path.boundingRect().united(self._arrow.boundingRect())
        self._label_rect = QRectF()
        self._label_text = ""
        if self.label:
            metrics = connection_metrics()
            self._label_text = metrics.elidedText(
                self.label, Qt.TextElideMode.ElideRight, _LABEL_MAX_WIDTH
            )
            width = metrics.horizontalAdvance(self._label_text) + 18
            height = metrics.height() + 6
            self._label_rect = QRectF(
                middle.x() - width / 2, middle.y() - height / 2, width, height
            )
            bounds = bounds.united(self._label_rect)
        if self.raci:
            if self._label_rect.isNull():
                self._raci_center = middle
            else:
                self._raci_center = QPointF(self._label_rect.left() - _RACI_RADIUS - 2, middle.y())
            r = _RACI_RADIUS
            bounds = bounds.united(
                QRectF(self._raci_center.x() - r, self._raci_center.y() - r, 2 * r, 2 * r)
            )
        self._bounds = bounds.adjusted(-8, -8, 8, 8)

    # -- geometry ------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._hit is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(_HIT_WIDTH)
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
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        look = self._look
        selected = self.isSelected()
        painter.setBrush(_NO_BRUSH)
        if lod < LOD_TEXT:
            painter.setPen(_halo_pen(SELECTION_COLOR, 6.0) if selected else look.thin)
            painter.drawPath(self._path)
            return
        if selected:
            painter.setPen(_halo_pen(SELECTION_COLOR, 7.0))
            painter.drawPath(self._path)
        painter.setPen(look.pen)
        painter.drawPath(self._path)
        painter.setPen(_NO_PEN)
        painter.setBrush(look.brush)
        painter.drawPolygon(self._arrow)

    def has_badges(self) -> bool:
        """True when the connection shows a label pill or a RACI letter."""
        return bool(self._label_text or self.raci)

    def badges_rect(self) -> QRectF:
        """Scene area of the label pill and RACI letter (the item sits at the origin)."""
        r = _RACI_RADIUS + 2
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
            painter.setBrush(_brush("#FFFFFF"))
            radius = self._label_rect.height() / 2
            painter.drawRoundedRect(self._label_rect, radius, radius)
            painter.setFont(connection_font())
            painter.setPen(QPen(QColor("#111827")))
            painter.drawText(self._label_rect, _CENTER, self._label_text)
        if self.raci:
            painter.setPen(_white_pen(1.5))
            painter.setBrush(look.brush)
            painter.drawEllipse(self._raci_center, _RACI_RADIUS, _RACI_RADIUS)
            r = _RACI_RADIUS
            rect = QRectF(self._raci_center.x() - r, self._raci_center.y() - r, 2 * r, 2 * r)
            painter.setFont(raci_font())
            painter.setPen(_white_pen(1.0))
            painter.drawText(rect, _CENTER, self.raci)


# -- overview layer -------------------------------------------------------------------------


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
                path = by_meaning.get(connection.meaning)
                if path is None:
                    path = by_meaning[connection.meaning] = QPainterPath()
                path.addPath(connection.path())
            self._paths = [
                (_connection_look(meaning).thin, path) for meaning, path in by_meaning.items()
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
                if connection.boundingRect().intersects(exposed):
                    connection.paint(painter, option, widget)
            for element in self._elements.values():
                painter.translate(element.left, element.top)
                element.paint(painter, option, widget)
                painter.translate(-element.left, -element.top)
            return
        painter.setBrush(_NO_BRUSH)
        for pen, path in self._batched():
            painter.setPen(pen)
            painter.drawPath(path)
        if self._selected:
            painter.setPen(_halo_pen(SELECTION_COLOR, 6.0))
            for connection in self._selected:
                painter.drawPath(connection.path())
        left, top = exposed.left() - shapes.W, exposed.top() - shapes.H
        right, bottom = exposed.right(), exposed.bottom()
        for element in self._elements.values():
            x, y = element.left, element.top
            if left <= x <= right and top <= y <= bottom:
                element.paint_overview(painter, lod)


# -- inline label editor --------------------------------------------------------------------


class LabelEditor(QGraphicsTextItem):
    """The inline editor over an element's label: Enter commits, Esc cancels.

    Losing focus (a click elsewhere) commits too. ``finished`` carries whether to commit.
    """

    finished = Signal(bool)

    def __init__(self, element_id: str, text: str, width: float) -> None:
        super().__init__(text)
        self.element_id = element_id
        self.done = False
        self.setFont(label_font())
        self.setDefaultTextColor(QColor("#111827"))
        self.setTextWidth(width)
        option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.document().setDocumentMargin(3)
        self.setZValue(100.0)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)

    def text(self) -> str:
        """The edited label on one line, trimmed."""
        return " ".join(self.toPlainText().split())

    def finish(self, commit: bool) -> None:
        """End editing once: commit or cancel."""
        if not self.done:
            self.done = True
            self.finished.emit(commit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.finish(True)
        elif event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.finish(False)
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.finish(True)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """A white field with a selection-coloured frame under the editable text."""
        painter.save()
        painter.setPen(_halo_pen(SELECTION_COLOR, 2.0))
        painter.setBrush(_brush("#FFFFFF"))
        painter.drawRect(self.boundingRect())
        painter.restore()
        painter.save()
        # The white field is frame enough: no dashed focus/selection rectangle on top.
        option.state &= ~(QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Selected)
        super().paint(painter, option, widget)
        painter.restore()
