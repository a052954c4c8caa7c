"""Layers of a workflow: the flow alone, then roles, data, governance, measurement, notes.

A room is walked through an operating model one component at a time: first the flow of
work (trigger, steps, AI steps, outcome), then who owns it (roles), what it runs on
(data), how it is governed (gates, reviews, controls), how it is measured (metrics), and
the facilitator's sticky notes. The **focus lens** dims everything but one element and
its direct neighbours (every element it is connected to).

Both are kept per workflow in the workflow's JSON ``extra`` under ``"layers"``:
``{"hidden": ["data", "measurement"], "focus": "e7"}``. Absent means every layer shown and
no focus. The canvas, the slides and the image exports follow them; the PDF blueprint
always shows the whole workflow. A focus naming an element that is gone (deleted, or in
a hidden layer) focuses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from model.session import Session, Workflow
from model.validation import InvalidValue, check_id

#: The key of a workflow's ``extra`` that holds its layer state.
LAYERS_KEY = "layers"

#: Layer ids in build-up order, with their names; "flow" is always shown.
LAYERS: tuple[tuple[str, str], ...] = (
    ("flow", "Flow"),
    ("roles", "Roles"),
    ("data", "Data"),
    ("governance", "Governance (gates, reviews, controls)"),
    ("measurement", "Measurement"),
    ("notes", "Sticky notes"),
)
LAYER_IDS: tuple[str, ...] = tuple(ident for ident, _ in LAYERS)
LAYER_NAMES: dict[str, str] = dict(LAYERS)
#: The layers that can be hidden (everything but the flow).
OPTIONAL_LAYERS: tuple[str, ...] = LAYER_IDS[1:]

#: The layer each element kind belongs to.
LAYER_OF_KIND: dict[str, str] = {
    "trigger": "flow",
    "step": "flow",
    "ai_step": "flow",
    "outcome": "flow",
    "role": "roles",
    "data": "data",
    "gate": "governance",
    "review": "governance",
    "control": "governance",
    "metric": "measurement",
    "note": "notes",
}

#: Opacity of what the focus lens dims.
DIMMED_OPACITY = 0.18

_HIDDEN_EXPECTED = "a list of layer ids from " + ", ".join(OPTIONAL_LAYERS) + ", without repeats"


@dataclass(frozen=True)
class LayerState:
    """Which layers a workflow hides, and the element its focus lens is on (None: off)."""

    hidden: frozenset[str] = frozenset()
    focus: str | None = None

    @property
    def is_default(self) -> bool:
        """True when every layer shows and the lens is off."""
        return not self.hidden and self.focus is None

    def shows(self, layer: str) -> bool:
        """True when ``layer`` is shown."""
        return layer not in self.hidden

    def shows_kind(self, kind: str) -> bool:
        """True when elements of ``kind`` are shown."""
        return LAYER_OF_KIND.get(kind, "flow") not in self.hidden

    def to_json(self) -> dict[str, Any]:
        """The stored form: hidden layers in build-up order and the focus."""
        return {
            "hidden": [ident for ident in LAYER_IDS if ident in self.hidden],
            "focus": self.focus,
        }

    def built_up_to(self, count: int) -> LayerState:
        """The flow plus the first ``count`` optional layers (0: the flow only); same focus."""
        shown = set(OPTIONAL_LAYERS[: max(0, count)])
        return LayerState(frozenset(set(OPTIONAL_LAYERS) - shown), self.focus)


def check_layers(value: Any, path: str) -> dict[str, Any]:
    """A stored layer state (``{"hidden": [...], "focus": id or null}``), or raise."""
    if not isinstance(value, dict):
        raise InvalidValue(path, 'an object with "hidden" and "focus"', value)
    for key in value:
        if key not in ("hidden", "focus"):
            raise InvalidValue(f"{path}.{key}", 'no other keys than "hidden" and "focus"', key)
    hidden = value.get("hidden", [])
    if not isinstance(hidden, list):
        raise InvalidValue(f"{path}.hidden", _HIDDEN_EXPECTED, hidden)
    for index, item in enumerate(hidden):
        if item not in OPTIONAL_LAYERS or hidden.index(item) != index:
            raise InvalidValue(f"{path}.hidden[{index}]", _HIDDEN_EXPECTED, item)
    focus = value.get("focus")
    if focus is not None:
        check_id(focus, f"{path}.focus")
    return value


def layer_state(workflow: Workflow | None) -> LayerState:
    """The layer state of ``workflow`` (every layer shown when none is stored)."""
    stored = workflow.extra.get(LAYERS_KEY) if workflow is not None else None
    if not isinstance(stored, dict):
        return LayerState()
    hidden = stored.get("hidden", [])
    focus = stored.get("focus")
    return LayerState(
        frozenset(h for h in hidden if h in OPTIONAL_LAYERS)
        if isinstance(hidden, list)
        else frozenset(),
        focus if isinstance(focus, str) else None,
    )


def workflow_layers(session: Session, workflow_id: str) -> LayerState:
    """The layer state of a workflow of ``session`` by id."""
    return layer_state(session.workflows.get(workflow_id))


@dataclass(frozen=True)
class Visibility:
    """What a workflow shows under its layers: visible and dimmed elements and connections."""

    elements: frozenset[str]
    connections: frozenset[str]
    dimmed: frozenset[str]  # element and connection ids the focus lens dims

    def shows(self, ident: str) -> bool:
        """True when the element or connection ``ident`` is shown."""
        return ident in self.elements or ident in self.connections


def visibility(session: Session, workflow_id: str, state: LayerState | None = None) -> Visibility:
    """Which elements and connections of a workflow show, and which the focus lens dims."""
    state = state if state is not None else workflow_layers(session, workflow_id)
    elements = {e.id for e in session.workflow_elements(workflow_id) if state.shows_kind(e.kind)}
    connections = {
        c.id
        for c in session.workflow_connections(workflow_id)
        if c.source in elements and c.target in elements
    }
    dimmed: set[str] = set()
    if state.focus is not None and state.focus in elements:
        near = neighbourhood(session, workflow_id, state.focus) & elements
        dimmed = {ident for ident in elements if ident not in near}
        for connection_id in connections:
            connection = session.connections[connection_id]
            if connection.source in dimmed or connection.target in dimmed:
                dimmed.add(connection_id)
    return Visibility(frozenset(elements), frozenset(connections), frozenset(dimmed))


def neighbourhood(session: Session, workflow_id: str, element_id: str) -> set[str]:
    """``element_id`` and every element of its workflow connected to it (either way)."""
    near = {element_id}
    for connection in session.workflow_connections(workflow_id):
        if connection.source == element_id:
            near.add(connection.target)
        elif connection.target == element_id:
            near.add(connection.source)
    return near
