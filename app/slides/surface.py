"""A widget that paints one slide of a deck: the projected slide, or a preview of it.

The surface that shows the slides to the room *drives* the deck's layout: its size and
its screen's height decide the stage (so labels are 24 px on a 1080-line projector).
Previews (the presenter view's current and next frame) paint the same stages, scaled
into their own size. A surface never takes key presses: the clicker's keys go on to the
window, which turns the page.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.slides.deck import SlideDeck
from app.slides.matrix import MatrixPainter
from canvas.slide_painter import SlidePainter, stage_transform
from model.appearance import CAPTION_PX, LABEL_PX


class SlideSurface(QWidget):
    """Paints slide ``deck.index + offset``; ``drives`` lays the deck out for this widget."""

    def __init__(
        self,
        deck: SlideDeck,
        matrix: MatrixPainter,
        *,
        offset: int = 0,
        drives: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("slideSurface")
        self.deck = deck
        self.offset = offset
        self.drives = drives
        self.painter = SlidePainter(matrix)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if drives else Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        deck.changed.connect(self.update)

    def index(self) -> int:
        """The slide this surface shows."""
        return self.deck.index + self.offset

    # -- sizes as projected --------------------------------------------------------------
    def scale(self) -> float:
        """Screen pixels per stage unit as painted now (0 without a slide)."""
        stage = self.deck.stage(self.index())
        if stage is None:
            return 0.0
        scale, _ = stage_transform(stage, QRectF(self.rect()))
        return scale

    def label_px(self) -> float:
        """How high element labels are on this surface, in pixels."""
        return LABEL_PX * self.scale()

    def caption_px(self) -> float:
        """How high kind tags (the caption in an element's band) are, in pixels."""
        return CAPTION_PX * self.scale()

    # -- events --------------------------------------------------------------------------
    def _lay_out(self) -> None:
        if not self.drives or self.width() < 2 or self.height() < 2:
            return
        screen = self.screen()
        lines = screen.geometry().height() if screen is not None else self.height()
        self.deck.set_display(self.width(), self.height(), lines)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The driving surface lays the deck out for its new size."""
        super().resizeEvent(event)
        self._lay_out()

    def showEvent(self, event: QShowEvent) -> None:
        """… and for the screen it is shown on."""
        super().showEvent(event)
        self._lay_out()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The slide, fitted; a plain message past the last slide."""
        painter = QPainter(self)
        stage = self.deck.stage(self.index())
        if stage is None:
            painter.fillRect(self.rect(), QColor("#F3F4F6"))
            painter.setPen(QColor("#4B5563"))
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), "End of the slides")
        else:
            self.painter.paint(painter, stage, QRectF(self.rect()))
        painter.end()

    def dispose(self) -> None:
        """Drop the scenes kept for painting (before the QApplication goes)."""
        self.painter.dispose()
