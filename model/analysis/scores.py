"""Component scores: the share of each component's checks that pass (spec "Analysis rules").

Each rule belongs to one component and performs one check per subject it applies to (see
:mod:`model.analysis.rules` and ``docs/analysis.md``). A component's score is
``100 × passed / checked`` over all its rules, rounded to the nearest whole number (halves
up). A component with no checks scores ``None`` — "not yet mapped", never 100. The
workshop's score sums the checks of every workflow before dividing.
"""

from __future__ import annotations

from collections.abc import Iterable

from model.analysis.graph import workflow_graph, workflow_graphs
from model.analysis.rules import RULES, RuleRun, run_rules
from model.session import Session
from model.vocabulary import COMPONENT_IDS


def score(passed: int, checked: int) -> int | None:
    """``round(100 × passed / checked)`` with halves up; None when nothing was checked."""
    if checked <= 0:
        return None
    return (200 * passed + checked) // (2 * checked)


def scores_from_runs(runs: Iterable[RuleRun]) -> dict[str, int | None]:
    """Every component id → its score over the checks of ``runs`` taken together."""
    checked = dict.fromkeys(COMPONENT_IDS, 0)
    failed = dict.fromkeys(COMPONENT_IDS, 0)
    for run in runs:
        for rule in RULES:
            checked[rule.component] += run.checked.get(rule.id, 0)
            failed[rule.component] += run.failed.get(rule.id, 0)
    return {c: score(checked[c] - failed[c], checked[c]) for c in COMPONENT_IDS}


def component_scores(session: Session, workflow_id: str | None = None) -> dict[str, int | None]:
    """Every component id → 0–100 or None, for one workflow or (None) the whole workshop."""
    if workflow_id is not None:
        return scores_from_runs([run_rules(workflow_graph(session, workflow_id))])
    return scores_from_runs(run_rules(g) for g in workflow_graphs(session).values())
