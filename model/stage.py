"""A slide as plain geometry: what it draws and where, in stage units, for any screen.

One stage unit is one scene pixel of the canvas (an element box is 180 × 80 units, its
label 15 units high). A stage is laid out so that, shown on a screen ``H`` pixels high,
a unit is ``1.6 × H / 1080`` pixels: element labels come out at 24 px and kind tags at
17.6 px on a 1080-line projector, and in proportion on any other. The stage's size in
units is the viewport's size in pixels divided by that scale, so the layout fills
whatever screen it is shown on; very small viewports get a minimum stage, scaled down.

The same stage is painted by the presentation screen, the presenter view's previews, the
PNG slides (Qt, ``canvas/slide_painter.py``) and the PDF handout (reportlab,
``exports/pdf/handout.py``), so they show the same thing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from model.appearance import LABEL_PX
from model.routing import Route
from model.session import Session

#: Element labels on a 1080-line screen are this many pixels high.
LABEL_TARGET_PX = 24.0
#: Kind tags (the caption in an element's band) are at least this high there.
CAPTION_TARGET_PX = 14.0
REFERENCE_LINES = 1080.0
#: The smallest stage (units); a smaller viewport shows it scaled down.
MIN_STAGE_WIDTH = 1100.0
MIN_STAGE_HEIGHT = 520.0

MARGIN = 36.0
TITLE_SIZE = 28.0
HEADER_HEIGHT = 78.0
FOOTER_SIZE = 15.0
FOOTER_HEIGHT = 44.0

INK = "#111827"
MUTED = "#4B5563"
RULE = "#D1D5DB"
PANEL_FILL = "#F9FAFB"
PANEL_LINE = "#E5E7EB"
#: Severity ink for text next to a severity mark (darker than the badge colours, to read).
SEVERITY_INK: dict[str, str] = {"error": "#B91C1C", "warning": "#92400E", "info": "#1D4ED8"}

Box = tuple[float, float, float, float]  # x, y, width, height
Align = Literal["left", "center", "right"]


def px_per_unit(screen_height: float) -> float:
    """Screen pixels per stage unit on a screen ``screen_height`` pixels high."""
    return LABEL_TARGET_PX / LABEL_PX * max(1.0, screen_height) / REFERENCE_LINES


@dataclass(frozen=True)
class StageSize:
    """A stage's width and height in units."""

    width: float
    height: float

    def content(self) -> Box:
        """The area between the title and the footer."""
        top = HEADER_HEIGHT
        return (MARGIN, top, self.width - 2 * MARGIN, self.height - top - FOOTER_HEIGHT)


def stage_size(width_px: float, height_px: float, screen_height_px: float) -> StageSize:
    """The stage for a viewport of ``width_px`` × ``height_px`` on a screen that high."""
    scale = px_per_unit(screen_height_px)
    width = max(1.0, width_px) / scale
    height = max(1.0, height_px) / scale
    if width < MIN_STAGE_WIDTH:
        height *= MIN_STAGE_WIDTH / width
        width = MIN_STAGE_WIDTH
    if height < MIN_STAGE_HEIGHT:
        width *= MIN_STAGE_HEIGHT / height
        height = MIN_STAGE_HEIGHT
    return StageSize(width, height)


# -- what a stage draws ---------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Text wrapped into ``box`` (at most ``max_lines`` lines; the last one elided)."""

    box: Box
    text: str
    size: float
    bold: bool = False
    color: str = INK
    align: Align = "left"
    max_lines: int = 1


@dataclass(frozen=True)
class Panel:
    """A filled rectangle (rounded by ``radius``); ``hatched`` draws diagonal hatching."""

    box: Box
    fill: str
    outline: str | None = None
    radius: float = 6.0
    hatched: bool = False


@dataclass(frozen=True)
class Mark:
    """A severity icon: error a circle with a cross, warning a triangle with "!",
    info a circle with "i" (the shape says it without the colour)."""

    severity: str
    cx: float
    cy: float
    size: float


