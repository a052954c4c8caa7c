"""Connection routes (model.routing): orthogonal, side to side, round boxes, hidden by lanes."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model import routing
from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH
from model.geometry import Box, LineTo, MoveTo
from model.lanes import Lane
from model.routing import Link, Route, box_at, plan_routes

W, H = float(ELEMENT_WIDTH), float(ELEMENT_HEIGHT)


def _route(boxes: dict[str, Box], *links: Link, lanes: tuple[Lane, ...] = ()) -> Route:
    routes = plan_routes(boxes, links, lanes)
    route = routes[links[0].id]
    assert route is not None
    return route


def _orthogonal(points: tuple[tuple[float, float], ...]) -> bool:
    return all(a[0] == b[0] or a[1] == b[1] for a, b in itertools.pairwise(points))


def _on_border(point: tuple[float, float], box: Box) -> bool:
    x, y = point
    inside_x = box.x <= x <= box.right
    inside_y = box.y <= y <= box.bottom
    return (inside_y and x in (box.x, box.right)) or (inside_x and y in (box.y, box.bottom))


def _passes_through(points: tuple[tuple[float, float], ...], box: Box) -> bool:
    for a, b in itertools.pairwise(points):
        x0, x1 = sorted((a[0], b[0]))
        y0, y1 = sorted((a[1], b[1]))
        if x0 < box.right and x1 > box.x and y0 < box.bottom and y1 > box.y:
            return True
    return False


def test_flow_between_boxes_of_one_row_is_a_straight_arrow() -> None:
    boxes = {"a": box_at(0, 0), "b": box_at(400, 0)}
    course = _route(boxes, Link("c", "a", "b", "flow"))
    assert course.start == (W, H / 2)  # the source's right side, at mid height
    assert course.tip == (400.0, H / 2)  # the target's left side
    assert course.end == pytest.approx((400 - routing.ARROW_LENGTH * routing.LINE_STOP, H / 2))
    tip, left, right = course.arrow
    assert tip == course.tip
    assert left[0] == right[0] == pytest.approx(400 - routing.ARROW_LENGTH)
    assert abs(left[1] - right[1]) == pytest.approx(2 * routing.ARROW_HALF_WIDTH)
    assert course.anchor == pytest.approx(((W + 400) / 2, H / 2))
    assert course.line() == (MoveTo(*course.start), LineTo(*course.end))
    assert course.polyline() == (course.start, course.tip)
    bounds = course.control_bounds()
    assert bounds.x == W and bounds.right == 400.0


def test_flow_to_another_row_steps_down_in_the_gap_between_columns() -> None:
    boxes = {"a": box_at(0, 0), "b": box_at(220, 300)}
    course = _route(boxes, Link("c", "a", "b", "flow"))
    points = course.polyline()
    assert _orthogonal(points) and len(points) == 4
    assert points[0][0] == W and points[-1][0] == 220.0  # right side out, left side in
    assert W < points[1][0] < 220.0  # the step is in the gap
    assert points[1][0] == points[2][0]


def test_a_flow_running_backwards_goes_round_below_both_boxes() -> None:
    boxes = {"a": box_at(400, 0), "b": box_at(0, 0)}
    course = _route(boxes, Link("back", "a", "b", "flow"))
    points = course.polyline()
    assert _orthogonal(points)
    assert points[0][0] == 400 + W and points[-1][0] == 0.0
    assert max(y for _, y in points) > H  # below the boxes
    assert not any(_passes_through(points, box) for box in boxes.values())


def test_data_under_its_step_feeds_it_straight_up() -> None:
    boxes = {"step": box_at(0, 0), "data": box_at(0, 200)}
    course = _route(boxes, Link("f", "data", "step", "feeds"))
    assert course.polyline() == ((W / 2, 200.0), (W / 2, H))


def test_an_offset_attachment_jogs_once_near_its_target() -> None:
    boxes = {"step": box_at(0, 0), "metric": box_at(440, 300)}
    points = _route(boxes, Link("m", "metric", "step", "measures")).polyline()
    assert _orthogonal(points) and len(points) == 4
    assert points[0][1] == 300.0 and points[-1][1] == H  # top side out, bottom side in
    assert points[1][1] == points[2][1] == H + routing.STUB


def test_a_route_goes_round_a_box_in_its_way() -> None:
    boxes = {"step": box_at(0, 0), "data": box_at(0, 140), "control": box_at(0, 280)}
    points = _route(boxes, Link("g", "control", "step", "governs")).polyline()
    assert _orthogonal(points)
    assert not _passes_through(points, boxes["data"])
    assert _on_border(points[0], boxes["control"]) and _on_border(points[-1], boxes["step"])


def test_ends_on_one_side_are_spread_in_the_order_of_where_they_come_from() -> None:
    boxes = {
        "step": box_at(220, 0),
        "left": box_at(0, 300),
        "under": box_at(220, 300),
        "right": box_at(440, 300),
    }
    links = [Link(f"c-{name}", name, "step", "feeds") for name in ("left", "under", "right")]
    routes = plan_routes(boxes, links)
    tips = []
    for link in links:
        course = routes[link.id]
        assert course is not None and _on_border(course.tip, boxes["step"])
        tips.append(course.tip[0])
    assert tips == sorted(tips)
    assert min(b - a for a, b in itertools.pairwise(tips)) >= routing.PORT_SPACING


def test_a_responsibility_inside_its_role_lane_is_not_drawn() -> None:
    boxes = {"role": box_at(40, 20), "step": box_at(500, 20), "away": box_at(500, 400)}
    lane = Lane("role", Box(20, 0, 700, 120))
    inside = Link("r1", "role", "step", "responsible")
    outside = Link("r2", "role", "away", "responsible")
    routes = plan_routes(boxes, [inside, outside], [lane])
    assert routes["r1"] is None  # the lane shows it
    assert routes["r2"] is not None  # the element sits outside the lane: a line
    # Without the lane the responsibility is drawn.
    assert plan_routes(boxes, [inside])["r1"] is not None


def test_two_boxes_on_one_spot_have_no_route() -> None:
    boxes = {"a": box_at(10, 10), "b": box_at(10.5, 10)}
    assert plan_routes(boxes, [Link("c", "a", "b", "flow")]) == {"c": None}


def test_a_learning_loop_enters_its_trigger_from_the_left_round_the_workflow() -> None:
    boxes = {
        "trigger": box_at(0, 0),
        "step": box_at(220, 0),
        "data": box_at(220, 140),
        "metric": box_at(440, 140),
    }
    points = _route(boxes, Link("loop", "metric", "trigger", "learning_loop")).polyline()
    assert points[-1][0] == 0.0 and 0 < points[-1][1] < H  # into the trigger's left side
    assert _orthogonal(points)
    assert not any(_passes_through(points, boxes[name]) for name in ("step", "data"))


def test_routes_do_not_depend_on_the_order_of_links() -> None:
    boxes = {f"e{i}": box_at((i % 4) * 220, (i // 4) * 140) for i in range(12)}
    links = [
        Link(f"c{i}", f"e{i}", f"e{(i * 5 + 3) % 12}", "flow" if i % 2 else "feeds")
        for i in range(12)
        if i != (i * 5 + 3) % 12
    ]
    assert plan_routes(boxes, links) == plan_routes(boxes, list(reversed(links)))


def test_routing_only_some_links_gives_their_full_routes() -> None:
    boxes = {f"e{i}": box_at((i % 4) * 220, (i // 4) * 200) for i in range(12)}
    links = [Link(f"c{i}", f"e{i}", f"e{(i + 5) % 12}", "feeds") for i in range(12)]
    full = plan_routes(boxes, links)
    only = plan_routes(boxes, links, only={"c1", "c7"})
    assert only == {"c1": full["c1"], "c7": full["c7"]}


_CELLS = st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=2, max_size=10, unique=True
)
_MEANINGS = st.sampled_from(["flow", "feeds", "governs", "measures", "responsible"])


@settings(max_examples=80, deadline=None)
@given(cells=_CELLS, pairs=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9), _MEANINGS)))
def test_every_route_is_orthogonal_from_border_to_border(
    cells: list[tuple[int, int]], pairs: list[tuple[int, int, str]]
) -> None:
    boxes = {f"e{i}": box_at(c * 220, r * 140) for i, (c, r) in enumerate(cells)}
    links = [
        Link(f"c{n}", f"e{a}", f"e{b}", meaning)
        for n, (a, b, meaning) in enumerate(pairs)
        if a != b and a < len(cells) and b < len(cells)
    ]
    routes = plan_routes(boxes, links)
    for link in links:
        course = routes[link.id]
        assert course is not None
        points = course.polyline()
        assert _orthogonal(points)
        assert _on_border(points[0], boxes[link.source])
        assert _on_border(points[-1], boxes[link.target])
