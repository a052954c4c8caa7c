"""The presenter view: what the facilitator sees on the laptop while the projector shows
the slides.

The current and the next frame (as the projector shows them), the notes of the current
frame, the agenda and the findings of the workflow on screen; the timer is the
presentation bar's, just above. Previous and Next buttons turn the page like the
clicker; they never take the keyboard focus, so the clicker's keys keep working.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.slides.deck import SlideDeck
from app.slides.matrix import MatrixPainter
from app.slides.surface import SlideSurface
from model.appearance import SEVERITY_COLORS

if TYPE_CHECKING:
    from model.analysis import Analysis
    from model.session import Session

#: Most findings listed (the rest are counted).
FINDINGS_SHOWN = 8
_SEVERITY_WORD = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
_STYLE = """
#presenterView QLabel#presenterHeading { font-size: 15px; font-weight: 700; color: #4B5563; }
#presenterView QLabel#presenterText { font-size: 17px; }
#presenterView QLabel#presenterPosition { font-size: 18px; font-weight: 700; }
#presenterView QFrame#presenterBox { border: 1px solid #D1D5DB; border-radius: 6px; }
"""


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("presenterHeading")
    return label


def _text() -> QLabel:
    label = QLabel()
    label.setObjectName("presenterText")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
    return label


def _boxed(*widgets: QWidget) -> QFrame:
    box = QFrame()
    box.setObjectName("presenterBox")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(10, 8, 10, 8)
    layout.setSpacing(4)
    for widget in widgets:
        layout.addWidget(widget)
    return box


class PresenterView(QWidget):
    """The facilitator's screen while the slides are on the projector."""

    def __init__(
        self,
        deck: SlideDeck,
        matrix: MatrixPainter,
        session: Callable[[], Session | None],
        analysis: Callable[[], Analysis | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("presenterView")
        self.setStyleSheet(_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # takes the clicker's keys
        self.deck = deck
        self._session = session
        self._analysis = analysis
        self.current = SlideSurface(deck, matrix)
        self.current.setMinimumSize(480, 270)
        self.upcoming = SlideSurface(deck, matrix, offset=1)
        self.upcoming.setMinimumSize(240, 135)
        self.position = QLabel()
        self.position.setObjectName("presenterPosition")
        self.notes = _text()
        self.agenda = _text()
        self.findings = _text()
        self.previous_button = QPushButton("◀ Previous")
        self.next_button = QPushButton("Next ▶")
        for button in (self.previous_button, self.next_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet("font-size: 16px; padding: 6px 14px;")
        self.previous_button.clicked.connect(deck.previous)
        self.next_button.clicked.connect(deck.next)

        turn = QHBoxLayout()
        turn.addWidget(self.previous_button)
        turn.addWidget(self.position, 1, Qt.AlignmentFlag.AlignCenter)
        turn.addWidget(self.next_button)
        left = QVBoxLayout()
        left.addWidget(_heading("Now on the projector"))
        left.addWidget(self.current, 5)
        left.addLayout(turn)
        left.addWidget(_boxed(_heading("Notes"), self.notes), 2)
        right = QVBoxLayout()
        right.addWidget(_heading("Next"))
        right.addWidget(self.upcoming, 4)
        right.addWidget(_boxed(_heading("Agenda"), self.agenda), 2)
        right.addWidget(_boxed(_heading("Findings"), self.findings), 3)
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 12, 10)
        grid.setHorizontalSpacing(14)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        deck.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the notes, agenda and findings for the slide on the projector."""
        deck = self.deck
        slide = deck.current()
        count = len(deck.slides)
        title = slide.title if slide is not None else ""
        self.position.setText(f"{deck.index + 1} / {count} · {title}" if count else "No slides")
        self.previous_button.setEnabled(deck.index > 0)
        self.next_button.setEnabled(deck.index + 1 < count)
        notes = slide.notes if slide is not None else ""
        self.notes.setText(
            escape(notes).replace("\n", "<br>") if notes else "<i>No notes for this frame.</i>"
        )
        self.agenda.setText(self._agenda_html())
        self.findings.setText(self._findings_html(deck.workflow_id()))

    def _agenda_html(self) -> str:
        session = self._session()
        items = session.workshop.agenda if session is not None else []
        if not items:
            return "<i>No agenda items.</i>"
        rows = []
        for item in items:
            done = bool(item.get("done"))
            mark = "✓ done" if done else "○"
            minutes = item.get("minutes", 0)
            text = f"{mark} {escape(str(item.get('title', '')))} · {minutes:g} min"
            rows.append(f"<span style='color:#6B7280'>{text}</span>" if done else text)
        return "<br>".join(rows)

    def _findings_html(self, workflow_id: str | None) -> str:
        analysis = self._analysis()
        if analysis is None:
            return "<i>Analysing …</i>"
        findings = [f for f in analysis.findings if workflow_id and f.workflow_id == workflow_id]
        if not findings:
            return "<i>No findings for this workflow.</i>" if workflow_id else "<i>—</i>"
        rows = []
        for finding in findings[:FINDINGS_SHOWN]:
            colour = SEVERITY_COLORS.get(finding.severity, "#111827")
            word = _SEVERITY_WORD.get(finding.severity, finding.severity.upper())
            rows.append(
                f"<b style='color:{colour}'>{word}</b> <b>{escape(finding.rule)}</b> "
                f"{escape(finding.message)}"
            )
        rest = len(findings) - FINDINGS_SHOWN
        if rest > 0:
            rows.append(f"<i>… and {rest} more</i>")
        return "<br>".join(rows)

    def dispose(self) -> None:
        """Let go of the previews' scenes."""
        self.deck.changed.disconnect(self.refresh)
        self.current.dispose()
        self.upcoming.dispose()
