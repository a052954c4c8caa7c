"""How connections run between element boxes: orthogonal routes, arrowheads, label anchors.

One function, :func:`plan_routes`, routes every connection of a workflow at once; the
canvas, the PDF, the JSON export (each connection's ``route``) and the BPMN export's edge
waypoints all draw from it, so a connection runs the same everywhere. :func:`session_routes`
is the same for a workflow of a session.

The routes, designed with the layout (:mod:`model.layout`) to read on a wall:

* **Flow** leaves its source's right side and enters its target's left side: a straight
  line between boxes of one row, otherwise a step through the gap between the columns.
  A flow that runs backwards (a loop) goes round below (or above) both boxes.
* **Everything else** (feeds, governs, measures, responsible) runs vertically, from the
  side of the source that faces the target to the target's facing side (top or bottom),
  straight when the boxes line up, else with one horizontal jog close to the target; boxes
  side by side are joined side to side. A **learning loop** goes round below the workflow
  (or above it) and enters its trigger from the left.
* Where several connections meet one side of a box, their ends are spread along it,
  ordered by where they come from, so arrows never land on one point.
* A route that would pass through another box tries the next shape (a jog near the source,
  a detour through the gap beside a column, round above or below) and keeps the first one
  that is clear, or else the one through the fewest boxes.
* A **responsibility shown by a role lane** (its target sits in its role's lane,
  :mod:`model.lanes`) is not drawn: its route is ``None``.

Every route is a polyline of horizontal and vertical segments, so the JSON export carries
exactly what is drawn. The line stops under the arrowhead; the label pill sits at the
middle of the route's length and the RACI letter left of the pill.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH
from model.connections import connection_meaning
from model.geometry import Box, LineTo, MoveTo, Path, Point
from model.lanes import Lane, declared_lanes, lane_bands

if TYPE_CHECKING:
    from model.session import Session

#: The arrowhead: length along the line and half its width across, in scene px.
ARROW_LENGTH = 13.0
ARROW_HALF_WIDTH = 6.5
#: The line stops this share of the arrowhead's length before the tip (under the head).
LINE_STOP = 0.6
#: Radius of the circle carrying a RACI letter.
RACI_RADIUS = 11.0
#: Connection labels and RACI letters are at least 14 px so they read on a wall.
CONNECTION_LABEL_PX = 14
#: Longest label pill text (px); longer labels are elided.
LABEL_MAX_WIDTH = 220.0
#: Room around the label text inside its pill (total, horizontal and vertical).
LABEL_PAD_X = 18.0
LABEL_PAD_Y = 6.0
#: Gap between the label pill and the RACI circle left of it.
RACI_GAP = 2.0
#: How far a route runs straight out of (and into) a box before it turns (scene px).
STUB = 20.0
#: Distance of a jog from a box side into the gap between columns (the middle of the 40 px gap).
GAP_OFFSET = 20.0
#: Distance of a route round below or above boxes from their edge (inside a lane's padding).
ROUND_OFFSET = 10.0
#: Distance of a detour beside a column from its boxes (nearer than the flow's jogs).
DETOUR_OFFSET = 10.0
#: Ends on one side of a box keep this far from its corners and from each other.
PORT_MARGIN = 20.0
PORT_SPACING = 16.0

Side = Literal["left", "right", "top", "bottom"]
#: Meanings drawn left to right, from the source's right side into the target's left side.
HORIZONTAL_MEANINGS = frozenset({"flow"})


@dataclass(frozen=True)
class Link:
    """A connection to route: its id, its two elements and its meaning."""

    id: str
    source: str
    target: str
    meaning: str


@dataclass(frozen=True)
class Route:
    """The drawn course of one connection, in scene px."""

    points: tuple[Point, ...]  # from the source's border to where the line stops
    tip: Point  # the arrowhead's point, on the target's border
    arrow: tuple[Point, Point, Point]  # the arrowhead triangle, tip first
    anchor: Point  # the middle of the route: where the label pill is centred

    @property
    def start(self) -> Point:
        """Where the line leaves the source's border."""
        return self.points[0]

    @property
    def end(self) -> Point:
        """Where the line stops, under the arrowhead."""
        return self.points[-1]

    def line(self) -> Path:
        """The line (without the arrowhead) as path commands."""
        first, *rest = self.points
        return (MoveTo(*first), *(LineTo(*p) for p in rest))

    def polyline(self) -> tuple[Point, ...]:
        """The whole route from the source's border to the arrow's tip."""
        return (*self.points[:-1], self.tip)

    def control_bounds(self) -> Box:
        """A box holding the whole line and the arrowhead."""
        points = [*self.points, self.tip, *self.arrow]
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def box_at(x: float, y: float) -> Box:
    """The element box whose top-left corner is at (x, y)."""
    return Box(float(x), float(y), float(ELEMENT_WIDTH), float(ELEMENT_HEIGHT))


