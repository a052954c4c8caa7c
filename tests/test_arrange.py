"""Align, distribute and snap: exact geometry, and only moved elements are returned."""

from __future__ import annotations

import itertools

import pytest

from model.arrange import ALIGN_EDGES, align, distribute, snap
from model.edits import move_elements
from model.templates import load_template

# Three boxes (180 × 80) scattered a little.
SCATTERED = {"a": (40, 100), "b": (300, 60), "c": (130, 250)}


@pytest.mark.parametrize(
    ("edge", "expected"),
    [
        ("left", {"b": (40, 60), "c": (40, 250)}),
        ("right", {"a": (300, 100), "c": (300, 250)}),
        ("h_center", {"a": (170, 100), "b": (170, 60), "c": (170, 250)}),
        ("top", {"a": (40, 60), "c": (130, 60)}),
        ("bottom", {"a": (40, 250), "b": (300, 250)}),
        ("v_center", {"a": (40, 155), "b": (300, 155), "c": (130, 155)}),
    ],
)
def test_align_moves_only_what_changes(edge: str, expected: dict) -> None:
    assert align(SCATTERED, edge) == expected


def test_align_centre_can_be_a_half_pixel() -> None:
    assert align({"a": (0, 0), "b": (41, 0)}, "h_center") == {"a": (20.5, 0), "b": (20.5, 0)}


def test_align_of_already_aligned_or_empty_selection_moves_nothing() -> None:
    lined_up = {"a": (40, 0), "b": (40, 300), "c": (40, 900)}
    for edge in ("left", "right", "h_center"):
        assert align(lined_up, edge) == {}
    assert align({}, "left") == {}
    assert align({"a": (13, 17)}, "v_center") == {}


def test_align_rejects_an_unknown_edge() -> None:
    with pytest.raises(ValueError, match="middle"):
        align(SCATTERED, "middle")
    assert set(ALIGN_EDGES) == {"left", "right", "top", "bottom", "h_center", "v_center"}


def test_distribute_horizontally_gives_equal_gaps_and_keeps_the_ends() -> None:
    positions = {"a": (0, 10), "b": (500, 20), "c": (260, 30), "d": (900, 40)}
    assert distribute(positions, "horizontal") == {"c": (300, 30), "b": (600, 20)}
    moved = {**positions, **distribute(positions, "horizontal")}
    lefts = sorted(x for x, _ in moved.values())
    gaps = [b - (a + 180) for a, b in itertools.pairwise(lefts)]
    assert gaps == [120, 120, 120]


def test_distribute_vertically_gives_equal_gaps_and_keeps_the_ends() -> None:
    positions = {"top": (5, 0), "mid": (6, 90), "low": (7, 100), "bottom": (8, 400)}
    assert distribute(positions, "vertical") == {"mid": (6, 400 / 3), "low": (7, 800 / 3)}


def test_distribute_keeps_whole_numbers_tidy() -> None:
    result = distribute({"a": (0, 0), "b": (10, 0), "c": (300, 0)}, "horizontal")
    assert result == {"b": (150, 0)}
    assert type(result["b"][0]) is int


def test_distribute_breaks_ties_by_id_and_leaves_evenly_spaced_alone() -> None:
    assert distribute({"b": (0, 0), "a": (0, 0), "c": (100, 0)}, "horizontal") == {"b": (50, 0)}
    even = {"a": (0, 0), "b": (240, 0), "c": (480, 0)}
    assert distribute(even, "horizontal") == {}


def test_distribute_needs_three_elements() -> None:
    assert distribute({"a": (0, 0), "b": (77, 300)}, "horizontal") == {}
    assert distribute({}, "vertical") == {}
    with pytest.raises(ValueError, match="diagonal"):
        distribute(SCATTERED, "diagonal")


def test_snap_rounds_to_the_nearest_grid_point() -> None:
    assert snap(37, 51) == (40, 60)
    assert snap(9.9, 10) == (0, 20)  # halves round up
    assert snap(-10, -11) == (0, -20)
    assert snap(33, 47, grid=10) == (30, 50)
    assert snap(40, 240) == (40, 240)
    assert all(type(v) is int for v in snap(37.5, 51.2))
    with pytest.raises(ValueError):
        snap(1, 1, grid=0)


def test_align_result_is_a_minimal_move_edit() -> None:
    session = load_template("sales")
    chosen = ["s-role-ae", "s-data-crm", "s-trigger"]
    positions = {i: (session.elements[i].x, session.elements[i].y) for i in chosen}
    moved = align(positions, "left")
    assert moved == {"s-trigger": (40, 300), "s-data-crm": (40, 440)}  # the lane header stays
    edit = move_elements(session, moved)
    assert {c.id for c in edit.changes} == {"s-trigger", "s-data-crm"}
    edit.apply(session)
    assert (session.elements["s-data-crm"].x, session.elements["s-data-crm"].y) == (40, 440)
