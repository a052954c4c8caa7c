"""The eight rules of the frameworks contract (ROLE-3, DATA-4, DEC-5, GOV-4 … GOV-8): each
with a workflow that fires it and a near-identical one that does not (the complete base
workflow of tests/test_analysis_rules.py, changed in one place)."""

from __future__ import annotations

from model.analysis import check_workflow
from model.session import Session
from tests.test_analysis_rules import ElementSpec, assert_finding, fired, only, variant

HIGH = {"risk_tier": "high"}


def _with_raci(session: Session, pair: str, letter: str) -> Session:
    """Give the connection ``pair`` ("r>a") of workflow ``wf`` the RACI ``letter``."""
    session.connections[f"wf:{pair}"].raci = letter
    return session


# -- ROLE-3 ------------------------------------------------------------------------------
def test_role_3_role_at_an_ai_step_not_trained() -> None:
    finding = only(variant({"r": {"ai_training": None}}), "ROLE-3")
    assert_finding(
        finding,
        "ROLE-3",
        "warning",
        "role_design",
        ("r", "a"),
        "Role “Account executive”",
        "“Draft proposal”",
        "trained",
    )
    assert only(variant({"r": {"ai_training": False}}), "ROLE-3")
    assert fired(variant({"r": {"ai_training": True}}), "ROLE-3") == []


def test_role_3_counts_r_and_a_but_not_c_or_i() -> None:
    untrained = {"r": {"ai_training": None}}
    for letter in ("R", "A"):
        assert only(_with_raci(variant(untrained), "r>a", letter), "ROLE-3")
    for letter in ("C", "I"):
        assert fired(_with_raci(variant(untrained), "r>a", letter), "ROLE-3") == []


def test_role_3_role_at_a_gate_downstream_of_an_ai_step() -> None:
    manager: dict[str, ElementSpec] = {"q": ("role", "Sales manager")}
    finding = only(variant(add=manager, extra_links="q>g"), "ROLE-3")
    assert finding.element_ids == ("q", "g")
    assert "“Manager approval”" in finding.message
    # the same role at a plain step before the AI step is not checked
    assert fired(variant(add=manager, extra_links="q>s"), "ROLE-3") == []
    # nor at a gate that no AI step leads to
    upstream = "t>g g>s s>a a>v v>o r>a d>a m>t"
    assert fired(variant(add=manager, links=upstream, extra_links="q>g"), "ROLE-3") == []


# -- DATA-4 ------------------------------------------------------------------------------
def test_data_4_data_feeding_an_ai_step_without_an_owner() -> None:
    finding = only(variant({"d": {"owner": None}}), "DATA-4")
    assert_finding(
        finding,
        "DATA-4",
        "warning",
        "data_context",
        ("d", "a"),
        "Data element “CRM records”",
        "“Draft proposal”",
        "no owner",
    )
    assert only(variant({"d": {"owner": "  "}}), "DATA-4")
    assert fired(variant({"d": {"owner": "Sales operations"}}), "DATA-4") == []
    # data feeding only a plain step is not checked
    assert fired(variant({"d": {"owner": None}}, extra_links="d>s"), "DATA-4")
    plain = variant({"d": {"owner": None}}, links="t>s s>a a>v v>g g>o r>a d>s m>t")
    assert fired(plain, "DATA-4") == []


# -- DEC-5 -------------------------------------------------------------------------------
def test_dec_5_high_risk_ai_step_nobody_can_override_and_stop() -> None:
    finding = only(variant(**HIGH), "DEC-5")
    assert_finding(
        finding,
        "DEC-5",
        "error",
        "decision_rights",
        ("a", "r"),
        "AI step “Draft proposal”",
        "override",
        "stop",
    )
    able = {"r": {"can_override": True, "can_stop": True}}
    assert fired(variant(able, **HIGH), "DEC-5") == []
    assert only(variant({"r": {"can_override": True}}, **HIGH), "DEC-5")
    assert only(variant({"r": {"can_override": True, "can_stop": False}}, **HIGH), "DEC-5")
    # only a high-risk workflow is checked
    assert fired(variant(risk_tier="limited"), "DEC-5") == []


def test_dec_5_only_roles_connected_r_or_a_count() -> None:
    able = {"r": {"can_override": True, "can_stop": True}}
    assert fired(_with_raci(variant(able, **HIGH), "r>a", "A"), "DEC-5") == []
    consulted = only(_with_raci(variant(able, **HIGH), "r>a", "C"), "DEC-5")
    assert consulted.element_ids == ("a",)
    assert "no role is connected to it as responsible or accountable" in consulted.message


# -- GOV-4 -------------------------------------------------------------------------------
def test_gov_4_customer_facing_ai_step_not_disclosed() -> None:
    facing = {"a": {"customer_facing": True}}
    finding = only(variant(facing), "GOV-4")
    assert_finding(
        finding, "GOV-4", "warning", "governance", ("a",), "“Draft proposal”", "transparency"
    )
    assert fired(variant({"a": {"customer_facing": True, "disclosed": True}}), "GOV-4") == []
    assert only(variant({"a": {"customer_facing": True, "disclosed": False}}), "GOV-4")
    notice: dict[str, ElementSpec] = {"k": ("control", "AI notice", {"category": "transparency"})}
    assert fired(variant(facing, add=notice, extra_links="k>a"), "GOV-4") == []
    # a transparency control that governs something else does not count
    assert only(variant(facing, add=notice, extra_links="k>s"), "GOV-4")
    # an internal AI step is not checked
    assert fired(variant({"a": {"disclosed": False}}), "GOV-4") == []


