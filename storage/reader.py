"""Reading a session file as strictly as an import: every value checked, one line when bad.

Rows are read with the caller's connection (read-only while a file is first looked at),
each column checked for its type (text is UTF-8 text, numbers are finite, JSON columns
hold JSON of the right shape), and the whole session is then checked by the same parser
as a JSON import (kinds, props, enums, ids, references, legal connections). The history
is checked too, so an undo or redo can never meet a malformed entry.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from pathlib import Path
from typing import Any

from model.edits import Change, Edit
from model.interchange import (
    InterchangeError,
    JsonTooDeep,
    loads_strict,
    session_from_json,
    session_to_json,
)
from model.limits import JSON_DEPTH_MAX
from model.session import (
    WORKSHOP_KEY,
    Session,
    entity_from_state,
    workshop_from_state,
)
from storage.files import SessionFileError, one_line
from storage.schema import TABLES

CURSOR_KEY = "history_cursor"
EXTRA_KEY = "session_extra"

#: The JSON shape each JSON column must have.
_JSON_SHAPES: dict[str, type] = {
    "participants": list,
    "assessment": dict,
    "parking_lot": list,
    "agenda": list,
    "votes": list,
    "ratings": list,
    "private_round": dict,
    "props": dict,
    "extra": dict,
}
#: Columns that hold whole numbers (None allowed where the schema allows NULL).
_INTEGER_COLUMNS = {"seq", "votes", "value", "feasibility", "maturity_stage"}
_NULLABLE = {"maturity_stage", "value", "feasibility", "risk_tier", "impact_assessment", "raci"}
_NUMBER_COLUMNS = {"x", "y"}


class DamagedValue(ValueError):
    """A value read from the file that is not what OpModel Studio writes there."""


def damaged(path: Path, detail: str) -> SessionFileError:
    """The one-line error for a damaged file."""
    return SessionFileError(path, f"is damaged: {detail}")


def loads_json(text: Any, where: str) -> Any:
    """Parse JSON text strictly: no NaN/Infinity, at most JSON_DEPTH_MAX levels deep."""
    if not isinstance(text, str):
        raise DamagedValue(f"{where} is not JSON text")
    try:
        return loads_strict(text)
    except JsonTooDeep:
        raise DamagedValue(f"{where} nests deeper than {JSON_DEPTH_MAX} levels") from None
    except ValueError as exc:
        raise DamagedValue(f"{where} is not valid JSON ({one_line(exc, 120)})") from None


def decode_state(entity: str, values: dict[str, Any], where: str) -> dict[str, Any]:
    """Check and decode one entity's columns (JSON columns as text) into its state form."""
    _, columns, json_columns = TABLES[entity]
    state: dict[str, Any] = {}
    for column in columns:
        if column not in values:
            raise DamagedValue(f"{where} lacks '{column}'")
        state[column] = check_column(entity, column, values[column], where, json_columns)
    return state


def check_column(
    entity: str, column: str, value: Any, where: str, json_columns: frozenset[str]
) -> Any:
    """One column's value, checked (and parsed when it holds JSON text)."""
    at = f"{where} column '{column}'"
    if column in json_columns:
        parsed = loads_json(value, at)
        shape = _JSON_SHAPES.get(column, dict)
        if not isinstance(parsed, shape):
            raise DamagedValue(f"{at} holds {_shape_name(parsed)}, not {_shape_name(shape())}")
        return parsed
    if value is None and column in _NULLABLE:
        return None
    if column in _NUMBER_COLUMNS:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or not math.isfinite(value):
            raise DamagedValue(f"{at} is not a finite number")
        return value
    if column in _INTEGER_COLUMNS:
        if not isinstance(value, int) or isinstance(value, bool):
            raise DamagedValue(f"{at} is not a whole number")
        return value
    if not isinstance(value, str):
        raise DamagedValue(f"{at} is not text")
    return value


def _shape_name(value: Any) -> str:
    return {dict: "an object", list: "a list"}.get(type(value), "a " + type(value).__name__)


def _fetch(conn: sqlite3.Connection, path: Path, sql: str, table: str) -> list[sqlite3.Row]:
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.OperationalError as exc:
        match = re.search(r"column '?(\w+)'?", str(exc))
        if "decode" in str(exc).lower():
            column = f" column '{match.group(1)}'" if match else ""
            raise damaged(path, f"table '{table}'{column} holds text that is not UTF-8") from None
        raise damaged(path, f"table '{table}' cannot be read ({one_line(exc, 120)})") from None
    except sqlite3.DatabaseError as exc:
        raise damaged(path, f"table '{table}' cannot be read ({one_line(exc, 120)})") from None


def load_session(conn: sqlite3.Connection, path: Path) -> Session:
    """Read and check the whole session; raise :class:`SessionFileError` when damaged."""
    conn.row_factory = sqlite3.Row
    try:
        session = _load(conn, path)
    except DamagedValue as exc:
        raise damaged(path, str(exc)) from None
    _check_like_an_import(session, path)
    return session


