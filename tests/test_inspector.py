"""The inspector: typed fields for elements, connections, workflows and the workshop.

Every test drives the real widgets with key and mouse events against a real session file
in ``tmp_path`` (through :class:`~app.editor.undo.UndoBridge`), and checks the session, the file
and the history — refused entries must leave all three unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QStyle,
    QStyleOptionViewItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.editor.fields import INVALID_PROPERTY, EnumListField, NumberBox
from app.editor.inspector import NOTHING_HINT, Inspector
from app.editor.undo import UndoBridge
from model import edits
from model.interchange import session_to_json
from model.templates import load_template
from storage.document import SessionDocument
from storage.store import read_session

Key = Qt.Key


@dataclass
class Env:
    """A session file opened for editing, its undo bridge and a shown inspector."""

    path: Path
    document: SessionDocument
    bridge: UndoBridge
    inspector: Inspector

    def props(self, element_id: str) -> dict[str, Any]:
        return self.document.session.elements[element_id].props

    def snapshot(self) -> tuple[dict[str, Any], dict[str, Any], int]:
        """Session, file and history size, for "nothing was stored" checks."""
        return (
            session_to_json(self.document.session),
            session_to_json(read_session(self.path)),
            self.document.history_count,
        )


@pytest.fixture
def env(qtbot: QtBot, tmp_path: Path) -> Iterator[Env]:
    path = tmp_path / "s.opmodel"
    document = SessionDocument.create(path, load_template("sales"))
    bridge = UndoBridge(document)
    inspector = Inspector(bridge.push)
    qtbot.addWidget(inspector)
    inspector.set_document(document)
    inspector.resize(420, 1000)
    inspector.show()
    inspector.activateWindow()
    qtbot.waitActive(inspector)
    yield Env(path, document, bridge, inspector)
    inspector.set_document(None)
    document.close()


# -- driving helpers -----------------------------------------------------------------------


def _typing_target(widget: QWidget) -> QWidget:
    return widget.lineEdit() if isinstance(widget, QAbstractSpinBox) else widget


def replace_text(widget: QWidget, text: str, finish: Key | None = Key.Key_Return) -> None:
    """Click into ``widget``, select everything, type ``text`` and press ``finish``."""
    click(_typing_target(widget))
    assert widget.hasFocus() or _typing_target(widget).hasFocus()
    press(widget, Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        QTest.keyClicks(widget, text)
    else:
        press(widget, Key.Key_Backspace)
    if finish is not None:
        press(widget, finish)


def click(widget: QWidget, pos: QPoint | None = None) -> None:
    """A left click on ``widget`` (at its centre unless ``pos`` is given)."""
    QTest.mouseClick(
        widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos or QPoint()
    )


def press(
    widget: QWidget, key: Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """One key press and release sent to ``widget``."""
    QTest.keyClick(widget, key, modifier)


def check_indicator_center(list_widget: QListWidget, row: int) -> QPoint:
    """Where the check box of ``row`` is drawn in the list's viewport."""
    item = list_widget.item(row)
    option = QStyleOptionViewItem()
    option.initFrom(list_widget.viewport())
    option.rect = list_widget.visualItemRect(item)
    option.features = (
        QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        | QStyleOptionViewItem.ViewItemFeature.HasDisplay
    )
    option.text = item.text()
    rect = list_widget.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, list_widget
    )
    return rect.center()


def is_marked_invalid(widget: QWidget) -> bool:
    return bool(widget.property(INVALID_PROPERTY))


# -- elements ------------------------------------------------------------------------------


