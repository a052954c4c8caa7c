"""The palette dock: every element kind, grouped by component, to drag onto the canvas.

Each entry shows the kind's icon, its name and its one-line hint. Dragging an entry starts a
drag carrying the kind id under :data:`canvas.mime.KIND_MIME`; double-click or Enter emits
:attr:`Palette.kindActivated` so the main window can add the kind without a mouse drag.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDrag,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.editor.text_wrap import wrap_text
from app.theme_colors import current as current_colors
from canvas.icons import kind_icon, kind_pixmap
from canvas.mime import KIND_MIME
from model.appearance import style_for
from model.kinds import KindSpec, kinds_of_component
from model.vocabulary import COMPONENTS

#: Group header of the kinds that serve no component (the sticky note).
FACILITATION_GROUP = "Facilitation"

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
HINT_ROLE = Qt.ItemDataRole.UserRole + 2
HEADER_ROLE = Qt.ItemDataRole.UserRole + 3

NAME_PX = 16
HINT_PX = 13
HEADER_PX = 15
ICON_PX = 32
DRAG_PIXMAP_PX = 48
#: The light tile under a kind's icon in the dark theme.
ICON_TILE = "#E5E7EB"
#: Narrowest palette that still shows every group title and two words of hint per line.
MIN_WIDTH = 260
#: At most this many lines of hint text under an entry's name.
HINT_MAX_LINES = 3


@dataclass(frozen=True)
class PaletteGroup:
    """One group of the palette: a header and the kinds listed under it."""

    title: str
    kinds: tuple[KindSpec, ...]


def palette_groups() -> list[PaletteGroup]:
    """The palette's groups: the seven components in spec order, then facilitation."""
    groups = [
        PaletteGroup(component.name, tuple(kinds_of_component(component.id)))
        for component in COMPONENTS
    ]
    groups.append(PaletteGroup(FACILITATION_GROUP, tuple(kinds_of_component(None))))
    return [group for group in groups if group.kinds]


def _font(px: int, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(px)
    font.setBold(bold)
    return font


class _EntryDelegate(QStyledItemDelegate):
    """Paints group headers and two-line entries (bold name, wrapped grey hint)."""

    H_PAD = 14
    RIGHT_PAD = 8
    V_PAD = 9
    GAP = 12
    HEADER_HEIGHT = 36

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self._view = view
        self._name_font = _font(NAME_PX, bold=True)
        self._hint_font = _font(HINT_PX)
        self._header_font = _font(HEADER_PX, bold=True)

    # -- geometry ---------------------------------------------------------------------------

    def _text_width(self, row_width: int) -> int:
        return max(60, row_width - self.H_PAD - self.RIGHT_PAD - ICON_PX - self.GAP)

    def _hint_lines(self, hint: str, width: int) -> list[str]:
        """``hint`` wrapped to ``width``, at most HINT_MAX_LINES lines (the last elided)."""
        return wrap_text(hint, self._hint_font, width, HINT_MAX_LINES)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """Header rows are fixed; entry rows grow with the wrapped hint."""
        width = self._view.viewport().width()
        if index.data(HEADER_ROLE):
            return QSize(width, self.HEADER_HEIGHT)
        lines = self._hint_lines(str(index.data(HINT_ROLE) or ""), self._text_width(width))
        name_h = QFontMetrics(self._name_font).height()
        hint_h = QFontMetrics(self._hint_font).lineSpacing() * len(lines)
        height = max(ICON_PX, name_h + 2 + hint_h) + 2 * self.V_PAD
        return QSize(width, height)

    # -- painting ---------------------------------------------------------------------------

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw a header or an entry into ``option.rect``."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if index.data(HEADER_ROLE):
            self._paint_header(painter, option.rect, str(index.data(Qt.ItemDataRole.DisplayRole)))
        else:
            self._paint_entry(painter, option, index)
        painter.restore()

    def _paint_header(self, painter: QPainter, rect: QRect, title: str) -> None:
        colors = current_colors()
        painter.setFont(self._header_font)
        painter.setPen(QColor(colors.muted))
        text_rect = rect.adjusted(self.H_PAD, 0, -self.RIGHT_PAD, -6)
        metrics = QFontMetrics(self._header_font)
        title = metrics.elidedText(title, Qt.TextElideMode.ElideRight, text_rect.width())
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
        painter.drawText(text_rect, int(flags), title)
        # A hairline from the end of the title to the right edge separates the groups.
        line_left = text_rect.left() + metrics.horizontalAdvance(title) + 10
        if line_left < text_rect.right():
            y = text_rect.bottom() - metrics.descent() - metrics.xHeight() // 2
            painter.setPen(QPen(QColor(colors.rule), 1))
            painter.drawLine(line_left, y, text_rect.right(), y)

    def _paint_entry(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        colors = current_colors()
        rect = option.rect.adjusted(4, 2, -4, -2)
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        if selected or hovered:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colors.selected if selected else colors.hover))
            painter.drawRoundedRect(rect, 6, 6)
        if focused:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(colors.focus), 2))
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 6, 6)

        kind = str(index.data(KIND_ROLE))
        full = option.rect
        icon_rect = QRect(full.left() + self.H_PAD, full.top() + self.V_PAD, ICON_PX, ICON_PX)
        if colors.name == "dark":  # the kinds' dark accents sit on a light tile, as on paper
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(ICON_TILE))
            painter.drawRoundedRect(icon_rect.adjusted(-3, -3, 3, 3), 6, 6)
        kind_icon(kind).paint(painter, icon_rect)

        text_left = icon_rect.right() + 1 + self.GAP
        text_width = self._text_width(full.width())
        name_metrics = QFontMetrics(self._name_font)
        painter.setFont(self._name_font)
        painter.setPen(QColor(colors.text))
        name = str(index.data(Qt.ItemDataRole.DisplayRole))
        name_rect = QRect(text_left, full.top() + self.V_PAD, text_width, name_metrics.height())
        painter.drawText(
            name_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            name_metrics.elidedText(name, Qt.TextElideMode.ElideRight, text_width),
        )

        painter.setFont(self._hint_font)
        painter.setPen(QColor(colors.muted))
        hint_metrics = QFontMetrics(self._hint_font)
        y = name_rect.bottom() + 3
        for line in self._hint_lines(str(index.data(HINT_ROLE) or ""), text_width):
            line_rect = QRect(text_left, y, text_width, hint_metrics.lineSpacing())
            painter.drawText(
                line_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), line
            )
            y += hint_metrics.lineSpacing()

        if hovered or selected:
            # A small accent bar in the kind's colour marks the entry under the pointer.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(style_for(kind).accent))
            bar = QRect(rect.left() + 4, rect.top() + 8, 3, rect.height() - 16)
            painter.drawRoundedRect(bar, 1.5, 1.5)


