"""Schema migrations: each step brings a session file up by one schema version.

A migration runs inside the caller's transaction, so a failure leaves the file as it was.

Version 0 was the prototype layout: workshop fields as key/JSON pairs in ``session_info``,
workflows with only ``name``/``function``/``position``, no ``seq`` columns, no history.
Version 3 adds a workflow's ``impact_assessment`` (the frameworks props): the column, and
the same key (null) in every workflow state the history holds, so that an undo of an edit
made before the migration restores a complete workflow.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from storage.schema import SCHEMA_V1, SCHEMA_V2_CHANGES, SCHEMA_V3_CHANGES

_WORKSHOP_DEFAULTS = {
    "title": "",
    "client": "",
    "date": "",
    "facilitator": "",
    "location": "",
    "confidentiality": "internal",
    "maturity_stage": None,
    "participants": [],
    "assessment": {},
    "parking_lot": [],
    "notes": "",
}


def _migrate_0_to_1(conn: sqlite3.Connection) -> None:
    info = {
        key: json.loads(value)
        for key, value in conn.execute("SELECT key, value FROM session_info").fetchall()
    }
    for table in ("session_info", "workflows", "elements", "connections"):
        conn.execute(f"ALTER TABLE {table} RENAME TO old_{table}")
    run_script(conn, SCHEMA_V1)
    workshop = {**_WORKSHOP_DEFAULTS, **{k: v for k, v in info.items() if k in _WORKSHOP_DEFAULTS}}
    extra = {k: v for k, v in info.items() if k not in _WORKSHOP_DEFAULTS}
    conn.execute(
        "INSERT INTO workshop (id, title, client, date, facilitator, location, confidentiality,"
        " maturity_stage, participants, assessment, parking_lot, notes, extra)"
        " VALUES ('workshop', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            workshop["title"],
            workshop["client"],
            workshop["date"],
            workshop["facilitator"],
            workshop["location"],
            workshop["confidentiality"],
            workshop["maturity_stage"],
            json.dumps(workshop["participants"]),
            json.dumps(workshop["assessment"]),
            json.dumps(workshop["parking_lot"]),
            workshop["notes"],
            json.dumps(extra),
        ),
    )
    conn.execute(
        "INSERT INTO workflows (id, seq, name, function, description, owner, status, value,"
        " feasibility, risk_tier, votes, extra)"
        " SELECT id, position, name, function, '', '', 'exploring', NULL, NULL, NULL, 0, '{}'"
        " FROM old_workflows"
    )
    conn.execute(
        "INSERT INTO elements (id, workflow_id, seq, kind, label, x, y, props, extra)"
        " SELECT id, workflow_id, rowid, kind, label, x, y, props, '{}' FROM old_elements"
    )
    conn.execute(
        "INSERT INTO connections (id, workflow_id, seq, source, target, label, raci, extra)"
        " SELECT id, workflow_id, rowid, source, target, label, NULL, '{}' FROM old_connections"
    )
    for table in ("connections", "elements", "workflows", "session_info"):
        conn.execute(f"DROP TABLE old_{table}")
    conn.execute("INSERT INTO meta VALUES ('history_cursor', '0')")


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    """Add the workshop's agenda and dot votes, and the snapshots table."""
    run_script(conn, SCHEMA_V2_CHANGES)


def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    """Add the workflows' impact assessment, and the same key to the history's workflow states.

    An entry that is not the JSON OpModel Studio writes is left as it is: the session reader
    reports it as damaged, with the entry's number, once the file is opened.
    """
    run_script(conn, SCHEMA_V3_CHANGES)
    rows = conn.execute("SELECT seq, changes FROM history ORDER BY seq").fetchall()
    for seq, text in rows:
        changed = _with_impact_assessment(text)
        if changed is not None:
            conn.execute("UPDATE history SET changes = ? WHERE seq = ?", (changed, seq))


def _with_impact_assessment(text: object) -> str | None:
    """The history entry ``text`` with ``impact_assessment: null`` in each workflow state
    that lacks it; None when nothing changes or the entry is not a list of changes."""
    if not isinstance(text, str):
        return None
    try:
        changes = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(changes, list):
        return None
    touched = False
    for change in changes:
        if not (isinstance(change, list) and len(change) == 4 and change[0] == "workflow"):
            continue
        for state in change[2:]:
            if isinstance(state, dict) and "impact_assessment" not in state:
                state["impact_assessment"] = None
                touched = True
    return json.dumps(changes, ensure_ascii=False) if touched else None


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run a schema script statement by statement (inside the caller's transaction)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


#: version -> step that migrates a file from that version to the next.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    0: _migrate_0_to_1,
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}