def test_element_shows_header_label_and_every_prop_with_the_right_widget(env: Env) -> None:
    inspector = env.inspector
    inspector.show_element("s-summarise")
    assert inspector.header_text() == ("AI step", "Workflow architecture")
    assert inspector.field_names() == [
        "label",
        "purpose",
        "task",
        "input",
        "output",
        "tool",
        "tool_approved",
        "provider",
        "decision_right",
        "oversight",
        "customer_facing",
        "disclosed",
        "logging",
        "error_risks",
        "minutes_before",
        "minutes_after",
    ]
    assert isinstance(inspector.field_widget("label"), QLineEdit)
    assert inspector.field_widget("label").isVisible()
    assert inspector.field_widget("label").text() == "Summarise interactions"
    assert isinstance(inspector.field_widget("tool_approved"), QCheckBox)
    combo = inspector.field_widget("decision_right")
    assert isinstance(combo, QComboBox)
    assert combo.itemText(0) == "—"
    assert combo.itemData(0) is None
    assert combo.currentText() == "Draft"
    assert combo.itemData(4) == "approval_required"
    assert combo.itemText(4) == "Approval required"
    assert isinstance(inspector.field_widget("error_risks"), QListWidget)
    assert isinstance(inspector.field_widget("minutes_before"), NumberBox)
    assert inspector.field_widget("minutes_before").text() == "45"

    inspector.show_element("s-trigger")
    assert isinstance(inspector.field_widget("description"), QPlainTextEdit)
    inspector.show_element("s-ctl-access")
    references = inspector.field_widget("references")
    assert isinstance(references, QPlainTextEdit)
    assert references.toPlainText().splitlines() == [
        "GDPR Art. 5(1)(c) data minimisation",
        "CRM role and sharing model",
    ]


def test_text_is_large_enough_to_read_when_projected(env: Env) -> None:
    env.inspector.show_element("s-summarise")
    for name in ("label", "decision_right", "minutes_before", "customer_facing"):
        widget = env.inspector.field_widget(name)
        widget.ensurePolished()
        assert widget.font().pixelSize() >= 14


def test_editing_a_task_is_stored_in_the_session_and_the_file(env: Env) -> None:
    env.inspector.show_element("s-summarise")
    history = env.document.history_count
    task = env.inspector.field_widget("task")
    replace_text(task, "Summarise the account in five bullet points")
    assert env.props("s-summarise")["task"] == "Summarise the account in five bullet points"
    assert env.document.history_count == history + 1
    assert env.inspector.error_text("task") == ""

    env.document.close()
    reopened = SessionDocument.open(env.path)
    try:
        props = reopened.session.elements["s-summarise"].props
        assert props["task"] == "Summarise the account in five bullet points"
    finally:
        reopened.close()


def test_tab_commits_the_label_and_moves_on(env: Env) -> None:
    env.inspector.show_element("s-crm-data")
    label = env.inspector.field_widget("label")
    replace_text(label, "Gather account data", finish=Key.Key_Tab)
    assert not label.hasFocus()
    assert env.document.session.elements["s-crm-data"].label == "Gather account data"


def test_an_unchanged_entry_adds_no_history(env: Env) -> None:
    env.inspector.show_element("s-crm-data")
    history = env.document.history_count
    replace_text(env.inspector.field_widget("system"), "CRM")
    replace_text(env.inspector.field_widget("minutes_before"), "20.0")
    assert env.document.history_count == history
    assert env.inspector.field_widget("minutes_before").text() == "20"


def test_picking_a_decision_right_with_the_keyboard(env: Env) -> None:
    env.inspector.show_element("s-summarise")
    combo = env.inspector.field_widget("decision_right")
    combo.setFocus()
    press(combo, Key.Key_Down)
    assert combo.currentText() == "Recommendation"
    assert env.props("s-summarise")["decision_right"] == "recommendation"

    combo.setCurrentIndex(0)  # "—": not set
    assert "decision_right" not in env.props("s-summarise")


def test_toggling_customer_facing_with_the_mouse(env: Env) -> None:
    env.inspector.show_element("s-summarise")
    check = env.inspector.field_widget("customer_facing")
    assert not check.isChecked()
    click(check)
    assert check.isChecked()
    assert env.props("s-summarise")["customer_facing"] is True
    assert read_session(env.path).elements["s-summarise"].props["customer_facing"] is True
    click(check)
    assert env.props("s-summarise")["customer_facing"] is False


