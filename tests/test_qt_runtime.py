"""Guards against a known-bad Qt binding: PySide6 6.12.0 under-counts references to None."""

from __future__ import annotations

import sys

from PySide6.QtGui import QPen


def test_void_qt_calls_keep_the_reference_count_of_none() -> None:
    pen = QPen()
    before = sys.getrefcount(None)
    for _ in range(1000):
        pen.setWidth(2)
    # A correct binding leaves None's count alone; 6.12.0 drops it by one per call and the
    # interpreter aborts ("none_dealloc") once painting has made enough calls.
    assert before - sys.getrefcount(None) < 100
