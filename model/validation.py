"""Validation of values against the spec, with messages that name the path and the expectation.

The same checks serve the JSON importer (paths such as
``$.workflows[0].elements[2].props.decision_right``) and the edit layer (paths such as
``ai_step 'e3'.decision_right``), so a value refused in one is refused in the other.

Text is held to the limits of :mod:`model.limits` (labels and names ``LABEL_MAX``, longer
text ``TEXT_MAX``, the workshop notes ``NOTES_MAX``, ids ``ID_MAX``), and every value that is
kept — known or not — must be storable: whole numbers within 64 bits, finite numbers,
text without unpaired surrogates, at most ``JSON_DEPTH_MAX`` levels of nesting
(:func:`check_json_value`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from model import vocabulary as v
from model.kinds import KINDS_BY_ID, PropSpec
from model.limits import ID_MAX, INT_MAX, INT_MIN, JSON_DEPTH_MAX, LABEL_MAX, TEXT_MAX


class InvalidValue(ValueError):
    """A value that does not match the spec.

    ``path`` says where the value is, ``expected`` what was wanted and ``got`` what was found.
    """

    def __init__(self, path: str, expected: str, got: Any, *, shown: str | None = None) -> None:
        self.path = path
        self.expected = expected
        self.got = got
        #: How the bad value reads in the message (default: :func:`describe_value`).
        self.shown = describe_value(got) if shown is None else shown
        super().__init__(f"{path}: expected {expected}, got {self.shown}")

    @property
    def reason(self) -> str:
        """The message without the path (for an inspector field that already shows where)."""
        return f"expected {self.expected}, got {self.shown}"


#: What a whole number must be to be stored (SQLite's 64-bit INTEGER).
INT_EXPECTED = f"a whole number from {INT_MIN} to {INT_MAX}"
#: What a number that is stored must be.
FINITE_EXPECTED = "a finite number"
#: The shape of a nested value that is kept.
DEPTH_EXPECTED = f"at most {JSON_DEPTH_MAX} levels of nested lists and objects"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: How many levels of a nested value a path names before it ends in "…".
_PATH_DEPTH_SHOWN = 12
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


def describe_value(value: Any) -> str:
    """A short, readable rendering of a bad value for an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return repr(shown)
    if isinstance(value, int) and value.bit_length() > 128:
        digits = int(value.bit_length() * 0.30103) + 1
        return f"a whole number with about {digits} digits"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def describe_length(text: str) -> str:
    """How long ``text`` is, for a message ("250 characters")."""
    return f"{len(text)} characters" if len(text) != 1 else "1 character"


def key_path(path: str, key: str) -> str:
    """The JSON path of ``key`` inside the object at ``path`` (quoted unless plain)."""
    if _PLAIN_KEY.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key)}]"


def is_number(value: Any) -> bool:
    """True for a finite int or float that is not a bool (ints of any size are finite)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return isinstance(value, int) or math.isfinite(value)


def check_number(value: Any, path: str, expected: str = "a number") -> int | float:
    """A finite number that can be stored (an int within 64 bits), or raise."""
    if not is_number(value):
        raise InvalidValue(path, expected, value)
    if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
        raise InvalidValue(path, INT_EXPECTED, value)
    return value


def check_coordinate(value: Any, path: str) -> int | float:
    """An x or y position: a finite number from ``INT_MIN`` to ``INT_MAX``, or raise."""
    check_number(value, path)
    if not INT_MIN <= value <= INT_MAX:
        raise InvalidValue(path, f"a number from {INT_MIN} to {INT_MAX}", value)
    return value


def check_storable_text(value: str, path: str) -> str:
    """Text that can be encoded as UTF-8 (no unpaired surrogates), or raise."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidValue(
            path,
            "text without unpaired surrogates (it cannot be stored as UTF-8)",
            value,
            shown=f"{value[exc.start]!r} at character {exc.start + 1}",
        ) from None
    return value


