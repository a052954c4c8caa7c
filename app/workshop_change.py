"""Pushing a change to the workshop's lists (participants, parking lot …) from a panel,
with the refusal shown in place when the model says no."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from app.undo import UndoBridge
from model.edits import EditError, edit_workshop


def refusal_label() -> QLabel:
    """A hidden, wrapped label for a refused value; the theme colours it (``#fieldError``),
    like the inspector's, so it reads in light and dark."""
    label = QLabel()
    label.setObjectName("fieldError")
    font = QFont()
    font.setPixelSize(14)
    label.setFont(font)
    label.setWordWrap(True)
    label.hide()
    return label


def push_workshop_change(
    bridge: UndoBridge, message: QLabel, description: str, **fields: Any
) -> bool:
    """Push ``edit_workshop(**fields)`` named ``description``; a refusal shows in ``message``.

    Returns False when the model refuses the values (nothing is stored) or nothing changed.
    """
    try:
        edit = edit_workshop(bridge.document.session, **fields)
    except EditError as exc:
        message.setText(str(exc))
        message.show()
        return False
    message.hide()
    return bridge.push(replace(edit, description=description))
