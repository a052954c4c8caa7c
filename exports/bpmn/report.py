"""What a BPMN import kept, folded and could not map: a one-line summary and the full list."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

#: How the summary names each category of what was not mapped (singular, plural).
_NOUNS: dict[str, tuple[str, str]] = {
    "messageFlow": ("message flow", "message flows"),
    "boundaryEvent": ("boundary event", "boundary events"),
    "group": ("group", "groups"),
    "annotationLink": ("annotation link", "annotation links"),
    "dataOutput": ("data output", "data outputs"),
    "unreadData": ("data object nobody reads", "data objects nobody reads"),
    "crossPoolData": ("data link across pools", "data links across pools"),
    "subProcess": ("sub-process", "sub-processes"),
    "subProcessData": ("data input of a whole sub-process", "data inputs of whole sub-processes"),
    "eventData": ("data input of an event", "data inputs of events"),
    "blackBoxPool": ("pool without a process", "pools without a process"),
    "emptyProcess": ("process without flow nodes", "processes without flow nodes"),
    "illegalFlow": ("flow that cannot become a connection", "flows that cannot become connections"),
    "selfLoop": ("loop back to the same element", "loops back to the same element"),
    "orphanAnnotation": ("annotation outside every pool", "annotations outside every pool"),
    "documentation": ("documentation text", "documentation texts"),
    "shortened": ("text shortened", "texts shortened"),
}


def _words(category: str) -> tuple[str, str]:
    """Singular and plural of a category; a BPMN element name is spelt out in words."""
    if category in _NOUNS:
        return _NOUNS[category]
    singular = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", category).lower()
    return singular, singular + ("es" if singular.endswith("s") else "s")


def noun(category: str, count: int) -> str:
    """``count`` and the name of ``category`` (a BPMN element name spelt out)."""
    singular, plural = _words(category)
    return f"{count} {singular if count == 1 else plural}"


@dataclass(frozen=True)
class Item:
    """One BPMN element the import did not map (or only folded)."""

    category: str
    bpmn_id: str
    name: str
    where: str
    note: str = ""


@dataclass
class ImportReport:
    """The outcome of one BPMN import."""

    source: str = ""
    workflows: int = 0
    elements: Counter[str] = field(default_factory=Counter)
    connections: int = 0
    #: Folded into connections or flattened: gateways, intermediate events, sub-processes.
    folded: Counter[str] = field(default_factory=Counter)
    unmapped: Counter[str] = field(default_factory=Counter)
    items: list[Item] = field(default_factory=list)
    #: Workflows laid out automatically (no usable diagram).
    laid_out: list[str] = field(default_factory=list)
    #: True when the file was written by OpModel Studio (its values came back exactly).
    from_opmodel: bool = False

    def skip(self, category: str, bpmn_id: str, name: str, where: str, note: str = "") -> None:
        """Count one element that could not be mapped, and list it."""
        self.unmapped[category] += 1
        self.items.append(Item(category, bpmn_id, name, where, note))

    def fold(self, category: str, bpmn_id: str, name: str, where: str) -> None:
        """Count one element folded away (its flows kept), and list it."""
        self.folded[category] += 1
        self.items.append(Item(category, bpmn_id, name, where, "folded into connections"))

    def summary(self) -> str:
        """One line: what became what, and what could not be mapped."""
        total = sum(self.elements.values())
        kept = (
            f"{self.workflows} workflow{'s' if self.workflows != 1 else ''}, "
            f"{total} element{'s' if total != 1 else ''}, "
            f"{self.connections} connection{'s' if self.connections != 1 else ''}"
        )
        parts = [kept]
        if self.folded:
            folded = ", ".join(noun(k, n) for k, n in sorted(self.folded.items()))
            parts.append(f"folded: {folded}")
        if self.unmapped:
            unmapped = ", ".join(noun(k, n) for k, n in sorted(self.unmapped.items()))
            parts.append(f"not mapped: {unmapped}")
        else:
            parts.append("nothing left unmapped")
        return "; ".join(parts)

    def lines(self) -> list[str]:
        """Every listed element, one per line, for the app's import report."""
        out = []
        for item in self.items:
            label = f" “{item.name}”" if item.name else ""
            note = f" — {item.note}" if item.note else ""
            singular = _words(item.category)[0]
            out.append(f"{item.where}: {singular} {item.bpmn_id}{label}{note}")
        return out
