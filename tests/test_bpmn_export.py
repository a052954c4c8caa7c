"""BPMN export: the collaboration's structure, the extension, the picture, the round trip."""

from __future__ import annotations

import itertools
import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from exports.bpmn.diagram import EVENT_SIZE, GATEWAY_SIZE, TASK_SIZE
from exports.bpmn.names import BPMN, BPMNDI, DC, DI, OPMODEL
from exports.bpmn.reader import read_bpmn_bytes
from exports.bpmn.writer import bpmn_bytes
from model.geometry import Box
from model.interchange import session_from_json, session_to_json
from model.templates import create_session, list_templates
from storage.store import read_session
from tests.bpmn_helpers import run_cli
from tests.strategies import documents

B = f"{{{BPMN}}}"
OPM = f"{{{OPMODEL}}}"


def _tree(session) -> ET.Element:  # type: ignore[no-untyped-def]
    return ET.fromstring(bpmn_bytes(session))


def _by_id(root: ET.Element) -> dict[str, ET.Element]:
    return {e.get("id"): e for e in root.iter() if e.get("id") and e.tag.startswith(B)}


def _sample() -> dict:
    """A small workflow with every kind, two roles, a gate with two ways out, a merge."""
    element = lambda i, kind, label, x, y, **props: {  # noqa: E731
        "id": i,
        "kind": kind,
        "label": label,
        "x": x,
        "y": y,
        "props": props,
    }
    conn = lambda i, s, t, label="", raci=None: {  # noqa: E731
        "id": i,
        "source": s,
        "target": t,
        "label": label,
        **({"raci": raci} if raci else {}),
    }
    return {
        "format": "opmodel",
        "version": 1,
        "workshop": {"title": "Acme & Co <AI>"},
        "workflows": [
            {
                "id": "wf-1",
                "name": "Invoice to pay",
                "function": "finance",
                "elements": [
                    element("t", "trigger", "Invoice arrives", 40, 240),
                    element("manual", "step", "Scan", 280, 240, manual=True, system="ERP"),
                    element(
                        "ai",
                        "ai_step",
                        "Extract fields",
                        520,
                        240,
                        task="extract",
                        decision_right="draft",
                        **{"x-new-prop": {"a": [1, 2.5]}},
                    ),
                    element("gate", "gate", "Approve", 760, 240, approver="CFO"),
                    element("rev", "review", "Spot check", 1000, 100, sample_rate=10),
                    element("plain", "step", "Book", 1000, 380),
                    element("out", "outcome", "Paid", 1240, 240),
                    element("role-a", "role", "Clerk", 280, 40, headcount=3),
                    element("role-b", "role", "Controller", 760, 40),
                    element("d", "data", "Invoices", 520, 440, sensitivity="internal"),
                    element("ctl", "control", "Audit trail", 760, 600, category="audit_trail"),
                    element("m", "metric", "Cycle time", 1000, 760, baseline=5, target=1.5),
                    element("n", "note", "Ask IT", 1240, 760, text="about the scanner"),
                ],
                "connections": [
                    conn("c1", "t", "manual"),
                    conn("c2", "manual", "ai"),
                    conn("c3", "ai", "gate"),
                    conn("c4", "gate", "rev", "approved"),
                    conn("c5", "gate", "plain", "rejected"),
                    conn("c6", "rev", "out"),
                    conn("c7", "plain", "out"),
                    conn("c8", "role-a", "manual", raci="R"),
                    conn("c9", "role-a", "ai", raci="R"),
                    conn("c10", "role-b", "gate", raci="R"),
                    conn("c11", "role-b", "ai", raci="A"),
                    conn("c12", "d", "ai"),
                    conn("c13", "ctl", "gate"),
                    conn("c14", "m", "out"),
                    conn("c15", "m", "t"),
                    conn("c16", "role-b", "m", raci="R"),
                ],
            }
        ],
    }


def test_one_pool_per_workflow_and_one_lane_per_role() -> None:
    session = session_from_json(_sample())
    root = _tree(session)
    collaboration = root.find(f"{B}collaboration")
    participants = collaboration.findall(f"{B}participant")
    processes = root.findall(f"{B}process")
    assert [p.get("name") for p in participants] == ["Invoice to pay"]
    assert participants[0].get("processRef") == processes[0].get("id") == "wf-1"
    lanes = processes[0].findall(f"{B}laneSet/{B}lane")
    names = [lane.get("name") for lane in lanes]
    assert names[:2] == ["Clerk", "Controller"]
    refs = {lane.get("name"): [r.text for r in lane.findall(f"{B}flowNodeRef")] for lane in lanes}
    assert {"manual", "ai"} <= set(refs["Clerk"])  # R-tasks in their lane
    assert "gate" in refs["Controller"] and "ai" not in refs["Controller"]  # A is no lane


