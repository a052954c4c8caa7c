"""The dependency rule: model, storage and exports never import Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADLESS_PACKAGES = ("model", "storage", "exports")
FORBIDDEN = ("PySide6", "shiboken6", "app", "canvas")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_headless_packages_do_not_import_qt_or_gui_layers() -> None:
    offenders = []
    for package in HEADLESS_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for name in _imported_modules(path):
                if name.split(".")[0] in FORBIDDEN:
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_model_does_not_import_storage_or_exports() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in (ROOT / "model").rglob("*.py")
        for name in _imported_modules(path)
        if name.split(".")[0] in ("storage", "exports")
    ]
    assert offenders == []


def test_cli_subcommands_load_without_qt() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "for pkg in ('model', 'storage', 'exports'):\n"
        "    mod = importlib.import_module(pkg)\n"
        "    for info in pkgutil.walk_packages(mod.__path__, pkg + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "import app.cli\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
