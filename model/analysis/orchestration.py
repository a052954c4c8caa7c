"""Orchestration figures of a workflow (spec "Orchestration figures"), from flow connections.

* **Cycle time** before / after: the longest trigger → outcome path along flow, summing the
  ``minutes_before`` / ``minutes_after`` of the elements on it (a missing value counts 0;
  only steps and AI steps carry minutes). ``None`` when no flow path joins a trigger to an
  outcome. The two figures are computed independently.
* **Loops**: a flow loop (rework going back to an earlier step) is collapsed into one node
  that counts each of its elements once (networkx's condensation), so loops never make a
  path endless and never crash the figures.
* **Handoffs**: flow connections whose two ends both have responsible roles (roles with a
  "responsible" connection to them, any RACI letter) and whose sets of roles differ.
* **Manual steps**: steps with ``manual`` true.
* **Critical path**: the element ids of the longest ``minutes_before`` path, trigger first.
  Ties go to the greater ``minutes_after`` total, then to the path whose ids come first
  (compared element by element from the trigger). The elements of a collapsed loop are
  listed in the order they were added to the canvas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from model.analysis.graph import WorkflowGraph, workflow_graph, workflow_graphs
from model.kinds import FLOW_KINDS
from model.session import Session


@dataclass(frozen=True)
class Orchestration:
    """The orchestration figures of one workflow."""

    cycle_minutes_before: float | None
    cycle_minutes_after: float | None
    handoffs: int
    manual_steps: int
    critical_path: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The figures as a JSON-ready dict (the ``orchestration`` values of ``opmodel check``)."""
        return {
            "cycle_minutes_before": self.cycle_minutes_before,
            "cycle_minutes_after": self.cycle_minutes_after,
            "handoffs": self.handoffs,
            "manual_steps": self.manual_steps,
            "critical_path": list(self.critical_path),
        }


def _minutes(props: dict[str, Any], key: str) -> float:
    value = props.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value)


def orchestration_of(graph: WorkflowGraph) -> Orchestration:
    """The figures of the workflow indexed by ``graph``."""
    handoffs = 0
    for source, target in graph.flow_edges:
        before = set(graph.roles_of(source))
        after = set(graph.roles_of(target))
        if before and after and before != after:
            handoffs += 1
    manual = sum(1 for e in graph.of_kind("step") if e.props.get("manual") is True)
    before_total, after_total, path = _longest_paths(graph)
    return Orchestration(before_total, after_total, handoffs, manual, path)


def _longest_paths(graph: WorkflowGraph) -> tuple[float | None, float | None, tuple[str, ...]]:
    """(longest minutes_before, longest minutes_after, critical path) from trigger to outcome."""
    triggers = [e.id for e in graph.of_kind("trigger")]
    outcomes = {e.id for e in graph.of_kind("outcome")}
    if not triggers or not outcomes or not graph.flow_edges:
        return None, None, ()
    import networkx as nx  # imported here: the app's start-up must not pay for it

    flow = nx.DiGraph()
    flow.add_nodes_from(e.id for e in graph.elements if e.kind in FLOW_KINDS)
    flow.add_edges_from(graph.flow_edges)
    dag = nx.condensation(flow)
    order = {e.id: i for i, e in enumerate(graph.elements)}
    members: dict[int, tuple[str, ...]] = {
        node: tuple(sorted(data["members"], key=order.__getitem__))
        for node, data in dag.nodes(data=True)
    }
    weight_before: dict[int, float] = {}
    weight_after: dict[int, float] = {}
    for node, ids in members.items():
        weight_before[node] = sum(_minutes(graph.by_id[i].props, "minutes_before") for i in ids)
        weight_after[node] = sum(_minutes(graph.by_id[i].props, "minutes_after") for i in ids)
    mapping: dict[str, int] = dag.graph["mapping"]
    # Best path from each node to an outcome, computed from the outcomes backwards, so a tie
    # between two continuations is settled by their first node alone (they differ there).
    best: dict[int, tuple[float, float]] = {}
    best_after_only: dict[int, float] = {}
    next_node: dict[int, int | None] = {}
    for node in reversed(list(nx.topological_sort(dag))):
        ids = members[node]
        if len(ids) == 1 and ids[0] in outcomes:
            best[node] = (weight_before[node], weight_after[node])
            best_after_only[node] = weight_after[node]
            next_node[node] = None
            continue
        choice: int | None = None
        longest_after: float | None = None
        for succ in dag.successors(node):
            if succ not in best:
                continue
            if longest_after is None or best_after_only[succ] > longest_after:
                longest_after = best_after_only[succ]
            if choice is None or _better(best[succ], members[succ], best[choice], members[choice]):
                choice = succ
        if choice is None or longest_after is None:
            continue
        best[node] = (weight_before[node] + best[choice][0], weight_after[node] + best[choice][1])
        best_after_only[node] = weight_after[node] + longest_after
        next_node[node] = choice
    starts = [mapping[t] for t in triggers if mapping[t] in best]
    if not starts:
        return None, None, ()
    start = starts[0]
    for candidate in starts[1:]:
        if _better(best[candidate], members[candidate], best[start], members[start]):
            start = candidate
    path: list[str] = []
    node: int | None = start
    while node is not None:
        path.extend(members[node])
        node = next_node[node]
    return best[start][0], max(best_after_only[s] for s in starts), tuple(path)


def _better(
    totals: tuple[float, float],
    ids: tuple[str, ...],
    other_totals: tuple[float, float],
    other_ids: tuple[str, ...],
) -> bool:
    """True when a path with ``totals`` starting at ``ids`` beats the other one."""
    if totals != other_totals:
        return totals > other_totals
    return ids < other_ids


def orchestration(session: Session, workflow_id: str) -> Orchestration:
    """The orchestration figures of one workflow; KeyError for an unknown workflow id."""
    return orchestration_of(workflow_graph(session, workflow_id))


def session_orchestration(session: Session) -> dict[str, Orchestration]:
    """The figures of every workflow, keyed by workflow id, in tab order."""
    return {wid: orchestration_of(g) for wid, g in workflow_graphs(session).items()}
