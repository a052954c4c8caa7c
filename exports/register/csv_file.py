"""The AI use-case register as one CSV file: UTF-8 with a byte-order mark (so spreadsheet
programs read it as UTF-8), comma-separated, CRLF line ends, a header row, one row per AI
step. A cell that a spreadsheet would read as a formula (it starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, so a label can never
run as a formula on the reader's machine.
"""

from __future__ import annotations

import csv
from pathlib import Path

from exports.atomic import atomic_output
from exports.register.rows import COLUMNS, register_rows
from model.session import Session

#: First characters that make a spreadsheet program evaluate a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: str) -> str:
    """``value`` as a spreadsheet shows it as text, never as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_register_csv(session: Session, target: Path | str) -> None:
    """Write the register of ``session`` to ``target`` as CSV, atomically."""
    with atomic_output(target) as temp, temp.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, dialect="excel")
        writer.writerow(COLUMNS)
        for row in register_rows(session):
            writer.writerow([inert(cell) for cell in row.cells])
