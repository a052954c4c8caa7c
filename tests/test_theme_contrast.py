"""Text contrast of both normal themes, at least 4.5:1 (WCAG AA), over every colour the
themes define: the Qt palette, the stylesheets, the app's own painted surfaces, the
canvas paper and boxes, the score tiles, the findings rows and the matrix.

Disabled controls are exempt (WCAG 1.4.3). A pair that fails names where it comes from.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from app.shell.theme import NORMAL_THEMES, apply_theme, stylesheet
from app.theme_colors import AA_TEXT, colors_of, contrast_ratio, text_pairs
from canvas.items.box_paint import DOT_BADGE_COLOR
from canvas.items.cursor_note import _BACKGROUND as NOTE_BACKGROUND
from canvas.items.cursor_note import _TEXT as NOTE_TEXT
from model.appearance import (
    CANVAS_THEMES,
    CONNECTION_COLORS,
    KIND_STYLES,
    NOTE_FILLS,
    SEVERITY_TEXT_COLORS,
    canvas_colors,
)
from model.score_bands import ERRORS, GOOD, NOT_MAPPED, PARTIAL, WEAK

Pair = tuple[str, str, str]
_HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")

#: Qt palette roles read as text on a surface.
PALETTE_PAIRS = (
    (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
    (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
    (QPalette.ColorRole.Text, QPalette.ColorRole.AlternateBase),
    (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
    (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
    (QPalette.ColorRole.ToolTipText, QPalette.ColorRole.ToolTipBase),
    (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base),
    (QPalette.ColorRole.Link, QPalette.ColorRole.Base),
)


def _palette_pairs(app: QApplication) -> list[Pair]:
    palette = app.palette()
    group = QPalette.ColorGroup.Active
    return [
        (
            f"palette {text.name} on {surface.name}",
            palette.color(group, text).name(),
            palette.color(group, surface).name(),
        )
        for text, surface in PALETTE_PAIRS
    ]


#: Rules whose text sits on a card the app paints itself (the findings rows are white
#: cards in every theme, amber when focused: see app/editor/findings_panel.py).
CARD_SURFACES = {"#findingRow QLabel": "#FFFFFF", "#findingRow:focus QLabel": "#FEF3C7"}
#: Rules whose colour is not text: separator lines.
NOT_TEXT = ('QFrame[frameShape="4"], QFrame[frameShape="5"]',)


def _stylesheet_pairs(name: str, surfaces: list[str]) -> list[Pair]:
    """Each rule's text colour on its own background, or else on every theme surface."""
    pairs = []
    sheet = re.sub(r"/\*.*?\*/", "", stylesheet(name), flags=re.S)
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", sheet):
        selector = " ".join(selector.split())
        if ":disabled" in selector or selector in NOT_TEXT:
            continue  # inactive controls are exempt; lines are not text
        declarations = dict(
            (key.strip(), value.strip())
            for key, _, value in (d.partition(":") for d in body.split(";"))
            if value.strip()
        )
        colour = _HEX.search(declarations.get("color", ""))
        if colour is None:
            continue
        background = _HEX.search(
            declarations.get("background", "") or declarations.get("background-color", "")
        )
        if selector in CARD_SURFACES:
            grounds = [CARD_SURFACES[selector]]
        else:
            grounds = [background.group(0)] if background else surfaces
        pairs += [(f"{name}.qss {selector}", colour.group(0), ground) for ground in grounds]
    return pairs


def _canvas_pairs(theme: str) -> list[Pair]:
    paper = canvas_colors(theme)
    pairs = [(f"{theme} canvas ink", paper.ink, paper.background)]
    pairs.append(("connection label pill", "#111827", "#FFFFFF"))
    for kind, style in KIND_STYLES.items():
        pairs.append((f"{kind} label on its body", style.text, style.fill))
        if kind != "note":
            pairs.append((f"{kind} caption on its band", "#FFFFFF", style.accent))
    for colour, fill in NOTE_FILLS.items():
        pairs.append((f"{colour} note label", KIND_STYLES["note"].text, fill))
    for meaning, colour in CONNECTION_COLORS.items():
        if meaning != "flow":  # flow has no RACI letter
            pairs.append((f"RACI letter on {meaning}", "#FFFFFF", colour))
    pairs.append(("refusal beside the pointer", NOTE_TEXT, NOTE_BACKGROUND))
    pairs.append(("dot badge", "#FFFFFF", DOT_BADGE_COLOR))
    return pairs


