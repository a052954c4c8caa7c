"""Snapshots dock and canvas highlights, driven by real clicks and keys on shown widgets.

Each test works on a real session file: snapshots are taken, restored, compared and
deleted through the panel's widgets, and the outcome is checked in the session, the file
and the canvas scenes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QTreeWidgetItem

from app.editor.session_view import SessionView
from app.editor.undo import UndoBridge
from app.facilitation.snapshots_panel import CURRENT, SnapshotsPanel
from canvas.items import MARK_COLORS, MARK_GAP, MARK_WIDTH
from canvas.scene import WorkflowScene
from canvas.view import CanvasView
from model import edits
from model.appearance import ELEMENT_HEIGHT
from model.interchange import session_from_json, session_to_json
from model.session import Session
from model.templates import load_template
from storage.document import SessionDocument

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@dataclass
class Room:
    """A shown snapshots panel beside the canvas tabs, on a real session file."""

    path: Path
    document: SessionDocument
    bridge: UndoBridge
    canvas: SessionView
    panel: SnapshotsPanel

    @property
    def session(self) -> Session:
        return self.document.session

    @property
    def workflow_id(self) -> str:
        return self.session.ordered_workflows()[0].id

    def click_button(self, button: QPushButton) -> None:
        assert button.isEnabled(), button.text()
        QTest.mouseClick(button, LEFT)

    def click_entry(self, snapshot_id: str, modifier: Qt.KeyboardModifier = NO_MOD) -> None:
        """Click a snapshot (or CURRENT) in the list."""
        listing = self.panel.snapshot_list
        item = self.panel.item_for(snapshot_id)
        assert item is not None
        listing.scrollToItem(item)
        QTest.mouseClick(listing.viewport(), LEFT, modifier, listing.visualItemRect(item).center())

    def click_row(self, group: str, title: str) -> None:
        """Click the row titled ``title`` under ``group`` in the comparison list."""
        tree = self.panel.diff_tree
        heading = self.panel.group_item(group)
        assert heading is not None
        row: QTreeWidgetItem | None = None
        for index in range(heading.childCount()):
            child = heading.child(index)
            if child.text(0).split("\n")[0] == title:
                row = child
        assert row is not None, f"{title!r} not listed under {group}"
        tree.scrollToItem(row)
        QTest.mouseClick(tree.viewport(), LEFT, NO_MOD, tree.visualItemRect(row).center())

    def compare(self, older: str, newer: str) -> None:
        self.click_entry(older)
        self.click_entry(newer, CTRL)
        self.click_button(self.panel.compare_button)


@pytest.fixture
def room(qtbot, tmp_path: Path) -> Iterator[Room]:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.opmodel"
    document = SessionDocument.create(path, load_template("sales"))
    bridge = UndoBridge(document)
    canvas = SessionView(bridge)
    canvas.resize(1000, 700)
    canvas.show()
    panel = SnapshotsPanel(bridge, canvas)
    panel.resize(380, 800)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitExposed(canvas)
    yield Room(path, document, bridge, canvas, panel)
    panel.dispose()
    panel.close()
    canvas.dispose()
    canvas.close()
    shiboken6.delete(panel)
    shiboken6.delete(canvas)
    document.close()


def _answer_confirmation(qtbot, button_text: str) -> None:  # type: ignore[no-untyped-def]
    """Once the confirmation box is up, click its button labelled ``button_text``."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
        QTest.mouseClick(button, LEFT)

    QTimer.singleShot(0, answer)


def _make_edits(room: Room) -> dict[str, str]:
    """Delete one element, move one, add one; returns their ids by role."""
    session = room.session
    elements = session.workflow_elements(room.workflow_id)
    removed, moved = elements[0], elements[1]
    room.bridge.push(edits.delete_elements(session, [removed.id]))
    room.bridge.push(edits.move_elements(session, {moved.id: (moved.x + 40, moved.y + 120)}))
    added = edits.add_element(
        session, room.workflow_id, "control", label="Human approves offers", x=-400, y=600
    )
    room.bridge.push(added)
    (added_id,) = added.touched("element")
    return {"removed": removed.id, "moved": moved.id, "added": added_id}


