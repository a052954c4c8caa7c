"""How each kind of slide is laid out on a stage (:mod:`model.stage`).

- **overview**: the flow from trigger to outcome in walkthrough order, in rows read left
  to right (as the canvas's flow runs), as many per slide as fit at full size; the flow
  from the end of one row turns through the gap between the rows into the next;
- **step**: one step in the middle with its roles above, its data left, its controls right
  and its metrics below, and a panel with what matters about it in large type (for an AI
  step: task, decision right, oversight, owner);
- **frame**: a facilitator's region of the canvas, fitted;
- **findings**, **scores**, **voting**: full views of the analysis and the dots;
- **matrix**: the prioritisation matrix.

Elements are drawn at their canvas size (one unit per scene pixel) on the overview and
step slides, so their labels keep the projected size :mod:`model.stage` promises.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH
from model.connections import connection_meaning
from model.frames import CustomFrame
from model.geometry import Box as GeoBox
from model.kinds import KINDS_BY_ID
from model.lanes import LANES_KEY
from model.layers import LayerState, visibility
from model.routing import (
    HORIZONTAL_MEANINGS,
    PORT_MARGIN,
    STUB,
    Route,
    box_at,
    route_along,
    session_routes,
)
from model.score_bands import score_band
from model.session import Connection, Element, Session, Workflow
from model.stage import (
    INK,
    LINE_HEIGHT,
    MUTED,
    PANEL_FILL,
    PANEL_LINE,
    SEVERITY_INK,
    Box,
    Connector,
    Elements,
    Mark,
    Matrix,
    Panel,
    Stage,
    StageSize,
    Text,
    estimated_lines,
    message,
    text_height,
)
from model.vocabulary import COMPONENTS, humanize
from model.walkthrough import flow_neighbours

EW, EH = float(ELEMENT_WIDTH), float(ELEMENT_HEIGHT)
#: Gaps between boxes on the overview (smallest; they grow to fill the slide).
OVERVIEW_GAP_X = 64.0
OVERVIEW_GAP_Y = 46.0
#: At most this many boxes per group (roles, data, controls, metrics) on a step slide.
GROUP_MAX = 3
#: The least room between rows of a step slide (for the arrows).
MIN_GAP_Y = 28.0
#: Room kept around boxes for selection halos and badges when fitting.
_BOX_PAD = 12.0
#: Room left and right of the overview's rows for the turns from one row into the next.
TURN_ROOM = STUB + 8.0


def derived_session(
    session: Session,
    workflow_id: str,
    positions: dict[str, tuple[float, float]],
    *,
    connections: Iterable[str] | None = None,
    lanes: bool = False,
) -> Session:
    """A session holding only the elements of ``positions`` (moved there) and the
    connections between them (or only ``connections``): what a slide draws. ``lanes``
    keeps the workflow's role lanes (for elements at their canvas places; a lane whose
    role is left out is not drawn)."""
    workflow = session.workflows[workflow_id]
    copy = Session()
    extra = {LANES_KEY: workflow.extra[LANES_KEY]} if lanes and LANES_KEY in workflow.extra else {}
    copy.workflows[workflow_id] = Workflow(
        id=workflow_id, name=workflow.name, seq=workflow.seq, extra=extra
    )
    for ident, (x, y) in positions.items():
        copy.elements[ident] = dataclasses.replace(session.elements[ident], x=x, y=y)
    allowed = set(connections) if connections is not None else None
    for connection in session.workflow_connections(workflow_id):
        inside = connection.source in positions and connection.target in positions
        if inside and (allowed is None or connection.id in allowed):
            copy.connections[connection.id] = connection
    return copy


def _elements_layer(
    session: Session,
    workflow_id: str,
    positions: dict[str, tuple[float, float]],
    dimmed: frozenset[str] = frozenset(),
    connections: Iterable[str] | None = None,
) -> Elements:
    """Elements drawn one unit per scene pixel where ``positions`` put them, with the
    routes :func:`model.routing.plan_routes` gives their connections there."""
    copy = derived_session(session, workflow_id, positions, connections=connections)
    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    left, top = min(xs) - _BOX_PAD, min(ys) - _BOX_PAD
    right, bottom = max(xs) + EW + _BOX_PAD, max(ys) + EH + _BOX_PAD
    for route in session_routes(copy, workflow_id).values():
        if route is not None:  # a route may run round a box, beyond the boxes
            bounds = route.control_bounds()
            left, top = min(left, bounds.x - 2), min(top, bounds.y - 2)
            right, bottom = max(right, bounds.right + 2), max(bottom, bounds.bottom + 2)
    box = (left, top, right - left, bottom - top)
    return Elements(copy, workflow_id, box, box, dimmed)


# -- overview ---------------------------------------------------------------------------------


def overview_grid(size: StageSize) -> tuple[int, int]:
    """(columns, rows) of boxes an overview slide holds."""
    _, _, width, height = size.content()
    width -= 2 * TURN_ROOM
    columns = max(1, int((width + OVERVIEW_GAP_X) // (EW + OVERVIEW_GAP_X)))
    rows = max(1, int((height - 30 + OVERVIEW_GAP_Y) // (EH + OVERVIEW_GAP_Y)))
    return columns, rows


def overview_stage(
    session: Session,
    workflow_id: str,
    items: Sequence[Element],
    size: StageSize,
    *,
    continued: bool = False,
    continues: bool = False,
    state: LayerState | None = None,
) -> Stage:
    """The flow elements ``items`` in rows left to right, with the flow between them."""
    stage = Stage(size)
    if not items:
        message(stage, "No flow mapped yet: add a trigger, steps and an outcome.")
        return stage
    x0, y0, width, height = size.content()
    columns, _ = overview_grid(size)
    used = min(columns, len(items))
    rows = math.ceil(len(items) / columns)
    room = width - 2 * TURN_ROOM
    gap_x = min(150.0, (room - used * EW) / (used - 1)) if used > 1 else 0.0
    gap_y = min(110.0, (height - 30 - rows * EH) / (rows - 1)) if rows > 1 else 0.0
    grid_w = used * EW + (used - 1) * gap_x
    grid_h = rows * EH + (rows - 1) * gap_y
    left = x0 + (width - grid_w) / 2
    top = y0 + (height - 30 - grid_h) / 2
    positions: dict[str, tuple[float, float]] = {}
    cells: dict[str, tuple[int, int]] = {}
    for index, element in enumerate(items):
        row, column = cells[element.id] = divmod(index, columns)
        positions[element.id] = (left + column * (EW + gap_x), top + row * (EH + gap_y))
    shown = visibility(session, workflow_id, state)
    inside = [
        c
        for c in session.workflow_connections(workflow_id)
        if c.source in positions and c.target in positions
    ]
    # A flow into a later row that is not to the right of its source turns through the gap
    # above the target's row (drawn here); the canvas's routing would take it round the rows.
    turns = [
        c
        for c in inside
        if cells[c.target][0] > cells[c.source][0]
        and cells[c.target][1] <= cells[c.source][1]
        and _meaning(session, c) in HORIZONTAL_MEANINGS
    ]
    turned = {c.id for c in turns}
    drawn = [c for c in inside if c.id not in turned]
    stage.add(_elements_layer(session, workflow_id, positions, shown.dimmed, [c.id for c in drawn]))
    for connection in turns:
        source, target = connection.source, connection.target
        route = _turn(
            box_at(*positions[source]),
            box_at(*positions[target]),
            positions[target][1] - gap_y / 2,
            low_start=any(c.source == source and _is_flow(session, c) for c in drawn),
            high_end=any(c.target == target and _is_flow(session, c) for c in drawn),
        )
        stage.add(Connector(route, "flow", connection.id in shown.dimmed))
    hints = []
    if continued:
        hints.append("… continued from the slide before")
    if continues:
        hints.append("continues on the next slide …")
    if hints:
        stage.add(
            Text(
                (x0, y0 + height - 26, width, 22),
                "   ·   ".join(hints),
                16.0,
                False,
                MUTED,
                "center",
            )
        )
    return stage


def _meaning(session: Session, connection: Connection) -> str:
    source, target = session.elements[connection.source], session.elements[connection.target]
    return connection_meaning(source.kind, target.kind) or ""


def _is_flow(session: Session, connection: Connection) -> bool:
    return _meaning(session, connection) in HORIZONTAL_MEANINGS


def _turn(source: GeoBox, target: GeoBox, gap: float, *, low_start: bool, high_end: bool) -> Route:
    """Out of the source's right side, down to ``gap``, left to the target's column, down
    into its left side. The ends keep off the middle of a side when the canvas's routing
    draws another flow there."""
    start_y = source.bottom - PORT_MARGIN if low_start else source.center[1]
    end_y = target.y + PORT_MARGIN if high_end else target.center[1]
    x_out, x_in = source.right + STUB, target.x - STUB
    return route_along(
        [
            (source.right, start_y),
            (x_out, start_y),
            (x_out, gap),
            (x_in, gap),
            (x_in, end_y),
            (target.x, end_y),
        ]
    )


# -- a walkthrough step -----------------------------------------------------------------------


def _connected(session: Session, element: Element, kind: str, incoming: bool) -> list[Element]:
    found = []
    for connection in session.workflow_connections(element.workflow_id):
        other_id = connection.source if incoming else connection.target
        if (connection.target if incoming else connection.source) != element.id:
            continue
        other = session.elements.get(other_id)
        if other is not None and other.kind == kind:
            found.append(other)
    return sorted(found, key=lambda e: (e.x, e.y, e.id))


def responsible_roles(session: Session, element: Element) -> list[Element]:
    """Roles connected to ``element``, those marked R or A first."""
    letters = {}
    for connection in session.workflow_connections(element.workflow_id):
        if connection.target == element.id:
            letters[connection.source] = connection.raci or ""
    roles = _connected(session, element, "role", incoming=True)
    return sorted(roles, key=lambda r: (letters.get(r.id) not in ("R", "A"), r.x, r.y, r.id))


def step_groups(session: Session, element: Element, state: LayerState) -> dict[str, list[Element]]:
    """The neighbours a step slide shows around ``element``: roles, data, controls,
    metrics (each only when its layer shows)."""
    groups = {
        "roles": responsible_roles(session, element),
        "data": _connected(session, element, "data", incoming=True),
        "controls": _connected(session, element, "control", incoming=True),
        "metrics": _connected(session, element, "metric", incoming=True),
    }
    layer = {"roles": "roles", "data": "data", "controls": "governance", "metrics": "measurement"}
    return {name: items if state.shows(layer[name]) else [] for name, items in groups.items()}


def step_stage(session: Session, element_id: str, size: StageSize, state: LayerState) -> Stage:
    """One step in the middle, its neighbours around it, its details in large type."""
    stage = Stage(size)
    element = session.elements[element_id]
    x0, y0, width, height = size.content()
    diagram_w = max(3 * EW + 2 * 40.0, width * 0.55)
    panel_x = x0 + diagram_w + 28.0
    panel_w = width - diagram_w - 28.0
    groups = step_groups(session, element, state)
    positions, overflow = _step_positions(element, groups, (x0, y0, diagram_w, height))
    shown = visibility(session, element.workflow_id, state)
    dimmed = frozenset(i for i in shown.dimmed if i != element_id)
    touching = [  # only the step's own connections: none crosses the slide
        c.id
        for c in session.workflow_connections(element.workflow_id)
        if element_id in (c.source, c.target)
    ]
    stage.add(_elements_layer(session, element.workflow_id, positions, dimmed, touching))
    for text_box, text in overflow:
        stage.add(Text(text_box, text, 15.0, False, MUTED, "center"))
    _details_panel(stage, session, element, (panel_x, y0, panel_w, height), groups, state)
    return stage


def _step_positions(
    element: Element, groups: dict[str, list[Element]], area: Box
) -> tuple[dict[str, tuple[float, float]], list[tuple[Box, str]]]:
    """Where the step and its neighbours go in ``area``, and "+N more" notes."""
    x0, y0, width, height = area
    gap_x = min(80.0, (width - 3 * EW) / 2)
    columns = [x0 + (width - 3 * EW - 2 * gap_x) / 2 + i * (EW + gap_x) for i in range(3)]
    roles = groups["roles"][:GROUP_MAX]
    metrics = groups["metrics"][:GROUP_MAX]
    band_gap = 18.0
    top_h = EH if roles else 0.0
    bottom_h = EH if metrics else 0.0
    gaps = (1 if roles else 0) + (1 if metrics else 0)
    # As many data and controls above one another as fit with room for the arrows.
    room = height - 24 - top_h - bottom_h - gaps * MIN_GAP_Y + band_gap
    fitting = max(1, min(GROUP_MAX, int(room // (EH + band_gap))))
    data = groups["data"][:fitting]
    controls = groups["controls"][:fitting]
    shown = {"roles": len(roles), "metrics": len(metrics), "data": len(data)}
    shown["controls"] = len(controls)
    band_rows = max(1, len(data), len(controls))
    band_h = band_rows * EH + (band_rows - 1) * band_gap
    spare = height - 24 - band_h - top_h - bottom_h
    gap_y = min(90.0, spare / gaps) if gaps else 0.0
    total = top_h + band_h + bottom_h + gaps * gap_y
    y = y0 + (height - 24 - total) / 2
    positions: dict[str, tuple[float, float]] = {}
    overflow: list[tuple[Box, str]] = []

    def row(items: list[Element], top: float) -> None:
        start = 1 - (len(items) - 1) / 2  # centred on the middle column
        for index, item in enumerate(items):
            slot = start + index
            positions[item.id] = (columns[0] + slot * (EW + gap_x), top)

    if roles:
        row(roles, y)
        y += EH + gap_y
    band_top = y
    positions[element.id] = (columns[1], band_top + (band_h - EH) / 2)
    for column, items in ((columns[0], data), (columns[2], controls)):
        inner = len(items) * EH + (len(items) - 1) * band_gap
        start = band_top + (band_h - inner) / 2
        for index, item in enumerate(items):
            positions[item.id] = (column, start + index * (EH + band_gap))
    y += band_h + gap_y
    if metrics:
        row(metrics, y)
    # Centre what is there (a step without controls should not hug the left edge).
    lefts = [x for x, _ in positions.values()]
    shift = x0 + (width - (max(lefts) + EW - min(lefts))) / 2 - min(lefts)
    positions = {ident: (x + shift, y_) for ident, (x, y_) in positions.items()}
    columns = [c + shift for c in columns]
    more = {
        "roles": (columns[1], positions[roles[0].id][1] - 22) if roles else None,
        "data": (columns[0], band_top + band_h + 4),
        "controls": (columns[2], band_top + band_h + 4),
        "metrics": (columns[1], y + EH + 4) if metrics else None,
    }
    for name, items in groups.items():
        extra = len(items) - shown[name]
        spot = more[name]
        if extra > 0 and spot is not None:
            overflow.append(((spot[0] - 20, spot[1], EW + 40, 20), f"+ {extra} more {name}"))
    return positions, overflow


#: Per kind: (prop name, caption, shown large?) on a step's details panel.
_DETAILS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "ai_step": (
        ("task", "Task", True),
        ("decision_right", "Decision right", True),
        ("oversight", "Oversight", True),
        ("@owner", "Owner", True),
        ("@io", "Input → output", False),
        ("tool", "Tool", False),
    ),
    "step": (
        ("@owner", "Owner", True),
        ("system", "System", True),
        ("manual", "Done by hand", True),
        ("@minutes", "Time today → redesigned", True),
    ),
    "gate": (
        ("approver", "Approver", True),
        ("criteria", "Criteria", True),
        ("sla_hours", "Answer within (hours)", True),
        ("@owner", "Owner", True),
    ),
    "review": (
        ("reviewer", "Reviewer", True),
        ("sample_rate", "Sample reviewed", True),
        ("criteria", "Criteria", True),
        ("checks", "Checks for", False),
        ("@owner", "Owner", False),
    ),
}
_LARGE = 22.0
_SMALL = 17.0
_CAPTION = 14.0


def detail_value(session: Session, element: Element, name: str) -> str:
    """The text a step's details panel shows for ``name`` ("" when there is nothing)."""
    props = element.props
    if name == "@owner":
        return ", ".join(r.label or "Role" for r in responsible_roles(session, element))
    if name == "@io":
        given = [str(props.get(k) or "").strip() for k in ("input", "output")]
        return " → ".join(t or "?" for t in given) if any(given) else ""
    if name == "@minutes":
        before, after = props.get("minutes_before"), props.get("minutes_after")
        if before is None and after is None:
            return ""
        return f"{_num(before)} min → {_num(after)} min"
    value = props.get(name)
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if name == "sample_rate":
        return f"{_num(value)} %"
    if isinstance(value, list):
        return ", ".join(humanize(str(v)) for v in value)
    if name in ("decision_right", "oversight"):
        return humanize(str(value))
    return str(value) if not isinstance(value, float) else _num(value)


