"""Shared test set-up: Qt runs offscreen; a main window with its own settings file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if TYPE_CHECKING:
    from app.shell.window import MainWindow


def shown_window(qtbot, settings_file: Path, size: tuple[int, int]) -> MainWindow:  # type: ignore[no-untyped-def]
    """A shown main window of ``size`` whose recent-files list lives in ``settings_file``."""
    from PySide6.QtCore import QSettings

    from app.shell.recent import RecentFiles
    from app.shell.window import MainWindow

    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = MainWindow(RecentFiles(settings))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def main_window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A shown 1440×900 main window whose recent-files list lives in ``tmp_path``."""
    from PySide6.QtWidgets import QApplication

    window = shown_window(qtbot, tmp_path / "settings.ini", (1440, 900))
    yield window
    window.shutdown()
    QApplication.clipboard().clear()  # clipboard data must not outlive the QApplication


def answer_next_box(seen: list[str], button: str | None = None) -> None:
    """When the next modal box shows (within 5 s), note its text and press ``button``
    (accept it when None)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

    tries = [250]

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        if button is None:
            box.accept()
            return
        for each in box.buttons():
            if isinstance(each, QPushButton) and each.text().replace("&", "") == button:
                each.click()
                return
        box.reject()

    QTimer.singleShot(20, answer)
