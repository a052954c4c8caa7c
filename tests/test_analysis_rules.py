"""The analysis rules: one test per rule, each with a workflow that fires it and a
near-identical one that does not; plus the rule table against the spec, ordering, the
built-in templates and the lazy networkx import."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from model.analysis import RULES, Finding, analyse, check_session, check_workflow
from model.interchange import session_from_json
from model.session import Session
from model.templates import load_template

ROOT = Path(__file__).resolve().parent.parent

ElementSpec = tuple[str, str] | tuple[str, str, dict[str, Any]]


def workflow_json(
    wid: str, elements: dict[str, ElementSpec], links: str = "", **fields: Any
) -> dict[str, Any]:
    """One interchange workflow: ``elements`` id → (kind, label[, props]); ``links`` "a>b c>d"."""
    return {
        "id": wid,
        "name": fields.pop("name", f"Flow {wid}"),
        **fields,
        "elements": [
            {
                "id": eid,
                "kind": spec[0],
                "label": spec[1],
                "x": 0,
                "y": 0,
                "props": spec[2] if len(spec) > 2 else {},
            }
            for eid, spec in elements.items()
        ],
        "connections": [
            {"id": f"{wid}:{pair}", "source": pair.split(">")[0], "target": pair.split(">")[1]}
            for pair in links.split()
        ],
    }


def session_of(*workflows: dict[str, Any]) -> Session:
    """A session of the given interchange workflows."""
    return session_from_json(
        {
            "format": "opmodel",
            "version": 1,
            "workshop": {"title": "T"},
            "workflows": list(workflows),
        }
    )


def build(elements: dict[str, ElementSpec], links: str = "", **fields: Any) -> Session:
    """A session with one workflow ``wf``."""
    return session_of(workflow_json("wf", elements, links, **fields))


#: A complete little workflow: no rule fires on it.
BASE: dict[str, ElementSpec] = {
    "t": ("trigger", "Lead arrives"),
    "s": ("step", "Gather data", {"manual": True, "minutes_before": 20, "minutes_after": 5}),
    "a": (
        "ai_step",
        "Draft proposal",
        {
            "task": "Draft the proposal",
            "input": "CRM records",
            "output": "Draft proposal",
            "tool": "Copilot",
            "tool_approved": True,
            "decision_right": "draft",
            "customer_facing": False,
        },
    ),
    "v": ("review", "Fact check", {"reviewer": "Account executive", "sample_rate": 100}),
    "g": ("gate", "Manager approval", {"approver": "Sales manager"}),
    "o": ("outcome", "Proposal sent"),
    "r": (
        "role",
        "Account executive",
        {"shift_from": "drafting", "shift_to": "reviewing", "ai_training": True},
    ),
    "d": (
        "data",
        "CRM records",
        {"sensitivity": "internal", "readiness": "ready", "owner": "Sales operations"},
    ),
    "c": ("control", "Audit log", {"category": "audit_trail"}),
    "m": ("metric", "Win rate", {"baseline": 20, "target": 30, "owner": "Head of sales"}),
}
BASE_LINKS = "t>s s>a a>v v>g g>o r>a d>a m>t"


def variant(
    props: dict[str, dict[str, Any]] | None = None,
    *,
    add: dict[str, ElementSpec] | None = None,
    drop: tuple[str, ...] = (),
    links: str = BASE_LINKS,
    extra_links: str = "",
    **fields: Any,
) -> Session:
    """BASE with prop changes (a None value removes the prop), added/dropped elements, links."""
    elements = copy.deepcopy(BASE)
    for eid, changes in (props or {}).items():
        kind, label, *rest = elements[eid]
        merged = dict(rest[0]) if rest else {}
        for key, value in changes.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        elements[eid] = (kind, label, merged)
    elements.update(add or {})
    for eid in drop:
        del elements[eid]
    pairs = [p for p in f"{links} {extra_links}".split() if not set(p.split(">")) & set(drop)]
    return build(elements, " ".join(pairs), **fields)


def fired(session: Session, rule: str) -> list[Finding]:
    """The findings of ``rule`` in workflow ``wf``."""
    return [f for f in check_workflow(session, "wf") if f.rule == rule]


def only(session: Session, rule: str) -> Finding:
    """The single finding of ``rule``; fails when there is not exactly one."""
    findings = fired(session, rule)
    assert len(findings) == 1, findings
    return findings[0]


def assert_finding(
    finding: Finding, rule: str, severity: str, component: str, ids: tuple[str, ...], *words: str
) -> None:
    assert (finding.rule, finding.severity, finding.component) == (rule, severity, component)
    assert finding.workflow_id == "wf"
    assert finding.element_ids == ids
    for word in words:
        assert word in finding.message, (word, finding.message)


# -- the rule table and the base --------------------------------------------------------
def _spec_section(title: str) -> str:
    spec = (ROOT / "docs" / "domain-spec.md").read_text(encoding="utf-8")
    return spec.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def test_rule_table_matches_the_spec() -> None:
    pattern = r"^\| ([A-Z]+-\d) \| (\w+) \| (\w+) \|"
    rows = re.findall(pattern, _spec_section("Analysis rules"), re.MULTILINE)
    new_rows = re.findall(pattern, _spec_section("New rules"), re.MULTILINE)
    assert len(rows) == 21 and len(new_rows) == 8
    assert sorted((r.id, r.severity, r.component) for r in RULES) == sorted(rows + new_rows)
    assert len({r.id for r in RULES}) == 29
    assert all(r.title for r in RULES)
    # the table lists each component's rules together, in component order
    from model.vocabulary import COMPONENT_IDS

    ranks = [COMPONENT_IDS.index(r.component) for r in RULES]
    assert ranks == sorted(ranks)


#: A reference in one of the spec's exact forms.
REFERENCE_FORM = re.compile(
    r"NIST AI RMF (GOVERN|MAP|MEASURE|MANAGE) \d+(\.\d+)?"
    r"|ISO/IEC 42001 (A\.)?\d+(\.\d+)*"
    r"|EU AI Act Art\. \d+"
)


def _spec_references() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in _spec_section("References on every rule").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 2 or not re.match(r"[A-Z]+-\d", cells[0]):
            continue
        refs = () if cells[1].startswith("(none") else tuple(cells[1].split("; "))
        for rule in cells[0].split(", "):
            table[rule] = refs
    return table


def test_every_rule_carries_the_spec_references_in_their_exact_form() -> None:
    from model.frameworks import RULE_REFERENCES

    spec = _spec_references()
    assert set(spec) == {r.id for r in RULES}
    for rule in RULES:
        assert rule.references == spec[rule.id], rule.id
        assert RULE_REFERENCES[rule.id] == spec[rule.id]
        for reference in rule.references:
            assert REFERENCE_FORM.fullmatch(reference), reference
    assert spec["DEC-5"] == (
        "NIST AI RMF MANAGE 2.4",
        "ISO/IEC 42001 A.9",
        "EU AI Act Art. 14",
        "EU AI Act Art. 26",
    )
    assert spec["ARCH-2"] == spec["ARCH-3"] == ()


def test_each_finding_carries_its_rules_references() -> None:
    session = variant(
        {"a": {"decision_right": None, "customer_facing": True}, "d": {"owner": None}},
        risk_tier="high",
    )
    findings = check_workflow(session, "wf")
    assert {f.rule for f in findings} >= {"DEC-1", "DEC-5", "DATA-4", "GOV-5", "GOV-8"}
    by_id = {r.id: r for r in RULES}
    for finding in findings:
        assert finding.references == by_id[finding.rule].references
        assert finding.to_json()["references"] == list(finding.references)


def test_the_complete_base_workflow_has_no_findings() -> None:
    assert check_workflow(variant(), "wf") == []


# -- workflow architecture ---------------------------------------------------------------
def test_arch_1_ai_step_without_task_input_or_output() -> None:
    finding = only(variant({"a": {"input": None, "output": "  "}}), "ARCH-1")
    assert_finding(
        finding, "ARCH-1", "warning", "workflow_architecture", ("a",), "“Draft proposal”", "input"
    )
    assert "output" in finding.message
    assert fired(variant({"a": {"input": "CRM records"}}), "ARCH-1") == []


def test_arch_2_workflow_without_trigger_or_outcome() -> None:
    finding = only(variant(drop=("o",)), "ARCH-2")
    assert_finding(
        finding,
        "ARCH-2",
        "warning",
        "workflow_architecture",
        ("s", "a", "v", "g"),
        "“Flow wf”",
        "outcome",
    )
    assert "trigger" not in finding.message.split(".")[0]
    assert "has no trigger and no outcome" in only(variant(drop=("o", "t")), "ARCH-2").message
    assert "has no trigger." in only(variant(drop=("t",)), "ARCH-2").message
    assert fired(variant(), "ARCH-2") == []
    # A workflow without any work element is not checked.
    assert fired(build({"r": ("role", "Analyst")}), "ARCH-2") == []


def test_arch_3_work_not_on_a_trigger_to_outcome_path() -> None:
    orphan: dict[str, ElementSpec] = {"x": ("step", "Send reminder")}
    finding = only(variant(add=orphan, extra_links="s>x"), "ARCH-3")
    assert_finding(
        finding,
        "ARCH-3",
        "warning",
        "workflow_architecture",
        ("x",),
        "Step “Send reminder”",
        "reaches no outcome",
    )
    assert "from a trigger" not in finding.message.split(":")[1]
    assert fired(variant(add=orphan, extra_links="s>x x>o"), "ARCH-3") == []
    unreached = only(variant(add=orphan, extra_links="x>o"), "ARCH-3")
    assert "no flow leads to it from a trigger" in unreached.message


# -- role design --------------------------------------------------------------------------
def test_role_1_ai_step_without_a_role() -> None:
    finding = only(variant(links=BASE_LINKS.replace("r>a", "r>s")), "ROLE-1")
    assert_finding(finding, "ROLE-1", "error", "role_design", ("a",), "AI step “Draft proposal”")
    assert fired(variant(), "ROLE-1") == []


def test_role_2_role_at_an_ai_step_without_its_shift() -> None:
    finding = only(variant({"r": {"shift_to": None}}), "ROLE-2")
    assert_finding(
        finding,
        "ROLE-2",
        "info",
        "role_design",
        ("r", "a"),
        "Role “Account executive”",
        "“Draft proposal”",
        "shifts to",
    )
    assert fired(variant({"r": {"shift_to": "interpreting"}}), "ROLE-2") == []
    # A role at a plain step is not checked.
    assert fired(variant({"r": {"shift_to": None}}, links=BASE_LINKS + " r>s"), "ROLE-2")
    assert not fired(
        variant({"r": {"shift_to": None}}, links=BASE_LINKS.replace("r>a", "r>s")), "ROLE-2"
    )


# -- data context ---------------------------------------------------------------------------
def test_data_1_ai_step_without_data() -> None:
    finding = only(variant(links=BASE_LINKS.replace("d>a", "d>s")), "DATA-1")
    assert_finding(
        finding,
        "DATA-1",
        "error",
        "data_context",
        ("a",),
        "AI step “Draft proposal” has no data feeding it",
    )
    assert fired(variant(), "DATA-1") == []


@pytest.mark.parametrize("readiness", ["not_ready", "unknown"])
def test_data_2_ai_step_fed_by_data_that_is_not_ready(readiness: str) -> None:
    finding = only(variant({"d": {"readiness": readiness}}), "DATA-2")
    assert_finding(
        finding,
        "DATA-2",
        "warning",
        "data_context",
        ("d", "a"),
        "Data element “CRM records”",
        "“Draft proposal”",
    )
    assert fired(variant({"d": {"readiness": "needs_cleanup"}}), "DATA-2") == []


def test_data_3_sensitive_data_without_a_security_control() -> None:
    confidential = {"d": {"sensitivity": "confidential"}}
    finding = only(variant(confidential), "DATA-3")
    assert_finding(
        finding,
        "DATA-3",
        "error",
        "data_context",
        ("d", "a"),
        "Data element “CRM records” (confidential) feeds",
        "“Draft proposal”",
    )
    guard: dict[str, ElementSpec] = {
        "k": ("control", "Access policy", {"category": "access_rights"})
    }
    assert fired(variant(confidential, add=guard, extra_links="k>d"), "DATA-3") == []
    assert fired(variant(confidential, add=guard, extra_links="k>a"), "DATA-3") == []
    personal = only(variant({"d": {"personal_data": True}}), "DATA-3")
    assert "(personal data)" in personal.message
    # An audit-trail control does not protect the data.
    assert fired(variant(confidential, extra_links="c>d"), "DATA-3")


# -- decision rights ------------------------------------------------------------------------
def test_dec_1_ai_step_without_a_decision_right() -> None:
    finding = only(variant({"a": {"decision_right": None}}), "DEC-1")
    assert_finding(
        finding, "DEC-1", "warning", "decision_rights", ("a",), "AI step “Draft proposal”"
    )
    assert fired(variant({"a": {"decision_right": "recommendation"}}), "DEC-1") == []


def test_dec_2_approval_required_without_a_gate_on_every_path() -> None:
    approval = {"a": {"decision_right": "approval_required"}}
    finding = only(variant(approval, extra_links="v>o"), "DEC-2")
    assert_finding(
        finding,
        "DEC-2",
        "error",
        "decision_rights",
        ("a", "o"),
        "AI step “Draft proposal” requires approval",
        "outcome “Proposal sent”",
    )
    assert fired(variant(approval), "DEC-2") == []


def test_dec_2_when_the_ai_step_reaches_no_outcome_any_gate_downstream_counts() -> None:
    approval = {"a": {"decision_right": "approval_required"}}
    no_gate = only(variant(approval, links="t>s s>a a>v r>a d>a m>t g>o"), "DEC-2")
    assert no_gate.element_ids == ("a",)
    assert "no gate follows it" in no_gate.message
    assert fired(variant(approval, links="t>s s>a a>v v>g r>a d>a m>t"), "DEC-2") == []


def test_dec_3_automated_customer_facing_ai_step_without_a_gate() -> None:
    automated = {"a": {"decision_right": "automated", "customer_facing": True}}
    finding = only(variant(automated, extra_links="v>o"), "DEC-3")
    assert_finding(
        finding,
        "DEC-3",
        "error",
        "decision_rights",
        ("a", "o"),
        "AI step “Draft proposal” acts automatically and is customer facing",
    )
    assert fired(variant(automated), "DEC-3") == []


def test_dec_3_automated_ai_step_in_a_high_risk_workflow_without_a_gate() -> None:
    automated = {"a": {"decision_right": "automated"}}
    finding = only(variant(automated, extra_links="v>o", risk_tier="high"), "DEC-3")
    assert "high-risk workflow" in finding.message
    assert fired(variant(automated, extra_links="v>o", risk_tier="limited"), "DEC-3") == []


def test_dec_4_gate_without_an_approver() -> None:
    finding = only(variant({"g": {"approver": None}}), "DEC-4")
    assert_finding(
        finding, "DEC-4", "warning", "decision_rights", ("g",), "Gate “Manager approval”"
    )
    assert fired(variant({"g": {"approver": None}}, extra_links="r>g"), "DEC-4") == []


# -- quality assurance ---------------------------------------------------------------------
def test_qa_1_customer_facing_ai_step_without_a_review() -> None:
    facing = {"a": {"customer_facing": True}}
    upstream = "t>v v>s s>a a>g g>o r>a d>a m>t"
    finding = only(variant(facing, links=upstream), "QA-1")
    assert_finding(
        finding,
        "QA-1",
        "warning",
        "quality_assurance",
        ("a",),
        "AI step “Draft proposal” is customer facing",
    )
    # A review directly before it counts as connected; one downstream counts too.
    assert fired(variant(facing, links="t>s s>v v>a a>g g>o r>a d>a m>t"), "QA-1") == []
    assert fired(variant(facing), "QA-1") == []


def test_qa_2_review_without_reviewer_or_sample_rate() -> None:
    finding = only(variant({"v": {"reviewer": None}}), "QA-2")
    assert_finding(
        finding, "QA-2", "info", "quality_assurance", ("v",), "Review “Fact check”", "reviewer"
    )
    assert fired(variant({"v": {"reviewer": None}}, extra_links="r>v"), "QA-2") == []
    no_sample = only(variant({"v": {"sample_rate": None}}), "QA-2")
    assert "sample rate" in no_sample.message
    assert fired(variant({"v": {"sample_rate": 0}}), "QA-2") == []


# -- governance ------------------------------------------------------------------------------
def test_gov_1_tool_not_approved() -> None:
    finding = only(variant({"a": {"tool_approved": False}}), "GOV-1")
    assert_finding(
        finding, "GOV-1", "warning", "governance", ("a",), "AI step “Draft proposal”", "“Copilot”"
    )
    assert only(variant({"a": {"tool_approved": None}}), "GOV-1")
    assert fired(variant({"a": {"tool_approved": False, "tool": " "}}), "GOV-1") == []


def test_gov_2_high_risk_workflow_without_an_audit_trail() -> None:
    finding = only(variant({"c": {"category": "data_security"}}, risk_tier="high"), "GOV-2")
    assert_finding(finding, "GOV-2", "error", "governance", ("a",), "“Flow wf”", "audit")
    assert fired(variant(risk_tier="high"), "GOV-2") == []
    assert fired(variant({"c": {"category": "data_security"}}, risk_tier="limited"), "GOV-2") == []


def test_gov_3_unacceptable_risk() -> None:
    finding = only(variant(risk_tier="unacceptable", name="Emotion scoring"), "GOV-3")
    assert_finding(finding, "GOV-3", "error", "governance", ("a",), "“Emotion scoring”")
    assert fired(variant(risk_tier="high"), "GOV-3") == []


# -- measurement -----------------------------------------------------------------------------
def test_meas_1_ai_in_the_workflow_but_no_metric() -> None:
    finding = only(variant(drop=("m",), name="Proposals"), "MEAS-1")
    assert_finding(
        finding, "MEAS-1", "warning", "measurement", ("a",), "“Proposals”", "exploratory"
    )
    assert fired(variant(), "MEAS-1") == []
    assert fired(variant(drop=("m", "a")), "MEAS-1") == []


def test_meas_2_metric_without_baseline_or_target() -> None:
    finding = only(variant({"m": {"target": None}}), "MEAS-2")
    assert_finding(finding, "MEAS-2", "warning", "measurement", ("m",), "Metric “Win rate”")
    assert "target" in finding.message
    assert fired(variant({"m": {"baseline": 0}}), "MEAS-2") == []


def test_meas_3_metric_without_an_owner() -> None:
    finding = only(variant({"m": {"owner": None}}), "MEAS-3")
    assert_finding(finding, "MEAS-3", "info", "measurement", ("m",), "Metric “Win rate”")
    assert fired(variant({"m": {"owner": None}}, extra_links="r>m"), "MEAS-3") == []


def test_meas_4_metrics_without_a_learning_loop() -> None:
    finding = only(variant(links=BASE_LINKS.replace("m>t", "m>o")), "MEAS-4")
    assert_finding(finding, "MEAS-4", "info", "measurement", ("m",), "learning loop")
    assert fired(variant(), "MEAS-4") == []


# -- ordering, templates, JSON, import cost ------------------------------------------------
def test_findings_are_ordered_by_workflow_then_severity_then_rule() -> None:
    session = session_of(
        workflow_json("w2", {"a": ("ai_step", "Summarise"), "m": ("metric", "Handle time")}),
        workflow_json("w1", {"x": ("ai_step", "Classify")}),
    )
    findings = check_session(session)
    assert [(f.workflow_id, f.severity, f.rule) for f in findings] == [
        ("w2", "error", "DATA-1"),
        ("w2", "error", "ROLE-1"),
        ("w2", "warning", "ARCH-1"),
        ("w2", "warning", "ARCH-2"),
        ("w2", "warning", "ARCH-3"),
        ("w2", "warning", "DEC-1"),
        ("w2", "warning", "MEAS-2"),
        ("w2", "info", "MEAS-3"),
        ("w2", "info", "MEAS-4"),
        ("w1", "error", "DATA-1"),
        ("w1", "error", "ROLE-1"),
        ("w1", "warning", "ARCH-1"),
        ("w1", "warning", "ARCH-2"),
        ("w1", "warning", "ARCH-3"),
        ("w1", "warning", "DEC-1"),
        ("w1", "warning", "MEAS-1"),
    ]
    assert analyse(session).findings == findings
    assert check_workflow(session, "w1") == findings[9:]


def test_finding_to_json() -> None:
    finding = only(variant({"a": {"decision_right": None}}), "DEC-1")
    assert finding.to_json() == {
        "rule": "DEC-1",
        "severity": "warning",
        "component": "decision_rights",
        "workflow_id": "wf",
        "element_ids": ["a"],
        "message": finding.message,
        "references": ["NIST AI RMF MAP 3.5", "ISO/IEC 42001 A.9"],
    }


@pytest.mark.parametrize("name", ["sales", "finance", "customer_support"])
def test_templates_have_no_errors_or_warnings(name: str) -> None:
    findings = check_session(load_template(name))
    assert [f for f in findings if f.severity in ("error", "warning")] == []


def test_importing_the_analysis_does_not_import_networkx() -> None:
    code = "import sys, model.analysis; print('networkx' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
