"""The PDF operating-model blueprint: the document a client keeps after the workshop.

:func:`export_pdf` assembles the story (cover, contents, executive summary, one section per
workflow with its canvas on landscape pages and its tables, frameworks, next steps,
appendix), lays it
out with :class:`exports.pdf.templates.BlueprintDocTemplate` and writes it atomically: a
bad target is refused before any work, and a failure part-way leaves no file behind.
``docs/blueprint.md`` describes each section and the stakeholder edition.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from exports.atomic import atomic_output
from exports.pdf import tables as t
from exports.pdf.charts import component_chart, prioritisation_chart
from exports.pdf.drawing import workflow_flowables, workflow_page_size
from exports.pdf.fonts import (
    REPLACEMENT,
    Paragraph,
    markup,
    missing_characters,
    needs_shaping,
    plain_texts,
    register_fonts,
    shaping_available,
)
from exports.pdf.frameworks import frameworks_page
from exports.pdf.maturity import STAGE_MEANINGS, maturity_path
from exports.pdf.stakeholder import (
    analysed_session,
    left_out_element_ids,
    stakeholder_session,
)
from exports.pdf.styles import (
    ACCENT_LIGHT,
    CONFIDENTIALITY_COLORS,
    MUTED,
    NAVY,
    stylesheet,
)
from exports.pdf.templates import (
    PORTRAIT,
    PORTRAIT_SIZE,
    Anchor,
    BlueprintDocTemplate,
    Contents,
    Heading,
    OutlineMark,
    canvas_template_id,
    frame_size,
)
from model.analysis import Analysis, analyse
from model.assessment import maturity_stage, stage_name
from model.next_steps import leadership_questions
from model.session import Session, Workflow
from model.vocabulary import humanize

Progress = Callable[[int, int, str], None]

SUBTITLE = "AI operating-model blueprint"
STAKEHOLDER_EDITION = "Stakeholder edition"
#: Section titles, as they appear in the contents, the bookmarks and the running header.
CONTENTS = "Contents"
SUMMARY = "Executive summary"
WORKFLOWS = "Workflows"
FRAMEWORKS = "Frameworks"
NEXT_STEPS = "Next steps"
APPENDIX = "Appendix"

CONFIDENTIALITY_NOTES = {
    "public": "May be shared freely.",
    "internal": "For use within the client organisation only.",
    "confidential": "Share only with the people this document is addressed to.",
    "restricted": "Named recipients only. Do not copy or forward.",
}

HOW_TO_READ = (
    "This blueprint records how AI is to fit into the way {client} performs, governs, "
    "measures and improves its work, as mapped live in the workshop. An AI operating model "
    "has seven components: <b>workflow architecture</b> (where AI enters the work, its task, "
    "input and output), <b>role design</b> (which people own each step and how their work "
    "shifts), <b>data context</b> (which data AI needs, how sensitive and how ready it is), "
    "<b>decision rights</b> (whether an AI output is a draft, a recommendation, an alert, "
    "needs a person's approval, or acts automatically, and so where human judgment stays "
    "mandatory), <b>quality assurance</b> (who reviews AI output, and how), "
    "<b>governance</b> (controls on data, tools, access, audit and regulation) and "
    "<b>measurement</b> (the metric that shows the work improved). <b>Findings</b> are gaps "
    "the analysis found in the map: errors to resolve before AI goes live, warnings to plan "
    "for, and points for information, each saying what to do. The executive summary gives the "
    "overall picture; each workflow follows as drawn in the workshop, with its details in "
    "tables; the last section lists the questions leadership still has to answer."
)


# -- the target --------------------------------------------------------------------------------
class CannotWriteError(OSError):
    """The output cannot be written; ``str()`` reads "cannot write PATH: reason"."""

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.strerror}"


class TargetLockedError(CannotWriteError, PermissionError):
    """The output or its folder is read-only (or held by another program)."""


class TargetFolderMissingError(CannotWriteError, FileNotFoundError):
    """The output's folder does not exist."""


def check_target(target: Path) -> None:
    """Refuse an output that cannot be written, before any work is done.

    Nothing locks a file on Linux, so a file "open elsewhere" shows as one that exists but
    is not writable; a file or folder without any write permission counts as read-only
    even for an administrator, who could otherwise overwrite it.
    """
    folder = target.parent
    if target.is_dir():
        raise TargetLockedError(errno.EISDIR, "it is a folder", str(target))
    if not folder.is_dir():
        raise TargetFolderMissingError(
            errno.ENOENT, f"the folder {folder} does not exist", str(target)
        )
    if not _writable(folder):
        raise TargetLockedError(errno.EACCES, f"the folder {folder} is read-only", str(target))
    if target.exists() and not _writable(target):
        raise TargetLockedError(
            errno.EACCES,
            "the file is read-only or open in another program; close it or choose another name",
            str(target),
        )


