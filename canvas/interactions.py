"""Gestures on the canvas as interaction objects: move, connect and rename.

The scene keeps one current :class:`Interaction` and hands it every mouse and key event
first; an interaction says whether it handled the event (the scene then stops) or lets the
scene and its items have it. Interactions never change the session: a finished gesture is a
*request* signal of the scene (``moveRequested``, ``connectRequested``, ``renameRequested``)
that the app layer turns into an edit. (After orangecanvas' ``document/interactions.py``.)

Interactions see the scene through :class:`InteractionHost`, so this module does not import
the scene (the scene imports it).
"""

from __future__ import annotations

from typing import Protocol

import shiboken6
from PySide6.QtCore import QPointF, Qt, QTimer, SignalInstance
from PySide6.QtGui import QColor, QKeyEvent, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsSceneMouseEvent

from canvas.items import ConnectionItem, ElementItem, LabelEditor
from model.appearance import ACCEPT_COLOR, REFUSED_COLOR, SELECTION_COLOR
from model.connections import refusal_reason
from model.session import Session

__all__ = [
    "ConnectInteraction",
    "Interaction",
    "InteractionHost",
    "MoveInteraction",
    "RenameInteraction",
    "connect_refusal",
]

_LEFT = Qt.MouseButton.LeftButton


class InteractionHost(Protocol):
    """What an interaction needs of the scene it runs on."""

    session: Session
    message: SignalInstance
    moveRequested: SignalInstance
    connectRequested: SignalInstance
    renameRequested: SignalInstance

    def addItem(self, item: QGraphicsItem) -> None:
        """Show a transient item (the rubber line, the label editor)."""

    def removeItem(self, item: QGraphicsItem) -> None:
        """Take a transient item away."""

    def clearSelection(self) -> None:
        """Select nothing."""

    def element_at(self, scene_pos: QPointF) -> ElementItem | None:
        """The topmost element item under ``scene_pos``."""

    def element_item(self, element_id: str) -> ElementItem | None:
        """The item of ``element_id``."""

    def element_items(self) -> list[ElementItem]:
        """Every element item, in creation order."""

    def connection_between(self, source: ElementItem, target: ElementItem) -> ConnectionItem | None:
        """The connection from ``source`` to ``target``, if any."""

    def snapped(self, value: float) -> float:
        """``value`` on the grid (when snapping is on) or rounded."""

    def interaction_ended(self, interaction: Interaction) -> None:
        """``interaction`` is over: forget it when it is the current one."""

    def show_note(self, text: str, scene_pos: QPointF | None = None) -> None:
        """Show a sentence beside the pointer."""

    def hide_note(self) -> None:
        """Take the sentence beside the pointer away."""


class Interaction:
    """One gesture in progress. Event handlers return True when they handled the event.

    The default handlers handle nothing. :meth:`cancel` abandons the gesture without a
    request; every way of ending calls :meth:`end`, which tells the host.
    """

    def __init__(self, host: InteractionHost) -> None:
        self.host = host
        self.finished = False

    def mouse_press(self, event: QGraphicsSceneMouseEvent) -> bool:
        """A button went down; True when handled here."""
        return False

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> bool:
        """The mouse moved; True when handled here."""
        return False

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> bool:
        """A button went up, before the items see it; True when handled here."""
        return False

    def mouse_released(self, event: QGraphicsSceneMouseEvent) -> None:
        """A button went up and the items have handled it (when mouse_release did not)."""

    def key_press(self, event: QKeyEvent) -> bool:
        """A key was pressed; True when handled here."""
        return False

    def involves(self, item: ElementItem) -> bool:
        """True when the gesture cannot go on without ``item`` (it is leaving the scene)."""
        return False

    def cancel(self) -> None:
        """Abandon the gesture: no request, transient items gone."""
        self.end()

    def end(self) -> None:
        """Mark the gesture finished and tell the host (once)."""
        if not self.finished:
            self.finished = True
            self.host.interaction_ended(self)


