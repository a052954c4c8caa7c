"""The findings dock: what the operating model is missing, grouped by component.

Each finding shows the framework passages its rule relates to (NIST AI RMF, ISO/IEC 42001,
EU AI Act); the framework filter above the list shows only the findings that cite one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from model.appearance import SEVERITY_COLORS, SEVERITY_TEXT_COLORS
from model.frameworks import DISCLAIMER, FRAMEWORK_NAMES, cites
from model.vocabulary import COMPONENTS

if TYPE_CHECKING:  # the analysis package loads with the first analysis, after start-up
    from model.analysis import Analysis
    from model.analysis.orchestration import Orchestration
    from model.analysis.rules import Finding

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
#: The filter's first entry: every finding, whatever it cites.
ALL_FRAMEWORKS = "All frameworks"
_MUTED = "#5B6473"
#: The summary of a workflow with nothing to check yet (an empty or emptied canvas).
NOTHING_MAPPED = "Nothing mapped yet: add elements from the palette to start the checks."
#: Most findings listed at once (most severe first), so a huge map never stalls the panel.
MAX_ROWS = 60


def describe_orchestration(figures: Orchestration | None) -> str:
    """One readable paragraph of a workflow's orchestration figures."""
    if figures is None:
        return ""
    if figures.cycle_minutes_before is None:
        cycle = "Cycle time: no trigger-to-outcome path yet"
    else:
        after = figures.cycle_minutes_after
        cycle = f"Cycle time: {_minutes(figures.cycle_minutes_before)} → {_minutes(after)}"
    return (
        f"{cycle} · Handoffs: {figures.handoffs} · Manual steps: {figures.manual_steps} · "
        f"Critical path: {len(figures.critical_path)} steps"
    )


def _minutes(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g} min" if value < 120 else f"{value / 60:.1f} h"


