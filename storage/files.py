"""Checking a file before opening it as a session: never modifies what it inspects."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from storage.schema import APPLICATION_ID, REQUIRED_TABLES, SCHEMA_VERSION

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
    """A connection that cannot write to ``path``."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


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
    try:
        conn = read_only_connection(path)
    except sqlite3.Error as exc:
        raise SessionFileError(path, f"cannot be opened ({exc})") from None
    try:
        return _inspect(path, conn)
    except sqlite3.DatabaseError as exc:
        raise SessionFileError(path, f"is damaged or truncated ({exc})") from None
    finally:
        conn.close()


def _inspect(path: Path, conn: sqlite3.Connection) -> FileFacts:
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id != APPLICATION_ID:
        raise SessionFileError(
            path,
            "is an SQLite database but not an OpModel session file "
            f"(application id {application_id:#x}, expected {APPLICATION_ID:#x})",
        )
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SessionFileError(
            path,
            f"was written by a newer OpModel Studio (schema version {version}; "
            f"this version reads up to {SCHEMA_VERSION}). Update OpModel Studio to open it.",
        )
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)").fetchall()]
    if problems != ["ok"]:
        raise SessionFileError(path, "is damaged or truncated (" + "; ".join(problems) + ")")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    missing = sorted(REQUIRED_TABLES.get(version, frozenset()) - tables)
    if missing:
        raise SessionFileError(
            path, f"is damaged: schema version {version} lacks table(s) {', '.join(missing)}"
        )
    return FileFacts(schema_version=version)
