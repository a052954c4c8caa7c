"""The maturity self-assessment: a guided dialog, one page per component of the seven.

The room answers 2–3 questions per component on the 0–4 scale; the summary shows where
that puts the organisation on the four-stage path and which questions stay open for
leadership (they feed the PDF's next steps). Finish first shows that summary, then stores
the answers and the stage as one undoable edit; Cancel stores nothing. Tab moves from
question to question (Shift+Tab back), digits answer.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.editor.undo import UndoBridge
from app.operations import EditOp, RefusalNotice, refusal_label
from model.appearance import KIND_STYLES, SELECTION_COLOR
from model.assessment import (
    ANSWER_SCALE,
    QUESTIONS,
    QUESTIONS_BY_KEY,
    Question,
    component_name,
    maturity_stage,
    open_questions,
    questions_of,
    stage_name,
)
from model.edits import edit_workshop
from model.vocabulary import COMPONENTS, MATURITY_STAGES, Component

#: Colours of the answer tiles and the stage path (the AI-step colours of the palette).
_ACCENT = KIND_STYLES["ai_step"].accent
_ACCENT_LIGHT = KIND_STYLES["ai_step"].fill
_NEUTRAL = KIND_STYLES["step"].fill
_OUTLINE = KIND_STYLES["step"].accent
_TEXT = KIND_STYLES["step"].text
_WHITE = "#FFFFFF"

_DIGIT_KEYS = {
    Qt.Key.Key_0: 0,
    Qt.Key.Key_1: 1,
    Qt.Key.Key_2: 2,
    Qt.Key.Key_3: 3,
    Qt.Key.Key_4: 4,
}
NOT_ANSWERED = "Not answered"
#: Said when the file refused the answers (read-only, disk full).
NOT_SAVED = "The answers could not be saved; the session is unchanged."
#: Tile geometry: outer margin, text inset, height of the digit band, meaning text size.
_TILE_MARGIN = 3
_TEXT_MARGIN = 8
_DIGIT_BAND = 42
_MEANING_PX = 14


def _font(pixels: int, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _label(text: str, pixels: int, *, bold: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setFont(_font(pixels, bold=bold))
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class AnswerTile(QRadioButton):
    """One answer (0–4) of a question, drawn as a large tile: the digit over its meaning."""

    def __init__(self, value: int, meaning: str, parent: QWidget | None = None) -> None:
        super().__init__(f"{value} – {meaning}", parent)
        self.value = value
        self.meaning = meaning
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setToolTip(f"{value}: {meaning} (key {value})")

    def sizeHint(self) -> QSize:
        """Large enough to read from the back of the room."""
        return QSize(170, self.heightForWidth(170))

    def minimumSizeHint(self) -> QSize:
        """Narrow tiles grow taller through :meth:`heightForWidth`, so the meaning is never cut."""
        return QSize(120, self.heightForWidth(200))

    def hasHeightForWidth(self) -> bool:
        """The wrapped meaning needs more lines on a narrow tile."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Digit band, the wrapped meaning and a margin."""
        text_width = max(width - 2 * (_TILE_MARGIN + _TEXT_MARGIN), 40)
        flags = int(Qt.AlignmentFlag.AlignHCenter) | int(Qt.TextFlag.TextWordWrap)
        metrics = QFontMetrics(_font(_MEANING_PX))
        text = metrics.boundingRect(QRect(0, 0, text_width, 1000), flags, self.meaning)
        return _DIGIT_BAND + text.height() + 2 * _TILE_MARGIN + 12

    def hitButton(self, pos: QPoint) -> bool:
        """The whole tile is clickable, not only an indicator."""
        return self.rect().contains(pos)

    def paintEvent(self, event: QPaintEvent) -> None:
        """A rounded tile: filled when chosen, tinted on hover, amber ring when focused."""
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        m = _TILE_MARGIN
        box = QRectF(self.rect()).adjusted(m, m, -m, -m)
        if self.isChecked():
            fill, outline, text = _ACCENT, _ACCENT, _WHITE
        elif self.underMouse():
            fill, outline, text = _ACCENT_LIGHT, _ACCENT, _TEXT
        else:
            fill, outline, text = _WHITE, _OUTLINE, _TEXT
        painter.setBrush(QColor(fill))
        painter.setPen(QPen(QColor(outline), 1.5))
        painter.drawRoundedRect(box, 8, 8)
        if self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(SELECTION_COLOR), 3))
            painter.drawRoundedRect(box.adjusted(1.5, 1.5, -1.5, -1.5), 7, 7)
        painter.setPen(QColor(text))
        painter.setFont(_font(26, bold=True))
        digit_box = QRectF(box.left(), box.top() + 6, box.width(), _DIGIT_BAND - 8)
        painter.drawText(digit_box, Qt.AlignmentFlag.AlignCenter, str(self.value))
        painter.setFont(_font(_MEANING_PX))
        meaning_box = QRectF(
            box.left() + _TEXT_MARGIN,
            box.top() + _DIGIT_BAND,
            box.width() - 2 * _TEXT_MARGIN,
            box.height() - _DIGIT_BAND,
        )
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        painter.drawText(meaning_box, int(flags) | int(Qt.TextFlag.TextWordWrap), self.meaning)
        painter.end()


