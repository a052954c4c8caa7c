"""Starting the desktop app: QApplication, the main window, and a clean shutdown."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from app.shell import collector

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

#: Milliseconds after which the app quits by itself (for smoke tests and the start-up benchmark).
EXIT_AFTER_ENV = "OPMODEL_EXIT_AFTER_MS"
#: With :data:`EXIT_AFTER_ENV`: a PNG file to save the window into just before it quits (the
#: bundle's smoke test checks that the window really drew).
SCREENSHOT_ENV = "OPMODEL_SCREENSHOT"


def run_app(args: Sequence[str]) -> int:
    """Run the desktop app, opening the session file named in ``args`` if any."""
    collector_was_on = collector.pause()
    try:
        return _run_window(args, collector_was_on)
    finally:  # the caller gets its collector back as it was, whatever happened
        if collector_was_on:
            collector.thaw()
            gc.enable()


def _run_window(args: Sequence[str], collector_was_on: bool) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.shell.pyside_tuning import use_fast_pyside_check

    use_fast_pyside_check()
    from app.shell.crash_guard import CrashGuard
    from app.shell.theme import apply_theme
    from app.shell.window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0], *args[1:]])
    app.setApplicationName("OpModel Studio")
    app.setOrganizationName("OpModel")
    apply_theme(app)
    window = MainWindow()
    guard = CrashGuard(window, window.reload_session)
    guard.install()
    from app.shell.window_geometry import show_placed

    show_placed(window, window.recent.settings)
    if args:
        window.open_session(Path(args[0]))
    # Once the event loop has drawn the first frame: the collector runs again, and later
    # takes back the objects start-up made (app.shell.collector).
    QTimer.singleShot(0, partial(collector.resume, collector_was_on))
    if collector_was_on:
        QTimer.singleShot(collector.THAW_AFTER_MS, collector.thaw)
    exit_after = os.environ.get(EXIT_AFTER_ENV)
    if exit_after:
        screenshot = os.environ.get(SCREENSHOT_ENV, "")
        QTimer.singleShot(int(exit_after), partial(_quit, window, screenshot))
    status = app.exec()
    guard.uninstall()
    window.shutdown()
    app.clipboard().clear()
    window.deleteLater()
    del window
    app.processEvents()
    return status


def _quit(window: QWidget, screenshot: str) -> None:
    """Close ``window`` (ending the app), saving it into ``screenshot`` first if named."""
    if screenshot:
        window.grab().save(screenshot, "PNG")
    window.close()
