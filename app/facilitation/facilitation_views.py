"""The facilitation views shown full size beside the canvas: the prioritisation matrix
and the voting results.

Each view is a standalone widget on the session's undo bridge (presentation mode can
show the same widgets as slides); here they open as tabs after the workflows of the
:class:`~app.editor.session_view.SessionView`, so they never squeeze a canvas. A view is
built when first opened and disposed when its tab is closed or the session closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from app.editor.session_view import SessionView
    from app.editor.undo import UndoBridge

#: View key → tab title.
VIEW_TITLES: dict[str, str] = {
    "prioritisation": "Prioritisation matrix",
    "voting_results": "Voting results",
}


def build_view(key: str, bridge: UndoBridge) -> QWidget:
    """A new view widget ``key`` ("prioritisation" or "voting_results") on ``bridge``."""
    if key == "prioritisation":
        from app.facilitation.prioritisation_view import PrioritisationView

        return PrioritisationView(bridge)
    if key == "voting_results":
        from app.facilitation.voting_results import VotingResultsView

        return VotingResultsView(bridge)
    raise KeyError(key)


class FacilitationViews:
    """Opens, keeps and disposes of the full views of the open session."""

    def __init__(self) -> None:
        self._bridge: UndoBridge | None = None
        self._canvas: SessionView | None = None
        self._open_workflow: Callable[[str], None] | None = None

    def attach(
        self, bridge: UndoBridge, canvas: SessionView, open_workflow: Callable[[str], None]
    ) -> None:
        """A session opened: its views open on request in ``canvas``'s tabs."""
        self._bridge = bridge
        self._canvas = canvas
        self._open_workflow = open_workflow
        canvas.viewClosed.connect(self._closed)

    def show(self, key: str) -> QWidget | None:
        """Open view ``key`` (built the first time) in front; None without a session."""
        if self._bridge is None or self._canvas is None:
            return None
        widget = self._canvas.view(key)
        if widget is None:
            widget = build_view(key, self._bridge)
            workflow_activated = getattr(widget, "workflowActivated", None)
            if workflow_activated is not None and self._open_workflow is not None:
                workflow_activated.connect(self._open_workflow)
        self._canvas.show_view(key, widget, VIEW_TITLES[key])
        return widget

    def get(self, key: str) -> QWidget | None:
        """The open view ``key``, or None."""
        return self._canvas.view(key) if self._canvas is not None else None

    def _closed(self, _key: str, widget: QWidget) -> None:
        """A view's tab closed: the view stops following the document and goes."""
        dispose = getattr(widget, "dispose", None)
        if dispose is not None:
            dispose()
        widget.setParent(None)
        widget.deleteLater()

    def detach(self) -> None:
        """Close every view (before the session's file closes)."""
        if self._canvas is not None:
            for key in list(self._canvas.views):
                self._canvas.close_view(key)
            self._canvas.viewClosed.disconnect(self._closed)
        self._bridge = None
        self._canvas = None
        self._open_workflow = None
