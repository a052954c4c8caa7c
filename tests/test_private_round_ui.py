"""The room's side of voting: one participant list, private rounds, full views, dot badges.

Driven through the real main window on a real session file: the Voting dock enters each
participant's dots or ratings, the Voting results and Prioritisation views (tabs beside
the canvas) show only progress until Reveal, and the canvas shows dot badges after it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.facilitation.prioritisation_view import PrioritisationView
from app.facilitation.voting_results import VotingResultsView
from app.shell.window import MainWindow
from model.participants import add_participant
from model.templates import create_session
from storage.document import SessionDocument
from storage.store import read_session

LEFT = Qt.MouseButton.LeftButton
VOTERS = ("Ana Silva", "Ben Okafor", "Chen Li")


@pytest.fixture
def window(main_window: MainWindow, tmp_path: Path) -> MainWindow:
    session = create_session("sales", "sales")
    for name in VOTERS:
        add_participant(session, name).apply(session)
    add_participant(session, "Dana Wu", "Analyst", "observer").apply(session)
    path = tmp_path / "room.opmodel"
    SessionDocument.create(path, session).close()
    assert main_window.open_session(path)
    main_window.raise_dock("voting")
    QApplication.processEvents()
    return main_window


def _pick(window: MainWindow, name: str) -> None:
    panel = window.facilitation.voting
    assert panel.choose_participant(name)


def test_the_voting_dock_picks_from_the_participant_list(window: MainWindow) -> None:
    panel = window.facilitation.voting
    combo = panel.participant
    assert [combo.itemData(i) for i in range(combo.count())] == list(VOTERS)  # no observer
    QTest.mouseClick(panel.people_button, LEFT)
    QApplication.processEvents()
    assert window.docks["participants"].isVisible()
    # a participant added in the Participants dock is a voter at once, with no second entry
    people = window.facilitation.participants
    QTest.keyClicks(people.name_input, "Eve Adams")
    QTest.keyClick(people.name_input, Qt.Key.Key_Return)
    assert combo.findData("Eve Adams") == combo.count() - 1
    _pick(window, "Eve Adams")
    workflow = window.canvas.current().workflow_id
    QTest.mouseClick(panel.workflow_counters[workflow].plus, LEFT)
    QTest.keyClicks(people.name_input, "eve adams")
    QTest.keyClick(people.name_input, Qt.Key.Key_Return)
    assert "already a participant called eve adams" in people.message.text()
    assert [v["participant"] for v in window.document.session.workshop.votes] == ["Eve Adams"]


def test_a_private_dot_round_shows_only_progress_until_reveal(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    panel = window.facilitation.voting
    session = window.document.session
    tab = window.canvas.current()
    element = next(e for e in session.workflow_elements(tab.workflow_id) if e.kind == "ai_step")
    window.show_voting_results()
    results = window.views.get("voting_results")
    assert isinstance(results, VotingResultsView)
    assert window.canvas.current_view() == "voting_results"
    window.canvas.show_workflow(tab.workflow_id)  # back to the canvas to select and vote

    panel.budget.setValue(3)
    panel.start_round("dots")
    assert results.is_showing_progress()
    assert results.round_page.count.text() == "0 of 3 done"
    tab.scene.select_ids([element.id])
    QApplication.processEvents()
    for name, dots in zip(VOTERS[:2], (2, 3), strict=True):
        _pick(window, name)
        for _ in range(dots):
            QTest.mouseClick(panel.element_counter.plus, LEFT)
        assert panel.workflow_tallies[tab.workflow_id].text() == "?"  # nobody else's dots
        assert panel.others.text() == ""
        QTest.mouseClick(panel.done_button, LEFT)
        assert panel.participant_name() == ""  # handed over to the next person
    assert results.round_page.count.text() == "2 of 3 done"
    assert results.rows == []  # the room sees no entry
    assert tab.scene.element_item(element.id).dots == 0  # nor a badge on the canvas
    assert "2 of 3 done" in panel.round_state.text()

    QTest.mouseClick(panel.reveal_button, LEFT)
    assert not results.is_showing_progress()
    label = element.label
    assert any(name.startswith(label) and shown == "5 dots" for name, shown in results.rows)
    assert tab.scene.element_item(element.id).dots == 5  # the dot badge on the canvas
    # persisted, and undoable back into hiding
    saved = read_session(window.document.path)
    assert saved.workshop.private_round["status"] == "revealed"
    window.undo()
    assert results.is_showing_progress()
    assert tab.scene.element_item(element.id).dots == 0
    window.redo()
    assert tab.scene.element_item(element.id).dots == 5


def test_a_private_rating_round_puts_averages_and_spread_on_the_matrix(
    window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    panel = window.facilitation.voting
    session = window.document.session
    workflow = session.ordered_workflows()[0].id
    window.show_prioritisation()
    matrix = window.views.get("prioritisation")
    assert isinstance(matrix, PrioritisationView)
    assert window.canvas.current_view() == "prioritisation"
    assert not window.score_strip.isVisible()  # the matrix has the whole area

    panel.start_round("ratings")
    assert matrix.is_showing_progress()
    for name, value, feasibility in zip(VOTERS, (5, 3, 4), (2, 4, 4), strict=True):
        _pick(window, name)
        value_picker = panel.value_pickers[workflow]
        feasibility_picker = panel.feasibility_pickers[workflow]
        value_picker.setFocus()
        for _ in range(value):
            QTest.keyClick(value_picker, Qt.Key.Key_Up)
        feasibility_picker.setFocus()
        for _ in range(feasibility):
            QTest.keyClick(feasibility_picker, Qt.Key.Key_Up)
        QTest.mouseClick(panel.done_button, LEFT)
        assert matrix.is_showing_progress()
    assert matrix.round_page.count.text() == "3 of 3 done"
    QTest.mouseClick(panel.reveal_button, LEFT)
    assert not matrix.is_showing_progress()
    rated = session.workflows[workflow]
    assert (rated.value, rated.feasibility) == (4, 3)  # the rounded averages
    summary = matrix.scene.spreads()[workflow]
    assert summary.value_range == (3, 5) and summary.feasibility_range == (2, 4)
    bubble = matrix.scene.bubble(workflow)
    from app.facilitation.prioritisation_view import cell_centre

    exact = cell_centre(4.0, 10 / 3)
    assert abs(bubble.pos().x() - exact.x()) < 0.5 and abs(bubble.pos().y() - exact.y()) < 0.5
    assert "spread" in matrix.legend.text()
    assert "Room average: value 4.0 (3–5)" in bubble.toolTip()
    window.show_voting_results()
    results = window.views.get("voting_results")
    assert results.rows and "feasibility 3.3 (2–4)" in results.rows[0][1]


def test_views_open_as_tabs_and_close_cleanly(window: MainWindow) -> None:
    workflows = len(window.canvas.tabs)
    window.show_prioritisation()
    window.show_voting_results()
    assert window.canvas.count() == workflows + 2
    matrix = window.views.get("prioritisation")
    assert matrix.view.width() > 600  # the matrix has room: not a strip
    from app.facilitation.prioritisation_view import SCENE_RECT

    window.canvas.setCurrentWidget(matrix)
    QApplication.processEvents()
    shown = matrix.view.mapFromScene(SCENE_RECT).boundingRect()
    assert matrix.view.viewport().rect().adjusted(-2, -2, 2, 2).contains(shown)  # axes in view
    assert window.canvas.current_view() == "prioritisation"
    window.canvas.close_view("prioritisation")
    assert window.views.get("prioritisation") is None
    assert window.canvas.count() == workflows + 1
    window.canvas.setCurrentIndex(0)
    assert window.score_strip.isVisible()
