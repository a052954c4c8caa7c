"""How a connection runs between two element boxes: line or curve, arrowhead, label anchor.

A connection leaves its source box's border toward the target (or toward the control point
of its bend), ends in an arrowhead on the target's border, and carries its label pill at the
middle of the line and its RACI letter left of the pill. The canvas and the PDF both draw
from :func:`route`, so a connection runs the same on screen and on paper.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH
from model.geometry import Box, LineTo, MoveTo, Path, Point, QuadTo

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
#: Bend (scene px) of a connection whose reverse also exists, and of a learning loop.
REVERSE_BEND = 28.0
LOOP_BEND = 60.0
#: Gap between the label pill and the RACI circle left of it.
RACI_GAP = 2.0


@dataclass(frozen=True)
class Route:
    """The drawn course of one connection, in scene px."""

    start: Point  # where the line leaves the source's border
    control: Point | None  # control point of the quadratic curve (None: a straight line)
    end: Point  # where the line stops, under the arrowhead
    tip: Point  # the arrowhead's point, on the target's border
    arrow: tuple[Point, Point, Point]  # the arrowhead triangle, tip first
    anchor: Point  # the middle of the line: where the label pill is centred

    def line(self) -> Path:
        """The line (without the arrowhead) as path commands."""
        if self.control is None:
            return (MoveTo(*self.start), LineTo(*self.end))
        return (MoveTo(*self.start), QuadTo(*self.control, *self.end))

    def control_bounds(self) -> Box:
        """A box holding the line's ends, its control point and the arrowhead."""
        points = [self.start, self.tip, *self.arrow]
        if self.control is not None:
            points.append(self.control)
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def box_center(x: float, y: float) -> Point:
    """Centre of the element box whose top-left corner is at (x, y)."""
    return (x + ELEMENT_WIDTH / 2, y + ELEMENT_HEIGHT / 2)


def border_point(
    center: Point,
    toward: Point,
    half_width: float = ELEMENT_WIDTH / 2,
    half_height: float = ELEMENT_HEIGHT / 2,
) -> Point:
    """Where the ray from a box's ``center`` toward ``toward`` leaves the box."""
    dx, dy = toward[0] - center[0], toward[1] - center[1]
    if dx == 0 and dy == 0:
        return center
    limits = []
    if dx:
        limits.append(half_width / abs(dx))
    if dy:
        limits.append(half_height / abs(dy))
    t = min(1.0, *limits)
    return (center[0] + dx * t, center[1] + dy * t)


def effective_bend(meaning: str, bend: float) -> float:
    """The bend a connection of ``meaning`` is drawn with: learning loops always curve."""
    return max(bend, LOOP_BEND) if meaning == "learning_loop" else bend


def pair_bend(meaning: str, reversed_too: bool) -> float:
    """The bend of a connection, given whether its reverse connection exists too."""
    return effective_bend(meaning, REVERSE_BEND if reversed_too else 0.0)


def route(start: Point, end: Point, bend: float = 0.0) -> Route | None:
    """The route between two box centres, curved sideways by ``bend`` px (None: no length).

    A positive bend curves to the left of the direction of travel as seen on screen.
    """
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    if length < 1.0:
        return None
    nx, ny = -dy / length, dx / length
    mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    control = (mid[0] + nx * bend, mid[1] + ny * bend)
    bent = bend != 0.0
    p0 = border_point(start, control if bent else end)
    p1 = border_point(end, control if bent else start)
    before = control if bent else p0
    ux, uy = p1[0] - before[0], p1[1] - before[1]
    ulen = math.hypot(ux, uy)
    if ulen < 1.0:
        ux, uy, ulen = dx, dy, length
    ux, uy = ux / ulen, uy / ulen
    base = (p1[0] - ux * ARROW_LENGTH, p1[1] - uy * ARROW_LENGTH)
    side = (-uy * ARROW_HALF_WIDTH, ux * ARROW_HALF_WIDTH)
    arrow = (p1, (base[0] + side[0], base[1] + side[1]), (base[0] - side[0], base[1] - side[1]))
    stop = ARROW_LENGTH * LINE_STOP
    line_end = (p1[0] - ux * stop, p1[1] - uy * stop)
    if bent:
        anchor = ((p0[0] + 2 * control[0] + p1[0]) / 4, (p0[1] + 2 * control[1] + p1[1]) / 4)
    else:
        anchor = ((p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2)
    return Route(p0, control if bent else None, line_end, p1, arrow, anchor)


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
