"""Room-proof session files: one writer, read-only mode, hostile and damaged files refused
untouched, disk full, Save as onto itself. Real SQLite files and real processes throughout.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from model import edits
from model.templates import load_template
from storage.document import SessionDocument
from storage.files import SessionFileError
from storage.lock import SessionLockedError, lock_holder, lock_path
from storage.store import (
    ReadOnlySessionError,
    SessionStore,
    SessionWriteError,
    read_session,
    write_session_file,
)

ROOT = Path(__file__).resolve().parent.parent


def make_file(path: Path, template: str = "sales") -> Path:
    SessionDocument.create(path, load_template(template)).close()
    return path


def listing(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` (hidden ones included) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def first_element(doc: SessionDocument) -> str:
    return next(iter(doc.session.elements))


def a_move(doc: SessionDocument, dx: float = 20) -> edits.Edit:
    element = doc.session.elements[first_element(doc)]
    return edits.move_elements(doc.session, {element.id: (element.x + dx, element.y)})


# -- hostile files: data, never code ------------------------------------------------------


def _plant(sql: str) -> Callable[[Path], None]:
    def plant(path: Path) -> None:
        conn = sqlite3.connect(path)
        conn.executescript(sql)
        conn.close()

    return plant


HOSTILE = {
    "trigger": (
        _plant("CREATE TRIGGER wipe AFTER UPDATE ON elements BEGIN DELETE FROM elements; END;"),
        "foreign trigger 'wipe'",
    ),
    "view": (_plant("CREATE VIEW v AS SELECT * FROM elements;"), "foreign view 'v'"),
    "index": (_plant("CREATE INDEX odd ON elements(label);"), "foreign index 'odd'"),
    "table": (_plant("CREATE TABLE payload (x);"), "foreign table 'payload'"),
    "column": (
        _plant("ALTER TABLE elements ADD COLUMN evil TEXT DEFAULT 'x';"),
        "table 'elements' differs",
    ),
}


@pytest.mark.parametrize("opener", [SessionDocument.open, read_session], ids=["open", "read"])
@pytest.mark.parametrize("case", list(HOSTILE))
def test_foreign_schema_object_is_refused_before_it_can_fire(
    tmp_path: Path, case: str, opener: Callable[[Path], object]
) -> None:
    path = make_file(tmp_path / "hostile.opmodel")
    plant, expected = HOSTILE[case]
    plant(path)
    before = listing(tmp_path)
    with pytest.raises(SessionFileError) as caught:
        opener(path)
    message = str(caught.value)
    assert expected in message and "never code" in message
    assert "\n" not in message
    assert listing(tmp_path) == before  # every byte kept: no WAL switch, no -wal/-shm, no .bak


def test_planted_trigger_never_runs(tmp_path: Path) -> None:
    path = make_file(tmp_path / "hostile.opmodel")
    count = len(read_session(path).elements)
    HOSTILE["trigger"][0](path)
    with pytest.raises(SessionFileError):
        SessionDocument.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM elements").fetchone()[0] == count
    conn.close()


# -- damaged files: one line, never a traceback -------------------------------------------


def _sql(statement: str) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        conn = sqlite3.connect(path)
        conn.execute(statement)
        conn.commit()
        conn.close()

    return damage


def _bad_utf8(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE elements SET label = CAST(X'FFFE41' AS TEXT) WHERE rowid = 1")
    conn.commit()
    conn.close()


def _negative_version(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = -3")
    conn.close()


DAMAGED = {
    "invalid JSON in props": (_sql("UPDATE elements SET props = '{nope' WHERE rowid = 1"), "JSON"),
    "props stored as a list": (_sql("UPDATE elements SET props = '[1, 2]'"), "a list"),
    "invalid UTF-8": (_bad_utf8, "UTF-8"),
    "negative schema version": (_negative_version, "unknown schema version -3"),
    "unknown kind": (_sql("UPDATE elements SET kind = 'robot' WHERE rowid = 1"), "kind"),
    "label as bytes": (_sql("UPDATE elements SET label = X'41' WHERE rowid = 1"), "not text"),
    "x as text": (_sql("UPDATE elements SET x = 'left' WHERE rowid = 1"), "finite number"),
    "dangling workflow": (
        _sql("UPDATE elements SET workflow_id = 'ghost' WHERE rowid = 1"),
        "does not exist",
    ),
    "dangling connection end": (
        _sql("UPDATE connections SET target = 'ghost' WHERE rowid = 1"),
        "target",
    ),
    "bad enum prop": (
        _sql(
            "UPDATE elements SET props = json_set(props, '$.decision_right', 'dictator')"
            " WHERE kind = 'ai_step'"
        ),
        "decision_right",
    ),
    "history not JSON": (
        _sql("INSERT INTO history VALUES (1, 'Move', 'garbage', '2026-01-01')"),
        "history entry 1",
    ),
    "history cursor out of range": (
        _sql("UPDATE meta SET value = '99' WHERE key = 'history_cursor'"),
        "history cursor",
    ),
    "deep JSON": (
        _sql("UPDATE elements SET extra = '" + "[" * 5000 + "]" * 5000 + "' WHERE rowid = 1"),
        "deeper",
    ),
}


@pytest.mark.parametrize("opener", [SessionDocument.open, read_session], ids=["open", "read"])
@pytest.mark.parametrize("case", list(DAMAGED))
def test_damaged_file_gives_one_line_and_keeps_every_byte(
    tmp_path: Path, case: str, opener: Callable[[Path], object]
) -> None:
    path = make_file(tmp_path / "damaged.opmodel")
    damage, expected = DAMAGED[case]
    damage(path)
    before = listing(tmp_path)
    with pytest.raises(SessionFileError) as caught:
        opener(path)
    message = str(caught.value)
    assert expected in message, message
    assert message.startswith(str(path)) and "\n" not in message
    assert listing(tmp_path) == before


def test_truncated_last_byte_is_refused_untouched(tmp_path: Path) -> None:
    path = make_file(tmp_path / "cut.opmodel")
    path.write_bytes(path.read_bytes()[:-1])
    before = listing(tmp_path)
    with pytest.raises(SessionFileError):
        SessionDocument.open(path)
    assert listing(tmp_path) == before


# -- reading leaves nothing behind --------------------------------------------------------


def test_reading_a_closed_wal_file_leaves_no_side_files(tmp_path: Path) -> None:
    path = make_file(tmp_path / "wal.opmodel")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")  # as a session closed while a reader had it
    conn.close()
    before = listing(tmp_path)
    read_session(path)
    assert listing(tmp_path) == before


def test_check_and_export_work_while_a_window_holds_the_file(tmp_path: Path) -> None:
    path = make_file(tmp_path / "held.opmodel")
    doc = SessionDocument.open(path)
    try:
        doc.execute(a_move(doc))
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        for args in (["check", str(path)], ["export", str(path), "-o", str(tmp_path / "o.json")]):
            run = subprocess.run(
                [sys.executable, "-m", "cli", *args], cwd=ROOT, env=env, capture_output=True
            )
            assert run.returncode in (0, 1), run.stderr
        exported = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
        moved = doc.session.elements[first_element(doc)]
        positions = {
            e["id"]: e["x"] for w in exported["workflows"] for e in w["elements"]
        }  # the reader sees the committed move
        assert positions[moved.id] == moved.x
    finally:
        doc.close()
    assert not lock_path(path).exists()


# -- one writer ---------------------------------------------------------------------------


def test_second_writer_is_refused_and_can_open_read_only(tmp_path: Path) -> None:
    path = make_file(tmp_path / "one.opmodel")
    first = SessionDocument.open(path)
    try:
        with pytest.raises(SessionLockedError) as caught:
            SessionDocument.open(path)
        holder = caught.value.holder
        assert holder.host == socket.gethostname() and holder.pid == os.getpid()
        assert f"open in another window on {holder.host} since " in str(caught.value)
        assert lock_holder(path) == holder

        second = SessionDocument.open(path, read_only=True)
        try:
            assert second.read_only and not first.read_only
            with pytest.raises(ReadOnlySessionError, match="read-only"):
                second.execute(a_move(second))
            assert first.execute(a_move(first))
        finally:
            second.close()
    finally:
        first.close()
    assert lock_holder(path) is None
    SessionDocument.open(path).close()  # free again


def test_new_and_save_as_never_replace_a_held_file(tmp_path: Path) -> None:
    path = make_file(tmp_path / "held.opmodel")
    other = make_file(tmp_path / "other.opmodel", "finance")
    doc = SessionDocument.open(path)
    try:
        before = path.read_bytes()
        with pytest.raises(SessionLockedError):
            write_session_file(path, load_template("finance"), overwrite=True)
        with pytest.raises(SessionLockedError):
            SessionStore.create(path, load_template("finance"), overwrite=True).close()
        source = SessionDocument.open(other)
        try:
            with pytest.raises(SessionLockedError):
                source.store.copy_to(path)
        finally:
            source.close()
        assert path.read_bytes() == before
        assert doc.execute(a_move(doc))  # still writing the same file
    finally:
        doc.close()
    assert len(read_session(path).elements) == len(load_template("sales").elements)


def test_save_as_onto_itself_keeps_working_on_the_same_file(tmp_path: Path) -> None:
    path = make_file(tmp_path / "self.opmodel")
    doc = SessionDocument.open(path)
    try:
        assert doc.store.copy_to(tmp_path / "." / "self.opmodel") is False
        assert doc.execute(a_move(doc, 40))
        moved = doc.session.elements[first_element(doc)]
    finally:
        doc.close()
    assert read_session(path).elements[moved.id].x == moved.x


WRITER = textwrap.dedent(
    """
    import sys, time
    from model import edits
    from storage.document import SessionDocument
    from storage.lock import SessionLockedError
    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    print("ready", flush=True)
    sys.stdin.readline()  # both start together
    try:
        doc = SessionDocument.open(path)
    except SessionLockedError as exc:
        doc = SessionDocument.open(path, read_only=True)
        refused = 0
        for i in range(count):
            eid = next(iter(doc.session.elements))
            try:
                doc.execute(edits.move_elements(doc.session, {eid: (i, i)}))
            except Exception:
                refused += 1
        doc.close()
        print(f"readonly {refused}", flush=True)
        raise SystemExit(0)
    wf = next(iter(doc.session.workflows))
    for i in range(count):
        doc.execute(edits.add_element(doc.session, wf, "note", label=f"{name}-{i}"))
    doc.close()
    print(f"wrote {count}", flush=True)
    """
)


def test_two_processes_editing_one_file_lose_nothing(tmp_path: Path) -> None:
    path = make_file(tmp_path / "race.opmodel")
    start = len(read_session(path).elements)
    count = 300
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, str(count)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("left", "right")
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append(out.strip().splitlines()[-1])
    assert sorted(r.split()[0] for r in results) == ["readonly", "wrote"]
    assert f"readonly {count}" in results  # every edit of the second one refused, loudly
    session = read_session(path)
    assert len(session.elements) == start + count  # zero lost edits
    doc = SessionDocument.open(path)
    try:
        assert doc.history_count == doc.history_cursor == count
    finally:
        doc.close()


def test_killed_writer_leaves_nothing_that_blocks_the_next_open(tmp_path: Path) -> None:
    path = make_file(tmp_path / "killed.opmodel")
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom storage.document import SessionDocument\n"
            "d = SessionDocument.open(sys.argv[1]); print('held', flush=True); time.sleep(60)",
            str(path),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    assert lock_holder(path) is not None
    child.kill()
    child.wait(timeout=10)
    child.stdout.close()
    assert lock_holder(path) is None
    doc = SessionDocument.open(path)  # no error, nothing deleted by hand
    assert not doc.read_only
    doc.close()
    assert not lock_path(path).exists()


# -- read-only files and folders ----------------------------------------------------------


def test_read_only_file_opens_read_only_and_save_as_makes_a_writable_copy(
    tmp_path: Path,
) -> None:
    path = make_file(tmp_path / "ro.opmodel")
    path.chmod(0o444)
    before = listing(tmp_path)
    doc = SessionDocument.open(path)
    try:
        assert doc.read_only and doc.read_only_reason == "the file is read-only"
        with pytest.raises(ReadOnlySessionError, match="Save as"):
            doc.execute(a_move(doc))
        copy = tmp_path / "copy.opmodel"
        assert doc.store.copy_to(copy)
    finally:
        doc.close()
    assert {k: v for k, v in listing(tmp_path).items() if k != "copy.opmodel"} == before
    assert stat.S_IMODE(copy.stat().st_mode) & 0o200
    editable = SessionDocument.open(copy)
    try:
        assert not editable.read_only
        assert editable.execute(a_move(editable))
    finally:
        editable.close()


def test_read_only_folder_opens_read_only_and_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    path = make_file(folder / "ro.opmodel")
    folder.chmod(0o555)
    try:
        before = listing(folder)
        doc = SessionDocument.open(path)
        try:
            assert doc.read_only and "folder" in doc.read_only_reason
            with pytest.raises(ReadOnlySessionError):
                doc.execute(a_move(doc))
        finally:
            doc.close()
        assert listing(folder) == before
    finally:
        folder.chmod(0o755)


# -- disk full ----------------------------------------------------------------------------


def test_disk_full_keeps_the_last_committed_edit_and_the_session_usable(tmp_path: Path) -> None:
    path = make_file(tmp_path / "full.opmodel")
    doc = SessionDocument.open(path)
    try:
        assert doc.execute(a_move(doc, 10))
        committed = doc.session.elements[first_element(doc)].x
        conn = doc.store.conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite now reports SQLITE_FULL
        wf = next(iter(doc.session.workflows))
        big = edits.add_element(doc.session, wf, "note", label="x" * 200)
        with pytest.raises(SessionWriteError) as caught:
            for _ in range(50):
                doc.execute(edits.add_element(doc.session, wf, "note", label="x" * 200))
            doc.execute(big)
        message = str(caught.value)
        assert "disk is full" in message and str(tmp_path) in message
        assert doc.session.elements[first_element(doc)].x == committed
        in_memory = len(doc.session.elements)
        conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
        assert doc.execute(a_move(doc, 10))
        assert len(doc.session.elements) == in_memory
    finally:
        doc.close()
    assert len(read_session(path).elements) == in_memory