# -- routing a workflow ------------------------------------------------------------------


def session_routes(session: Session, workflow_id: str) -> dict[str, Route | None]:
    """:func:`plan_routes` for every connection of one workflow of ``session``."""
    elements = {e.id: e for e in session.workflow_elements(workflow_id)}
    boxes = {ident: box_at(e.x, e.y) for ident, e in elements.items()}
    kinds = {ident: e.kind for ident, e in elements.items()}
    links = [
        Link(c.id, c.source, c.target, connection_meaning(kinds[c.source], kinds[c.target]) or "")
        for c in session.workflow_connections(workflow_id)
        if c.source in boxes and c.target in boxes
    ]
    workflow = session.workflows.get(workflow_id)
    declared = declared_lanes(workflow.extra) if workflow is not None else []
    return plan_routes(boxes, links, lane_bands(declared, boxes, kinds))


def plan_routes(
    boxes: Mapping[str, Box],
    links: Iterable[Link],
    lanes: Sequence[Lane] = (),
    only: Collection[str] | None = None,
) -> dict[str, Route | None]:
    """The route of every link whose two boxes are given (see the module doc).

    ``None`` for a responsibility shown by a role lane and for two boxes on one spot.
    Deterministic: the same boxes and links give the same routes in any order. With
    ``only``, just those links are routed (still spread among all ends on their sides):
    the canvas's quick update while boxes are dragged.
    """
    by_role = {lane.role: lane for lane in lanes}
    routes: dict[str, Route | None] = {}
    ends: list[_Ends] = []
    for link in sorted(links, key=lambda item: item.id):
        source, target = boxes.get(link.source), boxes.get(link.target)
        if source is None or target is None:
            continue
        lane = by_role.get(link.source) if link.meaning == "responsible" else None
        if (lane is not None and lane.holds(target.center)) or _coincide(source, target):
            if only is None or link.id in only:
                routes[link.id] = None
            continue
        ends.append(_Ends(link, source, target, *_sides(link.meaning, source, target)))
    wanted = ends if only is None else [end for end in ends if end.link.id in only]
    if not wanted:
        return routes
    ports = _Ports(ends, None if only is None else wanted)
    obstacles = _Obstacles(boxes)
    for end in wanted:
        start, finish = ports.of(end)
        routes[end.link.id] = _finish(_choose(end, start, finish, obstacles))
    return routes


@dataclass(frozen=True)
class _Ends:
    """A link with its boxes and the sides it leaves and enters by."""

    link: Link
    source: Box
    target: Box
    source_side: Side
    target_side: Side


def _coincide(a: Box, b: Box) -> bool:
    (ax, ay), (bx, by) = a.center, b.center
    return abs(ax - bx) < 1.0 and abs(ay - by) < 1.0


def _sides(meaning: str, source: Box, target: Box) -> tuple[Side, Side]:
    if meaning in HORIZONTAL_MEANINGS:
        return "right", "left"
    if meaning == "learning_loop":
        return ("bottom" if source.center[1] >= target.center[1] else "top"), "left"
    if source.bottom + 2 * STUB <= target.y:
        return "bottom", "top"
    if target.bottom + 2 * STUB <= source.y:
        return "top", "bottom"
    if source.center[0] <= target.center[0]:
        return "right", "left"
    return "left", "right"


# -- ports: where ends sit along a side -----------------------------------------------------


class _Ports:
    """The point of every link end, spread along its box side in order of the other end."""

    def __init__(self, ends: list[_Ends], needed: list[_Ends] | None = None) -> None:
        """Ports for ``needed`` ends (all by default), spread among all ``ends``."""
        sides = None
        if needed is not None:
            sides = {(e.link.source, e.source_side) for e in needed}
            sides |= {(e.link.target, e.target_side) for e in needed}
        groups: dict[tuple[str, Side], list[tuple[float, float, str, bool]]] = defaultdict(list)
        boxes: dict[str, Box] = {}
        for end in ends:
            link = end.link
            for ident, here, side, there, is_source in (
                (link.source, end.source, end.source_side, end.target, True),
                (link.target, end.target, end.target_side, end.source, False),
            ):
                if sides is not None and (ident, side) not in sides:
                    continue
                boxes[ident] = here
                along = 0 if side in ("top", "bottom") else 1
                wanted = there.center[along]
                # Of two ends wanting one spot, the farther one goes first: its detour
                # round a box in between comes from the left and must not cross the other.
                farther = -abs(there.center[1 - along] - here.center[1 - along])
                groups[(ident, side)].append((wanted, farther, link.id, is_source))
        self._points: dict[tuple[str, bool], Point] = {}
        for (element, side), members in groups.items():
            box = boxes[element]
            members.sort()
            for (_, _, ident, is_source), point in zip(
                members, _spread(box, side, [m[0] for m in members]), strict=True
            ):
                self._points[(ident, is_source)] = point

    def of(self, end: _Ends) -> tuple[Point, Point]:
        """The start and end points of a link."""
        ident = end.link.id
        return self._points[(ident, True)], self._points[(ident, False)]


