"""File → Import BPMN… and File → Export BPMN…: the dialogs and the import report.

The work itself is headless (:mod:`exports.bpmn`); this module asks for files, reports a
refusal in one message and, after an import, lists what could not be mapped in the
:class:`ImportReportDialog` (not modal: the facilitator reads it beside the canvas).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from exports.bpmn.report import ImportReport

BPMN_FILTER = "BPMN 2.0 (*.bpmn *.bpmn2 *.xml)"


class ImportReportDialog(QDialog):
    """What a BPMN import kept, folded and could not map, one line per BPMN element."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bpmnImportReport")
        self.setWindowTitle("BPMN import report")
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        self.summary = QLabel(report.summary())
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        if report.laid_out:
            names = ", ".join(report.laid_out)
            note = QLabel(f"Laid out automatically (the file has no diagram for them): {names}")
            note.setWordWrap(True)
            layout.addWidget(note)
        self.items = QListWidget()
        # Long BPMN ids wrap rather than hide behind a horizontal scrollbar.
        self.items.setWordWrap(True)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lines = report.lines()
        self.items.addItems(lines or ["Every BPMN element was mapped."])
        layout.addWidget(self.items, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)


def ask_bpmn_source(parent: QWidget) -> Path | None:
    """Ask for a BPMN file to import."""
    name, _ = QFileDialog.getOpenFileName(parent, "Import BPMN", "", BPMN_FILTER)
    return Path(name) if name else None


def ask_bpmn_target(parent: QWidget, suggested: Path) -> Path | None:
    """Ask where to export BPMN (``.bpmn`` added when the name has no extension)."""
    name, _ = QFileDialog.getSaveFileName(parent, "Export BPMN", str(suggested), BPMN_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(".bpmn")


def export_session_bpmn(parent: QWidget, session: object, target: Path) -> bool:
    """Write ``session`` as BPMN to ``target``; a failure is said in one message."""
    from exports.bpmn.writer import export_bpmn

    try:
        export_bpmn(session, target)  # type: ignore[arg-type]
    except OSError as exc:
        QMessageBox.critical(parent, "Cannot export BPMN", f"{target}: {exc.strerror or exc}")
        return False
    return True
