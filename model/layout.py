"""Auto-layout of one workflow: the flow of work left to right, everything else beside it.

The picture it draws, designed to read on a projector:

* **Flow** (trigger, step, ai_step, gate, review, outcome joined by flow connections) runs
  left to right in columns ``x = 40 + layer * 240``. A node's layer is the longest flow
  path to it from a source, so triggers come first; cycles are broken by dropping the
  back edges a depth-first search finds (starting from the triggers), so a loop never
  crashes the layout — its closing edge simply points back left. Elements of one layer
  are stacked 140 px apart, centred on the main row (``y = 240``), ordered by the
  barycentre of their predecessors to cut crossings. A source other than a trigger sits
  just left of its first successor; a flow element with no flow connection yet waits in
  one column after the flow's end (a lone trigger stays in the first column).
* **Roles** sit in a band above the flow (``y = 40``, or higher when the flow stack is
  tall), in the column of the first flow element they are responsible for; several roles
  in one column stack further up.
* **Data**, **controls** and **metrics** sit in bands below the flow: data 200 px below
  the lowest flow row (so 440 for a single-row flow, as in the built-in templates), under
  the flow element it feeds; controls one band (160 px) lower, under what they govern;
  metrics one band lower again, under what they measure (a metric with only a learning
  loop goes under its trigger). A band that stays empty takes no space. When a column of
  a band is taken, the element moves right to the next free column.
* Elements with no connections, and sticky notes, go to a tidy row at the bottom, by
  kind then id (notes last), wrapping into more rows when long.

Every position is on the grid (:data:`model.appearance.GRID`) and boxes never overlap:
columns are 240 px apart for 180 px boxes, rows 140 px apart for 80 px boxes, and bands
are separated vertically. Ties are broken by element id, so the result is deterministic.

networkx is imported inside :func:`auto_layout` only, so importing this module (and
starting the app) stays fast.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH, GRID
from model.arrange import snap
from model.connections import connection_meaning
from model.edits import Edit, move_elements
from model.kinds import FLOW_KINDS, KIND_IDS
from model.session import Session

#: x of the first column and of the bottom row's first box.
LEFT = 40
#: Distance between the left edges of neighbouring columns.
COLUMN_SPACING = 240
#: y of the main row of the flow.
MAIN_ROW_Y = 240
#: Distance between the tops of rows stacked in one column.
ROW_SPACING = 140
#: y of the role band (its lowest row) when the flow is a single row.
ROLE_BAND_Y = 40
#: Distance from the lowest flow row to the data band (and from the last band to the row
#: of unconnected elements).
BELOW_FLOW = 200
#: Distance between the data, control and metric bands.
BAND_SPACING = 160

#: Smallest clearance between two boxes that these spacings guarantee (at least one grid step).
MIN_GAP = min(
    COLUMN_SPACING - ELEMENT_WIDTH,
    ROW_SPACING - ELEMENT_HEIGHT,
    MAIN_ROW_Y - ROLE_BAND_Y - ELEMENT_HEIGHT,
    BELOW_FLOW - ELEMENT_HEIGHT,
    BAND_SPACING - ELEMENT_HEIGHT,
)
_MIN_BOTTOM_ROW_COLUMNS = 6
_KIND_ORDER = {kind: index for index, kind in enumerate(KIND_IDS)}


def auto_layout(session: Session, workflow_id: str) -> dict[str, tuple[float, float]]:
    """New top-left positions for every element of ``workflow_id`` (see the module doc).

    Returns an empty dict for an empty or unknown workflow. Pure: the session is not
    changed; use :func:`auto_layout_edit` to get an undoable edit.
    """
    elements = session.workflow_elements(workflow_id)
    if not elements:
        return {}
    kinds = {e.id: e.kind for e in elements}
    links = _Links.of(session, workflow_id, kinds)

    flow_nodes = sorted(
        ident for ident, kind in kinds.items() if kind in FLOW_KINDS and ident in links.connected
    )
    cells: dict[str, tuple[int, int]] = _layout_flow(flow_nodes, links.flow, kinds)
    flow_rows = [y for _, y in cells.values()] or [MAIN_ROW_Y]

    def column_of(targets: Iterable[str]) -> int | None:
        placed = [cells[t] for t in targets if t in cells]
        return min(placed)[0] if placed else None

    def of_kind(kind: str) -> list[str]:
        return sorted(i for i, k in kinds.items() if k == kind and i in links.connected)

    band_y = max(flow_rows) + BELOW_FLOW
    for kind, anchors in (
        ("data", lambda i: [links.feeds[i]]),
        ("control", lambda i: [links.governs[i]]),
        ("metric", lambda i: [links.measures[i], links.loops[i]]),
    ):
        members = of_kind(kind)
        if not members:
            continue
        cells.update(_place_band(members, anchors, column_of, band_y))
        band_y += BAND_SPACING

    roles = of_kind("role")
    if roles:
        top = min(ROLE_BAND_Y, min(flow_rows) - (MAIN_ROW_Y - ROLE_BAND_Y))
        cells.update(_place_roles(roles, links, kinds, column_of, top))

    loose = sorted(
        (i for i in kinds if i not in cells),
        key=lambda i: (kinds[i] == "note", _KIND_ORDER.get(kinds[i], len(_KIND_ORDER)), i),
    )
    if loose:
        row_y = max(y for _, y in cells.values()) + BELOW_FLOW if cells else ROLE_BAND_Y
        width = max([_MIN_BOTTOM_ROW_COLUMNS, *(c + 1 for c, _ in cells.values())])
        for index, ident in enumerate(loose):
            cells[ident] = (index % width, row_y + (index // width) * ROW_SPACING)

    return {ident: snap(LEFT + column * COLUMN_SPACING, y) for ident, (column, y) in cells.items()}


def auto_layout_edit(session: Session, workflow_id: str) -> Edit:
    """An undoable edit, described "Auto-layout", that moves the workflow's elements to
    :func:`auto_layout`'s positions (only elements that actually move are in it)."""
    move = move_elements(session, auto_layout(session, workflow_id))
    return Edit("Auto-layout", move.changes)


