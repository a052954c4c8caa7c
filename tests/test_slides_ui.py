"""Slides, layers and frames in the app: real widgets, real session files, real pixels."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.shell.window import MainWindow
from app.slides.deck import SlideDeck
from app.slides.export import render_slides
from app.slides.frames_panel import MAX_FRAME
from app.slides.matrix import MatrixPainter
from app.slides.surface import SlideSurface
from canvas.image_export import export_workflow_image
from canvas.severity import SEVERITIES, paint_mark
from model import edits
from model.analysis import analyse
from model.frames import custom_frames
from model.layers import DIMMED_OPACITY, OPTIONAL_LAYERS, layer_state
from model.stage import stage_size
from model.templates import create_session
from storage.document import SessionDocument
from storage.store import read_session


def _open(window: MainWindow, tmp_path: Path, template: str = "sales") -> Path:
    path = tmp_path / f"{template}.opmodel"
    SessionDocument.create(path, create_session(template, template.title())).close()
    assert window.open_session(path)
    QApplication.processEvents()
    return path


def _element(window: MainWindow, label: str) -> str:
    session = window.document.session
    return next(e.id for e in session.elements.values() if e.label == label)


# -- layers on the canvas ------------------------------------------------------------------------


def test_layers_menu_hides_components_on_the_canvas_undoably(
    main_window: MainWindow, tmp_path: Path
) -> None:
    window = main_window
    path = _open(window, tmp_path)
    tab = window.canvas.current()
    scene = tab.scene
    actions = window.actions_
    assert all(actions[f"layer_{layer}"].isChecked() for layer in OPTIONAL_LAYERS)
    actions["layers_flow_only"].trigger()
    kinds_shown = {item.kind for item in scene.element_items() if item.isVisible()}
    assert kinds_shown == {"trigger", "step", "ai_step", "outcome"}
    assert not any(actions[f"layer_{layer}"].isChecked() for layer in OPTIONAL_LAYERS)
    for item in scene.connection_items():  # a connection shows only with both its ends
        both = item.source_item.isVisible() and item.target_item.isVisible()
        assert item.isVisible() == both
    actions["layer_roles"].trigger()  # add the roles
    kinds_shown = {item.kind for item in scene.element_items() if item.isVisible()}
    assert "role" in kinds_shown and "data" not in kinds_shown
    assert actions["layer_roles"].isChecked()
    assert read_session(path).workflows[tab.workflow_id].extra["layers"]["hidden"] == [
        "data",
        "governance",
        "measurement",
        "notes",
    ]
    window.undo()
    assert not actions["layer_roles"].isChecked()  # the menu follows undo
    assert not any(i.isVisible() for i in scene.element_items() if i.kind == "role")
    actions["layers_all"].trigger()
    assert all(item.isVisible() for item in scene.element_items())
    assert "layers" not in window.document.session.workflows[tab.workflow_id].extra


def test_focus_lens_dims_all_but_the_selected_elements_neighbourhood(
    main_window: MainWindow, tmp_path: Path
) -> None:
    window = main_window
    _open(window, tmp_path)
    scene = window.canvas.current().scene
    lens = window.actions_["focus_lens"]
    lens.trigger()  # nothing selected: refused, said in the status bar
    assert not lens.isChecked()
    assert "Select one element" in window.statusBar().currentMessage()
    draft = _element(window, "Draft proposal")
    scene.select_ids([draft])
    lens.trigger()
    assert lens.isChecked()
    item = scene.element_item(draft)
    assert item.opacity() == 1.0
    near = {c.source_item.element_id for c in item.connections} | {
        c.target_item.element_id for c in item.connections
    }
    for other in scene.element_items():
        expected = 1.0 if other.element_id in near else DIMMED_OPACITY
        assert other.opacity() == pytest.approx(expected), other.label
    lens.trigger()
    assert all(other.opacity() == 1.0 for other in scene.element_items())


def test_image_export_follows_the_layers(main_window: MainWindow, tmp_path: Path) -> None:
    session = create_session("sales", "Sales")
    export_workflow_image(session, "wf-sales", tmp_path / "all.svg")
    edits.set_layers(session, "wf-sales", hidden=["data", "governance"]).apply(session)
    export_workflow_image(session, "wf-sales", tmp_path / "layers.svg")
    everything = (tmp_path / "all.svg").read_text(encoding="utf-8")
    layered = (tmp_path / "layers.svg").read_text(encoding="utf-8")
    hidden = shown = 0
    for element in session.workflow_elements("wf-sales"):
        drawn = f">{escape(element.label, quote=False)}<"
        if drawn not in everything:
            continue  # wrapped over two lines: not one text run
        if element.kind in ("data", "gate", "review", "control"):
            assert drawn not in layered, element.label
            hidden += 1
        else:
            assert drawn in layered, element.label
            shown += 1
    assert hidden >= 4 and shown >= 4


# -- the frames dock -----------------------------------------------------------------------------


def test_frames_dock_adds_renames_reorders_and_deletes_frames(
    main_window: MainWindow, tmp_path: Path
) -> None:
    window = main_window
    path = _open(window, tmp_path)
    window.actions_["frames"].trigger()
    QApplication.processEvents()
    panel = window.facilitation.frames
    assert panel is not None and panel.isVisible()
    tab = window.canvas.current()
    assert tab.scene.show_frames  # outlined while the dock shows
    QTest.mouseClick(panel.add_view_button, Qt.MouseButton.LeftButton)
    tab.scene.select_ids([_element(window, "Draft proposal"), _element(window, "Update CRM")])
    QTest.mouseClick(panel.add_selection_button, Qt.MouseButton.LeftButton)
    frames = custom_frames(window.document.session.workflows[tab.workflow_id])
    assert [f.name for f in frames] == ["Frame 1", "Frame 2"]
    limit = panel.list.count()
    assert limit == 2
    for frame in frames:  # never bigger than a full-size 1920 × 1080 slide shows
        assert frame.width <= MAX_FRAME[0] + 1 and frame.height <= MAX_FRAME[1] + 1
        assert MAX_FRAME[0] <= stage_size(1920, 950, 1080).content()[2]
    panel.list.setCurrentRow(1)
    panel.list.item(1).setText("Drafting")  # an edit in the list renames
    QTest.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    panel.notes.setPlainText("Who approves?")
    QTest.mouseClick(panel.save_notes_button, Qt.MouseButton.LeftButton)
    frames = custom_frames(read_session(path).workflows[tab.workflow_id])
    assert [(f.name, f.notes) for f in frames] == [("Drafting", "Who approves?"), ("Frame 1", "")]
    assert panel.list.currentRow() == 0
    QTest.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert [f.name for f in custom_frames(window.document.session.workflows[tab.workflow_id])] == [
        "Frame 1"
    ]
    window.undo()
    assert panel.list.count() == 2 and panel.list.item(0).text() == "Drafting"
    window.docks["frames"].hide()
    assert not tab.scene.show_frames


# -- painting slides -------------------------------------------------------------------------


def test_severity_marks_differ_in_shape_not_only_in_colour(qtbot) -> None:  # type: ignore[no-untyped-def]
    masks = {}
    for severity in SEVERITIES:
        image = QImage(40, 40, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        paint_mark(painter, severity, QPointF(20, 20), 32)
        painter.end()
        # Where the icon is drawn and where its white sign is: the shape, without colour.
        masks[severity] = {
            (x, y, QColor(image.pixel(x, y)).lightness() > 200)
            for x in range(40)
            for y in range(40)
            if image.pixelColor(x, y).alpha() > 128
        }
    for a in SEVERITIES:
        for b in SEVERITIES:
            if a < b:
                assert len(masks[a] ^ masks[b]) > 60, (a, b)


def _deck_for(session, width: int, height: int) -> tuple[SlideDeck, MatrixPainter]:  # type: ignore[no-untyped-def]
    analysis = analyse(session)
    deck = SlideDeck(lambda: session, lambda: analysis)
    deck.set_display(width, height, height)
    return deck, MatrixPainter(lambda: session)


def test_projected_labels_are_24_px_and_kind_tags_over_14_px_at_1080_lines(qtbot) -> None:  # type: ignore[no-untyped-def]
    session = create_session("finance", "Finance")
    deck, matrix = _deck_for(session, 1920, 1080)
    surface = SlideSurface(deck, matrix)
    qtbot.addWidget(surface)
    surface.resize(1920, 1080)
    for index in range(len(deck.slides)):
        deck.go(index)
        if deck.stage().elements() is not None:
            assert surface.label_px() == pytest.approx(24.0)
            assert surface.caption_px() >= 14.0
    deck.set_display(1280, 720, 720)  # scaled with the screen
    surface.resize(1280, 720)
    assert surface.label_px() == pytest.approx(16.0)
    surface.dispose()
    matrix.dispose()


def test_slide_images_are_what_presentation_mode_paints(qtbot) -> None:  # type: ignore[no-untyped-def]
    session = create_session("customer_support", "Support")
    pngs = render_slides(session, 1280, 720)
    deck, matrix = _deck_for(session, 1280, 720)
    assert len(pngs) == len(deck.slides)
    surface = SlideSurface(deck, matrix)
    qtbot.addWidget(surface)
    surface.resize(1280, 720)
    for index in (0, 2, len(pngs) - 2):  # the overview, a walkthrough step, the matrix
        deck.go(index)
        shown = surface.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        written = QImage.fromData(pngs[index]).convertToFormat(QImage.Format.Format_RGB32)
        assert (shown.width(), shown.height()) == (written.width(), written.height())
        differing = sum(
            1
            for x in range(0, 1280, 4)
            for y in range(0, 720, 4)
            if shown.pixel(x, y) != written.pixel(x, y)
        )
        assert differing <= 0.01 * (320 * 180), index
    surface.dispose()
    matrix.dispose()


def test_a_deck_keeps_its_slide_through_edits(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = SessionDocument.create(tmp_path / "d.opmodel", create_session("sales", "S"))
    session = document.session
    deck = SlideDeck(lambda: session, lambda: None)
    document.subscribe(lambda _e, _a: deck.refresh())
    draft = next(e.id for e in session.elements.values() if e.label == "Draft proposal")
    deck.go(next(i for i, s in enumerate(deck.slides) if s.element_id == draft))
    document.execute(edits.update_element(session, draft, label="Draft the proposal"))
    assert deck.current().element_id == draft
    assert "Draft the proposal" in {
        e.label for e in deck.stage().elements().session.elements.values()
    }
    document.execute(edits.set_layers(session, "wf-sales", hidden=["governance"]))
    assert deck.current().element_id == draft  # still there: gates are gone, not steps
    document.execute(edits.delete_elements(session, [draft]))
    assert deck.current() is not None and deck.current().element_id != draft
    document.close()
    assert layer_state(read_session(tmp_path / "d.opmodel").workflows["wf-sales"]).hidden == {
        "governance"
    }


def test_matrix_slide_paints_the_prioritisation_scene(qtbot) -> None:  # type: ignore[no-untyped-def]
    session = create_session("sales", "Sales")
    edits.edit_workflow(session, "wf-sales", value=5, feasibility=4).apply(session)
    matrix = MatrixPainter(lambda: session)
    image = QImage(800, 450, QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    matrix(painter, QRectF(0, 0, 800, 450))
    painter.end()
    colours = {image.pixel(x, y) for x in range(0, 800, 7) for y in range(0, 450, 7)}
    assert len(colours) > 10  # quadrants, bubble, text: not blank
    matrix.dispose()


def test_a_small_preview_of_a_slide_keeps_the_element_labels(qapp) -> None:  # type: ignore[no-untyped-def]
    """The presenter's "next" preview draws a slide small (here a sixth of its size): below
    the canvas's text level of detail, yet its boxes keep their labels."""
    from canvas.slide_painter import SlidePainter
    from model.slides import build_deck, stage_for

    session = create_session("sales", "Preview")
    size = stage_size(1920, 1080, 1080)
    step = next(slide for slide in build_deck(session, size) if slide.kind == "step")
    stage = stage_for(session, step, size)

    def render(min_detail: float | None) -> QImage:
        image = QImage(320, 180, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        slides = SlidePainter()
        if min_detail is not None:  # what the canvas itself would draw at this scale
            for layer in (s for s in stage.shapes if type(s).__name__ == "Elements"):
                slides.scene_of(layer).min_detail = min_detail
        slides.paint(painter, stage, QRectF(0, 0, 320, 180))
        painter.end()
        slides.dispose()
        return image

    labelled, unlabelled = render(None), render(0.0)
    assert labelled != unlabelled  # the default slide scene draws the labels a canvas would drop