def _load(conn: sqlite3.Connection, path: Path) -> Session:
    session = Session()
    rows = _fetch(conn, path, "SELECT * FROM workshop", "workshop")
    if len(rows) > 1:
        raise DamagedValue("table 'workshop' holds more than one row")
    if rows:
        state = decode_state("workshop", dict(rows[0]), "the workshop row")
        try:
            session.workshop = workshop_from_state(state)
        except (TypeError, AttributeError):
            raise DamagedValue("the workshop row's participants are malformed") from None
    for entity in ("workflow", "element", "connection"):
        table = TABLES[entity][0]
        pool = getattr(session, table)
        for row in _fetch(conn, path, f"SELECT * FROM {table} ORDER BY rowid", table):
            values = dict(row)
            ident = values.pop("id")
            where = f"{entity} {ident!r}" if isinstance(ident, str) else f"a {entity} row"
            if not isinstance(ident, str) or not ident:
                raise DamagedValue(f"{where} has an id that is not text")
            state = decode_state(entity, values, where)
            pool[ident] = entity_from_state(entity, ident, state, fresh=True)
    meta = {row["key"]: row["value"] for row in _fetch(conn, path, "SELECT * FROM meta", "meta")}
    extra = loads_json(meta.get(EXTRA_KEY, "{}"), "the session's extra data")
    if not isinstance(extra, dict):
        raise DamagedValue("the session's extra data is not an object")
    session.extra = extra
    for element in session.elements.values():
        if element.workflow_id not in session.workflows:
            raise DamagedValue(
                f"element {element.id!r} belongs to workflow {element.workflow_id!r}, "
                "which does not exist"
            )
    for connection in session.connections.values():
        if connection.workflow_id not in session.workflows:
            raise DamagedValue(
                f"connection {connection.id!r} belongs to workflow "
                f"{connection.workflow_id!r}, which does not exist"
            )
    return session


def _check_like_an_import(session: Session, path: Path) -> None:
    """Run the JSON importer's checks over the session (ids, kinds, props, references)."""
    try:
        document = session_to_json(session, copy=False)  # read at once, then dropped
        session_from_json(document, path.name)
    except InterchangeError as exc:
        where = exc.path.removeprefix("$.")
        raise damaged(path, f"{where}: {exc.detail}" if where else exc.detail) from None
    except (TypeError, ValueError, RecursionError) as exc:
        raise damaged(path, f"a value cannot be read ({one_line(exc, 120)})") from None


def read_consistent(conn: sqlite3.Connection, path: Path) -> tuple[Session, tuple[int, int]]:
    """The checked session and its (cursor, count), read in one snapshot.

    A reader takes no lock, so a writer may commit between two statements; one read
    transaction makes the rows, the history and the cursor agree.
    """
    conn.execute("BEGIN")
    try:
        return load_session(conn, path), check_history(conn, path)
    finally:
        conn.execute("COMMIT")


def check_history(conn: sqlite3.Connection, path: Path) -> tuple[int, int]:
    """Check every history entry and the cursor; returns (cursor, count)."""
    conn.row_factory = sqlite3.Row
    rows = _fetch(conn, path, "SELECT * FROM history ORDER BY seq", "history")
    try:
        for index, row in enumerate(rows, start=1):
            if row["seq"] != index:
                raise DamagedValue(f"history entry {index} is missing")
            parse_history_entry(row["description"], row["changes"], index)
        meta = _fetch(conn, path, f"SELECT value FROM meta WHERE key = '{CURSOR_KEY}'", "meta")
        cursor = loads_json(meta[0][0], "the history cursor") if meta else 0
    except DamagedValue as exc:
        raise damaged(path, str(exc)) from None
    if not isinstance(cursor, int) or isinstance(cursor, bool) or not 0 <= cursor <= len(rows):
        raise damaged(path, f"the history cursor is not a whole number from 0 to {len(rows)}")
    return cursor, len(rows)


def parse_history_entry(description: Any, changes_text: Any, seq: int) -> Edit:
    """One history entry as an :class:`Edit`, every state checked; raises DamagedValue."""
    where = f"history entry {seq}"
    if not isinstance(description, str):
        raise DamagedValue(f"{where} has a description that is not text")
    items = loads_json(changes_text, where)
    if not isinstance(items, list) or not items:
        raise DamagedValue(f"{where} is not a list of changes")
    changes = []
    for item in items:
        if not isinstance(item, list) or len(item) != 4:
            raise DamagedValue(f"{where} holds a malformed change")
        entity, ident, before, after = item
        if entity not in TABLES or not isinstance(ident, str):
            raise DamagedValue(f"{where} changes an unknown kind of thing")
        if entity == "workshop" and ident != WORKSHOP_KEY:
            raise DamagedValue(f"{where} changes a second workshop")
        for state in (before, after):
            if state is not None:
                _check_state(entity, state, where)
        changes.append(Change.from_json(item))
    return Edit(description, tuple(changes))


def _check_state(entity: str, state: Any, where: str) -> None:
    if not isinstance(state, dict):
        raise DamagedValue(f"{where} holds a state that is not an object")
    _, columns, json_columns = TABLES[entity]
    encoded = {
        c: json.dumps(state[c]) if c in json_columns and c in state else state.get(c, ...)
        for c in columns
    }
    missing = [c for c, value in encoded.items() if value is ...]
    if missing:
        raise DamagedValue(f"{where} holds a {entity} without '{missing[0]}'")
    decode_state(entity, encoded, where)
    if entity == "workflow":
        from model.interchange import check_workflow_extra
        from model.validation import InvalidValue

        try:
            check_workflow_extra(state["extra"], "extra")
        except InvalidValue as exc:
            raise DamagedValue(f"{where}: {exc}") from None
    if entity == "element":
        from model.validation import InvalidValue, check_kind, check_props

        try:
            check_props(check_kind(state["kind"], "kind"), state["props"], "props")
        except InvalidValue as exc:
            raise DamagedValue(f"{where}: {exc}") from None
