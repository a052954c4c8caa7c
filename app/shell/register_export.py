"""File → Export register: the AI use-case register as an Excel workbook or a CSV file.

The register is written at once (it is a few rows per AI step); the file dialog's filter
chooses the format when the name has no extension of its own. A failure is reported in a
message box and leaves no file (the exports write atomically).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from model.session import Session

XLSX_FILTER = "Excel workbook (*.xlsx)"
CSV_FILTER = "CSV, UTF-8 (*.csv)"
SUFFIXES = {XLSX_FILTER: ".xlsx", CSV_FILTER: ".csv"}


def target_for(name: str, chosen_filter: str) -> Path:
    """The file to write: ``name`` as given when it ends in .xlsx or .csv, else with the
    extension of the filter chosen in the dialog."""
    path = Path(name)
    if path.suffix.lower() in (".xlsx", ".csv"):
        return path
    return path.with_name(path.name + SUFFIXES.get(chosen_filter, ".xlsx"))


def write_register(session: Session, target: Path) -> None:
    """Write the register of ``session`` to ``target`` (.xlsx or .csv); raises OSError."""
    if target.suffix.lower() == ".csv":
        from exports.register.csv_file import export_register_csv

        export_register_csv(session, target)
    else:
        from exports.register.workbook import export_register_xlsx

        export_register_xlsx(session, target)


def export_register_dialog(
    parent: QWidget, session: Session, session_path: Path, status: Callable[[str], None]
) -> Path | None:
    """Ask where to save the register, write it, and say so; returns the file written."""
    suggested = str(session_path.with_name(f"{session_path.stem}-register.xlsx"))
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export AI use-case register", suggested, f"{XLSX_FILTER};;{CSV_FILTER}"
    )
    if not name:
        return None
    target = target_for(name, chosen)
    try:
        write_register(session, target)
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        message = f"Cannot write {target}: {reason}. Nothing was written."
        QMessageBox.warning(parent, "Register not exported", message)
        return None
    status(f"AI use-case register written to {target}")
    return target
