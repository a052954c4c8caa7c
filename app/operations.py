"""Every change a panel asks for: build the edit, push it, report a refusal — one way.

A panel never writes ``try: build … except EditError: show … push`` itself; it runs an
:class:`EditOp` (after Anki's ``CollectionOp(parent, op).success(…).failure(…)``)::

    EditOp(bridge, lambda: edits.edit_workflow(session, wid, value=3)).run(self.refusals)

The one rule for showing a refusal (:class:`RefusalNotice`):

* **The model said no** (:class:`~model.edits.EditError`: a value out of range, a name
  already taken …): the sentence is shown *where the change was asked for*. A panel, field
  or dialog has its own refusal label (:func:`refusal_label`, ``QLabel#fieldError``,
  coloured by the theme) and shows it there, under the control; the label is hidden again
  as soon as the model accepts a change. A request with no label of its own — a canvas
  gesture, an Edit/Arrange menu command, a window command — says it in the window's status
  bar (through the requester's ``message`` signal, which the window shows there).
* **The file said no** (read-only, disk full): that is not the panel's business.
  :meth:`UndoBridge.push <app.editor.undo.UndoBridge.push>` returns False and emits ``failed``;
  the window shows that once (the read-only banner, or a warning). A panel that must say
  more (the assessment dialog, an inspector field) adds its line with
  :meth:`EditOp.on_not_saved`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from model.edits import Edit, EditError


class _Pushes(Protocol):
    def push(self, edit: Edit) -> bool: ...


def refusal_label(pixel_size: int = 14) -> QLabel:
    """A hidden, wrapped label for a refused change; the theme colours it (``#fieldError``),
    like the inspector's, so it reads in light and dark."""
    label = QLabel()
    label.setObjectName("fieldError")
    font = QFont()
    font.setPixelSize(pixel_size)
    label.setFont(font)
    label.setWordWrap(True)
    label.hide()
    return label


class RefusalNotice:
    """Where one requester shows why the model refused a change (see the module's rule)."""

    def __init__(
        self,
        show: Callable[[str], object],
        clear: Callable[[], object] | None = None,
        *,
        wording: Callable[[EditError], str] = str,
    ) -> None:
        self._show = show
        self._clear = clear
        self._wording = wording

    @classmethod
    def in_label(cls, label: QLabel, *, wording: Callable[[EditError], str] = str) -> RefusalNotice:
        """Show the sentence in ``label`` (a :func:`refusal_label`); hide it when accepted."""

        def show(text: str) -> None:
            label.setText(text)
            label.setVisible(bool(text))

        return cls(show, lambda: show(""), wording=wording)

    @classmethod
    def in_status_bar(cls, say: Callable[[str], object]) -> RefusalNotice:
        """Say the sentence through ``say`` (a ``message`` signal the window puts in its
        status bar); an accepted change leaves the status bar alone."""
        return cls(say)

    def refused(self, error: EditError) -> str:
        """Show why ``error`` refused the change; the sentence shown."""
        text = self._wording(error)
        self.say(text)
        return text

    def say(self, text: str) -> None:
        """Show ``text`` in the same place (e.g. a requester's own "not saved" line)."""
        self._show(text)

    def accepted(self) -> None:
        """The model accepted a change: take an earlier refusal away."""
        if self._clear is not None:
            self._clear()


class EditOp:
    """One change asked for by the user: build the edit, push it, report the outcome.

    ``target`` is the session's :class:`~app.editor.undo.UndoBridge` (or, for a panel that is only
    given a push function, that function). ``build`` makes the edit from the session as it
    is now and may raise :class:`EditError`. ``description`` renames the undo entry.
    """

    def __init__(
        self,
        target: _Pushes | Callable[[Edit], bool],
        build: Callable[[], Edit],
        description: str | None = None,
    ) -> None:
        self._push: Callable[[Edit], bool] = (
            target.push if hasattr(target, "push") else target  # type: ignore[union-attr]
        )
        self._build = build
        self._description = description
        self._success: list[Callable[[Edit], Any]] = []
        self._not_saved: list[Callable[[Edit], Any]] = []
        self._refusal: list[Callable[[str], Any]] = []

    def on_success(self, callback: Callable[[Edit], Any]) -> EditOp:
        """Call ``callback(edit)`` once the edit is done (saved and undoable)."""
        self._success.append(callback)
        return self

    def on_not_saved(self, callback: Callable[[Edit], Any]) -> EditOp:
        """Call ``callback(edit)`` when the model accepted the edit but it was not stored:
        it changed nothing, or the file refused it (the window has said why)."""
        self._not_saved.append(callback)
        return self

    def on_refusal(self, callback: Callable[[str], Any]) -> EditOp:
        """Call ``callback(sentence)`` after the model refused (and the notice showed it)."""
        self._refusal.append(callback)
        return self

    def run(self, refusals: RefusalNotice) -> Edit | None:
        """Build and push the edit; a refusal is shown by ``refusals``. The edit if done."""
        try:
            edit = self._build()
        except EditError as exc:
            text = refusals.refused(exc)
            for callback in self._refusal:
                callback(text)
            return None
        refusals.accepted()
        if self._description is not None:
            edit = replace(edit, description=self._description)
        if not self._push(edit):
            for callback in self._not_saved:
                callback(edit)
            return None
        for callback in self._success:
            callback(edit)
        return edit
