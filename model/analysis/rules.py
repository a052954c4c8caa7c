"""The analysis rules of the domain spec: what is missing from an AI operating model map.

Every rule looks at one kind of *subject* (an AI step, a gate, a workflow …) and, for each
subject it applies to, performs one **check**: the check passes, or it fails and gives a
:class:`Finding` whose message says what is wrong and what to do, naming elements by label.
The component scores (:mod:`model.analysis.scores`) are the share of checks that pass, so
the subjects each rule counts are part of its definition; ``docs/analysis.md`` lists them.

Choices where the spec is silent (also in ``docs/analysis.md``):

* Text props count as missing when absent or blank; other props when absent or null.
* "Role connected" means a *responsible* connection (role → element), whatever its RACI
  letter.
* DEC-2 / DEC-3, "a gate downstream on every flow path to an outcome": remove the gates
  from the flow graph; the rule fires when an outcome is still reachable from the AI step.
  When the AI step reaches no outcome at all, no path can be guaranteed, so the rule fires
  unless there is at least one gate downstream of it (ARCH-3 reports the broken path).
* DATA-2 fires only for the explicit readiness values ``not_ready`` and ``unknown``.
* ROLE-2 fires when either ``shift_from`` or ``shift_to`` is missing.
* "Connected R or A" (DEC-5, ROLE-3) counts a responsible connection without a RACI letter
  as R: the connection's meaning is "responsible".
* A bool prop is "true" only when it holds ``true``; absent, null or false are "not true".

Every finding carries the references of its rule (:mod:`model.frameworks`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from model.analysis.framework_rules import FRAMEWORK_RULES
from model.analysis.graph import WorkflowGraph, workflow_graph, workflow_graphs
from model.analysis.wording import and_ as _and
from model.analysis.wording import has_text, has_value, named
from model.analysis.wording import or_ as _or
from model.analysis.wording import workflow_name as _workflow_name
from model.frameworks import RULE_REFERENCES
from model.session import Element, Session

SEVERITIES = ("error", "warning", "info")
_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class RuleSpec:
    """One rule of the spec: id, severity, component and a short title for docs and UI."""

    id: str
    severity: str
    component: str
    title: str

    @property
    def references(self) -> tuple[str, ...]:
        """The framework passages the rule relates to (``docs/domain-spec.md``)."""
        return RULE_REFERENCES.get(self.id, ())


RULES: tuple[RuleSpec, ...] = (
    RuleSpec("ARCH-1", "warning", "workflow_architecture", "AI step without task, input or output"),
    RuleSpec("ARCH-2", "warning", "workflow_architecture", "Workflow without trigger or outcome"),
    RuleSpec("ARCH-3", "warning", "workflow_architecture", "Work not on a trigger → outcome path"),
    RuleSpec("ROLE-1", "error", "role_design", "AI step without a role"),
    RuleSpec("ROLE-2", "info", "role_design", "Role shift not captured"),
    RuleSpec("ROLE-3", "warning", "role_design", "Role working with AI not trained for it"),
    RuleSpec("DATA-1", "error", "data_context", "AI step without data"),
    RuleSpec("DATA-2", "warning", "data_context", "AI step fed by data that is not ready"),
    RuleSpec("DATA-3", "error", "data_context", "Sensitive data without a security control"),
    RuleSpec("DATA-4", "warning", "data_context", "Data feeding AI without an owner"),
    RuleSpec("DEC-1", "warning", "decision_rights", "AI step without a decision right"),
    RuleSpec("DEC-2", "error", "decision_rights", "Approval required but no gate on every path"),
    RuleSpec("DEC-3", "error", "decision_rights", "Risky automated AI step without a gate"),
    RuleSpec("DEC-4", "warning", "decision_rights", "Gate without an approver"),
    RuleSpec("DEC-5", "error", "decision_rights", "High-risk AI step nobody can override and stop"),
    RuleSpec("QA-1", "warning", "quality_assurance", "Customer-facing AI output not reviewed"),
    RuleSpec("QA-2", "info", "quality_assurance", "Review without reviewer or sample rate"),
    RuleSpec("GOV-1", "warning", "governance", "AI tool not approved"),
    RuleSpec("GOV-2", "error", "governance", "High-risk workflow without an audit trail"),
    RuleSpec("GOV-3", "error", "governance", "Workflow of unacceptable risk"),
    RuleSpec("GOV-4", "warning", "governance", "Customer-facing AI not disclosed"),
    RuleSpec("GOV-5", "warning", "governance", "High-risk workflow without an impact assessment"),
    RuleSpec("GOV-6", "info", "governance", "Third-party AI without a vendor review"),
    RuleSpec("GOV-7", "warning", "governance", "High-risk AI step not logged"),
    RuleSpec("GOV-8", "warning", "governance", "High-risk workflow without incident response"),
    RuleSpec("MEAS-1", "warning", "measurement", "AI in the workflow but no metric"),
    RuleSpec("MEAS-2", "warning", "measurement", "Metric without baseline or target"),
    RuleSpec("MEAS-3", "info", "measurement", "Metric without an owner"),
    RuleSpec("MEAS-4", "info", "measurement", "No learning loop from metrics to trigger"),
)
RULES_BY_ID: dict[str, RuleSpec] = {r.id: r for r in RULES}


@dataclass(frozen=True)
class Finding:
    """One failed check: which rule, where, which elements, and what to do about it."""

    rule: str
    severity: str
    component: str
    workflow_id: str
    element_ids: tuple[str, ...]
    message: str
    #: The framework passages the rule relates to, e.g. ``"EU AI Act Art. 14"``.
    references: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The finding as a JSON-ready dict (the ``findings`` items of ``opmodel check``)."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "component": self.component,
            "workflow_id": self.workflow_id,
            "element_ids": list(self.element_ids),
            "message": self.message,
            "references": list(self.references),
        }


def rule_sort_key(rule_id: str) -> tuple[str, int]:
    """Natural order of rule ids: ``("ARCH", 2)`` sorts before ``("ARCH", 10)``."""
    prefix, _, number = rule_id.partition("-")
    return prefix, int(number) if number.isdigit() else 0


_RULE_ORDER: dict[str, tuple[int, tuple[str, int]]] = {
    r.id: (_SEVERITY_RANK[r.severity], rule_sort_key(r.id)) for r in RULES
}


def finding_sort_key(finding: Finding) -> tuple[int, tuple[str, int]]:
    """Within a workflow: errors first, then warnings, then info; then by rule id."""
    order = _RULE_ORDER.get(finding.rule)
    if order is not None:
        return order
    return _SEVERITY_RANK.get(finding.severity, len(SEVERITIES)), rule_sort_key(finding.rule)


@dataclass
class RuleRun:
    """The outcome of running every rule on one workflow: findings and check counts.

    ``checked[rule]`` counts the subjects the rule applied to, ``failed[rule]`` those that
    gave a finding; rules that applied to nothing are absent from both.
    """

    workflow_id: str
    findings: list[Finding] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    failed: dict[str, int] = field(default_factory=dict)

    def passed(self, rule: str) -> None:
        """Count one passing check of ``rule``."""
        self.checked[rule] = self.checked.get(rule, 0) + 1

    def fail(self, rule: str, element_ids: tuple[str, ...], message: str) -> None:
        """Count one failing check of ``rule`` and record its finding."""
        self.checked[rule] = self.checked.get(rule, 0) + 1
        self.failed[rule] = self.failed.get(rule, 0) + 1
        spec = RULES_BY_ID[rule]
        self.findings.append(
            Finding(
                rule,
                spec.severity,
                spec.component,
                self.workflow_id,
                element_ids,
                message,
                spec.references,
            )
        )


# -- workflow architecture ----------------------------------------------------------------
def _arch_1(g: WorkflowGraph, run: RuleRun) -> None:
    for step in g.of_kind("ai_step"):
        missing = [key for key in ("task", "input", "output") if not has_text(step.props, key)]
        if not missing:
            run.passed("ARCH-1")
            continue
        run.fail(
            "ARCH-1",
            (step.id,),
            f"{named(step, start=True)} has no {_or(missing)} yet. Describe the task the AI "
            "does, what it takes in and what it hands on, so everyone sees where AI enters "
            "the work.",
        )


def _arch_2(g: WorkflowGraph, run: RuleRun) -> None:
    work = g.work_elements
    if not work:
        return
    no_trigger = not g.of_kind("trigger")
    no_outcome = not g.of_kind("outcome")
    if not (no_trigger or no_outcome):
        run.passed("ARCH-2")
        return
    if no_trigger and no_outcome:
        text = (
            "has no trigger and no outcome. Add a trigger for what starts the work and an "
            "outcome for the result it delivers, and connect them to the first and last steps."
        )
    elif no_trigger:
        text = (
            "has no trigger. Add a trigger for what starts the work and connect it to the "
            "first step."
        )
    else:
        text = (
            "has no outcome. Add an outcome for the result it delivers and connect the last "
            "step to it."
        )
    run.fail("ARCH-2", tuple(e.id for e in work), f"{_workflow_name(g)} {text}")


def _arch_3(g: WorkflowGraph, run: RuleRun) -> None:
    for element in g.work_elements:
        started = element.id in g.from_triggers
        finishes = element.id in g.to_outcomes
        if started and finishes:
            run.passed("ARCH-3")
            continue
        problems = []
        if not started:
            problems.append("no flow leads to it from a trigger")
        if not finishes:
            problems.append("its flow reaches no outcome")
        run.fail(
            "ARCH-3",
            (element.id,),
            f"{named(element, start=True)} is not on a path from a trigger to an outcome: "
            f"{_and(problems)}. Connect it into the flow, or remove it if it is not part "
            "of this workflow.",
        )


# -- role design ------------------------------------------------------------------------
def _role_1(g: WorkflowGraph, run: RuleRun) -> None:
    for step in g.of_kind("ai_step"):
        if g.roles_of(step.id):
            run.passed("ROLE-1")
            continue
        run.fail(
            "ROLE-1",
            (step.id,),
            f"{named(step, start=True)} has no role connected to it. Connect the role that "
            "owns it: who runs it and answers for its output.",
        )


def _role_2(g: WorkflowGraph, run: RuleRun) -> None:
    for role in g.of_kind("role"):
        steps = [t for t in g.targets("responsible", role.id) if g.by_id[t].kind == "ai_step"]
        if not steps:
            continue
        missing = [k for k in ("shift_from", "shift_to") if not has_value(role.props, k)]
        if not missing:
            run.passed("ROLE-2")
            continue
        gap = (
            "how it shifts"
            if len(missing) == 2
            else "what it shifts from"
            if missing == ["shift_from"]
            else "what it shifts to"
        )
        run.fail(
            "ROLE-2",
            (role.id, *steps),
            f"{named(role, start=True)} works with {named(g.by_id[steps[0]])}, but {gap} is "
            "not captured. Set both ends of the shift (for example drafting → reviewing).",
        )


# -- data context ---------------------------------------------------------------------------
def _data_1(g: WorkflowGraph, run: RuleRun) -> None:
    for step in g.of_kind("ai_step"):
        if any(g.by_id[s].kind == "data" for s in g.sources("feeds", step.id)):
            run.passed("DATA-1")
            continue
        run.fail(
            "DATA-1",
            (step.id,),
            f"{named(step, start=True)} has no data feeding it. Connect the data it needs "
            "(CRM records, price list…) with a data element.",
        )


def _ai_steps_fed_by(g: WorkflowGraph, data: Element) -> list[str]:
    return [t for t in g.targets("feeds", data.id) if g.by_id[t].kind == "ai_step"]


def _data_2(g: WorkflowGraph, run: RuleRun) -> None:
    for data in g.of_kind("data"):
        steps = _ai_steps_fed_by(g, data)
        if not steps:
            continue
        readiness = data.props.get("readiness")
        if readiness not in ("not_ready", "unknown"):
            run.passed("DATA-2")
            continue
        state = "is not ready" if readiness == "not_ready" else "has unknown readiness"
        fed = _and([named(g.by_id[s]) for s in steps])
        run.fail(
            "DATA-2",
            (data.id, *steps),
            f"{named(data, start=True)} {state} but feeds {fed}. Plan the clean-up or access "
            "work before the AI step goes live, or use data that is ready.",
        )


_SENSITIVE_LEVELS = ("confidential", "restricted")
_DATA_CONTROLS = ("data_security", "access_rights")


def _data_3(g: WorkflowGraph, run: RuleRun) -> None:
    for data in g.of_kind("data"):
        sensitivity = data.props.get("sensitivity")
        personal = data.props.get("personal_data") is True
        if sensitivity not in _SENSITIVE_LEVELS and not personal:
            continue
        steps = _ai_steps_fed_by(g, data)
        if not steps:
            continue
        data_guarded = _guarded(g, data.id)
        described = ", ".join(
            ([str(sensitivity)] if sensitivity in _SENSITIVE_LEVELS else [])
            + (["personal data"] if personal else [])
        )
        for step_id in steps:
            if data_guarded or _guarded(g, step_id):
                run.passed("DATA-3")
                continue
            run.fail(
                "DATA-3",
                (data.id, step_id),
                f"{named(data, start=True)} ({described}) feeds {named(g.by_id[step_id])}, "
                "but no data-security or access-rights control governs either. Add a control "
                "of category data security or access rights and connect it to the data "
                "element or the AI step.",
            )


def _guarded(g: WorkflowGraph, element_id: str) -> bool:
    return any(
        g.by_id[c].props.get("category") in _DATA_CONTROLS for c in g.sources("governs", element_id)
    )


# -- decision rights -------------------------------------------------------------------------
def _dec_1(g: WorkflowGraph, run: RuleRun) -> None:
    for step in g.of_kind("ai_step"):
        if has_value(step.props, "decision_right"):
            run.passed("DEC-1")
            continue
        run.fail(
            "DEC-1",
            (step.id,),
            f"{named(step, start=True)} has no decision right. Decide whether its output is "
            "a draft, a recommendation, an alert, needs approval, or is acted on "
            "automatically.",
        )


def gate_missing(g: WorkflowGraph, element_id: str) -> tuple[bool, list[str]]:
    """Whether no gate lies downstream of the element on every flow path to an outcome.

    Returns ``(missing, outcomes)``: the outcomes reached without passing a gate. When the
    element reaches no outcome at all, ``missing`` is True unless some gate is downstream.
    """
    if element_id in g.to_outcomes:
        if element_id not in g.to_outcomes_avoiding_gates:
            return False, []
        return True, g.outcomes_reached_avoiding_gates(element_id)
    return element_id not in g.with_gate_downstream, []


def _gate_advice(g: WorkflowGraph, outcomes: list[str]) -> str:
    if outcomes:
        names = _and([named(g.by_id[o]) for o in outcomes])
        return f"a flow path from it reaches {names} without passing a gate"
    return "no gate follows it in the flow"


def _dec_2(g: WorkflowGraph, run: RuleRun) -> None:
    for step in g.of_kind("ai_step"):
        if step.props.get("decision_right") != "approval_required":
            continue
        missing, outcomes = gate_missing(g, step.id)
        if not missing:
            run.passed("DEC-2")
            continue
        run.fail(
            "DEC-2",
            (step.id, *outcomes),
            f"{named(step, start=True)} requires approval, but {_gate_advice(g, outcomes)}. "
            "Add a gate after it (who approves, on what criteria) on every path to the "
            "outcome.",
        )


def _dec_3(g: WorkflowGraph, run: RuleRun) -> None:
    high_risk = g.workflow.risk_tier == "high"
    for step in g.of_kind("ai_step"):
        if step.props.get("decision_right") != "automated":
            continue
        customer_facing = step.props.get("customer_facing") is True
        if not (customer_facing or high_risk):
            continue
        missing, outcomes = gate_missing(g, step.id)
        if not missing:
            run.passed("DEC-3")
            continue
        why = _and(
            (["customer facing"] if customer_facing else [])
            + (["in a high-risk workflow"] if high_risk else [])
        )
        run.fail(
            "DEC-3",
            (step.id, *outcomes),
            f"{named(step, start=True)} acts automatically and is {why}, but "
            f"{_gate_advice(g, outcomes)}. Add a gate where a person approves before the "
            "outcome, or change its decision right.",
        )


def _dec_4(g: WorkflowGraph, run: RuleRun) -> None:
    for gate in g.of_kind("gate"):
        if has_text(gate.props, "approver") or g.roles_of(gate.id):
            run.passed("DEC-4")
            continue
        run.fail(
            "DEC-4",
            (gate.id,),
            f"{named(gate, start=True)} has no approver. Name who approves, or connect the "
            "role that does.",
        )


# -- quality assurance -------------------------------------------------------------------
def _qa_1(g: WorkflowGraph, run: RuleRun) -> None:
    for step in g.of_kind("ai_step"):
        if step.props.get("customer_facing") is not True:
            continue
        neighbours = (*g.targets("flow", step.id), *g.sources("flow", step.id))
        connected = any(g.by_id[n].kind == "review" for n in neighbours)
        if connected or step.id in g.with_review_downstream:
            run.passed("QA-1")
            continue
        run.fail(
            "QA-1",
            (step.id,),
            f"{named(step, start=True)} is customer facing, but no review checks its "
            "output. Add a review after it in the flow (who reviews, what sample, which "
            "errors matter).",
        )


def _qa_2(g: WorkflowGraph, run: RuleRun) -> None:
    for review in g.of_kind("review"):
        no_reviewer = not has_text(review.props, "reviewer") and not g.roles_of(review.id)
        no_sample = not has_value(review.props, "sample_rate")
        if not (no_reviewer or no_sample):
            run.passed("QA-2")
            continue
        gaps = (["no reviewer"] if no_reviewer else []) + (["no sample rate"] if no_sample else [])
        todo = (["name the reviewer or connect their role"] if no_reviewer else []) + (
            ["set the share of outputs sampled (0–100 %)"] if no_sample else []
        )
        text = "; ".join(todo)
        run.fail(
            "QA-2",
            (review.id,),
            f"{named(review, start=True)} has {_and(gaps)}. {text[:1].upper()}{text[1:]}.",
        )


# -- governance --------------------------------------------------------------------------
def _gov_1(g: WorkflowGraph, run: RuleRun) -> None:
    for step in g.of_kind("ai_step"):
        if not has_text(step.props, "tool"):
            continue
        if step.props.get("tool_approved") is True:
            run.passed("GOV-1")
            continue
        tool = step.props["tool"].strip()
        run.fail(
            "GOV-1",
            (step.id,),
            f"{named(step, start=True)} uses “{tool}”, which is not marked approved. Confirm "
            "the tool is approved for this use (security, vendor review, acceptable use) or "
            "choose an approved one.",
        )


def _gov_2(g: WorkflowGraph, run: RuleRun) -> None:
    if g.workflow.risk_tier != "high":
        return
    if any(c.props.get("category") == "audit_trail" for c in g.of_kind("control")):
        run.passed("GOV-2")
        return
    run.fail(
        "GOV-2",
        tuple(e.id for e in g.of_kind("ai_step")),
        f"{_workflow_name(g)} is high risk but has no audit-trail control. Add a control of "
        "category audit trail that records what the AI did and who approved it.",
    )


def _gov_3(g: WorkflowGraph, run: RuleRun) -> None:
    if g.workflow.risk_tier is None:
        return
    if g.workflow.risk_tier != "unacceptable":
        run.passed("GOV-3")
        return
    run.fail(
        "GOV-3",
        tuple(e.id for e in g.of_kind("ai_step")),
        f"{_workflow_name(g)} is classified as unacceptable risk: this use of AI is "
        "prohibited under the EU AI Act. Stop or redesign the use case before going further.",
    )


# -- measurement -------------------------------------------------------------------------
def _meas_1(g: WorkflowGraph, run: RuleRun) -> None:
    steps = g.of_kind("ai_step")
    if not steps:
        return
    if g.of_kind("metric"):
        run.passed("MEAS-1")
        return
    run.fail(
        "MEAS-1",
        tuple(e.id for e in steps),
        f"{_workflow_name(g)} uses AI but has no metric: that is exploratory, not "
        "transformation. Add a metric with baseline, target and owner that shows whether "
        "the work improved.",
    )


def _meas_2(g: WorkflowGraph, run: RuleRun) -> None:
    for metric in g.of_kind("metric"):
        missing = [k for k in ("baseline", "target") if not has_value(metric.props, k)]
        if not missing:
            run.passed("MEAS-2")
            continue
        todo = _and(
            (["today's value (baseline)"] if "baseline" in missing else [])
            + (["the value you aim for (target)"] if "target" in missing else [])
        )
        run.fail(
            "MEAS-2",
            (metric.id,),
            f"{named(metric, start=True)} has no {_or(missing)}. Record {todo}.",
        )


def _meas_3(g: WorkflowGraph, run: RuleRun) -> None:
    for metric in g.of_kind("metric"):
        if has_text(metric.props, "owner") or g.roles_of(metric.id):
            run.passed("MEAS-3")
            continue
        run.fail(
            "MEAS-3",
            (metric.id,),
            f"{named(metric, start=True)} has no owner. Name who owns it, or connect the "
            "role that does.",
        )


def _meas_4(g: WorkflowGraph, run: RuleRun) -> None:
    metrics = g.of_kind("metric")
    if not metrics:
        return
    if any(g.targets("learning_loop", m.id) for m in metrics):
        run.passed("MEAS-4")
        return
    run.fail(
        "MEAS-4",
        tuple(m.id for m in metrics),
        f"{_workflow_name(g)} has metrics but no learning loop. Connect a metric to the "
        "trigger so results feed back into planning.",
    )


_RULE_FUNCTIONS: tuple[Callable[[WorkflowGraph, RuleRun], None], ...] = (
    _arch_1,
    _arch_2,
    _arch_3,
    _role_1,
    _role_2,
    _data_1,
    _data_2,
    _data_3,
    _dec_1,
    _dec_2,
    _dec_3,
    _dec_4,
    _qa_1,
    _qa_2,
    _gov_1,
    _gov_2,
    _gov_3,
    _meas_1,
    _meas_2,
    _meas_3,
    _meas_4,
    *FRAMEWORK_RULES,
)


def run_rules(graph: WorkflowGraph) -> RuleRun:
    """Run every rule on one workflow's graph; findings sorted by severity, then rule id."""
    run = RuleRun(graph.workflow.id)
    for rule in _RULE_FUNCTIONS:
        rule(graph, run)
    run.findings.sort(key=finding_sort_key)
    return run


def check_workflow(session: Session, workflow_id: str) -> list[Finding]:
    """The findings of one workflow: errors, then warnings, then info; then by rule id."""
    return run_rules(workflow_graph(session, workflow_id)).findings


def check_session(session: Session) -> list[Finding]:
    """The findings of every workflow, in tab order, each sorted as :func:`check_workflow`."""
    return [f for graph in workflow_graphs(session).values() for f in run_rules(graph).findings]
