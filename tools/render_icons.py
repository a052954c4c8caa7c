"""Render the app and session-file icons (SVG) into the PNG sizes the desktop needs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/render_icons.py

writes ``resources/icons/png/app-SIZE.png`` and ``file-SIZE.png`` for every size in
:data:`SIZES` (hicolor theme sizes; 256 is also the Windows/macOS icon PyInstaller converts).
The SVGs in ``resources/icons`` are the source; the PNGs are committed so the bundle build
and ``install.sh`` need no renderer.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
NAMES = ("app", "file")


def render(svg: Path, size: int, target: Path) -> None:
    """Render ``svg`` into a transparent ``size`` × ``size`` PNG at ``target``."""
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(QSize(size, size), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"{target}: cannot write")


def main() -> int:
    """Render every icon at every size."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out = ICONS / "png"
    out.mkdir(exist_ok=True)
    for name in NAMES:
        for size in SIZES:
            render(ICONS / f"{name}.svg", size, out / f"{name}-{size}.png")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