def _spread(box: Box, side: Side, wanted: list[float]) -> list[Point]:
    """Points on one side of ``box``, each near its wanted coordinate, kept apart."""
    horizontal = side in ("top", "bottom")
    low, high = (box.x, box.right) if horizontal else (box.y, box.bottom)
    low, high = low + PORT_MARGIN, high - PORT_MARGIN
    count = len(wanted)
    spacing = min(PORT_SPACING, (high - low) / (count - 1)) if count > 1 else 0.0
    values = [min(high, max(low, w)) for w in wanted]
    for i in range(1, count):  # push right/down to keep the spacing
        values[i] = max(values[i], values[i - 1] + spacing)
    if count and values[-1] > high:  # then back inside from the far end
        values[-1] = high
        for i in range(count - 2, -1, -1):
            values[i] = min(values[i], values[i + 1] - spacing)
    fixed = {"top": box.y, "bottom": box.bottom, "left": box.x, "right": box.right}[side]
    return [(v, fixed) if horizontal else (fixed, v) for v in values]


# -- choosing a course ------------------------------------------------------------------------


class _Obstacles:
    """The boxes, indexed in a coarse grid to find those a segment passes through."""

    CELL = 240.0

    def __init__(self, boxes: Mapping[str, Box]) -> None:
        #: cell -> (id, left, top, right, bottom) of the boxes reaching into it, shrunk
        #: by 1 px so that a route along a box's edge does not pass through it
        self._grid: dict[tuple[int, int], list[tuple[str, float, float, float, float]]] = (
            defaultdict(list)
        )
        for ident, box in boxes.items():
            entry = (ident, box.x + 1, box.y + 1, box.right - 1, box.bottom - 1)
            for cell in self._cells(box.x, box.y, box.right, box.bottom):
                self._grid[cell].append(entry)

    def _cells(self, x0: float, y0: float, x1: float, y1: float) -> Iterable[tuple[int, int]]:
        c = self.CELL
        for col in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            for row in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                yield (col, row)

    def hits(self, points: Sequence[Point], own: tuple[str, str]) -> int:
        """How many boxes other than the ``own`` ones the polyline passes through."""
        hit: set[str] = set()
        grid = self._grid
        for a, b in itertools.pairwise(points):
            x0, x1 = (a[0], b[0]) if a[0] <= b[0] else (b[0], a[0])
            y0, y1 = (a[1], b[1]) if a[1] <= b[1] else (b[1], a[1])
            for cell in self._cells(x0, y0, x1, y1):
                for ident, left, top, right, bottom in grid.get(cell, ()):
                    if x0 < right and x1 > left and y0 < bottom and y1 > top:
                        hit.add(ident)
        return len(hit - set(own))


def _choose(end: _Ends, start: Point, finish: Point, obstacles: _Obstacles) -> list[Point]:
    """The first clear candidate course, else the one through the fewest boxes."""
    own = (end.link.source, end.link.target)
    best: list[Point] | None = None
    best_hits = 0
    for candidate in _candidates(end, start, finish):
        hits = obstacles.hits(candidate, own)
        if hits == 0:
            return candidate
        if best is None or hits < best_hits:
            best, best_hits = candidate, hits
    assert best is not None
    return best


def _candidates(end: _Ends, s: Point, t: Point) -> Iterable[list[Point]]:
    if end.link.meaning == "learning_loop":
        yield from _loop_candidates(end, s, t)
    elif end.source_side in ("left", "right"):
        yield from _sideways_candidates(end, s, t)
    else:
        yield from _vertical_candidates(end, s, t)


def _vertical_candidates(end: _Ends, s: Point, t: Point) -> Iterable[list[Point]]:
    """From a top or bottom side to the facing side of a box above or below."""
    down = 1.0 if end.source_side == "bottom" else -1.0
    if abs(s[0] - t[0]) < 0.5:
        yield [s, (t[0], t[1])]
    near_target = t[1] - down * STUB
    near_source = s[1] + down * STUB
    for y in (near_target, near_source):
        yield [s, (s[0], y), (t[0], y), t]
    for box in (end.target, end.source):
        for x in (box.x - DETOUR_OFFSET, box.right + DETOUR_OFFSET):
            yield [
                s,
                (s[0], near_source),
                (x, near_source),
                (x, near_target),
                (t[0], near_target),
                t,
            ]


