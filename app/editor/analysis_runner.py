"""Re-runs the operating-model analysis shortly after each edit, without stalling the UI.

Edits arrive from typing, dragging and undo; the runner waits for a short quiet spell
(:data:`DEBOUNCE_MS`) so a burst of edits costs one analysis, then analyses the session on
the GUI thread (the analysis of a 2,000-element workflow takes a few milliseconds; see
docs/performance.md) and emits the result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from model.edits import Edit
from storage.document import SessionDocument

if TYPE_CHECKING:
    from model.analysis import Analysis

#: Quiet time after an edit before the analysis runs; findings refresh within ~100 ms.
DEBOUNCE_MS = 40


class AnalysisRunner(QObject):
    """Keeps an :class:`~model.analysis.Analysis` of the open session up to date."""

    #: A fresh analysis of the whole session.
    updated = Signal(object)

    def __init__(self, document: SessionDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.latest: Analysis | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_now)
        document.subscribe(self._on_edit)

    def _on_edit(self, _edit: Edit, _action: str) -> None:
        self.schedule()

    def schedule(self) -> None:
        """Analyse after a short quiet spell (restarts the wait if one is pending)."""
        self._timer.start()

    def run_now(self) -> Analysis:
        """Analyse the session at once and emit :attr:`updated`."""
        self._timer.stop()
        # Imported at the first analysis, which runs once the window is on screen.
        from model.analysis import analyse

        self.latest = analyse(self.document.session)
        self.updated.emit(self.latest)
        return self.latest

    def dispose(self) -> None:
        """Stop listening to the document."""
        self._timer.stop()
        self.document.unsubscribe(self._on_edit)