def check_text(value: Any, path: str, limit: int | None = TEXT_MAX) -> str:
    """A storable string of at most ``limit`` characters (None: no limit), or raise."""
    if not isinstance(value, str):
        raise InvalidValue(path, "a string", value)
    if limit is not None and len(value) > limit:
        raise InvalidValue(
            path, f"a string of at most {limit} characters", value, shown=describe_length(value)
        )
    return check_storable_text(value, path)


def check_label(value: Any, path: str) -> str:
    """A label or name: a string of at most ``LABEL_MAX`` characters, or raise."""
    return check_text(value, path, LABEL_MAX)


def check_id(value: Any, path: str) -> str:
    """An id: a non-empty string of at most ``ID_MAX`` characters without control
    characters, or raise."""
    ident = check_text(value, path, ID_MAX)
    if not ident.strip():
        raise InvalidValue(path, "a non-empty id", value)
    control = _CONTROL.search(ident)
    if control is not None:
        raise InvalidValue(
            path,
            "an id without control characters",
            value,
            shown=f"{control.group()!r} at character {control.start() + 1}",
        )
    return ident


def text_limit(spec: PropSpec) -> int:
    """The most characters a text value (or text-list item) of ``spec`` may have."""
    return spec.max_length if spec.max_length is not None else TEXT_MAX


def _plainly_storable(value: Any) -> bool:
    """True when ``value`` passes :func:`check_json_value` (fast: builds no paths).

    Exact types only: anything unusual (a subclass, a bad value) returns False and the
    careful walk decides and explains.
    """
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        kind = type(item)
        if kind is str:
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    return False
        elif kind is int:
            if not INT_MIN <= item <= INT_MAX:
                return False
        elif kind is float:
            if not math.isfinite(item):
                return False
        elif kind is list or kind is dict:
            if depth >= JSON_DEPTH_MAX:
                return False
            if kind is dict:
                for key in item:
                    if type(key) is not str:
                        return False
                    if not key.isascii():
                        try:
                            key.encode("utf-8")
                        except UnicodeEncodeError:
                            return False
                stack.extend((child, depth + 1) for child in item.values())
            else:
                stack.extend((child, depth + 1) for child in item)
        elif item is not None and kind is not bool:
            return False
    return True


def check_json_value(value: Any, path: str) -> Any:
    """Check that ``value`` (kept as it is, known or not) can be stored, or raise.

    Walks the value without recursion: every list and object at most ``JSON_DEPTH_MAX``
    levels deep (``value`` itself is level 1 when it is one), object keys strings, whole
    numbers within 64 bits, other numbers finite, text without unpaired surrogates, and
    nothing that is not a JSON value.
    """
    if _plainly_storable(value):
        return value  # the common case; the walk below names the first problem
    stack: list[tuple[Any, str, int]] = [(value, path, 0)]
    while stack:
        item, where, depth = stack.pop()
        if item is None or isinstance(item, bool):
            continue
        if isinstance(item, str):
            check_storable_text(item, where)
        elif isinstance(item, int):
            if not INT_MIN <= item <= INT_MAX:
                raise InvalidValue(where, INT_EXPECTED, item)
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise InvalidValue(where, FINITE_EXPECTED, item)
        elif isinstance(item, list | dict):
            if depth >= JSON_DEPTH_MAX:
                raise InvalidValue(where, DEPTH_EXPECTED, item)
            children: list[tuple[Any, str, int]] = []
            # Deep inside, paths stop growing ("$.x[0][0]…"), so a message stays short.
            cut = depth >= _PATH_DEPTH_SHOWN
            inner = where if where.endswith("…") else where + "…"
            if isinstance(item, list):
                children = [
                    (child, inner if cut else f"{where}[{i}]", depth + 1)
                    for i, child in enumerate(item)
                ]
            else:
                for key, child in item.items():
                    if not isinstance(key, str):
                        raise InvalidValue(where, "an object with string keys", key)
                    check_storable_text(key, f"{where} key")
                    children.append((child, inner if cut else key_path(where, key), depth + 1))
            stack.extend(reversed(children))
        else:
            raise InvalidValue(where, "a JSON value", item)
    return value


