"""Fonts for the PDF: DejaVu Sans for most scripts, Droid Sans Fallback for the rest (CJK …).

Both ship in ``resources/fonts`` and are embedded (subset) in every PDF, so names such as
"Łódź", "Müller" or "東京" render on any machine. reportlab has no automatic font fallback,
so text is split into runs by which font has the glyph.
"""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

from resources import RESOURCES_DIR

FONT = "OpModelSans"
FONT_BOLD = "OpModelSans-Bold"
FONT_FALLBACK = "OpModelFallback"
_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_FALLBACK: "DroidSansFallbackFull.ttf",
}


@cache
def register_fonts() -> None:
    """Register the shipped fonts with reportlab (once per process)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(RESOURCES_DIR / "fonts" / filename)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)


@cache
def _covered(font_name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    face = pdfmetrics.getFont(font_name).face
    return frozenset(face.charToGlyph)


def has_glyph(font_name: str, char: str) -> bool:
    """True when ``font_name`` can draw ``char``."""
    return ord(char) in _covered(font_name)


def font_runs(text: str, font_name: str = FONT) -> list[tuple[str, str]]:
    """Split ``text`` into (font, substring) runs: ``font_name`` where it has the glyph,
    the fallback font elsewhere. For drawing with ``canvas.drawString``."""
    runs: list[tuple[str, str]] = []
    for char in text:
        font = font_name if (char.isspace() or has_glyph(font_name, char)) else FONT_FALLBACK
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


def string_width(text: str, size: float, font_name: str = FONT) -> float:
    """Width in points of ``text`` drawn with fallback runs."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(part, font, size) for font, part in font_runs(text, font_name))


def draw_text(canvas, x: float, y: float, text: str, size: float, font_name: str = FONT) -> None:  # type: ignore[no-untyped-def]
    """Draw ``text`` at (x, y) on a reportlab canvas, switching fonts where needed."""
    for font, part in font_runs(text, font_name):
        canvas.setFont(font, size)
        canvas.drawString(x, y, part)
        x += canvas.stringWidth(part, font, size)


def markup(text: str, font_name: str = FONT) -> str:
    """``text`` escaped for a reportlab Paragraph, with fallback-font tags where needed."""
    parts = []
    for font, part in font_runs(text, font_name):
        escaped = escape(part).replace("\n", "<br/>")
        parts.append(escaped if font == font_name else f'<font name="{font}">{escaped}</font>')
    return "".join(parts)
