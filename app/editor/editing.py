"""Editing actions on the current canvas selection: clipboard, delete, arrange, auto-layout.

Each action builds one :class:`~model.edits.Edit` and pushes it through the undo bridge,
so it is undoable and saved like any other change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtWidgets import QApplication

from app.editor.session_view import SessionView, WorkflowTab
from app.operations import EditOp, RefusalNotice
from model import arrange, edits
from model.edits import Edit
from model.interchange import connection_to_json, element_to_json
from model.session import Session

#: Clipboard MIME type: JSON with "elements" and "connections" in interchange form.
ITEMS_MIME = "application/x-opmodel-items"
PASTE_OFFSET = 40


def selection_payload(session: Session, element_ids: list[str]) -> dict[str, Any]:
    """The interchange form of the selected elements and the connections among them."""
    chosen = set(element_ids)
    elements = [element_to_json(session.elements[i]) for i in element_ids]
    connections = [
        connection_to_json(c)
        for c in session.connections_of(chosen)
        if c.source in chosen and c.target in chosen
    ]
    return {"elements": elements, "connections": connections}


def paste_edit(session: Session, workflow_id: str, payload: dict[str, Any], offset: float) -> Edit:
    """An edit adding a copy of ``payload`` (fresh ids) to a workflow, shifted by ``offset``."""
    new_ids: dict[str, str] = {}
    for item in payload["elements"]:
        prefix = item["kind"].replace("_", "")
        new_ids[item["id"]] = edits.new_id(session, prefix, taken=new_ids.values())
    elements = [
        {
            "id": new_ids[item["id"]],
            "kind": item["kind"],
            "label": item.get("label", ""),
            "x": item.get("x", 0) + offset,
            "y": item.get("y", 0) + offset,
            "props": item.get("props", {}),
        }
        for item in payload["elements"]
    ]
    connections = [
        {
            "source": new_ids[c["source"]],
            "target": new_ids[c["target"]],
            "label": c.get("label", ""),
            "raci": c.get("raci"),
        }
        for c in payload["connections"]
        if c["source"] in new_ids and c["target"] in new_ids
    ]
    count = len(elements)
    description = "Paste element" if count == 1 else f"Paste {count} elements"
    return edits.add_items(session, workflow_id, elements, connections, description=description)


class EditingActions(QObject):
    """The Edit and Arrange menu actions, applied to the current workflow tab."""

    #: A status-bar message (why an action did nothing, or what it did).
    message = Signal(str)

    def __init__(self, canvas: SessionView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self._paste_count = 0

    @property
    def session(self) -> Session:
        """The open session."""
        return self.canvas.bridge.document.session

    def _tab(self) -> WorkflowTab | None:
        tab = self.canvas.current()
        if tab is None:
            self.message.emit("Add a workflow first.")
        return tab

    def _push(self, make: Callable[[], Edit]) -> bool:
        done = EditOp(self.canvas.bridge, make).run(RefusalNotice.in_status_bar(self.message.emit))
        return done is not None

    def _selected(self) -> tuple[WorkflowTab, list[str]] | None:
        tab = self._tab()
        if tab is None:
            return None
        ids = tab.scene.selected_element_ids()
        if not ids:
            self.message.emit("Select one or more elements first.")
            return None
        return tab, ids

    # -- clipboard ---------------------------------------------------------------------
    def copy(self) -> bool:
        """Put the selected elements (and connections among them) on the clipboard."""
        picked = self._selected()
        if picked is None:
            return False
        _tab, ids = picked
        payload = selection_payload(self.session, ids)
        data = QMimeData()
        data.setData(ITEMS_MIME, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        data.setText("\n".join(item["label"] for item in payload["elements"]))
        QApplication.clipboard().setMimeData(data)
        self._paste_count = 0
        return True

    def cut(self) -> bool:
        """Copy, then delete the selection (one undoable edit)."""
        return self.copy() and self.delete()

    def paste(self) -> bool:
        """Add a copy of the clipboard's elements to the current workflow, offset a little."""
        tab = self._tab()
        data = QApplication.clipboard().mimeData()
        if tab is None or data is None or not data.hasFormat(ITEMS_MIME):
            self.message.emit("Nothing to paste: copy elements first.")
            return False
        payload = json.loads(bytes(data.data(ITEMS_MIME).data()).decode("utf-8"))
        self._paste_count += 1
        return self._paste(tab, payload, PASTE_OFFSET * self._paste_count)

    def duplicate(self) -> bool:
        """Copy and paste the selection in one step, without touching the clipboard."""
        picked = self._selected()
        if picked is None:
            return False
        tab, ids = picked
        return self._paste(tab, selection_payload(self.session, ids), PASTE_OFFSET)

    def _paste(self, tab: WorkflowTab, payload: dict[str, Any], offset: float) -> bool:
        before = set(self.session.elements)
        if not self._push(lambda: paste_edit(self.session, tab.workflow_id, payload, offset)):
            return False
        tab.scene.select_ids(set(self.session.elements) - before)
        return True

    def delete(self) -> bool:
        """Delete the selected elements (with their connections) and selected connections."""
        tab = self._tab()
        if tab is None:
            return False
        element_ids = tab.scene.selected_element_ids()
        connection_ids = set(tab.scene.selected_connection_ids())
        if not element_ids and not connection_ids:
            self.message.emit("Select something to delete.")
            return False

        def make() -> Edit:
            removal = edits.delete_elements(self.session, element_ids)
            cascaded = removal.touched("connection")
            extra = edits.delete_connections(self.session, connection_ids - cascaded)
            changes = extra.changes + removal.changes
            count = len(element_ids) + len(connection_ids - cascaded)
            return Edit(
                "Delete" if count != 1 else removal.description or extra.description, changes
            )

        return self._push(make)

    def rename(self) -> bool:
        """Open the in-place label editor on the one selected element."""
        picked = self._selected()
        if picked is None:
            return False
        tab, ids = picked
        tab.scene.begin_rename(ids[0])
        return True

    def select_all(self) -> None:
        """Select every element and connection of the current workflow."""
        tab = self._tab()
        if tab is not None:
            ids = [e.id for e in self.session.workflow_elements(tab.workflow_id)]
            ids += [c.id for c in self.session.workflow_connections(tab.workflow_id)]
            tab.scene.select_ids(ids)

    # -- arrange -----------------------------------------------------------------------
    def _positions(self, ids: list[str]) -> dict[str, tuple[float, float]]:
        return {i: (self.session.elements[i].x, self.session.elements[i].y) for i in ids}

    def align(self, edge: str) -> bool:
        """Align the selected elements on ``edge`` (see :func:`model.arrange.align`)."""
        picked = self._selected()
        if picked is None:
            return False
        _tab, ids = picked
        moved = arrange.align(self._positions(ids), edge)
        return self._push(
            lambda: Edit(
                f"Align {edge.replace('_', ' ')}", edits.move_elements(self.session, moved).changes
            )
        )

    def distribute(self, axis: str) -> bool:
        """Spread the selected elements evenly (see :func:`model.arrange.distribute`)."""
        picked = self._selected()
        if picked is None:
            return False
        _tab, ids = picked
        if len(ids) < 3:
            self.message.emit("Select at least three elements to distribute.")
            return False
        moved = arrange.distribute(self._positions(ids), axis)
        return self._push(
            lambda: Edit(f"Distribute {axis}", edits.move_elements(self.session, moved).changes)
        )

    def auto_layout(self) -> bool:
        """Lay the current workflow out left to right (one undoable edit)."""
        tab = self._tab()
        if tab is None:
            return False
        from model.layout import auto_layout_edit

        done = self._push(lambda: auto_layout_edit(self.session, tab.workflow_id))
        if done:
            tab.view.fit_to_view()
        return done
