"""The exercise timer and the session agenda, driven by real clicks and keys.

The timer runs on short durations (a second or two); the agenda runs on a real session file
in ``tmp_path`` through :class:`~app.editor.undo.UndoBridge`, and every check looks at the widgets,
the session and the file.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.editor.undo import UndoBridge
from app.facilitation.agenda_panel import AgendaPanel, TimerAgendaPane
from app.facilitation.timer import Countdown, ExerciseTimer, format_clock
from model import edits
from model.templates import load_template
from storage.document import SessionDocument
from storage.store import read_session

Key = Qt.Key
LEFT = Qt.MouseButton.LeftButton


def click(widget: QWidget) -> None:
    """A real left click in the middle of ``widget``."""
    QTest.mouseClick(widget, LEFT, Qt.KeyboardModifier.NoModifier, widget.rect().center())


def type_into(widget: QWidget, text: str, *, enter: bool = True) -> None:
    """Focus ``widget``, replace its text by typing ``text``, then press Enter."""
    widget.setFocus()
    QTest.keyClick(widget, Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(widget, Key.Key_Backspace)
    QTest.keyClicks(widget, text)
    if enter:
        QTest.keyClick(widget, Key.Key_Return)


# -- the timer ---------------------------------------------------------------------------


@pytest.fixture
def timer(qtbot: QtBot) -> Iterator[ExerciseTimer]:
    widget = ExerciseTimer()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.dispose()


def test_clock_format() -> None:
    assert format_clock(0) == "00:00"
    assert format_clock(65) == "01:05"
    assert format_clock(90 * 60) == "90:00"
    assert format_clock(-3) == "00:00"


def test_start_runs_down_to_a_red_flashing_end(timer: ExerciseTimer, qtbot: QtBot) -> None:
    timer.set_seconds(0.6)
    assert timer.shown_text() == "00:01"  # whole seconds, rounded up
    ticks: list[int] = []
    timer.tick.connect(ticks.append)
    with qtbot.waitSignal(timer.finished, timeout=4000):
        click(timer.start_button)
        assert timer.is_running()
        assert timer.start_button.text() == "Pause"
    assert not timer.is_running()
    assert timer.seconds_left() == 0
    assert timer.shown_text() == "00:00"
    assert timer.display_is_red()
    assert ticks[-1] == 0 and ticks == sorted(ticks, reverse=True)
    assert timer.start_button.text() == "Start"
    first = timer.display.styleSheet()
    qtbot.waitUntil(lambda: timer.display.styleSheet() != first, timeout=2000)  # it flashes
    assert timer.display_is_red()
    click(timer.reset_button)
    assert not timer.display_is_red()
    assert timer.shown_text() == "00:01"


def test_pause_holds_and_reset_goes_back(timer: ExerciseTimer, qtbot: QtBot) -> None:
    timer.set_seconds(60)
    click(timer.start_button)
    qtbot.wait(250)
    click(timer.start_button)  # Pause
    assert not timer.is_running()
    assert timer.start_button.text() == "Resume"
    held = timer.countdown.milliseconds_left()
    assert 59_000 < held < 59_900
    qtbot.wait(300)
    assert timer.countdown.milliseconds_left() == held
    click(timer.start_button)  # Resume
    assert timer.is_running()
    qtbot.wait(100)
    assert timer.countdown.milliseconds_left() < held
    click(timer.reset_button)
    assert not timer.is_running()
    assert timer.seconds_left() == 60
    assert timer.shown_text() == "01:00"
    assert timer.start_button.text() == "Start"


def test_the_wall_clock_drives_the_countdown(timer: ExerciseTimer, qtbot: QtBot) -> None:
    timer.set_seconds(2)
    click(timer.start_button)
    time.sleep(1.2)  # the event loop is blocked: no ticks arrive meanwhile
    QApplication.processEvents()
    assert 600 <= timer.countdown.milliseconds_left() <= 800
    qtbot.waitUntil(lambda: timer.shown_text() == "00:01", timeout=500)
    timer.pause()


def test_presets_and_the_minutes_box(timer: ExerciseTimer) -> None:
    click(timer.preset_buttons[10])
    assert timer.seconds_left() == 600
    assert timer.shown_text() == "10:00"
    assert timer.minutes_box.value() == 10
    type_into(timer.minutes_box, "7")
    assert timer.seconds_left() == 7 * 60
    assert timer.shown_text() == "07:00"
    click(timer.preset_buttons[15])
    click(timer.start_button)
    assert timer.is_running()
    timer.set_minutes(5)  # a new duration stops the clock
    assert not timer.is_running()
    assert timer.shown_text() == "05:00"


def test_two_timers_share_one_countdown(qtbot: QtBot) -> None:
    countdown = Countdown(30)
    full = ExerciseTimer(countdown)
    compact = ExerciseTimer(countdown, compact=True)
    for widget in (full, compact):
        qtbot.addWidget(widget)
        widget.show()
    assert not compact.minutes_box.isVisible()
    click(full.start_button)
    assert compact.is_running() and compact.start_button.text() == "Pause"
    click(compact.start_button)
    assert not full.is_running() and full.start_button.text() == "Resume"
    compact.dispose()  # a borrowed countdown is left alone
    click(full.start_button)
    assert countdown.is_running()
    full.dispose()
    countdown.pause()
    countdown.deleteLater()


# -- the agenda --------------------------------------------------------------------------


@dataclass
class Env:
    """A session file, its undo bridge and a shown agenda panel."""

    path: Path
    document: SessionDocument
    bridge: UndoBridge
    panel: AgendaPanel

    def stored(self) -> list[dict[str, Any]]:
        return self.document.session.workshop.agenda

    def in_file(self) -> list[dict[str, Any]]:
        return read_session(self.path).workshop.agenda


AGENDA = [
    {"title": "Warm-up", "minutes": 10, "done": False},
    {"title": "Map the workflow", "minutes": 45, "done": False},
    {"title": "Dot voting", "minutes": 15, "done": False},
]


@pytest.fixture
def env(qtbot: QtBot, tmp_path: Path) -> Iterator[Env]:
    path = tmp_path / "s.opmodel"
    document = SessionDocument.create(path, load_template("sales"))
    bridge = UndoBridge(document)
    panel = AgendaPanel(bridge)
    qtbot.addWidget(panel)
    panel.resize(420, 600)
    panel.show()
    qtbot.waitExposed(panel)
    yield Env(path, document, bridge, panel)
    panel.dispose()
    document.close()


def _seed(env: Env) -> None:
    env.bridge.push(edits.edit_workshop(env.document.session, agenda=AGENDA))
    QApplication.processEvents()  # new rows are laid out and shown
    assert len(env.panel.rows) == 3


def test_add_items_by_enter_and_by_button(env: Env) -> None:
    panel = env.panel
    assert panel.rows == [] and panel.empty_label.isVisible()
    type_into(panel.new_title, "Warm-up", enter=False)
    type_into(panel.new_minutes, "10")  # Enter adds
    assert env.stored() == [{"title": "Warm-up", "minutes": 10, "done": False}]
    assert panel.new_title.text() == "" and panel.new_minutes.text() == ""
    assert panel.new_title.hasFocus()
    type_into(panel.new_title, "Deep dive", enter=False)
    type_into(panel.new_minutes, "2,5", enter=False)
    click(panel.add_button)
    assert env.in_file() == [
        {"title": "Warm-up", "minutes": 10, "done": False},
        {"title": "Deep dive", "minutes": 2.5, "done": False},
    ]
    assert [row.title_edit.text() for row in panel.rows] == ["Warm-up", "Deep dive"]
    assert [row.minutes_edit.text() for row in panel.rows] == ["10", "2.5"]
    assert not panel.empty_label.isVisible()
    assert "12.5 min planned" in panel.total_label.text()
    assert env.bridge.stack.count() == 2


@pytest.mark.parametrize("minutes", ["abc", "-5", ""])
def test_bad_minutes_are_refused_in_place(env: Env, minutes: str) -> None:
    panel = env.panel
    type_into(panel.new_title, "Break", enter=False)
    type_into(panel.new_minutes, minutes)
    assert panel.add_error.isVisible()
    assert "Minutes: expected a number ≥ 0" in panel.add_error.text()
    assert env.stored() == [] and env.in_file() == []
    assert env.bridge.stack.count() == 0
    assert panel.new_title.text() == "Break" and panel.new_minutes.text() == minutes
    type_into(panel.new_minutes, "5")
    assert not panel.add_error.isVisible()
    assert env.stored() == [{"title": "Break", "minutes": 5, "done": False}]


def test_an_item_needs_a_title(env: Env) -> None:
    type_into(env.panel.new_minutes, "5")
    assert env.panel.add_error.text() == "Give the agenda item a title."
    assert env.stored() == []


def test_edit_title_and_minutes_in_place(env: Env) -> None:
    _seed(env)
    row = env.panel.rows[1]
    type_into(row.title_edit, "Map sales")
    assert env.in_file()[1]["title"] == "Map sales"
    type_into(row.minutes_edit, "abc")
    assert row.error.isVisible() and "expected a number ≥ 0" in row.error.text()
    assert env.in_file()[1]["minutes"] == 45
    assert row.minutes_edit.text() == "abc"  # the user's text is kept
    type_into(row.minutes_edit, "-5")
    assert row.error.isVisible() and env.stored()[1]["minutes"] == 45
    type_into(row.minutes_edit, "30")
    assert not row.error.isVisible()
    assert env.in_file()[1] == {"title": "Map sales", "minutes": 30, "done": False}
    assert "55 min planned" in env.panel.total_label.text()
    env.bridge.stack.undo()
    assert env.stored()[1]["minutes"] == 45
    assert row.minutes_edit.text() == "45"


def test_toggle_done_move_delete_and_undo(env: Env) -> None:
    _seed(env)
    panel = env.panel
    click(panel.rows[0].done_box)
    assert env.in_file()[0]["done"] is True
    assert "60 min left" in panel.total_label.text()
    assert not panel.rows[0].up_button.isEnabled()
    assert not panel.rows[2].down_button.isEnabled()
    click(panel.rows[2].up_button)
    assert [item["title"] for item in env.in_file()] == [
        "Warm-up",
        "Dot voting",
        "Map the workflow",
    ]
    assert [row.title_edit.text() for row in panel.rows] == [
        "Warm-up",
        "Dot voting",
        "Map the workflow",
    ]
    click(panel.rows[0].down_button)
    assert [item["title"] for item in env.stored()] == ["Dot voting", "Warm-up", "Map the workflow"]
    assert panel.rows[1].done_box.isChecked()
    click(panel.rows[0].delete_button)
    assert [item["title"] for item in env.in_file()] == ["Warm-up", "Map the workflow"]
    assert len(panel.rows) == 2
    for _ in range(4):  # delete, move, move, done
        env.bridge.stack.undo()
    assert env.stored() == AGENDA
    assert [row.title_edit.text() for row in panel.rows] == [i["title"] for i in AGENDA]
    assert not any(row.done_box.isChecked() for row in panel.rows)
    env.bridge.stack.redo()
    assert panel.rows[0].done_box.isChecked()


def test_timer_button_asks_for_the_items_minutes(env: Env, qtbot: QtBot) -> None:
    _seed(env)
    with qtbot.waitSignal(env.panel.startTimerRequested) as blocker:
        click(env.panel.rows[1].timer_button)
    assert blocker.args == [45.0, "Map the workflow"]


def test_the_pane_starts_the_timer_for_an_item(qtbot: QtBot, tmp_path: Path) -> None:
    document = SessionDocument.create(tmp_path / "p.opmodel", load_template("sales"))
    bridge = UndoBridge(document)
    bridge.push(edits.edit_workshop(document.session, agenda=AGENDA))
    pane = TimerAgendaPane(bridge)
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitExposed(pane)
    click(pane.agenda.rows[2].timer_button)
    assert pane.timer.is_running()
    assert 14 * 60 < pane.timer.seconds_left() <= 15 * 60
    assert pane.timer.caption.text() == "Dot voting" and pane.timer.caption.isVisible()
    pane.dispose()
    assert not pane.timer.is_running()
    document.close()


def test_the_agenda_is_kept_in_the_file(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "keep.opmodel"
    document = SessionDocument.create(path, load_template("sales"))
    bridge = UndoBridge(document)
    panel = AgendaPanel(bridge)
    qtbot.addWidget(panel)
    panel.show()
    type_into(panel.new_title, "Wrap-up", enter=False)
    type_into(panel.new_minutes, "20")
    QApplication.processEvents()
    click(panel.rows[0].done_box)
    panel.dispose()
    document.close()

    reopened = SessionDocument.open(path)
    again = AgendaPanel(UndoBridge(reopened))
    qtbot.addWidget(again)
    assert [(r.title_edit.text(), r.minutes_edit.text()) for r in again.rows] == [("Wrap-up", "20")]
    assert again.rows[0].done_box.isChecked()
    again.dispose()
    reopened.close()
