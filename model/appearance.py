"""How each element kind looks: shape, colours, size, fonts. One table for canvas, icons, PDF.

The palette is high-contrast for projectors: saturated fills for the header band, dark text
on light bodies, and a dark outline. Colours are plain hex strings so that exports without Qt
(the PDF blueprint) can use the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Shape = Literal[
    "rounded",
    "pill",
    "hexagon",
    "diamond",
    "cylinder",
    "person",
    "shield",
    "gauge",
    "octagon",
    "note",
    "document",
]

#: Size of an element box at zoom 1, in scene pixels.
ELEMENT_WIDTH = 180
ELEMENT_HEIGHT = 80
#: Grid spacing for snapping and for the background grid.
GRID = 20
#: Label font size in pixels at zoom 1 (at least 14 so labels read when projected).
LABEL_PX = 15
#: Small caption (kind name) font size in pixels.
CAPTION_PX = 11


@dataclass(frozen=True)
class KindStyle:
    """The look of one element kind."""

    shape: Shape
    fill: str  # body colour (light)
    accent: str  # header band, outline and icon colour (saturated)
    text: str = "#111827"


KIND_STYLES: dict[str, KindStyle] = {
    "trigger": KindStyle("pill", "#E0F2FE", "#0369A1"),
    "step": KindStyle("rounded", "#F3F4F6", "#374151"),
    "ai_step": KindStyle("rounded", "#EDE9FE", "#6D28D9"),
    "role": KindStyle("person", "#FEF3C7", "#B45309"),
    "data": KindStyle("cylinder", "#DCFCE7", "#15803D"),
    "gate": KindStyle("diamond", "#FFE4E6", "#BE123C"),
    "review": KindStyle("octagon", "#FCE7F3", "#A21CAF"),
    "control": KindStyle("shield", "#E2E8F0", "#1E3A8A"),
    "metric": KindStyle("gauge", "#CCFBF1", "#0F766E"),
    "outcome": KindStyle("pill", "#D1FAE5", "#047857"),
    "note": KindStyle("note", "#FEF9C3", "#A16207"),
}

NOTE_FILLS: dict[str, str] = {
    "yellow": "#FEF08A",
    "pink": "#FBCFE8",
    "blue": "#BFDBFE",
    "green": "#BBF7D0",
}

#: Connection colours by meaning (see model.connections.CONNECTION_RULES).
CONNECTION_COLORS: dict[str, str] = {
    "flow": "#111827",
    "feeds": "#15803D",
    "responsible": "#B45309",
    "governs": "#1E3A8A",
    "measures": "#0F766E",
    "learning_loop": "#0F766E",
}
#: Dashed meanings (everything but the flow of work is drawn dashed).
DASHED_MEANINGS = frozenset({"feeds", "responsible", "governs", "measures", "learning_loop"})

SELECTION_COLOR = "#F59E0B"
REFUSED_COLOR = "#DC2626"
ACCEPT_COLOR = "#16A34A"
CANVAS_BACKGROUND = "#FFFFFF"
GRID_COLOR = "#E5E7EB"
#: Role lanes: alternating band fills, the header column's fill and the lines between lanes.
LANE_FILLS = ("#F8FAFC", "#EFF3F8")
LANE_HEADER_FILL = "#E4E9F0"
LANE_BORDER = "#94A3B8"

SEVERITY_COLORS: dict[str, str] = {"error": "#DC2626", "warning": "#F59E0B", "info": "#2563EB"}


def style_for(kind: str) -> KindStyle:
    """The style of ``kind`` (a neutral style for unknown kinds)."""
    return KIND_STYLES.get(kind, KIND_STYLES["step"])


# -- where text goes inside a box (shared by the canvas and the PDF drawing) --------------

#: Height of the coloured header band that carries the kind caption.
BAND_HEIGHT = 22.0
#: Vertical radius of a data cylinder's rim.
CYLINDER_RY = 8.0
#: Size of a sticky note's folded corner.
NOTE_FOLD = 18.0

Box = tuple[float, float, float, float]  # x, y, width, height from the box's top-left


@dataclass(frozen=True)
class TextAreas:
    """Where the caption and the label sit in a box of one shape (None: no band)."""

    band_top: float
    caption: Box | None
    label: Box


#: shape -> (side inset of the text, bottom inset of the label, top of the band).
_TEXT_INSETS: dict[str, tuple[float, float, float]] = {
    "pill": (24.0, 4.0, 0.0),
    "hexagon": (18.0, 4.0, 0.0),
    "diamond": (26.0, 4.0, 0.0),
    "octagon": (14.0, 4.0, 0.0),
    "cylinder": (10.0, CYLINDER_RY, CYLINDER_RY),
    "shield": (10.0, 10.0, 0.0),
    "document": (10.0, 10.0, 0.0),
}
_DEFAULT_INSETS = (10.0, 4.0, 0.0)  # rounded, person, gauge


def text_areas(shape: str) -> TextAreas:
    """The caption and label areas of ``shape`` (unknown shapes: as 'rounded')."""
    width, height = float(ELEMENT_WIDTH), float(ELEMENT_HEIGHT)
    if shape == "note":
        return TextAreas(0.0, None, (12.0, 10.0, width - 12 - NOTE_FOLD - 4, height - 16))
    side, bottom, band_top = _TEXT_INSETS.get(shape, _DEFAULT_INSETS)
    caption = (side, band_top + 1, width - 2 * side - 20, BAND_HEIGHT - 2)
    label_top = band_top + BAND_HEIGHT + 2
    label = (side, label_top, width - 2 * side, height - label_top - bottom)
    return TextAreas(band_top, caption, label)
