"""The fixed vocabulary of the domain spec: components, stages and every enumeration.

Each enumeration is a tuple of the exact strings the spec allows, in the spec's order,
so that combo boxes, validation messages and documentation all list them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_NAME = "opmodel"
#: The interchange version export writes (2: the frameworks props, ``docs/domain-spec.md``).
FORMAT_VERSION = 2
#: Every interchange version import reads (version 1 is a subset of version 2).
READABLE_FORMAT_VERSIONS = (1, 2)


@dataclass(frozen=True)
class Component:
    """One of the seven components of an AI operating model."""

    id: str
    name: str
    captures: str


COMPONENTS: tuple[Component, ...] = (
    Component(
        "workflow_architecture",
        "Workflow architecture",
        "where AI enters the workflow, what task it does, its input, its output, what happens next",
    ),
    Component(
        "role_design",
        "Role design",
        "which human roles own each step and how they shift",
    ),
    Component(
        "data_context",
        "Data context",
        "which data each AI step needs, where it lives, how sensitive and how ready it is",
    ),
    Component(
        "decision_rights",
        "Decision rights",
        "whether an AI output is a draft, recommendation, alert, needs approval or is automated",
    ),
    Component(
        "quality_assurance",
        "Quality assurance",
        "review standards, who reviews samples, which errors matter",
    ),
    Component(
        "governance",
        "Governance",
        "data security, approved tools, access rights, auditability, vendor review, regulation",
    ),
    Component(
        "measurement",
        "Measurement",
        "the metric that says whether performance improved: baseline, target, owner",
    ),
)
COMPONENT_IDS: tuple[str, ...] = tuple(c.id for c in COMPONENTS)
COMPONENTS_BY_ID: dict[str, Component] = {c.id: c for c in COMPONENTS}

MATURITY_STAGES: tuple[str, ...] = (
    "controlled_experimentation",
    "use_case_prioritization",
    "operating_model_design",
    "scaling_and_improvement",
)

CONFIDENTIALITY = ("public", "internal", "confidential", "restricted")
WORKSHOP_ROLES = ("sponsor", "participant", "observer", "facilitator")
FUNCTIONS = (
    "sales",
    "marketing",
    "finance",
    "customer_support",
    "operations",
    "product",
    "strategy",
    "hr",
    "other",
)
WORKFLOW_STATUSES = ("exploring", "pilot", "scaling")
RISK_TIERS = ("minimal", "limited", "high", "unacceptable")

DECISION_RIGHTS = ("draft", "recommendation", "alert", "approval_required", "automated")
OVERSIGHT = ("human_in_the_loop", "human_on_the_loop", "human_out_of_the_loop")
ERROR_RISKS = (
    "hallucination",
    "bias",
    "outdated_information",
    "poor_recommendation",
    "privacy_leak",
    "security",
)
SHIFT_FROM = ("drafting", "searching", "coordinating", "executing")
SHIFT_TO = ("reviewing", "interpreting", "exception_management", "deciding")
SENSITIVITY = ("public", "internal", "confidential", "restricted")
READINESS = ("ready", "needs_cleanup", "not_ready", "unknown")
QUALITY_DIMENSIONS = (
    "completeness",
    "accuracy",
    "timeliness",
    "consistency",
    "validity",
    "uniqueness",
)
CONTROL_CATEGORIES = (
    "data_security",
    "approved_tools",
    "access_rights",
    "audit_trail",
    "vendor_review",
    "regulatory",
    "acceptable_use",
    # version 2 (the frameworks contract)
    "human_oversight",
    "transparency",
    "impact_assessment",
    "incident_response",
    "monitoring",
)
#: Who provides an AI step's system (version 2).
PROVIDERS = ("in_house", "third_party")
#: Where a workflow's AI impact assessment stands (version 2).
IMPACT_ASSESSMENTS = ("not_started", "in_progress", "done", "not_needed")
METRIC_DIRECTIONS = ("increase", "decrease")
FREQUENCIES = ("daily", "weekly", "monthly", "quarterly")
NOTE_COLORS = ("yellow", "pink", "blue", "green")
RACI = ("R", "A", "C", "I")


def humanize(value: str) -> str:
    """Turn an enum string such as ``approval_required`` into ``Approval required``."""
    text = value.replace("_", " ")
    return text[:1].upper() + text[1:]
