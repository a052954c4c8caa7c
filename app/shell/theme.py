"""Application-wide look: font size, palette and stylesheet from resources/styles.

Three themes: ``light`` (the default), ``dark`` (both for normal use; the choice is kept in
the user's settings under :data:`THEME_KEY`) and ``presentation`` (projector-friendly high
contrast and larger type, used only while presentation mode is on).

The dark theme runs on the Fusion style with a dark palette, so every native part (spin box
arrows, check boxes, scroll bars) follows it on every platform; the stylesheet refines it.
The canvas keeps its own colours in every theme: it is the "paper".
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from app.theme_colors import THEME_PROPERTY
from resources import RESOURCES_DIR

#: Stylesheets and the images they use.
STYLES_DIR = RESOURCES_DIR / "styles"
#: Base UI font size in pixels (readable when projected).
BASE_FONT_PX = 14
#: Base font size in presentation mode (read from the back of the room).
PRESENTATION_FONT_PX = 18
#: Themes a user can choose for normal work (View → Theme).
NORMAL_THEMES: tuple[str, ...] = ("light", "dark")
#: The theme of presentation mode.
PRESENTATION_THEME = "presentation"
#: Settings key holding the chosen normal theme.
THEME_KEY = "theme"
#: Application property naming the theme applied last (read by :mod:`app.theme_colors`).
_THEME_PROPERTY = THEME_PROPERTY
_NATIVE_STYLE_PROPERTY = "opmodelNativeStyle"
_STYLE_PROPERTY = "opmodelStyle"

#: The dark palette's colours (chrome only; the canvas keeps its own).
DARK_COLORS: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: "#1F2937",
    QPalette.ColorRole.WindowText: "#F3F4F6",
    QPalette.ColorRole.Base: "#111827",
    QPalette.ColorRole.AlternateBase: "#1F2937",
    QPalette.ColorRole.ToolTipBase: "#F9FAFB",
    QPalette.ColorRole.ToolTipText: "#111827",
    QPalette.ColorRole.PlaceholderText: "#9CA3AF",
    QPalette.ColorRole.Text: "#F3F4F6",
    QPalette.ColorRole.Button: "#374151",
    QPalette.ColorRole.ButtonText: "#F9FAFB",
    QPalette.ColorRole.BrightText: "#FCA5A5",
    QPalette.ColorRole.Light: "#4B5563",
    QPalette.ColorRole.Midlight: "#374151",
    QPalette.ColorRole.Mid: "#4B5563",
    QPalette.ColorRole.Dark: "#111827",
    QPalette.ColorRole.Shadow: "#030712",
    QPalette.ColorRole.Highlight: "#7C3AED",
    QPalette.ColorRole.HighlightedText: "#FFFFFF",
    QPalette.ColorRole.Link: "#93C5FD",
    QPalette.ColorRole.LinkVisited: "#C4B5FD",
}
#: The light palette's colours that replace the style's own, so every text reads at
#: 4.5:1 or more (the style's selection blue under white text does not).
LIGHT_COLORS: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Highlight: "#0369A1",
    QPalette.ColorRole.HighlightedText: "#FFFFFF",
    QPalette.ColorRole.PlaceholderText: "#6B7280",
    QPalette.ColorRole.Link: "#0369A1",
    QPalette.ColorRole.LinkVisited: "#6D28D9",
    QPalette.ColorRole.ToolTipBase: "#FFFFFF",
    QPalette.ColorRole.ToolTipText: "#111827",
}
#: Disabled text in the dark palette: dimmer, still readable.
DARK_DISABLED_TEXT = "#9CA3AF"


def dark_palette() -> QPalette:
    """The palette of the dark theme."""
    palette = QPalette()
    for role, colour in DARK_COLORS.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, QColor(DARK_DISABLED_TEXT))
    palette.setColor(disabled, QPalette.ColorRole.Base, QColor("#1F2937"))
    return palette


def light_palette(base: QPalette) -> QPalette:
    """The style's own palette ``base`` with :data:`LIGHT_COLORS` (active and inactive)."""
    palette = QPalette(base)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role, colour in LIGHT_COLORS.items():
            palette.setColor(group, role, QColor(colour))
    return palette


def apply_theme(app: QApplication, name: str = "light") -> None:
    """Apply theme ``name`` (light, dark or presentation): font, style, palette, stylesheet.

    An unknown name falls back to light.
    """
    if name not in (*NORMAL_THEMES, PRESENTATION_THEME):
        name = "light"
    # First: widgets that colour themselves read it when the style change reaches them.
    app.setProperty(_THEME_PROPERTY, name)
    native = app.property(_NATIVE_STYLE_PROPERTY)
    if not native:
        native = app.style().name() or "fusion"
        app.setProperty(_NATIVE_STYLE_PROPERTY, native)
        app.setProperty(_STYLE_PROPERTY, native)
    wanted_style = "fusion" if name == "dark" else str(native)
    if str(app.property(_STYLE_PROPERTY)).lower() != wanted_style.lower():
        style = QStyleFactory.create(wanted_style)
        if style is not None:
            app.setStyle(style)
            app.setProperty(_STYLE_PROPERTY, wanted_style)
    palette = dark_palette() if name == "dark" else light_palette(app.style().standardPalette())
    if app.palette() != palette:
        app.setPalette(palette)
    font_px = PRESENTATION_FONT_PX if name == PRESENTATION_THEME else BASE_FONT_PX
    if app.font().pixelSize() != font_px:
        font = QFont(app.font())
        font.setPixelSize(font_px)
        app.setFont(font)
    app.setStyleSheet(stylesheet(name))


def stylesheet(name: str) -> str:
    """The text of ``resources/styles/<name>.qss`` ("" when missing), with ``@STYLES@`` (in
    image urls) standing for that folder."""
    sheet = STYLES_DIR / f"{name}.qss"
    if not sheet.exists():
        return ""
    return sheet.read_text(encoding="utf-8").replace("@STYLES@", STYLES_DIR.as_posix())


def active_theme(app: QApplication) -> str:
    """The theme applied last (light when none was)."""
    name = app.property(_THEME_PROPERTY)
    return str(name) if name else "light"


def saved_theme(settings: QSettings) -> str:
    """The normal theme chosen by the user (light when none, or an unknown one, is stored)."""
    name = settings.value(THEME_KEY, "light")
    return name if isinstance(name, str) and name in NORMAL_THEMES else "light"


def save_theme(settings: QSettings, name: str) -> None:
    """Remember ``name`` (light or dark) as the user's theme."""
    if name not in NORMAL_THEMES:
        raise ValueError(f"Not a theme for normal use: {name!r}")
    settings.setValue(THEME_KEY, name)
    settings.sync()
