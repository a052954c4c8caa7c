"""Shared paint resources of the canvas items: level-of-detail thresholds, fonts, pens.

Fonts and metrics are built lazily (they need a QGuiApplication) and once; pens and brushes
are cached by colour. :class:`Layer` is what items need of the overview layer that draws
them when zoomed far out (so that items never import the layer, nor the scene).
"""

from __future__ import annotations

from functools import cache
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from model import text_layout
from model.appearance import CAPTION_PX, LABEL_PX
from model.routing import CONNECTION_LABEL_PX

#: Below this level of detail items draw no text (just their filled shape).
LOD_TEXT = 0.4
#: Below this level of detail elements are plain filled rectangles.
LOD_RECT = 0.15


def detail_level(painter: QPainter, scene: object | None) -> float:
    """The level of detail to draw at: the painter's scale, but never below the scene's
    ``min_detail`` (a slide's small preview still draws every label)."""
    lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
    return max(lod, float(getattr(scene, "min_detail", 0.0)))


NO_PEN = QPen(Qt.PenStyle.NoPen)
NO_BRUSH = QBrush(Qt.BrushStyle.NoBrush)
WHITE = QColor("#FFFFFF")
CENTER = Qt.AlignmentFlag.AlignCenter


class Layer(Protocol):
    """The overview layer as items see it: told when what it draws changes."""

    def changed(self) -> None:
        """Something drawn by the layer changed."""

    def paths_changed(self) -> None:
        """A connection moved, appeared or went."""

    def selection_changed(self, connection: Any, selected: bool) -> None:
        """A connection was selected or deselected."""


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


# -- shared pens and brushes ----------------------------------------------------------------


@cache
def halo_pen(color: str, width: float) -> QPen:
    """A round-joined pen for halos and frames."""
    pen = QPen(QColor(color), width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


@cache
def brush(color: str) -> QBrush:
    """A solid brush of ``color``."""
    return QBrush(QColor(color))


@cache
def white_pen(width: float) -> QPen:
    """A white pen of ``width``."""
    return QPen(WHITE, width)
