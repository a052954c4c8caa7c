"""The projector's window: the slides alone, full screen on the second screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.slides.deck import SlideDeck
from app.slides.matrix import MatrixPainter
from app.slides.surface import SlideSurface


class ProjectorWindow(QWidget):
    """A frameless window showing the deck's current slide, full screen on ``screen``."""

    def __init__(self, deck: SlideDeck, matrix: MatrixPainter, screen: QScreen) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("projectorWindow")
        self.setWindowTitle("OpModel Studio — slides")
        self.setStyleSheet("#projectorWindow { background: #FFFFFF; }")
        self.surface = SlideSurface(deck, matrix, drives=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.surface)
        self.setScreen(screen)
        self.setGeometry(screen.geometry())

    def present(self) -> None:
        """Show full screen on the projector."""
        self.showFullScreen()

    def dispose(self) -> None:
        """Close and let go of the painted scenes."""
        self.surface.dispose()
        self.hide()
        self.deleteLater()