def _take(room: Room, name: str) -> str:
    QTest.mouseClick(room.panel.name_edit, LEFT)
    QTest.keyClicks(room.panel.name_edit, name)
    QTest.keyClick(room.panel.name_edit, Qt.Key.Key_Return)
    return room.document.snapshots()[-1].id


# -- taking -------------------------------------------------------------------------------


def test_take_snapshot_with_enter_lists_and_persists(room: Room) -> None:
    assert room.panel.name_edit.placeholderText() == "e.g. before day 2"
    _take(room, "before day 2")
    listing = room.panel.snapshot_list
    assert listing.count() == 2
    assert listing.item(0).text().startswith("before day 2\n")
    assert listing.item(1).text().startswith("Current session")
    assert room.panel.name_edit.text() == ""
    QTest.mouseClick(room.panel.take_button, LEFT)  # a blank name gets a numbered one
    assert [s.name for s in room.document.snapshots()] == ["before day 2", "Snapshot 2"]
    reopened = SessionDocument.open(room.path, read_only=True)  # the panel still holds it
    try:
        assert [s.name for s in reopened.snapshots()] == ["before day 2", "Snapshot 2"]
        saved = reopened.snapshot_session(reopened.snapshots()[0].id)
        assert session_to_json(saved) == session_to_json(room.session)
    finally:
        reopened.close()


# -- comparing with the current session ---------------------------------------------------


def test_compare_with_current_lists_highlights_and_follows_edits(room: Room) -> None:
    snapshot_id = _take(room, "before day 2")
    ids = _make_edits(room)
    labels = {role: room.session.elements[i].label for role, i in ids.items() if role != "removed"}
    removed_label = room.document.snapshot_session(snapshot_id).elements[ids["removed"]].label
    panel = room.panel
    room.click_entry(snapshot_id)
    room.click_entry(CURRENT, CTRL)
    assert panel.selected_ids() == [snapshot_id, CURRENT]
    assert not panel.restore_button.isEnabled()  # restore needs exactly one snapshot
    room.click_button(panel.compare_button)

    rows = panel.diff_rows()
    assert rows["added"] == [labels["added"]]
    assert removed_label in rows["removed"]
    assert all(removed_label in title for title in rows["removed"])  # and its connections
    assert rows["changed"] == [labels["moved"]]
    assert panel.entries()["changed"][0].detail == "moved"
    assert panel.group_item("added").text(0) == "Added (1)"
    assert panel.group_item("changed").text(0) == "Changed (1)"
    assert panel.group_item("removed").text(0) == f"Removed ({len(rows['removed'])})"
    assert "before day 2" in panel.diff_title.text()

    room.click_button(panel.show_button)
    tab = room.canvas.tab_for(room.workflow_id)
    assert tab.scene.highlights() == {ids["added"]: "added", ids["moved"]: "changed"}
    assert tab.scene.element_item(ids["added"]).mark == "added"
    assert tab.scene.element_item(ids["moved"]).mark == "changed"

    room.click_row("changed", labels["moved"])
    assert tab.scene.selected_element_ids() == [ids["moved"]]
    centre = tab.view.mapToScene(tab.view.viewport().rect().center())
    item = tab.scene.element_item(ids["moved"])
    assert item.sceneBoundingRect().adjusted(-60, -60, 60, 60).contains(centre)
    room.click_row("removed", removed_label)
    assert "removed — not on the canvas" in panel.hint.text()

    # An edit while comparing: the list and the rings follow it.
    other = room.session.workflow_elements(room.workflow_id)[3]
    room.bridge.push(edits.update_element(room.session, other.id, label="Renamed live"))
    assert "Renamed live" in panel.diff_rows()["changed"]
    assert tab.scene.highlights()[other.id] == "changed"
    room.bridge.stack.undo()
    assert "Renamed live" not in panel.diff_rows()["changed"]
    assert other.id not in tab.scene.highlights()

    room.click_button(panel.clear_button)
    assert all(t.scene.highlights() == {} for t in room.canvas.tabs)
    assert all(i.mark is None for i in tab.scene.element_items())