@pytest.mark.parametrize(
    ("element_id", "name", "text", "message"),
    [
        ("s-summarise", "minutes_before", "abc", "Minutes today: expected a number ≥ 0, got 'abc'"),
        ("s-summarise", "minutes_before", "-5", "Minutes today: expected a number ≥ 0, got '-5'"),
        (
            "s-role-ae",
            "headcount",
            "2.5",
            "Headcount: expected a whole number ≥ 0, got '2.5'",
        ),
        (
            "s-review",
            "sample_rate",
            "120",
            "Sample rate (%): expected a number from 0 to 100, got '120'",
        ),
    ],
)
def test_a_bad_number_is_refused_in_place_and_never_stored(
    env: Env, element_id: str, name: str, text: str, message: str
) -> None:
    env.inspector.show_element(element_id)
    before = env.snapshot()
    box = env.inspector.field_widget(name)
    replace_text(box, text)

    assert env.inspector.error_text(name) == message
    assert is_marked_invalid(box)
    assert box.text() == text  # the user's text is kept so it can be fixed
    assert env.snapshot() == before

    press(box, Key.Key_Tab)  # leaving the field does not store it either
    assert env.snapshot() == before
    assert env.inspector.error_text(name) == message
    assert box.text() == text

    replace_text(box, "3")
    assert env.inspector.error_text(name) == ""
    assert not is_marked_invalid(box)
    assert env.props(element_id)[name] == 3
    assert env.document.history_count == before[2] + 1


def test_up_and_down_step_within_bounds(env: Env) -> None:
    env.inspector.show_element("s-review")
    box = env.inspector.field_widget("sample_rate")
    click(box.lineEdit())
    press(box, Key.Key_Up)
    assert box.text() == "100"  # already at the maximum
    press(box, Key.Key_Down)
    press(box, Key.Key_Down)
    assert box.text() == "98"
    press(box, Key.Key_Return)
    assert env.props("s-review")["sample_rate"] == 98


def test_clearing_a_number_removes_the_prop(env: Env) -> None:
    env.inspector.show_element("s-summarise")
    replace_text(env.inspector.field_widget("minutes_after"), "")
    assert "minutes_after" not in env.props("s-summarise")
    assert "minutes_after" not in read_session(env.path).elements["s-summarise"].props
    assert env.inspector.error_text("minutes_after") == ""


def test_check_list_edits_error_risks(env: Env) -> None:
    env.inspector.show_element("s-summarise")
    risks = env.inspector.field_widget("error_risks")
    assert isinstance(risks, QListWidget)
    field = env.inspector.field("error_risks")
    assert isinstance(field, EnumListField)
    bias_row = risks.row(field.item("bias"))

    click(risks.viewport(), check_indicator_center(risks, bias_row))
    assert env.props("s-summarise")["error_risks"] == [
        "hallucination",
        "bias",
        "outdated_information",
        "privacy_leak",
    ]

    risks.setFocus()
    risks.setCurrentRow(risks.row(field.item("hallucination")))
    press(risks, Key.Key_Space)
    assert env.props("s-summarise")["error_risks"] == [
        "bias",
        "outdated_information",
        "privacy_leak",
    ]


def test_references_are_edited_one_per_line(env: Env) -> None:
    env.inspector.show_element("s-ctl-audit")
    references = env.inspector.field_widget("references")
    click(references.viewport())
    references.moveCursor(references.textCursor().MoveOperation.End)
    press(references, Key.Key_Return)
    QTest.keyClicks(references, "ISO 27001 A.8.15 logging")
    press(references, Key.Key_Tab)
    assert env.props("s-ctl-audit")["references"] == [
        "Internal sales approval policy",
        "ISO 27001 A.8.15 logging",
    ]


def test_data_quality_scores(env: Env) -> None:
    env.inspector.show_element("s-data-crm")
    accuracy = env.inspector.field_widget("quality.accuracy")
    before = env.snapshot()
    replace_text(accuracy, "7")
    assert env.inspector.error_text("quality") == (
        "Quality (1–5) – Accuracy: expected a whole number from 1 to 5, got '7'"
    )
    assert is_marked_invalid(accuracy)
    assert env.snapshot() == before

    replace_text(accuracy, "5")
    assert env.inspector.error_text("quality") == ""
    assert env.props("s-data-crm")["quality"]["accuracy"] == 5

    replace_text(env.inspector.field_widget("quality.timeliness"), "")
    assert "timeliness" not in env.props("s-data-crm")["quality"]


# -- refresh, undo, selection --------------------------------------------------------------


def test_undo_and_redo_show_in_the_inspector(env: Env) -> None:
    env.inspector.show_element("s-summarise")
    task = env.inspector.field_widget("task")
    old = task.text()
    replace_text(task, "New task")
    env.bridge.stack.undo()
    assert env.props("s-summarise")["task"] == old
    assert task.text() == old
    env.bridge.stack.redo()
    assert task.text() == "New task"


