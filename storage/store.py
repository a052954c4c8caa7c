"""Reading and writing a session file: one edit, one committed transaction.

While open for editing the file runs in WAL mode with ``synchronous=FULL``: when
:meth:`SessionStore.commit_edit` returns, the edit is on disk, so a crash or a power cut
loses at most an edit in flight. Closing folds the WAL back into the single file.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from model.edits import Change, Edit
from model.session import (
    WORKSHOP_KEY,
    EntityType,
    Session,
    entity_from_state,
    entity_state,
    workshop_from_state,
)
from storage.files import SessionFileError, inspect_session_file, read_only_connection
from storage.migrations import MIGRATIONS
from storage.schema import APPLICATION_ID, SCHEMA_V1, SCHEMA_VERSION, TABLES

_CURSOR_KEY = "history_cursor"
_EXTRA_KEY = "session_extra"


def _encode(entity: str, state: dict[str, Any]) -> list[Any]:
    _, columns, json_columns = TABLES[entity]
    return [
        json.dumps(state[c], ensure_ascii=False) if c in json_columns else state[c] for c in columns
    ]


def _decode(entity: str, row: sqlite3.Row) -> dict[str, Any]:
    _, columns, json_columns = TABLES[entity]
    return {c: json.loads(row[c]) if c in json_columns else row[c] for c in columns}


def _upsert_sql(entity: str) -> str:
    table, columns, _ = TABLES[entity]
    names = ", ".join(("id", *columns))
    marks = ", ".join("?" for _ in range(len(columns) + 1))
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}"


_UPSERT = {entity: _upsert_sql(entity) for entity in TABLES}


@dataclass(frozen=True)
class SnapshotInfo:
    """A named snapshot of the whole session, taken at ``created`` (UTC, ISO)."""

    id: str
    name: str
    created: str


class SessionStore:
    """An open session file. Use :meth:`open` or :meth:`create`, then :meth:`close`."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    # -- opening and creating ----------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str) -> SessionStore:
        """Open an existing session file, migrating an older schema first.

        Raises :class:`SessionFileError` (and leaves the file untouched) when the file is
        missing, not a session, damaged, truncated or from a newer version.
        """
        path = Path(path)
        facts = inspect_session_file(path)
        if facts.schema_version < SCHEMA_VERSION:
            _migrate(path, facts.schema_version)
        return cls(path, _connect(path))

    @classmethod
    def create(cls, path: Path | str, session: Session, *, overwrite: bool = False) -> SessionStore:
        """Write ``session`` to a new file at ``path`` and open it.

        The file is built beside its destination and renamed into place, so a failure
        never leaves a half-written session behind.
        """
        write_session_file(path, session, overwrite=overwrite)
        return cls(Path(path), _connect(Path(path)))

    def close(self) -> None:
        """Fold the WAL back into the file and close it.

        A closed session is a single self-contained file (rollback-journal mode), so it can
        be copied or mailed as is, and read-only readers leave no ``-wal``/``-shm`` beside it.
        """
        try:
            self.conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.Error:
            pass  # another connection still has the file open; WAL stays, nothing is lost
        finally:
            self.conn.close()

    # -- reading -----------------------------------------------------------------------
    def load(self) -> Session:
        """Read the whole session into memory."""
        session = Session()
        row = self.conn.execute("SELECT * FROM workshop").fetchone()
        if row is not None:
            session.workshop = workshop_from_state(_decode("workshop", row))
        for entity in ("workflow", "element", "connection"):
            table = TABLES[entity][0]
            pool = getattr(session, table)
            for row in self.conn.execute(f"SELECT * FROM {table}"):
                pool[row["id"]] = entity_from_state(entity, row["id"], _decode(entity, row))
        extra = self._meta(_EXTRA_KEY)
        session.extra = extra if isinstance(extra, dict) else {}
        return session

    def history_cursor(self) -> int:
        """How many history entries are applied (entries after it can be redone)."""
        return int(self._meta(_CURSOR_KEY) or 0)

    def history_count(self) -> int:
        """How many history entries the file holds."""
        return self.conn.execute("SELECT count(*) FROM history").fetchone()[0]

    def history_entry(self, seq: int) -> Edit:
        """History entry ``seq`` (1-based) as an :class:`Edit`."""
        row = self.conn.execute(
            "SELECT description, changes FROM history WHERE seq = ?", (seq,)
        ).fetchone()
        if row is None:
            raise SessionFileError(self.path, f"history entry {seq} is missing")
        changes = tuple(Change.from_json(item) for item in json.loads(row["changes"]))
        return Edit(row["description"], changes)

    def history_descriptions(self) -> list[str]:
        """Descriptions of every history entry, oldest first."""
        return [r[0] for r in self.conn.execute("SELECT description FROM history ORDER BY seq")]

    # -- writing -----------------------------------------------------------------------
    def commit_edit(self, edit: Edit, cursor: int) -> int:
        """Write a new edit and record it as history entry ``cursor + 1``.

        Entries after ``cursor`` (undone edits) are discarded, as in any undo stack.
        Returns the new cursor. Everything happens in one transaction.
        """
        payload = json.dumps([c.to_json() for c in edit.changes], ensure_ascii=False)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction() as conn:
            _write_states(conn, ((c.entity, c.id, c.after) for c in edit.changes))
            conn.execute("DELETE FROM history WHERE seq > ?", (cursor,))
            conn.execute(
                "INSERT INTO history (seq, description, changes, created) VALUES (?, ?, ?, ?)",
                (cursor + 1, edit.description, payload, now),
            )
            _set_meta(conn, _CURSOR_KEY, cursor + 1)
        return cursor + 1

    def commit_undo(self, edit: Edit, cursor: int) -> int:
        """Write the *before* states of history entry ``cursor``; returns the new cursor."""
        with self._transaction() as conn:
            _write_states(conn, ((c.entity, c.id, c.before) for c in reversed(edit.changes)))
            _set_meta(conn, _CURSOR_KEY, cursor - 1)
        return cursor - 1

    def commit_redo(self, edit: Edit, cursor: int) -> int:
        """Write the *after* states of history entry ``cursor + 1``; returns the new cursor."""
        with self._transaction() as conn:
            _write_states(conn, ((c.entity, c.id, c.after) for c in edit.changes))
            _set_meta(conn, _CURSOR_KEY, cursor + 1)
        return cursor + 1

    # -- snapshots ---------------------------------------------------------------------
    def add_snapshot(self, snapshot_id: str, name: str, content: dict[str, Any]) -> SnapshotInfo:
        """Store a named snapshot (the session's interchange form) in its own transaction."""
        created = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO snapshots (id, name, created, content) VALUES (?, ?, ?, ?)",
                (snapshot_id, name, created, json.dumps(content, ensure_ascii=False)),
            )
        return SnapshotInfo(snapshot_id, name, created)

    def snapshots(self) -> list[SnapshotInfo]:
        """Every snapshot, oldest first."""
        rows = self.conn.execute("SELECT id, name, created FROM snapshots ORDER BY created, rowid")
        return [SnapshotInfo(r["id"], r["name"], r["created"]) for r in rows]

    def snapshot_content(self, snapshot_id: str) -> dict[str, Any]:
        """The interchange form stored in snapshot ``snapshot_id``."""
        row = self.conn.execute(
            "SELECT content FROM snapshots WHERE id = ?", (snapshot_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no snapshot {snapshot_id!r}")
        return json.loads(row["content"])

    def delete_snapshot(self, snapshot_id: str) -> None:
        """Remove a snapshot."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM snapshots WHERE id = ?", (snapshot_id,))

    def copy_to(self, target: Path | str) -> None:
        """Copy the whole session, history included, to ``target`` (Save as…)."""
        target = Path(target)
        temp = _temp_beside(target)
        try:
            dest = sqlite3.connect(temp)
            try:
                self.conn.backup(dest)
                # The backup copies the WAL flag of the open source; make the copy a
                # single self-contained file like a closed session.
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise

    # -- helpers -----------------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _meta(self, key: str) -> Any:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])


def _write_states(
    conn: sqlite3.Connection, states: Iterable[tuple[EntityType, str, dict[str, Any] | None]]
) -> None:
    for entity, ident, state in states:
        table = TABLES[entity][0]
        if state is None:
            conn.execute(f"DELETE FROM {table} WHERE id = ?", (ident,))
        else:
            conn.execute(_UPSERT[entity], [ident, *_encode(entity, state)])


def _set_meta(conn: sqlite3.Connection, key: str, value: Any) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(value)),
    )


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _temp_beside(target: Path) -> Path:
    handle, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path(".")
    )
    os.close(handle)
    Path(name).unlink()
    return Path(name)


def write_session_file(path: Path | str, session: Session, *, overwrite: bool = False) -> None:
    """Write ``session`` as a new session file, atomically (temp file, then rename)."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} already exists")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"{path.parent} is not a folder")
    temp = _temp_beside(path)
    try:
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            _create_schema(conn)
            _bulk_write(conn, session)
        finally:
            conn.close()
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def read_session(path: Path | str) -> Session:
    """Read a session without changing its file (an older schema is migrated in a copy)."""
    path = Path(path)
    facts = inspect_session_file(path)
    if facts.schema_version == SCHEMA_VERSION:
        conn = read_only_connection(path)
        conn.row_factory = sqlite3.Row
        try:
            return SessionStore(path, conn).load()
        finally:
            conn.close()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copy2(path, copy)
        _migrate(copy, facts.schema_version, backup=False)
        conn = _connect(copy)
        try:
            return SessionStore(copy, conn).load()
        finally:
            conn.close()


