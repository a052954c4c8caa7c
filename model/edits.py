"""The command layer: every change to a session is an :class:`Edit`.

An edit is a list of :class:`Change` records, each holding an entity's state before and
after. Doing an edit applies the *after* states in order; undoing it applies the *before*
states in reverse order. Because an edit is plain data it can be stored in the session
file, so undo survives closing and reopening. The constructors below check their input
against the spec and raise :class:`EditError` with a readable reason instead of building
an edit that would leave the session invalid.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from model.connections import kind_noun, refusal_reason
from model.fields import WORKFLOW_FIELDS_BY_NAME, WORKSHOP_FIELDS_BY_NAME
from model.frames import FRAMES_KEY, CustomFrame, check_frames, custom_frames
from model.interchange import InterchangeError, session_from_json, workshop_to_json
from model.kinds import KINDS_BY_ID
from model.layers import LAYERS_KEY, LayerState, check_layers, workflow_layers
from model.session import WORKSHOP_KEY, EntityType, Session, Workflow, entity_state
from model.validation import (
    InvalidValue,
    check_coordinate,
    check_id,
    check_json_value,
    check_label,
    check_prop,
    check_raci,
)


class EditError(ValueError):
    """An edit that the spec does not allow; the message says why, for the user."""


@dataclass(frozen=True)
class Change:
    """One entity's state before and after an edit (None: did not / does not exist)."""

    entity: EntityType
    id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def to_json(self) -> list[Any]:
        """Compact JSON form for the history table."""
        return [self.entity, self.id, self.before, self.after]

    @classmethod
    def from_json(cls, data: list[Any]) -> Change:
        """Inverse of :meth:`to_json`."""
        entity, ident, before, after = data
        return cls(entity, ident, before, after)


@dataclass(frozen=True)
class Edit:
    """A named, undoable change to a session."""

    description: str
    changes: tuple[Change, ...]

    def apply(self, session: Session) -> None:
        """Do the edit: give every entity its *after* state."""
        for change in self.changes:
            session.apply_state(change.entity, change.id, change.after)

    def revert(self, session: Session) -> None:
        """Undo the edit: give every entity its *before* state, last change first."""
        for change in reversed(self.changes):
            session.apply_state(change.entity, change.id, change.before)

    def touched(self, entity: EntityType) -> set[str]:
        """Ids of the entities of one type that this edit changes."""
        return {c.id for c in self.changes if c.entity == entity}


def new_id(session: Session, prefix: str, taken: Iterable[str] = ()) -> str:
    """A short id not used by any workflow, element or connection of ``session``."""
    import uuid  # imported at the first new id: uuid loads ``platform``, a cost at start-up

    reserved = set(taken)
    while True:
        candidate = f"{prefix}-{uuid.uuid4().hex[:8]}"
        if not session.has_id(candidate) and candidate not in reserved:
            return candidate


# -- words for the undo entries ------------------------------------------------------------
#: A label is quoted in an undo text up to this many characters (then elided with "…").
QUOTE_MAX = 40


def quoted(text: str) -> str:
    """``text`` in single quotes for an undo entry, shortened with "…" when long."""
    text = " ".join(str(text).split())
    if len(text) > QUOTE_MAX:
        text = text[: QUOTE_MAX - 1].rstrip() + "…"
    return f"'{text}'"


def _element_name(state: Mapping[str, Any]) -> str:
    """An element as an undo text names it: its label quoted, else its kind's name."""
    label = str(state.get("label") or "").strip()
    if label:
        return quoted(label)
    kind = str(state.get("kind"))
    return f"the {kind_noun(kind)}" if kind in KINDS_BY_ID else "the element"


def _lower_words(text: str) -> str:
    """``text`` in lower case, except acronyms ("AI impact assessment" keeps "AI")."""
    return " ".join(w if len(w) > 1 and w.isupper() else w.lower() for w in text.split(" "))


