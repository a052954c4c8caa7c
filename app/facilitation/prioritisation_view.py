"""The use-case prioritisation view: every workflow on a value × feasibility matrix.

Each rated workflow is a bubble in its cell (area grows with its dots, colour shows its
status); workflows not rated yet wait in a tray beside the matrix. Dragging a bubble to
another cell — or from the tray onto the matrix — is one
:func:`model.edits.edit_workflow` edit (value and feasibility) pushed through the
:class:`~app.editor.undo.UndoBridge`; dropping a bubble on the tray clears its rating. The view
listens to the document, so votes, undo and edits made elsewhere move the bubbles at once.

The matrix, its quadrants and its axes are painted as the scene background; the only
items are the bubbles and their name labels, kept one per workflow.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from app.editor.undo import UndoBridge
from app.operations import EditOp, RefusalNotice, refusal_label
from model.appearance import KIND_STYLES, canvas_colors
from model.edits import Edit, edit_workflow
from model.session import Session, Workflow
from model.vocabulary import WORKFLOW_STATUSES, humanize
from model.voting import (
    RatingSummary,
    is_hidden,
    progress,
    shown_rating_summaries,
    shown_tallies,
)
from storage.document import EditAction

#: Ratings run from 1 to 5 on both axes.
SCALE = 5
#: One cell of the matrix, in scene pixels.
CELL = 100.0
#: Height of the bands above and below the cells that carry the quadrant titles.
BAND = 30.0
#: The 5 × 5 cells (value 5 on top, feasibility 5 on the right).
CELLS = QRectF(92.0, 8.0 + BAND, SCALE * CELL, SCALE * CELL)
#: The shaded matrix: the cells and the two title bands.
MATRIX = CELLS.adjusted(0.0, -BAND, 0.0, BAND)
TRAY = QRectF(MATRIX.right() + 28.0, MATRIX.top(), 220.0, MATRIX.height())
SCENE_RECT = QRectF(0.0, 0.0, TRAY.right() + 8.0, MATRIX.bottom() + 64.0)
#: Where the first row of the tray starts (below its title).
TRAY_TOP = TRAY.top() + 64.0
#: Bubble radius for a workflow without dots, and the largest a bubble grows.
MIN_RADIUS = 14.0
MAX_RADIUS = 38.0
#: Largest radius in the tray, so that its rows stay apart.
TRAY_RADIUS = 22.0
TRAY_ROW = 56.0
#: Area one dot adds while few dots are placed (the largest bubble caps it).
DOT_AREA = 150.0
#: How far bubbles sharing a cell are pushed apart from its centre.
FAN_DISTANCE = 24.0
#: Widest name label on the matrix and in the tray.
LABEL_WIDTH = 140.0
TRAY_LABEL_WIDTH = TRAY.width() - 2 * TRAY_RADIUS - 36.0
LABEL_PX = 15
TEXT_PX = 16

#: Bubble colour per workflow status (accents of the element palette).
STATUS_COLORS: dict[str, str] = {
    "exploring": KIND_STYLES["trigger"].accent,
    "pilot": KIND_STYLES["role"].accent,
    "scaling": KIND_STYLES["data"].accent,
}
INK = "#111827"
MUTED_INK = "#374151"
#: Quadrants: (title, high value?, high feasibility?, fill).
QUADRANTS: tuple[tuple[str, bool, bool, str], ...] = (
    ("Quick wins", True, True, KIND_STYLES["data"].fill),
    ("Strategic bets", True, False, KIND_STYLES["trigger"].fill),
    ("Fill-ins", False, True, KIND_STYLES["note"].fill),
    ("Deprioritise", False, False, KIND_STYLES["step"].fill),
)

# Stacking: smaller bubbles above larger ones, names above every bubble, and whatever is
# hovered or dragged above everything.
_LABEL_Z = 5.0
_HOVER_Z = 10.0
_DRAG_Z = 20.0


def cell_centre(value: float, feasibility: float) -> QPointF:
    """Scene point at the centre of the cell (value, feasibility); high value on top
    (fractional ratings fall between the cells' centres)."""
    return QPointF(
        CELLS.left() + (feasibility - 0.5) * CELL,
        CELLS.top() + (SCALE - value + 0.5) * CELL,
    )


def average_point(summary: RatingSummary) -> QPointF:
    """Scene point of the room's average rating (between cells when it is not whole)."""
    return cell_centre(summary.value, summary.feasibility)


def cell_at(point: QPointF) -> tuple[int, int] | None:
    """The (value, feasibility) cell under ``point`` (the title bands count as the
    nearest row), or None outside the matrix."""
    if not MATRIX.contains(point):
        return None
    column = int((point.x() - CELLS.left()) // CELL)
    row = int((point.y() - CELLS.top()) // CELL)
    column = min(SCALE - 1, max(0, column))
    row = min(SCALE - 1, max(0, row))
    return SCALE - row, column + 1


def is_rated(workflow: Workflow) -> bool:
    """True when the workflow has both a value and a feasibility."""
    return workflow.value is not None and workflow.feasibility is not None


def bubble_radius(votes: int, most_votes: int) -> float:
    """Radius whose area above the minimum grows in proportion to ``votes``.

    Each dot adds :data:`DOT_AREA` until the most-voted workflow would pass
    :data:`MAX_RADIUS`; then every bubble is scaled so that one just reaches it.
    """
    spare = MAX_RADIUS**2 - MIN_RADIUS**2
    per_dot = min(DOT_AREA, spare / most_votes) if most_votes > 0 else DOT_AREA
    return math.sqrt(MIN_RADIUS**2 + max(0, votes) * per_dot)


def fan_offsets(count: int) -> list[QPointF]:
    """Offsets from a cell's centre for ``count`` bubbles sharing it, so none hides another."""
    if count <= 1:
        return [QPointF(0.0, 0.0)] * count
    start = -3 * math.pi / 4 if count == 2 else -math.pi / 2  # two: top-left, bottom-right
    return [
        QPointF(
            FAN_DISTANCE * math.cos(start + 2 * math.pi * i / count),
            FAN_DISTANCE * math.sin(start + 2 * math.pi * i / count),
        )
        for i in range(count)
    ]


def wrap_name(name: str, metrics: QFontMetricsF, width: float, max_lines: int = 2) -> list[str]:
    """``name`` in at most ``max_lines`` lines of ``width``; the last one elided if need be."""
    lines: list[str] = []
    words = name.split()
    while words and len(lines) < max_lines:
        if len(lines) == max_lines - 1:
            rest = " ".join(words)
            lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
            break
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width))
    return lines or [""]


def quadrant_title_rects() -> list[tuple[str, QRectF, Qt.AlignmentFlag]]:
    """Each quadrant title with the band area it is drawn in and its alignment."""
    metrics = QFontMetricsF(_font(TEXT_PX + 1, True))
    placed = []
    for title, high_value, high_feasibility, _fill in QUADRANTS:
        width = metrics.horizontalAdvance(title) + 8
        top = MATRIX.top() if high_value else CELLS.bottom()
        left = MATRIX.right() - 10 - width if high_feasibility else MATRIX.left() + 10
        align = Qt.AlignmentFlag.AlignRight if high_feasibility else Qt.AlignmentFlag.AlignLeft
        placed.append((title, QRectF(left, top, width, BAND), align))
    return placed


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _overlap(a: QRectF, b: QRectF) -> float:
    both = a.intersected(b)
    return max(0.0, both.width()) * max(0.0, both.height())


def tray_step(count: int) -> float:
    """Height of one row of the tray when ``count`` workflows wait in it."""
    return min(TRAY_ROW, (TRAY.bottom() - TRAY_TOP - 8) / max(1, count))


def clamp_into_cells(centre: QPointF, radius: float) -> QPointF:
    """``centre`` moved just enough that the whole bubble lies on the cells."""
    return QPointF(
        min(max(centre.x(), CELLS.left() + radius), CELLS.right() - radius),
        min(max(centre.y(), CELLS.top() + radius), CELLS.bottom() - radius),
    )


def _gap(rect: QRectF, centre: QPointF, radius: float) -> float:
    """Distance from ``rect`` to the edge of the disc at ``centre``."""
    dx = max(rect.left() - centre.x(), 0.0, centre.x() - rect.right())
    dy = max(rect.top() - centre.y(), 0.0, centre.y() - rect.bottom())
    return max(0.0, math.hypot(dx, dy) - radius)


#: Directions a name may sit in from its bubble, most preferred first (below, above,
#: right, left, then the diagonals), and how far out it may be pushed.
_DIRECTIONS = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))
_LABEL_GAPS = (3.0, 26.0, 52.0)


