"""How an element box is painted: per-kind looks, shared sprites and vector painting.

Everything of a box but its label comes from a sprite shared by all items of a kind, state
and scale; exports (SVG, PDF) paint the same box as real paths with :func:`paint_box`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGlyphRun,
    QImage,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPixmap,
    QTextLayout,
)

from canvas import shapes
from canvas.items.style import (
    NO_BRUSH,
    NO_PEN,
    brush,
    caption_font,
    halo_pen,
    label_font,
    label_metrics,
    white_pen,
)
from canvas.severity import paint_mark
from model.appearance import (
    ACCEPT_COLOR,
    NOTE_FILLS,
    SELECTION_COLOR,
    style_for,
)
from model.kinds import KINDS_BY_ID

#: Snapshot-comparison marks: a ring around the box, green when added, amber when changed.
MARK_COLORS: dict[str, str] = {"added": ACCEPT_COLOR, "changed": SELECTION_COLOR}
#: The mark ring starts MARK_GAP px outside the shape and is MARK_WIDTH px thick (at zoom 1;
#: zoomed far out it keeps these sizes on screen).
MARK_GAP = 4.0
MARK_WIDTH = 4.0
ELEMENT_BOUNDS = shapes.bounding_rect()


# -- per-kind paint resources ---------------------------------------------------------------


@dataclass(frozen=True)
class ElementLook:
    """The brushes, pens and caption of one kind (and note colour)."""

    fill: QBrush
    accent: QBrush
    outline: QPen
    text: QPen
    flap: QBrush
    caption: str


@cache
def element_look(kind: str, note_color: str | None) -> ElementLook:
    """The (shared, cached) look of ``kind``; notes take their colour."""
    style = style_for(kind)
    fill = NOTE_FILLS.get(note_color or "", NOTE_FILLS["yellow"]) if kind == "note" else style.fill
    accent = QColor(style.accent)
    outline = QPen(accent, 2.0)
    outline.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    flap = QColor(accent)
    flap.setAlpha(70)
    spec = KINDS_BY_ID.get(kind)
    caption = (spec.name if spec else kind.replace("_", " ")).upper()
    return ElementLook(
        QBrush(QColor(fill)),
        QBrush(accent),
        outline,
        QPen(QColor(style.text)),
        QBrush(flap),
        caption,
    )


@cache
def mark_pen(mark: str, cosmetic: bool) -> QPen:
    """The pen of a snapshot-comparison ring."""
    pen = QPen(QColor(MARK_COLORS[mark]), MARK_WIDTH)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCosmetic(cosmetic)
    return pen


@cache
def mark_ring(shape: str) -> QPainterPath:
    """The outline of ``shape`` grown so that a MARK_WIDTH pen on it starts MARK_GAP out."""
    outline = shapes.geometry(shape).outline
    stroker = QPainterPathStroker()
    stroker.setWidth(2 * (MARK_GAP + MARK_WIDTH / 2))
    stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return outline.united(stroker.createStroke(outline)).simplified()


# -- element sprites: everything but the label, shared by all items of a kind ---------------


#: (kind, note colour, halo colour, handle shown, badge severity, detailed, mark)
SpriteKey = tuple[str, "str | None", "str | None", bool, "str | None", bool, "str | None"]


SPRITE_ORIGIN = shapes.bounding_rect().topLeft()
#: Paint engines that record drawing (exports): boxes are drawn as paths, not sprites.
VECTOR_ENGINES = frozenset(
    {QPaintEngine.Type.SVG, QPaintEngine.Type.Pdf, QPaintEngine.Type.Picture}
)
_SPRITES: dict[tuple[SpriteKey, float], QPixmap] = {}
_SPRITE_LIMIT = 400


def sprite(key: SpriteKey, scale: float) -> QPixmap:
    """The pre-rendered box of ``key`` at device ``scale`` (device pixel ratio = scale)."""
    found = _SPRITES.get((key, scale))
    if found is None:
        if len(_SPRITES) >= _SPRITE_LIMIT:
            _SPRITES.clear()
        found = _render_sprite(key, scale)
        _SPRITES[(key, scale)] = found
    return found


def _render_sprite(key: SpriteKey, scale: float) -> QPixmap:
    bounds = shapes.bounding_rect()
    width = max(1, math.ceil(bounds.width() * scale))
    height = max(1, math.ceil(bounds.height() * scale))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    painter.translate(-bounds.left(), -bounds.top())
    paint_box(painter, key)
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(scale)
    return pixmap


def paint_box(painter: QPainter, key: SpriteKey) -> None:
    """Mark ring, halo, body, band, decoration, caption, handle and badge of one box."""
    kind, note_color, halo, handle, badge, detailed, mark = key
    look = element_look(kind, note_color)
    shape = style_for(kind).shape
    geo = shapes.geometry(shape)
    if mark is not None:
        painter.setPen(mark_pen(mark, False))
        painter.setBrush(NO_BRUSH)
        painter.drawPath(mark_ring(shape))
    if halo is not None:
        painter.setPen(halo_pen(halo, 8.0 if halo == SELECTION_COLOR else 10.0))
        painter.setBrush(NO_BRUSH)
        painter.drawPath(geo.outline)
    # Body and outline in one go; the band (same colour as the outline) goes on top.
    painter.setPen(look.outline)
    painter.setBrush(look.fill)
    painter.drawPath(geo.outline)
    if geo.has_band:
        painter.setPen(NO_PEN)
        painter.setBrush(look.accent)
        painter.drawPath(geo.band)
    if detailed:
        _paint_decoration(painter, look, shape, geo)
        if geo.has_band:
            painter.setFont(caption_font())
            painter.setPen(white_pen(1.0))
            painter.drawText(
                geo.caption_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                look.caption,
            )
    if handle:
        painter.setPen(look.outline)
        painter.setBrush(brush("#FFFFFF"))
        radius = shapes.HANDLE_RADIUS
        painter.drawEllipse(shapes.handle_center(), radius, radius)
    if badge is not None:  # its shape says the severity too (cross, "!", "i")
        paint_mark(painter, badge, QPointF(shapes.W - 3, 3), 16.0)


def _paint_decoration(
    painter: QPainter, look: ElementLook, shape: str, geo: shapes.ShapeGeometry
) -> None:
    if shape == "note":
        painter.setPen(look.outline)
        painter.setBrush(look.flap)
        painter.drawPath(geo.decoration)
    elif shape == "cylinder":
        painter.setPen(white_pen(1.5))
        painter.setBrush(NO_BRUSH)
        painter.drawPath(geo.decoration)
    elif shape == "person":
        painter.setPen(NO_PEN)
        painter.setBrush(brush("#FFFFFF"))
        painter.drawPath(shapes.person_glyph())
    elif shape == "gauge":
        arc, hub, tip = shapes.gauge_glyph()
        painter.setPen(white_pen(2.0))
        painter.setBrush(NO_BRUSH)
        painter.drawPath(arc)
        painter.drawLine(hub, tip)


def glyph_runs(text: str) -> list[QGlyphRun]:
    """``text`` shaped once in the label font (glyph runs draw fastest at any zoom)."""
    layout = QTextLayout(text, label_font())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(label_metrics().horizontalAdvance(text) + 16)
    layout.endLayout()
    return list(layout.glyphRuns())


#: The dot badge: a violet pill with white dots count, on the box's top-left corner.
DOT_BADGE_COLOR = "#6D28D9"
DOT_BADGE_HEIGHT = 16.0


def dot_badge_rect(count: int) -> QRectF:
    """Where the dot badge of ``count`` votes is drawn, in item coordinates (it straddles
    the top edge and stays inside the item's margin)."""
    width = 26.0 + 8.0 * (len(str(count)) - 1)
    return QRectF(10.0, -DOT_BADGE_HEIGHT / 2, width, DOT_BADGE_HEIGHT)


def paint_dot_badge(painter: QPainter, count: int) -> None:
    """Draw "● n" in a violet pill: the dots the room put on this element."""
    rect = dot_badge_rect(count)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(white_pen(1.5))
    painter.setBrush(brush(DOT_BADGE_COLOR))
    painter.drawRoundedRect(rect, DOT_BADGE_HEIGHT / 2, DOT_BADGE_HEIGHT / 2)
    painter.setBrush(brush("#FFFFFF"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QPointF(rect.left() + 8.0, rect.center().y()), 3.5, 3.5)
    font = caption_font()
    painter.setFont(font)
    painter.setPen(QColor("#FFFFFF"))
    text_rect = rect.adjusted(13.0, 0, -3.0, 0)
    painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignCenter), str(count))
    painter.restore()