def _field_words(names: Iterable[str], label_of: Callable[[str], str | None]) -> str:
    """Field names in plain words ("decision right", "task and input")."""
    words = []
    for name in names:
        label = label_of(name)
        words.append(_lower_words((label or name.replace("_", " ")).split(" (")[0]))
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _prop_label(kind: str) -> Callable[[str], str | None]:
    spec = KINDS_BY_ID.get(kind)

    def label(name: str) -> str | None:
        prop = spec.prop(name) if spec is not None else None
        return prop.label if prop is not None else None

    return label


def _update_description(
    before: Mapping[str, Any], label: str | None, props: Mapping[str, Any] | None
) -> str:
    """The undo text of :func:`update_element`, e.g. "Change decision right of 'Draft'"."""
    name = _element_name(before)
    renamed = label is not None and label != before["label"]
    if not props:
        return f"Rename {name} to {quoted(label or '')}" if renamed else f"Edit {name}"
    if renamed:
        return f"Edit {name}"
    words = _field_words(sorted(props), _prop_label(str(before["kind"])))
    if all(value is None for value in props.values()):
        return f"Clear {words} of {name}"
    return f"Change {words} of {name}"


# -- elements ------------------------------------------------------------------------------


def _checked_element_values(
    kind: str, label: Any, x: Any, y: Any, props: Mapping[str, Any], where: str
) -> None:
    if kind not in KINDS_BY_ID:
        raise EditError(f"Unknown element kind {kind!r}.")
    try:
        check_label(label, f"{where}.label")
        for axis, value in (("x", x), ("y", y)):
            check_coordinate(value, f"{where}.{axis}")
        spec = KINDS_BY_ID[kind]
        for name, value in props.items():
            prop = spec.prop(name)
            if prop is not None:
                check_prop(prop, value, f"{where}.{name}")
            else:
                check_json_value(value, f"{where}.{name}")
    except InvalidValue as exc:
        raise EditError(str(exc)) from None


def add_element(
    session: Session,
    workflow_id: str,
    kind: str,
    *,
    label: str | None = None,
    x: float = 0,
    y: float = 0,
    props: Mapping[str, Any] | None = None,
    element_id: str | None = None,
) -> Edit:
    """Create one element of ``kind`` at (x, y) in a workflow."""
    if kind not in KINDS_BY_ID:
        raise EditError(f"Unknown element kind {kind!r}.")
    name = KINDS_BY_ID[kind].name
    element = {
        "id": element_id,
        "kind": kind,
        "label": name if label is None else label,
        "x": x,
        "y": y,
        "props": dict(props or {}),
    }
    noun = kind_noun(kind)
    what = f"{noun} {quoted(label)}" if label and label != name else noun
    return add_items(session, workflow_id, [element], [], description=f"Add {what}")


