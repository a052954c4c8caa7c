"""The importer under fire: mutated templates and malformed documents never crash it.

Every bad interchange document must raise :class:`InterchangeError` (one line naming the
file, the JSON path and what was expected) and never any other exception; every document
it accepts must re-export and re-import identically and survive a real session file.
"""

from __future__ import annotations

import copy
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from model import edits
from model.edits import EditError
from model.interchange import InterchangeError, session_from_json, session_to_json
from model.kinds import KINDS
from model.limits import ID_MAX, INT_MAX, INT_MIN, JSON_DEPTH_MAX, LABEL_MAX, TEXT_MAX
from resources import TEMPLATES_DIR
from storage.store import read_session, write_session_file
from tests.strategies import documents

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_PATHS = sorted(TEMPLATES_DIR.glob("*.json"))
TEMPLATES = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in TEMPLATE_PATHS}
# Derandomised: CI sees the same cases every run (a red run is a real, repeatable bug).
FUZZ = settings(
    max_examples=250,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def nested(depth: int, leaf: Any = 0) -> Any:
    """``leaf`` inside ``depth`` lists (built without recursion)."""
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


# -- values that must never be stored -----------------------------------------------------

HUGE_INTS = st.one_of(
    st.integers(INT_MAX + 1, 2**200),
    st.integers(-(2**200), INT_MIN - 1),
    st.sampled_from([2**63, -(2**63) - 1, 2**64, 2**200, -(2**200), 10**5000]),
)
NON_FINITE = st.sampled_from([math.nan, math.inf, -math.inf])
SURROGATES = st.builds(
    lambda before, surrogate, after: before + surrogate + after,
    st.text(max_size=5, alphabet="abc"),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    st.text(max_size=5, alphabet="xyz"),
)
TOO_DEEP = st.integers(JSON_DEPTH_MAX + 1, 3000).map(nested)
#: Anywhere in a document, each of these is refused.
ALWAYS_REFUSED = st.one_of(HUGE_INTS, NON_FINITE, SURROGATES, TOO_DEEP)

OVER_LIMIT = st.sampled_from([ID_MAX + 1, LABEL_MAX + 1, TEXT_MAX + 1, 50_001]).map(
    lambda n: "x" * n
)
WRONG_TYPES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 10),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.just([]),
    st.just({}),
    st.lists(st.integers(0, 3), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(0, 3), max_size=2),
    st.sampled_from(["robot", "", " ", "\x00", "R", "note", "2026-02-30", "confidential"]),
)
NASTY = st.one_of(ALWAYS_REFUSED, OVER_LIMIT, WRONG_TYPES, st.integers(JSON_DEPTH_MAX - 3, 70))


# -- mutations of a document --------------------------------------------------------------


