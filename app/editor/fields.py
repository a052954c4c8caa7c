"""Typed field widgets for the inspector: one editor per :class:`~model.kinds.PropSpec` type.

Every field shows a value loaded from the model, lets the user change it, and emits
:attr:`Field.committed` when the user is done (Enter or focus-out for text and numbers, at
once for check boxes, combo boxes and check lists). :meth:`Field.read` turns what the user
entered into a value for the model, raising :class:`~model.validation.InvalidValue` or
:class:`InputRefused` with a message for the user when it cannot; the field then shows
that message in red directly under itself and keeps the user's text so it can be fixed.

Fields never change the session themselves: the inspector builds the edit and pushes it.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QValidator,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from model.appearance import REFUSED_COLOR
from model.kinds import PropSpec
from model.validation import InvalidValue, check_prop, check_text, text_limit
from model.vocabulary import humanize

#: Colour of refusal messages and of the border of a refused field.
ERROR_COLOR = REFUSED_COLOR
#: Text of the combo-box entry that means "not set".
UNSET_TEXT = "—"
#: Dynamic property set to True on an editor whose input was refused.
INVALID_PROPERTY = "invalid"
#: Width and corner radius of the red border around a refused editor (pixels).
_OUTLINE_WIDTH = 2
_OUTLINE_RADIUS = 4


class InputRefused(ValueError):
    """What the user entered cannot be stored; the message says why."""


# -- numbers -------------------------------------------------------------------------------


def format_number(value: Any) -> str:
    """The text a number field shows for ``value`` ("" for None, no trailing ".0")."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def expected_text(spec: PropSpec) -> str:
    """What a valid entry of ``spec`` looks like, without the model's "or null"."""
    return replace(spec, nullable=False).describe_expected()


def parse_number(text: str, spec: PropSpec, where: str) -> int | float | None:
    """The number typed as ``text`` for a number/integer ``spec``; None when empty.

    Raises :class:`InvalidValue` naming ``where`` and the user's own text when the text is
    not a number, not whole where a whole number is wanted, or outside the spec's bounds.
    """
    stripped = text.strip()
    if not stripped:
        return None
    refusal = InvalidValue(where, expected_text(spec), text)
    try:
        number = float(stripped)
    except ValueError:
        raise refusal from None
    if not math.isfinite(number):
        raise refusal
    if number.is_integer():
        value: int | float = int(number)
    elif spec.type == "integer":
        raise refusal
    else:
        value = number
    if spec.minimum is not None and value < spec.minimum:
        raise refusal
    if spec.maximum is not None and value > spec.maximum:
        raise refusal
    return value


