"""Icons of the element kinds and of the app, drawn from the SVG files in ``resources/icons``.

Each kind has ``resources/icons/<kind>.svg`` in its accent colour (model.appearance). Icons
are cached per kind; pixmaps are rendered on request with :class:`QSvgRenderer`, so they stay
crisp at any size (drag images, start screen, high-DPI screens).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from resources import ICONS_DIR

#: The icon used for kinds that have no SVG of their own.
FALLBACK_KIND = "step"
#: Sizes pre-rendered into each QIcon (QIcon picks the nearest and scales the rest).
_ICON_SIZES = (16, 20, 24, 32, 40, 48, 64, 96, 128, 256)


def icon_path(kind: str) -> Path:
    """The SVG file of ``kind`` (the step icon for a kind without its own file)."""
    path = ICONS_DIR / f"{kind}.svg"
    return path if path.is_file() else ICONS_DIR / f"{FALLBACK_KIND}.svg"


def _render(path: Path, size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """``path`` rendered into a transparent square pixmap of ``size`` logical pixels."""
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


def _icon_from_svg(path: Path) -> QIcon:
    icon = QIcon()
    for size in _ICON_SIZES:
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
