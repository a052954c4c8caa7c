"""The seven-component score strip: how complete the operating model is, at a glance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from model.vocabulary import COMPONENTS

#: Short names that fit a projected strip.
SHORT_NAMES: dict[str, str] = {
    "workflow_architecture": "Workflow",
    "role_design": "Roles",
    "data_context": "Data",
    "decision_rights": "Decisions",
    "quality_assurance": "Quality",
    "governance": "Governance",
    "measurement": "Metrics",
}
NOT_MAPPED = "not yet mapped"


def score_colour(score: int | None) -> tuple[str, str]:
    """Background and text colour for a score (grey when nothing is mapped)."""
    if score is None:
        return "#E5E7EB", "#374151"
    if score >= 80:
        return "#15803D", "#FFFFFF"
    if score >= 50:
        return "#B45309", "#FFFFFF"
    return "#B91C1C", "#FFFFFF"


class ScoreCell(QFrame):
    """One component: its short name and score."""

    def __init__(self, component_id: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.component_id = component_id
        self.setObjectName("scoreCell")
        self.name_label = QLabel(SHORT_NAMES.get(component_id, name))
        self.value_label = QLabel("—")
        self.full_name = name
        for label in (self.name_label, self.value_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            # Cells share the width; a narrow window clips a name rather than growing.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(64)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(0)
        layout.addWidget(self.name_label)
        layout.addWidget(self.value_label)
        self.set_score(None)

    def set_score(self, score: int | None) -> None:
        """Show ``score`` (0–100) or "not yet mapped"."""
        background, text = score_colour(score)
        self.value_label.setText(NOT_MAPPED if score is None else f"{score}")
        size = 14 if score is None else 22
        self.setStyleSheet(
            f"#scoreCell {{ background: {background}; border-radius: 6px; }}"
            f"QLabel {{ color: {text}; background: transparent; }}"
        )
        self.name_label.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.value_label.setStyleSheet(f"font-size: {size}px; font-weight: 700;")
        shown = "not yet mapped: nothing to check" if score is None else f"{score} / 100"
        self.setToolTip(f"{self.full_name}: {shown}")


class ScoreStrip(QWidget):
    """Seven cells, one per component of the operating model."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cells = {c.id: ScoreCell(c.id, c.name) for c in COMPONENTS}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        for cell in self.cells.values():
            layout.addWidget(cell, 1)

    def set_scores(self, scores: dict[str, int | None]) -> None:
        """Show a score (or None) per component id."""
        for component_id, cell in self.cells.items():
            cell.set_score(scores.get(component_id))

    def shown_scores(self) -> dict[str, str]:
        """What each cell shows (for tests and the presentation view)."""
        return {cid: cell.value_label.text() for cid, cell in self.cells.items()}
