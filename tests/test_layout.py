"""Auto-layout: flow left to right, roles above, data/controls/metrics below, no overlaps."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import synthetic_session
from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH, GRID
from model.connections import connection_meaning
from model.interchange import session_from_json
from model.kinds import FLOW_KINDS, KIND_IDS
from model.layout import MIN_GAP, auto_layout, auto_layout_edit
from model.session import Connection, Element, Session, Workflow
from model.templates import load_template

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ("sales", "finance", "customer_support")
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


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_layout_reads_left_to_right_with_bands(name: str) -> None:
    session = load_template(name)
    for workflow in session.ordered_workflows():
        positions = auto_layout(session, workflow.id)
        _assert_sound(session, workflow.id, positions)
        kinds = {e.id: e.kind for e in session.workflow_elements(workflow.id)}

        def ys(*wanted: str, positions: Positions = positions, kinds: dict = kinds) -> list:
            return [positions[i][1] for i, k in kinds.items() if k in wanted]

        flow_top, flow_bottom = min(ys(*FLOW_KINDS)), max(ys(*FLOW_KINDS)) + ELEMENT_HEIGHT
        assert max(ys("role")) + ELEMENT_HEIGHT < flow_top  # roles above the flow
        assert min(ys("data")) > flow_bottom  # data below the flow
        assert min(ys("control")) > max(ys("data")) + ELEMENT_HEIGHT  # controls below data
        assert min(ys("metric")) > max(ys("control")) + ELEMENT_HEIGHT  # metrics lowest
        triggers = [i for i, k in kinds.items() if k == "trigger"]
        assert all(positions[t] == (40, 240) for t in triggers)


def test_sales_template_places_attached_elements_beside_their_flow_element() -> None:
    session = load_template("sales")
    positions = auto_layout(session, "wf-sales")
    # the flow is one chain: one column each, on the main row
    chain = ["s-trigger", "s-crm-data", "s-summarise", "s-availability", "s-draft"]
    assert [positions[i] for i in chain] == [(40 + n * 240, 240) for n in range(5)]
    assert positions["s-outcome"] == (40 + 9 * 240, 240)
    # a role over the first flow element it is responsible for
    assert positions["s-role-ae"] == (positions["s-crm-data"][0], 40)
    assert positions["s-role-ops"] == (positions["s-availability"][0], 40)
    # data 200 px below the main row, under the first element it feeds
    assert positions["s-data-crm"] == (positions["s-crm-data"][0], 440)
    assert positions["s-data-pricing"] == (positions["s-draft"][0], 440)
    # a control under what it governs, one band lower
    assert positions["s-ctl-access"] == (positions["s-data-crm"][0], 600)
    assert positions["s-ctl-audit"] == (positions["s-approval"][0], 600)
    # a metric under what it measures, lowest band
    assert positions["s-m-errors"] == (positions["s-review"][0], 760)
    assert positions["s-m-winrate"] == (positions["s-outcome"][0], 760)


def test_two_elements_wanting_one_slot_are_shifted_right_not_stacked() -> None:
    session = _session(
        [("t", "trigger"), ("a", "ai_step"), ("o", "outcome"), ("d1", "data"), ("d2", "data")],
        [("t", "a"), ("a", "o"), ("d1", "a"), ("d2", "a")],
    )
    positions = auto_layout(session, "wf")
    assert positions["d1"] == (280, 440)
    assert positions["d2"] == (520, 440)


def test_several_roles_in_one_column_stack_upwards() -> None:
    session = _session(
        [("t", "trigger"), ("s", "step"), ("r1", "role"), ("r2", "role"), ("r3", "role")],
        [("t", "s"), ("r1", "s"), ("r2", "s"), ("r3", "s")],
    )
    positions = auto_layout(session, "wf")
    assert [positions[r] for r in ("r1", "r2", "r3")] == [(280, 40), (280, -100), (280, -240)]


def test_metric_with_only_a_learning_loop_goes_under_the_trigger() -> None:
    session = _session(
        [("t", "trigger"), ("s", "step"), ("o", "outcome"), ("m", "metric")],
        [("t", "s"), ("s", "o"), ("m", "t")],
    )
    positions = auto_layout(session, "wf")
    assert positions["m"] == (positions["t"][0], 440)
    _assert_sound(session, "wf", positions)


def test_branches_are_stacked_around_the_main_row() -> None:
    session = _session(
        [("t", "trigger"), ("a", "step"), ("b", "step"), ("c", "step"), ("o", "outcome")],
        [("t", "a"), ("t", "b"), ("t", "c"), ("a", "o"), ("b", "o"), ("c", "o")],
    )
    positions = auto_layout(session, "wf")
    assert [positions[i] for i in "abc"] == [(280, 100), (280, 240), (280, 380)]
    assert positions["o"] == (520, 240)


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
    assert positions == {f"n{i}": (40 + i * 240, 40) for i in range(4)}


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
    assert positions["lonely"] == (40, lowest_connected + 200)
    assert positions["note"] == (280, lowest_connected + 200)


def test_a_long_bottom_row_wraps() -> None:
    session = _session([(f"n{i:02}", "note") for i in range(14)], [])
    positions = auto_layout(session, "wf")
    assert positions["n05"] == (40 + 5 * 240, 40)
    assert positions["n06"] == (40, 180)
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
    # a step with no flow connection waits after the end of the flow, its role above it
    end = max(positions[i][0] for i in ("o1", "o2", "r3"))
    assert positions["loose"][0] == end + 240
    assert positions["role"][0] == positions["loose"][0]
    # a gate nobody flows into sits just before its successor, not at the start
    assert positions["g3"][0] == positions["r3"][0] - 240


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
    before = {e.id: (e.x, e.y) for e in session.elements.values()}
    edit = auto_layout_edit(session, "wf-finance")
    assert edit.description == "Auto-layout"
    assert edit.changes  # the hand-made template differs from the auto-layout
    assert all(c.entity == "element" for c in edit.changes)

    expected = auto_layout(session, "wf-finance")
    edit.apply(session)
    assert {e.id: (e.x, e.y) for e in session.workflow_elements("wf-finance")} == expected
    assert auto_layout_edit(session, "wf-finance").changes == ()  # laying out again: a no-op

    edit.revert(session)
    assert {e.id: (e.x, e.y) for e in session.elements.values()} == before
    # whole numbers, like hand-placed positions, so files say 280 and not 280.0
    assert all(type(x) is int and type(y) is int for x, y in expected.values())


def test_auto_layout_edit_moves_only_the_workflow_laid_out() -> None:
    session = synthetic_session(elements=200, connections=250, workflows=2)
    edit = auto_layout_edit(session, "wf-1")
    assert edit.changes
    assert {session.elements[c.id].workflow_id for c in edit.changes} == {"wf-1"}


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
