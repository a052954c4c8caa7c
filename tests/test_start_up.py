"""Start-up tuning: the fast PySide6 feature check answers exactly as PySide6's own."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import PySide6.QtCore  # noqa: F401  (loads PySide6's feature hook)

from app.shell.pyside_tuning import use_fast_pyside_check


def test_the_fast_check_gives_pysides_own_answers() -> None:
    assert use_fast_pyside_check()
    assert use_fast_pyside_check()  # installing twice keeps one wrapper
    feature = sys.modules["shibokensupport.feature"]
    fast = feature._mod_uses_pyside
    original = fast.original
    assert not getattr(original, "_opmodel_fast_check", False)
    names = ["app.shell.window", "canvas.scene", "model.edits", "storage.store", "json", "sys"]
    answers = {}
    for name in names:
        module = importlib.import_module(name)
        answers[name] = fast(module)
        assert answers[name] == original(module), name
    assert answers["app.shell.window"] and answers["canvas.scene"]
    assert not answers["model.edits"] and not answers["json"] and not answers["sys"]


#: Libraries the first paint of a session never needs: each loads on first use (the PDF,
#: the charts, the analysis's figures, the register workbook, the About box, the ratings).
LOADED_ON_FIRST_USE = (
    "matplotlib",
    "reportlab",
    "networkx",
    "sqlite_utils",
    "openpyxl",
    "app.shell.about",
    "statistics",
    "exports.bpmn.reader",
    "hashlib",
    "PySide6.QtSvg",
    "app.shell.bpmn_exchange",
    "app.shell.blueprint_export",
    "cli.commands",
)
_OPEN_AND_PAINT = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from app.shell.recent import RecentFiles
from app.shell.window import MainWindow

app = QApplication([])
path = Path(sys.argv[1]) / "sales.opmodel"
window = MainWindow(RecentFiles(QSettings(sys.argv[1] + "/s.ini", QSettings.Format.IniFormat)))
window.show()
assert window.open_session(path)
window.canvas.current().view.viewport().repaint()
print(",".join(sorted(name for name in sys.argv[2:] if name in sys.modules)))
window.shutdown()
"""


def _run_beside_a_sales_session(
    tmp_path: Path, code: str, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh Python (offscreen) after making ``tmp_path/sales.opmodel``."""
    root = Path(__file__).resolve().parent.parent
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root), **env}
    path = tmp_path / "sales.opmodel"
    new = [sys.executable, "-m", "cli", "new", str(path), "--template", "sales"]
    made = subprocess.run(new, capture_output=True, env=environ, cwd=root, timeout=60)
    assert made.returncode == 0, made.stderr
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=tmp_path,
        timeout=60,
    )


def test_the_first_paint_of_a_session_loads_no_library_it_does_not_need(tmp_path: Path) -> None:
    result = _run_beside_a_sales_session(
        tmp_path, _OPEN_AND_PAINT, str(tmp_path), *LOADED_ON_FIRST_USE
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"loaded at start: {result.stdout.strip()}"


def test_the_first_analysis_waits_for_the_event_loop_after_opening(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Opening a session shows it first; the analysis (which loads networkx) starts its
    quiet spell only once the event loop runs, then fills the findings in."""
    from model.templates import create_session
    from storage.document import SessionDocument
    from tests.conftest import shown_window

    path = tmp_path / "sales.opmodel"
    SessionDocument.create(path, create_session("sales", "Start-up")).close()
    window = shown_window(qtbot, tmp_path / "settings.ini", (1366, 768))
    try:
        assert window.open_session(path)
        assert window.runner is not None and window.runner.latest is None
        assert not window.runner._timer.isActive()  # not started while the session was built
        qtbot.waitUntil(lambda: window.runner.latest is not None, timeout=10_000)
    finally:
        window.shutdown()


def test_the_window_path_of_the_command_loads_no_subcommand() -> None:
    """``opmodel FILE`` reads only the subcommands' names: argparse and the subcommands'
    code load when a subcommand runs."""
    probe = (
        "import sys, cli.main; "
        "print(','.join(n for n in ('argparse', 'cli.commands', 'cli.parser') if n in sys.modules))"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=root, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_the_subcommand_names_are_the_parsers_subcommands() -> None:
    import argparse

    from cli.parser import build_parser
    from cli.subcommands import SUBCOMMANDS

    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(actions) == 1
    assert tuple(actions[0].choices) == SUBCOMMANDS


def test_start_up_pauses_the_collector_and_hands_everything_back() -> None:
    import gc

    from app.shell import collector

    assert gc.isenabled()
    was_on = collector.pause()
    try:
        assert was_on and not gc.isenabled()
        cycle: list[object] = []
        cycle.append(cycle)
        collector.resume(was_on)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 1000  # what start-up made is skipped by collections
    finally:
        collector.thaw()
        gc.enable()
    assert gc.get_freeze_count() == 0
    del cycle
    assert gc.collect() >= 1  # the frozen cycle is garbage again once thawed


def test_a_collector_that_was_off_stays_off() -> None:
    import gc

    from app.shell import collector

    gc.disable()
    try:
        assert collector.pause() is False
        collector.resume(False)
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()


_RUN_APP_COLLECTOR = r"""
import gc, sys
import app.shell.main as main

seen = {}
quit_app = main._quit
def look_then_quit(window, screenshot):  # the app quits itself (OPMODEL_EXIT_AFTER_MS)
    seen["on"], seen["frozen"] = gc.isenabled(), gc.get_freeze_count()
    quit_app(window, screenshot)
main._quit = look_then_quit
status = main.run_app([sys.argv[1]])
print(seen["on"], seen["frozen"] > 1000, gc.isenabled(), gc.get_freeze_count(), status)
"""


def test_the_app_runs_with_the_collector_on_and_gives_it_back(tmp_path: Path) -> None:
    """After the first frame the collector runs, skipping start-up's objects; when the app
    returns they are handed back and the collector is on as before."""
    result = _run_beside_a_sales_session(
        tmp_path,
        _RUN_APP_COLLECTOR,
        str(tmp_path / "sales.opmodel"),
        OPMODEL_EXIT_AFTER_MS="200",
        XDG_CONFIG_HOME=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "0", "0"]
