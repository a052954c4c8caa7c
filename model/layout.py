"""Auto-layout of one workflow: role lanes, the flow left to right, attachments under it.

The picture it draws, designed to read on a projector with few crossing lines:

* **Role lanes.** Every role with a responsibility gets a horizontal lane with the role
  element as its header in the first column (:mod:`model.lanes`). A work element (step,
  AI step, gate, review) sits in the lane of its responsible role (R before A before the
  others), so its responsibility needs no line. A trigger sits in the lane of the element
  it starts, an outcome in the lane of the element that reaches it. A control or metric
  sits in the lane of the role responsible for it. Elements without a role sit in a band
  without a header above the lanes. A workflow without roles has no lanes at all.
* **Flow** runs left to right in columns ``COLUMN_SPACING`` apart. A node's column is
  the longest flow path to it from a source, so triggers come first; cycles are broken by
  dropping the back edges a depth-first search finds (starting from the triggers), so a
  loop never crashes the layout — its closing edge simply points back left. A source
  other than a trigger sits just left of its first successor; a flow element with no flow
  connection yet waits in one column after the flow's end. Flow elements of one lane in
  one column are stacked ``ROW_SPACING`` apart.
* **Data, controls and metrics** sit in rows under the flow rows of their lane, in the
  column of what they attach to (data under the first element it feeds, a control under
  what it governs, a metric under what it measures, or under its trigger when it only
  closes a learning loop); when that place is taken, the next free column to the right.
* Elements with no connections, and sticky notes, go to a tidy row below the lanes, by
  kind then id (notes last), wrapping into more rows when long.
* The **order of the lanes** is chosen to cut crossings: starting from the order in which
  the flow first enters them, neighbouring lanes are swapped while that lowers the number
  of crossing connections (:mod:`model.crossings`, counted on :mod:`model.routing`'s
  routes) or, at the same count, the length of the lines.

Every position is on the grid (:data:`model.appearance.GRID`) and boxes never overlap:
columns are 240 px apart for 180 px boxes and rows at least 140 px apart for 80 px boxes.
Ties are broken by element id, so the result is deterministic.

networkx is imported inside :func:`plan_layout` only, so importing this module (and
starting the app) stays fast.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH, GRID
from model.arrange import snap
from model.connections import connection_meaning
from model.crossings import DrawnConnection, count_crossings
from model.edits import Change, Edit, move_elements
from model.kinds import FLOW_KINDS, KIND_IDS, WORK_KINDS
from model.lanes import LANE_PAD, LANES_KEY, lane_bands, lane_entries
from model.routing import Link, box_at, plan_routes
from model.session import Session, entity_state

#: x of the first column and of the bottom row's first box.
LEFT = 40
#: Distance between the left edges of neighbouring columns.
COLUMN_SPACING = 220
#: y of the first row when there is no lane.
TOP = 40
#: Distance between the tops of flow rows stacked in one lane.
ROW_SPACING = 140
#: Distance between the tops of the rows under the flow (data, controls, metrics).
ATTACHED_SPACING = 140
#: Distance from the lowest lane's bottom to the row of unconnected elements.
BELOW_LANES = 80

#: Smallest clearance between two boxes that these spacings guarantee (at least one grid step).
MIN_GAP = min(
    COLUMN_SPACING - ELEMENT_WIDTH,
    ROW_SPACING - ELEMENT_HEIGHT,
    ATTACHED_SPACING - ELEMENT_HEIGHT,
    2 * LANE_PAD,
    BELOW_LANES,
)
#: Lane orders are searched only up to these sizes; a larger
#: workflow keeps the order in which the flow enters its lanes.
SEARCH_MAX_LANES = 12
SEARCH_MAX_CONNECTIONS = 400
#: Up to these sizes every lane order is tried (120 orders of 5 lanes: ~0.2 s).
EXHAUSTIVE_MAX_LANES = 5
EXHAUSTIVE_MAX_CONNECTIONS = 150
_MIN_BOTTOM_ROW_COLUMNS = 6
_KIND_ORDER = {kind: index for index, kind in enumerate(KIND_IDS)}
_RACI_ORDER = {"R": 0, "A": 1, None: 2, "C": 3, "I": 4}
#: The band of elements without a role (drawn without a lane).
_NO_LANE = ""
_ATTACHED_KINDS = ("data", "control", "metric")


@dataclass(frozen=True)
class Layout:
    """Positions (top-left corners) for a workflow's elements, and its lanes.

    ``lanes`` lists (role id, band height) from top to bottom, as stored in the workflow's
    ``lanes`` key.
    """

    positions: dict[str, tuple[float, float]]
    lanes: list[tuple[str, float]] = field(default_factory=list)


def auto_layout(session: Session, workflow_id: str) -> dict[str, tuple[float, float]]:
    """New top-left positions for every element of ``workflow_id`` (see the module doc)."""
    return plan_layout(session, workflow_id).positions


def plan_layout(session: Session, workflow_id: str) -> Layout:
    """The layout of ``workflow_id``: positions and lanes (empty for an empty workflow).

    Pure: the session is not changed; use :func:`auto_layout_edit` for an undoable edit.
    """
    elements = session.workflow_elements(workflow_id)
    if not elements:
        return Layout({})
    kinds = {e.id: e.kind for e in elements}
    links = _Links.of(session, workflow_id, kinds)
    columns = _flow_columns(links, kinds)
    lane_of = _lanes_of(links, kinds, columns)
    order = _initial_lane_order(lane_of, columns, links, kinds)
    grid = _Grid(kinds, links, columns, lane_of)
    if 1 < len(order) <= SEARCH_MAX_LANES and len(links.all) <= SEARCH_MAX_CONNECTIONS:
        return _search_lane_order(grid, order, links)
    return grid.place(order)


def auto_layout_edit(session: Session, workflow_id: str) -> Edit:
    """An undoable edit, described "Auto-layout", that moves the workflow's elements to
    :func:`plan_layout`'s positions and sets its lanes (only what changes is in it)."""
    layout = plan_layout(session, workflow_id)
    changes = list(move_elements(session, layout.positions).changes)
    workflow = session.workflows.get(workflow_id)
    if workflow is not None:
        before = entity_state(workflow)
        extra = dict(before["extra"])
        if layout.lanes:
            extra[LANES_KEY] = lane_entries(layout.lanes)
        else:
            extra.pop(LANES_KEY, None)
        if extra != before["extra"]:
            changes.append(Change("workflow", workflow_id, before, {**before, "extra": extra}))
    return Edit("Auto-layout", tuple(changes))


