"""The voting results view: what the room decided, shown full size beside the canvas.

A standalone widget on the session's :class:`~app.editor.undo.UndoBridge` (the main window
shows it as a tab after the workflows; presentation mode can show it as a slide). It
follows the document, so every dot, rating, reveal and undo shows at once.

* **Open voting** or a **revealed dot round**: the use cases ranked by dots, as bars, and
  the elements that got dots.
* **A private round under way**: only its progress ("5 of 8 done"), never an entry.
* **A revealed rating round**: each workflow's average value and feasibility with the
  lowest and highest rating (the matrix shows the same on its 2×2).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.editor.undo import UndoBridge
from app.facilitation.prioritisation_view import RoundProgress, describe_summary
from model.appearance import KIND_STYLES
from model.edits import Edit
from model.session import Session
from model.voting import (
    current_round,
    is_hidden,
    progress,
    shown_rating_summaries,
    shown_tallies,
)
from storage.document import EditAction

#: The bar colour (the AI step's accent: the colour of the room's decisions).
BAR_COLOR = KIND_STYLES["ai_step"].accent
#: Most elements listed under "Elements with dots".
MAX_ELEMENTS = 12
_TEXT = "font-size: 17px;"
_HEAD = "font-size: 20px; font-weight: 700; padding-top: 10px;"


class DotBar(QWidget):
    """A horizontal bar: ``count`` of ``most`` dots."""

    def __init__(self, count: int, most: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = count
        self.most = max(1, most)
        self.setMinimumHeight(22)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        """Wide enough to compare, one line high."""
        return QSize(240, 26)

    def minimumSizeHint(self) -> QSize:
        """Any width will do."""
        return QSize(40, 22)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The bar, in proportion to the most dots on any use case."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(BAR_COLOR))
        width = self.width() * self.count / self.most
        painter.drawRoundedRect(QRectF(0, 3, width, self.height() - 6), 4, 4)


class VotingResultsView(QWidget):
    """The room's result: dots per use case and element, or ratings, or a round's progress."""

    def __init__(self, bridge: UndoBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.setObjectName("votingResults")
        self.title = QLabel("Voting results")
        self.title.setStyleSheet("font-size: 24px; font-weight: 700;")
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setStyleSheet(_TEXT)

        self.results = QWidget()
        self._grid = QGridLayout(self.results)
        self._grid.setHorizontalSpacing(14)
        self._grid.setVerticalSpacing(8)
        self._grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.results)
        self.round_page = RoundProgress("The result shows after Reveal.")
        self.pages = QStackedWidget()
        self.pages.addWidget(scroll)
        self.pages.addWidget(self.round_page)
        self._scroll = scroll

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.pages, 1)
        #: What the view lists, top to bottom: (name, shown value) pairs (for tests).
        self.rows: list[tuple[str, str]] = []
        bridge.document.subscribe(self._on_edit)
        self.refresh()

    @property
    def session(self) -> Session:
        """The open session."""
        return self.bridge.document.session

    def dispose(self) -> None:
        """Stop following the document."""
        self.bridge.document.unsubscribe(self._on_edit)

    def _on_edit(self, _edit: Edit, _action: EditAction) -> None:
        self.refresh()

    def is_showing_progress(self) -> bool:
        """True while only a private round's progress is shown."""
        return self.pages.currentWidget() is self.round_page

    # -- building ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the session's result (or, during a private round, only its progress)."""
        session = self.session
        round_ = current_round(session)
        if is_hidden(session):
            kind = "dot-voting" if round_.get("kind") == "dots" else "rating"
            done, total = progress(session)
            self.state.setText(f"A private {kind} round is under way: entries stay hidden.")
            self.round_page.show_progress(f"Private {kind} round", done, total)
            self.pages.setCurrentWidget(self.round_page)
            self.rows = []
            return
        self.pages.setCurrentWidget(self._scroll)
        self._clear()
        if round_.get("kind") == "ratings":
            self.state.setText("The private rating round is revealed: the room's averages.")
            self._show_ratings(session)
        else:
            revealed = "The private dot-voting round is revealed." if round_ else "Open voting."
            self.state.setText(f"{revealed} Dots per use case, most first.")
            self._show_dots(session)

    def _clear(self) -> None:
        self.rows = []
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _label(self, text: str, style: str = _TEXT, *, rich: bool = False) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        label.setStyleSheet(style)
        label.setWordWrap(True)
        return label

    def _heading(self, row: int, text: str) -> int:
        self._grid.addWidget(self._label(text, _HEAD), row, 0, 1, 3)
        return row + 1

    def _show_dots(self, session: Session) -> None:
        tallies = shown_tallies(session)
        workflows = session.ordered_workflows()
        ranked = sorted(workflows, key=lambda w: (-tallies[w.id], w.seq))
        most = max((tallies[w.id] for w in workflows), default=0)
        row = self._heading(0, "Use cases")
        if not workflows:
            self._grid.addWidget(self._label("No workflows yet."), row, 0, 1, 3)
            return
        for workflow in ranked:
            count = tallies[workflow.id]
            name = workflow.name or "Untitled"
            self._add_bar_row(row, name, count, most)
            row += 1
        voted = [e for e in session.elements.values() if tallies[e.id]]
        voted.sort(key=lambda e: (-tallies[e.id], e.seq))
        row = self._heading(row, "Elements with dots")
        if not voted:
            hint = "No dots on elements yet: select an element and vote on it in the Voting dock."
            self._grid.addWidget(self._label(hint), row, 0, 1, 3)
            return
        most_elements = tallies[voted[0].id]
        for element in voted[:MAX_ELEMENTS]:
            workflow = session.workflows[element.workflow_id].name or "Untitled"
            name = f"{element.label or element.kind} ({workflow})"
            self._add_bar_row(row, name, tallies[element.id], most_elements)
            row += 1

    def _add_bar_row(self, row: int, name: str, count: int, most: int) -> None:
        label = self._label(name)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        label.setToolTip(name)
        shown = f"{count} dot{'s' if count != 1 else ''}"
        value = self._label(shown, "font-size: 18px; font-weight: 700;")
        value.setWordWrap(False)
        self._grid.addWidget(label, row, 0)
        self._grid.addWidget(DotBar(count, most), row, 1)
        self._grid.addWidget(value, row, 2)
        self.rows.append((name, shown))

    def _show_ratings(self, session: Session) -> None:
        summaries = shown_rating_summaries(session)
        row = self._heading(0, "Value and feasibility")
        rated = [w for w in session.ordered_workflows() if w.id in summaries]
        if not rated:
            self._grid.addWidget(self._label("Nobody rated a use case in this round."), row, 0)
            return
        rated.sort(key=lambda w: (-summaries[w.id].value - summaries[w.id].feasibility, w.seq))
        for workflow in rated:
            name = workflow.name or "Untitled"
            text = describe_summary(summaries[workflow.id])
            self._grid.addWidget(self._label(f"<b>{escape(name)}</b>", rich=True), row, 0)
            self._grid.addWidget(self._label(text), row, 1, 1, 2)
            self.rows.append((name, text))
            row += 1
