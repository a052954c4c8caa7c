"""Load the scripts in ``packaging/`` (not a package: the name would shadow PyPI's
``packaging``) as modules for the tests."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
BUNDLE = ROOT / "dist" / "opmodel-studio"
BUNDLED_BINARY = BUNDLE / ("opmodel.exe" if sys.platform == "win32" else "opmodel")


@cache
def load(name: str) -> ModuleType:
    """``packaging/NAME.py`` as the module ``opmodel_packaging_NAME``."""
    module_name = f"opmodel_packaging_{name}"
    spec = importlib.util.spec_from_file_location(module_name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module
