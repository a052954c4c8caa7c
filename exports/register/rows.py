"""The rows of the AI use-case register: one per AI step, in the spec's columns.

Every value is text, ready for a spreadsheet cell: enum values humanized ("Third party"),
yes/no for flags, lists joined with "; " (labels may hold commas), an empty cell for a
value nobody has recorded. Findings come from the analysis rules (without the orchestration
figures, so networkx is not loaded).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from model.analysis.rules import Finding, check_session
from model.connections import connection_meaning
from model.frameworks import reference_sort_key
from model.kinds import KINDS_BY_ID
from model.session import Element, Session, Workflow
from model.vocabulary import SENSITIVITY, humanize

#: The register's columns (the spec's "AI use-case register"), in order.
COLUMNS: tuple[str, ...] = (
    "Workflow",
    "Function",
    "AI step",
    "Purpose",
    "Task",
    "Input",
    "Output",
    "Data used",
    "Personal data",
    "Highest sensitivity",
    "Provider",
    "Tool",
    "Tool approved",
    "Decision right",
    "Oversight",
    "Accountable roles",
    "Responsible roles",
    "Override/stop authority",
    "Workflow risk tier",
    "Impact assessment",
    "Workflow status",
    "Controls governing it",
    "Metrics measuring it",
    "Open findings",
    "References",
)
#: Joins the items of a list in one cell.
SEPARATOR = "; "
#: What the authority column says when no owning role may override or stop.
NO_AUTHORITY = "None"


@dataclass(frozen=True)
class RegisterRow:
    """One AI step's row: its workflow (for the per-workflow sheets) and its cells."""

    workflow_id: str
    cells: tuple[str, ...]


class _Links:
    """One workflow's connections by meaning, with the RACI letter of each."""

    def __init__(self, session: Session, workflow: Workflow) -> None:
        self.by_id = {e.id: e for e in session.workflow_elements(workflow.id)}
        self.into: dict[tuple[str, str], list[tuple[Element, str | None]]] = {}
        for connection in session.workflow_connections(workflow.id):
            source = self.by_id.get(connection.source)
            target = self.by_id.get(connection.target)
            if source is None or target is None:
                continue
            meaning = connection_meaning(source.kind, target.kind)
            if meaning is not None:
                key = (meaning, target.id)
                self.into.setdefault(key, []).append((source, connection.raci))

    def sources(self, meaning: str, element_id: str) -> list[tuple[Element, str | None]]:
        """The elements connected to ``element_id`` with ``meaning``, with their RACI."""
        return self.into.get((meaning, element_id), [])


def register_rows(session: Session, findings: Iterable[Finding] | None = None) -> list[RegisterRow]:
    """One row per AI step of ``session``, workflow by workflow in tab order, each in the
    order its AI steps were added. ``findings`` defaults to the analysis rules' findings."""
    by_element: dict[str, list[Finding]] = {}
    for finding in check_session(session) if findings is None else findings:
        for element_id in dict.fromkeys(finding.element_ids):
            by_element.setdefault(element_id, []).append(finding)
    rows: list[RegisterRow] = []
    for workflow in session.ordered_workflows():
        links = _Links(session, workflow)
        for step in (e for e in links.by_id.values() if e.kind == "ai_step"):
            cells = _cells(workflow, step, links, by_element.get(step.id, []))
            rows.append(RegisterRow(workflow.id, cells))
    return rows


def _cells(
    workflow: Workflow, step: Element, links: _Links, findings: list[Finding]
) -> tuple[str, ...]:
    p = step.props
    data = [d for d, _ in links.sources("feeds", step.id)]
    roles = links.sources("responsible", step.id)
    accountable = [r for r, letter in roles if letter == "A"]
    responsible = [r for r, letter in roles if letter in (None, "R")]
    controls = [c for c, _ in links.sources("governs", step.id)]
    metrics = [m for m, _ in links.sources("measures", step.id)]
    rules = list(dict.fromkeys(f.rule for f in findings))
    references = sorted({r for f in findings for r in f.references}, key=reference_sort_key)
    values = (
        workflow.name.strip() or workflow.id,
        humanize(workflow.function),
        label(step),
        text(p.get("purpose")),
        text(p.get("task")),
        text(p.get("input")),
        text(p.get("output")),
        joined(label(d) for d in data),
        "Yes" if any(d.props.get("personal_data") is True for d in data) else "No",
        highest_sensitivity(data),
        enum(p.get("provider")),
        text(p.get("tool")),
        tool_approved(step),
        enum(p.get("decision_right")),
        enum(p.get("oversight")),
        joined(label(r) for r in accountable),
        joined(label(r) for r in responsible),
        authority([*accountable, *responsible]),
        enum(workflow.risk_tier),
        enum(workflow.impact_assessment),
        enum(workflow.status),
        joined(_control(c) for c in controls),
        joined(label(m) for m in metrics),
        joined(rules),
        joined(references),
    )
    return values


def label(element: Element) -> str:
    """The element's label, or its kind and id when it has none."""
    shown = element.label.strip()
    return shown or f"{KINDS_BY_ID[element.kind].name} (id {element.id})"


def text(value: object) -> str:
    """A text prop as it stands, stripped; empty when not set."""
    return value.strip() if isinstance(value, str) else ""


def enum(value: object) -> str:
    """An enum value humanized; empty when not set."""
    return humanize(value) if isinstance(value, str) and value else ""


def joined(items: Iterable[str]) -> str:
    """Items in one cell, without repeats, in their order."""
    return SEPARATOR.join(dict.fromkeys(i for i in items if i))


def highest_sensitivity(data: list[Element]) -> str:
    """The most sensitive ``sensitivity`` among the data feeding the step; empty if none."""
    ranks = [SENSITIVITY.index(s) for d in data if (s := d.props.get("sensitivity")) in SENSITIVITY]
    return humanize(SENSITIVITY[max(ranks)]) if ranks else ""


def tool_approved(step: Element) -> str:
    """Yes or No; a named tool not marked approved is No, no tool and no mark is empty."""
    approved = step.props.get("tool_approved")
    if approved is True:
        return "Yes"
    if approved is False or text(step.props.get("tool")):
        return "No"
    return ""


def authority(roles: list[Element]) -> str:
    """Who among the owning roles may override the output or stop the system, and which."""
    shown = []
    seen: set[str] = set()
    for role in roles:
        if role.id in seen:
            continue
        seen.add(role.id)
        powers = [
            word
            for key, word in (("can_override", "override"), ("can_stop", "stop"))
            if role.props.get(key) is True
        ]
        if powers:
            shown.append(f"{label(role)} ({', '.join(powers)})")
    return SEPARATOR.join(shown) or NO_AUTHORITY


def _control(control: Element) -> str:
    category = enum(control.props.get("category"))
    return f"{label(control)} ({category.lower()})" if category else label(control)