class QuestionCard(QFrame):
    """One question with its five answer tiles; it may stay unanswered.

    Digits 0–4 answer the question while it (or one of its tiles) has focus; Delete or
    Backspace clears the answer.
    """

    #: The answer changed: (question key, answer 0–4 or None).
    changed = Signal(str, object)
    #: The question was answered from the keyboard (the dialog moves on to the next one).
    keyboardAnswered = Signal()

    def __init__(self, number: int, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName("questionCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text = _label(f"{number}. {question.text}", 17, bold=True)
        self.status = _label(NOT_ANSWERED, 14, wrap=False)
        self.clear_button = QPushButton("Clear answer")
        self.clear_button.setFont(_font(14))
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self._clear_clicked)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.tiles: list[AnswerTile] = []
        tiles_row = QHBoxLayout()
        tiles_row.setSpacing(8)
        for value, meaning in enumerate(ANSWER_SCALE):
            tile = AnswerTile(value, meaning, self)
            self.group.addButton(tile, value)
            self.tiles.append(tile)
            tiles_row.addWidget(tile)
        self.group.idClicked.connect(self._tile_clicked)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        status_row.addStretch(1)
        status_row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 8)
        layout.setSpacing(6)
        layout.addWidget(self.text)
        layout.addLayout(tiles_row)
        layout.addLayout(status_row)
        self._show_status()

    def value(self) -> int | None:
        """The answer 0–4, or None when the question is not answered."""
        value = self.group.checkedId()
        return None if value < 0 else value

    def set_value(self, value: int | None) -> None:
        """Show ``value`` (None: not answered) without emitting :attr:`changed`."""
        if value is None:
            checked = self.group.checkedButton()
            if checked is not None:
                self.group.setExclusive(False)
                checked.setChecked(False)
                self.group.setExclusive(True)
        else:
            self.tiles[value].setChecked(True)
        self._show_status()
        for tile in self.tiles:
            tile.update()

    def focus_answer(self) -> None:
        """Give keyboard focus to the chosen tile (or the first one)."""
        checked = self.group.checkedButton()
        (checked or self.tiles[0]).setFocus(Qt.FocusReason.TabFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Digits 0–4 answer; Delete/Backspace clears; other keys go to the dialog."""
        key = Qt.Key(event.key())
        if key in _DIGIT_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self._answer(_DIGIT_KEYS[key])
            self.keyboardAnswered.emit()
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._clear_clicked()
            return
        super().keyPressEvent(event)

    def _answer(self, value: int) -> None:
        if value != self.value():
            self.set_value(value)
            self.changed.emit(self.question.key, value)

    def _tile_clicked(self, value: int) -> None:
        self._show_status()
        self.changed.emit(self.question.key, value)

    def _clear_clicked(self) -> None:
        if self.value() is None:
            return
        self.set_value(None)
        self.changed.emit(self.question.key, None)

    def _show_status(self) -> None:
        value = self.value()
        if value is None:
            self.status.setText(f"{NOT_ANSWERED} – click a tile or press 0–4")
        else:
            self.status.setText(f"Answer: {value} – {ANSWER_SCALE[value]}")
        self.clear_button.setEnabled(value is not None)


def _scrolling(content: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    return scroll


class IntroPage(QWidget):
    """What the assessment is and what the answers 0–4 mean."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(_label("Maturity self-assessment", 26, bold=True))
        layout.addWidget(
            _label(
                f"Answer {len(QUESTIONS)} short questions together, two or three for each of "
                f"the {len(COMPONENTS)} components of an AI operating model. The answers "
                "place the organisation on the four-stage maturity path, and every question "
                "answered 0 or 1 (or left open) becomes an open question for leadership in "
                "the blueprint's next steps.",
                17,
            )
        )
        layout.addWidget(_label("How to answer", 19, bold=True))
        for value, meaning in enumerate(ANSWER_SCALE):
            layout.addWidget(_label(f"{value}   {meaning}", 17))
        layout.addWidget(
            _label(
                "A question may stay unanswered. With a question focused, the keys 0–4 answer "
                "it and Delete clears it; Enter goes to the next page.",
                15,
            )
        )
        layout.addStretch(1)


class ComponentPage(QWidget):
    """The questions of one component."""

    def __init__(self, number: int, component: Component, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.component = component
        self.cards = [QuestionCard(i, q) for i, q in enumerate(questions_of(component.id), start=1)]
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(10)
        self.heading = _label(f"{number}. {component.name}", 26, bold=True)
        self.captures = _label(f"Captures {component.captures}.", 16)
        column.addWidget(self.heading)
        column.addWidget(self.captures)
        for card in self.cards:
            column.addWidget(card)
        column.addStretch(1)
        self.scroll = _scrolling(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

    def ensure_visible(self, card: QuestionCard) -> None:
        """Scroll so that ``card`` is in view."""
        self.scroll.ensureWidgetVisible(card, 0, 20)


class StagePath(QWidget):
    """The four stages of the maturity path in a row, the current one highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current: int | None = None
        self.boxes: list[QLabel] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for index in range(len(MATURITY_STAGES)):
            if index:
                arrow = _label("→", 24, bold=True, wrap=False)
                arrow.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
                row.addWidget(arrow)
            box = _label(f"Stage {index + 1}\n{stage_name(index + 1)}", 16, bold=True)
            box.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.setMinimumHeight(84)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self.boxes.append(box)
            row.addWidget(box, 1)
        self.set_stage(None)

    def set_stage(self, stage: int | None) -> None:
        """Highlight ``stage`` 1–4 (None: nothing highlighted)."""
        self.current = stage
        for index, box in enumerate(self.boxes, start=1):
            if index == stage:
                fill, border, text = _ACCENT, _ACCENT, _WHITE
            else:
                fill, border, text = _NEUTRAL, _OUTLINE, _TEXT
            box.setStyleSheet(
                f"QLabel {{ background: {fill}; color: {text}; border: 2px solid {border};"
                " border-radius: 8px; padding: 8px; }"
            )


class SummaryPage(QWidget):
    """The stage on the four-stage path and the questions still open for leadership."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = _label("", 26, bold=True)
        self.basis = _label("", 16)
        self.path = StagePath()
        self.open_heading = _label("", 19, bold=True)
        self.open_labels: list[QLabel] = []
        self._open_list = QWidget()
        self._open_layout = QVBoxLayout(self._open_list)
        self._open_layout.setContentsMargins(0, 0, 8, 0)
        self._open_layout.setSpacing(4)
        self._open_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.path)
        layout.addWidget(self.basis)
        layout.addWidget(self.open_heading)
        layout.addWidget(_scrolling(self._open_list), 1)

    def show_answers(self, answers: Mapping[str, int]) -> None:
        """Show the stage and the open questions of ``answers``."""
        stage = maturity_stage(answers)
        self.path.set_stage(stage)
        answered = [answers[q.key] for q in QUESTIONS if q.key in answers]
        if stage is None:
            self.heading.setText("Not assessed yet")
            self.basis.setText("Answer at least one question to place the organisation.")
        else:
            self.heading.setText(f"Stage {stage} of 4: {stage_name(stage)}")
            mean = sum(answered) / len(answered)
            self.basis.setText(
                f"Mean answer {mean:.1f} of 4, from {len(answered)} of {len(QUESTIONS)} "
                "questions answered."
            )
        questions = open_questions(answers)
        self.open_heading.setText(
            f"Open questions for leadership ({len(questions)}) – they feed the next steps"
            if questions
            else "No open questions: every question is answered 2 or higher."
        )
        self._show_open(questions)

    def shown_open_questions(self) -> list[str]:
        """The open questions on the page, in order (for tests and the presenter)."""
        return [label.property("openQuestion") for label in self.open_labels]

    def _show_open(self, questions: list[Question]) -> None:
        while self._open_layout.count() > 1:
            item = self._open_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.open_labels = []
        position = 0
        for component in COMPONENTS:
            group = [q for q in questions if q.component == component.id]
            if not group:
                continue
            header = _label(component_name(component.id), 16, bold=True)
            header.setContentsMargins(0, 6, 0, 0)
            self._open_layout.insertWidget(position, header)
            position += 1
            for question in group:
                label = _label(f"•  {question.open_question}", 16)
                label.setContentsMargins(12, 0, 0, 0)
                label.setProperty("openQuestion", question.open_question)
                self.open_labels.append(label)
                self._open_layout.insertWidget(position, label)
                position += 1


class AssessmentDialog(QDialog):
    """A guided wizard: intro, one page per component, summary; Finish shows the
    summary (the stage) and there stores one edit. Tab goes from question to question."""

    def __init__(self, bridge: UndoBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.setWindowTitle("Maturity self-assessment")
        self.setFont(_font(15))
        workshop = bridge.document.session.workshop
        self._stored: dict[str, int] = dict(workshop.assessment)
        self.intro = IntroPage()
        self.component_pages = [ComponentPage(i, c) for i, c in enumerate(COMPONENTS, start=1)]
        self.summary = SummaryPage()
        self.cards: list[QuestionCard] = [c for p in self.component_pages for c in p.cards]
        self.pages = QStackedWidget()
        for page in (self.intro, *self.component_pages, self.summary):
            self.pages.addWidget(page)
        for card in self.cards:
            card.set_value(self._stored.get(card.question.key))
            card.changed.connect(self._on_answer_changed)
            card.keyboardAnswered.connect(lambda c=card: self._focus_after(c))

        self.progress = _label("", 16, bold=True, wrap=False)
        self.answered = _label("", 16, wrap=False)
        header = QHBoxLayout()
        header.addWidget(self.progress)
        header.addStretch(1)
        header.addWidget(self.answered)

        self.error = refusal_label(15)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.refusals = RefusalNotice.in_label(self.error)

        self.cancel_button = QPushButton("Cancel")
        self.back_button = QPushButton("Back")
        self.next_button = QPushButton("Next")
        self.finish_button = QPushButton("Finish")
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        for button in (self.cancel_button, self.back_button, self.next_button, self.finish_button):
            button.setFont(_font(16))
            button.setMinimumSize(120, 42)
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # the buttons stay put from page to page
            button.setSizePolicy(policy)
            if button is not self.cancel_button:
                buttons.addWidget(button)
        self.cancel_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.finish_button.clicked.connect(self.finish)
        self.finish_button.setToolTip("Store the answers and the stage in the session")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 16)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._fit_to_screen()
        self.go_to(0)

    def _fit_to_screen(self) -> None:
        """1040 × 800, or less on a small projector (the pages scroll)."""
        screen = (self.parentWidget() or self).screen()
        available = screen.availableGeometry() if screen is not None else None
        width, height = 1040, 800
        if available is not None and available.isValid():
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 60)
        self.resize(max(width, 640), max(height, 480))

    # -- navigation ------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        """Intro, the seven component pages and the summary."""
        return self.pages.count()

    def current_index(self) -> int:
        """The page on screen: 0 intro, 1–7 components, last the summary."""
        return self.pages.currentIndex()

    def go_to(self, index: int) -> None:
        """Show page ``index`` and update the progress line and buttons."""
        index = max(0, min(index, self.page_count - 1))
        if self.pages.widget(index) is self.summary:
            self.summary.show_answers(self.collected_answers())
        self.pages.setCurrentIndex(index)
        components = len(self.component_pages)
        if index == 0:
            self.progress.setText("Introduction")
        elif index <= components:
            self.progress.setText(f"Component {index} of {components}")
        else:
            self.progress.setText("Summary")
        on_summary = index == self.page_count - 1
        self.back_button.setVisible(index > 0)
        self.next_button.setVisible(not on_summary)
        (self.finish_button if on_summary else self.next_button).setDefault(True)
        (self.next_button if on_summary else self.finish_button).setDefault(False)
        self._show_answered_count()
        page = self.pages.currentWidget()
        if isinstance(page, ComponentPage) and page.cards:
            page.cards[0].focus_answer()
        else:
            (self.finish_button if on_summary else self.next_button).setFocus()

    def go_next(self) -> None:
        """The next page."""
        self.go_to(self.current_index() + 1)

    def go_back(self) -> None:
        """The previous page."""
        self.go_to(self.current_index() - 1)

    # -- answers -----------------------------------------------------------------------
    def collected_answers(self) -> dict[str, int]:
        """The answers as they stand (unknown keys of the stored assessment are kept)."""
        answers = {k: v for k, v in self._stored.items() if k not in QUESTIONS_BY_KEY}
        for card in self.cards:
            value = card.value()
            if value is not None:
                answers[card.question.key] = value
        return answers

    def finish(self) -> None:
        """On the summary: store the answers and the stage as one edit (none when nothing
        changed) and close. Anywhere else: show the summary first, so the room sees the
        stage its answers give before they are stored."""
        if self.current_index() != self.page_count - 1:
            self.go_to(self.page_count - 1)
            return
        answers = self.collected_answers()
        if answers != self._stored:
            session = self.bridge.document.session
            done = (
                EditOp(
                    self.bridge,
                    lambda: edit_workshop(
                        session, assessment=answers, maturity_stage=maturity_stage(answers)
                    ),
                    "Maturity self-assessment",
                )
                .on_not_saved(lambda _edit: self._show_error(NOT_SAVED))
                .run(self.refusals)
            )
            if done is None:
                return
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter moves on (Finish on the summary); Esc cancels."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if self.current_index() == self.page_count - 1:
                self.finish()
            else:
                self.go_next()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab goes to the next question's answers (Shift+Tab: the previous one); after
        the page's last question, to Next. Elsewhere Tab moves as usual."""
        page = self.pages.currentWidget()
        focused = QApplication.focusWidget()
        if isinstance(page, ComponentPage) and focused is not None:
            card = None
            for candidate in page.cards:
                if candidate is focused or candidate.isAncestorOf(focused):
                    card = candidate
            if card is not None:
                position = page.cards.index(card) + (1 if next else -1)
                if 0 <= position < len(page.cards):
                    page.cards[position].focus_answer()
                    page.ensure_visible(page.cards[position])
                    return True
                target = self.next_button if next else self.back_button
                if target.isVisible():
                    target.setFocus(Qt.FocusReason.TabFocusReason)
                    return True
        return super().focusNextPrevChild(next)

    def _on_answer_changed(self, _key: str, _value: object) -> None:
        self.error.hide()
        self._show_answered_count()

    def _focus_after(self, card: QuestionCard) -> None:
        page = self.pages.currentWidget()
        if not isinstance(page, ComponentPage) or card not in page.cards:
            return
        position = page.cards.index(card)
        if position + 1 < len(page.cards):
            page.cards[position + 1].focus_answer()
        else:
            self.next_button.setFocus()

    def _show_answered_count(self) -> None:
        answers = self.collected_answers()
        count = sum(1 for q in QUESTIONS if q.key in answers)
        self.answered.setText(f"{count} of {len(QUESTIONS)} questions answered")

    def _show_error(self, message: str) -> None:
        self.refusals.say(message)
