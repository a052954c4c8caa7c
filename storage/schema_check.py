"""A session file is data, never code: its schema must be exactly what OpModel Studio writes.

:func:`foreign_schema_objects` compares every object in ``sqlite_master`` (tables, columns,
indexes, triggers, views) with the schema this version writes for the file's schema
version, through the caller's read-only connection, before any statement could fire a
planted trigger or read through a planted view.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache

from storage.migrations import MIGRATIONS
from storage.schema import SCHEMA_V0, SCHEMA_V1

SchemaObject = tuple[str, str, str, str]  # type, name, table, normalised SQL


def _normalise(sql: str | None) -> str:
    return re.sub(r"\s+", " ", sql or "").strip()


def schema_objects(conn: sqlite3.Connection) -> set[SchemaObject]:
    """Every object of the schema, its SQL with whitespace normalised."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {(str(t), str(n), str(tb), _normalise(sql)) for t, n, tb, sql in rows}


@cache
def expected_schema(version: int) -> frozenset[SchemaObject]:
    """The schema objects a file of schema ``version`` holds when OpModel Studio wrote it."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        if version == 0:
            conn.executescript(SCHEMA_V0)
        else:
            conn.executescript(SCHEMA_V1)
            for step in range(1, version):
                MIGRATIONS[step](conn)
        return frozenset(schema_objects(conn))
    finally:
        conn.close()


def foreign_schema_objects(conn: sqlite3.Connection, version: int) -> str | None:
    """None when the schema is exactly as expected, else the problem, naming the object."""
    found = schema_objects(conn)
    expected = expected_schema(version)
    foreign = sorted(found - expected)
    if foreign:
        kind, name, table, _ = foreign[0]
        known = {(t, n) for t, n, _, _ in expected}
        if (kind, name) in known:
            what = f"{kind} '{name}' differs from what OpModel Studio writes"
        else:
            what = f"it holds a foreign {kind} '{name}'" + (
                f" on table '{table}'" if kind in ("trigger", "index") and table != name else ""
            )
        more = f" (and {len(foreign) - 1} more)" if len(foreign) > 1 else ""
        return f"is refused: {what}{more}; a session file holds data, never code"
    missing = sorted(expected - found)
    if missing:
        kind, name, _, _ = missing[0]
        return f"is damaged: its {kind} '{name}' is missing"
    return None
