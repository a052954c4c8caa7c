"""The BPMN structure of one workflow, before it is written: nodes, flows, lanes, artifacts.

Kinds map to BPMN as docs/bpmn.md says: trigger → startEvent, outcome → endEvent,
ai_step → serviceTask, gate → userTask followed by its exclusiveGateway, review → userTask,
step → task (manualTask when manual), role → lane, data → dataStoreReference, control,
metric and note → textAnnotation. Flow connections become sequence flows; where a node
has several outgoing flows a gateway splits them (exclusive when some are labelled, else
parallel), where it has several incoming ones an exclusive gateway joins them, so the
file says in BPMN what the canvas shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from exports.bpmn.ids import IdMaker
from model.connections import connection_meaning
from model.session import Connection, Element, Session, Workflow
from model.vocabulary import humanize

#: The lane that holds flow nodes no role is responsible for (only when there are roles).
UNASSIGNED = "\x00unassigned"

_TASK_TYPE = {"ai_step": "serviceTask", "gate": "userTask", "review": "userTask"}
_FLOW_SOURCES = frozenset({"trigger", "step", "ai_step", "gate", "review"})
_ANNOTATED = frozenset({"control", "metric", "note"})
_TASK_KINDS = frozenset({"step", "ai_step", "gate", "review"})


def task_type(element: Element) -> str:
    """The BPMN type of a flow element of the canvas."""
    if element.kind == "trigger":
        return "startEvent"
    if element.kind == "outcome":
        return "endEvent"
    if element.kind == "step":
        return "manualTask" if element.props.get("manual") is True else "task"
    return _TASK_TYPE[element.kind]


@dataclass
class Node:
    """A BPMN flow node, data store or text annotation."""

    id: str
    type: str
    name: str
    #: The canvas element it stands for; a gateway's is the element it belongs to.
    element: Element
    #: For the gateways the export adds: "after" their element (decision, split) or
    #: "before" it (join); "" for every other node.
    added: str = ""
    lane: str | None = None
    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)


@dataclass
class Flow:
    """A sequence flow; ``connection`` is None for the flows into and out of added gateways."""

    id: str
    source: str
    target: str
    name: str = ""
    connection: Connection | None = None


@dataclass
class Link:
    """A data input association (data → task) or an association (annotation → element)."""

    id: str
    source: str
    target: str
    meaning: str
    connection: Connection


@dataclass
class Lane:
    """One lane: a role (or the unassigned lane), the nodes in it and its role connections."""

    id: str
    role: Element | None
    members: list[str] = field(default_factory=list)
    connections: list[Connection] = field(default_factory=list)


@dataclass
class WorkflowPlan:
    """Everything one pool holds."""

    workflow: Workflow
    process_id: str
    participant_id: str
    nodes: dict[str, Node] = field(default_factory=dict)
    flows: list[Flow] = field(default_factory=list)
    inputs: list[Link] = field(default_factory=list)
    associations: list[Link] = field(default_factory=list)
    lanes: list[Lane] = field(default_factory=list)
    #: The node standing for each canvas element (a gate: its user task).
    node_of: dict[str, str] = field(default_factory=dict)
    #: Elements in canvas order with the connection index they take (for the extension).
    elements: list[Element] = field(default_factory=list)
    connection_order: dict[str, int] = field(default_factory=dict)
    #: The ``property`` each task with data inputs gives as their target, by task node.
    placeholders: dict[str, str] = field(default_factory=dict)

    def flow_nodes(self) -> list[Node]:
        """Events, tasks and gateways (in the order they are written)."""
        return [
            n for n in self.nodes.values() if n.type not in ("dataStoreReference", "textAnnotation")
        ]


def annotation_text(element: Element) -> str:
    """What a text annotation says for a control, a metric or a note (readable, not parsed)."""
    props = element.props
    label = element.label
    if element.kind == "note":
        text = props.get("text")
        body = text if isinstance(text, str) and text and text != label else ""
        return "\n\n".join(part for part in (label, body) if part)
    lines = []
    if element.kind == "control":
        category = props.get("category")
        head = f"Control: {label}"
        if isinstance(category, str):
            head += f" ({humanize(category).lower()})"
        lines.append(head)
        for key in ("description", "owner"):
            value = props.get(key)
            if isinstance(value, str) and value:
                lines.append(f"{humanize(key)}: {value}" if key == "owner" else value)
    else:
        lines.append(f"Metric: {label}")
        baseline, target, unit = props.get("baseline"), props.get("target"), props.get("unit")
        if baseline is not None or target is not None:
            figures = f"{_num(baseline)} → {_num(target)}"
            lines.append(f"{figures} {unit}" if isinstance(unit, str) and unit else figures)
        owner = props.get("owner")
        if isinstance(owner, str) and owner:
            lines.append(f"Owner: {owner}")
    return "\n".join(lines)


def _num(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "?"
    return str(int(value)) if float(value).is_integer() else str(value)


def plan_workflow(session: Session, workflow: Workflow, ids: IdMaker) -> WorkflowPlan:
    """The BPMN structure of ``workflow``, with ids taken from ``ids``."""
    process_id = ids.make(workflow.id, "Process")
    plan = WorkflowPlan(workflow, process_id, ids.make(f"Participant_{process_id}"))
    elements = session.workflow_elements(workflow.id)
    plan.elements = elements
    by_id = {e.id: e for e in elements}
    connections = session.workflow_connections(workflow.id)
    plan.connection_order = {c.id: index for index, c in enumerate(connections)}

    gateways: dict[str, str] = {}  # element id -> its decision/split gateway
    for element in elements:
        if element.kind in _FLOW_SOURCES or element.kind == "outcome":
            node = Node(ids.make(element.id, "Node"), task_type(element), element.label, element)
            plan.nodes[node.id] = node
            plan.node_of[element.id] = node.id
            if element.kind == "gate":
                gateway = Node(
                    ids.make(f"{node.id}_decision"),
                    "exclusiveGateway",
                    _question(element.label),
                    element,
                    added="after",
                )
                plan.nodes[gateway.id] = gateway
                gateways[element.id] = gateway.id
                _link(plan, Flow(ids.make(f"{node.id}_to_decision"), node.id, gateway.id))
        elif element.kind == "data":
            node = Node(ids.make(element.id, "Data"), "dataStoreReference", element.label, element)
            plan.nodes[node.id] = node
            plan.node_of[element.id] = node.id
        elif element.kind in _ANNOTATED:
            node = Node(ids.make(element.id, "Annotation"), "textAnnotation", "", element)
            node.name = annotation_text(element)
            plan.nodes[node.id] = node
            plan.node_of[element.id] = node.id

    flows_out: dict[str, list[Connection]] = defaultdict(list)
    flows_in: dict[str, list[Connection]] = defaultdict(list)
    role_links: dict[str, list[Connection]] = defaultdict(list)
    for connection in connections:
        source, target = by_id.get(connection.source), by_id.get(connection.target)
        if source is None or target is None:
            continue
        meaning = connection_meaning(source.kind, target.kind)
        if meaning == "flow":
            flows_out[source.id].append(connection)
            flows_in[target.id].append(connection)
        elif meaning == "responsible":
            role_links[source.id].append(connection)
        elif meaning == "feeds":
            link = Link(
                ids.make(connection.id, "DataInput"),
                plan.node_of[source.id],
                plan.node_of[target.id],
                meaning,
                connection,
            )
            plan.inputs.append(link)
            if link.target not in plan.placeholders:
                plan.placeholders[link.target] = ids.make(f"{link.target}_input")
        elif meaning is not None:
            link = Link(
                ids.make(connection.id, "Association"),
                plan.node_of[source.id],
                plan.node_of[target.id],
                meaning,
                connection,
            )
            plan.associations.append(link)

    for element in elements:
        outgoing = flows_out.get(element.id, [])
        if element.id not in gateways and len(outgoing) > 1:
            labelled = any(c.label for c in outgoing)
            owner = plan.node_of[element.id]
            split = Node(
                ids.make(f"{owner}_split"),
                "exclusiveGateway" if labelled else "parallelGateway",
                _question(element.label) if labelled else "",
                element,
                added="after",
            )
            plan.nodes[split.id] = split
            gateways[element.id] = split.id
            _link(plan, Flow(ids.make(f"{owner}_to_split"), owner, split.id))
    joins: dict[str, str] = {}
    for element in elements:
        if len(flows_in.get(element.id, [])) > 1:
            owner = plan.node_of[element.id]
            join = Node(ids.make(f"{owner}_join"), "exclusiveGateway", "", element, added="before")
            plan.nodes[join.id] = join
            joins[element.id] = join.id
    for element in elements:
        for connection in flows_out.get(element.id, []):
            exit_node = gateways.get(element.id, plan.node_of[element.id])
            entry = joins.get(connection.target, plan.node_of[connection.target])
            flow = Flow(
                ids.make(connection.id, "Flow"), exit_node, entry, connection.label, connection
            )
            _link(plan, flow)
    for target, join in joins.items():
        _link(plan, Flow(ids.make(f"{join}_to_{plan.node_of[target]}"), join, plan.node_of[target]))

    _assign_lanes(plan, elements, role_links, ids, flows_out, flows_in)
    return plan


def _question(label: str) -> str:
    label = label.strip()
    if not label:
        return "Which way?"
    return label if label.endswith("?") else f"{label}?"


def _link(plan: WorkflowPlan, flow: Flow) -> None:
    plan.flows.append(flow)
    plan.nodes[flow.source].outgoing.append(flow.id)
    plan.nodes[flow.target].incoming.append(flow.id)


def _assign_lanes(
    plan: WorkflowPlan,
    elements: list[Element],
    role_links: dict[str, list[Connection]],
    ids: IdMaker,
    flows_out: dict[str, list[Connection]],
    flows_in: dict[str, list[Connection]],
) -> None:
    """One lane per role; each task goes in the lane of its first role with R, else with no
    letter, else the role accountable (A) for it (an approver performs the approval)."""
    roles = [e for e in elements if e.kind == "role"]
    if not roles:
        return
    lane_of: dict[str, str] = {}
    for preference in ("R", None, "A"):
        for role in roles:
            for connection in role_links.get(role.id, []):
                if connection.raci == preference and connection.target not in lane_of:
                    target = plan.node_of.get(connection.target)
                    if target is not None and plan.nodes[target].element.kind in _TASK_KINDS:
                        lane_of[connection.target] = role.id
    # Events follow their neighbours: a trigger the lane of what it starts, an outcome the
    # lane of what leads to it.
    for element in elements:
        if element.kind == "trigger":
            for connection in flows_out.get(element.id, []):
                if connection.target in lane_of:
                    lane_of[element.id] = lane_of[connection.target]
                    break
        elif element.kind == "outcome":
            for connection in flows_in.get(element.id, []):
                if connection.source in lane_of:
                    lane_of[element.id] = lane_of[connection.source]
                    break
    for role in roles:
        lane = Lane(plan.node_of.setdefault(role.id, ids.make(role.id, "Lane")), role)
        lane.connections = role_links.get(role.id, [])
        plan.lanes.append(lane)
    lanes = {lane.role.id: lane for lane in plan.lanes if lane.role is not None}
    unassigned: Lane | None = None
    for node in plan.flow_nodes():
        role_id = lane_of.get(node.element.id)
        if role_id is None:
            if unassigned is None:
                unassigned = Lane(ids.make(f"{plan.process_id}_no_role"), None)
            lane = unassigned
        else:
            lane = lanes[role_id]
        lane.members.append(node.id)
        node.lane = lane.id
    if unassigned is not None:
        plan.lanes.append(unassigned)
