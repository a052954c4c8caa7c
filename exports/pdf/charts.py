"""Charts of the blueprint, drawn with matplotlib (Agg, no GUI) and placed as 200 dpi images.

* :func:`component_chart` — the seven component scores as horizontal bars, coloured like
  the app's score strip (green ≥ 80, amber ≥ 50, red below or with an error finding; grey
  "not yet mapped"), each number with its band's symbol.
* :func:`prioritisation_chart` — workflows on a value × feasibility grid with quadrants,
  bubble area by votes; workflows not yet rated are listed in a note under the chart.

Text uses the shipped DejaVu Sans with Droid Sans Fallback behind it, so names in any
script (CJK too) render. matplotlib is imported lazily: it is slow to import and only the
PDF export needs it. Figures are built with ``matplotlib.figure.Figure`` and the Agg
canvas directly, never pyplot, so no global backend or figure state is touched.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable, Image

from exports.pdf.fonts import FONT, draw_text, register_fonts, string_width
from model.appearance import KIND_STYLES
from model.score_bands import GOOD as BAND_GOOD
from model.score_bands import PARTIAL, WEAK, score_band
from model.session import Session
from model.vocabulary import COMPONENTS
from resources import RESOURCES_DIR

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DPI = 200
#: Score colours: the bands of :mod:`model.score_bands`, as on the app's score strip.
GOOD, FAIR, POOR = BAND_GOOD.background, PARTIAL.background, WEAK.background
NOT_MAPPED = "not yet mapped"
_INK = "#111827"
_MUTED = "#4B5563"
_GRID = "#E5E7EB"
_HATCH = "#9CA3AF"
_UNMAPPED_FILL = "#F3F4F6"
_FONT_FAMILIES = ["DejaVu Sans", "Droid Sans Fallback"]
_NOTE_PT = 9.0
_NOTE_LEADING = 12.0
_NOTE_MAX_LINES = 4

#: Axis range of both scales: room beyond 1 and 5 for the quadrant names and big bubbles.
_LOW, _HIGH = 0.2, 5.8
#: Quadrants: (name, x range, y range, fill, text colour, label corner).
_QUADRANTS = (
    ("Quick wins", (3.0, _HIGH), (3.0, _HIGH), "#DCFCE7", "#166534", "top right"),
    ("Strategic bets", (_LOW, 3.0), (3.0, _HIGH), "#E0F2FE", "#075985", "top left"),
    ("Fill-ins", (3.0, _HIGH), (_LOW, 3.0), "#FEF3C7", "#92400E", "bottom right"),
    ("Deprioritise", (_LOW, 3.0), (_LOW, 3.0), "#F3F4F6", "#374151", "bottom left"),
)
_BUBBLE = KIND_STYLES["ai_step"].accent
_BUBBLE_EDGE = "#4C1D95"


def score_color(score: int, *, has_errors: bool = False) -> str:
    """Bar colour of a score: green ≥ 80, amber ≥ 50, red below or with an error finding."""
    return score_band(score, has_errors=has_errors).background


@cache
def _register_matplotlib_fonts() -> None:
    from matplotlib import font_manager

    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DroidSansFallbackFull.ttf"):
        font_manager.fontManager.addfont(str(RESOURCES_DIR / "fonts" / name))


def _style() -> dict[str, Any]:
    return {
        "font.family": _FONT_FAMILIES,
        "font.size": 9.5,
        "axes.edgecolor": _HATCH,
        "axes.labelcolor": _INK,
        "xtick.color": _MUTED,
        "ytick.color": _INK,
        "hatch.linewidth": 0.8,
        "svg.fonttype": "none",
    }


@contextmanager
def _quiet_font_lookup() -> Iterator[None]:
    """Hide matplotlib's "no bold face for Droid Sans Fallback" warnings (it has none; bold
    text falls back to its regular face, which is what we want)."""
    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width / 72, height / 72), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    figure.get_layout_engine().set(w_pad=2 / 72, h_pad=2 / 72)
    return figure


class ChartImage(Image):
    """A chart placed as a PNG image; ``png`` holds the encoded image."""

    def __init__(self, png: bytes, width: float, height: float) -> None:
        super().__init__(BytesIO(png), width=width, height=height)
        self.png = png


def _image(figure: Figure, width: float, height: float) -> ChartImage:
    buffer = BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return ChartImage(buffer.getvalue(), width, height)


# -- component scores -----------------------------------------------------------------------


def component_chart(
    scores: dict[str, int | None], width: float, height: float, errors: Collection[str] = ()
) -> Flowable:
    """The seven component scores (0–100) as horizontal bars, in component order.

    A component without a score gets a grey hatched bar reading "not yet mapped"; a bar's
    number carries its band's symbol (✓ ▲ ✕), so the chart reads without colour too.
    ``errors``: the components with an error finding (red, whatever their score).
    """
    import matplotlib

    _register_matplotlib_fonts()
    with matplotlib.rc_context(_style()), _quiet_font_lookup():
        figure = _figure(width, height)
        axes = figure.add_subplot()
        names = [component.name for component in COMPONENTS]
        rows = list(range(len(COMPONENTS)))[::-1]  # first component on top
        for row, component in zip(rows, COMPONENTS, strict=True):
            value = scores.get(component.id)
            if value is None:
                axes.barh(
                    row,
                    100,
                    height=0.62,
                    color=_UNMAPPED_FILL,
                    edgecolor=_HATCH,
                    hatch="///",
                    linewidth=0,
                )
                axes.text(
                    50,
                    row,
                    NOT_MAPPED,
                    ha="center",
                    va="center",
                    fontsize=9,
                    style="italic",
                    color=_MUTED,
                    bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "none"},
                )
                continue
            value = max(0, min(100, int(value)))
            band = score_band(value, has_errors=component.id in errors)
            axes.barh(row, value, height=0.62, color=band.background, linewidth=0)
            shown = f"{band.symbol} {value}"
            if value >= 20:
                axes.text(value - 1.5, row, shown, ha="right", va="center",
                          fontsize=9.5, fontweight="bold", color="white")  # fmt: skip
            else:
                axes.text(value + 1.5, row, shown, ha="left", va="center",
                          fontsize=9.5, fontweight="bold", color=_INK)  # fmt: skip
        axes.set_yticks(rows, names, fontsize=10)
        axes.set_xlim(0, 100)
        axes.set_ylim(-0.6, len(COMPONENTS) - 0.4)
        axes.set_xticks([0, 20, 40, 60, 80, 100])
        axes.tick_params(axis="x", labelsize=8.5, length=0)
        axes.tick_params(axis="y", length=0, pad=6)
        axes.grid(axis="x", color=_GRID, linewidth=0.8)
        axes.set_axisbelow(True)
        for side in ("top", "right", "left"):
            axes.spines[side].set_visible(False)
        axes.spines["bottom"].set_color(_HATCH)
        return _image(figure, width, height)


# -- prioritisation -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Point:
    name: str
    x: float
    y: float
    votes: int


def _rated_points(session: Session) -> tuple[list[_Point], list[str]]:
    """Rated workflows as points (spread apart where they share a cell), and unrated names."""
    import math

    cells: dict[tuple[int, int], list[Any]] = {}
    unrated: list[str] = []
    for workflow in session.ordered_workflows():
        name = workflow.name or workflow.id
        if workflow.value is None or workflow.feasibility is None:
            unrated.append(name)
            continue
        cells.setdefault((workflow.feasibility, workflow.value), []).append(workflow)
    points = []
    for (feasibility, value), workflows in cells.items():
        count = len(workflows)
        radius = 0.0 if count == 1 else min(0.3, 0.12 + 0.03 * count)
        for index, workflow in enumerate(workflows):
            angle = math.pi / 2 + 2 * math.pi * index / count
            points.append(
                _Point(
                    workflow.name or workflow.id,
                    feasibility + radius * math.cos(angle),
                    value + radius * math.sin(angle),
                    max(0, workflow.votes),
                )
            )
    return points, unrated


def _bubble_size(votes: int, most: int) -> float:
    """Marker area (pt²): at least 70 for no votes, up to 650 for the most votes."""
    return 70.0 + 580.0 * (votes / most if most > 0 else 0.0)


def _short(name: str, limit: int = 30) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _place_labels(
    figure: Figure, axes: Any, points: list[_Point], sizes: list[float], fixed: list[Any]
) -> None:
    """Label each bubble beside it, trying several sides to avoid other labels and ``fixed``
    texts (the quadrant names)."""
    import math

    renderer = figure.canvas.get_renderer()
    axes_box = axes.get_window_extent(renderer)
    from matplotlib.transforms import Bbox

    taken: list[Any] = [text.get_window_extent(renderer) for text in fixed]
    bubbles: list[Any] = []
    for point, size in zip(points, sizes, strict=True):
        cx, cy = axes.transData.transform((point.x, point.y))
        radius = math.sqrt(size) / 2 * figure.dpi / 72
        bubbles.append(Bbox.from_extents(cx - radius, cy - radius, cx + radius, cy + radius))
    for point, size in zip(points, sizes, strict=True):
        gap = math.sqrt(size) / 2 + 3  # points beyond the bubble's edge
        candidates = [
            ((gap, 0), "left", "center"),
            ((-gap, 0), "right", "center"),
            ((0, gap), "center", "bottom"),
            ((0, -gap), "center", "top"),
            ((gap * 0.7, gap * 0.7), "left", "bottom"),
            ((-gap * 0.7, gap * 0.7), "right", "bottom"),
            ((gap * 0.7, -gap * 0.7), "left", "top"),
            ((-gap * 0.7, -gap * 0.7), "right", "top"),
        ]
        best = None
        for offset, ha, va in candidates:
            text = axes.annotate(
                _short(point.name),
                (point.x, point.y),
                xytext=offset,
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=9,
                color=_INK,
                zorder=4,
            )
            box = text.get_window_extent(renderer)
            inside = (
                box.x0 >= axes_box.x0
                and box.x1 <= axes_box.x1
                and box.y0 >= axes_box.y0
                and box.y1 <= axes_box.y1
            )
            clashes = sum(box.overlaps(other) for other in taken) + sum(
                box.overlaps(bubble) for bubble in bubbles
            )
            score = clashes * 2 + (0 if inside else 1)
            if best is None or score < best[0]:
                if best is not None:
                    best[1].remove()
                best = (score, text, box)
            else:
                text.remove()
            if score == 0:
                break
        assert best is not None
        taken.append(best[2])


def _note_lines(unrated: list[str], width: float) -> list[str]:
    """'Not yet rated: …' wrapped to ``width`` in at most _NOTE_MAX_LINES lines."""
    if not unrated:
        return []
    words = ["Not yet rated:"] + [
        name + ("," if index < len(unrated) - 1 else "") for index, name in enumerate(unrated)
    ]
    lines: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if string_width(candidate, _NOTE_PT) <= width or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == _NOTE_MAX_LINES - 1:
            left = len(words) - index
            rest = " ".join(words[index:])
            more = f" … and {left - 1} more" if left > 1 else ""
            if string_width(rest, _NOTE_PT) <= width:
                current = rest
            else:
                current = _fit(word.rstrip(","), width - string_width(more, _NOTE_PT)) + more
            break
    lines.append(current)
    return lines


def _fit(text: str, width: float) -> str:
    if string_width(text, _NOTE_PT) <= width:
        return text
    while text and string_width(text + "…", _NOTE_PT) > width:
        text = text[:-1]
    return text + "…"


class ChartWithNote(Flowable):
    """A chart image with a few lines of note text under it (vector text, any script)."""

    def __init__(self, image: ChartImage, lines: list[str], width: float, height: float) -> None:
        super().__init__()
        self.image = image
        self.lines = lines
        self.width = width
        self.height = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        note_height = len(self.lines) * _NOTE_LEADING + 4
        self.image.drawOn(canv, 0, note_height)
        canv.setFillColorRGB(0x4B / 255, 0x55 / 255, 0x63 / 255)
        y = note_height - _NOTE_LEADING + 1
        for line in self.lines:
            draw_text(canv, 6, y, line, _NOTE_PT, FONT)
            y -= _NOTE_LEADING


def prioritisation_chart(session: Session, width: float, height: float) -> Flowable:
    """Workflows by feasibility (x, 1–5) and value (y, 1–5), bubble area by votes.

    Quadrants: "Quick wins" (high value, high feasibility), "Strategic bets" (high value,
    low feasibility), "Fill-ins" (low value, high feasibility), "Deprioritise". Workflows
    without a value or feasibility are listed under the chart ("Not yet rated: …").
    """
    import matplotlib

    register_fonts()
    _register_matplotlib_fonts()
    points, unrated = _rated_points(session)
    lines = _note_lines(unrated, width - 12)
    note_height = len(lines) * _NOTE_LEADING + 4 if lines else 0.0
    chart_height = height - note_height
    with matplotlib.rc_context(_style()), _quiet_font_lookup():
        figure = _figure(width, chart_height)
        axes = figure.add_subplot()
        quadrant_names = []
        for name, (x0, x1), (y0, y1), fill, ink, corner in _QUADRANTS:
            axes.fill_between([x0, x1], y0, y1, color=fill, linewidth=0, zorder=0)
            right = corner.endswith("right")
            top = corner.startswith("top")
            text = axes.text(
                x1 - 0.06 if right else x0 + 0.06,
                y1 - 0.06 if top else y0 + 0.06,
                name,
                ha="right" if right else "left",
                va="top" if top else "bottom",
                fontsize=10,
                fontweight="bold",
                color=ink,
                zorder=1,
            )
            quadrant_names.append(text)
        axes.axvline(3.0, color="#9CA3AF", linewidth=0.8, zorder=1)
        axes.axhline(3.0, color="#9CA3AF", linewidth=0.8, zorder=1)
        most = max((p.votes for p in points), default=0)
        sizes = [_bubble_size(p.votes, most) for p in points]
        if points:
            axes.scatter(
                [p.x for p in points],
                [p.y for p in points],
                s=sizes,
                color=_BUBBLE,
                alpha=0.65,
                edgecolors=_BUBBLE_EDGE,
                linewidths=1.0,
                zorder=3,
            )
        axes.set_xlim(_LOW, _HIGH)
        axes.set_ylim(_LOW, _HIGH)
        axes.set_xticks([1, 2, 3, 4, 5])
        axes.set_yticks([1, 2, 3, 4, 5])
        axes.tick_params(labelsize=9, length=0)
        axes.set_xlabel("Feasibility (1–5)", fontsize=10)
        axes.set_ylabel("Value (1–5)", fontsize=10)
        for spine in axes.spines.values():
            spine.set_color("#D1D5DB")
        if most > 0:
            axes.text(
                1.0,
                -0.11,
                "bubble area: votes",
                transform=axes.transAxes,
                ha="right",
                va="top",
                fontsize=8.5,
                color=_MUTED,
            )
        if points:
            figure.canvas.draw()  # lay out first, so label extents are final
            _place_labels(figure, axes, points, sizes, quadrant_names)
        image = _image(figure, width, chart_height)
    if not lines:
        return image
    return ChartWithNote(image, lines, width, height)
