"""Writing a session as a BPMN 2.0 file: a collaboration with one pool per workflow.

The structure comes from :mod:`exports.bpmn.plan`, the picture from
:mod:`exports.bpmn.diagram`. Every value a BPMN tool has no place for (the workshop, the
workflow's fields, each element's id, kind, position and props, each connection's id,
RACI letter and label) travels in the ``opmodel`` extension namespace, so that
:mod:`exports.bpmn.reader` gives back the same session.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from exports.atomic import atomic_output
from exports.bpmn import extension as ext
from exports.bpmn.diagram import Diagram, layout
from exports.bpmn.ids import IdMaker
from exports.bpmn.names import BPMN, BPMNDI, DC, DI, OPMODEL, PREFIXES
from exports.bpmn.plan import Flow, Lane, Link, Node, WorkflowPlan, plan_workflow
from exports.bpmn.safe_xml import xml_clean
from model import vocabulary as v
from model.fields import WORKFLOW_FIELDS
from model.geometry import Box
from model.interchange import workshop_to_json
from model.session import Connection, Element, Session

EXPORTER = "OpModel Studio"
EXPORTER_VERSION = "0.1.0"
#: The target namespace of exported definitions (a name, never fetched).
TARGET_NAMESPACE = "urn:opmodel-studio:session"

for _prefix, _uri in PREFIXES.items():
    ET.register_namespace(_prefix, _uri)


def export_bpmn(session: Session, target: Path | str) -> None:
    """Write ``session`` to ``target`` as BPMN 2.0 XML, atomically."""
    data = bpmn_bytes(session)
    with atomic_output(target) as temp:
        temp.write_bytes(data)


def bpmn_bytes(session: Session) -> bytes:
    """The BPMN 2.0 document of ``session`` as UTF-8 XML."""
    root = build_tree(session)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def _b(name: str) -> str:
    return f"{{{BPMN}}}{name}"


def build_tree(session: Session) -> ET.Element:
    """The ``bpmn:definitions`` element of ``session``."""
    ids = IdMaker()
    title = xml_clean(session.workshop.title)
    root = ET.Element(
        _b("definitions"),
        {
            "id": ids.make("Definitions_1"),
            "name": title,
            "targetNamespace": TARGET_NAMESPACE,
            "exporter": EXPORTER,
            "exporterVersion": EXPORTER_VERSION,
        },
    )
    collaboration_id = ids.make("Collaboration_1")
    plans = [plan_workflow(session, workflow, ids) for workflow in session.ordered_workflows()]
    diagram = layout(plans)

    collaboration = ET.SubElement(root, _b("collaboration"), {"id": collaboration_id})
    if title:
        collaboration.set("name", title)
    holder = ET.SubElement(collaboration, _b("extensionElements"))
    stored = ET.SubElement(
        holder, ext.tag("session"), {"format": v.FORMAT_NAME, "version": str(v.FORMAT_VERSION)}
    )
    ext.add_values(stored, "field", session.extra)
    workshop = ET.SubElement(stored, ext.tag("workshop"))
    ext.add_values(workshop, "field", workshop_to_json(session.workshop))
    for plan in plans:
        ET.SubElement(
            collaboration,
            _b("participant"),
            {
                "id": plan.participant_id,
                "name": xml_clean(plan.workflow.name),
                "processRef": plan.process_id,
            },
        )
    for index, plan in enumerate(plans):
        root.append(_process(plan, index, diagram))
    root.append(_diagram(plans, diagram, collaboration_id, ids))
    return root


# -- the process --------------------------------------------------------------------------------


def _process(plan: WorkflowPlan, order: int, diagram: Diagram) -> ET.Element:
    workflow = plan.workflow
    process = ET.Element(
        _b("process"),
        {"id": plan.process_id, "name": xml_clean(workflow.name), "isExecutable": "false"},
    )
    holder = ET.SubElement(process, _b("extensionElements"))
    stored = ET.SubElement(holder, ext.tag("workflow"), {"order": str(order)})
    _set_text(stored, "id", workflow.id)
    values: dict[str, Any] = {f.name: getattr(workflow, f.name) for f in WORKFLOW_FIELDS}
    values.update(workflow.extra)
    ext.add_values(stored, "field", values)
    if plan.lanes:
        lane_set = ET.SubElement(process, _b("laneSet"), {"id": f"{plan.process_id}_lanes"})
        for lane in plan.lanes:
            lane_set.append(_lane(plan, lane, diagram))
    element_order = {e.id: index for index, e in enumerate(plan.elements)}
    placeholders = plan.placeholders
    for node in plan.nodes.values():
        if node.type == "textAnnotation":
            continue
        process.append(_node(plan, node, diagram, element_order, placeholders))
    for flow in plan.flows:
        process.append(_flow(plan, flow))
    for node in plan.nodes.values():
        if node.type == "textAnnotation":
            annotation = ET.SubElement(process, _b("textAnnotation"), {"id": node.id})
            _element_ext(annotation, node.element, element_order, diagram.shapes[node.id])
            ET.SubElement(annotation, _b("text")).text = xml_clean(node.name)
    for link in plan.associations:
        association = ET.SubElement(
            process,
            _b("association"),
            {
                "id": link.id,
                "sourceRef": link.source,
                "targetRef": link.target,
                "associationDirection": "One",
            },
        )
        _connection_ext(association, plan, link.connection, named=False)
    return process


def _lane(plan: WorkflowPlan, lane: Lane, diagram: Diagram) -> ET.Element:
    element = ET.Element(_b("lane"), {"id": lane.id})
    holder = ET.SubElement(element, _b("extensionElements"))
    if lane.role is None:
        element.set("name", "No responsible role")
        ET.SubElement(holder, ext.tag("lane"), {"unassigned": "true"})
    else:
        element.set("name", xml_clean(lane.role.label))
        order = {e.id: index for index, e in enumerate(plan.elements)}
        _element_ext(element, lane.role, order, diagram.shapes[lane.id], holder)
        for connection in lane.connections:
            _connection_ext(holder, plan, connection, named=False, with_target=True)
    for member in lane.members:
        ET.SubElement(element, _b("flowNodeRef")).text = member
    return element


def _node(
    plan: WorkflowPlan,
    node: Node,
    diagram: Diagram,
    order: dict[str, int],
    placeholders: dict[str, str],
) -> ET.Element:
    element = ET.Element(_b(node.type), {"id": node.id})
    if node.type != "parallelGateway" or node.name:
        element.set("name", xml_clean(node.name))
    if not node.added:
        _element_ext(element, node.element, order, diagram.shapes[node.id])
    for flow_id in node.incoming:
        ET.SubElement(element, _b("incoming")).text = flow_id
    for flow_id in node.outgoing:
        ET.SubElement(element, _b("outgoing")).text = flow_id
    if node.id in placeholders:
        ET.SubElement(
            element,
            _b("property"),
            {"id": placeholders[node.id], "name": "__targetRef_placeholder"},
        )
        for link in plan.inputs:
            if link.target == node.id:
                element.append(_data_input(plan, link, placeholders[node.id]))
    return element


def _data_input(plan: WorkflowPlan, link: Link, placeholder: str) -> ET.Element:
    association = ET.Element(_b("dataInputAssociation"), {"id": link.id})
    _connection_ext(association, plan, link.connection, named=False)
    ET.SubElement(association, _b("sourceRef")).text = link.source
    ET.SubElement(association, _b("targetRef")).text = placeholder
    return association


def _flow(plan: WorkflowPlan, flow: Flow) -> ET.Element:
    element = ET.Element(
        _b("sequenceFlow"), {"id": flow.id, "sourceRef": flow.source, "targetRef": flow.target}
    )
    if flow.name:
        element.set("name", xml_clean(flow.name))
    if flow.connection is not None:
        _connection_ext(element, plan, flow.connection, named=True)
    return element


# -- the extension --------------------------------------------------------------------------------


def _element_ext(
    parent: ET.Element,
    element: Element,
    order: dict[str, int],
    shape: Box,
    holder: ET.Element | None = None,
) -> ET.Element:
    """``<opmodel:element>``: id, kind, canvas position, the shape's corner as written,
    props and unknown keys. The label is the BPMN name unless XML cannot hold it."""
    if holder is None:
        holder = ET.SubElement(parent, _b("extensionElements"))
    stored = ET.SubElement(
        holder,
        ext.tag("element"),
        {
            "kind": element.kind,
            "order": str(order[element.id]),
            "x": ext.number_text(element.x),
            "y": ext.number_text(element.y),
            "shapeX": ext.number_text(shape.x),
            "shapeY": ext.number_text(shape.y),
        },
    )
    _set_text(stored, "id", element.id)
    if xml_clean(element.label) != element.label or element.kind in ("control", "metric", "note"):
        ext.add_value(stored, "key", "label", element.label)
    ext.add_values(stored, "prop", element.props)
    ext.add_values(stored, "extra", element.extra)
    return stored


def _connection_ext(
    parent: ET.Element,
    plan: WorkflowPlan,
    connection: Connection,
    *,
    named: bool,
    with_target: bool = False,
) -> None:
    """``<opmodel:connection>``: id, order, RACI letter, label (unless the BPMN name
    holds it) and unknown keys; ``with_target`` for connections kept on a lane."""
    if with_target:
        holder = parent
    else:
        holder = ET.SubElement(parent, _b("extensionElements"))
        if len(parent) > 1:  # extensionElements comes first in every BPMN element
            parent.remove(holder)
            parent.insert(0, holder)
    stored = ET.SubElement(
        holder, ext.tag("connection"), {"order": str(plan.connection_order[connection.id])}
    )
    _set_text(stored, "id", connection.id)
    if with_target:
        _set_text(stored, "target", connection.target)
    if connection.raci is not None:
        stored.set("raci", connection.raci)
    if connection.label and not (named and xml_clean(connection.label) == connection.label):
        ext.add_value(stored, "key", "label", connection.label)
    ext.add_values(stored, "extra", connection.extra)


def _set_text(stored: ET.Element, name: str, value: str) -> None:
    """An attribute when XML holds ``value`` unchanged, else a ``<opmodel:key>``."""
    if ext.text_attribute(value) is not None:
        stored.set(name, value)
    else:
        ext.add_value(stored, "key", name, value)


# -- the picture --------------------------------------------------------------------------------


def _diagram(
    plans: list[WorkflowPlan], diagram: Diagram, collaboration_id: str, ids: IdMaker
) -> ET.Element:
    root = ET.Element(f"{{{BPMNDI}}}BPMNDiagram", {"id": ids.make("BPMNDiagram_1")})
    plane = ET.SubElement(
        root,
        f"{{{BPMNDI}}}BPMNPlane",
        {"id": ids.make("BPMNPlane_1"), "bpmnElement": collaboration_id},
    )
    for plan in plans:
        _shape(plane, ids, plan.participant_id, diagram.shapes[plan.participant_id], True)
        for lane in plan.lanes:
            _shape(plane, ids, lane.id, diagram.shapes[lane.id], True)
        for node in plan.nodes.values():
            marker = node.type == "exclusiveGateway"
            _shape(plane, ids, node.id, diagram.shapes[node.id], None, marker)
    for plan in plans:
        edge_ids = [f.id for f in plan.flows] + [link.id for link in plan.inputs]
        edge_ids += [link.id for link in plan.associations]
        for edge_id in edge_ids:
            edge = ET.SubElement(
                plane,
                f"{{{BPMNDI}}}BPMNEdge",
                {"id": ids.make(f"{edge_id}_di"), "bpmnElement": edge_id},
            )
            for x, y in diagram.edges[edge_id]:
                ET.SubElement(
                    edge, f"{{{DI}}}waypoint", {"x": ext.number_text(x), "y": ext.number_text(y)}
                )
    return root


def _shape(
    plane: ET.Element,
    ids: IdMaker,
    element_id: str,
    box: Box,
    horizontal: bool | None,
    marker: bool = False,
) -> None:
    shape = ET.SubElement(
        plane,
        f"{{{BPMNDI}}}BPMNShape",
        {"id": ids.make(f"{element_id}_di"), "bpmnElement": element_id},
    )
    if horizontal:
        shape.set("isHorizontal", "true")
    if marker:
        shape.set("isMarkerVisible", "true")
    ET.SubElement(
        shape,
        f"{{{DC}}}Bounds",
        {
            "x": ext.number_text(box.x),
            "y": ext.number_text(box.y),
            "width": ext.number_text(box.w),
            "height": ext.number_text(box.h),
        },
    )


__all__ = ["EXPORTER", "OPMODEL", "bpmn_bytes", "build_tree", "export_bpmn"]
