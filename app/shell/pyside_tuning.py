"""Start-up tuning of PySide6's import hook (no behaviour change).

PySide6 asks of every module imported after it whether the module uses PySide6, so that
``from __feature__ import …`` can be switched per module. It answers with
``inspect.getsource``, which tokenises the whole file: about 0.1 ms a module, 10 ms over
the app's modules at start-up. :func:`use_fast_pyside_check` answers the same question by
reading the module's file as bytes: the same answer (the source is that file), without
tokenising. Anything unusual (no file, not a ``.py`` file, an unreadable file, a PySide6
without the hook) falls back to PySide6's own check.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_MARK = "_opmodel_fast_check"


def use_fast_pyside_check() -> bool:
    """Install the byte-level check in PySide6's feature hook; False where there is none."""
    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None:
        return False
    if getattr(original, _MARK, False):
        return True

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    setattr(uses_pyside, _MARK, True)
    uses_pyside.original = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside
    return True
