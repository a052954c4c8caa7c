"""The facilitation docks: voting, prioritisation, snapshots, participants, parking lot.

The docks exist for the window's whole life (so their place and visibility are stable);
their panels are built when a session opens and disposed before it closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QMainWindow, QScrollArea, QWidget

from app.parking_lot_panel import ParkingLotPanel
from app.people_panel import ParticipantsPanel
from app.prioritisation_view import PrioritisationView
from app.session_view import SessionView
from app.snapshots_panel import SnapshotsPanel
from app.undo import UndoBridge
from app.voting_panel import VotingPanel

#: name -> (dock title, area)
DOCKS: dict[str, tuple[str, Qt.DockWidgetArea]] = {
    "voting": ("Voting", Qt.DockWidgetArea.RightDockWidgetArea),
    "snapshots": ("Snapshots", Qt.DockWidgetArea.RightDockWidgetArea),
    "participants": ("Participants", Qt.DockWidgetArea.RightDockWidgetArea),
    "parking_lot": ("Parking lot", Qt.DockWidgetArea.RightDockWidgetArea),
    "prioritisation": ("Prioritisation", Qt.DockWidgetArea.BottomDockWidgetArea),
}


def scrollable(panel: QWidget) -> QScrollArea:
    """``panel`` in a scroll area, so a narrow dock scrolls instead of widening the window."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(panel)
    return area


def _placeholder() -> QLabel:
    label = QLabel("Open a session first.")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class FacilitationDocks:
    """Creates the facilitation docks and fills them with per-session panels."""

    def __init__(
        self,
        window: QMainWindow,
        make_dock: Callable[[str, QWidget, Qt.DockWidgetArea], QDockWidget],
    ) -> None:
        self.window = window
        self.docks = {
            name: make_dock(title, _placeholder(), area) for name, (title, area) in DOCKS.items()
        }
        self.voting: VotingPanel | None = None
        self.prioritisation: PrioritisationView | None = None
        self.snapshots: SnapshotsPanel | None = None
        self.participants: ParticipantsPanel | None = None
        self.parking_lot: ParkingLotPanel | None = None

    def attach(
        self, bridge: UndoBridge, canvas: SessionView, show_canvas: Callable[[], None]
    ) -> None:
        """Build the panels of a newly opened session."""
        self.voting = VotingPanel(bridge)
        self.prioritisation = PrioritisationView(bridge)
        self.snapshots = SnapshotsPanel(bridge, canvas)
        self.participants = ParticipantsPanel(bridge)
        self.parking_lot = ParkingLotPanel(bridge)

        def open_workflow(workflow_id: str) -> None:
            canvas.show_workflow(workflow_id)
            show_canvas()

        self.prioritisation.workflowActivated.connect(open_workflow)
        for name, panel in self._panels().items():
            self.docks[name].setWidget(scrollable(panel))

    def detach(self) -> None:
        """Dispose of the panels (before the session's scenes and file close)."""
        for name, panel in self._panels().items():
            panel.dispose()
            area = self.docks[name].widget()
            self.docks[name].setWidget(_placeholder())
            area.deleteLater()
        self.voting = self.prioritisation = self.snapshots = None
        self.participants = self.parking_lot = None

    def _panels(self) -> dict[str, QWidget]:
        panels = {
            "voting": self.voting,
            "snapshots": self.snapshots,
            "participants": self.participants,
            "parking_lot": self.parking_lot,
            "prioritisation": self.prioritisation,
        }
        return {name: panel for name, panel in panels.items() if panel is not None}

    def select_element(self, element_id: str | None) -> None:
        """Tell the voting panel which single element is selected on the canvas."""
        if self.voting is not None:
            self.voting.set_selected_element(element_id)
