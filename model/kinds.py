"""Element kinds of the palette and the typed props each kind carries.

A :class:`PropSpec` says what one prop holds (text, bool, number, enum, list …) so that
validation, the inspector and the documentation share one description of the spec.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from model import vocabulary as v

PropType = Literal[
    "text",  # free text (str)
    "bool",  # true / false
    "number",  # int or float, with optional bounds
    "integer",  # int only, with optional bounds
    "enum",  # one of `choices`
    "enum_list",  # list of items from `choices`, no repeats
    "text_list",  # list of strings
    "scores",  # object of dimension (from `choices`) -> integer 1..5
    "date",  # ISO date string YYYY-MM-DD, or empty
]


@dataclass(frozen=True)
class PropSpec:
    """The type and bounds of one element prop."""

    name: str
    type: PropType
    label: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    multiline: bool = False
    nullable: bool = False
    #: The most characters a text value (or a text-list item) may have; None: ``TEXT_MAX``.
    max_length: int | None = None
    #: One sentence on what the prop means (the inspector's tooltip); "" for none.
    help: str = ""

    def describe_expected(self) -> str:
        """A short phrase naming what a valid value looks like (used in error messages)."""
        text = self._describe()
        return text + " or null" if self.nullable else text

    def _describe(self) -> str:
        if self.type == "date":
            return "a date as YYYY-MM-DD or an empty string"
        if self.type == "text":
            return "a string"
        if self.type == "bool":
            return "true or false"
        if self.type in ("number", "integer"):
            noun = "a whole number" if self.type == "integer" else "a number"
            if self.minimum is not None and self.maximum is not None:
                return f"{noun} from {_fmt(self.minimum)} to {_fmt(self.maximum)}"
            if self.minimum is not None:
                return f"{noun} ≥ {_fmt(self.minimum)}"
            return noun
        if self.type == "enum":
            return "one of " + ", ".join(self.choices)
        if self.type == "enum_list":
            return "a list of " + ", ".join(self.choices)
        if self.type == "text_list":
            return "a list of strings"
        return "an object mapping " + ", ".join(self.choices) + " to a whole number from 1 to 5"


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


@dataclass(frozen=True)
class KindSpec:
    """One element kind: its component, palette text, and the props it carries."""

    id: str
    name: str
    component: str | None
    hint: str
    props: tuple[PropSpec, ...] = field(default_factory=tuple)

    def prop(self, name: str) -> PropSpec | None:
        """The spec of prop ``name``, or None when the kind does not define it."""
        for spec in self.props:
            if spec.name == name:
                return spec
        return None


def _minutes(name: str, label: str) -> PropSpec:
    return PropSpec(name, "number", label, minimum=0)


_MINUTES = (
    _minutes("minutes_before", "Minutes today"),
    _minutes("minutes_after", "Minutes redesigned"),
)

KINDS: tuple[KindSpec, ...] = (
    KindSpec(
        "trigger",
        "Trigger",
        "workflow_architecture",
        "What starts the workflow (a lead arrives, an invoice lands)",
        (PropSpec("description", "text", "Description", multiline=True),),
    ),
    KindSpec(
        "step",
        "Step",
        "workflow_architecture",
        "A piece of work people or systems do today",
        (
            PropSpec("system", "text", "System"),
            PropSpec("manual", "bool", "Manual step"),
            *_MINUTES,
        ),
    ),
    KindSpec(
        "ai_step",
        "AI step",
        "workflow_architecture",
        "Where AI enters: its task, input, output and decision right",
        (
            PropSpec(
                "purpose",
                "text",
                "Intended purpose",
                multiline=True,
                help="The intended purpose, as the AI inventory states it (NIST AI RMF MAP 1.1).",
            ),
            PropSpec("task", "text", "Task"),
            PropSpec("input", "text", "Input"),
            PropSpec("output", "text", "Output"),
            PropSpec("tool", "text", "Tool"),
            PropSpec("tool_approved", "bool", "Tool approved"),
            PropSpec(
                "provider",
                "enum",
                "Provider",
                v.PROVIDERS,
                help="Built in house, or bought from a third party (vendor review: GOV-6).",
            ),
            PropSpec("decision_right", "enum", "Decision right", v.DECISION_RIGHTS),
            PropSpec("oversight", "enum", "Oversight", v.OVERSIGHT),
            PropSpec("customer_facing", "bool", "Customer facing"),
            PropSpec(
                "disclosed",
                "bool",
                "Disclosed as AI",
                help="People affected are told they deal with AI (EU AI Act Art. 50).",
            ),
            PropSpec(
                "logging",
                "bool",
                "Logged",
                help="Inputs, outputs and decisions are logged (EU AI Act Art. 12).",
            ),
            PropSpec("error_risks", "enum_list", "Error risks", v.ERROR_RISKS),
            *_MINUTES,
        ),
    ),
    KindSpec(
        "role",
        "Role",
        "role_design",
        "A human role that owns or reviews work, and how it shifts",
        (
            PropSpec("shift_from", "enum", "Shifts from", v.SHIFT_FROM),
            PropSpec("shift_to", "enum", "Shifts to", v.SHIFT_TO),
            PropSpec("capability_needs", "text", "Capability needs", multiline=True),
            PropSpec("headcount", "integer", "Headcount", minimum=0),
            PropSpec(
                "can_override",
                "bool",
                "Can override AI output",
                help="May override or reverse an AI output (EU AI Act Art. 14(4)).",
            ),
            PropSpec(
                "can_stop",
                "bool",
                "Can stop the AI system",
                help="May suspend or stop the AI system (EU AI Act Art. 14(4)).",
            ),
            PropSpec(
                "ai_training",
                "bool",
                "Trained in AI use",
                help="Trained for AI use and oversight (EU AI Act Art. 4, ISO/IEC 42001 7.2).",
            ),
        ),
    ),
    KindSpec(
        "data",
        "Data",
        "data_context",
        "Data an AI step needs: where it lives, how sensitive, how ready",
        (
            PropSpec("source_system", "text", "Source system"),
            PropSpec("owner", "text", "Owner"),
            PropSpec("location", "text", "Location"),
            PropSpec("sensitivity", "enum", "Sensitivity", v.SENSITIVITY),
            PropSpec("personal_data", "bool", "Personal data"),
            PropSpec("readiness", "enum", "Readiness", v.READINESS),
            PropSpec("quality", "scores", "Quality (1–5)", v.QUALITY_DIMENSIONS),
        ),
    ),
    KindSpec(
        "gate",
        "Gate",
        "decision_rights",
        "A human approval point: who approves, on what criteria",
        (
            PropSpec("approver", "text", "Approver"),
            PropSpec("criteria", "text", "Criteria", multiline=True),
            PropSpec("sla_hours", "number", "SLA (hours)", minimum=0),
        ),
    ),
    KindSpec(
        "review",
        "Review",
        "quality_assurance",
        "A quality check of AI output: reviewer, sample rate, checks",
        (
            PropSpec("reviewer", "text", "Reviewer"),
            PropSpec("sample_rate", "number", "Sample rate (%)", minimum=0, maximum=100),
            PropSpec("criteria", "text", "Criteria", multiline=True),
            PropSpec("checks", "enum_list", "Checks", v.ERROR_RISKS),
        ),
    ),
    KindSpec(
        "control",
        "Control",
        "governance",
        "A governance control: security, access, audit, regulation",
        (
            PropSpec("category", "enum", "Category", v.CONTROL_CATEGORIES),
            PropSpec("description", "text", "Description", multiline=True),
            PropSpec("owner", "text", "Owner"),
            PropSpec("references", "text_list", "References"),
        ),
    ),
    KindSpec(
        "metric",
        "Metric",
        "measurement",
        "The number that shows the work improved: baseline, target, owner",
        (
            PropSpec("unit", "text", "Unit"),
            PropSpec("baseline", "number", "Baseline"),
            PropSpec("target", "number", "Target"),
            PropSpec("direction", "enum", "Direction", v.METRIC_DIRECTIONS),
            PropSpec("frequency", "enum", "Frequency", v.FREQUENCIES),
            PropSpec("owner", "text", "Owner"),
            PropSpec("source", "text", "Source"),
        ),
    ),
    KindSpec(
        "outcome",
        "Outcome",
        "workflow_architecture",
        "Where the workflow ends: the result it delivers",
        (PropSpec("description", "text", "Description", multiline=True),),
    ),
    KindSpec(
        "note",
        "Sticky note",
        None,
        "A facilitation note; never connects",
        (
            PropSpec("text", "text", "Text", multiline=True),
            PropSpec("color", "enum", "Colour", v.NOTE_COLORS),
        ),
    ),
)
KINDS_BY_ID: dict[str, KindSpec] = {k.id: k for k in KINDS}
KIND_IDS: tuple[str, ...] = tuple(k.id for k in KINDS)

#: Kinds that make up the flow of work (the spec's "flow element" plus trigger/outcome).
FLOW_KINDS = frozenset({"trigger", "step", "ai_step", "gate", "review", "outcome"})
#: The spec's "flow element" for ARCH-3: work that must lie on a trigger→outcome path.
WORK_KINDS = frozenset({"step", "ai_step", "gate", "review"})


def kind_spec(kind: str) -> KindSpec:
    """The :class:`KindSpec` of ``kind``; raises KeyError for an unknown kind."""
    return KINDS_BY_ID[kind]


def kinds_of_component(component: str | None) -> list[KindSpec]:
    """All kinds that serve ``component`` (None for facilitation kinds), in palette order."""
    return [k for k in KINDS if k.component == component]
