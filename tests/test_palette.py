"""The palette dock and the kind icons: grouping, filter, activation, drag payload, rendering."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDrag, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.editor.palette import FACILITATION_GROUP, HEADER_ROLE, Palette
from canvas.icons import app_icon, app_pixmap, icon_path, kind_icon, kind_pixmap
from canvas.mime import KIND_MIME
from model.appearance import KIND_STYLES
from model.kinds import KIND_IDS, KINDS
from model.vocabulary import COMPONENTS, COMPONENTS_BY_ID
from resources import ICONS_DIR


@pytest.fixture
def palette(qtbot) -> Iterator[Palette]:
    widget = Palette()
    qtbot.addWidget(widget)
    widget.resize(300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()


def _group_title(kind_component: str | None) -> str:
    if kind_component is None:
        return FACILITATION_GROUP
    return COMPONENTS_BY_ID[kind_component].name


def _opaque_share(image: QImage) -> float:
    """The share of pixels that are not fully transparent."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    total = image.width() * image.height()
    opaque = sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 0
    )
    return opaque / total


# -- icons -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KIND_IDS)
def test_every_kind_has_a_hand_written_svg_in_its_accent_colour(kind: str) -> None:
    path = ICONS_DIR / f"{kind}.svg"
    assert icon_path(kind) == path and path.is_file()
    text = path.read_text(encoding="utf-8")
    assert 'viewBox="0 0 24 24"' in text
    assert "<text" not in text and "href" not in text and "url(" not in text
    assert KIND_STYLES[kind].accent.lower() in text.lower()


@pytest.mark.parametrize("kind", KIND_IDS)
def test_every_kind_icon_renders_visible_pixels(qapp, kind: str) -> None:
    icon_image = kind_icon(kind).pixmap(32, 32).toImage()
    assert not icon_image.isNull()
    assert _opaque_share(icon_image) > 0.08
    assert kind_icon(kind) is kind_icon(kind)  # cached

    pixmap = kind_pixmap(kind, 48)
    assert pixmap.width() == 48 and pixmap.height() == 48
    assert _opaque_share(pixmap.toImage()) > 0.08


def test_app_icon_renders_and_unknown_kinds_fall_back_to_the_step_icon(qapp) -> None:
    assert not app_icon().isNull()
    assert _opaque_share(app_pixmap(64).toImage()) > 0.5
    assert icon_path("no_such_kind") == ICONS_DIR / "step.svg"
    assert _opaque_share(kind_pixmap("no_such_kind", 24).toImage()) > 0.08


def test_svg_files_use_only_the_appearance_colours() -> None:
    allowed = {style.accent.lower() for style in KIND_STYLES.values()}
    allowed |= {style.fill.lower() for style in KIND_STYLES.values()}
    allowed |= {"#ffffff", "#111827"}
    for path in ICONS_DIR.glob("*.svg"):
        used = {c.lower() for c in re.findall(r"#[0-9A-Fa-f]{6}", path.read_text())}
        assert used <= allowed, f"{path.name} uses {used - allowed}"


# -- grouping and filter ---------------------------------------------------------------------


def test_palette_lists_every_kind_under_its_component_group(palette: Palette) -> None:
    assert sorted(palette.kinds()) == sorted(KIND_IDS)
    for spec in KINDS:
        assert palette.group_of(spec.id) == _group_title(spec.component)
        assert palette.entry_rect(spec.id).height() >= 40

    tree = palette.list
    headers = [
        tree.topLevelItem(row).text(0)
        for row in range(tree.topLevelItemCount())
        if tree.topLevelItem(row).data(0, HEADER_ROLE)
    ]
    assert headers == [c.name for c in COMPONENTS] + [FACILITATION_GROUP]


def test_entries_carry_name_hint_tooltip_and_icon(palette: Palette) -> None:
    for spec in KINDS:
        item = palette._items[spec.id]
        assert item.text(0) == spec.name
        assert item.toolTip(0) == spec.hint
        assert not item.icon(0).isNull()


