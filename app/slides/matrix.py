"""The prioritisation matrix on a slide: the Workshop menu's matrix scene, rendered.

The slide shows the same :class:`~app.facilitation.prioritisation_view.PrioritisationScene`
as the prioritisation dock (bubbles by value and feasibility, sized by dots), fitted into
the slide's matrix area.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter

from app.facilitation.prioritisation_view import SCENE_RECT, PrioritisationScene
from model.session import Session


class MatrixPainter:
    """Draws the matrix of the session ``session()`` returns into a slide's area."""

    def __init__(self, session: Callable[[], Session | None]) -> None:
        self._session = session
        self._scene: PrioritisationScene | None = None

    def __call__(self, painter: QPainter, area: QRectF) -> None:
        session = self._session()
        if session is None:
            return
        if self._scene is None:
            self._scene = PrioritisationScene()
        self._scene.show_session(session)
        scale = min(area.width() / SCENE_RECT.width(), area.height() / SCENE_RECT.height())
        width, height = SCENE_RECT.width() * scale, SCENE_RECT.height() * scale
        fitted = QRectF(
            area.left() + (area.width() - width) / 2,
            area.top() + (area.height() - height) / 2,
            width,
            height,
        )  # centred (render keeps the target's corner)
        self._scene.render(painter, fitted, SCENE_RECT, Qt.AspectRatioMode.KeepAspectRatio)

    def dispose(self) -> None:
        """Delete the scene's items (before the QApplication goes)."""
        if self._scene is not None:
            self._scene.clear_bubbles()
            self._scene.clear()
            self._scene = None
