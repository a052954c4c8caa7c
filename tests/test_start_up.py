"""Start-up tuning: the fast PySide6 feature check answers exactly as PySide6's own."""

from __future__ import annotations

import importlib
import sys

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
