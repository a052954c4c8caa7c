"""The canvas view: zoom, pan, rubber-band selection and palette drops onto a workflow scene.

Ctrl+wheel zooms around the cursor, the plain wheel scrolls, the middle button or Space +
left button pans, and a left drag on empty canvas selects with a rubber band.

A view is *placed* once it is first on screen with its real size (:meth:`CanvasView.place`):
it shows a remembered :class:`ViewState` when that still shows some of the workflow, and
otherwise fits the workflow to the view. A fitted view stays fitted while the window and
its docks settle, until the user zooms or scrolls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmapCache,
    QResizeEvent,
    QShowEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from canvas.mime import KIND_MIME
from canvas.scene import WorkflowScene

MIN_ZOOM = 0.1
MAX_ZOOM = 4.0
#: Fit to view never magnifies beyond this (a few boxes should not fill the wall).
MAX_FIT_ZOOM = 1.5
ZOOM_STEP = 1.25
#: Blank room kept around the content by fit to view (view px).
FIT_PADDING = 40
#: Pixmap cache for the element items' device-coordinate caches (KiB), enough for 4K.
ITEM_CACHE_KB = 64 * 1024


@dataclass(frozen=True)
class ViewState:
    """Where a view looks: the scene point at its centre, its zoom, and whether it was
    fitted to the workflow (then it is fitted again rather than restored as it was)."""

    center_x: float
    center_y: float
    zoom: float
    fitted: bool = False


class CanvasView(QGraphicsView):
    """A zoomable, pannable view of one :class:`WorkflowScene`."""

    zoomChanged = Signal(float)

    def __init__(self, scene: WorkflowScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.workflow_scene = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setOptimizationFlags(
            QGraphicsView.OptimizationFlag.DontSavePainterState
            | QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing
        )
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self._zoom = 1.0
        self._space_held = False
        self._pan_button: Qt.MouseButton | None = None
        self._pan_last = QPoint()
        #: Asked for the state to show when the view is first on screen (it answers None:
        #: fit). A view without one is not placed: it opens at 100 % on the scene's centre.
        self.placement: Callable[[], ViewState | None] | None = None
        self._placed = False
        self._placing = False
        #: True while the view shows a fit the user has not changed: it follows resizes.
        self._auto_fit = False
        scene.set_view_scale(self._zoom)
        if QPixmapCache.cacheLimit() < ITEM_CACHE_KB:  # room for a full screen of boxes
            QPixmapCache.setCacheLimit(ITEM_CACHE_KB)
        scene.selectionChanged.connect(self.announce)
        self.announce()

    # -- what screen readers hear ---------------------------------------------------------
    def announce(self) -> None:
        """Name the canvas and describe the selection for screen readers.

        Canvas items are not widgets; the canvas (a focusable widget) carries the
        accessible name and description of what is selected, and tells assistive
        technology when they change, so moving the selection with Alt+Arrow is read out.
        """
        scene = self.workflow_scene
        try:
            selected = [scene.element_item(i) for i in scene.selected_element_ids()]
            connections = scene.selected_connection_ids()
        except RuntimeError:  # the scene is being torn down: its items are already gone
            return
        items = [item for item in selected if item is not None]
        if len(items) == 1 and not connections:
            name = items[0].accessible_name()
            description = items[0].accessible_description()
        elif items or connections:
            count = len(items) + len(connections)
            name = f"{count} items selected"
            description = ", ".join(item.accessible_name() for item in items[:8])
        else:
            count = len(scene.element_items())
            name = "Workflow canvas"
            description = (
                f"{count} element{'s' if count != 1 else ''}. Alt+Arrow selects the first; "
                "Ctrl+Arrow adds the next step after a selected element."
            )
        # Qt (6.8 and later) tells assistive technology itself: NameChanged and
        # DescriptionChanged go out from these setters (sending them here as well made
        # screen readers hear each change twice).
        if name != self.accessibleName():
            self.setAccessibleName(name)
        if description != self.accessibleDescription():
            self.setAccessibleDescription(description)

    def pointer_scene_pos(self) -> QPointF | None:
        """Where the pointer last was over the canvas, when that is in view (else None)."""
        pointer = self.workflow_scene.pointer
        if pointer is None:
            return None
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        return pointer if visible.contains(pointer) else None

    def paintEvent(self, event: QPaintEvent) -> None:
        """Keep the scene's level of detail in step even if the transform was set directly."""
        scale = self.transform().m11()
        if abs(scale - self._zoom) > 1e-9:  # the transform was set without set_zoom
            self._zoom = scale
            self.workflow_scene.set_view_scale(scale)
            self.zoomChanged.emit(scale)
        super().paintEvent(event)

    # -- zoom ----------------------------------------------------------------------------
    def zoom(self) -> float:
        """The current zoom factor (1 = scene pixels at screen pixels)."""
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        """Zoom to ``factor`` (clamped to 0.1..4) around the view's centre."""
        if not self._placing:
            self._auto_fit = False
        factor = min(MAX_ZOOM, max(MIN_ZOOM, float(factor)))
        if abs(factor - self.zoom()) < 1e-9:
            return
        self._zoom = factor
        self.workflow_scene.set_view_scale(factor)
        self.setTransform(QTransform.fromScale(factor, factor))
        self.zoomChanged.emit(factor)

    def zoom_in(self) -> None:
        """One step closer."""
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        """One step further away."""
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def reset_zoom(self) -> None:
        """Back to 100 %."""
        self.set_zoom(1.0)

    def fit_to_view(self) -> None:
        """Zoom and scroll so that every element is visible (never beyond 150 %).

        The view then stays fitted when it is resized, until the user zooms or scrolls.
        """
        content = self.workflow_scene.content_rect()
        self._placing = True
        try:
            if content.isNull():
                self.set_zoom(1.0)
                self.centerOn(0.0, 0.0)
            else:
                viewport = self.viewport().rect()
                width = max(1, viewport.width() - 2 * FIT_PADDING)
                height = max(1, viewport.height() - 2 * FIT_PADDING)
                factor = min(width / content.width(), height / content.height(), MAX_FIT_ZOOM)
                self.set_zoom(factor)
                self.centerOn(content.center())
        finally:
            self._placing = False
        self._auto_fit = True

    # -- placing: the first look at a workflow -------------------------------------------
    @property
    def placed(self) -> bool:
        """True once the view has been placed on screen (restored or fitted)."""
        return self._placed

    def visible_rect(self) -> QRectF:
        """The scene area the viewport shows."""
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def view_state(self) -> ViewState:
        """Where the view looks now."""
        centre = self.mapToScene(self.viewport().rect().center())
        return ViewState(centre.x(), centre.y(), self.zoom(), self._auto_fit)

    def place(self, state: ViewState | None) -> None:
        """Show ``state`` when it shows some of the workflow; otherwise fit the workflow."""
        self._placed = True
        if state is not None and not state.fitted and MIN_ZOOM <= state.zoom <= MAX_ZOOM:
            self._placing = True
            try:
                self.set_zoom(state.zoom)
                self.centerOn(state.center_x, state.center_y)
            finally:
                self._placing = False
            self._auto_fit = False
            content = self.workflow_scene.content_rect()
            if content.isNull() or self.visible_rect().intersects(content):
                return
        self.fit_to_view()

    def _place_when_shown(self) -> None:
        """Place the view the first time it is on screen with a real size."""
        if self._placed or self.placement is None or not self.isVisible():
            return
        viewport = self.viewport()
        if viewport.width() < 2 * FIT_PADDING or viewport.height() < 2 * FIT_PADDING:
            return
        self.place(self.placement())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._place_when_shown()

    def resizeEvent(self, event: QResizeEvent) -> None:
        placing, self._placing = self._placing, True  # Qt's own scroll keeps the centre
        try:
            super().resizeEvent(event)
        finally:
            self._placing = placing
        if not self._placed:
            self._place_when_shown()
        elif self._auto_fit:
            self.fit_to_view()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if not self._placing:
            self._auto_fit = False

    def zoom_at(self, factor: float, view_pos: QPointF) -> None:
        """Zoom to ``factor`` keeping the scene point under ``view_pos`` where it is."""
        anchor = self.mapToScene(view_pos.toPoint())
        self.set_zoom(factor)
        moved = self.mapFromScene(anchor) - view_pos.toPoint()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.zoom_at(self.zoom() * ZOOM_STEP**steps, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    # -- panning -------------------------------------------------------------------------
    def _starts_pan(self, event: QMouseEvent) -> bool:
        button = event.button()
        return button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton and self._space_held
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._pan_button is None and self._starts_pan(event):
            self._pan_button = event.button()
            self._pan_last = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_button is not None:
            position = event.position().toPoint()
            delta = position - self._pan_last
            self._pan_last = position
            horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
            horizontal.setValue(horizontal.value() - delta.x())
            vertical.setValue(vertical.value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_button is not None:
            if event.button() == self._pan_button:
                self._pan_button = None
                self._restore_cursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def _restore_cursor(self) -> None:
        if self._space_held:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.viewport().unsetCursor()

    def _typing(self) -> bool:
        return self.workflow_scene.editor is not None or self.workflow_scene.focusItem() is not None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not self._typing():
            if not event.isAutoRepeat():
                self._space_held = True
                if self._pan_button is None:
                    self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self._space_held:
            if not event.isAutoRepeat():
                self._space_held = False
                if self._pan_button is None:
                    self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self._space_held:
            self._space_held = False
            if self._pan_button is None:
                self.viewport().unsetCursor()
        super().focusOutEvent(event)

    # -- palette drops -------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(KIND_MIME):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(KIND_MIME):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if not mime.hasFormat(KIND_MIME):
            super().dropEvent(event)
            return
        kind = bytes(mime.data(KIND_MIME).data()).decode("utf-8").strip()
        event.acceptProposedAction()
        self.workflow_scene.drop_kind_at(kind, self.mapToScene(event.position().toPoint()))