def check_bool(value: Any, path: str) -> bool:
    """A bool, or raise."""
    if not isinstance(value, bool):
        raise InvalidValue(path, "true or false", value)
    return value


def check_enum(value: Any, choices: Sequence[str], path: str, *, nullable: bool = False) -> Any:
    """One of ``choices`` (or None when ``nullable``), or raise."""
    if value is None and nullable:
        return None
    if not isinstance(value, str) or value not in choices:
        expected = "one of " + ", ".join(choices) + (" or null" if nullable else "")
        raise InvalidValue(path, expected, value)
    return value


def check_int_range(
    value: Any, low: int, high: int | None, path: str, *, nullable: bool = False
) -> int | None:
    """A whole number in ``low..high`` (None when ``nullable``), or raise."""
    if value is None and nullable:
        return None
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= low
    if ok and high is not None:
        ok = value <= high
    if not ok:
        bounds = f"from {low} to {high}" if high is not None else f"≥ {low}"
        expected = f"a whole number {bounds}" + (" or null" if nullable else "")
        raise InvalidValue(path, expected, value)
    return value


def check_prop(spec: PropSpec, value: Any, path: str) -> Any:
    """Check ``value`` against the prop ``spec``; return it unchanged when valid."""
    kind = spec.type
    if value is None and spec.nullable:
        return None
    if kind == "date":
        if not isinstance(value, str) or (value and not _is_iso_date(value)):
            raise InvalidValue(path, spec.describe_expected(), value)
        return value
    if kind == "text":
        return check_text(value, path, text_limit(spec))
    if kind == "bool":
        return check_bool(value, path)
    if kind in ("number", "integer"):
        valid = is_number(value) and (kind == "number" or isinstance(value, int))
        if valid and isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
            raise InvalidValue(path, INT_EXPECTED, value)
        if valid and spec.minimum is not None and value < spec.minimum:
            valid = False
        if valid and spec.maximum is not None and value > spec.maximum:
            valid = False
        if not valid:
            raise InvalidValue(path, spec.describe_expected(), value)
        return value
    if kind == "enum":
        if not isinstance(value, str) or value not in spec.choices:
            raise InvalidValue(path, spec.describe_expected(), value)
        return value
    if kind == "enum_list":
        if not isinstance(value, list):
            raise InvalidValue(path, spec.describe_expected(), value)
        for index, item in enumerate(value):
            check_enum(item, spec.choices, f"{path}[{index}]")
        if len(set(value)) != len(value):
            raise InvalidValue(path, "a list without repeats", value)
        return value
    if kind == "text_list":
        if not isinstance(value, list):
            raise InvalidValue(path, spec.describe_expected(), value)
        for index, item in enumerate(value):
            check_text(item, f"{path}[{index}]", text_limit(spec))
        return value
    # scores
    if not isinstance(value, dict):
        raise InvalidValue(path, spec.describe_expected(), value)
    for key, score in value.items():
        check_enum(key, spec.choices, f"{path} key")
        check_int_range(score, 1, 5, f"{path}.{key}")
    return value


def _is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def check_props(kind: str, props: Any, path: str) -> dict[str, Any]:
    """Check every known prop of ``kind`` in ``props``; unknown props are kept as they are
    (once :func:`check_json_value` finds them storable)."""
    if not isinstance(props, dict):
        raise InvalidValue(path, "an object of props", props)
    spec = KINDS_BY_ID[kind]
    for name, value in props.items():
        prop = spec.prop(name)
        if prop is not None:
            check_prop(prop, value, f"{path}.{name}")
        else:
            check_json_value(value, key_path(path, name) if isinstance(name, str) else path)
    return props


def check_kind(kind: Any, path: str) -> str:
    """A known element kind, or raise."""
    return check_enum(kind, tuple(KINDS_BY_ID), path)


def check_raci(value: Any, path: str) -> str | None:
    """A RACI letter or None, or raise."""
    return check_enum(value, v.RACI, path, nullable=True)