def _num(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}"
    return "?"


def _details_panel(
    stage: Stage,
    session: Session,
    element: Element,
    area: Box,
    groups: dict[str, list[Element]],
    state: LayerState,
) -> None:
    x, y, width, height = area
    stage.add(Panel(area, PANEL_FILL, PANEL_LINE, 10.0))
    pad = 20.0
    inner_w = width - 2 * pad
    cursor = y + pad
    bottom = y + height - pad
    spec = KINDS_BY_ID.get(element.kind)
    kind_name = (spec.name if spec else humanize(element.kind)).upper()
    stage.add(Text((x + pad, cursor, inner_w, 20), kind_name, 16.0, True, MUTED))
    cursor += 30
    before, after = flow_neighbours(session, element.id, state)
    flow_lines = []
    if before:
        flow_lines.append("After: " + ", ".join(e.label or "?" for e in before))
    if after:
        flow_lines.append("Next: " + ", ".join(e.label or "?" for e in after))
    flow_h = sum(text_height(estimated_lines(t, 15.0, inner_w, 2), 15.0) for t in flow_lines)
    for name, caption, large in _DETAILS.get(element.kind, ()):
        value = detail_value(session, element, name)
        if name == "@owner" and not value and state.shows("roles"):
            value = "No role connected yet"
        if not value:
            if not large:
                continue
            value = "not set yet"
        size = _LARGE if large else _SMALL
        lines = estimated_lines(value, size, inner_w, 3 if name == "task" else 2)
        need = _CAPTION * LINE_HEIGHT + text_height(lines, size) + 10
        if cursor + need > bottom - flow_h - 8:
            break
        stage.add(
            Text(
                (x + pad, cursor, inner_w, _CAPTION * LINE_HEIGHT), caption, _CAPTION, False, MUTED
            )
        )
        cursor += _CAPTION * LINE_HEIGHT
        color = MUTED if value == "not set yet" else INK
        stage.add(
            Text(
                (x + pad, cursor, inner_w, text_height(lines, size)),
                value,
                size,
                large,
                color,
                "left",
                lines,
            )
        )
        cursor += text_height(lines, size) + 10
    top = bottom - flow_h
    for line in flow_lines:
        lines = estimated_lines(line, 15.0, inner_w, 2)
        stage.add(
            Text(
                (x + pad, top, inner_w, text_height(lines, 15.0)),
                line,
                15.0,
                False,
                MUTED,
                "left",
                lines,
            )
        )
        top += text_height(lines, 15.0)


