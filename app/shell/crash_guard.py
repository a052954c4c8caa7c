"""The last line of defence: an unexpected error never leaves the screen showing a lie.

:class:`CrashGuard` takes over ``sys.excepthook`` (PySide6 reports exceptions raised in
slots and event handlers through it). The traceback goes to a log file in the user's data
folder, a dialog says what happened and where the log is, and the window reloads the
session from its file, which holds every change that was saved.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

#: Overrides the folder of the log file (tests, portable installs).
LOG_DIR_ENV = "OPMODEL_LOG_DIR"
LOG_NAME = "opmodel-studio.log"
#: A log larger than this is moved aside to ``.1`` before the next entry.
LOG_MAX_BYTES = 1_000_000

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def log_folder() -> Path:
    """Where the error log lives: the user's data folder for OpModel Studio."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    from PySide6.QtCore import QStandardPaths  # only when an error is logged

    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location or Path.home() / ".opmodel-studio") / "logs"


class CrashGuard:
    """Logs an unexpected error, tells the facilitator, and reloads the session."""

    def __init__(
        self, window: QWidget, reload: Callable[[], None], folder: Path | None = None
    ) -> None:
        self.window = window
        self.reload = reload
        self._folder = folder
        self._previous: ExceptHook | None = None
        self._handling = False

    @property
    def log_path(self) -> Path:
        """The error log's file (its folder is looked up when an error is first logged)."""
        if self._folder is None:
            self._folder = log_folder()
        return self._folder / LOG_NAME

    def install(self) -> None:
        """Become ``sys.excepthook`` (until :meth:`uninstall`)."""
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        """Give ``sys.excepthook`` back."""
        if self._previous is not None and sys.excepthook == self.handle:
            sys.excepthook = self._previous
        self._previous = None

    def handle(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        """Log, tell, reload. Never raises; a second error while handling is only logged."""
        written = self._log(kind, error, trace)
        if self._handling or issubclass(kind, KeyboardInterrupt):
            return
        self._handling = True
        try:
            where = str(self.log_path) if written else "the terminal (the log could not be written)"
            summary = f"{kind.__name__}: {error}".splitlines()[0][:300]
            QTimer.singleShot(0, self.reload)
            from PySide6.QtWidgets import QMessageBox  # only when something went wrong

            QMessageBox.critical(
                self.window,
                "Unexpected error",
                "OpModel Studio hit an unexpected error and has reloaded the session from its "
                "file, which holds every saved change.\n\n"
                f"{summary}\n\nThe details are in {where}.",
            )
        finally:
            self._handling = False

    def _log(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> bool:
        import traceback  # loaded when an error happens, not at start-up
        from datetime import datetime

        text = "".join(traceback.format_exception(kind, error, trace))
        entry = f"--- {datetime.now().isoformat(timespec='seconds')} ---\n{text}\n"
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            if self.log_path.exists() and self.log_path.stat().st_size > LOG_MAX_BYTES:
                os.replace(self.log_path, self.log_path.with_suffix(".log.1"))
            with self.log_path.open("a", encoding="utf-8") as handle:
                handle.write(entry)
        except OSError:
            sys.stderr.write(entry)
            return False
        return True