class MoveInteraction(Interaction):
    """Dragging the selected elements (the items move themselves while dragged).

    On release, the moved elements' snapped positions go out as one ``moveRequested``;
    whatever became of the request, the items then show the session's positions.
    """

    def __init__(self, host: InteractionHost) -> None:
        super().__init__(host)
        self.start: dict[str, QPointF] = {
            item.element_id: item.pos() for item in host.element_items() if item.isSelected()
        }

    def mouse_released(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() != _LEFT:
            return
        self.end()
        self._request()

    def _request(self) -> None:
        host = self.host
        positions: dict[str, tuple[float, float]] = {}
        for ident, before in self.start.items():
            item = host.element_item(ident)
            if item is None or item.pos() == before:
                continue
            positions[ident] = (host.snapped(item.x()), host.snapped(item.y()))
        if not positions:
            return
        host.moveRequested.emit(positions)
        for ident in positions:
            element = host.session.elements.get(ident)
            item = host.element_item(ident)
            if element is not None and item is not None:
                item.update_from(element)


def connect_refusal(host: InteractionHost, source: ElementItem, target: ElementItem) -> str | None:
    """Why ``source`` may not connect to ``target`` (the kinds' rule or a duplicate), or None."""
    reason = refusal_reason(source.kind, target.kind, same_element=source is target)
    if reason is None and host.connection_between(source, target) is not None:
        reason = "These two elements are already connected."
    return reason


class ConnectInteraction(Interaction):
    """Drawing a connection from an element's handle to a target element.

    A dashed line follows the mouse; the element under it glows green when it may be the
    target and red when not (and the reason goes out as a ``message`` and is shown beside
    the pointer). Releasing on a legal
    target sends ``connectRequested``; on an illegal one, the reason again. Esc cancels.
    """

    def __init__(self, host: InteractionHost, source: ElementItem, scene_pos: QPointF) -> None:
        super().__init__(host)
        self.source = source
        self.target: ElementItem | None = None
        #: Why the current target is refused (None: legal, or no target).
        self.reason: str | None = None
        source.connecting = True
        source.update()
        line = QGraphicsPathItem()
        pen = QPen(QColor(SELECTION_COLOR), 2.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        line.setPen(pen)
        line.setZValue(50.0)
        self.line: QGraphicsPathItem | None = line
        host.addItem(line)
        self.follow(scene_pos)

    def follow(self, scene_pos: QPointF) -> None:
        """Draw the line to ``scene_pos`` and judge the element under it."""
        if self.finished or self.line is None:
            return
        path = QPainterPath(self.source.handle_scene_pos())
        path.lineTo(scene_pos)
        self.line.setPath(path)
        target = self.host.element_at(scene_pos)
        if target is self.source:
            target = None
        if target is self.target:
            if self.reason:
                self.host.show_note(self.reason, scene_pos)  # the note follows the pointer
            return
        if self.target is not None:
            self.target.set_highlight(None)
        self.target = target
        self.reason = None
        if target is None:
            self.host.hide_note()
            return
        self.reason = connect_refusal(self.host, self.source, target)
        target.set_highlight(REFUSED_COLOR if self.reason else ACCEPT_COLOR)
        if self.reason:
            self.host.message.emit(self.reason)
            self.host.show_note(self.reason, scene_pos)
        else:
            self.host.hide_note()

    def mouse_move(self, event: QGraphicsSceneMouseEvent) -> bool:
        self.follow(event.scenePos())
        return True

    def mouse_release(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() == _LEFT:
            self.follow(event.scenePos())
            self._request()
        return True

    def key_press(self, event: QKeyEvent) -> bool:
        if event.key() != Qt.Key.Key_Escape:
            return False
        self.cancel()
        return True

    def involves(self, item: ElementItem) -> bool:
        return item is self.source or item is self.target

    def _request(self) -> None:
        source, target, reason = self.source, self.target, self.reason
        self.cancel()
        if target is None:
            return
        if reason is not None:
            self.host.message.emit(reason)
            self.host.show_note(reason)  # stays a moment after the button is released
            return
        self.host.connectRequested.emit(source.element_id, target.element_id)

    def cancel(self) -> None:
        if self.target is not None:
            self.target.set_highlight(None)
        self.source.connecting = False
        self.source.update()
        if self.line is not None:
            self.host.removeItem(self.line)
        self.target = None
        self.reason = None
        self.line = None
        self.end()


class RenameInteraction(Interaction):
    """Editing an element's label in place: Enter or a click elsewhere commits, Esc cancels.

    A committed, changed label goes out as ``renameRequested``. Mouse and key events go to
    the scene and the editor as usual.
    """

    def __init__(self, host: InteractionHost, item: ElementItem) -> None:
        super().__init__(host)
        rect = item.label_rect()
        editor = LabelEditor(item.element_id, item.label, rect.width())
        editor.setPos(item.pos() + rect.topLeft())
        editor.finished.connect(self.close)
        self.editor = editor
        item.set_editing(True)
        host.addItem(editor)
        host.clearSelection()
        item.setSelected(True)
        editor.setFocus(Qt.FocusReason.MouseFocusReason)
        cursor = editor.textCursor()
        cursor.select(cursor.SelectionType.Document)
        editor.setTextCursor(cursor)

    def involves(self, item: ElementItem) -> bool:
        return item.element_id == self.editor.element_id

    def cancel(self) -> None:
        self.close(False)

    def close(self, commit: bool) -> None:
        """Take the editor away; with ``commit``, request the edited label when it changed."""
        if self.finished:
            return
        editor = self.editor
        editor.done = True
        text = editor.text()
        item = self.host.element_item(editor.element_id)
        if item is not None:
            item.set_editing(False)
        editor.hide()
        # Removed once the key or focus event that ended editing has returned.
        QTimer.singleShot(0, editor, lambda: _discard(editor))
        self.end()
        if commit and item is not None and text != item.label:
            self.host.renameRequested.emit(editor.element_id, text)


def _discard(editor: LabelEditor) -> None:
    """Take a closed editor out of its scene and delete it."""
    if not shiboken6.isValid(editor):
        return  # already deleted with the scene's items
    scene = editor.scene()
    if scene is not None:
        scene.removeItem(editor)
    editor.deleteLater()
