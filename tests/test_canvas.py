"""The canvas core driven by real mouse, keyboard, wheel and drop events on a shown view.

Every test uses a real session file (SessionDocument), the undo bridge and the canvas
controller, so a gesture is only counted as working when the edit reached the session and
the file, and undo/redo bring the scene back in step.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QImage,
    QPainter,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsItem

from app.editor.canvas_controller import CanvasController
from app.editor.undo import UndoBridge
from canvas.items import ConnectionItem, ElementItem
from canvas.mime import KIND_MIME
from canvas.minimap import Minimap
from canvas.scene import WorkflowScene, snap
from canvas.view import CanvasView
from model.appearance import (
    ACCEPT_COLOR,
    GRID,
    GRID_COLOR,
    REFUSED_COLOR,
    SELECTION_COLOR,
    style_for,
)
from model.connections import refusal_reason
from model.edits import add_element, add_workflow, delete_elements
from model.interchange import session_from_json
from model.session import Session
from model.templates import load_template
from storage.document import SessionDocument

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier
WF = "wf-test"


def _small_session() -> Session:
    """Elements at known places: a flow row, data and a note below, one connection."""
    elements = [
        ("trig", "trigger", "Lead arrives", 0, 0),
        ("step", "step", "Qualify", 240, 0),
        ("ai", "ai_step", "Draft reply", 480, 0),
        ("out", "outcome", "Reply sent", 720, 0),
        ("data", "data", "CRM history", 240, 200),
        ("note", "note", "Ask legal", 0, 200),
    ]
    return session_from_json(
        {
            "format": "opmodel",
            "version": 1,
            "workshop": {"title": "Canvas test"},
            "workflows": [
                {
                    "id": WF,
                    "name": "Test flow",
                    "elements": [
                        {"id": i, "kind": k, "label": label, "x": x, "y": y, "props": {}}
                        for i, k, label, x, y in elements
                    ],
                    "connections": [{"id": "c1", "source": "trig", "target": "step"}],
                }
            ],
        }
    )


@dataclass
class Canvas:
    """A shown canvas on a real session file."""

    path: Path
    document: SessionDocument
    bridge: UndoBridge
    scene: WorkflowScene
    view: CanvasView
    controller: CanvasController
    messages: list[str]

    @property
    def session(self) -> Session:
        return self.document.session

    def at(self, scene_point: QPointF) -> QPoint:
        """The viewport point showing ``scene_point``."""
        return self.view.mapFromScene(scene_point)

    def centre_of(self, element_id: str) -> QPoint:
        item = self.scene.element_item(element_id)
        assert item is not None
        return self.at(item.center())


@pytest.fixture
def canvas(qtbot, tmp_path: Path) -> Iterator[Canvas]:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.opmodel"
    document = SessionDocument.create(path, _small_session())
    bridge = UndoBridge(document)
    scene = WorkflowScene(document.session, WF)
    view = CanvasView(scene)
    controller = CanvasController(scene, bridge)
    messages: list[str] = []
    scene.message.connect(messages.append)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    view.centerOn(QPointF(400, 140))
    view.activateWindow()
    view.setFocus()
    QApplication.processEvents()
    yield Canvas(path, document, bridge, scene, view, controller, messages)
    controller.dispose()
    view.setScene(None)
    shiboken6.delete(scene)
    document.close()


def _drag(widget, start: QPoint, end: QPoint, button=LEFT, steps: int = 6) -> None:  # type: ignore[no-untyped-def]
    """Press at ``start``, move in steps, release at ``end``."""
    QTest.mouseMove(widget, start)
    QTest.mousePress(widget, button, NO_MOD, start)
    for step in range(1, steps + 1):
        point = start + (end - start) * step / steps
        QTest.mouseMove(widget, point)
    QTest.mouseRelease(widget, button, NO_MOD, end)


def _kind_count(session: Session, kind: str) -> int:
    return sum(1 for e in session.elements.values() if e.kind == kind)


# -- building -------------------------------------------------------------------------------


def test_scene_for_a_template_has_one_item_per_element_and_connection(qapp) -> None:  # type: ignore[no-untyped-def]
    session = load_template("sales")
    for workflow in session.ordered_workflows():
        scene = WorkflowScene(session, workflow.id)
        try:
            elements = session.workflow_elements(workflow.id)
            connections = session.workflow_connections(workflow.id)
            element_items = [i for i in scene.items() if isinstance(i, ElementItem)]
            connection_items = [i for i in scene.items() if isinstance(i, ConnectionItem)]
            assert sorted(i.element_id for i in element_items) == sorted(e.id for e in elements)
            assert sorted(i.connection_id for i in connection_items) == sorted(
                c.id for c in connections
            )
            for element in elements:
                item = scene.element_item(element.id)
                assert (item.x(), item.y()) == (element.x, element.y)
                assert item.label == element.label
        finally:
            shiboken6.delete(scene)


# -- palette drop ---------------------------------------------------------------------------


def test_drop_from_palette_adds_the_kind_saved_in_the_file(canvas: Canvas) -> None:
    target = canvas.at(QPointF(903, 307))
    mime = QMimeData()
    mime.setData(KIND_MIME, QByteArray(b"metric"))
    enter = QDragEnterEvent(target, Qt.DropAction.CopyAction, mime, LEFT, NO_MOD)
    QApplication.sendEvent(canvas.view.viewport(), enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(target, Qt.DropAction.CopyAction, mime, LEFT, NO_MOD)
    QApplication.sendEvent(canvas.view.viewport(), move)
    assert move.isAccepted()
    drop = QDropEvent(QPointF(target), Qt.DropAction.CopyAction, mime, LEFT, NO_MOD)
    QApplication.sendEvent(canvas.view.viewport(), drop)
    assert drop.isAccepted()

    metrics = [e for e in canvas.session.elements.values() if e.kind == "metric"]
    assert len(metrics) == 1
    metric = metrics[0]
    assert metric.workflow_id == WF
    assert metric.x % GRID == 0 and metric.y % GRID == 0
    assert abs(metric.x + 90 - 903) <= GRID and abs(metric.y + 40 - 307) <= GRID
    assert canvas.scene.element_item(metric.id) is not None
    assert canvas.scene.selected_element_ids() == [metric.id]

    canvas.document.close()
    reopened = SessionDocument.open(canvas.path)
    try:
        assert reopened.session.elements[metric.id].kind == "metric"
    finally:
        reopened.close()
    canvas.document = SessionDocument.open(canvas.path)  # the fixture closes it


def test_drop_of_an_unknown_kind_says_why(canvas: Canvas) -> None:
    canvas.scene.drop_kind_at("unicorn", QPointF(100, 400))
    assert len(canvas.session.elements) == 6
    assert canvas.messages and "unicorn" in canvas.messages[-1]


# -- connecting -----------------------------------------------------------------------------


def test_drag_from_handle_to_legal_target_connects(canvas: Canvas) -> None:
    step = canvas.scene.element_item("step")
    start = canvas.at(step.handle_scene_pos())
    _drag(canvas.view.viewport(), start, canvas.centre_of("ai"))
    pairs = {(c.source, c.target) for c in canvas.session.connections.values()}
    assert ("step", "ai") in pairs
    new = next(c for c in canvas.session.connections.values() if c.source == "step")
    item = canvas.scene.connection_item(new.id)
    assert item is not None and item.meaning == "flow"
    assert canvas.scene.element_item("ai").highlight is None
    assert not canvas.scene.connecting


def test_refused_connection_creates_nothing_and_says_why(canvas: Canvas) -> None:
    data = canvas.scene.element_item("data")
    viewport = canvas.view.viewport()
    start = canvas.at(data.handle_scene_pos())
    target = canvas.centre_of("out")
    before = dict(canvas.session.connections)
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, LEFT, NO_MOD, start)
    for step in range(1, 7):
        QTest.mouseMove(viewport, start + (target - start) * step / 6)
    reason = refusal_reason("data", "outcome")
    assert canvas.scene.element_item("out").highlight == REFUSED_COLOR
    assert canvas.messages[-1] == reason
    QTest.mouseRelease(viewport, LEFT, NO_MOD, target)
    assert canvas.session.connections == before
    assert canvas.messages.count(reason) == 2  # while over the target, and on release
    assert canvas.scene.element_item("out").highlight is None


def test_a_refusal_is_shown_beside_the_pointer_as_a_sentence(canvas: Canvas) -> None:
    data = canvas.scene.element_item("data")
    viewport = canvas.view.viewport()
    start = canvas.at(data.handle_scene_pos())
    target = canvas.centre_of("out")
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, LEFT, NO_MOD, start)
    for step in range(1, 7):
        QTest.mouseMove(viewport, start + (target - start) * step / 6)
    reason = refusal_reason("data", "outcome")
    assert canvas.scene.note_text == reason
    assert reason[0].isupper() and reason.endswith(".")  # a sentence, not a fragment
    note = next(i for i in canvas.scene.items() if type(i).__name__ == "CursorNote")
    assert note.isVisible()
    where = canvas.view.mapFromScene(note.scenePos())
    assert (where - target).manhattanLength() <= 4  # at the pointer, box drawn beside it
    # it is drawn in screen pixels: readable whatever the zoom
    assert note.flags() & QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
    QTest.mouseRelease(viewport, LEFT, NO_MOD, target)
    assert canvas.scene.note_text == reason  # stays a moment after the release
    # moving over a legal target takes it away
    start = canvas.at(canvas.scene.element_item("ai").handle_scene_pos())
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, LEFT, NO_MOD, start)
    QTest.mouseMove(viewport, start + QPoint(30, 10))
    QTest.mouseMove(viewport, canvas.centre_of("out"))
    assert canvas.scene.note_text == ""
    QTest.mouseRelease(viewport, LEFT, NO_MOD, canvas.centre_of("out"))


def test_target_highlights_accept_while_dragging_and_release_on_nothing_cancels(
    canvas: Canvas,
) -> None:
    viewport = canvas.view.viewport()
    start = canvas.at(canvas.scene.element_item("ai").handle_scene_pos())
    over_outcome = canvas.centre_of("out")
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, LEFT, NO_MOD, start)
    QTest.mouseMove(viewport, start + QPoint(30, 10))
    QTest.mouseMove(viewport, over_outcome)
    assert canvas.scene.element_item("out").highlight == ACCEPT_COLOR
    empty = canvas.at(QPointF(600, 400))
    QTest.mouseMove(viewport, empty)
    assert canvas.scene.element_item("out").highlight is None
    QTest.mouseRelease(viewport, LEFT, NO_MOD, empty)
    assert len(canvas.session.connections) == 1
    assert not canvas.scene.connecting


def test_ai_step_cannot_connect_back_to_a_trigger(canvas: Canvas) -> None:
    start = canvas.at(canvas.scene.element_item("ai").handle_scene_pos())
    _drag(canvas.view.viewport(), start, canvas.centre_of("trig"))
    assert len(canvas.session.connections) == 1
    assert canvas.messages[-1] == refusal_reason("ai_step", "trigger")


# -- moving ---------------------------------------------------------------------------------


def test_mouse_drag_moves_snapped_and_undo_redo_follow(canvas: Canvas) -> None:
    item = canvas.scene.element_item("ai")
    connection = canvas.scene.connection_item("c1")
    start = canvas.centre_of("ai")
    _drag(canvas.view.viewport(), start, start + QPoint(53, 67))
    moved = canvas.session.elements["ai"]
    expected = (snap(480 + 53), snap(0 + 67))
    assert (moved.x, moved.y) == expected
    assert (item.x(), item.y()) == expected
    assert moved.x % GRID == 0 and moved.y % GRID == 0

    canvas.bridge.stack.undo()
    assert (canvas.session.elements["ai"].x, canvas.session.elements["ai"].y) == (480, 0)
    assert (item.x(), item.y()) == (480, 0)
    canvas.bridge.stack.redo()
    assert (canvas.session.elements["ai"].x, canvas.session.elements["ai"].y) == expected
    assert (item.x(), item.y()) == expected
    assert connection is canvas.scene.connection_item("c1")


def test_connections_follow_their_end_live_while_dragging(canvas: Canvas) -> None:
    viewport = canvas.view.viewport()
    connection = canvas.scene.connection_item("c1")
    before = connection.path().boundingRect()
    start = canvas.centre_of("step")
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, LEFT, NO_MOD, start)
    for step in range(1, 5):
        QTest.mouseMove(viewport, start + QPoint(0, 40 * step))
    during = connection.path().boundingRect()
    assert during.bottom() > before.bottom() + 60  # the line now ends lower, at the moved box
    QTest.mouseRelease(viewport, LEFT, NO_MOD, start + QPoint(0, 160))
    assert canvas.session.elements["step"].y == 160


def test_dragging_several_selected_elements_is_one_undoable_edit(canvas: Canvas) -> None:
    canvas.scene.select_ids(["trig", "step"])
    start = canvas.centre_of("trig")
    _drag(canvas.view.viewport(), start, start + QPoint(40, 100))
    session = canvas.session
    assert (session.elements["trig"].x, session.elements["trig"].y) == (40, 100)
    assert (session.elements["step"].x, session.elements["step"].y) == (280, 100)
    canvas.bridge.stack.undo()
    assert (session.elements["trig"].y, session.elements["step"].y) == (0, 0)


# -- selecting and deleting -----------------------------------------------------------------


def test_rubber_band_selects_several_elements(canvas: Canvas) -> None:
    start = canvas.at(QPointF(-40, -60))
    end = canvas.at(QPointF(440, 320))
    _drag(canvas.view.viewport(), start, end, steps=8)
    selected = set(canvas.scene.selected_element_ids())
    assert {"trig", "step", "data", "note"} <= selected
    assert "out" not in selected
    assert "c1" in canvas.scene.selected_connection_ids()


def test_delete_selection_then_undo_keeps_scene_in_step(canvas: Canvas) -> None:
    canvas.scene.select_ids(["step", "data"])
    ids = canvas.scene.selected_element_ids()
    assert ids == ["step", "data"]
    canvas.bridge.push(delete_elements(canvas.session, ids))
    elements = [i for i in canvas.scene.items() if isinstance(i, ElementItem)]
    connections = [i for i in canvas.scene.items() if isinstance(i, ConnectionItem)]
    assert len(elements) == 4 and connections == []
    assert canvas.scene.element_item("step") is None
    canvas.bridge.stack.undo()
    elements = [i for i in canvas.scene.items() if isinstance(i, ElementItem)]
    connections = [i for i in canvas.scene.items() if isinstance(i, ConnectionItem)]
    assert len(elements) == 6 and len(connections) == 1
    assert canvas.scene.connection_item("c1").target_item is canvas.scene.element_item("step")
    canvas.bridge.stack.redo()
    assert canvas.scene.element_item("data") is None


def test_undo_of_a_drop_removes_the_item(canvas: Canvas) -> None:
    canvas.scene.drop_kind_at("review", QPointF(1000, 300))
    assert len(canvas.scene.element_items()) == 7
    canvas.bridge.stack.undo()
    assert len(canvas.scene.element_items()) == 6
    assert _kind_count(canvas.session, "review") == 0
    canvas.bridge.stack.redo()
    assert len(canvas.scene.element_items()) == 7


# -- inline rename --------------------------------------------------------------------------


def test_double_click_rename_commits_with_enter(canvas: Canvas) -> None:
    QTest.mouseDClick(canvas.view.viewport(), LEFT, NO_MOD, canvas.centre_of("step"))
    assert canvas.scene.editor is not None
    assert canvas.scene.editor.textCursor().selectedText() == "Qualify"
    QTest.keyClicks(canvas.view, "Score the lead")
    QTest.keyClick(canvas.view, Qt.Key.Key_Return)
    assert canvas.session.elements["step"].label == "Score the lead"
    assert canvas.scene.element_item("step").label == "Score the lead"
    assert canvas.scene.editor is None
    canvas.bridge.stack.undo()
    assert canvas.scene.element_item("step").label == "Qualify"


def test_escape_cancels_the_rename(canvas: Canvas) -> None:
    QTest.mouseDClick(canvas.view.viewport(), LEFT, NO_MOD, canvas.centre_of("ai"))
    QTest.keyClicks(canvas.view, "Something else")
    QTest.keyClick(canvas.view, Qt.Key.Key_Escape)
    assert canvas.scene.editor is None
    assert canvas.session.elements["ai"].label == "Draft reply"
    assert canvas.document.history_count == 0


# -- zoom and pan ---------------------------------------------------------------------------


def _wheel(view: CanvasView, at: QPoint, delta: int, modifiers: Qt.KeyboardModifier) -> None:
    event = QWheelEvent(
        QPointF(at),
        QPointF(view.viewport().mapToGlobal(at)),
        QPoint(0, 0),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_ctrl_wheel_zooms_around_the_cursor(canvas: Canvas) -> None:
    view = canvas.view
    zooms: list[float] = []
    view.zoomChanged.connect(zooms.append)
    cursor = canvas.centre_of("ai")
    under_cursor = view.mapToScene(cursor)
    _wheel(view, cursor, 120, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() > 1.1 and zooms == [view.zoom()]
    after = view.mapToScene(cursor)
    assert abs(after.x() - under_cursor.x()) < 3 and abs(after.y() - under_cursor.y()) < 3
    for _ in range(30):
        _wheel(view, cursor, -120, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(0.1)


def test_plain_wheel_scrolls_without_zooming(canvas: Canvas) -> None:
    view = canvas.view
    before = view.verticalScrollBar().value()
    _wheel(view, QPoint(300, 300), -120, NO_MOD)
    assert view.zoom() == 1.0
    assert view.verticalScrollBar().value() > before


def test_middle_drag_pans(canvas: Canvas) -> None:
    view = canvas.view
    h, v = view.horizontalScrollBar().value(), view.verticalScrollBar().value()
    start = QPoint(600, 350)
    _drag(view.viewport(), start, start + QPoint(-150, -80), button=Qt.MouseButton.MiddleButton)
    assert view.horizontalScrollBar().value() == h + 150
    assert view.verticalScrollBar().value() == v + 80
    assert canvas.document.history_count == 0  # panning over elements moved nothing


def test_space_and_left_drag_pans_instead_of_moving(canvas: Canvas) -> None:
    view = canvas.view
    h = view.horizontalScrollBar().value()
    QTest.keyPress(view, Qt.Key.Key_Space)
    start = canvas.centre_of("step")
    _drag(view.viewport(), start, start + QPoint(-100, 0))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert view.horizontalScrollBar().value() == h + 100
    assert canvas.session.elements["step"].x == 240
    start = canvas.centre_of("step")
    _drag(view.viewport(), start, start + QPoint(100, 0))
    assert canvas.session.elements["step"].x == 340  # back to normal: a drag moves


def test_zoom_buttons_and_fit(canvas: Canvas) -> None:
    view = canvas.view
    view.zoom_in()
    assert view.zoom() == pytest.approx(1.25)
    view.zoom_out()
    view.zoom_out()
    assert view.zoom() == pytest.approx(0.8)
    view.set_zoom(9)
    assert view.zoom() == 4.0
    view.reset_zoom()
    assert view.zoom() == 1.0
    view.fit_to_view()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(canvas.scene.content_rect())


# -- zoomed far out, badges, minimap --------------------------------------------------------


def test_far_zoom_hands_drawing_to_overview_but_selection_still_works(canvas: Canvas) -> None:
    view = canvas.view
    view.set_zoom(0.2)
    assert canvas.scene.overview
    flag = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    assert all(bool(i.flags() & flag) for i in canvas.scene.element_items())
    view.centerOn(QPointF(400, 140))
    QApplication.processEvents()
    start = canvas.at(QPointF(-60, -60))
    _drag(view.viewport(), start, canvas.at(QPointF(460, 100)), steps=8)
    assert set(canvas.scene.selected_element_ids()) == {"trig", "step"}
    image = view.grab().toImage()
    assert QColor(image.pixel(canvas.centre_of("ai"))) == QColor(style_for("ai_step").fill)
    start = canvas.centre_of("out")
    _drag(view.viewport(), start, start + QPoint(0, 40))  # 40 px on screen: 200 in the scene
    assert canvas.session.elements["out"].y == 200
    view.reset_zoom()
    assert not canvas.scene.overview
    assert not any(bool(i.flags() & flag) for i in canvas.scene.element_items())


def test_badges_are_set_and_cleared(canvas: Canvas) -> None:
    canvas.scene.set_badges({"ai": "error", "data": "warning", "gone": "info"})
    assert canvas.scene.element_item("ai").badge == "error"
    assert canvas.scene.element_item("data").badge == "warning"
    canvas.scene.set_badges({})
    assert all(item.badge is None for item in canvas.scene.element_items())


def test_minimap_click_centres_the_main_view(canvas: Canvas, qtbot) -> None:  # type: ignore[no-untyped-def]
    minimap = Minimap()
    qtbot.addWidget(minimap)
    minimap.resize(240, 160)
    minimap.set_view(canvas.view)
    minimap.show()
    qtbot.waitExposed(minimap)
    image = minimap.grab().toImage()
    outline = QColor(SELECTION_COLOR).rgb()
    assert any(
        image.pixel(x, y) == outline for x in range(image.width()) for y in range(image.height())
    )
    target = QPointF(720 + 90, 0 + 40)  # the outcome's centre
    QTest.mouseClick(minimap, LEFT, NO_MOD, minimap.map_from_scene(target).toPoint())
    centre = canvas.view.mapToScene(canvas.view.viewport().rect().center())
    assert abs(centre.x() - target.x()) < 40 and abs(centre.y() - target.y()) < 40
    minimap.set_view(None)
    assert minimap.view is None


def test_apply_edit_ignores_other_workflows(canvas: Canvas) -> None:
    canvas.bridge.push(add_workflow(canvas.session, "Other", workflow_id="wf-other"))
    canvas.bridge.push(add_element(canvas.session, "wf-other", "step", x=0, y=0))
    assert len(canvas.scene.element_items()) == 6


def test_clear_then_rebuild(canvas: Canvas) -> None:
    minimap = Minimap()
    minimap.set_view(canvas.view)
    canvas.scene.clear()
    assert canvas.scene.element_items() == []
    minimap.grab()  # draws the emptied scene without touching deleted items
    canvas.scene.rebuild()
    assert len(canvas.scene.element_items()) == 6
    assert len(canvas.scene.connection_items()) == 1
    minimap.set_view(None)
    minimap.deleteLater()


def test_render_for_export_draws_vector_boxes_without_grid(canvas: Canvas, tmp_path: Path) -> None:
    canvas.view.set_zoom(0.2)  # the view's overview must not leak into an export
    generator = QSvgGenerator()
    svg_path = tmp_path / "canvas.svg"
    generator.setFileName(str(svg_path))
    source = canvas.scene.content_rect()
    generator.setSize(source.size().toSize())
    painter = QPainter(generator)
    canvas.scene.render(painter, QRectF(QPointF(0, 0), source.size()), source)
    painter.end()
    svg = svg_path.read_text(encoding="utf-8")
    assert "<image" not in svg  # boxes are paths, not cached bitmaps
    assert "Draft reply" in svg or "Draft" in svg
    assert canvas.scene.overview  # back as it was for the screen

    image = QImage(source.size().toSize(), QImage.Format.Format_RGB32)
    painter = QPainter(image)
    canvas.scene.render(painter, QRectF(image.rect()), source)
    painter.end()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(image.height())}
    assert QColor(GRID_COLOR).rgb() not in colours
    assert QColor(style_for("ai_step").fill).rgb() in colours
