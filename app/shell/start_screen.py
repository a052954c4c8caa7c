"""The start screen shown on launch without a file: recent sessions, templates, open/new.

It only emits requests; the main window opens files, shows dialogs and creates sessions.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.editor.text_wrap import wrap_text
from app.shell.recent import RecentFiles
from app.theme_colors import current as current_colors
from canvas.icons import app_pixmap
from model.templates import list_templates

TITLE = "OpModel Studio"
TAGLINE = "Map how AI fits the way your teams work"
EMPTY_RECENT_TEXT = "No recent sessions yet"
EMPTY_RECENT_DETAIL = "Sessions you open or create appear here."
BLANK_TITLE = "Blank session"
BLANK_DESCRIPTION = "Start from an empty canvas and map a workflow from scratch."
SAVE_NOTE = "Every change is saved to the session file as you work."


KEY_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2
META_ROLE = Qt.ItemDataRole.UserRole + 3


def _font(px: int, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(px)
    font.setBold(bold)
    return font


def display_folder(path: Path) -> str:
    """The folder of ``path``, with the home directory shortened to ``~``."""
    folder = str(path.parent)
    home = str(Path.home())
    if folder == home or folder.startswith(home + os.sep):
        return "~" + folder[len(home) :]
    return folder


def modified_text(path: Path, today: date | None = None) -> str:
    """When ``path`` last changed, in words (empty when the file cannot be read)."""
    try:
        modified = datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return ""
    return friendly_time(modified, today)


def friendly_time(moment: datetime, today: date | None = None) -> str:
    """``Today, 14:05``, ``Yesterday, 09:12`` or ``12 Mar 2025`` for older dates."""
    today = today or date.today()
    days = (today - moment.date()).days
    if days == 0:
        return f"Today, {moment:%H:%M}"
    if days == 1:
        return f"Yesterday, {moment:%H:%M}"
    return f"{moment.day} {moment:%b %Y}"


@dataclass(frozen=True)
class _CardStyle:
    title_px: int = 17
    subtitle_px: int = 15
    title_lines: int = 2
    subtitle_lines: int = 4
    pad: int = 14
    gap: int = 10  # vertical space between cards


class _CardDelegate(QStyledItemDelegate):
    """Paints an entry as a white card: bold title and a wrapped grey subtitle."""

    def __init__(self, view: QListWidget, style: _CardStyle, elide_middle: bool) -> None:
        super().__init__(view)
        self._view = view
        self._style = style
        self._elide_middle = elide_middle
        self._title_font = _font(style.title_px, bold=True)
        self._subtitle_font = _font(style.subtitle_px)

    def _text_width(self) -> int:
        return max(80, self._view.viewport().width() - 2 * self._style.pad - 4)

    def _title_lines(self, index: QModelIndex | QPersistentModelIndex) -> list[str]:
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        return wrap_text(title, self._title_font, self._text_width(), self._style.title_lines)

    def _meta_width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        meta = str(index.data(META_ROLE) or "")
        return QFontMetrics(self._subtitle_font).horizontalAdvance(meta) + 16 if meta else 0

    def _subtitle_lines(self, index: QModelIndex | QPersistentModelIndex) -> list[str]:
        """The subtitle's lines, leaving room for the meta note at the end of the first."""
        text = str(index.data(SUBTITLE_ROLE) or "")
        width = self._text_width() - self._meta_width(index)
        if self._elide_middle:  # paths: one line, keep both ends
            metrics = QFontMetrics(self._subtitle_font)
            lines = [metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, width)] if text else []
        else:
            lines = wrap_text(text, self._subtitle_font, width, self._style.subtitle_lines)
        return lines or ([""] if index.data(META_ROLE) else [])

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """Title plus as many subtitle lines as the width needs, in padding."""
        lines = self._subtitle_lines(index)
        title_lines = max(1, len(self._title_lines(index)))
        height = (
            QFontMetrics(self._title_font).lineSpacing() * title_lines
            + (4 + QFontMetrics(self._subtitle_font).lineSpacing() * len(lines) if lines else 0)
            + 2 * self._style.pad
            + self._style.gap
        )
        return QSize(self._view.viewport().width(), height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw the card, its border (darker on hover, blue with keyboard focus) and its text."""
        style = self._style
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = option.rect.adjusted(1, 1, -1, -style.gap)
        state = option.state
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        colors = current_colors()
        border = colors.focus if focused else colors.hover_border if hovered else colors.border
        painter.setBrush(QColor(colors.card))
        painter.setPen(QPen(QColor(border), 2 if focused else 1))
        painter.drawRoundedRect(card, 8, 8)

        width = self._text_width()
        left = card.left() + style.pad
        top = card.top() + style.pad
        title_spacing = QFontMetrics(self._title_font).lineSpacing()
        spacing = QFontMetrics(self._subtitle_font).lineSpacing()
        painter.setFont(self._title_font)
        painter.setPen(QColor(colors.accent_text if hovered or focused else colors.text))
        y = top
        for line in self._title_lines(index):
            painter.drawText(
                QRect(left, y, width, title_spacing),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                line,
            )
            y += title_spacing

        painter.setFont(self._subtitle_font)
        painter.setPen(QColor(colors.muted))
        y += 4
        meta = str(index.data(META_ROLE) or "")
        if meta:  # e.g. the modified date, right-aligned on the first subtitle line
            painter.drawText(
                QRect(left, y, width, spacing),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                meta,
            )
        for line in self._subtitle_lines(index):
            painter.drawText(
                QRect(left, y, width, spacing),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                line,
            )
            y += spacing
        painter.restore()


class _CardList(QListWidget):
    """A list of cards; a click, Enter or Space on a card emits :attr:`entryActivated`."""

    #: The key (a path or a template name) of the card chosen.
    entryActivated = Signal(str)

    def __init__(self, style: _CardStyle, *, elide_middle: bool = False) -> None:
        super().__init__()
        self._laid_out_width = -1
        self.setItemDelegate(_CardDelegate(self, style, elide_middle))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(False)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(
            "QListWidget { background: transparent; border: none; }"
            "QScrollBar:vertical { background: transparent; width: 10px; margin: 0 0 0 2px; }"
            "QScrollBar::handle:vertical { background: #9CA3AF; border-radius: 4px;"
            " min-height: 40px; }"
            "QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }"
            "QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; }"
        )
        self.viewport().setAutoFillBackground(False)
        self.clicked.connect(self._emit_for)

    def add_card(
        self, key: str, title: str, subtitle: str, *, meta: str = "", tooltip: str = ""
    ) -> None:
        """Append a card; ``key`` is what :attr:`entryActivated` carries.

        ``meta`` is a short grey note shown right-aligned under the title (e.g. a date).
        """
        item = QListWidgetItem(title)
        item.setData(KEY_ROLE, key)
        item.setData(SUBTITLE_ROLE, subtitle)
        item.setData(META_ROLE, meta)
        description = f"{subtitle}, {meta}" if meta else subtitle
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, description)
        item.setToolTip(tooltip or subtitle)
        self.addItem(item)

    def item_for(self, key: str) -> QListWidgetItem:
        """The card carrying ``key``; raises KeyError when there is none."""
        for row in range(self.count()):
            item = self.item(row)
            if item.data(KEY_ROLE) == key:
                return item
        raise KeyError(key)

    def _emit_for(self, index: QModelIndex) -> None:
        key = index.data(KEY_ROLE)
        if key is not None:
            self.entryActivated.emit(str(key))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter, Return or Space opens the current card."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            index = self.currentIndex()
            if index.isValid():
                self._emit_for(index)
                event.accept()
                return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Tabbing in selects the first card, so the focus is always visible."""
        super().focusInEvent(event)
        if self.count() and not self.currentIndex().isValid():
            self.setCurrentRow(0)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Repaint so the focus border disappears."""
        super().focusOutEvent(event)
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-wrap the subtitles when the width changes."""
        super().resizeEvent(event)
        width = self.viewport().width()
        if width != self._laid_out_width:
            self._laid_out_width = width
            self.scheduleDelayedItemsLayout()


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setFont(_font(20, bold=True))
    return label


class StartScreen(QWidget):
    """What a facilitator sees on launch with no file: recent sessions, templates, open/new."""

    #: A recent session was chosen: its path.
    openRequested = Signal(str)
    #: "Open file…": the main window shows the file dialog.
    openFileRequested = Signal()
    #: A template was chosen (its name), or "" for a blank session.
    newRequested = Signal(str)

    def __init__(self, recent: RecentFiles, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recent = recent
        self.setObjectName("StartScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)

        self.recent_list = _CardList(_CardStyle(title_lines=2, subtitle_lines=1), elide_middle=True)
        self.recent_list.setAccessibleName("Recent sessions")
        self.recent_list.entryActivated.connect(self.openRequested)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("EmptyRecent")
        self.empty_label.setAccessibleName(EMPTY_RECENT_TEXT)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.template_list = _CardList(_CardStyle())
        self.template_list.setAccessibleName("New from template")
        self.template_list.entryActivated.connect(self.newRequested)
        self.template_list.add_card("", BLANK_TITLE, BLANK_DESCRIPTION)
        for template in list_templates():
            self.template_list.add_card(template.name, template.title, template.description)

        self.open_button = QPushButton("Open file…")
        self.open_button.setToolTip("Open an existing .opmodel session file")
        self.open_button.clicked.connect(self.openFileRequested)
        self.new_button = QPushButton("New blank session")
        self.new_button.setObjectName("PrimaryButton")
        self.new_button.setToolTip("Start a new, empty session file")
        self.new_button.clicked.connect(lambda: self.newRequested.emit(""))
        for button in (self.open_button, self.new_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setMinimumHeight(52)
            button.setAutoDefault(True)  # Enter presses the focused button

        self._build_layout()
        self._restyle()
        self.refresh()

    def _restyle(self) -> None:
        """Colour the page, its cards and buttons for the theme applied last."""
        c = current_colors()
        sheet = (
            f"#StartScreen {{ background: {c.page}; }}"
            f"QLabel {{ color: {c.text}; }}"
            f"QLabel#Muted {{ color: {c.muted}; }}"
            "QPushButton { font-size: 17px; padding: 12px 20px; border-radius: 8px;"
            f" border: 1px solid {c.border}; background: {c.card}; color: {c.text};"
            " text-align: left; }"
            f"QPushButton:hover {{ border-color: {c.hover_border}; }}"
            f"QPushButton:focus {{ border: 2px solid {c.focus}; padding: 11px 19px; }}"
            f"QPushButton#PrimaryButton {{ background: {c.primary}; color: {c.primary_text};"
            f" border-color: {c.primary}; font-weight: bold; }}"
            f"QPushButton#PrimaryButton:hover {{ background: {c.primary_hover}; }}"
            f"QPushButton#PrimaryButton:focus {{ border: 2px solid {c.text}; }}"
            f"#EmptyRecent {{ border: 2px dashed {c.border}; border-radius: 8px;"
            " padding: 28px 16px; }"
        )
        self.empty_label.setText(
            f"<div style='font-size:17px; font-weight:bold; color:{c.text}'>"
            f"{EMPTY_RECENT_TEXT}</div>"
            f"<div style='font-size:15px; color:{c.muted}; margin-top:6px'>"
            f"{EMPTY_RECENT_DETAIL}</div>"
        )
        if self.styleSheet() != sheet:  # setting it sends a StyleChange: no loop
            self.setStyleSheet(sheet)
            for cards in (self.recent_list, self.template_list):
                cards.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        """A new theme: recolour."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.PaletteChange) and hasattr(
            self, "template_list"
        ):
            self._restyle()

    def _build_layout(self) -> None:
        icon = QLabel()
        icon.setPixmap(app_pixmap(64, self.devicePixelRatioF()))
        icon.setFixedSize(64, 64)
        title = QLabel(TITLE)
        title.setFont(_font(40, bold=True))
        tagline = QLabel(TAGLINE)
        tagline.setFont(_font(20))
        tagline.setObjectName("Muted")
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(title)
        titles.addWidget(tagline)
        header = QHBoxLayout()
        header.setSpacing(20)
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addLayout(titles)
        header.addStretch(1)

        recent_column = QVBoxLayout()
        recent_column.setSpacing(12)
        recent_column.addWidget(_heading("Recent sessions"))
        recent_column.addWidget(self.recent_list, 1)
        recent_column.addWidget(self.empty_label)
        recent_column.addStretch(0)

        template_column = QVBoxLayout()
        template_column.setSpacing(12)
        template_column.addWidget(_heading("New from template"))
        template_column.addWidget(self.template_list, 1)

        note = QLabel(SAVE_NOTE)
        note.setWordWrap(True)
        note.setFont(_font(15))
        note.setObjectName("Muted")
        action_column = QVBoxLayout()
        action_column.setSpacing(12)
        action_column.addWidget(_heading("Start"))
        action_column.addWidget(self.new_button)
        action_column.addWidget(self.open_button)
        action_column.addSpacing(8)
        action_column.addWidget(note)
        action_column.addStretch(1)

        columns = QHBoxLayout()
        columns.setSpacing(40)
        columns.addLayout(recent_column, 4)
        columns.addLayout(template_column, 5)
        columns.addLayout(action_column, 3)

        content = QWidget()
        content.setMaximumWidth(1180)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(40)
        content_layout.addLayout(header)
        content_layout.addLayout(columns, 1)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(56, 48, 56, 40)
        outer.addStretch(1)
        outer.addWidget(content, 100)
        outer.addStretch(1)

        self.setTabOrder(self.recent_list, self.template_list)
        self.setTabOrder(self.template_list, self.new_button)
        self.setTabOrder(self.new_button, self.open_button)

    # -- public API -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the recent sessions (missing files drop out) and show them."""
        self.recent_list.clear()
        paths = self._recent.paths()
        for path in paths:
            self.recent_list.add_card(
                str(path),
                path.stem,
                display_folder(path),
                meta=modified_text(path),
                tooltip=str(path),
            )
        self.recent_list.setVisible(bool(paths))
        self.empty_label.setVisible(not paths)
        self.recent_list.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if paths else Qt.FocusPolicy.NoFocus
        )

    def recent_entry_rect(self, path: str | Path) -> QRect:
        """The card of recent session ``path`` in the recent list's viewport coordinates."""
        item = self.recent_list.item_for(str(path))
        self.recent_list.scrollToItem(item)
        return self.recent_list.visualItemRect(item)

    def template_entry_rect(self, name: str) -> QRect:
        """The card of template ``name`` ("" for the blank session) in viewport coordinates."""
        item = self.template_list.item_for(name)
        self.template_list.scrollToItem(item)
        return self.template_list.visualItemRect(item)

    def focus_first_entry(self) -> None:
        """Put the keyboard focus on the first recent session, or on the templates."""
        target = self.recent_list if self.recent_list.count() else self.template_list
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        """Re-read the recent list each time the screen comes back."""
        super().showEvent(event)
        self.refresh()
