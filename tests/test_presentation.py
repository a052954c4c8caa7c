"""Presentation mode (F5 / Esc), the light and dark themes, and the "Timer & agenda" dock,
driven with real keys and clicks on the main window and a real session file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.shell.recent import RecentFiles
from app.shell.theme import (
    BASE_FONT_PX,
    PRESENTATION_FONT_PX,
    THEME_KEY,
    active_theme,
    apply_theme,
    stylesheet,
)
from app.shell.window import MainWindow
from model import edits
from model.layers import OPTIONAL_LAYERS, layer_state
from model.templates import create_session
from storage.document import SessionDocument
from storage.store import read_session

Key = Qt.Key
LEFT = Qt.MouseButton.LeftButton
FULL_SCREEN = Qt.WindowState.WindowFullScreen


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: QtBot, settings: QSettings) -> Iterator[MainWindow]:
    win = MainWindow(RecentFiles(settings))
    qtbot.addWidget(win)
    win.resize(1440, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()
    apply_theme(_app(), "light")  # the next tests start from the default look


def _open(window: MainWindow, tmp_path: Path, agenda: list | None = None) -> Path:
    path = tmp_path / "sales.opmodel"
    document = SessionDocument.create(path, create_session("sales", "sales"))
    if agenda is not None:
        document.execute(edits.edit_workshop(document.session, agenda=agenda))
    document.close()
    assert window.open_session(path)
    QApplication.processEvents()
    return path


def _click(widget: QWidget) -> None:
    QTest.mouseClick(widget, LEFT, Qt.KeyboardModifier.NoModifier, widget.rect().center())


def _visible_docks(window: MainWindow) -> set[str]:
    return {name for name, dock in window.docks.items() if dock.isVisible()}


def test_f5_presents_and_esc_restores(window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    tab = window.canvas.current()
    tab.view.reset_zoom()
    docks_before = _visible_docks(window)
    assert {"palette", "inspector"} <= docks_before
    state_before = window.windowState()
    geometry_before = window.geometry()
    tab.view.setFocus()
    QTest.keyClick(tab.view, Key.Key_F5)

    presentation = window.presentation
    assert presentation.is_active()
    assert window.actions_["presentation"].isChecked()
    assert window.windowState() & FULL_SCREEN
    assert _visible_docks(window) == set()
    assert not window.menuBar().isVisible()
    assert not window.statusBar().isVisible()
    assert window.score_strip.isVisible()
    assert presentation.timer is not None and presentation.timer.isVisible()
    assert presentation.bar is not None and presentation.bar.isVisible()
    app = _app()
    assert active_theme(app) == "presentation"
    assert app.styleSheet() == stylesheet("presentation")
    assert app.font().pixelSize() >= PRESENTATION_FONT_PX >= 18
    QApplication.processEvents()
    surface = presentation.surface  # one screen: the slides fill the window
    assert surface is not None and surface.isVisible() and surface.hasFocus()
    assert not window.canvas.isVisible()
    assert presentation.projector is None and presentation.presenter is None
    assert presentation.deck is not None and presentation.deck.current().kind == "overview"

    QTest.keyClick(surface, Key.Key_Escape)  # nobody else wants it: it reaches the window
    assert not presentation.is_active()
    assert not window.actions_["presentation"].isChecked()
    assert not window.windowState() & FULL_SCREEN
    assert window.windowState() == state_before
    assert window.geometry() == geometry_before
    QApplication.processEvents()
    assert _visible_docks(window) == docks_before
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert active_theme(app) == "light" and app.styleSheet() == stylesheet("light")
    assert app.font().pixelSize() == BASE_FONT_PX
    assert presentation.bar is None and presentation.timer is None
    assert presentation.surface is None and presentation.deck is None
    assert window.canvas.isVisible()
    assert tab.view.zoom() == pytest.approx(1.0)  # the canvas is as it was
    assert tab.view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded


def test_shortcuts_work_while_the_menu_bar_is_hidden(window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    session = window.document.session
    tab = window.canvas.current()
    first = next(e for e in session.workflow_elements(tab.workflow_id) if e.kind == "trigger")
    window.bridge.push(edits.update_element(session, first.id, label="Lead comes in"))
    tab.view.setFocus()
    QTest.keyClick(tab.view, Key.Key_F5)
    presentation = window.presentation
    assert presentation.is_active()
    surface = presentation.surface
    assert "Lead comes in" in _labels_on(presentation)
    QTest.keyClick(
        surface, Key.Key_Z, Qt.KeyboardModifier.ControlModifier
    )  # undo, while presenting
    assert session.elements[first.id].label == first.label
    assert "Lead comes in" not in _labels_on(presentation)  # the slide follows at once
    assert first.label in _labels_on(presentation)
    QTest.keyClick(surface, Key.Key_F5)  # F5 leaves too
    assert not presentation.is_active()
    assert window.menuBar().isVisible()
    assert "dock-palette" not in [a.objectName() for a in window.actions()]
    assert window.actions_["undo"] not in window.actions()  # lent only while presenting


def _labels_on(presentation: object) -> set[str]:
    stage = presentation.deck.stage()  # type: ignore[attr-defined]
    layer = stage.elements()
    return {e.label for e in layer.session.elements.values()} if layer else set()


def test_clicker_keys_turn_the_frames(window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    window.presentation.enter()
    QApplication.processEvents()
    deck = window.presentation.deck
    surface = window.presentation.surface
    count = len(deck.slides)
    kinds = [slide.kind for slide in deck.slides]
    assert kinds[0] == "overview" and kinds[-2:] == ["matrix", "voting"]
    assert {"step", "findings", "scores"} <= set(kinds)
    for key, index in [
        (Key.Key_PageDown, 1),
        (Key.Key_Right, 2),
        (Key.Key_Down, 3),
        (Key.Key_PageUp, 2),
        (Key.Key_Left, 1),
        (Key.Key_Up, 0),
        (Key.Key_Up, 0),  # nothing before the first
        (Key.Key_End, count - 1),
        (Key.Key_PageDown, count - 1),  # nothing after the last
        (Key.Key_Home, 0),
    ]:
        QTest.keyClick(surface, key)
        assert deck.index == index, key
    QTest.keyClick(surface, Key.Key_PageDown)
    step = deck.current()
    assert step.kind == "step" and step.title == f"Walkthrough · step 1 of {step.parts}"
    painted = surface.grab().toImage()
    assert painted.width() == surface.width()
    window.presentation.leave()


def test_digit_keys_build_the_layers_up(window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    window.presentation.enter()
    QApplication.processEvents()
    surface = window.presentation.surface
    session = window.document.session
    workflow_id = window.canvas.current().workflow_id
    QTest.keyClick(surface, Key.Key_0)
    assert layer_state(session.workflows[workflow_id]).hidden == set(OPTIONAL_LAYERS)
    QTest.keyClick(surface, Key.Key_2)  # + roles, + data
    assert layer_state(session.workflows[workflow_id]).hidden == {
        "governance",
        "measurement",
        "notes",
    }
    QTest.keyClick(surface, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert layer_state(session.workflows[workflow_id]).hidden == set(OPTIONAL_LAYERS)
    window.presentation.leave()
    assert read_session(window.document.path).workflows[workflow_id].extra["layers"] == {
        "hidden": list(OPTIONAL_LAYERS),
        "focus": None,
    }


def test_the_presentation_timer_is_the_docks_timer(window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path)
    docked = window.ensure_timer_agenda().timer
    _click(docked.preset_buttons[10])
    _click(docked.start_button)
    assert docked.is_running()
    QTest.keyClick(window.canvas.current().view, Key.Key_F5)
    shown = window.presentation.timer
    assert shown is not None and shown.compact
    assert shown.is_running() and shown.start_button.text() == "Pause"
    assert 590 <= shown.seconds_left() <= 600
    _click(shown.start_button)  # Pause on the wall pauses the dock's timer
    assert not docked.is_running()
    window.presentation.leave()
    assert docked.start_button.text() == "Resume"
    assert 590 <= docked.seconds_left() <= 600


def test_presentation_needs_a_session_and_ends_with_it(window: MainWindow, tmp_path: Path) -> None:
    assert not window.actions_["presentation"].isEnabled()
    assert not window.presentation.enter()
    _open(window, tmp_path)
    assert window.presentation.enter()
    window.close_session()
    assert not window.presentation.is_active()
    assert not window.windowState() & FULL_SCREEN
    assert window.menuBar().isVisible()
    assert active_theme(_app()) == "light"


def test_dark_theme_is_applied_and_remembered(
    window: MainWindow, settings: QSettings, qtbot: QtBot, tmp_path: Path
) -> None:
    app = _app()
    light_sheet = app.styleSheet()
    assert window.actions_["theme_light"].isChecked()
    window.actions_["theme_dark"].trigger()  # View → Theme → Dark
    assert active_theme(app) == "dark"
    assert app.styleSheet() == stylesheet("dark") != light_sheet
    assert "@STYLES@" not in app.styleSheet()
    assert app.palette().window().color().lightness() < 80
    assert window.actions_["theme_dark"].isChecked()
    assert not window.actions_["theme_light"].isChecked()
    settings.sync()
    assert QSettings(settings.fileName(), QSettings.Format.IniFormat).value(THEME_KEY) == "dark"

    _open(window, tmp_path)
    window.presentation.enter()
    assert active_theme(app) == "presentation"
    window.presentation.leave()
    assert active_theme(app) == "dark"  # presentation mode gives the chosen theme back

    apply_theme(app, "light")  # a new window starts in the remembered theme
    second = MainWindow(RecentFiles(settings))
    qtbot.addWidget(second)
    assert active_theme(app) == "dark"
    assert second.actions_["theme_dark"].isChecked()
    second.actions_["theme_light"].trigger()
    assert active_theme(app) == "light"
    assert settings.value(THEME_KEY) == "light"
    second.shutdown()


def test_timer_and_agenda_dock_follows_the_session(window: MainWindow, tmp_path: Path) -> None:
    agenda = [{"title": "Map the workflow", "minutes": 45, "done": False}]
    path = _open(window, tmp_path, agenda)
    dock = window.docks["agenda"]
    assert dock.windowTitle() == "Agenda"
    assert window.timer_agenda is None  # a tab behind the findings: built when first shown
    dock.raise_()
    QApplication.processEvents()
    pane = window.timer_agenda
    assert pane is not None and dock.widget().widget() is pane  # inside its scroll area
    assert pane.isVisible()
    _click(pane.agenda.rows[0].timer_button)
    assert pane.timer.is_running() and pane.timer.seconds_left() > 44 * 60
    panel = pane.agenda
    panel.new_title.setFocus()
    QTest.keyClicks(panel.new_title, "Dot voting")
    QTest.keyClicks(panel.new_minutes, "15")
    QTest.keyClick(panel.new_minutes, Key.Key_Return)
    assert len(window.document.session.workshop.agenda) == 2
    window.close_session()
    assert window.timer_agenda is None
    assert [i["title"] for i in read_session(path).workshop.agenda] == [
        "Map the workflow",
        "Dot voting",
    ]
    assert window.open_session(path)
    assert window.timer_agenda is None
    titles = [row.title_edit.text() for row in window.ensure_timer_agenda().agenda.rows]
    assert titles == ["Map the workflow", "Dot voting"]
    assert not window.timer_agenda.timer.is_running()  # the timer is not kept
    window.bridge.stack.undo()
    assert len(window.timer_agenda.agenda.rows) == 1


def test_rendered_presentation_and_dark_windows(window: MainWindow, tmp_path: Path) -> None:
    _open(window, tmp_path, [{"title": "Map the workflow", "minutes": 45, "done": False}])
    window.ensure_timer_agenda().start_timer(45, "Map the workflow")
    window.timer_agenda.timer.pause()  # frozen at 45:00 however slow a loaded CI machine is
    window.presentation.enter()
    QApplication.processEvents()
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    image.save(str(tmp_path / "presentation.png"))
    bar = window.presentation.bar
    corner = bar.mapTo(window, bar.rect().topLeft())
    assert image.pixelColor(corner.x() + 2, corner.y() + 2).lightness() > 240  # white bar
    display = window.presentation.timer.display
    assert display.text() == "45:00" and display.isVisible()
    window.presentation.leave()

    window.actions_["theme_dark"].trigger()
    QApplication.processEvents()
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    image.save(str(tmp_path / "dark.png"))
    title = window.docks["inspector"]
    spot = title.mapTo(window, title.rect().topLeft())
    assert image.pixelColor(spot.x() + 3, spot.y() + 3).lightness() < 100  # dark dock title
    bar = window.menuBar().mapTo(window, window.menuBar().rect().topLeft())
    assert image.pixelColor(bar.x() + 1, bar.y() + 1).lightness() < 100
