"""The canvas area: one tab per workflow of the open session, each a scene and a view."""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from app.editor.canvas_controller import CanvasController
from app.editor.undo import UndoBridge
from canvas.scene import WorkflowScene
from canvas.view import CanvasView
from model.edits import Edit


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

    def __init__(self, bridge: UndoBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.tabs: list[WorkflowTab] = []
        self.setDocumentMode(True)
        self.setMovable(False)
        self.currentChanged.connect(lambda _index: self.selectionChanged.emit())
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
        """Bring a workflow to the front, select ``element_ids`` and centre them."""
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
        QTimer.singleShot(0, lambda v=view: _show_beginning(v))
        ordered = [w.id for w in session.ordered_workflows()]
        position = sum(
            1 for t in self.tabs if ordered.index(t.workflow_id) < ordered.index(workflow_id)
        )
        self.tabs.insert(position, tab)
        self.insertTab(position, view, session.workflows[workflow_id].name or "Untitled")

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
        """Tear every tab down (before the window and the QApplication go)."""
        self.bridge.document.unsubscribe(self._on_edit)
        for tab in list(self.tabs):
            self._remove_tab(tab)


def _show_beginning(view: CanvasView) -> None:
    """Scroll so the workflow's beginning (its top-left, where the trigger sits) is in view."""
    if not shiboken6.isValid(view):  # the tab closed before this ran
        return
    scene = view.scene()
    if scene is None:
        return
    content = scene.itemsBoundingRect()
    if content.isEmpty():
        return
    viewport = view.mapToScene(view.viewport().rect()).boundingRect()
    margin = 40
    view.centerOn(
        content.left() - margin + viewport.width() / 2,
        content.top() - margin + viewport.height() / 2,
    )
