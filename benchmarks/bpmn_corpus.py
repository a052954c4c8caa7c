"""BPMN figures: the shared MIWG corpus (imported, tasks kept, round trips) and a 5 MB file.

Run: ``.venv/bin/python -m benchmarks.bpmn_corpus [CORPUS_FOLDER]`` (default: the
``OPMODEL_BPMN_CORPUS`` folder, else ``../shared/corpus/bpmn-miwg`` beside the repository).
For each file it imports the BPMN, counts the tasks of any type and call activities in the
file against the flow elements kept, exports the session back to BPMN, imports that, and
checks that the two sessions give the same JSON. Then it times the import of a generated
5 MB file. docs/bpmn.md records the figures.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

from benchmarks.machine import describe_machine, median_ms
from exports.bpmn.names import ACTIVITY_TYPES
from exports.bpmn.reader import BpmnImportError, read_bpmn_bytes
from exports.bpmn.safe_xml import parse_xml
from exports.bpmn.writer import bpmn_bytes
from model.interchange import session_to_json

ROOT = Path(__file__).resolve().parent.parent
LARGE_TARGET_S = 2.0


def large_bpmn(size: int) -> bytes:
    """A BPMN file of at least ``size`` bytes: one pool with lanes, a long chain of tasks of
    every type with gateways between them, data inputs, annotations and full DI."""
    types = sorted(ACTIVITY_TYPES)
    process: list[str] = []
    shapes: list[str] = []
    lanes: dict[int, list[str]] = {0: [], 1: [], 2: []}
    index = 0
    length = 0
    while length < size:
        tid, gid = f"Task_{index}", f"Gateway_{index}"
        x, y = 100 + 150 * (index % 400), 100 + 120 * (index // 400)
        tag = types[index % len(types)]
        process.append(
            f'<bpmn:{tag} id="{tid}" name="Step {index} of the order process">'
            + (f"<bpmn:incoming>Flow_{index}_in</bpmn:incoming>" if index else "")
            + f"<bpmn:outgoing>Flow_{index}_out</bpmn:outgoing></bpmn:{tag}>"
            f'<bpmn:exclusiveGateway id="{gid}" name="Done {index}?"/>'
            f'<bpmn:sequenceFlow id="Flow_{index}_out" name="next" sourceRef="{tid}" '
            f'targetRef="{gid}"/>'
            f'<bpmn:sequenceFlow id="Flow_{index + 1}_in" name="yes" sourceRef="{gid}" '
            f'targetRef="Task_{index + 1}"/>'
        )
        lanes[index % 3].append(tid)
        shapes.append(
            f'<bpmndi:BPMNShape id="{tid}_di" bpmnElement="{tid}"><dc:Bounds x="{x}" y="{y}" '
            f'width="100" height="80"/></bpmndi:BPMNShape>'
            f'<bpmndi:BPMNEdge id="Flow_{index}_out_di" bpmnElement="Flow_{index}_out">'
            f'<di:waypoint x="{x + 100}" y="{y + 40}"/><di:waypoint x="{x + 150}" '
            f'y="{y + 40}"/></bpmndi:BPMNEdge>'
        )
        length += len(process[-1]) + len(shapes[-1]) + 40
        index += 1
    process.append(f'<bpmn:endEvent id="Task_{index}" name="Done"/>')
    lane_xml = "".join(
        f'<bpmn:lane id="Lane_{n}" name="Role {n}">'
        + "".join(f"<bpmn:flowNodeRef>{ref}</bpmn:flowNodeRef>" for ref in refs)
        + "</bpmn:lane>"
        for n, refs in lanes.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
        'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
        'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Defs" '
        'targetNamespace="urn:bench">\n'
        '<bpmn:process id="Process_1" name="Large"><bpmn:laneSet id="LaneSet_1">'
        + lane_xml
        + "</bpmn:laneSet>\n"
        + "\n".join(process)
        + '</bpmn:process>\n<bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" '
        'bpmnElement="Process_1">\n'
        + "\n".join(shapes)
        + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>\n"
    ).encode()


def _activities(data: bytes) -> int:
    root = parse_xml(data)
    prefix = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
    return sum(
        1
        for e in root.iter()
        if e.tag.startswith(prefix) and e.tag[len(prefix) :] in ACTIVITY_TYPES
    )


def corpus_figures(folder: Path) -> dict[str, int]:
    """Import, count and round-trip every ``.bpmn`` file under ``folder``."""
    figures: Counter[str] = Counter()
    for path in sorted(folder.rglob("*.bpmn")):
        figures["files"] += 1
        data = path.read_bytes()
        try:
            session, report = read_bpmn_bytes(data, str(path))
        except BpmnImportError as exc:
            figures["refused"] += 1
            print(f"refused: {exc}")
            continue
        figures["imported"] += 1
        figures["workflows"] += report.workflows
        figures["tasks in the files"] += _activities(data)
        figures["flow elements kept for them"] += report.elements["step"]
        figures["elements"] += sum(report.elements.values())
        figures["connections"] += report.connections
        figures["not mapped (counted)"] += sum(report.unmapped.values())
        figures["auto-laid-out workflows"] += len(report.laid_out)
        again, _ = read_bpmn_bytes(bpmn_bytes(session), f"{path} (re-exported)")
        if session_to_json(again) == session_to_json(session):
            figures["round trips identical"] += 1
        else:
            print(f"round trip differs: {path}")
    return dict(figures)


def main() -> None:
    """Print the corpus figures and the large-file timing."""
    print(describe_machine())
    given = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("OPMODEL_BPMN_CORPUS", "")
    folder = Path(given) if given else ROOT.parent / "shared/corpus/bpmn-miwg"
    if folder.is_dir():
        started = time.perf_counter()
        for name, value in corpus_figures(folder).items():
            print(f"{name}: {value}")
        print(f"corpus pass: {time.perf_counter() - started:.1f} s")
    else:
        print(f"no corpus at {folder}")
    data = large_bpmn(5 * 1024 * 1024)
    result: list[object] = []
    seconds = median_ms(lambda: result.append(read_bpmn_bytes(data)), 5, warm_up=True) / 1000
    _session, report = result[-1]  # type: ignore[misc]
    verdict = "meets" if seconds < LARGE_TARGET_S else "MISSES"
    print(
        f"large file: {len(data) / 1024 / 1024:.1f} MB, {sum(report.elements.values()):,} "
        f"elements, {report.connections:,} connections; import {seconds:.2f} s median of 5 "
        f"(target < {LARGE_TARGET_S:g} s: {verdict})"
    )


if __name__ == "__main__":
    main()
