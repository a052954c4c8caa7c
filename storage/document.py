"""The open session: the one place where edits are done, undone and redone.

:class:`SessionDocument` joins the in-memory :class:`~model.session.Session` to its file.
Every edit is written to the file first (one transaction, history included) and only then
applied in memory, so the file is never behind what the user sees. Listeners (the canvas,
the inspector, the findings) hear about every change, whether done, undone or redone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from model.edits import Edit
from model.interchange import session_from_json, session_to_json
from model.session import Session
from storage.store import SessionStore, SnapshotInfo

EditAction = Literal["do", "undo", "redo"]
Listener = Callable[[Edit, EditAction], None]


class SessionDocument:
    """A session file opened for editing, with persistent undo/redo."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store
        self.session: Session = store.load()
        self._cursor = store.history_cursor()
        self._count = store.history_count()
        self._listeners: list[Listener] = []

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> SessionDocument:
        """Open an existing session file (see :meth:`SessionStore.open` for errors).

        Raises :class:`~storage.lock.SessionLockedError` when another window holds the
        file; open it with ``read_only=True`` then.
        """
        return cls(SessionStore.open(path, read_only=read_only))

    @classmethod
    def create(
        cls, path: Path | str, session: Session, *, overwrite: bool = False
    ) -> SessionDocument:
        """Write ``session`` to a new file and open it."""
        return cls(SessionStore.create(path, session, overwrite=overwrite))

    @property
    def path(self) -> Path:
        """The session file."""
        return self.store.path

    @property
    def read_only(self) -> bool:
        """True when edits are refused (another window holds the file, or it is read-only)."""
        return self.store.read_only

    @property
    def read_only_reason(self) -> str:
        """Why the session is read-only ("" when it is not)."""
        return self.store.read_only_reason

    def close(self) -> None:
        """Close the file; every edit is already in it."""
        self.store.close()

    # -- listeners ---------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(edit, action)`` after every change."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop calling ``listener``."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, edit: Edit, action: EditAction) -> None:
        for listener in list(self._listeners):
            if listener in self._listeners:  # skip one unsubscribed by an earlier listener
                listener(edit, action)

    # -- the command layer -------------------------------------------------------------
    def execute(self, edit: Edit) -> bool:
        """Do ``edit``: commit it to the file, then apply it. False when it changes nothing."""
        if not edit.changes:
            return False
        self._cursor = self.store.commit_edit(edit, self._cursor)
        self._count = self._cursor
        edit.apply(self.session)
        self._notify(edit, "do")
        return True

    def undo(self) -> Edit | None:
        """Undo the last done edit; returns it, or None when there is nothing to undo."""
        if not self.can_undo():
            return None
        edit = self.store.history_entry(self._cursor)
        self._cursor = self.store.commit_undo(edit, self._cursor)
        edit.revert(self.session)
        self._notify(edit, "undo")
        return edit

    def redo(self) -> Edit | None:
        """Redo the last undone edit; returns it, or None when there is nothing to redo."""
        if not self.can_redo():
            return None
        edit = self.store.history_entry(self._cursor + 1)
        self._cursor = self.store.commit_redo(edit, self._cursor)
        edit.apply(self.session)
        self._notify(edit, "redo")
        return edit

    def can_undo(self) -> bool:
        """True when an edit can be undone."""
        return self._cursor > 0

    def can_redo(self) -> bool:
        """True when an undone edit can be redone."""
        return self._cursor < self._count

    @property
    def history_cursor(self) -> int:
        """How many edits of the history are applied."""
        return self._cursor

    @property
    def history_count(self) -> int:
        """How many edits the history holds (applied or undone)."""
        return self._count

    # -- snapshots (not edits: taking one changes no content, so it is not undoable) ------
    def take_snapshot(self, name: str) -> SnapshotInfo:
        """Store the session as it is now under ``name`` (e.g. "before day 2")."""
        import uuid  # not at start-up: uuid loads ``platform``

        name = name.strip() or "Snapshot"
        snapshot_id = f"snap-{uuid.uuid4().hex[:10]}"
        return self.store.add_snapshot(snapshot_id, name, session_to_json(self.session))

    def snapshots(self) -> list[SnapshotInfo]:
        """Every snapshot, oldest first."""
        return self.store.snapshots()

    def snapshot_session(self, snapshot_id: str) -> Session:
        """The session as it was in snapshot ``snapshot_id``."""
        return session_from_json(self.store.snapshot_content(snapshot_id), snapshot_id)

    def delete_snapshot(self, snapshot_id: str) -> None:
        """Remove a snapshot (the session itself is unchanged)."""
        self.store.delete_snapshot(snapshot_id)

    def undo_text(self) -> str:
        """Description of the edit that Undo would undo ("" when none)."""
        return self.store.history_entry(self._cursor).description if self.can_undo() else ""

    def redo_text(self) -> str:
        """Description of the edit that Redo would redo ("" when none)."""
        return self.store.history_entry(self._cursor + 1).description if self.can_redo() else ""