def _sideways_candidates(end: _Ends, s: Point, t: Point) -> Iterable[list[Point]]:
    """From a left or right side to the facing side of another box."""
    out = 1.0 if end.source_side == "right" else -1.0
    forwards = (t[0] - s[0]) * out >= 2 * STUB
    if forwards:
        if abs(s[1] - t[1]) < 0.5:
            yield [s, t]
        for x in (t[0] - out * GAP_OFFSET, s[0] + out * GAP_OFFSET):
            yield [s, (x, s[1]), (x, t[1]), t]
    x_out, x_in = s[0] + out * STUB, t[0] - out * STUB
    below = max(end.source.bottom, end.target.bottom) + ROUND_OFFSET
    above = min(end.source.y, end.target.y) - ROUND_OFFSET
    for y in (below, above):
        yield [s, (x_out, s[1]), (x_out, y), (x_in, y), (x_in, t[1]), t]


def _loop_candidates(end: _Ends, s: Point, t: Point) -> Iterable[list[Point]]:
    """A learning loop: out of the metric, round below (or above), into the trigger's left."""
    down = 1.0 if end.source_side == "bottom" else -1.0
    x_in = t[0] - GAP_OFFSET
    edge = (
        max(end.source.bottom, end.target.bottom) if down > 0 else min(end.source.y, end.target.y)
    )
    for step in range(0, 12):
        y = (edge + down * (ROUND_OFFSET + step * 40.0)) if step else s[1] + down * ROUND_OFFSET
        yield [s, (s[0], y), (x_in, y), (x_in, t[1]), t]


# -- the finished route ---------------------------------------------------------------------------


def route_along(points: Sequence[Point]) -> Route:
    """The route along a course of horizontal and vertical segments laid out elsewhere
    (the slides' turn from one row into the next), from a point on the source's side to
    the tip on the target's: finished as :func:`plan_routes` finishes its own."""
    return _finish(list(points))


def _finish(points: list[Point]) -> Route:
    """The route for a course: merged segments, the line stopped under the arrowhead."""
    course = _simplified(points)
    tip = course[-1]
    before = course[-2]
    ux, uy = tip[0] - before[0], tip[1] - before[1]
    length = math.hypot(ux, uy) or 1.0
    ux, uy = ux / length, uy / length
    base = (tip[0] - ux * ARROW_LENGTH, tip[1] - uy * ARROW_LENGTH)
    side = (-uy * ARROW_HALF_WIDTH, ux * ARROW_HALF_WIDTH)
    arrow = (tip, (base[0] + side[0], base[1] + side[1]), (base[0] - side[0], base[1] - side[1]))
    stop = min(ARROW_LENGTH * LINE_STOP, length)
    line_end = (tip[0] - ux * stop, tip[1] - uy * stop)
    return Route((*course[:-1], line_end), tip, arrow, _middle(course))


def _simplified(points: list[Point]) -> list[Point]:
    """Without repeated points and without corners that are not corners."""
    out: list[Point] = []
    for p in points:
        if out and abs(p[0] - out[-1][0]) < 1e-9 and abs(p[1] - out[-1][1]) < 1e-9:
            continue
        if len(out) >= 2 and _collinear(out[-2], out[-1], p):
            out[-1] = p
        else:
            out.append(p)
    if len(out) < 2:
        out = [points[0], points[-1]]
    return out


def _collinear(a: Point, b: Point, c: Point) -> bool:
    cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    forward = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1])
    return abs(cross) < 1e-6 and forward >= 0


def _middle(points: Sequence[Point]) -> Point:
    """The point halfway along the polyline."""
    lengths = [math.dist(a, b) for a, b in itertools.pairwise(points)]
    remaining = sum(lengths) / 2
    for (a, b), length in zip(itertools.pairwise(points), lengths, strict=True):
        if remaining <= length and length > 0:
            t = remaining / length
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        remaining -= length
    return points[-1]


# -- labels and RACI letters ----------------------------------------------------------------------


def label_box(anchor: Point, text_width: float, text_height: float) -> Box:
    """The label pill for text of this size, centred on the route's ``anchor``."""
    width = text_width + LABEL_PAD_X
    height = text_height + LABEL_PAD_Y
    return Box(anchor[0] - width / 2, anchor[1] - height / 2, width, height)


def raci_center(anchor: Point, label: Box | None) -> Point:
    """Centre of the RACI circle: left of the label pill, or on the anchor without one."""
    if label is None:
        return anchor
    return (label.x - RACI_RADIUS - RACI_GAP, anchor[1])


def raci_box(center: Point) -> Box:
    """The square around the RACI circle at ``center``."""
    r = RACI_RADIUS
    return Box(center[0] - r, center[1] - r, 2 * r, 2 * r)
