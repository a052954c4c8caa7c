"""Keyboard-first mapping on the current canvas, as Excalidraw does for flowcharts.

* **Ctrl+Arrow** adds a connected next step beside the one selected element, in that
  direction (one column or row away, at the nearest free spot), and selects it, so a
  workflow can be typed out: Ctrl+Right, F2, name, Enter, Ctrl+Right …
* **Alt+Arrow** moves the selection along the connections to the neighbour in that
  direction (with nothing selected: to the first trigger).
* **Add element** (A) puts the cursor in the palette's filter: type, Enter, and the
  kind lands at a free spot in view; every palette kind can be added without a mouse.

Each addition is one :class:`~model.edits.Edit` through :class:`~app.operations.EditOp`;
a refusal (an outcome cannot lead on) is said beside the selection and in the status bar.
After each move the canvas tells screen readers what is selected
(:meth:`canvas.view.CanvasView.announce`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, Signal

from app.editor.session_view import SessionView, WorkflowTab
from app.operations import EditOp, RefusalNotice
from canvas import shapes
from model import edits
from model.connections import kind_noun
from model.edits import Edit, quoted
from model.navigation import first_element, neighbour
from model.placement import free_spot_near, next_spot, workflow_boxes
from model.session import Session

#: The kind Ctrl+Arrow adds.
NEXT_KIND = "step"


class KeyboardMapping(QObject):
    """Ctrl+Arrow and Alt+Arrow on the current workflow tab; adding kinds by keyboard."""

    #: A status-bar message (why nothing happened).
    message = Signal(str)

    def __init__(self, canvas: SessionView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas

    @property
    def session(self) -> Session:
        """The open session."""
        return self.canvas.bridge.document.session

    def _tab(self) -> WorkflowTab | None:
        tab = self.canvas.current()
        if tab is None:
            self.message.emit("Show a workflow first.")
        return tab

    def _one_selected(self, tab: WorkflowTab, what: str) -> str | None:
        ids = tab.scene.selected_element_ids()
        if len(ids) != 1 or tab.scene.selected_connection_ids():
            self.message.emit(f"Select one element first: {what}.")
            return None
        return ids[0]

    # -- Ctrl+Arrow ----------------------------------------------------------------------
    def add_next(self, direction: str) -> str | None:
        """Add a step connected after the selected element, in ``direction``; its id."""
        tab = self._tab()
        if tab is None:
            return None
        source_id = self._one_selected(tab, "Ctrl+Arrow adds the next step after it")
        if source_id is None:
            return None
        session = self.session
        workflow_id = tab.workflow_id

        def build() -> Edit:
            source = session.elements[source_id]
            x, y = next_spot((source.x, source.y), direction, workflow_boxes(session, workflow_id))
            new_id = edits.new_id(session, NEXT_KIND)
            element = {"id": new_id, "kind": NEXT_KIND, "label": "", "x": x, "y": y, "props": {}}
            connection = {"source": source_id, "target": new_id}
            name = quoted(source.label) if source.label.strip() else f"the {kind_noun(source.kind)}"
            return edits.add_items(
                session,
                workflow_id,
                [element],
                [connection],
                description=f"Add a {kind_noun(NEXT_KIND)} after {name}",
            )

        def refused(text: str) -> None:
            self.message.emit(text)
            tab.scene.show_note(text, _below(tab, source_id))

        done = EditOp(self.canvas.bridge, build).run(RefusalNotice.in_status_bar(refused))
        if done is None:
            return None
        new_id = next(iter(done.touched("element")))
        self._select(tab, new_id)
        return new_id

    # -- Alt+Arrow -----------------------------------------------------------------------
    def select_next(self, direction: str) -> str | None:
        """Select the neighbour of the selected element in ``direction``; its id."""
        tab = self._tab()
        if tab is None:
            return None
        ids = tab.scene.selected_element_ids()
        if not ids:
            target = first_element(self.session, tab.workflow_id)
        elif len(ids) == 1:
            target = neighbour(self.session, ids[0], direction)
        else:
            target = neighbour(self.session, ids[-1], direction)
        if target is None:
            self.message.emit("Nothing that way." if ids else "This workflow has no elements yet.")
            return None
        self._select(tab, target)
        return target

    # -- adding a kind without a mouse ------------------------------------------------------
    def add_kind(self, kind: str, near: QPointF | None = None) -> str | None:
        """Add a ``kind`` element at the free spot nearest ``near`` (a scene point; None:
        the view's centre) and select it; its id."""
        tab = self._tab()
        if tab is None:
            return None
        view = tab.view
        centre = near if near is not None else view.mapToScene(view.viewport().rect().center())
        session = self.session
        workflow_id = tab.workflow_id

        def build() -> Edit:
            x, y = free_spot_near(
                centre.x() - shapes.W / 2,
                centre.y() - shapes.H / 2,
                workflow_boxes(session, workflow_id),
            )
            return edits.add_element(session, workflow_id, kind, x=x, y=y)

        refusals = RefusalNotice.in_status_bar(self.message.emit)
        done = EditOp(self.canvas.bridge, build).run(refusals)
        if done is None:
            return None
        new_id = next(iter(done.touched("element")))
        self._select(tab, new_id)
        return new_id

    def _select(self, tab: WorkflowTab, element_id: str) -> None:
        tab.scene.select_ids([element_id])
        item = tab.scene.element_item(element_id)
        if item is not None:
            tab.view.ensureVisible(item, 60, 60)
        tab.view.setFocus()
        tab.view.announce()


def _below(tab: WorkflowTab, element_id: str) -> QPointF | None:
    item = tab.scene.element_item(element_id)
    if item is None:
        return None
    return QPointF(item.left + shapes.W / 2, item.top + shapes.H)
