"""The session file: format markers, one transaction per edit, crash safety, persistent
undo, refusal of bad files, migration of the version-0 layout and Save as.

Every test works on real SQLite files in ``tmp_path``; nothing is mocked.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from model import edits
from model.session import Element, Session, Workflow, entity_state
from storage.document import SessionDocument
from storage.files import SessionFileError
from storage.schema import APPLICATION_ID, SCHEMA_VERSION
from storage.store import SessionStore, read_session

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
V0_FIXTURE = FIXTURES / "session_v0.opmodel"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


# -- helpers -------------------------------------------------------------------------------


def base_session() -> Session:
    """One workflow with a trigger and an outcome."""
    session = Session()
    session.workshop.title = "AI operating model — Sales"
    session.workshop.client = "Acme GmbH"
    session.workflows["wf"] = Workflow(id="wf", name="Proposal to follow-up", function="sales")
    session.elements["t1"] = Element(id="t1", workflow_id="wf", kind="trigger", x=0, y=0, seq=0)
    session.elements["o1"] = Element(id="o1", workflow_id="wf", kind="outcome", x=600, y=0, seq=1)
    return session


def snapshot(session: Session) -> dict[str, Any]:
    """Everything a session holds, as plain comparable data."""
    return {
        "workshop": entity_state(session.workshop),
        "workflows": {k: entity_state(v) for k, v in session.workflows.items()},
        "elements": {k: entity_state(v) for k, v in session.elements.items()},
        "connections": {k: entity_state(v) for k, v in session.connections.items()},
        "extra": session.extra,
    }


def plain_pragma(path: Path, name: str) -> Any:
    """Read one PRAGMA through a plain sqlite3 connection (not the project's code)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def siblings(path: Path) -> list[str]:
    """Every other file in the folder whose name starts with the session's name."""
    return sorted(
        p.name for p in path.parent.iterdir() if p.name.startswith(path.name) and p != path
    )


def make_session_file(path: Path, session: Session | None = None) -> Path:
    SessionDocument.create(path, session or base_session()).close()
    return path


# -- 1. format markers and journal mode ----------------------------------------------------


def test_new_file_is_marked_and_runs_in_wal_while_open(tmp_path: Path) -> None:
    path = tmp_path / "s.opmodel"
    doc = SessionDocument.create(path, base_session())
    try:
        assert plain_pragma(path, "application_id") == APPLICATION_ID
        assert plain_pragma(path, "user_version") == SCHEMA_VERSION
        assert plain_pragma(path, "journal_mode") == "wal"
        assert doc.store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        doc.close()
    assert siblings(path) == []
    assert plain_pragma(path, "journal_mode") == "delete"
    assert plain_pragma(path, "application_id") == APPLICATION_ID
    assert siblings(path) == []


# -- 2. one transaction per edit -----------------------------------------------------------


def test_each_edit_is_committed_before_execute_returns(tmp_path: Path) -> None:
    path = tmp_path / "s.opmodel"
    doc = SessionDocument.create(path, base_session())
    try:
        other = sqlite3.connect(path)
        try:
            for number in range(1, 4):
                edit = edits.add_element(doc.session, "wf", "ai_step", element_id=f"a{number}")
                assert doc.execute(edit)
                row = other.execute(
                    "SELECT kind, workflow_id FROM elements WHERE id = ?", (f"a{number}",)
                ).fetchone()
                assert row == ("ai_step", "wf")
                assert other.execute("SELECT count(*) FROM history").fetchone()[0] == number
                cursor = other.execute(
                    "SELECT value FROM meta WHERE key = 'history_cursor'"
                ).fetchone()[0]
                assert int(cursor) == number
            doc.undo()
            assert other.execute("SELECT 1 FROM elements WHERE id = 'a3'").fetchone() is None
        finally:
            other.close()
    finally:
        doc.close()


# -- 3. crash safety -----------------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import sys, time
    from model import edits
    from storage.document import SessionDocument

    doc = SessionDocument.open(sys.argv[1])
    count = len(doc.session.elements)
    deadline = time.monotonic() + 30  # never outlive a broken parent
    while time.monotonic() < deadline:
        doc.execute(edits.add_element(doc.session, "wf", "note", x=count, y=count))
        count += 1
        print(count, flush=True)
    """
)


def test_killed_writer_loses_at_most_the_edit_in_flight(tmp_path: Path) -> None:
    session = base_session()
    session.elements.clear()
    path = make_session_file(tmp_path / "crash.opmodel", session)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    last = 0
    buffer = b""
    try:
        deadline = time.monotonic() + 20
        while last < 50:
            remaining = deadline - time.monotonic()
            assert remaining > 0, "child did not report 50 committed edits in time"
            ready, _, _ = select.select([child.stdout], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(child.stdout.fileno(), 4096)
            if not chunk:
                stderr = child.stderr.read().decode() if child.stderr else ""
                pytest.fail(f"child ended early: {stderr}")
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                last = int(line)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        # A line may have been written completely just before the kill.
        rest = buffer + child.stdout.read()
        for line in rest.split(b"\n"):
            if line.strip():
                last = int(line)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
        child.stdout.close()
        if child.stderr:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    doc = SessionDocument.open(path)
    try:
        count = len(doc.session.elements)
        assert last <= count <= last + 1
        assert doc.history_cursor == count
        assert doc.history_count == count
        assert doc.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        doc.close()
    assert siblings(path) == []
    assert plain_pragma(path, "integrity_check") == "ok"


# -- 4. persistent undo --------------------------------------------------------------------


def _do_edits(doc: SessionDocument) -> list[dict[str, Any]]:
    """Run seven kinds of edit; return the snapshot before the first and after each."""
    states = [snapshot(doc.session)]

    def run(edit: edits.Edit) -> None:
        assert doc.execute(edit)
        states.append(snapshot(doc.session))

    run(edits.add_element(doc.session, "wf", "ai_step", label="Draft", element_id="a1"))
    run(edits.move_elements(doc.session, {"a1": (320, 80.5)}))
    run(edits.update_element(doc.session, "a1", props={"task": "Draft", "output": "Proposal"}))
    run(edits.add_connection(doc.session, "t1", "a1", connection_id="c1"))
    run(edits.delete_elements(doc.session, ["a1"]))
    run(edits.edit_workflow(doc.session, "wf", name="Renamed", value=4, risk_tier="limited"))
    run(
        edits.edit_workshop(
            doc.session,
            title="New title",
            maturity_stage=2,
            participants=[{"name": "Ada", "title": "CFO", "workshop_role": "sponsor"}],
        )
    )
    return states


def _file_state(path: Path) -> dict[str, Any]:
    return snapshot(read_session(path))


def test_undo_and_redo_survive_closing_and_reopening(tmp_path: Path) -> None:
    path = make_session_file(tmp_path / "undo.opmodel")
    doc = SessionDocument.open(path)
    states = _do_edits(doc)
    # the delete removed the element and its connection in one edit
    assert "c1" in states[4]["connections"] and "a1" in states[4]["elements"]
    assert "c1" not in states[5]["connections"] and "a1" not in states[5]["elements"]
    assert states[2]["elements"]["a1"]["x"] == 320
    assert states[2]["elements"]["a1"]["y"] == 80.5
    descriptions = doc.store.history_descriptions()
    doc.close()

    doc = SessionDocument.open(path)
    try:
        assert snapshot(doc.session) == states[7]
        assert doc.history_cursor == doc.history_count == 7
        assert doc.store.history_descriptions() == descriptions
        assert not doc.can_redo()
        for step in range(7, 0, -1):
            assert doc.undo_text() == descriptions[step - 1]
            assert doc.undo() is not None
            assert snapshot(doc.session) == states[step - 1]
            assert _file_state(path) == states[step - 1]
            assert doc.history_cursor == step - 1
        assert not doc.can_undo()
        assert doc.undo() is None
    finally:
        doc.close()

    doc = SessionDocument.open(path)
    try:
        assert snapshot(doc.session) == states[0]
        assert doc.history_cursor == 0 and doc.history_count == 7
        assert doc.can_redo() and not doc.can_undo()
        for step in range(1, 4):
            assert doc.redo_text() == descriptions[step - 1]
            assert doc.redo() is not None
            assert snapshot(doc.session) == states[step]
            assert _file_state(path) == states[step]
    finally:
        doc.close()

    doc = SessionDocument.open(path)
    try:
        assert snapshot(doc.session) == states[3]
        assert doc.history_cursor == 3 and doc.can_redo()
        move = edits.move_elements(doc.session, {"o1": (700, 10)})
        assert doc.session.elements["o1"].label == ""
        assert move.description == "Move the outcome"  # plain words, naming the element
        assert doc.execute(move)
        assert not doc.can_redo()
        assert doc.history_count == doc.history_cursor == 4
        after_new_edit = snapshot(doc.session)
    finally:
        doc.close()

    doc = SessionDocument.open(path)
    try:
        assert snapshot(doc.session) == after_new_edit
        assert not doc.can_redo()
        assert doc.redo() is None
        assert doc.history_count == doc.history_cursor == 4
        assert doc.store.history_descriptions() == [*descriptions[:3], "Move the outcome"]
        doc.undo()
        assert snapshot(doc.session) == states[3]
    finally:
        doc.close()


def test_new_edit_after_undo_discards_redo_tail_across_reopen(tmp_path: Path) -> None:
    path = make_session_file(tmp_path / "tail.opmodel")
    doc = SessionDocument.open(path)
    for number in range(3):
        doc.execute(edits.add_element(doc.session, "wf", "step", element_id=f"s{number}"))
    doc.undo()
    doc.undo()
    doc.close()

    doc = SessionDocument.open(path)
    try:
        assert doc.history_cursor == 1 and doc.history_count == 3 and doc.can_redo()
        doc.execute(edits.update_element(doc.session, "s0", label="Renamed"))
        assert not doc.can_redo()
    finally:
        doc.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM history").fetchone()[0] == 2
    finally:
        conn.close()
    doc = SessionDocument.open(path)
    try:
        assert not doc.can_redo() and doc.history_count == 2
        assert set(doc.session.elements) == {"t1", "o1", "s0"}
        assert doc.session.elements["s0"].label == "Renamed"
    finally:
        doc.close()


# -- 5. bad files --------------------------------------------------------------------------


def _text_file(folder: Path) -> Path:
    path = folder / "notes.opmodel"
    path.write_text("These are my workshop notes, not a database.\n" * 10, encoding="utf-8")
    return path


def _empty_file(folder: Path) -> Path:
    path = folder / "empty.opmodel"
    path.write_bytes(b"")
    return path


def _other_application(folder: Path) -> Path:
    path = folder / "other.opmodel"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
        conn.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    conn.close()
    return path


def _truncated(folder: Path) -> Path:
    session = base_session()
    for number in range(300):
        session.elements[f"n{number}"] = Element(
            id=f"n{number}",
            workflow_id="wf",
            kind="note",
            label=f"Note {number}",
            x=number,
            y=number,
            props={"text": f"parking lot item {number} " * 4, "color": "yellow"},
            seq=number + 2,
        )
    whole = make_session_file(folder / "whole.opmodel", session)
    data = whole.read_bytes()
    assert len(data) >= 20 * 4096  # spans many pages
    path = folder / "truncated.opmodel"
    path.write_bytes(data[: len(data) // 2])
    whole.unlink()
    return path


def _newer(folder: Path) -> Path:
    path = make_session_file(folder / "newer.opmodel")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    return path


BAD_FILES = {
    "text file": (_text_file, "not an SQLite database"),
    "empty file": (_empty_file, "not an SQLite database"),
    "other application": (_other_application, "not an OpModel session"),
    "truncated": (_truncated, "damaged or truncated"),
    "newer version": (_newer, "written by a newer"),
}


@pytest.mark.parametrize("opener", [SessionDocument.open, read_session], ids=["open", "read"])
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_is_refused_and_left_untouched(tmp_path: Path, case: str, opener: Any) -> None:
    make, expected = BAD_FILES[case]
    path = make(tmp_path)
    before_bytes = path.read_bytes()
    before_stat = path.stat()
    before_listing = sorted(p.name for p in tmp_path.iterdir())
    assert siblings(path) == []

    with pytest.raises(SessionFileError) as caught:
        opener(path)

    message = str(caught.value)
    assert expected in message
    assert str(path) in message
    assert caught.value.path == path
    assert path.read_bytes() == before_bytes
    assert path.stat().st_mtime_ns == before_stat.st_mtime_ns
    assert path.stat().st_size == before_stat.st_size
    assert siblings(path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == before_listing


def test_newer_version_message_tells_to_update(tmp_path: Path) -> None:
    path = _newer(tmp_path)
    with pytest.raises(SessionFileError, match="newer OpModel Studio") as caught:
        SessionStore.open(path)
    assert f"schema version {SCHEMA_VERSION + 1}" in str(caught.value)
    assert "Update OpModel Studio" in str(caught.value)


def test_missing_file_is_refused_without_creating_it(tmp_path: Path) -> None:
    path = tmp_path / "missing.opmodel"
    for opener in (SessionDocument.open, read_session):
        with pytest.raises(SessionFileError, match="no such file") as caught:
            opener(path)
        assert str(path) in str(caught.value)
    assert list(tmp_path.iterdir()) == []


# -- 6. migration of the version-0 layout --------------------------------------------------


def test_v0_fixture_is_a_version_0_session() -> None:
    assert V0_FIXTURE.is_file()
    assert plain_pragma(V0_FIXTURE, "application_id") == APPLICATION_ID
    assert plain_pragma(V0_FIXTURE, "user_version") == 0


def _assert_v0_content(session: Session) -> None:
    workshop = session.workshop
    assert workshop.title == "AI operating model — Sales (prototype)"
    assert workshop.client == "Acme GmbH"
    assert workshop.date == "2025-06-12"
    assert workshop.confidentiality == "internal"
    assert workshop.extra == {"prototype_build": "0.3"}
    assert list(session.workflows) == ["wf-sales"]
    workflow = session.workflows["wf-sales"]
    assert (workflow.name, workflow.function, workflow.seq) == ("Proposal to follow-up", "sales", 0)
    assert workflow.status == "exploring" and workflow.votes == 0
    elements = {e.id: (e.workflow_id, e.kind, e.label, e.x, e.y) for e in session.elements.values()}
    assert elements == {
        "t1": ("wf-sales", "trigger", "RFP received", 40, 80),
        "a1": ("wf-sales", "ai_step", "Draft proposal", 320, 80),
        "o1": ("wf-sales", "outcome", "Proposal sent", 600, 80),
        "d1": ("wf-sales", "data", "CRM", 320, 260),
        "r1": ("wf-sales", "role", "Account executive", 320, -100),
    }
    assert session.elements["a1"].props == {
        "task": "Draft the proposal",
        "input": "RFP and CRM history",
        "output": "Proposal draft",
        "decision_right": "draft",
    }
    assert session.elements["d1"].props["source_system"] == "Salesforce"
    assert session.elements["r1"].props == {"shift_from": "drafting"}
    assert [e.id for e in session.workflow_elements("wf-sales")] == ["t1", "a1", "o1", "d1", "r1"]
    connections = {
        c.id: (c.workflow_id, c.source, c.target, c.label, c.raci)
        for c in session.connections.values()
    }
    assert connections == {
        "c1": ("wf-sales", "t1", "a1", "", None),
        "c2": ("wf-sales", "a1", "o1", "approved", None),
        "c3": ("wf-sales", "d1", "a1", "", None),
        "c4": ("wf-sales", "r1", "a1", "", None),
    }


def test_opening_a_v0_file_migrates_it_and_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "legacy.opmodel"
    shutil.copy2(V0_FIXTURE, path)
    original = V0_FIXTURE.read_bytes()

    doc = SessionDocument.open(path)
    try:
        assert plain_pragma(path, "user_version") == SCHEMA_VERSION
        assert plain_pragma(path, "application_id") == APPLICATION_ID
        _assert_v0_content(doc.session)
        assert doc.history_cursor == doc.history_count == 0
        before = snapshot(doc.session)
        assert doc.execute(edits.add_element(doc.session, "wf-sales", "gate", element_id="g1"))
        assert doc.execute(edits.move_elements(doc.session, {"a1": (330, 90)}))
        assert doc.undo() is not None
        assert doc.session.elements["a1"].x == 320
    finally:
        doc.close()

    backup = tmp_path / "legacy.opmodel.v0.bak"
    assert backup.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["legacy.opmodel", "legacy.opmodel.v0.bak"]

    doc = SessionDocument.open(path)  # no second migration: the file is current now
    try:
        assert doc.history_cursor == 1 and doc.history_count == 2 and doc.can_redo()
        assert "g1" in doc.session.elements
        doc.undo()
        assert snapshot(doc.session) == before
        _assert_v0_content(doc.session)
    finally:
        doc.close()
    assert plain_pragma(path, "integrity_check") == "ok"
    assert backup.read_bytes() == original


def test_read_session_migrates_a_v0_file_in_a_temporary_copy(tmp_path: Path) -> None:
    path = tmp_path / "legacy.opmodel"
    shutil.copy2(V0_FIXTURE, path)
    before = path.stat()

    session = read_session(path)

    _assert_v0_content(session)
    assert path.read_bytes() == V0_FIXTURE.read_bytes()
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert plain_pragma(path, "user_version") == 0
    assert [p.name for p in tmp_path.iterdir()] == ["legacy.opmodel"]


# -- 7. Save as ----------------------------------------------------------------------------


def test_copy_to_gives_a_file_with_the_same_content_and_history(tmp_path: Path) -> None:
    path = make_session_file(tmp_path / "source.opmodel")
    doc = SessionDocument.open(path)
    try:
        states = _do_edits(doc)
        doc.undo()
        doc.undo()  # two edits left to redo: the copy must carry them too
        descriptions = doc.store.history_descriptions()
        target = tmp_path / "copy.opmodel"
        doc.store.copy_to(target)
        assert siblings(target) == []
    finally:
        doc.close()

    assert plain_pragma(target, "application_id") == APPLICATION_ID
    assert plain_pragma(target, "user_version") == SCHEMA_VERSION
    assert plain_pragma(target, "journal_mode") == "delete"
    assert snapshot(read_session(target)) == states[5]
    assert siblings(target) == []

    copy = SessionDocument.open(target)
    try:
        assert snapshot(copy.session) == states[5]
        assert copy.history_cursor == 5 and copy.history_count == 7
        assert copy.store.history_descriptions() == descriptions
        copy.redo()
        copy.redo()
        assert snapshot(copy.session) == states[7]
        for step in range(7, 0, -1):
            copy.undo()
            assert snapshot(copy.session) == states[step - 1]
    finally:
        copy.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.opmodel", "source.opmodel"]

    original = SessionDocument.open(path)  # the source is unaffected by what the copy did
    try:
        assert snapshot(original.session) == states[5]
        assert original.history_cursor == 5
    finally:
        original.close()
