"""Component scores: the share of each component's checks that pass (spec "Analysis rules").

Each rule belongs to one component and performs one check per subject it applies to (see
:mod:`model.analysis.rules` and ``docs/analysis.md``). A component's score is
``100 × passed / checked`` over all its rules, rounded to the nearest whole number (halves
up). Two rules keep the number honest:

* A component with no checks scores ``None`` — "not yet mapped", never 100.
* A component with any failed check of an **error** rule scores at most
  :data:`ERROR_CAP` (49), so it is never shown as good while an error is listed.

The workshop's score sums the checks of every workflow before dividing. How a score is
shown — its band, colour, symbol and word — is :func:`model.score_bands.score_band`,
shared by the app's score strip, ``opmodel check`` and the PDF blueprint so all agree.
"""

from __future__ import annotations

from collections.abc import Iterable

from model.analysis.graph import workflow_graph, workflow_graphs
from model.analysis.rules import RULES, RuleRun, run_rules
from model.score_bands import ERROR_CAP, describe_score, score_band
from model.session import Session
from model.vocabulary import COMPONENT_IDS

__all__ = [
    "ERROR_CAP",
    "component_scores",
    "components_with_errors",
    "describe_score",
    "score",
    "score_band",
    "scores_from_runs",
]


def score(passed: int, checked: int) -> int | None:
    """``round(100 × passed / checked)`` with halves up; None when nothing was checked."""
    if checked <= 0:
        return None
    return (200 * passed + checked) // (2 * checked)


_SEVERITY = {rule.id: rule.severity for rule in RULES}


def scores_from_runs(runs: Iterable[RuleRun]) -> dict[str, int | None]:
    """Every component id → its score over the checks of ``runs`` taken together
    (at most :data:`ERROR_CAP` for a component with a failed error check)."""
    checked = dict.fromkeys(COMPONENT_IDS, 0)
    failed = dict.fromkeys(COMPONENT_IDS, 0)
    errors = dict.fromkeys(COMPONENT_IDS, 0)
    for run in runs:
        for rule in RULES:
            checked[rule.component] += run.checked.get(rule.id, 0)
            failed[rule.component] += run.failed.get(rule.id, 0)
            if _SEVERITY[rule.id] == "error":
                errors[rule.component] += run.failed.get(rule.id, 0)
    result: dict[str, int | None] = {}
    for component in COMPONENT_IDS:
        value = score(checked[component] - failed[component], checked[component])
        if value is not None and errors[component]:
            value = min(value, ERROR_CAP)
        result[component] = value
    return result


def components_with_errors(runs: Iterable[RuleRun]) -> set[str]:
    """The component ids with at least one failed error check in ``runs``."""
    found: set[str] = set()
    for run in runs:
        for rule in RULES:
            if _SEVERITY[rule.id] == "error" and run.failed.get(rule.id, 0):
                found.add(rule.component)
    return found


def component_scores(session: Session, workflow_id: str | None = None) -> dict[str, int | None]:
    """Every component id → 0–100 or None, for one workflow or (None) the whole workshop."""
    if workflow_id is not None:
        return scores_from_runs([run_rules(workflow_graph(session, workflow_id))])
    return scores_from_runs(run_rules(g) for g in workflow_graphs(session).values())