def test_a_canvas_edit_never_interrupts_typing_in_another_field(env: Env) -> None:
    env.inspector.show_element("s-summarise")
    label = env.inspector.field_widget("label")
    replace_text(label, "Half-typed lab", finish=None)

    session = env.document.session
    env.bridge.push(edits.update_element(session, "s-summarise", props={"tool": "Copilot"}))
    assert env.inspector.field_widget("tool").text() == "Copilot"
    assert label.text() == "Half-typed lab"
    assert label.hasFocus()

    QTest.keyClicks(label, "el")
    press(label, Key.Key_Return)
    assert session.elements["s-summarise"].label == "Half-typed label"
    assert session.elements["s-summarise"].props["tool"] == "Copilot"


def test_clicking_a_check_box_first_commits_the_text_being_typed(env: Env) -> None:
    env.inspector.show_element("s-summarise")
    history = env.document.history_count
    replace_text(env.inspector.field_widget("tool"), "Copilot", finish=None)
    click(env.inspector.field_widget("customer_facing"))
    assert env.props("s-summarise")["tool"] == "Copilot"
    assert env.props("s-summarise")["customer_facing"] is True
    assert env.document.history_count == history + 2


def test_showing_the_same_element_again_keeps_the_typing(env: Env) -> None:
    env.inspector.show_element("s-summarise")
    label = env.inspector.field_widget("label")
    replace_text(label, "Still typ", finish=None)
    env.inspector.show_element("s-summarise")  # e.g. the canvas re-announces its selection
    assert env.inspector.field_widget("label") is label
    assert label.text() == "Still typ"
    assert label.hasFocus()


def test_a_refused_entry_survives_a_change_to_another_field(env: Env) -> None:
    env.inspector.show_element("s-summarise")
    minutes = env.inspector.field_widget("minutes_before")
    replace_text(minutes, "-5", finish=Key.Key_Tab)
    replace_text(env.inspector.field_widget("tool"), "Copilot")
    assert env.props("s-summarise")["tool"] == "Copilot"
    assert minutes.text() == "-5"
    assert env.inspector.error_text("minutes_before").startswith("Minutes today:")


def test_changing_the_selection_clears_the_message(env: Env) -> None:
    env.inspector.show_element("s-summarise")
    replace_text(env.inspector.field_widget("minutes_before"), "abc")
    env.inspector.show_element("s-draft")
    env.inspector.show_element("s-summarise")
    assert env.inspector.error_text("minutes_before") == ""
    assert env.inspector.field_widget("minutes_before").text() == "45"


def test_text_being_typed_is_kept_when_the_selection_changes(env: Env) -> None:
    env.inspector.show_element("s-summarise")
    replace_text(env.inspector.field_widget("output"), "One-page brief", finish=None)
    env.inspector.show_element("s-draft")
    assert env.props("s-summarise")["output"] == "One-page brief"
    assert env.inspector.shown() == ("element", "s-draft")


def test_a_deleted_element_shows_nothing(env: Env) -> None:
    env.inspector.show_element("s-summarise")
    env.bridge.push(edits.delete_elements(env.document.session, ["s-summarise"]))
    assert env.inspector.shown() is None
    assert env.inspector.hint_text() == NOTHING_HINT


def test_show_nothing_with_a_hint(env: Env) -> None:
    env.inspector.show_element("s-summarise")
    env.inspector.show_nothing("3 elements selected")
    assert env.inspector.shown() is None
    assert env.inspector.hint_text() == "3 elements selected"
    env.inspector.show_element("no-such-element")
    assert env.inspector.shown() is None


# -- connections ---------------------------------------------------------------------------


def test_a_role_connection_shows_its_meaning_and_raci(env: Env) -> None:
    env.inspector.show_connection("s-c16")
    assert env.inspector.header_text() == ("Responsibility", "Sales manager → Manager approval")
    raci = env.inspector.field_widget("raci")
    assert isinstance(raci, QComboBox)
    assert [raci.itemData(i) for i in range(raci.count())] == [None, "R", "A", "C", "I"]
    assert raci.currentData() == "A"

    raci.setFocus()
    press(raci, Key.Key_Down)
    assert env.document.session.connections["s-c16"].raci == "C"
    raci.setCurrentIndex(0)
    assert env.document.session.connections["s-c16"].raci is None

    replace_text(env.inspector.field_widget("label"), "signs off")
    assert env.document.session.connections["s-c16"].label == "signs off"
    env.bridge.stack.undo()
    assert env.inspector.field_widget("label").text() == ""


