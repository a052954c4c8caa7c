"""The start screen and the recent-files list: real clicks and keys, settings in tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from app.shell.recent import RECENT_KEY, RecentFiles
from app.shell.start_screen import (
    EMPTY_RECENT_TEXT,
    StartScreen,
    display_folder,
    friendly_time,
)
from model.templates import list_templates


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _session_file(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"placeholder")
    return path


@pytest.fixture
def make_screen(qtbot) -> Iterator:
    screens: list[StartScreen] = []

    def make(recent: RecentFiles) -> StartScreen:
        screen = StartScreen(recent)
        qtbot.addWidget(screen)
        screen.resize(1280, 800)
        screen.show()
        qtbot.waitExposed(screen)
        screens.append(screen)
        return screen

    yield make
    for screen in screens:
        screen.close()


# -- RecentFiles -----------------------------------------------------------------------------


def test_recent_files_put_the_latest_first_and_dedupe_resolved_paths(
    tmp_path: Path, settings: QSettings
) -> None:
    a = _session_file(tmp_path / "w", "a.opmodel")
    b = _session_file(tmp_path / "w", "b.opmodel")
    recent = RecentFiles(settings)
    assert recent.paths() == []
    recent.add(a)
    recent.add(b)
    recent.add(tmp_path / "w" / ".." / "w" / "a.opmodel")  # same file, other spelling
    assert recent.paths() == [a.resolve(), b.resolve()]

    # Stored in the settings: a fresh object on the same INI file sees the same list.
    reread = RecentFiles(QSettings(settings.fileName(), QSettings.Format.IniFormat))
    assert reread.paths() == [a.resolve(), b.resolve()]


def test_recent_files_trim_to_the_limit(tmp_path: Path, settings: QSettings) -> None:
    recent = RecentFiles(settings, limit=3)
    files = [_session_file(tmp_path, f"s{i}.opmodel") for i in range(5)]
    for path in files:
        recent.add(path)
    assert recent.paths() == [p.resolve() for p in reversed(files[2:])]


def test_recent_files_drop_missing_files_and_remove(tmp_path: Path, settings: QSettings) -> None:
    recent = RecentFiles(settings)
    keep = _session_file(tmp_path, "keep.opmodel")
    gone = _session_file(tmp_path, "gone.opmodel")
    recent.add(keep)
    recent.add(gone)
    gone.unlink()
    assert recent.paths() == [keep.resolve()]

    recent.remove(keep)
    assert recent.paths() == []


def test_recent_files_survive_a_single_entry_and_junk_in_the_ini(
    tmp_path: Path, settings: QSettings
) -> None:
    only = _session_file(tmp_path, "only.opmodel")
    settings.setValue(RECENT_KEY, str(only))  # an INI round trip turns [x] into "x"
    assert RecentFiles(settings).paths() == [only]
    settings.setValue(RECENT_KEY, "")
    assert RecentFiles(settings).paths() == []


# -- helpers ---------------------------------------------------------------------------------


def test_recent_descriptions_read_like_a_person_wrote_them() -> None:
    today = date(2025, 3, 12)
    assert friendly_time(datetime(2025, 3, 12, 14, 5), today) == "Today, 14:05"
    assert friendly_time(datetime(2025, 3, 11, 9, 12), today) == "Yesterday, 09:12"
    assert friendly_time(datetime(2024, 11, 2, 9, 12), today) == "2 Nov 2024"
    assert display_folder(Path.home() / "Workshops" / "x.opmodel") == os.path.join("~", "Workshops")


# -- StartScreen -----------------------------------------------------------------------------


def test_empty_state_when_there_are_no_recent_sessions(make_screen, settings: QSettings) -> None:
    screen = make_screen(RecentFiles(settings))
    assert screen.empty_label.isVisible()
    assert EMPTY_RECENT_TEXT in screen.empty_label.text()
    assert not screen.recent_list.isVisible()


def test_clicking_a_recent_session_emits_open_requested(
    make_screen, tmp_path: Path, settings: QSettings, qtbot
) -> None:
    recent = RecentFiles(settings)
    older = _session_file(tmp_path / "client", "Acme offsite.opmodel")
    newer = _session_file(tmp_path / "client", "Board review.opmodel")
    recent.add(older)
    recent.add(newer)
    screen = make_screen(recent)
    assert not screen.empty_label.isVisible()
    assert screen.recent_list.isVisible()
    assert [screen.recent_list.item(r).text() for r in range(2)] == [
        "Board review",
        "Acme offsite",
    ]

    rect = screen.recent_entry_rect(older.resolve())
    with qtbot.waitSignal(screen.openRequested, timeout=1000) as blocker:
        QTest.mouseClick(
            screen.recent_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
    assert blocker.args == [str(older.resolve())]


def test_refresh_picks_up_new_and_vanished_recent_files(
    make_screen, tmp_path: Path, settings: QSettings
) -> None:
    recent = RecentFiles(settings)
    screen = make_screen(recent)
    assert screen.empty_label.isVisible()
    path = _session_file(tmp_path, "new.opmodel")
    recent.add(path)
    screen.refresh()
    assert screen.recent_list.count() == 1 and not screen.empty_label.isVisible()
    path.unlink()
    screen.refresh()
    assert screen.recent_list.count() == 0 and screen.empty_label.isVisible()


def test_clicking_a_template_emits_new_requested_with_its_name(
    make_screen, settings: QSettings, qtbot
) -> None:
    screen = make_screen(RecentFiles(settings))
    titles = [screen.template_list.item(r).text() for r in range(screen.template_list.count())]
    assert titles == ["Blank session", *[t.title for t in list_templates()]]

    viewport = screen.template_list.viewport()
    for name in ("sales", ""):
        rect = screen.template_entry_rect(name)
        with qtbot.waitSignal(screen.newRequested, timeout=1000) as blocker:
            QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        assert blocker.args == [name]


def test_buttons_emit_their_requests(make_screen, settings: QSettings, qtbot) -> None:
    screen = make_screen(RecentFiles(settings))
    with qtbot.waitSignal(screen.openFileRequested, timeout=1000):
        QTest.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.newRequested, timeout=1000) as blocker:
        QTest.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [""]


def test_everything_works_from_the_keyboard(
    make_screen, tmp_path: Path, settings: QSettings, qtbot
) -> None:
    recent = RecentFiles(settings)
    path = _session_file(tmp_path, "kb.opmodel")
    recent.add(path)
    screen = make_screen(recent)
    with qtbot.waitActive(screen):
        screen.activateWindow()
    screen.focus_first_entry()
    assert screen.recent_list.hasFocus()
    with qtbot.waitSignal(screen.openRequested, timeout=1000) as blocker:
        QTest.keyClick(screen.recent_list, Qt.Key.Key_Return)
    assert blocker.args == [str(path.resolve())]

    QTest.keyClick(screen.recent_list, Qt.Key.Key_Tab)
    assert screen.template_list.hasFocus()
    QTest.keyClick(screen.template_list, Qt.Key.Key_Down)  # Blank → first template
    first = list_templates()[0].name
    with qtbot.waitSignal(screen.newRequested, timeout=1000) as blocker:
        QTest.keyClick(screen.template_list, Qt.Key.Key_Space)
    assert blocker.args == [first]

    QTest.keyClick(screen.template_list, Qt.Key.Key_Tab)
    assert screen.new_button.hasFocus()
    with qtbot.waitSignal(screen.newRequested, timeout=1000) as blocker:
        QTest.keyClick(screen.new_button, Qt.Key.Key_Space)
    assert blocker.args == [""]
    QTest.keyClick(screen.new_button, Qt.Key.Key_Tab)
    assert screen.open_button.hasFocus()
    with qtbot.waitSignal(screen.openFileRequested, timeout=1000):
        QTest.keyClick(screen.open_button, Qt.Key.Key_Return)


def test_every_card_fits_unclipped_at_1280_by_800(
    make_screen, tmp_path: Path, settings: QSettings
) -> None:
    recent = RecentFiles(settings)
    for i in range(4):
        recent.add(_session_file(tmp_path, f"Workshop {i}.opmodel"))
    screen = make_screen(recent)
    for view in (screen.recent_list, screen.template_list):
        viewport = view.viewport().rect()
        for row in range(view.count()):
            assert viewport.contains(view.visualItemRect(view.item(row)))
    for button in (screen.open_button, screen.new_button):
        assert button.height() >= 48
        assert button.fontMetrics().horizontalAdvance(button.text()) < button.width()
    assert not screen.grab().isNull()
