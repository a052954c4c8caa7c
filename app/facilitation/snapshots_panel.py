"""The snapshots dock: take named snapshots, restore one (undoable), compare two.

A snapshot is the whole session as it was when taken ("before day 2"). Restoring is one
edit pushed through the undo bridge, so Undo brings the session back. Comparing lists the
elements, connections and workflows added, removed and changed from the older side to the
newer one; when the newer side is the current session the added and changed elements can
be ringed on the canvas (green = added, amber = changed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.editor.session_view import SessionView
from app.editor.undo import UndoBridge
from model.appearance import ACCEPT_COLOR, REFUSED_COLOR, SELECTION_COLOR
from model.edits import Edit
from model.kinds import KINDS_BY_ID
from model.session import Session
from model.snapshots import SessionDiff, compare, restore_edit
from model.vocabulary import humanize
from storage.document import EditAction
from storage.store import SnapshotInfo

#: The list entry that stands for the session as it is now.
CURRENT = "__current__"
#: The comparison groups, in the order listed, with their colours.
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("added", "Added", ACCEPT_COLOR),
    ("removed", "Removed", REFUSED_COLOR),
    ("changed", "Changed", SELECTION_COLOR),
)
#: Most rows listed per group, so comparing huge maps never stalls the panel.
MAX_ROWS = 150
_ROLE = Qt.ItemDataRole.UserRole
_HINT_SELECT = (
    "Select a snapshot to compare it with the current session, "
    "or two snapshots (Ctrl+click) to compare them."
)
_ELEMENT_CHANGES = {
    "position": "moved",
    "label": "renamed",
    "props": "details edited",
    "kind": "kind changed",
    "workflow_id": "moved to another workflow",
}


@dataclass(frozen=True)
class DiffEntry:
    """One listed difference: what it is, where it is and what changed."""

    group: str  # "added" | "removed" | "changed"
    entity: str  # "workflow" | "element" | "connection"
    ident: str
    workflow_id: str
    title: str  # the element's label, "A → B" for a connection, the workflow's name
    workflow_name: str
    detail: str  # what changed ("moved, renamed"), "" otherwise

    def text(self) -> str:
        """The two lines shown in the list."""
        second = self.workflow_name if self.entity != "workflow" else "workflow"
        if self.entity == "connection":
            second = f"connection · {second}"
        if self.detail:
            second = f"{second} · {self.detail}"
        return f"{self.title}\n{second}"


def local_time(created: str) -> str:
    """A snapshot's UTC ISO timestamp as local date and time ("12 Mar 2025, 14:05")."""
    try:
        moment = datetime.fromisoformat(created).astimezone()
    except ValueError:
        return created
    return moment.strftime("%d %b %Y, %H:%M")


def _quoted(text: str) -> str:
    return f"“{text}”"


def _element_title(session: Session, element_id: str) -> str:
    element = session.elements[element_id]
    if element.label.strip():
        return element.label
    spec = KINDS_BY_ID.get(element.kind)
    return f"(unnamed {spec.name if spec else element.kind})"


def _workflow_name(session: Session, workflow_id: str) -> str:
    workflow = session.workflows.get(workflow_id)
    return (workflow.name or "Untitled") if workflow is not None else "?"


def _detail(entity: str, fields_changed: list[str], older: Session, ident: str) -> str:
    if entity == "element":
        words = [_ELEMENT_CHANGES.get(f, humanize(f)) for f in fields_changed]
        if "label" in fields_changed:
            words[fields_changed.index("label")] = (
                f"renamed from {_quoted(older.elements[ident].label)}"
            )
        return ", ".join(words) if words else "other details"
    if entity == "workflow" and "name" in fields_changed:
        rest = [humanize(f) for f in fields_changed if f != "name"]
        return ", ".join([f"renamed from {_quoted(older.workflows[ident].name)}", *rest])
    return ", ".join(humanize(f) for f in fields_changed) or "other details"