def test_a_flow_connection_has_no_raci(env: Env) -> None:
    env.inspector.show_connection("s-c01")
    assert env.inspector.header_text() == ("Flow of work", "New qualified lead → Gather CRM data")
    assert env.inspector.field_names() == ["label"]


def test_renaming_an_end_updates_the_connection_header(env: Env) -> None:
    env.inspector.show_connection("s-c01")
    session = env.document.session
    env.bridge.push(edits.update_element(session, "s-trigger", label="Lead arrives"))
    assert env.inspector.header_text()[1] == "Lead arrives → Gather CRM data"


# -- workflow and workshop -----------------------------------------------------------------


def test_workflow_value_refuses_nine(env: Env) -> None:
    env.inspector.show_workflow("wf-sales")
    assert env.inspector.field_names() == [
        "name",
        "function",
        "description",
        "owner",
        "status",
        "value",
        "feasibility",
        "risk_tier",
        "impact_assessment",
        "votes",
    ]
    value = env.inspector.field_widget("value")
    before = env.snapshot()
    replace_text(value, "9")
    assert env.inspector.error_text("value") == (
        "Value (1–5): expected a whole number from 1 to 5, got '9'"
    )
    assert env.snapshot() == before

    replace_text(value, "5")
    assert env.document.session.workflows["wf-sales"].value == 5
    replace_text(value, "")  # value is nullable: empty means not rated
    assert env.document.session.workflows["wf-sales"].value is None


def _red_pixels_on_the_border(outline: QWidget) -> int:
    """How many pixels of the refusal red lie on the top edge of ``outline``."""
    from PySide6.QtGui import QColor

    from app.editor.fields import ERROR_COLOR

    image = outline.grab().toImage()
    red = QColor(ERROR_COLOR)
    row = 1  # the middle of the 2-pixel border
    count = 0
    for x in range(image.width()):
        pixel = image.pixelColor(x, row)
        if abs(pixel.red() - red.red()) + abs(pixel.green() - red.green()) < 40:
            count += 1
    return count


def test_a_refused_field_is_outlined_in_red_until_fixed(env: Env) -> None:
    env.inspector.show_workflow("wf-sales")
    value = env.inspector.field_widget("value")
    outline = value.parentWidget()
    assert _red_pixels_on_the_border(outline) == 0
    replace_text(value, "9")
    assert is_marked_invalid(value)
    assert _red_pixels_on_the_border(outline) > outline.width() // 2
    replace_text(value, "4")
    assert not is_marked_invalid(value)
    assert _red_pixels_on_the_border(outline) == 0


def test_workflow_votes_cannot_be_empty_and_name_is_stored(env: Env) -> None:
    env.inspector.show_workflow("wf-sales")
    before = env.snapshot()
    replace_text(env.inspector.field_widget("votes"), "")
    assert env.inspector.error_text("votes").startswith("Votes: expected a whole number ≥ 0")
    assert env.snapshot() == before

    replace_text(env.inspector.field_widget("name"), "Lead to proposal")
    assert env.document.session.workflows["wf-sales"].name == "Lead to proposal"
    assert env.inspector.header_text() == ("Workflow", "Lead to proposal")
    function = env.inspector.field_widget("function")
    assert function.itemData(0) == "sales"  # a workflow always has a function: no "—"


def test_workshop_date_refuses_other_formats(env: Env) -> None:
    env.inspector.show_workshop()
    assert "participants" not in env.inspector.field_names()
    date = env.inspector.field_widget("date")
    before = env.snapshot()
    replace_text(date, "24/11/2026")
    assert env.inspector.error_text("date") == (
        "Date: expected a date as YYYY-MM-DD or an empty string, got '24/11/2026'"
    )
    assert is_marked_invalid(date)
    assert date.text() == "24/11/2026"
    assert env.snapshot() == before

    replace_text(date, "2026-11-24")
    assert env.document.session.workshop.date == "2026-11-24"
    assert env.inspector.error_text("date") == ""
    assert read_session(env.path).workshop.date == "2026-11-24"


