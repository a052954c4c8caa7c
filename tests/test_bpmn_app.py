"""File → Import BPMN… and File → Export BPMN… in the window, with the import report."""

from __future__ import annotations

from pathlib import Path

from app.shell.window import MainWindow
from exports.bpmn.reader import read_bpmn_file
from model.interchange import session_to_json
from storage.store import read_session
from tests.bpmn_helpers import FIXTURES
from tests.conftest import answer_next_box


def test_file_menu_has_the_bpmn_actions(main_window: MainWindow) -> None:
    texts = {a.objectName(): a.text() for a in main_window.menuBar().actions()[0].menu().actions()}
    assert texts["import_bpmn"] == "Import B&PMN…"
    assert texts["export_bpmn"] == "Export BP&MN…"
    assert not main_window.actions_["export_bpmn"].isEnabled()  # no session yet


def test_import_opens_the_session_and_lists_what_was_not_mapped(
    main_window: MainWindow, tmp_path: Path
) -> None:
    source = FIXTURES / "C.1.0-reference.bpmn"
    target = tmp_path / "client.opmodel"
    assert main_window.import_bpmn(source, target)
    assert main_window.document is not None and main_window.document.path == target
    assert main_window.canvas.count() == 2  # two pools, two workflow tabs
    assert main_window.canvas.tabText(0) == "Team-Assistant"
    report = main_window.import_report
    assert report is not None and report.isVisible()
    assert "not mapped: 5 message flows" in report.summary.text()
    lines = [report.items.item(i).text() for i in range(report.items.count())]
    assert sum("message flow" in line for line in lines) == 5
    assert any("folded into connections" in line for line in lines)
    expected, _ = read_bpmn_file(source)
    assert session_to_json(read_session(target)) == session_to_json(expected)
    assert main_window.actions_["export_bpmn"].isEnabled()


def test_export_writes_bpmn_that_comes_back_the_same(
    main_window: MainWindow, tmp_path: Path
) -> None:
    assert main_window.new_session("sales", tmp_path / "sales.opmodel")
    target = tmp_path / "sales.bpmn"
    assert main_window.export_bpmn(target)
    again, report = read_bpmn_file(target)
    assert report.from_opmodel
    assert session_to_json(again) == session_to_json(main_window.document.session)
    assert "Exported" in main_window.statusBar().currentMessage()


def test_a_bad_file_is_reported_and_nothing_is_created(
    main_window: MainWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.bpmn"
    bad.write_text("<!DOCTYPE x [<!ENTITY a 'b'>]><definitions/>")
    target = tmp_path / "never.opmodel"
    seen: list[str] = []
    answer_next_box(seen)
    assert not main_window.import_bpmn(bad, target)
    assert seen and "refused: the file declares a DTD" in seen[0]
    assert not target.exists() and main_window.import_report is None
