"""Checking a file before opening it as a session: never modifies what it inspects."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from storage.schema import APPLICATION_ID, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"


class SessionFileError(Exception):
    """A session file that cannot be used; the message names the file and what is wrong."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True)
class FileFacts:
    """What inspection found out about a session file."""

    schema_version: int


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` and leaves no file beside it.

    A file whose header says WAL but that nobody has open (no ``-wal`` beside it) is read
    as immutable: a plain read-only connection would create ``-wal``/``-shm`` files that
    it then cannot remove. Schema code (triggers, views) is never trusted.
    """
    uri = Path(os.path.realpath(path)).as_uri()
    wal = Path(f"{path}-wal")
    immutable = _header_says_wal(path) and not wal.exists()
    try:
        conn = sqlite3.connect(f"{uri}?{'immutable=1' if immutable else 'mode=ro'}", uri=True)
        conn.execute("PRAGMA trusted_schema = OFF")
    except sqlite3.OperationalError:
        if immutable:
            raise
        # A WAL file that cannot be shared from a read-only folder: read the file alone.
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True)
        conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def _header_says_wal(path: Path) -> bool:
    """True when the database header's read/write versions say WAL (bytes 18 and 19)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18:20] == b"\x02\x02"


def inspect_session_file(path: Path | str) -> FileFacts:
    """Check that ``path`` is an intact OpModel session this version can read.

    Raises :class:`SessionFileError` saying what is wrong: missing, not SQLite, another
    application's database, written by a newer version, damaged or truncated.
    """
    path = Path(path)
    if not path.exists():
        raise SessionFileError(path, "no such file")
    if not path.is_file():
        raise SessionFileError(path, "is not a file")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise SessionFileError(path, f"cannot be read ({exc.strerror})") from None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise SessionFileError(
            path, "is not an OpModel session file (it is not an SQLite database)"
        )
    if header[18] not in (1, 2) or header[19] not in (1, 2):
        raise SessionFileError(path, "is damaged or truncated (its header is not valid)")
    try:
        conn = read_only_connection(path)
    except sqlite3.Error as exc:
        raise SessionFileError(path, f"cannot be opened ({exc})") from None
    conn.text_factory = lambda data: data.decode("utf-8", "replace")
    try:
        return _inspect(path, conn)
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise SessionFileError(path, f"is damaged or truncated ({one_line(exc)})") from None
    finally:
        conn.close()


def one_line(text: object, limit: int = 200) -> str:
    """``text`` as one line of at most ``limit`` characters (for one-line messages)."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _inspect(path: Path, conn: sqlite3.Connection) -> FileFacts:
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id != APPLICATION_ID:
        raise SessionFileError(
            path,
            "is an SQLite database but not an OpModel session file "
            f"(application id {application_id:#x}, expected {APPLICATION_ID:#x})",
        )
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version < 0:
        raise SessionFileError(path, f"is damaged: unknown schema version {version}")
    if version > SCHEMA_VERSION:
        raise SessionFileError(
            path,
            f"was written by a newer OpModel Studio (schema version {version}; "
            f"this version reads up to {SCHEMA_VERSION}). Update OpModel Studio to open it.",
        )
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)").fetchall()]
    if problems != ["ok"]:
        detail = one_line("; ".join(str(p) for p in problems))
        raise SessionFileError(path, f"is damaged or truncated ({detail})")
    from storage.schema_check import foreign_schema_objects

    problem = foreign_schema_objects(conn, version)
    if problem is not None:
        raise SessionFileError(path, problem)
    return FileFacts(schema_version=version)
