"""The blueprint's tables: per workflow (AI entry points, roles, data, decision rights,
controls, metrics, findings, figures) and for the summary, next steps and appendix.

Every cell is a Paragraph built with :func:`exports.pdf.fonts.markup`, so long text wraps
and any script renders. Enum values are shown with :func:`model.vocabulary.humanize`; a
missing value is a dash; a table with no rows is the line "None mapped yet.". Long tables
are cut into blocks that each repeat the header row, which keeps reportlab's layout time
linear in the number of rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Table

from exports.pdf.fonts import Paragraph, clip, markup, string_width
from exports.pdf.stakeholder import WITHHELD, withheld
from exports.pdf.styles import ACCENT, MUTED, SEVERITY, stylesheet, table_style
from exports.pdf.templates import Heading
from model.analysis import Finding, Orchestration
from model.analysis.rules import RULES_BY_ID
from model.assessment import component_name
from model.connections import connection_meaning
from model.kinds import KINDS_BY_ID
from model.next_steps import NextStep
from model.session import Connection, Element, Participant, Session, Workflow
from model.vocabulary import COMPONENTS, DECISION_RIGHTS, humanize

NONE_YET = "None mapped yet."
DASH = "—"
CHECK = "✓"
#: Rows per table block (each block repeats the header).
BLOCK_ROWS = 40
#: Names listed in one cell before "and N more".
LIST_LIMIT = 8
#: Elements of a critical path named before the middle is cut short.
PATH_LIMIT = 40

Cell = str | Flowable


# -- an index of one workflow ---------------------------------------------------------------
@dataclass
class WorkflowIndex:
    """One workflow's elements and typed connections, for building its tables.

    ``out[meaning][id]`` are the connections of that meaning leaving ``id``, ``into`` those
    arriving, in connection order (connections the spec does not allow are ignored).
    """

    workflow: Workflow
    elements: list[Element]
    by_id: dict[str, Element]
    out: dict[str, dict[str, list[Connection]]] = field(default_factory=dict)
    into: dict[str, dict[str, list[Connection]]] = field(default_factory=dict)

    @classmethod
    def build(cls, session: Session, workflow_id: str) -> WorkflowIndex:
        """Index the workflow ``workflow_id`` of ``session``."""
        elements = session.workflow_elements(workflow_id)
        index = cls(session.workflows[workflow_id], elements, {e.id: e for e in elements})
        for connection in session.workflow_connections(workflow_id):
            source = index.by_id.get(connection.source)
            target = index.by_id.get(connection.target)
            if source is None or target is None:
                continue
            meaning = connection_meaning(source.kind, target.kind)
            if meaning is None:
                continue
            index.out.setdefault(meaning, {}).setdefault(source.id, []).append(connection)
            index.into.setdefault(meaning, {}).setdefault(target.id, []).append(connection)
        return index

    def of_kind(self, *kinds: str) -> list[Element]:
        """The elements of ``kinds`` in creation order."""
        return [e for e in self.elements if e.kind in kinds]

    def targets(self, meaning: str, element_id: str) -> list[Element]:
        """Elements the element's connections of ``meaning`` lead to."""
        return [self.by_id[c.target] for c in self.out.get(meaning, {}).get(element_id, [])]

    def sources(self, meaning: str, element_id: str) -> list[Element]:
        """Elements whose connections of ``meaning`` lead to the element."""
        return [self.by_id[c.source] for c in self.into.get(meaning, {}).get(element_id, [])]

    def roles(self, element_id: str) -> list[tuple[Element, str | None]]:
        """The roles responsible for the element, each with its RACI letter (or None)."""
        return [
            (self.by_id[c.source], c.raci)
            for c in self.into.get("responsible", {}).get(element_id, [])
        ]

    def nearest_downstream(self, element_id: str, kind: str) -> list[Element]:
        """The first elements of ``kind`` reached along flow from the element (not beyond)."""
        found: list[Element] = []
        seen = {element_id}
        frontier = [element_id]
        while frontier:
            following: list[str] = []
            for node in frontier:
                for nxt in self.targets("flow", node):
                    if nxt.id in seen:
                        continue
                    seen.add(nxt.id)
                    if nxt.kind == kind:
                        found.append(nxt)
                    else:
                        following.append(nxt.id)
            frontier = following
        return found