# -- GOV-5 -------------------------------------------------------------------------------
def test_gov_5_high_risk_workflow_without_an_impact_assessment() -> None:
    finding = only(variant(**HIGH, name="Credit scoring"), "GOV-5")
    assert_finding(
        finding,
        "GOV-5",
        "warning",
        "governance",
        ("a",),
        "“Credit scoring”",
        "no AI impact assessment is recorded",
    )
    assert fired(variant(**HIGH, impact_assessment="done"), "GOV-5") == []
    pending = only(variant(**HIGH, impact_assessment="in_progress"), "GOV-5")
    assert "still in progress" in pending.message
    assert only(variant(**HIGH, impact_assessment="not_needed"), "GOV-5")
    assessment: dict[str, ElementSpec] = {
        "k": ("control", "FRIA", {"category": "impact_assessment"})
    }
    assert fired(variant(add=assessment, **HIGH), "GOV-5") == []
    assert fired(variant(risk_tier="limited"), "GOV-5") == []


# -- GOV-6 -------------------------------------------------------------------------------
def test_gov_6_third_party_ai_without_a_vendor_review() -> None:
    bought = {"a": {"provider": "third_party"}}
    finding = only(variant(bought), "GOV-6")
    assert_finding(finding, "GOV-6", "info", "governance", ("a",), "“Draft proposal”", "vendor")
    vendor: dict[str, ElementSpec] = {
        "k": ("control", "Vendor review", {"category": "vendor_review"})
    }
    assert fired(variant(bought, add=vendor), "GOV-6") == []  # present in the workflow
    assert fired(variant(bought, add=vendor, extra_links="k>a"), "GOV-6") == []  # governing
    assert fired(variant({"a": {"provider": "in_house"}}), "GOV-6") == []
    other: dict[str, ElementSpec] = {
        "k": ("control", "Vendor review", {"category": "approved_tools"})
    }
    assert only(variant(bought, add=other, extra_links="k>a"), "GOV-6")


# -- GOV-7 -------------------------------------------------------------------------------
def test_gov_7_high_risk_ai_step_not_logged() -> None:
    finding = only(variant(**HIGH), "GOV-7")
    assert_finding(finding, "GOV-7", "warning", "governance", ("a",), "“Draft proposal”", "logged")
    assert fired(variant({"a": {"logging": True}}, **HIGH), "GOV-7") == []
    # the base's audit-trail control exists, but only one that governs the step counts
    assert fired(variant(extra_links="c>a", **HIGH), "GOV-7") == []
    assert fired(variant(risk_tier="limited"), "GOV-7") == []


# -- GOV-8 -------------------------------------------------------------------------------
def test_gov_8_high_risk_workflow_without_incident_response() -> None:
    finding = only(variant(**HIGH, name="Claims"), "GOV-8")
    assert_finding(
        finding, "GOV-8", "warning", "governance", ("a",), "“Claims”", "incident-response"
    )
    response: dict[str, ElementSpec] = {
        "k": ("control", "Incident playbook", {"category": "incident_response"})
    }
    assert fired(variant(add=response, **HIGH), "GOV-8") == []
    assert fired(variant(risk_tier="minimal"), "GOV-8") == []


def test_a_fully_governed_high_risk_workflow_passes_every_new_rule() -> None:
    governed: dict[str, ElementSpec] = {
        "k1": ("control", "Incident playbook", {"category": "incident_response"}),
        "k2": ("control", "FRIA", {"category": "impact_assessment"}),
    }
    session = variant(
        {
            "r": {"can_override": True, "can_stop": True},
            "a": {"logging": True, "provider": "in_house", "customer_facing": False},
        },
        add=governed,
        **HIGH,
    )
    rules = {"ROLE-3", "DATA-4", "DEC-5", "GOV-4", "GOV-5", "GOV-6", "GOV-7", "GOV-8"}
    assert [f for f in check_workflow(session, "wf") if f.rule in rules] == []


def test_each_new_rule_becomes_a_leadership_question() -> None:
    from model.analysis import analyse
    from model.next_steps import leadership_questions

    session = variant(
        {
            "r": {"ai_training": None},
            "d": {"owner": None},
            "a": {"customer_facing": True, "provider": "third_party"},
        },
        **HIGH,
        name="Claims",
    )
    analysis = analyse(session)
    rules = {"ROLE-3", "DATA-4", "DEC-5", "GOV-4", "GOV-5", "GOV-6", "GOV-7", "GOV-8"}
    assert rules <= {f.rule for f in analysis.findings}
    steps = leadership_questions(session, analysis)
    asked = {s.why.split("(")[-1].split(",")[0].rstrip(")") for s in steps if s.workflow_id}
    assert rules <= asked
    questions = [s.question for s in steps]
    assert "Who may override the output of AI step “Draft proposal” and stop the AI" in " ".join(
        questions
    )
    assert any("high-risk workflow “Claims”" in q for q in questions)