# -- connections by meaning ------------------------------------------------------------------


class _Links:
    """The workflow's connections sorted by meaning, as adjacency lists."""

    def __init__(self) -> None:
        self.flow: list[tuple[str, str]] = []
        self.feeds: dict[str, list[str]] = defaultdict(list)
        self.governs: dict[str, list[str]] = defaultdict(list)
        self.measures: dict[str, list[str]] = defaultdict(list)
        self.loops: dict[str, list[str]] = defaultdict(list)
        self.responsible: dict[str, list[str]] = defaultdict(list)
        self.connected: set[str] = set()

    @classmethod
    def of(cls, session: Session, workflow_id: str, kinds: Mapping[str, str]) -> _Links:
        links = cls()
        by_meaning = {
            "feeds": links.feeds,
            "governs": links.governs,
            "measures": links.measures,
            "learning_loop": links.loops,
            "responsible": links.responsible,
        }
        for connection in session.workflow_connections(workflow_id):
            source, target = connection.source, connection.target
            if source not in kinds or target not in kinds or source == target:
                continue
            meaning = connection_meaning(kinds[source], kinds[target])
            if meaning is None:
                continue
            links.connected.update((source, target))
            if meaning == "flow":
                links.flow.append((source, target))
            else:
                by_meaning[meaning][source].append(target)
        return links


# -- the flow ------------------------------------------------------------------------------


