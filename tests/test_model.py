"""The domain model matches the spec: kinds, props, enums, connection legality, edits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model import edits
from model import vocabulary as v
from model.connections import CONNECTION_RULES, connection_meaning, refusal_reason
from model.edits import EditError
from model.interchange import session_from_json, session_to_json
from model.kinds import KINDS, KINDS_BY_ID
from model.session import Session

ROOT = Path(__file__).resolve().parents[1]
SHARED_SPEC = ROOT.parent / "shared" / "spec" / "domain.md"
SHARED_FRAMEWORKS = ROOT.parent / "shared" / "spec" / "frameworks.md"
#: The copy of the spec kept in the repository, so a clone without shared/ can test: the
#: domain contract, then the frameworks contract that extends it (interchange version 2).
VENDORED_SPEC = ROOT / "docs" / "domain-spec.md"
#: What separates the two contracts in the vendored copy.
SEPARATOR = "\n---\n\n"


def _spec_text() -> str:
    return VENDORED_SPEC.read_text(encoding="utf-8")


def _frameworks_text() -> str:
    return _spec_text().split(SEPARATOR, 1)[1]


def test_vendored_spec_is_the_shared_spec() -> None:
    if not SHARED_SPEC.exists() or not SHARED_FRAMEWORKS.exists():
        pytest.skip("shared/ is not beside this checkout; the vendored copy is used")
    shared = SHARED_SPEC.read_text(encoding="utf-8")
    frameworks = SHARED_FRAMEWORKS.read_text(encoding="utf-8")
    assert VENDORED_SPEC.read_text(encoding="utf-8") == shared + SEPARATOR + frameworks


def _spec_table_rows(header_start: str) -> list[list[str]]:
    lines = _spec_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = line.replace("\\|", "/").strip("|").split("|")
        rows.append([cell.strip() for cell in cells])
    return rows


def test_every_kind_of_the_spec_with_its_component_and_props() -> None:
    rows = _spec_table_rows("| kind | component | props |")
    assert [row[0].strip("`") for row in rows] == [k.id for k in KINDS]
    for kind_cell, component_cell, props_cell in rows:
        spec = KINDS_BY_ID[kind_cell.strip("`")]
        if component_cell.startswith("—"):
            assert spec.component is None
        else:
            assert spec.component == component_cell
        named = re.findall(r"`([a-z_]+)`", props_cell)
        props = [n for n in named if n not in ("yellow", "pink", "blue", "green")]
        added = [name for kind, name, _ in _new_props() if kind == spec.id and name not in props]
        assert sorted(p.name for p in spec.props) == sorted(props + added)
        # the version-1 props keep their order; the new ones sit where a facilitator looks
        assert [p.name for p in spec.props if p.name in props] == props


def _new_props() -> list[tuple[str, str, str]]:
    """(kind, prop, type) of the frameworks contract's "New props" table."""
    lines = _frameworks_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| kind | prop | type |"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        kind, prop, kind_type = (c.strip() for c in line.replace("\\|", "/").strip("|").split("|"))
        rows.append((kind.strip("`"), prop.strip("`"), kind_type))
    return rows


def test_the_new_props_of_version_2_with_their_types() -> None:
    from model.fields import WORKFLOW_FIELDS_BY_NAME

    rows = _new_props()
    assert len(rows) == 9
    for kind, prop, described in rows:
        spec = WORKFLOW_FIELDS_BY_NAME[prop] if kind == "workflow" else KINDS_BY_ID[kind].prop(prop)
        assert spec is not None, (kind, prop)
        if described.startswith("bool"):
            assert spec.type == "bool", prop
        elif described.startswith("text"):
            assert spec.type == "text", prop
        elif "`" in described:
            assert spec.type == "enum", prop
            assert spec.choices == tuple(re.findall(r"`([a-z_]+)`", described)), prop
        else:  # "already in v1; now checked (DATA-4)"
            assert prop == "owner" and spec.type == "text"
        assert spec.help or prop == "owner", f"{prop} has no tooltip"
    assert v.PROVIDERS == ("in_house", "third_party")
    assert v.IMPACT_ASSESSMENTS == ("not_started", "in_progress", "done", "not_needed")


def test_enumerations_match_the_spec() -> None:
    text = _spec_text()

    def enum(name: str) -> tuple[str, ...]:
        line = next(li for li in text.splitlines() if li.startswith(f"- `{name}`"))
        return tuple(re.findall(r"`([a-z_A-Z]+)`", line.split(":", 1)[1]))

    assert enum("decision_right") == v.DECISION_RIGHTS
    assert enum("oversight") == v.OVERSIGHT
    assert enum("shift_from") == v.SHIFT_FROM
    assert enum("shift_to") == v.SHIFT_TO
    assert enum("readiness") == v.READINESS
    # the paragraph "New control `category` values: …" (it wraps over two lines)
    new_categories = _frameworks_text().split("New control", 1)[1].split("\n\n", 1)[0]
    assert enum("category") + tuple(re.findall(r"`([a-z_]+)`", new_categories)[1:]) == (
        v.CONTROL_CATEGORIES
    )
    assert enum("function") == v.FUNCTIONS
    assert enum("risk_tier") == v.RISK_TIERS
    assert enum("confidentiality") == v.CONFIDENTIALITY
    assert tuple(c.id for c in v.COMPONENTS) == tuple(
        row[0].strip("`") for row in _spec_table_rows("| component id | name |")
    )


