"""Moving the selection with the keyboard: from an element to its neighbour in a direction.

Alt+Arrow on the canvas follows the connections, as Excalidraw does in flowcharts: the
neighbour is the connected element (either end, any meaning) that lies most nearly in the
arrow's direction; when none does, the nearest element in that direction, connected or
not. Pure geometry on element centres.
"""

from __future__ import annotations

import math

from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH
from model.placement import DIRECTIONS
from model.session import Element, Session

#: An element counts as "in the direction" within this angle of it (degrees).
MAX_ANGLE = 67.5


def _centre(element: Element) -> tuple[float, float]:
    return element.x + ELEMENT_WIDTH / 2, element.y + ELEMENT_HEIGHT / 2


def _cost(origin: Element, other: Element, direction: str) -> float | None:
    """How far ``other`` is from ``origin`` along ``direction`` (None: not that way).

    Distance grows with the angle away from the arrow, so a box straight ahead beats a
    nearer one off to the side.
    """
    dx, dy = DIRECTIONS[direction]
    ox, oy = _centre(origin)
    tx, ty = _centre(other)
    vx, vy = tx - ox, ty - oy
    distance = math.hypot(vx, vy)
    if distance == 0:
        return None
    cosine = (vx * dx + vy * dy) / distance
    if cosine < math.cos(math.radians(MAX_ANGLE)):
        return None
    return distance * (2 - cosine)


def neighbour(session: Session, element_id: str, direction: str) -> str | None:
    """The element to select after ``element_id`` when moving in ``direction``, or None."""
    origin = session.elements.get(element_id)
    if origin is None:
        return None
    connected = set()
    for connection in session.workflow_connections(origin.workflow_id):
        if connection.source == element_id:
            connected.add(connection.target)
        elif connection.target == element_id:
            connected.add(connection.source)
    others = [e for e in session.workflow_elements(origin.workflow_id) if e.id != element_id]
    for pool in ([e for e in others if e.id in connected], others):
        ranked = [(cost, e.seq, e.id) for e in pool if (cost := _cost(origin, e, direction))]
        if ranked:
            return min(ranked)[2]
    return None


def first_element(session: Session, workflow_id: str) -> str | None:
    """Where keyboard navigation starts with nothing selected: the first trigger, else the
    top-left element."""
    elements = session.workflow_elements(workflow_id)
    triggers = [e for e in elements if e.kind == "trigger"]
    pool = triggers or elements
    if not pool:
        return None
    return min(pool, key=lambda e: (e.y + e.x, e.seq)).id
