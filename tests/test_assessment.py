"""The maturity self-assessment dialog, driven with real clicks and keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from app.editor.undo import UndoBridge
from app.facilitation.assessment_dialog import AssessmentDialog, ComponentPage
from model.assessment import QUESTIONS, open_questions, questions_of, stage_name
from model.edits import edit_workshop
from model.templates import load_template
from model.vocabulary import COMPONENTS
from storage.document import SessionDocument


@pytest.fixture
def bridge(tmp_path: Path) -> Iterator[UndoBridge]:
    document = SessionDocument.create(tmp_path / "s.opmodel", load_template("sales"))
    yield UndoBridge(document)
    document.close()


def _open(qtbot, bridge: UndoBridge) -> AssessmentDialog:  # type: ignore[no-untyped-def]
    dialog = AssessmentDialog(bridge)
    qtbot.addWidget(dialog)
    dialog.resize(1040, 800)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _click(widget) -> None:  # type: ignore[no-untyped-def]
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def _page(dialog: AssessmentDialog) -> ComponentPage:
    page = dialog.pages.currentWidget()
    assert isinstance(page, ComponentPage)
    return page


def _answer_page(dialog: AssessmentDialog, values: list[int | None]) -> None:
    for card, value in zip(_page(dialog).cards, values, strict=True):
        if value is not None:
            _click(card.tiles[value])


def test_answers_by_clicking_through_every_page(qtbot, bridge: UndoBridge) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, bridge)
    assert dialog.progress.text() == "Introduction"
    history = bridge.document.history_count
    _click(dialog.next_button)
    expected: dict[str, int] = {}
    for number, component in enumerate(COMPONENTS, start=1):
        assert dialog.progress.text() == f"Component {number} of 7"
        page = _page(dialog)
        assert page.heading.text() == f"{number}. {component.name}"
        assert component.captures in page.captures.text()
        questions = questions_of(component.id)
        assert [c.question for c in page.cards] == questions
        values: list[int | None] = [(number + i) % 5 for i in range(len(questions))]
        if number == 7:
            values[-1] = None  # a question may stay unanswered
        _answer_page(dialog, values)
        for question, value in zip(questions, values, strict=True):
            if value is not None:
                expected[question.key] = value
        _click(dialog.next_button)
    assert dialog.progress.text() == "Summary"
    assert not dialog.next_button.isVisible()
    assert dialog.answered.text() == f"{len(QUESTIONS) - 1} of {len(QUESTIONS)} questions answered"
    _click(dialog.finish_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    workshop = bridge.document.session.workshop
    assert workshop.assessment == expected
    assert workshop.maturity_stage == 2  # mean 25 / 14 ≈ 1.8
    assert bridge.document.history_count == history + 1
    assert bridge.stack.undoText() == "Maturity self-assessment"

    bridge.stack.undo()
    assert bridge.document.session.workshop.assessment == {}
    assert bridge.document.session.workshop.maturity_stage is None
    bridge.stack.redo()
    path = bridge.document.path
    bridge.document.close()
    reopened = SessionDocument.open(path)
    try:
        assert reopened.session.workshop.assessment == expected
        assert reopened.session.workshop.maturity_stage == 2
    finally:
        reopened.close()


def test_back_keeps_answers_and_cancel_stores_nothing(qtbot, bridge: UndoBridge) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, bridge)
    history = bridge.document.history_count
    _click(dialog.next_button)
    _answer_page(dialog, [4, 3])
    _click(dialog.next_button)
    assert dialog.progress.text() == "Component 2 of 7"
    _click(dialog.back_button)
    assert dialog.progress.text() == "Component 1 of 7"
    assert [c.value() for c in _page(dialog).cards] == [4, 3]
    assert dialog.answered.text() == "2 of 15 questions answered"
    _click(dialog.back_button)
    assert dialog.progress.text() == "Introduction"
    assert not dialog.back_button.isVisible()
    _click(dialog.cancel_button)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert bridge.document.session.workshop.assessment == {}
    assert bridge.document.history_count == history


def test_prefilled_answers_can_be_changed_and_cleared(qtbot, bridge: UndoBridge) -> None:  # type: ignore[no-untyped-def]
    stored = {"workflow_architecture.q1": 3, "workflow_architecture.q2": 1, "legacy.q9": 2}
    session = bridge.document.session
    bridge.push(edit_workshop(session, assessment=stored, maturity_stage=2))
    dialog = _open(qtbot, bridge)
    assert dialog.answered.text() == "2 of 15 questions answered"
    _click(dialog.next_button)
    first, second = _page(dialog).cards
    assert (first.value(), second.value()) == (3, 1)
    assert "Answer: 3" in first.status.text()
    _click(second.clear_button)
    assert second.value() is None
    assert "Not answered" in second.status.text()
    _click(first.tiles[4])
    _click(dialog.finish_button)  # Finish first shows the stage the answers give
    assert dialog.progress.text() == "Summary"
    assert session.workshop.assessment == stored  # nothing stored yet
    _click(dialog.finish_button)
    # The answer is stored, the cleared one dropped, an unknown key kept untouched.
    assert session.workshop.assessment == {"workflow_architecture.q1": 4, "legacy.q9": 2}
    assert session.workshop.maturity_stage == 4
    bridge.stack.undo()
    assert session.workshop.assessment == stored


def test_finish_without_changes_adds_no_edit(qtbot, bridge: UndoBridge) -> None:  # type: ignore[no-untyped-def]
    bridge.push(edit_workshop(bridge.document.session, assessment={"governance.q1": 2}))
    history = bridge.document.history_count
    dialog = _open(qtbot, bridge)
    _click(dialog.finish_button)
    assert dialog.progress.text() == "Summary"
    _click(dialog.finish_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert bridge.document.history_count == history


def test_digits_answer_the_focused_question_and_move_on(qtbot, bridge: UndoBridge) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, bridge)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.next_button.hasFocus()
    QTest.keyClick(dialog.next_button, Qt.Key.Key_Return)  # Enter: next page
    first, second = _page(dialog).cards
    assert first.tiles[0].hasFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_4)
    assert first.value() == 4
    assert second.tiles[0].hasFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    assert second.value() == 2
    assert dialog.next_button.hasFocus()
    second.tiles[2].setFocus()
    QTest.keyClick(second.tiles[2], Qt.Key.Key_Delete)
    assert second.value() is None
    QTest.keyClick(second.tiles[2], Qt.Key.Key_Return)
    assert dialog.progress.text() == "Component 2 of 7"


def test_summary_shows_stage_and_open_questions(qtbot, bridge: UndoBridge, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    answers = {q.key: 3 for q in QUESTIONS}
    answers.update({"data_context.q2": 1, "governance.q2": 0})
    del answers["measurement.q2"]
    bridge.push(edit_workshop(bridge.document.session, assessment=answers))
    dialog = _open(qtbot, bridge)
    for _ in range(len(COMPONENTS) + 1):
        _click(dialog.next_button)
    summary = dialog.summary
    assert dialog.pages.currentWidget() is summary
    assert summary.heading.text() == f"Stage 3 of 4: {stage_name(3)}"  # mean 37 / 14 ≈ 2.64
    assert summary.path.current == 3
    assert [box.text().split("\n")[1] for box in summary.path.boxes] == [
        stage_name(n) for n in (1, 2, 3, 4)
    ]
    expected = [q.open_question for q in open_questions(answers)]
    assert len(expected) == 3
    assert summary.shown_open_questions() == expected
    assert "(3)" in summary.open_heading.text()
    image = dialog.grab()
    assert image.save(str(tmp_path / "assessment_summary.png"))
    assert image.width() >= 1000


def test_question_page_renders_without_cut_text(qtbot, bridge: UndoBridge, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, bridge)
    for _ in range(3):
        _click(dialog.next_button)
    page = _page(dialog)
    assert page.component.id == "data_context"
    _click(page.cards[0].tiles[3])
    for width, height in ((1040, 800), (760, 600)):
        dialog.resize(width, height)
        QApplication.processEvents()
        assert dialog.grab().save(str(tmp_path / f"assessment_page_{width}.png"))
        for card in page.cards:
            assert card.text.font().pixelSize() >= 14
            for tile in card.tiles:
                assert tile.height() >= tile.heightForWidth(tile.width())


def test_tab_goes_to_the_next_question_and_finish_shows_the_stage(
    qtbot, bridge: UndoBridge
) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, bridge)
    _click(dialog.next_button)
    page = _page(dialog)
    first, second = page.cards
    assert first.isAncestorOf(QApplication.focusWidget())
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert second.isAncestorOf(QApplication.focusWidget())  # not Cancel, not Clear
    QTest.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier
    )
    assert first.isAncestorOf(QApplication.focusWidget())
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.next_button  # after the last question

    first.set_value(4)
    first.changed.emit(first.question.key, 4)
    _click(dialog.finish_button)
    assert dialog.progress.text() == "Summary"
    assert dialog.summary.path.isVisible()
    assert dialog.summary.heading.text().startswith("Stage")
    assert bridge.document.session.workshop.assessment == {}  # shown, not stored yet
    _click(dialog.finish_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert bridge.document.session.workshop.maturity_stage is not None
