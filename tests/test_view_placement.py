"""Opening a session or switching workflow shows the workflow: fitted, or its last view.

Real windows at a realistic size (1440×900 and 1366×768), real session files, real
settings files; the workflow's bounding rectangle is checked against the viewport.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QApplication

from app.editor.session_view import WorkflowTab
from app.editor.view_memory import VIEWS_KEY, ViewMemory
from canvas.view import ViewState
from model.templates import load_template
from storage.document import SessionDocument
from tests.conftest import shown_window


def _two_workflow_file(tmp_path: Path, *, far: bool = False) -> Path:
    """A session with the sales and the finance workflow (finance far away if ``far``)."""
    session = load_template("sales")
    finance = load_template("finance")
    for workflow in finance.workflows.values():
        workflow.seq = 1
        session.workflows[workflow.id] = workflow
    for element in finance.elements.values():
        if far:
            element.x += 6000
            element.y += 4000
        session.elements[element.id] = element
    session.connections.update(finance.connections)
    path = tmp_path / "two.opmodel"
    SessionDocument.create(path, session).close()
    return path


def _content_on_screen(tab: WorkflowTab) -> QRect:
    return tab.view.mapFromScene(tab.scene.content_rect()).boundingRect()


def _shows_whole_workflow(tab: WorkflowTab) -> bool:
    return tab.view.viewport().rect().contains(_content_on_screen(tab))


def _placed(qtbot, tab: WorkflowTab) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tab.view.placed, timeout=3000)
    QApplication.processEvents()


def _assert_opens_fitted(qtbot, settings_file: Path, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Open ``path`` in a 1440×900 window: the whole first workflow shows; then close it."""
    window = shown_window(qtbot, settings_file, (1440, 900))
    try:
        assert window.open_session(path)
        tab = window.canvas.current()
        _placed(qtbot, tab)
        assert _shows_whole_workflow(tab)
        window.close_session()
    finally:
        window.shutdown()


@pytest.mark.parametrize("size", [(1440, 900), (1366, 768)])
def test_opening_and_switching_fit_each_workflow_to_the_view(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, size: tuple[int, int]
) -> None:
    window = shown_window(qtbot, tmp_path / "settings.ini", size)
    try:
        assert window.open_session(_two_workflow_file(tmp_path, far=True))
        sales = window.canvas.current()
        assert sales.workflow_id == "wf-sales"
        _placed(qtbot, sales)
        assert _shows_whole_workflow(sales)
        # fitted: the workflow fills the view, it is not a small picture in a corner
        shown = _content_on_screen(sales)
        viewport = sales.view.viewport().rect()
        assert shown.width() > viewport.width() * 0.8 or shown.height() > viewport.height() * 0.8

        window.canvas.show_workflow("wf-finance")  # far from the origin
        finance = window.canvas.current()
        _placed(qtbot, finance)
        assert _shows_whole_workflow(finance)
        assert window.canvas.tab_for("wf-sales") is sales and _shows_whole_workflow(sales)
    finally:
        window.shutdown()


def test_a_fitted_view_stays_fitted_while_the_window_settles(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    window = shown_window(qtbot, tmp_path / "settings.ini", (1440, 900))
    try:
        assert window.open_session(_two_workflow_file(tmp_path))
        tab = window.canvas.current()
        _placed(qtbot, tab)
        window.resize(1000, 700)
        qtbot.waitUntil(lambda: tab.view.viewport().width() < 900, timeout=3000)
        QApplication.processEvents()
        assert _shows_whole_workflow(tab)
    finally:
        window.shutdown()


def test_each_workflow_reopens_with_its_last_view(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings_file = tmp_path / "settings.ini"
    path = _two_workflow_file(tmp_path)
    window = shown_window(qtbot, settings_file, (1440, 900))
    try:
        assert window.open_session(path)
        sales = window.canvas.current()
        _placed(qtbot, sales)
        # the facilitator zooms in on the draft step
        draft = sales.scene.element_item("s-draft")
        assert draft is not None
        sales.view.set_zoom(1.25)
        sales.view.centerOn(draft.center())
        QApplication.processEvents()
        wanted = sales.view.view_state()
        assert not wanted.fitted
        window.canvas.show_workflow("wf-finance")
        _placed(qtbot, window.canvas.current())
        window.close_session()
    finally:
        window.shutdown()

    again = shown_window(qtbot, settings_file, (1440, 900))
    try:
        assert again.open_session(path)
        sales = again.canvas.current()
        _placed(qtbot, sales)
        state = sales.view.view_state()
        assert state.zoom == pytest.approx(1.25)
        assert (state.center_x, state.center_y) == pytest.approx(
            (wanted.center_x, wanted.center_y), abs=1.0
        )
        # finance was only looked at, fitted: it is fitted again (to this window's size)
        again.canvas.show_workflow("wf-finance")
        finance = again.canvas.current()
        _placed(qtbot, finance)
        assert _shows_whole_workflow(finance)
    finally:
        again.shutdown()


def test_a_last_view_that_would_show_nothing_of_the_workflow_is_not_restored(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    settings_file = tmp_path / "settings.ini"
    path = _two_workflow_file(tmp_path)
    # e.g. the workflow was laid out again on the command line since the file was closed
    memory = ViewMemory(QSettings(str(settings_file), QSettings.Format.IniFormat))
    memory.remember(path, {"wf-sales": ViewState(-50_000.0, -50_000.0, 2.0)})
    _assert_opens_fitted(qtbot, settings_file, path)


@pytest.mark.parametrize(
    "stored",
    ["not json", "[1, 2]", '{"x": {"views": {"wf-sales": [1, 2]}}}', '{"x": 5}'],
)
def test_damaged_remembered_views_are_ignored(qtbot, tmp_path: Path, stored: str) -> None:  # type: ignore[no-untyped-def]
    settings_file = tmp_path / "settings.ini"
    path = _two_workflow_file(tmp_path)
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    settings.setValue(VIEWS_KEY, stored)
    settings.sync()
    assert ViewMemory(settings).recall(path, "wf-sales") is None
    _assert_opens_fitted(qtbot, settings_file, path)
    # closing remembered the view over the damaged value
    assert ViewMemory(settings).recall(path, "wf-sales") is not None


def test_view_memory_keeps_the_most_recent_files(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    memory = ViewMemory(settings)
    state = ViewState(10.0, 20.0, 0.5)
    for n in range(60):
        memory.remember(tmp_path / f"f{n}.opmodel", {"wf": state})
    assert memory.recall(tmp_path / "f59.opmodel", "wf") == state
    assert memory.recall(tmp_path / "f0.opmodel", "wf") is None  # the oldest were dropped
    assert memory.recall(tmp_path / "f59.opmodel", "other") is None
