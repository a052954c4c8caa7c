"""Export a session as an interchange JSON file (the spec's ``.json`` form).

Each connection also carries its drawn ``route``: the polyline the canvas and the PDF draw
(:func:`model.routing.session_routes`), ``[[x, y], …]`` in scene coordinates from the
source's border to the arrow's tip, or ``null`` when the connection is not drawn as a line
(a responsibility shown by a role lane). Routes follow from the positions, so an import
ignores them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from exports.atomic import atomic_output
from model.interchange import ROUTE_KEY, session_to_json
from model.routing import Route, session_routes
from model.session import Session


def export_document(session: Session) -> dict[str, Any]:
    """The interchange document of ``session`` with every connection's drawn route."""
    document = session_to_json(session)
    for workflow in document["workflows"]:
        routes = session_routes(session, workflow["id"])
        for connection in workflow["connections"]:
            connection[ROUTE_KEY] = route_json(routes.get(connection["id"]))
    return document


def route_json(route: Route | None) -> list[list[float]] | None:
    """A route as JSON: its points from the source's border to the tip (2 decimals)."""
    if route is None:
        return None
    return [[_tidy(x), _tidy(y)] for x, y in route.polyline()]


def export_json(session: Session, target: Path | str) -> None:
    """Write ``session`` to ``target`` as interchange JSON with routes, atomically."""
    text = json.dumps(export_document(session), ensure_ascii=False, indent=2) + "\n"
    with atomic_output(target) as temp:
        temp.write_text(text, encoding="utf-8")


def _tidy(value: float) -> float:
    rounded = round(value, 2)
    return int(rounded) if float(rounded).is_integer() else rounded
