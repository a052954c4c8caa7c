"""Analysis of a session: findings, component scores and orchestration figures.

:func:`analyse` is the one call the app and ``opmodel check`` use: it indexes each workflow
once (:mod:`model.analysis.graph`) and shares that index between the rules
(:mod:`model.analysis.rules`), the scores (:mod:`model.analysis.scores`) and the figures
(:mod:`model.analysis.orchestration`). networkx is imported only when figures are computed,
never when this package is imported, so the app's start-up does not pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from model.analysis.graph import workflow_graphs
from model.analysis.orchestration import (
    Orchestration,
    orchestration,
    orchestration_of,
    session_orchestration,
)
from model.analysis.rules import RULES, Finding, RuleSpec, check_session, check_workflow, run_rules
from model.analysis.scores import component_scores, scores_from_runs
from model.session import Session

__all__ = [
    "RULES",
    "Analysis",
    "Finding",
    "Orchestration",
    "RuleSpec",
    "analyse",
    "check_session",
    "check_workflow",
    "component_scores",
    "orchestration",
    "session_orchestration",
]


@dataclass
class Analysis:
    """Everything the analysis says about a session.

    ``findings`` in workflow order, then errors, warnings, info, then rule id; ``scores``
    the workshop's component scores; ``workflow_scores`` the same per workflow id;
    ``orchestration`` the figures per workflow id.
    """

    findings: list[Finding] = field(default_factory=list)
    scores: dict[str, int | None] = field(default_factory=dict)
    workflow_scores: dict[str, dict[str, int | None]] = field(default_factory=dict)
    orchestration: dict[str, Orchestration] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        """True when some finding is an error."""
        return any(f.severity == "error" for f in self.findings)

    def badges(self, workflow_id: str) -> dict[str, str]:
        """The worst severity of the findings whose main element is each element of a workflow."""
        rank = {"error": 0, "warning": 1, "info": 2}
        worst: dict[str, str] = {}
        for finding in self.findings:
            if finding.workflow_id != workflow_id or not finding.element_ids:
                continue
            element_id = finding.element_ids[0]
            known = worst.get(element_id)
            if known is None or rank[finding.severity] < rank[known]:
                worst[element_id] = finding.severity
        return worst

    def error_components(self, workflow_id: str | None = None) -> set[str]:
        """The components with an error finding, in one workflow or (None) the workshop."""
        return {
            f.component
            for f in self.findings
            if f.severity == "error" and (workflow_id is None or f.workflow_id == workflow_id)
        }

    def to_json(self) -> dict[str, Any]:
        """The ``opmodel check --format json`` document: findings, scores, orchestration."""
        return {
            "findings": [f.to_json() for f in self.findings],
            "scores": dict(self.scores),
            "orchestration": {wid: o.to_json() for wid, o in self.orchestration.items()},
        }


def analyse(session: Session) -> Analysis:
    """Run the rules, scores and figures on every workflow of ``session``."""
    result = Analysis()
    runs = []
    for workflow_id, graph in workflow_graphs(session).items():
        run = run_rules(graph)
        runs.append(run)
        result.findings.extend(run.findings)
        result.workflow_scores[workflow_id] = scores_from_runs([run])
        result.orchestration[workflow_id] = orchestration_of(graph)
    result.scores = scores_from_runs(runs)
    return result