# -- cells and grids ----------------------------------------------------------------------
#: A table cell shows at most this many characters of a text, then an ellipsis (a cell is
#: for a glance; the limits allow 5,000-character texts, which would fill pages of rows).
CELL_MAX = 1_000


def para(text: str, style: Any | None = None) -> Paragraph:
    """A paragraph of plain ``text`` (escaped, with fallback fonts) in ``style``."""
    style = style or stylesheet().cell
    return Paragraph(markup(clip(text, CELL_MAX), style.fontName) if text else "", style)


def cell(value: Any) -> Paragraph:
    """A table cell showing ``value``: text, number, yes/no, list; a dash when empty."""
    text = plain(value)
    if text == DASH:
        return Paragraph(f'<font color="{MUTED}">{DASH}</font>', stylesheet().cell)
    return para(text)


def plain(value: Any) -> str:
    """``value`` as text for a cell (a dash when empty)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return DASH
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, list | tuple):
        items = [plain(v) for v in value]
        return ", ".join(i for i in items if i != DASH) or DASH
    return str(value).strip()


def number(value: float) -> str:
    """``1,250`` or ``12.5``: a number without trailing zeros."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def enum(value: Any) -> str:
    """An enum value humanized (``approval_required`` → ``Approval required``)."""
    if isinstance(value, list | tuple):
        return ", ".join(humanize(str(v)) for v in value) or DASH
    return humanize(str(value)) if value not in (None, "") else DASH


def label(element: Element) -> str:
    """The element's label, or its kind and id when it has none."""
    text = element.label.strip()
    if text:
        return text
    kind = KINDS_BY_ID.get(element.kind)
    return f"{kind.name if kind else humanize(element.kind)} (id {element.id})"


def labels(elements: Iterable[Element]) -> str:
    """Labels joined by commas (a dash when there are none), at most :data:`LIST_LIMIT`."""
    return listing([label(e) for e in elements])


def listing(items: Sequence[str], limit: int | None = None) -> str:
    """``items`` joined by commas; beyond ``limit`` (:data:`LIST_LIMIT`) "and N more"."""
    limit = LIST_LIMIT if limit is None else limit
    if not items:
        return DASH
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f" and {len(items) - limit} more"


def grid(
    header: Sequence[str], rows: Sequence[Sequence[Cell]], fractions: Sequence[float], width: float
) -> list[Flowable]:
    """A table (or "None mapped yet.") with a header row, cut into blocks of rows."""
    if not rows:
        return [none_yet()]
    widths = [width * f / sum(fractions) for f in fractions]
    head = [para(h, _header_style(h, w - 8)) for h, w in zip(header, widths, strict=True)]
    blocks: list[Flowable] = []
    for start in range(0, len(rows), BLOCK_ROWS):
        body = [
            [c if isinstance(c, Flowable) else cell(c) for c in row]
            for row in rows[start : start + BLOCK_ROWS]
        ]
        table = Table(
            [head, *body], colWidths=widths, repeatRows=1, splitInRow=1, style=table_style()
        )
        table.hAlign = "LEFT"
        blocks.append(table)
    blocks[-1].spaceAfter = 6
    return blocks


def key_values(
    rows: Sequence[tuple[str, Cell]], width: float, key_share: float = 0.3
) -> list[Flowable]:
    """A two-column table of labelled values (no header row)."""
    if not rows:
        return [none_yet()]
    styles = stylesheet()
    data = [[para(k, styles.cell_bold), v if isinstance(v, Flowable) else cell(v)] for k, v in rows]
    table = Table(
        data,
        splitInRow=1,
        colWidths=[width * key_share, width * (1 - key_share)],
        style=table_style(header=False),
    )
    table.hAlign = "LEFT"
    table.spaceAfter = 6
    return [table]


