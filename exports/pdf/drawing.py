"""A workflow drawn as vector graphics in the PDF, looking as it does on screen.

Elements keep their kind's shape, fill, accent band, caption and bold wrapped label
(``model.appearance``, the same numbers as ``canvas/shapes.py`` and ``canvas/items.py``);
connections follow :func:`model.routing.session_routes` (the canvas's routes) with
arrowheads, coloured and dashed by meaning, with a label pill and a RACI letter. Role
lanes are drawn first as bands, then the connections, then the elements, then the
connection labels on top, so that a label is never hidden under a box.

A workflow is fitted to the page. When that would make labels too small to read, the
drawing is split into a grid of overlapping tiles, one per page, each with a caption
("Part 2 of 6 (row 1, column 2)") and markers at the edges that continue on another part;
an overview with the tile grid comes first.

Units: a scene pixel is drawn as ``scale`` points, so a 15 px label is ``15 × scale`` pt.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache

from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas
from reportlab.platypus import Flowable

from exports.pdf import shapes
from exports.pdf.fonts import FONT, FONT_BOLD, draw_text, font_runs, register_fonts, string_width
from exports.pdf.shapes import Rect
from model import routing, text_layout
from model.appearance import (
    CAPTION_PX,
    CONNECTION_COLORS,
    DASHED_MEANINGS,
    LABEL_PX,
    LANE_BORDER,
    LANE_FILLS,
    LANE_HEADER_FILL,
    NOTE_FILLS,
    style_for,
)
from model.connections import connection_meaning
from model.geometry import polygon
from model.kinds import KINDS, KINDS_BY_ID
from model.lanes import HEADER_WIDTH, Lane, declared_lanes, lane_bands
from model.session import Session
from model.vocabulary import humanize

A4_LANDSCAPE: tuple[float, float] = landscape(A4)
A3_LANDSCAPE: tuple[float, float] = landscape(A3)

#: Smallest label (pt) a workflow is fitted at on one page, so that a printed page reads.
#: A workflow whose labels would be smaller on A4 gets an A3 page (the shipped templates,
#: about 2,100–2,600 px wide, come out at 6.4–7.8 pt there), and one still smaller on A3 is
#: split into tiles.
MIN_LABEL_PT = 6.0
#: Tiles are drawn so that labels are at least this size (pt).
TILE_LABEL_PT = 7.0
#: Neighbouring tiles share at least this fraction of their width / height.
TILE_OVERLAP = 0.10
#: A drawing with few elements is not blown up beyond this scale (labels 15 × 0.7 pt).
MAX_SCALE = 0.7
#: The frame the blueprint is assumed to leave on a page (margins, heading, footer), for
#: choosing the page size before the document exists.
_ASSUMED_MARGIN_X = 102.0  # 18 mm each side
_ASSUMED_MARGIN_Y = 148.0  # 20 + 18 mm, and a heading
#: Tolerance when the real frame is a little smaller than the assumed one.
_FRAME_TOLERANCE = 0.85
#: A flowable shrinks to the space left on a page down to this share of its size;
#: with less space left it moves to the next page.
_MIN_SHRINK = 0.75

_PAD = 12.0  # scene px around the content
_CONNECTION_LABEL_PX = float(routing.CONNECTION_LABEL_PX)
#: DejaVu Sans vertical metrics (hhea, as Qt uses them), as a fraction of the size.
_ASCENT = 0.928
_DESCENT = 0.236
_CAP_HEIGHT = 0.729
_LINE_SPACING = _ASCENT + _DESCENT
_ELLIPSIS = "…"
_WRAP_LIMIT = 400

_INK = "#111827"
_MUTED = "#4B5563"
_FRAME_GREY = "#9CA3AF"
_OVERLAP_TINT = "#EEF0F3"
_WHITE = "#FFFFFF"

RGB = tuple[float, float, float]


@cache
def _rgb(color: str) -> RGB:
    value = color.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def _blend(top: str, bottom: str, alpha: float) -> RGB:
    a, b = _rgb(top), _rgb(bottom)
    return (
        a[0] * alpha + b[0] * (1 - alpha),
        a[1] * alpha + b[1] * (1 - alpha),
        a[2] * alpha + b[2] * (1 - alpha),
    )


# -- text helpers ---------------------------------------------------------------------------


def _width(text: str, size: float, font: str = FONT_BOLD) -> float:
    return string_width(text, size, font)


def elide(text: str, size: float, width: float, font: str = FONT_BOLD) -> str:
    """``text`` cut to fit ``width`` at ``size``, ending in an ellipsis when cut."""
    if _width(text, size, font) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if _width(text[:middle].rstrip() + _ELLIPSIS, size, font) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + _ELLIPSIS


def wrap_label(text: str, size: float, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap into at most ``max_lines`` lines of ``width``; elide what is left.

    The same rule as the canvas (:func:`model.text_layout.wrap_label`).
    """
    # No box holds more than a few dozen characters: the rest would be elided anyway.
    return text_layout.wrap_label(
        text[:_WRAP_LIMIT],
        width,
        max_lines,
        lambda line: _width(line, size),
        lambda line, room: elide(line, size, room),
    )


