"""The slides as PNG images: ``opmodel export FILE -o OUT.png --slides [--size WxH]``.

``OUT.png`` gives ``OUT-01.png``, ``OUT-02.png`` … (three digits from 100 slides on), one
per frame, each exactly what presentation mode shows on a screen of that size: the same
deck (:func:`model.slides.build_deck`), laid out for that size, painted by the same
:class:`~canvas.slide_painter.SlidePainter`. Every image is rendered and written to a
temporary file first; only when all are written are they renamed into place, so a full
disk leaves no half set behind.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from app.slides.matrix import MatrixPainter
from canvas.image_export import headless_application, png_bytes
from canvas.slide_painter import SlidePainter
from exports.atomic import atomic_output
from model.session import Session
from model.slides import build_deck, slide_paths, stage_for
from model.stage import stage_size

#: The default size of a slide image.
DEFAULT_SIZE = (1920, 1080)


def render_slides(session: Session, width: int, height: int) -> list[bytes]:
    """Every slide of ``session`` as PNG data, ``width`` × ``height`` pixels."""
    from model.analysis import analyse

    analysis = analyse(session)
    size = stage_size(width, height, height)
    slides = build_deck(session, size, analysis)
    matrix = MatrixPainter(lambda: session)
    painter = SlidePainter(matrix)
    images: list[bytes] = []
    try:
        for number, slide in enumerate(slides, start=1):
            stage = stage_for(session, slide, size, analysis, number, len(slides))
            image = QImage(width, height, QImage.Format.Format_RGB32)
            image.fill(QColor("#FFFFFF"))
            qp = QPainter(image)
            try:
                painter.paint(qp, stage, QRectF(0, 0, width, height))
            finally:
                qp.end()
            images.append(png_bytes(image))
    finally:
        painter.dispose()
        matrix.dispose()
    return images


def export_slide_images(
    session: Session, target: Path | str, width: int = 1920, height: int = 1080
) -> list[Path]:
    """Write the slides of ``session`` next to ``target`` (``OUT-01.png`` …); returns them."""
    target = Path(target)
    with headless_application():
        images = render_slides(session, width, height)
    paths = slide_paths(target, len(images))
    with ExitStack() as stack:  # all written before any is renamed into place
        for path, data in zip(paths, images, strict=True):
            temp = stack.enter_context(atomic_output(path))
            with open(temp, "wb") as stream:
                stream.write(data)
    return paths
