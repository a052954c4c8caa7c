"""Help → About: the version, what the app is for, and the licences of everything it ships.

The list comes from ``resources/licenses/index.json`` (:func:`resources.about.components`);
picking a component shows what it does in the app and its licence texts, read from
``resources`` (no network). Qt and PySide6 come first, with the LGPL notice that says how
to get their source and how to replace the libraries.
"""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from canvas.icons import app_pixmap
from resources.about import APP_NAME, Component, __version__, components

ABOUT = (
    "OpModel Studio maps how AI fits the way work is performed, governed, measured "
    "and improved. Every edit is saved in the session file as you make it."
)
LGPL_SUMMARY = (
    "OpModel Studio uses Qt 6 through PySide6 under the GNU LGPL v3. Qt and PySide6 are "
    "shipped unmodified as separate libraries: you may get their source code and replace "
    "them with your own builds (see the Qt 6 entry below). The open-source components "
    "shipped with the app and their licences:"
)


def runtime_versions() -> str:
    """The versions of Qt, PySide6 and Python this copy runs on."""
    return f"Qt {qVersion()} · PySide6 {PySide6.__version__} · Python {platform.python_version()}"


class AboutDialog(QDialog):
    """The About box: version, purpose, and a browsable list of shipped licences."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APP_NAME}")
        self.resize(820, 600)
        self._components = components()

        icon = QLabel()
        icon.setPixmap(app_pixmap(64, self.devicePixelRatioF()))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.version_label = QLabel(f"<h2>{APP_NAME} {__version__}</h2>")
        self.version_label.setObjectName("aboutVersion")
        text = QLabel(f"{ABOUT}<br><small>{runtime_versions()}</small>")
        text.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(self.version_label)
        heading.addWidget(text)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(heading, 1)

        notice = QLabel(LGPL_SUMMARY)
        notice.setWordWrap(True)

        self.licence_list = QListWidget()
        self.licence_list.setObjectName("licenceList")
        for component in self._components:
            item = QListWidgetItem(f"{component.name} — {component.licence}")
            item.setToolTip(component.what)
            self.licence_list.addItem(item)
        self.licence_text = QPlainTextEdit()
        self.licence_text.setObjectName("licenceText")
        self.licence_text.setReadOnly(True)
        self.licence_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        fixed = QFont("monospace")
        fixed.setStyleHint(QFont.StyleHint.Monospace)
        self.licence_text.setFont(fixed)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.licence_list)
        splitter.addWidget(self.licence_text)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([300, 520])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(notice)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self.licence_list.currentRowChanged.connect(self._show)
        if self._components:
            self.licence_list.setCurrentRow(0)

    def show_component(self, name: str) -> None:
        """Select the component called ``name`` (KeyError when none is)."""
        for row, component in enumerate(self._components):
            if component.name == name:
                self.licence_list.setCurrentRow(row)
                return
        raise KeyError(name)

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self._components):
            self.licence_text.clear()
            return
        self.licence_text.setPlainText(_describe(self._components[row]))
        self.licence_text.moveCursor(self.licence_text.textCursor().MoveOperation.Start)


def _describe(component: Component) -> str:
    head = component.name + (f" {component.version}" if component.version else "")
    lines = [head, f"Licence: {component.licence}"]
    if component.what:
        lines.append(component.what)
    return "\n".join(lines) + "\n\n" + component.text()


def show_about(parent: QWidget) -> AboutDialog:
    """Show the About box of ``parent`` (raised again if it is already open)."""
    dialog = parent.findChild(AboutDialog)
    if dialog is None:
        dialog = AboutDialog(parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
