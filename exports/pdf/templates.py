"""Page templates of the blueprint: cover, portrait A4 text pages, landscape canvas pages.

:class:`BlueprintDocTemplate` lays the document out in one pass. Numbers known only at the
end (the "of Y" in every footer, the page numbers in the contents) are drawn as PDF form
XObjects that the pages reference while they are laid out and that are filled in once the
last page is done; so a 300-page blueprint is laid out once, not twice.

Every page but the cover carries a running header (workshop title, current section) and a
footer (confidentiality marking in capitals, "Page X of Y"). Headings are :class:`Heading`
paragraphs (or invisible :class:`Anchor` marks): as each is laid out the document adds a
PDF bookmark (outline entry) and records its page for the :class:`Contents`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from exports.pdf.fonts import FONT, FONT_BOLD, Paragraph, draw_text, markup, string_width
from exports.pdf.styles import ACCENT, CONFIDENTIALITY_COLORS, MUTED, RULE, TEXT, stylesheet

COVER = "cover"
PORTRAIT = "portrait"
PORTRAIT_SIZE: tuple[float, float] = A4

MARGIN_X = 18 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 18 * mm
#: Height of the coloured band across the top of the cover.
COVER_BAND = 16 * mm
_RUNNING_SIZE = 8.5


def frame_size(pagesize: tuple[float, float]) -> tuple[float, float]:
    """Width and height (points) of the text frame on a page of ``pagesize``."""
    return pagesize[0] - 2 * MARGIN_X, pagesize[1] - MARGIN_TOP - MARGIN_BOTTOM


def canvas_template_id(pagesize: tuple[float, float]) -> str:
    """The id of the landscape page template for canvas pages of ``pagesize``."""
    return f"canvas-{round(pagesize[0])}x{round(pagesize[1])}"


# -- outline marks -------------------------------------------------------------------------
_keys = itertools.count(1)


class OutlineMark:
    """What a heading or anchor contributes to bookmarks, contents and the running header.

    ``level`` is the outline depth (0 sections, 1 workflows and summary parts, 2 a
    workflow's tables); ``in_toc`` puts it in the :class:`Contents`; ``progress`` names the
    unit of work it starts, for the progress callback; ``key`` names its bookmark.
    """

    title: str
    level: int
    in_toc: bool
    progress: str | None
    key: str

    def _mark(self, title: str, level: int, in_toc: bool, progress: str | None) -> None:
        self.title = title
        self.level = level
        self.in_toc = in_toc
        self.progress = progress
        self.key = f"mark-{next(_keys)}"


class Heading(Paragraph, OutlineMark):
    """A visible heading that is also a bookmark (and optionally a contents entry)."""

    def __init__(
        self,
        title: str,
        style: Any,
        *,
        level: int,
        in_toc: bool = False,
        progress: str | None = None,
    ) -> None:
        Paragraph.__init__(self, markup(title, style.fontName), style)
        self._mark(title, level, in_toc, progress)


class Anchor(Flowable, OutlineMark):
    """An invisible bookmark: a section that starts without a heading of its own."""

    def __init__(
        self, title: str, *, level: int, in_toc: bool = False, progress: str | None = None
    ) -> None:
        Flowable.__init__(self)
        self._mark(title, level, in_toc, progress)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        """Nothing to draw."""


def page_form(key: str) -> str:
    """The name of the form that shows the page number of the mark ``key``."""
    return f"opm-page-{key}"


def footer_form(page: int) -> str:
    """The name of the form that shows "Page X of Y" for page ``page``."""
    return f"opm-footer-{page}"


class ContentsLine(Flowable):
    """One line of the contents: the linked title, then dots and the page number.

    The number is a form filled in at the end (:func:`page_form`); it is drawn after the
    title, so text extraction and screen readers meet "Title … 12" in that order.
    """

    NUMBER_ROOM = 30.0

    def __init__(self, mark: OutlineMark, style: Any, space_before: float = 0.0) -> None:
        super().__init__()
        self.mark = mark
        self.style = style
        self.space_before = space_before
        text = f'<a href="#{mark.key}">{markup(mark.title, style.fontName)}</a>'
        self.para = Paragraph(text, style)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, height = self.para.wrap(availWidth, availHeight)
        self.width, self.height = availWidth, height + 4
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return self.space_before

    def draw(self) -> None:
        canv, style, para = self.canv, self.style, self.para
        para.drawOn(canv, 0, 2)
        lines = para.blPara.lines
        last = lines[-1] if lines else None
        extra = getattr(last, "extraSpace", None)
        if extra is None and isinstance(last, tuple):
            extra = last[0]
        room = self.width - style.leftIndent - style.rightIndent
        end = style.leftIndent + room - (extra or 0)
        y = 2 + para.height - style.fontSize - (len(lines) - 1) * style.leading
        dot = " . "
        dot_width = canv.stringWidth(dot, style.fontName, style.fontSize)
        right = self.width - self.NUMBER_ROOM + 6
        count = int((right - end - 4) / dot_width)
        canv.saveState()
        if count > 0:
            canv.setFillColor(HexColor(MUTED))
            canv.setFont(style.fontName, style.fontSize)
            canv.drawRightString(right, y, dot * count)
        canv.translate(self.width, y)
        canv.doForm(page_form(self.mark.key))
        canv.restoreState()
        doc = getattr(canv, "_doctemplate", None)
        if isinstance(doc, BlueprintDocTemplate):
            doc.contents_keys.add(self.mark.key)


class Contents(Flowable):
    """The table of contents: a :class:`ContentsLine` per mark.

    ``marks`` may still grow after the flowable is made (the rest of the story is built
    after it); the lines are made when it is laid out, and split across pages if needed.
    """

    def __init__(self, marks: list[OutlineMark]) -> None:
        super().__init__()
        self.marks = marks
        self._lines: list[ContentsLine] = []

    def _make_lines(self) -> list[ContentsLine]:
        styles = stylesheet().toc_levels
        lines = []
        for n, mark in enumerate(self.marks):
            style = styles[min(mark.level, len(styles) - 1)]
            lines.append(ContentsLine(mark, style, style.spaceBefore if n else 0.0))
        return lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._lines = self._make_lines()
        height = 0.0
        for n, line in enumerate(self._lines):
            height += line.wrap(availWidth, availHeight)[1] + (line.getSpaceBefore() if n else 0)
        self.width, self.height = availWidth, height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return list(self._lines or self._make_lines())

    def draw(self) -> None:
        y = self.height
        for n, line in enumerate(self._lines):
            y -= line.height + (line.getSpaceBefore() if n else 0)
            line.drawOn(self.canv, 0, y)


# -- the document ---------------------------------------------------------------------------
class BlueprintDocTemplate(BaseDocTemplate):
    """The blueprint's document: page templates, bookmarks, contents numbers, page totals.

    ``canvas_sizes`` are the landscape page sizes the workflow canvases need;
    ``on_mark(mark)`` is called as each outline mark is laid out.
    """

    def __init__(
        self,
        filename: str,
        *,
        running_title: str,
        marking: str,
        edition: str,
        canvas_sizes: Iterable[tuple[float, float]] = (),
        on_mark: Callable[[OutlineMark], None] | None = None,
        **metadata: Any,
    ) -> None:
        # Pages start in the shipped font, not reportlab's Helvetica: the PDF names no font
        # that is not embedded.
        super().__init__(filename, pagesize=PORTRAIT_SIZE, initialFontName=FONT, **metadata)
        self.running_title = running_title
        self.marking = marking
        self.edition = edition
        self.on_mark = on_mark
        self.section = ""
        self.subsection = ""
        self.mark_pages: dict[str, int] = {}
        self.mark_levels: dict[str, int] = {}
        self.contents_keys: set[str] = set()
        self._footers: list[int] = []
        templates = [
            PageTemplate(
                id=COVER,
                frames=[_frame(PORTRAIT_SIZE, top=MARGIN_TOP + COVER_BAND, name="cover")],
                onPage=_draw_cover_band,
                pagesize=PORTRAIT_SIZE,
                autoNextPageTemplate=PORTRAIT,
            ),
            PageTemplate(
                id=PORTRAIT,
                frames=[_frame(PORTRAIT_SIZE, name="portrait")],
                onPageEnd=self._draw_running_parts,
                pagesize=PORTRAIT_SIZE,
            ),
        ]
        seen = set()
        for size in canvas_sizes:
            template_id = canvas_template_id(size)
            if template_id in seen:
                continue
            seen.add(template_id)
            templates.append(
                PageTemplate(
                    id=template_id,
                    frames=[_frame(size, name=template_id)],
                    onPageEnd=self._draw_running_parts,
                    pagesize=size,
                )
            )
        self.addPageTemplates(templates)

    # -- the one pass ------------------------------------------------------------------------
    def build(self, flowables: list[Flowable], *args: Any, **kwargs: Any) -> None:
        """Lay out ``flowables``, then fill in the page numbers and save."""
        self._doSave = 0  # BaseDocTemplate would save before the numbers are known
        super().build(flowables, *args, **kwargs)
        self._fill_in_numbers()
        self.canv.save()

    def _fill_in_numbers(self) -> None:
        canv = self.canv
        total = self.page
        for page in self._footers:
            text = f"Page {page} of {total}"
            _right_aligned_form(canv, footer_form(page), text, _RUNNING_SIZE, FONT, MUTED)
        styles = stylesheet().toc_levels
        for key in sorted(self.contents_keys | set(self.mark_pages)):
            number = str(self.mark_pages.get(key, "?"))
            style = styles[min(self.mark_levels.get(key, 0), len(styles) - 1)]
            _right_aligned_form(canv, page_form(key), number, style.fontSize, style.fontName,
                                TEXT)  # fmt: skip

    # -- marks ----------------------------------------------------------------------------
    def afterFlowable(self, flowable: Flowable) -> None:
        """Bookmark, page number and running-header section for each outline mark."""
        if not isinstance(flowable, OutlineMark):
            return
        self.canv.bookmarkPage(flowable.key)
        self.canv.addOutlineEntry(
            flowable.title, flowable.key, level=flowable.level, closed=flowable.level >= 1
        )
        if flowable.in_toc:
            self.mark_pages[flowable.key] = self.page
            self.mark_levels[flowable.key] = flowable.level
        if flowable.level == 0:
            self.section = flowable.title
            self.subsection = ""
        elif flowable.level == 1 and flowable.in_toc:  # a workflow
            self.subsection = flowable.title
        if self.on_mark is not None:
            self.on_mark(flowable)

    # -- header and footer ------------------------------------------------------------------
    def _draw_running_parts(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        width, height = canv._pagesize
        left, right = MARGIN_X, width - MARGIN_X
        canv.saveState()
        muted = HexColor(MUTED)
        # header: workshop title on the left, section (and workflow) on the right
        top = height - MARGIN_TOP + 7 * mm
        section = self.section + (f" · {self.subsection}" if self.subsection else "")
        section = _fit(section, _RUNNING_SIZE, (right - left) * 0.55, FONT_BOLD)
        section_width = string_width(section, _RUNNING_SIZE, FONT_BOLD)
        title_room = right - left - section_width - 12
        canv.setFillColor(muted)
        draw_text(canv, left, top, _fit(self.running_title, _RUNNING_SIZE, title_room),
                  _RUNNING_SIZE)  # fmt: skip
        canv.setFillColor(HexColor(ACCENT))
        draw_text(canv, right - section_width, top, section, _RUNNING_SIZE, FONT_BOLD)
        canv.setStrokeColor(HexColor(RULE))
        canv.setLineWidth(0.6)
        canv.line(left, top - 2.5 * mm, right, top - 2.5 * mm)
        # footer: marking on the left, page X of Y on the right
        bottom = MARGIN_BOTTOM - 9 * mm
        canv.line(left, bottom + 4.5 * mm, right, bottom + 4.5 * mm)
        canv.setFillColor(HexColor(CONFIDENTIALITY_COLORS.get(self.marking.lower(), MUTED)))
        marking = self.marking.upper()
        draw_text(canv, left, bottom, marking, _RUNNING_SIZE, FONT_BOLD)
        if self.edition:
            canv.setFillColor(muted)
            x = left + string_width(marking, _RUNNING_SIZE, FONT_BOLD) + 8
            draw_text(canv, x, bottom, f"· {self.edition}", _RUNNING_SIZE)
        canv.saveState()
        canv.translate(right, bottom)
        canv.doForm(footer_form(doc.page))
        canv.restoreState()
        self._footers.append(doc.page)
        canv.restoreState()


def _frame(pagesize: tuple[float, float], *, name: str, top: float = MARGIN_TOP) -> Frame:
    width, _ = frame_size(pagesize)
    height = pagesize[1] - top - MARGIN_BOTTOM
    return Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        width,
        height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=name,
    )


def _draw_cover_band(canv: Canvas, doc: BaseDocTemplate) -> None:
    """The accent band across the top of the cover, with the document type in it."""
    width, height = canv._pagesize
    canv.saveState()
    canv.setFillColor(HexColor(ACCENT))
    canv.rect(0, height - COVER_BAND, width, COVER_BAND, stroke=0, fill=1)
    canv.setFillColor(HexColor("#FFFFFF"))
    draw_text(canv, MARGIN_X, height - COVER_BAND + 6 * mm, "OPMODEL STUDIO", 9, FONT_BOLD)
    canv.restoreState()


def _right_aligned_form(
    canv: Canvas, name: str, text: str, size: float, font: str, colour: str
) -> None:
    """Define form ``name``: ``text`` drawn so that it ends at the form's origin."""
    width = string_width(text, size, font)
    canv.beginForm(name, lowerx=-width - 2, lowery=-size * 0.3, upperx=1, uppery=size * 1.2)
    canv.setFillColor(HexColor(colour))
    draw_text(canv, -width, 0, text, size, font)
    canv.endForm()


def _fit(text: str, size: float, max_width: float, font: str = FONT) -> str:
    """``text`` shortened with an ellipsis to fit ``max_width`` points."""
    if string_width(text, size, font) <= max_width:
        return text
    text = text[: int(max_width / (size * 0.25)) + 1]  # no glyph is narrower than this
    while text and string_width(text + "…", size, font) > max_width:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""
