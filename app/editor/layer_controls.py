"""View → Layers: show the flow alone, add roles, data, governance, measurement and notes
one at a time, and put a focus lens on the selected element.

Each toggle is an undoable edit of the workflow on screen (:func:`model.edits.set_layers`),
kept in the session file; the canvas, the slides and the image exports follow it. The
menu's checks follow the workflow on screen, undo and redo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from model import edits
from model.layers import LAYER_NAMES, OPTIONAL_LAYERS, workflow_layers

if TYPE_CHECKING:
    from app.editor.session_view import SessionView
    from model.session import Session

#: Menu entries: (action name, text) per optional layer.
LAYER_ACTIONS: tuple[tuple[str, str], ...] = tuple(
    (f"layer_{layer}", LAYER_NAMES[layer]) for layer in OPTIONAL_LAYERS
)
FOCUS_ACTION = "focus_lens"
NO_SELECTION = "Select one element to put the focus lens on."


class LayerControls:
    """Turns the Layers menu into edits of the current workflow and ticks its entries."""

    def __init__(
        self,
        actions: dict[str, QAction],
        canvas: Callable[[], SessionView | None],
        session: Callable[[], Session | None],
        run: Callable[[Callable[[], edits.Edit]], object],
        status: Callable[[str], None],
    ) -> None:
        self.actions = actions
        self._canvas = canvas
        self._session = session
        self._run = run
        self._status = status

    def _where(self) -> tuple[Session, str] | None:
        canvas = self._canvas()
        session = self._session()
        tab = canvas.current() if canvas is not None else None
        if tab is None or session is None:
            return None
        return session, tab.workflow_id

    def toggle(self, layer: str) -> None:
        """Show or hide ``layer`` of the current workflow, as its menu entry says."""
        where = self._where()
        if where is None:
            return
        session, workflow_id = where
        hidden = set(workflow_layers(session, workflow_id).hidden)
        if self.actions[f"layer_{layer}"].isChecked():
            hidden.discard(layer)
        else:
            hidden.add(layer)
        self._apply(lambda: edits.set_layers(session, workflow_id, hidden=hidden))

    def build_up(self, count: int) -> None:
        """The flow and the first ``count`` layers (0: the flow only; all of them: every one)."""
        where = self._where()
        if where is None:
            return
        session, workflow_id = where
        hidden = workflow_layers(session, workflow_id).built_up_to(count).hidden
        self._apply(lambda: edits.set_layers(session, workflow_id, hidden=hidden))

    def toggle_focus(self) -> None:
        """Put the focus lens on the one selected element, or take it off."""
        where = self._where()
        canvas = self._canvas()
        if where is None or canvas is None:
            return
        session, workflow_id = where
        if not self.actions[FOCUS_ACTION].isChecked():
            self._apply(lambda: edits.set_layers(session, workflow_id, focus=None))
            return
        tab = canvas.current()
        selected = tab.scene.selected_element_ids() if tab is not None else []
        if len(selected) != 1:
            self._status(NO_SELECTION)
            self.sync()
            return
        self._apply(lambda: edits.set_layers(session, workflow_id, focus=selected[0]))

    def _apply(self, build: Callable[[], edits.Edit]) -> None:
        self._run(build)
        self.sync()

    def sync(self) -> None:
        """Tick the entries as the current workflow's layers are (all off without one)."""
        where = self._where()
        state = workflow_layers(*where) if where is not None else None
        for layer in OPTIONAL_LAYERS:
            action = self.actions[f"layer_{layer}"]
            action.blockSignals(True)
            action.setChecked(state is None or state.shows(layer))
            action.blockSignals(False)
        focus = self.actions[FOCUS_ACTION]
        focus.blockSignals(True)
        focus.setChecked(state is not None and state.focus is not None)
        focus.blockSignals(False)
