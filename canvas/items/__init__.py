"""Graphics items of the canvas: element boxes, connection arrows, role lanes, the label editor.

Items are drawn for a projector: saturated accent bands, bold 15 px labels and 2 px outlines.
They stay cheap with thousands on screen: element items are cached in device coordinates,
fonts, pens and paths are built once per kind (lazily, at first paint), labels are wrapped
once per label change, and below a zoom of about 0.4 items drop their text entirely.

One module per item type: :mod:`~canvas.items.element`, :mod:`~canvas.items.connection`,
:mod:`~canvas.items.overview`, :mod:`~canvas.items.lanes` and
:mod:`~canvas.items.label_editor`; box painting lives in :mod:`~canvas.items.box_paint` and
shared fonts and pens in :mod:`~canvas.items.style`.
"""

from canvas.items.box_paint import MARK_COLORS, MARK_GAP, MARK_WIDTH
from canvas.items.connection import ConnectionItem
from canvas.items.element import ElementItem
from canvas.items.label_editor import LabelEditor
from canvas.items.lanes import LaneLayer
from canvas.items.overview import OverviewLayer
from canvas.items.style import (
    LOD_RECT,
    LOD_TEXT,
    caption_font,
    connection_font,
    connection_metrics,
    label_font,
    label_metrics,
    raci_font,
    wrap_label,
)
from model.routing import CONNECTION_LABEL_PX

__all__ = [
    "CONNECTION_LABEL_PX",
    "LOD_RECT",
    "LOD_TEXT",
    "MARK_COLORS",
    "MARK_GAP",
    "MARK_WIDTH",
    "ConnectionItem",
    "ElementItem",
    "LabelEditor",
    "LaneLayer",
    "OverviewLayer",
    "caption_font",
    "connection_font",
    "connection_metrics",
    "label_font",
    "label_metrics",
    "raci_font",
    "wrap_label",
]
