"""Reading a BPMN 2.0 file from any tool into a session (see docs/bpmn.md for the mapping).

Each process with flow nodes becomes a workflow (named after its pool): every task of any
type and every call activity one flow element, sub-processes flattened, start events
triggers, end events outcomes, gateways and intermediate events folded into direct
connections (:mod:`exports.bpmn.flows`), lanes roles responsible (R) for their tasks, data
objects and stores that tasks read data feeding them, text annotations notes. Positions
come from DI (:mod:`exports.bpmn.placement`) or from :func:`model.layout.auto_layout`.
Elements in other namespaces (vendor extensions) are ignored; whatever BPMN element cannot
be mapped is counted and listed in the :class:`~exports.bpmn.report.ImportReport`.

A file OpModel Studio wrote carries every value in its extension namespace; those values
come back exactly, while names, sequence flows and moves made in another tool win.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exports.bpmn import extension as ext
from exports.bpmn.extension import ExtensionError
from exports.bpmn.flows import Edge, FlowGraph, label_of
from exports.bpmn.names import (
    ACTIVITY_TYPES,
    BPMN,
    BPMNDI,
    DC,
    GATEWAY_TYPES,
    INTERMEDIATE_EVENTS,
    SUB_PROCESS_TYPES,
)
from exports.bpmn.placement import (
    LEFT,
    ROLE_COLUMN,
    Occupancy,
    Shape,
    main_plane,
    normalise,
    scaled_corner,
    scales,
)
from exports.bpmn.report import ImportReport
from exports.bpmn.safe_xml import MAX_BYTES, XmlRefused, parse_xml, xml_clean
from model import vocabulary as v
from model.arrange import snap
from model.connections import refusal_reason
from model.interchange import InterchangeError, session_from_json
from model.kinds import KIND_IDS
from model.lanes import LANE_PAD
from model.limits import ID_MAX, LABEL_MAX, TEXT_MAX
from model.session import Session
from model.validation import (
    InvalidValue,
    check_coordinate,
    check_id,
    check_json_value,
    check_label,
    check_props,
    check_raci,
)

_DATA_TYPES = frozenset({"dataObjectReference", "dataStoreReference", "dataObject"})
#: The BPMN element types an OpModel kind may stand on (its extension is used only there).
_FAMILY = {
    "trigger": frozenset({"startEvent"}),
    "outcome": frozenset({"endEvent"}),
    "step": ACTIVITY_TYPES,
    "ai_step": ACTIVITY_TYPES,
    "gate": ACTIVITY_TYPES,
    "review": ACTIVITY_TYPES,
    "role": frozenset({"lane"}),
    "data": _DATA_TYPES,
    "control": frozenset({"textAnnotation"}),
    "metric": frozenset({"textAnnotation"}),
    "note": frozenset({"textAnnotation"}),
}
#: Children of a process or sub-process that need no word in the report.
_QUIET = frozenset(
    {
        "extensionElements",
        "documentation",
        "laneSet",
        "sequenceFlow",
        "ioSpecification",
        "property",
        "auditing",
        "monitoring",
        "supports",
        "correlationSubscription",
        "association",
        "dataInput",
        "dataOutput",
        "inputSet",
        "outputSet",
        # A sub-process is walked as a container: its own flow-node parts are no content.
        "incoming",
        "outgoing",
        "dataInputAssociation",
        "dataOutputAssociation",
        "standardLoopCharacteristics",
        "multiInstanceLoopCharacteristics",
        "categoryValueRef",
        "completionCondition",
    }
)
#: Children of a collaboration that need no word in the report (handled elsewhere).
_COLLABORATION_QUIET = frozenset(
    {"extensionElements", "documentation", "participant", "textAnnotation", "association"}
)
_IN, _OUT = "\x00in", "\x00out"
#: What an id may not hold (as :func:`model.validation.check_id` says).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class BpmnImportError(ValueError):
    """A BPMN file that cannot be imported; ``str()`` is one line naming the file."""


def read_bpmn_file(path: Path | str) -> tuple[Session, ImportReport]:
    """Read the BPMN file at ``path``: the session and the report of what was mapped."""
    name = str(path)
    try:
        if Path(path).stat().st_size > MAX_BYTES:  # refused before it is read into memory
            raise BpmnImportError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB")
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise BpmnImportError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise BpmnImportError(f"{name}: is a folder, not a BPMN file") from None
    except OSError as exc:
        raise BpmnImportError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return read_bpmn_bytes(data, name, default_title=Path(path).stem)


def read_bpmn_bytes(
    data: bytes, source: str = "<bpmn>", *, default_title: str = ""
) -> tuple[Session, ImportReport]:
    """Read BPMN 2.0 XML ``data`` (``source`` names it in messages)."""
    try:
        root = parse_xml(data)
    except XmlRefused as exc:
        raise BpmnImportError(f"{source}: {exc}") from None
    if root.tag != f"{{{BPMN}}}definitions":
        raise BpmnImportError(
            f"{source}: not BPMN 2.0: the root element is <{_shown(root.tag)}>, expected "
            f"<definitions> in the namespace {BPMN}"
        )
    try:
        return _Import(root, source, default_title).run()
    except (ExtensionError, InvalidValue) as exc:
        raise BpmnImportError(f"{source}: {_one_line(str(exc))}") from None
    except InterchangeError as exc:
        where = f"{exc.path}: " if exc.path else ""
        raise BpmnImportError(f"{source}: opmodel extension: {where}{exc.detail}") from None


def _shown(tag: str) -> str:
    ns, sep, name = tag[1:].rpartition("}") if tag.startswith("{") else ("", "", tag)
    return f"{name} xmlns={ns}" if sep else name


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _b(name: str) -> str:
    return f"{{{BPMN}}}{name}"


def _local(tag: str) -> str | None:
    """The local name of a BPMN model element (None for any other namespace)."""
    if tag.startswith(f"{{{BPMN}}}"):
        return tag[len(BPMN) + 2 :]
    return None


def _text(element: ET.Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _name(element: ET.Element) -> str:
    """The element's name as one line of text."""
    return " ".join(xml_clean(element.get("name", "")).split())


