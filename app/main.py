"""Starting the desktop app: QApplication, the main window, and a clean shutdown."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

#: Milliseconds after which the app quits by itself (for smoke tests and the start-up benchmark).
EXIT_AFTER_ENV = "OPMODEL_EXIT_AFTER_MS"


def run_app(args: Sequence[str]) -> int:
    """Run the desktop app, opening the session file named in ``args`` if any."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.window import MainWindow
    from storage.document import SessionDocument
    from storage.files import SessionFileError

    app = QApplication.instance() or QApplication([sys.argv[0], *args[1:]])
    app.setApplicationName("OpModel Studio")
    app.setOrganizationName("OpModel")
    window = MainWindow()
    if args:
        try:
            window.set_document(SessionDocument.open(Path(args[0])))
        except SessionFileError as exc:
            QMessageBox.critical(window, "Cannot open session", str(exc))
    window.show()
    exit_after = os.environ.get(EXIT_AFTER_ENV)
    if exit_after:
        QTimer.singleShot(int(exit_after), window.close)
    status = app.exec()
    window.shutdown()
    window.deleteLater()
    del window
    app.processEvents()
    return status