# -- connections by meaning ------------------------------------------------------------------


class _Links:
    """The workflow's connections sorted by meaning, as adjacency lists."""

    def __init__(self) -> None:
        self.all: list[tuple[str, str, str, str]] = []  # (id, source, target, meaning)
        self.flow: list[tuple[str, str]] = []
        self.feeds: dict[str, list[str]] = defaultdict(list)
        self.governs: dict[str, list[str]] = defaultdict(list)
        self.measures: dict[str, list[str]] = defaultdict(list)
        self.loops: dict[str, list[str]] = defaultdict(list)
        self.responsible: dict[str, list[str]] = defaultdict(list)
        #: element -> [(RACI rank, role)] of the roles responsible for it
        self.roles_of: dict[str, list[tuple[int, str]]] = defaultdict(list)
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
            links.all.append((connection.id, source, target, meaning))
            links.connected.update((source, target))
            if meaning == "flow":
                links.flow.append((source, target))
            else:
                by_meaning[meaning][source].append(target)
            if meaning == "responsible":
                links.roles_of[target].append((_RACI_ORDER.get(connection.raci, 2), source))
        return links

    def role_of(self, element: str) -> str | None:
        """The role whose lane an element belongs in: R before A before the others."""
        ranked = self.roles_of.get(element)
        return min(ranked)[1] if ranked else None


# -- the flow ------------------------------------------------------------------------------


def _flow_columns(links: _Links, kinds: Mapping[str, str]) -> dict[str, int]:
    """The column (0 = first) of every connected flow node."""
    nodes = sorted(i for i, k in kinds.items() if k in FLOW_KINDS and i in links.connected)
    if not nodes:
        return {}
    import networkx as nx  # lazy: keeps app start-up and `import model.layout` fast

    edges = links.flow
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
    lowest = min(layer.values())
    return {node: column - lowest for node, column in layer.items()}


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


# -- lanes -----------------------------------------------------------------------------------


def _primary(targets: Iterable[str], columns: Mapping[str, int]) -> str | None:
    """The target an attached element sits under: the leftmost placed one (then by id)."""
    placed = sorted((columns[t], t) for t in targets if t in columns)
    return placed[0][1] if placed else None


