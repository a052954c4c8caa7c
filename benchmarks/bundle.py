"""Bundle benchmark: the built desktop bundle (``make bundle``) against the source checkout.

Prints the bundle's unpacked size and its archive's size, and the median wall time of the
same commands run from the bundled binary (in the smoke test's bare environment, no
Python) and from ``.venv/bin/opmodel``: ``--version``, ``check``, the PDF, XLSX register
and BPMN exports, the BPMN import, and the
window started offscreen on a template session and quit at once (``OPMODEL_EXIT_AFTER_MS=0``).
Run: ``.venv/bin/python -m benchmarks.bundle``.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.machine import describe_machine

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "opmodel-studio"
REPEAT = 5
MiB = 2**20


def _smoke_module():  # type: ignore[no-untyped-def]
    path = ROOT / "packaging" / "smoke_test.py"
    spec = importlib.util.spec_from_file_location("smoke_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["smoke_test"] = module
    spec.loader.exec_module(module)
    return module


def _median(command: list[str], env: dict[str, str], cwd: Path) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=cwd, capture_output=True, check=False, timeout=300)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    """Measure and print the bundle's figures."""
    binary = BUNDLE / "opmodel"
    if not binary.is_file():
        print("no bundle in dist/: run 'make bundle' first")
        return 2
    smoke = _smoke_module()
    size = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink())
    files = sum(1 for p in BUNDLE.rglob("*") if p.is_file())
    print(describe_machine())
    print(f"bundle: {size / MiB:.1f} MiB unpacked in {files} files")
    packed = sorted((ROOT / "dist").glob("opmodel-studio-*.tar.gz"))
    for path in packed:
        print(f"archive: {path.name} {path.stat().st_size / MiB:.1f} MiB")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        bare = smoke.bare_environment(work / "bare")
        dev = {**os.environ}
        venv = str(ROOT / ".venv" / "bin" / "opmodel")
        subprocess.run([venv, "new", "s.opmodel", "--template", "sales"], cwd=work, check=True)
        subprocess.run([venv, "export", "s.opmodel", "-o", "s.bpmn"], cwd=work, check=True)
        window = {"QT_QPA_PLATFORM": "offscreen", "OPMODEL_EXIT_AFTER_MS": "0"}
        rows = [
            ("opmodel --version", ["--version"], {}),
            ("opmodel check (sales template)", ["check", "s.opmodel"], {}),
            ("opmodel export PDF (sales template)", ["export", "s.opmodel", "-o", "s.pdf"], {}),
            (
                "opmodel export XLSX register (openpyxl)",
                ["export", "s.opmodel", "-o", "s.xlsx"],
                {},
            ),
            ("opmodel export BPMN", ["export", "s.opmodel", "-o", "s.bpmn"], {}),
            ("opmodel import BPMN", ["import", "s.bpmn", "-o", "b.opmodel", "--force"], {}),
            ("window: start, open the session, quit", ["s.opmodel"], window),
        ]
        print(f"{'command':42} {'bundle':>8} {'.venv':>8}   (median of {REPEAT})")
        for name, args, extra in rows:
            bundled = _median([str(binary), *args], {**bare, **extra}, work)
            source = _median([venv, *args], {**dev, **extra}, work)
            print(f"{name:42} {bundled:7.2f}s {source:7.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
