"""The pure geometry of element outlines and label pills (model.geometry/outlines/routing).

Connection routes: tests/test_routing.py."""

from __future__ import annotations

import pytest

from model import outlines, routing
from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH, KIND_STYLES, text_areas
from model.geometry import (
    ArcTo,
    Box,
    Close,
    CubicTo,
    LineTo,
    MoveTo,
    QuadTo,
    RoundedRect,
    arc_end,
    polygon,
    quad_as_cubic,
)

W, H = float(ELEMENT_WIDTH), float(ELEMENT_HEIGHT)
SHAPES = sorted({style.shape for style in KIND_STYLES.values()} | {"document"})


def _points(path) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    return [(c.x, c.y) for c in path if isinstance(c, MoveTo | LineTo | CubicTo | QuadTo)]


def test_polygon_is_closed_move_and_lines() -> None:
    assert polygon([(0, 0), (1, 0), (1, 1)]) == (MoveTo(0, 0), LineTo(1, 0), LineTo(1, 1), Close())


def test_quad_as_cubic_keeps_the_ends_and_the_curve() -> None:
    cubic = quad_as_cubic((0.0, 0.0), QuadTo(3.0, 3.0, 6.0, 0.0))
    assert (cubic.x, cubic.y) == (6.0, 0.0)
    assert (cubic.c1x, cubic.c1y) == pytest.approx((2.0, 2.0))
    assert (cubic.c2x, cubic.c2y) == pytest.approx((4.0, 2.0))


def test_arc_end_counts_angles_counter_clockwise_on_screen() -> None:
    rect = Box(0, 0, 20, 10)
    assert arc_end(rect, 180, -180) == pytest.approx((20.0, 5.0))
    assert arc_end(rect, 0, 90) == pytest.approx((10.0, 0.0))  # up on screen: y smaller


@pytest.mark.parametrize("shape", SHAPES)
def test_every_outline_stays_in_the_box_and_its_text_inside(shape: str) -> None:
    spec = outlines.outline(shape)
    assert spec.body
    for x, y in _points(spec.body):
        assert -0.01 <= x <= W + 0.01
        assert -0.01 <= y <= H + 8.01  # a document's wave dips below its control points
    label = spec.label
    assert label.x > 0 and label.right < W and label.y > 0 and label.bottom < H
    assert (label.x, label.y, label.w, label.h) == text_areas(shape).label
    if shape == "note":
        assert spec.band is None and spec.caption is None and spec.decoration
    else:
        assert spec.band is not None and spec.caption is not None
        assert spec.caption.bottom <= spec.band.bottom


def test_outlines_per_shape() -> None:
    assert outlines.outline("pill").body == (RoundedRect(Box(0, 0, W, H), H / 2),)
    assert outlines.outline("unknown").body == outlines.outline("rounded").body
    hexagon = outlines.outline("hexagon").body
    assert _points(hexagon)[0] == (0, H / 2) and isinstance(hexagon[-1], Close)
    cylinder = outlines.outline("cylinder")
    assert [type(c) for c in cylinder.body] == [MoveTo, ArcTo, LineTo, ArcTo, Close]
    assert [type(c) for c in cylinder.decoration] == [MoveTo, ArcTo]
    assert any(isinstance(c, QuadTo) for c in outlines.outline("document").body)


def test_glyphs() -> None:
    arc, hub, tip = outlines.gauge_glyph()
    assert isinstance(arc[0], MoveTo) and isinstance(arc[1], ArcTo)
    assert hub[1] > tip[1]  # the needle points up
    assert isinstance(outlines.person_glyph()[-1], Close)


def test_label_pill_and_raci_circle() -> None:
    pill = routing.label_box((100.0, 50.0), 40.0, 16.0)
    assert pill == Box(100 - 29, 50 - 11, 58, 22)
    assert pill.center == (100.0, 50.0)
    assert routing.raci_center((100.0, 50.0), None) == (100.0, 50.0)
    centre = routing.raci_center((100.0, 50.0), pill)
    assert centre == (pill.x - routing.RACI_RADIUS - routing.RACI_GAP, 50.0)
    circle = routing.raci_box(centre)
    assert circle.w == circle.h == 2 * routing.RACI_RADIUS
    assert circle.right < pill.x