def test_workshop_notes_commit_when_focus_leaves(env: Env) -> None:
    env.inspector.show_workshop()
    notes = env.inspector.field_widget("notes")
    click(notes.viewport())
    QTest.keyClicks(notes, "Sponsor joins at 11")
    press(notes, Key.Key_Return)
    QTest.keyClicks(notes, "Break at 12")
    assert env.document.session.workshop.notes == ""
    press(notes, Key.Key_Tab)
    assert env.document.session.workshop.notes == "Sponsor joins at 11\nBreak at 12"
    assert QApplication.focusWidget() is not notes


def test_set_document_none_clears(env: Env) -> None:
    env.inspector.show_workshop()
    env.inspector.set_document(None)
    assert env.inspector.shown() is None
    env.bridge.push(edits.edit_workshop(env.document.session, title="Renamed"))
    assert env.inspector.shown() is None


# -- text limits (model/limits.py) ---------------------------------------------------------


def _commit_text(widget: QWidget, text: str) -> None:
    """Put ``text`` into a line or paragraph editor as a paste would, then commit it."""
    if isinstance(widget, QLineEdit):
        click(widget)
        widget.setText(text)
        press(widget, Key.Key_Return)
    else:
        assert isinstance(widget, QPlainTextEdit)
        click(widget.viewport())
        widget.setPlainText(text)
        press(widget, Key.Key_Tab)


def test_a_label_over_200_characters_is_refused_with_the_limit(env: Env) -> None:
    env.inspector.show_element("s-crm-data")
    label = env.inspector.field_widget("label")
    before = env.snapshot()
    _commit_text(label, "L" * 250)
    assert env.inspector.error_text("label") == (
        "Label: expected a string of at most 200 characters, got 250 characters"
    )
    assert is_marked_invalid(label)
    assert label.text() == "L" * 250  # kept, so the user can shorten it
    assert env.snapshot() == before

    _commit_text(label, "L" * 200)
    assert env.document.session.elements["s-crm-data"].label == "L" * 200
    assert env.inspector.error_text("label") == ""


def test_a_connection_label_over_the_limit_is_refused(env: Env) -> None:
    connection_id = next(iter(env.document.session.connections))
    env.inspector.show_connection(connection_id)
    before = env.snapshot()
    _commit_text(env.inspector.field_widget("label"), "c" * 201)
    assert env.inspector.error_text("label") == (
        "Label: expected a string of at most 200 characters, got 201 characters"
    )
    assert env.snapshot() == before


def test_multi_line_text_over_5000_characters_is_refused(env: Env) -> None:
    env.inspector.show_workflow("wf-sales")
    description = env.inspector.field_widget("description")
    before = env.snapshot()
    _commit_text(description, "d" * 5001)
    assert env.inspector.error_text("description") == (
        "Description: expected a string of at most 5000 characters, got 5001 characters"
    )
    assert description.toPlainText() == "d" * 5001
    assert env.snapshot() == before
    _commit_text(description, "d" * 5000)
    assert env.document.session.workflows["wf-sales"].description == "d" * 5000


def test_workflow_name_and_workshop_title_hold_200_characters(env: Env) -> None:
    env.inspector.show_workflow("wf-sales")
    before = env.snapshot()
    _commit_text(env.inspector.field_widget("name"), "n" * 201)
    assert "expected a string of at most 200 characters, got 201" in env.inspector.error_text(
        "name"
    )
    assert env.snapshot() == before

    env.inspector.show_workshop()
    _commit_text(env.inspector.field_widget("title"), "t" * 300)
    assert env.inspector.error_text("title") == (
        "Title: expected a string of at most 200 characters, got 300 characters"
    )
    assert env.snapshot() == before


def test_workshop_notes_hold_50000_characters(env: Env) -> None:
    env.inspector.show_workshop()
    notes = env.inspector.field_widget("notes")
    _commit_text(notes, "n" * 6000)  # over TEXT_MAX, but the notes may be longer
    assert env.inspector.error_text("notes") == ""
    assert env.document.session.workshop.notes == "n" * 6000
    before = env.snapshot()
    _commit_text(notes, "n" * 50_001)
    assert env.inspector.error_text("notes") == (
        "Notes: expected a string of at most 50000 characters, got 50001 characters"
    )
    assert env.snapshot() == before