def test_task_types_follow_the_kind() -> None:
    root = _tree(session_from_json(_sample()))
    nodes = _by_id(root)
    local = {ident: element.tag[len(B) :] for ident, element in nodes.items()}
    assert local["t"] == "startEvent" and local["out"] == "endEvent"
    assert local["ai"] == "serviceTask"
    assert local["gate"] == "userTask" and local["rev"] == "userTask"
    assert local["manual"] == "manualTask" and local["plain"] == "task"
    assert local["d"] == "dataStoreReference"
    assert {local["ctl"], local["m"], local["n"]} == {"textAnnotation"}
    # The gate's user task is followed by its exclusive gateway; both ways out leave it.
    decision = nodes["gate_decision"]
    assert decision.tag == f"{B}exclusiveGateway"
    outgoing = [f for f in root.iter(f"{B}sequenceFlow") if f.get("sourceRef") == "gate_decision"]
    assert {f.get("name") for f in outgoing} == {"approved", "rejected"}
    flows_from_gate = [f for f in root.iter(f"{B}sequenceFlow") if f.get("sourceRef") == "gate"]
    assert [f.get("targetRef") for f in flows_from_gate] == ["gate_decision"]
    # Two flows into the outcome meet at a joining gateway first.
    into_out = [
        f.get("sourceRef") for f in root.iter(f"{B}sequenceFlow") if f.get("targetRef") == "out"
    ]
    assert into_out == ["out_join"]


def test_data_is_a_store_with_an_association_and_annotations_say_what_they_are() -> None:
    root = _tree(session_from_json(_sample()))
    nodes = _by_id(root)
    association = nodes["ai"].find(f"{B}dataInputAssociation")
    assert association.find(f"{B}sourceRef").text == "d"
    placeholder = association.find(f"{B}targetRef").text
    assert nodes[placeholder].tag == f"{B}property"
    assert nodes["ctl"].find(f"{B}text").text.startswith("Control: Audit trail (audit trail)")
    assert nodes["m"].find(f"{B}text").text.startswith("Metric: Cycle time\n5 → 1.5")
    links = {(a.get("sourceRef"), a.get("targetRef")) for a in root.iter(f"{B}association")}
    assert {("ctl", "gate"), ("m", "out"), ("m", "t")} <= links


def test_every_prop_is_in_the_extension_namespace_even_unknown_ones() -> None:
    root = _tree(session_from_json(_sample()))
    stored = _by_id(root)["ai"].find(f"{B}extensionElements/{OPM}element")
    props = {p.get("name"): p for p in stored.findall(f"{OPM}prop")}
    assert props["task"].text == "extract" and props["task"].get("type") is None
    assert json.loads(props["x-new-prop"].text) == {"a": [1, 2.5]}
    assert props["x-new-prop"].get("type") == "json"
    assert stored.get("kind") == "ai_step" and stored.get("x") == "520"


def test_full_di_every_shape_and_edge_with_standard_sizes() -> None:
    root = _tree(session_from_json(_sample()))
    shapes = {
        s.get("bpmnElement"): s.find(f"{{{DC}}}Bounds") for s in root.iter(f"{{{BPMNDI}}}BPMNShape")
    }
    edges = {e.get("bpmnElement"): e for e in root.iter(f"{{{BPMNDI}}}BPMNEdge")}
    for element in root.iter():
        local = element.tag[len(B) :] if element.tag.startswith(B) else ""
        if local in (
            "participant",
            "lane",
            "startEvent",
            "endEvent",
            "task",
            "userTask",
            "serviceTask",
            "manualTask",
            "exclusiveGateway",
            "parallelGateway",
            "dataStoreReference",
            "textAnnotation",
        ):
            assert element.get("id") in shapes, element.get("id")
        if local in ("sequenceFlow", "association", "dataInputAssociation"):
            edge = edges[element.get("id")]
            assert len(edge.findall(f"{{{DI}}}waypoint")) >= 2
    size = lambda ident: (float(shapes[ident].get("width")), float(shapes[ident].get("height")))  # noqa: E731
    assert size("manual") == TASK_SIZE and size("t") == EVENT_SIZE
    assert size("gate_decision") == GATEWAY_SIZE
    # A task sits inside its lane's band.
    lane = next(x for x in root.iter(f"{B}lane") if x.get("name") == "Clerk")
    band, task = shapes[lane.get("id")], shapes["manual"]
    top, bottom = float(band.get("y")), float(band.get("y")) + float(band.get("height"))
    assert top < float(task.get("y")) < bottom


