"""Shared test set-up: Qt runs offscreen; helpers for building sessions."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