def _lanes_of(links: _Links, kinds: Mapping[str, str], columns: dict[str, int]) -> dict[str, str]:
    """The lane (a role id, or "" for none) of every connected element but the roles.

    Also gives data, controls and metrics a column in ``columns`` (that of the element
    they attach to), before any clash is resolved.
    """
    lane: dict[str, str] = {}
    for node in columns:
        if kinds[node] in WORK_KINDS:
            lane[node] = links.role_of(node) or _NO_LANE
    successors: dict[str, list[str]] = defaultdict(list)
    predecessors: dict[str, list[str]] = defaultdict(list)
    for source, target in links.flow:
        successors[source].append(target)
        predecessors[target].append(source)
    for node in sorted(columns):
        if kinds[node] == "trigger":
            near = successors[node]
        elif kinds[node] == "outcome":
            near = predecessors[node]
        else:
            continue
        ranked = sorted((columns[n], n) for n in near if lane.get(n))
        lane[node] = lane[ranked[0][1]] if ranked else _NO_LANE

    def attach(members: list[str], targets_of: Iterable[Mapping[str, list[str]]]) -> None:
        anchors = list(targets_of)
        for ident in members:
            primary = None
            for anchor in anchors:
                primary = _primary(anchor.get(ident, []), columns)
                if primary is not None:
                    break
            columns[ident] = columns[primary] if primary is not None else 0
            own = links.role_of(ident)
            lane[ident] = own or (lane.get(primary, _NO_LANE) if primary else _NO_LANE)

    def of_kind(kind: str) -> list[str]:
        return sorted(i for i, k in kinds.items() if k == kind and i in links.connected)

    attach(of_kind("data"), [links.feeds])
    attach(of_kind("control"), [links.governs])
    attach(of_kind("metric"), [links.measures, links.loops])
    return lane


def _initial_lane_order(
    lane_of: Mapping[str, str], columns: Mapping[str, int], links: _Links, kinds: Mapping[str, str]
) -> list[str]:
    """Lanes in the order the flow enters them (a role without flow elements: by the
    columns of what it is responsible for)."""
    first: dict[str, tuple[int, int]] = {}
    for ident, role in lane_of.items():
        if role:
            rank = (0 if kinds[ident] in FLOW_KINDS else 1, columns.get(ident, 0))
            first[role] = min(first.get(role, rank), rank)
    for role, targets in links.responsible.items():
        if role not in first:
            placed = [columns[t] for t in targets if t in columns]
            first[role] = (2, min(placed, default=0))
    return sorted(first, key=lambda r: (first[r], r))


def _search_lane_order(grid: _Grid, order: list[str], links: _Links) -> Layout:
    """The lane order with the lowest (crossings, flow steps up a lane, line length).

    Every order is tried for a few lanes; for more, one lane at a time is moved to every
    other place while that lowers the cost.
    """
    best = grid.place(order)
    best_cost = _cost(best, grid, links, order)
    if len(order) <= EXHAUSTIVE_MAX_LANES and len(links.all) <= EXHAUSTIVE_MAX_CONNECTIONS:
        for permutation in itertools.permutations(order):
            trial = list(permutation)
            layout = grid.place(trial)
            cost = _cost(layout, grid, links, trial)
            if cost < best_cost:
                best, best_cost = layout, cost
        return best
    improved = True
    while improved:
        improved = False
        for index, lane in enumerate(order):
            rest = order[:index] + order[index + 1 :]
            for place in range(len(order)):
                trial = [*rest[:place], lane, *rest[place:]]
                if trial == order:
                    continue
                layout = grid.place(trial)
                cost = _cost(layout, grid, links, trial)
                if cost < best_cost:
                    order, best, best_cost, improved = trial, layout, cost, True
                    break
            if improved:
                break
    return best


def _cost(layout: Layout, grid: _Grid, links: _Links, order: list[str]) -> tuple[int, int, float]:
    """(crossing pairs, flow connections that climb to an upper lane, total route length)."""
    boxes = {i: box_at(x, y) for i, (x, y) in layout.positions.items()}
    lanes = lane_bands(layout.lanes, boxes, grid.kinds)
    routes = plan_routes(boxes, [Link(*item) for item in links.all], lanes)
    drawn = []
    length = 0.0
    for ident, source, target, _ in links.all:
        route = routes.get(ident)
        line = route.polyline() if route is not None else None
        if line is not None:
            length += sum(math.dist(a, b) for a, b in itertools.pairwise(line))
        drawn.append(DrawnConnection(ident, source, target, line))
    rank = {lane: index for index, lane in enumerate(order)}
    climbs = sum(
        1
        for source, target in links.flow
        if rank.get(grid.lane_of.get(target, ""), -1) < rank.get(grid.lane_of.get(source, ""), -1)
    )
    return count_crossings(drawn), climbs, length


# -- rows and columns --------------------------------------------------------------------------