def _writable(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


# -- what the document shows ------------------------------------------------------------------
@dataclass
class _Plan:
    """The session as shown, and the analysis of it, for one export."""

    shown: Session
    analysis: Analysis
    stakeholder: bool


def _plan(session: Session, stakeholder: bool) -> _Plan:
    if not stakeholder:
        return _Plan(session, analyse(session), False)
    analysis = analyse(analysed_session(session))
    hidden = left_out_element_ids(session)
    analysis.findings = [f for f in analysis.findings if not hidden.intersection(f.element_ids)]
    return _Plan(stakeholder_session(session), analysis, True)


# -- the export ------------------------------------------------------------------------------
def export_pdf(
    session: Session,
    target: Path | str,
    *,
    stakeholder: bool = False,
    progress: Progress | None = None,
) -> list[str]:
    """Write the blueprint of ``session`` to ``target`` (a ``.pdf`` path).

    Returns the export's warnings (empty when all is well): one line per element,
    connection, workflow or workshop field with characters no shipped font can draw (they
    show as "□" in the PDF), see :func:`text_warnings`.

    ``stakeholder`` leaves out workshop notes, the parking lot, sticky notes and anything
    marked confidential (see :mod:`exports.pdf.stakeholder`). ``progress(done, total,
    what)`` is called as each section and workflow is prepared and laid out; an exception
    it raises (a cancel) stops the export. Raises :class:`CannotWriteError` (an OSError)
    naming the target when it cannot be written; no partial file is ever left.
    """
    target = Path(target)
    check_target(target)
    report = progress or (lambda done, total, what: None)
    register_fonts()
    plan = _plan(session, stakeholder)
    workflows = plan.shown.ordered_workflows()
    prepare_total = 3 + len(workflows)
    builder = _StoryBuilder(plan)
    # contents, summary, workflows, frameworks, next steps, appendix
    marks = 4 + max(len(workflows), 1) + 1
    total = prepare_total + marks
    report(0, total, "Analysing the map")

    def on_mark(mark: OutlineMark) -> None:
        if mark.progress is None:
            return
        builder.marks_done += 1
        done = prepare_total - 1 + min(builder.marks_done, marks)
        report(done, total, f"Writing {mark.progress}")

    with atomic_output(target) as temp:
        doc = builder.document(str(temp), on_mark)
        report(1, total, "Preparing the summary")
        story = builder.front_matter()
        for n, workflow in enumerate(workflows, start=2):
            report(n, total, f"Preparing “{workflow.name.strip() or workflow.id}”")
            story += builder.workflow_section(workflow, first=n == 2)
        if not workflows:
            story += builder.no_workflows()
        report(prepare_total - 1, total, "Preparing the next steps")
        story += builder.back_matter()
        builder.contents_marks[:] = [f for f in story if isinstance(f, OutlineMark) and f.in_toc]
        doc.build(story)
        report(total, total, f"Saving {target.name}")
    return text_warnings(plan.shown)


def _described(chars: list[str]) -> str:
    shown = ", ".join(f"U+{ord(c):04X}" for c in chars[:5])
    more = f" and {len(chars) - 5} more" if len(chars) > 5 else ""
    return f"{shown}{more}"


def text_warnings(session: Session) -> list[str]:
    """Warnings for text the blueprint cannot draw: each names the element (label and id),
    connection, workflow or workshop field and the characters, shown as "□" in the PDF."""
    found: list[str] = []

    def check(what: str, texts: list[str]) -> None:
        missing: list[str] = []
        for text in texts:
            for char in missing_characters(text):
                if char not in missing:
                    missing.append(char)
        if missing:
            found.append(
                f"{what}: {len(missing)} character(s) no shipped font has "
                f"({_described(missing)}), shown as {REPLACEMENT}"
            )
        if not shaping_available() and any(needs_shaping(t) for t in texts):
            found.append(f"{what}: drawn unshaped (install uharfbuzz to shape it)")

    workshop = session.workshop
    check(
        "workshop",
        plain_texts([workshop.title, workshop.client, workshop.facilitator, workshop.location,
                     workshop.notes, workshop.parking_lot]
                    + [[p.name, p.title] for p in workshop.participants]),
    )  # fmt: skip
    for workflow in session.ordered_workflows():
        check(
            f"workflow {workflow.id!r} ({workflow.name.strip()[:60]})",
            plain_texts([workflow.name, workflow.description, workflow.owner]),
        )
        for element in session.workflow_elements(workflow.id):
            check(
                f"element {element.id!r} ({element.label.strip()[:60]})",
                plain_texts([element.label, element.props]),
            )
        for connection in session.workflow_connections(workflow.id):
            check(
                f"connection {connection.id!r} ({connection.label.strip()[:60]})",
                plain_texts([connection.label]),
            )
    return found


class _StoryBuilder:
    """Builds the flowables of each part of the blueprint."""

    def __init__(self, plan: _Plan) -> None:
        self.plan = plan
        self.session = plan.shown
        self.workshop = plan.shown.workshop
        self.styles = stylesheet()
        self.width, self.height = frame_size(PORTRAIT_SIZE)
        self.marks_done = 0
        self.contents_marks: list[OutlineMark] = []
        self.canvas_sizes: dict[str, tuple[float, float]] = {}
        for workflow in self.session.ordered_workflows():
            self.canvas_sizes[workflow.id] = workflow_page_size(self.session, workflow.id)

    # -- document ---------------------------------------------------------------------------
    def document(
        self, filename: str, on_mark: Callable[[OutlineMark], None]
    ) -> BlueprintDocTemplate:
        """The document template, with a page template for each canvas page size."""
        workshop = self.workshop
        title = workshop.title.strip() or "Untitled workshop"
        edition = STAKEHOLDER_EDITION if self.plan.stakeholder else ""
        return BlueprintDocTemplate(
            filename,
            running_title=title,
            marking=workshop.confidentiality or "internal",
            edition=edition,
            canvas_sizes=self.canvas_sizes.values(),
            on_mark=on_mark,
            title=title,
            author=workshop.facilitator.strip(),
            subject=SUBTITLE + (f" ({edition.lower()})" if edition else ""),
            creator="OpModel Studio",
        )

    # -- cover, contents, summary ---------------------------------------------------------------
    def front_matter(self) -> list[Flowable]:
        """Cover, contents and executive summary."""
        return [*self.cover(), *self.contents(), *self.summary()]

    def cover(self) -> list[Flowable]:
        """Title, who and when, confidentiality band, and how to read the document."""
        s = self.styles
        w = self.workshop
        story: list[Flowable] = [
            Spacer(1, 26),
            t.para(SUBTITLE, s.subtitle),
            t.para(w.title.strip() or "Untitled workshop", s.title),
        ]
        if w.client.strip():
            story.append(t.para(w.client.strip(), s.cover_client))
        story.append(Spacer(1, 14))
        rows = [
            (name, value.strip())
            for name, value in (
                ("Client", w.client),
                ("Date", _long_date(w.date)),
                ("Facilitator", w.facilitator),
                ("Location", w.location),
            )
            if value and value.strip()
        ]
        if rows:
            meta = Table(
                [[t.para(k, s.cover_label), t.para(v, s.cover_meta)] for k, v in rows],
                colWidths=[self.width * 0.22, self.width * 0.78],
                hAlign="LEFT",
                style=TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                    ]
                ),
            )
            story.append(meta)
        story.append(Spacer(1, 22))
        level = (w.confidentiality or "internal").lower()
        band = f"<b>{markup(level.upper())}</b>  ·  {markup(CONFIDENTIALITY_NOTES.get(level, ''))}"
        story.append(_band(band, CONFIDENTIALITY_COLORS.get(level, NAVY), s.cover_band, self.width))
        if self.plan.stakeholder:
            story.append(Spacer(1, 6))
            story.append(
                _band(
                    f"<b>{STAKEHOLDER_EDITION}</b>  ·  workshop notes, the parking lot, sticky "
                    "notes and details marked confidential are left out.",
                    ACCENT_LIGHT,
                    s.cover_band_dark,
                    self.width,
                )
            )
        story.append(Spacer(1, 30))
        client = w.client.strip() or "the organisation"
        how = HOW_TO_READ.format(client=markup(client))
        story.append(
            KeepTogether(
                [
                    t.para("How to read this document", s.h3),
                    Paragraph(how, s.small),
                ]
            )
        )
        story.append(PageBreak())
        return story

    def contents(self) -> list[Flowable]:
        """The contents page (its entries are the contents-level marks of the story)."""
        return [
            Heading(CONTENTS, self.styles.h1, level=0, progress="the contents"),
            Contents(self.contents_marks),
            PageBreak(),
        ]

    def summary(self) -> list[Flowable]:
        """Glance, maturity stage, component scores, top findings, prioritisation, glossary."""
        s = self.styles
        plan = self.plan
        story: list[Flowable] = [
            Heading(SUMMARY, s.h1, level=0, in_toc=True, progress="the executive summary"),
            t.para(self._glance(), s.body),
        ]
        # maturity
        stage, source = self._stage()
        story.append(Heading("Maturity stage", s.h2, level=1))
        story.append(maturity_path(stage, self.width))
        story.append(Spacer(1, 6))
        if stage is None:
            text = (
                "<b>Not assessed.</b> The workshop has not set a maturity stage and the "
                "self-assessment has no answers yet."
            )
        else:
            text = (
                f"<b>Stage {stage} of 4: {stage_name(stage)}.</b> "
                f'{STAGE_MEANINGS[stage - 1]} <font color="{MUTED}">{source}.</font>'
            )
        story.append(Paragraph(text, s.body))
        # component scores: chart beside the table
        story.append(CondPageBreak(260))
        story.append(Heading("Component scores", s.h2, level=1))
        story.append(
            t.para(
                "Each component scores the share of its checks that pass across the workflows "
                "(0–100); a component with nothing to check yet is “not yet mapped”.",
                s.muted,
            )
        )
        chart_width = self.width * 0.58
        table_width = self.width - chart_width - 10
        chart = component_chart(plan.analysis.scores, chart_width, 190)
        side = Table(
            [[chart, t.component_scores_table(plan.analysis.scores, table_width)]],
            colWidths=[chart_width + 10, table_width],
            hAlign="LEFT",
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
        )
        story.append(side)
        # findings
        story.append(CondPageBreak(110))
        story.append(Heading("Top findings", s.h2, level=1))
        story += t.top_findings(self.session, plan.analysis.findings, self.width)
        # prioritisation
        story.append(CondPageBreak(300))
        story.append(Heading("Prioritisation matrix", s.h2, level=1))
        story.append(
            t.para(
                "Each workflow placed by the value it creates and how feasible it is; the "
                "bubble grows with the votes it received in the room.",
                s.muted,
            )
        )
        story.append(prioritisation_chart(self.session, self.width, 250))
        story.append(Spacer(1, 6))
        story += t.portfolio_table(self.session, plan.analysis.findings, self.width)
        # glossary
        story.append(CondPageBreak(110))
        story.append(Heading("Decision rights", s.h2, level=1))
        story.append(
            t.para(
                "What an AI output may do. Each AI step in the workflows below has one of these.",
                s.muted,
            )
        )
        story += t.decision_rights_glossary(self.width)
        return story

    def _glance(self) -> str:
        session = self.session
        workflows = len(session.workflows)
        elements = sum(1 for e in session.elements.values() if e.kind != "note")
        ai_steps = sum(1 for e in session.elements.values() if e.kind == "ai_step")
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.plan.analysis.findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
        return (
            f"{_count(workflows, 'workflow')} mapped with {_count(elements, 'element')}, "
            f"{_count(ai_steps, 'AI step')} among them. The analysis found "
            f"{_count(counts['error'], 'error')}, {_count(counts['warning'], 'warning')} and "
            f"{counts['info']:,} for information."
        )

    def _stage(self) -> tuple[int | None, str]:
        workshop = self.workshop
        if workshop.maturity_stage in (1, 2, 3, 4):
            return workshop.maturity_stage, "Stage as set in the workshop"
        derived = maturity_stage(workshop.assessment)
        if derived is not None:
            return derived, "Stage derived from the self-assessment answers"
        return None, ""

    # -- workflows ---------------------------------------------------------------------------
    def no_workflows(self) -> list[Flowable]:
        """The workflows section when the session has none."""
        return [
            PageBreak(),
            Heading(WORKFLOWS, self.styles.h1, level=0, in_toc=True, progress="the workflows"),
            t.para("No workflows mapped yet.", self.styles.muted),
        ]

    def workflow_section(self, workflow: Workflow, *, first: bool) -> list[Flowable]:
        """Heading and canvas on landscape pages, then the workflow's tables."""
        s = self.styles
        size = self.canvas_sizes[workflow.id]
        frame_w, frame_h = frame_size(size)
        name = _name(workflow)
        head: list[Flowable] = [
            Heading(name, s.h1, level=1, in_toc=True, progress=f"“{name}”"),
            Paragraph(self._facts_line(workflow), s.muted),
        ]
        description = workflow.description.strip()
        described = Paragraph(markup(description), s.body) if description else None
        if described is not None and _height(described, frame_w) <= frame_h * 0.15:
            head.append(described)
            described = None
        continued = t.para(f"{name} (canvas, continued)", s.h3)
        room = frame_h - max(_height(head, frame_w), _height([continued], frame_w)) - 4
        room = max(room, frame_h * 0.4)  # an absurdly long name pushes the canvas over
        parts = workflow_flowables(
            self.session, workflow.id, frame_w, room, stakeholder=self.plan.stakeholder
        )
        story: list[Flowable] = [NextPageTemplate(canvas_template_id(size)), PageBreak()]
        if first:
            story.append(Anchor(WORKFLOWS, level=0, in_toc=True))
        story += head
        for n, part in enumerate(parts):
            if n:
                story += [PageBreak(), t.para(f"{name} (canvas, continued)", s.h3)]
            story.append(part)
        story += [NextPageTemplate(PORTRAIT), PageBreak()]
        story.append(t.para(f"{name}: details", s.h1))
        if described is not None:
            story.append(Heading("About this workflow", s.h2, level=2))
            story.append(described)
        findings = [f for f in self.plan.analysis.findings if f.workflow_id == workflow.id]
        facts = t.WorkflowFacts(findings, self.plan.analysis.orchestration.get(workflow.id))
        story += t.workflow_tables(
            self.session, workflow.id, facts, self.width, stakeholder=self.plan.stakeholder
        )
        return story

    def _facts_line(self, workflow: Workflow) -> str:
        parts = [humanize(workflow.function)]
        if workflow.owner.strip():
            parts.append(f"owner {markup(workflow.owner.strip())}")
        parts.append(f"status {humanize(workflow.status).lower()}")
        if workflow.value is not None:
            parts.append(f"value {workflow.value}/5")
        if workflow.feasibility is not None:
            parts.append(f"feasibility {workflow.feasibility}/5")
        if workflow.risk_tier:
            parts.append(f"risk tier {humanize(workflow.risk_tier).lower()} (EU AI Act)")
        parts.append(_count(workflow.votes, "vote"))
        return "  ·  ".join(parts)

    # -- next steps, appendix ---------------------------------------------------------------------
    def back_matter(self) -> list[Flowable]:
        """The frameworks page, next steps (leadership questions) and the appendix."""
        s = self.styles
        w = self.workshop
        steps = leadership_questions(self.session, self.plan.analysis)
        story: list[Flowable] = [
            NextPageTemplate(PORTRAIT),
            PageBreak(),
            Heading(FRAMEWORKS, s.h1, level=0, in_toc=True, progress="the frameworks page"),
            *frameworks_page(self.session, self.plan.analysis.findings, self.width),
            PageBreak(),
            Heading(NEXT_STEPS, s.h1, level=0, in_toc=True, progress="the next steps"),
            t.para(
                "The questions leadership still has to answer: from the analysis findings "
                "(errors first) and from the self-assessment items not yet answered or "
                "answered low.",
                s.body,
            ),
            *t.next_steps_table(self.session, steps, self.width),
            PageBreak(),
            Heading(APPENDIX, s.h1, level=0, in_toc=True, progress="the appendix"),
            Heading("Participants", s.h2, level=1),
        ]
        story += t.participants_table(w.participants, self.width)
        if not self.plan.stakeholder:
            story.append(Heading("Parking lot", s.h2, level=1))
            items = [i.strip() for i in w.parking_lot if i and i.strip()]
            if items:
                story += [Paragraph(f"•  {markup(i)}", s.body) for i in items]
            else:
                story.append(t.para("Nothing was parked.", s.muted))
            story.append(Heading("Workshop notes", s.h2, level=1))
            notes = [p.strip() for p in w.notes.split("\n\n") if p.strip()]
            if notes:
                story += [Paragraph(markup(p), s.body) for p in notes]
            else:
                story.append(t.para("No notes were taken.", s.muted))
        return story


# -- helpers -----------------------------------------------------------------------------------
def _band(text: str, colour: str, style: object, width: float) -> Table:
    """A full-width coloured band with one line of text (already marked up)."""
    return Table(
        [[Paragraph(text, style)]],
        colWidths=[width],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), HexColor(colour)),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
    )


def _height(flowables: Flowable | list[Flowable], width: float) -> float:
    """The height ``flowables`` take in a frame ``width`` wide, spacing included."""
    items = flowables if isinstance(flowables, list) else [flowables]
    total = 0.0
    for item in items:
        _, h = item.wrap(width, 10_000)
        total += h + item.getSpaceBefore() + item.getSpaceAfter()
    return total


def _name(workflow: Workflow) -> str:
    return workflow.name.strip() or workflow.id


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _long_date(text: str) -> str:
    """``2026-11-24`` → ``24 November 2026``; anything else as it is."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return text
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
