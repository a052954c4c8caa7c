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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from model.edits import Edit
from model.session import WORKSHOP_KEY, EntityType, Session, entity_state
from storage.files import (
    FileFacts,
    SessionFileError,
    inspect_session_file,
    one_line,
    read_only_connection,
)
from storage.lock import WriterLock, lock_holder
from storage.migrations import MIGRATIONS
from storage.reader import (
    CURSOR_KEY,
    EXTRA_KEY,
    DamagedValue,
    check_history,
    damaged,
    load_session,
    loads_json,
    parse_history_entry,
    read_consistent,
)
from storage.schema import APPLICATION_ID, SCHEMA_V1, SCHEMA_VERSION, TABLES

#: SQLite's primary result codes for a write that could not be done.
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_FULL = 13


def _encode(entity: str, state: dict[str, Any]) -> list[Any]:
    _, columns, json_columns = TABLES[entity]
    return [
        json.dumps(state[c], ensure_ascii=False) if c in json_columns else state[c] for c in columns
    ]


def _upsert_sql(entity: str) -> str:
    table, columns, _ = TABLES[entity]
    names = ", ".join(("id", *columns))
    marks = ", ".join("?" for _ in range(len(columns) + 1))
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}"


_UPSERT = {entity: _upsert_sql(entity) for entity in TABLES}


class SessionWriteError(SessionFileError):
    """A change that could not be written (disk full, read-only file); nothing changed."""


class ReadOnlySessionError(SessionWriteError):
    """An edit refused because the session is open read-only."""


@dataclass(frozen=True)
class SnapshotInfo:
    """A named snapshot of the whole session, taken at ``created`` (UTC, ISO)."""

    id: str
    name: str
    created: str