def _create_schema(conn: sqlite3.Connection) -> None:
    """A new file gets schema 1 and every migration after it: one path to the schema."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.executescript(SCHEMA_V1)
    for step in range(1, SCHEMA_VERSION):
        MIGRATIONS[step](conn)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _bulk_write(conn: sqlite3.Connection, session: Session) -> None:
    # sqlite-utils is imported here, not at start-up: it pulls in numpy (~0.2 s).
    import sqlite_utils

    db = sqlite_utils.Database(conn)

    def rows(entity: str, items: Iterable[Any]) -> Iterator[dict[str, Any]]:
        columns = TABLES[entity][1]
        for item in items:
            values = _encode(entity, entity_state(item))
            yield {
                "id": getattr(item, "id", WORKSHOP_KEY),
                **dict(zip(columns, values, strict=True)),
            }

    db["workshop"].insert_all(rows("workshop", [session.workshop]))
    db["workflows"].insert_all(rows("workflow", session.workflows.values()))
    db["elements"].insert_all(rows("element", session.elements.values()), batch_size=500)
    db["connections"].insert_all(rows("connection", session.connections.values()), batch_size=500)
    db["meta"].insert_all(
        [
            {"key": _CURSOR_KEY, "value": "0"},
            {"key": _EXTRA_KEY, "value": json.dumps(session.extra, ensure_ascii=False)},
        ]
    )


def _migrate(path: Path, version: int, *, backup: bool = True) -> None:
    """Bring the file at ``path`` up to :data:`SCHEMA_VERSION`, keeping a backup copy."""
    backup_path = path.with_name(f"{path.name}.v{version}.bak")
    if backup and not backup_path.exists():
        shutil.copy2(path, backup_path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise SessionFileError(
            path, f"could not be migrated from schema version {version} ({exc})"
        ) from None
    finally:
        conn.close()
