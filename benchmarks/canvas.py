"""Canvas benchmark: a 2,000-element, 2,500-connection session in the main window.

Prints the time to open it and paint it the first time, the median time to repaint the
full view after a pan and after a zoom, and the cold start of ``opmodel`` to a visible
window — beside a bare QMainWindow + QGraphicsView started the same way (and the same bare
window with the Qt enums every editor builds, then also one line of text: the floor), and
the ratio of the app to the bare window for a template session (target ≤ 2×), and the
keyboard-first mapping on the big session: Ctrl+Arrow (a new step, saved), Alt+Arrow and
select all. Run:
``QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.canvas`` (``--startup``: only
the start-up figures; ``--startup --against REV``: also the same start of git revision REV,
checked out in a temporary worktree and run in turns with the others, so a change is
measured against its baseline in the same minutes).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.shell.recent import RecentFiles
from app.shell.theme import apply_theme
from app.shell.window import MainWindow
from benchmarks.machine import describe_machine
from benchmarks.synthetic import synthetic_session
from storage.store import write_session_file

REPEAT = 30


def _median_repaint(view, step) -> float:  # type: ignore[no-untyped-def]
    times = []
    for n in range(REPEAT):
        step(n)  # pan or zoom; the repaint below is the first paint after it
        start = time.perf_counter()
        view.viewport().repaint()
        times.append((time.perf_counter() - start) * 1000)
        QApplication.processEvents()
    return statistics.median(times)


Command = tuple[list[str], dict[str, str], Path | None]


def _app_command(path: Path, folder: Path, checkout: Path | None = None) -> Command:
    """``opmodel FILE`` from this tree (or from ``checkout``: ``-m`` imports from the cwd)."""
    env = {**os.environ, "OPMODEL_EXIT_AFTER_MS": "0", "XDG_CONFIG_HOME": str(folder)}
    # An installed app has its bytecode cached after the first run: measure that state.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return [sys.executable, "-m", "cli", str(path)], env, checkout


#: The Qt classes every real editor uses, touched as the app first touches them: PySide6
#: builds a Python enum class for each of their enums on first use (the floor of start-up).
_QT_TOUCHES = (
    "from PySide6.QtCore import Qt\nfrom PySide6.QtGui import QPainter\n"
    "from PySide6.QtWidgets import QStyle\n"
    "_ = Qt.AlignmentFlag.AlignLeft, QStyle.StateFlag.State_Selected\n"
    "_ = QPainter.RenderHint.Antialiasing, view.viewport()\n"
)
#: One line of text in the window: the first text measured loads the font database and the
#: font (≈10–14 ms on the reference machine), which the bare window, showing no text, never does.
_TEXT_TOUCH = (
    "from PySide6.QtWidgets import QLabel\nw.statusBar().addWidget(QLabel('Sales: 12 steps'))\n"
)


def _bare_command(touches: str = "") -> Command:
    """A bare QMainWindow with a QGraphicsView, shown and closed like ``opmodel FILE``."""
    code = (
        "from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QMainWindow\n"
        "from PySide6.QtCore import QTimer\n"
        "app = QApplication([]); w = QMainWindow(); scene = QGraphicsScene()\n"
        "view = QGraphicsView(scene); w.setCentralWidget(view)\n"
        f"{touches}w.show()\n"
        "QTimer.singleShot(0, w.close); app.exec()\n"
    )
    return [sys.executable, "-c", code], dict(os.environ), None


def _side_by_side(commands: dict[str, Command], runs: int = 9) -> dict[str, float]:
    """Median wall time of each command, run in turns (so a busy moment hits them all)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for args, env, cwd in commands.values():  # warm the caches (bytecode, fonts) once
        subprocess.run(args, env=env, cwd=cwd, check=True, capture_output=True)
    for _ in range(runs):
        for name, (args, env, cwd) in commands.items():
            start = time.perf_counter()
            subprocess.run(args, env=env, cwd=cwd, check=True, capture_output=True)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def _startup_figures(
    path: Path, folder: Path, baseline: Path | None = None, runs: int = 9
) -> dict[str, float]:
    commands = {
        "app": _app_command(path, folder),
        "bare": _bare_command(),
        "floor": _bare_command(_QT_TOUCHES),
        "text floor": _bare_command(_QT_TOUCHES + _TEXT_TOUCH),
    }
    if baseline is not None:
        commands["baseline"] = _app_command(path, folder, baseline)
    return _side_by_side(commands, runs)


def _template_session(folder: Path) -> Path:
    small = folder / "sales.opmodel"
    subprocess.run(
        [sys.executable, "-m", "cli", "new", str(small), "--template", "sales"],
        check=True,
        capture_output=True,
    )
    return small


