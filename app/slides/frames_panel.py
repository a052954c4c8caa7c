"""The Frames dock: the facilitator's own frames of the workflow on screen.

A frame is a named region of the canvas that presentation mode shows as a slide, after
the walkthrough. Add one from what the canvas shows (or around the selection), rename it
in the list (double-click or F2), move it up or down, give it presenter notes, delete it.
Every change is an undoable edit (:mod:`model.edits`); while the dock is open the canvas
outlines the frames.

A frame made here is never larger than what a 1920 × 1080 slide shows at full size, so
its labels are projected at 24 px; a larger view is framed around its centre.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.editor.session_view import SessionView
from app.editor.undo import UndoBridge
from app.operations import EditOp, RefusalNotice, refusal_label
from model import edits
from model.edits import Edit
from model.frames import CustomFrame, custom_frames
from model.stage import stage_size
from storage.document import EditAction

#: The largest frame made from the canvas (scene px): what a slide shows at full size on a
#: 1080-line screen, under the score strip and the presentation bar (about 950 px high).
MAX_FRAME = (
    stage_size(1920, 1080, 1080).content()[2],
    stage_size(1920, 950, 1080).content()[3],
)
#: Room left around a selection when framing it.
SELECTION_MARGIN = 40.0


def framed(area: QRectF) -> tuple[float, float, float, float]:
    """``area`` as a frame: at most :data:`MAX_FRAME` big, around the same centre."""
    width = min(area.width(), MAX_FRAME[0])
    height = min(area.height(), MAX_FRAME[1])
    centre = area.center()
    return (
        round(centre.x() - width / 2),
        round(centre.y() - height / 2),
        round(max(width, 40.0)),
        round(max(height, 40.0)),
    )


class FramesPanel(QWidget):
    """The current workflow's frames: add, rename, reorder, delete, notes."""

    def __init__(
        self, bridge: UndoBridge, canvas: SessionView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.canvas = canvas
        self._refreshing = False
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 15px; font-weight: 700;")
        self.list = QListWidget()
        self.list.setEditTriggers(
            QListWidget.EditTrigger.DoubleClicked
            | QListWidget.EditTrigger.EditKeyPressed
            | QListWidget.EditTrigger.SelectedClicked
        )
        self.list.setStyleSheet("font-size: 15px;")
        self.list.itemChanged.connect(self._renamed)
        self.list.currentRowChanged.connect(lambda _row: self._show_current())
        self.list.itemActivated.connect(lambda _item: self.show_on_canvas())
        self.add_view_button = QPushButton("Add from view")
        self.add_view_button.setToolTip("Frame what the canvas shows now")
        self.add_selection_button = QPushButton("Add around selection")
        self.up_button = QPushButton("Up")
        self.down_button = QPushButton("Down")
        self.delete_button = QPushButton("Delete")
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Presenter notes for this frame")
        self.notes.setFixedHeight(90)
        self.save_notes_button = QPushButton("Save notes")
        self.message = refusal_label()
        self.refusals = RefusalNotice.in_label(self.message)
        self.add_view_button.clicked.connect(self.add_from_view)
        self.add_selection_button.clicked.connect(self.add_around_selection)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.delete_button.clicked.connect(self.delete_current)
        self.save_notes_button.clicked.connect(self.save_notes)

        adding = QHBoxLayout()
        adding.addWidget(self.add_view_button)
        adding.addWidget(self.add_selection_button)
        ordering = QHBoxLayout()
        ordering.addWidget(self.up_button)
        ordering.addWidget(self.down_button)
        ordering.addStretch(1)
        ordering.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addLayout(adding)
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        layout.addLayout(ordering)
        layout.addWidget(self.notes)
        layout.addWidget(self.save_notes_button, 0, Qt.AlignmentFlag.AlignRight)
        bridge.document.subscribe(self._on_edit)
        canvas.currentChanged.connect(self._on_tab)
        self._outlined = True
        self.set_outlined(True)
        self.refresh()

    # -- what is shown -------------------------------------------------------------------
    def workflow_id(self) -> str | None:
        """The workflow on screen."""
        tab = self.canvas.current()
        return tab.workflow_id if tab is not None else None

    def frames(self) -> list[CustomFrame]:
        """The frames of the workflow on screen, in order."""
        workflow_id = self.workflow_id()
        session = self.bridge.document.session
        return custom_frames(session.workflows.get(workflow_id or ""))

    def current_frame(self) -> CustomFrame | None:
        """The frame selected in the list."""
        frames = self.frames()
        row = self.list.currentRow()
        return frames[row] if 0 <= row < len(frames) else None

    def refresh(self) -> None:
        """Show the frames of the workflow on screen."""
        session = self.bridge.document.session
        workflow = session.workflows.get(self.workflow_id() or "")
        self.heading.setText(
            f"Frames of “{workflow.name or workflow.id}”" if workflow else "No workflow"
        )
        self._refreshing = True
        row = self.list.currentRow()
        self.list.clear()
        for frame in self.frames():
            item = QListWidgetItem(frame.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            item.setData(Qt.ItemDataRole.UserRole, frame.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(max(0, min(row, self.list.count() - 1)))
        self._refreshing = False
        self._show_current()

    def _show_current(self) -> None:
        if self._refreshing:
            return
        frame = self.current_frame()
        has = frame is not None
        for button in (self.up_button, self.down_button, self.delete_button):
            button.setEnabled(has)
        self.save_notes_button.setEnabled(has)
        self.notes.setEnabled(has)
        self.notes.setPlainText(frame.notes if frame else "")

    # -- changes -------------------------------------------------------------------------
    def _run(self, build: Callable[[], Edit]) -> Edit | None:
        return EditOp(self.bridge, build).run(self.refusals)

    def add_frame(self, rect: tuple[float, float, float, float]) -> None:
        """Add a frame of ``rect`` named "Frame N" at the end, and select it."""
        workflow_id = self.workflow_id()
        if workflow_id is None:
            return
        session = self.bridge.document.session
        name = f"Frame {len(self.frames()) + 1}"
        if self._run(lambda: edits.add_frame(session, workflow_id, name, rect)) is not None:
            self.list.setCurrentRow(self.list.count() - 1)

    def add_from_view(self) -> None:
        """Frame what the current canvas shows."""
        tab = self.canvas.current()
        if tab is not None:
            visible = tab.view.mapToScene(tab.view.viewport().rect()).boundingRect()
            self.add_frame(framed(visible))

    def add_around_selection(self) -> None:
        """Frame the selected elements (with a margin)."""
        tab = self.canvas.current()
        if tab is None:
            return
        area = QRectF()
        for ident in tab.scene.selected_element_ids():
            item = tab.scene.element_item(ident)
            if item is not None:
                area = area.united(item.sceneBoundingRect())
        if area.isEmpty():
            self.message.setText("Select the elements to frame first.")
            self.message.show()
            return
        margin = SELECTION_MARGIN
        self.add_frame(framed(area.adjusted(-margin, -margin, margin, margin)))

    def _renamed(self, item: QListWidgetItem) -> None:
        if self._refreshing:
            return
        workflow_id = self.workflow_id()
        frame_id = item.data(Qt.ItemDataRole.UserRole)
        if workflow_id is None or not isinstance(frame_id, str):
            return
        session = self.bridge.document.session
        name = item.text().strip()
        if self._run(lambda: edits.update_frame(session, workflow_id, frame_id, name=name)) is None:
            self.refresh()

    def move_current(self, step: int) -> None:
        """Move the selected frame ``step`` places (−1 up, 1 down)."""
        frame = self.current_frame()
        workflow_id = self.workflow_id()
        if frame is None or workflow_id is None:
            return
        row = self.list.currentRow() + step
        session = self.bridge.document.session
        if self._run(lambda: edits.reorder_frame(session, workflow_id, frame.id, row)):
            self.list.setCurrentRow(max(0, min(row, self.list.count() - 1)))

    def delete_current(self) -> None:
        """Delete the selected frame (undoable)."""
        frame = self.current_frame()
        workflow_id = self.workflow_id()
        if frame is not None and workflow_id is not None:
            session = self.bridge.document.session
            self._run(lambda: edits.delete_frame(session, workflow_id, frame.id))

    def save_notes(self) -> None:
        """Keep the notes typed for the selected frame."""
        frame = self.current_frame()
        workflow_id = self.workflow_id()
        if frame is not None and workflow_id is not None:
            session = self.bridge.document.session
            notes = self.notes.toPlainText()
            self._run(lambda: edits.update_frame(session, workflow_id, frame.id, notes=notes))

    def show_on_canvas(self) -> None:
        """Centre the canvas on the selected frame."""
        frame = self.current_frame()
        tab = self.canvas.current()
        if frame is not None and tab is not None:
            tab.view.centerOn(frame.x + frame.width / 2, frame.y + frame.height / 2)

    # -- listening -----------------------------------------------------------------------
    def _on_edit(self, edit: Edit, _action: EditAction) -> None:
        if self.workflow_id() in edit.touched("workflow"):
            self.refresh()

    def _on_tab(self, _index: int) -> None:
        self.set_outlined(self._outlined)
        self.refresh()

    def set_outlined(self, on: bool) -> None:
        """Outline the frames on every canvas (while the dock shows), or stop."""
        self._outlined = on
        for tab in self.canvas.tabs:
            tab.scene.show_frames = on

    def dispose(self) -> None:
        """Stop listening and stop outlining frames on the canvas."""
        self.bridge.document.unsubscribe(self._on_edit)
        self.canvas.currentChanged.disconnect(self._on_tab)
        self.set_outlined(False)