def _draw_spaced(canv: Canvas, x: float, y: float, text: str, size: float, spacing: float) -> None:
    """Bold text with letter spacing (the kind caption), switching fonts where needed."""
    for font, part in font_runs(text, FONT_BOLD):
        canv.setFont(font, size)
        canv.drawString(x, y, part, charSpace=spacing)
        x += canv.stringWidth(part, font, size) + spacing * len(part)


# -- the scene: what to draw, in scene px ---------------------------------------------------


@dataclass
class _Box:
    """One element to draw."""

    x: float
    y: float
    kind: str
    label: str
    note_color: str | None
    _lines: list[tuple[float, float, str]] | None = None
    ident: str = ""

    @property
    def rect(self) -> Rect:
        return Rect(self.x, self.y, shapes.W, shapes.H)

    def lines(self) -> list[tuple[float, float, str]]:
        """The wrapped label as (x, baseline y, text) in box coordinates (built once)."""
        if self._lines is None:
            rect = shapes.geometry(style_for(self.kind).shape).label_rect
            size = float(LABEL_PX)
            spacing = size * _LINE_SPACING
            max_lines = max(1, int((rect.h + 2) // spacing))
            wrapped = wrap_label(self.label, size, rect.w, max_lines)
            top = rect.y + (rect.h - len(wrapped) * spacing) / 2 + size * _ASCENT
            self._lines = [
                (rect.x + (rect.w - _width(line, size)) / 2, top + index * spacing, line)
                for index, line in enumerate(wrapped)
            ]
        return self._lines


@dataclass
class _Link:
    """One connection's geometry: line, arrowhead, label pill and RACI circle."""

    meaning: str
    route: routing.Route  # line, arrowhead and label anchor
    label: str
    label_rect: Rect | None
    raci: str | None
    raci_center: tuple[float, float]
    bounds: Rect
    ident: str = ""


@dataclass
class _Scene:
    """Everything a workflow drawing shows, with its bounds."""

    name: str
    boxes: list[_Box]
    links: list[_Link]
    bounds: Rect
    lanes: list[Lane] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    meanings: list[str] = field(default_factory=list)


def _link(
    course: routing.Route, meaning: str, label: str, raci: str | None, ident: str = ""
) -> _Link:
    """The connection's geometry: its route plus its label pill and RACI circle."""
    bounds = Rect.of(course.control_bounds())
    label_rect = None
    text = ""
    if label:
        size = _CONNECTION_LABEL_PX
        text = elide(label, size, routing.LABEL_MAX_WIDTH)
        label_rect = Rect.of(
            routing.label_box(course.anchor, _width(text, size), size * _LINE_SPACING)
        )
        bounds = bounds.united(label_rect)
    raci_center = course.anchor
    if raci:
        raci_center = routing.raci_center(course.anchor, label_rect)
        bounds = bounds.united(routing.raci_box(raci_center))
    return _Link(meaning, course, text, label_rect, raci, raci_center, bounds.adjusted(2), ident)


def _build_scene(session: Session, workflow_id: str, stakeholder: bool) -> _Scene:
    workflow = session.workflows.get(workflow_id)
    name = workflow.name if workflow is not None else workflow_id
    elements = session.workflow_elements(workflow_id)
    boxes: list[_Box] = []
    for element in elements:
        if stakeholder and element.kind == "note":
            continue
        color = element.props.get("color") if element.kind == "note" else None
        boxes.append(
            _Box(
                float(element.x),
                float(element.y),
                element.kind,
                element.label,
                color if isinstance(color, str) else None,
                ident=element.id,
            )
        )
    # Routed with every element (notes too), exactly as on the canvas and in the JSON.
    kinds = {e.id: e.kind for e in elements}
    routes = routing.session_routes(session, workflow_id)
    links: list[_Link] = []
    for connection in session.workflow_connections(workflow_id):
        course = routes.get(connection.id)
        if course is None:
            continue
        meaning = connection_meaning(kinds[connection.source], kinds[connection.target]) or "flow"
        links.append(_link(course, meaning, connection.label, connection.raci, connection.id))
    lanes = lane_bands(
        declared_lanes(workflow.extra) if workflow is not None else [],
        {e.id: routing.box_at(e.x, e.y) for e in elements},
        kinds,
    )
    if boxes:
        bounds = boxes[0].rect
        for box in boxes[1:]:
            bounds = bounds.united(box.rect)
        for link in links:
            bounds = bounds.united(link.bounds)
        bounds = bounds.adjusted(_PAD)
        for lane in lanes:
            bounds = bounds.united(Rect.of(lane.band).adjusted(2))
    else:
        bounds = Rect(0, 0, 1, 1)
    present = {box.kind for box in boxes}
    kinds_shown = [k.id for k in KINDS if k.id in present]
    kinds_shown += sorted(present - set(kinds_shown))
    meanings_present = {link.meaning for link in links}
    meanings = [m for m in CONNECTION_COLORS if m in meanings_present]
    return _Scene(name, boxes, links, bounds, lanes, kinds_shown, meanings)


# -- painting -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Look:
    fill: RGB
    accent: RGB
    text: RGB
    flap: RGB
    caption: str
    geometry: shapes.ShapeGeometry
    shape: str


@cache
def _look(kind: str, note_color: str | None) -> _Look:
    style = style_for(kind)
    fill = NOTE_FILLS.get(note_color or "", NOTE_FILLS["yellow"]) if kind == "note" else style.fill
    spec = KINDS_BY_ID.get(kind)
    caption = (spec.name if spec else kind.replace("_", " ")).upper()
    return _Look(
        _rgb(fill),
        _rgb(style.accent),
        _rgb(style.text),
        _blend(style.accent, fill, 70 / 255),
        caption,
        shapes.geometry(style.shape),
        style.shape,
    )


def _paint_scene(
    canv: Canvas,
    scene: _Scene,
    view: Rect,
    scale: float,
    left: float,
    top: float,
    faint: Collection[str] = (),
    alpha: float = 1.0,
) -> None:
    """Draw the part ``view`` (scene px) of ``scene`` with its top-left at (left, top) pt.

    What ``faint`` names (element and connection ids; a role's lane with the role) is drawn
    at ``alpha`` under the rest.
    """
    canv.saveState()
    canv.translate(left, top)
    canv.scale(scale, scale)
    canv.translate(-view.x, view.y)  # scene (x, y) is now at user (x, -y)
    clip = canv.beginPath()
    clip.rect(view.x, -view.bottom, view.w, view.h)
    canv.clipPath(clip, stroke=0, fill=0)
    links = [link for link in scene.links if link.bounds.intersects(view)]
    reach = view.adjusted(2)
    boxes = [box for box in scene.boxes if box.rect.intersects(reach)]
    _paint_lanes(canv, scene.lanes, faint, alpha)
    if faint:
        canv.saveState()
        canv.setFillAlpha(alpha)
        canv.setStrokeAlpha(alpha)
        _paint_items(
            canv,
            [link for link in links if link.ident in faint],
            [box for box in boxes if box.ident in faint],
        )
        canv.restoreState()
        links = [link for link in links if link.ident not in faint]
        boxes = [box for box in boxes if box.ident not in faint]
    _paint_items(canv, links, boxes)
    canv.restoreState()


def _paint_items(canv: Canvas, links: list[_Link], boxes: list[_Box]) -> None:
    """Lines, then boxes, then connection labels on top."""
    _paint_lines(canv, links)
    for box in boxes:
        _paint_box(canv, box)
    _paint_link_labels(canv, links)


def _paint_lanes(
    canv: Canvas, lanes: list[Lane], faint: Collection[str] = (), alpha: float = 1.0
) -> None:
    """Role lanes: alternately tinted bands with a header column, outlined (as on screen);
    the lanes of the roles in ``faint`` at ``alpha``."""
    if not lanes:
        return
    dims = any(lane.role in faint for lane in lanes)
    for index, lane in enumerate(lanes):
        band = lane.band
        if dims:
            canv.setFillAlpha(alpha if lane.role in faint else 1.0)
        canv.setFillColorRGB(*_rgb(LANE_FILLS[index % len(LANE_FILLS)]))
        canv.rect(band.x, -band.bottom, band.w, band.h, stroke=0, fill=1)
        canv.setFillColorRGB(*_rgb(LANE_HEADER_FILL))
        canv.rect(band.x, -band.bottom, min(HEADER_WIDTH, band.w), band.h, stroke=0, fill=1)
    canv.setStrokeColorRGB(*_rgb(LANE_BORDER))
    canv.setLineWidth(1.5)
    for lane in lanes:
        band = lane.band
        if dims:
            canv.setStrokeAlpha(alpha if lane.role in faint else 1.0)
        canv.rect(band.x, -band.bottom, band.w, band.h, stroke=1, fill=0)
    if dims:
        canv.setFillAlpha(1.0)
        canv.setStrokeAlpha(1.0)


def _paint_lines(canv: Canvas, links: list[_Link]) -> None:
    """Lines and arrowheads, batched into one path per meaning."""
    groups: dict[str, list[_Link]] = {}
    for link in links:
        groups.setdefault(link.meaning, []).append(link)
    canv.setLineCap(0)
    canv.setLineJoin(1)
    for meaning, group in groups.items():
        color = _rgb(CONNECTION_COLORS.get(meaning, CONNECTION_COLORS["flow"]))
        canv.setStrokeColorRGB(*color)
        canv.setFillColorRGB(*color)
        canv.setLineWidth(2.0)
        # Qt dash patterns are in pen widths: 4 and 3 times the 2 px width.
        canv.setDash([8.0, 6.0] if meaning in DASHED_MEANINGS else [])
        lines = canv.beginPath()
        heads = canv.beginPath()
        for link in group:
            shapes.add_commands(lines, link.route.line())
            shapes.add_commands(heads, polygon(list(link.route.arrow)))
        canv.drawPath(lines, stroke=1, fill=0)
        # Non-zero winding: coinciding arrowheads must not cancel out (even-odd would).
        canv.drawPath(heads, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canv.setDash([])


def _paint_box(canv: Canvas, box: _Box) -> None:
    """Body, band, decoration, caption and label of one element."""
    look = _look(box.kind, box.note_color)
    geo = look.geometry
    canv.saveState()
    canv.translate(box.x, -box.y)
    canv.setLineWidth(2.0)
    canv.setLineJoin(1)
    canv.setFillColorRGB(*look.fill)
    canv.setStrokeColorRGB(*look.accent)
    canv.drawPath(geo.outline, stroke=1, fill=1)
    if geo.band is not None:
        canv.saveState()
        canv.clipPath(geo.outline, stroke=0, fill=0)
        canv.setFillColorRGB(*look.accent)
        band = geo.band
        canv.rect(band.x, -band.bottom, band.w, band.h, stroke=0, fill=1)
        canv.restoreState()
    _paint_decoration(canv, look)
    if geo.band is not None:
        rect = geo.caption_rect
        size = float(CAPTION_PX)
        baseline = rect.y + (rect.h - size * _LINE_SPACING) / 2 + size * _ASCENT
        canv.setFillColorRGB(1, 1, 1)
        _draw_spaced(canv, rect.x, -baseline, look.caption, size, 0.6)
    canv.setFillColorRGB(*look.text)
    for x, y, line in box.lines():
        draw_text(canv, x, -y, line, float(LABEL_PX), FONT_BOLD)
    canv.restoreState()


def _paint_decoration(canv: Canvas, look: _Look) -> None:
    geo = look.geometry
    if look.shape == "note" and geo.decoration is not None:
        canv.setFillColorRGB(*look.flap)
        canv.drawPath(geo.decoration, stroke=1, fill=1)
    elif look.shape == "cylinder" and geo.decoration is not None:
        canv.setStrokeColorRGB(1, 1, 1)
        canv.setLineWidth(1.5)
        canv.drawPath(geo.decoration, stroke=1, fill=0)
    elif look.shape == "person":
        canv.setFillColorRGB(1, 1, 1)
        canv.drawPath(shapes.person_glyph(), stroke=0, fill=1)
    elif look.shape == "gauge":
        canv.setStrokeColorRGB(1, 1, 1)
        canv.setLineWidth(2.0)
        canv.drawPath(shapes.gauge_glyph(), stroke=1, fill=0)


def _paint_link_labels(canv: Canvas, links: Iterable[_Link]) -> None:
    """Label pills and RACI letters, on top of everything."""
    size = _CONNECTION_LABEL_PX
    for link in links:
        if not link.label and not link.raci:
            continue
        color = _rgb(CONNECTION_COLORS.get(link.meaning, CONNECTION_COLORS["flow"]))
        if link.label_rect is not None:
            rect = link.label_rect
            canv.setLineWidth(1.5)
            canv.setStrokeColorRGB(*color)
            canv.setFillColorRGB(1, 1, 1)
            canv.roundRect(rect.x, -rect.bottom, rect.w, rect.h, rect.h / 2, stroke=1, fill=1)
            canv.setFillColorRGB(*_rgb(_INK))
            x = rect.x + (rect.w - _width(link.label, size)) / 2
            baseline = rect.y + (rect.h - size * _LINE_SPACING) / 2 + size * _ASCENT
            draw_text(canv, x, -baseline, link.label, size, FONT_BOLD)
        if link.raci:
            cx, cy = link.raci_center
            canv.setLineWidth(1.5)
            canv.setStrokeColorRGB(1, 1, 1)
            canv.setFillColorRGB(*color)
            canv.circle(cx, -cy, routing.RACI_RADIUS, stroke=1, fill=1)
            canv.setFillColorRGB(1, 1, 1)
            letter = link.raci
            x = cx - _width(letter, size) / 2
            draw_text(canv, x, -(cy + size * _CAP_HEIGHT / 2), letter, size, FONT_BOLD)


# -- legend ---------------------------------------------------------------------------------

_LEGEND_PT = 7.5
_LEGEND_ROW = 12.0
_LEGEND_GAP = 11.0
_SWATCH_W = 12.0
_SWATCH_H = 8.0


def _legend_items(scene: _Scene) -> list[tuple[str, str]]:
    """(kind or meaning marker, text) for every kind and meaning the drawing shows."""
    items: list[tuple[str, str]] = []
    for kind in scene.kinds:
        spec = KINDS_BY_ID.get(kind)
        items.append((f"kind:{kind}", spec.name if spec else humanize(kind)))
    for meaning in scene.meanings:
        items.append((f"meaning:{meaning}", humanize(meaning).lower()))
    return items


def _legend_rows(scene: _Scene, width: float) -> list[list[tuple[str, str, float]]]:
    """Legend items laid out in rows that fit ``width``."""
    rows: list[list[tuple[str, str, float]]] = [[]]
    used = 0.0
    for marker, text in _legend_items(scene):
        item_width = _SWATCH_W + 3 + string_width(text, _LEGEND_PT) + _LEGEND_GAP
        if rows[-1] and used + item_width > width:
            rows.append([])
            used = 0.0
        rows[-1].append((marker, text, item_width))
        used += item_width
    return [row for row in rows if row]


def _legend_height(scene: _Scene, width: float) -> float:
    rows = _legend_rows(scene, width)
    return len(rows) * _LEGEND_ROW + 6 if rows else 0.0


def _paint_legend(canv: Canvas, scene: _Scene, left: float, top: float, width: float) -> None:
    """Kind swatches and connection styles in centred rows starting at ``top``."""
    y = top - 6
    for row in _legend_rows(scene, width):
        used = sum(item[2] for item in row) - _LEGEND_GAP
        x = left + (width - used) / 2
        y -= _LEGEND_ROW
        for marker, text, item_width in row:
            group, name = marker.split(":", 1)
            if group == "kind":
                look = _look(name, None)
                canv.setLineWidth(0.8)
                canv.setFillColorRGB(*look.fill)
                canv.setStrokeColorRGB(*look.accent)
                canv.roundRect(x, y + 0.5, _SWATCH_W, _SWATCH_H, 1.5, stroke=1, fill=1)
                canv.setFillColorRGB(*look.accent)
                canv.rect(x, y + 0.5 + _SWATCH_H - 2.5, _SWATCH_W, 2.5, stroke=0, fill=1)
            else:
                color = _rgb(CONNECTION_COLORS.get(name, CONNECTION_COLORS["flow"]))
                canv.setStrokeColorRGB(*color)
                canv.setLineWidth(1.2)
                canv.setDash([2.0, 1.5] if name in DASHED_MEANINGS else [])
                canv.line(x, y + 4.5, x + _SWATCH_W, y + 4.5)
                canv.setDash([])
            canv.setFillColorRGB(*_rgb(_MUTED))
            draw_text(canv, x + _SWATCH_W + 3, y + 1.5, text, _LEGEND_PT)
            x += item_width


# -- flowables ------------------------------------------------------------------------------


def _shrunk_height(wanted: float, available: float) -> float:
    """``wanted``, or the space left when that is most of it (else the page turns)."""
    if available >= wanted:
        return wanted
    if available >= wanted * _MIN_SHRINK:
        return available
    return wanted


class WorkflowDrawing(Flowable):
    """The whole workflow fitted to the frame, with a legend row under it when there is room."""

    def __init__(self, scene: _Scene, frame_width: float, frame_height: float) -> None:
        super().__init__()
        self.scene = scene
        self.frame_width = frame_width
        self.frame_height = frame_height
        bounds = scene.bounds
        legend = _legend_height(scene, frame_width)
        fit_width = frame_width / bounds.w
        with_legend = (frame_height - legend) / bounds.h
        # "When there is room": the legend may not shrink the drawing by more than 8 %.
        self.show_legend = legend > 0 and with_legend >= min(fit_width, MAX_SCALE) * 0.92
        self.legend_height = legend if self.show_legend else 0.0
        self.scale = min(fit_width, (frame_height - self.legend_height) / bounds.h, MAX_SCALE)
        self.width = frame_width
        self.height = bounds.h * self.scale + self.legend_height

    def label_size(self) -> float:
        """Label size in points at the fitted scale."""
        return LABEL_PX * self.scale

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        bounds = self.scene.bounds
        width = min(self.frame_width, availWidth)
        wanted = bounds.h * min(self.scale, width / bounds.w) + self.legend_height
        height = _shrunk_height(wanted, availHeight)
        self.width, self.height = width, height
        return width, height

    def draw(self) -> None:
        canv = self.canv
        bounds = self.scene.bounds
        drawing_height = self.height - self.legend_height
        scale = min(self.width / bounds.w, drawing_height / bounds.h, MAX_SCALE)
        left = (self.width - bounds.w * scale) / 2
        top = self.height
        _paint_scene(canv, self.scene, bounds, scale, left, top)
        if self.show_legend:
            _paint_legend(canv, self.scene, 0, self.legend_height, self.width)


@dataclass(frozen=True)
class TileGrid:
    """How a drawing is split: the views (scene px) of each tile, row by row."""

    rows: int
    cols: int
    views: list[Rect]  # row-major
    scale: float  # the scale the tiles were cut for
    step_x: float
    step_y: float

    def part(self, row: int, col: int) -> int:
        """The 1-based part number of a tile."""
        return row * self.cols + col + 1


_TILE_TOP = 18.0  # strip for the caption and the "▲" marker
_TILE_BOTTOM = 16.0  # strip for the "◀", "▼" and "▶" markers
_TILE_SIDE = 12.0  # side margins with the ◀ / ▶ arrows
_MARKER_PT = 7.5
_CAPTION_PT = 9.0


def _count(total: float, window: float) -> int:
    """Tiles needed to cover ``total`` with windows of ``window`` overlapping by TILE_OVERLAP."""
    if total <= window:
        return 1
    return math.ceil((total - window) / (window * (1 - TILE_OVERLAP))) + 1


def _exact_window(total: float, count: int) -> float:
    """The window that covers ``total`` in ``count`` tiles overlapping by exactly TILE_OVERLAP."""
    return total / (count - TILE_OVERLAP * (count - 1))


def tile_grid(bounds: Rect, frame_width: float, frame_height: float) -> TileGrid:
    """Cut ``bounds`` into tiles that draw labels at TILE_LABEL_PT or more in the frame."""
    area_w = frame_width - 2 * _TILE_SIDE
    area_h = frame_height - _TILE_TOP - _TILE_BOTTOM
    smallest = TILE_LABEL_PT / LABEL_PX
    cols = _count(bounds.w, area_w / smallest)
    rows = _count(bounds.h, area_h / smallest)
    scale = min(
        area_w / _exact_window(bounds.w, cols),
        area_h / _exact_window(bounds.h, rows),
        MAX_SCALE,
    )
    window_w, window_h = area_w / scale, area_h / scale
    step_x = (bounds.w - window_w) / (cols - 1) if cols > 1 else 0.0
    step_y = (bounds.h - window_h) / (rows - 1) if rows > 1 else 0.0
    x0 = bounds.x if cols > 1 else bounds.x - (window_w - bounds.w) / 2
    y0 = bounds.y if rows > 1 else bounds.y - (window_h - bounds.h) / 2
    views = [
        Rect(x0 + col * step_x, y0 + row * step_y, window_w, window_h)
        for row in range(rows)
        for col in range(cols)
    ]
    return TileGrid(rows, cols, views, scale, step_x, step_y)


class WorkflowTile(Flowable):
    """One part of a tiled drawing: a full page with caption and continuation markers."""

    def __init__(
        self, scene: _Scene, grid: TileGrid, row: int, col: int, width: float, height: float
    ) -> None:
        super().__init__()
        self.scene = scene
        self.grid = grid
        self.row = row
        self.col = col
        self.frame_width = width
        self.frame_height = height
        self.width = width
        self.height = height

    @property
    def part(self) -> int:
        """This tile's 1-based part number."""
        return self.grid.part(self.row, self.col)

    def caption(self) -> str:
        """'Part 2 of 6 (row 1, column 2)'."""
        count = self.grid.rows * self.grid.cols
        return f"Part {self.part} of {count} (row {self.row + 1}, column {self.col + 1})"

    def markers(self) -> dict[str, str]:
        """The continuation markers by edge ('left', 'right', 'top', 'bottom')."""
        grid, row, col = self.grid, self.row, self.col
        found: dict[str, str] = {}
        if col > 0:
            found["left"] = f"◀ continues from part {grid.part(row, col - 1)}"
        if col < grid.cols - 1:
            found["right"] = f"continues on part {grid.part(row, col + 1)} ▶"
        if row > 0:
            found["top"] = f"▲ continues from part {grid.part(row - 1, col)}"
        if row < grid.rows - 1:
            found["bottom"] = f"▼ continues on part {grid.part(row + 1, col)}"
        return found

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = min(self.frame_width, availWidth)
        self.height = _shrunk_height(self.frame_height, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        view = self.grid.views[self.part - 1]
        area_w = self.width - 2 * _TILE_SIDE
        area_h = self.height - _TILE_TOP - _TILE_BOTTOM
        scale = min(area_w / view.w, area_h / view.h)
        left = _TILE_SIDE + (area_w - view.w * scale) / 2
        top = _TILE_BOTTOM + area_h - (area_h - view.h * scale) / 2
        width, height = view.w * scale, view.h * scale
        self._paint_overlaps(canv, view, scale, left, top)
        _paint_scene(canv, self.scene, view, scale, left, top)
        canv.setLineWidth(0.6)
        canv.setStrokeColorRGB(*_rgb(_FRAME_GREY))
        canv.rect(left, top - height, width, height, stroke=1, fill=0)
        self._paint_captions(canv, left, top, width, height)

    def _overlap_rects(self, view: Rect) -> list[tuple[str, Rect]]:
        """The parts of ``view`` that a neighbouring tile shows too."""
        grid = self.grid
        across = view.w - grid.step_x
        down = view.h - grid.step_y
        rects = []
        if self.col > 0:
            rects.append(("left", Rect(view.x, view.y, across, view.h)))
        if self.col < grid.cols - 1:
            rects.append(("right", Rect(view.right - across, view.y, across, view.h)))
        if self.row > 0:
            rects.append(("top", Rect(view.x, view.y, view.w, down)))
        if self.row < grid.rows - 1:
            rects.append(("bottom", Rect(view.x, view.bottom - down, view.w, down)))
        return rects

    def _paint_overlaps(
        self, canv: Canvas, view: Rect, scale: float, left: float, top: float
    ) -> None:
        """Tint the overlap zones and mark where the neighbouring part begins."""
        canv.saveState()
        for edge, rect in self._overlap_rects(view):
            x = left + (rect.x - view.x) * scale
            y = top - (rect.bottom - view.y) * scale
            w, h = rect.w * scale, rect.h * scale
            canv.setFillColorRGB(*_rgb(_OVERLAP_TINT))
            canv.rect(x, y, w, h, stroke=0, fill=1)
            canv.setStrokeColorRGB(*_rgb(_FRAME_GREY))
            canv.setLineWidth(0.6)
            canv.setDash([3.0, 2.0])
            if edge == "left":
                canv.line(x + w, y, x + w, y + h)
            elif edge == "right":
                canv.line(x, y, x, y + h)
            elif edge == "top":
                canv.line(x, y, x + w, y)
            else:
                canv.line(x, y + h, x + w, y + h)
        canv.restoreState()

    def _paint_captions(
        self, canv: Canvas, left: float, top: float, width: float, height: float
    ) -> None:
        canv.setFillColorRGB(*_rgb(_INK))
        caption_y = top + (_TILE_TOP - _CAPTION_PT) / 2 + 1
        draw_text(canv, left, caption_y, self.caption(), _CAPTION_PT, FONT_BOLD)
        name = self.scene.name
        if name:
            name = elide(name, _MARKER_PT, width * 0.3, FONT)
            canv.setFillColorRGB(*_rgb(_MUTED))
            x = left + width - string_width(name, _MARKER_PT, FONT)
            draw_text(canv, x, caption_y, name, _MARKER_PT)
        canv.setFillColorRGB(*_rgb(_MUTED))
        markers = self.markers()
        bottom_y = top - height - _TILE_BOTTOM + (_TILE_BOTTOM - _MARKER_PT) / 2 + 1
        if "top" in markers:
            text = markers["top"]
            x = left + (width - string_width(text, _MARKER_PT)) / 2
            draw_text(canv, x, caption_y, text, _MARKER_PT)
        if "bottom" in markers:
            text = markers["bottom"]
            x = left + (width - string_width(text, _MARKER_PT)) / 2
            draw_text(canv, x, bottom_y, text, _MARKER_PT)
        if "left" in markers:
            draw_text(canv, left, bottom_y, markers["left"], _MARKER_PT)
            arrow_x = (left - string_width("◀", _MARKER_PT)) / 2
            draw_text(canv, arrow_x, top - height / 2 - _MARKER_PT / 3, "◀", _MARKER_PT)
        if "right" in markers:
            text = markers["right"]
            draw_text(
                canv, left + width - string_width(text, _MARKER_PT), bottom_y, text, _MARKER_PT
            )
            arrow_w = string_width("▶", _MARKER_PT)
            arrow_x = left + width + (self.width - left - width - arrow_w) / 2
            draw_text(canv, arrow_x, top - height / 2 - _MARKER_PT / 3, "▶", _MARKER_PT)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class WorkflowOverview(Flowable):
    """The whole of a tiled workflow in miniature, with the tile grid and part numbers."""

    def __init__(
        self, scene: _Scene, grid: TileGrid, frame_width: float, frame_height: float
    ) -> None:
        super().__init__()
        self.scene = scene
        self.grid = grid
        self.frame_width = frame_width
        self.note = (
            f"This drawing is split into {grid.rows * grid.cols} parts "
            f"({_plural(grid.rows, 'row')} × {_plural(grid.cols, 'column')}) so that labels "
            f"stay readable; neighbouring parts overlap by about {round(TILE_OVERLAP * 100)} %."
        )
        bounds = scene.bounds
        self.legend_height = _legend_height(scene, frame_width)
        room = frame_height * 0.55
        self.scale = min(frame_width / bounds.w, room / bounds.h)
        self.width = frame_width
        self.height = self._height(self.scale)

    def _height(self, scale: float) -> float:
        return 16 + self.scene.bounds.h * scale + self.legend_height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = min(self.frame_width, availWidth)
        scale = min(self.scale, self.width / self.scene.bounds.w)
        self.height = _shrunk_height(self._height(scale), availHeight)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        bounds = self.scene.bounds
        available = self.height - 16 - self.legend_height
        scale = min(self.width / bounds.w, available / bounds.h)
        left = (self.width - bounds.w * scale) / 2
        top = self.height - 16
        canv.setFillColorRGB(*_rgb(_MUTED))
        draw_text(canv, 0, self.height - 10, self.note, 8.0)

        def at(x: float, y: float) -> tuple[float, float]:
            return left + (x - bounds.x) * scale, top - (y - bounds.y) * scale

        canv.saveState()
        canv.setLineWidth(0.3)
        for meaning in self.scene.meanings:
            canv.setStrokeColorRGB(*_rgb(CONNECTION_COLORS[meaning]))
            path = canv.beginPath()
            for link in self.scene.links:
                if link.meaning == meaning:
                    first, *rest = link.route.polyline()
                    path.moveTo(*at(*first))
                    for point in rest:
                        path.lineTo(*at(*point))
            canv.drawPath(path, stroke=1, fill=0)
        for box in self.scene.boxes:
            look = _look(box.kind, box.note_color)
            canv.setFillColorRGB(*look.accent)
            x, y = at(box.x, box.y + shapes.H)
            canv.rect(x, y, shapes.W * scale, shapes.H * scale, stroke=0, fill=1)
        self._paint_cells(canv, at, scale)
        canv.restoreState()
        if self.legend_height:
            _paint_legend(canv, self.scene, 0, self.legend_height, self.width)

    def _cells(self) -> list[Rect]:
        """Each part's own share of the drawing: its view up to the middle of the overlaps."""
        grid, bounds = self.grid, self.scene.bounds

        def edges(count: int, start: float, step: float, window: float, low: float, high: float):
            cuts = [low]
            for index in range(1, count):
                cuts.append(start + index * step + (window - step) / 2)
            cuts.append(high)
            return cuts

        first = grid.views[0]
        xs = edges(grid.cols, first.x, grid.step_x, first.w, bounds.x, bounds.right)
        ys = edges(grid.rows, first.y, grid.step_y, first.h, bounds.y, bounds.bottom)
        return [
            Rect(xs[col], ys[row], xs[col + 1] - xs[col], ys[row + 1] - ys[row])
            for row in range(grid.rows)
            for col in range(grid.cols)
        ]

    def _paint_cells(self, canv: Canvas, at, scale: float) -> None:  # type: ignore[no-untyped-def]
        """The grid of parts over the miniature, each numbered in a white tag."""
        cells = self._cells()
        canv.setStrokeColorRGB(*_rgb(_INK))
        canv.setLineWidth(0.7)
        for cell in cells:
            x, y = at(cell.x, cell.bottom)
            canv.rect(x, y, cell.w * scale, cell.h * scale, stroke=1, fill=0)
        for index, cell in enumerate(cells):
            text = str(index + 1)
            width, height = cell.w * scale, cell.h * scale
            size = min(11.0, height * 0.6, width * 0.7 / (0.65 * len(text)))
            if size < 3:
                continue
            x, y = at(cell.x + cell.w / 2, cell.y + cell.h / 2)
            text_w = string_width(text, size, FONT_BOLD)
            canv.setFillColorRGB(1, 1, 1)
            canv.setLineWidth(0.5)
            canv.roundRect(
                x - text_w / 2 - 1.5, y - size * 0.55, text_w + 3, size * 1.1, 1.5, stroke=1, fill=1
            )
            canv.setFillColorRGB(*_rgb(_INK))
            draw_text(canv, x - text_w / 2, y - size * 0.36, text, size, FONT_BOLD)


class _Message(Flowable):
    """A line of muted text (for a workflow with nothing to draw)."""

    def __init__(self, text: str, width: float) -> None:
        super().__init__()
        self.text = text
        self.width = width
        self.height = 20.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return min(self.width, availWidth), self.height

    def draw(self) -> None:
        self.canv.setFillColorRGB(*_rgb(_MUTED))
        draw_text(self.canv, 0, 6, self.text, 10.0)


# -- public API -----------------------------------------------------------------------------


def _fitted_label_pt(bounds: Rect, width: float, height: float) -> float:
    """Label size (pt) when ``bounds`` is fitted into width × height."""
    return LABEL_PX * min(width / bounds.w, height / bounds.h, MAX_SCALE)


def workflow_page_size(session: Session, workflow_id: str) -> tuple[float, float]:
    """Landscape A4, or landscape A3 when on A4 the labels would be under MIN_LABEL_PT."""
    scene = _build_scene(session, workflow_id, stakeholder=False)
    if not scene.boxes:
        return A4_LANDSCAPE
    width, height = A4_LANDSCAPE
    frame = (width - _ASSUMED_MARGIN_X, height - _ASSUMED_MARGIN_Y)
    if _fitted_label_pt(scene.bounds, *frame) >= MIN_LABEL_PT:
        return A4_LANDSCAPE
    return A3_LANDSCAPE


def workflow_flowables(
    session: Session,
    workflow_id: str,
    frame_width: float,
    frame_height: float,
    *,
    stakeholder: bool = False,
) -> list[Flowable]:
    """The flowables that draw one workflow in a frame of frame_width × frame_height pt.

    One :class:`WorkflowDrawing` when the fitted drawing's labels are readable; otherwise a
    :class:`WorkflowOverview` and one :class:`WorkflowTile` per part (each fills a page).
    ``stakeholder`` leaves sticky notes out.
    """
    register_fonts()
    scene = _build_scene(session, workflow_id, stakeholder)
    if not scene.boxes:
        return [_Message("This workflow has no elements yet.", frame_width)]
    drawing = WorkflowDrawing(scene, frame_width, frame_height)
    if drawing.label_size() >= MIN_LABEL_PT * _FRAME_TOLERANCE:
        return [drawing]
    grid = tile_grid(scene.bounds, frame_width, frame_height)
    if grid.rows * grid.cols == 1:
        return [drawing]
    tiles: list[Flowable] = [WorkflowOverview(scene, grid, frame_width, frame_height)]
    tiles += [
        WorkflowTile(scene, grid, row, col, frame_width, frame_height)
        for row in range(grid.rows)
        for col in range(grid.cols)
    ]
    return tiles


def paint_workflow_view(
    canv: Canvas,
    session: Session,
    workflow_id: str,
    view: Rect,
    scale: float,
    left: float,
    top: float,
    *,
    faint: Collection[str] = (),
    alpha: float = 1.0,
) -> None:
    """Draw the part ``view`` (scene px) of a workflow with its top-left at (left, top) pt,
    ``scale`` pt per scene px, clipped to the view (the slides' handout uses it).

    What ``faint`` names (element and connection ids, e.g. what a focus lens dims; a role's
    lane goes with the role) is drawn at ``alpha`` under the rest, on the same routes.
    """
    scene = _build_scene(session, workflow_id, False)
    _paint_scene(canv, scene, view, scale, left, top, faint, alpha)