@dataclass(frozen=True)
class Elements:
    """A workflow's elements and connections (of ``session``) drawn from ``source``
    (scene coordinates) into ``target`` (stage units), uniformly scaled."""

    session: Session
    workflow_id: str
    source: Box
    target: Box
    dimmed: frozenset[str] = frozenset()
    #: Severity badge per element id ("error", "warning", "info").
    badges: tuple[tuple[str, str], ...] = ()

    @property
    def scale(self) -> float:
        """Stage units per scene pixel."""
        return min(self.target[2] / self.source[2], self.target[3] / self.source[3])


@dataclass(frozen=True)
class Connector:
    """A connection the slide routes itself (the overview's turn from the end of one row
    into the next), drawn as the canvas draws a connection of ``meaning``; in stage units."""

    route: Route
    meaning: str = "flow"
    dimmed: bool = False


@dataclass(frozen=True)
class Matrix:
    """The prioritisation matrix of the whole workshop, fitted into ``box``."""

    box: Box


Shape = Text | Panel | Mark | Elements | Connector | Matrix


@dataclass
class Stage:
    """One slide: its size and what it draws, in painting order."""

    size: StageSize
    shapes: list[Shape] = field(default_factory=list)

    def add(self, *shapes: Shape) -> None:
        """Draw ``shapes`` after what is there."""
        self.shapes.extend(shapes)

    def texts(self) -> list[str]:
        """Every text drawn (for tests and notes)."""
        return [s.text for s in self.shapes if isinstance(s, Text)]

    def elements(self) -> Elements | None:
        """The elements layer, if the stage has one."""
        return next((s for s in self.shapes if isinstance(s, Elements)), None)


# -- helpers shared by the layouts --------------------------------------------------------

#: Average advance of a character, as a share of the font size (bold sans, Latin text).
_CHAR_WIDTH = 0.58
LINE_HEIGHT = 1.28


def estimated_lines(text: str, size: float, width: float, max_lines: int) -> int:
    """About how many lines ``text`` takes at ``size`` in ``width`` (1 … ``max_lines``)."""
    if not text:
        return 1
    per_line = max(1, int(width / (size * _CHAR_WIDTH)))
    lines = 0
    for paragraph in text.splitlines() or [""]:
        lines += max(1, math.ceil(len(paragraph) / per_line))
    return max(1, min(max_lines, lines))


def text_height(lines: int, size: float) -> float:
    """Height of ``lines`` lines of text at ``size``."""
    return lines * size * LINE_HEIGHT


def chrome(
    stage: Stage, title: str, footer_left: str, number: int, count: int, footer_middle: str = ""
) -> None:
    """The title at the top and the footer (workflow, layers, slide number) at the bottom."""
    width, height = stage.size.width, stage.size.height
    stage.add(
        Text((MARGIN, 18.0, width - 2 * MARGIN, TITLE_SIZE * LINE_HEIGHT), title, TITLE_SIZE, True)
    )
    stage.add(Panel((MARGIN, HEADER_HEIGHT - 10.0, width - 2 * MARGIN, 2.0), RULE, radius=0))
    base = height - FOOTER_HEIGHT + 14.0
    line = FOOTER_SIZE * LINE_HEIGHT
    third = (width - 2 * MARGIN) / 3
    stage.add(Text((MARGIN, base, third * 1.4, line), footer_left, FOOTER_SIZE, color=MUTED))
    if footer_middle:
        stage.add(
            Text(
                (MARGIN + third * 1.4, base, third * 1.2, line),
                footer_middle,
                FOOTER_SIZE,
                color=MUTED,
                align="center",
            )
        )
    if count:
        stage.add(
            Text(
                (width - MARGIN - third * 0.4, base, third * 0.4, line),
                f"{number} / {count}",
                FOOTER_SIZE,
                True,
                MUTED,
                "right",
            )
        )


def message(stage: Stage, text: str, size: float = 24.0) -> None:
    """One centred message in the content area (for an empty slide)."""
    x, y, w, h = stage.size.content()
    lines = estimated_lines(text, size, w * 0.7, 4)
    tall = text_height(lines, size)
    stage.add(
        Text(
            (x + w * 0.15, y + (h - tall) / 2, w * 0.7, tall), text, size, False, MUTED, "center", 4
        )
    )
