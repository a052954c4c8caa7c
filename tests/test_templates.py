"""The built-in templates in resources/templates: valid, complete and readable on a wall."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from model.connections import connection_meaning
from model.interchange import read_json_file
from model.session import Element, Session
from resources import TEMPLATES_DIR

ELEMENT_WIDTH = 180
ELEMENT_HEIGHT = 80
#: Minimum free space between two elements, so labels and arrows stay legible when projected.
MIN_GAP = 40
MAX_LABEL = 28
FLOW_KINDS = {"trigger", "step", "ai_step", "gate", "review", "outcome"}
REQUIRED_KINDS = (
    "trigger",
    "outcome",
    "ai_step",
    "role",
    "data",
    "gate",
    "review",
    "control",
    "metric",
)
#: Flow connections allowed to point right-to-left (loop-backs); none are needed today.
ALLOWED_LOOP_BACKS: set[tuple[str, str]] = set()

TEMPLATE_PATHS = sorted(TEMPLATES_DIR.glob("*.json"))


def _load(path: Path) -> Session:
    return read_json_file(path)


@pytest.fixture(scope="module")
def sessions() -> dict[str, Session]:
    return {path.stem: _load(path) for path in TEMPLATE_PATHS}


def _elements(session: Session) -> list[Element]:
    return [e for wf in session.ordered_workflows() for e in session.workflow_elements(wf.id)]


def _labels(session: Session) -> str:
    return " | ".join(e.label.lower() for e in _elements(session))


def test_the_three_builtin_templates_exist(sessions: dict[str, Session]) -> None:
    assert {"sales", "finance", "customer_support"} <= set(sessions)


@pytest.mark.parametrize("path", TEMPLATE_PATHS, ids=lambda p: p.stem)
def test_template_metadata_matches_file(path: Path) -> None:
    session = _load(path)
    meta = session.extra.get("template")
    assert isinstance(meta, dict)
    assert meta.get("name") == path.stem
    assert meta.get("title")
    assert meta.get("description")
    assert session.workshop.client == ""
    assert session.workshop.facilitator == ""
    assert len(session.workflows) >= 1


@pytest.mark.parametrize("path", TEMPLATE_PATHS, ids=lambda p: p.stem)
def test_template_has_every_component(path: Path) -> None:
    session = _load(path)
    for workflow in session.ordered_workflows():
        kinds = {e.kind for e in session.workflow_elements(workflow.id)}
        missing = [k for k in REQUIRED_KINDS if k not in kinds]
        assert not missing, f"{path.name} workflow {workflow.id} lacks {missing}"


@pytest.mark.parametrize("path", TEMPLATE_PATHS, ids=lambda p: p.stem)
def test_labels_are_short(path: Path) -> None:
    long = [e.label for e in _elements(_load(path)) if len(e.label) > MAX_LABEL]
    assert not long, f"{path.name}: labels longer than {MAX_LABEL} characters: {long}"


@pytest.mark.parametrize("path", TEMPLATE_PATHS, ids=lambda p: p.stem)
def test_elements_do_not_overlap(path: Path) -> None:
    clashes = []
    for a, b in combinations(_elements(_load(path)), 2):
        apart_x = a.x + ELEMENT_WIDTH + MIN_GAP <= b.x or b.x + ELEMENT_WIDTH + MIN_GAP <= a.x
        apart_y = a.y + ELEMENT_HEIGHT + MIN_GAP <= b.y or b.y + ELEMENT_HEIGHT + MIN_GAP <= a.y
        if not (apart_x or apart_y):
            clashes.append((a.id, b.id))
    assert not clashes, f"{path.name}: elements overlap or sit closer than {MIN_GAP}px: {clashes}"


@pytest.mark.parametrize("path", TEMPLATE_PATHS, ids=lambda p: p.stem)
def test_flow_reads_left_to_right(path: Path) -> None:
    session = _load(path)
    backwards = []
    for workflow in session.ordered_workflows():
        for connection in session.workflow_connections(workflow.id):
            source = session.elements[connection.source]
            target = session.elements[connection.target]
            if source.kind not in FLOW_KINDS or target.kind not in FLOW_KINDS:
                continue
            if (source.id, target.id) in ALLOWED_LOOP_BACKS:
                continue
            if target.x <= source.x:
                backwards.append(connection.id)
    assert not backwards, f"{path.name}: flow connections pointing left: {backwards}"


def _reaches_outcome_without_gate(
    start: str, elements: dict[str, Element], flow_next: dict[str, list[str]]
) -> bool:
    """True when some flow path from ``start`` reaches an outcome without passing a gate."""
    stack, seen = list(flow_next[start]), set()
    while stack:
        node = stack.pop()
        if node in seen or elements[node].kind == "gate":
            continue
        seen.add(node)
        if elements[node].kind == "outcome":
            return True
        stack.extend(flow_next[node])
    return False


@pytest.mark.parametrize("path", TEMPLATE_PATHS, ids=lambda p: p.stem)
def test_ai_steps_have_role_data_and_gate(path: Path) -> None:
    session = _load(path)
    for workflow in session.ordered_workflows():
        elements = {e.id: e for e in session.workflow_elements(workflow.id)}
        incoming: dict[str, set[str]] = {i: set() for i in elements}
        flow_next: dict[str, list[str]] = {i: [] for i in elements}
        for connection in session.workflow_connections(workflow.id):
            source = elements[connection.source]
            target = elements[connection.target]
            meaning = connection_meaning(source.kind, target.kind)
            incoming[target.id].add(meaning or "")
            if meaning == "flow":
                flow_next[source.id].append(target.id)

        for element in elements.values():
            if element.kind == "ai_step":
                assert "responsible" in incoming[element.id], f"{element.id} has no role"
                assert "feeds" in incoming[element.id], f"{element.id} has no data feed"
                if element.props.get("decision_right") == "approval_required":
                    assert not _reaches_outcome_without_gate(element.id, elements, flow_next), (
                        f"{element.id} reaches an outcome without passing a gate"
                    )
            if element.kind in ("ai_step", "gate", "review", "metric", "control"):
                assert "responsible" in incoming[element.id], f"{element.id} has no role"
        assert any(
            elements[c.source].kind == "metric" and elements[c.target].kind == "trigger"
            for c in session.workflow_connections(workflow.id)
        ), f"{workflow.id} has no learning loop"


@pytest.mark.parametrize(
    ("name", "keywords"),
    [
        (
            "sales",
            (
                "lead",
                "crm data",
                "summarise",
                "availability",
                "draft proposal",
                "approval",
                "update crm",
                "follow-up",
            ),
        ),
        (
            "finance",
            (
                "invoice",
                "extract",
                "po",
                "exception",
                "approval",
                "reconcile",
                "payment",
                "audit log",
                "report",
            ),
        ),
        (
            "customer_support",
            ("triage", "draft", "escalat", "quality review", "knowledge base", "csat"),
        ),
    ],
)
def test_template_covers_the_issue_steps(
    sessions: dict[str, Session], name: str, keywords: tuple[str, ...]
) -> None:
    labels = _labels(sessions[name])
    missing = [word for word in keywords if word.lower() not in labels]
    assert not missing, f"{name}: no element label mentions {missing}"
