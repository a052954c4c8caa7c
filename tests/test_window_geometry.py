"""The main window opens within the screen, and where the user left it."""

from __future__ import annotations

from pathlib import Path

from tests.virtual_screens import run_on_screens, screen

#: Opens the window twice on the screens of QT_QPA_PLATFORM's config file: first placed
#: from empty settings (then moved, resized and closed), then from what the close kept.
SCRIPT = r"""
import json, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from app.shell.recent import RecentFiles
from app.shell.window import MainWindow
from app.shell.window_geometry import show_placed

app = QApplication([])
settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
out = {}
window = MainWindow(RecentFiles(settings))
show_placed(window, settings)
app.processEvents()
g = window.geometry()
out["first"] = [g.x(), g.y(), g.width(), g.height(), window.isMaximized()]
window.showNormal()
window.setGeometry(100, 80, 1200, 700)
app.processEvents()
g = window.geometry()
out["closed"] = [g.x(), g.y(), g.width(), g.height(), window.isMaximized()]
window.close()
app.processEvents()
window.deleteLater()
app.processEvents()
again = MainWindow(RecentFiles(settings))
show_placed(again, settings)
app.processEvents()
g = again.geometry()
out["again"] = [g.x(), g.y(), g.width(), g.height(), again.isMaximized()]
again.close()
again.deleteLater()
app.processEvents()
print(json.dumps(out))
"""


def _placed(tmp_path: Path, width: int, height: int) -> dict:
    only = [screen("only", 0, width, height)]
    return run_on_screens(tmp_path, only, SCRIPT, str(tmp_path / "settings.ini"))


def test_on_a_laptop_screen_the_first_window_fits_it_and_comes_back_where_left(
    tmp_path: Path,
) -> None:
    placed = _placed(tmp_path, 1366, 768)
    x, y, w, h, maximised = placed["first"]
    assert maximised
    assert x >= 0 and y >= 0 and x + w <= 1366 and y + h <= 768
    assert placed["closed"][2:] == [1200, 700, False]
    # the same size; the same place give or take a title bar (restoreGeometry places the
    # frame, and the offscreen platform's frame margins differ from the window's)
    again, closed = placed["again"], placed["closed"]
    assert again[2:] == closed[2:]
    assert abs(again[0] - closed[0]) <= 40 and abs(again[1] - closed[1]) <= 40


def test_on_a_large_screen_the_first_window_is_centred_at_a_comfortable_size(
    tmp_path: Path,
) -> None:
    x, y, w, h, maximised = _placed(tmp_path, 2560, 1440)["first"]
    assert not maximised and (w, h) == (1600, 1000)
    assert abs((x + w / 2) - 1280) <= 1 and abs((y + h / 2) - 720) <= 1
