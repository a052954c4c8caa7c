"""The canvas area: one tab per workflow of the open session, each a scene and a view,
then the full views (prioritisation matrix, voting results) opened beside them.

Each view is placed when it is first on screen: it shows the workflow's last view from
:class:`~app.editor.view_memory.ViewMemory`, or fits the workflow; leaving a tab and
closing the session remember where each workflow was looked at.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import QTabBar, QTabWidget, QToolButton, QWidget

from app.editor.canvas_controller import CanvasController
from app.editor.undo import UndoBridge
from app.editor.view_memory import ViewMemory
from canvas.scene import WorkflowScene
from canvas.view import CanvasView, ViewState
from model.edits import Edit
from model.voting import shown_tallies

#: Revealing elements zooms a view that is further out to this (labels read at 100 %).
REVEAL_ZOOM = 1.0


@dataclass
class WorkflowTab:
    """The scene, view and controller of one workflow tab."""

    workflow_id: str
    scene: WorkflowScene
    view: CanvasView
    controller: CanvasController


class SessionView(QTabWidget):
    """Tabs of workflow canvases, kept in step with the session's workflows.

    Full *views* (the prioritisation matrix, the voting results) open as tabs after the
    workflows (:meth:`show_view`), so they take the whole canvas area and never squeeze a
    canvas; each has a close button. While a view is in front, :meth:`current` is None.
    """

    #: A view tab was closed: (its key, its widget); the owner disposes of the widget.
    viewClosed = Signal(str, object)

    #: The current tab's scene selection changed (or the current tab did).
    selectionChanged = Signal()
    #: A status-bar message from any canvas (e.g. why a connection was refused).
    message = Signal(str)
    #: The zoom factor of the current tab's view.
    zoomChanged = Signal(float)

    def __init__(
        self,
        bridge: UndoBridge,
        parent: QWidget | None = None,
        *,
        memory: ViewMemory | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.memory = memory
        self.tabs: list[WorkflowTab] = []
        self._shown: WorkflowTab | None = None
        #: key -> widget of the full views shown as tabs after the workflows.
        self.views: dict[str, QWidget] = {}
        #: The canvas theme of every workflow tab ("light" or "dark").
        self.canvas_theme = "light"
        self.setDocumentMode(True)
        self.setMovable(False)
        # A long workflow name is elided in its tab; the tab's tooltip has it in full.
        self.setElideMode(Qt.TextElideMode.ElideRight)
        self.setUsesScrollButtons(True)
        self.currentChanged.connect(self._on_current_changed)
        for workflow in bridge.document.session.ordered_workflows():
            self._add_tab(workflow.id)
        bridge.document.subscribe(self._on_edit)

    # -- queries -----------------------------------------------------------------------
    def current(self) -> WorkflowTab | None:
        """The tab on screen, or None when the session has no workflow."""
        index = self.currentIndex()
        return self.tabs[index] if 0 <= index < len(self.tabs) else None

    def tab_for(self, workflow_id: str) -> WorkflowTab | None:
        """The tab of ``workflow_id``."""
        return next((t for t in self.tabs if t.workflow_id == workflow_id), None)

    def show_workflow(self, workflow_id: str) -> None:
        """Bring the tab of ``workflow_id`` to the front."""
        tab = self.tab_for(workflow_id)
        if tab is not None:
            self.setCurrentIndex(self.tabs.index(tab))

    def reveal(self, workflow_id: str, element_ids: list[str]) -> None:
        """Bring a workflow to the front, select ``element_ids`` and centre them, at 100 %
        when the view was zoomed further out (a fitted map is too small to read)."""
        self.show_workflow(workflow_id)
        tab = self.tab_for(workflow_id)
        if tab is None:
            return
        tab.scene.select_ids(element_ids)
        area = QRectF()
        for element_id in element_ids:
            item = tab.scene.element_item(element_id)
            if item is not None:
                area = area.united(item.sceneBoundingRect())
        if not area.isEmpty():
            if tab.view.zoom() < REVEAL_ZOOM:  # zoomed out to the whole map: labels unreadable
                tab.view.set_zoom(REVEAL_ZOOM)
            tab.view.centerOn(area.center())
        tab.view.setFocus()

    def set_canvas_theme(self, theme: str) -> None:
        """Draw every workflow canvas (and the full views) on the ``theme`` paper."""
        self.canvas_theme = theme
        for tab in self.tabs:
            tab.scene.set_theme(theme)
        for widget in self.views.values():
            set_theme = getattr(widget, "set_theme", None)
            if set_theme is not None:
                set_theme(theme)

    # -- full views beside the canvases ------------------------------------------------
    def show_view(self, key: str, widget: QWidget, title: str) -> None:
        """Show ``widget`` as the tab ``key`` after the workflows (added the first time)."""
        if key not in self.views:
            self.views[key] = widget
            index = self.addTab(widget, title)
            self.setTabToolTip(index, title)
            close = QToolButton(self)
            close.setObjectName("viewClose")
            close.setText("×")
            close.setAutoRaise(True)
            close.setToolTip(f"Close {title}")
            close.setAccessibleName(f"Close {title}")
            close.clicked.connect(lambda _checked=False, k=key: self.close_view(k))
            set_theme = getattr(widget, "set_theme", None)
            if set_theme is not None:
                set_theme(self.canvas_theme)
            self.tabBar().setTabButton(index, QTabBar.ButtonPosition.RightSide, close)
        self.setCurrentWidget(self.views[key])

    def view(self, key: str) -> QWidget | None:
        """The widget of view ``key`` when it is open."""
        return self.views.get(key)

    def current_view(self) -> str | None:
        """The key of the view in front, or None (a workflow, or nothing)."""
        widget = self.currentWidget()
        return next((k for k, w in self.views.items() if w is widget), None)

    def close_view(self, key: str) -> None:
        """Take view ``key`` away (its owner hears :attr:`viewClosed`)."""
        widget = self.views.pop(key, None)
        if widget is None:
            return
        self.removeTab(self.indexOf(widget))
        self.viewClosed.emit(key, widget)

    # -- keeping tabs in step ----------------------------------------------------------
    def _add_tab(self, workflow_id: str) -> None:
        session = self.bridge.document.session
        scene = WorkflowScene(session, workflow_id, self)
        view = CanvasView(scene)
        controller = CanvasController(scene, self.bridge, self)
        scene.selectionChanged.connect(self._on_scene_selection)
        scene.message.connect(self.message)
        view.zoomChanged.connect(lambda factor, v=view: self._on_zoom(v, factor))
        tab = WorkflowTab(workflow_id, scene, view, controller)
        view.placement = lambda ident=workflow_id: self._last_view(ident)
        scene.set_dots(dict(shown_tallies(session)))
        scene.set_theme(self.canvas_theme)
        ordered = [w.id for w in session.ordered_workflows()]
        position = sum(
            1 for t in self.tabs if ordered.index(t.workflow_id) < ordered.index(workflow_id)
        )
        self.tabs.insert(position, tab)
        name = session.workflows[workflow_id].name or "Untitled"
        self.insertTab(position, view, name)
        self.setTabToolTip(position, name)

    def _last_view(self, workflow_id: str) -> ViewState | None:
        if self.memory is None:
            return None
        return self.memory.recall(self.bridge.document.path, workflow_id)

    def _remember(self, tabs: list[WorkflowTab]) -> None:
        """Keep the views of ``tabs`` that were on screen, for the next time."""
        placed = {t.workflow_id: t.view.view_state() for t in tabs if t.view.placed}
        if self.memory is not None and placed:
            self.memory.remember(self.bridge.document.path, placed)

    def _on_current_changed(self, _index: int) -> None:
        if self._shown is not None and self._shown in self.tabs:
            self._remember([self._shown])
        self._shown = self.current()
        self.selectionChanged.emit()

    def _remove_tab(self, tab: WorkflowTab) -> None:
        index = self.tabs.index(tab)
        self.tabs.remove(tab)
        self.removeTab(index)
        tab.controller.dispose()
        tab.view.setScene(None)
        tab.view.deleteLater()
        tab.scene.clear()
        tab.scene.deleteLater()

    def _on_zoom(self, view: CanvasView, factor: float) -> None:
        current = self.current()
        if current is not None and current.view is view:
            self.zoomChanged.emit(factor)

    def _on_scene_selection(self) -> None:
        current = self.current()
        if current is not None and self.sender() is current.scene:
            self.selectionChanged.emit()

    def _on_edit(self, edit: Edit, _action: str) -> None:
        session = self.bridge.document.session
        if edit.touched("workshop"):  # votes, or a private round opened or revealed
            dots = dict(shown_tallies(session))
            for each in self.tabs:
                each.scene.set_dots(dots)
        for workflow_id in edit.touched("workflow"):
            tab = self.tab_for(workflow_id)
            workflow = session.workflows.get(workflow_id)
            if workflow is None and tab is not None:
                self._remove_tab(tab)
            elif workflow is not None and tab is None:
                self._add_tab(workflow_id)
                self.show_workflow(workflow_id)
            elif workflow is not None and tab is not None:
                index = self.tabs.index(tab)
                self.setTabText(index, workflow.name or "Untitled")
                self.setTabToolTip(index, workflow.name or "Untitled")

    def dispose(self) -> None:
        """Remember the views, then tear every tab down (before the window and the
        QApplication go)."""
        self._remember(self.tabs)
        self.bridge.document.unsubscribe(self._on_edit)
        self._shown = None
        for key in list(self.views):
            self.close_view(key)
        for tab in list(self.tabs):
            self._remove_tab(tab)