def label_candidates(radius: float, size: QSizeF) -> list[QPointF]:
    """Top-left offsets (from the bubble's centre) where a name of ``size`` may go."""
    w, h = size.width(), size.height()
    offsets = []
    for gap in _LABEL_GAPS:
        for dx, dy in _DIRECTIONS:
            reach = (radius + gap) / (math.sqrt(2) if dx and dy else 1.0)
            centre_x = dx * reach + dx * w / 2
            centre_y = dy * reach + dy * h / 2
            offsets.append(QPointF(centre_x - w / 2, centre_y - h / 2))
    return offsets


def label_cost(
    rect: QRectF,
    labels: list[QRectF],
    titles: list[QRectF],
    own: tuple[QPointF, float],
    others: list[tuple[QPointF, float]],
) -> float:
    """How badly a name at ``rect`` reads: covering another name (worst), a quadrant
    title or leaving the matrix, covering other bubbles (less), or sitting far from its
    own bubble."""
    outside = rect.width() * rect.height() - _overlap(rect, MATRIX)
    cost = 4.0 * sum(_overlap(rect, other) for other in labels)
    cost += 2.0 * sum(_overlap(rect, title) for title in titles) + 3.0 * outside
    for centre, radius in others:
        disc = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
        cost += 0.4 * _overlap(rect, disc)
    return cost + 20.0 * _gap(rect, *own)


