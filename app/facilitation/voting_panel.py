"""The dot-voting dock: the facilitator records each participant's dots on workflows
(use cases) and on the element selected on the canvas.

Every − / + click is one :func:`model.voting.set_votes` edit pushed through the
:class:`~app.editor.undo.UndoBridge`, so it is saved at once and undoable; the workflow tallies it
keeps feed the bubble sizes of the prioritisation matrix. The panel listens to the
document, so undo, redo and edits made elsewhere show up at once.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.editor.undo import UndoBridge
from app.operations import EditOp, RefusalNotice, refusal_label
from model.edits import Edit
from model.session import Session
from model.voting import clear_votes, set_votes, tallies, votes_of
from storage.document import EditAction

#: Dots each participant may place unless the facilitator changes it (0 = no limit).
DEFAULT_BUDGET = 5
#: Shown in place of the element row while nothing (or several things) is selected.
NO_ELEMENT_HINT = "Select one element on the canvas to put dots on it."
NO_PARTICIPANT_HINT = "Pick or type the name of the participant who votes."

_BUTTON_STYLE = "QToolButton { font-size: 20px; font-weight: 700; }"
_COUNT_STYLE = "font-size: 18px; font-weight: 700;"
_TEXT_STYLE = "font-size: 15px;"
_HEADER_STYLE = "font-size: 14px; font-weight: 700;"


def _plural(count: int, word: str = "dot") -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class DotCounter(QWidget):
    """− count + for one target: the current participant's dots, and the tally of all."""

    def __init__(self, on_change: Callable[[int], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_change = on_change
        self.count = 0
        self.minus = self._button("−", "Take one dot off", -1)
        self.plus = self._button("+", "Add one dot", +1)
        self.count_label = QLabel("0")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count_label.setMinimumWidth(30)
        self.count_label.setStyleSheet(_COUNT_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.minus)
        layout.addWidget(self.count_label)
        layout.addWidget(self.plus)

    def _button(self, text: str, tip: str, step: int) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setFixedSize(36, 36)
        button.setStyleSheet(_BUTTON_STYLE)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(lambda: self._on_change(self.count + step))
        return button

    def show_count(self, count: int, *, can_vote: bool, can_add: bool) -> None:
        """Show ``count`` dots; enable − / + as allowed."""
        self.count = count
        self.count_label.setText(str(count))
        self.minus.setEnabled(can_vote and count > 0)
        self.plus.setEnabled(can_vote and can_add)


class VotingPanel(QWidget):
    """Dots per participant on every workflow and on the selected element, with tallies."""

    def __init__(self, bridge: UndoBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.element_id: str | None = None
        self._workflow_ids: list[str] = []
        self.workflow_names: dict[str, QLabel] = {}
        self.workflow_counters: dict[str, DotCounter] = {}
        self.workflow_tallies: dict[str, QLabel] = {}

        self.participant = QComboBox()
        self.participant.setEditable(True)
        self.participant.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.participant.lineEdit().setPlaceholderText("Participant's name")
        self.participant.setStyleSheet("font-size: 16px;")
        self.participant.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.participant.editTextChanged.connect(lambda _text: self._show_counts())
        self.budget = QSpinBox()
        self.budget.setRange(0, 99)
        self.budget.setValue(DEFAULT_BUDGET)
        self.budget.setSpecialValueText("No limit")
        self.budget.setToolTip("How many dots each participant may place (0 = no limit)")
        self.budget.setStyleSheet("font-size: 15px;")
        self.budget.valueChanged.connect(lambda _value: self._show_counts())
        self.remaining = QLabel()
        self.remaining.setWordWrap(True)
        self.remaining.setStyleSheet("font-size: 16px; font-weight: 700;")
        self.others = QLabel()
        self.others.setWordWrap(True)
        self.others.setStyleSheet(_TEXT_STYLE)
        self.message = refusal_label()
        self.refusals = RefusalNotice.in_label(self.message)

        who = QGridLayout()
        who.setContentsMargins(0, 0, 0, 0)
        who.addWidget(self._text("Participant"), 0, 0)
        who.addWidget(self.participant, 0, 1)
        who.addWidget(self._text("Dots each"), 1, 0)
        who.addWidget(self.budget, 1, 1, Qt.AlignmentFlag.AlignLeft)
        who.setColumnStretch(1, 1)

        self._rows = QWidget()
        self._grid = QGridLayout(self._rows)
        self._grid.setContentsMargins(0, 0, 6, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(6)
        self._grid.setColumnStretch(0, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._rows)
        workflows = QGroupBox("Use cases")
        workflows.setStyleSheet("QGroupBox { font-size: 15px; font-weight: 700; }")
        box = QVBoxLayout(workflows)
        box.setContentsMargins(8, 8, 8, 8)
        box.addWidget(scroll)

        self.element_name = QLabel(NO_ELEMENT_HINT)
        self.element_name.setWordWrap(True)
        self.element_name.setStyleSheet(_TEXT_STYLE)
        self.element_counter = DotCounter(self._vote_on_element)
        self.element_tally = QLabel()
        self.element_tally.setStyleSheet(_TEXT_STYLE)
        element_row = QHBoxLayout()
        element_row.addWidget(self.element_counter)
        element_row.addWidget(self.element_tally, 1)
        element = QGroupBox("Selected element")
        element.setStyleSheet("QGroupBox { font-size: 15px; font-weight: 700; }")
        element_box = QVBoxLayout(element)
        element_box.setContentsMargins(8, 8, 8, 8)
        element_box.addWidget(self.element_name)
        element_box.addLayout(element_row)

        self.clear_button = QPushButton("Clear all votes…")
        self.clear_button.setStyleSheet("font-size: 15px; padding: 6px 12px;")
        self.clear_button.clicked.connect(self.confirm_clear)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addLayout(who)
        layout.addWidget(self.remaining)
        layout.addWidget(self.others)
        layout.addWidget(self.message)
        layout.addWidget(workflows, 1)
        layout.addWidget(element)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)

        bridge.document.subscribe(self._on_edit)
        self.refresh()

    # -- queries -----------------------------------------------------------------------
    @property
    def session(self) -> Session:
        """The open session."""
        return self.bridge.document.session

    def participant_name(self) -> str:
        """The name of the participant whose dots are shown (stripped; "" when none)."""
        return self.participant.currentText().strip()

    def dots_left(self, participant: str) -> int | None:
        """Dots ``participant`` may still place, or None when there is no limit."""
        budget = self.budget.value()
        if not budget:
            return None
        return max(0, budget - sum(votes_of(self.session, participant).values()))

    def voters(self) -> list[str]:
        """Participants of the workshop, then anyone else who has voted (in vote order)."""
        names = [p.name.strip() for p in self.session.workshop.participants if p.name.strip()]
        for vote in self.session.workshop.votes:
            if vote["participant"] not in names:
                names.append(vote["participant"])
        return names

    # -- the element selected on the canvas -------------------------------------------
    def set_selected_element(self, element_id: str | None) -> None:
        """Show the dots on ``element_id`` (None: nothing or several things selected)."""
        self.element_id = element_id
        self._show_element()

    # -- keeping in step with the document ---------------------------------------------
    def refresh(self) -> None:
        """Rebuild what changed in the session: names, rows and counts."""
        self._fill_participants()
        ids = [w.id for w in self.session.ordered_workflows()]
        if ids != self._workflow_ids:
            self._rebuild_rows(ids)
        self._show_counts()

    def _on_edit(self, _edit: Edit, _action: EditAction) -> None:
        self.refresh()

    def dispose(self) -> None:
        """Stop listening to the document (before it closes)."""
        self.bridge.document.unsubscribe(self._on_edit)

    def _fill_participants(self) -> None:
        names = self.voters()
        shown = [self.participant.itemText(i) for i in range(self.participant.count())]
        if names == shown:
            return
        text = self.participant.currentText()
        self.participant.blockSignals(True)
        try:
            self.participant.clear()
            self.participant.addItems(names)
            self.participant.setEditText(text)
        finally:
            self.participant.blockSignals(False)

    def _rebuild_rows(self, ids: list[str]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.workflow_names.clear()
        self.workflow_counters.clear()
        self.workflow_tallies.clear()
        self._workflow_ids = ids
        headers = ("Use case", "Dots", "Total")
        for column, title in enumerate(headers):
            header = QLabel(title)
            header.setStyleSheet(_HEADER_STYLE)
            align = Qt.AlignmentFlag.AlignLeft if column == 0 else Qt.AlignmentFlag.AlignCenter
            self._grid.addWidget(header, 0, column, align)
        for row, workflow_id in enumerate(ids, start=1):
            name = QLabel()
            name.setWordWrap(True)
            name.setStyleSheet(_TEXT_STYLE)
            name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            counter = DotCounter(lambda count, w=workflow_id: self._vote(w, count))
            tally = QLabel()
            tally.setAlignment(Qt.AlignmentFlag.AlignCenter)
            tally.setMinimumWidth(36)
            tally.setStyleSheet(_COUNT_STYLE)
            self._grid.addWidget(name, row, 0)
            self._grid.addWidget(counter, row, 1)
            self._grid.addWidget(tally, row, 2)
            self.workflow_names[workflow_id] = name
            self.workflow_counters[workflow_id] = counter
            self.workflow_tallies[workflow_id] = tally
        self._grid.setRowStretch(len(ids) + 1, 1)
        if not ids:
            empty = QLabel("No workflows yet.")
            empty.setStyleSheet(_TEXT_STYLE)
            self._grid.addWidget(empty, 1, 0, 1, 3)

    def _show_counts(self) -> None:
        participant = self.participant_name()
        mine = votes_of(self.session, participant) if participant else {}
        left = self.dots_left(participant) if participant else None
        can_add = left is None or left > 0
        all_dots = tallies(self.session)
        for workflow_id, counter in self.workflow_counters.items():
            workflow = self.session.workflows.get(workflow_id)
            if workflow is None:
                continue
            self.workflow_names[workflow_id].setText(workflow.name or "Untitled")
            counter.show_count(
                mine.get(workflow_id, 0), can_vote=bool(participant), can_add=can_add
            )
            self.workflow_tallies[workflow_id].setText(str(workflow.votes))
            self.workflow_tallies[workflow_id].setToolTip(
                f"{_plural(workflow.votes)} from everyone"
            )
        if not participant:
            self.remaining.setText(NO_PARTICIPANT_HINT)
        elif left is None:
            self.remaining.setText(f"{participant} has placed {_plural(sum(mine.values()))}.")
        else:
            self.remaining.setText(f"{participant}: {_plural(left)} left of {self.budget.value()}")
        self.others.setText(self._others_summary(participant))
        self.others.setVisible(bool(self.others.text()))
        self.clear_button.setEnabled(bool(all_dots))
        self._show_element()

    def _others_summary(self, participant: str) -> str:
        parts = []
        for name in self.voters():
            if name == participant:
                continue
            left = self.dots_left(name)
            placed = sum(votes_of(self.session, name).values())
            parts.append(f"{name} {left} left" if left is not None else f"{name} {placed}")
        return f"Others: {' · '.join(parts)}" if parts else ""

    def _show_element(self) -> None:
        element = self.session.elements.get(self.element_id or "")
        self.element_counter.setVisible(element is not None)
        self.element_tally.setVisible(element is not None)
        if element is None:
            self.element_name.setText(NO_ELEMENT_HINT)
            return
        workflow = self.session.workflows.get(element.workflow_id)
        where = f" in {workflow.name}" if workflow is not None and workflow.name else ""
        self.element_name.setText(f"<b>{escape(element.label or element.kind)}</b>{where}")
        participant = self.participant_name()
        mine = votes_of(self.session, participant).get(element.id, 0) if participant else 0
        left = self.dots_left(participant) if participant else None
        self.element_counter.show_count(
            mine, can_vote=bool(participant), can_add=left is None or left > 0
        )
        self.element_tally.setText(f"{_plural(tallies(self.session)[element.id])} in all")

    # -- edits -------------------------------------------------------------------------
    def _vote(self, target: str, count: int) -> None:
        participant = self.participant_name()
        session = self.session
        EditOp(self.bridge, lambda: set_votes(session, participant, target, max(0, count))).run(
            self.refusals
        )

    def _vote_on_element(self, count: int) -> None:
        if self.element_id is not None:
            self._vote(self.element_id, count)

    def confirm_clear(self) -> None:
        """Ask, then remove every dot of every participant (one undoable edit)."""
        answer = QMessageBox.question(
            self,
            "Clear all votes",
            "Remove every dot of every participant?\nYou can undo this.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.bridge.push(clear_votes(self.session))

    @staticmethod
    def _text(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet(_TEXT_STYLE)
        return label