class _Grid:
    """Places elements in bands (one per lane), rows and columns for a given lane order."""

    def __init__(
        self,
        kinds: Mapping[str, str],
        links: _Links,
        columns: Mapping[str, int],
        lane_of: Mapping[str, str],
    ) -> None:
        self.kinds = kinds
        self.links = links
        self.columns = columns
        self.lane_of = lane_of
        self.has_lanes = any(lane_of.values())

    def _attached_cell(
        self,
        ident: str,
        column: int,
        cells: Mapping[str, tuple[int, int]],
        occupied: dict[int, set[int]],
        flow_columns: set[int],
        flow_bottom: int,
        first_column: int,
    ) -> tuple[int, int]:
        """(column, attached row) for a data, control or metric element of this band.

        Below anything of this band it attaches to, in the wanted column (stacked under
        what is already there) or in a neighbouring one: whichever is cheapest, where a
        row further down costs 2, each column aside 1, and standing under another flow
        element of the band 2 more (it would seem to belong to it).
        """
        targets = self.links.feeds.get(ident, []) + self.links.governs.get(ident, [])
        below = [
            (cells[t][1] - flow_bottom) // ATTACHED_SPACING - 1
            for t in targets
            if t in cells and cells[t][1] > flow_bottom
        ]
        first = max(below, default=-1) + 1
        best: tuple[int, int, int] | None = None
        for offset in (0, 1, -1, 2, -2):
            candidate = column + offset
            if candidate < first_column:
                continue
            row = first
            while candidate in occupied[row]:
                row += 1
            aside = abs(offset) + (2 if offset and candidate in flow_columns else 0)
            score = (2 * row + aside, candidate, row)
            if best is None or score < best:
                best = score
        assert best is not None
        _, chosen, row = best
        occupied[row].add(chosen)
        return chosen, row

    def place(self, order: list[str]) -> Layout:
        kinds, columns = self.kinds, self.columns
        shift = 1 if self.has_lanes else 0  # the headers' column comes first
        cells: dict[str, tuple[int, int]] = {}
        lanes: list[tuple[str, float]] = []
        members: dict[str, list[str]] = defaultdict(list)
        for ident, lane in self.lane_of.items():
            members[lane].append(ident)
        pad = LANE_PAD if self.has_lanes else 0
        top = TOP - pad
        bands = ([_NO_LANE] if members.get(_NO_LANE) else []) + order
        for lane in bands:
            y = top + pad
            inside = members.get(lane, [])
            flow = [i for i in inside if kinds[i] in FLOW_KINDS]
            stacks: dict[int, list[str]] = defaultdict(list)
            for ident in sorted(flow, key=lambda i: (columns[i], kinds[i] != "trigger", i)):
                stacks[columns[ident]].append(ident)
            rows = max((len(s) for s in stacks.values()), default=0)
            if lane:
                cells[lane] = (0, y)
                rows = max(rows, 1)
            for column, stack in stacks.items():
                for row, ident in enumerate(stack):
                    cells[ident] = (column + shift, y + row * ROW_SPACING)
            flow_bottom = y + (rows - 1) * ROW_SPACING if rows else y - ATTACHED_SPACING
            bottom = flow_bottom
            occupied: dict[int, set[int]] = defaultdict(set)  # attached row -> columns
            flow_columns = {column + shift for column in stacks}
            for kind in _ATTACHED_KINDS:
                attached = sorted((columns[i], i) for i in inside if kinds[i] == kind)
                for wanted, ident in attached:
                    column, row = self._attached_cell(
                        ident, wanted + shift, cells, occupied, flow_columns, flow_bottom, shift
                    )
                    row_y = flow_bottom + (row + 1) * ATTACHED_SPACING
                    bottom = max(bottom, row_y)
                    cells[ident] = (column, row_y)
            height = bottom + ELEMENT_HEIGHT + pad - top
            if lane:
                lanes.append((lane, height))
            top += height
        loose = sorted(
            (i for i in kinds if i not in cells),
            key=lambda i: (kinds[i] == "note", _KIND_ORDER.get(kinds[i], len(_KIND_ORDER)), i),
        )
        if loose:
            row_y = top + BELOW_LANES if cells else TOP
            width = max([_MIN_BOTTOM_ROW_COLUMNS, *(c + 1 for c, _ in cells.values())])
            for index, ident in enumerate(loose):
                cells[ident] = (index % width, row_y + (index // width) * ROW_SPACING)
        positions = {
            ident: snap(LEFT + column * COLUMN_SPACING, y, GRID)
            for ident, (column, y) in cells.items()
        }
        return Layout(positions, lanes)