def test_connection_table_matches_the_spec() -> None:
    rows = _spec_table_rows("| meaning | source kind | target kinds |")
    assert len(rows) == len(CONNECTION_RULES)
    for (_, sources, targets), (meaning, (rule_sources, rule_targets)) in zip(
        rows, CONNECTION_RULES.items(), strict=True
    ):
        assert tuple(s.strip() for s in sources.split(",")) == rule_sources, meaning
        targets = targets.split("(")[0]  # drop the spec's explanation in brackets
        assert tuple(t.strip() for t in targets.split(",")) == rule_targets, meaning


@pytest.mark.parametrize(
    ("source", "target", "meaning"),
    [
        ("trigger", "ai_step", "flow"),
        ("review", "outcome", "flow"),
        ("data", "ai_step", "feeds"),
        ("role", "control", "responsible"),
        ("control", "data", "governs"),
        ("metric", "outcome", "measures"),
        ("metric", "trigger", "learning_loop"),
        ("outcome", "step", None),
        ("data", "outcome", None),
        ("note", "step", None),
        ("step", "trigger", None),
    ],
)
def test_connection_meaning(source: str, target: str, meaning: str | None) -> None:
    assert connection_meaning(source, target) == meaning


def test_refusal_reasons_are_readable_sentences() -> None:
    assert refusal_reason("step", "step", same_element=True) == (
        "An element cannot connect to itself."
    )
    assert "never connect" in (refusal_reason("note", "step") or "")
    reason = refusal_reason("data", "outcome") or ""
    assert reason.startswith("A data cannot connect to an outcome.")
    assert "step, ai step, gate, review" in reason
    assert refusal_reason("outcome", "step") == (
        "An outcome cannot start a connection; connect into it."
    )


def _session() -> Session:
    return session_from_json(
        {
            "format": "opmodel",
            "version": 1,
            "workflows": [
                {
                    "id": "w",
                    "elements": [
                        {"id": "t", "kind": "trigger"},
                        {"id": "a", "kind": "ai_step"},
                        {"id": "r", "kind": "role"},
                        {"id": "n", "kind": "note"},
                    ],
                    "connections": [{"id": "c", "source": "t", "target": "a"}],
                },
                {"id": "w2", "elements": [{"id": "o", "kind": "outcome"}]},
            ],
        }
    )


def test_edits_apply_and_revert_exactly() -> None:
    session = _session()
    original = session_to_json(session)
    steps = [
        lambda s: edits.add_element(s, "w", "gate", x=10, y=20),
        lambda s: edits.move_elements(s, {"a": (300, 40)}),
        lambda s: edits.update_element(s, "a", label="Draft", props={"decision_right": "draft"}),
        lambda s: edits.add_connection(s, "r", "a", raci="A"),
        lambda s: edits.delete_elements(s, ["t"]),
        lambda s: edits.edit_workflow(s, "w", value=4, risk_tier="high"),
        lambda s: edits.edit_workshop(s, title="New", parking_lot=["budget?"]),
        lambda s: edits.delete_workflow(s, "w"),
    ]
    done = []
    for make in steps:
        edit = make(session)
        edit.apply(session)
        done.append(edit)
    assert list(session.workflows) == ["w2"]
    for edit in reversed(done):
        edit.revert(session)
    assert session_to_json(session) == original


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda s: edits.add_connection(s, "a", "t"), "An ai step cannot connect to a trigger."),
        (lambda s: edits.add_connection(s, "n", "a"), "Sticky notes never connect"),
        (lambda s: edits.add_connection(s, "a", "a"), "cannot connect to itself"),
        (lambda s: edits.add_connection(s, "t", "a"), "already connected"),
        (lambda s: edits.add_connection(s, "t", "o"), "no element 'o' in this workflow"),
        (lambda s: edits.add_connection(s, "t", "a", raci="A"), "RACI letters belong only"),
        (
            lambda s: edits.update_element(s, "a", props={"minutes_before": -5}),
            "a.minutes_before: expected a number ≥ 0, got -5",
        ),
        (
            lambda s: edits.update_element(s, "a", props={"decision_right": "maybe"}),
            "expected one of draft, recommendation",
        ),
        (
            lambda s: edits.update_element(s, "r", props={"headcount": 2.5}),
            "expected a whole number ≥ 0, got 2.5",
        ),
        (lambda s: edits.edit_workflow(s, "w", value=0), "expected a whole number from 1 to 5"),
        (lambda s: edits.edit_workflow(s, "w", colour="red"), "has no field 'colour'"),
        (lambda s: edits.edit_workshop(s, date="24/11/2026"), "expected a date as YYYY-MM-DD"),
        (
            lambda s: edits.edit_workshop(s, assessment={"data_context.q1": 7}),
            "expected a whole number from 0 to 4, got 7",
        ),
        (lambda s: edits.add_element(s, "w", "robot"), "Unknown element kind 'robot'"),
        (lambda s: edits.add_element(s, "nope", "step"), "There is no workflow 'nope'"),
        (lambda s: edits.move_elements(s, {"a": ("left", 0)}), "must be numbers"),
    ],
)
def test_invalid_edits_are_refused_with_a_reason(make, message: str) -> None:  # type: ignore[no-untyped-def]
    session = _session()
    before = session_to_json(session)
    with pytest.raises(EditError, match=re.escape(message)):
        make(session)
    assert session_to_json(session) == before


def test_new_elements_get_unique_ids_and_kind_labels() -> None:
    session = _session()
    ids = set()
    for _ in range(50):
        edit = edits.add_element(session, "w", "ai_step")
        edit.apply(session)
        ids |= edit.touched("element")
    assert len(ids) == 50
    assert {session.elements[i].label for i in ids} == {"AI step"}


def test_moving_to_the_same_place_is_no_change() -> None:
    session = _session()
    assert edits.move_elements(session, {"a": (0, 0)}).changes == ()