class FindingRow(QFrame):
    """One finding: a severity bar, the rule id and the message (wrapped); click to reveal."""

    activated = Signal(object)

    def __init__(self, finding: Finding, parent: QWidget | None = None) -> None:
        from html import escape  # rows appear with the first analysis, after start-up

        super().__init__(parent)
        self.finding = finding
        self.setObjectName("findingRow")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        colour = SEVERITY_COLORS[finding.severity]
        self.setStyleSheet(
            f"#findingRow {{ border-left: 5px solid {colour}; background: #FFFFFF;"
            " border-radius: 3px; }"
            "#findingRow:focus { background: #FEF3C7; }"
        )
        word = SEVERITY_TEXT_COLORS[finding.severity]
        cited = ""
        if finding.references:
            cited = (
                f"<br><span style='color:{_MUTED}; font-size:12px'>"
                f"{escape(' · '.join(finding.references))}</span>"
            )
        self.text = QLabel(
            f"<b>{finding.rule}</b> <span style='color:{word}'>{finding.severity}</span>"
            f"<br>{escape(finding.message)}{cited}"
        )
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setStyleSheet("font-size: 14px; background: transparent;")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        refs = "\n" + "; ".join(finding.references) if finding.references else ""
        self.setToolTip(f"{finding.severity.upper()} {finding.rule}: {finding.message}{refs}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 6, 4)
        layout.addWidget(self.text)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click reveals the finding's elements on the canvas."""
        self.setFocus()
        self.activated.emit(self.finding)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter or Space reveals the finding's elements."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.finding)
            return
        super().keyPressEvent(event)


class FindingsPanel(QWidget):
    """Summary, orchestration figures and the findings of the workflow on screen."""

    #: A finding was clicked: (workflow id, element ids involved).
    findingActivated = Signal(str, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("No session open.")
        self.summary.setStyleSheet("font-size: 15px; font-weight: 700;")
        self.summary.setWordWrap(True)  # "Nothing mapped yet: …" must not widen the dock
        self.figures = QLabel("")
        self.figures.setWordWrap(True)
        self.figures.setStyleSheet("font-size: 14px;")
        self.framework_filter = QComboBox()
        self.framework_filter.setObjectName("frameworkFilter")
        self.framework_filter.addItem(ALL_FRAMEWORKS, None)
        for name in FRAMEWORK_NAMES:
            self.framework_filter.addItem(name, name)
        self.framework_filter.setAccessibleName("Show findings that cite")
        self.framework_filter.setToolTip(
            "Show only the findings whose rule relates to a passage of this framework. "
            + DISCLAIMER
        )
        self.framework_filter.currentIndexChanged.connect(self._refilter)
        self._shown: tuple[Analysis | None, str | None] = (None, None)
        self.rows: list[FindingRow] = []
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 4, 0)
        self._list_layout.setSpacing(4)
        self._list_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self._list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.summary)
        layout.addWidget(self.figures)
        filter_row = QHBoxLayout()
        filter_label = QLabel("Cites:")
        filter_label.setBuddy(self.framework_filter)
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.framework_filter, 1)
        layout.addLayout(filter_row)
        layout.addWidget(self.scroll, 1)

    def show_analysis(self, analysis: Analysis | None, workflow_id: str | None) -> None:
        """List the findings of ``workflow_id`` (grouped by component) and its figures;
        with a framework chosen in the filter, only the findings that cite it."""
        self._shown = (analysis, workflow_id)
        self._clear()
        if analysis is None or workflow_id is None:
            self.summary.setText("No workflow on screen.")
            self.figures.setText("")
            return
        findings = [f for f in analysis.findings if f.workflow_id == workflow_id]
        framework = self.framework()
        if framework is not None:
            findings = [f for f in findings if cites(f.references, framework)]
        counts = {s: sum(1 for f in findings if f.severity == s) for s in _SEVERITY_ORDER}
        scores = analysis.workflow_scores.get(workflow_id, {})
        if not findings and framework is None and all(v is None for v in scores.values()):
            self.summary.setText(NOTHING_MAPPED)
        elif not findings:
            self.summary.setText(
                "Nothing missing: every check passes."
                if framework is None
                else f"No finding cites {framework}."
            )
        else:
            parts = [f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n]
            cited = f" citing {framework}" if framework is not None else ""
            self.summary.setText(" · ".join(parts) + cited)
        self.figures.setText(describe_orchestration(analysis.orchestration.get(workflow_id)))
        listed = sorted(findings, key=lambda f: (_SEVERITY_ORDER[f.severity], f.rule))[:MAX_ROWS]
        position = 0
        if len(findings) > len(listed):
            note = QLabel(f"Showing the {len(listed)} most severe of {len(findings)} findings.")
            note.setStyleSheet("font-size: 14px; font-style: italic;")
            self._list_layout.insertWidget(position, note)
            position += 1
        for component in COMPONENTS:
            group = [f for f in listed if f.component == component.id]
            if not group:
                continue
            header = QLabel(f"{component.name} ({len(group)})")
            header.setStyleSheet("font-size: 14px; font-weight: 700; padding-top: 6px;")
            self._list_layout.insertWidget(position, header)
            position += 1
            for finding in group:
                row = FindingRow(finding)
                row.activated.connect(self._activate)
                self._list_layout.insertWidget(position, row)
                position += 1
                self.rows.append(row)

    def framework(self) -> str | None:
        """The framework the list is filtered by, or None for every finding."""
        return self.framework_filter.currentData()

    def set_framework(self, framework: str | None) -> None:
        """Filter by ``framework`` (one of :data:`model.frameworks.FRAMEWORK_NAMES`), or None."""
        self.framework_filter.setCurrentIndex(max(self.framework_filter.findData(framework), 0))

    def _refilter(self) -> None:
        analysis, workflow_id = self._shown
        self.show_analysis(analysis, workflow_id)

    def shown_findings(self) -> list[Finding]:
        """The findings listed, top to bottom."""
        return [row.finding for row in self.rows]

    def _clear(self) -> None:
        self.rows = []
        while self._list_layout.count() > 1:
            item = self._list_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()  # at once: the deletion waits for the event loop
                widget.deleteLater()

    def _activate(self, finding: Finding) -> None:
        self.findingActivated.emit(finding.workflow_id, list(finding.element_ids))
