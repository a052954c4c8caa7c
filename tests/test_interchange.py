"""JSON interchange: round trips through real session files, and clear errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from cli.main import main
from exports.json_export import export_document
from model.interchange import ROUTE_KEY, InterchangeError, session_from_json, session_to_json
from storage.store import read_session, write_session_file
from tests.strategies import documents

ROOT = Path(__file__).resolve().parent.parent

SAMPLE = {
    "format": "opmodel",
    "version": 1,
    "workshop": {"title": "AI operating model — Sales", "client": "Acme GmbH"},
    "workflows": [
        {
            "id": "wf-sales",
            "name": "Proposal to follow-up",
            "function": "sales",
            "elements": [
                {"id": "t", "kind": "trigger", "label": "Lead", "x": 0, "y": 0},
                {
                    "id": "a",
                    "kind": "ai_step",
                    "label": "Draft proposal",
                    "x": 240,
                    "y": 0,
                    "props": {"decision_right": "approval_required"},
                },
                {"id": "d", "kind": "data", "label": "CRM", "x": 240, "y": 200},
                {"id": "o", "kind": "outcome", "label": "Sent", "x": 480, "y": 0},
            ],
            "connections": [
                {"id": "c1", "source": "t", "target": "a"},
                {"id": "c2", "source": "d", "target": "a"},
                {"id": "c3", "source": "a", "target": "o"},
            ],
        }
    ],
}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=documents())
def test_json_to_session_file_to_json_is_identical(doc: dict, tmp_path: Path) -> None:
    path = tmp_path / "round.opmodel"
    path.unlink(missing_ok=True)
    write_session_file(path, session_from_json(doc, "doc.json"))
    assert session_to_json(read_session(path)) == doc


def test_cli_round_trip_keeps_ids_props_positions_and_unknown_keys(tmp_path: Path) -> None:
    doc = json.loads(json.dumps(SAMPLE))
    doc["x-tool"] = {"exported_by": "another tool"}
    doc["workflows"][0]["elements"][1]["props"]["x-vendor"] = "kept"
    source = tmp_path / "in.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "s.opmodel")]) == 0
    assert main(["export", str(tmp_path / "s.opmodel"), "-o", str(tmp_path / "out.json")]) == 0
    out = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert out["x-tool"] == {"exported_by": "another tool"}
    element = out["workflows"][0]["elements"][1]
    assert element == {
        "id": "a",
        "kind": "ai_step",
        "label": "Draft proposal",
        "x": 240,
        "y": 0,
        "props": {"decision_right": "approval_required", "x-vendor": "kept"},
    }
    assert [c["id"] for c in out["workflows"][0]["connections"]] == ["c1", "c2", "c3"]
    # Every connection carries its drawn route, which follows from the positions: an
    # import drops it and the next export draws it again.
    assert all(isinstance(c["route"], list) for c in out["workflows"][0]["connections"])
    assert all(ROUTE_KEY not in c.extra for c in session_from_json(out).connections.values())
    # A second round trip is a fixed point: exported JSON imports to the same content.
    assert export_document(session_from_json(out)) == out


def test_missing_optional_keys_take_defaults() -> None:
    session = session_from_json(
        {"format": "opmodel", "version": 1, "workflows": [{"id": "w", "elements": []}]}
    )
    workflow = session.workflows["w"]
    assert (workflow.function, workflow.status, workflow.votes) == ("other", "exploring", 0)
    assert session.workshop.confidentiality == "internal"
    assert session.workshop.maturity_stage is None


def test_version_1_still_imports_and_export_writes_version_2(tmp_path: Path) -> None:
    assert SAMPLE["version"] == 1
    source = tmp_path / "v1.json"
    source.write_text(json.dumps(SAMPLE), encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "s.opmodel")]) == 0
    assert main(["export", str(tmp_path / "s.opmodel"), "-o", str(tmp_path / "out.json")]) == 0
    out = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert out["version"] == 2
    assert out["workflows"][0]["impact_assessment"] is None
    assert out["workflows"][0]["elements"] == [
        {**e, "props": e.get("props", {})} for e in SAMPLE["workflows"][0]["elements"]
    ]


def test_version_2_props_round_trip_and_are_checked() -> None:
    doc = json.loads(json.dumps(SAMPLE))
    doc["version"] = 2
    workflow = doc["workflows"][0]
    workflow["impact_assessment"] = "in_progress"
    workflow["elements"][1]["props"].update(
        purpose="Faster proposals", provider="third_party", logging=True, disclosed=False
    )
    workflow["elements"].append(
        {
            "id": "r",
            "kind": "role",
            "label": "AE",
            "x": 0,
            "y": 200,
            "props": {"can_override": True, "can_stop": False, "ai_training": True},
        }
    )
    workflow["elements"].append(
        {"id": "k", "kind": "control", "label": "Notice", "props": {"category": "transparency"}}
    )
    session = session_from_json(doc)
    assert session.workflows["wf-sales"].impact_assessment == "in_progress"
    out = session_to_json(session)
    assert out["workflows"][0]["impact_assessment"] == "in_progress"
    assert out["workflows"][0]["elements"][1]["props"]["provider"] == "third_party"
    assert out["workflows"][0]["elements"][4]["props"] == {
        "can_override": True,
        "can_stop": False,
        "ai_training": True,
    }
    for mutate, path, expected in (
        (lambda w: w.update(impact_assessment="yes"), "$.workflows[0].impact_assessment",
         "one of not_started, in_progress, done, not_needed"),
        (lambda w: w["elements"][1]["props"].update(provider="vendor"),
         "$.workflows[0].elements[1].props.provider", "one of in_house, third_party"),
        (lambda w: w["elements"][1]["props"].update(logging="yes"),
         "$.workflows[0].elements[1].props.logging", "true or false"),
        (lambda w: w["elements"][4]["props"].update(can_stop=1),
         "$.workflows[0].elements[4].props.can_stop", "true or false"),
        (lambda w: w["elements"][5]["props"].update(category="oversight"),
         "$.workflows[0].elements[5].props.category", "human_oversight"),
    ):  # fmt: skip
        bad = json.loads(json.dumps(doc))
        mutate(bad["workflows"][0])
        with pytest.raises(InterchangeError) as caught:
            session_from_json(bad, "bad.json")
        assert caught.value.path == path
        assert expected in str(caught.value)


def _bad(mutate) -> dict:  # type: ignore[no-untyped-def]
    doc = json.loads(json.dumps(SAMPLE))
    mutate(doc)
    return doc


BAD_DOCUMENTS = {
    "unknown kind": (
        _bad(lambda d: d["workflows"][0]["elements"][2].update(kind="robot")),
        "$.workflows[0].elements[2].kind",
        "expected one of trigger, step, ai_step",
    ),
    "illegal connection": (
        _bad(
            lambda d: d["workflows"][0]["connections"].append(
                {"id": "c9", "source": "o", "target": "d"}
            )
        ),
        "$.workflows[0].connections[3]",
        "expected a legal connection",
    ),
    "wrong enum": (
        _bad(lambda d: d["workflows"][0]["elements"][1]["props"].update(decision_right="maybe")),
        "$.workflows[0].elements[1].props.decision_right",
        "expected one of draft, recommendation, alert, approval_required, automated, got 'maybe'",
    ),
    "dangling id": (
        _bad(lambda d: d["workflows"][0]["connections"][0].update(target="nope")),
        "$.workflows[0].connections[0].target",
        "expected the id of an element in workflow 'wf-sales', got 'nope'",
    ),
    "wrong type": (
        _bad(lambda d: d["workflows"][0]["elements"][0].update(x="left")),
        "$.workflows[0].elements[0].x",
        "expected a number, got 'left'",
    ),
    "duplicate id": (
        _bad(lambda d: d["workflows"][0]["elements"][3].update(id="t")),
        "$.workflows[0].elements[3].id",
        "expected an id not used before (first at $.workflows[0].elements[0].id)",
    ),
    "value out of range": (
        _bad(lambda d: d["workflows"][0].update(value=9)),
        "$.workflows[0].value",
        "expected a whole number from 1 to 5 or null, got 9",
    ),
    "newer format version": (
        _bad(lambda d: d.update(version=3)),
        "$.version",
        "expected 1 or 2",
    ),
    "number as bool": (
        _bad(lambda d: d["workflows"][0]["elements"][1]["props"].update(minutes_before=True)),
        "$.workflows[0].elements[1].props.minutes_before",
        "expected a number ≥ 0, got true",
    ),
    "lanes not a list": (
        _bad(lambda d: d["workflows"][0].update(lanes="all")),
        "$.workflows[0].lanes",
        "expected a list of at most 1000 lanes, got 'all'",
    ),
    "lane without a height": (
        _bad(lambda d: d["workflows"][0].update(lanes=[{"role": "t"}])),
        "$.workflows[0].lanes[0].height",
        "expected a number, got null",
    ),
    "lane of no height": (
        _bad(lambda d: d["workflows"][0].update(lanes=[{"role": "t", "height": -5}])),
        "$.workflows[0].lanes[0].height",
        "expected a height above 0, got -5",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_DOCUMENTS))
def test_invalid_json_exits_2_with_one_line_and_writes_nothing(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc, path, expected = BAD_DOCUMENTS[case]
    source = tmp_path / "in.json"
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    output = tmp_path / "out.opmodel"
    assert main(["import", str(source), "-o", str(output)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(source) in err
    assert path in err
    assert expected in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


def test_json_syntax_error_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.json"
    source.write_text('{"format": "opmodel",\n  "version": 1,,\n}', encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "o.opmodel")]) == 2
    err = capsys.readouterr().err
    assert "invalid JSON at line 2 column" in err
    assert not (tmp_path / "o.opmodel").exists()


def test_interchange_error_message_is_one_line() -> None:
    with pytest.raises(InterchangeError) as info:
        session_from_json([1, 2], "list.json")
    assert str(info.value) == "list.json: $: expected an object, got a list"


def test_cli_process_exit_statuses(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(SAMPLE), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(BAD_DOCUMENTS["wrong enum"][0]), encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cli", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )

    ok = run("import", str(good), "-o", str(tmp_path / "good.opmodel"))
    assert ok.returncode == 0, ok.stderr
    failed = run("import", str(bad), "-o", str(tmp_path / "bad.opmodel"))
    assert failed.returncode == 2
    assert failed.stderr.startswith("opmodel: error: ")
    assert not (tmp_path / "bad.opmodel").exists()
