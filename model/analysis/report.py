"""A readable text report of an :class:`~model.analysis.Analysis` (``opmodel check``)."""

from __future__ import annotations

from model.analysis import Analysis
from model.analysis.orchestration import Orchestration
from model.session import Session
from model.vocabulary import COMPONENTS

NOT_MAPPED = "not yet mapped"


def format_minutes(value: float | None) -> str:
    """``95 min`` (whole minutes without decimals), or ``—`` when there is no figure."""
    if value is None:
        return "—"
    return f"{value:g} min"


def text_report(session: Session, analysis: Analysis) -> str:
    """Findings (one line each, then a line of its framework references when it has any),
    workshop component scores, then each workflow's figures."""
    names = {w.id: (w.name.strip() or w.id) for w in session.ordered_workflows()}
    lines: list[str] = []
    counts = {s: 0 for s in ("error", "warning", "info")}
    for finding in analysis.findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    title = session.workshop.title.strip() or "Untitled workshop"
    lines.append(f"{title}: {_count_phrase(counts)}")
    lines.append("")
    if analysis.findings:
        lines.append("Findings")
        rule_width = max(len(f.rule) for f in analysis.findings)
        for finding in analysis.findings:
            workflow = names.get(finding.workflow_id, finding.workflow_id)
            lines.append(
                f"  {finding.severity:<7}  {finding.rule:<{rule_width}}  [{workflow}]  "
                f"{finding.message}"
            )
            if finding.references:
                indent = " " * (2 + 7 + 2 + rule_width + 2)
                lines.append(f"{indent}references: {'; '.join(finding.references)}")
    else:
        lines.append("Findings: none")
    lines.append("")
    lines.append("Component scores (workshop)")
    width = max(len(c.name) for c in COMPONENTS)
    for component in COMPONENTS:
        value = analysis.scores.get(component.id)
        shown = NOT_MAPPED if value is None else f"{value:>3} / 100"
        lines.append(f"  {component.name:<{width}}  {shown}")
    lines.append("")
    lines.append("Orchestration figures")
    for workflow_id, figures in analysis.orchestration.items():
        lines.append(f"  {names.get(workflow_id, workflow_id)}")
        lines.extend("    " + line for line in _figure_lines(session, figures))
    return "\n".join(lines) + "\n"


def _count_phrase(counts: dict[str, int]) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")

    return ", ".join(plural(counts.get(s, 0), s) for s in ("error", "warning", "info"))


def _figure_lines(session: Session, figures: Orchestration) -> list[str]:
    counts = f"handoffs: {figures.handoffs}, manual steps: {figures.manual_steps}"
    if figures.cycle_minutes_before is None:
        return ["cycle time: no flow path from a trigger to an outcome yet", counts]
    path = " → ".join(_label(session, i) for i in figures.critical_path)
    return [
        f"cycle time: {format_minutes(figures.cycle_minutes_before)} today, "
        f"{format_minutes(figures.cycle_minutes_after)} redesigned",
        counts,
        f"critical path: {path}",
    ]


def _label(session: Session, element_id: str) -> str:
    element = session.elements.get(element_id)
    return (element.label.strip() if element else "") or element_id