def add_items(
    session: Session,
    workflow_id: str,
    elements: Iterable[Mapping[str, Any]],
    connections: Iterable[Mapping[str, Any]] = (),
    *,
    description: str = "Add elements",
) -> Edit:
    """Add several elements and the connections between them in one edit (paste, duplicate).

    Element dicts carry ``kind``, ``label``, ``x``, ``y``, ``props`` and optionally ``id``;
    connection dicts carry ``source``, ``target`` (ids among the new or existing elements),
    and optionally ``id``, ``label``, ``raci``.
    """
    if workflow_id not in session.workflows:
        raise EditError(f"There is no workflow {workflow_id!r}.")
    changes: list[Change] = []
    new_kinds: dict[str, str] = {}
    taken: set[str] = set()
    seq = session.next_seq("element")
    for item in elements:
        kind = item["kind"]
        label = item.get("label", "")
        x, y = item.get("x", 0), item.get("y", 0)
        props = dict(item.get("props") or {})
        ident = item.get("id") or new_id(session, kind.replace("_", ""), taken)
        _checked_id(ident, f"{kind} id")
        _checked_element_values(kind, label, x, y, props, f"{kind} {ident!r}")
        _checked_extra(item.get("extra"), f"{kind} {ident!r}")
        if session.has_id(ident) or ident in taken:
            raise EditError(f"The id {ident!r} is already used in this session.")
        taken.add(ident)
        new_kinds[ident] = kind
        state = {
            "workflow_id": workflow_id,
            "kind": kind,
            "label": label,
            "x": x,
            "y": y,
            "props": props,
            "seq": seq,
            "extra": dict(item.get("extra") or {}),
        }
        seq += 1
        changes.append(Change("element", ident, None, state))
    connection_seq = session.next_seq("connection")
    pairs = _existing_pairs(session)
    for item in connections:
        ident = item.get("id") or new_id(session, "c", taken)
        _checked_id(ident, "connection id")
        if session.has_id(ident) or ident in taken:
            raise EditError(f"The id {ident!r} is already used in this session.")
        taken.add(ident)
        state = _connection_state(
            session,
            workflow_id,
            item["source"],
            item["target"],
            item.get("label", ""),
            item.get("raci"),
            connection_seq,
            new_kinds,
            pairs,
        )
        pairs.add((state["source"], state["target"]))
        connection_seq += 1
        changes.append(Change("connection", ident, None, state))
    return Edit(description, tuple(changes))


def move_elements(session: Session, positions: Mapping[str, tuple[float, float]]) -> Edit:
    """Move elements to new top-left positions (one edit for a whole drag)."""
    changes = []
    for ident, (x, y) in positions.items():
        before = _require(session, "element", ident)
        try:
            check_coordinate(x, f"element {ident!r}.x")
            check_coordinate(y, f"element {ident!r}.y")
        except InvalidValue as exc:
            raise EditError(f"Position of {ident!r} must be numbers: {exc}") from None
        if before["x"] == x and before["y"] == y:
            continue
        after = {**before, "x": x, "y": y}
        changes.append(Change("element", ident, before, after))
    count = len(changes)
    description = f"Move {_element_name(changes[0].before or {})}" if count == 1 else ""
    return Edit(description or f"Move {count} elements", tuple(changes))


def update_element(
    session: Session,
    element_id: str,
    *,
    label: str | None = None,
    props: Mapping[str, Any] | None = None,
) -> Edit:
    """Change an element's label and/or props; a prop given as None is removed."""
    before = _require(session, "element", element_id)
    after = {**before, "props": dict(before["props"])}
    if label is not None:
        after["label"] = label
    for name, value in (props or {}).items():
        if value is None:
            after["props"].pop(name, None)
        else:
            after["props"][name] = value
    _checked_element_values(
        after["kind"], after["label"], after["x"], after["y"], after["props"], element_id
    )
    description = _update_description(before, label, props)
    return Edit(description, (Change("element", element_id, before, after),))


def delete_elements(session: Session, element_ids: Iterable[str]) -> Edit:
    """Delete elements together with every connection that touches them and their votes."""
    ids = list(dict.fromkeys(element_ids))
    changes = _element_removals(session, ids)
    votes = _vote_removal(session, set(ids))
    count = len(ids)
    if count == 1 and ids[0] in session.elements:
        description = f"Delete {_element_name(entity_state(session.elements[ids[0]]))}"
    else:
        description = f"Delete {count} elements"
    return Edit(description, tuple(changes + ([votes] if votes else [])))


def _element_removals(session: Session, ids: list[str]) -> list[Change]:
    changes = [
        Change("connection", c.id, entity_state(c), None) for c in session.connections_of(set(ids))
    ]
    for ident in ids:
        changes.append(Change("element", ident, _require(session, "element", ident), None))
    return changes


