"""The participants dock: who is in the room, their title and their workshop role.

This one list is also the voters' list: dot voting and private rounds pick from it
(sponsors and participants vote). Every change (add, rename, new title, new role, remove)
is one undoable edit built by :mod:`model.participants`, which carries a person's dots and
ratings along; the table follows the document, so undo and redo show at once.
"""

from __future__ import annotations

from functools import partial

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
from model.edits import Edit
from model.participants import (
    add_participant,
    remove_participants,
    rename_participant,
    set_role,
    set_title,
)
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
    combo.setMinimumWidth(combo.sizeHint().width())  # "Participant" in full, never "Pa"
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
        header.setSectionResizeMode(ROLE_COLUMN, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(ROLE_COLUMN, role_combo().minimumWidth() + 2)
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
        self.title_input.setPlaceholderText("Title (e.g. CFO)")
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
        session = self.bridge.document.session
        name, title = self.name_input.text(), self.title_input.text()
        role = self.role_input.currentData() or _DEFAULT_ROLE
        done = EditOp(self.bridge, lambda: add_participant(session, name, title, role)).run(
            self.refusals
        )
        if done is not None:
            self.name_input.clear()
            self.title_input.clear()
            self.role_input.setCurrentIndex(self.role_input.findData(_DEFAULT_ROLE))
        self.name_input.setFocus()

    def remove_selected(self) -> None:
        """Remove the selected participants (one edit; their dots and ratings go too)."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if rows:
            session = self.bridge.document.session
            EditOp(self.bridge, lambda: remove_participants(session, rows)).run(self.refusals)

    def dispose(self) -> None:
        """Stop following the document."""
        self.bridge.document.unsubscribe(self._on_edit)

    # -- internals -----------------------------------------------------------------------
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
        session = self.bridge.document.session
        if row >= len(session.workshop.participants) or column not in (NAME_COLUMN, TITLE_COLUMN):
            return
        person = session.workshop.participants[row]
        text = item.text()
        old = person.name if column == NAME_COLUMN else person.title
        if " ".join(text.split()) == old:
            self.refresh()  # drop surrounding blanks the user typed
            return
        if column == NAME_COLUMN:
            op = EditOp(self.bridge, lambda: rename_participant(session, row, text))
        else:
            op = EditOp(self.bridge, lambda: set_title(session, row, text))
        if op.run(self.refusals) is None:
            self.refresh()

    def _role_chosen(self, combo: QComboBox) -> None:
        session = self.bridge.document.session
        for row in range(self.table.rowCount()):
            if self._combo(row) is combo and row < len(session.workshop.participants):
                role = combo.currentData()
                if session.workshop.participants[row].workshop_role != role:
                    build = partial(set_role, session, row, role)
                    EditOp(self.bridge, build).run(self.refusals)
                return

    def _refuse(self, message: str) -> None:
        self.refusals.say(message)

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _on_edit(self, edit: Edit, _action: str) -> None:
        if edit.touched("workshop"):
            self.refresh()
