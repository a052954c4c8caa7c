"""`opmodel layout FILE [--workflow ID]` and the routes in `opmodel export -o X.json`.

The real console script on real session files: a layout is one undoable edit per workflow
(checked by undoing it through the file's history), and bad input exits 2 with one line
and leaves every file as it was (the helpers of tests/test_cli_errors.py).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from model.interchange import read_json_file, session_to_json
from model.templates import load_template
from storage.document import SessionDocument
from storage.lock import WriterLock
from storage.store import read_session, write_session_file
from tests.test_cli_errors import (  # noqa: F401 - as_user is a fixture used below
    as_user,
    assert_refused,
    chmodded,
    opmodel,
    snapshot,
    tmpfs,
)


def _positions(path: Path) -> dict[str, tuple[float, float]]:
    return {e.id: (e.x, e.y) for e in read_session(path).elements.values()}


@pytest.fixture
def scrambled(tmp_path: Path) -> Path:
    """Sales and finance in one session, every element moved off its laid-out place."""
    session = load_template("sales")
    finance = load_template("finance")
    for workflow in finance.workflows.values():
        workflow.seq = 1
        session.workflows[workflow.id] = workflow
    session.elements.update(finance.elements)
    session.connections.update(finance.connections)
    for workflow in session.workflows.values():
        workflow.extra.pop("lanes", None)
    for n, element in enumerate(session.elements.values()):
        element.x, element.y = (n % 5) * 200, (n // 5) * 100  # overlapping, unreadable
    path = tmp_path / "s.opmodel"
    write_session_file(path, session)
    return path


def test_layout_lays_out_every_workflow_as_one_undoable_edit_each(scrambled: Path) -> None:
    before = _positions(scrambled)
    result = opmodel("layout", scrambled)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Proposal to follow-up (wf-sales): laid out, 26 elements, ")
    assert lines[1].startswith("Invoice to pay (wf-finance): laid out, 29 elements, ")
    assert lines[2] == f"{scrambled}: 2 undoable edits (the app's Undo takes each back)"
    after = _positions(scrambled)
    # the same places as the built-in templates, which are laid out by the same code
    for name in ("sales", "finance"):
        for element in load_template(name).elements.values():
            assert after[element.id] == (element.x, element.y)
    document = SessionDocument.open(scrambled)
    try:
        assert document.undo_text() == "Auto-layout"
        document.undo()  # finance back where it was, sales still laid out
        moved = {e.id: (e.x, e.y) for e in document.session.elements.values()}
        assert all(moved[i] == before[i] for i in load_template("finance").elements)
        assert all(moved[i] == after[i] for i in load_template("sales").elements)
        document.undo()
        assert {e.id: (e.x, e.y) for e in document.session.elements.values()} == before
        assert "lanes" not in document.session.workflows["wf-sales"].extra
    finally:
        document.close()


def test_layout_of_one_workflow(scrambled: Path) -> None:
    before = _positions(scrambled)
    result = opmodel("layout", scrambled, "--workflow", "wf-finance")
    assert result.returncode == 0, result.stderr
    assert "wf-sales" not in result.stdout and "1 undoable edit " in result.stdout
    after = _positions(scrambled)
    assert all(after[i] == before[i] for i in load_template("sales").elements)
    assert all(after[i] != before[i] for i in ("f-trigger", "f-outcome"))


def test_a_laid_out_session_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "sales.opmodel"
    assert opmodel("new", path, "--template", "sales").returncode == 0
    before = snapshot(tmp_path)
    result = opmodel("layout", path)
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout
        == "Proposal to follow-up (wf-sales): already laid out, 26 elements, 0 crossing pairs\n"
    )
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("s.opmodel", "--workflow", "wf-nope"),
            "s.opmodel: no workflow 'wf-nope' (workflows: wf-sales, wf-finance)",
        ),
        (("missing.opmodel",), "missing.opmodel: no such file"),
        (("notes.txt",), "notes.txt: is not an OpModel session file"),
        (("s.opmodel", "--bogus"), "unrecognized arguments: --bogus"),
        ((), "required: FILE.opmodel"),
    ],
)
def test_bad_layout_input_exits_2_with_one_line(
    scrambled: Path, args: tuple, expected: str
) -> None:
    folder = scrambled.parent
    (folder / "notes.txt").write_text("not a session", encoding="utf-8")
    before = snapshot(folder)
    assert_refused(opmodel("layout", *args, cwd=folder), folder, before, expected)


def test_a_session_open_in_another_window_is_not_laid_out(scrambled: Path) -> None:
    folder = scrambled.parent
    lock = WriterLock.acquire(scrambled)  # as the app holds the file it shows
    try:
        before = snapshot(folder)
        result = opmodel("layout", "s.opmodel", cwd=folder)
        assert_refused(result, folder, before, "s.opmodel: is open")
    finally:
        lock.release()


def test_a_read_only_session_is_not_laid_out(
    scrambled: Path,
    as_user: Callable[[], None] | None,  # noqa: F811
) -> None:
    folder = scrambled.parent
    with chmodded(scrambled, 0o444):
        before = snapshot(folder)
        result = opmodel("layout", "s.opmodel", cwd=folder, preexec=as_user)
        assert_refused(result, folder, before, "s.opmodel: cannot lay it out (")


def _fill(folder: Path, leave: int) -> None:
    """Take every free block of ``folder``'s file system but ``leave`` bytes."""
    with open(folder / "filler", "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass
        handle.truncate(max(0, handle.tell() - leave))


def test_a_full_disk_leaves_the_session_as_it_was(scrambled: Path) -> None:
    """No room for the lock beside the file: refused before anything is opened."""
    size = scrambled.stat().st_size
    with tmpfs(scrambled.parent / "small", f"size={size + 64 * 1024},mode=0755") as small:
        (small / "s.opmodel").write_bytes(scrambled.read_bytes())
        _fill(small, 0)
        before = snapshot(small)
        result = opmodel("layout", "s.opmodel", cwd=small)
        assert_refused(result, small, before, "s.opmodel: cannot write (disk full")


def test_an_edit_the_full_disk_refuses_changes_nothing(scrambled: Path) -> None:
    """Room to open the file but not to write the edit: SQLite rolls it back, the session
    and its history are as they were and no -wal/-shm is left (only SQLite's change
    counter in the file's header moves)."""
    size = scrambled.stat().st_size
    with tmpfs(scrambled.parent / "small", f"size={size + 256 * 1024},mode=0755") as small:
        target = small / "s.opmodel"
        target.write_bytes(scrambled.read_bytes())
        _fill(small, 48 * 1024)
        content = session_to_json(read_session(target))
        result = opmodel("layout", "s.opmodel", cwd=small)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith("opmodel: error: s.opmodel: the disk is full")
        assert sorted(p.name for p in small.iterdir()) == ["filler", "s.opmodel"]
        assert session_to_json(read_session(target)) == content
        (small / "filler").unlink()
        document = SessionDocument.open(target)
        try:
            assert not document.can_undo()  # no edit reached the history
        finally:
            document.close()


# -- routes in the JSON export ----------------------------------------------------------------


def test_json_export_carries_each_connections_drawn_route(tmp_path: Path) -> None:
    path = tmp_path / "sales.opmodel"
    assert opmodel("new", path, "--template", "sales").returncode == 0
    assert opmodel("export", path, "-o", tmp_path / "sales.json").returncode == 0
    document = json.loads((tmp_path / "sales.json").read_text(encoding="utf-8"))
    [workflow] = document["workflows"]
    kinds = {e["id"]: e["kind"] for e in workflow["elements"]}
    boxes = {e["id"]: (e["x"], e["y"]) for e in workflow["elements"]}
    for connection in workflow["connections"]:
        route = connection["route"]
        if kinds[connection["source"]] == "role":
            assert route is None  # shown by the role's lane
            continue
        assert isinstance(route, list) and len(route) >= 2
        # orthogonal, from the source's border to the target's border, in scene px
        assert all(a[0] == b[0] or a[1] == b[1] for a, b in itertools.pairwise(route))
        for point, end in ((route[0], connection["source"]), (route[-1], connection["target"])):
            x, y = boxes[end]
            assert x <= point[0] <= x + 180 and y <= point[1] <= y + 80
    # the routes are derived: the file imports to the same session, routes dropped
    again = read_json_file(tmp_path / "sales.json")
    assert all("route" not in c.extra for c in again.connections.values())
    assert {e.id: (e.x, e.y) for e in again.elements.values()} == _positions(path)
