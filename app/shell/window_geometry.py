"""Where the main window opens: where the user left it, else sized to the screen it is on.

A first run (or a saved place on a screen that is gone, e.g. the projector) never opens
larger than the screen: on a laptop-sized screen the window opens maximised, on a larger
one at a comfortable size, centred. Closing the window remembers its place.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

GEOMETRY_KEY = "window/geometry"
#: The window's size on a large screen the first time (it never exceeds the screen).
PREFERRED_SIZE = (1600, 1000)
#: Screens at most this wide open the window maximised.
MAXIMISE_UP_TO = 1600


def show_placed(window: QMainWindow, settings: QSettings) -> None:
    """Show ``window`` where it was last closed, or sized to fit the primary screen."""
    saved = settings.value(GEOMETRY_KEY)
    if isinstance(saved, QByteArray) and window.restoreGeometry(saved) and _on_a_screen(window):
        window.show()
        return
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        window.show()
        return
    available = screen.availableGeometry()
    if available.width() <= MAXIMISE_UP_TO:
        window.setGeometry(available)
        window.showMaximized()
        return
    width = min(PREFERRED_SIZE[0], available.width())
    height = min(PREFERRED_SIZE[1], available.height())
    frame = QRect(0, 0, width, height)
    frame.moveCenter(available.center())
    window.setGeometry(frame)
    window.show()


def remember_geometry(window: QMainWindow, settings: QSettings) -> None:
    """Keep the window's place and size (maximised or not) for the next start."""
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
    settings.sync()


def _on_a_screen(window: QMainWindow) -> bool:
    """True when most of the window's title area lies on a screen that is there now."""
    frame = window.frameGeometry()
    grip = QRect(frame.left(), frame.top(), frame.width(), 40)
    for screen in QGuiApplication.screens():
        seen = screen.availableGeometry().intersected(grip)
        if seen.width() * seen.height() >= grip.width() * grip.height() / 2:
            return True
    return False
