"""Component scores (share of passing checks) and orchestration figures, with exact values."""

from __future__ import annotations

import pytest

from model.analysis import (
    Orchestration,
    analyse,
    component_scores,
    orchestration,
    session_orchestration,
)
from model.analysis.scores import score
from model.templates import load_template
from model.vocabulary import COMPONENT_IDS
from tests.test_analysis_rules import build, session_of, workflow_json

NOT_MAPPED = dict.fromkeys(COMPONENT_IDS)

#: Checks: ARCH-1 a1 ✓ a2 ✗, ARCH-2 ✓, ARCH-3 a1 ✓ a2 ✓ s ✗ (4/6); ROLE-1 a1 ✓ a2 ✗,
#: ROLE-2 r ✗, ROLE-3 r ✓ (2/4); DATA-1 ✓ ✓, DATA-2 d ✓, DATA-4 d ✓ (4/4); DEC-1 a1 ✓ a2 ✗ (1/2);
#: MEAS-1 ✓, MEAS-2 ✗, MEAS-3 ✓, MEAS-4 ✗ (2/4); nothing for QA or governance.
CRAFTED = workflow_json(
    "w1",
    {
        "t": ("trigger", "Ticket in"),
        "a1": (
            "ai_step",
            "Classify",
            {"task": "Classify", "input": "Ticket", "output": "Queue", "decision_right": "draft"},
        ),
        "a2": ("ai_step", "Draft reply", {"task": "Draft", "input": "Ticket"}),
        "s": ("step", "Call back"),
        "o": ("outcome", "Resolved"),
        "r": ("role", "Agent", {"shift_from": "drafting", "ai_training": True}),
        "d": ("data", "Tickets", {"readiness": "ready", "owner": "Support operations"}),
        "m": ("metric", "Handle time", {"baseline": 12, "owner": "Support lead"}),
    },
    "t>a1 a1>a2 a2>o r>a1 d>a1 d>a2",
)
#: Checks: ARCH 3/3, ROLE 3/3, DATA 3/3, DEC 1/1, MEAS-1 ✗ (0/1).
SMALL = workflow_json(
    "w2",
    {
        "t2": ("trigger", "Invoice in"),
        "x": (
            "ai_step",
            "Extract",
            {"task": "Extract", "input": "PDF", "output": "Fields", "decision_right": "draft"},
        ),
        "o2": ("outcome", "Booked"),
        "r2": (
            "role",
            "Clerk",
            {"shift_from": "executing", "shift_to": "reviewing", "ai_training": True},
        ),
        "d2": ("data", "Invoices", {"readiness": "ready", "owner": "AP lead"}),
    },
    "t2>x x>o2 r2>x d2>x",
)


def test_score_rounds_halves_up_and_is_none_without_checks() -> None:
    assert score(1, 8) == 13  # 12.5
    assert score(2, 3) == 67
    assert score(1, 3) == 33
    assert score(0, 4) == 0
    assert score(5, 5) == 100
    assert score(0, 0) is None


def test_nothing_mapped_scores_null_never_100() -> None:
    assert component_scores(build({})) == NOT_MAPPED
    notes_only = build({"n": ("note", "Parking lot", {"text": "ask legal"})})
    assert component_scores(notes_only, "wf") == NOT_MAPPED
    assert component_scores(build({"r": ("role", "Analyst")})) == NOT_MAPPED


def test_exact_scores_of_a_crafted_workflow() -> None:
    session = session_of(CRAFTED)
    assert component_scores(session, "w1") == {
        "workflow_architecture": 67,
        "role_design": 50,
        "data_context": 100,
        "decision_rights": 50,
        "quality_assurance": None,
        "governance": None,
        "measurement": 50,
    }


def test_scores_count_only_the_subjects_a_rule_applies_to() -> None:
    # A customer-facing AI step and a review bring quality assurance in; a tool and a risk
    # tier bring governance in: GOV-1 ✗, GOV-3 ✓, GOV-4 ✓ (disclosed); QA-1 ✓ (review
    # downstream), QA-2 ✗.
    session = build(
        {
            "t": ("trigger", "Start"),
            "a": (
                "ai_step",
                "Reply",
                {"customer_facing": True, "tool": "Chatbot", "disclosed": True},
            ),
            "v": ("review", "Spot check", {"reviewer": "Lead"}),
            "o": ("outcome", "Sent"),
        },
        "t>a a>v v>o",
        risk_tier="limited",
    )
    scores = component_scores(session, "wf")
    assert scores["quality_assurance"] == 50
    assert scores["governance"] == 67


