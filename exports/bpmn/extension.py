"""OpModel's values inside BPMN: ``<opmodel:prop name="task">Draft the proposal</opmodel:prop>``.

Every value is written generically, so a prop that a later version adds round-trips without
code: a string that XML holds unchanged is the element's text; anything else (numbers,
booleans, lists, objects, null, and text XML would change) is JSON with ``type="json"``;
a name that XML cannot hold makes the pair one JSON list with ``type="pair"``.
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from exports.bpmn.names import OPMODEL
from exports.bpmn.safe_xml import xml_safe
from model.interchange import JsonTooDeep, loads_strict

_NUMBER = re.compile(r"-?[0-9]+")


class ExtensionError(ValueError):
    """An OpModel extension value that cannot be read; ``str()`` says where and why."""


def tag(name: str) -> str:
    """The ElementTree name of extension element ``name``."""
    return f"{{{OPMODEL}}}{name}"


def add_value(parent: ET.Element, element: str, name: str, value: Any) -> ET.Element:
    """Append ``<opmodel:ELEMENT name="NAME">VALUE</…>`` to ``parent``."""
    child = ET.SubElement(parent, tag(element))
    if not xml_safe(name):
        child.set("type", "pair")
        child.text = _json([name, value])
    elif isinstance(value, str) and xml_safe(value, in_text=True):
        child.set("name", name)
        child.text = value
    else:
        child.set("name", name)
        child.set("type", "json")
        child.text = _json(value)
    return child


def add_values(parent: ET.Element, element: str, values: dict[str, Any]) -> None:
    """Append one ``<opmodel:ELEMENT>`` per item of ``values``, in order."""
    for name, value in values.items():
        add_value(parent, element, name, value)


def read_values(parent: ET.Element, element: str, where: str) -> dict[str, Any]:
    """The values of every ``<opmodel:ELEMENT>`` child of ``parent``, in order."""
    out: dict[str, Any] = {}
    for child in parent.findall(tag(element)):
        name, value = read_value(child, where)
        out[name] = value
    return out


def read_value(child: ET.Element, where: str) -> tuple[str, Any]:
    """(name, value) of one value element written by :func:`add_value`."""
    kind = child.get("type")
    text = child.text or ""
    if kind == "pair":
        pair = _loads(text, where)
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)):
            raise ExtensionError(f"{where}: expected a [name, value] pair, got {text[:40]!r}")
        return pair[0], pair[1]
    name = child.get("name")
    if name is None:
        raise ExtensionError(f"{where}: an opmodel value without a name")
    if kind == "json":
        return name, _loads(text, f"{where} {name!r}")
    if kind is not None:
        raise ExtensionError(f"{where} {name!r}: unknown value type {kind!r}")
    return name, text


def text_attribute(value: str) -> str | None:
    """``value`` when an XML attribute holds it unchanged, else None."""
    return value if xml_safe(value) else None


def number_text(value: float) -> str:
    """A number as written in an attribute: whole numbers without a point, floats exactly."""
    return str(value) if isinstance(value, int) else repr(float(value))


def parse_number(text: str | None) -> int | float | None:
    """A number written by :func:`number_text` (None for none or anything unreadable)."""
    if text is None:
        return None
    text = text.strip()
    if _NUMBER.fullmatch(text) and len(text) <= 20:
        return int(text)
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def children(parent: ET.Element | None, name: str) -> Iterator[ET.Element]:
    """Every ``<opmodel:NAME>`` child of ``parent`` (none when ``parent`` is None)."""
    if parent is not None:
        yield from parent.iterfind(tag(name))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)


def _loads(text: str, where: str) -> Any:
    try:
        return loads_strict(text)
    except JsonTooDeep:
        raise ExtensionError(f"{where}: JSON nested too deeply") from None
    except ValueError as exc:
        raise ExtensionError(f"{where}: not JSON ({' '.join(str(exc).split())})") from None
