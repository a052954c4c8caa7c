"""`opmodel check`: real subprocess runs for exit 0 / 1 / 2, the JSON shape and the text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from model.templates import load_template
from model.vocabulary import COMPONENT_IDS
from storage.store import write_session_file
from tests.test_analysis_rules import build

ROOT = Path(__file__).resolve().parent.parent


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", "check", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("check")
    clean = folder / "sales.opmodel"
    write_session_file(clean, load_template("sales"))
    broken = folder / "broken.opmodel"
    write_session_file(
        broken,
        build(
            {
                "t": ("trigger", "Lead arrives"),
                "a": ("ai_step", "Draft proposal", {"decision_right": "draft"}),
                "o": ("outcome", "Proposal sent"),
            },
            "t>a a>o",
        ),
    )
    empty = folder / "empty.opmodel"
    write_session_file(empty, build({}))
    junk = folder / "junk.opmodel"
    junk.write_text("not a session", encoding="utf-8")
    interchange = folder / "sales.json"
    interchange.write_text(json.dumps({"format": "opmodel", "version": 1}), encoding="utf-8")
    return {
        "clean": clean,
        "broken": broken,
        "empty": empty,
        "junk": junk,
        "json": interchange,
        "missing": folder / "missing.opmodel",
    }


def test_clean_session_exits_0_with_json_of_the_contract_shape(
    sessions: dict[str, Path],
) -> None:
    result = _check(str(sessions["clean"]), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert set(data) == {"findings", "scores", "orchestration"}
    assert all(f["severity"] == "info" for f in data["findings"])
    assert list(data["scores"]) == list(COMPONENT_IDS)
    assert all(isinstance(v, int) and 0 <= v <= 100 for v in data["scores"].values())
    figures = data["orchestration"]["wf-sales"]
    assert set(figures) == {
        "cycle_minutes_before",
        "cycle_minutes_after",
        "handoffs",
        "manual_steps",
        "critical_path",
    }
    assert figures["critical_path"][0] == "s-trigger"
    assert figures["cycle_minutes_before"] > figures["cycle_minutes_after"]


def test_errors_exit_1_and_are_listed_in_json_and_text(sessions: dict[str, Path]) -> None:
    result = _check(str(sessions["broken"]), "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    errors = sorted(f["rule"] for f in data["findings"] if f["severity"] == "error")
    assert errors == ["DATA-1", "ROLE-1"]
    first = data["findings"][0]
    assert set(first) == {
        "rule",
        "severity",
        "component",
        "workflow_id",
        "element_ids",
        "message",
        "references",
    }
    by_rule = {f["rule"]: f for f in data["findings"]}
    assert by_rule["ROLE-1"]["references"] == [
        "NIST AI RMF GOVERN 2.1",
        "ISO/IEC 42001 5.3",
        "ISO/IEC 42001 A.3",
        "EU AI Act Art. 26",
    ]
    assert all(isinstance(f["references"], list) for f in data["findings"])
    assert first["workflow_id"] == "wf"
    assert first["element_ids"] == ["a"]
    assert data["scores"]["quality_assurance"] is None
    assert data["orchestration"]["wf"]["critical_path"] == ["t", "a", "o"]

    text = _check(str(sessions["broken"]))
    assert text.returncode == 1
    lines = text.stdout.splitlines()
    role_line = next(line for line in lines if "ROLE-1" in line)
    assert role_line.split()[:2] == ["error", "ROLE-1"]
    assert "Flow wf" in role_line
    assert "AI step “Draft proposal” has no role connected" in role_line
    references = lines[lines.index(role_line) + 1]
    assert references.strip() == (
        "references: NIST AI RMF GOVERN 2.1; ISO/IEC 42001 5.3; ISO/IEC 42001 A.3; "
        "EU AI Act Art. 26"
    )
    assert references.startswith(" " * 10)
    assert any("Quality assurance" in line and "not yet mapped" in line for line in lines)
    assert any(
        "critical path: Lead arrives → Draft proposal → Proposal sent" in line for line in lines
    )


def test_text_report_of_an_empty_session(sessions: dict[str, Path]) -> None:
    result = _check(str(sessions["empty"]), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "Findings: none" in result.stdout
    assert result.stdout.count("not yet mapped") == len(COMPONENT_IDS)
    assert "no flow path from a trigger to an outcome yet" in result.stdout


@pytest.mark.parametrize(
    ("which", "problem"),
    [
        ("missing", "no such file"),
        ("junk", "not an SQLite database"),
        ("json", "not an SQLite database"),
    ],
)
def test_unusable_input_exits_2_with_one_line(
    sessions: dict[str, Path], which: str, problem: str
) -> None:
    result = _check(str(sessions[which]), "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(sessions[which]) in lines[0]
    assert problem in lines[0]