def test_a_reference_line_over_the_limit_is_refused(env: Env) -> None:
    control = next(e.id for e in env.document.session.elements.values() if e.kind == "control")
    env.inspector.show_element(control)
    before = env.snapshot()
    _commit_text(env.inspector.field_widget("references"), "GDPR Art. 22\n" + "r" * 5001)
    assert env.inspector.error_text("references") == (
        "References (line 2): expected a string of at most 5000 characters, got 5001 characters"
    )
    assert env.snapshot() == before


# -- the frameworks props (interchange version 2) ---------------------------------------------


def test_ai_step_frameworks_props_have_their_widgets_and_tooltips(env: Env) -> None:
    inspector = env.inspector
    inspector.show_element("s-draft")
    purpose = inspector.field_widget("purpose")
    assert isinstance(purpose, QPlainTextEdit)
    assert purpose.toPlainText().startswith("Cut the time to a tailored")
    assert "NIST AI RMF MAP 1.1" in purpose.toolTip()
    provider = inspector.field_widget("provider")
    assert isinstance(provider, QComboBox)
    assert [provider.itemText(i) for i in range(provider.count())] == [
        "—",
        "In house",
        "Third party",
    ]
    assert provider.currentText() == "Third party"
    for name, article in (("disclosed", "Art. 50"), ("logging", "Art. 12")):
        box = inspector.field_widget(name)
        assert isinstance(box, QCheckBox) and box.isChecked()
        assert article in box.toolTip()

    provider.setFocus()
    press(provider, Key.Key_Up)
    assert provider.currentText() == "In house"
    assert env.props("s-draft")["provider"] == "in_house"
    click(inspector.field_widget("logging"))
    assert env.props("s-draft")["logging"] is False
    stored = read_session(env.path).elements["s-draft"].props
    assert (stored["provider"], stored["logging"]) == ("in_house", False)


def test_role_authority_and_training_are_check_boxes_stored_in_the_file(env: Env) -> None:
    inspector = env.inspector
    inspector.show_element("s-role-ae")
    names = inspector.field_names()
    assert names[-3:] == ["can_override", "can_stop", "ai_training"]
    stop = inspector.field_widget("can_stop")
    assert isinstance(stop, QCheckBox) and not stop.isChecked()
    assert stop.text() == "Can stop the AI system"
    assert "Art. 14(4)" in stop.toolTip()
    click(stop)
    assert env.props("s-role-ae")["can_stop"] is True
    assert read_session(env.path).elements["s-role-ae"].props["can_stop"] is True
    env.bridge.stack.undo()
    assert "can_stop" not in env.props("s-role-ae")
    assert not inspector.field_widget("can_stop").isChecked()


def test_workflow_impact_assessment_and_new_control_categories(env: Env) -> None:
    inspector = env.inspector
    inspector.show_workflow("wf-sales")
    combo = inspector.field_widget("impact_assessment")
    assert isinstance(combo, QComboBox)
    assert [combo.itemData(i) for i in range(combo.count())] == [
        None,
        "not_started",
        "in_progress",
        "done",
        "not_needed",
    ]
    assert combo.currentData() is None
    combo.setFocus()
    press(combo, Key.Key_Down)
    press(combo, Key.Key_Down)
    press(combo, Key.Key_Down)
    assert env.document.session.workflows["wf-sales"].impact_assessment == "done"
    assert read_session(env.path).workflows["wf-sales"].impact_assessment == "done"

    inspector.show_element("s-ctl-use")
    category = inspector.field_widget("category")
    texts = [category.itemText(i) for i in range(category.count())]
    for shown in ("Human oversight", "Transparency", "Impact assessment", "Incident response"):
        assert shown in texts
    category.setCurrentIndex(category.findData("incident_response"))
    assert env.props("s-ctl-use")["category"] == "incident_response"


def test_frameworks_props_refuse_values_outside_the_spec(env: Env) -> None:
    session = env.document.session
    before = env.snapshot()
    for element_id, props in (
        ("s-draft", {"provider": "vendor"}),
        ("s-draft", {"disclosed": "yes"}),
        ("s-role-ae", {"can_override": 1}),
    ):
        with pytest.raises(edits.EditError, match="expected"):
            edits.update_element(session, element_id, props=props)
    with pytest.raises(edits.EditError, match="one of not_started, in_progress"):
        edits.edit_workflow(session, "wf-sales", impact_assessment="finished")
    assert env.snapshot() == before
