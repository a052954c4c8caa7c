"""Schema 3 (the frameworks props): a committed schema-2 file migrates to exactly what a new
file holds, its undo history and snapshots keep working, and a damaged history entry is
left for the reader to report."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from model import edits
from model.templates import create_session
from storage.document import SessionDocument
from storage.files import SessionFileError
from storage.schema import SCHEMA_VERSION
from storage.schema_check import schema_objects
from storage.store import read_session

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "session_v2.opmodel"


def _pragma(path: Path, name: str) -> object:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]


def _schema(path: Path) -> set[tuple[str, str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return schema_objects(conn)
    finally:
        conn.close()


def test_the_fixture_is_a_schema_2_file_without_impact_assessment() -> None:
    assert _pragma(FIXTURE, "user_version") == 2
    with sqlite3.connect(FIXTURE) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(workflows)")]
    assert "impact_assessment" not in columns


def test_a_schema_2_file_migrates_to_exactly_the_schema_of_a_new_file(tmp_path: Path) -> None:
    assert SCHEMA_VERSION == 3
    path = tmp_path / "credit.opmodel"
    shutil.copy2(FIXTURE, path)
    document = SessionDocument.open(path)
    try:
        workflow = document.session.workflows["wf-credit"]
        assert workflow.risk_tier == "high" and workflow.impact_assessment is None
        assert document.history_cursor == 2
        # the new field is editable and stored
        document.execute(
            edits.edit_workflow(document.session, "wf-credit", impact_assessment="in_progress")
        )
        # undo goes back through the history written before the migration
        document.undo()
        document.undo()
        document.undo()
        assert "a" not in document.session.elements
        assert document.session.workflows["wf-credit"].risk_tier == "limited"
        assert document.session.workflows["wf-credit"].impact_assessment is None
        document.redo()
        document.redo()
        document.redo()
        assert document.session.workflows["wf-credit"].impact_assessment == "in_progress"
        snapshot = document.snapshot_session(document.snapshots()[0].id)
        assert snapshot.workflows["wf-credit"].risk_tier == "limited"
    finally:
        document.close()
    assert _pragma(path, "user_version") == SCHEMA_VERSION
    assert (tmp_path / "credit.opmodel.v2.bak").read_bytes() == FIXTURE.read_bytes()
    fresh = tmp_path / "fresh.opmodel"
    SessionDocument.create(fresh, create_session(None, "Fresh")).close()
    assert _schema(path) == _schema(fresh)
    assert _pragma(path, "integrity_check") == "ok"
    # opened again: no second migration, the edit is there
    again = read_session(path)
    assert again.workflows["wf-credit"].impact_assessment == "in_progress"


def test_reading_a_schema_2_file_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / "credit.opmodel"
    shutil.copy2(FIXTURE, path)
    session = read_session(path)
    assert session.workflows["wf-credit"].impact_assessment is None
    assert path.read_bytes() == FIXTURE.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["credit.opmodel"]


def test_a_damaged_history_entry_is_reported_after_the_migration(tmp_path: Path) -> None:
    path = tmp_path / "damaged.opmodel"
    shutil.copy2(FIXTURE, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE history SET changes = '[[\"workflow\", 1' WHERE seq = 1")
    with pytest.raises(SessionFileError, match="history entry 1 is not valid JSON"):
        SessionDocument.open(path)
    with pytest.raises(SessionFileError, match="history entry 1"):
        read_session(path)