def test_typing_in_the_filter_narrows_the_entries(palette: Palette, qtbot) -> None:
    QTest.keyClicks(palette.filter_edit, "approv")
    assert palette.visible_kinds() == ["gate"]
    headers_shown = [
        palette.list.topLevelItem(row).text(0)
        for row in range(palette.list.topLevelItemCount())
        if palette.list.topLevelItem(row).data(0, HEADER_ROLE)
        and not palette.list.topLevelItem(row).isHidden()
    ]
    assert headers_shown == ["Decision rights"]
    assert not palette.empty_label.isVisible()

    palette.filter_edit.selectAll()
    QTest.keyClicks(palette.filter_edit, "zzz")
    assert palette.visible_kinds() == []
    assert palette.empty_label.isVisible()

    palette.filter_edit.clear()
    assert sorted(palette.visible_kinds()) == sorted(KIND_IDS)
    assert not palette.empty_label.isVisible()


def test_filter_matches_the_hint_as_well_as_the_name(palette: Palette) -> None:
    QTest.keyClicks(palette.filter_edit, "SENSITIVE")
    assert palette.visible_kinds() == ["data"]


# -- activation ------------------------------------------------------------------------------


def test_double_click_on_an_entry_emits_kind_activated(palette: Palette, qtbot) -> None:
    viewport = palette.list.viewport()
    for kind in ("ai_step", "note"):
        centre = palette.entry_rect(kind).center()
        with qtbot.waitSignal(palette.kindActivated, timeout=1000) as blocker:
            QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
        assert blocker.args == [kind]


def test_a_full_click_then_double_click_sequence_emits_once(palette: Palette, qtbot) -> None:
    viewport = palette.list.viewport()
    centre = palette.entry_rect("review").center()
    received: list[str] = []
    palette.kindActivated.connect(received.append)
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    assert received == ["review"]


def test_double_click_on_a_group_header_emits_nothing(palette: Palette, qtbot) -> None:
    header = palette.list.topLevelItem(0)
    assert header.data(0, HEADER_ROLE)
    centre = palette.list.visualItemRect(header).center()
    with qtbot.assertNotEmitted(palette.kindActivated):
        QTest.mouseDClick(palette.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_enter_on_an_entry_emits_kind_activated(palette: Palette, qtbot) -> None:
    QTest.mouseClick(
        palette.list.viewport(), Qt.MouseButton.LeftButton, pos=palette.entry_rect("role").center()
    )
    with qtbot.waitSignal(palette.kindActivated, timeout=1000) as blocker:
        QTest.keyClick(palette.list, Qt.Key.Key_Return)
    assert blocker.args == ["role"]
    # Arrow keys skip the group headers: Down from Role lands on Data.
    QTest.keyClick(palette.list, Qt.Key.Key_Down)
    with qtbot.waitSignal(palette.kindActivated, timeout=1000) as blocker:
        QTest.keyClick(palette.list, Qt.Key.Key_Enter)
    assert blocker.args == ["data"]


def test_enter_in_the_filter_adds_the_first_match(palette: Palette, qtbot) -> None:
    QTest.keyClicks(palette.filter_edit, "metric")
    with qtbot.waitSignal(palette.kindActivated, timeout=1000) as blocker:
        QTest.keyClick(palette.filter_edit, Qt.Key.Key_Return)
    assert blocker.args == ["metric"]


# -- drag ------------------------------------------------------------------------------------


def test_mime_data_carries_the_kind_id(palette: Palette) -> None:
    for kind in KIND_IDS:
        mime = palette.mime_data_for(kind)
        assert mime.hasFormat(KIND_MIME)
        assert bytes(mime.data(KIND_MIME).data()).decode("utf-8") == kind


def test_create_drag_builds_the_mime_and_the_kind_pixmap(palette: Palette) -> None:
    drag = palette._create_drag("gate")
    assert isinstance(drag, QDrag)
    assert bytes(drag.mimeData().data(KIND_MIME).data()) == b"gate"
    assert not drag.pixmap().isNull()
    assert _opaque_share(drag.pixmap().toImage()) > 0.08


def test_pressing_and_moving_on_an_entry_starts_a_drag(
    palette: Palette, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[bytes] = []

    def record(drag: QDrag) -> Qt.DropAction:  # QDrag.exec would block the test
        started.append(bytes(drag.mimeData().data(KIND_MIME).data()))
        return Qt.DropAction.IgnoreAction

    monkeypatch.setattr(palette, "_exec_drag", record)
    viewport: QWidget = palette.list.viewport()
    start = palette.entry_rect("control").center()
    distance = QApplication.startDragDistance() + 10
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(viewport, start + QPoint(distance // 2, 0))
    QTest.mouseMove(viewport, start + QPoint(distance, 0))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(distance, 0))
    assert started == [b"control"]
