"""Role lanes: horizontal bands of a workflow, one per role, with the role as the lane header.

A step sits in the lane of its responsible role, so that responsibility needs no line: a
``responsible`` connection from a lane's role to an element inside that lane is shown by
the lane and not drawn (:func:`model.routing.plan_routes` gives it no route).

A workflow keeps its lanes in the interchange key ``lanes`` (stored with the workflow's
other extra keys): a list of ``{"role": ROLE_ID, "height": PX}``, written by auto-layout.
A lane's band is drawn from its header: it starts :data:`LANE_PAD` px above and left of
the role element and runs ``height`` px down and to the right of the workflow's content,
so it moves with its header when the header is dragged. An element belongs to the lane
whose band holds its centre. Entries whose role is missing or not a role are ignored, so a
deleted role simply loses its lane.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from model.appearance import ELEMENT_WIDTH
from model.geometry import Box, Point
from model.validation import InvalidValue, check_coordinate, check_id

#: The workflow key holding the lanes (in the interchange form and ``Workflow.extra``).
LANES_KEY = "lanes"
#: Room between a lane's edge and its header (and the content at its right end).
LANE_PAD = 20
#: Width of the header column: the role box and the room around it.
HEADER_WIDTH = ELEMENT_WIDTH + 2 * LANE_PAD
#: Most lanes a workflow may declare (a limit on hostile files, far above any real map).
MAX_LANES = 1000


@dataclass(frozen=True)
class Lane:
    """One drawn lane: its role (the header, which shows the lane's name) and its band."""

    role: str
    band: Box

    def holds(self, point: Point) -> bool:
        """Whether ``point`` lies inside the band (top and left edges included)."""
        x, y = point
        band = self.band
        return band.x <= x < band.right and band.y <= y < band.bottom


def check_lanes(value: Any, path: str) -> list[dict[str, Any]]:
    """A workflow's ``lanes`` value: a list of ``{"role": id, "height": number > 0}``, or raise.

    Other keys of an entry are kept; the role need not exist (a deleted role's lane is
    simply not drawn).
    """
    if not isinstance(value, list) or len(value) > MAX_LANES:
        raise InvalidValue(path, f"a list of at most {MAX_LANES} lanes", value)
    for index, entry in enumerate(value):
        where = f"{path}[{index}]"
        if not isinstance(entry, dict):
            raise InvalidValue(where, 'a lane {"role": ROLE_ID, "height": PX}', entry)
        check_id(entry.get("role"), f"{where}.role")
        height = check_coordinate(entry.get("height"), f"{where}.height")
        if height <= 0:
            raise InvalidValue(f"{where}.height", "a height above 0", height)
    return value


def declared_lanes(extra: Mapping[str, Any]) -> list[tuple[str, float]]:
    """(role id, height) of every well-formed lane entry in a workflow's extra keys."""
    entries = extra.get(LANES_KEY)
    if not isinstance(entries, list):
        return []
    lanes = []
    for entry in entries[:MAX_LANES]:
        if not isinstance(entry, dict):
            continue
        role, height = entry.get("role"), entry.get("height")
        if isinstance(role, str) and _is_number(height) and height > 0:
            lanes.append((role, float(height)))
    return lanes


def lane_entries(lanes: Iterable[tuple[str, float]]) -> list[dict[str, Any]]:
    """The JSON form of lanes given as (role id, height)."""
    return [{"role": role, "height": _tidy(height)} for role, height in lanes]


def lane_bands(
    declared: Iterable[tuple[str, float]],
    boxes: Mapping[str, Box],
    kinds: Mapping[str, str],
) -> list[Lane]:
    """The lanes to draw: one per declared role that is present, in declaration order.

    Every band reaches from its header's left to the right edge of the content (the
    rightmost box plus :data:`LANE_PAD`), so all lanes end together.
    """
    present = [(r, h) for r, h in declared if r in boxes and kinds.get(r) == "role"]
    if not present:
        return []
    right = max(box.right for box in boxes.values()) + LANE_PAD
    lanes = []
    seen: set[str] = set()
    for role, height in present:
        if role in seen:
            continue
        seen.add(role)
        header = boxes[role]
        left, top = header.x - LANE_PAD, header.y - LANE_PAD
        band = Box(left, top, max(right - left, HEADER_WIDTH), height)
        lanes.append(Lane(role, band))
    return lanes


def lane_holding(lanes: Iterable[Lane], box: Box) -> Lane | None:
    """The first lane whose band holds the centre of ``box``."""
    centre = box.center
    return next((lane for lane in lanes if lane.holds(centre)), None)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _tidy(value: float) -> float:
    return int(value) if float(value).is_integer() else value