def locations(doc: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) pair of ``doc``: where a value can be replaced or deleted."""
    found: list[tuple[Any, Any]] = []
    stack = [doc]
    while stack:
        item = stack.pop()
        keys = item.keys() if isinstance(item, dict) else range(len(item))
        for key in keys:
            found.append((item, key))
            if isinstance(item[key], dict | list):
                stack.append(item[key])
    return found


def elements_of(doc: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    return [
        (w, element)
        for w, workflow in enumerate(doc.get("workflows", []))
        if isinstance(workflow, dict)
        for element in workflow.get("elements", [])
        if isinstance(element, dict)
    ]


def connections_of(doc: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    return [
        (w, connection)
        for w, workflow in enumerate(doc.get("workflows", []))
        if isinstance(workflow, dict)
        for connection in workflow.get("connections", [])
        if isinstance(connection, dict)
    ]


@st.composite
def mutate(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    """Apply one random mutation to ``doc`` in place; return what it did."""
    op = draw(
        st.sampled_from(
            [
                "replace",
                "replace",
                "delete",
                "insert",
                "other_workflow",
                "duplicate_id",
                "dangling",
                "unknown_kind",
                "over_limit_text",
                "deep_nesting",
            ]
        )
    )
    places = locations(doc)
    if op in ("replace", "delete") and places:
        container, key = draw(st.sampled_from(places))
        if op == "delete":
            del container[key]
            return f"delete {key!r}"
        container[key] = draw(NASTY)
        return f"replace {key!r}"
    if op == "insert":
        dicts = [doc] + [c[k] for c, k in places if isinstance(c[k], dict)]
        target = draw(st.sampled_from(dicts))
        key = draw(st.one_of(st.sampled_from(["x-extra", "confidential", "props"]), SURROGATES))
        target[key] = draw(NASTY)
        return f"insert {key!r}"
    elements = elements_of(doc)
    connections = connections_of(doc)
    if op == "other_workflow" and connections:
        w, connection = draw(st.sampled_from(connections))
        others = [e for v, e in elements if v != w]
        if others:
            end = draw(st.sampled_from(["source", "target"]))
            connection[end] = draw(st.sampled_from(others)).get("id")
            return "other workflow"
    if op == "duplicate_id" and len(elements) > 1:
        (_, first), (_, second) = draw(st.permutations(elements))[:2]
        second["id"] = first.get("id")
        return "duplicate id"
    if op == "dangling" and connections:
        _, connection = draw(st.sampled_from(connections))
        connection[draw(st.sampled_from(["source", "target"]))] = "no-such-element"
        return "dangling"
    if op == "unknown_kind" and elements:
        _, element = draw(st.sampled_from(elements))
        element["kind"] = draw(st.sampled_from(["robot", "Step", "", "ai-step"]))
        return "unknown kind"
    if op == "over_limit_text":
        texts = [(c, k) for c, k in places if isinstance(c[k], str)]
        if texts:
            container, key = draw(st.sampled_from(texts))
            container[key] = draw(OVER_LIMIT)
            return "over limit"
    if op == "deep_nesting":
        dicts = [doc] + [c[k] for c, k in places if isinstance(c[k], dict)]
        draw(st.sampled_from(dicts))["x-deep"] = nested(draw(st.integers(1, 2000)))
        return "deep nesting"
    return "none"


def assert_refusal_is_one_line(error: InterchangeError, source: str) -> None:
    message = str(error)
    assert "\n" not in message and "\r" not in message
    assert message.startswith(f"{source}: ")
    assert "expected" in message


def assert_round_trips(session: Any, tmp_path: Path) -> None:
    """An accepted document re-exports and re-imports identically, also through a file."""
    exported = session_to_json(session)
    assert json.loads(json.dumps(exported, allow_nan=False)) == exported
    again = session_to_json(session_from_json(exported, "again.json"))
    assert again == exported
    path = tmp_path / "fuzz.opmodel"
    path.unlink(missing_ok=True)
    write_session_file(path, session)
    assert session_to_json(read_session(path)) == exported


# -- (a) mutated templates ----------------------------------------------------------------

OUTCOMES: dict[str, int] = {"accepted": 0, "refused": 0}


@FUZZ
@given(data=st.data(), name=st.sampled_from(sorted(TEMPLATES)))
def test_mutated_templates_are_refused_cleanly_or_round_trip(
    data: st.DataObject, name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    doc = copy.deepcopy(TEMPLATES[name])
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        data.draw(mutate(doc), label="mutation")
    try:
        session = session_from_json(doc, f"{name}.json")
    except InterchangeError as error:
        OUTCOMES["refused"] += 1
        assert_refusal_is_one_line(error, f"{name}.json")
        return
    OUTCOMES["accepted"] += 1
    assert_round_trips(session, tmp_path_factory.mktemp("fuzz"))


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_still_imports(name: str) -> None:
    session = session_from_json(copy.deepcopy(TEMPLATES[name]), f"{name}.json")
    assert session.elements


# -- (b) values refused wherever they stand -----------------------------------------------


@settings(
    max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(data=st.data(), doc=documents(max_workflows=2, max_elements=4), bad=ALWAYS_REFUSED)
def test_unstorable_values_are_refused_anywhere(
    data: st.DataObject, doc: dict[str, Any], bad: Any
) -> None:
    """A too-big integer, NaN/Infinity, a lone surrogate or too-deep nesting is refused in
    any place: a known field, a prop, an unknown key at any level."""
    places = locations(doc)
    if data.draw(st.booleans(), label="as a new key") or not places:
        dicts = [doc] + [c[k] for c, k in places if isinstance(c[k], dict)]
        data.draw(st.sampled_from(dicts), label="object")["x-bad"] = bad
    else:
        container, key = data.draw(st.sampled_from(places), label="place")
        container[key] = bad
    with pytest.raises(InterchangeError) as info:
        session_from_json(doc, "bad.json")
    assert_refusal_is_one_line(info.value, "bad.json")


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=6)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(value=JSON_VALUES)
def test_malformed_documents_are_refused(value: Any) -> None:
    """Random JSON values are not interchange documents (no "format": "opmodel")."""
    with pytest.raises(InterchangeError) as info:
        session_from_json(value, "random.json")
    assert_refusal_is_one_line(info.value, "random.json")


@settings(max_examples=150, derandomize=True, deadline=None)
@given(
    workshop=st.one_of(JSON_VALUES, st.dictionaries(st.text(max_size=6), JSON_VALUES)),
    workflows=st.one_of(JSON_VALUES, st.lists(JSON_VALUES, max_size=3)),
)
def test_random_workshops_and_workflows_never_crash(workshop: Any, workflows: Any) -> None:
    doc = {"format": "opmodel", "version": 1, "workshop": workshop, "workflows": workflows}
    try:
        session = session_from_json(doc, "random.json")
    except InterchangeError as error:
        assert_refusal_is_one_line(error, "random.json")
        return
    exported = session_to_json(session)
    assert session_to_json(session_from_json(exported)) == exported


# -- connections between workflows --------------------------------------------------------


def test_a_connection_between_two_workflows_is_refused() -> None:
    doc = copy.deepcopy(TEMPLATES["sales"])
    doc["workflows"].append(
        {
            "id": "wf-other",
            "name": "Other",
            "elements": [{"id": "other-outcome", "kind": "outcome", "label": "Done"}],
        }
    )
    trigger = next(e["id"] for e in doc["workflows"][0]["elements"] if e["kind"] == "trigger")
    doc["workflows"][0]["connections"].append(
        {"id": "c-across", "source": trigger, "target": "other-outcome"}
    )
    index = len(doc["workflows"][0]["connections"]) - 1
    with pytest.raises(InterchangeError) as info:
        session_from_json(doc, "across.json")
    assert str(info.value) == (
        f"across.json: $.workflows[0].connections[{index}].target: expected the id of an "
        f"element in workflow '{doc['workflows'][0]['id']}', got 'other-outcome'"
    )


@st.composite
def two_workflow_documents(draw: st.DrawFn) -> dict[str, Any]:
    doc = draw(documents(max_workflows=3, max_elements=5))
    assume(sum(1 for w in doc["workflows"] if w["elements"]) >= 2)
    return doc


@settings(
    max_examples=100, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(data=st.data(), doc=two_workflow_documents())
def test_connections_across_workflows_are_refused_on_import_and_edit(
    data: st.DataObject, doc: dict[str, Any]
) -> None:
    session = session_from_json(doc, "ok.json")
    filled = [w for w in doc["workflows"] if w["elements"]]
    home, away = data.draw(st.permutations(filled), label="workflows")[:2]
    near = data.draw(st.sampled_from(home["elements"]), label="near end")
    far = data.draw(st.sampled_from(away["elements"]), label="far end")
    outward = data.draw(st.booleans(), label="outward")
    source, target = (near, far) if outward else (far, near)

    bad = copy.deepcopy(doc)
    workflow = next(w for w in bad["workflows"] if w["id"] == home["id"])
    workflow["connections"].append(
        {"id": "c-across", "source": source["id"], "target": target["id"]}
    )
    with pytest.raises(InterchangeError) as info:
        session_from_json(bad, "across.json")
    end = "target" if outward else "source"
    assert f".connections[{len(workflow['connections']) - 1}].{end}:" in str(info.value)
    assert f"expected the id of an element in workflow '{home['id']}'" in str(info.value)

    with pytest.raises(EditError):
        edits.add_connection(session, source["id"], target["id"])
    with pytest.raises(EditError):
        edits.add_items(session, home["id"], [], [{"source": source["id"], "target": target["id"]}])


# -- the edit layer holds the same limits --------------------------------------------------


@settings(max_examples=60, derandomize=True, deadline=None)
@given(
    length=st.integers(LABEL_MAX + 1, LABEL_MAX + 400),
    kind=st.sampled_from([k.id for k in KINDS]),
)
def test_edit_layer_refuses_long_labels_like_the_importer(length: int, kind: str) -> None:
    session = session_from_json(copy.deepcopy(TEMPLATES["sales"]))
    workflow_id = next(iter(session.workflows))
    with pytest.raises(EditError) as info:
        edits.add_element(session, workflow_id, kind, label="x" * length)
    assert f"expected a string of at most {LABEL_MAX} characters, got {length} characters" in (
        str(info.value)
    )
    edits.add_element(session, workflow_id, kind, label="x" * LABEL_MAX)  # at the limit: fine


@settings(max_examples=60, derandomize=True, deadline=None)
@given(bad=ALWAYS_REFUSED)
def test_edit_layer_refuses_unstorable_positions_and_props(bad: Any) -> None:
    session = session_from_json(copy.deepcopy(TEMPLATES["sales"]))
    element = next(iter(session.elements.values()))
    with pytest.raises(EditError):
        edits.update_element(session, element.id, props={"x-unknown": bad})
    if not isinstance(bad, str | list):
        with pytest.raises(EditError):
            edits.move_elements(session, {element.id: (bad, 0)})


# -- the CLI for real ---------------------------------------------------------------------

CLI_CASES = {
    "integer 2**64": '{"format": "opmodel", "version": 1, '
    '"workshop": {"x-n": 18446744073709551616}}',
    "5000-deep nesting": '{"format": "opmodel", "version": 1, "x": '
    + "[" * 5000
    + "]" * 5000
    + "}",
    "NaN": '{"format": "opmodel", "version": 1, "workflows": [{"id": "w", "elements": '
    '[{"id": "e", "kind": "step", "x": NaN, "y": 0}]}]}',
    "100000-deep nesting": "[" * 100_000 + "]" * 100_000,
    "lone surrogate": '{"format": "opmodel", "version": 1, "workshop": {"title": "\\ud800"}}',
}


#: The installed ``opmodel`` script when there is one, else the module.
OPMODEL = (
    [str(ROOT / ".venv" / "bin" / "opmodel")]
    if (ROOT / ".venv" / "bin" / "opmodel").exists()
    else [sys.executable, "-m", "cli"]
)


@pytest.mark.parametrize("case", sorted(CLI_CASES))
def test_cli_import_refuses_with_exit_2_and_one_line(case: str, tmp_path: Path) -> None:
    source = tmp_path / "BAD.json"
    source.write_text(CLI_CASES[case], encoding="utf-8")
    output = tmp_path / "out.opmodel"
    result = subprocess.run(
        [*OPMODEL, "import", str(source), "-o", str(output)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"opmodel: error: {source}: ")
    assert "expected" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["BAD.json"]