def test_edge_courses_come_from_the_model_routing() -> None:
    root = _tree(session_from_json(_sample()))
    boxes: dict[str, Box] = {}
    for s in root.iter(f"{{{BPMNDI}}}BPMNShape"):
        b = s.find(f"{{{DC}}}Bounds")
        boxes[s.get("bpmnElement")] = Box(*(float(b.get(k)) for k in ("x", "y", "width", "height")))
    edges = {e.get("bpmnElement"): e for e in root.iter(f"{{{BPMNDI}}}BPMNEdge")}
    points = lambda ident: [  # noqa: E731
        (float(p.get("x")), float(p.get("y"))) for p in edges[ident].findall(f"{{{DI}}}waypoint")
    ]
    # Every edge is orthogonal, as on the canvas.
    for ident in edges:
        for (x0, y0), (x1, y1) in itertools.pairwise(points(ident)):
            assert abs(x0 - x1) < 0.11 or abs(y0 - y1) < 0.11, (ident, points(ident))
    # A flow between two tasks is exactly the model's route between their shapes: it
    # leaves the source's right side and enters the target's left side.
    manual, ai = boxes["manual"], boxes["ai"]
    (x0, _y0), *_, (x1, _y1) = points("c2")
    assert abs(x0 - manual.right) < 0.11 and abs(x1 - ai.x) < 0.11
    # An event's edge ends on its circle, not on its bounding box.
    trigger = boxes["t"]
    first = points("c1")[0]
    radius = math.dist(first, trigger.center)
    assert abs(radius - trigger.w / 2) < 0.2, (first, trigger)
    # The learning loop (metric → trigger) goes round, as the canvas draws it.
    assert len(points("c15")) >= 3


def test_round_trip_of_every_template_is_lossless() -> None:
    for info in list_templates():
        session = create_session(info.name, "Workshop")
        again, report = read_bpmn_bytes(bpmn_bytes(session), info.name)
        assert session_to_json(again) == session_to_json(session), info.name
        assert report.from_opmodel and not report.unmapped


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(doc=documents(max_workflows=2, max_elements=7))
def test_round_trip_of_random_sessions_is_lossless(doc: dict) -> None:
    """Any valid session (odd ids, control characters, floats, unknown keys) comes back."""
    session = session_from_json(doc)
    again, _ = read_bpmn_bytes(bpmn_bytes(session))
    assert session_to_json(again) == session_to_json(session)


def test_cli_round_trip_gives_the_same_json_export(tmp_path: Path) -> None:
    session_file = tmp_path / "acme.opmodel"
    assert run_cli("new", session_file, "--template", "finance").returncode == 0
    exported = run_cli("export", session_file, "-o", tmp_path / "acme.bpmn")
    assert exported.returncode == 0, exported.stderr
    back = run_cli("import", tmp_path / "acme.bpmn", "-o", tmp_path / "back.opmodel")
    assert back.returncode == 0, back.stderr
    assert back.stdout.count("\n") == 1 and "nothing left unmapped" in back.stdout
    for name, path in (("a.json", session_file), ("b.json", tmp_path / "back.opmodel")):
        result = run_cli("export", path, "-o", tmp_path / name)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()
    assert session_to_json(read_session(tmp_path / "back.opmodel")) == session_to_json(
        read_session(session_file)
    )


def test_moves_and_renames_made_in_another_tool_come_back() -> None:
    session = session_from_json(_sample())
    root = ET.fromstring(bpmn_bytes(session))
    nodes = _by_id(root)
    nodes["plain"].set("name", "Book in the ERP")
    for shape in root.iter(f"{{{BPMNDI}}}BPMNShape"):
        if shape.get("bpmnElement") == "plain":
            bounds = shape.find(f"{{{DC}}}Bounds")
            bounds.set("x", str(float(bounds.get("x")) + 100))
    again, _ = read_bpmn_bytes(ET.tostring(root))
    element = again.elements["plain"]
    assert element.label == "Book in the ERP"
    assert (element.x, element.y) == (1100, 380)
    assert again.elements["ai"].props == session.elements["ai"].props
