"""The banner above a read-only session: why it is read-only, and the way to a copy."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class ReadOnlyBanner(QFrame):
    """ "Read-only — open in another window on HOST since 14:02", with Save as… beside it."""

    saveAsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setStyleSheet(
            "#readOnlyBanner { background: #fff4ce; border-bottom: 2px solid #c19c00; }"
            "#readOnlyBanner QLabel { color: #3b2f00; font-weight: 600; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.save_as = QPushButton("Save as… (an editable copy)")
        self.save_as.clicked.connect(self.saveAsRequested)
        layout.addWidget(self.save_as)
        self.hide()

    def show_reason(self, reason: str) -> None:
        """Show the banner for a session that is read-only because of ``reason``."""
        self.label.setText(f"Read-only — {reason}. Changes are not saved.")
        self.setToolTip(self.label.text())
        self.show()
