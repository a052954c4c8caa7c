"""The canvas area: one tab per workflow of the open session, each a scene and a view.

Each view is placed when it is first on screen: it shows the workflow's last view from
:class:`~app.editor.view_memory.ViewMemory`, or fits the workflow; leaving a tab and
closing the session remember where each workflow was looked at.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from app.editor.canvas_controller import CanvasController
from app.editor.undo import UndoBridge
from app.editor.view_memory import ViewMemory
from canvas.scene import WorkflowScene
from canvas.view import CanvasView, ViewState
from model.edits import Edit

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
    """Tabs of workflow canvases, kept in step with the session's workflows."""

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
        self.setDocumentMode(True)
        self.setMovable(False)
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
        ordered = [w.id for w in session.ordered_workflows()]
        position = sum(
            1 for t in self.tabs if ordered.index(t.workflow_id) < ordered.index(workflow_id)
        )
        self.tabs.insert(position, tab)
        self.insertTab(position, view, session.workflows[workflow_id].name or "Untitled")

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
        for workflow_id in edit.touched("workflow"):
            tab = self.tab_for(workflow_id)
            workflow = session.workflows.get(workflow_id)
            if workflow is None and tab is not None:
                self._remove_tab(tab)
            elif workflow is not None and tab is None:
                self._add_tab(workflow_id)
                self.show_workflow(workflow_id)
            elif workflow is not None and tab is not None:
                self.setTabText(self.tabs.index(tab), workflow.name or "Untitled")

    def dispose(self) -> None:
        """Remember the views, then tear every tab down (before the window and the
        QApplication go)."""
        self._remember(self.tabs)
        self.bridge.document.unsubscribe(self._on_edit)
        self._shown = None
        for tab in list(self.tabs):
            self._remove_tab(tab)
