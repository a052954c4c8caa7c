"""The blueprint's Frameworks page: how the operating model relates to NIST AI RMF,
ISO/IEC 42001 and the EU AI Act (the component crosswalk), and which framework passages
the open findings relate to. One sentence says that these references are neither a
compliance verdict nor legal advice (:data:`model.frameworks.DISCLAIMER`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.platypus import CondPageBreak, Flowable, Table, TableStyle

from exports.pdf import tables as t
from exports.pdf.fonts import Paragraph, markup
from exports.pdf.styles import ACCENT_LIGHT, stylesheet
from exports.pdf.templates import Heading
from model.analysis import Finding
from model.assessment import component_name
from model.frameworks import (
    CROSSWALK,
    DISCLAIMER,
    FRAMEWORKS,
    framework_of,
    reference_sort_key,
)
from model.session import Session

INTRO = (
    "Leadership teams and their auditors ask which framework this operating model maps to. "
    "Each of its seven components relates to passages of three public frameworks: "
    + "; ".join(f.source for f in FRAMEWORKS)
    + ". Every finding in this blueprint names the passages its rule relates to."
)
NO_FINDINGS = "No open findings: no framework passage to follow up."


@dataclass
class _Cited:
    """One reference and the open findings that cite it."""

    reference: str
    rules: dict[str, int] = field(default_factory=dict)
    workflows: list[str] = field(default_factory=list)


def frameworks_page(session: Session, findings: Sequence[Finding], width: float) -> list[Flowable]:
    """The page's content after its section heading: intro, the one-sentence disclaimer,
    the component crosswalk and the references of the open findings."""
    s = stylesheet()
    story: list[Flowable] = [
        t.para(INTRO, s.body),
        disclaimer_band(width),
        Heading("Component crosswalk", s.h2, level=1),
        t.para(
            "Where each component of the operating model meets the frameworks (NIST AI RMF "
            "functions and categories, ISO/IEC 42001 clauses and Annex A controls, EU AI Act "
            "articles).",
            s.intro,
        ),
        *crosswalk_table(width),
        CondPageBreak(120),
        Heading("References of the open findings", s.h2, level=1),
        t.para(
            "Each passage the open findings relate to: the rules that cite it, as in the "
            "findings tables (×2: two findings), and the workflows they were found in.",
            s.intro,
        ),
        *references_table(session, findings, width),
    ]
    return story


def disclaimer_band(width: float) -> Table:
    """The disclaimer sentence on a light band, so nobody reads past it."""
    s = stylesheet()
    return Table(
        [[Paragraph(f"<b>{markup(DISCLAIMER)}</b>", s.small)]],
        colWidths=[width],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), HexColor(ACCENT_LIGHT)),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        ),
        spaceBefore=4,
        spaceAfter=8,
    )


def crosswalk_table(width: float) -> list[Flowable]:
    """Component, then its NIST AI RMF, ISO/IEC 42001 and EU AI Act passages."""
    rows = [
        [t.para(component_name(row.component), stylesheet().cell_bold), row.nist, row.iso, row.eu]
        for row in CROSSWALK
    ]
    header = ["Component", *(f.name for f in FRAMEWORKS)]
    return t.grid(header, rows, [22, 24, 27, 27], width)


def cited_references(session: Session, findings: Sequence[Finding]) -> list[_Cited]:
    """Every reference the findings carry, in framework and passage order."""
    names = {w.id: (w.name.strip() or w.id) for w in session.ordered_workflows()}
    cited: dict[str, _Cited] = {}
    for finding in findings:
        for reference in finding.references:
            entry = cited.setdefault(reference, _Cited(reference))
            entry.rules[finding.rule] = entry.rules.get(finding.rule, 0) + 1
            workflow = names.get(finding.workflow_id, finding.workflow_id)
            if workflow not in entry.workflows:
                entry.workflows.append(workflow)
    return [cited[r] for r in sorted(cited, key=reference_sort_key)]


def references_table(session: Session, findings: Sequence[Finding], width: float) -> list[Flowable]:
    """One table per framework the findings cite: passage, the rules citing it (with the
    number of findings when more than one), and the workflows they were found in."""
    entries = cited_references(session, findings)
    if not entries:
        return [t.para(NO_FINDINGS, stylesheet().muted)]
    out: list[Flowable] = []
    for framework in FRAMEWORKS:
        rows = []
        for entry in entries:
            if framework_of(entry.reference) != framework.name:
                continue
            rules = ", ".join(
                f"{rule} ×{count}" if count > 1 else rule for rule, count in entry.rules.items()
            )
            passage = entry.reference[len(framework.name) :].strip()
            rows.append(
                [
                    t.para(passage, stylesheet().cell_bold),
                    rules,
                    t.listing(entry.workflows, 4),
                ]
            )
        if rows:
            header = [f"{framework.name} passage", "Rules of the open findings", "Workflows"]
            out.append(CondPageBreak(70))
            out += t.grid(header, rows, [22, 40, 38], width)
    return out
