"""Participants, parking lot and sticky-note quick-add, driven with real events."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget

from app.editor.undo import UndoBridge
from app.facilitation.parking_lot_panel import ParkingLotPanel
from app.facilitation.people_panel import ROLE_COLUMN, TITLE_COLUMN, ParticipantsPanel
from model.templates import load_template
from model.voting import set_votes, votes_of
from storage.document import SessionDocument


@pytest.fixture
def bridge(tmp_path: Path) -> Iterator[UndoBridge]:
    document = SessionDocument.create(tmp_path / "s.opmodel", load_template("sales"))
    yield UndoBridge(document)
    document.close()


def _show(qtbot, widget: QWidget, width: int = 440, height: int = 420) -> None:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def _editor(qtbot, view: QAbstractItemView) -> QLineEdit:  # type: ignore[no-untyped-def]
    """The in-place editor that just opened in ``view`` (it has the keyboard focus)."""

    def editing() -> bool:
        focus = QApplication.focusWidget()
        return isinstance(focus, QLineEdit) and view.isAncestorOf(focus)

    qtbot.waitUntil(editing, timeout=1000)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    return editor


def _type_into_editor(qtbot, view: QAbstractItemView, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replace the text of the in-place editor that just opened, then press Enter."""
    editor = _editor(qtbot, view)
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def _double_click(view: QAbstractItemView, center: QPoint) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


# -- participants ----------------------------------------------------------------------------
def _add(panel: ParticipantsPanel, name: str, title: str, *, enter: bool = True) -> None:
    QTest.keyClicks(panel.name_input, name)
    QTest.keyClicks(panel.title_input, title)
    if enter:
        QTest.keyClick(panel.title_input, Qt.Key.Key_Return)
    else:
        QTest.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)


def test_participants_add_edit_role_remove_undo_and_persist(qtbot, bridge: UndoBridge) -> None:  # type: ignore[no-untyped-def]
    panel = ParticipantsPanel(bridge)
    _show(qtbot, panel)
    workshop = lambda: bridge.document.session.workshop  # noqa: E731
    assert panel.heading.text() == "No participants yet"

    QTest.keyClick(panel.role_input, Qt.Key.Key_Up)  # participant → sponsor
    _add(panel, "Ana Souza", "Chief Revenue Officer")
    _add(panel, "Ben", "Sales Ops", enter=False)
    assert [(p.name, p.title, p.workshop_role) for p in workshop().participants] == [
        ("Ana Souza", "Chief Revenue Officer", "sponsor"),
        ("Ben", "Sales Ops", "participant"),
    ]
    assert panel.shown_participants() == [
        ("Ana Souza", "Chief Revenue Officer", "sponsor"),
        ("Ben", "Sales Ops", "participant"),
    ]
    assert panel.name_input.text() == "" and panel.heading.text() == "2 participants"
    assert bridge.stack.undoText() == "Add participant Ben"

    # Refusals: no name, a name already taken.
    history = bridge.document.history_count
    QTest.keyClick(panel.name_input, Qt.Key.Key_Return)
    assert panel.message.isVisible() and "name" in panel.message.text()
    _add(panel, "Ben", "Twin")
    assert "already a participant called Ben" in panel.message.text()
    assert bridge.document.history_count == history
    panel.name_input.clear()
    panel.title_input.clear()

    # Edit Ben's title in place (double-click), then his name with F2.
    table = panel.table
    _double_click(table, table.visualItemRect(table.item(1, TITLE_COLUMN)).center())
    _type_into_editor(qtbot, table, "Head of Sales Operations")
    assert workshop().participants[1].title == "Head of Sales Operations"
    assert panel.message.isHidden()

    workflow = bridge.document.session.ordered_workflows()[0].id
    bridge.push(set_votes(bridge.document.session, "Ben", workflow, 2))
    table.setCurrentCell(1, 0)
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_F2)
    _type_into_editor(qtbot, table, "Ben Okafor")
    assert workshop().participants[1].name == "Ben Okafor"
    assert votes_of(bridge.document.session, "Ben Okafor") == {workflow: 2}  # dots follow
    assert bridge.document.session.workflows[workflow].votes == 2

    # Change the role with the row's combo box (keyboard: Down).
    combo = table.cellWidget(1, ROLE_COLUMN)
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)  # participant → observer
    assert workshop().participants[1].workshop_role == "observer"
    assert bridge.stack.undoText() == "Make Ben Okafor observer"

    # Remove Ana: click her row, press Delete.
    QTest.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualItemRect(table.item(0, 0)).center(),
    )
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Delete)
    assert [p.name for p in workshop().participants] == ["Ben Okafor"]
    assert panel.shown_participants() == [("Ben Okafor", "Head of Sales Operations", "observer")]

    bridge.stack.undo()
    assert [p.name for p in workshop().participants] == ["Ana Souza", "Ben Okafor"]
    assert panel.shown_participants()[0] == ("Ana Souza", "Chief Revenue Officer", "sponsor")
    bridge.stack.undo()  # the role
    assert panel.shown_participants()[1][2] == "participant"

    image = panel.grab()
    assert image.save(str(bridge.document.path.with_suffix(".participants.png")))
    panel.dispose()
    path = bridge.document.path
    bridge.document.close()
    reopened = SessionDocument.open(path)
    try:
        assert [
            (p.name, p.title, p.workshop_role) for p in reopened.session.workshop.participants
        ] == [
            ("Ana Souza", "Chief Revenue Officer", "sponsor"),
            ("Ben Okafor", "Head of Sales Operations", "participant"),
        ]
    finally:
        reopened.close()


