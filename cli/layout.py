"""``opmodel layout``: auto-layout a session's workflows in place, one undoable edit each.

The file is read first; when a workflow asked for is not laid out yet, it is opened as
the app opens it (writer lock, checked load), every such workflow is laid out by
:func:`model.layout.auto_layout_edit`, and each layout is committed as its own edit, so
the app's Undo takes it back. A session already laid out is not written at all.

An unknown ``--workflow``, a file another window holds, a read-only file or a full disk
is one line on stderr and exit 2; a write that fails half-way takes back the workflows
already laid out, so the file is as it was.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from cli.errors import EXIT_OK, CliError
from cli.files import cannot_write, read_session
from cli.output import say

if TYPE_CHECKING:
    from model.session import Session, Workflow
    from storage.document import SessionDocument


def cmd_layout(options: argparse.Namespace) -> int:
    """Lay out ``options.file``'s workflows (all, or ``--workflow ID``) in place.

    The file is read first without writing; it is opened for writing (and changed) only
    when some workflow asked for is not laid out yet.
    """
    from model.layout import auto_layout_edit

    path: Path = options.file
    session = read_session(path)
    workflows = _chosen(session, path, options.workflow)
    if not any(auto_layout_edit(session, w.id).changes for w in workflows):
        for workflow in workflows:
            _report(session, workflow.id, laid_out=False)
        return EXIT_OK
    document = _open_for_writing(path)
    try:
        _lay_out(document, path, [w.id for w in workflows])
    finally:
        document.close()
    return EXIT_OK


def _chosen(session: Session, path: Path, wanted: str | None) -> list[Workflow]:
    """The workflows to lay out: all, or the one asked for (CliError when unknown)."""
    workflows = session.ordered_workflows()
    if wanted is None:
        return workflows
    if wanted not in session.workflows:
        known = ", ".join(w.id for w in workflows) or "none"
        raise CliError(f"{path}: no workflow '{wanted}' (workflows: {known})")
    return [session.workflows[wanted]]


def _open_for_writing(path: Path) -> SessionDocument:
    from storage.document import SessionDocument
    from storage.files import SessionFileError

    try:
        document = SessionDocument.open(path)
    except SessionFileError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:  # the lock beside it cannot be written (a full disk, say)
        raise cannot_write(path, exc) from None
    if document.read_only:
        reason = document.read_only_reason
        document.close()
        raise CliError(f"{path}: cannot lay it out ({reason})")
    return document


def _lay_out(document: SessionDocument, path: Path, workflow_ids: list[str]) -> None:
    """One edit per workflow; a failed write takes back the ones before it."""
    from model.layout import auto_layout_edit
    from storage.files import SessionFileError

    done = 0
    for workflow_id in workflow_ids:
        if workflow_id not in document.session.workflows:  # deleted since it was read
            continue
        try:
            changed = document.execute(auto_layout_edit(document.session, workflow_id))
        except SessionFileError as exc:
            for _ in range(done):  # take back what this command did: the file as it was
                document.undo()
            raise CliError(str(exc)) from None
        done += changed
        _report(document.session, workflow_id, laid_out=changed)
    if done:
        say(f"{path}: {_plural(done, 'undoable edit')} (the app's Undo takes each back)")


def _report(session: Session, workflow_id: str, *, laid_out: bool) -> None:
    from model.crossings import session_crossings

    workflow = session.workflows[workflow_id]
    state = "laid out" if laid_out else "already laid out"
    elements = len(session.workflow_elements(workflow_id))
    crossings = len(session_crossings(session, workflow_id))
    say(
        f"{workflow.name or workflow_id} ({workflow_id}): {state}, "
        f"{_plural(elements, 'element')}, {_plural(crossings, 'crossing pair')}"
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
