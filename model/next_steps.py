"""The questions leadership still has to answer, derived from findings and the assessment.

Each kind of finding (rule) in a workflow becomes one question that names the elements
involved (the first three by label, then "and N more"), so twenty AI steps without data
give one question, not twenty. Questions come errors first, then warnings, then info, in
workflow order; then the self-assessment questions that are unanswered or answered 0–1
(:func:`model.assessment.open_questions`). A question already asked is not repeated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from model.analysis import Analysis, Finding
from model.analysis.rules import RULES_BY_ID, SEVERITIES
from model.assessment import ANSWER_SCALE, open_questions
from model.session import Session

#: How many elements a question names before "and N more".
NAMED_AT_MOST = 3


@dataclass(frozen=True)
class NextStep:
    """One open question for leadership: what to decide, why, which component, where."""

    question: str
    why: str
    component: str
    workflow_id: str | None


@dataclass(frozen=True)
class _Subject:
    """Who a question is about: ``AI step “A”`` or ``AI steps “A”, “B” and 2 more``."""

    text: str
    plural: bool

    @property
    def its(self) -> str:
        return "their" if self.plural else "its"


_Phrase = Callable[[_Subject, "_Context"], str]


@dataclass(frozen=True)
class _Context:
    workflow: str  # “Name” of the workflow, quoted
    tools: str  # 'tool “X”' / 'tools “X” and “Y”': the tools the AI steps name, or ""


# Per rule: which element kind the question is about (None: the workflow) and its wording.
_QUESTIONS: dict[str, tuple[str | None, _Phrase]] = {
    "ARCH-1": ("ai_step", lambda s, c: (
        f"What exactly should {s.text} do: the task, the input and the output?")),
    "ARCH-2": (None, lambda s, c: (
        f"What starts the workflow {c.workflow}, and what result must it deliver?")),
    "ARCH-3": ("*", lambda s, c: (
        f"Where {'do' if s.plural else 'does'} {s.text} fit in the flow from trigger to "
        f"outcome, or {'do they' if s.plural else 'does it'} belong to another workflow?")),
    "ROLE-1": ("ai_step", lambda s, c: (
        f"Who owns {s.text} and answers for {s.its} output?")),
    "ROLE-2": ("role", lambda s, c: (
        f"How will the work of {s.text} shift once AI takes part (for example drafting → "
        "reviewing), and what training does that need?")),
    "ROLE-3": ("role", lambda s, c: (
        f"What training in using and overseeing AI will {s.text} get, and by when?")),
    "DATA-1": ("ai_step", lambda s, c: (
        f"Which data will feed {s.text}, and who owns it?")),
    "DATA-2": ("data", lambda s, c: (
        f"Who makes {s.text} ready for AI, and by when?")),
    "DATA-3": ("data", lambda s, c: (
        f"Which security or access control will protect {s.text} where AI uses it?")),
    "DATA-4": ("data", lambda s, c: (
        f"Which person or team owns {s.text}, answering for its quality and deciding who "
        "may use it?")),
    "DEC-1": ("ai_step", lambda s, c: (
        f"Is the output of {s.text} a draft, a recommendation, an alert, subject to approval, "
        "or acted on automatically?")),
    "DEC-2": ("ai_step", lambda s, c: (
        f"Who approves the output of {s.text} before it takes effect, and on what criteria?")),
    "DEC-3": ("ai_step", lambda s, c: (
        f"Should {s.text} really act automatically, or must a person approve first?")),
    "DEC-4": ("gate", lambda s, c: (
        f"Who approves at {s.text}, and within what time?")),
    "DEC-5": ("ai_step", lambda s, c: (
        f"Who may override the output of {s.text} and stop the AI when it goes wrong?")),
    "QA-1": ("ai_step", lambda s, c: (
        f"Who reviews the customer-facing output of {s.text}, and how much of it?")),
    "QA-2": ("review", lambda s, c: (
        f"Who carries out {s.text}, and what share of outputs is sampled?")),
    "GOV-1": ("ai_step", lambda s, c: (
        f"Will {c.tools} used by {s.text} be approved, or replaced by an approved one?"
        if c.tools else f"Is the tool used by {s.text} approved, and who approves AI tools?")),
    "GOV-2": (None, lambda s, c: (
        f"Which audit trail will make the high-risk workflow {c.workflow} traceable?")),
    "GOV-3": (None, lambda s, c: (
        f"The workflow {c.workflow} is in the unacceptable risk tier: will it be stopped or "
        "redesigned?")),
    "GOV-4": ("ai_step", lambda s, c: (
        f"How will the people affected by {s.text} be told that they deal with AI?")),
    "GOV-5": (None, lambda s, c: (
        f"Who assesses the impact of the high-risk workflow {c.workflow} on the people "
        "affected, and by when?")),
    "GOV-6": ("ai_step", lambda s, c: (
        f"Who reviews the vendor behind {s.text}: contract, data use and security?")),
    "GOV-7": ("ai_step", lambda s, c: (
        f"How will the inputs, outputs and decisions of {s.text} be logged, and kept for "
        "how long?")),
    "GOV-8": (None, lambda s, c: (
        f"Who responds when {c.workflow} causes a serious incident or error, and who must "
        "be told?")),
    "MEAS-1": (None, lambda s, c: (
        f"Which metric will show that AI improved {c.workflow}, from what baseline to what "
        "target?")),
    "MEAS-2": ("metric", lambda s, c: (
        f"What are the baseline and the target of {s.text}?")),
    "MEAS-3": ("metric", lambda s, c: (
        f"Who owns {s.text} and reports on {s.its} results?")),
    "MEAS-4": (None, lambda s, c: (
        f"How will the results measured in {c.workflow} feed back into planning, and how "
        "often?")),
}  # fmt: skip

_NOUNS = {
    "ai_step": ("AI step", "AI steps"),
    "role": ("role", "roles"),
    "data": ("data element", "data elements"),
    "gate": ("gate", "gates"),
    "review": ("review", "reviews"),
    "metric": ("metric", "metrics"),
    "step": ("step", "steps"),
    "*": ("element", "elements"),
}


def leadership_questions(session: Session, analysis: Analysis) -> list[NextStep]:
    """Questions left open for leadership: one per kind of finding and workflow, then the
    open self-assessment questions; errors first, deduplicated."""
    order = {w.id: i for i, w in enumerate(session.ordered_workflows())}
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in analysis.findings:
        if finding.rule in _QUESTIONS:
            groups.setdefault((finding.workflow_id, finding.rule), []).append(finding)
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    keys = sorted(
        groups,
        key=lambda k: (
            rank.get(groups[k][0].severity, len(SEVERITIES)),
            order.get(k[0], len(order)),
            list(_QUESTIONS).index(k[1]),
        ),
    )
    steps: list[NextStep] = []
    asked: set[str] = set()

    def add(step: NextStep) -> None:
        if step.question not in asked:
            asked.add(step.question)
            steps.append(step)

    for workflow_id, rule in keys:
        add(_question_for(session, workflow_id, rule, groups[(workflow_id, rule)]))
    answers = session.workshop.assessment
    for question in open_questions(answers):
        value = answers.get(question.key)
        if value is None:
            why = f"Self-assessment not yet answered: “{question.text}”"
        else:
            scale = ANSWER_SCALE[value] if 0 <= value < len(ANSWER_SCALE) else str(value)
            why = f"Self-assessment answered {value} ({scale.lower()}): “{question.text}”"
        add(NextStep(question.open_question, why, question.component, None))
    return steps


def _question_for(
    session: Session, workflow_id: str, rule: str, findings: list[Finding]
) -> NextStep:
    kind, phrase = _QUESTIONS[rule]
    workflow = session.workflows.get(workflow_id)
    workflow_name = (workflow.name.strip() if workflow else "") or workflow_id
    subject_ids: list[str] = []
    for finding in findings if kind is not None else ():
        for element_id in finding.element_ids:
            element = session.elements.get(element_id)
            if element is not None and (kind == "*" or element.kind == kind):
                if element_id not in subject_ids:
                    subject_ids.append(element_id)
                break  # the first matching element of a finding is its subject
    subject = _subject(session, kind or "*", subject_ids)
    tool_names = sorted(
        {
            str(session.elements[i].props.get("tool")).strip()
            for i in subject_ids
            if str(session.elements[i].props.get("tool") or "").strip()
        }
    )
    tools = ""
    if tool_names:
        noun = "tools" if len(tool_names) > 1 else "tool"
        tools = f"{noun} {_quoted_and([f'“{n}”' for n in tool_names])}"
    context = _Context(workflow=f"“{workflow_name}”", tools=tools)
    spec = RULES_BY_ID[rule]
    count = len(findings)
    why = f"{workflow_name}: {spec.title} ({rule}"
    why += f", {count} findings)" if count > 1 else ")"
    return NextStep(phrase(subject, context), why, spec.component, workflow_id)


def _subject(session: Session, kind: str, element_ids: list[str]) -> _Subject:
    if kind == "*":  # name the kind when all the elements share one
        kinds = {session.elements[i].kind for i in element_ids}
        kind = kinds.pop() if len(kinds) == 1 else "*"
    singular, plural = _NOUNS.get(kind, _NOUNS["*"])
    labels = [_label(session, i) for i in element_ids]
    if len(labels) <= 1:
        return _Subject(f"{singular} {labels[0]}" if labels else f"the {plural}", False)
    return _Subject(f"{plural} {_quoted_and(labels)}", True)


def _label(session: Session, element_id: str) -> str:
    label = session.elements[element_id].label.strip()
    return f"“{label}”" if label else f"(id {element_id})"


def _quoted_and(labels: list[str]) -> str:
    shown = labels[:NAMED_AT_MOST]
    rest = len(labels) - len(shown)
    if rest:
        return ", ".join(shown) + f" and {rest} more"
    return ", ".join(shown[:-1]) + " and " + shown[-1]
