"""Finding clipped controls: a test helper that walks a widget tree as it is laid out.

A visible widget is **clipped** when it is narrower or lower than its minimum size hint
(its layout could not give it the room it needs), when it sticks out of its parent (and
the parent is not a scrolling viewport, which may scroll vertically), when a label, button
or combo box shows less than its text without eliding it with a tooltip, or when a tab
bar hides tabs behind scroll arrows. A scroll area with a horizontal scroll bar showing
is reported too: a dock must fit its width.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QHeaderView,
    QLabel,
    QScrollBar,
    QSizePolicy,
    QTabBar,
    QWidget,
)

#: Room a combo box needs beside its text (frame, padding, arrow).
COMBO_CHROME = 34
#: Room a push button needs beside its text (frame and padding), at the least.
BUTTON_CHROME = 8


def _name(widget: QWidget) -> str:
    text = ""
    for attribute in ("text", "windowTitle", "accessibleName", "placeholderText"):
        getter = getattr(widget, attribute, None)
        if callable(getter):
            try:
                value = getter()
            except TypeError:
                continue
            if isinstance(value, str) and value:
                text = value
                break
    name = f"#{widget.objectName()}" if widget.objectName() else ""
    shown = f" {text[:40]!r}" if text else ""
    return f"{type(widget).__name__}{name}{shown}"


def _ignores_width(widget: QWidget) -> bool:
    return widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored


def _inside_scroll_viewport(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    grand = parent.parentWidget() if parent is not None else None
    return isinstance(grand, QAbstractScrollArea) and parent is grand.viewport()


def problems(root: QWidget) -> list[str]:
    """What is clipped in ``root`` (empty when everything shows)."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or (widget.isWindow() and widget is not root):
            continue
        if isinstance(widget, QScrollBar | QHeaderView) or widget.objectName().startswith("qt_"):
            continue  # Qt's own parts are sized by the control that owns them
        where = _name(widget)
        if isinstance(widget, QAbstractScrollArea):
            bar = widget.horizontalScrollBar()
            if bar.isVisible() and bar.maximum() > 0:
                found.append(f"{where} scrolls sideways")
        hint = widget.minimumSizeHint()
        minimum = widget.minimumSize()
        need_w = max(hint.width(), minimum.width()) if hint.isValid() else minimum.width()
        need_h = max(hint.height(), minimum.height()) if hint.isValid() else minimum.height()
        if not _ignores_width(widget) and widget.width() < need_w:
            found.append(f"{where} is {widget.width()} px wide, needs {need_w}")
        if (
            widget.sizePolicy().verticalPolicy() != QSizePolicy.Policy.Ignored
            and widget.height() < need_h
            and not (isinstance(widget, QLabel) and widget.wordWrap())
        ):
            found.append(f"{where} is {widget.height()} px high, needs {need_h}")
        parent = widget.parentWidget()
        if parent is not None and widget is not root and not widget.isWindow():
            inside = parent.rect()
            geometry = widget.geometry()
            if _inside_scroll_viewport(widget):
                inside = QRect(inside.left(), geometry.top(), inside.width(), geometry.height())
            outside = not inside.contains(geometry)
            if (
                outside
                and not isinstance(parent, QAbstractScrollArea)
                and (not _ignores_width(widget) or geometry.top() < 0)
            ):
                found.append(f"{where} sticks out of {_name(parent)}")
        found += _text_problems(widget, where)
    return found


def _paints_itself(widget: QWidget) -> bool:
    """True when the app draws the widget's text itself (it wraps or lays it out)."""
    return any(
        "paintEvent" in vars(cls)
        for cls in type(widget).__mro__
        if not cls.__module__.startswith(("PySide6", "shiboken6", "builtins"))
    )


def _text_problems(widget: QWidget, where: str) -> list[str]:
    if _paints_itself(widget):
        return []
    metrics = widget.fontMetrics()
    if isinstance(widget, QLabel) and not widget.wordWrap():
        text = widget.text()
        if text and widget.textFormat() != Qt.TextFormat.RichText and "<" not in text:
            room = widget.contentsRect().width()
            for line in text.split("\n"):  # each line of a broken text must fit
                needed = metrics.horizontalAdvance(line)
                elided = line.endswith("…") and bool(widget.toolTip())
                if needed > room + 1 and not elided:
                    return [f"{where} shows part of its text ({room} of {needed} px)"]
            lines = text.count("\n") + 1
            if lines > 1 and widget.contentsRect().height() < lines * metrics.lineSpacing():
                return [f"{where} shows part of its {lines} lines"]
    if isinstance(widget, QComboBox) and widget.currentText():
        longest = max(
            (metrics.horizontalAdvance(widget.itemText(i)) for i in range(widget.count())),
            default=0,
        )
        chrome = widget.sizeHint().width() - longest if longest else COMBO_CHROME
        needed = metrics.horizontalAdvance(widget.currentText()) + max(chrome, 20)
        if widget.width() < needed:
            return [f"{where} cuts its text ({widget.width()} of {needed} px)"]
    if (
        isinstance(widget, QAbstractButton)
        and widget.text()
        and widget.icon().isNull() is not False
    ):
        text = widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        needed = metrics.horizontalAdvance(text) + BUTTON_CHROME
        if widget.width() < needed:
            return [f"{where} cuts its text ({widget.width()} of {needed} px)"]
    if isinstance(widget, QTabBar) and widget.count():
        last = widget.tabRect(widget.count() - 1)
        if last.right() > widget.width() + 1:
            return [f"{where} hides tabs behind its scroll arrows"]
        for index in range(widget.count()):
            shown = widget.tabRect(index).width()
            text = widget.tabText(index)
            if metrics.horizontalAdvance(text) > shown and not widget.tabToolTip(index):
                return [f"{where} cuts the tab {text!r}"]
    return []
