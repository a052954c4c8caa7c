"""BPMN ids: XML names (``NCName``), unique within one file.

An OpModel id that is already a tidy XML name is kept as the BPMN id, so the two tools
name an element alike; any other id gets a derived one (the exact id travels in the
extension).
"""

from __future__ import annotations

import re

_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_NOT_NAME = re.compile(r"[^A-Za-z0-9_.\-]+")
#: Longest id written (tools cope with long ids, people do not).
_MAX = 100


class IdMaker:
    """Hands out unique BPMN ids, preferring the wanted one."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, wanted: str, fallback: str = "id") -> str:
        """``wanted`` when it is an unused XML name; else a unique name derived from it."""
        if _NCNAME.fullmatch(wanted) and len(wanted) <= _MAX and wanted not in self.used:
            self.used.add(wanted)
            return wanted
        base = _NOT_NAME.sub("_", wanted).strip("_")[: _MAX - 12] or fallback
        if not _NCNAME.fullmatch(base):
            base = f"_{base}"
        candidate, counter = base, 1
        while candidate in self.used:
            counter += 1
            candidate = f"{base}_{counter}"
        self.used.add(candidate)
        return candidate


def is_xml_name(value: str) -> bool:
    """Whether ``value`` is a plain ASCII XML name (what :class:`IdMaker` keeps as is)."""
    return bool(_NCNAME.fullmatch(value))
