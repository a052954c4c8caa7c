"""EditOp and RefusalNotice: one way to build an edit, push it and show a refusal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.editor.undo import UndoBridge
from app.operations import EditOp, RefusalNotice, refusal_label
from model import edits
from model.edits import EditError
from model.templates import load_template
from storage.document import SessionDocument


@pytest.fixture
def bridge(tmp_path: Path) -> Iterator[UndoBridge]:
    document = SessionDocument.create(tmp_path / "s.opmodel", load_template("sales"))
    yield UndoBridge(document)
    document.close()


def _refuse() -> edits.Edit:
    raise EditError("Minutes: expected a number ≥ 0")


def test_a_done_edit_is_returned_saved_and_undoable(bridge: UndoBridge, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = bridge.document.session
    done: list[edits.Edit] = []
    edit = (
        EditOp(bridge, lambda: edits.add_workflow(session, "Onboarding"), "Add onboarding")
        .on_success(done.append)
        .run(RefusalNotice.in_status_bar(lambda _text: None))
    )
    assert edit is not None and done == [edit]
    assert any(w.name == "Onboarding" for w in bridge.document.session.workflows.values())
    assert bridge.stack.undoText() == "Add onboarding"


def test_a_refusal_shows_in_the_label_and_goes_when_accepted(bridge: UndoBridge, qtbot) -> None:  # type: ignore[no-untyped-def]
    label = refusal_label()
    qtbot.addWidget(label)
    label.show()
    notice = RefusalNotice.in_label(label)
    said: list[str] = []
    assert EditOp(bridge, _refuse).on_refusal(said.append).run(notice) is None
    assert label.objectName() == "fieldError"
    assert label.isVisible() and label.text() == "Minutes: expected a number ≥ 0"
    assert said == ["Minutes: expected a number ≥ 0"]
    assert bridge.stack.count() == 0  # nothing stored
    session = bridge.document.session
    assert EditOp(bridge, lambda: edits.add_workflow(session, "Next")).run(notice) is not None
    assert not label.isVisible()


def test_the_status_bar_notice_rewords_and_never_clears(bridge: UndoBridge) -> None:
    messages: list[str] = []
    notice = RefusalNotice.in_status_bar(messages.append)
    EditOp(bridge.push, _refuse).run(notice)
    session = bridge.document.session
    EditOp(bridge.push, lambda: edits.add_workflow(session, "Next")).run(notice)
    assert messages == ["Minutes: expected a number ≥ 0"]
    worded = RefusalNotice(messages.append, wording=lambda exc: f"No: {exc}")
    EditOp(bridge, _refuse).run(worded)
    assert messages[-1] == "No: Minutes: expected a number ≥ 0"


def test_an_edit_the_file_refuses_is_not_saved_and_the_bridge_says_why(tmp_path: Path) -> None:
    path = tmp_path / "r.opmodel"
    SessionDocument.create(path, load_template("sales")).close()
    document = SessionDocument.open(path, read_only=True)
    try:
        bridge = UndoBridge(document)
        failed: list[str] = []
        bridge.failed.connect(failed.append)
        not_saved: list[edits.Edit] = []
        session = document.session
        done = (
            EditOp(bridge, lambda: edits.add_workflow(session, "Next"))
            .on_not_saved(not_saved.append)
            .run(RefusalNotice.in_status_bar(lambda _text: None))
        )
        assert done is None and len(not_saved) == 1 and failed
    finally:
        document.close()
