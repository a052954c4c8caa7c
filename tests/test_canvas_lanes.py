"""Role lanes and routes on the canvas: the same routes as the model, lanes drawn, live reroute.

Real scenes on real session files; the canvas's routes are compared with
:func:`model.routing.session_routes` (what the PDF and the JSON export draw).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.editor.canvas_controller import CanvasController
from app.editor.undo import UndoBridge
from canvas.scene import WorkflowScene
from canvas.view import CanvasView
from model.appearance import LANE_HEADER_FILL
from model.edits import move_elements, set_layers
from model.layout import auto_layout_edit
from model.routing import session_routes
from model.templates import load_template
from storage.document import SessionDocument

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def sales(qtbot, tmp_path: Path) -> Iterator[tuple[SessionDocument, WorkflowScene, CanvasView]]:  # type: ignore[no-untyped-def]
    document = SessionDocument.create(tmp_path / "sales.opmodel", load_template("sales"))
    bridge = UndoBridge(document)
    scene = WorkflowScene(document.session, "wf-sales")
    view = CanvasView(scene)
    controller = CanvasController(scene, bridge)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    qtbot.waitExposed(view)
    view.set_zoom(0.5)
    view.centerOn(scene.content_rect().center())
    QApplication.processEvents()
    yield document, scene, view
    controller.dispose()
    view.setScene(None)
    shiboken6.delete(scene)
    document.close()


def _canvas_routes(scene: WorkflowScene) -> dict[str, object]:
    return {item.connection_id: item.route() for item in scene.connection_items()}


def test_canvas_draws_the_routes_of_the_model(sales) -> None:  # type: ignore[no-untyped-def]
    document, scene, _ = sales
    assert _canvas_routes(scene) == session_routes(document.session, "wf-sales")


def test_lanes_are_drawn_and_their_responsibilities_are_not(sales) -> None:  # type: ignore[no-untyped-def]
    document, scene, view = sales
    lanes = scene.lanes()
    assert [lane.role for lane in lanes] == [
        "s-role-ops",
        "s-role-ae",
        "s-role-revops",
        "s-role-manager",
    ]
    hidden = {item.connection_id for item in scene.connection_items() if not item.isVisible()}
    session = document.session
    responsibilities = {
        c.id
        for c in session.workflow_connections("wf-sales")
        if session.elements[c.source].kind == "role"
    }
    # every step, control and metric of sales sits in the lane of its role: no role line
    assert hidden == responsibilities
    assert {"s-c12", "s-c20", "s-c18"} <= hidden  # a step, a control, a metric
    # the header column of a lane is painted on screen (left of the role box)
    header = scene.element_item("s-role-ae")
    assert header is not None
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    spot = view.mapFromScene(header.left - 10, header.top + 10)
    assert QColor(image.pixel(spot)) == QColor(LANE_HEADER_FILL)
    # and the scene counts the lanes in its content (fit to view shows them whole)
    assert scene.content_rect().contains(lanes[0].band.x + 1, lanes[0].band.y + 1)


def test_moving_a_step_out_of_its_lane_draws_its_responsibility(sales) -> None:  # type: ignore[no-untyped-def]
    document, scene, _ = sales
    connection = scene.connection_item("s-c15")  # ops analyst is responsible for availability
    assert connection is not None and not connection.isVisible()
    document.execute(move_elements(document.session, {"s-availability": (1000, 2000)}))
    assert connection.isVisible() and connection.route() is not None
    assert _canvas_routes(scene) == session_routes(document.session, "wf-sales")
    document.undo()
    assert not connection.isVisible()


def test_routes_follow_a_drag_and_match_the_model_after_the_drop(sales) -> None:  # type: ignore[no-untyped-def]
    document, scene, view = sales
    item = scene.element_item("s-data-pricing")
    connection = scene.connection_item("s-c29")  # pricing feeds draft
    assert item is not None and connection is not None
    before = connection.path().boundingRect()
    viewport = view.viewport()
    start = view.mapFromScene(item.center())
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, LEFT, NO_MOD, start)
    for step in range(1, 5):
        QTest.mouseMove(viewport, start + QPoint(0, 30 * step))
    during = connection.path().boundingRect()
    assert during.bottom() > before.bottom() + 100  # rerouted live, from the moved box
    QTest.mouseRelease(viewport, LEFT, NO_MOD, start + QPoint(0, 120))
    assert document.session.elements["s-data-pricing"].y > 520
    assert _canvas_routes(scene) == session_routes(document.session, "wf-sales")


def test_moving_a_lane_header_moves_its_lane(sales) -> None:  # type: ignore[no-untyped-def]
    _, scene, _ = sales
    [lane] = [lane for lane in scene.lanes() if lane.role == "s-role-manager"]
    header = scene.element_item("s-role-manager")
    assert header is not None
    header.setPos(header.left, header.top + 200)
    [moved] = [lane for lane in scene.lanes() if lane.role == "s-role-manager"]
    assert moved.band.y == lane.band.y + 200
    # the gate stayed: it is no longer in its role's lane, so its responsibility is drawn
    gate = scene.connection_item("s-c16")
    assert gate is not None and gate.isVisible()


def test_auto_layout_of_a_moved_workflow_is_one_undoable_edit(sales) -> None:  # type: ignore[no-untyped-def]
    document, scene, _ = sales
    session = document.session
    laid_out = (session.elements["s-draft"].x, session.elements["s-draft"].y)
    document.execute(move_elements(session, {"s-draft": (3000, 3000), "s-review": (40, 3000)}))
    edit = auto_layout_edit(session, "wf-sales")
    assert edit.touched("element") == {"s-draft", "s-review"}
    document.execute(edit)
    assert (session.elements["s-draft"].x, session.elements["s-draft"].y) == laid_out
    assert _canvas_routes(scene) == session_routes(session, "wf-sales")
    document.undo()
    assert session.elements["s-draft"].x == 3000
    assert _canvas_routes(scene) == session_routes(session, "wf-sales")


def test_an_image_export_shows_the_lanes(sales, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, scene, _ = sales
    rect = scene.itemsBoundingRect()
    image = QImage(int(rect.width() / 2), int(rect.height() / 2), QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    scene.render(painter, source=rect)
    painter.end()
    header = scene.element_item("s-role-revops")
    assert header is not None
    x = int((header.left - 10 - rect.left()) / 2)
    y = int((header.top + 10 - rect.top()) / 2)
    assert QColor(image.pixel(x, y)) == QColor(LANE_HEADER_FILL)


def _header_pixel(scene: WorkflowScene, role: str) -> QColor:
    """The colour of a lane's header column just left of its role box, as rendered."""
    rect = scene.itemsBoundingRect()
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    scene.render(painter, source=rect)
    painter.end()
    header = scene.element_item(role)
    assert header is not None
    x, y = int(header.left - 10 - rect.left()), int(header.top + 10 - rect.top())
    return QColor(image.pixel(x, y))


