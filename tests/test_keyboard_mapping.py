"""Keyboard-first mapping in the real window: Ctrl+Arrow adds the next step, Alt+Arrow
follows the connections, every palette kind can be added without a mouse, N puts a note
at a free spot near the pointer, and the canvas tells screen readers what is selected."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.shell.window import MainWindow
from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH
from model.connections import connection_meaning
from model.kinds import KINDS
from model.placement import is_free
from model.templates import create_session
from storage.document import SessionDocument

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(main_window: MainWindow, tmp_path: Path) -> MainWindow:
    path = tmp_path / "sales.opmodel"
    SessionDocument.create(path, create_session("sales", "sales")).close()
    assert main_window.open_session(path)
    QApplication.processEvents()
    return main_window


def _focus(window: MainWindow) -> None:
    window.canvas.current().view.setFocus()
    QApplication.processEvents()


def _no_overlaps(window: MainWindow) -> None:
    session = window.document.session
    workflow = window.canvas.current().workflow_id
    boxes = [(e.id, e.x, e.y) for e in session.workflow_elements(workflow)]
    for ident, x, y in boxes:
        others = [(bx, by) for other, bx, by in boxes if other != ident]
        assert is_free(x, y, others, gap=0), f"{ident} overlaps another element"


def test_ctrl_arrow_adds_a_connected_next_step_in_that_direction(window: MainWindow) -> None:
    session = window.document.session
    tab = window.canvas.current()
    outcome = next(e for e in session.workflow_elements(tab.workflow_id) if e.kind == "outcome")
    step = next(e for e in session.workflow_elements(tab.workflow_id) if e.kind == "step")
    tab.scene.select_ids([step.id])
    _focus(window)
    QTest.keyClick(tab.view, Qt.Key.Key_Down, CTRL)
    [new_id] = tab.scene.selected_element_ids()
    new = session.elements[new_id]
    assert new.kind == "step" and new.y > step.y  # below
    link = next(c for c in session.connections.values() if c.target == new_id)
    assert link.source == step.id
    assert connection_meaning(step.kind, new.kind) == "flow"
    assert window.bridge.stack.undoText() == f"Add a step after '{step.label}'"
    QTest.keyClick(tab.view, Qt.Key.Key_Right, CTRL)  # and on from the new one
    [third] = tab.scene.selected_element_ids()
    assert session.elements[third].x > new.x
    _no_overlaps(window)
    window.undo()
    assert third not in session.elements

    # an outcome cannot lead on: the sentence shows beside it and in the status bar
    tab.scene.select_ids([outcome.id])
    _focus(window)
    count = len(session.elements)
    QTest.keyClick(tab.view, Qt.Key.Key_Right, CTRL)
    assert len(session.elements) == count
    assert tab.scene.note_text == "An outcome cannot start a connection; connect into it."
    assert window.statusBar().currentMessage() == tab.scene.note_text


def test_alt_arrow_follows_the_connections(window: MainWindow) -> None:
    session = window.document.session
    tab = window.canvas.current()
    tab.scene.clearSelection()
    _focus(window)
    QTest.keyClick(tab.view, Qt.Key.Key_Right, ALT)
    [first] = tab.scene.selected_element_ids()
    assert session.elements[first].kind == "trigger"
    QTest.keyClick(tab.view, Qt.Key.Key_Right, ALT)
    [second] = tab.scene.selected_element_ids()
    assert any(c.source == first and c.target == second for c in session.connections.values()), (
        "moved along a connection"
    )
    QTest.keyClick(tab.view, Qt.Key.Key_Left, ALT)
    assert tab.scene.selected_element_ids() == [first]
    # the canvas says what is selected, for screen readers
    view = tab.view
    trigger = session.elements[first]
    assert view.accessibleName() == f"Trigger: {trigger.label}"
    assert "Leads to" in view.accessibleDescription()
    assert f"'{session.elements[second].label}'" in view.accessibleDescription()


@pytest.mark.parametrize("kind", [k for k in KINDS])
def test_every_palette_kind_can_be_added_without_a_mouse(window: MainWindow, kind) -> None:  # type: ignore[no-untyped-def]
    session = window.document.session
    tab = window.canvas.current()
    _focus(window)
    QTest.keyClick(tab.view, Qt.Key.Key_A)  # Add element…: the cursor goes to the palette
    assert window.palette.filter_edit.hasFocus()
    QTest.keyClicks(window.palette.filter_edit, kind.name)
    QTest.keyClick(window.palette.filter_edit, Qt.Key.Key_Down)  # into the list
    list_ = window.palette.list
    while list_.currentItem().data(0, Qt.ItemDataRole.UserRole + 1) != kind.id:
        QTest.keyClick(list_, Qt.Key.Key_Down)
    before = set(session.elements)
    QTest.keyClick(list_, Qt.Key.Key_Return)
    [new_id] = set(session.elements) - before
    assert session.elements[new_id].kind == kind.id
    assert tab.scene.selected_element_ids() == [new_id]
    assert tab.view.hasFocus()  # back on the canvas, ready for Ctrl+Arrow or F2
    _no_overlaps(window)


def test_n_puts_a_sticky_note_at_a_free_spot_near_the_pointer(window: MainWindow) -> None:
    session = window.document.session
    tab = window.canvas.current()
    _focus(window)
    element = session.workflow_elements(tab.workflow_id)[1]
    over = QPointF(element.x + ELEMENT_WIDTH / 2, element.y + ELEMENT_HEIGHT / 2)
    QTest.mouseMove(tab.view.viewport(), tab.view.mapFromScene(over))
    QTest.keyClick(tab.view, Qt.Key.Key_N)
    notes = [e for e in session.elements.values() if e.kind == "note"]
    assert len(notes) == 1
    note = notes[0]
    assert tab.scene.selected_element_ids() == [note.id]
    _no_overlaps(window)  # not on top of the element under the pointer
    centre = QPointF(note.x + ELEMENT_WIDTH / 2, note.y + ELEMENT_HEIGHT / 2)
    assert (centre - over).manhattanLength() < 3 * ELEMENT_HEIGHT + ELEMENT_WIDTH  # nearby
