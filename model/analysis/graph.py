"""One workflow as a graph of typed relations, built once and shared by every rule.

:class:`WorkflowGraph` indexes a workflow's elements by kind and its connections by
meaning (:func:`model.connections.connection_meaning`): flow, feeds, responsible, governs,
measures and learning loop. Reachability along flow connections ("downstream") is computed
with plain breadth-first searches over these indexes, each at most once per graph, so the
whole rule set runs in time linear in the size of the workflow. networkx is only used by
the orchestration figures, and only imported when they are computed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from model.connections import connection_meaning
from model.kinds import WORK_KINDS
from model.session import Connection, Element, Session, Workflow

#: Every connection meaning the spec defines, in the spec's order.
MEANINGS = ("flow", "feeds", "responsible", "governs", "measures", "learning_loop")


@dataclass
class WorkflowGraph:
    """The elements and typed connections of one workflow, indexed for the rules.

    ``out[meaning][id]`` lists the targets of ``id``'s connections of that meaning and
    ``into[meaning][id]`` their sources, each in connection order without repeats.
    """

    workflow: Workflow
    elements: list[Element]
    by_id: dict[str, Element]
    by_kind: dict[str, list[Element]]
    out: dict[str, dict[str, list[str]]]
    into: dict[str, dict[str, list[str]]]
    flow_edges: list[tuple[str, str]] = field(default_factory=list)
    #: The RACI letter of each responsible connection, by (role id, element id).
    raci: dict[tuple[str, str], str | None] = field(default_factory=dict)

    # -- construction -----------------------------------------------------------------
    @classmethod
    def build(
        cls, workflow: Workflow, elements: Iterable[Element], connections: Iterable[Connection]
    ) -> WorkflowGraph:
        """Index ``elements`` and ``connections`` (both of ``workflow``)."""
        ordered = sorted(elements, key=lambda e: (e.seq, e.id))
        by_id = {e.id: e for e in ordered}
        by_kind: dict[str, list[Element]] = {}
        for element in ordered:
            by_kind.setdefault(element.kind, []).append(element)
        out: dict[str, dict[str, list[str]]] = {m: {} for m in MEANINGS}
        into: dict[str, dict[str, list[str]]] = {m: {} for m in MEANINGS}
        flow_edges: list[tuple[str, str]] = []
        raci: dict[tuple[str, str], str | None] = {}
        seen: set[tuple[str, str]] = set()
        for connection in sorted(connections, key=lambda c: (c.seq, c.id)):
            source = by_id.get(connection.source)
            target = by_id.get(connection.target)
            if source is None or target is None or source.id == target.id:
                continue
            pair = (source.id, target.id)
            if pair in seen:
                continue
            meaning = connection_meaning(source.kind, target.kind)
            if meaning is None:
                continue
            seen.add(pair)
            out[meaning].setdefault(source.id, []).append(target.id)
            into[meaning].setdefault(target.id, []).append(source.id)
            if meaning == "flow":
                flow_edges.append(pair)
            elif meaning == "responsible":
                raci[pair] = connection.raci
        return cls(workflow, ordered, by_id, by_kind, out, into, flow_edges, raci)

    # -- simple queries ---------------------------------------------------------------
    def of_kind(self, kind: str) -> list[Element]:
        """The elements of ``kind`` in creation order."""
        return self.by_kind.get(kind, [])

    def targets(self, meaning: str, element_id: str) -> list[str]:
        """Ids the element's connections of ``meaning`` lead to."""
        return self.out[meaning].get(element_id, [])

    def sources(self, meaning: str, element_id: str) -> list[str]:
        """Ids of the elements whose connections of ``meaning`` lead to the element."""
        return self.into[meaning].get(element_id, [])

    def roles_of(self, element_id: str) -> list[str]:
        """The roles with a "responsible" connection to the element (any RACI letter)."""
        return self.sources("responsible", element_id)

    def owns(self, role_id: str, element_id: str) -> bool:
        """True when the role is connected R or A to the element; a responsible connection
        without a letter counts as R (the connection's meaning is "responsible")."""
        return (role_id, element_id) in self.raci and self.raci[(role_id, element_id)] in (
            None,
            "R",
            "A",
        )

    def owners_of(self, element_id: str) -> list[str]:
        """The roles connected R or A to the element (see :meth:`owns`)."""
        return [r for r in self.roles_of(element_id) if self.owns(r, element_id)]

    @cached_property
    def work_elements(self) -> list[Element]:
        """Steps, AI steps, gates and reviews (the spec's "flow elements"), in order."""
        return [e for e in self.elements if e.kind in WORK_KINDS]

    # -- reachability along flow ("downstream") ------------------------------------------
    @cached_property
    def from_triggers(self) -> set[str]:
        """Ids reachable along flow from some trigger (the triggers included)."""
        starts = [e.id for e in self.of_kind("trigger")]
        return _reach(self.out["flow"], starts) | set(starts)

    @cached_property
    def to_outcomes(self) -> set[str]:
        """Ids from which some outcome is reachable along flow (the outcomes included)."""
        starts = [e.id for e in self.of_kind("outcome")]
        return _reach(self.into["flow"], starts) | set(starts)

    @cached_property
    def to_outcomes_avoiding_gates(self) -> set[str]:
        """Ids with a flow path to an outcome that passes no gate."""
        gates = {e.id for e in self.of_kind("gate")}
        starts = [e.id for e in self.of_kind("outcome")]
        return _reach(self.into["flow"], starts, blocked=gates) | set(starts)

    @cached_property
    def with_gate_downstream(self) -> set[str]:
        """Ids with at least one gate downstream of them."""
        return _reach(self.into["flow"], [e.id for e in self.of_kind("gate")])

    @cached_property
    def with_review_downstream(self) -> set[str]:
        """Ids with at least one review downstream of them."""
        return _reach(self.into["flow"], [e.id for e in self.of_kind("review")])

    @cached_property
    def downstream_of_ai_steps(self) -> set[str]:
        """Ids reachable along flow from some AI step (the AI steps themselves only when
        another AI step leads to them)."""
        return _reach(self.out["flow"], [e.id for e in self.of_kind("ai_step")])

    def outcomes_reached_avoiding_gates(self, element_id: str) -> list[str]:
        """The outcomes ``element_id`` reaches along flow without passing a gate."""
        gates = {e.id for e in self.of_kind("gate")}
        reached = _reach(self.out["flow"], [element_id], blocked=gates)
        return [e.id for e in self.of_kind("outcome") if e.id in reached]