# -- a facilitator's frame --------------------------------------------------------------------


def frame_stage(
    session: Session, workflow_id: str, frame: CustomFrame, size: StageSize, state: LayerState
) -> Stage:
    """The region ``frame`` of the canvas, fitted into the slide (layers and lens applied).

    The slide's session holds every shown element at its canvas place, with the role
    lanes, so that routes and lanes are those of the canvas; the region is cut out of it.
    """
    stage = Stage(size)
    shown = visibility(session, workflow_id, state)
    elements = [e for e in session.workflow_elements(workflow_id) if e.id in shown.elements]
    target = size.content()
    # The source keeps the frame's centre and takes the slide's proportions.
    scale = min(target[2] / frame.width, target[3] / frame.height)
    source_w, source_h = target[2] / scale, target[3] / scale
    cx, cy = frame.x + frame.width / 2, frame.y + frame.height / 2
    source = (cx - source_w / 2, cy - source_h / 2, source_w, source_h)
    inside = [
        e
        for e in elements
        if e.x + EW >= source[0]
        and e.x <= source[0] + source_w
        and e.y + EH >= source[1]
        and e.y <= source[1] + source_h
    ]
    if not inside:
        message(stage, f"The frame “{frame.name}” shows no element yet.")
        return stage
    places = {e.id: (float(e.x), float(e.y)) for e in elements}
    copy = derived_session(session, workflow_id, places, lanes=True)
    stage.add(Elements(copy, workflow_id, source, target, frozenset(shown.dimmed)))
    return stage


