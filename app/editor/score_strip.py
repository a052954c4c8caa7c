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

from model.score_bands import BANDS, describe_score, score_band
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


class _ElidedLabel(QLabel):
    """A label that fits its text to its width, eliding it (the whole text stays in
    :attr:`full` and in the tooltip); with ``two_lines``, a text too wide for one line is
    first broken into two at the space nearest its middle."""

    def __init__(self, text: str, *, two_lines: bool = False) -> None:
        super().__init__(text)
        self.full = text
        self.two_lines = two_lines
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
        metrics = self.fontMetrics()
        width = self.contentsRect().width()
        lines = [self.full]
        if self.two_lines and metrics.horizontalAdvance(self.full) > width and " " in self.full:
            lines = _halves(self.full)
        shown = "\n".join(
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines
        )
        if shown != self.text():
            self.setText(shown)
        self.setToolTip(self.full if "…" in shown else "")

    def is_elided(self) -> bool:
        """True when the label shows less than its full text."""
        return "…" in self.text()


def _halves(text: str) -> list[str]:
    """``text`` broken into two lines at the space nearest its middle."""
    spaces = [i for i, char in enumerate(text) if char == " "]
    cut = min(spaces, key=lambda i: abs(len(text) - 2 * i))
    return [text[:cut], text[cut + 1 :]]


class ScoreCell(QFrame):
    """One component: its short name and its score with the band's symbol."""

    def __init__(self, component_id: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.component_id = component_id
        self.setObjectName("scoreCell")
        self.name_label = _ElidedLabel(SHORT_NAMES.get(component_id, name))
        # "not yet mapped" takes two lines in a narrow tile rather than losing words.
        self.value_label = _ElidedLabel("—", two_lines=True)
        self.full_name = name
        self.setMinimumWidth(64)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 6)
        layout.setSpacing(0)
        layout.addWidget(self.name_label)
        layout.addWidget(self.value_label)
        self.name_label.setObjectName("scoreName")
        self.value_label.setObjectName("scoreValue")
        self.set_score(None)

    @property
    def band(self) -> str:
        """The id of the band the tile shows (its colours follow it); "" before a score."""
        return str(self.property("band") or "")

    def set_score(self, score: int | None, *, has_errors: bool = False) -> None:
        """Show ``score`` (0–100) or "not yet mapped"; ``has_errors``: an error is listed."""
        band = score_band(score, has_errors=has_errors)
        self.value_label.set_full_text(NOT_MAPPED if score is None else f"{band.symbol} {score}")
        # The strip's style sheet colours a tile by its band: only a change of band
        # re-polishes it (every analysis, after every edit, sets all seven scores).
        if self.band != band.id:
            self.setProperty("band", band.id)
            self.value_label.setProperty("mapped", score is not None)
            for widget in (self, self.name_label, self.value_label):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        shown = describe_score(score, has_errors=has_errors)
        self.setToolTip(f"{self.full_name}: {shown}")
        self.setAccessibleName(f"{self.full_name} score")
        self.setAccessibleDescription(shown)


def strip_style_sheet() -> str:
    """The strip's one style sheet: a tile's colours follow its ``band`` property, and the
    score is large once the component is mapped (one sheet, parsed once, for 21 widgets)."""
    rules = [
        "QLabel#scoreName { font-size: 14px; font-weight: 600; }",
        "QLabel#scoreValue { font-size: 22px; font-weight: 700; }",
        'QLabel#scoreValue[mapped="false"] { font-size: 14px; }',
    ]
    for band in BANDS:
        selector = f'#scoreCell[band="{band.id}"]'
        rules.append(f"{selector} {{ background: {band.background}; border-radius: 6px; }}")
        rules.append(f"{selector} QLabel {{ color: {band.foreground}; background: transparent; }}")
    return "\n".join(rules)


class ScoreStrip(QWidget):
    """Seven cells, one per component of the operating model."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(strip_style_sheet())
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
            text = cell.value_label.full
            shown[cid] = text.split(" ", 1)[1] if cell.band != "not_mapped" else text
        return shown

    def shown_bands(self) -> dict[str, str]:
        """The band each cell shows (good, partial, weak, errors, not_mapped)."""
        return {cid: cell.band for cid, cell in self.cells.items()}