def _reach(
    adjacency: dict[str, list[str]], starts: Iterable[str], blocked: set[str] | None = None
) -> set[str]:
    """Ids reachable from ``starts`` by one or more steps of ``adjacency``.

    A ``blocked`` id is neither entered nor passed through.
    """
    blocked = blocked or set()
    seen: set[str] = set()
    frontier = list(starts)
    while frontier:
        node = frontier.pop()
        for nxt in adjacency.get(node, ()):
            if nxt not in seen and nxt not in blocked:
                seen.add(nxt)
                frontier.append(nxt)
    return seen


def workflow_graphs(session: Session) -> dict[str, WorkflowGraph]:
    """A graph for every workflow of ``session``, in tab order, in one pass over the session."""
    elements: dict[str, list[Element]] = {w: [] for w in session.workflows}
    connections: dict[str, list[Connection]] = {w: [] for w in session.workflows}
    for element in session.elements.values():
        if element.workflow_id in elements:
            elements[element.workflow_id].append(element)
    for connection in session.connections.values():
        if connection.workflow_id in connections:
            connections[connection.workflow_id].append(connection)
    return {
        w.id: WorkflowGraph.build(w, elements[w.id], connections[w.id])
        for w in session.ordered_workflows()
    }


def workflow_graph(session: Session, workflow_id: str) -> WorkflowGraph:
    """The graph of one workflow; raises KeyError for an unknown workflow id."""
    workflow = session.workflows[workflow_id]
    return WorkflowGraph.build(
        workflow,
        (e for e in session.elements.values() if e.workflow_id == workflow_id),
        (c for c in session.connections.values() if c.workflow_id == workflow_id),
    )
