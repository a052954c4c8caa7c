"""The element item: one box on the canvas, with its handle, halo, badge and mark ring."""

from __future__ import annotations

import math
from typing import Any, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QGlyphRun, QPainter, QPainterPath
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from canvas import shapes
from canvas.items.box_paint import (
    ELEMENT_BOUNDS,
    MARK_COLORS,
    MARK_GAP,
    MARK_WIDTH,
    SPRITE_ORIGIN,
    VECTOR_ENGINES,
    element_look,
    glyph_runs,
    mark_pen,
    paint_box,
    paint_dot_badge,
    sprite,
)
from canvas.items.style import (
    LOD_RECT,
    LOD_TEXT,
    NO_BRUSH,
    Layer,
    brush,
    detail_level,
    label_font,
    label_metrics,
    wrap_label,
)
from model.appearance import SELECTION_COLOR, SEVERITY_COLORS, style_for
from model.kinds import KINDS_BY_ID
from model.session import Element


class Attached(Protocol):
    """A connection attached to an element, as the element sees it."""

    connection_id: str
    source_item: Any
    target_item: Any
    meaning: str


class MoveListener(Protocol):
    """Told when an element item has moved (the scene, which reroutes connections)."""

    def __call__(self, item: ElementItem) -> None:
        """``item`` has a new position."""


#: A badge's severity in words (for screen readers).
_SEVERITY_WORDS = {"error": "has an error", "warning": "has a warning", "info": "has a hint"}


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
        self.connections: list[Attached] = []
        self.badge: str | None = None
        #: Dot votes the room may see on this element (0: no dot badge).
        self.dots = 0
        self.highlight: str | None = None
        #: Snapshot-comparison mark: "added", "changed" or None (see MARK_COLORS).
        self.mark: str | None = None
        self.editing = False
        self.connecting = False
        self._hovered = False
        self._lines: list[tuple[QPointF, QGlyphRun]] | None = None
        #: The scene's overview layer, which draws this item when zoomed far out.
        self.layer: Layer | None = None
        #: Told after every move (the scene reroutes the connections).
        self.moved: MoveListener | None = None
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
        self._look = element_look(self.kind, self.note_color)

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

    # -- what a screen reader hears -------------------------------------------------------
    def accessible_name(self) -> str:
        """The element as a screen reader names it: its kind and label."""
        kind = KINDS_BY_ID[self.kind].name if self.kind in KINDS_BY_ID else self.kind
        return f"{kind}: {self.label}" if self.label.strip() else f"{kind} (no label)"

    def accessible_description(self) -> str:
        """Where it leads, what leads to it, its finding badge and its dots, in sentences."""
        outgoing = [c.target_item for c in self.connections if c.source_item is self]
        incoming = [c.source_item for c in self.connections if c.target_item is self]
        parts = []
        if outgoing:
            parts.append("Leads to " + _names(outgoing) + ".")
        if incoming:
            parts.append("Connected from " + _names(incoming) + ".")
        if not outgoing and not incoming:
            parts.append("Not connected.")
        if self.badge is not None:
            parts.append(f"It {_SEVERITY_WORDS[self.badge]} in the findings.")
        if self.dots:
            parts.append(f"{self.dots} dot{'s' if self.dots != 1 else ''} from the room.")
        return " ".join(parts)

    def set_dots(self, count: int) -> None:
        """Show a dot badge with ``count`` votes on the box's top-left corner (0: none)."""
        count = max(0, int(count))
        if count != self.dots:
            self.dots = count
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
        return ELEMENT_BOUNDS

    def shape(self) -> QPainterPath:
        return shapes.hit_shape(self._shape_name, self.can_connect)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self.left, self.top = value.x(), value.y()
            if self.moved is not None:
                self.moved(self)
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
                for run in glyph_runs(line)
            ]
        return self._lines

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """Draw the box at the level of detail the current zoom allows.

        Everything but the label comes from a shared sprite (one per kind, state and
        scale), so a repaint is one pixmap blit plus the label's static text.
        """
        lod = detail_level(painter, self.scene())
        selected = self.isSelected()
        halo = self.highlight or (SELECTION_COLOR if selected else None)
        if lod < LOD_RECT:
            if self.mark is not None:
                painter.fillRect(ELEMENT_BOUNDS, brush(MARK_COLORS[self.mark]))
            painter.fillRect(shapes.box_rect(), brush(halo) if halo else self._look.accent)
            return
        detailed = lod >= LOD_TEXT
        handle = detailed and self.can_connect and (self._hovered or selected or self.connecting)
        key = (self.kind, self.note_color, halo, handle, self.badge, detailed, self.mark)
        if painter.paintEngine().type() in VECTOR_ENGINES:  # SVG/PDF export: real text
            painter.save()
            paint_box(painter, key)
            painter.setFont(label_font())
            painter.setPen(self._look.text)
            for baseline, line in self.wrapped_label():
                painter.drawText(baseline, line)
            painter.restore()
            return
        painter.drawPixmap(SPRITE_ORIGIN, sprite(key, round(lod, 4)))
        if detailed and not self.editing:
            painter.setFont(label_font())
            painter.setPen(self._look.text)
            for origin, run in self._label_lines():
                painter.drawGlyphRun(origin, run)
        if self.dots:
            paint_dot_badge(painter, self.dots)

    def paint_overview(self, painter: QPainter, lod: float) -> None:
        """Draw the box without text at scene position (for the overview layer, lod < 0.4)."""
        halo = self.highlight or (SELECTION_COLOR if self.isSelected() else None)
        rect = QRectF(self.left, self.top, shapes.W, shapes.H)
        if self.mark is not None:  # a ring of constant screen size, however far out
            pad = (MARK_GAP + MARK_WIDTH / 2) / lod
            painter.setPen(mark_pen(self.mark, True))
            painter.setBrush(NO_BRUSH)
            painter.drawRect(rect.adjusted(-pad, -pad, pad, pad))
        if lod < LOD_RECT:
            painter.fillRect(rect, brush(halo) if halo else self._look.accent)
            return
        key = (self.kind, self.note_color, halo, False, self.badge, False, None)
        origin = QPointF(self.left + SPRITE_ORIGIN.x(), self.top + SPRITE_ORIGIN.y())
        painter.drawPixmap(origin, sprite(key, round(lod, 4)))
        if self.dots:
            painter.save()
            painter.translate(self.left, self.top)
            paint_dot_badge(painter, self.dots)
            painter.restore()


def _names(items: list[Any]) -> str:
    labels = [f"'{item.label}'" if item.label.strip() else "an unnamed element" for item in items]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]
