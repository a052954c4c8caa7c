"""Auto-layout: role lanes, flow left to right, attachments under it, no overlaps, few crossings."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import synthetic_session
from exports.json_export import export_json
from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH, GRID
from model.connections import connection_meaning
from model.crossings import count_crossings, routes_from_json
from model.interchange import session_from_json
from model.kinds import KIND_IDS, WORK_KINDS
from model.lanes import (
    LANE_PAD,
    LANES_KEY,
    Lane,
    declared_lanes,
    lane_bands,
    lane_holding,
)
from model.layout import (
    ATTACHED_SPACING,
    BELOW_LANES,
    COLUMN_SPACING,
    LEFT,
    MIN_GAP,
    ROW_SPACING,
    TOP,
    auto_layout,
    auto_layout_edit,
    plan_layout,
)
from model.routing import Link, box_at, plan_routes, session_routes
from model.session import Connection, Element, Session, Workflow
from model.templates import load_template

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ("sales", "finance", "customer_support")
#: The issue's target: at most this many crossing pairs per built-in template workflow.
MAX_TEMPLATE_CROSSINGS = 8
Positions = dict[str, tuple[float, float]]


def _session(elements: list[tuple[str, str]], connections: list[tuple[str, str]]) -> Session:
    """A one-workflow session ("wf") from (id, kind) elements and (source, target) links."""
    return session_from_json(
        {
            "format": "opmodel",
            "version": 1,
            "workshop": {"title": "Layout test"},
            "workflows": [
                {
                    "id": "wf",
                    "name": "Test",
                    "elements": [
                        {"id": i, "kind": k, "label": i, "x": 0, "y": 0, "props": {}}
                        for i, k in elements
                    ],
                    "connections": [
                        {"id": f"c{n}", "source": s, "target": t}
                        for n, (s, t) in enumerate(connections)
                    ],
                }
            ],
        },
        "test",
    )


def _overlaps(positions: Positions, gap: float = GRID) -> list[tuple[str, str]]:
    """Pairs of boxes closer than ``gap`` on both axes (a sweep along x)."""
    boxes = sorted(positions.items(), key=lambda item: (item[1][0], item[1][1], item[0]))
    found = []
    for index, (a, (ax, ay)) in enumerate(boxes):
        for b, (bx, by) in boxes[index + 1 :]:
            if bx >= ax + ELEMENT_WIDTH + gap:
                break
            if abs(ay - by) < ELEMENT_HEIGHT + gap:
                found.append((a, b))
    return found


def _flow_edges(session: Session, workflow_id: str) -> list[tuple[str, str]]:
    kinds = {e.id: e.kind for e in session.workflow_elements(workflow_id)}
    return [
        (c.source, c.target)
        for c in session.workflow_connections(workflow_id)
        if connection_meaning(kinds[c.source], kinds[c.target]) == "flow"
    ]


def _edges_in_cycles(edges: list[tuple[str, str]]) -> set[tuple[str, str]]:
    graph = nx.DiGraph(edges)
    component = {}
    for number, members in enumerate(nx.strongly_connected_components(graph)):
        for node in members:
            component[node] = (number, len(members))
    return {(s, t) for s, t in edges if component[s] == component[t] and component[s][1] > 1}


def _on_grid(positions: Positions) -> bool:
    return all(x % GRID == 0 and y % GRID == 0 for x, y in positions.values())


def _assert_sound(session: Session, workflow_id: str, positions: Positions) -> None:
    """Every element placed, on the grid, no overlaps, acyclic flow runs left to right."""
    assert set(positions) == {e.id for e in session.workflow_elements(workflow_id)}
    assert _on_grid(positions)
    assert _overlaps(positions) == []
    edges = _flow_edges(session, workflow_id)
    cyclic = _edges_in_cycles(edges)
    backwards = [
        (s, t) for s, t in edges if (s, t) not in cyclic and positions[t][0] <= positions[s][0]
    ]
    assert backwards == []


# -- the built-in templates ----------------------------------------------------------------------


def _lanes(session: Session, workflow_id: str) -> list[Lane]:
    elements = session.workflow_elements(workflow_id)
    return lane_bands(
        declared_lanes(session.workflows[workflow_id].extra),
        {e.id: box_at(e.x, e.y) for e in elements},
        {e.id: e.kind for e in elements},
    )


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_workflows_are_laid_out_without_clutter(name: str, tmp_path: Path) -> None:
    """Crossings counted on the exported routes, as the issue asks: at most 8 pairs."""
    session = load_template(name)
    target = tmp_path / f"{name}.json"
    export_json(session, target)
    document = json.loads(target.read_text(encoding="utf-8"))
    for workflow in session.ordered_workflows():
        # The shipped template is auto-layout's own result: laying it out changes nothing.
        assert auto_layout_edit(session, workflow.id).changes == ()
        positions = {e.id: (e.x, e.y) for e in session.workflow_elements(workflow.id)}
        _assert_sound(session, workflow.id, positions)
        [exported] = [w for w in document["workflows"] if w["id"] == workflow.id]
        assert count_crossings(routes_from_json(exported)) <= MAX_TEMPLATE_CROSSINGS
        assert all("route" in c for c in exported["connections"])


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_steps_sit_in_the_lanes_of_their_roles(name: str) -> None:
    session = load_template(name)
    for workflow in session.ordered_workflows():
        lanes = _lanes(session, workflow.id)
        elements = {e.id: e for e in session.workflow_elements(workflow.id)}
        roles = {e.id for e in elements.values() if e.kind == "role"}
        assert [lane.role for lane in lanes] and {lane.role for lane in lanes} == roles
        # the role heads its lane, in the first column; lanes follow on without a gap
        for lane in lanes:
            header = elements[lane.role]
            assert (header.x, header.y) == (LEFT, lane.band.y + LANE_PAD)
        for upper, lower in itertools.pairwise(lanes):
            assert upper.band.bottom == lower.band.y
        routes = session_routes(session, workflow.id)
        for connection in session.workflow_connections(workflow.id):
            source, target = elements[connection.source], elements[connection.target]
            if source.kind != "role" or target.kind not in WORK_KINDS:
                continue
            # each step is in its (only) role's lane: the responsibility needs no line
            lane = lane_holding(lanes, box_at(target.x, target.y))
            assert lane is not None and lane.role == source.id
            assert routes[connection.id] is None


def test_sales_template_places_attached_elements_under_what_they_attach_to() -> None:
    session = load_template("sales")
    at = {e.id: (e.x, e.y) for e in session.workflow_elements("wf-sales")}
    # the flow: one column each, left to right, after the column of lane headers
    chain = ["s-trigger", "s-crm-data", "s-summarise", "s-availability", "s-draft", "s-review"]
    assert [at[i][0] for i in chain] == [LEFT + n * COLUMN_SPACING for n in range(1, 7)]
    # data under the first element it feeds, in that element's lane
    for data, step in (("s-data-crm", "s-crm-data"), ("s-data-pricing", "s-draft")):
        assert at[data][0] == at[step][0] and at[data][1] == at[step][1] + ATTACHED_SPACING
    # a control in the lane of its role, in the column of what it governs
    assert at["s-ctl-access"][0] == at["s-data-crm"][0]
    assert at["s-ctl-audit"][0] == at["s-approval"][0]
    # a metric in the column of what it measures
    assert at["s-m-errors"][0] == at["s-review"][0]
    assert at["s-m-winrate"][0] == at["s-outcome"][0]


def test_a_workflow_without_roles_has_no_lanes() -> None:
    session = _session(
        [("t", "trigger"), ("a", "ai_step"), ("o", "outcome"), ("d", "data"), ("m", "metric")],
        [("t", "a"), ("a", "o"), ("d", "a"), ("m", "a")],
    )
    layout = plan_layout(session, "wf")
    assert layout.lanes == []
    at = layout.positions
    assert [at[i] for i in "tao"] == [(LEFT + n * COLUMN_SPACING, TOP) for n in range(3)]
    assert at["d"] == (at["a"][0], TOP + ATTACHED_SPACING)  # data under its step
    # the metric stacks under the data, or stands aside where no flow element is above
    assert at["m"] == (at["a"][0], TOP + 2 * ATTACHED_SPACING)
    assert auto_layout_edit(session, "wf").touched("workflow") == set()


def test_a_second_attachment_moves_aside_when_nothing_stands_above_that_column() -> None:
    session = _session(
        [("t", "trigger"), ("a", "ai_step"), ("d1", "data"), ("d2", "data"), ("r", "role")],
        [("t", "a"), ("d1", "a"), ("d2", "a"), ("r", "a")],
    )
    at = auto_layout(session, "wf")
    row = at["a"][1] + ATTACHED_SPACING
    assert at["d1"] == (at["a"][0], row)
    assert at["d2"] == (at["a"][0] + COLUMN_SPACING, row)  # no flow element above it


def test_the_responsible_role_takes_its_step_into_its_lane() -> None:
    session = _session(
        [("t", "trigger"), ("s", "step"), ("acc", "role"), ("resp", "role")],
        [("t", "s"), ("acc", "s"), ("resp", "s")],
    )
    session.connections["c1"].raci = "A"
    session.connections["c2"].raci = "R"
    layout = plan_layout(session, "wf")
    assert [role for role, _ in layout.lanes] == ["resp", "acc"]  # the flow starts in resp
    at = layout.positions
    assert at["s"][1] == at["resp"][1]  # in the lane of R, not of A
    boxes = {i: box_at(x, y) for i, (x, y) in at.items()}
    routes = plan_routes(
        boxes,
        [Link("c1", "acc", "s", "responsible"), Link("c2", "resp", "s", "responsible")],
        lane_bands(layout.lanes, boxes, {i: e.kind for i, e in session.elements.items()}),
    )
    assert routes["c2"] is None and routes["c1"] is not None  # A still needs its line


def test_elements_without_a_role_sit_above_the_lanes() -> None:
    session = _session(
        [("t", "trigger"), ("a", "step"), ("b", "step"), ("o", "outcome"), ("r", "role")],
        [("t", "a"), ("a", "b"), ("b", "o"), ("r", "b")],
    )
    layout = plan_layout(session, "wf")
    at = layout.positions
    [(role, height)] = layout.lanes
    assert role == "r"
    lane_top = at["r"][1] - LANE_PAD
    assert at["a"][1] + ELEMENT_HEIGHT <= lane_top  # no role: above the lanes
    assert lane_top <= at["b"][1] < lane_top + height  # in r's lane
    assert lane_top <= at["o"][1] < lane_top + height  # the outcome follows its step


def test_metric_with_only_a_learning_loop_goes_under_the_trigger() -> None:
    session = _session(
        [("t", "trigger"), ("s", "step"), ("o", "outcome"), ("m", "metric")],
        [("t", "s"), ("s", "o"), ("m", "t")],
    )
    positions = auto_layout(session, "wf")
    assert positions["m"] == (positions["t"][0], positions["t"][1] + ATTACHED_SPACING)
    _assert_sound(session, "wf", positions)


def test_branches_are_stacked_in_their_lane() -> None:
    session = _session(
        [("t", "trigger"), ("a", "step"), ("b", "step"), ("c", "step"), ("o", "outcome")],
        [("t", "a"), ("t", "b"), ("t", "c"), ("a", "o"), ("b", "o"), ("c", "o")],
    )
    positions = auto_layout(session, "wf")
    column = LEFT + COLUMN_SPACING
    assert [positions[i] for i in "abc"] == [(column, TOP + n * ROW_SPACING) for n in range(3)]
    assert positions["o"] == (LEFT + 2 * COLUMN_SPACING, TOP)


# -- awkward workflows ------------------------------------------------------------------------


def test_a_cyclic_flow_is_laid_out_without_crashing() -> None:
    session = _session(
        [
            ("t", "trigger"),
            ("a", "ai_step"),
            ("r", "review"),
            ("s", "step"),
            ("o", "outcome"),
            ("role", "role"),
            ("d", "data"),
        ],
        [("t", "a"), ("a", "r"), ("r", "s"), ("s", "a"), ("s", "o"), ("role", "r"), ("d", "a")],
    )
    positions = auto_layout(session, "wf")
    _assert_sound(session, "wf", positions)
    assert positions["t"][0] < positions["a"][0] < positions["r"][0] < positions["s"][0]
    assert positions["o"][0] > positions["s"][0]


def test_a_flow_that_is_only_a_cycle_is_laid_out() -> None:
    session = _session(
        [("a", "step"), ("b", "gate"), ("c", "review")], [("a", "b"), ("b", "c"), ("c", "a")]
    )
    positions = auto_layout(session, "wf")
    _assert_sound(session, "wf", positions)
    assert positions["a"][0] < positions["b"][0] < positions["c"][0]


def test_an_empty_or_unknown_workflow_has_no_positions() -> None:
    session = _session([], [])
    assert auto_layout(session, "wf") == {}
    assert auto_layout(session, "no-such-workflow") == {}
    assert auto_layout_edit(session, "wf").changes == ()


def test_notes_only_go_to_one_tidy_row() -> None:
    session = _session([(f"n{i}", "note") for i in range(4)], [])
    positions = auto_layout(session, "wf")
    assert positions == {f"n{i}": (LEFT + i * COLUMN_SPACING, TOP) for i in range(4)}


def test_unconnected_elements_and_notes_go_below_everything_else() -> None:
    session = _session(
        [
            ("t", "trigger"),
            ("o", "outcome"),
            ("d", "data"),
            ("s", "step"),
            ("note", "note"),
            ("lonely", "control"),
        ],
        [("t", "o"), ("d", "s"), ("t", "s")],
    )
    positions = auto_layout(session, "wf")
    _assert_sound(session, "wf", positions)
    lowest_connected = max(positions[i][1] for i in ("t", "o", "d", "s"))
    row = lowest_connected + ELEMENT_HEIGHT + BELOW_LANES
    assert positions["lonely"] == (LEFT, row)
    assert positions["note"] == (LEFT + COLUMN_SPACING, row)


def test_a_long_bottom_row_wraps() -> None:
    session = _session([(f"n{i:02}", "note") for i in range(14)], [])
    positions = auto_layout(session, "wf")
    assert positions["n05"] == (LEFT + 5 * COLUMN_SPACING, TOP)
    assert positions["n06"] == (LEFT, TOP + ROW_SPACING)
    assert _overlaps(positions) == []


def test_disconnected_pieces_do_not_overlap() -> None:
    session = _session(
        [
            ("t1", "trigger"),
            ("s1", "step"),
            ("o1", "outcome"),
            ("t2", "trigger"),
            ("a2", "ai_step"),
            ("g2", "gate"),
            ("o2", "outcome"),
            ("g3", "gate"),
            ("r3", "review"),
            ("loose", "step"),
            ("role", "role"),
            ("d", "data"),
            ("ctl", "control"),
            ("m", "metric"),
        ],
        [
            ("t1", "s1"),
            ("s1", "o1"),
            ("t2", "a2"),
            ("a2", "g2"),
            ("g2", "o2"),
            ("g3", "r3"),
            ("role", "loose"),
            ("d", "loose"),
            ("ctl", "d"),
            ("m", "o2"),
        ],
    )
    positions = auto_layout(session, "wf")
    _assert_sound(session, "wf", positions)
    # a step with no flow connection waits after the end of the flow, in its role's lane
    end = max(positions[i][0] for i in ("o1", "o2", "r3"))
    assert positions["loose"] == (end + COLUMN_SPACING, positions["role"][1])
    # a gate nobody flows into sits just before its successor, not at the start
    assert positions["g3"][0] == positions["r3"][0] - COLUMN_SPACING


def test_layout_is_deterministic_whatever_the_dict_order() -> None:
    session = load_template("customer_support")
    expected = auto_layout(session, "wf-support")
    session.elements = dict(reversed(session.elements.items()))
    session.connections = dict(reversed(session.connections.items()))
    assert auto_layout(session, "wf-support") == expected


_KINDS = st.sampled_from(KIND_IDS)


@settings(max_examples=60, deadline=None)
@given(
    kinds=st.lists(_KINDS, min_size=1, max_size=25),
    links=st.lists(st.tuples(st.integers(0, 24), st.integers(0, 24)), max_size=60),
)
def test_any_legal_workflow_is_laid_out_soundly(kinds: list[str], links: list[Any]) -> None:
    session = Session()
    session.workflows["wf"] = Workflow(id="wf")
    for n, kind in enumerate(kinds):
        session.elements[f"e{n:02}"] = Element(id=f"e{n:02}", workflow_id="wf", kind=kind, seq=n)
    pairs = {
        (f"e{a:02}", f"e{b:02}")
        for a, b in links
        if a < len(kinds) and b < len(kinds) and a != b and connection_meaning(kinds[a], kinds[b])
    }
    for n, (a, b) in enumerate(sorted(pairs)):
        session.connections[f"c{n}"] = Connection(id=f"c{n}", workflow_id="wf", source=a, target=b)
    _assert_sound(session, "wf", auto_layout(session, "wf"))


# -- the edit -----------------------------------------------------------------------------------


def test_auto_layout_edit_applies_and_reverts_exactly() -> None:
    session = load_template("finance")
    lanes_before = session.workflows["wf-finance"].extra.pop(LANES_KEY)
    for element in session.elements.values():  # as if someone had moved everything
        element.x, element.y = element.y + 20, element.x
    before = {e.id: (e.x, e.y) for e in session.elements.values()}
    edit = auto_layout_edit(session, "wf-finance")
    assert edit.description == "Auto-layout"
    assert edit.touched("element") == set(before)
    assert edit.touched("workflow") == {"wf-finance"}  # the lanes are part of the edit

    expected = plan_layout(session, "wf-finance")
    edit.apply(session)
    assert {e.id: (e.x, e.y) for e in session.workflow_elements("wf-finance")} == (
        expected.positions
    )
    assert session.workflows["wf-finance"].extra[LANES_KEY] == lanes_before
    assert auto_layout_edit(session, "wf-finance").changes == ()  # laying out again: a no-op

    edit.revert(session)
    assert {e.id: (e.x, e.y) for e in session.elements.values()} == before
    assert LANES_KEY not in session.workflows["wf-finance"].extra
    # whole numbers, like hand-placed positions, so files say 280 and not 280.0
    assert all(type(x) is int and type(y) is int for x, y in expected.positions.values())


def test_auto_layout_edit_moves_only_the_workflow_laid_out() -> None:
    session = synthetic_session(elements=200, connections=250, workflows=2)
    edit = auto_layout_edit(session, "wf-1")
    assert edit.changes
    moved = {session.elements[c.id].workflow_id for c in edit.changes if c.entity == "element"}
    assert moved == {"wf-1"}
    assert edit.touched("workflow") <= {"wf-1"}


# -- scale and start-up -------------------------------------------------------------------------


def test_two_thousand_elements_are_laid_out_without_overlaps() -> None:
    # Speed is measured by benchmarks/, not asserted here (a loaded CI machine varies).
    session = synthetic_session(elements=2000, connections=2500)
    positions = auto_layout(session, "wf-0")
    _assert_sound(session, "wf-0", positions)


def test_spacings_keep_boxes_a_grid_step_apart() -> None:
    assert MIN_GAP >= GRID


def test_importing_layout_does_not_import_networkx() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import model.layout, sys; print('networkx' in sys.modules)"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
