"""The session agenda: timed items the facilitator works through, with a timer per item.

Every change (add, edit a title or minutes, tick done, delete, move) is one
``edit_workshop(agenda=...)`` edit pushed through the :class:`~app.editor.undo.UndoBridge`, so it
is undoable and saved at once. An entry the model refuses (minutes "abc" or -5) is refused
in place: a red message under the entry, the user's text kept, nothing stored. The panel
listens to the document, so undo and redo show up at once.

:class:`TimerAgendaPane` puts the :class:`~app.facilitation.timer.ExerciseTimer` above the
agenda, for the "Timer & agenda" dock.
"""

from __future__ import annotations

import math
import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.editor.undo import UndoBridge
from app.facilitation.timer import ExerciseTimer
from app.operations import EditOp, RefusalNotice
from model import edits
from model.edits import Edit, EditError
from storage.document import EditAction

#: The list shows about two items however small the dock.
MIN_LIST_PX = 150
#: Said when an item is given no title.
NO_TITLE = "Give the agenda item a title."
#: Refusals are ``QLabel#fieldError``, coloured by the theme's stylesheet like the inspector's.
_STYLE = """
QFrame#agendaRow { border: 1px solid palette(mid); border-radius: 6px; }
QLabel#agendaTotal { font-size: 16px; font-weight: 700; }
"""


def parse_minutes(text: str) -> Any:
    """The number typed (``"45"`` → 45, ``"2,5"`` → 2.5); other text is returned as typed,
    for the model to refuse with its reason."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return text.strip()
    if not math.isfinite(value):
        return text.strip()
    return int(value) if value.is_integer() else value


def readable_refusal(error: EditError) -> str:
    """The model's reason without the interchange path (``Minutes: expected …``)."""
    text = str(error)
    match = re.search(r"agenda\[\d+\]\.(\w+): (.*)$", text)
    if match is None:
        return text
    return f"{match.group(1).capitalize()}: {match.group(2)}"


def format_minutes(value: float) -> str:
    """``45`` or ``2.5`` (no trailing zeros)."""
    return f"{value:g}"


