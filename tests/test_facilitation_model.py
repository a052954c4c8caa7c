"""Facilitation data: agenda, dot votes, snapshots (restore, compare), schema 1 → 2."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from model import edits
from model.edits import EditError
from model.interchange import session_from_json, session_to_json
from model.participants import add_participant
from model.snapshots import compare, restore_edit
from model.templates import load_template
from model.voting import clear_votes, set_votes, tallies, votes_of
from storage.document import SessionDocument
from storage.schema import SCHEMA_VERSION
from storage.store import read_session

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _sales_with_voters():  # type: ignore[no-untyped-def]
    """The sales template with Ana and Ben on the participant list: the voters."""
    session = load_template("sales")
    for name in ("Ana", "Ben"):
        add_participant(session, name).apply(session)
    return session


@pytest.fixture
def doc(tmp_path: Path):  # type: ignore[no-untyped-def]
    document = SessionDocument.create(tmp_path / "s.opmodel", _sales_with_voters())
    yield document
    document.close()


def test_votes_tally_on_the_workflow_and_survive_reopen(tmp_path: Path) -> None:
    doc = SessionDocument.create(tmp_path / "v.opmodel", _sales_with_voters())
    workflow = doc.session.ordered_workflows()[0].id
    element = doc.session.workflow_elements(workflow)[3].id
    doc.execute(set_votes(doc.session, "Ana", workflow, 3))
    doc.execute(set_votes(doc.session, "Ben", workflow, 2))
    doc.execute(set_votes(doc.session, "Ben", element, 1))
    assert doc.session.workflows[workflow].votes == 5
    assert tallies(doc.session)[element] == 1
    doc.execute(set_votes(doc.session, "Ana", workflow, 0))
    assert doc.session.workflows[workflow].votes == 2
    assert votes_of(doc.session, "Ben") == {workflow: 2, element: 1}
    path = doc.path
    doc.close()
    reopened = SessionDocument.open(path)
    try:
        assert reopened.session.workflows[workflow].votes == 2
        reopened.undo()
        assert reopened.session.workflows[workflow].votes == 5
    finally:
        reopened.close()


def test_bad_votes_are_refused(doc: SessionDocument) -> None:
    workflow = doc.session.ordered_workflows()[0].id
    with pytest.raises(EditError, match="Name the participant"):
        set_votes(doc.session, " ", workflow, 1)
    with pytest.raises(EditError, match="no workflow or element 'nope'"):
        set_votes(doc.session, "Ana", "nope", 1)
    with pytest.raises(EditError, match="whole number"):
        set_votes(doc.session, "Ana", workflow, -1)


def test_deleting_a_voted_element_drops_its_dots_and_undo_brings_them_back(
    doc: SessionDocument,
) -> None:
    workflow = doc.session.ordered_workflows()[0].id
    element = doc.session.workflow_elements(workflow)[2].id
    doc.execute(set_votes(doc.session, "Ana", element, 2))
    doc.execute(edits.delete_elements(doc.session, [element]))
    assert doc.session.workshop.votes == []
    # the interchange form stays valid (no vote on a missing element)
    session_from_json(session_to_json(doc.session))
    doc.undo()
    assert tallies(doc.session)[element] == 2
    doc.execute(clear_votes(doc.session))
    assert doc.session.workshop.votes == []


def test_agenda_is_validated_and_kept(doc: SessionDocument) -> None:
    agenda = [{"title": "Map sales", "minutes": 45, "done": False}]
    doc.execute(edits.edit_workshop(doc.session, agenda=agenda))
    assert read_session(doc.path).workshop.agenda == agenda
    with pytest.raises(EditError, match=r"agenda\[0\]\.minutes: expected a number ≥ 0"):
        edits.edit_workshop(doc.session, agenda=[{"title": "x", "minutes": -1, "done": False}])


def test_snapshot_restore_is_one_undoable_edit(doc: SessionDocument) -> None:
    original = session_to_json(doc.session)
    info = doc.take_snapshot("before day 2")
    workflow = doc.session.ordered_workflows()[0].id
    victims = [e.id for e in doc.session.workflow_elements(workflow)[:4]]
    doc.execute(edits.delete_elements(doc.session, victims))
    doc.execute(edits.add_element(doc.session, workflow, "metric", x=5000, y=5000))
    doc.execute(edits.add_workflow(doc.session, "Extra"))
    changed = session_to_json(doc.session)
    assert [s.name for s in doc.snapshots()] == ["before day 2"]
    doc.execute(restore_edit(doc.session, doc.snapshot_session(info.id), info.name))
    assert session_to_json(doc.session) == original
    assert session_to_json(read_session(doc.path)) == original
    doc.undo()
    assert session_to_json(doc.session) == changed
    assert session_to_json(read_session(doc.path)) == changed


def test_compare_lists_added_removed_and_changed(doc: SessionDocument) -> None:
    before = doc.snapshot_session(doc.take_snapshot("start").id)
    workflow = doc.session.ordered_workflows()[0].id
    elements = doc.session.workflow_elements(workflow)
    doc.execute(edits.delete_elements(doc.session, [elements[0].id]))
    doc.execute(edits.move_elements(doc.session, {elements[1].id: (999, 999)}))
    doc.execute(edits.update_element(doc.session, elements[2].id, label="Renamed"))
    added = edits.add_element(doc.session, workflow, "note", x=0, y=0)
    doc.execute(added)
    after = doc.snapshot_session(doc.take_snapshot("end").id)
    diff = compare(before, after)["element"]
    assert diff.removed == [elements[0].id]
    assert diff.added == sorted(added.touched("element"))
    assert set(diff.changed) == {elements[1].id, elements[2].id}
    assert diff.details[elements[1].id] == ["position"]
    assert diff.details[elements[2].id] == ["label"]
    assert compare(after, after)["element"].is_empty()
    doc.delete_snapshot(doc.snapshots()[0].id)
    assert [s.name for s in doc.snapshots()] == ["end"]


def test_schema_1_file_migrates_to_current(tmp_path: Path) -> None:
    path = tmp_path / "old.opmodel"
    shutil.copy(FIXTURES / "session_v1.opmodel", path)
    original = path.read_bytes()
    document = SessionDocument.open(path)
    try:
        assert document.session.workshop.client == "Müller AG"
        assert document.session.workshop.agenda == []
        assert document.session.workshop.votes == []
        assert document.session.workflows["wf-fin"].votes == 2
        assert document.snapshots() == []
        document.take_snapshot("after migration")
    finally:
        document.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert (tmp_path / "old.opmodel.v1.bak").read_bytes() == original
