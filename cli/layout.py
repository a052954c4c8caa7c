"""``opmodel layout``: auto-layout a session's workflows in place, one undoable edit each.

The file is opened as the app opens it (writer lock, checked load), every workflow asked
for is laid out by :func:`model.layout.auto_layout_edit`, and each layout is committed as
its own edit, so the app's Undo takes it back. A workflow already laid out is left as it
is. An unknown ``--workflow``, a file another window holds, a read-only file or a full
disk is one line on stderr and exit 2; a write that fails half-way takes back the
workflows already laid out, so the file is as it was.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from cli.errors import EXIT_OK, CliError
from cli.files import cannot_read
from cli.output import say

if TYPE_CHECKING:
    from storage.document import SessionDocument


def cmd_layout(options: argparse.Namespace) -> int:
    """Lay out ``options.file``'s workflows (all, or ``--workflow ID``) in place."""
    from storage.document import SessionDocument
    from storage.files import SessionFileError

    path: Path = options.file
    try:
        document = SessionDocument.open(path)
    except SessionFileError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise cannot_read(path, exc) from None
    try:
        if document.read_only:
            raise CliError(f"{path}: cannot lay it out ({document.read_only_reason})")
        _lay_out(document, path, options.workflow)
    finally:
        document.close()
    return EXIT_OK


def _lay_out(document: SessionDocument, path: Path, wanted: str | None) -> None:
    from model.crossings import session_crossings
    from model.layout import auto_layout_edit
    from storage.files import SessionFileError

    session = document.session
    workflows = session.ordered_workflows()
    if wanted is not None:
        if wanted not in session.workflows:
            known = ", ".join(w.id for w in workflows) or "none"
            raise CliError(f"{path}: no workflow '{wanted}' (workflows: {known})")
        workflows = [session.workflows[wanted]]
    done = 0
    for workflow in workflows:
        edit = auto_layout_edit(session, workflow.id)
        try:
            changed = document.execute(edit)
        except SessionFileError as exc:
            for _ in range(done):  # take back what this command did: the file as it was
                document.undo()
            raise CliError(str(exc)) from None
        done += changed
        crossings = len(session_crossings(session, workflow.id))
        state = "laid out" if changed else "already laid out"
        say(
            f"{workflow.name or workflow.id} ({workflow.id}): {state}, "
            f"{_plural(len(session.workflow_elements(workflow.id)), 'element')}, "
            f"{_plural(crossings, 'crossing pair')}"
        )
    if done:
        say(f"{path}: {_plural(done, 'undoable edit')} (the app's Undo takes each back)")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
