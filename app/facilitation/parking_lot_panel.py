"""The parking lot dock: questions and topics set aside during the workshop.

Add (type + Enter), edit in place (double-click or F2), remove (Delete) and reorder
(Ctrl+Up / Ctrl+Down); each change is one undoable edit of ``workshop.parking_lot``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.editor.undo import UndoBridge
from app.operations import EditOp, RefusalNotice, refusal_label
from model.edits import Edit, edit_workshop

#: Text size of the panel, in pixels (readable when projected).
TEXT_PX = 15


def _font(pixels: int = TEXT_PX, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ParkingLotPanel(QWidget):
    """The parking lot list with an add line, move up/down and remove."""

    def __init__(self, bridge: UndoBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.setFont(_font())
        self.heading = QLabel()
        self.heading.setFont(_font(16, bold=True))

        self.list = QListWidget()
        self.list.setFont(_font())
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setStyleSheet("QListWidget::item { padding: 4px 6px; }")
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.itemChanged.connect(self._item_edited)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())

        self.input = QLineEdit()
        self.input.setPlaceholderText("Park a question or topic…")
        self.add_button = QPushButton("Add")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.remove_button = QPushButton("Remove")
        for widget in (
            self.input,
            self.add_button,
            self.up_button,
            self.down_button,
            self.remove_button,
        ):
            widget.setFont(_font())
            widget.setMinimumHeight(34)
        self.input.returnPressed.connect(self.add_from_input)
        self.add_button.clicked.connect(self.add_from_input)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.remove_button.clicked.connect(self.remove_current)
        self.add_button.setToolTip("Park it (Enter)")
        self.up_button.setToolTip("Move the selected item up (Ctrl+Up)")
        self.down_button.setToolTip("Move the selected item down (Ctrl+Down)")
        self.remove_button.setToolTip("Remove the selected item (Delete)")
        for text, keys, slot in (
            ("Remove parked item", QKeySequence(QKeySequence.StandardKey.Delete), None),
            ("Move parked item up", QKeySequence("Ctrl+Up"), -1),
            ("Move parked item down", QKeySequence("Ctrl+Down"), 1),
        ):
            action = QAction(text, self.list)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            if slot is None:
                action.triggered.connect(self.remove_current)
            else:
                action.triggered.connect(lambda _=False, d=slot: self.move_current(d))
            self.list.addAction(action)

        self.message = refusal_label()
        self.refusals = RefusalNotice.in_label(self.message)

        add_row = QHBoxLayout()
        add_row.addWidget(self.input, 1)
        add_row.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(add_row)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        bridge.document.subscribe(self._on_edit)
        self.refresh()

    # -- reading -------------------------------------------------------------------------
    def shown_items(self) -> list[str]:
        """The parked items, as shown."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def refresh(self) -> None:
        """Show the session's parking lot (items are updated in place)."""
        parked = self.bridge.document.session.workshop.parking_lot
        self.list.blockSignals(True)
        try:
            while self.list.count() > len(parked):
                self.list.takeItem(self.list.count() - 1)
            for row, text in enumerate(parked):
                item = self.list.item(row)
                if item is None:
                    item = QListWidgetItem(text)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                    self.list.addItem(item)
                elif item.text() != text:
                    item.setText(text)
        finally:
            self.list.blockSignals(False)
        count = len(parked)
        self.heading.setText(
            f"Parking lot: {count} item{'s' if count != 1 else ''}"
            if count
            else "Parking lot is empty"
        )
        self._update_buttons()

    # -- changes -------------------------------------------------------------------------
    def add_from_input(self) -> None:
        """Park the text typed in the add line (Enter or the Add button)."""
        text = self.input.text().strip()
        if not text:
            self._refuse("Type the question or topic to park first.")
            return
        if self._push([*self._items(), text], f"Park “{_short(text)}”"):
            self.input.clear()
            self.list.setCurrentRow(self.list.count() - 1)
            self.input.setFocus()

    def remove_current(self) -> None:
        """Remove the selected item."""
        row = self.list.currentRow()
        items = self._items()
        if not 0 <= row < len(items):
            return
        removed = items.pop(row)
        if self._push(items, f"Remove parked “{_short(removed)}”"):
            self.list.setCurrentRow(min(row, len(items) - 1))

    def move_current(self, delta: int) -> None:
        """Move the selected item ``delta`` places (−1 up, +1 down)."""
        row = self.list.currentRow()
        items = self._items()
        target = row + delta
        if not (0 <= row < len(items) and 0 <= target < len(items)):
            return
        items.insert(target, items.pop(row))
        if self._push(items, f"Move parked “{_short(items[target])}”"):
            self.list.setCurrentRow(target)

    def dispose(self) -> None:
        """Stop following the document."""
        self.bridge.document.unsubscribe(self._on_edit)

    # -- internals -----------------------------------------------------------------------
    def _items(self) -> list[str]:
        return list(self.bridge.document.session.workshop.parking_lot)

    def _item_edited(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        items = self._items()
        if not 0 <= row < len(items):
            return
        text = item.text().strip()
        if not text:
            self._refuse("A parked item needs text; use Remove to drop it.")
            self.refresh()
            return
        if text == items[row]:
            self.refresh()
            return
        items[row] = text
        if not self._push(items, f"Edit parked “{_short(text)}”"):
            self.refresh()

    def _push(self, items: list[str], description: str) -> bool:
        session = self.bridge.document.session
        op = EditOp(self.bridge, lambda: edit_workshop(session, parking_lot=items), description)
        return op.run(self.refusals) is not None

    def _refuse(self, message: str) -> None:
        self.refusals.say(message)

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        count = self.list.count()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.remove_button.setEnabled(0 <= row < count)

    def _on_edit(self, edit: Edit, _action: str) -> None:
        if edit.touched("workshop"):
            self.refresh()