def diff_entries(older: Session, newer: Session) -> dict[str, list[DiffEntry]]:
    """The differences from ``older`` to ``newer``, grouped "added", "removed", "changed".

    Each group lists workflows, then elements, then connections, in workflow order.
    """
    diffs: dict[str, SessionDiff] = compare(older, newer)
    order = {w.id: i for i, w in enumerate(older.ordered_workflows())}
    for i, workflow in enumerate(newer.ordered_workflows()):
        order.setdefault(workflow.id, len(order) + i)
    keyed: dict[str, list[tuple[tuple[int, int, str], DiffEntry]]] = {
        group: [] for group, _, _ in GROUPS
    }
    for rank, entity in enumerate(("workflow", "element", "connection")):
        diff = diffs[entity]
        for group, rows in keyed.items():
            side = older if group == "removed" else newer
            for ident in getattr(diff, group):
                workflow_id, title = _where_and_title(side, entity, ident)
                detail = ""
                if group == "changed":
                    detail = _detail(entity, diff.details.get(ident, []), older, ident)
                name = _workflow_name(side, workflow_id)
                entry = DiffEntry(group, entity, ident, workflow_id, title, name, detail)
                key = (order.get(workflow_id, len(order)), rank, title.lower())
                rows.append((key, entry))
    return {
        group: [entry for _, entry in sorted(rows, key=lambda row: row[0])]
        for group, rows in keyed.items()
    }


def _where_and_title(session: Session, entity: str, ident: str) -> tuple[str, str]:
    """The workflow of an entity and how it is named in the list."""
    if entity == "workflow":
        return ident, _workflow_name(session, ident)
    if entity == "element":
        return session.elements[ident].workflow_id, _element_title(session, ident)
    connection = session.connections[ident]
    source = _element_title(session, connection.source)
    target = _element_title(session, connection.target)
    return connection.workflow_id, f"{source} → {target}"


_Index = QModelIndex | QPersistentModelIndex
#: Colour of the second line of a row (7:1 on white).
_DETAIL_COLOR = QColor("#4B5563")
_PAD = 4


