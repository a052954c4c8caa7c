"""The scene of one workflow: element and connection items kept in step with the session.

The scene draws, and runs gestures as interaction objects (``canvas.interactions``); it
never changes the session: a finished drag, a connection drawn from a handle, an inline
rename or a palette drop become *request* signals that the app layer turns into edits.
Every change of the session, whichever way it came (do, undo, redo), reaches the scene
through :meth:`WorkflowScene.apply_edit`.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QLineF, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
)

from canvas import shapes
from canvas.interactions import (
    ConnectInteraction,
    Interaction,
    MoveInteraction,
    RenameInteraction,
)
from canvas.items import (
    LOD_TEXT,
    MARK_COLORS,
    ConnectionItem,
    CursorNote,
    ElementItem,
    LabelEditor,
    LaneLayer,
    OverviewLayer,
)
from canvas.items.style import detail_level
from model.appearance import GRID, canvas_colors
from model.edits import Edit
from model.frames import custom_frames
from model.geometry import Box
from model.lanes import Lane, declared_lanes, lane_bands
from model.layers import DIMMED_OPACITY, layer_state, visibility
from model.routing import Link, box_at, plan_routes
from model.session import Session

#: Outline and name colour of the facilitator's frames on the canvas.
FRAME_COLOR = "#7C3AED"
#: Room around the elements that the view can scroll to (scene px).
SCENE_MARGIN = 1000.0
#: Grid lines closer than this on screen are thinned out (every 5th line kept, and so on).
MIN_GRID_SCREEN_PX = 15.0
#: While boxes are dragged, a workflow with more connections than this reroutes only the
#: connections of the moved boxes (the rest follow on the drop).
FULL_REROUTE_MAX = 400
#: How long a refusal stays beside the pointer (ms).
NOTE_MS = 6000


def snap(value: float, grid: float = GRID) -> float:
    """``value`` rounded to the nearest multiple of ``grid``."""
    return float(round(value / grid) * grid)


class WorkflowScene(QGraphicsScene):
    """All elements and connections of one workflow, with the gestures that edit them."""

    moveRequested = Signal(dict)
    connectRequested = Signal(str, str)
    renameRequested = Signal(str, str)
    dropRequested = Signal(str, float, float)
    message = Signal(str)
    #: Items were added, removed or moved by the session (for the minimap).
    contentChanged = Signal()

    def __init__(self, session: Session, workflow_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.workflow_id = workflow_id
        self.snap_to_grid = True
        self._elements: dict[str, ElementItem] = {}
        self._connections: dict[str, ConnectionItem] = {}
        self._badges: dict[str, str] = {}
        self._dots: dict[str, int] = {}
        self._highlights: dict[str, str] = {}
        #: The gesture in progress (move, connect, rename), which sees events first.
        self._interaction: Interaction | None = None
        self.theme = "light"
        colors = canvas_colors(self.theme)
        self._grid_pen = QPen(QColor(colors.grid), 1.0)
        self._grid_pen.setCosmetic(True)
        self._background = QColor(colors.background)
        self._overview = False
        self._plain_background = False
        #: True while the workflow's layers hide or dim something (see model.layers).
        self._layered = False
        #: False: the scene draws no background at all (a slide draws it under its items).
        self.paints_background = True
        #: The lowest level of detail drawn (0: the painter's scale decides; a slide's
        #: scene sets LOD_TEXT so its small previews keep their labels).
        self.min_detail = 0.0
        self._show_frames = False
        self._layer = OverviewLayer(self._elements, self._connections)
        self.addItem(self._layer)
        self._lanes = LaneLayer()
        self.addItem(self._lanes)
        #: Moves are gathered while > 0 (a drag moves many items) and routed once.
        self._batching = 0
        self._moved: set[str] = set()
        #: The last pointer position over the scene (None: the pointer has not been here).
        self.pointer: QPointF | None = None
        self._note: CursorNote | None = None
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_MS)
        self._note_timer.timeout.connect(self.hide_note)
        self.rebuild()

    # -- building ------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Drop every item and build them again from the session."""
        self._cancel_interaction()
        self.clearSelection()
        for item in list(self._connections.values()):
            item.layer = None
            item.detach()
            self.removeItem(item)
        for item in list(self._elements.values()):
            item.layer = None
            self.removeItem(item)
        self._connections.clear()
        self._elements.clear()
        for element in self.session.workflow_elements(self.workflow_id):
            self._adopt(ElementItem(element))
        for connection in self.session.workflow_connections(self.workflow_id):
            self._add_connection_item(connection.id)
        for element_id, severity in self._badges.items():
            item = self._elements.get(element_id)
            if item is not None:
                item.set_badge(severity)
        for element_id, count in self._dots.items():
            item = self._elements.get(element_id)
            if item is not None:
                item.set_dots(count)
        self.reroute()
        self.setSceneRect(self._content_with_margin())
        self._layered = False
        self.apply_layers()
        self._content_changed()

    def set_theme(self, theme: str) -> None:
        """Draw on the ``theme`` canvas ("light" or "dark"): paper, grid and arrows."""
        colors = canvas_colors(theme)
        self.theme = colors.name
        self._background = QColor(colors.background)
        self._grid_pen = QPen(QColor(colors.grid), 1.0)
        self._grid_pen.setCosmetic(True)
        self._layer.theme = colors.name
        self._lanes.set_theme(colors.name)
        for item in self._connections.values():
            item.set_theme(colors.name)
        self._layer.paths_changed()
        self.invalidate(self.sceneRect(), QGraphicsScene.SceneLayer.BackgroundLayer)
        for view in self.views():
            view.resetCachedContent()
        self.update()

    def apply_layers(self) -> None:
        """Hide what the workflow's hidden layers hold; dim what its focus lens leaves out.

        The role lanes go with the roles layer (hidden with it; the boxes keep their places),
        and the lens dims a lane with its header role.
        """
        state = layer_state(self.session.workflows.get(self.workflow_id))
        if state.is_default and not self._layered:
            return
        shown = visibility(self.session, self.workflow_id, state)
        for ident, item in self._elements.items():
            visible = shown.shows(ident)
            if item.isVisible() != visible:
                item.setVisible(visible)
        for ident, connection in self._connections.items():
            connection.set_shown(shown.shows(ident))
        self.set_dimmed(shown.dimmed)
        self._lanes.setVisible(state.shows("roles"))
        self._layered = not state.is_default
        self._layer.paths_changed()

    def set_dimmed(self, dimmed: Collection[str]) -> None:
        """Draw these elements and connections faintly (the focus lens), and the lanes of
        dimmed roles; everything else at full strength."""
        for ident, item in (*self._elements.items(), *self._connections.items()):
            item.setOpacity(DIMMED_OPACITY if ident in dimmed else 1.0)
        self._lanes.set_dimmed(frozenset(dimmed))

    @property
    def layered(self) -> bool:
        """True while layers hide something or the focus lens dims something."""
        return self._layered

    @property
    def lanes_shown(self) -> bool:
        """False while the roles layer is hidden, and with it the role lanes."""
        return self._lanes.isVisible()

    def visible_rect(self) -> QRectF:
        """The rectangle the shown elements occupy (null when none shows)."""
        shown = [item for item in self._elements.values() if item.isVisible()]
        if not shown:
            return QRectF()
        xs = [item.left for item in shown]
        ys = [item.top for item in shown]
        return QRectF(min(xs), min(ys), max(xs) - min(xs) + shapes.W, max(ys) - min(ys) + shapes.H)

    def _adopt(self, item: ElementItem | ConnectionItem) -> None:
        """Add an item to the scene, drawn by the overview layer when zoomed far out."""
        if isinstance(item, ElementItem):
            self._elements[item.element_id] = item
            item.set_mark(self._highlights.get(item.element_id))
            item.moved = self._element_moved
        else:
            self._connections[item.connection_id] = item
            item.set_theme(self.theme)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, self._overview)
        self.addItem(item)
        item.layer = self._layer

    def _content_changed(self) -> None:
        self._update_layer_bounds()
        self._layer.paths_changed()
        self.contentChanged.emit()

    def _add_connection_item(self, connection_id: str) -> ConnectionItem | None:
        connection = self.session.connections.get(connection_id)
        if connection is None or connection.workflow_id != self.workflow_id:
            return None
        source = self._elements.get(connection.source)
        target = self._elements.get(connection.target)
        if source is None or target is None:
            return None
        item = ConnectionItem(connection, source, target)
        self._adopt(item)
        return item

    def _remove_connection_item(self, connection_id: str) -> None:
        item = self._connections.pop(connection_id, None)
        if item is None:
            return
        item.layer = None
        self._layer.forget(item)
        item.detach()
        self.removeItem(item)

    def connection_between(self, source: ElementItem, target: ElementItem) -> ConnectionItem | None:
        """The connection from ``source`` to ``target``, if any."""
        for connection in source.connections:
            if connection.source_item is source and connection.target_item is target:
                return connection
        return None

    def clear(self) -> None:
        """Delete every item; the scene shows nothing until :meth:`rebuild`."""
        self._cancel_interaction()
        self.hide_note()
        for item in (*self._elements.values(), *self._connections.values()):
            item.layer = None
        self._elements.clear()
        self._connections.clear()
        super().clear()
        self._layer = OverviewLayer(self._elements, self._connections)
        self._layer.theme = self.theme
        self._layer.setVisible(self._overview)
        self.addItem(self._layer)
        self._lanes = LaneLayer()
        self._lanes.set_theme(self.theme)
        self.addItem(self._lanes)
        self.contentChanged.emit()

    def _remove_element_item(self, element_id: str) -> None:
        item = self._elements.pop(element_id, None)
        if item is None:
            return
        if self._interaction is not None and self._interaction.involves(item):
            self._interaction.cancel()
        for connection in list(item.connections):
            self._remove_connection_item(connection.connection_id)
        item.layer = None
        self.removeItem(item)

    # -- keeping in step with the session ------------------------------------------------
    def apply_edit(self, edit: Edit) -> None:
        """Bring the items touched by ``edit`` in line with the session's current state."""
        if self.workflow_id not in self.session.workflows:
            if self._elements or self._connections:
                self.rebuild()
            return
        element_ids = edit.touched("element")
        connection_ids = edit.touched("connection")
        # Routes change when boxes come, go or move, when connections do, and when the
        # workflow's lanes may have changed; a new label alone keeps them.
        reshaped = self.workflow_id in edit.touched("workflow")
        if not element_ids and not connection_ids:
            if reshaped:  # lanes, layers or frames may have changed
                self.reroute()
                self.apply_layers()
                if self._show_frames:
                    self.update()
            return
        for connection_id in connection_ids:
            connection = self.session.connections.get(connection_id)
            if connection is None or connection.workflow_id != self.workflow_id:
                reshaped |= connection_id in self._connections
                self._remove_connection_item(connection_id)
        grown = False
        with self.moves_batched():
            for element_id in element_ids:
                element = self.session.elements.get(element_id)
                item = self._elements.get(element_id)
                if element is None or element.workflow_id != self.workflow_id:
                    reshaped |= item is not None
                    self._remove_element_item(element_id)
                elif item is None:
                    item = ElementItem(element)
                    item.set_badge(self._badges.get(element_id))
                    item.set_dots(self._dots.get(element_id, 0))
                    self._adopt(item)
                    grown = reshaped = True
                else:
                    item.update_from(element)
                    grown = True
            for connection_id in connection_ids:
                connection = self.session.connections.get(connection_id)
                if connection is None or connection.workflow_id != self.workflow_id:
                    continue
                item = self._connections.get(connection_id)
                if item is None:
                    reshaped |= self._add_connection_item(connection_id) is not None
                else:
                    item.update_from(connection)
            if reshaped or self._moved:
                self.reroute()  # every route, from the boxes' new places
        if grown:
            self.setSceneRect(self.sceneRect().united(self._content_with_margin()))
        self.apply_layers()
        self._content_changed()

    # -- routing -------------------------------------------------------------------------
    @contextmanager
    def moves_batched(self) -> Iterator[None]:
        """Gather element moves inside the block and reroute once at its end."""
        self._batching += 1
        try:
            yield
        finally:
            self._batching -= 1
            if not self._batching and self._moved:
                moved, self._moved = self._moved, set()
                self._reroute_after_move(moved)

    def _element_moved(self, item: ElementItem) -> None:
        if self._batching:
            self._moved.add(item.element_id)
        else:
            self._reroute_after_move({item.element_id})

    def _reroute_after_move(self, moved: set[str]) -> None:
        """Reroute after boxes moved: everything in a small workflow or when a lane's
        header moved, else only the moved boxes' connections (the drop reroutes all)."""
        headers = {lane.role for lane in self._lanes.lanes()}
        if len(self._connections) <= FULL_REROUTE_MAX or moved & headers:
            self.reroute()
            return
        touching = {
            connection.connection_id
            for ident in moved
            if (element := self._elements.get(ident)) is not None
            for connection in element.connections
        }
        if touching:
            self.reroute(touching)

    def reroute(self, only: set[str] | None = None) -> None:
        """Route the connections (``only`` these, or all) with :func:`model.routing.plan_routes`
        from where the boxes are now, and redraw the role lanes."""
        if only is None:
            self._moved.clear()
        boxes: dict[str, Box] = {}
        kinds: dict[str, str] = {}
        for ident, element in self._elements.items():
            boxes[ident] = box_at(element.left, element.top)
            kinds[ident] = element.kind
        workflow = self.session.workflows.get(self.workflow_id)
        declared = declared_lanes(workflow.extra) if workflow is not None else []
        lanes: list[Lane] = lane_bands(declared, boxes, kinds)
        self._lanes.set_lanes(lanes)
        links = [
            Link(ident, item.source_item.element_id, item.target_item.element_id, item.meaning)
            for ident, item in self._connections.items()
        ]
        for ident, route in plan_routes(boxes, links, lanes, only).items():
            self._connections[ident].set_route(route)

    def lanes(self) -> tuple[Lane, ...]:
        """The role lanes drawn, as declared by the workflow."""
        return self._lanes.lanes()

    # -- rendering for exports -----------------------------------------------------------
    def render(
        self,
        painter: QPainter,
        target: QRectF | None = None,
        source: QRectF | None = None,
        mode: Qt.AspectRatioMode = Qt.AspectRatioMode.KeepAspectRatio,
    ) -> None:
        """Render like QGraphicsScene.render, every item drawn directly at full detail.

        Item caches, the overview layer and the grid are for the screen; an export (PNG,
        SVG, PDF) gets real paths and text on a plain background, whatever the zoom of a
        view showing this scene.
        """
        self.hide_note()
        theme = self.theme
        if theme != "light":  # an export is always on white paper
            self.set_theme("light")
        overview = self._overview
        self._set_overview(False)
        self._plain_background = True
        elements = list(self._elements.values())
        for item in elements:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        try:
            super().render(painter, target or QRectF(), source or QRectF(), mode)
        finally:
            for item in elements:
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            self._plain_background = False
            self._set_overview(overview)
            if theme != "light":
                self.set_theme(theme)

    # -- level of detail -----------------------------------------------------------------
    @property
    def overview(self) -> bool:
        """True while zoomed out so far that the overview layer draws every item."""
        return self._overview

    def set_view_scale(self, scale: float) -> None:
        """Tell the scene its view's zoom: below LOD_TEXT the overview layer takes over."""
        self._set_overview(scale < LOD_TEXT)

    def _set_overview(self, overview: bool) -> None:
        if overview == self._overview:
            return
        self._overview = overview
        flag = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        for item in (*self._elements.values(), *self._connections.values()):
            item.setFlag(flag, overview)
        self._layer.setVisible(overview)
        self._update_layer_bounds()
        self._layer.paths_changed()

    def _update_layer_bounds(self) -> None:
        # Only while shown, so that itemsBoundingRect() (used by exports) sees the items alone.
        content = self.content_rect() if self._overview else QRectF()
        self._layer.set_bounds(content.adjusted(-100, -100, 100, 100))

    # -- queries -------------------------------------------------------------------------
    def element_item(self, element_id: str) -> ElementItem | None:
        """The item of ``element_id``, or None."""
        return self._elements.get(element_id)

    def connection_item(self, connection_id: str) -> ConnectionItem | None:
        """The item of ``connection_id``, or None."""
        return self._connections.get(connection_id)

    def element_items(self) -> list[ElementItem]:
        """Every element item, in creation order."""
        return list(self._elements.values())

    def connection_items(self) -> list[ConnectionItem]:
        """Every connection item, in creation order."""
        return list(self._connections.values())

    def selected_element_ids(self) -> list[str]:
        """Ids of the selected elements, in creation order."""
        return [ident for ident, item in self._elements.items() if item.isSelected()]

    def selected_connection_ids(self) -> list[str]:
        """Ids of the selected connections, in creation order."""
        return [ident for ident, item in self._connections.items() if item.isSelected()]

    def select_ids(self, ids: Iterable[str]) -> None:
        """Select exactly these elements and/or connections (unknown ids are ignored)."""
        blocked = self.blockSignals(True)
        try:
            self.clearSelection()
            for ident in ids:
                item = self._elements.get(ident) or self._connections.get(ident)
                if item is not None:
                    item.setSelected(True)
        finally:
            self.blockSignals(blocked)
        self.selectionChanged.emit()

    def content_rect(self) -> QRectF:
        """The rectangle all elements and role lanes occupy (null when the workflow is empty)."""
        if not self._elements:
            return QRectF()
        xs = [item.left for item in self._elements.values()]
        ys = [item.top for item in self._elements.values()]
        boxes = QRectF(min(xs), min(ys), max(xs) - min(xs) + shapes.W, max(ys) - min(ys) + shapes.H)
        return boxes.united(self._lanes.boundingRect()) if self._lanes.lanes() else boxes

    def _content_with_margin(self) -> QRectF:
        content = self.content_rect()
        if content.isNull():
            content = QRectF(0, 0, shapes.W, shapes.H)
        m = SCENE_MARGIN
        return content.adjusted(-m, -m, m, m)

    # -- a sentence beside the pointer ---------------------------------------------------
    def show_note(self, text: str, scene_pos: QPointF | None = None) -> None:
        """Show ``text`` beside the pointer (or ``scene_pos``, or the selection) for a while.

        The status bar says it too (the caller's business); this is where the eyes are.
        """
        where = next(
            (p for p in (scene_pos, self.pointer, self._selection_anchor()) if p is not None),
            None,
        )
        if where is None:
            return
        if self._note is None:
            self._note = CursorNote()
            self.addItem(self._note)
        self._note.show_text(text, where)
        self._note_timer.start()

    def hide_note(self) -> None:
        """Take the note beside the pointer away (it is out of the scene while hidden, so
        exports and bounding rectangles never see it)."""
        self._note_timer.stop()
        note, self._note = self._note, None
        if note is not None and note.scene() is self:
            self.removeItem(note)

    @property
    def note_text(self) -> str:
        """The sentence shown beside the pointer ("" when none)."""
        return self._note.text if self._note is not None else ""

    def _selection_anchor(self) -> QPointF | None:
        selected = [item for item in self._elements.values() if item.isSelected()]
        if not selected:
            return None
        item = selected[-1]
        return QPointF(item.left + shapes.W / 2, item.top + shapes.H)

    # -- badges and drops ----------------------------------------------------------------
    def set_badges(self, badges: dict[str, str]) -> None:
        """Show a severity dot on these elements ({} clears every badge)."""
        self._badges = dict(badges)
        for element_id, item in self._elements.items():
            item.set_badge(self._badges.get(element_id))

    def set_dots(self, dots: dict[str, int]) -> None:
        """Show a dot badge with the votes on these elements ({} clears every badge)."""
        self._dots = {k: v for k, v in dots.items() if v}
        for element_id, item in self._elements.items():
            item.set_dots(self._dots.get(element_id, 0))

    # -- snapshot-comparison highlights --------------------------------------------------
    def set_highlights(self, highlights: dict[str, str]) -> None:
        """Ring elements by id as "added" (green) or "changed" (amber); {} clears them all.

        The rings stay through edits: an element that comes back (undo) is ringed again.
        """
        unknown = {mark for mark in highlights.values() if mark not in MARK_COLORS}
        if unknown:
            raise ValueError(f"unknown highlight {sorted(unknown)!r}: use {sorted(MARK_COLORS)}")
        self._highlights = dict(highlights)
        for element_id, item in self._elements.items():
            item.set_mark(self._highlights.get(element_id))

    def highlights(self) -> dict[str, str]:
        """The highlights last set (element id → "added" or "changed")."""
        return dict(self._highlights)

    def snapped(self, value: float) -> float:
        """``value`` on the grid when snapping is on, else rounded to a whole pixel."""
        return snap(value) if self.snap_to_grid else float(round(value))

    def drop_kind_at(self, kind: str, scene_pos: QPointF) -> None:
        """Ask for a new element of ``kind`` centred on ``scene_pos`` (top-left snapped)."""
        x = self.snapped(scene_pos.x() - shapes.W / 2)
        y = self.snapped(scene_pos.y() - shapes.H / 2)
        self.dropRequested.emit(kind, x, y)

    # -- the facilitator's frames ----------------------------------------------------------
    @property
    def show_frames(self) -> bool:
        """True while the workflow's frames (model.frames) are outlined on the canvas."""
        return self._show_frames

    @show_frames.setter
    def show_frames(self, on: bool) -> None:
        if on != self._show_frames:
            self._show_frames = on
            self.update()

    def _paint_frames(self, painter: QPainter, rect: QRectF) -> None:
        frames = custom_frames(self.session.workflows.get(self.workflow_id))
        if not frames:
            return
        painter.save()
        pen = QPen(QColor(FRAME_COLOR), 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        font = painter.font()
        font.setPixelSize(16)
        font.setBold(True)
        painter.setFont(font)
        for number, frame in enumerate(frames, start=1):
            area = QRectF(frame.x, frame.y, frame.width, frame.height)
            if not area.adjusted(0, -30, 0, 0).intersects(rect):
                continue
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(area)
            painter.setPen(QColor(FRAME_COLOR))
            painter.drawText(
                QPointF(area.left(), area.top() - 8), f"{number}. {frame.name or 'Frame'}"
            )
        painter.restore()

    # -- background ----------------------------------------------------------------------
    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        """Connection labels and RACI letters, above every box so none is hidden; the
        facilitator's frames when they are shown."""
        lod = detail_level(painter, self)
        if self._show_frames and not self._plain_background:
            self._paint_frames(painter, rect)
        if lod < LOD_TEXT and not self._plain_background:
            return
        for item in self._connections.values():
            if item.has_badges() and item.isVisible() and item.badges_rect().intersects(rect):
                painter.save()
                painter.setOpacity(item.opacity())
                item.paint_badges(painter)
                painter.restore()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        """White canvas with light grid lines at GRID spacing (thinned when zoomed out)."""
        if not self.paints_background:
            return
        painter.fillRect(rect, self._background)
        if self._plain_background:
            return
        scale = painter.worldTransform().m11()
        step = float(GRID)
        while step * scale < MIN_GRID_SCREEN_PX:
            step *= 5
            if step > GRID * 125:
                return
        left = math.floor(rect.left() / step) * step
        top = math.floor(rect.top() / step) * step
        columns = int((rect.right() - left) / step) + 1
        rows = int((rect.bottom() - top) / step) + 1
        lines = [
            QLineF(left + i * step, rect.top(), left + i * step, rect.bottom())
            for i in range(columns)
        ]
        lines += [
            QLineF(rect.left(), top + j * step, rect.right(), top + j * step) for j in range(rows)
        ]
        antialiased = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(self._grid_pen)
        painter.drawLines(lines)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)

    # -- gestures: the current interaction sees every event first ------------------------
    @property
    def interaction(self) -> Interaction | None:
        """The gesture in progress, if any."""
        return self._interaction

    def _set_interaction(self, interaction: Interaction | None) -> None:
        """Make ``interaction`` the current gesture, abandoning the one before."""
        previous, self._interaction = self._interaction, interaction
        if previous is not None and previous is not interaction:
            previous.cancel()

    def _cancel_interaction(self) -> None:
        self._set_interaction(None)

    def interaction_ended(self, interaction: Interaction) -> None:
        """``interaction`` is over: forget it when it is the current one."""
        if self._interaction is interaction:
            self._interaction = None

    def element_at(self, scene_pos: QPointF) -> ElementItem | None:
        """The topmost element item under ``scene_pos``."""
        for item in self.items(scene_pos):
            if isinstance(item, ElementItem):
                return item
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.pointer = event.scenePos()
        interaction = self._interaction
        if interaction is not None and interaction.mouse_press(event):
            event.accept()
            return
        left = event.button() == Qt.MouseButton.LeftButton
        if left and self.editor is None:
            item = self.element_at(event.scenePos())
            if item is not None and item.handle_contains(item.mapFromScene(event.scenePos())):
                self._set_interaction(ConnectInteraction(self, item, event.scenePos()))
                event.accept()
                return
        super().mousePressEvent(event)
        if left and isinstance(self.mouseGrabberItem(), ElementItem):
            self._set_interaction(MoveInteraction(self))
        elif isinstance(self._interaction, MoveInteraction):
            self._cancel_interaction()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.pointer = event.scenePos()
        if self._interaction is not None and self._interaction.mouse_move(event):
            event.accept()
            return
        with self.moves_batched():  # a drag moves every selected item: route once
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        interaction = self._interaction
        if interaction is not None and interaction.mouse_release(event):
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if interaction is not None and interaction is self._interaction:
            interaction.mouse_released(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.element_at(event.scenePos())
            if item is not None and not item.handle_contains(item.mapFromScene(event.scenePos())):
                self.begin_rename(item.element_id)
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._interaction is not None and self._interaction.key_press(event):
            event.accept()
            return
        super().keyPressEvent(event)

    @property
    def connecting(self) -> bool:
        """True while a connection is being dragged from a handle."""
        return isinstance(self._interaction, ConnectInteraction)

    @property
    def editor(self) -> LabelEditor | None:
        """The open inline label editor, if any."""
        if isinstance(self._interaction, RenameInteraction):
            return self._interaction.editor
        return None

    def begin_rename(self, element_id: str) -> None:
        """Open the inline editor over an element's label, all text selected."""
        item = self._elements.get(element_id)
        if item is None:
            return
        if isinstance(self._interaction, RenameInteraction):
            self._interaction.close(commit=True)
        self._set_interaction(RenameInteraction(self, item))