def none_yet() -> Paragraph:
    """The one line an empty table shows."""
    return para(NONE_YET, stylesheet().muted)


def severity_cell(severity: str) -> Paragraph:
    """The severity in its colour, bold."""
    colour = SEVERITY.get(severity, MUTED)
    return Paragraph(f'<font color="{colour}">{humanize(severity)}</font>', stylesheet().cell_bold)


# -- per-workflow tables ---------------------------------------------------------------------
@dataclass(frozen=True)
class WorkflowFacts:
    """What the analysis says about one workflow: its findings and orchestration figures."""

    findings: list[Finding]
    figures: Orchestration | None


def workflow_tables(
    session: Session,
    workflow_id: str,
    facts: WorkflowFacts,
    width: float,
    *,
    stakeholder: bool = False,
) -> list[Flowable]:
    """Headings and tables of one workflow, in the order the blueprint shows them."""
    index = WorkflowIndex.build(session, workflow_id)
    styles = stylesheet()
    out: list[Flowable] = []
    sections: list[tuple[str, str, Callable[[], list[Flowable]]]] = [
        ("AI entry points",
         "Where AI enters the work: the task of each AI step, what it takes in and hands on, "
         "what its output may do, and who owns and reviews it.",
         lambda: ai_entry_points(index, width)),
        ("Roles and their shifts",
         "The human roles around the AI steps, how their work shifts, and their RACI letter "
         "on each step (R responsible, A accountable, C consulted, I informed).",
         lambda: roles_and_shifts(index, width) + raci_table(index, width)),
        ("Data inventory",
         "The data the steps use, who owns it, how sensitive and how ready it is.",
         lambda: data_inventory(index, width, stakeholder=stakeholder)),
        ("Decision rights",
         "What each AI output may do, and the approval gate that guards it.",
         lambda: decision_rights_matrix(index, width)),
        ("Governance controls",
         "Controls on data security, tools, access, audit, vendors, regulation and use.",
         lambda: governance_controls(index, width)),
        ("Metrics plan",
         "How the improvement is measured: baseline, target, owner and frequency.",
         lambda: metrics_plan(index, width)),
        ("Findings and what to do",
         "Gaps the analysis found in this workflow's map, errors first.",
         lambda: findings_table(session, facts.findings, width, show_workflow=False)),
        ("Orchestration figures",
         "Cycle time from trigger to outcome today and redesigned, handoffs between roles, "
         "manual steps and the critical path.",
         lambda: orchestration_table(session, facts.figures, width)),
    ]  # fmt: skip
    for title, intro, build in sections:
        out.append(CondPageBreak(110))
        out.append(Heading(title, styles.h2, level=2))
        out.append(para(intro, styles.intro))
        out.extend(build())
    return out


def ai_entry_points(index: WorkflowIndex, width: float) -> list[Flowable]:
    """AI step, task, input, output, decision right and oversight, owner and review."""
    rows = []
    for step in index.of_kind("ai_step"):
        p = step.props
        owners = [r for r, letter in index.roles(step.id) if letter in (None, "R", "A")]
        reviews = [e for e in index.sources("flow", step.id) if e.kind == "review"]
        reviews += [e for e in index.nearest_downstream(step.id, "review") if e not in reviews]
        tool = plain(p.get("tool"))
        if tool != DASH and p.get("tool_approved") is not True:
            tool += " (not approved)"
        rows.append(
            [
                _bold(label(step)),
                plain(p.get("task")),
                plain(p.get("input")),
                plain(p.get("output")),
                _lines(
                    enum(p.get("decision_right")),
                    enum(p.get("oversight")),
                    "Customer facing" if p.get("customer_facing") is True else "",
                ),
                _lines(
                    f"Owner: {listing([label(o) for o in owners], 4)}",
                    f"Review: {listing([label(r) for r in reviews], 3)}",
                    f"Tool: {tool}",
                ),
            ]
        )
    header = [
        "AI step",
        "Task",
        "Input",
        "Output",
        "Decision right · oversight",
        "Owner · review · tool",
    ]
    return grid(header, rows, [15, 20, 17, 17, 14, 17], width)