def test_one_selected_snapshot_compares_with_the_current_session(room: Room) -> None:
    snapshot_id = _take(room, "start")
    ids = _make_edits(room)
    room.click_entry(snapshot_id)
    room.click_button(room.panel.compare_button)
    assert room.panel.comparing == (snapshot_id, CURRENT)
    assert [e.ident for e in room.panel.entries()["added"]] == [ids["added"]]


# -- restoring and deleting -----------------------------------------------------------------


def test_restore_via_the_button_is_undoable(room: Room, qtbot) -> None:  # type: ignore[no-untyped-def]
    snapshot_id = _take(room, "before day 2")
    original = session_to_json(room.session)
    _make_edits(room)
    room.bridge.push(edits.add_workflow(room.session, "Extra"))
    edited = session_to_json(room.session)
    assert edited != original
    room.click_entry(snapshot_id)
    _answer_confirmation(qtbot, "Cancel")
    room.click_button(room.panel.restore_button)
    assert session_to_json(room.session) == edited

    _answer_confirmation(qtbot, "Restore")
    room.click_button(room.panel.restore_button)
    restored = session_to_json(room.session)
    assert restored == session_to_json(room.document.snapshot_session(snapshot_id))
    assert restored == original
    assert len(room.canvas.tabs) == len(room.session.workflows)
    assert "Restored" in room.panel.hint.text()

    room.bridge.stack.undo()
    assert session_to_json(room.session) == edited
    assert len(room.canvas.tabs) == len(room.session.workflows)


def test_delete_a_snapshot_after_confirmation(room: Room, qtbot) -> None:  # type: ignore[no-untyped-def]
    first = _take(room, "morning")
    second = _take(room, "afternoon")
    room.compare(first, CURRENT)
    assert room.panel.comparing == (first, CURRENT)
    room.click_entry(first)
    _answer_confirmation(qtbot, "Cancel")
    room.click_button(room.panel.delete_button)
    assert [s.id for s in room.document.snapshots()] == [first, second]

    _answer_confirmation(qtbot, "Delete")
    room.click_button(room.panel.delete_button)
    assert [s.id for s in room.document.snapshots()] == [second]
    assert room.panel.item_for(first) is None
    assert room.panel.snapshot_list.count() == 2
    assert room.panel.comparing is None  # the comparison used the deleted snapshot
    assert room.panel.diff_tree.topLevelItemCount() == 0


# -- comparing two snapshots ----------------------------------------------------------------


def test_compare_two_snapshots(room: Room) -> None:
    start = _take(room, "start")
    ids = _make_edits(room)
    end = _take(room, "end")
    later = room.session.workflow_elements(room.workflow_id)[2]
    room.bridge.push(edits.update_element(room.session, later.id, label="After the end"))
    room.compare(start, end)
    panel = room.panel
    assert panel.comparing == (start, end)
    assert [e.ident for e in panel.entries()["added"]] == [ids["added"]]
    assert [e.ident for e in panel.entries()["changed"]] == [ids["moved"]]
    assert ids["removed"] in {e.ident for e in panel.entries()["removed"]}
    assert "“start” → “end”" in panel.diff_title.text()

    room.click_button(panel.show_button)  # the canvas shows now, not "end": explained
    assert all(t.scene.highlights() == {} for t in room.canvas.tabs)
    assert "Current session" in panel.hint.text()

    room.bridge.push(edits.delete_elements(room.session, [ids["added"]]))
    assert [e.ident for e in panel.entries()["added"]] == [ids["added"]]  # snapshots stay
    room.click_row("added", "Human approves offers")
    assert "not on the canvas" in panel.hint.text()


