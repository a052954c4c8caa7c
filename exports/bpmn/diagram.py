"""The BPMN picture (DI) of the exported pools: bounds of every shape, waypoints of every edge.

Each workflow is a pool; its lanes (one per role) are horizontal bands stacked in role
order. A node keeps the canvas's horizontal place (its box centre), and within its lane
the canvas's vertical order: canvas rows (distinct ``y``) become rows of the band. Added
gateways sit just right of their element (decision, split) or just left of it (join).
Data stores and text annotations go in rows under the pool, under the element they stand
for on the canvas. Shapes have bpmn-js's standard sizes. Edges take their course from
:func:`model.routing.plan_routes` over these shapes (orthogonal, as on the canvas), their
ends moved onto the outline of each event's circle and gateway's diamond.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from exports.bpmn.plan import Node, WorkflowPlan
from model.appearance import ELEMENT_WIDTH, GRID
from model.geometry import Box, Point
from model.routing import Link, plan_routes

#: Standard sizes (those bpmn-js gives a new shape).
TASK_SIZE = (100.0, 80.0)
EVENT_SIZE = (36.0, 36.0)
GATEWAY_SIZE = (50.0, 50.0)
DATA_STORE_SIZE = (50.0, 50.0)
ANNOTATION_SIZE = (160.0, 60.0)
#: Left edge of every pool, and the label strips of pools and lanes.
POOL_X = 40.0
LABEL_STRIP = 30.0
MARGIN = 40.0
#: Height of one row of a lane, and the padding of a lane band (top plus bottom).
ROW = 120.0
BAND_PAD = 40.0
#: How far an added gateway's centre is from its element's centre.
GATEWAY_OFFSET = 90.0
#: Rows under the pool: data stores, then annotations.
DATA_ROW = 90.0
ANNOTATION_ROW = 100.0
#: Space between pools (below the previous pool's data and annotations).
POOL_GAP = 80.0
EMPTY_POOL = (600.0, 160.0)


@dataclass
class Diagram:
    """Bounds and waypoints by BPMN id."""

    shapes: dict[str, Box] = field(default_factory=dict)
    edges: dict[str, list[Point]] = field(default_factory=dict)


def size_of(node_type: str) -> tuple[float, float]:
    """The standard size of a BPMN shape type."""
    if node_type in ("startEvent", "endEvent"):
        return EVENT_SIZE
    if node_type.endswith("Gateway"):
        return GATEWAY_SIZE
    if node_type == "dataStoreReference":
        return DATA_STORE_SIZE
    if node_type == "textAnnotation":
        return ANNOTATION_SIZE
    return TASK_SIZE


def layout(plans: list[WorkflowPlan]) -> Diagram:
    """The picture of every pool, stacked top to bottom in workflow order."""
    diagram = Diagram()
    top = POOL_X
    for plan in plans:
        top = _layout_pool(plan, diagram, top) + POOL_GAP
    for plan in plans:
        _route_edges(plan, diagram)
    return diagram


def _row_key(y: float) -> int:
    return round(y / GRID)


def _layout_pool(plan: WorkflowPlan, diagram: Diagram, top: float) -> float:
    """Place one pool whose top edge is at ``top``; returns the lowest y it used."""
    centre_x = _centre_x(plan)
    bands: list[tuple[str | None, list[Node]]]
    if plan.lanes:
        bands = [(lane.id, [plan.nodes[m] for m in lane.members]) for lane in plan.lanes]
    else:
        bands = [(None, plan.flow_nodes())]
    y = top
    right = POOL_X + EMPTY_POOL[0]
    if plan.elements:
        width = max(e.x for e in plan.elements) - min(e.x for e in plan.elements)
        right = max(right, POOL_X + 2 * LABEL_STRIP + 2 * MARGIN + width + ELEMENT_WIDTH)
    lane_boxes: list[tuple[str, float, float]] = []
    for lane_id, members in bands:
        rows = sorted({_row_key(m.element.y) for m in members}) or [0]
        row_of = {key: index for index, key in enumerate(rows)}
        for node in members:
            cx = centre_x[node.element.id]
            if node.added:
                cx += -GATEWAY_OFFSET if node.added == "before" else GATEWAY_OFFSET
            cy = y + BAND_PAD / 2 + ROW / 2 + row_of[_row_key(node.element.y)] * ROW
            w, h = size_of(node.type)
            diagram.shapes[node.id] = Box(cx - w / 2, cy - h / 2, w, h)
            right = max(right, cx + w / 2 + MARGIN)
        height = BAND_PAD + len(rows) * ROW
        if lane_id is not None:
            lane_boxes.append((lane_id, y, height))
        y += height
    pool = Box(POOL_X, top, right - POOL_X, y - top)
    diagram.shapes[plan.participant_id] = pool
    for lane_id, lane_y, height in lane_boxes:
        diagram.shapes[lane_id] = Box(POOL_X + LABEL_STRIP, lane_y, pool.w - LABEL_STRIP, height)
    return _below_pool(plan, diagram, pool.bottom, centre_x)


def _centre_x(plan: WorkflowPlan) -> dict[str, float]:
    """The BPMN x of each element's centre: the canvas's, moved so the pool starts at
    :data:`POOL_X` with room for the label strips and a join gateway."""
    if not plan.elements:
        return {}
    left = min(e.x for e in plan.elements)
    start = POOL_X + 2 * LABEL_STRIP + MARGIN + ELEMENT_WIDTH / 2
    return {e.id: e.x - left + start for e in plan.elements}


def _below_pool(
    plan: WorkflowPlan, diagram: Diagram, bottom: float, centre_x: dict[str, float]
) -> float:
    """Rows of data stores, then of annotations, under the pool; the lowest y used."""
    y = bottom
    for node_type, pitch in (("dataStoreReference", DATA_ROW), ("textAnnotation", ANNOTATION_ROW)):
        members = [n for n in plan.nodes.values() if n.type == node_type]
        if not members:
            continue
        rows = sorted({_row_key(n.element.y) for n in members})
        row_of = {key: index for index, key in enumerate(rows)}
        w, h = size_of(node_type)
        for node in members:
            cx = centre_x[node.element.id]
            cy = y + MARGIN + h / 2 + row_of[_row_key(node.element.y)] * pitch
            diagram.shapes[node.id] = Box(cx - w / 2, cy - h / 2, w, h)
        y += MARGIN / 2 + len(rows) * pitch
    return y


def _route_edges(plan: WorkflowPlan, diagram: Diagram) -> None:
    """Every edge's waypoints, from :func:`model.routing.plan_routes` over the BPMN shapes."""
    links = [Link(flow.id, flow.source, flow.target, "flow") for flow in plan.flows]
    links += [
        Link(link.id, link.source, link.target, link.meaning)
        for link in (*plan.inputs, *plan.associations)
    ]
    boxes = {ident: diagram.shapes[ident] for ident in plan.nodes if ident in diagram.shapes}
    routes = plan_routes(boxes, links)
    for link in links:
        source, target = boxes[link.source], boxes[link.target]
        course = routes.get(link.id)
        if course is None:  # two shapes on one spot
            diagram.edges[link.id] = [_round(source.center), _round(target.center)]
            continue
        points = list(course.polyline())
        points[0] = _onto_outline(source, plan.nodes[link.source].type, points[0], points[1])
        points[-1] = _onto_outline(target, plan.nodes[link.target].type, points[-1], points[-2])
        diagram.edges[link.id] = [_round(point) for point in points]


def _onto_outline(box: Box, node_type: str, end: Point, neighbour: Point) -> Point:
    """``end`` (on ``box``'s bounding side) moved along its segment onto the shape's outline.

    Routes end on the sides of the bounding box; an event's circle and a gateway's diamond
    lie inside it, so the end slides inwards along its (horizontal or vertical) segment.
    """
    is_event = node_type in ("startEvent", "endEvent")
    if not (is_event or node_type.endswith("Gateway")):
        return end
    cx, cy = box.center
    rx, ry = box.w / 2, box.h / 2
    horizontal = abs(neighbour[1] - end[1]) < abs(neighbour[0] - end[0])
    if horizontal:
        offset = min(abs(end[1] - cy), ry)
        reach = rx * math.sqrt(1 - (offset / ry) ** 2) if is_event else rx * (1 - offset / ry)
        return (cx + math.copysign(reach, end[0] - cx), end[1])
    offset = min(abs(end[0] - cx), rx)
    reach = ry * math.sqrt(1 - (offset / rx) ** 2) if is_event else ry * (1 - offset / rx)
    return (end[0], cy + math.copysign(reach, end[1] - cy))


def _round(point: Point) -> Point:
    return (round(point[0], 1), round(point[1], 1))