def _documentation(element: ET.Element) -> str:
    return "\n\n".join(
        t for t in (_text(d).strip() for d in element.findall(_b("documentation"))) if t
    )


def _stored(element: ET.Element, name: str) -> ET.Element | None:
    """The element's ``<opmodel:NAME>`` extension, if any."""
    holder = element.find(_b("extensionElements"))
    return holder.find(ext.tag(name)) if holder is not None else None


@dataclass
class _Draft:
    """An element to be: what the file says about it, before ids and positions are final."""

    key: str
    kind: str
    label: str
    workflow: str
    props: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    stored_id: str | None = None
    order: int | None = None
    stored_at: tuple[float, float] | None = None
    stored_shape: tuple[float, float] | None = None
    id: str = ""
    x: float = 0
    y: float = 0


@dataclass
class _Link:
    """A connection to be."""

    source: str
    target: str
    label: str = ""
    raci: str | None = None
    stored_id: str | None = None
    order: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Workflow:
    """A workflow to be: one process."""

    key: str
    name: str
    where: str
    fields: dict[str, Any] = field(default_factory=dict)
    stored_id: str | None = None
    order: int | None = None
    drafts: list[_Draft] = field(default_factory=list)
    links: list[_Link] = field(default_factory=list)
    stored: bool = False
    id: str = ""


