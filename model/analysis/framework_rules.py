"""The eight rules of the frameworks contract (interchange version 2): ROLE-3, DATA-4, DEC-5
and GOV-4 to GOV-8, exactly as ``docs/domain-spec.md`` states them.

Each rule is a small function over one workflow's :class:`WorkflowGraph`, like those of
:mod:`model.analysis.rules`, which runs them with the others (its ``RULES`` table holds their
id, severity, component and title). ``docs/analysis.md`` lists the subject each one checks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from model.analysis.graph import WorkflowGraph
from model.analysis.wording import has_text, is_true, named, workflow_name
from model.session import Element
from model.vocabulary import humanize


class CheckRun(Protocol):
    """What a rule reports to: one passing or failing check at a time
    (:class:`model.analysis.rules.RuleRun`)."""

    def passed(self, rule: str) -> None:
        """Count one passing check of ``rule``."""

    def fail(self, rule: str, element_ids: tuple[str, ...], message: str) -> None:
        """Count one failing check of ``rule`` and record its finding."""


def _controls(g: WorkflowGraph, category: str) -> list[Element]:
    """The workflow's controls of ``category``."""
    return [c for c in g.of_kind("control") if c.props.get("category") == category]


def _governed_by(g: WorkflowGraph, element_id: str, category: str) -> bool:
    """True when a control of ``category`` governs the element."""
    return any(
        g.by_id[c].props.get("category") == category for c in g.sources("governs", element_id)
    )


def _high_risk(g: WorkflowGraph) -> bool:
    return g.workflow.risk_tier == "high"


# -- role design ------------------------------------------------------------------------
def role_3(g: WorkflowGraph, run: CheckRun) -> None:
    """ROLE-3: a role connected R or A to an AI step, or to a gate or review downstream of
    one, has ``ai_training`` not true. Checked once per such role."""
    after_ai = g.downstream_of_ai_steps
    for role in g.of_kind("role"):
        works = [
            t
            for t in g.targets("responsible", role.id)
            if g.owns(role.id, t)
            and (
                g.by_id[t].kind == "ai_step"
                or (g.by_id[t].kind in ("gate", "review") and t in after_ai)
            )
        ]
        if not works:
            continue
        if is_true(role.props, "ai_training"):
            run.passed("ROLE-3")
            continue
        run.fail(
            "ROLE-3",
            (role.id, *works),
            f"{named(role, start=True)} is responsible or accountable for "
            f"{named(g.by_id[works[0]])}"
            + (f" and {len(works) - 1} more" if len(works) > 1 else "")
            + ", but is not marked as trained for AI use. Plan training in using and "
            "overseeing the AI (what it does, where it errs, when to intervene) and mark the "
            "role trained once done.",
        )


# -- data context ---------------------------------------------------------------------------
def data_4(g: WorkflowGraph, run: CheckRun) -> None:
    """DATA-4: a data element feeding an AI step has no ``owner``. Checked once per data
    element that feeds an AI step."""
    for data in g.of_kind("data"):
        steps = [t for t in g.targets("feeds", data.id) if g.by_id[t].kind == "ai_step"]
        if not steps:
            continue
        if has_text(data.props, "owner"):
            run.passed("DATA-4")
            continue
        run.fail(
            "DATA-4",
            (data.id, *steps),
            f"{named(data, start=True)} feeds {named(g.by_id[steps[0]])}"
            + (f" and {len(steps) - 1} more" if len(steps) > 1 else "")
            + " but has no owner. Name who owns the data: who answers for its quality and "
            "decides who may use it.",
        )


# -- decision rights -------------------------------------------------------------------------
def dec_5(g: WorkflowGraph, run: CheckRun) -> None:
    """DEC-5: in a ``high`` risk workflow, an AI step has no connected role (R or A) with
    both ``can_override`` and ``can_stop`` true. Checked once per AI step."""
    if not _high_risk(g):
        return
    for step in g.of_kind("ai_step"):
        owners = g.owners_of(step.id)
        able = [
            r
            for r in owners
            if is_true(g.by_id[r].props, "can_override") and is_true(g.by_id[r].props, "can_stop")
        ]
        if able:
            run.passed("DEC-5")
            continue
        if owners:
            gap = (
                "no role responsible or accountable for it may both override its output "
                "and stop the system"
            )
        else:
            gap = "no role is connected to it as responsible or accountable"
        run.fail(
            "DEC-5",
            (step.id, *owners),
            f"{named(step, start=True)} is in a high-risk workflow, but {gap}. Give a role "
            "connected R or A the authority to override or reverse its output and to stop "
            "the system, so a person can always intervene.",
        )


