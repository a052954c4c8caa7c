"""The voting dock: each participant's dots on workflows (use cases) and on the element
selected on the canvas, or their value and feasibility ratings in a private round.

The voters are picked from the one participant list (sponsors and participants; the
Participants… button opens that list). Every − / + click, rating, "done", reveal and end
is one edit of :mod:`model.voting` pushed through the :class:`~app.editor.undo.UndoBridge`, so
it is saved at once and undoable. While a **private round** is open the panel shows the
chosen participant's own entries only — no tallies, nobody else's dots — and "Done" hands
the laptop on; the room's views show only progress until Reveal. The panel listens to the
document, so undo, redo and edits made elsewhere show up at once.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.editor.undo import UndoBridge
from app.operations import EditOp, RefusalNotice, refusal_label
from model.edits import Edit
from model.participants import voters
from model.session import Session
from model.voting import (
    DEFAULT_BUDGET,
    budget,
    clear_votes,
    current_round,
    end_round,
    is_done,
    is_hidden,
    progress,
    rating_of,
    reveal_round,
    set_done,
    set_rating,
    set_votes,
    start_round,
    tallies,
    votes_of,
)
from storage.document import EditAction

#: Shown in place of the element row while nothing (or several things) is selected.
NO_ELEMENT_HINT = "Select one element on the canvas to put dots on it."
NO_PARTICIPANT_HINT = "Pick the participant who votes."
NO_VOTERS_HINT = "Add the voters to the participant list first (Participants…)."

_BUTTON_STYLE = "QToolButton { font-size: 20px; font-weight: 700; padding: 0px; }"
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
        button.setAccessibleName(tip)
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


class ElidingCombo(QComboBox):
    """A combo box that elides a long current text ("Alexandra Montgomery-Wh…") and has
    the full text as its tooltip, so a long name never pushes the dock wider."""

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the frame and the arrow, then the current text elided to the room left."""
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        room = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, room.width()
        )
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def shown_text(self) -> str:
        """The current text as drawn (elided when it does not fit)."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        room = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        return self.fontMetrics().elidedText(
            self.currentText(), Qt.TextElideMode.ElideRight, room.width()
        )


class RatingPicker(QSpinBox):
    """A 1–5 rating, or "–" (0) for not rated yet."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 5)
        self.setSpecialValueText("–")
        self.setToolTip(f"{what}, 1 (low) to 5 (high); – when not rated yet")
        self.setAccessibleName(what)
        self.setStyleSheet("font-size: 16px;")
        self.setMinimumWidth(64)

    def rating(self) -> int | None:
        """The rating shown, None for "–"."""
        return self.value() or None

    def show_rating(self, rating: int | None) -> None:
        """Show ``rating`` without asking for an edit."""
        self.blockSignals(True)
        self.setValue(rating or 0)
        self.blockSignals(False)


