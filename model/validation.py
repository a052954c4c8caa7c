"""Validation of values against the spec, with messages that name the path and the expectation.

The same checks serve the JSON importer (paths such as
``$.workflows[0].elements[2].props.decision_right``) and the edit layer (paths such as
``ai_step 'e3'.decision_right``), so a value refused in one is refused in the other.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from model import vocabulary as v
from model.kinds import KINDS_BY_ID, PropSpec


class InvalidValue(ValueError):
    """A value that does not match the spec.

    ``path`` says where the value is, ``expected`` what was wanted and ``got`` what was found.
    """

    def __init__(self, path: str, expected: str, got: Any) -> None:
        self.path = path
        self.expected = expected
        self.got = got
        super().__init__(f"{path}: expected {expected}, got {describe_value(got)}")

    @property
    def reason(self) -> str:
        """The message without the path (for an inspector field that already shows where)."""
        return f"expected {self.expected}, got {describe_value(self.got)}"


def describe_value(value: Any) -> str:
    """A short, readable rendering of a bad value for an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return repr(shown)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def is_number(value: Any) -> bool:
    """True for a finite int or float that is not a bool."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value)


def check_text(value: Any, path: str) -> str:
    """A string, or raise."""
    if not isinstance(value, str):
        raise InvalidValue(path, "a string", value)
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
        return check_text(value, path)
    if kind == "bool":
        return check_bool(value, path)
    if kind in ("number", "integer"):
        valid = is_number(value) and (kind == "number" or isinstance(value, int))
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
            check_text(item, f"{path}[{index}]")
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
    """Check every known prop of ``kind`` in ``props``; unknown props are kept as they are."""
    if not isinstance(props, dict):
        raise InvalidValue(path, "an object of props", props)
    spec = KINDS_BY_ID[kind]
    for name, value in props.items():
        prop = spec.prop(name)
        if prop is not None:
            check_prop(prop, value, f"{path}.{name}")
    return props


def check_kind(kind: Any, path: str) -> str:
    """A known element kind, or raise."""
    return check_enum(kind, tuple(KINDS_BY_ID), path)


def check_raci(value: Any, path: str) -> str | None:
    """A RACI letter or None, or raise."""
    return check_enum(value, v.RACI, path, nullable=True)