def _layout_flow(
    nodes: list[str], edges: list[tuple[str, str]], kinds: Mapping[str, str]
) -> dict[str, tuple[int, int]]:
    """(column, y) of every flow node."""
    if not nodes:
        return {}
    import networkx as nx  # lazy: keeps app start-up and `import model.layout` fast

    successors: dict[str, list[str]] = {n: [] for n in nodes}
    has_predecessor: set[str] = set()
    for source, target in sorted(set(edges)):
        successors[source].append(target)
        has_predecessor.add(target)
    roots = sorted(nodes, key=lambda n: (kinds[n] != "trigger", n in has_predecessor, n))
    back_edges = _back_edges(roots, successors)

    dag = nx.DiGraph()
    dag.add_nodes_from(nodes)
    dag.add_edges_from(e for e in set(edges) if e not in back_edges)
    layer: dict[str, int] = {}
    for node in nx.lexicographical_topological_sort(dag):
        layer[node] = max((layer[p] + 1 for p in dag.predecessors(node)), default=0)
    # A source that is not a trigger (a gate nobody flows into, say) sits just left of
    # its first successor rather than piling up in the triggers' column.
    for node in nodes:
        if kinds[node] != "trigger" and dag.in_degree(node) == 0 and dag.out_degree(node):
            layer[node] = min(layer[s] for s in dag.successors(node)) - 1
    # Elements not yet joined to the flow (a step with only a role, say) wait in one column
    # after the flow's end, where a facilitator would add the next piece of work; a lone
    # trigger stays at the start.
    joined = {n for edge in edges for n in edge}
    if joined:
        waiting = max(layer[n] for n in joined) + 1
        for node in nodes:
            if node not in joined and kinds[node] != "trigger":
                layer[node] = waiting

    by_layer: dict[int, list[str]] = defaultdict(list)
    for node in nodes:
        by_layer[layer[node]].append(node)
    cells: dict[str, tuple[int, int]] = {}
    for column in sorted(by_layer):
        members = by_layer[column]
        if column == 0:
            members.sort(key=lambda n: (kinds[n] != "trigger", n))
        else:
            members.sort(key=lambda n: (_barycentre(dag.predecessors(n), cells), n))
        half_stack = ((len(members) - 1) * ROW_SPACING // 2) // GRID * GRID
        for row, node in enumerate(members):
            cells[node] = (column, MAIN_ROW_Y - half_stack + row * ROW_SPACING)
    return cells


def _back_edges(roots: list[str], successors: Mapping[str, list[str]]) -> set[tuple[str, str]]:
    """Edges that close a cycle in a depth-first search from ``roots`` in order.

    Removing them leaves the graph acyclic (a DFS-based feedback arc set). Iterative, so
    a long chain cannot hit Python's recursion limit.
    """
    on_stack, done = 1, 2
    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()
    for root in roots:
        if root in state:
            continue
        state[root] = on_stack
        stack = [(root, iter(successors[root]))]
        while stack:
            node, pending = stack[-1]
            for following in pending:
                seen = state.get(following)
                if seen is None:
                    state[following] = on_stack
                    stack.append((following, iter(successors[following])))
                    break
                if seen == on_stack:
                    back.add((node, following))
            else:
                state[node] = done
                stack.pop()
    return back


def _barycentre(predecessors: Iterable[str], cells: Mapping[str, tuple[int, int]]) -> float:
    rows = [cells[p][1] for p in predecessors]
    return sum(rows) / len(rows) if rows else float(MAIN_ROW_Y)


# -- attached elements ------------------------------------------------------------------------

#: Leftmost placed column among some targets, or None when none of them is placed.
_ColumnOf = Callable[[Iterable[str]], int | None]


def _place_band(
    members: list[str],
    anchors_of: Callable[[str], list[list[str]]],
    column_of: _ColumnOf,
    y: int,
) -> dict[str, tuple[int, int]]:
    """One row of data, controls or metrics: each under its anchor, shifted right if taken.

    ``anchors_of`` gives an element's connection targets as lists in order of preference
    (a metric: what it measures, then its learning-loop trigger); the first list with a
    placed element sets the wanted column. Elements with no placed anchor want column 0.
    """
    wanted: dict[str, int] = {}
    for ident in members:
        column = None
        for targets in anchors_of(ident):
            column = column_of(targets)
            if column is not None:
                break
        wanted[ident] = 0 if column is None else column
    taken: set[int] = set()
    cells: dict[str, tuple[int, int]] = {}
    for ident in sorted(members, key=lambda i: (wanted[i], i)):
        column = wanted[ident]
        while column in taken:
            column += 1
        taken.add(column)
        cells[ident] = (column, y)
    return cells


def _place_roles(
    roles: list[str],
    links: _Links,
    kinds: Mapping[str, str],
    column_of: _ColumnOf,
    lowest_y: int,
) -> dict[str, tuple[int, int]]:
    """The role band: each role over the first flow element it is responsible for."""
    cells: dict[str, tuple[int, int]] = {}
    stacked: dict[int, int] = defaultdict(int)
    wanted: dict[str, int] = {}
    for role in roles:
        targets = links.responsible[role]
        column = column_of(t for t in targets if kinds[t] in FLOW_KINDS)
        if column is None:
            column = column_of(targets)
        wanted[role] = 0 if column is None else column
    for role in sorted(roles, key=lambda r: (wanted[r], r)):
        column = wanted[role]
        cells[role] = (column, lowest_y - stacked[column] * ROW_SPACING)
        stacked[column] += 1
    return cells
