"""The crossing counter (model.crossings): what counts as two connections crossing."""

from __future__ import annotations

import pytest

from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH
from model.crossings import (
    DrawnConnection,
    count_crossings,
    crossing_pairs,
    routes_from_json,
    segments_intersect,
)


@pytest.mark.parametrize(
    ("a", "b", "c", "d", "expected"),
    [
        ((0, 0), (10, 10), (0, 10), (10, 0), True),  # an X
        ((0, 0), (10, 0), (5, 0), (5, 10), True),  # a T: touching counts
        ((0, 0), (10, 0), (5, 0), (20, 0), True),  # running along each other
        ((0, 0), (10, 0), (11, 0), (20, 0), False),  # in line, apart
        ((0, 0), (10, 0), (0, 1), (10, 1), False),  # parallel
        ((0, 0), (10, 0), (5, 1), (5, 10), False),  # a near miss
        ((0, 0), (0, 10), (-5, 5), (5, 5), True),  # orthogonal crossing
    ],
)
def test_segments_intersect(a, b, c, d, expected: bool) -> None:  # type: ignore[no-untyped-def]
    assert segments_intersect(a, b, c, d) is expected
    assert segments_intersect(c, d, a, b) is expected


def test_pairs_sharing_an_element_never_cross() -> None:
    drawn = [
        DrawnConnection("x", "a", "b", [(0, 0), (10, 10)]),
        DrawnConnection("y", "b", "c", [(0, 10), (10, 0)]),  # shares b with x
        DrawnConnection("z", "d", "e", [(5, -5), (5, 20)]),
    ]
    assert crossing_pairs(drawn) == [("x", "z"), ("y", "z")]


def test_a_pair_counts_once_however_often_its_routes_meet() -> None:
    zigzag = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 20)]
    drawn = [
        DrawnConnection("p", "a", "b", zigzag),
        DrawnConnection("q", "c", "d", [(5, -5), (5, 25)]),
    ]
    assert count_crossings(drawn) == 1


def test_connections_not_drawn_cross_nothing() -> None:
    drawn = [
        DrawnConnection("lane", "role", "step", None),
        DrawnConnection("q", "c", "d", [(5, -5), (5, 25)]),
    ]
    assert count_crossings(drawn) == 0


def test_far_apart_routes_in_other_cells_do_not_cross() -> None:
    drawn = [
        DrawnConnection(f"c{i}", f"a{i}", f"b{i}", [(i * 1000, 0), (i * 1000 + 50, 50)])
        for i in range(50)
    ]
    assert count_crossings(drawn) == 0
    long_line = DrawnConnection("long", "s", "t", [(-10, 25), (60_000, 25)])
    assert count_crossings([*drawn, long_line]) == 50


def test_exported_routes_are_used_and_a_missing_route_is_the_centre_line() -> None:
    cx, cy = ELEMENT_WIDTH / 2, ELEMENT_HEIGHT / 2
    workflow = {
        "elements": [
            {"id": "a", "x": 0, "y": 0},
            {"id": "b", "x": 400, "y": 400},
            {"id": "c", "x": 0, "y": 400},
            {"id": "d", "x": 400, "y": 0},
        ],
        "connections": [
            {"id": "ab", "source": "a", "target": "b"},
            {"id": "cd", "source": "c", "target": "d"},
            {"id": "hidden", "source": "c", "target": "b", "route": None},
            {"id": "drawn", "source": "d", "target": "a", "route": [[400, 40], [180, 40]]},
        ],
    }
    drawn = {c.id: c for c in routes_from_json(workflow)}
    assert drawn["ab"].route == [(cx, cy), (400 + cx, 400 + cy)]
    assert drawn["hidden"].route is None
    assert drawn["drawn"].route == [(400.0, 40.0), (180.0, 40.0)]
    # The two diagonals cross; "drawn" shares an element with both; "hidden" is not drawn.
    assert crossing_pairs(drawn.values()) == [("ab", "cd")]