def roles_and_shifts(index: WorkflowIndex, width: float) -> list[Flowable]:
    """Role, shift from → to, capability needs, headcount, and the steps it works on."""
    rows = []
    for role in index.of_kind("role"):
        p = role.props
        shift_from, shift_to = p.get("shift_from"), p.get("shift_to")
        shift = DASH
        if shift_from or shift_to:
            shift = f"{enum(shift_from)} → {enum(shift_to)}"
        works = [
            f"{label(index.by_id[c.target])} ({c.raci})" if c.raci else label(index.by_id[c.target])
            for c in index.out.get("responsible", {}).get(role.id, [])
        ]
        rows.append(
            [
                _bold(label(role)),
                shift,
                plain(p.get("capability_needs")),
                plain(p.get("headcount")),
                listing(works),
            ]
        )
    header = ["Role", "Shift", "Capability needs", "Head-\ncount", "Works on (RACI)"]
    return grid(header, rows, [18, 20, 25, 10, 27], width)


def raci_table(index: WorkflowIndex, width: float) -> list[Flowable]:
    """Per step with roles: who is responsible, accountable, consulted and informed."""
    rows = []
    for element in index.elements:
        roles = index.roles(element.id)
        if not roles:
            continue
        by_letter: dict[str, list[str]] = {"R": [], "A": [], "C": [], "I": []}
        for role, letter in roles:
            by_letter[letter if letter in by_letter else "R"].append(label(role))
        kind = KINDS_BY_ID.get(element.kind)
        rows.append(
            [
                _bold(label(element)),
                kind.name if kind else humanize(element.kind),
                *(listing(by_letter[x]) for x in "RACI"),
            ]
        )
    if not rows:
        return []
    styles = stylesheet()
    header = ["Step", "Kind", "Responsible", "Accountable", "Consulted", "Informed"]
    return [
        CondPageBreak(90),
        para("RACI per step", styles.h3),
        *grid(header, rows, [22, 12, 17, 17, 16, 16], width),
    ]


def data_inventory(
    index: WorkflowIndex, width: float, *, stakeholder: bool = False
) -> list[Flowable]:
    """Data, source and location, owner, sensitivity, readiness, personal data, feeds."""
    rows = []
    for data in index.of_kind("data"):
        p = data.props
        if stakeholder and withheld(data):
            source = owner = WITHHELD
        else:
            source = _lines(
                plain(p.get("source_system")), plain(p.get("location")) if p.get("location") else ""
            )
            owner = plain(p.get("owner"))
        rows.append(
            [
                _bold(label(data)),
                source,
                owner,
                enum(p.get("sensitivity")),
                enum(p.get("readiness")),
                plain(p.get("personal_data")) if "personal_data" in p else DASH,
                labels(index.targets("feeds", data.id)),
            ]
        )
    header = [
        "Data",
        "Source · location",
        "Owner",
        "Sensitivity",
        "Readiness",
        "Personal\ndata",
        "Feeds",
    ]
    return grid(header, rows, [17, 18, 14, 12, 12, 11, 16], width)


def decision_rights_matrix(index: WorkflowIndex, width: float) -> list[Flowable]:
    """Rows: AI steps; columns: the five decision rights (✓) and the guarding gate."""
    styles = stylesheet()
    check = Paragraph(f'<font color="{ACCENT}">{CHECK}</font>', styles.cell_bold)
    blank = Paragraph("", styles.cell)
    rows = []
    for step in index.of_kind("ai_step"):
        right = step.props.get("decision_right")
        gates = index.nearest_downstream(step.id, "gate")
        gate_text = labels(gates)
        if not gates and right in ("approval_required", "automated"):
            gate_text = "No gate downstream"
        rows.append(
            [
                _bold(label(step)),
                *(check if right == r else blank for r in DECISION_RIGHTS),
                gate_text,
            ]
        )
    header = [
        "AI step",
        "Draft",
        "Recom-\nmendation",
        "Alert",
        "Approval\nrequired",
        "Auto-\nmated",
        "Guarded by gate",
    ]
    blocks = grid(header, rows, [22, 9, 14, 9, 12, 12, 22], width)
    for block in blocks:
        if isinstance(block, Table):
            block.setStyle([("ALIGN", (1, 1), (5, -1), "CENTER")])
    return blocks