def _shared_pairs() -> list[Pair]:
    pairs = [
        (f"score tile {band.id}", band.foreground, band.background)
        for band in (GOOD, PARTIAL, WEAK, ERRORS, NOT_MAPPED)
    ]
    for severity, colour in SEVERITY_TEXT_COLORS.items():
        pairs.append((f"findings row: {severity}", colour, "#FFFFFF"))
        pairs.append((f"focused findings row: {severity}", colour, "#FEF3C7"))
    pairs.append(("findings row text", "#111827", "#FFFFFF"))
    from app.facilitation.prioritisation_view import INK, MUTED_INK, QUADRANTS

    for title, _value, _feasibility, fill in QUADRANTS:
        pairs.append((f"matrix quadrant title {title}", MUTED_INK, fill))
    pairs.append(("matrix name label", INK, "#FFFFFF"))
    return pairs


@pytest.mark.parametrize("theme", NORMAL_THEMES)
def test_every_text_colour_of_the_theme_reads_at_4_5_to_1(qapp, theme: str) -> None:  # type: ignore[no-untyped-def]
    previous = qapp.property("opmodelTheme") or "light"
    apply_theme(qapp, theme)
    try:
        palette = qapp.palette()
        surfaces = sorted(
            {
                palette.color(QPalette.ColorGroup.Active, role).name()
                for role in (
                    QPalette.ColorRole.Window,
                    QPalette.ColorRole.Base,
                    QPalette.ColorRole.AlternateBase,
                    QPalette.ColorRole.Button,
                )
            }
        )
        pairs = _palette_pairs(qapp)
        pairs += _stylesheet_pairs(theme, surfaces)
        pairs += text_pairs(colors_of(theme))
        pairs += _canvas_pairs(theme)
        pairs += _shared_pairs()
    finally:
        apply_theme(qapp, str(previous))
    assert len(pairs) > 60
    failing = [
        f"{what}: {fg} on {bg} = {contrast_ratio(fg, bg):.2f}"
        for what, fg, bg in pairs
        if contrast_ratio(fg, bg) < AA_TEXT
    ]
    assert not failing, "\n".join(failing)


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_the_dark_canvas_has_its_own_paper(qapp) -> None:  # type: ignore[no-untyped-def]
    dark = CANVAS_THEMES["dark"]
    assert contrast_ratio(dark.background, "#FFFFFF") > 10  # dark paper, not white
    for meaning, colour in dark.connections.items():  # arrows visible on it (3:1, graphics)
        assert contrast_ratio(colour, dark.background) >= 3, meaning


def _lightness_at(widget, point) -> int:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return image.pixelColor(point).lightness()


def test_dark_theme_darkens_the_palette_start_screen_canvas_and_minimap(
    main_window,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtCore import QPoint

    from model.templates import create_session
    from storage.document import SessionDocument

    window = main_window
    window.actions_["theme_dark"].trigger()
    QApplication.processEvents()
    screen = window.start_screen
    window.show_start_screen()
    QApplication.processEvents()
    assert _lightness_at(screen, QPoint(5, 5)) < 60  # the start page
    cards = screen.template_list.viewport()
    assert _lightness_at(cards, QPoint(30, 30)) < 80  # a template card

    path = tmp_path / "dark.opmodel"
    SessionDocument.create(path, create_session("sales", "sales")).close()
    assert window.open_session(path)
    QApplication.processEvents()
    tab = window.canvas.current()
    tab.view.centerOn(-900, -900)  # empty paper
    QApplication.processEvents()
    assert _lightness_at(tab.view.viewport(), QPoint(10, 10)) < 60  # the canvas
    assert tab.scene.theme == "dark"
    palette_list = window.palette.list.viewport()
    assert _lightness_at(palette_list, QPoint(palette_list.width() - 4, 4)) < 80  # the palette
    minimap = window.minimap
    assert _lightness_at(minimap, QPoint(minimap.width() - 3, minimap.height() - 3)) < 60

    window.actions_["theme_light"].trigger()  # and back: white paper again
    QApplication.processEvents()
    assert tab.scene.theme == "light"
    assert _lightness_at(tab.view.viewport(), QPoint(10, 10)) > 240
    assert _lightness_at(palette_list, QPoint(palette_list.width() - 4, 4)) > 240
