"""Dot voting: the facilitator records each participant's dots on workflows and on the
selected element; every click is one undoable edit saved in the file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.editor.undo import UndoBridge
from app.facilitation.voting_panel import NO_ELEMENT_HINT, VotingPanel
from model.interchange import session_from_json
from model.session import Session
from model.voting import set_votes, tallies
from storage.document import SessionDocument
from storage.store import read_session

LEFT = Qt.MouseButton.LeftButton


def _session() -> Session:
    return session_from_json(
        {
            "format": "opmodel",
            "version": 1,
            "workshop": {
                "title": "Voting",
                "participants": [
                    {"name": "Ana"},
                    {"name": "Ben"},
                    {"name": "Zoe", "title": "Head of Sales"},
                    {"name": "Obi", "workshop_role": "observer"},
                ],
            },
            "workflows": [
                {
                    "id": "wf-a",
                    "name": "Proposal to follow-up",
                    "elements": [{"id": "el-draft", "kind": "ai_step", "label": "Draft proposal"}],
                },
                {"id": "wf-b", "name": "Invoice matching", "elements": []},
                {"id": "wf-c", "name": "Support triage", "elements": []},
            ],
        }
    )


@dataclass
class Voting:
    document: SessionDocument
    bridge: UndoBridge
    panel: VotingPanel

    @property
    def session(self) -> Session:
        return self.document.session

    def pick_participant(self, name: str) -> None:
        """Pick ``name`` from the participant combo, with the keyboard as a user would."""
        combo = self.panel.participant
        combo.setFocus()
        if not name:
            combo.setCurrentIndex(-1)
            return
        target = combo.findData(name)
        assert target >= 0, f"{name} is not offered"
        while combo.currentIndex() != target:
            key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
            QTest.keyClick(combo, key)

    def plus(self, workflow_id: str) -> None:
        QTest.mouseClick(self.panel.workflow_counters[workflow_id].plus, LEFT)

    def minus(self, workflow_id: str) -> None:
        QTest.mouseClick(self.panel.workflow_counters[workflow_id].minus, LEFT)


@pytest.fixture
def voting(qtbot, tmp_path: Path) -> Iterator[Voting]:  # type: ignore[no-untyped-def]
    document = SessionDocument.create(tmp_path / "v.opmodel", _session())
    bridge = UndoBridge(document)
    panel = VotingPanel(bridge)
    qtbot.addWidget(panel)
    panel.resize(420, 650)
    panel.show()
    qtbot.waitExposed(panel)
    yield Voting(document, bridge, panel)
    panel.dispose()
    panel.close()
    document.close()


def test_typed_participant_puts_a_dot_on_a_workflow(voting: Voting) -> None:
    # the voters are the participant list's sponsors and participants: an observer is not
    combo = voting.panel.participant
    assert [combo.itemData(i) for i in range(combo.count())] == ["Ana", "Ben", "Zoe"]
    assert combo.itemText(2) == "Zoe — Head of Sales"
    assert not combo.isEditable()  # picked from the one list, never typed
    voting.pick_participant("Zoe")
    assert voting.panel.participant_name() == "Zoe"
    voting.plus("wf-b")

    assert voting.session.workflows["wf-b"].votes == 1
    assert voting.session.workshop.votes == [{"participant": "Zoe", "target": "wf-b", "count": 1}]
    assert voting.panel.workflow_counters["wf-b"].count_label.text() == "1"
    assert voting.panel.workflow_tallies["wf-b"].text() == "1"
    assert "4 dots left of 5" in voting.panel.remaining.text()
    saved = read_session(voting.document.path)
    assert saved.workflows["wf-b"].votes == 1
    assert saved.workshop.votes == [{"participant": "Zoe", "target": "wf-b", "count": 1}]

    voting.bridge.stack.undo()
    assert voting.session.workflows["wf-b"].votes == 0
    assert voting.session.workshop.votes == []
    assert voting.panel.workflow_counters["wf-b"].count_label.text() == "0"
    assert voting.panel.workflow_tallies["wf-b"].text() == "0"


def test_each_participant_has_their_own_dots_and_the_tally_adds_them(voting: Voting) -> None:
    voting.pick_participant("Ana")
    voting.plus("wf-a")
    voting.plus("wf-a")
    voting.pick_participant("Ben")
    assert voting.panel.workflow_counters["wf-a"].count_label.text() == "0"
    voting.plus("wf-a")
    voting.minus("wf-a")
    voting.plus("wf-a")
    assert voting.session.workflows["wf-a"].votes == 3
    assert voting.panel.workflow_tallies["wf-a"].text() == "3"
    assert voting.panel.workflow_counters["wf-a"].count_label.text() == "1"
    assert "Ana 3 left" in voting.panel.others.text()
    assert "Zoe 5 left" in voting.panel.others.text()
    assert voting.document.history_count == 5  # one edit per click


def test_the_budget_stops_a_participant_at_their_dots(voting: Voting) -> None:
    voting.panel.budget.setValue(2)
    voting.pick_participant("Ana")
    voting.plus("wf-a")
    voting.plus("wf-b")
    assert not voting.panel.workflow_counters["wf-c"].plus.isEnabled()
    voting.plus("wf-c")  # disabled: nothing happens
    assert voting.session.workflows["wf-c"].votes == 0
    assert "0 dots left of 2" in voting.panel.remaining.text()


def test_no_participant_no_voting(voting: Voting) -> None:
    voting.pick_participant("")
    counter = voting.panel.workflow_counters["wf-a"]
    assert not counter.plus.isEnabled()
    assert "Pick the participant" in voting.panel.remaining.text()


def test_dots_on_the_selected_element(voting: Voting) -> None:
    panel = voting.panel
    assert panel.element_name.text() == NO_ELEMENT_HINT
    assert not panel.element_counter.isVisible()
    panel.set_selected_element("el-draft")
    assert "Draft proposal" in panel.element_name.text()
    assert panel.element_counter.isVisible()
    voting.pick_participant("Ana")
    QTest.mouseClick(panel.element_counter.plus, LEFT)
    QTest.mouseClick(panel.element_counter.plus, LEFT)
    QTest.mouseClick(panel.element_counter.minus, LEFT)
    assert tallies(voting.session)["el-draft"] == 1
    assert panel.element_counter.count_label.text() == "1"
    assert panel.element_tally.text() == "1 dot in all"
    assert read_session(voting.document.path).workshop.votes == [
        {"participant": "Ana", "target": "el-draft", "count": 1}
    ]
    voting.bridge.stack.undo()
    assert panel.element_counter.count_label.text() == "2"
    panel.set_selected_element(None)
    assert panel.element_name.text() == NO_ELEMENT_HINT
    assert not panel.element_counter.isVisible()


def test_votes_from_elsewhere_show_at_once(voting: Voting) -> None:
    voting.pick_participant("Ben")
    voting.bridge.push(set_votes(voting.session, "Ben", "wf-c", 4))
    assert voting.panel.workflow_counters["wf-c"].count_label.text() == "4"
    assert voting.panel.workflow_tallies["wf-c"].text() == "4"


def _answer(button: QMessageBox.StandardButton) -> None:
    """Click ``button`` on the message box as soon as it is shown."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            QTest.mouseClick(box.button(button), LEFT)
        else:
            QTimer.singleShot(10, click)

    QTimer.singleShot(0, click)


def test_clear_all_votes_asks_first_and_can_be_undone(voting: Voting) -> None:
    voting.bridge.push(set_votes(voting.session, "Ana", "wf-a", 2))
    voting.bridge.push(set_votes(voting.session, "Ben", "el-draft", 1))
    panel = voting.panel
    assert panel.clear_button.isEnabled()

    _answer(QMessageBox.StandardButton.No)
    QTest.mouseClick(panel.clear_button, LEFT)
    assert len(voting.session.workshop.votes) == 2

    _answer(QMessageBox.StandardButton.Yes)
    QTest.mouseClick(panel.clear_button, LEFT)
    assert voting.session.workshop.votes == []
    assert voting.session.workflows["wf-a"].votes == 0
    assert panel.workflow_tallies["wf-a"].text() == "0"
    assert not panel.clear_button.isEnabled()
    assert read_session(voting.document.path).workshop.votes == []

    voting.bridge.stack.undo()
    assert voting.session.workflows["wf-a"].votes == 2
    assert panel.workflow_tallies["wf-a"].text() == "2"