# -- findings, scores, voting, matrix ---------------------------------------------------------

_FINDING_HEAD = 15.0
_FINDING_TEXT = 19.0
_FINDING_ROW = _FINDING_HEAD * LINE_HEIGHT + 2 * _FINDING_TEXT * LINE_HEIGHT + 16.0


def findings_per_slide(size: StageSize) -> int:
    """How many findings one slide lists."""
    return max(1, int(size.content()[3] // _FINDING_ROW))


def findings_stage(findings: Sequence[Any], size: StageSize, total: int) -> Stage:
    """Findings (``model.analysis.Finding``) as rows: severity icon and word, rule, message."""
    stage = Stage(size)
    if not findings:
        message(
            stage,
            "No findings: this workflow passes every check of the operating model."
            if total == 0
            else "No more findings.",
        )
        return stage
    x0, y, width, _ = size.content()
    for finding in findings:
        mark = 30.0
        stage.add(
            Mark(
                finding.severity, x0 + mark / 2 + 4, y + _FINDING_HEAD * LINE_HEIGHT / 2 + 12, mark
            )
        )
        left = x0 + mark + 22
        inner = width - mark - 22
        head = f"{finding.severity.upper()} · {finding.rule} · {_component_name(finding.component)}"
        ink = SEVERITY_INK.get(finding.severity, INK)
        stage.add(
            Text((left, y, inner, _FINDING_HEAD * LINE_HEIGHT), head, _FINDING_HEAD, True, ink)
        )
        text_top = y + _FINDING_HEAD * LINE_HEIGHT + 2
        stage.add(
            Text(
                (left, text_top, inner, 2 * _FINDING_TEXT * LINE_HEIGHT),
                finding.message,
                _FINDING_TEXT,
                False,
                INK,
                "left",
                2,
            )
        )
        y += _FINDING_ROW
    return stage


def _component_name(component: str) -> str:
    for item in COMPONENTS:
        if item.id == component:
            return item.name
    return humanize(component)


def scores_stage(
    scores: dict[str, int | None], size: StageSize, errors: Collection[str] = ()
) -> Stage:
    """The seven component scores as bars with their number, symbol and word, in the bands
    the app, the CLI and the PDF use (:mod:`model.score_bands`): a component in ``errors``
    (it has an error finding) is never shown good."""
    stage = Stage(size)
    x0, y0, width, height = size.content()
    row = min(66.0, height / len(COMPONENTS))
    name_w = 330.0
    value_w = 250.0
    bar_w = width - name_w - value_w - 40
    y = y0 + (height - row * len(COMPONENTS)) / 2
    for component in COMPONENTS:
        score = scores.get(component.id)
        band = score_band(score, has_errors=component.id in errors)
        colour, word = band.background, f"{band.symbol} {band.word}"
        middle = y + row / 2
        stage.add(Text((x0, middle - 13, name_w, 26), component.name, 20.0, True))
        track = (x0 + name_w + 20, middle - 14, bar_w, 28)
        stage.add(Panel(track, "#F3F4F6", PANEL_LINE, 4.0))
        if score is None:
            stage.add(Panel(track, "#E5E7EB", None, 4.0, hatched=True))
        elif score > 0:
            stage.add(Panel((track[0], track[1], bar_w * score / 100, 28), colour, None, 4.0))
        value = word if score is None else f"{score} / 100 · {word}"
        stage.add(
            Text(
                (x0 + name_w + bar_w + 40, middle - 13, value_w, 26),
                value,
                20.0,
                score is not None,
                INK if score is not None else MUTED,
            )
        )
        y += row
    return stage


def voting_stage(session: Session, size: StageSize) -> Stage:
    """Dots per use case (ranked bars) and the elements with the most dots; while a private
    dot round is open, only its progress (so no one anchors on the votes so far)."""
    from model.voting import is_hidden, progress, shown_tallies

    stage = Stage(size)
    if is_hidden(session, "dots"):
        done, people = progress(session)
        message(stage, f"Private dot round: {done} of {people} done. The votes show on Reveal.")
        return stage
    counts = shown_tallies(session)
    if not counts:
        message(stage, "No dots yet: run dot voting from the Workshop menu.")
        return stage
    x0, y0, width, height = size.content()
    half = (width - 40) / 2
    workflows = sorted(session.ordered_workflows(), key=lambda w: -counts.get(w.id, 0))
    most = max([counts.get(w.id, 0) for w in workflows] + [1])
    stage.add(Text((x0, y0, half, 26), "Use cases", 20.0, True, MUTED))
    row = min(60.0, (height - 40) / max(1, len(workflows)))
    y = y0 + 40
    for workflow in workflows[: int((height - 40) // row)]:
        dots = counts.get(workflow.id, 0)
        stage.add(Text((x0, y, half, 24), workflow.name or workflow.id, 19.0, True))
        bar = (half - 130) * dots / most
        stage.add(Panel((x0, y + 27, max(bar, 3.0), 18), "#6D28D9", None, 4.0))
        stage.add(Text((x0 + max(bar, 3.0) + 10, y + 24, 140, 24), _dots(dots), 17.0, False, INK))
        y += row
    elements = sorted(
        (e for e in session.elements.values() if counts.get(e.id)),
        key=lambda e: (-counts[e.id], e.label),
    )
    right = x0 + half + 40
    stage.add(Text((right, y0, half, 26), "Elements", 20.0, True, MUTED))
    y = y0 + 40
    if not elements:
        stage.add(Text((right, y, half, 24), "No dots on elements", 18.0, False, MUTED))
    for element in elements[: int((height - 40) // 44)]:
        where = session.workflows[element.workflow_id].name
        text = f"{element.label or element.id}  ·  {_dots(counts[element.id])}"
        stage.add(Text((right, y, half, 24), text, 19.0, True))
        stage.add(Text((right, y + 22, half, 20), where, 14.0, False, MUTED))
        y += 44
    return stage


def _dots(count: int) -> str:
    return f"{count} dot" if count == 1 else f"{count} dots"


def matrix_stage(size: StageSize) -> Stage:
    """The prioritisation matrix, filling the slide."""
    stage = Stage(size)
    stage.add(Matrix(size.content()))
    return stage
