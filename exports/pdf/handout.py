"""The slides as a PDF handout: one vector page per frame (``opmodel export -o X.pdf --slides``).

Each page is the frame's stage (:mod:`model.stage`) at 0.6 pt per unit, laid out for the
same screen size as the PNG slides (1920 × 1080 unless ``--size`` says otherwise), so a
page shows what the projector showed. Elements are drawn by the blueprint's vector
drawing (:mod:`exports.pdf.drawing`) clipped to the frame; texts, panels, severity marks
and the prioritisation matrix are drawn here, as vector graphics and real text.
"""

from __future__ import annotations

import math
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from exports.atomic import atomic_output
from exports.pdf.drawing import elide, paint_workflow_view
from exports.pdf.fonts import FONT, FONT_BOLD, draw_text, register_fonts, string_width
from exports.pdf.shapes import Rect, add_commands
from model import text_layout
from model.appearance import (
    CONNECTION_COLORS,
    DASHED_MEANINGS,
    ELEMENT_HEIGHT,
    ELEMENT_WIDTH,
    SEVERITY_COLORS,
)
from model.geometry import polygon
from model.session import Session
from model.slides import build_deck, stage_for
from model.stage import (
    LINE_HEIGHT,
    Connector,
    Elements,
    Mark,
    Matrix,
    Panel,
    Stage,
    Text,
    stage_size,
)

#: Points per stage unit: a 1920 × 1080 slide is a 720 × 405 pt page (25.4 × 14.3 cm).
PT_PER_UNIT = 0.6
#: Share of a dimmed element's ink (the focus lens).
_DIM_ALPHA = 0.2
_ASCENT = 0.928


def export_handout(
    session: Session, target: Path | str, *, width: int = 1920, height: int = 1080
) -> int:
    """Write the slides of ``session`` to the PDF ``target``, one page each; returns the count."""
    from model.analysis import analyse

    register_fonts()
    analysis = analyse(session)
    size = stage_size(width, height, height)
    slides = build_deck(session, size, analysis)
    page = (size.width * PT_PER_UNIT, size.height * PT_PER_UNIT)
    with atomic_output(Path(target)) as temp:
        canv = Canvas(str(temp), pagesize=page, pageCompression=1)
        canv.setTitle(session.workshop.title or "OpModel slides")
        canv.setAuthor(session.workshop.facilitator or "OpModel Studio")
        canv.setSubject("Slides")
        for number, slide in enumerate(slides, start=1):
            stage = stage_for(session, slide, size, analysis, number, len(slides))
            canv.bookmarkPage(slide.key)
            canv.addOutlineEntry(f"{number}. {slide.title}", slide.key, 0)
            paint_stage(canv, stage, session, page[1])
            canv.showPage()
        canv.save()
    return len(slides)


def paint_stage(canv: Canvas, stage: Stage, session: Session, page_height: float) -> None:
    """Draw ``stage`` on the current page (units scaled by :data:`PT_PER_UNIT`)."""
    canv.saveState()
    canv.translate(0, page_height)
    canv.scale(PT_PER_UNIT, PT_PER_UNIT)  # a stage point (x, y) is now at (x, -y)
    for shape in stage.shapes:
        if isinstance(shape, Panel):
            _panel(canv, shape)
        elif isinstance(shape, Text):
            _text(canv, shape)
        elif isinstance(shape, Mark):
            paint_mark(canv, shape.severity, shape.cx, shape.cy, shape.size)
        elif isinstance(shape, Elements):
            _elements(canv, shape)
        elif isinstance(shape, Connector):
            _connector(canv, shape)
        elif isinstance(shape, Matrix):
            _matrix(canv, session, shape.box)
    canv.restoreState()


