"""Icons of the element kinds and of the app, drawn from the SVG files in ``resources/icons``.

Each kind has ``resources/icons/<kind>.svg`` in its accent colour (model.appearance). Icons
are cached per kind and drawn by Qt's SVG icon engine (the ``iconengines`` plug-in that
ships with Qt), which renders each size only when it is first painted, so they stay crisp
at any size and cost nothing at start-up; without the plug-in, a few sizes are rendered
here instead. Pixmaps for drag images and cards are rendered on request with
:class:`QSvgRenderer`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap

from resources import ICONS_DIR

#: The icon used for kinds that have no SVG of their own.
FALLBACK_KIND = "step"
#: Sizes rendered into a QIcon when Qt's SVG icon engine is missing (QIcon picks the
#: nearest and scales the rest).
_FALLBACK_SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon_path(kind: str) -> Path:
    """The SVG file of ``kind`` (the step icon for a kind without its own file)."""
    path = ICONS_DIR / f"{kind}.svg"
    return path if path.is_file() else ICONS_DIR / f"{FALLBACK_KIND}.svg"


def _render(path: Path, size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """``path`` rendered into a transparent square pixmap of ``size`` logical pixels."""
    from PySide6.QtSvg import QSvgRenderer  # loaded on first use, not at start-up

    physical = max(1, round(size * device_pixel_ratio))
    image = QImage(QSize(physical, physical), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(str(path))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


@cache
def _svg_engine_present() -> bool:
    """Whether Qt's SVG icon engine renders our icons (checked once, on the app icon)."""
    return not QIcon(str(ICONS_DIR / "app.svg")).pixmap(16).isNull()


def _icon_from_svg(path: Path) -> QIcon:
    if _svg_engine_present():
        return QIcon(str(path))  # Qt's SVG icon engine: sizes rendered lazily, in C++
    icon = QIcon()
    for size in _FALLBACK_SIZES:
        icon.addPixmap(_render(path, size))
    return icon


@cache
def kind_icon(kind: str) -> QIcon:
    """The palette/toolbar icon of element kind ``kind`` (cached)."""
    return _icon_from_svg(icon_path(kind))


@cache
def app_icon() -> QIcon:
    """The OpModel Studio application icon (cached)."""
    return _icon_from_svg(ICONS_DIR / "app.svg")


def kind_pixmap(kind: str, size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """``kind``'s icon rendered at ``size`` × ``size`` logical pixels (drag images, cards)."""
    return _render(icon_path(kind), size, device_pixel_ratio)


def app_pixmap(size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """The application icon rendered at ``size`` × ``size`` logical pixels."""
    return _render(ICONS_DIR / "app.svg", size, device_pixel_ratio)
