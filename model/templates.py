"""Built-in workshop templates shipped in ``resources/templates`` (interchange JSON files).

:func:`create_session` makes a new session from one of them, or a blank one: the same for
``opmodel new`` and the app's New session dialog.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from model.edits import add_workflow
from model.interchange import read_json_file
from model.session import Session
from resources import TEMPLATES_DIR


@dataclass(frozen=True)
class TemplateInfo:
    """A template's name (used on the command line), title and one-line description."""

    name: str
    title: str
    description: str
    path: Path


def list_templates() -> list[TemplateInfo]:
    """Every built-in template, sorted by name."""
    infos = []
    for path in sorted(TEMPLATES_DIR.glob("*.json")):
        meta = read_json_file(path).extra.get("template", {})
        infos.append(
            TemplateInfo(
                name=path.stem,
                title=str(meta.get("title", path.stem)),
                description=str(meta.get("description", "")),
                path=path,
            )
        )
    return infos


def load_template(name: str) -> Session:
    """A fresh session built from template ``name``; raises KeyError for an unknown name."""
    path = TEMPLATES_DIR / f"{name}.json"
    if not path.is_file():
        known = ", ".join(t.name for t in list_templates())
        raise KeyError(f"no template named {name!r} (built-in templates: {known})")
    session = read_json_file(path)
    session.extra.pop("template", None)
    return session


def create_session(template: str | None, title: str) -> Session:
    """A new session: from ``template`` (KeyError if unknown) or blank with one workflow.

    A blank session takes ``title``; a template keeps its own title unless one is given.
    The date is today's.
    """
    if template:
        session = load_template(template)
    else:
        session = Session()
        add_workflow(session, "Workflow 1", workflow_id="wf-1").apply(session)
    session.workshop.title = (title if not template else "") or session.workshop.title or title
    session.workshop.date = session.workshop.date or date.today().isoformat()
    return session
