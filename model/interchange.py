"""The JSON interchange form of a session (spec: "JSON interchange").

:func:`session_from_json` checks every value and raises :class:`InterchangeError` naming the
file, the JSON path and the expected value; :func:`session_to_json` gives the document back,
with ids, props, positions and unknown keys preserved.

Export writes version 2 (the frameworks props). Import reads versions 1 and 2 alike:
version 2 only adds optional props and values, so a version-1 document is read as it is,
and a key that version 2 defines is checked as version 2 defines it in either version.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from model import vocabulary as v
from model.connections import refusal_reason
from model.fields import (
    AGENDA_FIELDS,
    PARTICIPANT_FIELDS,
    RATING_FIELDS,
    ROUND_FIELDS,
    VOTE_FIELDS,
    WORKFLOW_FIELDS,
    WORKSHOP_FIELDS,
)
from model.frames import FRAMES_KEY, check_frames
from model.kinds import PropSpec
from model.lanes import LANES_KEY, check_lanes
from model.layers import LAYERS_KEY, check_layers
from model.limits import INT_MAX, INT_MIN, JSON_DEPTH_MAX
from model.session import Connection, Element, Participant, Session, Workflow, Workshop
from model.validation import (
    DEPTH_EXPECTED,
    INT_EXPECTED,
    InvalidValue,
    check_coordinate,
    check_id,
    check_int_range,
    check_json_value,
    check_kind,
    check_label,
    check_prop,
    check_props,
    check_raci,
    check_text,
    key_path,
)

_TOP_KEYS = ("format", "version", "workshop", "workflows")
_WORKSHOP_STRUCTURED = (
    "participants",
    "assessment",
    "parking_lot",
    "agenda",
    "votes",
    "ratings",
    "private_round",
)
_ELEMENT_KEYS = ("id", "kind", "label", "x", "y", "props")
#: A connection's drawn route in an exported file: derived from the positions, so an
#: import drops it (``exports.json_export``).
ROUTE_KEY = "route"
_CONNECTION_KEYS = ("id", "source", "target", "label", "raci", ROUTE_KEY)
#: A JSON string (skipped when counting nesting) or one bracket.
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
#: Whole numbers with more digits than this are out of range whatever they are.
_INT_DIGITS_MAX = len(str(INT_MIN))


class InterchangeError(ValueError):
    """Unusable interchange input; ``str()`` is one line naming file, path and expectation."""

    def __init__(self, source: str, detail: str, path: str = "") -> None:
        self.source = source
        self.path = path
        self.detail = detail
        where = f"{source}: {path}: " if path else f"{source}: "
        super().__init__(where + detail)


def read_json_file(path: Path | str) -> Session:
    """Read and check an interchange file; raise :class:`InterchangeError` when unusable."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InterchangeError(name, "no such file") from None
    except UnicodeDecodeError as exc:
        raise InterchangeError(name, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InterchangeError(name, exc.strerror or str(exc)) from None
    too_deep = nesting_too_deep_at(text)
    if too_deep is not None:
        line, column = too_deep
        raise InterchangeError(
            name, f"expected {DEPTH_EXPECTED}, got deeper nesting at line {line} column {column}"
        )
    try:
        data = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise InterchangeError(
            name, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except (ValueError, RecursionError) as exc:  # pragma: no cover - guarded above
        raise InterchangeError(name, f"invalid JSON: {_one_line(str(exc))}") from None
    return session_from_json(data, name)


def nesting_too_deep_at(text: str) -> tuple[int, int] | None:
    """(line, column) of the first bracket nested deeper than ``JSON_DEPTH_MAX``, if any.

    Counted on the text (brackets inside strings do not count), so that a document nested
    thousands of levels deep is refused before the parser (which recurses) sees it. The
    session reader checks JSON columns with it too.
    """
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > JSON_DEPTH_MAX:
                start = match.start()
                line = text.count("\n", 0, start) + 1
                return line, start - text.rfind("\n", 0, start)
        elif token in "]}":
            depth -= 1
    return None


class JsonTooDeep(ValueError):
    """JSON text nested deeper than ``JSON_DEPTH_MAX`` (refused before it is parsed)."""


def loads_strict(text: str) -> Any:
    """JSON stored inside a file (a session's JSON columns, the BPMN extension's values):
    no NaN or Infinity, at most ``JSON_DEPTH_MAX`` levels deep, checked before parsing.

    Raises :class:`JsonTooDeep` for too deep a nesting, ``ValueError`` for anything else
    that is not such JSON.
    """
    if nesting_too_deep_at(text) is not None:
        raise JsonTooDeep(f"nested deeper than {JSON_DEPTH_MAX} levels")
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except RecursionError as exc:  # pragma: no cover - guarded by the depth check
        raise ValueError(str(exc)) from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


class _LongInt(int):
    """A whole number with too many digits to convert; stands in for it until refused."""

    digits: int


def _parse_int(digits: str) -> int:
    """``int(digits)``, except that a number far out of range is not converted (Python
    refuses to convert more than 4300 digits)."""
    if len(digits) <= _INT_DIGITS_MAX:
        return int(digits)
    stand_in = _LongInt(INT_MIN - 1 if digits.startswith("-") else INT_MAX + 1)
    stand_in.digits = len(digits.lstrip("-"))
    return stand_in


def _one_line(text: str) -> str:
    return " ".join(text.split())


def session_from_json(
    data: Any, source: str = "<json>", *, known_ids: Iterable[str] = ()
) -> Session:
    """Build a checked :class:`Session` from a parsed interchange document.

    ``known_ids`` are ids that exist outside the document (vote targets may name them);
    the edit layer uses it to check a workshop edit on its own.
    """
    try:
        return _Parser(known_ids).parse(data)
    except InvalidValue as exc:
        reason = exc.reason
        if isinstance(exc.got, _LongInt):
            reason = f"expected {INT_EXPECTED}, got a whole number with {exc.got.digits} digits"
        raise InterchangeError(source, reason, exc.path) from None


def session_to_json(session: Session, *, copy: bool = True) -> dict[str, Any]:
    """The interchange document of ``session`` (a JSON-ready dict).

    ``copy=False`` shares the session's dicts and lists instead of copying them: only for a
    caller that reads the document at once and drops it (the session reader's check).
    """
    dup = _copy if copy else _same
    return {
        "format": v.FORMAT_NAME,
        "version": v.FORMAT_VERSION,
        **dup(session.extra),
        "workshop": workshop_to_json(session.workshop, dup),
        "workflows": [
            _workflow_to_json(session, workflow, dup) for workflow in session.ordered_workflows()
        ],
    }


def dumps(session: Session) -> str:
    """The interchange document as indented UTF-8 JSON text."""
    return json.dumps(session_to_json(session), ensure_ascii=False, indent=2) + "\n"


def workshop_to_json(workshop: Workshop, dup: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    """The ``workshop`` object of the interchange document."""
    dup = dup or _copy
    out: dict[str, Any] = {f.name: getattr(workshop, f.name) for f in WORKSHOP_FIELDS}
    out["participants"] = [
        {"name": p.name, "title": p.title, "workshop_role": p.workshop_role, **dup(p.extra)}
        for p in workshop.participants
    ]
    out["assessment"] = dict(workshop.assessment)
    out["parking_lot"] = list(workshop.parking_lot)
    out["agenda"] = dup(workshop.agenda)
    out["votes"] = dup(workshop.votes)
    if workshop.ratings:
        out["ratings"] = dup(workshop.ratings)
    if workshop.private_round:
        out["private_round"] = dup(workshop.private_round)
    out.update(dup(workshop.extra))
    return out


def _workflow_to_json(
    session: Session, workflow: Workflow, dup: Callable[[Any], Any]
) -> dict[str, Any]:
    out: dict[str, Any] = {"id": workflow.id}
    out.update({f.name: getattr(workflow, f.name) for f in WORKFLOW_FIELDS})
    out.update(dup(workflow.extra))
    out["elements"] = [element_to_json(e, dup) for e in session.workflow_elements(workflow.id)]
    out["connections"] = [
        connection_to_json(c, dup) for c in session.workflow_connections(workflow.id)
    ]
    return out


def element_to_json(element: Element, dup: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    """One element as in the interchange document."""
    dup = dup or _copy
    return {
        "id": element.id,
        "kind": element.kind,
        "label": element.label,
        "x": element.x,
        "y": element.y,
        "props": dup(element.props),
        **dup(element.extra),
    }


def connection_to_json(
    connection: Connection, dup: Callable[[Any], Any] | None = None
) -> dict[str, Any]:
    """One connection as in the interchange document (``raci`` only when set)."""
    dup = dup or _copy
    out: dict[str, Any] = {
        "id": connection.id,
        "source": connection.source,
        "target": connection.target,
        "label": connection.label,
    }
    if connection.raci is not None:
        out["raci"] = connection.raci
    out.update(dup(connection.extra))
    return out


def _copy(value: Any) -> Any:
    return json.loads(json.dumps(value))


def _same(value: Any) -> Any:
    return value


class _Parser:
    """Walks an interchange document, checking each value where it stands."""

    def __init__(self, known_ids: Iterable[str] = ()) -> None:
        self.known_ids = set(known_ids)
        self.session = Session()
        self.first_seen: dict[str, str] = {}
        self.vote_paths: list[tuple[str, Any]] = []
        self.rating_paths: list[tuple[str, Any]] = []

    def parse(self, data: Any) -> Session:
        obj = _object(data, "$")
        check_json_value(obj, "$")
        if obj.get("format") != v.FORMAT_NAME:
            raise InvalidValue("$.format", f'"{v.FORMAT_NAME}"', obj.get("format"))
        version = obj.get("version")
        if version not in v.READABLE_FORMAT_VERSIONS or isinstance(version, bool):
            readable = " or ".join(str(n) for n in v.READABLE_FORMAT_VERSIONS)
            raise InvalidValue("$.version", f"{readable} (this version of OpModel Studio)", version)
        self.session.extra = {k: val for k, val in obj.items() if k not in _TOP_KEYS}
        self.session.workshop = self._workshop(obj.get("workshop", {}), "$.workshop")
        workflows = obj.get("workflows", [])
        if not isinstance(workflows, list):
            raise InvalidValue("$.workflows", "a list of workflows", workflows)
        for index, item in enumerate(workflows):
            self._workflow(item, f"$.workflows[{index}]", index)
        for path, target in self.vote_paths:
            known = target in self.known_ids or target in self.session.workflows
            if not known and target not in self.session.elements:
                raise InvalidValue(path, "the id of a workflow or an element", target)
        for path, target in self.rating_paths:
            if target not in self.known_ids and target not in self.session.workflows:
                raise InvalidValue(path, "the id of a workflow", target)
        return self.session

    def _workshop(self, data: Any, path: str) -> Workshop:
        obj = _object(data, path)
        values: dict[str, Any] = {}
        for spec in WORKSHOP_FIELDS:
            if spec.name in obj:
                values[spec.name] = check_prop(spec, obj[spec.name], f"{path}.{spec.name}")
        participants = _list(obj.get("participants", []), f"{path}.participants")
        parsed = [
            self._participant(p, f"{path}.participants[{i}]") for i, p in enumerate(participants)
        ]
        assessment = _object(obj.get("assessment", {}), f"{path}.assessment")
        for key, answer in assessment.items():
            check_int_range(answer, 0, 4, key_path(f"{path}.assessment", key))
        parking = _list(obj.get("parking_lot", []), f"{path}.parking_lot")
        for i, item in enumerate(parking):
            check_text(item, f"{path}.parking_lot[{i}]")
        agenda = _list(obj.get("agenda", []), f"{path}.agenda")
        for i, item in enumerate(agenda):
            _check_record(item, f"{path}.agenda[{i}]", AGENDA_FIELDS)
        votes = _list(obj.get("votes", []), f"{path}.votes")
        for i, item in enumerate(votes):
            _check_record(item, f"{path}.votes[{i}]", VOTE_FIELDS)
            self.vote_paths.append((f"{path}.votes[{i}].target", item["target"]))
        ratings = _list(obj.get("ratings", []), f"{path}.ratings")
        for i, item in enumerate(ratings):
            _check_record(item, f"{path}.ratings[{i}]", RATING_FIELDS)
            self.rating_paths.append((f"{path}.ratings[{i}].workflow", item["workflow"]))
        private_round = _object(obj.get("private_round", {}), f"{path}.private_round")
        if private_round:
            _check_record(private_round, f"{path}.private_round", ROUND_FIELDS)
        known = {f.name for f in WORKSHOP_FIELDS} | set(_WORKSHOP_STRUCTURED)
        return Workshop(
            **values,
            participants=parsed,
            assessment=dict(assessment),
            parking_lot=list(parking),
            agenda=[dict(item) for item in agenda],
            votes=[dict(item) for item in votes],
            ratings=[dict(item) for item in ratings],
            private_round=dict(private_round),
            extra={k: val for k, val in obj.items() if k not in known},
        )

    def _participant(self, data: Any, path: str) -> Participant:
        obj = _object(data, path)
        values = {
            spec.name: check_prop(spec, obj[spec.name], f"{path}.{spec.name}")
            for spec in PARTICIPANT_FIELDS
            if spec.name in obj
        }
        extra = {k: val for k, val in obj.items() if k not in values}
        return Participant(**values, extra=extra)

    def _claim_id(self, value: Any, path: str, pool: str) -> str:
        ident = check_id(value, path)
        key = f"{pool}:{ident}"
        if key in self.first_seen:
            raise InvalidValue(
                path, f"an id not used before (first at {self.first_seen[key]})", ident
            )
        self.first_seen[key] = path
        return ident

    def _workflow(self, data: Any, path: str, seq: int) -> None:
        obj = _object(data, path)
        if "id" not in obj:
            raise InvalidValue(f"{path}.id", "a workflow id", None)
        workflow_id = self._claim_id(obj["id"], f"{path}.id", "workflow")
        values = {
            spec.name: check_prop(spec, obj[spec.name], f"{path}.{spec.name}")
            for spec in WORKFLOW_FIELDS
            if spec.name in obj
        }
        if LANES_KEY in obj:
            check_lanes(obj[LANES_KEY], f"{path}.{LANES_KEY}")
        known = {"id", "elements", "connections", *values}
        extra = {k: val for k, val in obj.items() if k not in known}
        check_workflow_extra(extra, path)
        self.session.workflows[workflow_id] = Workflow(
            id=workflow_id, seq=seq, extra=extra, **values
        )
        elements = _list(obj.get("elements", []), f"{path}.elements")
        for index, item in enumerate(elements):
            self._element(item, f"{path}.elements[{index}]", workflow_id, index)
        connections = _list(obj.get("connections", []), f"{path}.connections")
        for index, item in enumerate(connections):
            self._connection(item, f"{path}.connections[{index}]", workflow_id, index)

    def _element(self, data: Any, path: str, workflow_id: str, seq: int) -> None:
        obj = _object(data, path)
        if "id" not in obj:
            raise InvalidValue(f"{path}.id", "an element id", None)
        element_id = self._claim_id(obj["id"], f"{path}.id", "element")
        if "kind" not in obj:
            raise InvalidValue(f"{path}.kind", "an element kind", None)
        kind = check_kind(obj["kind"], f"{path}.kind")
        label = check_label(obj.get("label", ""), f"{path}.label")
        position = [check_coordinate(obj.get(axis, 0), f"{path}.{axis}") for axis in ("x", "y")]
        props = check_props(kind, obj.get("props", {}), f"{path}.props")
        self.session.elements[element_id] = Element(
            id=element_id,
            workflow_id=workflow_id,
            kind=kind,
            label=label,
            x=position[0],
            y=position[1],
            props=dict(props),
            seq=seq,
            extra={k: val for k, val in obj.items() if k not in _ELEMENT_KEYS},
        )

    def _connection(self, data: Any, path: str, workflow_id: str, seq: int) -> None:
        obj = _object(data, path)
        if "id" not in obj:
            raise InvalidValue(f"{path}.id", "a connection id", None)
        connection_id = self._claim_id(obj["id"], f"{path}.id", "connection")
        ends = []
        for end in ("source", "target"):
            ident = obj.get(end)
            element = self.session.elements.get(ident) if isinstance(ident, str) else None
            if element is None or element.workflow_id != workflow_id:
                raise InvalidValue(
                    f"{path}.{end}", f"the id of an element in workflow '{workflow_id}'", ident
                )
            ends.append(element)
        label = check_label(obj.get("label", ""), f"{path}.label")
        raci = check_raci(obj.get("raci"), f"{path}.raci")
        source, target = ends
        reason = refusal_reason(
            source.kind, target.kind, same_element=source.id == target.id, raci=raci
        )
        if reason is not None:
            raise InvalidValue(
                path, f"a legal connection ({reason})", f"{source.kind} → {target.kind}"
            )
        self.session.connections[connection_id] = Connection(
            id=connection_id,
            workflow_id=workflow_id,
            source=source.id,
            target=target.id,
            label=label,
            raci=raci,
            seq=seq,
            extra={k: val for k, val in obj.items() if k not in _CONNECTION_KEYS},
        )


def check_workflow_extra(extra: dict[str, Any], path: str) -> None:
    """Check the keys of a workflow's ``extra`` that have a meaning: its frames and layers."""
    if FRAMES_KEY in extra:
        check_frames(extra[FRAMES_KEY], f"{path}.{FRAMES_KEY}")
    if LAYERS_KEY in extra:
        check_layers(extra[LAYERS_KEY], f"{path}.{LAYERS_KEY}")


def _check_record(value: Any, path: str, specs: tuple[PropSpec, ...]) -> None:
    """An object with every field of ``specs`` valid (extra keys are kept)."""
    obj = _object(value, path)
    for spec in specs:
        if spec.name not in obj:
            raise InvalidValue(f"{path}.{spec.name}", spec.describe_expected(), None)
        check_prop(spec, obj[spec.name], f"{path}.{spec.name}")


def _object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidValue(path, "an object", value)
    return value


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidValue(path, "a list", value)
    return value
