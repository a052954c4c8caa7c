"""The exercise timer: a countdown for workshop exercises, shown big enough for the room.

:class:`Countdown` is the clock (no widgets); :class:`ExerciseTimer` shows one. Several
timers can show the same countdown — the dock's full timer and the compact one of
presentation mode — so pausing either pauses both.

The remaining time comes from the wall clock (a :class:`QElapsedTimer`), not from counting
ticks, so a busy event loop delays the display but never the end.
"""

from __future__ import annotations

import contextlib
import math

from PySide6.QtCore import QElapsedTimer, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

#: Minutes offered as one-click presets.
PRESET_MINUTES: tuple[int, ...] = (5, 10, 15)
#: Longest countdown the minutes box accepts.
MAX_MINUTES = 240
#: How often the display is refreshed while running (ms); the end is exact regardless.
TICK_MS = 200
#: Flash period of the finished display (ms) and how many times it flips.
FLASH_MS = 450
FLASH_FLIPS = 20

#: Digit size of the full timer's display (px); the compact one uses 30.
DOCK_DISPLAY_PX = 40
#: Display colours: running/idle (the theme's text and field colours), finished (red) and
#: the finished display's "off" flash.
DISPLAY_COLOR = "palette(text)"
DISPLAY_BACKGROUND = "palette(base)"
FINISHED_COLOR = "#FFFFFF"
FINISHED_BACKGROUND = "#B91C1C"
FLASH_BACKGROUND = "#FCA5A5"


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" instead of forcing its width."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        """Only as wide as "…": the label gives way to its neighbours."""
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("…") + 4, hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the text elided to the label's width."""
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        self.style().drawItemText(
            painter,
            rect,
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            text,
            self.foregroundRole(),
        )


