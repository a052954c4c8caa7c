"""Where a new element goes: a free spot near a point, or next to an element in a direction.

Pure geometry on element boxes (top-left corners, :data:`~model.appearance.ELEMENT_WIDTH`
× :data:`~model.appearance.ELEMENT_HEIGHT`), so a sticky note made with N never lands on
top of an element, and Ctrl+Arrow's next step lands beside the selection without covering
anything. Every spot returned is on the grid.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH, GRID
from model.arrange import snap as snap_point
from model.session import Session

#: Free room kept between a new box and the boxes around it.
GAP = GRID
#: How far the next step goes from its element: one layout column, or one layout row.
STEP_X = 240
STEP_Y = 140
#: Arrow directions as unit steps (x right, y down).
DIRECTIONS: dict[str, tuple[int, int]] = {
    "right": (1, 0),
    "left": (-1, 0),
    "down": (0, 1),
    "up": (0, -1),
}
#: Rings of grid cells searched around a point before giving up (then the point is used).
MAX_RINGS = 60

Box = tuple[float, float]


def snap(value: float) -> float:
    """``value`` on the grid, a whole number (halves up, as :func:`model.arrange.snap`)."""
    return snap_point(value, 0)[0]


def is_free(x: float, y: float, boxes: Iterable[Box], gap: float = GAP) -> bool:
    """True when a box at (x, y) keeps ``gap`` clear of every box in ``boxes``."""
    for bx, by in boxes:
        if (
            x < bx + ELEMENT_WIDTH + gap
            and bx < x + ELEMENT_WIDTH + gap
            and y < by + ELEMENT_HEIGHT + gap
            and by < y + ELEMENT_HEIGHT + gap
        ):
            return False
    return True


def workflow_boxes(session: Session, workflow_id: str) -> list[Box]:
    """The top-left corners of the elements of one workflow."""
    return [(e.x, e.y) for e in session.workflow_elements(workflow_id)]


def free_spot_near(x: float, y: float, boxes: Iterable[Box]) -> tuple[float, float]:
    """The free grid spot for a new box nearest to top-left (x, y).

    Spots are searched ring by ring around (x, y), nearest first; when everything within
    :data:`MAX_RINGS` grid cells is taken, (x, y) itself (snapped) is returned.
    """
    taken = list(boxes)
    x0, y0 = snap(x), snap(y)
    if is_free(x0, y0, taken):
        return x0, y0
    for ring in range(1, MAX_RINGS + 1):
        cells = [
            (x0 + i * GRID, y0 + j * GRID)
            for i in range(-ring, ring + 1)
            for j in range(-ring, ring + 1)
            if max(abs(i), abs(j)) == ring
        ]
        cells.sort(key=lambda c: (math.hypot(c[0] - x, c[1] - y), c[1], c[0]))
        for cx, cy in cells:
            if is_free(cx, cy, taken):
                return cx, cy
    return x0, y0


def next_spot(
    origin: Box, direction: str, boxes: Iterable[Box], *, limit: int = 12
) -> tuple[float, float]:
    """Where the next step after the box at ``origin`` goes in ``direction``.

    One column (or row) away; when that is taken, the nearest free spot beside it across
    the direction (below or above for right/left, right or left for up/down), then one
    column further along, and so on.
    """
    dx, dy = DIRECTIONS[direction]
    taken = list(boxes)
    ox, oy = origin
    along = STEP_X if dx else STEP_Y
    across_step = STEP_Y if dx else STEP_X
    for k in range(1, limit + 1):
        base_x, base_y = ox + dx * along * k, oy + dy * along * k
        for j in (0, 1, -1, 2, -2):
            x = base_x + (0 if dx else j * across_step)
            y = base_y + (j * across_step if dx else 0)
            if is_free(snap(x), snap(y), taken):
                return snap(x), snap(y)
    return free_spot_near(ox + dx * along, oy + dy * along, taken)