# -- governance --------------------------------------------------------------------------
def gov_4(g: WorkflowGraph, run: CheckRun) -> None:
    """GOV-4: a ``customer_facing`` AI step has ``disclosed`` not true and no
    ``transparency`` control governs it. Checked once per customer-facing AI step."""
    for step in g.of_kind("ai_step"):
        if not is_true(step.props, "customer_facing"):
            continue
        if is_true(step.props, "disclosed") or _governed_by(g, step.id, "transparency"):
            run.passed("GOV-4")
            continue
        run.fail(
            "GOV-4",
            (step.id,),
            f"{named(step, start=True)} is customer facing, but people are not told they "
            "deal with AI and no transparency control governs it. Tell the people affected "
            "(and mark it disclosed), or connect a control of category transparency.",
        )


_ASSESSMENT_STATES = {
    None: "no AI impact assessment is recorded",
    "not_started": "its AI impact assessment has not started",
    "in_progress": "its AI impact assessment is still in progress",
    "not_needed": "its AI impact assessment is marked not needed",
}


def gov_5(g: WorkflowGraph, run: CheckRun) -> None:
    """GOV-5: a ``high`` risk workflow's ``impact_assessment`` is not ``done`` and it has no
    ``impact_assessment`` control. Checked once per high-risk workflow."""
    if not _high_risk(g):
        return
    state = g.workflow.impact_assessment
    if state == "done" or _controls(g, "impact_assessment"):
        run.passed("GOV-5")
        return
    why = _ASSESSMENT_STATES.get(state, f"its AI impact assessment is {humanize(str(state))}")
    run.fail(
        "GOV-5",
        tuple(e.id for e in g.of_kind("ai_step")),
        f"{workflow_name(g)} is high risk, but {why} and no impact-assessment control exists. "
        "Assess the impact on the people affected and their fundamental rights, and record "
        "it as done, or add a control of category impact assessment.",
    )


def gov_6(g: WorkflowGraph, run: CheckRun) -> None:
    """GOV-6: an AI step with ``provider`` ``third_party`` has no ``vendor_review`` control
    governing it or present in its workflow. Checked once per third-party AI step."""
    in_workflow = bool(_controls(g, "vendor_review"))
    for step in g.of_kind("ai_step"):
        if step.props.get("provider") != "third_party":
            continue
        if in_workflow or _governed_by(g, step.id, "vendor_review"):
            run.passed("GOV-6")
            continue
        run.fail(
            "GOV-6",
            (step.id,),
            f"{named(step, start=True)} runs on a third party's AI, but no vendor-review "
            "control covers it. Add a control of category vendor review: contract, data "
            "use, security and the vendor's obligations.",
        )


def gov_7(g: WorkflowGraph, run: CheckRun) -> None:
    """GOV-7: in a ``high`` risk workflow, an AI step has ``logging`` not true and no
    ``audit_trail`` control governs it. Checked once per AI step."""
    if not _high_risk(g):
        return
    for step in g.of_kind("ai_step"):
        if is_true(step.props, "logging") or _governed_by(g, step.id, "audit_trail"):
            run.passed("GOV-7")
            continue
        run.fail(
            "GOV-7",
            (step.id,),
            f"{named(step, start=True)} is in a high-risk workflow, but its inputs, outputs "
            "and decisions are not logged and no audit-trail control governs it. Log them "
            "(and keep the logs at least six months), or connect a control of category "
            "audit trail.",
        )


def gov_8(g: WorkflowGraph, run: CheckRun) -> None:
    """GOV-8: a ``high`` risk workflow has no ``incident_response`` control. Checked once
    per high-risk workflow."""
    if not _high_risk(g):
        return
    if _controls(g, "incident_response"):
        run.passed("GOV-8")
        return
    run.fail(
        "GOV-8",
        tuple(e.id for e in g.of_kind("ai_step")),
        f"{workflow_name(g)} is high risk but has no incident-response control. Add a "
        "control of category incident response: who notices a serious incident or error, "
        "who is told, and how the AI is paused and corrected.",
    )


#: The frameworks rules in rule-table order, for :func:`model.analysis.rules.run_rules`.
FRAMEWORK_RULES: tuple[Callable[[WorkflowGraph, CheckRun], None], ...] = (
    role_3,
    data_4,
    dec_5,
    gov_4,
    gov_5,
    gov_6,
    gov_7,
    gov_8,
)
