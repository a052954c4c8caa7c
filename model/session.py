"""The in-memory session: one workshop with its workflows, elements and connections.

Entities are plain dataclasses. Each has a *state* form (a JSON-ready dict without its id)
that the edit layer records before and after a change; applying a state is how edits,
undo, redo and loading from storage all change a session, so they cannot drift apart.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from typing import Any, Literal

EntityType = Literal["workshop", "workflow", "element", "connection"]
WORKSHOP_KEY = "workshop"


@dataclass
class Participant:
    """A person in the room."""

    name: str = ""
    title: str = ""
    workshop_role: str = "participant"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Workshop:
    """The workshop as a whole: who, when, for whom, and its facilitation material."""

    title: str = ""
    client: str = ""
    date: str = ""
    facilitator: str = ""
    location: str = ""
    confidentiality: str = "internal"
    maturity_stage: int | None = None
    participants: list[Participant] = field(default_factory=list)
    assessment: dict[str, int] = field(default_factory=dict)
    parking_lot: list[str] = field(default_factory=list)
    notes: str = ""
    #: Agenda items: {"title": str, "minutes": number ≥ 0, "done": bool}.
    agenda: list[dict[str, Any]] = field(default_factory=list)
    #: Dot votes: {"participant": str, "target": workflow or element id, "count": int ≥ 1}.
    votes: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Workflow:
    """One workflow (use case) of the workshop, drawn on its own canvas tab."""

    id: str
    name: str = ""
    function: str = "other"
    description: str = ""
    owner: str = ""
    status: str = "exploring"
    value: int | None = None
    feasibility: int | None = None
    risk_tier: str | None = None
    #: Where the AI impact assessment stands (interchange version 2); None: not recorded.
    impact_assessment: str | None = None
    votes: int = 0
    seq: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Element:
    """One element on a workflow canvas; ``x``/``y`` is its top-left corner at zoom 1."""

    id: str
    workflow_id: str
    kind: str
    label: str = ""
    x: float = 0
    y: float = 0
    props: dict[str, Any] = field(default_factory=dict)
    seq: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Connection:
    """A directed connection between two elements of the same workflow."""

    id: str
    workflow_id: str
    source: str
    target: str
    label: str = ""
    raci: str | None = None
    seq: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


_ENTITY_CLASSES: dict[str, type] = {
    "workflow": Workflow,
    "element": Element,
    "connection": Connection,
}


def entity_state(entity: Workshop | Workflow | Element | Connection) -> dict[str, Any]:
    """The JSON-ready state of ``entity`` (every field but ``id``), deep-copied."""
    state: dict[str, Any] = {}
    for f in fields(entity):
        if f.name == "id":
            continue
        value = getattr(entity, f.name)
        if f.name == "participants":
            value = [
                {"name": p.name, "title": p.title, "workshop_role": p.workshop_role, **p.extra}
                for p in value
            ]
        state[f.name] = copy.deepcopy(value)
    return state


def workshop_from_state(state: dict[str, Any]) -> Workshop:
    """Build a :class:`Workshop` from its state form."""
    data = copy.deepcopy(state)
    participants = []
    for p in data.pop("participants", []):
        known = {k: p.pop(k) for k in ("name", "title", "workshop_role") if k in p}
        participants.append(Participant(**known, extra=p))
    return Workshop(participants=participants, **data)


def entity_from_state(
    entity_type: str, entity_id: str, state: dict[str, Any], *, fresh: bool = False
) -> Any:
    """Build a workflow, element or connection from its id and state form.

    The state is deep-copied unless ``fresh`` says nobody else holds it (just decoded).
    """
    cls = _ENTITY_CLASSES[entity_type]
    return cls(id=entity_id, **(state if fresh else copy.deepcopy(state)))


@dataclass
class Session:
    """A whole workshop session, as held in memory while it is edited."""

    workshop: Workshop = field(default_factory=Workshop)
    workflows: dict[str, Workflow] = field(default_factory=dict)
    elements: dict[str, Element] = field(default_factory=dict)
    connections: dict[str, Connection] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    # -- queries -----------------------------------------------------------------------
    def ordered_workflows(self) -> list[Workflow]:
        """Workflows in tab order."""
        return sorted(self.workflows.values(), key=lambda w: (w.seq, w.id))

    def workflow_elements(self, workflow_id: str) -> list[Element]:
        """The elements of one workflow in creation order."""
        items = [e for e in self.elements.values() if e.workflow_id == workflow_id]
        return sorted(items, key=lambda e: (e.seq, e.id))

    def workflow_connections(self, workflow_id: str) -> list[Connection]:
        """The connections of one workflow in creation order."""
        items = [c for c in self.connections.values() if c.workflow_id == workflow_id]
        return sorted(items, key=lambda c: (c.seq, c.id))

    def connections_of(self, element_ids: set[str] | frozenset[str]) -> list[Connection]:
        """Every connection that touches one of ``element_ids``."""
        return [
            c
            for c in self.connections.values()
            if c.source in element_ids or c.target in element_ids
        ]

    def next_seq(self, entity_type: EntityType) -> int:
        """One more than the highest ``seq`` of that entity type (0 when there is none)."""
        pool: dict[str, Any] = {
            "workflow": self.workflows,
            "element": self.elements,
            "connection": self.connections,
        }[entity_type]
        return max((item.seq for item in pool.values()), default=-1) + 1

    def has_id(self, entity_id: str) -> bool:
        """True when any workflow, element or connection already uses ``entity_id``."""
        return (
            entity_id in self.elements
            or entity_id in self.connections
            or entity_id in self.workflows
        )

    # -- state access for the edit layer ----------------------------------------------
    def state_of(self, entity_type: EntityType, entity_id: str) -> dict[str, Any] | None:
        """The current state of one entity, or None when it does not exist."""
        if entity_type == "workshop":
            return entity_state(self.workshop)
        pool = self._pool(entity_type)
        entity = pool.get(entity_id)
        return None if entity is None else entity_state(entity)

    def apply_state(
        self, entity_type: EntityType, entity_id: str, state: dict[str, Any] | None
    ) -> None:
        """Make one entity have ``state`` (None deletes it)."""
        if entity_type == "workshop":
            if state is not None:
                self.workshop = workshop_from_state(state)
            return
        pool = self._pool(entity_type)
        if state is None:
            pool.pop(entity_id, None)
        else:
            pool[entity_id] = entity_from_state(entity_type, entity_id, state)

    def _pool(self, entity_type: str) -> dict[str, Any]:
        if entity_type == "workflow":
            return self.workflows
        if entity_type == "element":
            return self.elements
        if entity_type == "connection":
            return self.connections
        raise ValueError(f"unknown entity type {entity_type!r}")