class SessionStore:
    """An open session file. Use :meth:`open` or :meth:`create`, then :meth:`close`.

    A store opened for writing holds the file's :class:`~storage.lock.WriterLock`, so no
    second writer can open it. A read-only store (``read_only_reason`` says why) holds no
    lock and refuses every write.
    """

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        lock: WriterLock | None = None,
        read_only_reason: str = "",
        session: Session | None = None,
        history: tuple[int, int] | None = None,
        cleanup: Path | None = None,
    ) -> None:
        self.path = path
        self.conn = conn
        self.conn.row_factory = sqlite3.Row
        self.lock = lock
        self.read_only_reason = read_only_reason
        self._session = session
        self._cleanup = cleanup
        self._cursor, self._count = history if history is not None else check_history(conn, path)

    @property
    def read_only(self) -> bool:
        """True when this store cannot write (see ``read_only_reason``)."""
        return self.lock is None

    # -- opening and creating ----------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> SessionStore:
        """Open an existing session file, migrating an older schema first.

        The first look is through a read-only connection: a file that is missing, not a
        session, damaged, from a newer version or holding anything but data is refused
        with :class:`SessionFileError` and keeps every byte. A file that another window
        holds raises :class:`~storage.lock.SessionLockedError` (open it ``read_only``
        instead); a file, folder or medium that cannot be written opens read-only.
        """
        path = Path(path)
        facts = inspect_session_file(path)
        reason = read_only_reason(path)
        if read_only and not reason:
            holder = lock_holder(path)
            reason = holder.describe() if holder is not None else "opened read-only"
        lock = None
        if not reason:
            try:
                lock = WriterLock.acquire(path)
            except SessionFileError:
                raise
            except OSError:
                reason = "its folder cannot be written"
        if lock is None:
            return cls._open_read_only(path, facts, reason)
        try:
            # Checked through a read-only connection; the lock keeps it so until we write.
            session, history = _checked_read(path, facts)
            if facts.schema_version < SCHEMA_VERSION:
                _migrate(path, facts.schema_version)
            try:
                conn = _connect(path)
            except sqlite3.Error as exc:
                raise SessionFileError(path, f"cannot be opened ({one_line(exc)})") from None
            return cls(path, conn, lock=lock, session=session, history=history)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_read_only(cls, path: Path, facts: FileFacts, reason: str) -> SessionStore:
        folder = None
        if facts.schema_version == SCHEMA_VERSION:
            conn = read_only_connection(path)
        else:
            folder = Path(tempfile.mkdtemp(prefix="opmodel-"))
            try:
                conn = read_only_connection(_migrated_copy(path, facts, folder))
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
        try:
            session, history = read_consistent(conn, path)
            return cls(
                path,
                conn,
                read_only_reason=reason,
                session=session,
                history=history,
                cleanup=folder,
            )
        except BaseException:
            conn.close()
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            raise

    @classmethod
    def create(cls, path: Path | str, session: Session, *, overwrite: bool = False) -> SessionStore:
        """Write ``session`` to a new file at ``path`` and open it.

        The file is built beside its destination and renamed into place, so a failure
        never leaves a half-written session behind. A file that another window holds is
        never replaced (:class:`~storage.lock.SessionLockedError`).
        """
        path = Path(path)
        lock = WriterLock.acquire(path)
        try:
            write_session_file(path, session, overwrite=overwrite, lock=lock)
            return cls(path, _connect(path), lock=lock)
        except BaseException:
            lock.release()
            raise

    def close(self) -> None:
        """Fold the WAL back into the file, close it and give up the lock.

        A closed session is a single self-contained file (rollback-journal mode), so it can
        be copied or mailed as is, and read-only readers leave no ``-wal``/``-shm`` beside it.
        """
        try:
            if not self.read_only:
                self.conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.Error:
            pass  # another connection still has the file open; WAL stays, nothing is lost
        finally:
            self.conn.close()
            if self.lock is not None:
                self.lock.release()
            if self._cleanup is not None:
                shutil.rmtree(self._cleanup, ignore_errors=True)

    # -- reading -----------------------------------------------------------------------
    def load(self) -> Session:
        """The whole session, checked as strictly as an import (read once at opening)."""
        if self._session is None:
            self._session = load_session(self.conn, self.path)
        session, self._session = self._session, None
        return session

    def history_cursor(self) -> int:
        """How many history entries are applied (entries after it can be redone)."""
        return self._cursor

    def history_count(self) -> int:
        """How many history entries the file holds."""
        return self._count

    def history_entry(self, seq: int) -> Edit:
        """History entry ``seq`` (1-based) as an :class:`Edit`."""
        row = self.conn.execute(
            "SELECT description, changes FROM history WHERE seq = ?", (seq,)
        ).fetchone()
        if row is None:
            raise damaged(self.path, f"history entry {seq} is missing")
        try:
            return parse_history_entry(row["description"], row["changes"], seq)
        except DamagedValue as exc:
            raise damaged(self.path, str(exc)) from None

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
            _set_meta(conn, CURSOR_KEY, cursor + 1)
        self._cursor = self._count = cursor + 1
        return cursor + 1

    def commit_undo(self, edit: Edit, cursor: int) -> int:
        """Write the *before* states of history entry ``cursor``; returns the new cursor."""
        with self._transaction() as conn:
            _write_states(conn, ((c.entity, c.id, c.before) for c in reversed(edit.changes)))
            _set_meta(conn, CURSOR_KEY, cursor - 1)
        self._cursor = cursor - 1
        return cursor - 1

    def commit_redo(self, edit: Edit, cursor: int) -> int:
        """Write the *after* states of history entry ``cursor + 1``; returns the new cursor."""
        with self._transaction() as conn:
            _write_states(conn, ((c.entity, c.id, c.after) for c in edit.changes))
            _set_meta(conn, CURSOR_KEY, cursor + 1)
        self._cursor = cursor + 1
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
        try:
            content = loads_json(row["content"], f"snapshot {snapshot_id!r}")
        except DamagedValue as exc:
            raise damaged(self.path, str(exc)) from None
        return content

    def delete_snapshot(self, snapshot_id: str) -> None:
        """Remove a snapshot."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM snapshots WHERE id = ?", (snapshot_id,))

    def copy_to(self, target: Path | str) -> bool:
        """Copy the whole session, history included, to ``target`` (Save as…).

        Returns False, copying nothing, when ``target`` is this very file. A file that
        another window holds is never replaced (:class:`~storage.lock.SessionLockedError`).
        The copy is a writable single file, also when this store is read-only.
        """
        target = Path(target)
        if same_file(target, self.path):
            return False

        def fill(dest: sqlite3.Connection) -> None:
            self.conn.backup(dest)
            # The backup copies the WAL flag of the open source; make the copy a single
            # self-contained file like a closed session.
            dest.execute("PRAGMA journal_mode = DELETE")

        lock = WriterLock.acquire(target)
        try:
            _build_and_replace(target, fill)
        finally:
            lock.release()
        return True

    # -- helpers -----------------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; a failed write becomes :class:`SessionWriteError`."""
        if self.read_only:
            raise ReadOnlySessionError(
                self.path,
                f"is open read-only ({self.read_only_reason}): the change was not saved. "
                "Use Save as… to make a copy you can edit.",
            )
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:  # SQLite may have rolled back already
                    with suppress(sqlite3.Error):
                        self.conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise SessionWriteError(self.path, describe_write_error(exc, self.path)) from None


