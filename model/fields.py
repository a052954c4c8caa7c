"""Typed fields of the workshop and of a workflow (the non-element parts of a session)."""

from __future__ import annotations

from model import vocabulary as v
from model.kinds import PropSpec
from model.limits import ID_MAX, LABEL_MAX, NOTES_MAX

WORKSHOP_FIELDS: tuple[PropSpec, ...] = (
    PropSpec("title", "text", "Title", max_length=LABEL_MAX),
    PropSpec("client", "text", "Client", max_length=LABEL_MAX),
    PropSpec("date", "date", "Date"),
    PropSpec("facilitator", "text", "Facilitator", max_length=LABEL_MAX),
    PropSpec("location", "text", "Location", max_length=LABEL_MAX),
    PropSpec("confidentiality", "enum", "Confidentiality", v.CONFIDENTIALITY),
    PropSpec("maturity_stage", "integer", "Maturity stage", minimum=1, maximum=4, nullable=True),
    PropSpec("notes", "text", "Notes", multiline=True, max_length=NOTES_MAX),
)

WORKFLOW_FIELDS: tuple[PropSpec, ...] = (
    PropSpec("name", "text", "Name", max_length=LABEL_MAX),
    PropSpec("function", "enum", "Function", v.FUNCTIONS),
    PropSpec("description", "text", "Description", multiline=True),
    PropSpec("owner", "text", "Owner", max_length=LABEL_MAX),
    PropSpec("status", "enum", "Status", v.WORKFLOW_STATUSES),
    PropSpec("value", "integer", "Value (1–5)", minimum=1, maximum=5, nullable=True),
    PropSpec("feasibility", "integer", "Feasibility (1–5)", minimum=1, maximum=5, nullable=True),
    PropSpec("risk_tier", "enum", "Risk tier (EU AI Act)", v.RISK_TIERS, nullable=True),
    PropSpec(
        "impact_assessment",
        "enum",
        "AI impact assessment",
        v.IMPACT_ASSESSMENTS,
        nullable=True,
        help="Where the AI system impact assessment stands (ISO/IEC 42001 6.1.4, EU AI Act "
        "Art. 27).",
    ),
    PropSpec("votes", "integer", "Votes", minimum=0),
)

PARTICIPANT_FIELDS: tuple[PropSpec, ...] = (
    PropSpec("name", "text", "Name", max_length=LABEL_MAX),
    PropSpec("title", "text", "Title", max_length=LABEL_MAX),
    PropSpec("workshop_role", "enum", "Workshop role", v.WORKSHOP_ROLES),
)

#: One agenda item of the workshop.
AGENDA_FIELDS: tuple[PropSpec, ...] = (
    PropSpec("title", "text", "Title", max_length=LABEL_MAX),
    PropSpec("minutes", "number", "Minutes", minimum=0),
    PropSpec("done", "bool", "Done"),
)

#: One participant's dots on a workflow or an element.
VOTE_FIELDS: tuple[PropSpec, ...] = (
    PropSpec("participant", "text", "Participant", max_length=LABEL_MAX),
    PropSpec("target", "text", "Workflow or element id", max_length=ID_MAX),
    PropSpec("count", "integer", "Dots", minimum=1),
)

WORKSHOP_FIELDS_BY_NAME = {f.name: f for f in WORKSHOP_FIELDS}
WORKFLOW_FIELDS_BY_NAME = {f.name: f for f in WORKFLOW_FIELDS}
