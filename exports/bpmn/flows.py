"""Folding BPMN's sequence flows into direct connections between the elements kept.

Gateways, intermediate and boundary events, and sub-process borders are *pass-through*
nodes: a connection runs from each kept element to every kept element reachable through
them. Its label keeps the names along the way: a flow's name (or its condition's text when
it has no name), prefixed by the question of the gateway it leaves ("Approved?: yes"), and
the names of the events passed ("Timeout"), joined with " · ".
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass

#: The most end points one pass-through node keeps (a dense gateway mesh stays bounded).
REACH_MAX = 5_000
SEPARATOR = " · "


@dataclass(frozen=True)
class Edge:
    """One sequence flow (or a link the importer adds, such as a sub-process's entry)."""

    target: str
    label: str = ""
    #: The flow's ``<opmodel:connection>``, when OpModel Studio wrote it.
    stored: ET.Element | None = None
    flow_id: str = ""


@dataclass(frozen=True)
class Reached:
    """A kept element reached from a source, the label parts on the way, and the stored
    connection of the first flow on the way that has one."""

    target: str
    parts: tuple[str, ...]
    stored: ET.Element | None
    flow_id: str


class FlowGraph:
    """Sequence flows between graph keys; some keys are kept elements, the rest pass through."""

    def __init__(self) -> None:
        self.edges: dict[str, list[Edge]] = defaultdict(list)
        self.kept: set[str] = set()
        #: Pass-through keys with a name: ("gateway" | "event", name).
        self.names: dict[str, tuple[str, str]] = {}
        self._memo: dict[str, list[Reached]] = {}

    def add(self, source: str, edge: Edge) -> None:
        """Add a flow from ``source``."""
        self.edges[source].append(edge)

    def connections_from(self, source: str) -> list[Reached]:
        """Every kept element reached from kept element ``source``."""
        found: list[Reached] = []
        for edge in self.edges.get(source, ()):
            head = tuple(p for p in (edge.label,) if p)
            if edge.target in self.kept:
                found.append(Reached(edge.target, head, edge.stored, edge.flow_id))
                continue
            self._reach(edge.target)
            for far in self._memo.get(edge.target, ()):
                stored = edge.stored if edge.stored is not None else far.stored
                flow_id = edge.flow_id if edge.stored is not None else far.flow_id
                found.append(Reached(far.target, head + far.parts, stored, flow_id))
        return _unique(found)

    def _head(self, key: str, edge: Edge) -> tuple[str, ...]:
        kind, name = self.names.get(key, ("", ""))
        if kind == "gateway":
            if name and edge.label:
                return (f"{name}: {edge.label}",)
            return (edge.label,) if edge.label else ()
        if kind == "event" and name:
            return (name, edge.label) if edge.label else (name,)
        return (edge.label,) if edge.label else ()

    def _reach(self, start: str) -> None:
        """Fill the memo for pass-through key ``start`` (iterative depth-first search; a
        cycle made of pass-through nodes alone is cut where it closes)."""
        if start in self._memo:
            return
        stack: list[tuple[str, int]] = [(start, 0)]
        on_stack = {start}
        while stack:
            key, index = stack[-1]
            edges = self.edges.get(key, [])
            if index < len(edges):
                stack[-1] = (key, index + 1)
                target = edges[index].target
                if target in self.kept or target in self._memo or target in on_stack:
                    continue
                stack.append((target, 0))
                on_stack.add(target)
                continue
            result: list[Reached] = []
            for edge in edges:
                head = self._head(key, edge)
                if edge.target in self.kept:
                    result.append(Reached(edge.target, head, edge.stored, edge.flow_id))
                    continue
                for far in self._memo.get(edge.target, ()):
                    stored = edge.stored if edge.stored is not None else far.stored
                    flow_id = edge.flow_id if edge.stored is not None else far.flow_id
                    result.append(Reached(far.target, head + far.parts, stored, flow_id))
                if len(result) > REACH_MAX:
                    break
            self._memo[key] = _unique(result)[:REACH_MAX]
            stack.pop()
            on_stack.discard(key)


def _unique(items: list[Reached]) -> list[Reached]:
    seen: set[tuple[str, tuple[str, ...], int]] = set()
    out = []
    for item in items:
        key = (item.target, item.parts, id(item.stored))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def label_of(parts: tuple[str, ...]) -> str:
    """The connection label of the parts collected along a path."""
    return SEPARATOR.join(parts)
