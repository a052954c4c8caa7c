"""The four-stage maturity path, drawn as chevrons with the workshop's stage highlighted."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Polygon, String
from reportlab.lib.colors import HexColor

from exports.pdf.fonts import FONT, FONT_BOLD, string_width
from exports.pdf.styles import ACCENT, ACCENT_LIGHT, MUTED, PALE, RULE, TEXT, WHITE
from model.assessment import stage_name
from model.vocabulary import MATURITY_STAGES

#: What each stage means, for the sentence under the path.
STAGE_MEANINGS: tuple[str, ...] = (
    "People try AI tools in contained pilots, with guardrails but without a shared "
    "operating model.",
    "The organisation chooses the workflows where AI creates the most value and can be "
    "introduced safely.",
    "Priority workflows are redesigned end to end: roles, data, decision rights, quality "
    "assurance, governance and metrics.",
    "The operating model is rolled out across functions, measured and improved continuously.",
)

_HEIGHT = 52.0
_POINT = 12.0
_GAP = 4.0
_NAME_SIZE = 9.0


def maturity_path(stage: int | None, width: float) -> Drawing:
    """Four chevrons, stage 1 to 4; ``stage`` (1–4) is filled with the accent colour,
    earlier stages tinted, later ones grey. ``None`` highlights nothing."""
    count = len(MATURITY_STAGES)
    drawing = Drawing(width, _HEIGHT)
    drawing.initialFontName = FONT  # not reportlab's Helvetica: every font named is embedded
    box = (width - (count - 1) * _GAP + (count - 1) * _POINT) / count
    for index in range(count):
        number = index + 1
        left = index * (box + _GAP - _POINT)
        if stage is not None and number == stage:
            fill, stroke, ink, font = HexColor(ACCENT), HexColor(ACCENT), HexColor(WHITE), FONT_BOLD
        elif stage is not None and number < stage:
            fill, stroke, ink, font = HexColor(ACCENT_LIGHT), HexColor(ACCENT), HexColor(TEXT), FONT
        else:
            fill, stroke, ink, font = HexColor(PALE), HexColor(RULE), HexColor(MUTED), FONT
        notch = _POINT if index > 0 else 0.0
        tip = _POINT if index < count - 1 else 0.0
        right = left + box
        points = [
            left, 0, right - tip, 0, right, _HEIGHT / 2, right - tip, _HEIGHT,
            left, _HEIGHT, left + notch, _HEIGHT / 2,
        ]  # fmt: skip
        drawing.add(Polygon(points, fillColor=fill, strokeColor=stroke, strokeWidth=0.8))
        text_left = left + notch + 6
        text_width = right - tip - text_left - 2
        lines = [f"{number}", *_two_lines(stage_name(number), text_width, font)]
        top = _HEIGHT / 2 + (len(lines) - 1) * 11 / 2 - 3
        for n, line in enumerate(lines):
            size = 11.0 if n == 0 else _NAME_SIZE
            drawing.add(
                String(
                    text_left,
                    top - n * 11,
                    line,
                    fontName=FONT_BOLD if n == 0 else font,
                    fontSize=size,
                    fillColor=ink,
                )
            )
    return drawing


def _two_lines(text: str, width: float, font: str) -> list[str]:
    """``text`` on at most two lines of ``width`` points (the best split between words)."""
    if string_width(text, _NAME_SIZE, font) <= width:
        return [text]
    words = text.split()
    best = [text]
    best_width = float("inf")
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        widest = max(string_width(first, _NAME_SIZE, font), string_width(second, _NAME_SIZE, font))
        if widest < best_width:
            best, best_width = [first, second], widest
    return best
