"""Honest scores end to end: the window, `opmodel check --format json` and the PDF agree.

A component with an error finding scores at most 49 and is never shown green; a component
with nothing to check is "not yet mapped"; every tile carries a symbol as well as colour.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.shell.window import MainWindow
from model import edits
from model.score_bands import ERRORS, GOOD, score_band
from model.session import Session
from model.templates import create_session
from storage.document import SessionDocument

ROOT = Path(__file__).resolve().parent.parent


def _sales_with_a_role_error() -> tuple[Session, str]:
    """The sales template with the role connections of one AI step removed (ROLE-1)."""
    session = create_session("sales", "sales")
    step = next(
        e
        for e in session.elements.values()
        if e.kind == "ai_step"
        and any(
            c.target == e.id and session.elements[c.source].kind == "role"
            for c in session.connections.values()
        )
    )
    roles = [
        c.id
        for c in session.connections.values()
        if c.target == step.id and session.elements[c.source].kind == "role"
    ]
    edits.delete_connections(session, roles).apply(session)
    return session, step.id


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    session, _step = _sales_with_a_role_error()
    path = tmp_path / "roles.opmodel"
    SessionDocument.create(path, session).close()
    return path


def _check_json(path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "cli", "check", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 1, done.stderr  # an error finding
    return json.loads(done.stdout)


def test_window_cli_and_pdf_show_the_same_honest_numbers(
    main_window: MainWindow, session_file: Path, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    data = _check_json(session_file)
    assert any(f["rule"] == "ROLE-1" for f in data["findings"])
    roles = data["scores"]["role_design"]
    assert roles is not None and roles <= 49

    assert main_window.open_session(session_file)
    qtbot.waitUntil(lambda: main_window.runner.latest is not None, timeout=3000)
    strip = main_window.score_strip
    # one workflow: its scores are the workshop's
    assert strip.shown_scores() == {
        c: ("not yet mapped" if v is None else str(v)) for c, v in data["scores"].items()
    }
    cell = strip.cells["role_design"]
    assert strip.shown_bands()["role_design"] == "errors"
    tile = cell.grab().toImage()  # the tile is painted in the errors band's colour
    beside_the_text = tile.pixelColor(2, tile.height() // 2).name().upper()
    assert beside_the_text == ERRORS.background != GOOD.background
    assert cell.value_label.text().startswith("✕ ")  # a symbol, not colour alone
    assert "has errors" in cell.toolTip() and "has errors" in cell.accessibleDescription()
    for component, value in data["scores"].items():
        if value is not None and component != "role_design":
            assert strip.cells[component].value_label.text()[0] in "✓▲✕"

    from exports.pdf.blueprint import export_pdf

    target = tmp_path / "roles.pdf"
    export_pdf(main_window.document.session, target)
    text = " ".join(page.extract_text() for page in PdfReader(str(target)).pages)
    assert f"{roles} / 100" in text
    assert "errors" in text


def test_an_emptied_canvas_says_nothing_mapped_yet(
    main_window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "finance.opmodel"
    SessionDocument.create(path, create_session("finance", "finance")).close()
    assert main_window.open_session(path)
    session = main_window.document.session
    tab = main_window.canvas.current()
    ids = [e.id for e in session.workflow_elements(tab.workflow_id)]
    qtbot.waitUntil(lambda: main_window.runner.latest is not None, timeout=3000)
    assert main_window.score_strip.shown_bands()["governance"] == "good"
    main_window.bridge.push(edits.delete_elements(session, ids))
    qtbot.waitUntil(
        lambda: main_window.findings.summary.text().startswith("Nothing mapped yet"),
        timeout=3000,
    )
    assert session.workflows[tab.workflow_id].risk_tier is not None  # the tier stays
    assert set(main_window.score_strip.shown_scores().values()) == {"not yet mapped"}
    assert main_window.score_strip.shown_bands()["governance"] == "not_mapped"


def test_a_new_workflow_says_nothing_mapped_yet(
    main_window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sales.opmodel"
    SessionDocument.create(path, create_session("sales", "sales")).close()
    assert main_window.open_session(path)
    main_window.actions_["workflow_new"].trigger()
    qtbot.waitUntil(lambda: main_window.canvas.currentIndex() == 1)
    qtbot.waitUntil(
        lambda: main_window.findings.summary.text().startswith("Nothing mapped yet"),
        timeout=3000,
    )
    assert "every check passes" not in main_window.findings.summary.text()


def test_text_report_names_the_band() -> None:
    from model.analysis import analyse
    from model.analysis.report import text_report

    session, _step = _sales_with_a_role_error()
    report = text_report(session, analyse(session))
    line = next(line for line in report.splitlines() if line.strip().startswith("Role design"))
    assert line.rstrip().endswith("errors")
    assert score_band(None).word in text_report(Session(), analyse(Session()))
