"""The inline label editor shown over an element while it is renamed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QTextOption
from PySide6.QtWidgets import QGraphicsTextItem, QStyle, QStyleOptionGraphicsItem, QWidget

from canvas.items.style import brush, halo_pen, label_font
from model.appearance import SELECTION_COLOR


class LabelEditor(QGraphicsTextItem):
    """The inline editor over an element's label: Enter commits, Esc cancels.

    Losing focus (a click elsewhere) commits too. ``finished`` carries whether to commit.
    """

    finished = Signal(bool)

    def __init__(self, element_id: str, text: str, width: float) -> None:
        super().__init__(text)
        self.element_id = element_id
        self.done = False
        self.setFont(label_font())
        self.setDefaultTextColor(QColor("#111827"))
        self.setTextWidth(width)
        option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.document().setDocumentMargin(3)
        self.setZValue(100.0)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)

    def text(self) -> str:
        """The edited label on one line, trimmed."""
        return " ".join(self.toPlainText().split())

    def finish(self, commit: bool) -> None:
        """End editing once: commit or cancel."""
        if not self.done:
            self.done = True
            self.finished.emit(commit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.finish(True)
        elif event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.finish(False)
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.finish(True)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """A white field with a selection-coloured frame under the editable text."""
        painter.save()
        painter.setPen(halo_pen(SELECTION_COLOR, 2.0))
        painter.setBrush(brush("#FFFFFF"))
        painter.drawRect(self.boundingRect())
        painter.restore()
        painter.save()
        # The white field is frame enough: no dashed focus/selection rectangle on top.
        option.state &= ~(QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Selected)
        super().paint(painter, option, widget)
        painter.restore()