def format_clock(seconds: int) -> str:
    """``mm:ss`` (minutes may exceed 59: a 90-minute block reads 90:00)."""
    seconds = max(0, int(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class Countdown(QObject):
    """A pausable countdown driven by the wall clock.

    ``tick`` carries the whole seconds left whenever that number changes (and on start,
    pause, reset); ``finished`` fires once when the time is up; ``stateChanged`` after
    start, pause, reset or a new duration.
    """

    tick = Signal(int)
    finished = Signal()
    stateChanged = Signal()

    def __init__(self, seconds: float = 5 * 60, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._duration_ms = 0
        self._left_ms = 0
        self._running = False
        self._started = False
        self._done = False
        self._last_shown = -1
        self._title = ""
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timeout)
        self.set_seconds(seconds)

    # -- queries -------------------------------------------------------------------------
    def duration_seconds(self) -> float:
        """The length of the countdown, in seconds."""
        return self._duration_ms / 1000

    def milliseconds_left(self) -> int:
        """Time left right now, in milliseconds."""
        if not self._running:
            return self._left_ms
        return max(0, self._left_ms - self._clock.elapsed())

    def seconds_left(self) -> int:
        """Whole seconds left, rounded up (shows 00:01 until the very end)."""
        return math.ceil(self.milliseconds_left() / 1000)

    def is_running(self) -> bool:
        """True while counting down."""
        return self._running

    def is_finished(self) -> bool:
        """True once the time is up (until reset or a new duration)."""
        return self._done

    def is_paused(self) -> bool:
        """True when started, not running and not finished (Start would resume)."""
        return self._started and not self._running and not self._done

    def title(self) -> str:
        """What is being timed (e.g. an agenda item), or ""."""
        return self._title

    def set_title(self, title: str) -> None:
        """Name what is being timed (shown next to the time)."""
        if title != self._title:
            self._title = title
            self.stateChanged.emit()

    # -- commands ------------------------------------------------------------------------
    def set_seconds(self, seconds: float) -> None:
        """Stop and set a new duration of ``seconds``."""
        self._stop_clock()
        self._duration_ms = max(0, round(float(seconds) * 1000))
        self._reset_state()

    def set_minutes(self, minutes: float) -> None:
        """Stop and set a new duration of ``minutes``."""
        self.set_seconds(float(minutes) * 60)

    def start(self) -> None:
        """Start or resume (from the full duration when the time was up)."""
        if self._running or self._duration_ms <= 0:
            return
        if self._done:
            self._reset_state(notify=False)
        self._running = True
        self._started = True
        self._clock.start()
        self._timer.start()
        self._emit_tick(force=True)
        self.stateChanged.emit()

    def pause(self) -> None:
        """Hold the countdown where it is."""
        if not self._running:
            return
        self._left_ms = self.milliseconds_left()
        self._stop_clock()
        self._emit_tick(force=True)
        self.stateChanged.emit()

    def reset(self) -> None:
        """Stop and go back to the full duration."""
        self._stop_clock()
        self._reset_state()

    # -- internals -----------------------------------------------------------------------
    def _reset_state(self, notify: bool = True) -> None:
        self._left_ms = self._duration_ms
        self._started = False
        self._done = False
        self._emit_tick(force=True)
        if notify:
            self.stateChanged.emit()

    def _stop_clock(self) -> None:
        self._running = False
        self._timer.stop()

    def _on_timeout(self) -> None:
        left = self.milliseconds_left()
        if left > 0:
            self._emit_tick()
            # Wake up right at the next whole second (or the end) rather than drifting.
            self._timer.setInterval(max(10, min(TICK_MS, left % 1000 or 1000)))
            return
        self._left_ms = 0
        self._stop_clock()
        self._timer.setInterval(TICK_MS)
        self._done = True
        self._emit_tick(force=True)
        QApplication.beep()
        self.stateChanged.emit()
        self.finished.emit()

    def _emit_tick(self, force: bool = False) -> None:
        shown = self.seconds_left()
        if force or shown != self._last_shown:
            self._last_shown = shown
            self.tick.emit(shown)


class ExerciseTimer(QWidget):
    """A big ``mm:ss`` countdown with minutes, presets, Start/Pause and Reset.

    ``compact`` shows only the display and the Start/Pause and Reset buttons, in one row
    (for presentation mode). Pass ``countdown`` to show a countdown another timer shows.
    When the time is up the display turns red and flashes, and the computer beeps where it
    can.
    """

    #: The time is up.
    finished = Signal()
    #: Whole seconds left, each time that number changes.
    tick = Signal(int)

    def __init__(
        self,
        countdown: Countdown | None = None,
        *,
        compact: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exerciseTimer")
        self.compact = compact
        self._owns_countdown = countdown is None
        self.countdown = countdown if countdown is not None else Countdown(parent=self)
        self._flips_left = 0
        self._flash_on = False
        self._flash = QTimer(self)
        self._flash.setInterval(FLASH_MS)
        self._flash.timeout.connect(self._flip)

        self.display = QLabel(format_clock(self.countdown.seconds_left()))
        self.display.setObjectName("timerDisplay")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setAccessibleName("Time left")
        self.caption: QLabel = ElidedLabel() if compact else QLabel()
        self.caption.setObjectName("timerCaption")
        self.caption.setWordWrap(not compact)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setStyleSheet(f"font-size: {22 if compact else 16}px; font-weight: 600;")
        self.start_button = QPushButton("Start")
        self.start_button.setObjectName("timerStart")
        self.reset_button = QPushButton("Reset")
        self.reset_button.setObjectName("timerReset")
        self.minutes_box = QSpinBox()
        self.minutes_box.setRange(1, MAX_MINUTES)
        self.minutes_box.setSuffix(" min")
        self.minutes_box.setAccessibleName("Minutes")
        self.minutes_box.setValue(max(1, round(self.countdown.duration_seconds() / 60)))
        self.preset_buttons = {m: QPushButton(f"{m} min") for m in PRESET_MINUTES}
        self._build_layout()

        self.start_button.clicked.connect(self._start_or_pause)
        self.reset_button.clicked.connect(self.reset)
        self.minutes_box.valueChanged.connect(self._minutes_chosen)
        for minutes, button in self.preset_buttons.items():
            button.clicked.connect(lambda _checked=False, m=minutes: self._preset_chosen(m))
        self.countdown.tick.connect(self._show_time)
        self.countdown.tick.connect(self.tick)
        self.countdown.stateChanged.connect(self._show_state)
        self.countdown.finished.connect(self._on_finished)
        self._show_state()

    def _build_layout(self) -> None:
        size = 30 if self.compact else DOCK_DISPLAY_PX
        self.display.setStyleSheet(_display_style(size, DISPLAY_COLOR, DISPLAY_BACKGROUND))
        for button in (self.start_button, self.reset_button):
            button.setMinimumHeight(36)
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.start_button.setMinimumWidth(96)
        if self.compact:
            layout = QHBoxLayout(self)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(8)
            self.display.setMinimumWidth(132)
            layout.addWidget(self.caption, 1)
            layout.addWidget(self.display)
            layout.addWidget(self.start_button)
            layout.addWidget(self.reset_button)
            self.minutes_box.hide()
            for button in self.preset_buttons.values():
                button.hide()
            return
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.caption)
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.display, 1)
        buttons = QVBoxLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.reset_button)
        top.addLayout(buttons)
        layout.addLayout(top)
        # Presets on one row, the minutes box under them: both fit the narrowest dock.
        presets = QGridLayout()
        presets.setHorizontalSpacing(6)
        presets.setVerticalSpacing(6)
        for column, button in enumerate(self.preset_buttons.values()):
            button.setMinimumHeight(32)
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            presets.addWidget(button, 0, column)
        presets.addWidget(self.minutes_box, 1, 0, 1, len(self.preset_buttons))
        layout.addLayout(presets)

    # -- public API ----------------------------------------------------------------------
    def set_minutes(self, minutes: float) -> None:
        """Stop and set the countdown to ``minutes`` (fractions allowed)."""
        self.countdown.set_minutes(minutes)
        self._sync_minutes_box()

    def set_title(self, title: str) -> None:
        """Name what is being timed (shown above or beside the time; "" for nothing)."""
        self.countdown.set_title(title)

    def set_seconds(self, seconds: float) -> None:
        """Stop and set the countdown to ``seconds`` (short exercises, tests)."""
        self.countdown.set_seconds(seconds)
        self._sync_minutes_box()

    def start(self) -> None:
        """Start or resume the countdown."""
        self.countdown.start()

    def pause(self) -> None:
        """Pause the countdown."""
        self.countdown.pause()

    def reset(self) -> None:
        """Stop and go back to the full duration."""
        self.countdown.reset()

    def seconds_left(self) -> int:
        """Whole seconds left."""
        return self.countdown.seconds_left()

    def is_running(self) -> bool:
        """True while counting down."""
        return self.countdown.is_running()

    def is_finished(self) -> bool:
        """True once the time is up (until reset or started again)."""
        return self.countdown.is_finished()

    def shown_text(self) -> str:
        """What the display reads."""
        return self.display.text()

    def dispose(self) -> None:
        """Stop the flashing, and the clock if this timer owns it (before the widget goes)."""
        self._flash.stop()
        if self._owns_countdown:
            self.countdown.pause()
        for signal, slot in (
            (self.countdown.tick, self._show_time),
            (self.countdown.tick, self.tick),
            (self.countdown.stateChanged, self._show_state),
            (self.countdown.finished, self._on_finished),
        ):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)

    # -- internals -----------------------------------------------------------------------
    def _start_or_pause(self) -> None:
        if self.countdown.is_running():
            self.countdown.pause()
        else:
            self.countdown.start()

    def _minutes_chosen(self, minutes: int) -> None:
        if round(self.countdown.duration_seconds()) != minutes * 60:
            self.countdown.set_title("")
            self.countdown.set_minutes(minutes)

    def _preset_chosen(self, minutes: int) -> None:
        self.countdown.set_title("")
        self.set_minutes(minutes)

    def _sync_minutes_box(self) -> None:
        self.minutes_box.blockSignals(True)
        self.minutes_box.setValue(max(1, round(self.countdown.duration_seconds() / 60)))
        self.minutes_box.blockSignals(False)

    def _show_time(self, seconds: int) -> None:
        self.display.setText(format_clock(seconds))

    def _show_state(self) -> None:
        running = self.countdown.is_running()
        paused = self.countdown.is_paused()
        self.start_button.setText("Pause" if running else ("Resume" if paused else "Start"))
        self.start_button.setEnabled(self.countdown.duration_seconds() > 0)
        self._show_time(self.countdown.seconds_left())
        title = self.countdown.title()
        self.caption.setText(title)
        self.caption.setVisible(bool(title))
        if not self.countdown.is_finished():
            self._flash.stop()
            self._paint_display(finished=False)
        elif not self._flash.isActive():
            self._paint_display(finished=True)

    def _on_finished(self) -> None:
        self._flips_left = FLASH_FLIPS
        self._flash_on = True
        self._paint_display(finished=True)
        self._flash.start()
        self.finished.emit()

    def _flip(self) -> None:
        self._flips_left -= 1
        self._flash_on = not self._flash_on if self._flips_left > 0 else True
        self._paint_display(finished=True, dim=not self._flash_on)
        if self._flips_left <= 0:
            self._flash.stop()

    def _paint_display(self, *, finished: bool, dim: bool = False) -> None:
        size = 30 if self.compact else DOCK_DISPLAY_PX
        if not finished:
            style = _display_style(size, DISPLAY_COLOR, DISPLAY_BACKGROUND)
        else:
            background = FLASH_BACKGROUND if dim else FINISHED_BACKGROUND
            style = _display_style(size, FINISHED_COLOR, background)
        self.display.setProperty("finished", finished)
        self.display.setStyleSheet(style)

    def display_is_red(self) -> bool:
        """True while the display shows the time is up."""
        return bool(self.display.property("finished"))


def _display_style(size: int, colour: str, background: str) -> str:
    return (
        f"QLabel#timerDisplay {{ font-size: {size}px; font-weight: 700; color: {colour};"
        f" background: {background}; border: 2px solid palette(text); border-radius: 8px;"
        " padding: 2px 12px; font-family: 'DejaVu Sans Mono', 'Consolas', 'Menlo', monospace; }"
    )
