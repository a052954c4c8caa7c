"""Running Qt code on virtual screens: Qt's offscreen platform reads a JSON file of screens,
and a QApplication's screens are fixed per process, so the code runs in a subprocess that
prints what it saw as JSON on its last line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def screen(name: str, x: int, width: int, height: int) -> dict[str, Any]:
    """One virtual screen at (x, 0) of ``width`` × ``height`` at 96 dpi."""
    return {
        "name": name,
        "x": x,
        "y": 0,
        "width": width,
        "height": height,
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
        "dpr": 1,
    }


def run_on_screens(
    folder: Path, screens: list[dict[str, Any]], script: str, *args: str
) -> dict[str, Any]:
    """Run ``script`` (``python -c``, with ``args``) on ``screens``; its last line of output,
    read as JSON. The script fails the test when it exits with an error."""
    config = folder / "screens.json"
    config.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])
