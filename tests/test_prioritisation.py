"""The use-case prioritisation matrix: drag bubbles to rate, dots as size, open on
double-click; every change is one undoable edit saved in the file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.editor.undo import UndoBridge
from app.facilitation.prioritisation_view import (
    MIN_RADIUS,
    TRAY,
    PrioritisationView,
    cell_centre,
)
from model import edits
from model.interchange import session_from_json
from model.session import Session
from model.voting import set_votes
from storage.document import SessionDocument
from storage.store import read_session

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


def _session() -> Session:
    workflows = [
        ("wf-a", "Proposal to follow-up", "exploring", 4, 4),
        ("wf-b", "Invoice matching", "pilot", 2, 5),
        ("wf-c", "Support triage", "scaling", 5, 2),
        ("wf-d", "Contract review", "exploring", None, None),
    ]
    return session_from_json(
        {
            "format": "opmodel",
            "version": 1,
            "workshop": {
                "title": "Prioritisation",
                "participants": [{"name": "Ana"}, {"name": "Ben"}],  # the voters
            },
            "workflows": [
                {"id": i, "name": n, "status": s, "value": v, "feasibility": f, "elements": []}
                for i, n, s, v, f in workflows
            ],
        }
    )


@dataclass
class Matrix:
    document: SessionDocument
    bridge: UndoBridge
    widget: PrioritisationView

    @property
    def session(self) -> Session:
        return self.document.session

    def at(self, scene_point: QPointF) -> QPoint:
        """The viewport point showing ``scene_point``."""
        return self.widget.view.mapFromScene(scene_point)

    def bubble_point(self, workflow_id: str) -> QPoint:
        bubble = self.widget.scene.bubble(workflow_id)
        assert bubble is not None
        return self.at(bubble.scenePos())


@pytest.fixture
def matrix(qtbot, tmp_path: Path) -> Iterator[Matrix]:  # type: ignore[no-untyped-def]
    document = SessionDocument.create(tmp_path / "p.opmodel", _session())
    bridge = UndoBridge(document)
    widget = PrioritisationView(bridge)
    qtbot.addWidget(widget)
    widget.resize(900, 650)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    yield Matrix(document, bridge, widget)
    widget.dispose()
    widget.close()
    document.close()


def _drag(widget, start: QPoint, end: QPoint, steps: int = 8) -> None:  # type: ignore[no-untyped-def]
    """Press at ``start``, move in steps, release at ``end``."""
    QTest.mouseMove(widget, start)
    QTest.mousePress(widget, LEFT, NO_MOD, start)
    for step in range(1, steps + 1):
        QTest.mouseMove(widget, start + (end - start) * step / steps)
    QTest.mouseRelease(widget, LEFT, NO_MOD, end)


def test_dragging_a_bubble_to_another_cell_rates_it_in_one_undoable_edit(
    matrix: Matrix,
) -> None:
    viewport = matrix.widget.view.viewport()
    history = matrix.document.history_count
    _drag(viewport, matrix.bubble_point("wf-a"), matrix.at(cell_centre(2, 1) + QPointF(12, -9)))

    workflow = matrix.session.workflows["wf-a"]
    assert (workflow.value, workflow.feasibility) == (2, 1)
    assert matrix.document.history_count == history + 1
    saved = read_session(matrix.document.path).workflows["wf-a"]
    assert (saved.value, saved.feasibility) == (2, 1)
    bubble = matrix.widget.scene.bubble("wf-a")
    assert bubble is not None
    assert bubble.scenePos() == cell_centre(2, 1)  # snapped to the cell's centre

    matrix.bridge.stack.undo()
    workflow = matrix.session.workflows["wf-a"]
    assert (workflow.value, workflow.feasibility) == (4, 4)
    assert bubble.scenePos() == cell_centre(4, 4)
    assert (read_session(matrix.document.path).workflows["wf-a"].value) == 4


def test_a_drop_on_the_same_cell_changes_nothing(matrix: Matrix) -> None:
    viewport = matrix.widget.view.viewport()
    history = matrix.document.history_count
    start = matrix.bubble_point("wf-b")
    _drag(viewport, start, start + QPoint(20, 15))
    assert matrix.document.history_count == history
    bubble = matrix.widget.scene.bubble("wf-b")
    assert bubble is not None and bubble.scenePos() == cell_centre(2, 5)


def test_dragging_from_the_tray_rates_an_unrated_workflow(matrix: Matrix) -> None:
    bubble = matrix.widget.scene.bubble("wf-d")
    assert bubble is not None and TRAY.contains(bubble.scenePos())
    viewport = matrix.widget.view.viewport()
    _drag(viewport, matrix.bubble_point("wf-d"), matrix.at(cell_centre(5, 5)))

    workflow = matrix.session.workflows["wf-d"]
    assert (workflow.value, workflow.feasibility) == (5, 5)
    assert bubble.scenePos() == cell_centre(5, 5)
    assert read_session(matrix.document.path).workflows["wf-d"].feasibility == 5

    # and dropping a rated bubble back on the tray clears its rating
    _drag(viewport, matrix.bubble_point("wf-d"), matrix.at(TRAY.center()))
    workflow = matrix.session.workflows["wf-d"]
    assert (workflow.value, workflow.feasibility) == (None, None)
    assert TRAY.contains(bubble.scenePos())


def test_the_name_drags_its_bubble(matrix: Matrix) -> None:
    bubble = matrix.widget.scene.bubble("wf-c")
    assert bubble is not None
    label_centre = bubble.label.sceneBoundingRect().center()
    viewport = matrix.widget.view.viewport()
    _drag(viewport, matrix.at(label_centre), matrix.at(cell_centre(3, 3)))
    workflow = matrix.session.workflows["wf-c"]
    assert (workflow.value, workflow.feasibility) == (3, 3)


def test_bubble_grows_with_votes_and_shrinks_on_undo(matrix: Matrix) -> None:
    bubble = matrix.widget.scene.bubble("wf-a")
    assert bubble is not None
    assert bubble.radius == MIN_RADIUS
    matrix.bridge.push(set_votes(matrix.session, "Ana", "wf-a", 3))
    grown = bubble.radius
    assert grown > MIN_RADIUS
    matrix.bridge.push(set_votes(matrix.session, "Ben", "wf-a", 2))
    assert bubble.radius > grown
    matrix.bridge.stack.undo()
    assert bubble.radius == pytest.approx(grown)


def test_bubbles_sharing_a_cell_are_fanned_out(matrix: Matrix) -> None:
    viewport = matrix.widget.view.viewport()
    _drag(viewport, matrix.bubble_point("wf-b"), matrix.at(cell_centre(4, 4)))
    scene = matrix.widget.scene
    first, second = scene.bubble("wf-a"), scene.bubble("wf-b")
    assert first is not None and second is not None
    assert first.scenePos() != second.scenePos()
    distance = (first.scenePos() - second.scenePos()).manhattanLength()
    assert distance > max(first.radius, second.radius)  # neither centre hidden
    assert not first.label.sceneBoundingRect().intersects(second.label.sceneBoundingRect())
    assert scene.rating("wf-a") == scene.rating("wf-b") == (4, 4)


def test_double_click_opens_the_workflow(matrix: Matrix, qtbot) -> None:  # type: ignore[no-untyped-def]
    history = matrix.document.history_count
    point = matrix.bubble_point("wf-c")
    QTest.mouseMove(matrix.widget.view.viewport(), point)
    with qtbot.waitSignal(matrix.widget.workflowActivated, timeout=1000) as blocker:
        QTest.mouseDClick(matrix.widget.view.viewport(), LEFT, NO_MOD, point)
    assert blocker.args == ["wf-c"]
    assert matrix.document.history_count == history


def test_edits_from_elsewhere_move_and_remove_bubbles(matrix: Matrix) -> None:
    matrix.bridge.push(edits.edit_workflow(matrix.session, "wf-c", value=1, feasibility=5))
    bubble = matrix.widget.scene.bubble("wf-c")
    assert bubble is not None and bubble.scenePos() == cell_centre(1, 5)
    matrix.bridge.push(edits.delete_workflow(matrix.session, "wf-c"))
    assert matrix.widget.scene.bubble("wf-c") is None
    matrix.bridge.push(edits.add_workflow(matrix.session, "Pricing", workflow_id="wf-e"))
    added = matrix.widget.scene.bubble("wf-e")
    assert added is not None and TRAY.contains(added.scenePos())
