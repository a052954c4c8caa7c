"""Outlines of element boxes, as path commands in box-local coordinates (one table for all).

Every element is ELEMENT_WIDTH × ELEMENT_HEIGHT with its top-left corner at (0, 0) and ``y``
growing downwards. The canvas (``canvas/shapes.py``) and the PDF (``exports/pdf/shapes.py``)
turn these commands into their own paths, so both draw the very same shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from model.appearance import (
    BAND_HEIGHT,
    CYLINDER_RY,
    ELEMENT_HEIGHT,
    ELEMENT_WIDTH,
    NOTE_FOLD,
    text_areas,
)
from model.geometry import (
    ArcTo,
    Box,
    Close,
    CubicTo,
    Ellipse,
    LineTo,
    MoveTo,
    Path,
    Point,
    QuadTo,
    RoundedRect,
    polygon,
)

W = float(ELEMENT_WIDTH)
H = float(ELEMENT_HEIGHT)
#: Depth of the wave at the bottom of a document shape.
DOCUMENT_WAVE = 8.0


@dataclass(frozen=True)
class Outline:
    """The outline, decoration and text areas of one shape, for a box at (0, 0)."""

    body: Path  # the filled body and its outline
    decoration: Path  # cylinder rim or note flap (empty when the shape has none)
    band: Box | None  # the header band's strip, to be clipped to the body (None: no band)
    caption: Box | None  # where the kind caption goes (inside the band)
    label: Box  # where the label is wrapped


def box() -> Box:
    """The element box in box-local coordinates."""
    return Box(0.0, 0.0, W, H)


def _rounded(radius: float) -> Path:
    return (RoundedRect(box(), radius),)


def _pointed(inset: float) -> Path:
    """A box whose left and right ends come to a point (hexagon / diamond-ish)."""
    return polygon([(0, H / 2), (inset, 0), (W - inset, 0), (W, H / 2), (W - inset, H), (inset, H)])


def _octagon(cut: float) -> Path:
    return polygon(
        [
            (cut, 0),
            (W - cut, 0),
            (W, cut),
            (W, H - cut),
            (W - cut, H),
            (cut, H),
            (0, H - cut),
            (0, cut),
        ]
    )


def _cylinder() -> tuple[Path, Path]:
    ry = CYLINDER_RY
    body = (
        MoveTo(0, ry),
        ArcTo(Box(0, 0, W, 2 * ry), 180, -180),
        LineTo(W, H - ry),
        ArcTo(Box(0, H - 2 * ry, W, 2 * ry), 0, -180),
        Close(),
    )
    rim = (MoveTo(0, ry), ArcTo(Box(0, 0, W, 2 * ry), 180, 180))
    return body, rim


def _shield() -> Path:
    return (
        MoveTo(0, 0),
        LineTo(W, 0),
        LineTo(W, H * 0.55),
        CubicTo(W, H * 0.8, W * 0.68, H * 0.92, W / 2, H),
        CubicTo(W * 0.32, H * 0.92, 0, H * 0.8, 0, H * 0.55),
        Close(),
    )


def _note() -> tuple[Path, Path]:
    fold = NOTE_FOLD
    body = polygon([(0, 0), (W - fold, 0), (W, fold), (W, H), (0, H)])
    flap = polygon([(W - fold, 0), (W - fold, fold), (W, fold)])
    return body, flap


def _document() -> Path:
    wave = DOCUMENT_WAVE
    return (
        MoveTo(0, 0),
        LineTo(W, 0),
        LineTo(W, H - wave),
        CubicTo(W * 0.75, H - 2.5 * wave, W * 0.5, H + wave, W * 0.25, H - wave / 2),
        QuadTo(W * 0.1, H - 1.5 * wave, 0, H - wave),
        Close(),
    )


def _body(shape: str) -> tuple[Path, Path]:
    """The body and decoration of ``shape``."""
    if shape == "pill":
        return _rounded(H / 2), ()
    if shape == "hexagon":
        return _pointed(16.0), ()
    if shape == "diamond":
        return _pointed(26.0), ()
    if shape == "octagon":
        return _octagon(14.0), ()
    if shape == "cylinder":
        return _cylinder()
    if shape == "shield":
        return _shield(), ()
    if shape == "note":
        return _note()
    if shape == "document":
        return _document(), ()
    return _rounded(10.0), ()  # rounded, person, gauge (the last two add a glyph in the band)


@cache
def outline(shape: str) -> Outline:
    """The (cached) outline of ``shape``; unknown shapes fall back to 'rounded'."""
    body, decoration = _body(shape)
    areas = text_areas(shape)
    label = Box(*areas.label)
    if areas.caption is None:
        return Outline(body, decoration, None, None, label)
    band = Box(-1, -1, W + 2, areas.band_top + BAND_HEIGHT + 1)
    return Outline(body, decoration, band, Box(*areas.caption), label)


@cache
def person_glyph() -> Path:
    """A small person (head and shoulders) for the band's right end, for roles; fill it."""
    x, y = W - 20.0, 3.0
    return (
        Ellipse(x, y + 4.5, 4.0, 4.0),
        MoveTo(x - 7, y + 17),
        CubicTo(x - 7, y + 9, x + 7, y + 9, x + 7, y + 17),
        Close(),
    )


@cache
def gauge_glyph() -> tuple[Path, Point, Point]:
    """A gauge mark for metrics in the band's right end: an arc and a needle (hub, tip).

    Stroke both; the needle is a separate line so that the screen can draw it as one.
    """
    cx, cy, r = W - 20.0, 17.0, 9.0
    arc = (MoveTo(cx - r, cy), ArcTo(Box(cx - r, cy - r, 2 * r, 2 * r), 180, -180))
    return arc, (cx, cy), (cx + r * 0.6, cy - r * 0.65)
