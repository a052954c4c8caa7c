"""The main window end to end: real keys and menus on a real session file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.shell.window import MainWindow
from model.interchange import session_to_json
from model.templates import create_session
from storage.document import SessionDocument
from storage.store import read_session
from tests.conftest import answer_next_box


@pytest.fixture
def window(main_window: MainWindow) -> MainWindow:
    return main_window


def _open_template(window: MainWindow, tmp_path: Path, template: str = "sales") -> Path:
    path = tmp_path / f"{template}.opmodel"
    SessionDocument.create(path, create_session(template, template)).close()
    assert window.open_session(path)
    return path


def _focus_canvas(window: MainWindow) -> None:
    tab = window.canvas.current()
    tab.view.setFocus()
    QApplication.processEvents()


def test_window_renders_a_template_session_not_blank(window: MainWindow, tmp_path: Path) -> None:
    _open_template(window, tmp_path)
    window.canvas.current().view.fit_to_view()
    QApplication.processEvents()
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    image.save(str(tmp_path / "window.png"))
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert image.width() >= 1200
    assert len(colours) > 40  # elements of many kinds, text, docks: far from a blank window
    tab = window.canvas.current()
    assert len(tab.scene.selected_element_ids()) == 0
    assert window.docks["palette"].isVisible()
    assert window.docks["inspector"].isVisible()


def test_start_screen_without_a_session(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.start_screen
    assert not window.actions_["delete"].isEnabled()


def test_keyboard_delete_undo_redo_and_reopen(window: MainWindow, tmp_path: Path) -> None:
    path = _open_template(window, tmp_path)
    tab = window.canvas.current()
    session = window.document.session
    victim = next(e.id for e in session.workflow_elements(tab.workflow_id) if e.kind == "ai_step")
    tab.scene.select_ids([victim])
    _focus_canvas(window)
    QTest.keyClick(tab.view, Qt.Key.Key_Delete)
    assert victim not in session.elements
    assert tab.scene.element_item(victim) is None
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert victim in session.elements
    assert tab.scene.element_item(victim) is not None
    QTest.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert victim not in session.elements
    expected = session_to_json(session)
    window.close_session()
    assert session_to_json(read_session(path)) == expected
    assert window.open_session(path)
    assert victim not in window.document.session.elements
    assert window.bridge.stack.canUndo()
    window.bridge.stack.undo()
    assert victim in window.document.session.elements


def test_copy_paste_and_duplicate_by_shortcut(window: MainWindow, tmp_path: Path) -> None:
    _open_template(window, tmp_path)
    tab = window.canvas.current()
    session = window.document.session
    ids = [e.id for e in session.workflow_elements(tab.workflow_id)][:3]
    before = len(session.elements)
    tab.scene.select_ids(ids)
    _focus_canvas(window)
    QTest.keyClick(tab.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(tab.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(session.elements) == before + 3
    pasted = tab.scene.selected_element_ids()
    assert len(pasted) == 3 and not set(pasted) & set(ids)
    originals = {(session.elements[i].label, session.elements[i].x + 40) for i in ids}
    assert {(session.elements[i].label, session.elements[i].x) for i in pasted} == originals
    QTest.keyClick(tab.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(session.elements) == before + 6
    window.bridge.stack.undo()
    window.bridge.stack.undo()
    assert len(session.elements) == before


def test_select_all_cut_and_undo(window: MainWindow, tmp_path: Path) -> None:
    _open_template(window, tmp_path, "customer_support")
    tab = window.canvas.current()
    session = window.document.session
    count = len(session.workflow_elements(tab.workflow_id))
    _focus_canvas(window)
    QTest.keyClick(tab.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(tab.scene.selected_element_ids()) == count
    QTest.keyClick(tab.view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert session.workflow_elements(tab.workflow_id) == []
    window.bridge.stack.undo()
    assert len(session.workflow_elements(tab.workflow_id)) == count


def test_align_distribute_and_auto_layout_from_menus(window: MainWindow, tmp_path: Path) -> None:
    _open_template(window, tmp_path, "finance")
    tab = window.canvas.current()
    session = window.document.session
    ids = [e.id for e in session.workflow_elements(tab.workflow_id) if e.kind == "role"][:3]
    tab.scene.select_ids(ids)
    window.actions_["align_top"].trigger()
    assert len({session.elements[i].y for i in ids}) == 1
    window.actions_["distribute_h"].trigger()
    xs = sorted(session.elements[i].x for i in ids)
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1])
    before = {e.id: (e.x, e.y) for e in session.elements.values()}
    window.actions_["auto_layout"].trigger()
    assert window.bridge.stack.undoText() == "Auto-layout"
    window.bridge.stack.undo()
    assert {e.id: (e.x, e.y) for e in session.elements.values()} == before


def test_palette_activation_adds_at_view_centre(window: MainWindow, tmp_path: Path) -> None:
    _open_template(window, tmp_path)
    session = window.document.session
    before = set(session.elements)
    window.palette.kindActivated.emit("metric")
    added = set(session.elements) - before
    assert len(added) == 1
    element = session.elements[added.pop()]
    assert element.kind == "metric"
    tab = window.canvas.current()
    assert tab.scene.selected_element_ids() == [element.id]


def test_selection_drives_the_inspector(window: MainWindow, tmp_path: Path) -> None:
    _open_template(window, tmp_path)
    tab = window.canvas.current()
    session = window.document.session
    element = next(e for e in session.workflow_elements(tab.workflow_id) if e.kind == "gate")
    tab.scene.select_ids([element.id])
    QApplication.processEvents()
    texts = " ".join(w.text() for w in window.inspector.findChildren(type(window.zoom_label)))
    assert "Approver" in texts


def test_new_workflow_tab_delete_and_undo(window: MainWindow, tmp_path: Path) -> None:
    _open_template(window, tmp_path)
    window.actions_["workflow_new"].trigger()
    assert window.canvas.count() == 2
    assert window.canvas.tabText(1) == "Workflow 2"
    QTimer.singleShot(50, lambda: _answer(QMessageBox.StandardButton.Yes))
    window.actions_["workflow_delete"].trigger()
    assert window.canvas.count() == 1
    window.bridge.stack.undo()
    assert window.canvas.count() == 2


def _answer(button: QMessageBox.StandardButton) -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        box.button(button).click()


def test_save_as_copies_and_switches(window: MainWindow, tmp_path: Path) -> None:
    path = _open_template(window, tmp_path)
    copy = tmp_path / "copy.opmodel"
    assert window.save_as(copy)
    assert window.document.path == copy
    assert session_to_json(read_session(copy)) == session_to_json(read_session(path))


def test_opening_a_bad_file_reports_and_keeps_it(window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "bad.opmodel"
    bad.write_bytes(b"not a database at all")
    seen: list[str] = []
    answer_next_box(seen)
    assert not window.open_session(bad)
    assert seen and "not an SQLite database" in seen[0]
    assert bad.read_bytes() == b"not a database at all"
    assert window.stack.currentWidget() is window.start_screen


def test_f2_renames_the_selected_element_in_place(window: MainWindow, tmp_path: Path) -> None:
    _open_template(window, tmp_path)
    tab = window.canvas.current()
    element = next(e for e in window.document.session.workflow_elements(tab.workflow_id))
    tab.scene.select_ids([element.id])
    _focus_canvas(window)
    QTest.keyClick(tab.view, Qt.Key.Key_F2)
    QTest.keyClicks(tab.view, "Inbound lead")
    QTest.keyClick(tab.view, Qt.Key.Key_Return)
    assert window.document.session.elements[element.id].label == "Inbound lead"
    old_label = element.label
    assert window.bridge.stack.undoText() == f"Rename '{old_label}' to 'Inbound lead'"
    assert window.actions_["undo"].text() == f"&Undo: Rename '{old_label}' to 'Inbound lead'"


def test_workshop_menu_opens_the_facilitation_docks(window: MainWindow, tmp_path: Path) -> None:
    _open_template(window, tmp_path)
    assert not window.docks["voting"].isVisible()
    window.actions_["vote"].trigger()
    QApplication.processEvents()
    assert window.docks["voting"].isVisible()
    tab = window.canvas.current()
    element = window.document.session.workflow_elements(tab.workflow_id)[1]
    tab.scene.select_ids([element.id])
    QApplication.processEvents()
    assert window.facilitation.voting.element_id == element.id
    assert element.label in window.facilitation.voting.element_name.text()
    window.actions_["snapshot"].trigger()
    QApplication.processEvents()
    assert window.docks["snapshots"].isVisible()
    # the matrix is a full view beside the workflows, never a dock squeezing the canvas
    window.actions_["prioritise"].trigger()
    assert window.canvas.current_view() == "prioritisation"
    assert window.canvas.current() is None


def test_n_adds_a_sticky_note_in_view_on_a_free_spot(window: MainWindow, tmp_path: Path) -> None:
    _open_template(window, tmp_path)
    _focus_canvas(window)
    tab = window.canvas.current()
    QTest.keyClick(tab.view, Qt.Key.Key_N)
    notes = [e for e in window.document.session.elements.values() if e.kind == "note"]
    assert len(notes) == 1
    assert tab.scene.selected_element_ids() == [notes[0].id]
    visible = tab.view.mapToScene(tab.view.viewport().rect()).boundingRect()
    assert visible.intersects(tab.scene.element_item(notes[0].id).sceneBoundingRect())


def test_assessment_from_the_menu_sets_the_stage(window: MainWindow, tmp_path: Path) -> None:
    from app.facilitation.assessment_dialog import AssessmentDialog

    _open_template(window, tmp_path)
    seen: list[bool] = []

    def answer_all_with_3() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(isinstance(dialog, AssessmentDialog))
        for page in dialog.component_pages:
            for card in page.cards:
                card.set_value(3)
        QTest.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
        seen.append(dialog.progress.text() == "Summary")  # Finish shows the stage first
        QTest.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, answer_all_with_3)
    window.actions_["assessment"].trigger()
    assert seen == [True, True]
    workshop = window.document.session.workshop
    assert workshop.maturity_stage == 3  # mean answer 3 → operating-model design
    assert len(workshop.assessment) == 15
    window.bridge.stack.undo()
    assert window.document.session.workshop.maturity_stage is None


def test_export_blueprint_runs_in_the_background_with_progress(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    _open_template(window, tmp_path)
    target = tmp_path / "blueprint.pdf"
    steps: list[tuple[int, int, str]] = []
    job = window.export_blueprint(target)
    job.progress.connect(lambda done, total, what: steps.append((done, total, what)))
    with qtbot.waitSignal(job.finished, timeout=60000) as finished:
        pass
    assert finished.args == [str(target)]
    assert steps and steps[-1][0] <= steps[-1][1]
    reader = PdfReader(str(target))
    assert len(reader.pages) > 5
    assert "Executive summary" in reader.pages[2].extract_text()


def test_cancelled_blueprint_export_leaves_no_file(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    _open_template(window, tmp_path, "finance")
    target = tmp_path / "cancelled.pdf"
    job = window.export_blueprint(target)
    job.cancel()
    with qtbot.waitSignal(job.failed, timeout=60000) as failed:
        pass
    assert "cancelled" in failed.args[0]
    assert not target.exists()
    assert (
        sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf" or ".part" in p.name) == []
    )


def test_every_dock_of_the_table_opens_and_its_panel_is_built_on_first_use(
    window: MainWindow, tmp_path: Path
) -> None:
    from app.facilitation.facilitation_docks import PANEL_DOCKS
    from app.shell.docks import DOCKS

    assert list(window.docks) == [spec.name for spec in DOCKS]
    _open_template(window, tmp_path)
    QApplication.processEvents()
    for spec in DOCKS:
        assert window.docks[spec.name].isVisible() == spec.at_start, spec.name
    assert all(getattr(window.facilitation, name) is None for name in PANEL_DOCKS)
    for spec in DOCKS:
        window.raise_dock(spec.name)
        QApplication.processEvents()
        assert window.docks[spec.name].isVisible(), spec.name
    assert all(getattr(window.facilitation, name) is not None for name in PANEL_DOCKS)
    window.close_session()
    assert all(getattr(window.facilitation, name) is None for name in PANEL_DOCKS)


def test_session_actions_follow_the_session(window: MainWindow, tmp_path: Path) -> None:
    names = window.actions_.session_actions()
    assert {"save_as", "close", "cut", "presentation", "vote", "sticky_note"} <= set(names)
    assert not {"new", "open", "import", "quit", "about", "snap"} & set(names)
    assert not any(window.actions_[name].isEnabled() for name in names)
    _open_template(window, tmp_path)
    assert all(window.actions_[name].isEnabled() for name in names)
    window.close_session()
    assert not any(window.actions_[name].isEnabled() for name in names)
