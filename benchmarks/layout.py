"""Layout benchmark: crossings of the built-in templates and the time to lay out and route.

Run: ``.venv/bin/python -m benchmarks.layout [EXPORTED.json ...]``. Prints, per template
workflow, the crossing pairs counted on the routes the JSON export carries (what the
canvas and the PDF draw) and, for comparison, on straight segments between element centres
at the same positions; then the median time of auto-layout and of routing a template, and of
routing a 2,000-element, 2,500-connection workflow (all and, as while dragging one box, only
that box's connections). Any JSON file given is counted too, connection by connection as
:func:`model.crossings.routes_from_json` reads it (a file exported before connections
carried routes counts straight centre lines: the "before" figures of docs/performance.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.machine import describe_machine, median_ms
from benchmarks.synthetic import synthetic_session
from exports.json_export import export_document
from model.connections import connection_meaning
from model.crossings import count_crossings, routes_from_json
from model.layout import plan_layout
from model.routing import Link, box_at, plan_routes, session_routes
from model.templates import list_templates, load_template

RUNS = 20
#: The issue's target for every built-in template workflow.
MAX_CROSSINGS = 8


def _straight(workflow: dict[str, Any]) -> dict[str, Any]:
    """The workflow without routes: each connection counts as its centre line."""
    connections = [{k: v for k, v in c.items() if k != "route"} for c in workflow["connections"]]
    return {**workflow, "connections": connections}


def _count_files(paths: list[str]) -> None:
    for name in paths:
        document = json.loads(Path(name).read_text(encoding="utf-8"))
        for workflow in document["workflows"]:
            crossings = count_crossings(routes_from_json(workflow))
            print(f"{name} {workflow['id']}: {crossings} crossing pairs")


def main(argv: list[str]) -> int:
    """Print the figures; exit 1 when a template misses the target."""
    print(describe_machine())
    missed = False
    print("template workflow        drawn routes   centre lines   elements  connections")
    for info in list_templates():
        session = load_template(info.name)
        for workflow in export_document(session)["workflows"]:
            drawn = count_crossings(routes_from_json(workflow))
            straight = count_crossings(routes_from_json(_straight(workflow)))
            missed |= drawn > MAX_CROSSINGS
            print(
                f"{info.name:<16} {workflow['id']:<12} {drawn:>5}          {straight:>5}"
                f"          {len(workflow['elements']):>5}  {len(workflow['connections']):>5}"
            )
    _count_files(argv)

    sales = load_template("sales")
    layout_ms = median_ms(lambda: plan_layout(sales, "wf-sales"), RUNS, warm_up=True)
    routes_ms = median_ms(lambda: session_routes(sales, "wf-sales"), RUNS, warm_up=True)
    print(f"auto-layout of the sales workflow (lane order searched): {layout_ms:7.1f} ms median")
    print(f"routing the sales workflow:                             {routes_ms:7.1f} ms median")

    big = synthetic_session(2000, 2500)
    workflow_id = big.ordered_workflows()[0].id
    big_ms = median_ms(lambda: session_routes(big, workflow_id), 5, warm_up=True)
    boxes = {e.id: box_at(e.x, e.y) for e in big.workflow_elements(workflow_id)}
    kinds = {e.id: e.kind for e in big.workflow_elements(workflow_id)}
    links = [
        Link(c.id, c.source, c.target, connection_meaning(kinds[c.source], kinds[c.target]) or "")
        for c in big.workflow_connections(workflow_id)
    ]
    moved = links[0].source
    touching = {link.id for link in links if moved in (link.source, link.target)}
    drag_ms = median_ms(lambda: plan_routes(boxes, links, only=touching), RUNS, warm_up=True)
    big_layout_ms = median_ms(lambda: plan_layout(big, workflow_id), 3, warm_up=True)
    print(f"routing 2,000 elements / 2,500 connections:             {big_ms:7.1f} ms median")
    print(
        f"rerouting the {len(touching)} connections of one dragged box there:     "
        f"{drag_ms:7.1f} ms median"
    )
    print(f"auto-layout of that workflow:                           {big_layout_ms:7.1f} ms median")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
