"""The order in which a workflow is walked through: from the trigger along the flow.

Flow elements are visited breadth first from the triggers along flow connections (each
element's successors left to right, then top to bottom), then whatever no trigger
reaches, in reading order. The order is taken on the whole flow, hidden layers
included, so that hiding the gates does not scramble the steps after them.
"""

from __future__ import annotations

from collections import deque

from model.connections import connection_meaning
from model.kinds import FLOW_KINDS, WORK_KINDS
from model.layers import LayerState, workflow_layers
from model.session import Connection, Element, Session


def _reading_order(element: Element) -> tuple[float, float, str]:
    return (float(element.x), float(element.y), element.id)


def flow_order(session: Session, workflow_id: str) -> list[Element]:
    """Every flow element of a workflow (trigger … outcome), in walkthrough order."""
    flow = {e.id: e for e in session.workflow_elements(workflow_id) if e.kind in FLOW_KINDS}
    successors: dict[str, list[str]] = {ident: [] for ident in flow}
    for connection in session.workflow_connections(workflow_id):
        inside = connection.source in flow and connection.target in flow
        if inside and _is_flow(session, connection):
            successors[connection.source].append(connection.target)
    order: list[Element] = []
    seen: set[str] = set()
    starts = sorted((e for e in flow.values() if e.kind == "trigger"), key=_reading_order)
    queue = deque(e.id for e in starts)
    seen.update(queue)
    while queue:
        ident = queue.popleft()
        order.append(flow[ident])
        for nxt in sorted((flow[s] for s in successors[ident]), key=_reading_order):
            if nxt.id not in seen:
                seen.add(nxt.id)
                queue.append(nxt.id)
    rest = sorted((e for e in flow.values() if e.id not in seen), key=_reading_order)
    outcomes = [e for e in rest if e.kind == "outcome"]
    order += [e for e in rest if e.kind != "outcome"] + outcomes
    return order


def _is_flow(session: Session, connection: Connection) -> bool:
    source = session.elements.get(connection.source)
    target = session.elements.get(connection.target)
    if source is None or target is None:
        return False
    return connection_meaning(source.kind, target.kind) == "flow"


def visible_flow(
    session: Session, workflow_id: str, state: LayerState | None = None
) -> list[Element]:
    """The flow elements the workflow's layers show, in walkthrough order."""
    state = state if state is not None else workflow_layers(session, workflow_id)
    return [e for e in flow_order(session, workflow_id) if state.shows_kind(e.kind)]


def walkthrough_steps(
    session: Session, workflow_id: str, state: LayerState | None = None
) -> list[Element]:
    """The steps a walkthrough stops at (steps, AI steps; gates and reviews when the
    governance layer shows), in walkthrough order."""
    return [e for e in visible_flow(session, workflow_id, state) if e.kind in WORK_KINDS]


def flow_neighbours(
    session: Session, element_id: str, state: LayerState | None = None
) -> tuple[list[Element], list[Element]]:
    """The shown flow elements just before and just after ``element_id``."""
    element = session.elements[element_id]
    state = state if state is not None else workflow_layers(session, element.workflow_id)
    before: list[Element] = []
    after: list[Element] = []
    for connection in session.workflow_connections(element.workflow_id):
        if not _is_flow(session, connection):
            continue
        if connection.target == element_id:
            other = session.elements[connection.source]
            if state.shows_kind(other.kind):
                before.append(other)
        elif connection.source == element_id:
            other = session.elements[connection.target]
            if state.shows_kind(other.kind):
                after.append(other)
    return sorted(before, key=_reading_order), sorted(after, key=_reading_order)
