"""The seven-component score strip: how complete the operating model is, at a glance.

Each tile shows the component's short name and its score with the band's symbol (✓ good,
▲ gaps, ✕ weak or errors, – not yet mapped), so colour is never the only cue; the band
comes from :func:`model.analysis.scores.score_band`, as in ``opmodel check`` and the PDF.
A name that does not fit its tile is elided, the full name in the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
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


def score_colour(score: int | None, *, has_errors: bool = False) -> tuple[str, str]:
    """Background and text colour for a score (grey when nothing is mapped)."""
    from model.score_bands import score_band

    band = score_band(score, has_errors=has_errors)
    return band.background, band.foreground


class _ElidedLabel(QLabel):
    """A label that elides its text to its width (the whole text stays in :attr:`full`)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.full = text
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Tiles share the width; a narrow window elides a name rather than growing.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        """Show ``text``, elided when it does not fit."""
        self.full = text
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Elide again for the new width."""
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideRight, self.width())
        if shown != self.text():
            self.setText(shown)
        self.setToolTip(self.full if shown != self.full else "")

    def is_elided(self) -> bool:
        """True when the label shows less than its full text."""
        return self.text() != self.full


class ScoreCell(QFrame):
    """One component: its short name and its score with the band's symbol."""

    def __init__(self, component_id: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.component_id = component_id
        self.setObjectName("scoreCell")
        self.name_label = _ElidedLabel(SHORT_NAMES.get(component_id, name))
        self.value_label = QLabel("—")
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.value_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.full_name = name
        self.band = "not_mapped"
        self.setMinimumWidth(64)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 6)
        layout.setSpacing(0)
        layout.addWidget(self.name_label)
        layout.addWidget(self.value_label)
        self.name_label.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.set_score(None)

    def set_score(self, score: int | None, *, has_errors: bool = False) -> None:
        """Show ``score`` (0–100) or "not yet mapped"; ``has_errors``: an error is listed."""
        from model.score_bands import describe_score, score_band

        band = score_band(score, has_errors=has_errors)
        self.band = band.id
        self.value_label.setText(NOT_MAPPED if score is None else f"{band.symbol} {score}")
        size = 14 if score is None else 22
        # Set only what changed: a style sheet set again costs a re-polish of the cell, and
        # every analysis (after every edit) sets all seven scores.
        _set_style_sheet(
            self,
            f"#scoreCell {{ background: {band.background}; border-radius: 6px; }}"
            f"QLabel {{ color: {band.foreground}; background: transparent; }}",
        )
        _set_style_sheet(self.value_label, f"font-size: {size}px; font-weight: 700;")
        shown = describe_score(score, has_errors=has_errors)
        self.setToolTip(f"{self.full_name}: {shown}")
        self.setAccessibleName(f"{self.full_name} score")
        self.setAccessibleDescription(shown)


def _set_style_sheet(widget: QWidget, sheet: str) -> None:
    """Give ``widget`` the style sheet ``sheet`` unless it has it already."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


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

    def set_scores(
        self, scores: dict[str, int | None], errors: set[str] | frozenset[str] = frozenset()
    ) -> None:
        """Show a score (or None) per component id; ``errors``: components with an error."""
        for component_id, cell in self.cells.items():
            cell.set_score(scores.get(component_id), has_errors=component_id in errors)

    def shown_scores(self) -> dict[str, str]:
        """The number each cell shows, or "not yet mapped" (for tests and presentation)."""
        shown = {}
        for cid, cell in self.cells.items():
            text = cell.value_label.text()
            shown[cid] = text.split(" ", 1)[1] if cell.band != "not_mapped" else text
        return shown

    def shown_bands(self) -> dict[str, str]:
        """The band each cell shows (good, partial, weak, errors, not_mapped)."""
        return {cid: cell.band for cid, cell in self.cells.items()}
