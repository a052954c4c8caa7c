"""Export a session as an interchange JSON file (the spec's ``.json`` form)."""

from __future__ import annotations

from pathlib import Path

from exports.atomic import atomic_output
from model.interchange import dumps
from model.session import Session


def export_json(session: Session, target: Path | str) -> None:
    """Write ``session`` to ``target`` as interchange JSON, atomically."""
    with atomic_output(target) as temp:
        temp.write_text(dumps(session), encoding="utf-8")