def governance_controls(index: WorkflowIndex, width: float) -> list[Flowable]:
    """Control, category, description, owner, references, what it governs."""
    rows = []
    for control in index.of_kind("control"):
        p = control.props
        owner = plain(p.get("owner"))
        if owner == DASH:
            owner = labels(r for r, _ in index.roles(control.id))
        rows.append(
            [
                _bold(label(control)),
                enum(p.get("category")),
                plain(p.get("description")),
                owner,
                plain(p.get("references")),
                labels(index.targets("governs", control.id)),
            ]
        )
    header = ["Control", "Category", "Description", "Owner", "References", "Governs"]
    return grid(header, rows, [16, 13, 25, 14, 15, 17], width)


def metrics_plan(index: WorkflowIndex, width: float) -> list[Flowable]:
    """Metric, unit, baseline, target, direction, owner, frequency, what it measures."""
    rows = []
    for metric in index.of_kind("metric"):
        p = metric.props
        owner = plain(p.get("owner"))
        if owner == DASH:
            owner = labels(r for r, _ in index.roles(metric.id))
        measures = labels(index.targets("measures", metric.id))
        loop = index.targets("learning_loop", metric.id)
        if loop:
            measures = _lines(
                measures if measures != DASH else "", f"Feeds back into: {labels(loop)}"
            )
        rows.append(
            [
                _bold(label(metric)),
                plain(p.get("unit")),
                plain(p.get("baseline")),
                plain(p.get("target")),
                enum(p.get("direction")),
                owner,
                enum(p.get("frequency")),
                measures,
            ]
        )
    header = ["Metric", "Unit", "Baseline", "Target", "Direction", "Owner", "Frequency", "Measures"]
    return grid(header, rows, [14, 12, 11, 9, 11, 12, 12, 19], width)


def findings_table(
    session: Session, findings: Sequence[Finding], width: float, *, show_workflow: bool = True
) -> list[Flowable]:
    """Severity, rule, component (or workflow), the finding with what to do, and the framework
    passages its rule relates to."""
    if not findings:
        return [para("No findings: every check on this map passes.", stylesheet().muted)]
    rows = []
    for finding in findings:
        spec = RULES_BY_ID.get(finding.rule)
        where = (
            _workflow_name(session, finding.workflow_id)
            if show_workflow
            else component_name(finding.component)
        )
        rows.append(
            [
                severity_cell(finding.severity),
                _lines(finding.rule, spec.title if spec else ""),
                where,
                finding.message,
                _references(finding.references),
            ]
        )
    header = [
        "Severity",
        "Rule",
        "Workflow" if show_workflow else "Component",
        "Finding and what to do",
        "References",
    ]
    return grid(header, rows, [10, 15, 13, 42, 20], width)


def _references(references: Sequence[str]) -> Paragraph:
    """A finding's framework references, one per line, small and muted (a dash when none)."""
    if not references:
        return cell(None)
    style = _small_muted()
    return Paragraph("<br/>".join(markup(_unbroken(r), style.fontName) for r in references), style)


def _unbroken(reference: str) -> str:
    """A reference that wraps only after "NIST AI RMF" (``MANAGE 2.4`` stays whole)."""
    head, sep, passage = reference.partition("NIST AI RMF ")
    if sep and not head:
        return "NIST\u00a0AI\u00a0RMF " + passage.replace(" ", "\u00a0")
    return reference.replace(" ", "\u00a0")


@cache
def _small_muted() -> ParagraphStyle:
    cell_style = stylesheet().cell
    return ParagraphStyle(
        "cell_references",
        parent=cell_style,
        fontSize=cell_style.fontSize - 0.5,
        leading=cell_style.leading - 0.5,
        textColor=HexColor(MUTED),
    )


