"""The colours the app paints itself, per theme: one table for every hand-drawn surface.

The Qt palette and the stylesheets (``resources/styles``) colour the standard widgets;
this table colours what the app paints or styles in code — the palette dock's entries,
the start screen's cards, the findings rows — so the dark theme is complete and every
text colour can be checked for contrast (WCAG AA, 4.5:1: ``tests/test_theme_contrast.py``
reads :func:`text_pairs`). The canvas colours are :mod:`model.appearance`'s
(:data:`~model.appearance.CANVAS_THEMES`), shared with the exports.

:func:`current` is the table of the theme applied last (the light one in presentation
mode, which is light with larger type).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Application property holding the name of the theme applied last.
THEME_PROPERTY = "opmodelTheme"


@dataclass(frozen=True)
class ThemeColors:
    """The colours of the app's own surfaces in one theme."""

    name: str
    #: Main text and secondary (muted) text.
    text: str
    muted: str
    #: The page behind cards (start screen) and the cards and lists themselves.
    page: str
    card: str
    #: Card and input borders, and a border under the pointer.
    border: str
    hover_border: str
    #: The accent: the primary button, a focused card's title and border.
    primary: str
    primary_hover: str
    primary_text: str
    #: A selected and a hovered list entry, and the keyboard-focus ring.
    selected: str
    hover: str
    focus: str
    #: A hairline between groups.
    rule: str
    #: Link-like text on the card (a focused or hovered card's title).
    accent_text: str


LIGHT = ThemeColors(
    name="light",
    text="#111827",
    muted="#4B5563",
    page="#F3F4F6",
    card="#FFFFFF",
    border="#D1D5DB",
    hover_border="#6B7280",
    primary="#0369A1",
    primary_hover="#075985",
    primary_text="#FFFFFF",
    selected="#E0F2FE",
    hover="#F3F4F6",
    focus="#0369A1",
    rule="#D1D5DB",
    accent_text="#0369A1",
)

DARK = ThemeColors(
    name="dark",
    text="#F3F4F6",
    muted="#C4C9D2",
    page="#111827",
    card="#1F2937",
    border="#4B5563",
    hover_border="#9CA3AF",
    primary="#0369A1",
    primary_hover="#075985",
    primary_text="#FFFFFF",
    selected="#1E3A5F",
    hover="#374151",
    focus="#7DD3FC",
    rule="#4B5563",
    accent_text="#7DD3FC",
)

THEMES: dict[str, ThemeColors] = {"light": LIGHT, "dark": DARK, "presentation": LIGHT}


def colors_of(name: str) -> ThemeColors:
    """The colours of theme ``name`` (light for an unknown name)."""
    return THEMES.get(name, LIGHT)


def current() -> ThemeColors:
    """The colours of the theme applied last (light before any theme is applied)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    name = app.property(THEME_PROPERTY) if app is not None else None
    return colors_of(str(name) if name else "light")


def is_dark() -> bool:
    """True while the dark theme is applied."""
    return current().name == "dark"


def text_pairs(colors: ThemeColors) -> list[tuple[str, str, str]]:
    """(what, text colour, background colour) of every text the table colours."""
    pairs = []
    for surface in ("page", "card", "hover", "selected"):
        background = getattr(colors, surface)
        pairs.append((f"text on {surface}", colors.text, background))
        pairs.append((f"muted text on {surface}", colors.muted, background))
    pairs.append(("accent title on card", colors.accent_text, colors.card))
    pairs.append(("accent title on hovered card", colors.accent_text, colors.hover))
    pairs.append(("primary button", colors.primary_text, colors.primary))
    pairs.append(("primary button under the pointer", colors.primary_text, colors.primary_hover))
    return pairs


#: WCAG AA: the least contrast between normal text and its background.
AA_TEXT = 4.5


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a ``#RRGGBB`` colour."""
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)
