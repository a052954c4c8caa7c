"""The main window: wires the session document to the views. It holds no domain logic."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QTreeWidget, QTreeWidgetItem

from storage.document import SessionDocument


class MainWindow(QMainWindow):
    """The OpModel Studio main window (a session outline until the canvas lands)."""

    def __init__(self) -> None:
        super().__init__()
        self.document: SessionDocument | None = None
        self.outline = QTreeWidget()
        self.outline.setHeaderLabels(["Workflow / element", "Kind"])
        self.setCentralWidget(self.outline)
        self.resize(1280, 800)
        self.setWindowTitle("OpModel Studio")

    def set_document(self, document: SessionDocument) -> None:
        """Show ``document``; the previous one, if any, is closed."""
        self.shutdown()
        self.document = document
        self.setWindowTitle(f"{document.session.workshop.title} — OpModel Studio")
        self.outline.clear()
        for workflow in document.session.ordered_workflows():
            top = QTreeWidgetItem([workflow.name, workflow.function])
            for element in document.session.workflow_elements(workflow.id):
                top.addChild(QTreeWidgetItem([element.label, element.kind]))
            self.outline.addTopLevelItem(top)
        self.outline.expandAll()

    def shutdown(self) -> None:
        """Close the open document (every edit is already in its file)."""
        if self.document is not None:
            self.document.close()
            self.document = None
