"""The AI use-case register as an Excel workbook (openpyxl, imported only here): a sheet
with every AI step first, then one sheet per workflow in tab order. Each sheet has a bold
header row that stays in view (frozen), filters on every column, widths that fit the
content (long text wraps) and cells that are always text, never formulas.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from exports.atomic import atomic_output
from exports.register.rows import COLUMNS, RegisterRow, register_rows
from model.session import Session

ALL_SHEET = "All AI steps"
#: Characters Excel refuses in a sheet name, and its longest name.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31
#: The most characters an Excel cell holds.
CELL_MAX = 32_767
#: Control characters an XLSX file cannot hold (XML 1.0), shown as U+FFFD.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Column widths in characters: at least the header's longest word, at most this.
WIDTH_MIN = 8
WIDTH_MAX = 48
HEADER_FILL = "1F3A8A"


def sheet_names(names: Sequence[str]) -> list[str]:
    """Excel-safe, unique sheet names for ``names`` (31 characters, no ``[]:*?/\\``, not
    starting or ending with an apostrophe, unique ignoring case, never the all-steps name)."""
    taken = {ALL_SHEET.casefold(), "history"}  # Excel reserves "History"
    out = []
    for name in names:
        base = _SHEET_FORBIDDEN.sub("-", " ".join(name.split())).strip("'").strip() or "Workflow"
        candidate = base[:SHEET_NAME_MAX].strip()
        n = 2
        while candidate.casefold() in taken:
            suffix = f" ({n})"
            candidate = base[: SHEET_NAME_MAX - len(suffix)].strip() + suffix
            n += 1
        taken.add(candidate.casefold())
        out.append(candidate)
    return out


def cell_text(value: str) -> str:
    """``value`` as an XLSX cell can hold it: no control characters, at most 32,767."""
    clean = _ILLEGAL.sub("\ufffd", value)
    return clean if len(clean) <= CELL_MAX else clean[: CELL_MAX - 1] + "…"


def export_register_xlsx(session: Session, target: Path | str) -> None:
    """Write the register of ``session`` to ``target`` as an .xlsx workbook, atomically."""
    from openpyxl import Workbook  # ~0.2 s to import: only for this export

    rows = register_rows(session)
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    _fill(first, ALL_SHEET, rows)
    workflows = session.ordered_workflows()
    names = sheet_names([w.name.strip() or w.id for w in workflows])
    for workflow, name in zip(workflows, names, strict=True):
        sheet = workbook.create_sheet()
        _fill(sheet, name, [r for r in rows if r.workflow_id == workflow.id])
    title = session.workshop.title.strip() or "AI operating model"
    workbook.properties.title = f"{title}: AI use-case register"
    workbook.properties.creator = "OpModel Studio"
    with atomic_output(target) as temp:
        workbook.save(temp)


def _fill(sheet: Any, name: str, rows: list[RegisterRow]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.title = name
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    header_align = Alignment(wrap_text=True, vertical="center")
    body_align = Alignment(wrap_text=True, vertical="top")
    for column, title in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=column, value=title)
        cell.font, cell.fill, cell.alignment = header_font, header_fill, header_align
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row.cells, start=1):
            cell = sheet.cell(row=number, column=column)
            cell.value = cell_text(value)
            cell.data_type = "s"  # text, even when it starts with "=": never a formula
            cell.alignment = body_align
    last = get_column_letter(len(COLUMNS))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{max(len(rows), 0) + 1}"
    for column, title in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = _width(
            title, [r.cells[column - 1] for r in rows]
        )
    sheet.row_dimensions[1].height = 30


def _width(title: str, values: list[str]) -> float:
    """Characters wide: the header's longest word, the longest value line, within bounds."""
    longest_word = max(len(w) for w in title.split())
    longest = max((len(line) for v in values for line in v.splitlines() or [""]), default=0)
    return float(max(WIDTH_MIN, longest_word + 3, min(WIDTH_MAX, longest + 2)))
