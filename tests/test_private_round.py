"""Participants are the voters; private rounds keep votes and ratings from anchoring.

Model and file level: every step is one undoable edit saved in the session file; the
room's view (shown tallies, shown rating summaries, progress) hides entries until Reveal.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from model.edits import EditError
from model.interchange import session_from_json, session_to_json
from model.participants import (
    add_participant,
    remove_participants,
    rename_participant,
    set_role,
    voters,
)
from model.session import Session
from model.templates import load_template
from model.voting import (
    end_round,
    is_hidden,
    progress,
    rating_summaries,
    reveal_round,
    set_done,
    set_rating,
    set_votes,
    shown_rating_summaries,
    shown_tallies,
    start_round,
    tallies,
)
from storage.document import SessionDocument
from storage.schema import SCHEMA_VERSION
from storage.store import read_session

PEOPLE = [
    ("Ana Silva", "CEO", "sponsor"),
    ("Ben Okafor", "Head of Sales", "participant"),
    ("Chen Li", "CFO", "participant"),
    ("Dana Wu", "Analyst", "observer"),
]


def _session() -> Session:
    session = load_template("sales")
    for name, title, role in PEOPLE:
        add_participant(session, name, title, role).apply(session)
    return session


@pytest.fixture
def doc(tmp_path: Path):  # type: ignore[no-untyped-def]
    document = SessionDocument.create(tmp_path / "room.opmodel", _session())
    yield document
    document.close()


def _workflow(doc: SessionDocument) -> str:
    return doc.session.ordered_workflows()[0].id


# -- one list ---------------------------------------------------------------------------------
def test_voters_are_the_sponsors_and_participants_of_the_one_list() -> None:
    session = _session()
    assert [p.name for p in voters(session)] == ["Ana Silva", "Ben Okafor", "Chen Li"]
    workflow = session.ordered_workflows()[0].id
    with pytest.raises(EditError, match="not on the participant list"):
        set_votes(session, "Zoe", workflow, 1)
    with pytest.raises(EditError, match="Dana Wu is an observer: only sponsors and participants"):
        set_votes(session, "Dana Wu", workflow, 1)


def test_a_name_typed_differently_is_the_same_person_never_a_second_voter() -> None:
    session = _session()
    workflow = session.ordered_workflows()[0].id
    set_votes(session, "  ben   okafor ", workflow, 2).apply(session)
    assert session.workshop.votes == [{"participant": "Ben Okafor", "target": workflow, "count": 2}]
    with pytest.raises(EditError, match="already a participant called BEN OKAFOR"):
        add_participant(session, "BEN OKAFOR")


def test_an_older_voter_added_as_participant_keeps_their_dots() -> None:
    # An older session holds dots by "zoe", who is not on the list: adding Zoe joins them.
    session = _session()
    workflow = session.ordered_workflows()[0].id
    session.workshop.votes = [{"participant": "zoe ", "target": workflow, "count": 3}]
    add_participant(session, "Zoe").apply(session)
    assert session.workshop.votes == [{"participant": "Zoe", "target": workflow, "count": 3}]
    assert [p.name for p in voters(session)][-1] == "Zoe"


def test_rename_and_remove_carry_dots_ratings_and_done_marks(doc: SessionDocument) -> None:
    session = doc.session
    workflow = _workflow(doc)
    doc.execute(start_round(session, "ratings"))
    doc.execute(set_rating(session, "Ben Okafor", workflow, 4, 2))
    doc.execute(set_done(session, "Ben Okafor"))
    edit = rename_participant(session, 1, "Benjamin Okafor")
    assert edit.description == "Rename participant Ben Okafor to Benjamin Okafor"
    doc.execute(edit)
    assert session.workshop.ratings[0]["participant"] == "Benjamin Okafor"
    assert session.workshop.private_round["done"] == ["Benjamin Okafor"]
    doc.execute(end_round(session))
    doc.execute(set_votes(session, "Chen Li", workflow, 2))
    removal = remove_participants(session, [2])
    assert removal.description == "Remove participant Chen Li and 2 dots"
    doc.execute(removal)
    assert session.workshop.votes == [] and session.workflows[workflow].votes == 0
    doc.undo()
    assert session.workflows[workflow].votes == 2
    doc.execute(set_role(session, 0, "observer"))
    assert [p.name for p in voters(session)] == ["Benjamin Okafor", "Chen Li"]


# -- the private round --------------------------------------------------------------------------
def test_a_private_dot_round_hides_the_tally_until_reveal(doc: SessionDocument) -> None:
    session = doc.session
    workflow = _workflow(doc)
    element = session.workflow_elements(workflow)[1].id
    doc.execute(start_round(session, "dots", 3))
    assert progress(session) == (0, 3)
    doc.execute(set_votes(session, "Ana Silva", workflow, 2))
    doc.execute(set_votes(session, "Ana Silva", element, 1))
    with pytest.raises(EditError, match="Ana Silva has 0 dots left of 3"):
        set_votes(session, "Ana Silva", workflow, 3)
    doc.execute(set_done(session, "Ana Silva"))
    with pytest.raises(EditError, match="has finished this round"):
        set_votes(session, "Ana Silva", workflow, 1)
    doc.execute(set_votes(session, "Ben Okafor", workflow, 3))
    doc.execute(set_done(session, "Ben Okafor"))
    assert progress(session) == (2, 3)  # "2 of 3 done"
    assert is_hidden(session, "dots")
    assert shown_tallies(session) == {}  # the room sees nothing yet
    assert tallies(session)[workflow] == 5  # the file has it all
    reveal = reveal_round(session)
    assert reveal.description == "Reveal the dot-voting round"
    doc.execute(reveal)
    assert shown_tallies(session)[workflow] == 5 and shown_tallies(session)[element] == 1
    with pytest.raises(EditError, match="revealed"):
        set_votes(session, "Chen Li", workflow, 1)
    # persisted, and undoable back into hiding
    saved = read_session(doc.path)
    assert saved.workshop.private_round["status"] == "revealed"
    assert saved.workshop.private_round["done"] == ["Ana Silva", "Ben Okafor"]
    doc.undo()
    assert shown_tallies(doc.session) == {}
    assert read_session(doc.path).workshop.private_round["status"] == "open"


def test_a_private_rating_round_reveals_averages_and_spread(doc: SessionDocument) -> None:
    session = doc.session
    workflow = _workflow(doc)
    before = (session.workflows[workflow].value, session.workflows[workflow].feasibility)
    with pytest.raises(EditError, match="start one first"):
        set_rating(session, "Ana Silva", workflow, 5, 5)
    doc.execute(start_round(session, "ratings"))
    for name, value, feasibility in (("Ana Silva", 5, 2), ("Ben Okafor", 3, 4), ("Chen Li", 4, 4)):
        doc.execute(set_rating(session, name, workflow, value, feasibility))
        doc.execute(set_done(session, name))
    assert progress(session) == (3, 3)
    assert shown_rating_summaries(session) == {}
    summary = rating_summaries(session)[workflow]
    assert summary.count == 3
    assert summary.value == pytest.approx(4.0) and summary.feasibility == pytest.approx(10 / 3)
    assert summary.value_range == (3, 5) and summary.feasibility_range == (2, 4)
    assert summary.value_sd == pytest.approx(0.8165, abs=1e-3)
    doc.execute(reveal_round(session))
    assert shown_rating_summaries(session)[workflow] == summary
    assert (session.workflows[workflow].value, session.workflows[workflow].feasibility) == (4, 3)
    doc.undo()  # one edit: the reveal and the workflow's new rating go back together
    assert (session.workflows[workflow].value, session.workflows[workflow].feasibility) == before
    assert is_hidden(session, "ratings")


def test_rounds_round_trip_through_json_and_refuse_bad_values(doc: SessionDocument) -> None:
    session = doc.session
    workflow = _workflow(doc)
    doc.execute(start_round(session, "ratings"))
    doc.execute(set_rating(session, "Ana Silva", workflow, 2, None))
    data = session_to_json(session)
    assert data["workshop"]["private_round"]["kind"] == "ratings"
    assert session_to_json(session_from_json(data)) == data
    bad = json.loads(json.dumps(data))
    bad["workshop"]["ratings"][0]["value"] = 9
    with pytest.raises(ValueError, match=r"ratings\[0\]\.value"):
        session_from_json(bad)
    bad = json.loads(json.dumps(data))
    bad["workshop"]["ratings"][0]["workflow"] = "nope"
    with pytest.raises(ValueError, match=r"ratings\[0\]\.workflow"):
        session_from_json(bad)
    bad = json.loads(json.dumps(data))
    bad["workshop"]["private_round"]["status"] = "peeking"
    with pytest.raises(ValueError, match=r"private_round\.status"):
        session_from_json(bad)
    with pytest.raises(EditError, match="already under way"):
        start_round(session, "dots")


def test_a_version_3_file_migrates_and_its_history_still_undoes(tmp_path: Path) -> None:
    # Build a file, then turn it into what version 3 wrote: no ratings/private_round
    # columns, history states without those keys.
    path = tmp_path / "old.opmodel"
    document = SessionDocument.create(path, _session())
    document.execute(set_votes(document.session, "Ana Silva", _workflow(document), 2))
    document.close()
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE workshop DROP COLUMN ratings")
    conn.execute("ALTER TABLE workshop DROP COLUMN private_round")
    for seq, text in conn.execute("SELECT seq, changes FROM history").fetchall():
        changes = json.loads(text)
        for change in changes:
            for state in change[2:]:
                if change[0] == "workshop" and state:
                    state.pop("ratings")
                    state.pop("private_round")
        conn.execute("UPDATE history SET changes = ? WHERE seq = ?", (json.dumps(changes), seq))
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()

    reopened = SessionDocument.open(path)
    try:
        assert reopened.session.workshop.votes[0]["count"] == 2
        reopened.undo()
        assert reopened.session.workshop.votes == []
        assert reopened.session.workshop.private_round == {}
    finally:
        reopened.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    conn.close()
