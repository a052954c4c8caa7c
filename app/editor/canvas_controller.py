"""Turns a workflow scene's requests into edits, and the document's changes into scene updates.

The scene only asks (move these, connect those, rename, drop a kind here); this controller
builds the edit with the command layer and pushes it through the undo bridge, so every
canvas gesture is saved and undoable. A refused edit is never silent: its reason goes to
the scene's status-bar message and beside the pointer. Every do, undo and redo of the
document reaches the scene through :meth:`WorkflowScene.apply_edit`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject

from app.editor.undo import UndoBridge
from app.operations import EditOp, RefusalNotice
from canvas.scene import WorkflowScene
from model import edits
from model.edits import Edit
from model.session import Session


def _number(value: float) -> float | int:
    """Whole numbers as int, so session files hold 120 rather than 120.0."""
    return int(value) if float(value).is_integer() else float(value)


class CanvasController(QObject):
    """Connects one :class:`WorkflowScene` to the document through an :class:`UndoBridge`."""

    def __init__(
        self, scene: WorkflowScene, bridge: UndoBridge, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.scene = scene
        self.bridge = bridge
        self.document = bridge.document
        self._connections = [
            (scene.moveRequested, self._on_move),
            (scene.connectRequested, self._on_connect),
            (scene.renameRequested, self._on_rename),
            (scene.dropRequested, self._on_drop),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        self.document.subscribe(self._on_document_edit)
        self._refusals = RefusalNotice.in_status_bar(self._say_refusal)
        self._disposed = False

    def _say_refusal(self, text: str) -> None:
        """A refusal goes to the status bar and beside the pointer, where the eyes are."""
        self.scene.message.emit(text)
        self.scene.show_note(text)

    @property
    def session(self) -> Session:
        """The document's session."""
        return self.document.session

    def dispose(self) -> None:
        """Stop listening to the document and the scene."""
        if self._disposed:
            return
        self._disposed = True
        self.document.unsubscribe(self._on_document_edit)
        for signal, slot in self._connections:
            with contextlib.suppress(RuntimeError, TypeError):  # the scene is already gone
                signal.disconnect(slot)

    # -- requests -> edits ---------------------------------------------------------------
    def _push(self, build: Callable[[], Edit]) -> Edit | None:
        """Build an edit and push it; a refusal is reported on the scene. The edit if done."""
        return (
            EditOp(self.bridge, build)
            .on_not_saved(self._show_what_the_file_holds)
            .run(self._refusals)
        )

    def _show_what_the_file_holds(self, edit: Edit) -> None:
        if edit.changes:  # refused by the file (read-only, disk full): show what it holds
            self.scene.rebuild()

    def _on_move(self, positions: dict) -> None:
        moved = {ident: (_number(x), _number(y)) for ident, (x, y) in positions.items()}
        self._push(lambda: edits.move_elements(self.session, moved))

    def _on_connect(self, source: str, target: str) -> None:
        self._push(lambda: edits.add_connection(self.session, source, target))

    def _on_rename(self, element_id: str, label: str) -> None:
        self._push(lambda: edits.update_element(self.session, element_id, label=label))

    def _on_drop(self, kind: str, x: float, y: float) -> None:
        edit = self._push(
            lambda: edits.add_element(
                self.session, self.scene.workflow_id, kind, x=_number(x), y=_number(y)
            )
        )
        if edit is not None:
            self.scene.select_ids(edit.touched("element"))

    # -- document -> scene ---------------------------------------------------------------
    def _on_document_edit(self, edit: Edit, _action: str) -> None:
        self.scene.apply_edit(edit)