class AgendaRow(QFrame):
    """One agenda item: done box, title, minutes, a timer button, move and delete buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaRow")
        self.index = -1
        self.done_box = QCheckBox()
        self.done_box.setToolTip("Done")
        self.done_box.setAccessibleName("Done")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("agendaTitle")
        self.title_edit.setAccessibleName("Title")
        self.minutes_edit = QLineEdit()
        self.minutes_edit.setObjectName("agendaMinutes")
        self.minutes_edit.setAccessibleName("Minutes")
        self.minutes_edit.setFixedWidth(64)
        self.minutes_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.timer_button = QPushButton("▶ Timer")
        self.timer_button.setToolTip("Start the exercise timer with this item's minutes")
        self.up_button = _small_button("↑", "Move up")
        self.down_button = _small_button("↓", "Move down")
        self.delete_button = _small_button("✕", "Delete this item")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.refusals = RefusalNotice.in_label(self.error, wording=readable_refusal)

        first = QHBoxLayout()
        first.setSpacing(6)
        first.addWidget(self.done_box)
        first.addWidget(self.title_edit, 1)
        first.addWidget(self.minutes_edit)
        first.addWidget(QLabel("min"))
        second = QHBoxLayout()
        second.setSpacing(6)
        second.addWidget(self.timer_button)
        second.addStretch(1)
        second.addWidget(self.up_button)
        second.addWidget(self.down_button)
        second.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.error)

    def show_item(self, index: int, item: dict[str, Any], count: int) -> None:
        """Show agenda item ``index`` of ``count``; an entry being typed is left alone."""
        self.index = index
        self.done_box.blockSignals(True)
        self.done_box.setChecked(bool(item.get("done")))
        self.done_box.blockSignals(False)
        typing = False
        for editor, text in (
            (self.title_edit, str(item.get("title", ""))),
            (self.minutes_edit, format_minutes(item.get("minutes", 0))),
        ):
            if editor.hasFocus() and editor.isModified():
                typing = True
            elif editor.text() != text:
                editor.setText(text)
                editor.setModified(False)
        if not typing:
            self.show_error("")
        self.timer_button.setEnabled(float(item.get("minutes", 0)) > 0)
        self.up_button.setEnabled(index > 0)
        self.down_button.setEnabled(index < count - 1)

    def show_error(self, text: str) -> None:
        """Show (or, with "", hide) the refusal message under the row."""
        self.refusals.say(text)


class AgendaPanel(QWidget):
    """The session's agenda: items with minutes and a done mark, and the total planned."""

    #: "▶ Timer" of an item: (its minutes, its title).
    startTimerRequested = Signal(float, str)

    def __init__(self, bridge: UndoBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.rows: list[AgendaRow] = []
        self.setStyleSheet(_STYLE)

        self.total_label = QLabel()
        self.total_label.setObjectName("agendaTotal")
        self.total_label.setWordWrap(True)
        self.empty_label = QLabel("No agenda items yet. Add the first one below.")
        self.empty_label.setWordWrap(True)
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 4, 0)
        self._list_layout.setSpacing(6)
        self._list_layout.addWidget(self.empty_label)
        self._list_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self._list)
        self.scroll.setMinimumHeight(MIN_LIST_PX)

        self.new_title = QLineEdit()
        self.new_title.setPlaceholderText("New agenda item")
        self.new_title.setAccessibleName("New item title")
        self.new_minutes = QLineEdit()
        self.new_minutes.setPlaceholderText("min")
        self.new_minutes.setAccessibleName("New item minutes")
        self.new_minutes.setFixedWidth(64)
        self.new_minutes.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.add_button = QPushButton("Add")
        self.add_error = QLabel()
        self.add_error.setObjectName("fieldError")
        self.add_error.setWordWrap(True)
        self.add_error.hide()
        self.add_refusals = RefusalNotice.in_label(self.add_error, wording=readable_refusal)
        adder = QHBoxLayout()
        adder.setSpacing(6)
        adder.addWidget(self.new_title, 1)
        adder.addWidget(self.new_minutes)
        adder.addWidget(self.add_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.total_label)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(adder)
        layout.addWidget(self.add_error)

        self.add_button.clicked.connect(self.add_item)
        self.new_title.returnPressed.connect(self.add_item)
        self.new_minutes.returnPressed.connect(self.add_item)
        bridge.document.subscribe(self._on_edit)
        self.refresh()

    # -- queries -------------------------------------------------------------------------
    def agenda(self) -> list[dict[str, Any]]:
        """The stored agenda (a copy)."""
        return [dict(item) for item in self.bridge.document.session.workshop.agenda]

    def total_minutes(self) -> float:
        """Minutes planned over all items."""
        return sum(float(item.get("minutes", 0)) for item in self.agenda())

    # -- commands ------------------------------------------------------------------------
    def add_item(self) -> bool:
        """Add the item typed in the bottom row; a refused entry is explained there."""
        title = self.new_title.text().strip()
        if not title:
            self._show_add_error(NO_TITLE)
            self.new_title.setFocus()
            return False
        item = {"title": title, "minutes": parse_minutes(self.new_minutes.text()), "done": False}
        if not self._push_agenda([*self.agenda(), item], self.add_refusals):
            return False
        self._show_add_error("")
        self.new_title.clear()
        self.new_minutes.clear()
        self.new_title.setFocus()
        return True

    def refresh(self) -> None:
        """Show the stored agenda (rows are reused, so an entry being typed survives)."""
        agenda = self.agenda()
        while len(self.rows) > len(agenda):
            row = self.rows.pop()
            self._list_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        while len(self.rows) < len(agenda):
            row = self._new_row()
            self._list_layout.insertWidget(len(self.rows), row)
            self.rows.append(row)
        for index, (row, item) in enumerate(zip(self.rows, agenda, strict=True)):
            row.show_item(index, item, len(agenda))
        self.empty_label.setVisible(not agenda)
        planned = sum(float(item.get("minutes", 0)) for item in agenda)
        done = sum(float(item.get("minutes", 0)) for item in agenda if item.get("done"))
        if not agenda:
            self.total_label.setText("Agenda")
        else:
            self.total_label.setText(
                f"Agenda: {format_minutes(planned)} min planned · {format_minutes(planned - done)}"
                " min left"
            )

    def dispose(self) -> None:
        """Stop listening to the document (before the panel goes)."""
        self.bridge.document.unsubscribe(self._on_edit)

    # -- rows ----------------------------------------------------------------------------
    def _new_row(self) -> AgendaRow:
        row = AgendaRow()
        row.title_edit.editingFinished.connect(lambda r=row: self._commit_title(r))
        row.minutes_edit.editingFinished.connect(lambda r=row: self._commit_minutes(r))
        row.done_box.toggled.connect(lambda on, r=row: self._set_field(r, "done", on))
        row.timer_button.clicked.connect(lambda _c=False, r=row: self._request_timer(r))
        row.up_button.clicked.connect(lambda _c=False, r=row: self._move(r, -1))
        row.down_button.clicked.connect(lambda _c=False, r=row: self._move(r, 1))
        row.delete_button.clicked.connect(lambda _c=False, r=row: self._delete(r))
        return row

    def _commit_title(self, row: AgendaRow) -> None:
        title = row.title_edit.text().strip()
        if not title:
            row.show_error(NO_TITLE)
            return
        self._set_field(row, "title", title)

    def _commit_minutes(self, row: AgendaRow) -> None:
        self._set_field(row, "minutes", parse_minutes(row.minutes_edit.text()))

    def _set_field(self, row: AgendaRow, name: str, value: Any) -> None:
        agenda = self.agenda()
        if not 0 <= row.index < len(agenda):
            return
        if agenda[row.index].get(name) == value:
            row.title_edit.setModified(False)
            row.minutes_edit.setModified(False)
            row.show_error("")
            return
        agenda[row.index] = {**agenda[row.index], name: value}
        if self._push_agenda(agenda, row.refusals):
            row.title_edit.setModified(False)
            row.minutes_edit.setModified(False)
            row.show_error("")

    def _move(self, row: AgendaRow, step: int) -> None:
        agenda = self.agenda()
        target = row.index + step
        if not (0 <= row.index < len(agenda) and 0 <= target < len(agenda)):
            return
        agenda[row.index], agenda[target] = agenda[target], agenda[row.index]
        self._push_agenda(agenda, row.refusals)
        moved = self.rows[target].up_button if step < 0 else self.rows[target].down_button
        if moved.isEnabled():
            moved.setFocus()

    def _delete(self, row: AgendaRow) -> None:
        agenda = self.agenda()
        if 0 <= row.index < len(agenda):
            del agenda[row.index]
            self._push_agenda(agenda, row.refusals)

    def _request_timer(self, row: AgendaRow) -> None:
        agenda = self.agenda()
        if 0 <= row.index < len(agenda):
            item = agenda[row.index]
            self.startTimerRequested.emit(float(item.get("minutes", 0)), str(item.get("title")))

    # -- the command layer ---------------------------------------------------------------
    def _push_agenda(self, agenda: list[dict[str, Any]], refusals: RefusalNotice) -> bool:
        session = self.bridge.document.session
        op = EditOp(self.bridge, lambda: edits.edit_workshop(session, agenda=agenda))
        return op.run(refusals) is not None

    def _show_add_error(self, text: str) -> None:
        self.add_refusals.say(text)

    def _on_edit(self, edit: Edit, _action: EditAction) -> None:
        if edit.touched("workshop"):
            self.refresh()


class TimerAgendaPane(QWidget):
    """The "Timer & agenda" dock's page: the exercise timer above the session's agenda.

    An item's "▶ Timer" sets the timer to the item's minutes and starts it.
    """

    def __init__(self, bridge: UndoBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timer = ExerciseTimer()
        self.agenda = AgendaPanel(bridge)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.timer)
        layout.addWidget(rule)
        layout.addWidget(self.agenda, 1)
        self.agenda.startTimerRequested.connect(self.start_timer)

    def start_timer(self, minutes: float, title: str) -> None:
        """Time ``title`` for ``minutes``, starting now."""
        self.timer.set_minutes(minutes)
        self.timer.set_title(title)
        self.timer.start()

    def dispose(self) -> None:
        """Stop the timer and stop listening to the document."""
        self.timer.dispose()
        self.agenda.dispose()


def _small_button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setFixedWidth(40)
    button.setStyleSheet("padding: 2px 0px;")  # the arrow fits whatever the theme's padding
    button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return button
