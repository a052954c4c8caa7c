"""Declaring menu actions: text, standard shortcut, handler, scope and whether each one
needs an open session (the registry enables those as a session opens and closes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

Key = QKeySequence.StandardKey | str
Shortcut = Key | tuple[Key, ...] | None


@dataclass(frozen=True)
class ActionSpec:
    """One menu entry: the action's name, text, shortcut and handler."""

    name: str
    text: str
    handler: Callable[[], object]
    shortcut: Shortcut = None
    tip: str = ""
    checkable: bool = False
    checked: bool = False
    #: Only active while the canvas has focus (so typing in a field never deletes elements).
    canvas_only: bool = False
    #: Enabled only while a session is open.
    needs_session: bool = False


#: One entry of a menu: an action, a separator (None) or a submenu (title, entries).
MenuEntry = ActionSpec | None | tuple[str, list["MenuEntry"]]


def _key_sequences(shortcut: Key | tuple[Key, ...]) -> list[QKeySequence]:
    """Every key sequence of ``shortcut``; a standard key may stand for several."""
    keys = shortcut if isinstance(shortcut, tuple) else (shortcut,)
    sequences: list[QKeySequence] = []
    for key in keys:
        found = (
            QKeySequence.keyBindings(key)
            if isinstance(key, QKeySequence.StandardKey)
            else [QKeySequence(key)]
        )
        sequences.extend(s for s in found if s not in sequences)
    return sequences


class ActionRegistry:
    """Creates QActions from :class:`ActionSpec` lists and keeps them by name."""

    def __init__(self, owner: QWidget, canvas_scope: QWidget) -> None:
        self.owner = owner
        self.canvas_scope = canvas_scope
        self.actions: dict[str, QAction] = {}
        self.specs: dict[str, ActionSpec] = {}

    def add_menu(self, menu: QMenu, specs: list[MenuEntry]) -> None:
        """Add ``specs`` to ``menu`` in order; None is a separator, a (title, entries)
        pair a submenu."""
        for spec in specs:
            if spec is None:
                menu.addSeparator()
            elif isinstance(spec, tuple):
                title, entries = spec
                self.add_menu(menu.addMenu(title), entries)
            else:
                menu.addAction(self.create(spec))

    def create(self, spec: ActionSpec) -> QAction:
        """The QAction for ``spec`` (created once)."""
        action = QAction(spec.text, self.owner)
        action.setObjectName(spec.name)
        if spec.shortcut is not None:
            action.setShortcuts(_key_sequences(spec.shortcut))
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        if spec.checkable:
            action.setCheckable(True)
            action.setChecked(spec.checked)
            action.toggled.connect(lambda _on, h=spec.handler: h())
        else:
            action.triggered.connect(lambda _checked=False, h=spec.handler: h())
        if spec.canvas_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.canvas_scope.addAction(action)
        self.actions[spec.name] = action
        self.specs[spec.name] = spec
        return action

    def __getitem__(self, name: str) -> QAction:
        return self.actions[name]

    def set_enabled(self, names: list[str], enabled: bool) -> None:
        """Enable or disable several actions at once."""
        for name in names:
            self.actions[name].setEnabled(enabled)

    def session_actions(self) -> list[str]:
        """The names of the actions declared ``needs_session``."""
        return [name for name, spec in self.specs.items() if spec.needs_session]

    def show_session(self, has_session: bool) -> None:
        """Enable the ``needs_session`` actions while a session is open, else disable them."""
        self.set_enabled(self.session_actions(), has_session)
