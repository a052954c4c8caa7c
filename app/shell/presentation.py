"""Presentation mode: the canvas full screen for the room, with the scores and a timer.

Entering remembers how the window looked (geometry, full-screen/maximized state, docks,
menu and status bar, theme, each canvas's zoom), hides the docks and bars, goes full screen
with the projector-friendly "presentation" theme, and fits the workflow on screen. The score
strip stays at the top; under it a bar shows the workshop's title and a compact countdown —
the same countdown as the "Timer & agenda" dock's timer, so a running exercise keeps
running on the wall. Leaving puts everything back as it was.

Esc leaves — but only an Esc that nobody else wanted: the inline label editor (and a
connection being drawn) get it first, because the mode listens to key presses that reach
the window unhandled rather than installing a window-wide shortcut.

The mode sees the window only through :class:`PresentationHost`: the top-level window's
own Qt API (geometry, state, bars, docks) and a few questions about what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QObject, QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QFrame, QHBoxLayout, QMainWindow, QWidget

from app.facilitation.timer import Countdown, ElidedLabel, ExerciseTimer
from app.shell.theme import PRESENTATION_THEME, active_theme, apply_theme

if TYPE_CHECKING:
    from app.editor.session_view import SessionView


class PresentationHost(Protocol):
    """What presentation mode needs from the window it presents."""

    #: The top-level window: full screen, geometry, saved dock state, menu and status bar.
    window: QMainWindow

    def session_canvas(self) -> SessionView | None:
        """The open session's workflow tabs (None without a session)."""

    def shortcut_actions(self) -> list[QAction]:
        """The menu actions whose shortcuts must keep working while the menu bar is hidden."""

    def countdown(self) -> Countdown | None:
        """The "Timer & agenda" dock's countdown, to show on the wall (None without one)."""

    def workshop_title(self) -> str:
        """The open workshop's title ("" without a session)."""

    def show_under_scores(self, bar: QWidget) -> None:
        """Put ``bar`` under the score strip."""

    def take_away(self, bar: QWidget) -> None:
        """Take ``bar`` (shown by :meth:`show_under_scores`) away again."""


@dataclass(frozen=True)
class _SavedView:
    """How one workflow canvas looked before presentation mode."""

    zoom: float
    centre: QPointF
    horizontal: Qt.ScrollBarPolicy
    vertical: Qt.ScrollBarPolicy


@dataclass
class _SavedLook:
    """How the window looked before presentation mode."""

    geometry: QRect
    state: Qt.WindowState
    docks: QByteArray
    menu_bar_visible: bool
    status_bar_visible: bool
    theme: str
    #: Per workflow tab: zoom, the scene point at the viewport's centre, scroll bar policies.
    views: dict[str, _SavedView] = field(default_factory=dict)
    #: Actions added to the window so their shortcuts work while the menu bar is hidden.
    lent_actions: list[QAction] = field(default_factory=list)


