"""File → Export register in the real window: the save dialog's answer decides the file
and format, the workbook and the CSV read back, and a failure says why and writes nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.shell.register_export import CSV_FILTER, XLSX_FILTER, target_for
from app.shell.window import MainWindow
from exports.register.rows import COLUMNS
from exports.register.workbook import ALL_SHEET
from model.templates import create_session
from storage.document import SessionDocument


def _answer(monkeypatch: pytest.MonkeyPatch, name: Path | str, chosen: str) -> list[tuple]:
    asked: list[tuple] = []

    def dialog(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(args)
        return str(name), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    return asked


def test_the_action_needs_a_session_and_writes_both_formats(
    main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    action = main_window.actions_["export_register"]
    assert action.text().replace("&", "") == "Export register (Excel or CSV)…"
    assert not action.isEnabled()
    path = tmp_path / "acme.opmodel"
    SessionDocument.create(path, create_session("customer_support", "Acme")).close()
    assert main_window.open_session(path)
    assert action.isEnabled()

    asked = _answer(monkeypatch, tmp_path / "acme-register", XLSX_FILTER)
    action.trigger()
    suggested, filters = asked[0][2], asked[0][3]
    assert suggested == str(tmp_path / "acme-register.xlsx")
    assert filters == f"{XLSX_FILTER};;{CSV_FILTER}"
    workbook = load_workbook(tmp_path / "acme-register.xlsx")
    rows = list(workbook[ALL_SHEET].iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    assert [r[2] for r in rows[1:]] == [
        "Triage ticket",
        "Draft AI response",
        "Update knowledge base",
    ]
    assert "acme-register.xlsx" in main_window.statusBar().currentMessage()

    _answer(monkeypatch, tmp_path / "inventory.csv", XLSX_FILTER)  # the name's extension wins
    action.trigger()
    with (tmp_path / "inventory.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert tuple(table[0]) == COLUMNS and len(table) == 4
    draft = dict(zip(COLUMNS, table[2], strict=True))
    assert draft["Provider"] == "Third party" and draft["Override/stop authority"] == (
        "Support agent (override)"
    )


def test_a_failure_says_why_and_writes_nothing(
    main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.opmodel"
    SessionDocument.create(path, create_session("sales", "S")).close()
    assert main_window.open_session(path)
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: warned.append(text))
    )
    _answer(monkeypatch, tmp_path / "gone" / "register.xlsx", XLSX_FILTER)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main_window.export_register_dialog() is None
    assert len(warned) == 1 and "Nothing was written" in warned[0]
    assert "register.xlsx" in warned[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    _answer(monkeypatch, "", XLSX_FILTER)  # the dialog was cancelled
    assert main_window.export_register_dialog() is None


def test_target_for_adds_the_chosen_extension() -> None:
    assert target_for("/x/reg", CSV_FILTER) == Path("/x/reg.csv")
    assert target_for("/x/reg", XLSX_FILTER) == Path("/x/reg.xlsx")
    assert target_for("/x/reg.CSV", XLSX_FILTER) == Path("/x/reg.CSV")
    assert target_for("/x/v1.2", "") == Path("/x/v1.2.xlsx")
