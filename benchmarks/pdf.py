"""PDF blueprint benchmark: a 3-workflow, 200-element session and a 2,000-element workflow.

Run: ``.venv/bin/python -m benchmarks.pdf``. Prints the median time of ``export_pdf`` in
the running process (after one warm-up export that pays for importing reportlab and
matplotlib and loading the fonts), the page count, and the wall time of a cold
``opmodel export`` command (a new Python process, imports included) for the small session.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.machine import describe_machine, median_ms
from benchmarks.synthetic import synthetic_session
from exports.pdf.blueprint import export_pdf
from model.session import Session

ROOT = Path(__file__).resolve().parent.parent
SMALL_TARGET_S = 3.0
LARGE_TARGET_S = 15.0


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def _measure(name: str, session: Session, runs: int, target_s: float, folder: Path) -> None:
    path = folder / f"{name}.pdf"
    seconds = median_ms(lambda: export_pdf(session, path), runs, warm_up=True) / 1000
    verdict = "meets" if seconds < target_s else "MISSES"
    print(
        f"{name}: {len(session.elements):,} elements, {len(session.connections):,} connections, "
        f"{len(session.workflows)} workflow(s) -> {_pages(path)} pages; "
        f"export_pdf {seconds:5.2f} s median of {runs}   target < {target_s:g} s ({verdict})"
    )


def _cold_cli(session: Session, folder: Path) -> float:
    from storage.store import write_session_file

    source = folder / "small.opmodel"
    write_session_file(source, session, overwrite=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cli", "export", str(source), "-o", str(folder / "cli.pdf")],
        check=True, cwd=ROOT, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    """Print the blueprint figures."""
    print(describe_machine())
    small = synthetic_session(200, 250, workflows=3)
    large = synthetic_session(2000, 2500)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        _measure("3 workflows, 200 elements", small, 5, SMALL_TARGET_S, folder)
        _measure("1 workflow, 2,000 elements", large, 3, LARGE_TARGET_S, folder)
        cold = _cold_cli(small, folder)
        print(f"cold `opmodel export` of the 200-element session (new process): {cold:5.2f} s")


if __name__ == "__main__":
    main()