def test_participant_name_cannot_be_blanked(qtbot, bridge: UndoBridge) -> None:  # type: ignore[no-untyped-def]
    panel = ParticipantsPanel(bridge)
    _show(qtbot, panel)
    _add(panel, "Chloe", "DPO")
    history = bridge.document.history_count
    table = panel.table
    _double_click(table, table.visualItemRect(table.item(0, 0)).center())
    editor = _editor(qtbot, table)
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on a queued call
    assert "needs a name" in panel.message.text()
    assert table.item(0, 0).text() == "Chloe"
    assert bridge.document.history_count == history

    # Scrolling over an unfocused role combo does not change the role.
    combo = table.cellWidget(0, ROLE_COLUMN)
    table.setFocus()
    centre = QPointF(combo.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(combo.mapToGlobal(combo.rect().center())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(combo, wheel)
    assert combo.currentData() == "participant"
    assert bridge.document.history_count == history
    panel.dispose()


# -- parking lot ----------------------------------------------------------------------------
def _park(panel: ParkingLotPanel, text: str) -> None:
    QTest.keyClicks(panel.input, text)
    QTest.keyClick(panel.input, Qt.Key.Key_Return)


def test_parking_lot_add_edit_move_remove_undo_and_persist(qtbot, bridge: UndoBridge) -> None:  # type: ignore[no-untyped-def]
    panel = ParkingLotPanel(bridge)
    _show(qtbot, panel, 380, 380)
    parked = lambda: bridge.document.session.workshop.parking_lot  # noqa: E731
    assert panel.heading.text() == "Parking lot is empty"
    _park(panel, "Who pays for the CRM clean-up?")
    _park(panel, "EU AI Act tier of lead scoring")
    assert parked() == ["Who pays for the CRM clean-up?", "EU AI Act tier of lead scoring"]
    assert panel.shown_items() == parked()
    assert panel.input.text() == "" and panel.heading.text() == "Parking lot: 2 items"

    history = bridge.document.history_count
    QTest.keyClick(panel.input, Qt.Key.Key_Return)  # nothing typed: refused
    assert panel.message.isVisible()
    assert bridge.document.history_count == history

    # Edit the first item in place.
    lst = panel.list
    _double_click(lst, lst.visualItemRect(lst.item(0)).center())
    _type_into_editor(qtbot, lst, "Who funds the CRM data clean-up?")
    assert parked()[0] == "Who funds the CRM data clean-up?"

    # Move the second item up with the button, then back down with Ctrl+Down.
    QTest.mouseClick(
        lst.viewport(), Qt.MouseButton.LeftButton, pos=lst.visualItemRect(lst.item(1)).center()
    )
    assert panel.up_button.isEnabled() and not panel.down_button.isEnabled()
    QTest.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    assert parked() == ["EU AI Act tier of lead scoring", "Who funds the CRM data clean-up?"]
    assert lst.currentRow() == 0
    lst.setFocus()
    QTest.keyClick(lst, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert parked() == ["Who funds the CRM data clean-up?", "EU AI Act tier of lead scoring"]
    assert lst.currentRow() == 1

    # Remove the selected (second) item with Delete, the first with the button.
    QTest.keyClick(lst, Qt.Key.Key_Delete)
    assert parked() == ["Who funds the CRM data clean-up?"]
    QTest.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert parked() == [] and panel.shown_items() == []

    bridge.stack.undo()
    bridge.stack.undo()
    assert panel.shown_items() == [
        "Who funds the CRM data clean-up?",
        "EU AI Act tier of lead scoring",
    ]
    bridge.stack.undo()  # the Ctrl+Down move
    assert panel.shown_items()[0] == "EU AI Act tier of lead scoring"

    image = panel.grab()
    assert image.save(str(bridge.document.path.with_suffix(".parking.png")))
    panel.dispose()
    path = bridge.document.path
    bridge.document.close()
    reopened = SessionDocument.open(path)
    try:
        assert reopened.session.workshop.parking_lot == [
            "EU AI Act tier of lead scoring",
            "Who funds the CRM data clean-up?",
        ]
    finally:
        reopened.close()


def test_parked_item_cannot_be_emptied(qtbot, bridge: UndoBridge) -> None:  # type: ignore[no-untyped-def]
    panel = ParkingLotPanel(bridge)
    _show(qtbot, panel, 380, 380)
    _park(panel, "Pilot timeline")
    history = bridge.document.history_count
    lst = panel.list
    lst.setCurrentRow(0)
    lst.setFocus()
    QTest.keyClick(lst, Qt.Key.Key_F2)
    _type_into_editor(qtbot, lst, "   ")
    assert "needs text" in panel.message.text()
    assert panel.shown_items() == ["Pilot timeline"]
    assert bridge.document.history_count == history
    panel.dispose()
