"""The window's docks, declared in one table: name, title, area, tab neighbour, when shown.

As Spyder's plugins declare where their dock goes, each dock here is one :class:`DockSpec`
in :data:`DOCKS`; :class:`DockRegistry` builds them (in table order, which is also the
order of the View menu's toggles), tabs them, shows the ones a session starts with and
raises one on request. What goes *inside* a dock is the business of whoever fills it
(the window's panels, or :mod:`app.facilitation.facilitation_docks` on first use).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QWidget

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea


@dataclass(frozen=True)
class DockSpec:
    """One dock of the main window."""

    name: str
    title: str
    area: Qt.DockWidgetArea
    #: The dock it shares a tab group with: joined when built (a start dock), or each time
    #: it is raised while hidden (a room dock, which the user may have moved meanwhile).
    tab_with: str | None = None
    #: Shown when a session opens; False for the room-only docks, opened from the menus.
    at_start: bool = True

    @property
    def object_name(self) -> str:
        """The dock's Qt object name (kept in the window's saved state)."""
        return f"dock-{self.title.lower()}"


DOCKS: tuple[DockSpec, ...] = (
    DockSpec("palette", "Palette", LEFT),
    DockSpec("minimap", "Overview", LEFT),
    DockSpec("inspector", "Inspector", RIGHT),
    DockSpec("findings", "Findings", RIGHT),
    DockSpec("agenda", "Agenda", RIGHT, tab_with="findings"),
    DockSpec("voting", "Voting", RIGHT, tab_with="findings", at_start=False),
    DockSpec("snapshots", "Snapshots", RIGHT, tab_with="findings", at_start=False),
    DockSpec("participants", "Participants", RIGHT, tab_with="inspector", at_start=False),
    DockSpec("parking_lot", "Parking lot", RIGHT, tab_with="inspector", at_start=False),
    DockSpec("frames", "Frames", RIGHT, tab_with="inspector", at_start=False),
)


class DockRegistry:
    """Builds the docks of :data:`DOCKS` in ``window`` and shows, hides and raises them."""

    def __init__(
        self,
        window: QMainWindow,
        contents: dict[str, QWidget],
        specs: tuple[DockSpec, ...] = DOCKS,
    ) -> None:
        self.window = window
        self.specs = {spec.name: spec for spec in specs}
        #: name -> dock, in table order.
        self.docks: dict[str, QDockWidget] = {}
        for spec in specs:
            dock = QDockWidget(spec.title, window)
            dock.setObjectName(spec.object_name)
            widget = contents.get(spec.name)
            if widget is not None:
                dock.setWidget(widget)
            dock.setFeatures(
                QDockWidget.DockWidgetFeature.DockWidgetMovable
                | QDockWidget.DockWidgetFeature.DockWidgetClosable
            )
            window.addDockWidget(spec.area, dock)
            self.docks[spec.name] = dock
        for spec in specs:
            if spec.at_start and spec.tab_with is not None:
                window.tabifyDockWidget(self.docks[spec.tab_with], self.docks[spec.name])
        window.tabifiedDockWidgetActivated.connect(lambda _dock: self.tidy_tab_bars())

    def __getitem__(self, name: str) -> QDockWidget:
        return self.docks[name]

    def show_for_session(self, has_session: bool) -> None:
        """With a session, the start docks show and the room docks stay closed; without
        one, every dock hides."""
        for name, dock in self.docks.items():
            dock.setVisible(has_session and self.specs[name].at_start)
        self.tidy_tab_bars()

    def raise_(self, name: str) -> QDockWidget:
        """Show dock ``name`` in front, as a tab beside its neighbour when it was hidden."""
        dock = self.docks[name]
        neighbour = self.specs[name].tab_with
        if not dock.isVisible() and neighbour is not None:
            self.window.tabifyDockWidget(self.docks[neighbour], dock)
        dock.show()
        dock.raise_()
        self.tidy_tab_bars()
        return dock

    def tidy_tab_bars(self) -> None:
        """Give the tabs of tabbed docks their full titles as tooltips: a title that does
        not fit is elided ("Snaps…"), and the tooltip says it in full."""
        for bar in self.window.findChildren(
            QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if bar.objectName() != "dockTabs":  # styled as dock tabs (the themes' sheets)
                bar.setObjectName("dockTabs")
                bar.style().unpolish(bar)
                bar.style().polish(bar)
            bar.setElideMode(Qt.TextElideMode.ElideRight)
            for index in range(bar.count()):
                bar.setTabToolTip(index, bar.tabText(index))
