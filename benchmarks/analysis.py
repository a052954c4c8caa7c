"""Analysis benchmark: findings, scores and figures of a 2,000-element workflow.

Run: ``.venv/bin/python -m benchmarks.analysis``. Prints median figures in milliseconds
(20 runs each, after one warm-up run that also pays for importing networkx), for the
synthetic session as generated and for the same session made to exercise every rule of the
frameworks contract (a high-risk workflow whose AI steps are bought from third parties and
half of them customer facing: DEC-5, GOV-4 … GOV-8 then check every AI step).
"""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.machine import describe_machine, median_ms
from benchmarks.synthetic import synthetic_session
from model.analysis import analyse, check_session, component_scores, session_orchestration
from model.session import Session

RUNS = 20
TARGET_MS = 50.0


def _median_ms(action: Callable[[], object]) -> float:
    return median_ms(action, RUNS, warm_up=True)


def frameworks_session(elements: int = 2000, connections: int = 2500) -> Session:
    """The synthetic session with every frameworks rule applying to every AI step."""
    session = synthetic_session(elements, connections)
    for workflow in session.workflows.values():
        workflow.risk_tier = "high"
    steps = [e for e in session.elements.values() if e.kind == "ai_step"]
    for n, step in enumerate(steps):
        step.props.update(provider="third_party", customer_facing=n % 2 == 0)
    return session


def _report(name: str, session: Session) -> float:
    analysis = analyse(session)
    analyse_ms = _median_ms(lambda: analyse(session))
    rules_ms = _median_ms(lambda: check_session(session))
    scores_ms = _median_ms(lambda: component_scores(session))
    figures_ms = _median_ms(lambda: session_orchestration(session))
    figures = next(iter(analysis.orchestration.values()))
    print(
        f"{name}: {len(session.elements)} elements, {len(session.connections)} connections, "
        f"{len(session.workflows)} workflow"
    )
    print(
        f"  result: {len(analysis.findings)} findings, critical path of "
        f"{len(figures.critical_path)} elements, {figures.cycle_minutes_before:g} min before"
    )
    verdict = "meets" if analyse_ms < TARGET_MS else "MISSES"
    print(
        f"  analyse() (rules + scores + figures): {analyse_ms:6.1f} ms median   "
        f"target < {TARGET_MS:g} ms ({verdict})"
    )
    print(f"  check_session() (rules only):         {rules_ms:6.1f} ms median")
    print(f"  component_scores() (rules + scores):  {scores_ms:6.1f} ms median")
    print(f"  session_orchestration() (figures):    {figures_ms:6.1f} ms median")
    return analyse_ms


def main() -> None:
    """Print the analysis figures."""
    print(describe_machine())
    _report("synthetic session", synthetic_session(2000, 2500))
    _report("same, every frameworks rule applying", frameworks_session())


if __name__ == "__main__":
    main()