def test_the_roles_layer_takes_the_lanes_with_it(sales) -> None:  # type: ignore[no-untyped-def]
    document, scene, _ = sales
    session = document.session
    places = {item.element_id: (item.left, item.top) for item in scene.element_items()}
    document.execute(set_layers(session, "wf-sales", hidden=["roles", "data"]))
    assert not scene.lanes_shown
    assert not any(item.isVisible() for item in scene.element_items() if item.kind == "role")
    assert _header_pixel(scene, "s-role-ae") != QColor(LANE_HEADER_FILL)
    # the boxes stay where they are: the lanes' places are kept for when roles come back
    assert {item.element_id: (item.left, item.top) for item in scene.element_items()} == places
    # a connection a layer hides stays hidden when the scene reroutes (a move, a drag)
    feed = scene.connection_item("s-c29")  # pricing feeds draft
    assert feed is not None and not feed.isVisible()
    document.execute(move_elements(session, {"s-draft": (places["s-draft"][0], 2000)}))
    assert not feed.isVisible() and feed.route() is not None
    draft = scene.element_item("s-draft")
    assert draft is not None
    draft.setPos(draft.left + 40, draft.top)  # live reroute while dragging
    assert not feed.isVisible()
    document.undo()
    document.undo()
    assert scene.lanes_shown and feed.isVisible()
    assert _header_pixel(scene, "s-role-ae") == QColor(LANE_HEADER_FILL)
    responsibility = scene.connection_item("s-c15")  # shown by its lane: still not drawn
    assert responsibility is not None and not responsibility.isVisible()


def test_the_focus_lens_dims_the_lanes_of_dimmed_roles(sales) -> None:  # type: ignore[no-untyped-def]
    document, scene, _ = sales
    document.execute(set_layers(document.session, "wf-sales", focus="s-draft"))
    owner = scene.element_item("s-role-ae")  # responsible for the draft: a neighbour
    other = scene.element_item("s-role-revops")
    assert owner is not None and other is not None
    assert owner.opacity() == 1.0 and other.opacity() < 1.0
    assert _header_pixel(scene, "s-role-ae") == QColor(LANE_HEADER_FILL)
    assert _header_pixel(scene, "s-role-revops") != QColor(LANE_HEADER_FILL)
    document.undo()
    assert _header_pixel(scene, "s-role-revops") == QColor(LANE_HEADER_FILL)
