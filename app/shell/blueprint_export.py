"""Exporting the PDF blueprint from the app: in a worker thread, with progress and cancel.

The worker gets its own copy of the session, so editing can go on while the PDF is built;
the window stays responsive and a progress dialog shows which section is being written.
Cancelling, like any failure, leaves no partial file (the export writes atomically).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from model.interchange import session_from_json, session_to_json
from model.session import Session


class ExportCancelled(Exception):
    """Raised inside the worker when the user cancels."""


class _Worker(QObject):
    progress = Signal(int, int, str)
    done = Signal(str)
    failed = Signal(str)

    def __init__(self, session: Session, target: Path, stakeholder: bool) -> None:
        super().__init__()
        self.session = session
        self.target = target
        self.stakeholder = stakeholder
        self.cancelled = False
        self.warnings: list[str] = []

    @Slot()
    def run(self) -> None:
        from exports.pdf.blueprint import export_pdf

        def report(done: int, total: int, what: str) -> None:
            if self.cancelled:
                raise ExportCancelled
            self.progress.emit(done, total, what)

        try:
            self.warnings = export_pdf(
                self.session, self.target, stakeholder=self.stakeholder, progress=report
            )
        except ExportCancelled:
            self.failed.emit("Export cancelled; no file was written.")
        except Exception as exc:  # any failure is reported; the target is untouched
            self.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.done.emit(str(self.target))


class BlueprintExport(QObject):
    """One PDF export running in the background."""

    progress = Signal(int, int, str)
    finished = Signal(str)
    failed = Signal(str)

    def __init__(
        self, session: Session, target: Path, *, stakeholder: bool, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        snapshot = session_from_json(session_to_json(session), "session")
        self._thread = QThread()
        self._worker = _Worker(snapshot, target, stakeholder)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.done.connect(self._on_done)
        self._worker.failed.connect(self._on_failed)

    def start(self) -> None:
        """Start building the PDF."""
        self._thread.start()

    def cancel(self) -> None:
        """Ask the worker to stop at the next section."""
        self._worker.cancelled = True

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the worker thread ends (for shutdown and tests)."""
        return self._thread.wait(msecs)

    def was_cancelled(self) -> bool:
        """True when the user cancelled this export."""
        return self._worker.cancelled

    @property
    def warnings(self) -> list[str]:
        """Texts drawn with a visible replacement (no shipped font has some character)."""
        return list(self._worker.warnings)

    def is_running(self) -> bool:
        """True while the PDF is being built."""
        return self._thread.isRunning()

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()

    def _on_done(self, path: str) -> None:
        self._finish()
        self.finished.emit(path)

    def _on_failed(self, message: str) -> None:
        self._finish()
        self.failed.emit(message)


def start_with_progress(
    parent: QWidget,
    session: Session,
    target: Path,
    *,
    stakeholder: bool,
    status: Callable[[str], None],
) -> BlueprintExport:
    """Start an export with a non-modal progress dialog (Cancel stops it, no file left).

    Success and a cancel are reported through ``status``; a failure in a message box.
    """
    job = BlueprintExport(session, target, stakeholder=stakeholder, parent=parent)
    dialog = QProgressDialog("Preparing the blueprint…", "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Export blueprint")
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.setMinimumDuration(300)
    dialog.canceled.connect(job.cancel)

    def progress(done: int, total: int, what: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(f"Writing {what}…")

    def finished(path: str) -> None:
        dialog.reset()
        status(f"Blueprint written to {path}")
        if job.warnings:
            shown = "\n".join(job.warnings[:8])
            more = f"\n… and {len(job.warnings) - 8} more" if len(job.warnings) > 8 else ""
            QMessageBox.warning(
                parent,
                "Blueprint written with replacements",
                f"The blueprint was written to {path}, but some text could not be drawn "
                f"with the shipped fonts and shows □ instead:\n\n{shown}{more}",
            )

    def failed(message: str) -> None:
        dialog.reset()
        if job.was_cancelled():
            status(message)  # the user asked for it: no dialog to dismiss
        else:
            QMessageBox.warning(parent, "Blueprint not exported", message)

    job.progress.connect(progress)
    job.finished.connect(finished)
    job.failed.connect(failed)
    job.start()
    return job
