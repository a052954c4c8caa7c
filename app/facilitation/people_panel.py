"""The participants dock: who is in the room, their title and their workshop role.

Every change (add, rename, new title, new role, remove) is one undoable edit of the
workshop's ``participants``; the table follows the document, so undo and redo show at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.editor.undo import UndoBridge
from app.operations import EditOp, RefusalNotice, refusal_label
from model.edits import Edit, edit_workshop
from model.session import entity_state
from model.vocabulary import WORKSHOP_ROLES, humanize

#: Table columns.
NAME_COLUMN, TITLE_COLUMN, ROLE_COLUMN = 0, 1, 2
#: Text size of the panel, in pixels (readable when projected).
TEXT_PX = 15
_ROW_HEIGHT = 38
_DEFAULT_ROLE = "participant"


def _font(pixels: int = TEXT_PX, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


class RoleCombo(QComboBox):
    """A role combo box that ignores the mouse wheel unless it has focus (so scrolling the
    table never changes someone's role by accident)."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Scroll the table instead while the combo is not focused."""
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def role_combo(role: str = _DEFAULT_ROLE) -> QComboBox:
    """A combo box of the workshop roles (humanized), showing ``role``."""
    combo = RoleCombo()
    combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    combo.setFont(_font())
    for value in WORKSHOP_ROLES:
        combo.addItem(humanize(value), value)
    combo.setCurrentIndex(max(combo.findData(role), 0))
    return combo


class ParticipantsPanel(QWidget):
    """A table of participants (name, title, role) with an add row below it."""

    def __init__(self, bridge: UndoBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.setFont(_font())
        self.heading = QLabel()
        self.heading.setFont(_font(16, bold=True))

        self.table = QTableWidget(0, 3)
        self.table.setFont(_font())
        self.table.setHorizontalHeaderLabels(["Name", "Title", "Role"])
        self.table.horizontalHeader().setFont(_font(bold=True))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ROLE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(_ROW_HEIGHT)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.itemChanged.connect(self._cell_edited)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.remove_action = QAction("Remove participant", self.table)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_selected)
        self.table.addAction(self.remove_action)

        self.name_input = QLineEdit()
        self.name_input.setPlaceholderText("Name")
        self.title_input = QLineEdit()
        self.title_input.setPlaceholderText("Title, e.g. Head of Sales")
        self.role_input = role_combo()
        self.add_button = QPushButton("Add participant")
        self.remove_button = QPushButton("Remove selected")
        for widget in (self.name_input, self.title_input, self.add_button, self.remove_button):
            widget.setFont(_font())
            widget.setMinimumHeight(34)
        self.role_input.setMinimumHeight(34)
        self.name_input.returnPressed.connect(self.add_from_inputs)
        self.title_input.returnPressed.connect(self.add_from_inputs)
        self.add_button.clicked.connect(self.add_from_inputs)
        self.remove_button.clicked.connect(self.remove_selected)
        self.add_button.setToolTip("Add the participant (Enter)")
        self.remove_button.setToolTip("Remove the selected participants (Delete)")

        self.message = refusal_label()
        self.refusals = RefusalNotice.in_label(self.message)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.remove_button)
        add_row = QGridLayout()
        add_row.setContentsMargins(0, 0, 0, 0)
        add_row.addWidget(self.name_input, 0, 0)
        add_row.addWidget(self.title_input, 0, 1)
        add_row.addWidget(self.role_input, 1, 0)
        add_row.addWidget(self.add_button, 1, 1, Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(add_row)
        layout.addWidget(self.message)

        bridge.document.subscribe(self._on_edit)
        self.refresh()

    # -- reading -------------------------------------------------------------------------
    def shown_participants(self) -> list[tuple[str, str, str]]:
        """(name, title, role id) of each row, as shown."""
        rows = []
        for row in range(self.table.rowCount()):
            name = self.table.item(row, NAME_COLUMN)
            title = self.table.item(row, TITLE_COLUMN)
            combo = self._combo(row)
            rows.append(
                (
                    name.text() if name else "",
                    title.text() if title else "",
                    combo.currentData() if combo else "",
                )
            )
        return rows

    def refresh(self) -> None:
        """Show the session's participants (rows are updated in place)."""
        participants = self.bridge.document.session.workshop.participants
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(len(participants))
            for row, person in enumerate(participants):
                self._set_text(row, NAME_COLUMN, person.name)
                self._set_text(row, TITLE_COLUMN, person.title)
                combo = self._combo(row)
                if combo is None:
                    combo = role_combo(person.workshop_role)
                    combo.activated.connect(lambda _i, c=combo: self._role_chosen(c))
                    self.table.setCellWidget(row, ROLE_COLUMN, combo)
                combo.blockSignals(True)
                combo.setCurrentIndex(max(combo.findData(person.workshop_role), 0))
                combo.blockSignals(False)
        finally:
            self.table.blockSignals(False)
        count = len(participants)
        self.heading.setText(
            f"{count} participant{'s' if count != 1 else ''}" if count else "No participants yet"
        )
        self._selection_changed()

    # -- changes -------------------------------------------------------------------------
    def add_from_inputs(self) -> None:
        """Add the participant typed in the add row (Enter or the Add button)."""
        name = self.name_input.text().strip()
        if not name:
            self._refuse("Type the participant's name first.")
            self.name_input.setFocus()
            return
        if any(p.name == name for p in self.bridge.document.session.workshop.participants):
            self._refuse(f"There is already a participant called {name}.")
            return
        role = self.role_input.currentData() or _DEFAULT_ROLE
        person = {"name": name, "title": self.title_input.text().strip(), "workshop_role": role}
        if self._push([*self._states(), person], f"Add participant {name}"):
            self.name_input.clear()
            self.title_input.clear()
            self.role_input.setCurrentIndex(self.role_input.findData(_DEFAULT_ROLE))
            self.name_input.setFocus()

    def remove_selected(self) -> None:
        """Remove the selected participants (one edit)."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows:
            return
        states = self._states()
        names = [states[r]["name"] for r in rows if r < len(states)]
        kept = [s for i, s in enumerate(states) if i not in rows]
        what = names[0] if len(names) == 1 else f"{len(names)} participants"
        self._push(kept, f"Remove participant {what}" if len(names) == 1 else f"Remove {what}")

    def dispose(self) -> None:
        """Stop following the document."""
        self.bridge.document.unsubscribe(self._on_edit)

    # -- internals -----------------------------------------------------------------------
    def _states(self) -> list[dict[str, Any]]:
        return entity_state(self.bridge.document.session.workshop)["participants"]

    def _combo(self, row: int) -> QComboBox | None:
        widget = self.table.cellWidget(row, ROLE_COLUMN)
        return widget if isinstance(widget, QComboBox) else None

    def _set_text(self, row: int, column: int, text: str) -> None:
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem(text)
            self.table.setItem(row, column, item)
        elif item.text() != text:
            item.setText(text)
        item.setToolTip(text)

    def _cell_edited(self, item: QTableWidgetItem) -> None:
        row, column = item.row(), item.column()
        states = self._states()
        if row >= len(states) or column not in (NAME_COLUMN, TITLE_COLUMN):
            return
        text = item.text().strip()
        field = "name" if column == NAME_COLUMN else "title"
        old = states[row][field]
        if text == old:
            self.refresh()  # drop surrounding blanks the user typed
            return
        votes = None
        if field == "name":
            if not text:
                self._refuse("A participant needs a name.")
                self.refresh()
                return
            if any(s["name"] == text for i, s in enumerate(states) if i != row):
                self._refuse(f"There is already a participant called {text}.")
                self.refresh()
                return
            votes = self._votes_renamed(old, text)
        states[row][field] = text
        description = (
            f"Rename participant {old} to {text}"
            if field == "name"
            else f"Change title of {states[row]['name']}"
        )
        if not self._push(states, description, votes=votes):
            self.refresh()

    def _votes_renamed(self, old: str, new: str) -> list[dict[str, Any]] | None:
        """The dot votes with ``old``'s dots moved to ``new`` (None when there are none)."""
        votes = self.bridge.document.session.workshop.votes
        if not any(v["participant"] == old for v in votes):
            return None
        return [{**v, "participant": new} if v["participant"] == old else dict(v) for v in votes]

    def _role_chosen(self, combo: QComboBox) -> None:
        states = self._states()
        for row in range(self.table.rowCount()):
            if self._combo(row) is combo and row < len(states):
                role = combo.currentData()
                if states[row]["workshop_role"] != role:
                    states[row]["workshop_role"] = role
                    name = states[row]["name"]
                    self._push(states, f"Make {name} {humanize(role).lower()}")
                return

    def _push(
        self,
        participants: list[dict[str, Any]],
        description: str,
        *,
        votes: list[dict[str, Any]] | None = None,
    ) -> bool:
        fields: dict[str, Any] = {"participants": participants}
        if votes is not None:
            fields["votes"] = votes
        session = self.bridge.document.session
        op = EditOp(self.bridge, lambda: edit_workshop(session, **fields), description)
        return op.run(self.refusals) is not None

    def _refuse(self, message: str) -> None:
        self.refusals.say(message)

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _on_edit(self, edit: Edit, _action: str) -> None:
        if edit.touched("workshop"):
            self.refresh()