def _rgb(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def _panel(canv: Canvas, panel: Panel) -> None:
    x, y, w, h = panel.box
    canv.setFillColorRGB(*_rgb(panel.fill))
    if panel.outline:
        canv.setStrokeColorRGB(*_rgb(panel.outline))
        canv.setLineWidth(1.5)
    canv.roundRect(x, -y - h, w, h, panel.radius, stroke=1 if panel.outline else 0, fill=1)
    if panel.hatched:
        canv.saveState()
        clip = canv.beginPath()
        clip.roundRect(x, -y - h, w, h, panel.radius)
        canv.clipPath(clip, stroke=0, fill=0)
        canv.setStrokeColorRGB(*_rgb("#9CA3AF"))
        canv.setLineWidth(1.0)
        step = 8.0
        offset = 0.0
        while offset < w + h:
            canv.line(x + offset, -y - h, x + offset - h, -y)
            offset += step
        canv.restoreState()


def text_lines(text: Text) -> list[str]:
    """The lines of ``text`` as the PDF draws them (the canvas's wrapping rule)."""
    font = FONT_BOLD if text.bold else FONT
    return text_layout.wrap_paragraphs(
        text.text,
        text.box[2],
        text.max_lines,
        lambda line: string_width(line, text.size, font),
        lambda line, width: elide(line, text.size, width, font),
    )


def _text(canv: Canvas, text: Text) -> None:
    font = FONT_BOLD if text.bold else FONT
    canv.setFillColorRGB(*_rgb(text.color))
    x, y, w, _ = text.box
    step = text.size * LINE_HEIGHT
    for index, line in enumerate(text_lines(text)):
        advance = string_width(line, text.size, font)
        left = x + (w - advance) / 2 if text.align == "center" else x
        if text.align == "right":
            left = x + w - advance
        baseline = y + index * step + (step - text.size * 1.164) / 2 + text.size * _ASCENT
        draw_text(canv, left, -baseline, line, text.size, font)


def paint_mark(canv: Canvas, severity: str, cx: float, cy: float, size: float) -> None:
    """The severity icon (as :func:`canvas.severity.paint_mark`): circle with a cross
    (error), triangle with "!" (warning), circle with "i" (info)."""
    half = size / 2
    y = -cy
    canv.saveState()
    canv.setFillColorRGB(*_rgb(SEVERITY_COLORS.get(severity, SEVERITY_COLORS["info"])))
    canv.setStrokeColorRGB(1, 1, 1)
    canv.setLineWidth(max(1.0, size * 0.1))
    canv.setLineJoin(1)
    if severity == "warning":
        path = canv.beginPath()
        path.moveTo(cx, y + half)
        path.lineTo(cx + half * 1.08, y - half * 0.8)
        path.lineTo(cx - half * 1.08, y - half * 0.8)
        path.close()
        canv.drawPath(path, stroke=1, fill=1)
    else:
        canv.circle(cx, y, half, stroke=1, fill=1)
    canv.setLineWidth(max(1.2, size * 0.16))
    canv.setLineCap(1)
    canv.setFillColorRGB(1, 1, 1)
    dot = size * 0.09
    if severity == "error":
        d = half * 0.42
        canv.line(cx - d, y + d, cx + d, y - d)
        canv.line(cx - d, y - d, cx + d, y + d)
    elif severity == "warning":
        canv.line(cx, y + half * 0.3, cx, y - half * 0.22)
        canv.circle(cx, y - half * 0.52, dot, stroke=0, fill=1)
    else:
        canv.line(cx, y + half * 0.08, cx, y - half * 0.5)
        canv.circle(cx, y + half * 0.45, dot, stroke=0, fill=1)
    canv.restoreState()


def _elements(canv: Canvas, layer: Elements) -> None:
    """The blueprint's drawing of the layer's elements, clipped to its target; what the
    focus lens dims (and the lanes of dimmed roles) is drawn faintly under the rest, on the
    same routes."""
    sx, sy, sw, sh = layer.source
    tx, ty, _, _ = layer.target
    view = Rect(sx, sy, sw, sh)
    scale = layer.scale
    session = layer.session
    paint_workflow_view(
        canv, session, layer.workflow_id, view, scale, tx, -ty, faint=layer.dimmed, alpha=_DIM_ALPHA
    )
    for ident, severity in layer.badges:
        element = session.elements.get(ident)
        if element is None or ident in layer.dimmed:
            continue
        box = Rect(float(element.x), float(element.y), ELEMENT_WIDTH, ELEMENT_HEIGHT)
        if not box.intersects(view):
            continue  # outside a frame's region: not on the slide
        cx = tx + (element.x + ELEMENT_WIDTH - 3 - sx) * scale
        cy = ty + (element.y + 3 - sy) * scale
        paint_mark(canv, severity, cx, cy, 16.0 * scale)


def _connector(canv: Canvas, connector: Connector) -> None:
    """A connection the slide routed itself, as the blueprint draws one (2 px, arrowhead)."""
    colour = _rgb(CONNECTION_COLORS.get(connector.meaning, CONNECTION_COLORS["flow"]))
    canv.saveState()
    if connector.dimmed:
        canv.setFillAlpha(_DIM_ALPHA)
        canv.setStrokeAlpha(_DIM_ALPHA)
    canv.setStrokeColorRGB(*colour)
    canv.setFillColorRGB(*colour)
    canv.setLineWidth(2.0)
    canv.setLineCap(0)
    canv.setLineJoin(1)
    canv.setDash([8.0, 6.0] if connector.meaning in DASHED_MEANINGS else [])
    canv.drawPath(add_commands(canv.beginPath(), connector.route.line()), stroke=1, fill=0)
    head = add_commands(canv.beginPath(), polygon(list(connector.route.arrow)))
    canv.drawPath(head, stroke=0, fill=1)
    canv.restoreState()


# -- the prioritisation matrix, as vector graphics ----------------------------------------------

_QUADRANTS = (
    ("Quick wins", 3, 5, "#DCFCE7", "#166534"),
    ("Strategic bets", 1, 5, "#E0F2FE", "#075985"),
    ("Fill-ins", 3, 1, "#FEF3C7", "#92400E"),
    ("Deprioritise", 1, 1, "#F3F4F6", "#374151"),
)


def _matrix(canv: Canvas, session: Session, box: tuple[float, float, float, float]) -> None:
    """Value (up) × feasibility (right), 1–5, four quadrants, a bubble per rated workflow
    (area by dots) with its name; unrated workflows listed under it."""
    x, y, w, h = box
    unrated = [
        wf.name or wf.id
        for wf in session.ordered_workflows()
        if wf.value is None or wf.feasibility is None
    ]
    note_h = 30.0 if unrated else 0.0
    side = min(w - 60, h - 50 - note_h)
    left = x + (w - side) / 2
    top = y + 10
    cell = side / 5

    def point(feasibility: float, value: float) -> tuple[float, float]:
        return left + (feasibility - 0.5) * cell, top + (5.5 - value) * cell

    for name, fx, vy, fill, ink in _QUADRANTS:
        qx = left if fx == 1 else left + 2.5 * cell
        qy = top if vy == 5 else top + 2.5 * cell
        canv.setFillColorRGB(*_rgb(fill))
        canv.rect(qx, -qy - 2.5 * cell, 2.5 * cell, 2.5 * cell, stroke=0, fill=1)
        canv.setFillColorRGB(*_rgb(ink))
        tx = qx + 10 if fx == 1 else qx + 2.5 * cell - 10 - string_width(name, 18, FONT_BOLD)
        ty = qy + 26 if vy == 5 else qy + 2.5 * cell - 10
        draw_text(canv, tx, -ty, name, 18, FONT_BOLD)
    canv.setStrokeColorRGB(*_rgb("#9CA3AF"))
    canv.setLineWidth(1.0)
    canv.rect(left, -top - side, side, side, stroke=1, fill=0)
    canv.setFillColorRGB(*_rgb("#4B5563"))
    for n in range(1, 6):
        px, _ = point(n, 1)
        draw_text(canv, px - 4, -(top + side + 18), str(n), 14)
        _, py = point(1, n)
        draw_text(canv, left - 18, -(py + 5), str(n), 14)
    draw_text(canv, left + side / 2 - 40, -(top + side + 38), "Feasibility →", 15)
    canv.saveState()
    canv.translate(left - 30, -(top + side / 2 + 30))
    canv.rotate(90)
    draw_text(canv, 0, 0, "Value →", 15)
    canv.restoreState()
    rated = [
        wf
        for wf in session.ordered_workflows()
        if wf.value is not None and wf.feasibility is not None
    ]
    most = max([wf.votes for wf in rated] + [1])
    for workflow in rated:
        px, py = point(float(workflow.feasibility or 0), float(workflow.value or 0))
        radius = 14 + 26 * math.sqrt(max(0, workflow.votes) / most)
        canv.setFillColorRGB(*_rgb("#6D28D9"))
        canv.setStrokeColorRGB(*_rgb("#4C1D95"))
        canv.setFillAlpha(0.7)
        canv.circle(px, -py, radius, stroke=1, fill=1)
        canv.setFillAlpha(1)
        canv.setFillColorRGB(*_rgb("#111827"))
        label = elide(workflow.name or workflow.id, 16, cell * 2.2, FONT_BOLD)
        label_y = py + radius + 18
        draw_text(canv, px - string_width(label, 16, FONT_BOLD) / 2, -label_y, label, 16, FONT_BOLD)
    if unrated:
        canv.setFillColorRGB(*_rgb("#4B5563"))
        text = elide("Not yet rated: " + ", ".join(unrated), 15, w, FONT)
        draw_text(canv, x, -(y + h - 8), text, 15)