def describe_write_error(exc: sqlite3.Error, path: Path) -> str:
    """Why a write failed, in words for the facilitator (the file is unchanged)."""
    folder = Path(os.path.realpath(path)).parent
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == _SQLITE_FULL:
        return (
            f"the disk is full: the change was not saved. Free some space in {folder}; "
            "every earlier change is safe."
        )
    if code == _SQLITE_READONLY:
        return "cannot be written (it is read-only now): the change was not saved."
    if code == _SQLITE_IOERR:
        return f"could not be written (a disk error in {folder}): the change was not saved."
    return f"could not be written ({exc}): the change was not saved."


def read_only_reason(path: Path) -> str:
    """Why ``path`` must be opened read-only ("" when it can be written)."""
    real = Path(os.path.realpath(path))
    folder = real.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "the medium is read-only"
    except (OSError, AttributeError):
        pass
    try:
        file_mode = real.stat().st_mode
        folder_mode = folder.stat().st_mode
    except OSError:
        return "the file cannot be examined"
    if not file_mode & 0o222 or not os.access(real, os.W_OK):
        return "the file is read-only"
    if not folder_mode & 0o222 or not os.access(folder, os.W_OK | os.X_OK):
        return "its folder is read-only"
    return ""


def same_file(a: Path | str, b: Path | str) -> bool:
    """True when ``a`` and ``b`` name the same file (links and spellings included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


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
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def _temp_beside(target: Path) -> Path:
    handle, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path(".")
    )
    os.close(handle)
    Path(name).unlink()
    return Path(name)


def write_session_file(
    path: Path | str, session: Session, *, overwrite: bool = False, lock: WriterLock | None = None
) -> None:
    """Write ``session`` as a new session file, atomically (temp file, then rename).

    Takes the file's writer lock for the rename (unless the caller holds it as ``lock``),
    so a session that a window holds open is never replaced under it.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} already exists")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"{path.parent} is not a folder")

    def fill(conn: sqlite3.Connection) -> None:
        conn.row_factory = sqlite3.Row
        _create_schema(conn)
        _bulk_write(conn, session)

    held = lock if lock is not None else WriterLock.acquire(path)
    try:
        _build_and_replace(path, fill)
    finally:
        if lock is None:
            held.release()


def _build_and_replace(target: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    """Build a database beside ``target`` with ``fill``, then rename it into place.

    A failure at any point removes the half-built file and leaves ``target`` as it was.
    """
    temp = _temp_beside(target)
    try:
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            fill(conn)
        finally:
            conn.close()
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def read_session(path: Path | str) -> Session:
    """Read and check a session without changing its file or leaving anything beside it.

    Works while a window holds the file (readers take no lock); an older schema is
    migrated in a temporary copy.
    """
    path = Path(path)
    return _checked_read(path, inspect_session_file(path))[0]


def _checked_read(path: Path, facts: FileFacts) -> tuple[Session, tuple[int, int]]:
    """The session and its (cursor, count), checked through a read-only connection.

    A file of an older schema is migrated and read in a temporary copy.
    """
    if facts.schema_version == SCHEMA_VERSION:
        conn = read_only_connection(path)
        try:
            return read_consistent(conn, path)
        finally:
            conn.close()
    with tempfile.TemporaryDirectory(prefix="opmodel-") as folder:
        conn = read_only_connection(_migrated_copy(path, facts, Path(folder)))
        try:
            return read_consistent(conn, path)
        finally:
            conn.close()


def _migrated_copy(path: Path, facts: FileFacts, folder: Path) -> Path:
    copy = folder / path.name
    shutil.copyfile(path, copy)
    _migrate(copy, facts.schema_version, backup=False)
    return copy


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
            {"key": CURSOR_KEY, "value": "0"},
            {"key": EXTRA_KEY, "value": json.dumps(session.extra, ensure_ascii=False)},
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