def _vote_removal(session: Session, targets: set[str]) -> Change | None:
    """The workshop change that drops every dot on ``targets`` (None when there is none)."""
    kept = [v for v in session.workshop.votes if v["target"] not in targets]
    if len(kept) == len(session.workshop.votes):
        return None
    before = entity_state(session.workshop)
    return Change("workshop", WORKSHOP_KEY, before, {**before, "votes": kept})


# -- connections ---------------------------------------------------------------------------


def _existing_pairs(session: Session) -> set[tuple[str, str]]:
    return {(c.source, c.target) for c in session.connections.values()}


def _connection_state(
    session: Session,
    workflow_id: str,
    source: str,
    target: str,
    label: Any,
    raci: Any,
    seq: int,
    new_kinds: Mapping[str, str],
    pairs: set[tuple[str, str]],
) -> dict[str, Any]:
    kinds = []
    for end in (source, target):
        element = session.elements.get(end)
        if element is not None and element.workflow_id == workflow_id:
            kinds.append(element.kind)
        elif end in new_kinds:
            kinds.append(new_kinds[end])
        else:
            raise EditError(f"There is no element {end!r} in this workflow to connect.")
    try:
        check_label(label, "connection label")
        check_raci(raci, "connection raci")
    except InvalidValue as exc:
        raise EditError(str(exc)) from None
    reason = refusal_reason(kinds[0], kinds[1], same_element=source == target, raci=raci)
    if reason is not None:
        raise EditError(reason)
    if (source, target) in pairs:
        raise EditError("These two elements are already connected.")
    return {
        "workflow_id": workflow_id,
        "source": source,
        "target": target,
        "label": label,
        "raci": raci,
        "seq": seq,
        "extra": {},
    }


def add_connection(
    session: Session,
    source: str,
    target: str,
    *,
    label: str = "",
    raci: str | None = None,
    connection_id: str | None = None,
) -> Edit:
    """Connect two elements of one workflow; refused with the spec's reason when illegal."""
    element = session.elements.get(source)
    if element is None:
        raise EditError(f"There is no element {source!r} to connect from.")
    ident = connection_id or new_id(session, "c")
    _checked_id(ident, "connection id")
    if session.has_id(ident):
        raise EditError(f"The id {ident!r} is already used in this session.")
    state = _connection_state(
        session,
        element.workflow_id,
        source,
        target,
        label,
        raci,
        session.next_seq("connection"),
        {},
        _existing_pairs(session),
    )
    target_state = session.state_of("element", target) or {}
    description = f"Connect {_element_name(entity_state(element))} to {_element_name(target_state)}"
    return Edit(description, (Change("connection", ident, None, state),))


def update_connection(
    session: Session,
    connection_id: str,
    *,
    label: str | None = None,
    raci: str | type[Ellipsis] | None = ...,
) -> Edit:
    """Change a connection's label and/or RACI letter (``raci=None`` clears it)."""
    before = _require(session, "connection", connection_id)
    after = dict(before)
    if label is not None:
        after["label"] = label
    if raci is not ...:
        after["raci"] = raci
    source_kind = session.elements[before["source"]].kind
    try:
        check_label(after["label"], "connection label")
        check_raci(after["raci"], "connection raci")
    except InvalidValue as exc:
        raise EditError(str(exc)) from None
    if after["raci"] is not None and source_kind != "role":
        raise EditError("RACI letters belong only on connections from a role.")
    return Edit(
        f"Change {_connection_change_words(before, after)} of the connection "
        f"{_connection_name(session, before)}",
        (Change("connection", connection_id, before, after),),
    )


def _connection_name(session: Session, state: Mapping[str, Any]) -> str:
    """A connection as an undo text names it: "'Source' → 'Target'"."""
    ends = [session.state_of("element", state[end]) or {} for end in ("source", "target")]
    return f"{_element_name(ends[0])} → {_element_name(ends[1])}"