class VotingPanel(QWidget):
    """Dots (or ratings) per participant on every workflow and on the selected element."""

    #: The participant list should be shown (the Participants… button).
    participantsRequested = Signal()

    def __init__(self, bridge: UndoBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.element_id: str | None = None
        self._workflow_ids: list[str] = []
        self._mode = ""
        self.workflow_names: dict[str, QLabel] = {}
        self.workflow_counters: dict[str, DotCounter] = {}
        self.workflow_tallies: dict[str, QLabel] = {}
        self.value_pickers: dict[str, RatingPicker] = {}
        self.feasibility_pickers: dict[str, RatingPicker] = {}

        self.participant = ElidingCombo()
        self.participant.setPlaceholderText("Pick a participant")
        self.participant.setAccessibleName("Participant who votes")
        self.participant.setStyleSheet("font-size: 16px;")
        self.participant.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.participant.setMinimumContentsLength(8)
        self.participant.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.participant.currentIndexChanged.connect(lambda _index: self._show_counts())
        self.participant.currentTextChanged.connect(self.participant.setToolTip)
        self.people_button = QPushButton("Participants…")
        self.people_button.setToolTip("Open the participant list: the voters come from it")
        self.people_button.clicked.connect(self.participantsRequested)
        self.budget = QSpinBox()
        self.budget.setRange(0, 99)
        self.budget.setValue(DEFAULT_BUDGET)
        self.budget.setSpecialValueText("No limit")
        self.budget.setToolTip("How many dots each participant may place (0 = no limit)")
        self.budget.setAccessibleName("Dots each")
        self.budget.setStyleSheet("font-size: 15px;")
        self.budget.valueChanged.connect(lambda _value: self._show_counts())

        self.round_state = QLabel()
        self.round_state.setWordWrap(True)
        self.round_state.setStyleSheet("font-size: 15px; font-weight: 700;")
        self.start_button = QPushButton("Start private round")
        self.start_button.setToolTip(
            "Collect everyone's dots or ratings unseen; the room sees only progress "
            "until you reveal the result"
        )
        start_menu = QMenu(self.start_button)
        start_menu.addAction("Private dot voting", lambda: self.start_round("dots"))
        start_menu.addAction(
            "Private value and feasibility rating", lambda: self.start_round("ratings")
        )
        self.start_button.setMenu(start_menu)
        self.done_button = QPushButton("Done: next person")
        self.done_button.setToolTip("This participant has finished: hide their entries")
        self.done_button.clicked.connect(self.mark_done)
        self.reveal_button = QPushButton("Reveal")
        self.reveal_button.setToolTip("Show the room the result of the private round")
        self.reveal_button.clicked.connect(self.reveal)
        self.end_button = QPushButton("End round")
        self.end_button.setToolTip("Close the private round; voting is open again")
        self.end_button.clicked.connect(self.end)

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
        who.setHorizontalSpacing(8)
        who.addWidget(self._text("Participant"), 0, 0)
        who.addWidget(self.participant, 0, 1)
        who.addWidget(self.people_button, 1, 1, Qt.AlignmentFlag.AlignLeft)
        self.budget_label = self._text("Dots each")
        who.addWidget(self.budget_label, 2, 0)
        who.addWidget(self.budget, 2, 1, Qt.AlignmentFlag.AlignLeft)
        who.setColumnStretch(1, 1)

        round_box = QGroupBox("Private round")
        round_box.setStyleSheet("QGroupBox { font-size: 15px; font-weight: 700; }")
        buttons = QGridLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.start_button, 0, 0, 1, 2)
        buttons.addWidget(self.done_button, 1, 0, 1, 2)
        buttons.addWidget(self.reveal_button, 2, 0)
        buttons.addWidget(self.end_button, 2, 1)
        round_layout = QVBoxLayout(round_box)
        round_layout.setContentsMargins(8, 8, 8, 8)
        round_layout.addWidget(self.round_state)
        round_layout.addLayout(buttons)

        self._rows = QWidget()
        self._grid = QGridLayout(self._rows)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(6)
        self._grid.setColumnStretch(0, 1)
        self.workflows_box = QGroupBox("Use cases")
        self.workflows_box.setStyleSheet("QGroupBox { font-size: 15px; font-weight: 700; }")
        box = QVBoxLayout(self.workflows_box)
        box.setContentsMargins(8, 8, 8, 8)
        box.addWidget(self._rows)

        self.element_name = QLabel(NO_ELEMENT_HINT)
        self.element_name.setWordWrap(True)
        self.element_name.setStyleSheet(_TEXT_STYLE)
        self.element_counter = DotCounter(self._vote_on_element)
        self.element_tally = QLabel()
        self.element_tally.setWordWrap(True)
        self.element_tally.setStyleSheet(_TEXT_STYLE)
        element_row = QHBoxLayout()
        element_row.addWidget(self.element_counter)
        element_row.addWidget(self.element_tally, 1)
        self.element_box = QGroupBox("Selected element")
        self.element_box.setStyleSheet("QGroupBox { font-size: 15px; font-weight: 700; }")
        element_box = QVBoxLayout(self.element_box)
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
        layout.addWidget(round_box)
        layout.addWidget(self.remaining)
        layout.addWidget(self.others)
        layout.addWidget(self.message)
        layout.addWidget(self.workflows_box)
        layout.addWidget(self.element_box)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

        bridge.document.subscribe(self._on_edit)
        self.refresh()

    # -- queries -----------------------------------------------------------------------
    @property
    def session(self) -> Session:
        """The open session."""
        return self.bridge.document.session

    def participant_name(self) -> str:
        """The name of the participant whose entries are shown ("" when none)."""
        data = self.participant.currentData()
        return str(data) if data else ""

    def choose_participant(self, name: str) -> bool:
        """Show ``name``'s entries (a voter on the list); False when there is none."""
        index = self.participant.findData(name)
        if index < 0:
            return False
        self.participant.setCurrentIndex(index)
        return True

    def round_kind(self) -> str:
        """ "dots" or "ratings" while a private round is open, else "" (open voting)."""
        round_ = current_round(self.session)
        return str(round_.get("kind")) if is_hidden(self.session) else ""

    def dots_left(self, participant: str) -> int | None:
        """Dots ``participant`` may still place, or None when there is no limit."""
        limit = budget(self.session) if self.round_kind() == "dots" else self.budget.value()
        if not limit:
            return None
        return max(0, limit - sum(votes_of(self.session, participant).values()))

    def voters(self) -> list[str]:
        """The names of the voters on the participant list."""
        return [p.name for p in voters(self.session)]

    # -- the element selected on the canvas -------------------------------------------
    def set_selected_element(self, element_id: str | None) -> None:
        """Show the dots on ``element_id`` (None: nothing or several things selected)."""
        self.element_id = element_id
        self._show_element()

    # -- keeping in step with the document ---------------------------------------------
    def refresh(self) -> None:
        """Rebuild what changed in the session: names, rows, round and counts."""
        self._fill_participants()
        ids = [w.id for w in self.session.ordered_workflows()]
        mode = "ratings" if self.round_kind() == "ratings" else "dots"
        if ids != self._workflow_ids or mode != self._mode:
            self._rebuild_rows(ids, mode)
        self._show_round()
        self._show_counts()

    def _on_edit(self, _edit: Edit, _action: EditAction) -> None:
        self.refresh()

    def dispose(self) -> None:
        """Stop listening to the document (before it closes)."""
        self.bridge.document.unsubscribe(self._on_edit)

    def _fill_participants(self) -> None:
        people = voters(self.session)
        items = [(p.name, f"{p.name} — {p.title}" if p.title else p.name) for p in people]
        shown = [
            (self.participant.itemData(i), self.participant.itemText(i))
            for i in range(self.participant.count())
        ]
        if items == shown:
            return
        current = self.participant_name()
        self.participant.blockSignals(True)
        try:
            self.participant.clear()
            for name, text in items:
                self.participant.addItem(text, name)
                self.participant.setItemData(
                    self.participant.count() - 1, text, Qt.ItemDataRole.ToolTipRole
                )
            self.participant.setCurrentIndex(self.participant.findData(current))
        finally:
            self.participant.blockSignals(False)

    def _rebuild_rows(self, ids: list[str], mode: str) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.workflow_names.clear()
        self.workflow_counters.clear()
        self.workflow_tallies.clear()
        self.value_pickers.clear()
        self.feasibility_pickers.clear()
        self._workflow_ids = ids
        self._mode = mode
        headers = ("Use case", "Dots", "All")
        if mode == "ratings":
            headers = ("Use case", "Value", "Feasibility")
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
            name.setMinimumWidth(60)
            self._grid.addWidget(name, row, 0)
            self.workflow_names[workflow_id] = name
            if mode == "ratings":
                value = RatingPicker("Value")
                feasibility = RatingPicker("Feasibility")
                for picker in (value, feasibility):
                    picker.valueChanged.connect(lambda _v, w=workflow_id: self._rate(w))
                self._grid.addWidget(value, row, 1)
                self._grid.addWidget(feasibility, row, 2)
                self.value_pickers[workflow_id] = value
                self.feasibility_pickers[workflow_id] = feasibility
                continue
            counter = DotCounter(lambda count, w=workflow_id: self._vote(w, count))
            tally = QLabel()
            tally.setAlignment(Qt.AlignmentFlag.AlignCenter)
            tally.setMinimumWidth(30)
            tally.setStyleSheet(_COUNT_STYLE)
            self._grid.addWidget(counter, row, 1)
            self._grid.addWidget(tally, row, 2)
            self.workflow_counters[workflow_id] = counter
            self.workflow_tallies[workflow_id] = tally
        if not ids:
            empty = QLabel("No workflows yet.")
            empty.setStyleSheet(_TEXT_STYLE)
            self._grid.addWidget(empty, 1, 0, 1, 3)

    def _show_round(self) -> None:
        session = self.session
        round_ = current_round(session)
        kind = self.round_kind()
        if kind:
            done, total = progress(session)
            what = "dot voting" if kind == "dots" else "rating"
            limit = f", {round_.get('budget')} dots each" if kind == "dots" else ""
            self.round_state.setText(f"Private {what}{limit}: {done} of {total} done.")
        elif round_:
            what = "dot voting" if round_.get("kind") == "dots" else "rating"
            self.round_state.setText(f"Private {what} revealed.")
        else:
            self.round_state.setText("Open voting: everyone sees the dots.")
        self.start_button.setVisible(not kind)
        self.done_button.setVisible(bool(kind))
        self.reveal_button.setVisible(bool(kind))
        self.end_button.setVisible(bool(round_))
        hidden_dots = kind == "ratings"
        self.element_box.setVisible(not hidden_dots)
        self.clear_button.setVisible(not kind)
        self.budget.setVisible(not kind)
        self.budget_label.setVisible(not kind)
        self.workflows_box.setTitle("Rate each use case" if hidden_dots else "Use cases")

    def _show_counts(self) -> None:
        session = self.session
        participant = self.participant_name()
        kind = self.round_kind()
        private = bool(kind)
        finished = bool(participant) and private and is_done(session, participant)
        can_enter = bool(participant) and not finished and not self._revealed_round()
        mine = votes_of(session, participant) if participant else {}
        left = self.dots_left(participant) if participant else None
        can_add = left is None or left > 0
        for workflow_id, name_label in self.workflow_names.items():
            workflow = session.workflows.get(workflow_id)
            if workflow is None:
                continue
            name_label.setText(workflow.name or "Untitled")
            name_label.setToolTip(workflow.name or "Untitled")
            if kind == "ratings":
                value, feasibility = rating_of(session, participant, workflow_id)
                for picker, rating in (
                    (self.value_pickers[workflow_id], value),
                    (self.feasibility_pickers[workflow_id], feasibility),
                ):
                    picker.show_rating(rating if participant else None)
                    picker.setEnabled(can_enter)
                continue
            counter = self.workflow_counters[workflow_id]
            counter.show_count(mine.get(workflow_id, 0), can_vote=can_enter, can_add=can_add)
            tally = self.workflow_tallies[workflow_id]
            tally.setText("?" if private else str(workflow.votes))
            tally.setToolTip(
                "Hidden until Reveal" if private else f"{_plural(workflow.votes)} from everyone"
            )
        self.done_button.setEnabled(bool(participant) and private and not finished)
        first_name = participant.split(" ")[0] if participant else ""
        self.done_button.setText(f"Done: {first_name}" if participant and private else "Done")
        self.done_button.setToolTip(
            f"{participant} has finished: hide their entries" if participant else ""
        )
        if not self.voters():
            self.remaining.setText(NO_VOTERS_HINT)
        elif not participant:
            self.remaining.setText(NO_PARTICIPANT_HINT)
        elif finished:
            self.remaining.setText(f"{participant} is done. Pick the next participant.")
        elif kind == "ratings":
            self.remaining.setText(f"{participant}: rate value and feasibility from 1 to 5.")
        elif left is None:
            self.remaining.setText(f"{participant} has placed {_plural(sum(mine.values()))}.")
        else:
            limit = budget(session) if private else self.budget.value()
            self.remaining.setText(f"{participant}: {_plural(left)} left of {limit}")
        self.others.setText("" if private else self._others_summary(participant))
        self.others.setVisible(bool(self.others.text()))
        self.clear_button.setEnabled(bool(tallies(session)))
        self._show_element()

    def _revealed_round(self) -> bool:
        round_ = current_round(self.session)
        return bool(round_) and round_.get("status") == "revealed"

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
        where = f" in {escape(workflow.name)}" if workflow is not None and workflow.name else ""
        self.element_name.setText(f"<b>{escape(element.label or element.kind)}</b>{where}")
        participant = self.participant_name()
        private = bool(self.round_kind())
        finished = bool(participant) and private and is_done(self.session, participant)
        can_vote = bool(participant) and not finished and not self._revealed_round()
        mine = votes_of(self.session, participant).get(element.id, 0) if participant else 0
        left = self.dots_left(participant) if participant else None
        self.element_counter.show_count(mine, can_vote=can_vote, can_add=left is None or left > 0)
        if private:
            self.element_tally.setText("Everyone's dots show after Reveal.")
        else:
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

    def _rate(self, workflow_id: str) -> None:
        participant = self.participant_name()
        session = self.session
        value = self.value_pickers[workflow_id].rating()
        feasibility = self.feasibility_pickers[workflow_id].rating()
        EditOp(
            self.bridge, lambda: set_rating(session, participant, workflow_id, value, feasibility)
        ).run(self.refusals)

    def start_round(self, kind: str) -> None:
        """Start a private round of ``kind``; asks first when it clears earlier entries."""
        session = self.session
        earlier = session.workshop.votes if kind == "dots" else session.workshop.ratings
        if earlier:
            what = "dots" if kind == "dots" else "ratings"
            answer = QMessageBox.question(
                self,
                "Start a private round",
                f"A new round starts from nothing: the {what} placed so far are cleared.\n"
                "You can undo this.",
                QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Ok,
            )
            if answer != QMessageBox.StandardButton.Ok:
                return
        dots = self.budget.value()
        EditOp(self.bridge, lambda: start_round(session, kind, dots)).run(self.refusals)
        self.participant.setCurrentIndex(-1)

    def mark_done(self) -> None:
        """The chosen participant has finished: mark them done and hide their entries."""
        participant = self.participant_name()
        session = self.session
        done = EditOp(self.bridge, lambda: set_done(session, participant)).run(self.refusals)
        if done is not None:
            self.participant.setCurrentIndex(-1)

    def reveal(self) -> None:
        """Show the room the result of the private round."""
        session = self.session
        EditOp(self.bridge, lambda: reveal_round(session)).run(self.refusals)

    def end(self) -> None:
        """Close the private round; voting is open again."""
        session = self.session
        EditOp(self.bridge, lambda: end_round(session)).run(self.refusals)

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