class PresentationMode(QObject):
    """Full-screen presenting of the open session in ``window`` (F5 toggles, Esc leaves)."""

    #: True on entering, False on leaving.
    activeChanged = Signal(bool)

    def __init__(self, host: PresentationHost) -> None:
        super().__init__(host.window)
        self.host = host
        self.window = host.window
        self.bar: QFrame | None = None
        self.timer: ExerciseTimer | None = None
        self._saved: _SavedLook | None = None
        self._own_countdown: Countdown | None = None
        self._watched: QWidget | None = None
        self.window.installEventFilter(self)

    # -- public API ----------------------------------------------------------------------
    def is_active(self) -> bool:
        """True while presenting."""
        return self._saved is not None

    def toggle(self) -> None:
        """Enter or leave presentation mode."""
        if self.is_active():
            self.leave()
        else:
            self.enter()

    def set_active(self, on: bool) -> None:
        """Enter (True) or leave (False); nothing happens when already there."""
        if on and not self.is_active():
            self.enter()
        elif not on and self.is_active():
            self.leave()

    def enter(self) -> bool:
        """Present the open session full screen; False when no session is open."""
        window = self.window
        canvas = self.host.session_canvas()
        if self.is_active() or canvas is None:
            return False
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        saved = _SavedLook(
            geometry=window.geometry(),
            state=window.windowState(),
            docks=window.saveState(),
            menu_bar_visible=window.menuBar().isVisibleTo(window),
            status_bar_visible=window.statusBar().isVisibleTo(window),
            theme=active_theme(app),
        )
        for tab in canvas.tabs:
            view = tab.view
            saved.views[tab.workflow_id] = _SavedView(
                view.zoom(),
                QPointF(view.mapToScene(view.viewport().rect().center())),
                view.horizontalScrollBarPolicy(),
                view.verticalScrollBarPolicy(),
            )
            # No scroll bars on the wall: the canvas is fitted, and Space-drag still pans.
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._saved = saved
        for action in self.host.shortcut_actions():
            if action.shortcutContext() == Qt.ShortcutContext.WindowShortcut and (
                action not in window.actions()
            ):
                window.addAction(action)
                saved.lent_actions.append(action)
        for dock in window.findChildren(QDockWidget):
            dock.hide()
        window.menuBar().hide()
        window.statusBar().hide()
        apply_theme(app, PRESENTATION_THEME)
        self._show_bar()
        window.showFullScreen()
        canvas.currentChanged.connect(self._on_tab_changed)
        self._watch_current_view()
        self.fit_current()
        QTimer.singleShot(0, self, self.fit_current)
        self.activeChanged.emit(True)
        return True

    def leave(self) -> bool:
        """Put the window back exactly as it was; False when not presenting."""
        saved = self._saved
        if saved is None:
            return False
        self._saved = None
        window = self.window
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self._watch(None)
        canvas = self.host.session_canvas()
        if canvas is not None:
            canvas.currentChanged.disconnect(self._on_tab_changed)
        self._hide_bar()
        apply_theme(app, saved.theme)
        for action in saved.lent_actions:
            window.removeAction(action)
        window.menuBar().setVisible(saved.menu_bar_visible)
        window.statusBar().setVisible(saved.status_bar_visible)
        window.setWindowState(saved.state)
        if not saved.state & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
            window.setGeometry(saved.geometry)
        window.restoreState(saved.docks)
        for tab in canvas.tabs if canvas else []:
            look = saved.views.get(tab.workflow_id)
            if look is not None:
                tab.view.setHorizontalScrollBarPolicy(look.horizontal)
                tab.view.setVerticalScrollBarPolicy(look.vertical)
                tab.view.set_zoom(look.zoom)
                tab.view.centerOn(look.centre)
        self.activeChanged.emit(False)
        return True

    def fit_current(self) -> None:
        """Fit the workflow on screen into the view (while presenting)."""
        canvas = self.host.session_canvas()
        tab = canvas.current() if canvas else None
        if self.is_active() and tab is not None:
            tab.view.fit_to_view()

    # -- the bar under the score strip ---------------------------------------------------
    def _show_bar(self) -> None:
        countdown = self.host.countdown()
        if countdown is None:
            self._own_countdown = Countdown(parent=self)
            countdown = self._own_countdown
        bar = QFrame()
        bar.setObjectName("presentationBar")
        title = ElidedLabel(self.host.workshop_title())
        title.setObjectName("presentationTitle")
        self.timer = ExerciseTimer(countdown, compact=True)
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(12, 4, 12, 6)
        layout.setSpacing(12)
        layout.addWidget(title, 1)
        layout.addWidget(self.timer)
        self.host.show_under_scores(bar)
        bar.show()
        self.bar = bar

    def _hide_bar(self) -> None:
        if self.timer is not None:
            self.timer.dispose()
        if self.bar is not None:
            self.host.take_away(self.bar)
            self.bar.hide()
            self.bar.setParent(None)
            self.bar.deleteLater()
        self.bar = None
        self.timer = None
        if self._own_countdown is not None:
            self._own_countdown.pause()
            self._own_countdown.deleteLater()
            self._own_countdown = None

    # -- events --------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Esc that reached the window unhandled leaves; a resized canvas is fitted again."""
        if self._saved is None:
            return False
        kind = event.type()
        if (
            kind == QEvent.Type.KeyPress
            and watched is self.window
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.leave()
            return True
        if kind == QEvent.Type.Resize and watched is self._watched:
            QTimer.singleShot(0, self, self.fit_current)
        return False

    def _on_tab_changed(self, _index: int) -> None:
        self._watch_current_view()
        self.fit_current()

    def _watch_current_view(self) -> None:
        canvas = self.host.session_canvas()
        tab = canvas.current() if canvas else None
        self._watch(tab.view.viewport() if tab is not None else None)

    def _watch(self, widget: QWidget | None) -> None:
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = widget
        if widget is not None:
            widget.installEventFilter(self)