def _print_startup(figures: dict[str, float]) -> None:
    cold_small, bare, floor = figures["app"], figures["bare"], figures["floor"]
    print(f"cold start to window, template:  {cold_small * 1000:7.0f} ms median   target < 1500 ms")
    print(f"bare QMainWindow + QGraphicsView:{bare * 1000:7.0f} ms median")
    print(
        f"bare + Qt, QStyle, QPainter enums and viewport(): {floor * 1000:.0f} ms median "
        f"({floor / bare:.2f} × bare)"
    )
    text_floor = figures["text floor"]
    print(
        f"the same with one line of text:    {text_floor * 1000:5.0f} ms median "
        f"({text_floor / bare:.2f} × bare)"
    )
    print(f"start-up ratio (template / bare):{cold_small / bare:7.2f} ×         target ≤ 2 ×")
    if "baseline" in figures:
        baseline = figures["baseline"]
        print(
            f"the baseline revision, same runs:  {baseline * 1000:5.0f} ms median   "
            f"({baseline / bare:.2f} × bare; this tree {cold_small / baseline:.2f} × the baseline)"
        )


def _against() -> str | None:
    """The git revision named by ``--against REV`` (None without it)."""
    args = sys.argv[1:]
    if "--against" not in args:
        return None
    index = args.index("--against")
    if index + 1 >= len(args):
        raise SystemExit("--against needs a git revision, e.g. --against HEAD~1")
    return args[index + 1]


def startup_only() -> None:
    """Print only the start-up figures (a template session against a bare Qt window, and
    against an earlier revision with ``--against REV``)."""
    revision = _against()
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        baseline = None
        if revision is not None:
            baseline = folder / "baseline"
            subprocess.run(
                ["git", "worktree", "add", "--detach", "-q", str(baseline), revision],
                cwd=root,
                check=True,
            )
        try:
            figures = _startup_figures(
                _template_session(folder), folder, baseline, runs=9 if baseline is None else 21
            )
        finally:
            if baseline is not None:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(baseline)], cwd=root, check=True
                )
    print(describe_machine())
    _print_startup(figures)


def main() -> None:
    """Print the canvas figures."""
    if "--startup" in sys.argv[1:]:
        startup_only()
        return
    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "big.opmodel"
        session = synthetic_session(2000, 2500)
        write_session_file(path, session)
        small = _template_session(folder)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(RecentFiles(settings))
        window.resize(1440, 900)
        window.show()
        QApplication.processEvents()

        start = time.perf_counter()
        window.open_session(path)
        view = window.canvas.current().view
        view.viewport().repaint()
        open_s = time.perf_counter() - start

        view.reset_zoom()
        bar = view.horizontalScrollBar()
        pan_ms = _median_repaint(
            view, lambda n: bar.setValue(bar.value() + (200 if n % 2 else -200))
        )
        view.set_zoom(0.5)
        zoom_ms = _median_repaint(view, lambda n: view.set_zoom(0.5 if n % 2 else 0.55))
        view.fit_to_view()
        fit_ms = _median_repaint(
            view, lambda n: view.set_zoom(view.zoom() * (1.02 if n % 2 else 1 / 1.02))
        )
        keys = _keyboard_figures(window)
        window.shutdown()
        window.deleteLater()
        QApplication.processEvents()

        cold_big = _side_by_side({"big": _app_command(path, folder)}, runs=5)["big"]
        figures = _startup_figures(small, folder)

    print(describe_machine())
    print("session: 2000 elements, 2500 connections, window 1440x900, Qt offscreen")
    print(f"open + first paint:              {open_s * 1000:7.0f} ms      target < 1500 ms")
    print(f"repaint after pan (zoom 100 %):  {pan_ms:7.1f} ms median   target < 16 ms")
    print(f"repaint after zoom (50 %):       {zoom_ms:7.1f} ms median   target < 16 ms")
    print(f"repaint after zoom (whole map):  {fit_ms:7.1f} ms median   target < 16 ms")
    print(f"cold start to window, 2,000 el.: {cold_big * 1000:7.0f} ms median   target < 1500 ms")
    print(f"Ctrl+Arrow (add next step, saved):{keys['add_next']:6.1f} ms median   target < 100 ms")
    print(
        f"Alt+Arrow (select the neighbour): {keys['select_next']:6.1f} ms median   target < 50 ms"
    )
    print(
        f"select all (screen-reader text):  {keys['select_all']:6.1f} ms median   target < 100 ms"
    )
    _print_startup(figures)


def _keyboard_figures(window: MainWindow) -> dict[str, float]:
    """Median ms of Ctrl+Arrow (an edit committed to the file), Alt+Arrow and select all."""
    tab = window.canvas.current()
    keyboard = window.keyboard
    assert keyboard is not None
    session = window.document.session
    start_id = next(e.id for e in session.workflow_elements(tab.workflow_id) if e.kind == "step")
    figures: dict[str, list[float]] = {"add_next": [], "select_next": [], "select_all": []}
    for n in range(REPEAT // 3):
        tab.scene.select_ids([start_id])
        start = time.perf_counter()
        keyboard.add_next("down" if n % 2 else "right")
        figures["add_next"].append((time.perf_counter() - start) * 1000)
        window.bridge.stack.undo()
        tab.scene.select_ids([start_id])
        start = time.perf_counter()
        keyboard.select_next("right")
        figures["select_next"].append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        window.editing.select_all()
        figures["select_all"].append((time.perf_counter() - start) * 1000)
        QApplication.processEvents()
    return {name: statistics.median(times) for name, times in figures.items()}


if __name__ == "__main__":
    main()