class TwoLineDelegate(QStyledItemDelegate):
    """Draws a "title\\ndetail" row as a bold title over a grey detail, both wrapped."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._width = -1
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Wrap again when the view's width changes (e.g. the dock is resized)."""
        if event.type() == QEvent.Type.Resize and self._view.viewport().width() != self._width:
            self._width = self._view.viewport().width()
            self._view.doItemsLayout()
        return False

    @staticmethod
    def _fonts(option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setPixelSize(15)
        title.setBold(True)
        detail = QFont(option.font)
        detail.setPixelSize(14)
        detail.setBold(False)
        return title, detail

    def _text_width(self, index: _Index) -> int:
        width = self._view.viewport().width() - 2 * _PAD - 6
        if isinstance(self._view, QTreeView):
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= self._view.indentation() * (depth + 1)
        elif isinstance(self._view, QListView):
            width -= 2 * self._view.spacing()
        return max(80, width)

    def _layout(
        self, option: QStyleOptionViewItem, index: _Index, width: int
    ) -> tuple[list[tuple[QFont, str, int]], int]:
        title, _, detail = str(index.data(Qt.ItemDataRole.DisplayRole) or "").partition("\n")
        flags = int(Qt.TextFlag.TextWordWrap)
        parts = []
        height = 0
        for font, text in zip(self._fonts(option), (title, detail), strict=True):
            if not text:
                continue
            lines = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000), flags, text)
            parts.append((font, text, lines.height()))
            height += lines.height()
        return parts, height

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        """Tall enough for both wrapped lines at the view's width."""
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if "\n" not in text:
            return super().sizeHint(option, index)
        width = self._text_width(index)
        _, height = self._layout(option, index, width)
        return QSize(width, height + 2 * _PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        """Background and selection from the style, then title and detail."""
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if "\n" not in text:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        widget = item.widget
        style = widget.style() if widget is not None else self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        rect = item.rect.adjusted(_PAD + 2, _PAD, -_PAD, -_PAD)
        width = self._text_width(index)  # the width sizeHint wrapped to
        parts, _ = self._layout(item, index, width)
        painter.save()
        top = rect.top()
        for number, (font, part, height) in enumerate(parts):
            if selected:
                colour = item.palette.color(QPalette.ColorRole.HighlightedText)
            else:
                colour = (
                    item.palette.color(QPalette.ColorRole.Text) if number == 0 else _DETAIL_COLOR
                )
            painter.setFont(font)
            painter.setPen(colour)
            area = QRect(rect.left(), top, width, height)
            painter.drawText(area, int(Qt.TextFlag.TextWordWrap), part)
            top += height
        painter.restore()


def _dot(colour: str) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(QRectF(2, 2, 12, 12))
    painter.end()
    return QIcon(pixmap)


class SnapshotsPanel(QWidget):
    """Take, list, restore, delete and compare the session's snapshots."""

    def __init__(
        self, bridge: UndoBridge, canvas: SessionView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.document = bridge.document
        self.canvas = canvas
        #: The comparison on show: (older, newer) snapshot ids, newer may be CURRENT.
        self.comparing: tuple[str, str] | None = None
        self.highlighting = False
        self._entries: dict[str, list[DiffEntry]] = {}
        self._snapshot_sessions: dict[str, Session] = {}
        self._names: dict[str, str] = {}
        self.setObjectName("snapshotsPanel")
        self.setStyleSheet(
            "#snapshotsPanel, #snapshotsPanel QWidget { font-size: 14px; }"
            "#snapshotsPanel QListWidget, #snapshotsPanel QTreeWidget { font-size: 15px; }"
            "#snapshotsPanel QPushButton { padding: 5px 10px; }"
        )

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("e.g. before day 2")
        self.name_edit.setClearButtonEnabled(True)
        self.name_edit.returnPressed.connect(self.take_snapshot)
        self.take_button = QPushButton("Take snapshot")
        self.take_button.setToolTip("Keep the whole session as it is now under this name.")
        self.take_button.clicked.connect(self.take_snapshot)

        self.snapshot_list = QListWidget()
        self.snapshot_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.snapshot_list.setAlternatingRowColors(True)
        self.snapshot_list.setSpacing(1)
        self.snapshot_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.snapshot_list.setItemDelegate(TwoLineDelegate(self.snapshot_list))
        self.snapshot_list.itemSelectionChanged.connect(self._update_buttons)

        self.restore_button = QPushButton("Restore")
        self.restore_button.setToolTip("Bring the session back to this snapshot (undoable).")
        self.restore_button.clicked.connect(self.restore_selected)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Remove this snapshot (cannot be undone).")
        self.delete_button.clicked.connect(self.delete_selected)
        self.compare_button = QPushButton("Compare")
        self.compare_button.setToolTip(_HINT_SELECT)
        self.compare_button.clicked.connect(self.compare_selected)

        self.diff_title = QLabel("")
        self.diff_title.setWordWrap(True)
        self.diff_title.setStyleSheet("font-size: 15px; font-weight: 700;")
        self.diff_tree = QTreeWidget()
        self.diff_tree.setHeaderHidden(True)
        self.diff_tree.setColumnCount(1)
        self.diff_tree.setWordWrap(True)
        self.diff_tree.setUniformRowHeights(False)
        self.diff_tree.setIndentation(14)
        self.diff_tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.diff_tree.setItemDelegate(TwoLineDelegate(self.diff_tree))
        self.diff_tree.itemClicked.connect(self._on_entry_clicked)
        self.diff_tree.itemActivated.connect(self._on_entry_clicked)
        self.show_button = QPushButton("Show on canvas")
        self.show_button.setToolTip("Ring added (green) and changed (amber) elements.")
        self.show_button.clicked.connect(self.show_on_canvas)
        self.clear_button = QPushButton("Clear highlights")
        self.clear_button.clicked.connect(self.clear_highlights)

        self.hint = QLabel(_HINT_SELECT)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("font-style: italic;")

        take_row = QHBoxLayout()
        take_row.addWidget(self.name_edit, 1)
        take_row.addWidget(self.take_button)
        snapshot_buttons = QHBoxLayout()
        for button in (self.restore_button, self.delete_button, self.compare_button):
            snapshot_buttons.addWidget(button)
        canvas_buttons = QHBoxLayout()
        canvas_buttons.addWidget(self.show_button)
        canvas_buttons.addWidget(self.clear_button)
        heading = QLabel("Snapshots")
        heading.setStyleSheet("font-size: 15px; font-weight: 700;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(take_row)
        layout.addWidget(heading)
        layout.addWidget(self.snapshot_list, 1)
        layout.addLayout(snapshot_buttons)
        layout.addWidget(self.diff_title)
        layout.addWidget(self.diff_tree, 3)
        layout.addLayout(canvas_buttons)
        layout.addWidget(self.hint)

        self.document.subscribe(self._on_edit)
        self.refresh()
        self._show_diff()

    # -- the list ----------------------------------------------------------------------
    def snapshots(self) -> list[SnapshotInfo]:
        """The snapshots listed, oldest first."""
        return self.document.snapshots()

    def refresh(self) -> None:
        """List the snapshots (oldest first) and the current session, keeping the selection."""
        selected = set(self.selected_ids())
        infos = self.document.snapshots()
        self._names = {info.id: info.name for info in infos}
        blocked = self.snapshot_list.blockSignals(True)
        try:
            self.snapshot_list.clear()
            for info in infos:
                item = QListWidgetItem(f"{info.name}\n{local_time(info.created)}")
                item.setData(_ROLE, info.id)
                item.setToolTip(f"{info.name} — taken {local_time(info.created)}")
                self.snapshot_list.addItem(item)
                item.setSelected(info.id in selected)
            current = QListWidgetItem("Current session\nas it is now")
            current.setData(_ROLE, CURRENT)
            font = QFont(current.font())
            font.setItalic(True)
            current.setFont(font)
            self.snapshot_list.addItem(current)
            current.setSelected(CURRENT in selected)
        finally:
            self.snapshot_list.blockSignals(blocked)
        self._update_buttons()

    def item_for(self, snapshot_id: str) -> QListWidgetItem | None:
        """The list entry of ``snapshot_id`` (CURRENT for the current session)."""
        for row in range(self.snapshot_list.count()):
            item = self.snapshot_list.item(row)
            if item.data(_ROLE) == snapshot_id:
                return item
        return None

    def selected_ids(self) -> list[str]:
        """Selected entries' snapshot ids in list order (CURRENT last when selected)."""
        return [
            self.snapshot_list.item(row).data(_ROLE)
            for row in range(self.snapshot_list.count())
            if self.snapshot_list.item(row).isSelected()
        ]

    def _single_snapshot(self) -> str | None:
        ids = self.selected_ids()
        return ids[0] if len(ids) == 1 and ids[0] != CURRENT else None

    def _pair(self) -> tuple[str, str] | None:
        """(older, newer) from the selection: two entries, or one snapshot vs the session."""
        ids = self.selected_ids()
        if len(ids) == 1 and ids[0] != CURRENT:
            return ids[0], CURRENT
        if len(ids) == 2:
            return ids[0], ids[1]
        return None

    def _update_buttons(self) -> None:
        single = self._single_snapshot() is not None
        self.restore_button.setEnabled(single)
        self.delete_button.setEnabled(single)
        self.compare_button.setEnabled(self._pair() is not None)
        self.show_button.setEnabled(self.comparing is not None)
        self.clear_button.setEnabled(self.highlighting)

    def _name(self, snapshot_id: str) -> str:
        if snapshot_id == CURRENT:
            return "the current session"
        return _quoted(self._names.get(snapshot_id, snapshot_id))

    # -- taking, restoring, deleting -----------------------------------------------------
    def take_snapshot(self) -> SnapshotInfo:
        """Snapshot the session under the typed name (a numbered name when blank)."""
        name = self.name_edit.text().strip() or f"Snapshot {len(self._names) + 1}"
        info = self.document.take_snapshot(name)
        self.name_edit.clear()
        self.refresh()
        self.hint.setText(f"Snapshot {_quoted(info.name)} taken.")
        return info

    def _confirm(self, title: str, text: str, action: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        accept = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(accept)
        box.exec()
        return box.clickedButton() is accept

    def restore_selected(self) -> None:
        """After confirmation, turn the session into the selected snapshot (one edit)."""
        snapshot_id = self._single_snapshot()
        if snapshot_id is None:
            return
        name = self._names.get(snapshot_id, snapshot_id)
        if not self._confirm(
            "Restore snapshot", f"Restore {_quoted(name)}? You can undo this.", "Restore"
        ):
            return
        session = self.document.session
        if self.bridge.push(restore_edit(session, self._snapshot(snapshot_id), name)):
            self.hint.setText(f"Restored {_quoted(name)}. Undo (Ctrl+Z) brings the edits back.")
        else:
            self.hint.setText(f"The session already matches {_quoted(name)}.")

    def delete_selected(self) -> None:
        """After confirmation, remove the selected snapshot (not undoable)."""
        snapshot_id = self._single_snapshot()
        if snapshot_id is None:
            return
        name = self._names.get(snapshot_id, snapshot_id)
        if not self._confirm(
            "Delete snapshot",
            f"Delete the snapshot {_quoted(name)}? This cannot be undone.\n"
            "The session itself does not change.",
            "Delete",
        ):
            return
        self.document.delete_snapshot(snapshot_id)
        self._snapshot_sessions.pop(snapshot_id, None)
        if self.comparing is not None and snapshot_id in self.comparing:
            self.clear_highlights()
            self.comparing = None
            self._show_diff()
        self.refresh()
        self.hint.setText(f"Snapshot {_quoted(name)} deleted.")

    def _snapshot(self, snapshot_id: str) -> Session:
        if snapshot_id == CURRENT:
            return self.document.session
        session = self._snapshot_sessions.get(snapshot_id)
        if session is None:  # snapshots never change, so each is read once
            session = self._snapshot_sessions[snapshot_id] = self.document.snapshot_session(
                snapshot_id
            )
        return session

    # -- comparing -----------------------------------------------------------------------
    def compare_selected(self) -> None:
        """Compare the selected pair (older first) and list the differences."""
        pair = self._pair()
        if pair is None:
            self.hint.setText(_HINT_SELECT)
            return
        if self.highlighting:
            self.clear_highlights()
        self.comparing = pair
        self._show_diff()
        self.hint.setText(
            "Click an entry to find it on the canvas."
            if pair[1] == CURRENT
            else "Click an entry to find it on the canvas. Highlights need the current "
            "session as the newer side."
        )

    def diff_rows(self) -> dict[str, list[str]]:
        """The titles listed under each group ("added", "removed", "changed")."""
        return {group: [e.title for e in entries] for group, entries in self._entries.items()}

    def entries(self) -> dict[str, list[DiffEntry]]:
        """The differences listed, by group."""
        return {group: list(entries) for group, entries in self._entries.items()}

    def group_item(self, group: str) -> QTreeWidgetItem | None:
        """The heading row of ``group`` in the diff list."""
        for index in range(self.diff_tree.topLevelItemCount()):
            item = self.diff_tree.topLevelItem(index)
            if item.data(0, _ROLE) == group:
                return item
        return None

    def _show_diff(self) -> None:
        self.diff_tree.clear()
        self._entries = {}
        if self.comparing is None:
            self.diff_title.setText("No comparison yet.")
            self._update_buttons()
            return
        older, newer = self.comparing
        self._entries = diff_entries(self._snapshot(older), self._snapshot(newer))
        total = sum(len(entries) for entries in self._entries.values())
        title = f"{self._name(older)} → {self._name(newer)}"
        self.diff_title.setText(title if total else f"{title}: no differences.")
        heading_font = QFont(self.diff_tree.font())
        heading_font.setBold(True)
        heading_font.setPixelSize(15)
        for group, caption, colour in GROUPS:
            entries = self._entries[group]
            heading = QTreeWidgetItem([f"{caption} ({len(entries)})"])
            heading.setData(0, _ROLE, group)
            heading.setIcon(0, _dot(colour))
            heading.setFont(0, heading_font)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.diff_tree.addTopLevelItem(heading)
            for entry in entries[:MAX_ROWS]:
                row = QTreeWidgetItem([entry.text()])
                row.setData(0, _ROLE, entry)
                row.setToolTip(0, entry.text().replace("\n", " — "))
                heading.addChild(row)
            if len(entries) > MAX_ROWS:
                more = QTreeWidgetItem([f"… and {len(entries) - MAX_ROWS} more"])
                more.setFlags(Qt.ItemFlag.ItemIsEnabled)
                heading.addChild(more)
            heading.setExpanded(True)
        self._update_buttons()

    def _on_entry_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        entry = item.data(0, _ROLE)
        if isinstance(entry, DiffEntry):
            self.reveal(entry)

    def reveal(self, entry: DiffEntry) -> None:
        """Select and centre ``entry`` on the canvas, or say why it is not there."""
        session = self.document.session
        present = {
            "workflow": session.workflows,
            "element": session.elements,
            "connection": session.connections,
        }[entry.entity]
        if entry.ident not in present:
            why = "removed" if entry.group == "removed" else "no longer in the session"
            self.hint.setText(f"{_quoted(entry.title)}: {why} — not on the canvas.")
            return
        workflow_id = (
            entry.ident if entry.entity == "workflow" else present[entry.ident].workflow_id
        )
        self.canvas.show_workflow(workflow_id)
        tab = self.canvas.tab_for(workflow_id)
        if tab is None:
            return
        if entry.entity == "workflow":
            self.hint.setText(f"Showing the workflow {_quoted(entry.title)}.")
            return
        tab.scene.select_ids([entry.ident])
        item = tab.scene.element_item(entry.ident) or tab.scene.connection_item(entry.ident)
        if item is not None:
            tab.view.centerOn(item.sceneBoundingRect().center())
        self.hint.setText(f"Selected {_quoted(entry.title)} on the canvas.")

    # -- highlights on the canvas --------------------------------------------------------
    def show_on_canvas(self) -> None:
        """Ring the added and changed elements of the newer side (the current session)."""
        if self.comparing is None:
            self.hint.setText(_HINT_SELECT)
            return
        if self.comparing[1] != CURRENT:
            self.hint.setText(
                "The canvas shows the current session: compare a snapshot with "
                "“Current session” to see its changes there."
            )
            return
        self.highlighting = True
        self._apply_highlights()
        marked = sum(len(tab.scene.highlights()) for tab in self.canvas.tabs)
        self.hint.setText(
            f"{marked} element{'s' if marked != 1 else ''} ringed: green = added, amber = changed."
            if marked
            else "No added or changed elements to show on the canvas."
        )
        self._update_buttons()

    def _apply_highlights(self) -> None:
        session = self.document.session
        by_workflow: dict[str, dict[str, str]] = {}
        for group in ("added", "changed"):
            for entry in self._entries.get(group, []):
                element = session.elements.get(entry.ident) if entry.entity == "element" else None
                if element is not None:
                    by_workflow.setdefault(element.workflow_id, {})[entry.ident] = group
        for tab in self.canvas.tabs:
            tab.scene.set_highlights(by_workflow.get(tab.workflow_id, {}))

    def clear_highlights(self) -> None:
        """Take every ring off the canvas."""
        self.highlighting = False
        for tab in self.canvas.tabs:
            tab.scene.set_highlights({})
        self._update_buttons()

    # -- keeping in step ---------------------------------------------------------------
    def _on_edit(self, _edit: Edit, _action: EditAction) -> None:
        if self.comparing is not None and CURRENT in self.comparing:
            self._show_diff()
            if self.highlighting:
                self._apply_highlights()

    def dispose(self) -> None:
        """Stop listening to the document and clear the canvas highlights."""
        self.document.unsubscribe(self._on_edit)
        self.clear_highlights()