class NumberBox(QAbstractSpinBox):
    """A spin box that accepts free typing; the text is checked when it is committed.

    A QSpinBox/QDoubleSpinBox silently swallows keystrokes it cannot use, so a user typing
    "abc" or "-5" would never learn why nothing happens. This box keeps whatever is typed
    (the inspector refuses it with a message on commit), offers Up/Down and PageUp/PageDown
    stepping within the spec's bounds, and can be empty (= not set).
    """

    def __init__(self, spec: PropSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumWidth(120)
        self.setToolTip(f"Type {expected_text(spec)}; leave empty for not set.")

    # -- text ------------------------------------------------------------------------
    def text(self) -> str:
        return self.lineEdit().text()

    def setText(self, text: str) -> None:
        """Show ``text`` (only when it differs, so the cursor stays where it is)."""
        if self.lineEdit().text() != text:
            self.lineEdit().setText(text)

    # -- Qt overrides ----------------------------------------------------------------
    def validate(self, text: str, pos: int) -> QValidator.State:
        return QValidator.State.Acceptable  # every keystroke is kept; checked on commit

    def fixup(self, text: str) -> str:
        return text

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        flags = QAbstractSpinBox.StepEnabledFlag
        value = self._value_or_none()
        if value is None:
            return flags.StepNone if self.text().strip() else flags.StepUpEnabled
        enabled = flags.StepNone
        if self.spec.maximum is None or value < self.spec.maximum:
            enabled |= flags.StepUpEnabled
        if self.spec.minimum is None or value > self.spec.minimum:
            enabled |= flags.StepDownEnabled
        return enabled

    def stepBy(self, steps: int) -> None:
        if not self.text().strip():
            start = self.spec.minimum if self.spec.minimum is not None else 0
            value: float = start
        else:
            current = self._value_or_none()
            if current is None:
                return  # leave text the user still has to fix alone
            value = current + steps
        if self.spec.minimum is not None:
            value = max(value, self.spec.minimum)
        if self.spec.maximum is not None:
            value = min(value, self.spec.maximum)
        self.setText(format_number(value))
        self.lineEdit().selectAll()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # let the inspector scroll instead of changing a value by accident

    def _value_or_none(self) -> float | None:
        try:
            value = float(self.text().strip())
        except ValueError:
            return None
        return value if math.isfinite(value) else None


# -- small editors -------------------------------------------------------------------------


class _Combo(QComboBox):
    """A combo box that only reacts to the wheel when it has focus (the inspector scrolls)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class _Paragraph(QPlainTextEdit):
    """A multi-line text editor a few lines high; Tab moves on, Ctrl+Enter commits."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines = lines
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        height = (
            self.fontMetrics().lineSpacing() * self._lines
            + 2 * int(self.document().documentMargin())
            + margins.top()
            + margins.bottom()
        )
        return QSize(super().sizeHint().width(), height)


class _Outline(QWidget):
    """A thin border around one editor that turns red while the editor's entry is refused.

    The editor keeps its native look (a style-sheet border on a spin box would hide its
    arrows); only the border around it changes colour. The border is painted here rather
    than by a style sheet: a style sheet per field made every inspector page slower to
    build (about 0.7 ms a field).
    """

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldOutline")
        self._refused = False
        layout = QVBoxLayout(self)
        margin = _OUTLINE_WIDTH
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.addWidget(editor)
        self.setSizePolicy(editor.sizePolicy())

    def set_refused(self, refused: bool) -> None:
        """Show the red border (``refused``) or none."""
        if refused != self._refused:
            self._refused = refused
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The red border while refused; nothing otherwise."""
        if not self._refused:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(ERROR_COLOR), _OUTLINE_WIDTH)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = _OUTLINE_WIDTH / 2
        rect = QRectF(self.rect()).adjusted(inset, inset, -inset, -inset)
        painter.drawRoundedRect(rect, _OUTLINE_RADIUS, _OUTLINE_RADIUS)
        painter.end()


# -- the field base class ------------------------------------------------------------------


class Field(QWidget):
    """One typed field: an editor with a red refusal message directly under it.

    ``unset_when_empty``: an empty entry means "not set" (read() gives None) — true for
    element props and for nullable workflow/workshop fields.
    """

    #: The user finished an entry (the inspector then reads, checks and pushes it).
    committed = Signal()
    #: True when the field shows its own label (a check box), so the form adds none.
    shows_own_label = False

    def __init__(
        self, spec: PropSpec, *, unset_when_empty: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.unset_when_empty = unset_when_empty
        self._shown: Any = None
        self._error_widget: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        # The red message under the editor, built the first time an entry is refused.
        self._error: QLabel | None = None
        self._editor: QWidget = self

    # -- for subclasses ----------------------------------------------------------------
    def _set_editor(self, editor: QWidget, alignment: Qt.AlignmentFlag | None = None) -> None:
        self._editor = editor
        outline = _Outline(editor)
        if alignment is None:
            self._layout.addWidget(outline)
        else:
            self._layout.addWidget(outline, 0, alignment)
        self.setFocusProxy(editor)

    def _error_label(self) -> QLabel:
        """The label of refusal messages under the editor (built on first use)."""
        if self._error is None:
            label = QLabel(self)
            label.setObjectName("fieldError")
            label.setWordWrap(True)
            # Colour from the theme's stylesheet (QLabel#fieldError), so it reads on dark too.
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._layout.addWidget(label)
            self._error = label
        return self._error

    def _display(self) -> Any:
        """What the editor shows now, comparable with what it showed after load()."""
        raise NotImplementedError

    def _show_value(self, value: Any) -> None:
        """Put a model value into the editor (signals are blocked meanwhile)."""
        raise NotImplementedError

    def read(self) -> Any:
        """The value to store for what the user entered (None: not set).

        Raises :class:`InvalidValue` or :class:`InputRefused` when the entry cannot be stored.
        """
        raise NotImplementedError

    def _emit_committed(self, *_args: Any) -> None:
        self.committed.emit()

    # -- public API ----------------------------------------------------------------------
    @property
    def editor(self) -> QWidget:
        """The widget the user types into or clicks (for focus and tests)."""
        return self._editor

    def load(self, value: Any) -> None:
        """Show ``value`` from the model; the field is then unmodified and without error."""
        blocked = [w for w in self._signal_sources() if not w.signalsBlocked()]
        for widget in blocked:
            widget.blockSignals(True)
        try:
            self._show_value(value)
        finally:
            for widget in blocked:
                widget.blockSignals(False)
        self._shown = self._display()
        self.clear_error()

    def is_modified(self) -> bool:
        """True when the editor no longer shows what was last loaded."""
        return self._display() != self._shown

    def has_focus(self) -> bool:
        """True when the keyboard focus is in this field."""
        focus = QApplication.focusWidget()
        return focus is not None and (focus is self or self.isAncestorOf(focus))

    def holds_user_input(self) -> bool:
        """True when a refresh must leave the field alone (typing, or a refused entry)."""
        return self.has_error() or (self.has_focus() and self.is_modified())

    def show_error(self, message: str, widget: QWidget | None = None) -> None:
        """Show ``message`` under the field and mark ``widget`` (default: the editor) red."""
        self._mark(self._error_widget, False)
        self._error_widget = widget or self._refusal_target()
        self._mark(self._error_widget, True)
        label = self._error_label()
        label.setText(message)
        label.show()

    def clear_error(self) -> None:
        """Remove the refusal message and the red border."""
        self._mark(self._error_widget, False)
        self._error_widget = None
        if self._error is not None:
            self._error.clear()
            self._error.hide()

    def has_error(self) -> bool:
        """True while a refusal message is shown."""
        return self._error_widget is not None

    def error_text(self) -> str:
        """The refusal message shown under the field ("" when none)."""
        return self._error.text() if self._error is not None and self.has_error() else ""

    def _signal_sources(self) -> list[QObject]:
        return [self._editor]

    def _refusal_target(self) -> QWidget:
        """The widget to mark red when the last read() was refused."""
        return self._editor

    @staticmethod
    def _mark(widget: QWidget | None, invalid: bool) -> None:
        if widget is None:
            return
        widget.setProperty(INVALID_PROPERTY, invalid)
        outline = widget.parentWidget()
        if isinstance(outline, _Outline):
            outline.set_refused(invalid)


# -- text ----------------------------------------------------------------------------------


def check_length(text: str, spec: PropSpec) -> str:
    """``text`` when it fits the text limit of ``spec``; raises :class:`InvalidValue` naming
    the field and the limit ("expected a string of at most 200 characters, got 250
    characters") when it does not. The user's text stays in the field to be shortened."""
    return check_text(text, spec.label, text_limit(spec))


def _limit_tip(spec: PropSpec) -> str:
    return f"At most {text_limit(spec)} characters."


class TextField(Field):
    """A single line of text (also used for dates, which are checked on commit).

    Text longer than the spec's limit (:func:`model.validation.text_limit`) is refused on
    commit with a message, not cut off while typing or pasting.
    """

    def __init__(
        self, spec: PropSpec, *, unset_when_empty: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(spec, unset_when_empty=unset_when_empty, parent=parent)
        self.line = QLineEdit()
        if spec.type == "date":
            self.line.setPlaceholderText("YYYY-MM-DD")
        else:
            self.line.setToolTip(_limit_tip(spec))
        self.line.editingFinished.connect(self._emit_committed)
        self._set_editor(self.line)

    def _display(self) -> str:
        return self.line.text()

    def _show_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.line.text() != text:
            self.line.setText(text)
            self.line.setCursorPosition(0)

    def read(self) -> str | None:
        text = self.line.text()
        if self.spec.type == "date":
            text = text.strip()
            check_prop(self.spec, text, self.spec.label)
        else:
            check_length(text, self.spec)
        if not text.strip() and self.unset_when_empty:
            return None
        return text


class _FocusOutCommitter(QObject):
    """Emits a field's commit when its paragraph editor loses focus or gets Ctrl+Enter."""

    def __init__(self, field: Field, editor: QPlainTextEdit) -> None:
        super().__init__(field)
        self._field = field
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            assert isinstance(event, QFocusEvent)
            if event.reason() != Qt.FocusReason.PopupFocusReason:
                self._field._emit_committed()
        elif event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self._field._emit_committed()
                return True
        return False


class MultilineTextField(Field):
    """Several lines of free text; commits on focus-out or Ctrl+Enter."""

    def __init__(
        self, spec: PropSpec, *, unset_when_empty: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(spec, unset_when_empty=unset_when_empty, parent=parent)
        self.paragraph = _Paragraph(3)
        self.paragraph.setToolTip(_limit_tip(spec))
        self._committer = _FocusOutCommitter(self, self.paragraph)
        self._set_editor(self.paragraph)

    def _display(self) -> str:
        return self.paragraph.toPlainText()

    def _show_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.paragraph.toPlainText() != text:
            self.paragraph.setPlainText(text)

    def read(self) -> str | None:
        text = self.paragraph.toPlainText()
        check_length(text, self.spec)
        if not text.strip() and self.unset_when_empty:
            return None
        return text


class TextListField(Field):
    """A list of strings edited one item per line; empty lines are dropped."""

    def __init__(
        self, spec: PropSpec, *, unset_when_empty: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(spec, unset_when_empty=unset_when_empty, parent=parent)
        self.paragraph = _Paragraph(4)
        self.paragraph.setPlaceholderText("One per line")
        self.paragraph.setToolTip(f"One per line; each at most {text_limit(spec)} characters.")
        self.paragraph.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._committer = _FocusOutCommitter(self, self.paragraph)
        self._set_editor(self.paragraph)

    def _display(self) -> str:
        return self.paragraph.toPlainText()

    def _show_value(self, value: Any) -> None:
        text = "\n".join(value or [])
        if self.paragraph.toPlainText() != text:
            self.paragraph.setPlainText(text)

    def read(self) -> list[str] | None:
        lines = [line.strip() for line in self.paragraph.toPlainText().splitlines()]
        for number, line in enumerate(lines, 1):
            check_text(line, f"{self.spec.label} (line {number})", text_limit(self.spec))
        items = [item for item in lines if item]
        if not items and self.unset_when_empty:
            return None
        return items


# -- bool, number, enum --------------------------------------------------------------------


class BoolField(Field):
    """A check box labelled with the prop's label; commits on every toggle."""

    shows_own_label = True

    def __init__(
        self, spec: PropSpec, *, unset_when_empty: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(spec, unset_when_empty=unset_when_empty, parent=parent)
        self.check = QCheckBox(spec.label)
        self.check.toggled.connect(self._emit_committed)
        self._set_editor(self.check, Qt.AlignmentFlag.AlignLeft)

    def _display(self) -> bool:
        return self.check.isChecked()

    def _show_value(self, value: Any) -> None:
        self.check.setChecked(bool(value))

    def read(self) -> bool:
        return self.check.isChecked()


class NumberField(Field):
    """A number or whole number in the spec's bounds; empty means not set."""

    def __init__(
        self, spec: PropSpec, *, unset_when_empty: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(spec, unset_when_empty=unset_when_empty, parent=parent)
        self.box = NumberBox(spec)
        self.box.editingFinished.connect(self._emit_committed)
        self._set_editor(self.box, Qt.AlignmentFlag.AlignLeft)

    def _display(self) -> str:
        return self.box.text()

    def _show_value(self, value: Any) -> None:
        self.box.setText(format_number(value))

    def read(self) -> int | float | None:
        value = parse_number(self.box.text(), self.spec, self.spec.label)
        if value is None and not self.unset_when_empty:
            raise InputRefused(
                f"{self.spec.label}: expected {expected_text(self.spec)}; it cannot be empty"
            )
        return value


class EnumField(Field):
    """A combo box of the spec's choices (humanized, raw value as item data).

    When empty means "not set" the first entry is "—" (item data None).
    """

    def __init__(
        self,
        spec: PropSpec,
        *,
        unset_when_empty: bool,
        display: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(spec, unset_when_empty=unset_when_empty, parent=parent)
        self.combo = _Combo()
        if unset_when_empty:
            self.combo.addItem(UNSET_TEXT, None)
        for choice in spec.choices:
            self.combo.addItem((display or {}).get(choice, humanize(choice)), choice)
        self.combo.currentIndexChanged.connect(self._emit_committed)
        self._set_editor(self.combo)

    def _display(self) -> Any:
        return self.combo.currentData()

    def _show_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else -1
        if index < 0 and value is not None:
            self.combo.addItem(str(value), value)  # an unexpected value is shown, not hidden
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))

    def read(self) -> str | None:
        return self.combo.currentData()


class EnumListField(Field):
    """A check list of the spec's choices; commits on every check or uncheck."""

    def __init__(
        self, spec: PropSpec, *, unset_when_empty: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(spec, unset_when_empty=unset_when_empty, parent=parent)
        self.list = QListWidget()
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for choice in spec.choices:
            item = QListWidgetItem(humanize(choice))
            item.setData(Qt.ItemDataRole.UserRole, choice)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(self._emit_committed)
        self._set_editor(self.list)

    def item(self, choice: str) -> QListWidgetItem:
        """The list item of ``choice``."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == choice:
                return item
        raise KeyError(choice)

    def _checked(self) -> list[str]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _display(self) -> tuple[str, ...]:
        return tuple(self._checked())

    def _show_value(self, value: Any) -> None:
        chosen = set(value or [])
        for row in range(self.list.count()):
            item = self.list.item(row)
            state = (
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in chosen
                else Qt.CheckState.Unchecked
            )
            if item.checkState() != state:
                item.setCheckState(state)

    def read(self) -> list[str] | None:
        checked = self._checked()
        if not checked and self.unset_when_empty:
            return None
        return checked


class ScoresField(Field):
    """One small 1–5 box per dimension (data quality); an empty box leaves it unset."""

    def __init__(
        self, spec: PropSpec, *, unset_when_empty: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(spec, unset_when_empty=unset_when_empty, parent=parent)
        self.boxes: dict[str, NumberBox] = {}
        self._refused_box: NumberBox | None = None
        self._score_spec = PropSpec(spec.name, "integer", spec.label, minimum=1, maximum=5)
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        for row, dimension in enumerate(spec.choices):
            label = QLabel(humanize(dimension))
            box = NumberBox(self._score_spec)
            box.setMinimumWidth(90)
            box.setToolTip("A score from 1 (poor) to 5 (excellent); leave empty for not rated.")
            label.setBuddy(box)
            box.editingFinished.connect(self._emit_committed)
            grid.addWidget(label, row, 0)
            grid.addWidget(_Outline(box), row, 1)
            self.boxes[dimension] = box
        grid.setColumnStretch(2, 1)
        self._set_editor(grid_widget)
        self.setFocusProxy(next(iter(self.boxes.values()), None))

    def _signal_sources(self) -> list[QObject]:
        return list(self.boxes.values())

    def _refusal_target(self) -> QWidget:
        return self._refused_box or self._editor

    def _display(self) -> tuple[str, ...]:
        return tuple(box.text() for box in self.boxes.values())

    def _show_value(self, value: Any) -> None:
        scores = value if isinstance(value, dict) else {}
        for dimension, box in self.boxes.items():
            box.setText(format_number(scores.get(dimension)))

    def read(self) -> dict[str, int] | None:
        scores: dict[str, int] = {}
        for dimension, box in self.boxes.items():
            where = f"{self.spec.label} – {humanize(dimension)}"
            self._refused_box = box
            value = parse_number(box.text(), self._score_spec, where)
            if value is not None:
                scores[dimension] = int(value)
        self._refused_box = None
        if not scores and self.unset_when_empty:
            return None
        return scores


_FIELD_TYPES: dict[str, type[Field]] = {
    "text": TextField,
    "date": TextField,
    "bool": BoolField,
    "number": NumberField,
    "integer": NumberField,
    "enum": EnumField,
    "enum_list": EnumListField,
    "text_list": TextListField,
    "scores": ScoresField,
}


def make_field(spec: PropSpec, *, unset_when_empty: bool) -> Field:
    """The right field widget for ``spec`` (multi-line text when ``spec.multiline``)."""
    if spec.type == "text" and spec.multiline:
        return MultilineTextField(spec, unset_when_empty=unset_when_empty)
    return _FIELD_TYPES[spec.type](spec, unset_when_empty=unset_when_empty)
