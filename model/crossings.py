"""Counting crossings between drawn connections (the clutter measure of issue 11).

Two connections that share no element *cross* when their drawn routes intersect: a
point in common, touching and running along each other included. A route is a polyline
in scene coordinates (curves sampled); a connection that is not drawn as a line (a
responsibility shown by a role lane) has no route and crosses nothing. Connections that
share an element meet at it by design and are never counted.

:func:`crossing_pairs` works on plain data, so the test over the built-in templates, the
benchmark and the layout's own choice between candidate arrangements count alike; the
JSON export's ``route`` values feed it directly (:func:`routes_from_json`).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from model.geometry import Point

if TYPE_CHECKING:
    from model.routing import Route
    from model.session import Session

Polyline = Sequence[Point]
#: Side of the square cells of the spatial index (scene px).
_CELL = 200.0
#: Coordinates closer than this count as equal (scene px).
_EPSILON = 1e-6


@dataclass(frozen=True)
class DrawnConnection:
    """A connection as drawn: its two elements and its route (None: not drawn as a line)."""

    id: str
    source: str
    target: str
    route: Polyline | None


def crossing_pairs(connections: Iterable[DrawnConnection]) -> list[tuple[str, str]]:
    """Every pair of connections (ids, sorted) whose routes cross; sorted, each pair once.

    Segments are bucketed in a grid of 200 px cells, so only near segments are compared:
    about linear in the number of connections for a drawing spread over the plane.
    """
    drawn = [c for c in connections if c.route is not None and len(c.route) >= 2]
    grid: dict[tuple[int, int], list[tuple[int, Point, Point]]] = defaultdict(list)
    for index, connection in enumerate(drawn):
        assert connection.route is not None
        for a, b in itertools.pairwise(connection.route):
            for cell in _cells(a, b):
                grid[cell].append((index, a, b))
    found: set[tuple[int, int]] = set()
    for bucket in grid.values():
        for n, (i, a, b) in enumerate(bucket):
            for j, c, d in bucket[n + 1 :]:
                if i == j:
                    continue
                pair = (i, j) if i < j else (j, i)
                if pair in found or _share_element(drawn[i], drawn[j]):
                    continue
                if segments_intersect(a, b, c, d):
                    found.add(pair)
    return sorted(tuple(sorted((drawn[i].id, drawn[j].id))) for i, j in found)  # type: ignore[misc]


def count_crossings(connections: Iterable[DrawnConnection]) -> int:
    """How many pairs of connections cross (see :func:`crossing_pairs`)."""
    return len(crossing_pairs(connections))


def session_crossings(session: Session, workflow_id: str) -> list[tuple[str, str]]:
    """:func:`crossing_pairs` of one workflow of ``session`` as the canvas draws it."""
    from model.routing import session_routes

    routes = session_routes(session, workflow_id)
    return crossing_pairs(
        DrawnConnection(c.id, c.source, c.target, _line(routes.get(c.id)))
        for c in session.workflow_connections(workflow_id)
    )


def _line(route: Route | None) -> Polyline | None:
    return None if route is None else route.polyline()


def routes_from_json(workflow: Mapping[str, Any]) -> list[DrawnConnection]:
    """The drawn connections of one workflow of an exported interchange document.

    A connection with a ``route`` key uses it (``null``: not drawn); one without counts as
    the straight segment between its elements' centres (boxes of the standard size).
    """
    from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH

    centres = {
        e["id"]: (e["x"] + ELEMENT_WIDTH / 2, e["y"] + ELEMENT_HEIGHT / 2)
        for e in workflow.get("elements", [])
    }
    drawn = []
    for c in workflow.get("connections", []):
        if "route" in c:
            route = c["route"]
            line = None if route is None else [(float(x), float(y)) for x, y in route]
        else:
            line = [centres[c["source"]], centres[c["target"]]]
        drawn.append(DrawnConnection(c["id"], c["source"], c["target"], line))
    return drawn


def segments_intersect(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether the closed segments ab and cd have a point in common."""
    d1 = _orientation(c, d, a)
    d2 = _orientation(c, d, b)
    d3 = _orientation(a, b, c)
    d4 = _orientation(a, b, d)
    if ((d1 > 0 and d2 < 0) or (d1 < 0 and d2 > 0)) and (
        (d3 > 0 and d4 < 0) or (d3 < 0 and d4 > 0)
    ):
        return True
    return (
        (d1 == 0 and _within(c, d, a))
        or (d2 == 0 and _within(c, d, b))
        or (d3 == 0 and _within(a, b, c))
        or (d4 == 0 and _within(a, b, d))
    )


def _orientation(p: Point, q: Point, r: Point) -> int:
    """+1 when r lies left of p→q, -1 right of it, 0 on its line (within epsilon)."""
    value = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    scale = max(1.0, abs(q[0] - p[0]) + abs(q[1] - p[1]))
    if abs(value) <= _EPSILON * scale:
        return 0
    return 1 if value > 0 else -1


def _within(p: Point, q: Point, r: Point) -> bool:
    """Whether r, on the line through p and q, lies within the segment's bounding box."""
    return (
        min(p[0], q[0]) - _EPSILON <= r[0] <= max(p[0], q[0]) + _EPSILON
        and min(p[1], q[1]) - _EPSILON <= r[1] <= max(p[1], q[1]) + _EPSILON
    )


def _share_element(a: DrawnConnection, b: DrawnConnection) -> bool:
    return bool({a.source, a.target} & {b.source, b.target})


def _cells(a: Point, b: Point) -> list[tuple[int, int]]:
    """The grid cells the segment's bounding box covers."""
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    cols = range(int(x0 // _CELL), int(x1 // _CELL) + 1)
    rows = range(int(y0 // _CELL), int(y1 // _CELL) + 1)
    return [(col, row) for col in cols for row in rows]
