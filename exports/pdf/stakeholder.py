"""What the stakeholder edition of the blueprint leaves out.

The stakeholder edition is for people who were not in the room. It leaves out:

* the workshop notes and the parking lot (facilitation material);
* sticky-note elements;
* anything marked confidential: a workflow or element whose ``props`` or ``extra`` holds
  ``"confidential": true`` is left out whole, with its connections;
* the whereabouts of confidential data: a data element whose ``sensitivity`` is
  ``confidential`` or ``restricted`` stays on the map (its label, sensitivity and readiness
  are shown) but its source system, owner and location are withheld.

Two derived sessions serve the export: :func:`stakeholder_session` is what is shown;
:func:`analysed_session` (only the confidential workflows left out) is what is analysed,
so scores and findings stay true to the full model of the workflows shown.
"""

from __future__ import annotations

import copy
from typing import Any

from model.session import Element, Session, Workflow

#: What a withheld value reads as in the blueprint.
WITHHELD = "Withheld (confidential)"
#: Data props withheld for confidential or restricted data.
WITHHELD_PROPS = ("source_system", "owner", "location")
SENSITIVE_LEVELS = ("confidential", "restricted")


def marked_confidential(entity: Workflow | Element) -> bool:
    """True when a workflow or element is marked ``"confidential": true``."""
    props: dict[str, Any] = getattr(entity, "props", {}) or {}
    return props.get("confidential") is True or entity.extra.get("confidential") is True


def withheld(element: Element) -> bool:
    """True when a data element's whereabouts are withheld in the stakeholder edition."""
    return element.kind == "data" and element.props.get("sensitivity") in SENSITIVE_LEVELS


def left_out_element_ids(session: Session) -> set[str]:
    """Ids of the elements the stakeholder edition leaves out (with their workflows')."""
    hidden_workflows = {w.id for w in session.workflows.values() if marked_confidential(w)}
    return {
        e.id
        for e in session.elements.values()
        if e.kind == "note" or marked_confidential(e) or e.workflow_id in hidden_workflows
    }


def analysed_session(session: Session) -> Session:
    """A copy of ``session`` without its confidential workflows (everything else kept)."""
    result = copy.deepcopy(session)
    hidden = {w.id for w in result.workflows.values() if marked_confidential(w)}
    _drop(result, hidden, set())
    return result


def stakeholder_session(session: Session) -> Session:
    """A copy of ``session`` as the stakeholder edition shows it (see the module doc)."""
    result = copy.deepcopy(session)
    hidden = {w.id for w in result.workflows.values() if marked_confidential(w)}
    _drop(result, hidden, left_out_element_ids(session))
    result.workshop.notes = ""
    result.workshop.parking_lot = []
    for element in result.elements.values():
        if withheld(element):
            for key in WITHHELD_PROPS:
                element.props.pop(key, None)
    return result


def _drop(session: Session, workflow_ids: set[str], element_ids: set[str]) -> None:
    for workflow_id in workflow_ids:
        session.workflows.pop(workflow_id, None)
    gone = set(element_ids) | {
        e.id for e in session.elements.values() if e.workflow_id in workflow_ids
    }
    for element_id in gone:
        session.elements.pop(element_id, None)
    for connection in list(session.connections.values()):
        if (
            connection.workflow_id in workflow_ids
            or connection.source in gone
            or connection.target in gone
        ):
            del session.connections[connection.id]
