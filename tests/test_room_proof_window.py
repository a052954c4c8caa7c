"""Room-proof sessions in the window: New, Save as and Import never replace an open session;
a second window is offered read-only; read-only files, disk full and unexpected errors.

File dialogs are patched to return a path; every confirmation and refusal is a real
dialog, answered by a timer the way a facilitator would.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from app.shell.crash_guard import LOG_NAME, CrashGuard
from app.shell.window import MainWindow
from exports.json_export import export_json
from model import edits
from model.interchange import session_to_json
from model.templates import load_template
from storage.document import SessionDocument
from storage.lock import lock_holder
from storage.store import read_session
from tests.conftest import answer_next_box, shown_window

ROOT = Path(__file__).resolve().parent.parent


def make_file(path: Path, template: str = "sales") -> Path:
    SessionDocument.create(path, load_template(template)).close()
    return path


def patch_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


@pytest.fixture
def second_window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = shown_window(qtbot, tmp_path / "settings2.ini", (1366, 768))
    yield window
    window.shutdown()


def move_first(window: MainWindow) -> bool:
    session = window.document.session
    element = next(iter(session.elements.values()))
    return window.bridge.push(
        edits.move_elements(session, {element.id: (element.x + 40, element.y)})
    )


# -- New, Save as, Import onto an open session ---------------------------------------------


def test_new_session_onto_the_open_file_is_refused(
    main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_file(tmp_path / "workshop.opmodel")
    assert main_window.open_session(path)
    document = main_window.document
    before = path.read_bytes()
    patch_save_dialog(monkeypatch, path)
    seen: list[str] = []
    answer_next_box(seen)
    main_window.actions_["new"].trigger()
    assert seen and str(path) in seen[0] and "open in this window" in seen[0]
    assert main_window.document is document  # still the same session
    assert path.read_bytes() == before
    assert move_first(main_window)  # and still editing the same file
    expected = session_to_json(main_window.document.session)
    main_window.close_session()
    assert session_to_json(read_session(path)) == expected


def test_new_save_as_and_import_onto_a_file_held_by_another_window_are_refused(
    main_window: MainWindow,
    second_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    held = make_file(tmp_path / "held.opmodel")
    assert second_window.open_session(held)
    before = held.read_bytes()
    mine = make_file(tmp_path / "mine.opmodel", "finance")
    assert main_window.open_session(mine)
    json_file = tmp_path / "finance.json"
    export_json(load_template("finance"), json_file)

    patch_save_dialog(monkeypatch, held)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(json_file), ""))
    )
    for action in ("new", "save_as", "import"):
        seen: list[str] = []
        answer_next_box(seen)
        main_window.actions_[action].trigger()
        assert seen, action
        assert str(held) in seen[0] and "open in another window" in seen[0], seen[0]
        assert main_window.document.path == mine
    assert held.read_bytes() == before
    assert move_first(second_window)  # the other window keeps its session


def test_save_as_onto_itself_keeps_working_on_the_same_file(
    main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_file(tmp_path / "self.opmodel")
    assert main_window.open_session(path)
    patch_save_dialog(monkeypatch, path)
    main_window.actions_["save_as"].trigger()
    assert main_window.document.path == path
    assert move_first(main_window)
    expected = session_to_json(main_window.document.session)
    assert session_to_json(read_session(path)) == expected  # committed to the file now


def test_import_creates_and_opens_a_session(
    main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    json_file = tmp_path / "support.json"
    export_json(load_template("customer_support"), json_file)
    target = tmp_path / "support.opmodel"
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(json_file), ""))
    )
    patch_save_dialog(monkeypatch, target)
    main_window.actions_["import"].trigger()
    assert main_window.document is not None and main_window.document.path == target
    assert session_to_json(read_session(target))["workflows"]


# -- one writer: the second window is offered read-only ------------------------------------


def test_second_window_is_offered_read_only_with_a_banner(
    main_window: MainWindow, second_window: MainWindow, tmp_path: Path
) -> None:
    path = make_file(tmp_path / "shared.opmodel")
    assert main_window.open_session(path)

    seen: list[str] = []
    answer_next_box(seen, "Cancel")
    assert not second_window.open_session(path)
    assert "open in another window" in seen[0] and second_window.document is None

    answer_next_box(seen, "Open read-only")
    assert second_window.open_session(path)
    banner = second_window.read_only_banner
    assert banner.isVisible()
    text = banner.label.text()
    assert text.startswith(f"Read-only — open in another window on {socket.gethostname()} since")
    assert second_window.document.read_only
    before = path.read_bytes()
    assert not move_first(second_window)  # refused, with a message in the status bar
    assert "read-only" in second_window.statusBar().currentMessage()
    assert not second_window.actions_["undo"].isEnabled()
    assert path.read_bytes() == before
    assert move_first(main_window)  # the writer is unaffected


def test_read_only_file_opens_with_banner_and_save_as_gives_an_editable_copy(
    main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_file(tmp_path / "ro.opmodel")
    path.chmod(0o444)
    assert main_window.open_session(path)
    assert main_window.read_only_banner.isVisible()
    assert "the file is read-only" in main_window.read_only_banner.label.text()
    copy = tmp_path / "copy.opmodel"
    patch_save_dialog(monkeypatch, copy)
    main_window.read_only_banner.save_as.click()
    assert main_window.document.path == copy and not main_window.document.read_only
    assert not main_window.read_only_banner.isVisible()
    assert move_first(main_window)


# -- disk full -----------------------------------------------------------------------------


def test_disk_full_says_so_names_the_folder_and_the_window_stays_usable(
    main_window: MainWindow, tmp_path: Path
) -> None:
    path = make_file(tmp_path / "full.opmodel")
    assert main_window.open_session(path)
    conn = main_window.document.store.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    session = main_window.document.session
    workflow = next(iter(session.workflows))
    seen: list[str] = []
    answer_next_box(seen)
    refused = False
    for _ in range(60):
        if not main_window.bridge.push(
            edits.add_element(session, workflow, "note", label="x" * 200)
        ):
            refused = True
            break
    assert refused
    QApplication.processEvents()
    assert any("disk is full" in text and str(tmp_path) in text for text in seen), seen
    held = session_to_json(main_window.document.session)
    assert session_to_json(read_session(path)) == held  # the screen shows what the file holds
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert move_first(main_window)


# -- an unexpected error -------------------------------------------------------------------


@pytest.mark.qt_no_exception_capture
def test_unexpected_error_is_logged_reported_and_the_session_reloaded(
    main_window: MainWindow, tmp_path: Path
) -> None:
    path = make_file(tmp_path / "crash.opmodel")
    assert main_window.open_session(path)
    guard = CrashGuard(main_window, main_window.reload_session, tmp_path / "logs")
    guard.install()
    try:
        session = main_window.document.session
        element = next(iter(session.elements.values()))
        element.label = "Only on screen, never saved"  # what a bug could leave behind

        def broken_slot() -> None:
            raise RuntimeError("a bug in a panel")

        seen: list[str] = []
        answer_next_box(seen)
        QTimer.singleShot(0, broken_slot)
        for _ in range(50):
            QApplication.processEvents()
            if seen:
                break
        QApplication.processEvents()
    finally:
        guard.uninstall()
    log = (tmp_path / "logs" / LOG_NAME).read_text(encoding="utf-8")
    assert "RuntimeError: a bug in a panel" in log and "Traceback" in log
    assert seen and str(tmp_path / "logs" / LOG_NAME) in seen[0]
    reloaded = main_window.document.session
    assert reloaded.elements[element.id].label != "Only on screen, never saved"
    assert session_to_json(reloaded) == session_to_json(read_session(path))


# -- the CLI against a window --------------------------------------------------------------


@pytest.mark.parametrize("command", ["new", "import"])
def test_cli_new_or_import_force_onto_a_held_file_exits_2(
    main_window: MainWindow, tmp_path: Path, command: str
) -> None:
    path = make_file(tmp_path / "held.opmodel")
    assert main_window.open_session(path)
    json_file = tmp_path / "in.json"
    export_json(load_template("finance"), json_file)
    args: dict[str, list[str]] = {
        "new": ["new", str(path), "--template", "finance", "--force"],
        "import": ["import", str(json_file), "-o", str(path), "--force"],
    }
    before = path.read_bytes()
    run = subprocess.run(
        [sys.executable, "-m", "cli", *args[command]],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "open in another window" in lines[0], run.stderr
    assert path.read_bytes() == before
    assert lock_holder(path) is not None and move_first(main_window)
