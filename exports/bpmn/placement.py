"""Where imported elements go on the canvas: from BPMN DI when the file has it.

A foreign file's shapes are scaled so that its typical task (100 × 80 in most tools) takes
the room of a canvas box with a gap around it: the horizontal and vertical scale are chosen
apart from each other, from the median task size. Each element's box is centred where its
shape's centre lands, the workflow is moved to start at the canvas's top-left margin, every
position is snapped to the grid, and a box that would overlap one already placed moves
down until it is clear. Roles (from lanes) stand left of the flow, each at the height of
its lane. An element of a file OpModel Studio wrote goes back exactly where it was, or
moves by as much as its shape was moved in another tool.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH, GRID
from model.arrange import snap

#: Room wanted around a scaled task (px), and the bounds of the scale.
GAP = 60.0
SCALE_MIN, SCALE_MAX = 1.0, 4.0
#: Top-left margin of an imported workflow, and the column of roles left of the flow.
LEFT, TOP = 40.0, 40.0
ROLE_COLUMN = 240.0
#: Clearance kept between boxes when resolving overlaps.
CLEARANCE = 20.0


@dataclass(frozen=True)
class Shape:
    """A DI shape: bounds and the plane (diagram) it is drawn on."""

    x: float
    y: float
    w: float
    h: float
    plane: int

    @property
    def centre(self) -> tuple[float, float]:
        """The middle of the bounds."""
        return (self.x + self.w / 2, self.y + self.h / 2)


def scales(task_shapes: list[Shape]) -> tuple[float, float]:
    """Horizontal and vertical scale for a file whose tasks have these shapes."""
    if not task_shapes:
        return (2.0, 1.75)
    width = statistics.median(s.w for s in task_shapes) or 100.0
    height = statistics.median(s.h for s in task_shapes) or 80.0

    def bounded(value: float) -> float:
        return min(SCALE_MAX, max(SCALE_MIN, value))

    return bounded((ELEMENT_WIDTH + GAP) / width), bounded((ELEMENT_HEIGHT + GAP) / height)


def main_plane(shapes: list[Shape]) -> int | None:
    """The plane most of a workflow's shapes are drawn on."""
    if not shapes:
        return None
    counts: dict[int, int] = defaultdict(int)
    for shape in shapes:
        counts[shape.plane] += 1
    return max(sorted(counts), key=lambda p: counts[p])


def scaled_corner(shape: Shape, sx: float, sy: float) -> tuple[float, float]:
    """The top-left corner of the canvas box centred where ``shape``'s centre lands."""
    cx, cy = shape.centre
    return (cx * sx - ELEMENT_WIDTH / 2, cy * sy - ELEMENT_HEIGHT / 2)


def normalise(corners: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """``corners`` moved so that the leftmost and topmost start at the margin, snapped."""
    if not corners:
        return {}
    dx = LEFT - min(x for x, _ in corners.values())
    dy = TOP - min(y for _, y in corners.values())
    return {key: snap(x + dx, y + dy) for key, (x, y) in corners.items()}


class Occupancy:
    """Placed boxes in a coarse grid of buckets, to find overlaps quickly."""

    _BUCKET = 400.0

    def __init__(self) -> None:
        self.buckets: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)

    def _keys(self, x: float, y: float) -> list[tuple[int, int]]:
        b = self._BUCKET
        x0, x1 = int((x - CLEARANCE) // b), int((x + ELEMENT_WIDTH + CLEARANCE) // b)
        y0, y1 = int((y - CLEARANCE) // b), int((y + ELEMENT_HEIGHT + CLEARANCE) // b)
        return [(i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1)]

    def blocker(self, x: float, y: float) -> tuple[float, float] | None:
        """A placed box that a box at (x, y) would come closer to than the clearance."""
        for key in self._keys(x, y):
            for ox, oy in self.buckets.get(key, ()):
                if (
                    x < ox + ELEMENT_WIDTH + CLEARANCE
                    and ox < x + ELEMENT_WIDTH + CLEARANCE
                    and y < oy + ELEMENT_HEIGHT + CLEARANCE
                    and oy < y + ELEMENT_HEIGHT + CLEARANCE
                ):
                    return (ox, oy)
        return None

    def place(self, x: float, y: float) -> tuple[float, float]:
        """Put a box at (x, y), or below it where it is clear; returns where it went."""
        for _ in range(10_000):
            blocker = self.blocker(x, y)
            if blocker is None:
                break
            y = _grid_up(blocker[1] + ELEMENT_HEIGHT + CLEARANCE)
        for key in self._keys(x, y):
            self.buckets[key].append((x, y))
        return (x, y)

    def add(self, x: float, y: float) -> None:
        """Record a box that stays where it is (overlapping or not)."""
        for key in self._keys(x, y):
            self.buckets[key].append((x, y))


def _grid_up(value: float) -> float:
    steps = -(-value // GRID)
    return steps * GRID
