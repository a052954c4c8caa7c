"""Nothing clipped: every dock and dialog, light and dark, at 1366×768 and 1920×1080.

Each dock is opened in the real main window on a session full of long names (and a
running timer), each page of the assessment dialog is shown, and the full views beside
the canvas too; the test fails when a visible control is smaller than its minimum size
hint, sticks out of its parent, shows part of its text without eliding it with a tooltip,
or makes its dock scroll sideways (see ``tests/layout_checks.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QTabBar

from app.shell.docks import DOCKS as DOCK_SPECS
from app.shell.theme import THEME_KEY, apply_theme
from model.edits import edit_workshop
from model.participants import add_participant
from model.templates import create_session
from storage.document import SessionDocument
from tests.conftest import shown_window
from tests.layout_checks import problems

SIZES = ((1366, 768), (1920, 1080))
THEMES = ("light", "dark")
#: Every dock the window declares (a new dock is checked without touching this test).
DOCKS = tuple(spec.name for spec in DOCK_SPECS)


def _session_file(folder: Path) -> Path:
    session = create_session("finance", "finance")
    for name, title, role in (
        ("Alexandra Montgomery-Whitfield", "Chief Financial Officer", "sponsor"),
        ("Ben Okafor", "Head of Accounts Payable", "participant"),
        ("Chen Li", "Controller", "observer"),
    ):
        add_participant(session, name, title, role).apply(session)
    agenda = [
        {
            "title": "Map invoice-to-pay with the accounts payable team",
            "minutes": 45,
            "done": False,
        },
        {"title": "Dot voting", "minutes": 15, "done": True},
    ]
    edit_workshop(session, agenda=agenda, parking_lot=["Ask legal about retention"]).apply(session)
    path = folder / "room.opmodel"
    SessionDocument.create(path, session).close()
    return path


@pytest.fixture
def restore_theme():  # type: ignore[no-untyped-def]
    yield
    app = QApplication.instance()
    apply_theme(app, "light")  # type: ignore[arg-type]


def _themed_window(qtbot, folder: Path, theme: str, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    """A shown main window of ``size`` in ``theme`` (its settings file in ``folder``)."""
    settings_file = folder / "settings.ini"
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    settings.setValue(THEME_KEY, theme)
    settings.sync()
    return shown_window(qtbot, settings_file, size)


def _dock_tab_problems(window) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    for bar in window.findChildren(QTabBar):
        if bar.parentWidget() is window and bar.isVisible():
            found += [f"dock tabs: {p}" for p in problems(bar)]
    return found


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_dock_and_view_shows_all_its_controls(
    qtbot, tmp_path: Path, theme: str, size: tuple[int, int], restore_theme
) -> None:  # type: ignore[no-untyped-def]
    window = _themed_window(qtbot, tmp_path, theme, size)
    try:
        assert window.open_session(_session_file(tmp_path))
        agenda = window.ensure_timer_agenda()  # the Agenda dock is built on first use
        assert agenda is not None
        agenda.start_timer(15, "Map invoice-to-pay")  # the timer running
        found: list[str] = []
        for name in DOCKS:
            window.raise_dock(name)
            QApplication.processEvents()
            dock = window.docks[name]
            assert dock.isVisible(), name
            found += [f"{name}: {p}" for p in problems(dock)]
        # the voting dock in a private rating round, a participant chosen
        from model.voting import start_round

        window.bridge.push(start_round(window.document.session, "ratings"))
        window.raise_dock("voting")
        window.facilitation.voting.choose_participant("Alexandra Montgomery-Whitfield")
        QApplication.processEvents()
        found += [f"voting (rating round): {p}" for p in problems(window.docks["voting"])]
        combo = window.facilitation.voting.participant  # a long name elides, with a tooltip
        assert combo.shown_text().endswith("…") and combo.toolTip() == combo.currentText()
        found += _dock_tab_problems(window)
        found += [f"score strip: {p}" for p in problems(window.score_strip)]
        for key in ("prioritisation", "voting_results"):
            view = window.views.show(key)
            QApplication.processEvents()
            found += [f"{key}: {p}" for p in problems(view)]
        assert not found, "\n".join(found)
    finally:
        window.shutdown()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_blank_session_shows_all_its_words(
    qtbot, tmp_path: Path, theme: str, size: tuple[int, int], restore_theme
) -> None:  # type: ignore[no-untyped-def]
    """Before anything is mapped every score tile and the findings say so in words, whole,
    and no dock a new session opens with cuts anything, on a laptop too."""
    path = tmp_path / "blank.opmodel"
    SessionDocument.create(path, create_session("", "Blank")).close()
    window = _themed_window(qtbot, tmp_path, theme, size)
    try:
        assert window.open_session(path)
        qtbot.waitUntil(lambda: window.runner.latest is not None, timeout=10_000)
        QApplication.processEvents()
        strip = window.score_strip
        assert set(strip.shown_bands().values()) == {"not_mapped"}
        found = problems(strip)
        for spec in DOCK_SPECS:
            if spec.at_start:
                window.raise_dock(spec.name)
                QApplication.processEvents()
                found += [f"{spec.name}: {p}" for p in problems(window.docks[spec.name])]
        assert window.findings.summary.text().startswith("Nothing mapped yet")
        for key in ("prioritisation", "voting_results"):  # nothing rated or voted yet
            view = window.views.show(key)
            QApplication.processEvents()
            found += [f"{key}: {p}" for p in problems(view)]
        assert not found, "\n".join(found)
        for cell in strip.cells.values():
            label = cell.value_label
            assert label.text().replace("\n", " ") == "not yet mapped"
            lines = label.text().count("\n") + 1
            assert label.contentsRect().height() >= lines * label.fontMetrics().lineSpacing()
    finally:
        window.shutdown()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_page_of_the_assessment_dialog_shows_all_its_controls(
    qtbot, tmp_path: Path, theme: str, size: tuple[int, int], restore_theme
) -> None:  # type: ignore[no-untyped-def]
    from app.editor.undo import UndoBridge
    from app.facilitation.assessment_dialog import AssessmentDialog

    app = QApplication.instance()
    apply_theme(app, theme)  # type: ignore[arg-type]
    document = SessionDocument.open(_session_file(tmp_path))
    bridge = UndoBridge(document)
    dialog = AssessmentDialog(bridge)
    qtbot.addWidget(dialog)
    width, height = size
    dialog.resize(min(1040, width - 40), min(800, height - 60))  # as on a screen that size
    dialog.show()
    qtbot.waitExposed(dialog)
    try:
        found: list[str] = []
        for index in range(dialog.page_count):
            dialog.go_to(index)
            QApplication.processEvents()
            found += [f"page {index}: {p}" for p in problems(dialog)]
        assert not found, "\n".join(found)
    finally:
        dialog.close()
        document.close()


def test_the_check_sees_clipped_controls(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

    panel = QWidget()
    qtbot.addWidget(panel)
    row = QHBoxLayout(panel)
    button = QPushButton("Reset the timer")
    button.setFixedWidth(30)
    combo = QComboBox()
    combo.addItems(["Participant", "Observer"])
    combo.setFixedWidth(40)  # "Pa…"
    label = QLabel("Pause")
    label.setFixedWidth(12)
    for widget in (button, combo, label):
        row.addWidget(widget)
    panel.resize(300, 60)
    panel.show()
    qtbot.waitExposed(panel)
    found = problems(panel)
    assert any("Reset the timer" in p for p in found)
    assert any("QComboBox" in p for p in found)
    assert any("'Pause'" in p for p in found)