def orchestration_table(
    session: Session, figures: Orchestration | None, width: float
) -> list[Flowable]:
    """Cycle time before/after, time saved, handoffs, manual steps, critical path."""
    if figures is None:
        return [none_yet()]
    rows: list[tuple[str, Cell]] = []
    before, after = figures.cycle_minutes_before, figures.cycle_minutes_after
    if before is None:
        rows.append(("Cycle time", "No flow path from a trigger to an outcome yet."))
    elif before == 0 and not after:
        rows.append(("Cycle time", "No step times mapped yet (minutes before and after)."))
    else:
        rows.append(("Cycle time today", minutes(before)))
        rows.append(("Cycle time redesigned", minutes(after)))
        if after is not None and before > 0:
            saved = before - after
            rows.append(("Time saved", f"{minutes(saved)} ({saved / before:.0%})"))
    rows.append(("Handoffs between roles", number(figures.handoffs)))
    rows.append(("Manual steps", number(figures.manual_steps)))
    path = [label(session.elements[i]) for i in figures.critical_path if i in session.elements]
    if len(path) > PATH_LIMIT:
        count = len(path)
        path = [*path[: PATH_LIMIT - 5], f"… {count - PATH_LIMIT} more …", *path[-5:]]
        rows.append(("Critical path", f"{count} elements: " + " → ".join(path)))
    elif path:
        rows.append(("Critical path", " → ".join(path)))
    return key_values(rows, width)


def minutes(value: float | None) -> str:
    """``95 min`` or ``155 min (2 h 35 min)``; a dash when unknown."""
    if value is None:
        return DASH
    text = f"{number(value)} min"
    if value >= 60:
        hours, rest = divmod(round(value), 60)
        text += f" ({hours} h {rest} min)" if rest else f" ({hours} h)"
    return text


# -- summary, next steps, appendix -------------------------------------------------------------
def component_scores_table(scores: dict[str, int | None], width: float) -> list[Flowable]:
    """Component and score (0–100, or "not yet mapped")."""
    rows = []
    for component in COMPONENTS:
        value = scores.get(component.id)
        shown = "not yet mapped" if value is None else f"{value} / 100"
        rows.append([_bold(component.name), shown])
    return grid(["Component", "Score"], rows, [62, 38], width)


def top_findings(
    session: Session, findings: Sequence[Finding], width: float, limit: int = 10
) -> list[Flowable]:
    """Up to ``limit`` findings across workflows, errors first, then warnings, then info."""
    rank = {"error": 0, "warning": 1, "info": 2}
    order = {w.id: i for i, w in enumerate(session.ordered_workflows())}
    ranked = sorted(
        enumerate(findings),
        key=lambda item: (
            rank.get(item[1].severity, 3),
            order.get(item[1].workflow_id, 0),
            item[0],
        ),
    )
    chosen = [f for _, f in ranked[:limit]]
    out = findings_table(session, chosen, width)
    rest = len(findings) - len(chosen)
    if rest > 0:
        out.append(
            para(
                f"… and {rest} more finding{'s' if rest != 1 else ''}, listed with each workflow.",
                stylesheet().muted,
            )
        )
    return out


def portfolio_table(session: Session, findings: Sequence[Finding], width: float) -> list[Flowable]:
    """Every workflow: function, status, value, feasibility, votes, risk tier, findings."""
    counts: dict[str, dict[str, int]] = {}
    for finding in findings:
        per = counts.setdefault(finding.workflow_id, {})
        per[finding.severity] = per.get(finding.severity, 0) + 1
    ai_steps: dict[str, int] = {}
    for element in session.elements.values():
        if element.kind == "ai_step":
            ai_steps[element.workflow_id] = ai_steps.get(element.workflow_id, 0) + 1
    rows = []
    for workflow in session.ordered_workflows():
        per = counts.get(workflow.id, {})
        found = ", ".join(
            f"{per[s]} {s}{'s' if per[s] != 1 and s != 'info' else ''}"
            for s in ("error", "warning", "info")
            if per.get(s)
        )
        rows.append(
            [
                _bold(workflow.name.strip() or workflow.id),
                enum(workflow.function),
                enum(workflow.status),
                _score(workflow.value),
                _score(workflow.feasibility),
                plain(workflow.votes),
                enum(workflow.risk_tier),
                plain(ai_steps.get(workflow.id, 0)),
                found or "None",
            ]
        )
    header = [
        "Workflow",
        "Function",
        "Status",
        "Value",
        "Feasi-\nbility",
        "Votes",
        "Risk tier",
        "AI steps",
        "Findings",
    ]
    return grid(header, rows, [20, 11, 10, 8, 9, 8, 10, 8, 16], width)


