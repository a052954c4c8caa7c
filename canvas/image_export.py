"""Export workflow canvases as PNG or SVG images, headless (Qt offscreen) or from the app.

The image shows what the canvas shows, without selection or hover decorations: each
workflow with its name as a heading, stacked top to bottom when there are several. Each
workflow's layers apply: hidden layers are left out, the focus lens dims the rest.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from canvas.scene import WorkflowScene
from model.appearance import CANVAS_BACKGROUND
from model.session import Session

IMAGE_FORMATS = (".png", ".svg")
MARGIN = 40
HEADING_PX = 26
HEADING_GAP = 56
#: PNG pixels per scene pixel (2 gives crisp text when the image is scaled on slides).
PNG_SCALE = 2.0
#: Largest PNG side in pixels; bigger canvases are scaled down to fit.
PNG_MAX_SIDE = 16000


@contextmanager
def headless_application() -> Iterator[QApplication]:
    """A QApplication for headless use (offscreen when there is no display)."""
    app = QApplication.instance()
    if app is not None:
        yield app  # type: ignore[misc]
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    created = QApplication(["opmodel"])
    try:
        yield created
    finally:
        created.processEvents()


def export_session_image(session: Session, target: Path | str) -> None:
    """Write every workflow of ``session`` to ``target`` (.png or .svg)."""
    _export(session, [w.id for w in session.ordered_workflows()], Path(target))


def export_workflow_image(session: Session, workflow_id: str, target: Path | str) -> None:
    """Write one workflow's canvas to ``target`` (.png or .svg)."""
    _export(session, [workflow_id], Path(target))


def _export(session: Session, workflow_ids: list[str], target: Path) -> None:
    suffix = target.suffix.lower()
    if suffix not in IMAGE_FORMATS:
        raise ValueError(f"{target}: an image export must end in .png or .svg")
    if not workflow_ids:
        raise ValueError("the session has no workflow to draw")
    from exports.atomic import atomic_output

    with headless_application():
        scenes = [WorkflowScene(session, wid) for wid in workflow_ids]
        try:
            layout = _layout(session, scenes)
            with atomic_output(target) as temp:
                if suffix == ".png":
                    _write_png(layout, temp)
                else:
                    _write_svg(layout, temp, session.workshop.title or "OpModel canvas")
        finally:
            for scene in scenes:
                scene.clear()
            scenes.clear()  # the scenes are destroyed here, before any QApplication goes


_Block = tuple[str, WorkflowScene, QRectF, QPointF]


class _Layout:
    def __init__(self, blocks: list[_Block], size: QSize) -> None:
        self.blocks = blocks
        self.size = size


def _layout(session: Session, scenes: list[WorkflowScene]) -> _Layout:
    blocks: list[_Block] = []
    top = MARGIN
    width = 0.0
    for scene in scenes:
        scene.clearSelection()
        source = _shown_bounds(scene)
        if source.isEmpty():
            source = QRectF(0, 0, 400, 120)
        source = source.marginsAdded(QMarginsF(10, 10, 10, 10))
        name = session.workflows[scene.workflow_id].name or scene.workflow_id
        blocks.append((name, scene, source, QPointF(MARGIN, top + HEADING_GAP)))
        top += HEADING_GAP + source.height() + MARGIN
        width = max(width, source.width())
    return _Layout(blocks, QSize(int(width + 2 * MARGIN), int(top)))


def _shown_bounds(scene: WorkflowScene) -> QRectF:
    """What the image shows of a scene: every item its layers leave visible (and the role
    lanes unless the roles layer is hidden)."""
    if not scene.layered:
        return scene.itemsBoundingRect()
    bounds = QRectF()
    for item in (*scene.element_items(), *scene.connection_items()):
        if item.isVisible():
            bounds = bounds.united(item.sceneBoundingRect())
    if scene.lanes_shown:
        for lane in scene.lanes():
            band = lane.band
            bounds = bounds.united(QRectF(band.x, band.y, band.w, band.h))
    return bounds


def _paint(layout: _Layout, painter: QPainter) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(
        QRectF(0, 0, layout.size.width(), layout.size.height()), QColor(CANVAS_BACKGROUND)
    )
    heading = QFont()
    heading.setPixelSize(HEADING_PX)
    heading.setBold(True)
    for name, scene, source, origin in layout.blocks:
        painter.setFont(heading)
        painter.setPen(QColor("#111827"))
        painter.drawText(
            QRectF(origin.x(), origin.y() - HEADING_GAP, source.width(), HEADING_GAP - 12),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
            name,
        )
        target = QRectF(origin, source.size())
        scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)


def _write_png(layout: _Layout, path: Path) -> None:
    scale = min(PNG_SCALE, PNG_MAX_SIDE / max(layout.size.width(), layout.size.height(), 1))
    image = QImage(
        int(layout.size.width() * scale),
        int(layout.size.height() * scale),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(QColor(CANVAS_BACKGROUND))
    painter = QPainter(image)
    painter.scale(scale, scale)
    try:
        _paint(layout, painter)
    finally:
        painter.end()
    _write_bytes(path, png_bytes(image))


def png_bytes(image: QImage) -> bytes:
    """``image`` encoded as PNG (OSError when Qt cannot encode it)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(errno.EIO, "the PNG image could not be encoded")
    return bytes(buffer.data().data())


def _write_svg(layout: _Layout, path: Path, title: str) -> None:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(layout.size)
    generator.setViewBox(QRectF(0, 0, layout.size.width(), layout.size.height()))
    generator.setTitle(title)
    generator.setDescription("Exported from OpModel Studio")
    painter = QPainter(generator)
    try:
        _paint(layout, painter)
    finally:
        painter.end()
    _write_bytes(path, buffer.data().data())


def _write_bytes(path: Path, data: bytes) -> None:
    """Write the encoded image with Python, so a full disk or a denied write raises an
    OSError that names the reason (Qt only reports that saving failed)."""
    with open(path, "wb") as stream:
        stream.write(data)