def test_workshop_scores_sum_the_checks_of_every_workflow() -> None:
    session = session_of(CRAFTED, SMALL)
    assert component_scores(session, "w2") == {
        **NOT_MAPPED,
        "workflow_architecture": 100,
        "role_design": 100,
        "data_context": 100,
        "decision_rights": 100,
        "measurement": 0,
    }
    workshop = {
        "workflow_architecture": 78,  # 7/9 (the mean of 67 and 100 would be 83)
        "role_design": 71,  # 5/7
        "data_context": 100,  # 7/7
        "decision_rights": 67,  # 2/3
        "quality_assurance": None,
        "governance": None,
        "measurement": 40,  # 2/5
    }
    assert component_scores(session) == workshop
    analysis = analyse(session)
    assert analysis.scores == workshop
    assert analysis.workflow_scores["w1"] == component_scores(session, "w1")
    assert list(analysis.workflow_scores) == ["w1", "w2"]


@pytest.mark.parametrize("name", ["sales", "finance", "customer_support"])
def test_templates_score_every_component(name: str) -> None:
    scores = component_scores(load_template(name))
    assert all(value is not None for value in scores.values()), scores


# -- orchestration ----------------------------------------------------------------------
def _step(label: str, before: float, after: float, manual: bool = False) -> tuple:
    return ("step", label, {"minutes_before": before, "minutes_after": after, "manual": manual})


BRANCH = {
    "t": ("trigger", "Order in"),
    "s1": _step("Check order", 10, 5, manual=True),
    "a": ("ai_step", "Draft quote", {"minutes_before": 30, "minutes_after": 2}),
    "s2": _step("Check stock", 20, 15, manual=True),
    "g": ("gate", "Approve", {"sla_hours": 8}),
    "o": ("outcome", "Quote sent"),
    "x": _step("Archive", 0, 0),
    "r1": ("role", "Clerk"),
    "r2": ("role", "Sales rep"),
    "r3": ("role", "Manager"),
}
BRANCH_LINKS = "t>s1 s1>a s1>s2 a>g s2>g g>o r1>s1 r2>a r1>s2 r3>g"


def test_orchestration_of_a_workflow_with_a_branch() -> None:
    figures = orchestration(build(BRANCH, BRANCH_LINKS), "wf")
    # before: via a 10 + 30 = 40 beats via s2 10 + 20 = 30; after: via s2 5 + 15 = 20.
    # handoffs: s1>a (Clerk → Sales rep), a>g, s2>g; not t>s1 (no role), s1>s2 (same role).
    assert figures == Orchestration(
        cycle_minutes_before=40,
        cycle_minutes_after=20,
        handoffs=3,
        manual_steps=2,
        critical_path=("t", "s1", "a", "g", "o"),
    )
    assert figures.to_json() == {
        "cycle_minutes_before": 40.0,
        "cycle_minutes_after": 20.0,
        "handoffs": 3,
        "manual_steps": 2,
        "critical_path": ["t", "s1", "a", "g", "o"],
    }


def test_critical_path_ties_go_to_minutes_after_then_ids() -> None:
    tied = {**BRANCH, "a": ("ai_step", "Draft quote", {"minutes_before": 20, "minutes_after": 2})}
    # Both branches take 30 minutes today: the one taking longer redesigned (s2) wins.
    assert orchestration(build(tied, BRANCH_LINKS), "wf").critical_path == (
        "t",
        "s1",
        "s2",
        "g",
        "o",
    )
    same = {**tied, "a": ("ai_step", "Draft quote", {"minutes_before": 20, "minutes_after": 15})}
    assert orchestration(build(same, BRANCH_LINKS), "wf").critical_path == (
        "t",
        "s1",
        "a",  # "a" < "s2"
        "g",
        "o",
    )


def test_missing_minutes_count_zero_and_no_path_gives_none() -> None:
    bare = build({"t": ("trigger", "In"), "s": ("step", "Do"), "o": ("outcome", "Out")}, "t>s s>o")
    assert orchestration(bare, "wf") == Orchestration(0, 0, 0, 0, ("t", "s", "o"))
    broken = build(
        {"t": ("trigger", "In"), "s": _step("Do", 5, 1, manual=True), "o": ("outcome", "Out")},
        "t>s",
    )
    assert orchestration(broken, "wf") == Orchestration(None, None, 0, 1, ())
    assert orchestration(build({}), "wf") == Orchestration(None, None, 0, 0, ())


def test_a_flow_loop_counts_each_element_once_and_never_crashes() -> None:
    looped = build(BRANCH, BRANCH_LINKS + " g>s1")
    figures = orchestration(looped, "wf")
    # {s1, a, s2, g} is one loop: 10 + 30 + 20 before, 5 + 2 + 15 after.
    assert figures.cycle_minutes_before == 60
    assert figures.cycle_minutes_after == 22
    assert figures.critical_path == ("t", "s1", "a", "s2", "g", "o")
    assert figures.handoffs == 4  # g>s1 (Manager → Clerk) too


def test_session_orchestration_has_every_workflow_in_order() -> None:
    session = session_of(CRAFTED, SMALL)
    figures = session_orchestration(session)
    assert list(figures) == ["w1", "w2"]
    assert figures["w2"].critical_path == ("t2", "x", "o2")
    assert analyse(session).orchestration == figures
