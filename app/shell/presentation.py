"""Presentation mode: the session's slides for the room, with the scores and a timer.

Entering remembers how the window looked (geometry, full-screen/maximized state, docks,
menu and status bar, theme), hides the docks and bars, goes full screen with the
projector-friendly "presentation" theme and shows the slides (:mod:`model.slides`) from
the first one of the workflow on screen. The score strip stays at the top; under it a
bar shows the workshop's title and a compact countdown — the same countdown as the
"Timer & agenda" dock's timer, so a running exercise keeps running. Leaving puts
everything back as it was.

**One screen**: the slides fill the window under the bar. **Two screens**: the slides go
full screen on the other screen (the projector) and the window shows the presenter view
(:class:`~app.slides.presenter.PresenterView`: current and next frame, notes, agenda,
findings) under the bar.

Keys (what presenter clickers send): → ↓ PageDown next frame, ← ↑ PageUp the one before,
Home / End the first / last; 0–5 build the layers of the workflow on screen up (0: the
flow only, 1: + roles, 2: + data, 3: + governance, 4: + measurement, 5: + notes). Esc
leaves — but only an Esc that nobody else wanted: the mode listens to key presses that
reach the window unhandled rather than installing a window-wide shortcut.

The mode sees the window only through :class:`PresentationHost`: the top-level window's
own Qt API (geometry, state, bars, docks) and a few questions about what it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import QApplication, QDockWidget, QFrame, QHBoxLayout, QMainWindow, QWidget

from app.facilitation.timer import Countdown, ElidedLabel, ExerciseTimer
from app.shell.theme import PRESENTATION_THEME, active_theme, apply_theme
from model import edits
from model.layers import OPTIONAL_LAYERS, workflow_layers

if TYPE_CHECKING:
    from app.editor.session_view import SessionView
    from app.slides.deck import SlideDeck
    from app.slides.matrix import MatrixPainter
    from app.slides.presenter import PresenterView
    from app.slides.projector import ProjectorWindow
    from app.slides.surface import SlideSurface
    from model.analysis import Analysis
    from model.session import Session

Key = Qt.Key
#: Keys that turn to the next frame, and to the one before.
NEXT_KEYS = frozenset({Key.Key_Right, Key.Key_Down, Key.Key_PageDown})
PREVIOUS_KEYS = frozenset({Key.Key_Left, Key.Key_Up, Key.Key_PageUp})
#: Digit keys that build the layers up: 0 the flow only, n the first n optional layers.
LAYER_KEYS: dict[Qt.Key, int] = {
    getattr(Key, f"Key_{n}"): n for n in range(len(OPTIONAL_LAYERS) + 1)
}


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

    def session(self) -> Session | None:
        """The open session (None without one)."""

    def analysis(self) -> Analysis | None:
        """The latest analysis of the open session (None before the first)."""

    def watch(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after every change of the session and every new analysis."""

    def unwatch(self, callback: Callable[[], None]) -> None:
        """Stop calling ``callback``."""

    def run_edit(self, build: Callable[[], edits.Edit]) -> None:
        """Build an edit and push it (a refusal goes to the status bar)."""


@dataclass
class _SavedLook:
    """How the window looked before presentation mode."""

    geometry: QRect
    state: Qt.WindowState
    docks: QByteArray
    menu_bar_visible: bool
    status_bar_visible: bool
    theme: str
    #: Actions added to the window so their shortcuts work while the menu bar is hidden.
    lent_actions: list[QAction] = field(default_factory=list)


