"""Analysis benchmark: findings, scores and figures of a 2,000-element workflow.

Run: ``.venv/bin/python -m benchmarks.analysis``. Prints median figures in milliseconds
(20 runs each, after one warm-up run that also pays for importing networkx).
"""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.machine import describe_machine, median_ms
from benchmarks.synthetic import synthetic_session
from model.analysis import analyse, check_session, component_scores, session_orchestration

RUNS = 20
TARGET_MS = 50.0


def _median_ms(action: Callable[[], object]) -> float:
    return median_ms(action, RUNS, warm_up=True)


def main() -> None:
    """Print the analysis figures."""
    session = synthetic_session(2000, 2500)
    analysis = analyse(session)
    analyse_ms = _median_ms(lambda: analyse(session))
    rules_ms = _median_ms(lambda: check_session(session))
    scores_ms = _median_ms(lambda: component_scores(session))
    figures_ms = _median_ms(lambda: session_orchestration(session))
    figures = next(iter(analysis.orchestration.values()))

    print(describe_machine())
    print(
        f"session: {len(session.elements)} elements, {len(session.connections)} connections, "
        f"{len(session.workflows)} workflow"
    )
    print(
        f"result: {len(analysis.findings)} findings, critical path of "
        f"{len(figures.critical_path)} elements, {figures.cycle_minutes_before:g} min before"
    )
    verdict = "meets" if analyse_ms < TARGET_MS else "MISSES"
    print(
        f"analyse() (rules + scores + figures): {analyse_ms:6.1f} ms median   "
        f"target < {TARGET_MS:g} ms ({verdict})"
    )
    print(f"check_session() (rules only):         {rules_ms:6.1f} ms median")
    print(f"component_scores() (rules + scores):  {scores_ms:6.1f} ms median")
    print(f"session_orchestration() (figures):    {figures_ms:6.1f} ms median")


if __name__ == "__main__":
    main()
