"""The wording of findings: elements and workflows named by label, lists joined in prose,
and what counts as a missing value. Shared by every rule module."""

from __future__ import annotations

from typing import Any

from model.analysis.graph import WorkflowGraph
from model.session import Element

_NOUNS = {
    "ai_step": "AI step",
    "step": "step",
    "gate": "gate",
    "review": "review",
    "data": "data element",
    "role": "role",
    "metric": "metric",
    "control": "control",
    "trigger": "trigger",
    "outcome": "outcome",
    "note": "note",
}


def named(element: Element, *, start: bool = False) -> str:
    """``AI step “Draft proposal”`` — the element's kind and label, for a message."""
    noun = _NOUNS.get(element.kind, element.kind.replace("_", " "))
    if start:
        noun = noun[:1].upper() + noun[1:]
    label = element.label.strip()
    return f"{noun} “{label}”" if label else f"{noun} without a label (id {element.id})"


def workflow_name(graph: WorkflowGraph) -> str:
    """``Workflow “Name”`` (or its id when it has no name), for a message."""
    name = graph.workflow.name.strip()
    return f"Workflow “{name}”" if name else f"Workflow {graph.workflow.id}"


def and_(items: list[str]) -> str:
    """``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def or_(items: list[str]) -> str:
    """``a, b or c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def has_text(props: dict[str, Any], key: str) -> bool:
    """True when prop ``key`` holds non-blank text."""
    value = props.get(key)
    return isinstance(value, str) and bool(value.strip())


def has_value(props: dict[str, Any], key: str) -> bool:
    """True when prop ``key`` is set: not absent, not null, not blank text."""
    value = props.get(key)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def is_true(props: dict[str, Any], key: str) -> bool:
    """True when bool prop ``key`` holds ``true`` (absent, null and false are not true)."""
    return props.get(key) is True
