"""The deck on screen: the slides of the open session, which one shows, and their stages.

The deck is laid out for the display that shows the slides (the projector, or the
window itself with one screen): that display tells it its size in pixels and its
screen's height (:meth:`SlideDeck.set_display`). An edit or a new analysis rebuilds the
slides; the slide on screen stays (by its key) when it still exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from model.slides import Slide, build_deck, stage_for
from model.stage import Stage, StageSize, stage_size

if TYPE_CHECKING:
    from model.analysis import Analysis
    from model.session import Session


class SlideDeck(QObject):
    """The slides of a session and the current one; ``changed`` after any change."""

    changed = Signal()

    def __init__(
        self,
        session: Callable[[], Session | None],
        analysis: Callable[[], Analysis | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._analysis = analysis
        self.size = stage_size(1920, 1080, 1080)
        self.slides: list[Slide] = []
        self.index = 0
        self._stages: dict[tuple[str, int], Stage] = {}
        self.refresh()

    # -- layout --------------------------------------------------------------------------
    def set_display(self, width: int, height: int, screen_height: int) -> None:
        """Lay the slides out for a display of ``width`` × ``height`` px on a screen that high."""
        size = stage_size(width, height, screen_height)
        if size != self.size:
            self.size = size
            self.refresh()

    def refresh(self) -> None:
        """Build the slides again from the session and its latest analysis."""
        session = self._session()
        current = self.current()
        self.slides = build_deck(session, self.size, self._analysis()) if session else []
        self._stages.clear()
        keys = [slide.key for slide in self.slides]
        if current is not None and current.key in keys:
            self.index = keys.index(current.key)
        self.index = max(0, min(self.index, len(self.slides) - 1))
        self.changed.emit()

    # -- where we are --------------------------------------------------------------------
    def current(self) -> Slide | None:
        """The slide on screen (None without slides)."""
        return self.slides[self.index] if 0 <= self.index < len(self.slides) else None

    def upcoming(self) -> Slide | None:
        """The slide after the current one (None at the end)."""
        nxt = self.index + 1
        return self.slides[nxt] if nxt < len(self.slides) else None

    def go(self, index: int) -> None:
        """Show slide ``index`` (clamped)."""
        index = max(0, min(index, len(self.slides) - 1))
        if index != self.index:
            self.index = index
            self.changed.emit()

    def next(self) -> None:
        """Show the next slide."""
        self.go(self.index + 1)

    def previous(self) -> None:
        """Show the slide before."""
        self.go(self.index - 1)

    def first_of(self, workflow_id: str | None) -> None:
        """Show the first slide of a workflow (the deck's first when it has none)."""
        for index, slide in enumerate(self.slides):
            if slide.workflow_id == workflow_id:
                self.go(index)
                return
        self.go(0)

    def workflow_id(self) -> str | None:
        """The workflow of the slide on screen (None on the workshop's slides)."""
        slide = self.current()
        return slide.workflow_id if slide is not None else None

    # -- what a slide draws ---------------------------------------------------------------
    def stage(self, index: int | None = None) -> Stage | None:
        """The stage of slide ``index`` (default: the current one), built once per layout."""
        index = self.index if index is None else index
        session = self._session()
        if session is None or not 0 <= index < len(self.slides):
            return None
        slide = self.slides[index]
        key = (slide.key, index)
        if key not in self._stages:
            self._stages[key] = stage_for(
                session, slide, self.size, self._analysis(), index + 1, len(self.slides)
            )
        return self._stages[key]

    def stage_size(self) -> StageSize:
        """The size the slides are laid out for."""
        return self.size
