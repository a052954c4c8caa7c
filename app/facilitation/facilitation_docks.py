"""The facilitation docks' panels: voting, snapshots, participants, parking lot.

The docks themselves are rows of :data:`app.shell.docks.DOCKS` and exist for the window's whole
life (so their place and visibility are stable). None of them is open when a session
starts, so a panel — and its module — is built only when its dock is first shown (from the
Workshop or View menu), and disposed before the session closes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QScrollArea, QWidget

if TYPE_CHECKING:
    from app.editor.session_view import SessionView
    from app.editor.undo import UndoBridge
    from app.facilitation.parking_lot_panel import ParkingLotPanel
    from app.facilitation.people_panel import ParticipantsPanel
    from app.facilitation.snapshots_panel import SnapshotsPanel
    from app.facilitation.voting_panel import VotingPanel
    from app.slides.frames_panel import FramesPanel

#: The docks (names of :data:`app.shell.docks.DOCKS`) whose panels this module builds.
PANEL_DOCKS = ("voting", "snapshots", "participants", "parking_lot", "frames")


def scrollable(panel: QWidget) -> QScrollArea:
    """``panel`` in a scroll area, so a narrow dock scrolls instead of widening the window."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(panel)
    return area


def placeholder() -> QLabel:
    """What a facilitation dock shows without a session."""
    label = QLabel("Open a session first.")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


@dataclass
class _Session:
    bridge: UndoBridge
    canvas: SessionView
    show_canvas: Callable[[], None]


class FacilitationDocks:
    """Fills the facilitation docks with the open session's panels, each on first use."""

    def __init__(
        self,
        docks: dict[str, QDockWidget],
        raise_dock: Callable[[str], object] | None = None,
    ) -> None:
        self.docks = {name: docks[name] for name in PANEL_DOCKS}
        self._raise_dock = raise_dock
        self.voting: VotingPanel | None = None
        self.snapshots: SnapshotsPanel | None = None
        self.participants: ParticipantsPanel | None = None
        self.parking_lot: ParkingLotPanel | None = None
        self.frames: FramesPanel | None = None
        self._session: _Session | None = None
        self._selected: str | None = None
        for name, dock in self.docks.items():
            dock.setWidget(placeholder())
            dock.visibilityChanged.connect(lambda shown, n=name: self._shown(n, shown))

    def attach(
        self, bridge: UndoBridge, canvas: SessionView, show_canvas: Callable[[], None]
    ) -> None:
        """A session opened: its panels are built when their docks are first shown."""
        self._session = _Session(bridge, canvas, show_canvas)
        self._selected = None
        for name, dock in self.docks.items():
            if dock.isVisible():
                self.ensure(name)

    def _shown(self, name: str, shown: bool) -> None:
        if shown:
            self.ensure(name)
        if name == "frames" and self.frames is not None:
            self.frames.set_outlined(shown)  # the canvas outlines frames while the dock shows

    def ensure(self, name: str) -> QWidget | None:
        """The panel of dock ``name``, built now if needed (None without a session)."""
        panel = self._panels().get(name)
        if panel is not None or self._session is None:
            return panel
        panel = self._build(name, self._session)
        setattr(self, name, panel)
        self.docks[name].setWidget(scrollable(panel))
        return panel

    def _build(self, name: str, session: _Session) -> QWidget:
        if name == "voting":
            from app.facilitation.voting_panel import VotingPanel

            voting = VotingPanel(session.bridge)
            voting.set_selected_element(self._selected)
            if self._raise_dock is not None:
                raise_dock = self._raise_dock
                voting.participantsRequested.connect(lambda: raise_dock("participants"))
            return voting
        if name == "snapshots":
            from app.facilitation.snapshots_panel import SnapshotsPanel

            return SnapshotsPanel(session.bridge, session.canvas)
        if name == "participants":
            from app.facilitation.people_panel import ParticipantsPanel

            return ParticipantsPanel(session.bridge)
        if name == "frames":
            from app.slides.frames_panel import FramesPanel

            return FramesPanel(session.bridge, session.canvas)
        from app.facilitation.parking_lot_panel import ParkingLotPanel

        return ParkingLotPanel(session.bridge)

    def detach(self) -> None:
        """Dispose of the panels (before the session's scenes and file close)."""
        for name, panel in self._panels().items():
            panel.dispose()
            area = self.docks[name].widget()
            self.docks[name].setWidget(placeholder())
            area.deleteLater()
        self.voting = self.snapshots = None
        self.participants = self.parking_lot = self.frames = None
        self._session = None
        self._selected = None

    def _panels(self) -> dict[str, QWidget]:
        panels = {name: getattr(self, name) for name in PANEL_DOCKS}
        return {name: panel for name, panel in panels.items() if panel is not None}

    def select_element(self, element_id: str | None) -> None:
        """Tell the voting panel which single element is selected on the canvas."""
        self._selected = element_id
        if self.voting is not None:
            self.voting.set_selected_element(element_id)
