"""Application-wide look: font size and stylesheet from resources/styles."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from resources import RESOURCES_DIR

#: Base UI font size in pixels (readable when projected).
BASE_FONT_PX = 14


def apply_theme(app: QApplication, name: str = "light") -> None:
    """Set the base font and the stylesheet ``resources/styles/<name>.qss``."""
    font = QFont(app.font())
    font.setPixelSize(BASE_FONT_PX)
    app.setFont(font)
    sheet = RESOURCES_DIR / "styles" / f"{name}.qss"
    app.setStyleSheet(sheet.read_text(encoding="utf-8") if sheet.exists() else "")
