"""A short sentence shown beside the pointer on the canvas (why a connection is refused).

The note ignores the view's zoom, so it reads the same at any zoom; it wraps at
:data:`NOTE_WIDTH` pixels and is drawn dark with white text, which reads on the light
and the dark canvas. The scene shows it at a scene point and takes it away again.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

#: Widest line of a note, in screen pixels.
NOTE_WIDTH = 340.0
#: Text size, in screen pixels (readable when projected).
NOTE_PX = 15
#: How far below and right of the pointer the note sits (screen pixels).
NOTE_OFFSET = QPointF(18.0, 20.0)
_PADDING = 8.0
_BACKGROUND = "#111827"
_BORDER = "#DC2626"
_TEXT = "#FFFFFF"


class CursorNote(QGraphicsItem):
    """A rounded dark box with one or two wrapped sentences, beside the pointer."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self._font = QFont()
        self._font.setPixelSize(NOTE_PX)
        self._font.setWeight(QFont.Weight.DemiBold)
        self._rect = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setZValue(1000.0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.hide()

    def show_text(self, text: str, scene_pos: QPointF) -> None:
        """Show ``text`` just below and right of ``scene_pos``."""
        self.prepareGeometryChange()
        self.text = text
        metrics = QFontMetricsF(self._font)
        flags = int(Qt.TextFlag.TextWordWrap)
        bounds = metrics.boundingRect(QRectF(0, 0, NOTE_WIDTH, 10_000), flags, text)
        self._rect = QRectF(
            NOTE_OFFSET.x(),
            NOTE_OFFSET.y(),
            bounds.width() + 2 * _PADDING,
            bounds.height() + 2 * _PADDING,
        )
        self.setPos(scene_pos)
        self.setToolTip(text)
        self.show()
        self.update()

    def boundingRect(self) -> QRectF:
        """The box, offset from the pointer (in screen pixels)."""
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """A dark box with a red edge and white text."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(_BORDER), 2.0))
        painter.setBrush(QColor(_BACKGROUND))
        painter.drawRoundedRect(self._rect, 6, 6)
        painter.setPen(QColor(_TEXT))
        painter.setFont(self._font)
        inner = self._rect.adjusted(_PADDING, _PADDING, -_PADDING, -_PADDING)
        painter.drawText(inner, int(Qt.TextFlag.TextWordWrap), self.text)
