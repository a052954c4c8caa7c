"""Snapshots: restoring a saved state as one undoable edit, and comparing two states."""

from __future__ import annotations

from dataclasses import dataclass, field

from model.edits import Change, Edit
from model.session import WORKSHOP_KEY, EntityType, Session, entity_state


def _states(session: Session, entity: EntityType, *, with_seq: bool) -> dict[str, dict]:
    """Entity states by id. Without ``seq`` for comparing: a snapshot read back from JSON
    numbers its lists afresh, so order numbers alone are no change worth reporting."""
    pool = {"workflow": session.workflows, "element": session.elements}.get(entity)
    if pool is None:
        pool = session.connections
    states = {}
    for ident, item in pool.items():
        state = entity_state(item)
        if not with_seq:
            state.pop("seq", None)
        states[ident] = state
    return states


def restore_edit(current: Session, saved: Session, name: str) -> Edit:
    """One edit that turns ``current`` into ``saved`` (undo brings ``current`` back).

    Every entity takes its saved state, order included. Changes are ordered so that every
    intermediate state is consistent (connections go before the elements they join,
    elements before their workflow, and the reverse when adding); undo applies them in
    reverse, which keeps that property.
    """
    kinds: tuple[EntityType, ...] = ("workflow", "element", "connection")
    now = {e: _states(current, e, with_seq=True) for e in kinds}
    then = {e: _states(saved, e, with_seq=True) for e in kinds}

    def changes(entity: EntityType, *, removals: bool, others: bool) -> list[Change]:
        out = []
        for ident in sorted(now[entity].keys() | then[entity].keys()):
            before, after = now[entity].get(ident), then[entity].get(ident)
            if before == after:
                continue
            if (after is None and removals) or (after is not None and others):
                out.append(Change(entity, ident, before, after))
        return out

    ordered = [
        *changes("connection", removals=True, others=False),
        *changes("element", removals=True, others=False),
        *changes("workflow", removals=False, others=True),
        *changes("element", removals=False, others=True),
        *changes("connection", removals=False, others=True),
        *changes("workflow", removals=True, others=False),
    ]
    workshop_before, workshop_after = entity_state(current.workshop), entity_state(saved.workshop)
    if workshop_before != workshop_after:
        ordered.append(Change("workshop", WORKSHOP_KEY, workshop_before, workshop_after))
    return Edit(f"Restore snapshot {name!r}", tuple(ordered))


@dataclass
class SessionDiff:
    """What changed from an older state to a newer one, by id."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    #: For changed ids: which fields changed ("label", "props", "position", …).
    details: dict[str, list[str]] = field(default_factory=dict)

    def is_empty(self) -> bool:
        """True when nothing differs."""
        return not (self.added or self.removed or self.changed)


def _element_fields(before: dict, after: dict) -> list[str]:
    changed = []
    if (before["x"], before["y"]) != (after["x"], after["y"]):
        changed.append("position")
    for name in ("label", "kind", "props", "workflow_id"):
        if before[name] != after[name]:
            changed.append(name)
    return changed


def compare(older: Session, newer: Session) -> dict[str, SessionDiff]:
    """Elements, connections and workflows added, removed and changed from older to newer."""
    result: dict[str, SessionDiff] = {}
    for entity in ("workflow", "element", "connection"):
        a = _states(older, entity, with_seq=False)  # type: ignore[arg-type]
        b = _states(newer, entity, with_seq=False)  # type: ignore[arg-type]
        diff = SessionDiff(
            added=sorted(b.keys() - a.keys()),
            removed=sorted(a.keys() - b.keys()),
        )
        for ident in sorted(a.keys() & b.keys()):
            if a[ident] == b[ident]:
                continue
            if entity == "element":
                fields_changed = _element_fields(a[ident], b[ident])
            else:
                fields_changed = sorted(k for k in a[ident] if a[ident][k] != b[ident].get(k))
            diff.changed.append(ident)
            diff.details[ident] = fields_changed
        result[entity] = diff
    return result