class _PaletteList(QTreeWidget):
    """The flat list behind the palette: headers and entries, drag source, Enter to add."""

    def __init__(self, palette: Palette) -> None:
        super().__init__(palette)
        self._palette = palette
        self._laid_out_width = -1
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setRootIsDecorated(False)
        self.setIndentation(0)
        self.setUniformRowHeights(False)
        self.setItemsExpandable(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setItemDelegate(_EntryDelegate(self))

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        """Drag the pressed entry's kind (headers never drag)."""
        item = self.currentItem()
        kind = item.data(0, KIND_ROLE) if item is not None else None
        if kind:
            self._palette._exec_drag(self._palette._create_drag(str(kind)))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Double-click on an entry adds its kind (headers do nothing)."""
        super().mouseDoubleClickEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            kind = self.indexAt(event.position().toPoint()).data(KIND_ROLE)
            if kind:
                self._palette.kindActivated.emit(str(kind))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter/Return on an entry adds its kind."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.currentItem()
            kind = item.data(0, KIND_ROLE) if item is not None else None
            if kind and not item.isHidden():
                self._palette.kindActivated.emit(str(kind))
                event.accept()
                return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-wrap the hints when the width changes."""
        super().resizeEvent(event)
        width = self.viewport().width()
        if width != self._laid_out_width:
            self._laid_out_width = width
            self.scheduleDelayedItemsLayout()


class Palette(QWidget):
    """The palette of element kinds: drag an entry onto the canvas, or double-click it."""

    #: A kind was chosen with double-click or Enter: add it at the view centre.
    kindActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Palette")
        self.setMinimumWidth(MIN_WIDTH)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("PaletteFilter")
        self.filter_edit.setPlaceholderText("Filter elements…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setFont(_font(15))
        self.filter_edit.setToolTip("Type to narrow the palette by name or description")
        self.list = _PaletteList(self)
        self.list.setObjectName("PaletteList")
        self.list.setAccessibleName("Element palette")
        self.empty_label = QLabel("No element matches the filter")
        self.empty_label.setObjectName("PaletteEmpty")
        self.empty_label.setFont(_font(14))

        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        layout.addStretch(0)
        self._restyle()

        self._items: dict[str, QTreeWidgetItem] = {}
        self._headers: list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = []
        self._populate()

        self.filter_edit.textChanged.connect(self.set_filter)
        self.filter_edit.returnPressed.connect(self._activate_first_match)
        self.filter_edit.installEventFilter(self)

    # -- building ---------------------------------------------------------------------------
    def _restyle(self) -> None:
        """Colour the filter and the list for the theme applied last."""
        if not hasattr(self, "list"):  # a style change while being built
            return
        colors = current_colors()
        sheet = (
            f"#PaletteFilter {{ padding: 6px 8px; border: 1px solid {colors.hover_border};"
            f" border-radius: 6px; background: {colors.card}; color: {colors.text}; }}"
            f"#PaletteFilter:focus {{ border: 2px solid {colors.focus}; padding: 5px 7px; }}"
            f"#PaletteList {{ background: {colors.card}; }}"
            f"#PaletteEmpty {{ color: {colors.muted}; padding: 12px; }}"
        )
        if self.styleSheet() != sheet:  # setting it sends a StyleChange: no loop
            self.setStyleSheet(sheet)
            self.list.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        """A new theme: recolour."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
            self._restyle()

    def _populate(self) -> None:
        for group in palette_groups():
            header = QTreeWidgetItem([group.title])
            header.setData(0, HEADER_ROLE, True)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addTopLevelItem(header)
            entries = []
            for spec in group.kinds:
                item = QTreeWidgetItem([spec.name])
                item.setData(0, KIND_ROLE, spec.id)
                item.setData(0, HINT_ROLE, spec.hint)
                item.setToolTip(0, spec.hint)
                item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, spec.hint)
                item.setIcon(0, kind_icon(spec.id))
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
                self.list.addTopLevelItem(item)
                self._items[spec.id] = item
                entries.append(item)
            self._headers.append((header, entries))

    # -- public API -------------------------------------------------------------------------

    def kinds(self) -> list[str]:
        """Every kind id listed, in palette order."""
        return list(self._items)

    def visible_kinds(self) -> list[str]:
        """The kind ids the current filter lets through, in palette order."""
        return [kind for kind, item in self._items.items() if not item.isHidden()]

    def group_of(self, kind: str) -> str:
        """The title of the group ``kind`` is listed under."""
        item = self._items[kind]
        for header, entries in self._headers:
            if item in entries:
                return header.text(0)
        raise KeyError(kind)

    def set_filter(self, text: str) -> None:
        """Show only entries whose name or hint contains ``text`` (case-insensitive)."""
        if self.filter_edit.text() != text:
            self.filter_edit.setText(text)  # re-enters through textChanged
            return
        needle = text.strip().casefold()
        any_visible = False
        for header, entries in self._headers:
            group_visible = False
            for item in entries:
                haystack = f"{item.text(0)} {item.data(0, HINT_ROLE)}".casefold()
                match = not needle or needle in haystack
                item.setHidden(not match)
                group_visible = group_visible or match
            header.setHidden(not group_visible)
            any_visible = any_visible or group_visible
        self.empty_label.setVisible(not any_visible)
        current = self.list.currentItem()
        if current is not None and current.isHidden():
            self.list.setCurrentItem(None)

    def entry_rect(self, kind: str) -> QRect:
        """The rectangle of ``kind``'s entry in the list's viewport (scrolled into view)."""
        item = self._items[kind]
        self.list.scrollToItem(item)
        return self.list.visualItemRect(item)

    def mime_data_for(self, kind: str) -> QMimeData:
        """The drag payload of ``kind``: its id as UTF-8 under :data:`KIND_MIME`."""
        mime = QMimeData()
        mime.setData(KIND_MIME, kind.encode("utf-8"))
        return mime

    # -- drag and activation ----------------------------------------------------------------

    def _create_drag(self, kind: str) -> QDrag:
        """A drag of ``kind`` from the list, with the kind's icon as the drag image."""
        drag = QDrag(self.list)
        drag.setMimeData(self.mime_data_for(kind))
        pixmap = kind_pixmap(kind, DRAG_PIXMAP_PX, self.devicePixelRatioF())
        drag.setPixmap(pixmap)
        drag.setHotSpot(QPoint(DRAG_PIXMAP_PX // 2, DRAG_PIXMAP_PX // 2))
        return drag

    def _exec_drag(self, drag: QDrag) -> Qt.DropAction:
        """Run ``drag`` (blocks until the drop, as QDrag.exec does)."""
        return drag.exec(Qt.DropAction.CopyAction, Qt.DropAction.CopyAction)

    def _activate_first_match(self) -> None:
        """Enter in the filter adds the first entry the filter lets through."""
        visible = self.visible_kinds()
        if self.filter_edit.text().strip() and visible:
            self.kindActivated.emit(visible[0])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down arrow in the filter moves into the list, to the first visible entry."""
        if (
            watched is self.filter_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        ):
            visible = self.visible_kinds()
            if visible:
                self.list.setFocus(Qt.FocusReason.TabFocusReason)
                self.list.setCurrentItem(self._items[visible[0]])
                return True
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        """A comfortable dock width for two-line entries."""
        return QSize(300, 640)
