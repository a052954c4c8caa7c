"""Exported BPMN as the tools read it: bpmn-moddle (inside bpmn-js and Camunda Modeler)
must read every exported file with zero warnings, and bpmnlint's recommended rules may
report only what docs/bpmn.md explains.

The packages are installed by ``make bpmn-tools`` into tests/.node (npm); without node or
without them these tests skip and say so.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from exports.bpmn.reader import read_bpmn_file
from exports.bpmn.writer import export_bpmn
from model.interchange import session_from_json
from model.templates import create_session, list_templates
from tests.bpmn_helpers import FIXTURES, ROOT, corpus_files
from tests.test_bpmn_export import _sample

PREFIX = Path(os.environ.get("OPMODEL_NODE_PREFIX", ROOT / "tests" / ".node"))
SCRIPT = ROOT / "tests" / "bpmn_tools" / "check.mjs"
DOCS = ROOT / "docs" / "bpmn.md"


def _tools_missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed: the bpmn-moddle and bpmnlint checks need it"
    for package in ("bpmn-moddle", "bpmnlint"):
        if not (PREFIX / "node_modules" / package / "package.json").is_file():
            return f"{package} is not installed in {PREFIX} (run 'make bpmn-tools' with npm)"
    return None


pytestmark = pytest.mark.skipif(_tools_missing() is not None, reason=str(_tools_missing()))


def _check(files: list[Path]) -> list[dict]:
    result = subprocess.run(
        ["node", str(SCRIPT), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "OPMODEL_NODE_PREFIX": str(PREFIX)},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _odd_session():  # type: ignore[no-untyped-def]
    """Ids BPMN cannot use, text XML cannot hold, an empty workflow and a role-only one."""
    doc = {
        "format": "opmodel",
        "version": 1,
        "workshop": {"title": "Odd \x01 one"},
        "workflows": [
            {"id": "1 empty", "name": ""},
            {"id": "roles", "elements": [{"id": "r 1", "kind": "role", "label": "A\rB"}]},
            {
                "id": "wf:odd",
                "name": "Tab\there",
                "elements": [
                    {"id": "9 start", "kind": "trigger", "label": "Go\x00"},
                    {"id": "same", "kind": "step", "label": "Work\ufffe"},
                    {"id": "end", "kind": "outcome", "label": "Done"},
                    {"id": "x-note", "kind": "note", "label": "", "props": {"color": "pink"}},
                ],
                "connections": [
                    {"id": "same", "source": "9 start", "target": "same", "label": "\x1b[31m"},
                    {"id": "c2", "source": "same", "target": "end"},
                ],
            },
        ],
    }
    return session_from_json(doc)


def _documented_rules() -> set[str]:
    """The rules docs/bpmn.md explains: the first column of its bpmnlint table."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## bpmn-moddle and bpmnlint", 1)[1].split("\n## ", 1)[0]
    rules: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            rules.update(re.findall(r"`([a-z-]+)`", line.split("|")[1]))
    return rules


def test_exported_sessions_read_without_warnings_and_lint_only_warns(tmp_path: Path) -> None:
    files = []
    for info in list_templates():
        export_bpmn(create_session(info.name, "Workshop"), tmp_path / f"{info.name}.bpmn")
        files.append(tmp_path / f"{info.name}.bpmn")
    export_bpmn(session_from_json(_sample()), tmp_path / "sample.bpmn")
    export_bpmn(_odd_session(), tmp_path / "odd.bpmn")
    results = _check([*files, tmp_path / "sample.bpmn", tmp_path / "odd.bpmn"])
    documented = _documented_rules()
    for result in results:
        assert result["error"] is None and result["warnings"] == [], result
        assert set(result["lint"]) <= documented, result["lint"]
    for result in results[: len(files)] + results[-2:-1]:  # templates and the sample
        categories = {r["category"] for reports in result["lint"].values() for r in reports}
        assert categories <= {"warn"}, (result["file"], result["lint"])


def test_every_reexported_corpus_file_reads_without_warnings(tmp_path: Path) -> None:
    """Each shared file (or, without the corpus, each shipped fixture) imported and exported
    again: bpmn-moddle reads it without a warning; lint reports only documented rules."""
    sources = corpus_files() or sorted(FIXTURES.glob("*.bpmn"))
    files = []
    for index, source in enumerate(sources):
        session, _ = read_bpmn_file(source)
        target = tmp_path / f"{index:03d}.bpmn"
        export_bpmn(session, target)
        files.append(target)
    results = _check(files)
    documented = _documented_rules()
    assert len(results) == len(sources)
    for source, result in zip(sources, results, strict=True):
        assert result["error"] is None and result["warnings"] == [], (source, result)
        assert set(result["lint"]) <= documented, (source, result["lint"])


def test_the_checker_does_find_problems(tmp_path: Path) -> None:
    """The check is real: a dangling reference is a bpmn-moddle warning, a lone task a
    bpmnlint error."""
    broken = tmp_path / "broken.bpmn"
    broken.write_text(
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" '
        'targetNamespace="urn:t"><process id="p"><task id="t" name="Alone"/>'
        '<sequenceFlow id="f" sourceRef="t" targetRef="missing"/></process></definitions>'
    )
    (result,) = _check([broken])
    assert any("missing" in warning for warning in result["warnings"])
    assert "start-event-required" in result["lint"]
