"""Live findings in the window: dock, badges, score strip and figures follow each edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.editor.analysis_runner import DEBOUNCE_MS
from app.shell.window import MainWindow
from model import edits
from model.templates import create_session
from storage.document import SessionDocument


@pytest.fixture
def window(main_window: MainWindow, tmp_path: Path, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    path = tmp_path / "sales.opmodel"
    SessionDocument.create(path, create_session("sales", "sales")).close()
    assert main_window.open_session(path)
    # The first analysis runs just after the window shows the session.
    qtbot.waitUntil(lambda: main_window.runner.latest is not None, timeout=2000)
    return main_window


def _ai_step_and_its_data(window: MainWindow) -> tuple[str, list[str]]:
    session = window.document.session
    tab = window.canvas.current()
    for element in session.workflow_elements(tab.workflow_id):
        if element.kind != "ai_step":
            continue
        feeds = [
            c.source
            for c in session.connections.values()
            if c.target == element.id and session.elements[c.source].kind == "data"
        ]
        if feeds:
            return element.id, feeds
    raise AssertionError("the sales template has an ai_step fed by data")


def test_template_shows_scores_and_no_errors(window: MainWindow) -> None:
    shown = window.score_strip.shown_scores()
    assert len(shown) == 7
    assert all(text.isdigit() for text in shown.values())
    assert not [f for f in window.findings.shown_findings() if f.severity == "error"]
    assert "Cycle time:" in window.findings.figures.text()


def test_deleting_the_data_feed_raises_a_finding_within_100_ms(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    ai_step, data_ids = _ai_step_and_its_data(window)
    tab = window.canvas.current()
    tab.scene.select_ids(data_ids)
    tab.view.setFocus()
    QApplication.processEvents()
    QTest.keyClick(tab.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(
        lambda: any(
            f.rule == "DATA-1" and ai_step in f.element_ids
            for f in window.findings.shown_findings()
        ),
        timeout=100 + DEBOUNCE_MS,
    )
    assert tab.scene.element_item(ai_step).badge == "error"
    assert window.score_strip.shown_scores()["data_context"] != "100"
    window.bridge.stack.undo()
    qtbot.waitUntil(
        lambda: not any(f.rule == "DATA-1" for f in window.findings.shown_findings()),
        timeout=500,
    )
    assert tab.scene.element_item(ai_step).badge != "error"


def test_clicking_a_finding_selects_and_centres_its_elements(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.document.session
    tab = window.canvas.current()
    window.bridge.push(edits.add_element(session, tab.workflow_id, "ai_step", x=3000, y=2000))
    qtbot.waitUntil(lambda: any(f.rule == "ROLE-1" for f in window.findings.shown_findings()))
    row = next(r for r in window.findings.rows if r.finding.rule == "ROLE-1")
    window.findings.scroll.ensureWidgetVisible(row)
    QTest.mouseClick(row, Qt.MouseButton.LeftButton, pos=row.rect().center())
    finding = row.finding
    assert tab.scene.selected_element_ids() == list(finding.element_ids[:1]) or set(
        tab.scene.selected_element_ids()
    ) == set(finding.element_ids)
    centre = tab.view.mapToScene(tab.view.viewport().rect().center())
    item = tab.scene.element_item(finding.element_ids[0])
    assert item.sceneBoundingRect().adjusted(-400, -400, 400, 400).contains(centre)


def test_empty_workflow_scores_are_not_yet_mapped(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.actions_["workflow_new"].trigger()
    qtbot.waitUntil(lambda: window.canvas.currentIndex() == 1)
    qtbot.waitUntil(lambda: set(window.score_strip.shown_scores().values()) == {"not yet mapped"})
    assert window.findings.shown_findings() == []


def test_a_huge_map_lists_the_most_severe_findings_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.editor.findings_panel import MAX_ROWS, FindingsPanel
    from benchmarks.synthetic import synthetic_session
    from model.analysis import analyse

    analysis = analyse(synthetic_session(400, 500))
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show_analysis(analysis, "wf-0")
    total = [f for f in analysis.findings if f.workflow_id == "wf-0"]
    assert len(total) > MAX_ROWS
    assert len(panel.rows) == MAX_ROWS
    assert f"of {len(total)} findings" in panel._list_layout.itemAt(0).widget().text()
    severities = [row.finding.severity for row in panel.rows]
    assert severities.count("error") == min(MAX_ROWS, sum(f.severity == "error" for f in total))


def test_findings_show_their_references_and_filter_by_framework(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    session = window.document.session
    tab = window.canvas.current()
    window.bridge.push(edits.add_element(session, tab.workflow_id, "ai_step", x=3000, y=2000))
    qtbot.waitUntil(lambda: any(f.rule == "ROLE-1" for f in window.findings.shown_findings()))
    panel = window.findings
    every = panel.shown_findings()
    assert {"ROLE-1", "DATA-1", "ARCH-3"} <= {f.rule for f in every}
    role_row = next(r for r in panel.rows if r.finding.rule == "ROLE-1")
    shown = role_row.text.text()
    for reference in (
        "NIST AI RMF GOVERN 2.1",
        "ISO/IEC 42001 5.3",
        "ISO/IEC 42001 A.3",
        "EU AI Act Art. 26",
    ):
        assert reference in shown
    arch_row = next(r for r in panel.rows if r.finding.rule == "ARCH-3")
    assert "NIST" not in arch_row.text.text()  # process hygiene: no references

    # choose "EU AI Act" in the filter with the keyboard, as a facilitator would
    combo = panel.framework_filter
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All frameworks",
        "NIST AI RMF",
        "ISO/IEC 42001",
        "EU AI Act",
    ]
    combo.setFocus()
    for _ in range(3):
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert panel.framework() == "EU AI Act"
    eu = panel.shown_findings()
    assert eu and all(any(r.startswith("EU AI Act ") for r in f.references) for f in eu)
    assert "ROLE-1" in {f.rule for f in eu}
    assert not {"DATA-1", "ARCH-3"} & {f.rule for f in eu}  # they cite no EU AI Act passage
    assert "citing EU AI Act" in panel.summary.text()

    # the filter stays while the analysis refreshes after an edit
    window.bridge.push(edits.add_element(session, tab.workflow_id, "ai_step", x=3400, y=2000))
    qtbot.waitUntil(
        lambda: sum(f.rule == "ROLE-1" for f in panel.shown_findings()) == 2, timeout=2000
    )
    assert panel.framework() == "EU AI Act"

    panel.set_framework("ISO/IEC 42001")
    assert {"DATA-1", "ROLE-1"} <= {f.rule for f in panel.shown_findings()}
    assert "ARCH-3" not in {f.rule for f in panel.shown_findings()}
    panel.set_framework(None)
    assert "ARCH-3" in {f.rule for f in panel.shown_findings()}
