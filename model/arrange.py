"""Pure geometry behind the canvas's align, distribute and snap actions.

Every element box has the same size (:data:`model.appearance.ELEMENT_WIDTH` ×
:data:`model.appearance.ELEMENT_HEIGHT`), so a box is fully described by its top-left corner.
The functions take ``{element_id: (x, y)}`` and return only the elements whose position
changes, so the move edit built from the result (``model.edits.move_elements``) is minimal.
Results are not snapped to the grid: the caller decides whether to pass them through
:func:`snap`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Literal

from model.appearance import GRID

Position = tuple[float, float]
AlignEdge = Literal["left", "right", "top", "bottom", "h_center", "v_center"]
DistributeAxis = Literal["horizontal", "vertical"]

ALIGN_EDGES: tuple[str, ...] = ("left", "right", "top", "bottom", "h_center", "v_center")
DISTRIBUTE_AXES: tuple[str, ...] = ("horizontal", "vertical")


def snap(x: float, y: float, grid: float = GRID) -> Position:
    """The grid point nearest to (x, y); halves round up (10 → 20 on a 20 px grid).

    With a whole-number grid the result is whole numbers, so snapped positions stay
    tidy integers in the session file.
    """
    if grid <= 0:
        raise ValueError(f"grid must be positive, got {grid!r}")
    return (_nearest(x, grid), _nearest(y, grid))


def align(positions: Mapping[str, Position], edge: AlignEdge | str) -> dict[str, Position]:
    """Line the boxes up on one edge or centre line of the selection's bounding box.

    ``left``/``right`` align the left/right edges, ``h_center`` the horizontal centres
    (every box's centre x on the bounding box's vertical centre line); ``top``/``bottom``
    and ``v_center`` do the same vertically. Only one coordinate changes. Returns the
    elements that move, with their new top-left corners.
    """
    if edge not in ALIGN_EDGES:
        raise ValueError(f"unknown edge {edge!r}; expected one of {', '.join(ALIGN_EDGES)}")
    if not positions:
        return {}
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    target: float
    if edge in ("left", "right", "h_center"):
        target = {"left": min(xs), "right": max(xs), "h_center": (min(xs) + max(xs)) / 2}[edge]
        moved = {ident: (_tidy(target), y) for ident, (_, y) in positions.items()}
    else:
        target = {"top": min(ys), "bottom": max(ys), "v_center": (min(ys) + max(ys)) / 2}[edge]
        moved = {ident: (x, _tidy(target)) for ident, (x, _) in positions.items()}
    return _changed(positions, moved)


def distribute(
    positions: Mapping[str, Position], axis: DistributeAxis | str
) -> dict[str, Position]:
    """Space the boxes so the gaps between neighbours along ``axis`` are all equal.

    The two outermost boxes (leftmost and rightmost for ``horizontal``, topmost and
    bottommost for ``vertical``) stay put; the others are spread evenly between them in
    their current order (ties broken by id). Since all boxes have the same size, equal
    gaps means equally spaced corners. Fewer than three boxes: nothing moves. Returns the
    elements that move, with their new top-left corners.
    """
    if axis not in DISTRIBUTE_AXES:
        raise ValueError(f"unknown axis {axis!r}; expected one of {', '.join(DISTRIBUTE_AXES)}")
    if len(positions) < 3:
        return {}
    index = 0 if axis == "horizontal" else 1
    ordered = sorted(positions, key=lambda ident: (positions[ident][index], ident))
    first = positions[ordered[0]][index]
    last = positions[ordered[-1]][index]
    step = (last - first) / (len(ordered) - 1)
    moved: dict[str, Position] = {}
    for rank, ident in enumerate(ordered[1:-1], start=1):
        value = _tidy(first + rank * step)
        x, y = positions[ident]
        moved[ident] = (value, y) if index == 0 else (x, value)
    return _changed(positions, moved)


def _nearest(value: float, grid: float) -> float:
    return math.floor(value / grid + 0.5) * grid


def _tidy(value: float) -> float:
    """Whole numbers as ints (so files say 150, not 150.0); other values unchanged."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _changed(before: Mapping[str, Position], after: Mapping[str, Position]) -> dict[str, Position]:
    return {ident: pos for ident, pos in after.items() if tuple(before[ident]) != pos}