class NameLabel(QGraphicsItem):
    """A workflow's name in a light box, drawn above every bubble; dragging it drags its
    bubble."""

    PADDING = 4.0

    def __init__(self, bubble: BubbleItem) -> None:
        super().__init__()
        self.bubble = bubble
        self.lines: list[str] = [""]
        self.centred = True
        self._size = QSizeF(0, 0)
        self.setZValue(_LABEL_Z)
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def set_name(self, name: str, width: float, *, centred: bool, max_lines: int = 2) -> None:
        """Wrap ``name`` into at most ``max_lines`` lines of ``width``."""
        self.prepareGeometryChange()
        metrics = QFontMetricsF(_font(LABEL_PX, True))
        self.lines = wrap_name(name, metrics, width, max_lines)
        self.centred = centred
        text_width = max(metrics.horizontalAdvance(line) for line in self.lines)
        self._size = QSizeF(
            math.ceil(text_width) + 2 * self.PADDING,
            len(self.lines) * metrics.lineSpacing() + 2 * self.PADDING,
        )
        self.update()

    def size(self) -> QSizeF:
        """Width and height of the label box."""
        return self._size

    def boundingRect(self) -> QRectF:
        """The label box (its top-left corner is the item's position)."""
        return QRectF(QPointF(0, 0), self._size)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """A near-white rounded box with the name in dark bold text."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(self.boundingRect(), 4, 4)
        font = _font(LABEL_PX, True)
        painter.setFont(font)
        painter.setPen(QColor(INK))
        line_height = QFontMetricsF(font).lineSpacing()
        align = Qt.AlignmentFlag.AlignHCenter if self.centred else Qt.AlignmentFlag.AlignLeft
        for index, line in enumerate(self.lines):
            row = QRectF(
                self.PADDING,
                self.PADDING + index * line_height,
                self._size.width() - 2 * self.PADDING,
                line_height,
            )
            painter.drawText(row, int(align | Qt.AlignmentFlag.AlignVCenter), line)

    # -- a label drags its bubble --------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """Pick the bubble up by its name."""
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        self.bubble.pick_up()
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """Move the bubble with the pointer."""
        self.bubble.setPos(self.bubble.pos() + event.scenePos() - event.lastScenePos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """Put the bubble down."""
        self.bubble.put_down()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """Open the workflow."""
        self.bubble.activate()
        event.accept()


class BubbleItem(QGraphicsItem):
    """One workflow: a circle sized by its dots and coloured by its status.

    The item's position is the bubble's centre; its :class:`NameLabel` follows it. It can
    be dragged; when it is put down it tells the :class:`PrioritisationScene`, which snaps
    it back into place and asks for the new rating.
    """

    def __init__(self, workflow_id: str) -> None:
        super().__init__()
        self.workflow_id = workflow_id
        self.status = ""
        self.votes = 0
        self.radius = MIN_RADIUS
        self.label = NameLabel(self)
        #: Where the label sits relative to the bubble's centre.
        self.label_offset = QPointF(0, 0)
        #: Draw a line to the name when it sits further out (not in the tray's list).
        self.leader_allowed = True
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges, True)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def update_from(
        self,
        workflow: Workflow,
        radius: float,
        votes: int | None = None,
        summary: RatingSummary | None = None,
    ) -> None:
        """Show ``workflow``'s status and dots (``votes``: the dots the room may see) at
        ``radius``; ``summary``: the room's revealed ratings of it."""
        self.prepareGeometryChange()
        self.status = workflow.status
        self.votes = workflow.votes if votes is None else votes
        self.radius = radius
        self.setZValue(self._resting_z())
        name = workflow.name or "Untitled"
        dots = f"{self.votes} dot{'' if self.votes == 1 else 's'}"
        rating = (
            f"value {workflow.value}, feasibility {workflow.feasibility}"
            if is_rated(workflow)
            else "not rated yet"
        )
        if summary is not None:
            rating += "\n" + describe_summary(summary)
        tip = f"{name}\n{humanize(self.status)} · {dots} · {rating}\n"
        tip += "Drag to rate · double-click to open"
        self.setToolTip(tip)
        self.label.setToolTip(tip)
        self.update()

    def _resting_z(self) -> float:
        return 1.0 - self.radius / 1000.0

    def place_label(self, offset: QPointF) -> None:
        """Put the name at ``offset`` from the bubble's centre (it follows from then on)."""
        self.prepareGeometryChange()
        self.label_offset = offset
        self.label.setPos(self.pos() + offset)

    def leader(self) -> tuple[QPointF, QPointF] | None:
        """A line from the bubble's edge to its name when the name is not right beside it."""
        if not self.leader_allowed:
            return None
        rect = QRectF(self.label_offset, self.label.size())
        nearest = QPointF(
            min(max(0.0, rect.left()), rect.right()), min(max(0.0, rect.top()), rect.bottom())
        )
        distance = math.hypot(nearest.x(), nearest.y())
        if distance - self.radius < 10.0:
            return None
        edge = nearest * (self.radius / distance)
        return edge, nearest

    # -- geometry and painting ---------------------------------------------------------
    def circle(self) -> QRectF:
        """The bubble, in item coordinates."""
        r = self.radius
        return QRectF(-r, -r, 2 * r, 2 * r)

    def boundingRect(self) -> QRectF:
        """The bubble, with room for its outline, and the line to its name."""
        rect = self.circle().adjusted(-2, -2, 2, 2)
        line = self.leader()
        if line is not None:
            rect = rect.united(QRectF(line[0], line[1]).normalized().adjusted(-2, -2, 2, 2))
        return rect

    def shape(self) -> QPainterPath:
        """The disc: only it can be grabbed."""
        path = QPainterPath()
        path.addEllipse(self.circle())
        return path

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """A disc in the status colour, dark outline, the dot count inside in white, and
        a thin line to the name when it had to sit further out."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = self.leader()
        if line is not None:
            painter.setPen(QPen(QColor(INK), 1.5))
            painter.drawLine(*line)
        painter.setPen(QPen(QColor(INK), 2.0))
        painter.setBrush(QBrush(QColor(STATUS_COLORS.get(self.status, MUTED_INK))))
        painter.drawEllipse(self.circle())
        if self.votes:
            painter.setFont(_font(LABEL_PX + 1, True))
            painter.setPen(QColor("#FFFFFF"))
            painter.drawText(self.circle(), Qt.AlignmentFlag.AlignCenter, str(self.votes))

    # -- interaction -------------------------------------------------------------------
    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        """Keep the name beside the bubble while it moves."""
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self.label.setPos(self.pos() + self.label_offset)
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        """Bring a hovered bubble and its name to the front."""
        self.setZValue(_HOVER_Z)
        self.label.setZValue(_HOVER_Z + 1)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        """Back to the normal stacking."""
        self.setZValue(self._resting_z())
        self.label.setZValue(_LABEL_Z)
        super().hoverLeaveEvent(event)

    def pick_up(self) -> None:
        """Start a drag: the bubble and its name go on top."""
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        self.setZValue(_DRAG_Z)
        self.label.setZValue(_DRAG_Z + 1)

    def put_down(self) -> None:
        """End a drag: the scene snaps the bubble and asks for the new rating."""
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setZValue(self._resting_z())
        self.label.setZValue(_LABEL_Z)
        scene = self.scene()
        if isinstance(scene, PrioritisationScene):
            scene.bubble_dropped(self)

    def activate(self) -> None:
        """Ask for the workflow to be opened."""
        scene = self.scene()
        if isinstance(scene, PrioritisationScene):
            scene.workflowActivated.emit(self.workflow_id)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """Pick the bubble up."""
        if event.button() == Qt.MouseButton.LeftButton:
            self.pick_up()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """Put it down."""
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.put_down()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        """Open the workflow."""
        self.activate()
        event.accept()


class PrioritisationScene(QGraphicsScene):
    """The matrix backdrop, the tray and one :class:`BubbleItem` per workflow."""

    #: A bubble was dropped on a new cell: (workflow id, value, feasibility); None, None
    #: when a rated one was dropped on the tray (rating cleared).
    ratingRequested = Signal(str, object, object)
    #: A bubble was double-clicked.
    workflowActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSceneRect(SCENE_RECT)
        self.bubbles: dict[str, BubbleItem] = {}
        self._ratings: dict[str, tuple[int | None, int | None]] = {}
        #: The revealed rating summaries of the session shown (workflow id → summary).
        self.summaries: dict[str, RatingSummary] = {}
        #: Workflows shown at the room's average (they keep the rating it rounds to).
        self._averages: dict[str, RatingSummary] = {}
        self._order: list[str] = []
        self._titles = quadrant_title_rects()
        #: The paper: background, grid and the ink of the axes (light or dark canvas).
        self.colors = canvas_colors("light")

    def bubble(self, workflow_id: str) -> BubbleItem | None:
        """The bubble of ``workflow_id``."""
        return self.bubbles.get(workflow_id)

    def rating(self, workflow_id: str) -> tuple[int | None, int | None]:
        """The (value, feasibility) the bubble of ``workflow_id`` shows."""
        return self._ratings.get(workflow_id, (None, None))

    # -- keeping in step with the session ----------------------------------------------
    def show_session(self, session: Session) -> None:
        """Add, update or remove bubbles so they show ``session``'s workflows.

        Dots of an open private round are not shown; revealed ratings place a bubble at
        the room's average (while the workflow keeps that rating) with its spread.
        """
        workflows = session.ordered_workflows()
        shown = shown_tallies(session)
        self.summaries = shown_rating_summaries(session)
        most = max((shown[w.id] for w in workflows), default=0)
        for workflow_id in [i for i in self.bubbles if i not in session.workflows]:
            self._remove_bubble(workflow_id)
        step = tray_step(sum(1 for w in workflows if not is_rated(w)))
        tray_radius = min(TRAY_RADIUS, step / 2 - 3)
        tray_lines = 2 if step >= 48 else 1
        for workflow in workflows:
            item = self.bubbles.get(workflow.id)
            if item is None:
                item = BubbleItem(workflow.id)
                self.bubbles[workflow.id] = item
                self.addItem(item)
                self.addItem(item.label)
            rated = is_rated(workflow)
            radius = bubble_radius(shown[workflow.id], most)
            summary = self.summaries.get(workflow.id)
            item.update_from(
                workflow,
                radius if rated else min(radius, tray_radius),
                shown[workflow.id],
                summary,
            )
            item.label.set_name(
                workflow.name or "Untitled",
                LABEL_WIDTH if rated else TRAY_LABEL_WIDTH,
                centred=rated,
                max_lines=2 if rated else tray_lines,
            )
            self._ratings[workflow.id] = (workflow.value, workflow.feasibility)
            at_average = summary is not None and summary.rounded() == (
                workflow.value,
                workflow.feasibility,
            )
            if at_average and summary is not None:
                self._averages[workflow.id] = summary
            else:
                self._averages.pop(workflow.id, None)
        self._order = [w.id for w in workflows]
        self.relayout()

    def _remove_bubble(self, workflow_id: str) -> None:
        item = self.bubbles.pop(workflow_id)
        self._ratings.pop(workflow_id, None)
        self._averages.pop(workflow_id, None)
        self.removeItem(item.label)
        self.removeItem(item)

    def relayout(self) -> None:
        """Put every bubble where its rating says, then place the names."""
        cells: dict[tuple[int, int], list[BubbleItem]] = {}
        unrated: list[BubbleItem] = []
        rated: list[BubbleItem] = []
        for workflow_id in self._order:
            value, feasibility = self._ratings.get(workflow_id, (None, None))
            average = self._averages.get(workflow_id)
            item = self.bubbles[workflow_id]
            if average is not None:  # the room's exact average, not a cell's centre
                item.setPos(clamp_into_cells(average_point(average), item.radius))
                rated.append(item)
            elif value is None or feasibility is None:
                unrated.append(item)
            else:
                cells.setdefault((value, feasibility), []).append(item)
        for (value, feasibility), group in cells.items():
            centre = cell_centre(value, feasibility)
            for item, offset in zip(group, fan_offsets(len(group)), strict=True):
                item.setPos(clamp_into_cells(centre + offset, item.radius))
            rated.extend(group)
        step = tray_step(len(unrated))
        for index, item in enumerate(unrated):
            item.setPos(TRAY.left() + 14 + TRAY_RADIUS, TRAY_TOP + step * (index + 0.5))
            size = item.label.size()
            item.leader_allowed = False
            item.place_label(QPointF(TRAY_RADIUS + 8, -size.height() / 2))
        self._place_names(rated)

    def _place_names(self, rated: list[BubbleItem]) -> None:
        """Put each name where it covers the fewest other names, titles and bubbles."""
        titles = [rect for _title, rect, _align in self._titles]
        placed: list[QRectF] = []
        discs = {item.workflow_id: (item.pos(), item.radius) for item in rated}

        def crowding(item: BubbleItem) -> int:
            return sum(
                1 for centre, _r in discs.values() if (centre - item.pos()).manhattanLength() < CELL
            )

        # the most crowded bubbles choose first, while there is still room around them
        for item in sorted(rated, key=lambda i: (-crowding(i), i.pos().y(), i.pos().x())):
            size = item.label.size()
            candidates = label_candidates(item.radius, size)
            own = discs[item.workflow_id]
            others = [d for i, d in discs.items() if i != item.workflow_id]
            scores = [
                label_cost(QRectF(item.pos() + offset, size), placed, titles, own, others) + index
                for index, offset in enumerate(candidates)
            ]
            best = candidates[scores.index(min(scores))]
            item.leader_allowed = True
            item.place_label(best)
            placed.append(QRectF(item.pos() + best, size))

    def bubble_dropped(self, item: BubbleItem) -> None:
        """Snap ``item`` back into place; ask for the rating if it was dropped elsewhere."""
        centre = item.scenePos()
        cell = cell_at(centre)
        before = self.rating(item.workflow_id)
        if cell is not None and cell != before:
            self.ratingRequested.emit(item.workflow_id, cell[0], cell[1])
        elif cell is None and TRAY.contains(centre) and None not in before:
            self.ratingRequested.emit(item.workflow_id, None, None)
        self.relayout()

    def clear_bubbles(self) -> None:
        """Remove every bubble and name (before the scene goes)."""
        for workflow_id in list(self.bubbles):
            self._remove_bubble(workflow_id)
        self._order.clear()

    # -- the backdrop ------------------------------------------------------------------
    def set_theme(self, theme: str) -> None:
        """Draw on the ``theme`` canvas's paper (the quadrants keep their light fills)."""
        self.colors = canvas_colors(theme)
        self.invalidate(self.sceneRect(), QGraphicsScene.SceneLayer.BackgroundLayer)
        self.update()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        """Quadrants, grid, axes with ticks, and the tray."""
        painter.fillRect(rect, QColor(self.colors.background))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._draw_quadrants(painter)
        self._draw_grid(painter)
        self._draw_spreads(painter)
        self._draw_axes(painter)
        self._draw_tray(painter)

    def _draw_quadrants(self, painter: QPainter) -> None:
        half_w, half_h = MATRIX.width() / 2, MATRIX.height() / 2
        for _title, high_value, high_feasibility, fill in QUADRANTS:
            left = MATRIX.left() + (half_w if high_feasibility else 0)
            top = MATRIX.top() + (0 if high_value else half_h)
            painter.fillRect(QRectF(left, top, half_w, half_h), QColor(fill))
        painter.setFont(_font(TEXT_PX + 1, True))
        painter.setPen(QColor(MUTED_INK))
        for title, area, align in self._titles:
            painter.drawText(area, int(align | Qt.AlignmentFlag.AlignVCenter), title)

    def _draw_grid(self, painter: QPainter) -> None:
        painter.setPen(QPen(QColor(canvas_colors("light").grid), 1.0))  # on the light cells
        for i in range(1, SCALE):
            x = CELLS.left() + i * CELL
            painter.drawLine(QPointF(x, CELLS.top()), QPointF(x, CELLS.bottom()))
        for i in range(SCALE + 1):
            y = CELLS.top() + i * CELL
            painter.drawLine(QPointF(CELLS.left(), y), QPointF(CELLS.right(), y))
        painter.setPen(QPen(QColor(MUTED_INK), 1.5, Qt.PenStyle.DashLine))
        centre = MATRIX.center()
        painter.drawLine(QPointF(centre.x(), MATRIX.top()), QPointF(centre.x(), MATRIX.bottom()))
        painter.drawLine(QPointF(MATRIX.left(), centre.y()), QPointF(MATRIX.right(), centre.y()))
        painter.setPen(QPen(QColor(self.colors.ink), 2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(MATRIX)

    def _draw_spreads(self, painter: QPainter) -> None:
        """For each workflow shown at the room's average: bars from the lowest to the
        highest rating on each axis, with end caps."""
        for workflow_id, summary in self._averages.items():
            item = self.bubbles.get(workflow_id)
            if item is None:
                continue
            centre = item.pos()
            colour = QColor(STATUS_COLORS.get(item.status, MUTED_INK))
            painter.setPen(QPen(colour, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            low_f, high_f = summary.feasibility_range
            low_v, high_v = summary.value_range
            x0 = cell_centre(1, low_f).x()
            x1 = cell_centre(1, high_f).x()
            y0 = cell_centre(low_v, 1).y()
            y1 = cell_centre(high_v, 1).y()
            cap = 7.0
            if x1 > x0:
                painter.drawLine(QPointF(x0, centre.y()), QPointF(x1, centre.y()))
                for x in (x0, x1):
                    painter.drawLine(QPointF(x, centre.y() - cap), QPointF(x, centre.y() + cap))
            if y0 > y1:
                painter.drawLine(QPointF(centre.x(), y0), QPointF(centre.x(), y1))
                for y in (y0, y1):
                    painter.drawLine(QPointF(centre.x() - cap, y), QPointF(centre.x() + cap, y))

    def spreads(self) -> dict[str, RatingSummary]:
        """The workflows drawn at the room's average with their spread (for tests)."""
        return dict(self._averages)

    def _draw_axes(self, painter: QPainter) -> None:
        painter.setPen(QColor(self.colors.ink))
        painter.setFont(_font(TEXT_PX, True))
        for rating in range(1, SCALE + 1):
            centre = cell_centre(rating, rating)
            painter.drawText(
                QRectF(centre.x() - 20, MATRIX.bottom() + 4, 40, 24),
                Qt.AlignmentFlag.AlignCenter,
                str(rating),
            )
            painter.drawText(
                QRectF(MATRIX.left() - 34, centre.y() - 12, 26, 24),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(rating),
            )
        painter.setFont(_font(TEXT_PX + 1, True))
        painter.drawText(
            QRectF(MATRIX.left(), MATRIX.bottom() + 30, MATRIX.width(), 28),
            Qt.AlignmentFlag.AlignCenter,
            "Feasibility  →",
        )
        painter.save()
        painter.translate(MATRIX.left() - 62, CELLS.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-CELLS.height() / 2, -14, CELLS.height(), 28),
            Qt.AlignmentFlag.AlignCenter,
            "Value  →",
        )
        painter.restore()

    def _draw_tray(self, painter: QPainter) -> None:
        painter.setPen(QPen(QColor(MUTED_INK), 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(KIND_STYLES["control"].fill))
        painter.drawRoundedRect(TRAY, 8, 8)
        painter.setPen(QColor(INK))
        painter.setFont(_font(TEXT_PX + 1, True))
        top_left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        painter.drawText(TRAY.adjusted(14, 10, -12, 0), top_left, "Not rated yet")
        painter.setFont(_font(LABEL_PX - 1))
        painter.setPen(QColor(MUTED_INK))
        painter.drawText(TRAY.adjusted(14, 34, -12, 0), top_left, "Drag onto the matrix")


def describe_summary(summary: RatingSummary) -> str:
    """The room's ratings in words: averages, lowest–highest and how many rated."""
    lo_v, hi_v = summary.value_range
    lo_f, hi_f = summary.feasibility_range
    people = f"{summary.count} rating{'s' if summary.count != 1 else ''}"
    return (
        f"Room average: value {summary.value:.1f} ({lo_v}–{hi_v}), "
        f"feasibility {summary.feasibility:.1f} ({lo_f}–{hi_f}) · {people}"
    )


def legend_html() -> str:
    """Status colours and what a bubble's size means, as rich text that wraps by entry."""
    entries = [
        f"<span style='color:{STATUS_COLORS[status]}; font-size:20px;'>●</span>"
        f"&nbsp;{humanize(status)}"
        for status in WORKFLOW_STATUSES
    ]
    return "&nbsp;&nbsp; ".join([*entries, "Bubble&nbsp;size&nbsp;=&nbsp;dots"])


class RoundProgress(QWidget):
    """What the room sees while a private round is open: progress, never the entries."""

    def __init__(self, after: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roundProgress")
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 22px; font-weight: 700;")
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count.setStyleSheet("font-size: 44px; font-weight: 800;")
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(260)
        self.bar.setMaximumWidth(520)
        self.bar.setMinimumHeight(18)
        self.after = QLabel(after)
        self.after.setWordWrap(True)
        self.after.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.after.setStyleSheet("font-size: 16px;")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.count)
        layout.addWidget(self.bar, 1, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.after)
        layout.addStretch(2)

    def show_progress(self, title: str, done: int, total: int) -> None:
        """Show "``done`` of ``total`` done" under ``title``."""
        self.title.setText(title)
        self.count.setText(f"{done} of {total} done")
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        self.setAccessibleName(f"{title}: {done} of {total} done")


class MatrixView(QGraphicsView):
    """Shows the whole matrix and tray, scaled to fit the widget."""

    def __init__(self, scene: PrioritisationScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the whole matrix in view."""
        super().resizeEvent(event)
        self.fitInView(SCENE_RECT, Qt.AspectRatioMode.KeepAspectRatio)


class PrioritisationView(QWidget):
    """Value × feasibility matrix of all workflows; drag to rate, dots as bubble size."""

    #: A workflow's bubble was double-clicked (the window opens its tab).
    workflowActivated = Signal(str)

    def __init__(self, bridge: UndoBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.scene = PrioritisationScene(self)
        self.view = MatrixView(self.scene)
        self.scene.ratingRequested.connect(self._rate)
        self.scene.workflowActivated.connect(self.workflowActivated)
        self.message = refusal_label()
        self.refusals = RefusalNotice.in_label(self.message)

        title = QLabel("Use-case prioritisation")
        title.setStyleSheet("font-size: 18px; font-weight: 700;")
        self.legend = QLabel(legend_html())
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.legend.setStyleSheet("font-size: 15px;")
        header = QHBoxLayout()
        header.setSpacing(14)
        header.addWidget(title)
        header.addWidget(self.legend, 1)

        self.round_page = RoundProgress("The matrix shows the room's averages after Reveal.")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.view)
        self.pages.addWidget(self.round_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)

        bridge.document.subscribe(self._on_edit)
        self.refresh()

    @property
    def session(self) -> Session:
        """The open session."""
        return self.bridge.document.session

    def set_theme(self, theme: str) -> None:
        """Draw the matrix on the ``theme`` canvas's paper."""
        self.scene.set_theme(theme)
        self.view.resetCachedContent()

    def refresh(self) -> None:
        """Show the session's workflows as they are now; during a private rating round,
        only the round's progress."""
        session = self.session
        if is_hidden(session, "ratings"):
            done, total = progress(session)
            self.round_page.show_progress("Private rating round", done, total)
            self.pages.setCurrentWidget(self.round_page)
            self.scene.show_session(session)
            return
        self.pages.setCurrentWidget(self.view)
        self.scene.show_session(session)
        spread = " &nbsp;&nbsp; Bars&nbsp;=&nbsp;spread of the room's ratings"
        self.legend.setText(legend_html() + (spread if self.scene.spreads() else ""))

    def is_showing_progress(self) -> bool:
        """True while only a private round's progress is shown."""
        return self.pages.currentWidget() is self.round_page

    def _on_edit(self, _edit: Edit, _action: EditAction) -> None:
        self.refresh()

    def _rate(self, workflow_id: str, value: int | None, feasibility: int | None) -> None:
        session = self.session
        EditOp(
            self.bridge,
            lambda: edit_workflow(session, workflow_id, value=value, feasibility=feasibility),
        ).run(self.refusals)

    def dispose(self) -> None:
        """Stop listening and delete the scene's items (before the QApplication goes)."""
        self.bridge.document.unsubscribe(self._on_edit)
        self.view.setScene(None)
        self.scene.clear_bubbles()
        self.scene.clear()