def test_dispose_clears_highlights_and_stops_listening(room: Room) -> None:
    snapshot_id = _take(room, "start")
    ids = _make_edits(room)
    room.compare(snapshot_id, CURRENT)
    room.click_button(room.panel.show_button)
    tab = room.canvas.tab_for(room.workflow_id)
    assert tab.scene.highlights()
    room.panel.dispose()
    assert tab.scene.highlights() == {}
    room.bridge.push(edits.delete_elements(room.session, [ids["moved"]]))
    assert ids["moved"] in {e.ident for e in room.panel.entries()["changed"]}


# -- the canvas rings -------------------------------------------------------------------------

WF = "wf-rings"


def _ring_session() -> Session:
    spots = [("a", "step", 0, 0), ("b", "ai_step", 400, 0), ("c", "data", 0, 300)]
    return session_from_json(
        {
            "format": "opmodel",
            "version": 1,
            "workshop": {"title": "Rings"},
            "workflows": [
                {
                    "id": WF,
                    "name": "Rings",
                    "elements": [
                        {"id": i, "kind": k, "label": i.upper(), "x": x, "y": y, "props": {}}
                        for i, k, x, y in spots
                    ],
                    "connections": [],
                }
            ],
        }
    )


def _ring_pixel(view: CanvasView, scene: WorkflowScene, element_id: str) -> QColor:
    """The colour where the ring of ``element_id`` is drawn: left of its box, mid-height."""
    item = scene.element_item(element_id)
    edge = view.mapFromScene(QPointF(item.left, item.top + ELEMENT_HEIGHT / 2))
    offset = round(MARK_GAP + MARK_WIDTH / 2)  # screen px, at zoom 1 and in the overview
    image = view.viewport().grab().toImage()
    return QColor(image.pixel(edge - QPoint(offset, 0)))


def test_set_highlights_draws_rings_at_every_zoom_and_clears(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = SessionDocument.create(tmp_path / "r.opmodel", _ring_session())
    scene = WorkflowScene(document.session, WF)
    view = CanvasView(scene)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    view.centerOn(QPointF(290, 190))
    green, amber = QColor(MARK_COLORS["added"]), QColor(MARK_COLORS["changed"])
    try:
        assert _ring_pixel(view, scene, "a") != green
        scene.set_highlights({"a": "added", "b": "changed"})
        assert scene.highlights() == {"a": "added", "b": "changed"}
        assert _ring_pixel(view, scene, "a") == green
        assert _ring_pixel(view, scene, "b") == amber
        assert _ring_pixel(view, scene, "c") != green

        view.set_zoom(0.2)  # the overview layer draws the boxes now
        assert scene.overview
        view.centerOn(QPointF(290, 190))
        assert _ring_pixel(view, scene, "a") == green
        assert _ring_pixel(view, scene, "b") == amber
        view.reset_zoom()
        view.centerOn(QPointF(290, 190))

        # An element that comes back (undo of its deletion) is ringed again.
        deletion = edits.delete_elements(document.session, ["a"])
        document.execute(deletion)
        scene.apply_edit(deletion)
        assert scene.element_item("a") is None
        document.undo()
        scene.apply_edit(deletion)
        assert scene.element_item("a").mark == "added"

        scene.set_highlights({})
        assert scene.highlights() == {}
        assert _ring_pixel(view, scene, "a") != green
        assert _ring_pixel(view, scene, "b") != amber
        with pytest.raises(ValueError, match="unknown highlight"):
            scene.set_highlights({"a": "removed"})
    finally:
        view.close()
        view.setScene(None)
        shiboken6.delete(scene)
        document.close()
