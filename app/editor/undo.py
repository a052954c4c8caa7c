"""A QUndoStack that mirrors the session document's persistent history.

The document is the source of truth (its history lives in the session file); the stack
gives Qt's undo actions, undo view and clean-state handling. Each history entry is one
:class:`HistoryCommand`; its ``undo``/``redo`` call the document, so undoing from the menu,
the keyboard or the undo view all take the same path.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from model.edits import Edit
from storage.document import SessionDocument
from storage.files import SessionFileError


class HistoryCommand(QUndoCommand):
    """One entry of the document's history, as seen by the QUndoStack."""

    def __init__(self, bridge: UndoBridge, text: str) -> None:
        super().__init__(text)
        # A weak reference: the bridge owns the stack, which owns the commands; a strong
        # one would make a cycle that garbage collection may tear down in the wrong order
        # (a crash in ~QUndoStack).
        self._bridge = weakref.ref(bridge)

    def redo(self) -> None:
        bridge = self._bridge()
        if bridge is not None and not bridge.replaying:
            bridge.document.redo()

    def undo(self) -> None:
        bridge = self._bridge()
        if bridge is not None and not bridge.replaying:
            bridge.document.undo()


class UndoBridge(QObject):
    """Pushes edits through the document and keeps a QUndoStack in step with its history."""

    #: Emitted with a message when an edit could not be saved (the session is unchanged).
    failed = Signal(str)

    def __init__(self, document: SessionDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.stack = QUndoStack(self)
        self.replaying = True
        try:
            for description in document.store.history_descriptions():
                self.stack.push(HistoryCommand(self, description))
            self.stack.setIndex(document.history_cursor)
        finally:
            self.replaying = False

    def push(self, edit: Edit) -> bool:
        """Do ``edit`` (committed to the file first) and make it undoable.

        Returns False when the edit changed nothing or could not be saved (disk full,
        read-only file: :attr:`failed` says why; the session is unchanged). Any other error
        is unexpected and goes to the crash guard, which reloads the session from its file.
        """
        try:
            changed = self.document.execute(edit)
        except SessionFileError as exc:
            self.failed.emit(str(exc))
            return False
        if changed:
            self.replaying = True
            try:
                self.stack.push(HistoryCommand(self, edit.description))
            finally:
                self.replaying = False
        return changed