class PresentationMode(QObject):
    """Full-screen slides of the open session (F5 toggles, Esc leaves)."""

    #: True on entering, False on leaving.
    activeChanged = Signal(bool)

    def __init__(self, host: PresentationHost) -> None:
        super().__init__(host.window)
        self.host = host
        self.window = host.window
        self.bar: QFrame | None = None
        self.timer: ExerciseTimer | None = None
        self.deck: SlideDeck | None = None
        #: One screen: the slides in the window.
        self.surface: SlideSurface | None = None
        #: Two screens: the slides on the projector, the presenter view in the window.
        self.projector: ProjectorWindow | None = None
        self.presenter: PresenterView | None = None
        self._matrix: MatrixPainter | None = None
        self._saved: _SavedLook | None = None
        self._own_countdown: Countdown | None = None

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
        """Present the open session's slides; False when no session is open."""
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
        self._saved = saved
        # Only while presenting do the window's keys turn pages: a filter installed for
        # good would call into Python for every event the window gets.
        window.installEventFilter(self)
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
        tab = canvas.current()
        self._show_slides(canvas, tab.workflow_id if tab is not None else None)
        self._show_bar()
        window.showFullScreen()
        if self.projector is not None and self.presenter is not None:
            self.projector.present()
            window.activateWindow()
            self.presenter.setFocus()
        elif self.surface is not None:
            self.surface.setFocus()
        self.activeChanged.emit(True)
        return True

    def leave(self) -> bool:
        """Put the window back exactly as it was; False when not presenting."""
        saved = self._saved
        if saved is None:
            return False
        self._saved = None
        window = self.window
        window.removeEventFilter(self)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self._hide_slides()
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
        canvas = self.host.session_canvas()
        tab = canvas.current() if canvas is not None else None
        if tab is not None:
            tab.view.setFocus()
        self.activeChanged.emit(False)
        return True

    def projector_screen(self) -> QScreen | None:
        """The screen the slides go to when there is a second one (None with one screen)."""
        screens = QGuiApplication.screens()
        if len(screens) < 2:
            return None
        laptop = self.window.screen()
        return next((screen for screen in screens if screen is not laptop), None)

    # -- the slides ------------------------------------------------------------------------
    def _show_slides(self, canvas: SessionView, workflow_id: str | None) -> None:
        # Loaded on the first F5: the slides are not needed to start the app.
        from app.slides.deck import SlideDeck
        from app.slides.matrix import MatrixPainter
        from app.slides.presenter import PresenterView
        from app.slides.projector import ProjectorWindow
        from app.slides.surface import SlideSurface

        host = self.host
        self.deck = SlideDeck(host.session, host.analysis, self)
        self._matrix = MatrixPainter(host.session)
        host.watch(self.deck.refresh)
        canvas.hide()
        screen = self.projector_screen()
        if screen is not None:
            self.projector = ProjectorWindow(self.deck, self._matrix, screen)
            self.projector.installEventFilter(self)
            self.presenter = PresenterView(self.deck, self._matrix, host.session, host.analysis)
            host.show_under_scores(self.presenter)
            QGuiApplication.instance().screenRemoved.connect(self._screen_removed)
        else:
            self.surface = SlideSurface(self.deck, self._matrix, drives=True)
            host.show_under_scores(self.surface)
        self.deck.first_of(workflow_id)

    def _hide_slides(self) -> None:
        host = self.host
        if self.deck is not None:
            host.unwatch(self.deck.refresh)
        if self.projector is not None:
            QGuiApplication.instance().screenRemoved.disconnect(self._screen_removed)
            self.projector.removeEventFilter(self)
            self.projector.dispose()
            self.projector = None
        for widget in (self.presenter, self.surface):
            if widget is not None:
                host.take_away(widget)
                widget.dispose()
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.presenter = None
        self.surface = None
        if self._matrix is not None:
            self._matrix.dispose()
            self._matrix = None
        if self.deck is not None:
            self.deck.deleteLater()
            self.deck = None
        canvas = host.session_canvas()
        if canvas is not None:
            canvas.show()

    def _screen_removed(self, screen: QScreen) -> None:
        if self.projector is not None and self.projector.screen() is screen:
            self.leave()

    def build_layers(self, count: int) -> None:
        """Show the flow and the first ``count`` layers of the workflow on screen."""
        session = self.host.session()
        workflow_id = self.deck.workflow_id() if self.deck is not None else None
        if session is None or workflow_id is None:
            return
        hidden = workflow_layers(session, workflow_id).built_up_to(count).hidden
        self.host.run_edit(lambda: edits.set_layers(session, workflow_id, hidden=hidden))

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
        for button in self.timer.findChildren(QWidget):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the clicker's keys stay ours
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
        """Keys that reached the window (or the projector) unhandled turn the page."""
        if self._saved is None or event.type() != QEvent.Type.KeyPress:
            return False
        if watched is not self.window and watched is not self.projector:
            return False
        if not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() not in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            return False
        key = Qt.Key(event.key())
        deck = self.deck
        if key == Key.Key_Escape:
            self.leave()
        elif deck is not None and key in NEXT_KEYS:
            deck.next()
        elif deck is not None and key in PREVIOUS_KEYS:
            deck.previous()
        elif deck is not None and key == Key.Key_Home:
            deck.go(0)
        elif deck is not None and key == Key.Key_End:
            deck.go(len(deck.slides) - 1)
        elif key in LAYER_KEYS:
            self.build_layers(LAYER_KEYS[key])
        else:
            return False
        return True
