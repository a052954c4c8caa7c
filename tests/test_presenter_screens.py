"""Presenter view with two screens: F5 puts the slides on the projector and keeps the
facilitator's controls on the laptop. Qt's offscreen platform is given two virtual
screens (a JSON file of screens); a QApplication's screens are fixed per process, so the
window runs in a subprocess that reports what it saw as JSON."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.virtual_screens import run_on_screens, screen

SCREENS = [screen("laptop", 0, 1920, 1080), screen("projector", 1920, 1920, 1080)]

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from app.shell.recent import RecentFiles
    from app.shell.window import MainWindow
    from model import edits
    from model.templates import create_session
    from storage.document import SessionDocument

    folder = Path(sys.argv[1])
    session = create_session("sales", "Sales")
    draft = next(e.id for e in session.elements.values() if e.label == "Draft proposal")
    edits.delete_connections(
        session, [c.id for c in session.connections.values() if c.target == draft]
    ).apply(session)
    agenda = [{"title": "Walk the flow", "minutes": 30, "done": False}]
    edits.edit_workshop(session, agenda=agenda).apply(session)
    edits.add_frame(session, "wf-sales", "Drafting", (600, 200, 800, 400),
                    notes="Ask who signs off.").apply(session)
    path = folder / "s.opmodel"
    SessionDocument.create(path, session).close()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(RecentFiles(settings))
    window.resize(1440, 900)
    window.show()
    window.open_session(path)
    app.processEvents()
    window.runner.run_now()
    QTest.keyClick(window.canvas.current().view, Qt.Key.Key_F5)
    for _ in range(5):
        app.processEvents()
    mode = window.presentation
    projector, presenter, deck = mode.projector, mode.presenter, mode.deck
    seen = {
        "screens": [s.name() for s in app.screens()],
        "window_screen": window.screen().name(),
        "window_full_screen": bool(window.windowState() & Qt.WindowState.WindowFullScreen),
        "projector_screen": projector.screen().name(),
        "projector_geometry": projector.geometry().getRect(),
        "projector_full_screen": projector.isFullScreen(),
        "projector_visible": projector.isVisible(),
        "surface_in_window": mode.surface is not None,
        "presenter_visible": presenter.isVisible(),
        "presenter_on": presenter.window() is window,
        "canvas_visible": window.canvas.isVisible(),
        "timer_visible": mode.timer.isVisible(),
        "label_px": projector.surface.label_px(),
        "caption_px": projector.surface.caption_px(),
        "agenda": presenter.agenda.text(),
        "findings": presenter.findings.text(),
    }
    image = projector.grab().toImage()
    seen["projector_colours"] = len({image.pixel(x, y) for x in range(0, 1920, 16)
                                     for y in range(0, 1080, 16)})
    focus = QApplication.focusWidget()
    QTest.keyClick(focus, Qt.Key.Key_PageDown)  # the clicker, at the laptop
    seen["after_page_down"] = [deck.index, projector.surface.index(),
                               presenter.current.index(), presenter.upcoming.index()]
    QTest.keyClick(projector.surface, Qt.Key.Key_Right)  # a key that went to the projector
    seen["after_right_on_projector"] = deck.index
    QTest.mouseClick(presenter.previous_button, Qt.MouseButton.LeftButton)
    seen["after_previous_button"] = deck.index
    frame = next(i for i, s in enumerate(deck.slides) if s.kind == "frame")
    deck.go(frame)
    seen["frame_notes"] = presenter.notes.text()
    seen["position"] = presenter.position.text()
    step = next(i for i, s in enumerate(deck.slides) if s.element_id == draft)
    deck.go(step)
    seen["step_notes"] = presenter.notes.text()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    app.processEvents()
    seen["after_escape"] = {
        "active": mode.is_active(),
        "projector": mode.projector is not None,
        "canvas_visible": window.canvas.isVisible(),
        "menu_visible": window.menuBar().isVisible(),
    }
    window.shutdown()
    print(json.dumps(seen))
    """
)


def test_two_screens_slides_on_the_projector_controls_on_the_laptop(tmp_path: Path) -> None:
    seen = run_on_screens(tmp_path, SCREENS, SCRIPT, str(tmp_path))
    assert seen["screens"] == ["laptop", "projector"]
    assert seen["window_screen"] == "laptop" and seen["window_full_screen"]
    assert seen["projector_screen"] == "projector"
    assert seen["projector_geometry"] == [1920, 0, 1920, 1080]
    assert seen["projector_full_screen"] and seen["projector_visible"]
    assert seen["projector_colours"] > 20  # a slide, not a blank window
    assert not seen["surface_in_window"] and not seen["canvas_visible"]
    assert seen["presenter_visible"] and seen["presenter_on"] and seen["timer_visible"]
    assert seen["label_px"] == 24.0 and seen["caption_px"] >= 14.0
    assert "Walk the flow" in seen["agenda"] and "30 min" in seen["agenda"]
    assert "ERROR" in seen["findings"] and "ROLE-1" in seen["findings"]
    assert seen["after_page_down"] == [1, 1, 1, 2]
    assert seen["after_right_on_projector"] == 2
    assert seen["after_previous_button"] == 1
    assert seen["frame_notes"] == "Ask who signs off." and "Drafting" in seen["position"]
    assert "ROLE-1" in seen["step_notes"] and "DATA-1" in seen["step_notes"]
    assert seen["after_escape"] == {
        "active": False,
        "projector": False,
        "canvas_visible": True,
        "menu_visible": True,
    }


ONE_SCREEN = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from app.shell.recent import RecentFiles
    from app.shell.window import MainWindow
    from model.templates import create_session
    from storage.document import SessionDocument

    folder = Path(sys.argv[1])
    path = folder / "s.opmodel"
    SessionDocument.create(path, create_session("finance", "Finance")).close()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(RecentFiles(settings))
    window.show()
    window.open_session(path)
    app.processEvents()
    QTest.keyClick(window.canvas.current().view, Qt.Key.Key_F5)
    for _ in range(5):
        app.processEvents()
    mode = window.presentation
    surface = mode.surface
    sizes = []
    for index in range(len(mode.deck.slides)):
        mode.deck.go(index)
        if mode.deck.stage().elements() is not None:
            sizes.append([surface.label_px(), surface.caption_px()])
    print(json.dumps({
        "projector": mode.projector is not None,
        "window": window.geometry().getRect(),
        "surface": [surface.width(), surface.height()],
        "sizes": sizes,
    }))
    window.shutdown()
    """
)


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_one_screen_labels_are_24_px_at_1080_lines_scaled_with_the_screen(
    tmp_path: Path, width: int, height: int
) -> None:
    only = [screen("laptop", 0, width, height)]
    seen = run_on_screens(tmp_path, only, ONE_SCREEN, str(tmp_path))
    assert not seen["projector"]  # one screen: the slides in the window, as before
    assert seen["window"] == [0, 0, width, height]
    assert seen["surface"][0] == width and seen["surface"][1] > height * 0.8
    assert len(seen["sizes"]) >= 5
    scale = height / 1080
    for label_px, caption_px in seen["sizes"]:
        assert label_px == pytest.approx(24.0 * scale)
        assert caption_px >= 14.0 * scale
