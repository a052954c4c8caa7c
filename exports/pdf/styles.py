"""Paragraph and table styles of the PDF blueprint: one place for type sizes and colours.

Body text is 10.5 pt, table cells 8.5 pt; headings use the product's accent colours (the
violet of AI steps for sections, the navy of governance for sub-headings). Colours come
from :mod:`model.appearance` so the document looks like the app on the wall.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from exports.pdf.fonts import FONT, FONT_BOLD, register_fonts
from model.appearance import KIND_STYLES, SEVERITY_COLORS

#: Section headings, cover band, highlighted maturity stage (the AI-step violet).
ACCENT = KIND_STYLES["ai_step"].accent
#: Light tint of the accent (boxes, table stripes on the cover).
ACCENT_LIGHT = KIND_STYLES["ai_step"].fill
#: Sub-headings and table header rows (the governance navy).
NAVY = KIND_STYLES["control"].accent
TEXT = "#111827"
MUTED = "#4B5563"
RULE = "#D1D5DB"
STRIPE = "#F9FAFB"
PALE = "#F3F4F6"
WHITE = "#FFFFFF"

#: Colour of the confidentiality band on the cover and of the marking in the footer.
CONFIDENTIALITY_COLORS: dict[str, str] = {
    "public": "#15803D",
    "internal": NAVY,
    "confidential": "#B45309",
    "restricted": "#B91C1C",
}
#: Finding severities, as on the canvas.
SEVERITY = SEVERITY_COLORS

BODY_SIZE = 10.5
CELL_SIZE = 8.5


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the blueprint uses."""

    body: ParagraphStyle
    muted: ParagraphStyle
    intro: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    cover_meta: ParagraphStyle
    cover_label: ParagraphStyle
    cover_client: ParagraphStyle
    cover_band: ParagraphStyle
    cover_band_dark: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_header: ParagraphStyle
    toc_levels: tuple[ParagraphStyle, ...]


@cache
def stylesheet() -> Styles:
    """The blueprint's paragraph styles (fonts registered on first use)."""
    register_fonts()
    text = HexColor(TEXT)
    body = ParagraphStyle(
        "body", fontName=FONT, fontSize=BODY_SIZE, leading=14.5, textColor=text, spaceAfter=6
    )
    cell = ParagraphStyle(
        "cell", fontName=FONT, fontSize=CELL_SIZE, leading=10.8, textColor=text, alignment=TA_LEFT
    )
    return Styles(
        body=body,
        muted=ParagraphStyle("muted", parent=body, textColor=HexColor(MUTED)),
        intro=ParagraphStyle("intro", parent=body, textColor=HexColor(MUTED)),
        small=ParagraphStyle("small", parent=body, fontSize=9, leading=12),
        title=ParagraphStyle(
            "title", fontName=FONT_BOLD, fontSize=30, leading=36, textColor=text, spaceAfter=10
        ),
        subtitle=ParagraphStyle(
            "subtitle",
            fontName=FONT_BOLD,
            fontSize=13,
            leading=17,
            textColor=HexColor(ACCENT),
            spaceAfter=18,
        ),
        cover_meta=ParagraphStyle("cover_meta", parent=body, fontSize=12, leading=16),
        cover_label=ParagraphStyle(
            "cover_label", parent=body, fontSize=10, leading=16, textColor=HexColor(MUTED)
        ),
        cover_client=ParagraphStyle(
            "cover_client", parent=body, fontSize=17, leading=22, textColor=HexColor(NAVY)
        ),
        cover_band_dark=ParagraphStyle(
            "cover_band_dark", parent=body, fontSize=10, leading=14, spaceAfter=0
        ),
        cover_band=ParagraphStyle(
            "cover_band",
            fontName=FONT_BOLD,
            fontSize=12,
            leading=16,
            textColor=HexColor(WHITE),
        ),
        h1=ParagraphStyle(
            "h1",
            fontName=FONT_BOLD,
            fontSize=20,
            leading=25,
            textColor=HexColor(ACCENT),
            spaceBefore=0,
            spaceAfter=10,
        ),
        h2=ParagraphStyle(
            "h2",
            fontName=FONT_BOLD,
            fontSize=13.5,
            leading=17,
            textColor=HexColor(NAVY),
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=True,
        ),
        h3=ParagraphStyle(
            "h3",
            fontName=FONT_BOLD,
            fontSize=11,
            leading=14,
            textColor=text,
            spaceBefore=8,
            spaceAfter=4,
        ),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=FONT_BOLD),
        cell_header=ParagraphStyle(
            "cell_header", parent=cell, fontName=FONT_BOLD, textColor=HexColor(WHITE)
        ),
        toc_levels=(
            ParagraphStyle(
                "toc0",
                fontName=FONT_BOLD,
                fontSize=11.5,
                leading=15,
                textColor=text,
                spaceBefore=8,
                rightIndent=36,
            ),
            ParagraphStyle(
                "toc1",
                fontName=FONT,
                fontSize=10.5,
                leading=14,
                textColor=text,
                leftIndent=18,
                rightIndent=36,
            ),
        ),
    )


def table_style(*, header: bool = True, stripes: bool = True) -> TableStyle:
    """The grid of every blueprint table: navy header row, light stripes, thin rules."""
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, HexColor(RULE)),
        ("BOX", (0, 0), (-1, -1), 0.5, HexColor(RULE)),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HexColor(NAVY)),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, HexColor(NAVY)),
        ]
    if stripes:
        commands.append(
            (
                "ROWBACKGROUNDS",
                (0, 1 if header else 0),
                (-1, -1),
                [HexColor(WHITE), HexColor(STRIPE)],
            )
        )
    commands.append(("FONTNAME", (0, 0), (-1, -1), FONT))  # not reportlab's Helvetica
    return TableStyle(commands)