def _connection_change_words(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    changed = [
        word
        for key, word in (("label", "label"), ("raci", "RACI letter"))
        if before[key] != after[key]
    ]
    return " and ".join(changed) or "details"


def delete_connections(session: Session, connection_ids: Iterable[str]) -> Edit:
    """Delete connections."""
    ids = list(dict.fromkeys(connection_ids))
    changes = tuple(
        Change("connection", ident, _require(session, "connection", ident), None) for ident in ids
    )
    if len(ids) == 1:
        description = f"Delete the connection {_connection_name(session, changes[0].before or {})}"
    else:
        description = f"Delete {len(ids)} connections"
    return Edit(description, changes)


# -- workflows and workshop ----------------------------------------------------------------


def add_workflow(
    session: Session, name: str, *, workflow_id: str | None = None, **fields: Any
) -> Edit:
    """Create a workflow (a new canvas tab)."""
    ident = workflow_id or new_id(session, "wf")
    _checked_id(ident, "workflow id")
    if session.has_id(ident):
        raise EditError(f"The id {ident!r} is already used in this session.")
    state = entity_state(Workflow(id=ident, name=name, seq=session.next_seq("workflow")))
    state.update(_checked_fields(WORKFLOW_FIELDS_BY_NAME, {"name": name, **fields}, "workflow"))
    return Edit(f"Add workflow {quoted(name)}", (Change("workflow", ident, None, state),))


def edit_workflow(session: Session, workflow_id: str, **fields: Any) -> Edit:
    """Change workflow fields (name, function, value, risk tier …)."""
    before = _require(session, "workflow", workflow_id)
    after = {**before, **_checked_fields(WORKFLOW_FIELDS_BY_NAME, fields, "workflow")}
    return Edit(
        _workflow_description(before, fields),
        (Change("workflow", workflow_id, before, after),),
    )


def _workflow_description(before: Mapping[str, Any], fields: Mapping[str, Any]) -> str:
    """The undo text of :func:`edit_workflow`, e.g. "Change risk tier of workflow 'Sales'"."""
    name = quoted(before["name"] or "Untitled")
    if set(fields) == {"name"}:
        return f"Rename workflow {name} to {quoted(fields['name'])}"
    if set(fields) == {"value", "feasibility"}:
        if fields["value"] is None and fields["feasibility"] is None:
            return f"Clear the rating of {name}"
        return f"Rate {name}: value {fields['value']}, feasibility {fields['feasibility']}"

    def label(field: str) -> str | None:
        spec = WORKFLOW_FIELDS_BY_NAME.get(field)
        return spec.label if spec is not None else None

    words = _field_words(sorted(fields), label)
    if all(value is None for value in fields.values()):
        return f"Clear {words} of workflow {name}"
    return f"Change {words} of workflow {name}"


def delete_workflow(session: Session, workflow_id: str) -> Edit:
    """Delete a workflow with all its elements and connections."""
    before = _require(session, "workflow", workflow_id)
    element_ids = [e.id for e in session.workflow_elements(workflow_id)]
    inner = _element_removals(session, element_ids)
    votes = _vote_removal(session, {workflow_id, *element_ids})
    change = Change("workflow", workflow_id, before, None)
    return Edit(
        f"Delete workflow {quoted(before['name'] or 'Untitled')}",
        (*inner, change, *([votes] if votes else [])),
    )


def edit_workshop(session: Session, **fields: Any) -> Edit:
    """Change workshop fields; also ``participants``, ``assessment``, ``parking_lot``,
    ``agenda``, ``votes``, ``ratings`` and ``private_round`` (vote targets and rated
    workflows must exist in the session)."""
    before = entity_state(session.workshop)
    structured = {k: fields.pop(k) for k in _WORKSHOP_STRUCTURED if k in fields}
    after = {**before, **_checked_fields(WORKSHOP_FIELDS_BY_NAME, fields, "workshop")}
    if structured:
        probe = {**workshop_to_json(session.workshop), **structured}
        targets = [{"id": ident, "elements": []} for ident in session.workflows] + [
            {"id": "_targets", "elements": [{"id": e, "kind": "note"} for e in session.elements]}
        ]
        try:
            checked = session_from_json(
                {"format": "opmodel", "version": 1, "workshop": probe, "workflows": targets},
                "workshop",
            ).workshop
        except InterchangeError as exc:
            raise EditError(str(exc)) from None
        checked_state = entity_state(checked)
        for key in structured:
            after[key] = checked_state[key]
    return Edit(
        _workshop_description([*fields, *structured]),
        (Change("workshop", WORKSHOP_KEY, before, after),),
    )


_STRUCTURED_WORDS = {
    "participants": "participants",
    "assessment": "self-assessment",
    "parking_lot": "parking lot",
    "agenda": "agenda",
    "votes": "dot votes",
    "ratings": "ratings",
    "private_round": "private round",
}


def _workshop_description(names: list[str]) -> str:
    def label(field: str) -> str | None:
        if field in _STRUCTURED_WORDS:
            return _STRUCTURED_WORDS[field]
        spec = WORKSHOP_FIELDS_BY_NAME.get(field)
        return spec.label if spec is not None else None

    return f"Change the workshop's {_field_words(sorted(names), label)}"


_WORKSHOP_STRUCTURED = (
    "participants",
    "assessment",
    "parking_lot",
    "agenda",
    "votes",
    "ratings",
    "private_round",
)


# -- a workflow's frames and layers (kept in its extra) ------------------------------------

#: (x, y, width, height) of a frame, in scene coordinates.
FrameRect = tuple[float, float, float, float]


def _workflow_extra_edit(
    session: Session, workflow_id: str, key: str, value: Any, description: str
) -> Edit:
    """Set (None: remove) one key of a workflow's ``extra``, as one undoable edit."""
    before = _require(session, "workflow", workflow_id)
    extra = dict(before["extra"])
    if value is None:
        extra.pop(key, None)
    else:
        extra[key] = value
    return Edit(description, (Change("workflow", workflow_id, before, {**before, "extra": extra}),))


def _frames_edit(
    session: Session, workflow_id: str, frames: list[dict[str, Any]], description: str
) -> Edit:
    try:
        check_frames(frames, "frames")
    except InvalidValue as exc:
        raise EditError(str(exc)) from None
    return _workflow_extra_edit(session, workflow_id, FRAMES_KEY, frames or None, description)


def _frames_of(session: Session, workflow_id: str) -> list[CustomFrame]:
    _require(session, "workflow", workflow_id)
    return custom_frames(session.workflows[workflow_id])


def _frame_index(frames: list[CustomFrame], frame_id: str) -> int:
    for index, frame in enumerate(frames):
        if frame.id == frame_id:
            return index
    raise EditError(f"There is no frame {frame_id!r} in this workflow.")


def add_frame(
    session: Session,
    workflow_id: str,
    name: str,
    rect: FrameRect,
    *,
    notes: str = "",
    frame_id: str | None = None,
    index: int | None = None,
) -> Edit:
    """Add a named frame (a region of the canvas) to a workflow's slides, last by default."""
    import uuid

    frames = _frames_of(session, workflow_id)
    taken = {f.id for f in frames}
    ident = frame_id
    while ident is None or (frame_id is None and ident in taken):
        ident = f"fr-{uuid.uuid4().hex[:8]}"
    if ident in taken:
        raise EditError(f"The frame id {ident!r} is already used in this workflow.")
    x, y, width, height = rect
    new = {"id": ident, "name": name, "x": x, "y": y, "width": width, "height": height}
    if notes:
        new["notes"] = notes
    stored = [f.to_json() for f in frames]
    stored.insert(len(stored) if index is None else max(0, min(index, len(stored))), new)
    return _frames_edit(session, workflow_id, stored, f"Add frame {name!r}")


def update_frame(
    session: Session,
    workflow_id: str,
    frame_id: str,
    *,
    name: str | None = None,
    rect: FrameRect | None = None,
    notes: str | None = None,
) -> Edit:
    """Rename a frame, move or resize its region, or change its notes."""
    frames = _frames_of(session, workflow_id)
    index = _frame_index(frames, frame_id)
    stored = [f.to_json() for f in frames]
    item = dict(stored[index])
    if name is not None:
        item["name"] = name
    if rect is not None:
        item["x"], item["y"], item["width"], item["height"] = rect
    if notes is not None:
        item.pop("notes", None)
        if notes:
            item["notes"] = notes
    stored[index] = item
    what = "Rename frame" if name is not None and rect is None and notes is None else "Edit frame"
    return _frames_edit(session, workflow_id, stored, what)


def reorder_frame(session: Session, workflow_id: str, frame_id: str, index: int) -> Edit:
    """Move a frame to position ``index`` among the workflow's frames (clamped)."""
    frames = _frames_of(session, workflow_id)
    stored = [f.to_json() for f in frames]
    item = stored.pop(_frame_index(frames, frame_id))
    stored.insert(max(0, min(index, len(stored))), item)
    return _frames_edit(session, workflow_id, stored, "Reorder frames")


def delete_frame(session: Session, workflow_id: str, frame_id: str) -> Edit:
    """Delete one of a workflow's frames."""
    frames = _frames_of(session, workflow_id)
    stored = [f.to_json() for f in frames]
    item = stored.pop(_frame_index(frames, frame_id))
    return _frames_edit(session, workflow_id, stored, f"Delete frame {item['name']!r}")


def set_layers(
    session: Session,
    workflow_id: str,
    *,
    hidden: Iterable[str] | None = None,
    focus: str | type[Ellipsis] | None = ...,
) -> Edit:
    """Show or hide a workflow's layers and/or put its focus lens on an element (None: off).

    Showing every layer with the lens off removes the stored state.
    """
    _require(session, "workflow", workflow_id)
    current = workflow_layers(session, workflow_id)
    state = LayerState(
        current.hidden if hidden is None else frozenset(hidden),
        current.focus if focus is ... else focus,  # type: ignore[arg-type]
    )
    if state.focus is not None:
        element = session.elements.get(state.focus)
        if element is None or element.workflow_id != workflow_id:
            raise EditError("Select an element of this workflow to focus on.")
    stored = state.to_json()
    try:
        check_layers(stored, "layers")
    except InvalidValue as exc:
        raise EditError(str(exc)) from None
    if state.focus is not None and focus is not ...:
        what = f"Focus on {session.elements[state.focus].label or state.focus!r}"
    elif focus is None and current.focus is not None and hidden is None:
        what = "Focus lens off"
    else:
        what = "Show layers"
    return _workflow_extra_edit(
        session, workflow_id, LAYERS_KEY, None if state.is_default else stored, what
    )


def _checked_fields(specs: Mapping[str, Any], fields: Mapping[str, Any], what: str) -> dict:
    checked = {}
    for name, value in fields.items():
        spec = specs.get(name)
        if spec is None:
            raise EditError(f"A {what} has no field {name!r}.")
        try:
            checked[name] = check_prop(spec, value, f"{what}.{name}")
        except InvalidValue as exc:
            raise EditError(str(exc)) from None
    return checked


def _checked_id(ident: Any, where: str) -> None:
    try:
        check_id(ident, where)
    except InvalidValue as exc:
        raise EditError(str(exc)) from None


def _checked_extra(extra: Any, where: str) -> None:
    try:
        check_json_value(extra or {}, f"{where}.extra")
    except InvalidValue as exc:
        raise EditError(str(exc)) from None


def _require(session: Session, entity: EntityType, ident: str) -> dict[str, Any]:
    state = session.state_of(entity, ident)
    if state is None:
        raise EditError(f"There is no {entity} {ident!r}.")
    return state