#: What each decision right means, for the summary's glossary.
DECISION_RIGHT_MEANINGS: dict[str, tuple[str, str]] = {
    "draft": ("AI prepares a first version; a person edits it and owns the result.", "Always"),
    "recommendation": ("AI proposes an option or an answer; a person decides.", "Always"),
    "alert": (
        "AI flags something for attention; a person decides whether and how to act.",
        "Always",
    ),
    "approval_required": (
        "The AI output takes effect only after a named approver signs it off at a gate.",
        "At the gate",
    ),
    "automated": (
        "The AI output takes effect without a person in the loop; people monitor samples and "
        "exceptions.",
        "On exceptions",
    ),
}


def decision_rights_glossary(width: float) -> list[Flowable]:
    """The five decision rights: what each means and where human judgment comes in."""
    rows = [
        [_bold(humanize(right)), meaning, judgment]
        for right, (meaning, judgment) in DECISION_RIGHT_MEANINGS.items()
    ]
    return grid(["Decision right", "What it means", "Human judgment"], rows, [20, 62, 18], width)


def next_steps_table(session: Session, steps: Sequence[NextStep], width: float) -> list[Flowable]:
    """Numbered leadership questions with why each is open and its component."""
    if not steps:
        return [para("No open questions: the map passes every check and the self-assessment "
                     "has no low answers.", stylesheet().muted)]  # fmt: skip
    rows = []
    for n, step in enumerate(steps, start=1):
        rows.append([str(n), _bold(step.question), step.why, component_name(step.component)])
    return grid(
        ["#", "Question for leadership", "Why it is open", "Component"],
        rows,
        [5, 42, 37, 16],
        width,
    )


def participants_table(participants: Sequence[Participant], width: float) -> list[Flowable]:
    """Name, title and role in the workshop."""
    rows = [
        [_bold(p.name.strip() or DASH), plain(p.title), enum(p.workshop_role)] for p in participants
    ]
    return grid(["Name", "Title", "Role in the workshop"], rows, [38, 40, 22], width)


# -- helpers -------------------------------------------------------------------------------
def _header_style(text: str, room: float) -> Any:
    """The header style, smaller when the longest word of ``text`` would not fit ``room``."""
    style = stylesheet().cell_header
    widest = max((string_width(w, style.fontSize, style.fontName) for w in text.split()), default=0)
    if widest <= room:
        return style
    return _scaled(style, max(6.5, style.fontSize * room / widest))


@cache
def _scaled(style: Any, size: float) -> Any:
    return ParagraphStyle(
        f"{style.name}-{size:.1f}", parent=style, fontSize=size, leading=size * 1.25
    )


def _bold(text: str) -> Paragraph:
    return para(text, stylesheet().cell_bold)


def _lines(*parts: str) -> Paragraph:
    """Several short lines in one cell (empty parts and dashes skipped)."""
    style = stylesheet().cell
    shown = [markup(clip(p, CELL_MAX)) for p in parts if p and p.strip() and p != DASH]
    return Paragraph("<br/>".join(shown) or DASH, style)


def _score(value: int | None) -> str:
    return DASH if value is None else f"{value} / 5"


def _workflow_name(session: Session, workflow_id: str) -> str:
    workflow = session.workflows.get(workflow_id)
    return (workflow.name.strip() if workflow else "") or workflow_id
