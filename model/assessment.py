"""The maturity self-assessment: questions per component, answers 0–4, and the stage.

Answers live in ``workshop.assessment`` under keys ``"<component>.q<n>"`` (the spec's
example: ``"data_context.q1": 3``). The four-stage path is the spec's maturity path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from model.vocabulary import COMPONENTS_BY_ID, MATURITY_STAGES, humanize

#: What each answer means, 0–4.
ANSWER_SCALE: tuple[str, ...] = (
    "Not at all",
    "Ad hoc, person by person",
    "Defined for some workflows",
    "Defined and followed in most workflows",
    "Built in, measured and improved",
)


@dataclass(frozen=True)
class Question:
    """One assessment question; ``open_question`` is what leadership must answer if it is low."""

    key: str
    component: str
    text: str
    open_question: str


def _q(component: str, n: int, text: str, open_question: str) -> Question:
    return Question(f"{component}.q{n}", component, text, open_question)


QUESTIONS: tuple[Question, ...] = (
    _q("workflow_architecture", 1,
       "We know where AI enters each priority workflow and what happens to its output next.",
       "Which workflows matter most, and where exactly should AI enter them?"),
    _q("workflow_architecture", 2,
       "AI steps have a written task, input and output.",
       "Who writes down the task, input and output of each AI step?"),
    _q("role_design", 1,
       "Every AI step has a human owner who answers for its output.",
       "Who owns each AI step and answers for what it produces?"),
    _q("role_design", 2,
       "Roles have been redesigned for the shift from doing to reviewing and deciding.",
       "How will roles shift (drafting → reviewing, searching → interpreting), "
       "and what training do people need?"),
    _q("data_context", 1,
       "We know which data each AI step needs and where it lives.",
       "Which data does each AI step need, and who owns it?"),
    _q("data_context", 2,
       "That data is ready: complete, accurate and current enough.",
       "What must be cleaned up before the data can be trusted?"),
    _q("data_context", 3,
       "Sensitive and personal data is classified and protected before AI uses it.",
       "Which data is sensitive or personal, and which controls protect it?"),
    _q("decision_rights", 1,
       "For each AI output we have decided: draft, recommendation, alert, approval or automated.",
       "Which AI outputs may act on their own, and which always need a human decision?"),
    _q("decision_rights", 2,
       "Approval gates with named approvers sit where human judgment is mandatory.",
       "Who approves, on what criteria and within what time?"),
    _q("quality_assurance", 1,
       "AI output is reviewed against written standards, by sample.",
       "What review standard and sample rate fit each AI step?"),
    _q("quality_assurance", 2,
       "We track the errors that matter: hallucination, bias, outdated information.",
       "Which errors would hurt most, and how will we catch them?"),
    _q("governance", 1,
       "Only approved tools are used, with access rights and an audit trail.",
       "Which tools are approved, and who may use them with which data?"),
    _q("governance", 2,
       "Regulation (e.g. the EU AI Act risk tiers) and vendors are reviewed per use case.",
       "Which use cases carry regulatory risk, and who reviews vendors?"),
    _q("measurement", 1,
       "Each AI use case has a metric with a baseline and a target.",
       "Which metric will show that the work improved, from what baseline to what target?"),
    _q("measurement", 2,
       "Results feed back into planning and the next round of improvements.",
       "How will results feed back into planning, and how often?"),
)  # fmt: skip
QUESTIONS_BY_KEY: dict[str, Question] = {q.key: q for q in QUESTIONS}


def questions_of(component: str) -> list[Question]:
    """The questions of one component, in order."""
    return [q for q in QUESTIONS if q.component == component]


def maturity_stage(answers: Mapping[str, int]) -> int | None:
    """The stage 1–4 from the mean of the answered questions (None when none answered).

    Mean below 1.5 → 1 controlled experimentation; below 2.5 → 2 use-case
    prioritisation; below 3.25 → 3 operating-model design; else 4 scaling and improvement.
    """
    values = [answers[q.key] for q in QUESTIONS if q.key in answers]
    if not values:
        return None
    mean = sum(values) / len(values)
    if mean < 1.5:
        return 1
    if mean < 2.5:
        return 2
    if mean < 3.25:
        return 3
    return 4


def stage_name(stage: int | None) -> str:
    """The readable name of a stage 1–4 ("not assessed" for None)."""
    if stage is None:
        return "Not assessed"
    return humanize(MATURITY_STAGES[stage - 1]).replace("prioritization", "prioritisation")


def open_questions(answers: Mapping[str, int]) -> list[Question]:
    """Questions still open for leadership: unanswered, or answered 0–1."""
    return [q for q in QUESTIONS if answers.get(q.key, -1) <= 1]


def component_name(component: str) -> str:
    """The display name of a component id."""
    return COMPONENTS_BY_ID[component].name