class _Import:
    """One import: walks the document once, then builds and checks the session."""

    def __init__(self, root: ET.Element, source: str, default_title: str) -> None:
        self.root = root
        self.source = source
        self.default_title = default_title
        self.report = ImportReport(source=source)
        self.by_id: dict[str, ET.Element] = {}
        self.type_of: dict[str, str] = {}
        self.graph = FlowGraph()
        self.workflows: dict[str, _Workflow] = {}
        self.drafts: dict[str, _Draft] = {}
        self.workflow_of_node: dict[str, str] = {}
        self.shapes: dict[str, Shape] = {}
        self.data_reads: list[tuple[str, str, ET.Element]] = []  # (data key, task key, assoc)
        self.annotations: list[tuple[ET.Element, str | None]] = []
        self.associations: list[tuple[ET.Element, str | None]] = []
        self.lanes: list[tuple[ET.Element, str, int]] = []  # (lane, process key, depth)
        self.auto: list[str] = []  # workflows with no usable diagram
        self.lane_links: list[tuple[_Workflow, ET.Element, _Draft, list[str]]] = []
        self.key_of_stored: dict[str, str] | None = None  # built once every draft exists
        self.referenced_objects: set[str | None] | None = None

    # -- the walk -----------------------------------------------------------------------------
    def run(self) -> tuple[Session, ImportReport]:
        for element in self.root.iter():
            ident = element.get("id")
            local = _local(element.tag)
            if ident is not None and local is not None and ident not in self.by_id:
                self.by_id[ident] = element
                self.type_of[ident] = local
        self._read_shapes()
        stored_session = _stored(self.root.find(_b("collaboration")) or ET.Element("x"), "session")
        self.report.from_opmodel = stored_session is not None
        participants = self._participants()
        for process in self.root.findall(_b("process")):
            self._process(process, participants.get(process.get("id", "")))
        self._collaborations()
        for key, workflow in list(self.workflows.items()):
            if not workflow.drafts and not workflow.stored:
                del self.workflows[key]
                self.report.skip("emptyProcess", key, workflow.name, self.source)
        self._lanes()
        self._data()
        self._notes()
        self._resolve_lane_links()
        self._flows()
        self._place()
        session = self._session(stored_session)
        self._auto_layout(session)
        self._declare_lanes(session)
        self.report.workflows = len(session.workflows)
        for element in session.elements.values():
            self.report.elements[element.kind] += 1
        self.report.connections = len(session.connections)
        return session, self.report

    def _read_shapes(self) -> None:
        for plane_index, plane in enumerate(self.root.iter(f"{{{BPMNDI}}}BPMNPlane")):
            for shape in plane.iter(f"{{{BPMNDI}}}BPMNShape"):
                ref = shape.get("bpmnElement")
                bounds = shape.find(f"{{{DC}}}Bounds")
                if ref is None or bounds is None or ref in self.shapes:
                    continue
                values = [ext.parse_number(bounds.get(k)) for k in ("x", "y", "width", "height")]
                if any(value is None for value in values) or abs(values[0]) > 1e9:  # type: ignore[arg-type]
                    continue
                x, y, w, h = (float(value) for value in values)  # type: ignore[arg-type]
                if abs(y) > 1e9 or not 0 <= w <= 1e6 or not 0 <= h <= 1e6:
                    continue
                self.shapes[ref] = Shape(x, y, w, h, plane_index)

    def _participants(self) -> dict[str, ET.Element]:
        found: dict[str, ET.Element] = {}
        for collaboration in self.root.findall(_b("collaboration")):
            for participant in collaboration.findall(_b("participant")):
                ref = participant.get("processRef")
                if ref and ref in self.by_id and self.type_of[ref] == "process":
                    found.setdefault(ref, participant)
                else:
                    where = _name(collaboration) or collaboration.get("id", "collaboration")
                    self.report.skip(
                        "blackBoxPool", participant.get("id", ""), _name(participant), where
                    )
        return found

    def _process(self, process: ET.Element, participant: ET.Element | None) -> None:
        key = process.get("id") or f"process{len(self.workflows) + 1}"
        name = (_name(participant) if participant is not None else "") or _name(process) or key
        workflow = _Workflow(key, name, where=name)
        stored = _stored(process, "workflow")
        if stored is not None:
            self._stored_workflow(workflow, stored, participant, process)
        elif _documentation(process):
            workflow.fields["description"] = _documentation(process)[:TEXT_MAX]
        self.workflows[key] = workflow
        # Containers to walk: (element, is top level, depth); event sub-processes count as
        # top level (their start events start work of their own).
        stack: list[tuple[ET.Element, bool]] = [(process, True)]
        while stack:
            container, top = stack.pop()
            cid = container.get("id", "")
            starts: list[str] = []
            ends: list[str] = []
            nodes: list[str] = []
            for child in container:
                local = _local(child.tag)
                if local is None:
                    continue
                ident = child.get("id")
                if ident is None or self.by_id.get(ident) is not child:
                    if local not in _QUIET and local not in _DATA_TYPES:
                        self.report.skip(local, ident or "(no id)", _name(child), workflow.where)
                    continue
                if local in ACTIVITY_TYPES:
                    self._activity(child, workflow)
                    nodes.append(ident)
                elif local in SUB_PROCESS_TYPES:
                    event_sub = child.get("triggeredByEvent") == "true"
                    stack.append((child, event_sub))
                    self.report.fold("subProcess", ident, _name(child), workflow.where)
                    self.workflow_of_node[ident] = key
                    nodes.append(ident)
                    self._data_inputs(child, ident, workflow)
                elif local == "startEvent":
                    if top:
                        self._event(child, "trigger", workflow)
                    else:
                        self.graph.names[ident] = ("event", _name(child))
                    starts.append(ident)
                    nodes.append(ident)
                elif local == "endEvent":
                    if top:
                        self._event(child, "outcome", workflow)
                    else:
                        self.graph.names[ident] = ("event", _name(child))
                    ends.append(ident)
                    nodes.append(ident)
                elif local in GATEWAY_TYPES:
                    self.graph.names[ident] = ("gateway", _name(child))
                    self.report.fold(local, ident, _name(child), workflow.where)
                    nodes.append(ident)
                elif local in INTERMEDIATE_EVENTS:
                    self.graph.names[ident] = ("event", _name(child))
                    self.report.fold(local, ident, _name(child), workflow.where)
                    nodes.append(ident)
                    for association in child.findall(_b("dataInputAssociation")):
                        self.report.skip("eventData", association.get("id", ""), "", workflow.where)
                elif local == "boundaryEvent":
                    self.graph.names[ident] = ("event", _name(child))
                    attached = child.get("attachedToRef", "")
                    if attached in self.by_id:
                        self.graph.add(self._out(attached), Edge(ident))
                    self.report.skip(
                        "boundaryEvent",
                        ident,
                        _name(child),
                        workflow.where,
                        "its outgoing flows start at the activity it is attached to",
                    )
                elif local == "sequenceFlow":
                    pass
                elif local in _DATA_TYPES:
                    self.workflow_of_node[ident] = key
                elif local == "textAnnotation":
                    self.annotations.append((child, key))
                elif local == "association":
                    self.associations.append((child, key))
                elif local == "group":
                    self.report.skip("group", ident, _name(child), workflow.where)
                elif local not in _QUIET:
                    self.report.skip(local, ident, _name(child), workflow.where)
            for flow in container.findall(_b("sequenceFlow")):
                self._sequence_flow(flow)
            for lane_set in container.findall(_b("laneSet")):
                self._lane_set(lane_set, key, 0)
            if container is not process:
                self._sub_process_links(cid, starts, ends, nodes, top)

    def _stored_workflow(
        self,
        workflow: _Workflow,
        stored: ET.Element,
        participant: ET.Element | None,
        process: ET.Element,
    ) -> None:
        where = f"workflow {workflow.key!r} opmodel:workflow"
        workflow.stored = True
        workflow.stored_id = stored.get("id")
        for name, value in ext.read_values(stored, "key", where).items():
            if name == "id":
                workflow.stored_id = value
        workflow.order = _order(stored.get("order"))
        workflow.fields = ext.read_values(stored, "field", where)
        stored_name = workflow.fields.get("name")
        shown = [_name(e) for e in (participant, process) if e is not None]
        if isinstance(stored_name, str) and " ".join(xml_clean(stored_name).split()) in shown:
            workflow.name = stored_name
        else:
            workflow.fields["name"] = workflow.name

    def _out(self, ident: str) -> str:
        return ident + _OUT if self.type_of.get(ident) in SUB_PROCESS_TYPES else ident

    def _in(self, ident: str) -> str:
        return ident + _IN if self.type_of.get(ident) in SUB_PROCESS_TYPES else ident

    def _sequence_flow(self, flow: ET.Element) -> None:
        source, target = flow.get("sourceRef", ""), flow.get("targetRef", "")
        if source not in self.by_id or target not in self.by_id:
            self.report.skip(
                "illegalFlow", flow.get("id", ""), _name(flow), "", "an end is missing"
            )
            return
        label = _name(flow)
        if not label:
            condition = flow.find(_b("conditionExpression"))
            label = " ".join(xml_clean(_text(condition)).split())
        stored = _stored(flow, "connection")
        self.graph.add(self._out(source), Edge(self._in(target), label, stored, flow.get("id", "")))

    def _sub_process_links(
        self, sub: str, starts: list[str], ends: list[str], nodes: list[str], top: bool
    ) -> None:
        """Join a sub-process's border to its content: entry to its start events (or to the
        nodes no flow enters), the end events (or the nodes no flow leaves) to its exit."""
        if top:  # an event sub-process: its content has triggers and outcomes of its own
            return
        targets = {e.target for key in nodes for e in self.graph.edges.get(self._out(key), ())}
        entries = starts or [n for n in nodes if self._in(n) not in targets]
        exits = ends or [n for n in nodes if not self.graph.edges.get(self._out(n))]
        for node in entries:
            self.graph.add(sub + _IN, Edge(self._in(node)))
        for node in exits:
            self.graph.add(self._out(node), Edge(sub + _OUT))
        if not nodes:
            self.graph.add(sub + _IN, Edge(sub + _OUT))

    # -- elements -------------------------------------------------------------------------------
    def _draft(self, element: ET.Element, kind: str, workflow: _Workflow) -> _Draft:
        """A draft from the element's name, or from its stored values when it has them."""
        key = element.get("id", "")
        local = self.type_of.get(key, "")
        draft = _Draft(key, kind, self._label(_name(element), key, workflow), workflow.key)
        stored = _stored(element, "element")
        if stored is not None and local in _FAMILY.get(stored.get("kind", ""), frozenset()):
            self._apply_stored(draft, stored, element)
        self.drafts[key] = draft
        workflow.drafts.append(draft)
        self.graph.kept.add(key)
        self.workflow_of_node[key] = workflow.key
        return draft

    def _apply_stored(self, draft: _Draft, stored: ET.Element, element: ET.Element) -> None:
        where = f"BPMN element {draft.key!r} opmodel:element"
        kind = stored.get("kind", "")
        if kind not in KIND_IDS:
            raise InvalidValue(f"{where} kind", "an element kind", kind)
        draft.kind = kind
        keys = ext.read_values(stored, "key", where)
        ident = keys.get("id", stored.get("id"))
        draft.stored_id = check_id(ident, f"{where} id") if ident is not None else None
        draft.order = _order(stored.get("order"))
        at = [ext.parse_number(stored.get(k)) for k in ("x", "y")]
        if at[0] is not None and at[1] is not None:
            draft.stored_at = (
                check_coordinate(at[0], f"{where} x"),
                check_coordinate(at[1], f"{where} y"),
            )
        shape = [ext.parse_number(stored.get(k)) for k in ("shapeX", "shapeY")]
        if shape[0] is not None and shape[1] is not None:
            draft.stored_shape = (float(shape[0]), float(shape[1]))
        label = keys.get("label")
        if isinstance(label, str):
            shown = _name(element) if element.tag != _b("textAnnotation") else None
            if shown is None or " ".join(xml_clean(label).split()) == shown:
                draft.label = check_label(label, f"{where} label")
        elif element.tag != _b("textAnnotation"):
            draft.label = self._label(element.get("name", ""), draft.key, None)
        draft.props = dict(check_props(kind, ext.read_values(stored, "prop", where), where))
        draft.extra = ext.read_values(stored, "extra", where)
        check_json_value(draft.extra, f"{where} extra")

    def _activity(self, element: ET.Element, workflow: _Workflow) -> None:
        draft = self._draft(element, "step", workflow)
        if draft.stored_id is None and self.type_of[draft.key] == "manualTask":
            draft.props["manual"] = True
        if draft.stored_id is None and _documentation(element):
            self.report.skip(
                "documentation", draft.key, draft.label, workflow.where, "a step has no text for it"
            )
        self._data_inputs(element, draft.key, workflow)

    def _data_inputs(self, element: ET.Element, task: str, workflow: _Workflow) -> None:
        for association in element.findall(_b("dataInputAssociation")):
            for ref in association.findall(_b("sourceRef")):
                source = _text(ref).strip()
                if self.type_of.get(source) in _DATA_TYPES:
                    self.data_reads.append((source, task, association))
        for association in element.findall(_b("dataOutputAssociation")):
            self.report.skip(
                "dataOutput", association.get("id", ""), "", workflow.where, "a task writes data"
            )

    def _event(self, element: ET.Element, kind: str, workflow: _Workflow) -> None:
        draft = self._draft(element, kind, workflow)
        text = _documentation(element)
        if draft.stored_id is None and text:
            draft.props["description"] = text[:TEXT_MAX]

    def _label(self, text: str, key: str, workflow: _Workflow | None) -> str:
        """``text`` as a label: shortened (and counted) when longer than the limit."""
        if len(text) <= LABEL_MAX:
            return text
        short = text[: LABEL_MAX - 1] + "…"
        where = workflow.where if workflow is not None else self.source
        self.report.skip("shortened", key, short, where, "label")
        return short

    # -- lanes, data, notes --------------------------------------------------------------------
    def _lane_set(self, lane_set: ET.Element, process: str, depth: int) -> None:
        for lane in lane_set.findall(_b("lane")):
            if lane.get("id") in self.by_id:
                self.lanes.append((lane, process, depth))
            for child in lane.findall(_b("childLaneSet")):
                self._lane_set(child, process, depth + 1)

    def _lanes(self) -> None:
        """Roles from lanes: each lane that holds tasks (not through a sub-lane), or has no
        sub-lanes, becomes a role responsible (R) for the tasks in it."""
        holder: dict[str, tuple[int, str]] = {}  # node -> (depth, lane) of the deepest lane
        for lane, _process, depth in self.lanes:
            for ref in lane.findall(_b("flowNodeRef")):
                node = _text(ref).strip()
                if node not in holder or holder[node][0] < depth:
                    holder[node] = (depth, lane.get("id", ""))
        members: dict[str, list[str]] = defaultdict(list)
        for node, (_depth, lane_id) in holder.items():
            members[lane_id].append(node)
        self._lanes_by_geometry(holder, members)
        for index, (lane, process, _depth) in enumerate(self.lanes, start=1):
            workflow = self.workflows.get(process)
            lane_id = lane.get("id", "")
            if workflow is None:
                continue
            marker = _stored(lane, "lane")
            if marker is not None and marker.get("unassigned") == "true":
                continue
            has_sub_lanes = lane.find(_b("childLaneSet")) is not None
            tasks = [n for n in members.get(lane_id, []) if self._is_task(n)]
            stored = _stored(lane, "element")
            if stored is None and has_sub_lanes and not tasks:
                continue
            draft = self._draft(lane, "role", workflow)
            if not draft.label and draft.stored_id is None:
                alone = sum(1 for _, p, _ in self.lanes if p == process) == 1
                draft.label = workflow.name if alone else f"Lane {index}"
            self.lane_links.append((workflow, lane, draft, tasks))

    def _resolve_lane_links(self) -> None:
        """The role connections a lane holds (once every element exists), and R for each
        task the lane holds that no stored connection names."""
        for workflow, lane, role, tasks in self.lane_links:
            stored_links = self._stored_lane_links(lane, role)
            linked = {link.target for link in stored_links}
            workflow.links.extend(stored_links)
            for task in tasks:
                if task not in linked and self.workflow_of_node.get(task) == workflow.key:
                    workflow.links.append(_Link(role.key, task, raci="R"))

    def _lanes_by_geometry(
        self, holder: dict[str, tuple[int, str]], members: dict[str, list[str]]
    ) -> None:
        """Tasks no lane lists go to the smallest lane whose shape holds their centre."""
        lane_shapes = [
            (self.shapes[lane.get("id", "")], lane.get("id", ""), process)
            for lane, process, _depth in self.lanes
            if lane.get("id", "") in self.shapes
        ]
        if not lane_shapes:
            return
        for key in self.graph.kept:
            if key in holder or not self._is_task(key) or key not in self.shapes:
                continue
            shape = self.shapes[key]
            cx, cy = shape.centre
            inside = [
                (s.w * s.h, lane_id)
                for s, lane_id, process in lane_shapes
                if s.plane == shape.plane
                and s.x <= cx <= s.x + s.w
                and s.y <= cy <= s.y + s.h
                and process == self.workflow_of_node.get(key)
            ]
            if inside:
                members[min(inside)[1]].append(key)

    def _is_task(self, key: str) -> bool:
        draft = self.drafts.get(key)
        return draft is not None and draft.kind in ("step", "ai_step", "gate", "review")

    def _stored_lane_links(self, lane: ET.Element, role: _Draft) -> list[_Link]:
        holder = lane.find(_b("extensionElements"))
        links = []
        for stored in ext.children(holder, "connection"):
            link = self._stored_link(stored, role.key, "", f"lane {role.key!r}")
            target = ext.read_values(stored, "key", "lane").get("target", stored.get("target"))
            link.target = self._key_of_stored_id(target)
            if link.target:
                links.append(link)
        return links

    def _key_of_stored_id(self, stored_id: Any) -> str:
        if self.key_of_stored is None:
            self.key_of_stored = {}
            for draft in self.drafts.values():
                if draft.stored_id is not None:
                    self.key_of_stored.setdefault(draft.stored_id, draft.key)
        if isinstance(stored_id, str) and stored_id in self.key_of_stored:
            return self.key_of_stored[stored_id]
        return stored_id if isinstance(stored_id, str) and stored_id in self.drafts else ""

    def _stored_link(self, stored: ET.Element, source: str, target: str, where: str) -> _Link:
        where = f"{where} opmodel:connection"
        keys = ext.read_values(stored, "key", where)
        ident = keys.get("id", stored.get("id"))
        link = _Link(source, target)
        link.stored_id = check_id(ident, f"{where} id") if ident is not None else None
        link.order = _order(stored.get("order"))
        link.raci = check_raci(stored.get("raci"), f"{where} raci")
        if "label" in keys:
            link.label = check_label(keys["label"], f"{where} label")
        link.extra = ext.read_values(stored, "extra", where)
        check_json_value(link.extra, f"{where} extra")
        return link

    def _data(self) -> None:
        """Data objects and stores that tasks read become data feeding them."""
        read: set[str] = set()
        for data_key, task, association in self.data_reads:
            task_workflow = self.workflow_of_node.get(task)
            workflow = self.workflows.get(task_workflow or "")
            if workflow is None:
                continue
            if data_key not in self.drafts:
                self._draft(self.by_id[data_key], "data", workflow)
            draft = self.drafts[data_key]
            if draft.workflow != workflow.key:
                self.report.skip("crossPoolData", association.get("id", ""), "", workflow.where)
                continue
            read.add(data_key)
            target = task
            if self.type_of.get(task) in SUB_PROCESS_TYPES:
                self.report.skip("subProcessData", association.get("id", ""), "", workflow.where)
                continue
            stored = _stored(association, "connection")
            if stored is not None:
                workflow.links.append(self._stored_link(stored, data_key, target, "data input"))
            else:
                workflow.links.append(_Link(data_key, target))
        for ident, local in self.type_of.items():
            if local not in _DATA_TYPES or ident in read or ident in self.drafts:
                continue
            workflow = self.workflows.get(self.workflow_of_node.get(ident, ""))
            stored = _stored(self.by_id[ident], "element")
            if workflow is not None and stored is not None:
                self._draft(self.by_id[ident], "data", workflow)
            elif local != "dataObject" or not self._referenced(ident):
                where = workflow.where if workflow else self.source
                self.report.skip("unreadData", ident, _name(self.by_id[ident]), where)

    def _referenced(self, data_object: str) -> bool:
        """Whether a data object is drawn through a reference (then the reference counts)."""
        if self.referenced_objects is None:
            self.referenced_objects = {
                self.by_id[k].get("dataObjectRef")
                for k, local in self.type_of.items()
                if local == "dataObjectReference"
            }
        return data_object in self.referenced_objects

    def _collaborations(self) -> None:
        for collaboration in self.root.findall(_b("collaboration")):
            where = _name(collaboration) or collaboration.get("id", "collaboration")
            for child in collaboration:
                local = _local(child.tag)
                if local is None or local in _COLLABORATION_QUIET:
                    if local == "textAnnotation":
                        self.annotations.append((child, None))
                    elif local == "association":
                        self.associations.append((child, None))
                    continue
                self.report.skip(local, child.get("id", ""), _name(child), where)

    def _notes(self) -> None:
        """Text annotations become notes (or the controls and metrics OpModel wrote)."""
        pools = {}
        for key in self.workflows:
            participant = self._participant_of(key)
            if participant is not None and participant in self.shapes:
                pools[key] = self.shapes[participant]
        linked: dict[str, str] = {}
        for association, _process in self.associations:
            a, b = association.get("sourceRef", ""), association.get("targetRef", "")
            for one, other in ((a, b), (b, a)):
                if self.type_of.get(one) == "textAnnotation" and other in self.workflow_of_node:
                    linked.setdefault(one, self.workflow_of_node[other])
        for annotation, process in self.annotations:
            key = annotation.get("id", "")
            workflow = self.workflows.get(process or "")
            if workflow is None:
                workflow = self.workflows.get(self._pool_holding(key, pools) or linked.get(key, ""))
            if workflow is None and self.workflows:
                workflow = next(iter(self.workflows.values()))
            if workflow is None:
                self.report.skip("orphanAnnotation", key, "", self.source)
                continue
            draft = self._draft(annotation, "note", workflow)
            self.graph.kept.discard(key)
            if draft.stored_id is None:
                self._note_text(draft, _text(annotation.find(_b("text"))), workflow)
        for association, process in self.associations:
            self._association(association, process)

    def _note_text(self, draft: _Draft, text: str, workflow: _Workflow) -> None:
        text = xml_clean(text).strip()
        line = " ".join(text.split())
        draft.label = line if len(line) <= LABEL_MAX else line[: LABEL_MAX - 1] + "…"
        if len(text) > TEXT_MAX:
            self.report.skip("shortened", draft.key, draft.label, workflow.where, "note text")
            text = text[: TEXT_MAX - 1] + "…"
        if text != draft.label:
            draft.props["text"] = text

    def _association(self, association: ET.Element, process: str | None) -> None:
        source, target = association.get("sourceRef", ""), association.get("targetRef", "")
        stored = _stored(association, "connection")
        a, b = self.drafts.get(source), self.drafts.get(target)
        if stored is not None and a is not None and b is not None and a.workflow == b.workflow:
            link = self._stored_link(stored, source, target, f"association {source!r}")
            self.workflows[a.workflow].links.append(link)
            return
        ends = {self.type_of.get(source), self.type_of.get(target)}
        if "textAnnotation" in ends:
            workflow = self.workflows.get(process or self.workflow_of_node.get(source, ""))
            where = workflow.where if workflow else self.source
            self.report.skip(
                "annotationLink",
                association.get("id", ""),
                "",
                where,
                "notes never connect; the note stands beside what it annotates",
            )

    def _participant_of(self, process: str) -> str | None:
        for collaboration in self.root.findall(_b("collaboration")):
            for participant in collaboration.findall(_b("participant")):
                if participant.get("processRef") == process:
                    return participant.get("id")
        return None

    def _pool_holding(self, key: str, pools: dict[str, Shape]) -> str | None:
        shape = self.shapes.get(key)
        if shape is None:
            return None
        cx, cy = shape.centre
        for process, pool in pools.items():
            inside = pool.x <= cx <= pool.x + pool.w and pool.y <= cy <= pool.y + pool.h
            if pool.plane == shape.plane and inside:
                return process
        return None

    # -- flows ----------------------------------------------------------------------------------
    def _flows(self) -> None:
        for workflow in self.workflows.values():
            for draft in workflow.drafts:
                if draft.kind not in ("trigger", "step", "ai_step", "gate", "review", "outcome"):
                    continue
                merged: dict[tuple[str, str], _Link] = {}
                for reached in self.graph.connections_from(draft.key):
                    target = self.drafts.get(reached.target)
                    if target is None or target.workflow != workflow.key:
                        continue
                    flow_element = self.by_id.get(reached.flow_id)
                    if target.key == draft.key:
                        self.report.skip(
                            "selfLoop", reached.flow_id, draft.label, workflow.where, ""
                        )
                        continue
                    reason = refusal_reason(draft.kind, target.kind)
                    if reason is not None:
                        self.report.skip(
                            "illegalFlow", reached.flow_id, draft.label, workflow.where, reason
                        )
                        continue
                    label = self._label(label_of(reached.parts), reached.flow_id, None)
                    if reached.stored is not None and flow_element is not None:
                        link = self._stored_link(
                            reached.stored, draft.key, target.key, f"flow {reached.flow_id!r}"
                        )
                        name = flow_element.get("name", "")
                        if " ".join(xml_clean(link.label).split()) != _name(flow_element):
                            link.label = self._label(name, reached.flow_id, None)
                        workflow.links.append(link)
                        continue
                    pair = (draft.key, target.key)
                    if pair in merged:
                        known = merged[pair].label.split(" / ") if merged[pair].label else []
                        if label and label not in known:
                            merged[pair].label = " / ".join([*known, label])
                        continue
                    merged[pair] = _Link(draft.key, target.key, label)
                    workflow.links.append(merged[pair])

    # -- positions ------------------------------------------------------------------------------
    def _place(self) -> None:
        task_shapes = [
            self.shapes[k]
            for k, t in self.type_of.items()
            if t in ACTIVITY_TYPES and k in self.shapes
        ]
        sx, sy = scales(task_shapes)
        for workflow in self.workflows.values():
            self._place_workflow(workflow, sx, sy)

    def _place_workflow(self, workflow: _Workflow, sx: float, sy: float) -> None:
        drafts = workflow.drafts
        if not drafts:
            return
        placed: dict[str, tuple[float, float]] = {}
        exact: set[str] = set()
        deltas: list[tuple[float, float]] = []
        for draft in drafts:
            if draft.stored_at is None:
                continue
            shape = self.shapes.get(draft.key)
            x, y = draft.stored_at
            if shape is not None and draft.stored_shape is not None and draft.kind != "role":
                dx, dy = shape.x - draft.stored_shape[0], shape.y - draft.stored_shape[1]
                if abs(dx) >= 0.5 or abs(dy) >= 0.5:
                    x, y = snap(x + dx, y + dy)
                deltas.append(
                    (
                        draft.stored_at[0] - draft.stored_shape[0],
                        draft.stored_at[1] - draft.stored_shape[1],
                    )
                )
            placed[draft.key] = (x, y)
            exact.add(draft.key)
        foreign = [d for d in drafts if d.key not in placed]
        shapes = [self.shapes[d.key] for d in foreign if d.key in self.shapes and d.kind != "role"]
        plane = main_plane(shapes)
        corners: dict[str, tuple[float, float]] = {}
        if deltas:  # new elements in a file OpModel wrote: the picture's scale, moved alike
            ox = sorted(d[0] for d in deltas)[len(deltas) // 2]
            oy = sorted(d[1] for d in deltas)[len(deltas) // 2]
            for draft in foreign:
                shape = self.shapes.get(draft.key)
                if shape is not None and draft.kind != "role":
                    corners[draft.key] = snap(shape.x + ox, shape.y + oy)
        else:
            for draft in foreign:
                shape = self.shapes.get(draft.key)
                if shape is not None and shape.plane == plane and draft.kind != "role":
                    corners[draft.key] = scaled_corner(shape, sx, sy)
            corners = normalise(corners)
            self._place_roles(workflow, corners, sx, sy, plane)
        if not placed and not corners:
            self.auto.append(workflow.key)
            return
        occupancy = Occupancy()
        for key in exact:
            occupancy.add(*placed[key])
        for draft in foreign:
            if draft.key in corners:
                placed[draft.key] = occupancy.place(*corners[draft.key])
        missing = [d for d in foreign if d.key not in placed]
        if missing:
            bottom = max(y for _, y in placed.values()) + 200
            left = min(x for x, _ in placed.values())
            for index, draft in enumerate(missing):
                column, row = index % 8, index // 8
                placed[draft.key] = occupancy.place(*snap(left + column * 240, bottom + row * 140))
        for draft in drafts:
            draft.x, draft.y = placed[draft.key]

    def _place_roles(
        self,
        workflow: _Workflow,
        corners: dict[str, tuple[float, float]],
        sx: float,
        sy: float,
        plane: int | None,
    ) -> None:
        """Roles stand in a column left of the flow, each at the top of its lane (where a
        role lane's header goes, so :meth:`_declare_lanes` can turn them into lanes)."""
        roles = [d for d in workflow.drafts if d.kind == "role" and d.stored_at is None]
        if not roles or not corners:
            return
        shifted = {k: (x + ROLE_COLUMN, y) for k, (x, y) in corners.items()}
        corners.update(shifted)
        raw = {}
        for draft in workflow.drafts:
            shape = self.shapes.get(draft.key)
            if shape is not None and shape.plane == plane and draft.key in corners:
                raw[draft.key] = scaled_corner(shape, sx, sy)
        # The offset normalise() applied, to place lane heights the same way.
        offsets = [(corners[k][1] - raw[k][1]) for k in raw]
        dy = sorted(offsets)[len(offsets) // 2] if offsets else 0.0
        for index, role in enumerate(roles):
            shape = self.shapes.get(role.key)
            if shape is not None and shape.plane == plane:
                y = shape.y * sy + dy + LANE_PAD
            else:
                y = index * 140.0
            corners[role.key] = snap(LEFT, max(y, 0.0))

    def _declare_lanes(self, session: Session) -> None:
        """Give a workflow placed from another tool's diagram the role lanes it was drawn
        in, when its roles stand at the tops of their lanes and every element a role is
        responsible for sits inside that role's lane; otherwise its roles stay connected by
        lines, as placed."""
        from model.lanes import LANES_KEY, lane_bands, lane_entries, lane_holding
        from model.routing import box_at

        auto = set(self.auto)
        for workflow in self.workflows.values():
            target = session.workflows.get(workflow.id)
            written_by_us = workflow.stored or any(d.stored_at is not None for d in workflow.drafts)
            if written_by_us or workflow.key in auto or target is None or LANES_KEY in target.extra:
                continue
            elements = session.workflow_elements(workflow.id)
            roles = sorted((e for e in elements if e.kind == "role"), key=lambda e: (e.y, e.id))
            if not roles:
                continue
            boxes = {e.id: box_at(e.x, e.y) for e in elements}
            bottom = max(box.bottom for box in boxes.values()) + LANE_PAD
            tops = [role.y - LANE_PAD for role in roles] + [bottom]
            declared = [(r.id, tops[i + 1] - tops[i]) for i, r in enumerate(roles)]
            if any(height <= 0 for _, height in declared):
                continue
            lanes = lane_bands(declared, boxes, {e.id: e.kind for e in elements})
            by_role = {lane.role: lane for lane in lanes}
            held = all(
                lane_holding(lanes, boxes[c.target]) is by_role.get(c.source)
                for c in session.workflow_connections(workflow.id)
                if c.raci == "R" and c.source in by_role and c.target in boxes
            )
            if held:
                target.extra[LANES_KEY] = lane_entries(declared)

    def _auto_layout(self, session: Session) -> None:
        from model.lanes import LANES_KEY, lane_entries
        from model.layout import plan_layout

        ids = {w.key: w.id for w in self.workflows.values()}
        for key in self.auto:
            workflow_id = ids[key]
            layout = plan_layout(session, workflow_id)
            for element_id, (x, y) in layout.positions.items():
                session.elements[element_id].x = x
                session.elements[element_id].y = y
            if layout.lanes:  # the roles' lanes, as the app's auto-layout draws them
                session.workflows[workflow_id].extra[LANES_KEY] = lane_entries(layout.lanes)
            self.report.laid_out.append(session.workflows[workflow_id].name)

    # -- the session ----------------------------------------------------------------------------
    def _session(self, stored_session: ET.Element | None) -> Session:
        document: dict[str, Any] = {"format": v.FORMAT_NAME, "version": v.FORMAT_VERSION}
        workshop: dict[str, Any] = {}
        if stored_session is not None:
            where = "opmodel:session"
            document.update(ext.read_values(stored_session, "field", where))
            document["format"], document["version"] = v.FORMAT_NAME, v.FORMAT_VERSION
            holder = stored_session.find(ext.tag("workshop"))
            if holder is not None:
                workshop = ext.read_values(holder, "field", f"{where} workshop")
        else:
            title = _name(self.root) or _name(self.root.find(_b("collaboration")) or self.root)
            workshop["title"] = (title or self.default_title)[:LABEL_MAX]
        used: set[str] = set()
        workflows = sorted(
            self.workflows.values(),
            key=lambda w: (w.order is None, w.order if w.order is not None else 0),
        )
        document["workflows"] = [self._workflow_json(w, used) for w in workflows]
        document["workshop"] = workshop
        return session_from_json(document, self.source)

    def _workflow_json(self, workflow: _Workflow, used: set[str]) -> dict[str, Any]:
        workflow.id = _claim(workflow.stored_id or workflow.key, used, "workflow")
        out: dict[str, Any] = {"id": workflow.id}
        out.update(workflow.fields)
        out["name"] = workflow.name[:LABEL_MAX]
        drafts = sorted(
            workflow.drafts,
            key=lambda d: (d.order is None, d.order if d.order is not None else 0),
        )
        elements = []
        for draft in drafts:
            draft.id = _claim(draft.stored_id or draft.key, used, "element")
            element = {
                "id": draft.id,
                "kind": draft.kind,
                "label": draft.label,
                "x": draft.x,
                "y": draft.y,
                "props": draft.props,
            }
            element.update({k: val for k, val in draft.extra.items() if k not in element})
            elements.append(element)
        links = sorted(
            workflow.links,
            key=lambda link: (link.order is None, link.order if link.order is not None else 0),
        )
        connections = []
        for link in links:
            source, target = self.drafts.get(link.source), self.drafts.get(link.target)
            if source is None or target is None or not source.id or not target.id:
                continue
            reason = refusal_reason(source.kind, target.kind, raci=link.raci)
            if reason is not None or source.id == target.id:
                self.report.skip(
                    "illegalFlow", link.stored_id or "", link.label, workflow.where, reason or ""
                )
                continue
            ident = _claim(link.stored_id or f"{source.id}-{target.id}", used, "connection")
            connection: dict[str, Any] = {
                "id": ident,
                "source": source.id,
                "target": target.id,
                "label": _short(link.label),
            }
            if link.raci is not None:
                connection["raci"] = link.raci
            connection.update({k: val for k, val in link.extra.items() if k not in connection})
            connections.append(connection)
        out["elements"] = elements
        out["connections"] = connections
        return out


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"


def _claim(wanted: str, used: set[str], pool: str) -> str:
    """A unique id among ``pool``'s: ``wanted`` when it is a valid unused id, else one made
    from it (control characters dropped, shortened, numbered)."""
    valid = len(wanted) <= ID_MAX and bool(wanted.strip()) and not _CONTROL.search(wanted)
    if valid and f"{pool}:{wanted}" not in used:
        used.add(f"{pool}:{wanted}")
        return wanted
    base = "".join(ch for ch in wanted if ch >= " " and ch != "\x7f").strip()[: ID_MAX - 8]
    base = base or pool
    candidate, counter = base, 1
    while f"{pool}:{candidate}" in used:
        counter += 1
        candidate = f"{base}~{counter}"
    used.add(f"{pool}:{candidate}")
    return candidate


def _order(text: str | None) -> int | None:
    value = ext.parse_number(text)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


__all__ = ["BpmnImportError", "ImportReport", "read_bpmn_bytes", "read_bpmn_file"]
