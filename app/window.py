"""The main window: wires docks, menus and the open session together. No domain logic here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.actions import ActionRegistry, ActionSpec
from app.agenda_panel import TimerAgendaPane
from app.analysis_runner import AnalysisRunner
from app.assessment_dialog import AssessmentDialog
from app.blueprint_export import BlueprintExport, start_with_progress
from app.editing import EditingActions
from app.facilitation_docks import FacilitationDocks, scrollable
from app.findings_panel import FindingsPanel
from app.inspector import Inspector
from app.palette import Palette
from app.presentation import PresentationMode
from app.read_only_banner import ReadOnlyBanner
from app.recent import RecentFiles
from app.score_strip import ScoreStrip
from app.session_view import SessionView
from app.start_screen import StartScreen
from app.theme import NORMAL_THEMES, active_theme, apply_theme, save_theme, saved_theme
from app.undo import UndoBridge
from canvas.icons import app_icon
from canvas.minimap import Minimap
from model import edits
from storage.document import SessionDocument
from storage.files import SessionFileError
from storage.lock import SessionLockedError
from storage.store import same_file

SESSION_FILTER = "OpModel sessions (*.opmodel)"
StdKey = QKeySequence.StandardKey


class MainWindow(QMainWindow):
    """OpModel Studio's main window: start screen, workflow canvases and docks."""

    def __init__(self, recent: RecentFiles | None = None) -> None:
        super().__init__()
        self.setWindowIcon(app_icon())
        self.resize(1440, 900)
        self.document: SessionDocument | None = None
        self.bridge: UndoBridge | None = None
        self.canvas: SessionView | None = None
        self.editing: EditingActions | None = None
        self.runner: AnalysisRunner | None = None
        self.blueprint_job: BlueprintExport | None = None
        self.timer_agenda: TimerAgendaPane | None = None
        self.recent = recent or RecentFiles()

        self.start_screen = StartScreen(self.recent)
        self.score_strip = ScoreStrip()
        self.session_page = QWidget()
        page_layout = QVBoxLayout(self.session_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        page_layout.addWidget(self.score_strip)
        self.read_only_banner = ReadOnlyBanner()
        self.read_only_banner.saveAsRequested.connect(self.save_as_dialog)
        page_layout.addWidget(self.read_only_banner)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_screen)
        self.stack.addWidget(self.session_page)
        self.setCentralWidget(self.stack)

        self.palette = Palette()
        self.inspector = Inspector(self._push)
        self.minimap = Minimap()
        self.findings = FindingsPanel()
        self.findings.findingActivated.connect(self._reveal)
        self.docks = {
            "palette": self._dock("Palette", self.palette, Qt.DockWidgetArea.LeftDockWidgetArea),
            "minimap": self._dock("Overview", self.minimap, Qt.DockWidgetArea.LeftDockWidgetArea),
            "inspector": self._dock(
                "Inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea
            ),
            "findings": self._dock(
                "Findings", scrollable(self.findings), Qt.DockWidgetArea.RightDockWidgetArea
            ),
            "agenda": self._dock("Agenda", None, Qt.DockWidgetArea.RightDockWidgetArea),
        }
        self.docks["agenda"].setObjectName("dock-agenda")
        self.tabifyDockWidget(self.docks["findings"], self.docks["agenda"])
        self.facilitation = FacilitationDocks(self, self._dock)
        self.docks.update(self.facilitation.docks)
        self.presentation = PresentationMode(self)
        self.zoom_label = QLabel("100 %")
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.actions_ = ActionRegistry(self, self.stack)
        self._build_menus()
        self.presentation.activeChanged.connect(self._presentation_changed)
        self._apply_theme(saved_theme(self._settings()))

        self.start_screen.openRequested.connect(lambda path: self.open_session(Path(path)))
        self.start_screen.openFileRequested.connect(self.open_dialog)
        self.start_screen.newRequested.connect(self.new_dialog)
        self.palette.kindActivated.connect(self._add_kind_at_centre)
        self._show_session_ui(False)

    # -- building ----------------------------------------------------------------------
    def _dock(self, title: str, widget: QWidget | None, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        if widget is not None:
            dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        a = ActionSpec
        bar = self.menuBar()
        r = self.actions_
        r.add_menu(
            bar.addMenu("&File"),
            [
                a("new", "&New session…", lambda: self.new_dialog(""), StdKey.New),
                a("new_template", "New from &template…", self.show_start_screen),
                a("open", "&Open…", self.open_dialog, StdKey.Open),
                a("import", "&Import JSON…", self.import_dialog),
                a("save_as", "Save &as…", self.save_as_dialog, StdKey.SaveAs),
                None,
                a("export_image", "&Export canvas image…", self.export_image_dialog),
                a("export_pdf", "Export &blueprint (PDF)…", self.export_blueprint_dialog, "Ctrl+E"),
                a(
                    "export_pdf_stakeholder",
                    "Export &stakeholder blueprint (PDF)…",
                    lambda: self.export_blueprint_dialog(stakeholder=True),
                ),
                None,
                a("close", "&Close session", self.close_session, StdKey.Close),
                a("quit", "&Quit", self.close, StdKey.Quit),
            ],
        )
        ed = self._editing_call
        r.add_menu(
            bar.addMenu("&Edit"),
            [
                a("undo", "&Undo", self._undo, StdKey.Undo),
                a("redo", "&Redo", self._redo, (StdKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y")),
                None,
                a("cut", "Cu&t", ed("cut"), StdKey.Cut, canvas_only=True),
                a("copy", "&Copy", ed("copy"), StdKey.Copy, canvas_only=True),
                a("paste", "&Paste", ed("paste"), StdKey.Paste, canvas_only=True),
                a("duplicate", "D&uplicate", ed("duplicate"), "Ctrl+D", canvas_only=True),
                a("delete", "&Delete", ed("delete"), StdKey.Delete, canvas_only=True),
                a("rename", "Re&name", ed("rename"), "F2", canvas_only=True),
                None,
                a(
                    "select_all",
                    "Select &all",
                    ed("select_all"),
                    StdKey.SelectAll,
                    canvas_only=True,
                ),
            ],
        )
        arrange_menu = bar.addMenu("&Arrange")
        r.add_menu(
            arrange_menu,
            [
                a("align_left", "Align &left", ed("align", "left"), "Ctrl+Alt+Left"),
                a("align_right", "Align &right", ed("align", "right"), "Ctrl+Alt+Right"),
                a("align_top", "Align &top", ed("align", "top"), "Ctrl+Alt+Up"),
                a("align_bottom", "Align &bottom", ed("align", "bottom"), "Ctrl+Alt+Down"),
                a("align_h_center", "Align centres &horizontally", ed("align", "h_center")),
                a("align_v_center", "Align centres &vertically", ed("align", "v_center")),
                None,
                a("distribute_h", "Distribute hori&zontally", ed("distribute", "horizontal")),
                a("distribute_v", "Distribute verti&cally", ed("distribute", "vertical")),
                None,
                a("snap", "&Snap to grid", self._toggle_snap, checkable=True, checked=True),
                a("auto_layout", "&Auto-layout workflow", ed("auto_layout"), "Ctrl+L"),
            ],
        )
        view_menu = bar.addMenu("&View")
        r.add_menu(
            view_menu,
            [
                a("zoom_in", "Zoom &in", self._view_call("zoom_in"), StdKey.ZoomIn),
                a("zoom_out", "Zoom &out", self._view_call("zoom_out"), StdKey.ZoomOut),
                a("zoom_reset", "&Actual size", self._view_call("reset_zoom"), "Ctrl+0"),
                a("zoom_fit", "&Fit to view", self._view_call("fit_to_view"), "Ctrl+Shift+F"),
                None,
                a(
                    "presentation",
                    "&Presentation mode",
                    self._toggle_presentation,
                    "F5",
                    checkable=True,
                ),
            ],
        )
        theme_menu = view_menu.addMenu("&Theme")
        themes = QActionGroup(self)
        for name in NORMAL_THEMES:
            spec = a(f"theme_{name}", f"&{name.title()}", self._theme_call(name), checkable=True)
            themes.addAction(r.create(spec))
            theme_menu.addAction(r[spec.name])
        view_menu.addSeparator()
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        r.add_menu(
            bar.addMenu("&Workflow"),
            [
                a("workflow_new", "&New workflow", self.add_workflow, "Ctrl+Shift+N"),
                a("workflow_props", "Workflow &properties", self._show_workflow_props),
                a("workshop_props", "Works&hop properties", self._show_workshop_props),
                None,
                a("workflow_delete", "&Delete workflow…", self.delete_workflow),
            ],
        )
        r.add_menu(
            bar.addMenu("Wor&kshop"),
            [
                a("assessment", "&Maturity self-assessment…", self.run_assessment, "Ctrl+Shift+M"),
                a("snapshot", "Take &snapshot…", self._take_snapshot, "Ctrl+Alt+S"),
                a(
                    "prioritise",
                    "&Prioritisation matrix",
                    self._show_prioritisation,
                    "Ctrl+Shift+P",
                ),
                a("vote", "Dot &voting", lambda: self._raise_dock("voting"), "Ctrl+Shift+V"),
                a("people", "P&articipants", lambda: self._raise_dock("participants")),
                a("parking", "Parking &lot", lambda: self._raise_dock("parking_lot")),
                None,
                a(
                    "sticky_note",
                    "New sticky &note",
                    lambda: self._add_kind_at_centre("note"),
                    "N",
                    canvas_only=True,
                ),
            ],
        )
        r.add_menu(
            bar.addMenu("&Help"),
            [a("about", "&About OpModel Studio", self._about)],
        )

    # -- session lifecycle -------------------------------------------------------------
    def set_document(self, document: SessionDocument) -> None:
        """Show ``document`` in the window; the previous session, if any, is closed."""
        self.close_session()
        self.document = document
        self.bridge = UndoBridge(document, self)
        self.bridge.failed.connect(self._edit_not_saved)
        self.bridge.stack.indexChanged.connect(self._update_undo_actions)
        self.canvas = SessionView(self.bridge)
        self.canvas.message.connect(self._status)
        self.canvas.selectionChanged.connect(self._selection_changed)
        self.canvas.currentChanged.connect(self._current_tab_changed)
        self.canvas.zoomChanged.connect(self._show_zoom)
        self.editing = EditingActions(self.canvas, self)
        self.editing.message.connect(self._status)
        self.session_page.layout().addWidget(self.canvas, 1)
        self.stack.setCurrentWidget(self.session_page)
        self.runner = AnalysisRunner(document, self)
        self.runner.updated.connect(self._show_analysis)
        self.inspector.set_document(document)
        self.timer_agenda = TimerAgendaPane(self.bridge)
        self.docks["agenda"].setWidget(scrollable(self.timer_agenda))
        self.facilitation.attach(
            self.bridge, self.canvas, lambda: self.stack.setCurrentWidget(self.session_page)
        )
        self.recent.add(document.path)
        if document.read_only:
            self.read_only_banner.show_reason(document.read_only_reason)
        else:
            self.read_only_banner.hide()
        self._show_session_ui(True)
        # No clutter: the room-only docks open from the Workshop and View menus when needed.
        for name in ("prioritisation", "voting", "snapshots", "participants", "parking_lot"):
            self.docks[name].hide()
        self.docks["findings"].raise_()
        self.resizeDocks(
            [self.docks["inspector"], self.docks["findings"]], [480, 360], Qt.Orientation.Vertical
        )
        self.runner.schedule()  # after the window is on screen: analysis loads networkx
        self._current_tab_changed()
        self._update_undo_actions()

    def open_session(self, path: Path, *, read_only: bool = False) -> bool:
        """Open the session file at ``path``; a bad file is reported and left untouched.

        A file another window holds is offered read-only (or cancel): never two writers.
        """
        if self.document is not None and same_file(path, self.document.path):
            self._status(f"{path.name} is already open in this window.")
            return True
        try:
            document = SessionDocument.open(path, read_only=read_only)
        except SessionLockedError as exc:
            if not self._offer_read_only(path, exc):
                return False
            return self.open_session(path, read_only=True)
        except SessionFileError as exc:
            QMessageBox.critical(self, "Cannot open session", str(exc))
            self.recent.remove(path)
            self.start_screen.refresh()
            return False
        self.set_document(document)
        return True

    def _offer_read_only(self, path: Path, exc: SessionLockedError) -> bool:
        """Ask whether to open a session held by another window read-only."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Session open elsewhere",
            f"“{path.name}” is {exc.holder.describe()}.\n\n"
            "Only one window can change a session. Open it read-only here?",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(read_only)
        box.exec()
        return box.clickedButton() is read_only

    def _refuse_replacing(self, path: Path, action: str) -> bool:
        """Refuse (with a message naming it) to replace the file open here or elsewhere."""
        if self.document is not None and same_file(path, self.document.path):
            reason = "is the session open in this window"
        else:
            from storage.lock import lock_holder

            holder = lock_holder(path)
            if holder is None:
                return False
            reason = f"is {holder.describe()}"
        QMessageBox.warning(
            self,
            f"Cannot {action}",
            f"“{path}” {reason}, so it cannot be replaced. Choose another file name.",
        )
        return True

    def new_session(self, template: str, path: Path) -> bool:
        """Create a session at ``path`` (blank, or from ``template``) and open it.

        The file open in this window or in another one is never replaced.
        """
        from app.cli import create_session

        if self._refuse_replacing(path, "create the session"):
            return False
        try:
            session = create_session(template or None, path.stem)
        except KeyError as exc:
            QMessageBox.critical(self, "Cannot create session", str(exc))
            return False
        return self._create_and_open(path, session, "create the session")

    def import_session(self, source: Path, target: Path) -> bool:
        """Create a session at ``target`` from the interchange JSON file ``source``."""
        from model.interchange import InterchangeError, read_json_file

        if self._refuse_replacing(target, "import"):
            return False
        try:
            session = read_json_file(source)
        except InterchangeError as exc:
            QMessageBox.critical(self, "Cannot import", str(exc))
            return False
        return self._create_and_open(target, session, "import")

    def _create_and_open(self, path: Path, session: object, action: str) -> bool:
        try:
            document = SessionDocument.create(path, session, overwrite=True)  # type: ignore[arg-type]
        except (SessionFileError, OSError) as exc:
            QMessageBox.critical(self, f"Cannot {action}", str(exc))
            return False
        self.set_document(document)
        return True

    def close_session(self) -> None:
        """Close the open session (every edit is already in its file)."""
        if self.document is None:
            return
        self.presentation.leave()
        if self.timer_agenda is not None:
            self.timer_agenda.dispose()
            self.timer_agenda.deleteLater()
        self.timer_agenda = None
        self.facilitation.detach()
        self.inspector.set_document(None)
        self.minimap.set_view(None)
        if self.runner is not None:
            self.runner.dispose()
            self.runner.deleteLater()
        self.runner = None
        self.findings.show_analysis(None, None)
        self.read_only_banner.hide()
        if self.canvas is not None:
            self.canvas.dispose()
            self.canvas.setParent(None)
            self.canvas.deleteLater()
        self.canvas = None
        self.editing = None
        if self.bridge is not None:
            self.bridge.deleteLater()
        self.bridge = None
        self.document.close()
        self.document = None
        self.show_start_screen()
        self._show_session_ui(False)

    def shutdown(self) -> None:
        """Tear the session down before the QApplication goes (see the PySide6 pitfall)."""
        if self.blueprint_job is not None and self.blueprint_job.is_running():
            self.blueprint_job.cancel()
            self.blueprint_job.wait()
        self.close_session()

    def show_start_screen(self) -> None:
        """Show the start screen (recent sessions, templates)."""
        self.start_screen.refresh()
        self.stack.setCurrentWidget(self.start_screen)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window closes the session; nothing needs saving."""
        self.shutdown()
        super().closeEvent(event)

    # -- dialogs -----------------------------------------------------------------------
    def open_dialog(self) -> None:
        """Ask for a session file and open it."""
        name, _ = QFileDialog.getOpenFileName(self, "Open session", "", SESSION_FILTER)
        if name:
            self.open_session(Path(name))

    def import_dialog(self) -> None:
        """Ask for an interchange JSON file and where to save it as a session."""
        source, _ = QFileDialog.getOpenFileName(
            self, "Import session", "", "OpModel interchange JSON (*.json)"
        )
        if not source:
            return
        suggested = str(Path(source).with_suffix(".opmodel"))
        name, _ = QFileDialog.getSaveFileName(
            self, "Save imported session", suggested, SESSION_FILTER
        )
        if name:
            self.import_session(Path(source), _with_suffix(Path(name)))

    def new_dialog(self, template: str) -> None:
        """Ask where to save a new session (blank or from ``template``) and create it."""
        suggested = f"{template or 'workshop'}.opmodel"
        name, _ = QFileDialog.getSaveFileName(self, "New session", suggested, SESSION_FILTER)
        if name:
            self.new_session(template, _with_suffix(Path(name)))

    def save_as_dialog(self) -> None:
        """Copy the session (history included) to a new file and continue there."""
        if self.document is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, "Save session as", "", SESSION_FILTER)
        if name:
            self.save_as(_with_suffix(Path(name)))

    def save_as(self, path: Path) -> bool:
        """Copy the open session to ``path`` and switch to the copy.

        Onto its own file it changes nothing and keeps working there; onto a file that
        another window holds it is refused.
        """
        if self.document is None:
            return False
        if same_file(path, self.document.path):
            self._status(f"{path.name} is this session's file: every change is already saved.")
            return True
        if self._refuse_replacing(path, "save"):
            return False
        try:
            self.document.store.copy_to(path)
        except (SessionFileError, OSError) as exc:
            QMessageBox.critical(self, "Cannot save", f"{path}: {exc}")
            return False
        self.close_session()
        return self.open_session(path)

    def reload_session(self) -> None:
        """Show the session exactly as its file holds it (after an unexpected error)."""
        if self.document is None:
            return
        path, read_only = self.document.path, self.document.read_only
        self.close_session()
        self.open_session(path, read_only=read_only)

    def _edit_not_saved(self, text: str) -> None:
        """An edit the file refused: say why; the screen keeps showing what the file holds."""
        if self.document is not None and self.document.read_only:
            self._status(text)
            self.read_only_banner.show_reason(self.document.read_only_reason)
            return
        QMessageBox.warning(self, "Not saved", text)

    def export_image_dialog(self) -> None:
        """Export the current workflow canvas to PNG or SVG."""
        tab = self.canvas.current() if self.canvas else None
        if tab is None or self.document is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Export canvas image", f"{tab.workflow_id}.png", "PNG image (*.png);;SVG (*.svg)"
        )
        if not name:
            return
        from canvas.image_export import export_workflow_image

        try:
            export_workflow_image(self.document.session, tab.workflow_id, Path(name))
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self, "Cannot export", str(exc))
            return
        self._status(f"Exported {name}")

    def export_blueprint_dialog(self, stakeholder: bool = False) -> None:
        """Ask where to save the PDF blueprint, then build it in the background."""
        if self.document is None:
            return
        suffix = "-stakeholder" if stakeholder else ""
        suggested = str(self.document.path.with_name(f"{self.document.path.stem}{suffix}.pdf"))
        name, _ = QFileDialog.getSaveFileName(self, "Export blueprint", suggested, "PDF (*.pdf)")
        if name:
            self.export_blueprint(Path(name), stakeholder=stakeholder)

    def export_blueprint(
        self, target: Path, *, stakeholder: bool = False
    ) -> BlueprintExport | None:
        """Build the PDF blueprint at ``target`` in a worker thread, showing progress."""
        if self.document is None:
            return None
        if self.blueprint_job is not None and self.blueprint_job.is_running():
            self._status("A blueprint export is already running.")
            return None
        self.blueprint_job = start_with_progress(
            self, self.document.session, target, stakeholder=stakeholder, status=self._status
        )
        return self.blueprint_job

    # -- analysis ----------------------------------------------------------------------
    def _show_analysis(self, analysis: object = None) -> None:
        """Show the latest findings, scores and badges for what is on screen."""
        latest = self.runner.latest if self.runner else None
        tab = self.canvas.current() if self.canvas else None
        workflow_id = tab.workflow_id if tab else None
        self.findings.show_analysis(latest, workflow_id)
        scores = latest.workflow_scores.get(workflow_id, {}) if latest and workflow_id else {}
        self.score_strip.set_scores(scores)
        if latest is not None and self.canvas is not None:
            for each in self.canvas.tabs:
                each.scene.set_badges(latest.badges(each.workflow_id))

    def _reveal(self, workflow_id: str, element_ids: list[str]) -> None:
        if self.canvas is not None:
            self.canvas.reveal(workflow_id, element_ids)

    # -- workflow commands -------------------------------------------------------------
    def add_workflow(self) -> None:
        """Add a new, empty workflow tab."""
        if self.document is None:
            return
        count = len(self.document.session.workflows) + 1
        self._push(edits.add_workflow(self.document.session, f"Workflow {count}"))

    def delete_workflow(self) -> None:
        """Delete the current workflow after confirmation (undoable)."""
        tab = self.canvas.current() if self.canvas else None
        if tab is None or self.document is None:
            return
        name = self.document.session.workflows[tab.workflow_id].name
        answer = QMessageBox.question(
            self, "Delete workflow", f"Delete the workflow “{name}”? You can undo this."
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._push(edits.delete_workflow(self.document.session, tab.workflow_id))

    # -- wiring helpers ----------------------------------------------------------------
    def _push(self, edit: edits.Edit) -> bool:
        return self.bridge.push(edit) if self.bridge is not None else False

    def _editing_call(self, name: str, *args: str):  # type: ignore[no-untyped-def]
        def call() -> None:
            if self.editing is not None:
                getattr(self.editing, name)(*args)

        return call

    def _view_call(self, name: str):  # type: ignore[no-untyped-def]
        def call() -> None:
            tab = self.canvas.current() if self.canvas else None
            if tab is not None:
                getattr(tab.view, name)()

        return call

    def _undo(self) -> None:
        if self.bridge is not None and not self._refused_read_only():
            self.bridge.stack.undo()

    def _redo(self) -> None:
        if self.bridge is not None and not self._refused_read_only():
            self.bridge.stack.redo()

    def _refused_read_only(self) -> bool:
        if self.document is None or not self.document.read_only:
            return False
        self._status(f"Read-only ({self.document.read_only_reason}): nothing to undo or redo.")
        return True

    def _update_undo_actions(self) -> None:
        writable = self.document is not None and not self.document.read_only
        stack = self.bridge.stack if self.bridge and writable else None
        undo, redo = self.actions_["undo"], self.actions_["redo"]
        undo.setEnabled(bool(stack and stack.canUndo()))
        redo.setEnabled(bool(stack and stack.canRedo()))
        undo.setText(f"&Undo {stack.undoText()}" if stack and stack.canUndo() else "&Undo")
        redo.setText(f"&Redo {stack.redoText()}" if stack and stack.canRedo() else "&Redo")

    def _toggle_snap(self) -> None:
        on = self.actions_["snap"].isChecked()
        for tab in self.canvas.tabs if self.canvas else []:
            tab.scene.snap_to_grid = on

    def _add_kind_at_centre(self, kind: str) -> None:
        tab = self.canvas.current() if self.canvas else None
        if tab is None:
            return
        centre = tab.view.mapToScene(tab.view.viewport().rect().center())
        tab.scene.drop_kind_at(kind, QPointF(centre))

    def _current_tab_changed(self, _index: int = -1) -> None:
        tab = self.canvas.current() if self.canvas else None
        self.minimap.set_view(tab.view if tab else None)
        if tab is not None:
            tab.scene.snap_to_grid = self.actions_["snap"].isChecked()
            self._show_zoom(tab.view.zoom())
        self._selection_changed()
        self._show_analysis()

    def _settings(self) -> QSettings:
        return self.recent._settings  # the user's settings file (an INI file in tests)

    def _apply_theme(self, name: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)
        self.actions_[f"theme_{name}"].setChecked(True)

    def _theme_call(self, name: str):  # type: ignore[no-untyped-def]
        def call() -> None:
            app = QApplication.instance()
            if (
                not self.actions_[f"theme_{name}"].isChecked()
                or self.presentation.is_active()
                or not isinstance(app, QApplication)
                or active_theme(app) == name
            ):
                return
            self._apply_theme(name)
            save_theme(self._settings(), name)

        return call

    def _toggle_presentation(self) -> None:
        self.presentation.set_active(self.actions_["presentation"].isChecked())
        self.actions_["presentation"].setChecked(self.presentation.is_active())

    def _presentation_changed(self, active: bool) -> None:
        action = self.actions_["presentation"]
        action.blockSignals(True)
        action.setChecked(active)
        action.blockSignals(False)

    def _show_zoom(self, factor: float) -> None:
        self.zoom_label.setText(f"{factor * 100:.0f} %")

    def _selection_changed(self) -> None:
        tab = self.canvas.current() if self.canvas else None
        if tab is None:
            self.inspector.show_workshop() if self.document else self.inspector.show_nothing()
            return
        elements = tab.scene.selected_element_ids()
        connections = tab.scene.selected_connection_ids()
        single = elements[0] if len(elements) == 1 and not connections else None
        self.facilitation.select_element(single)
        if len(elements) == 1 and not connections:
            self.inspector.show_element(elements[0])
        elif len(connections) == 1 and not elements:
            self.inspector.show_connection(connections[0])
        elif not elements and not connections:
            self.inspector.show_workflow(tab.workflow_id)
        else:
            count = len(elements) + len(connections)
            self.inspector.show_nothing(f"{count} items selected")

    def run_assessment(self) -> None:
        """Open the guided maturity self-assessment (one undoable edit on Finish)."""
        if self.bridge is not None:
            AssessmentDialog(self.bridge, self).exec()

    def _raise_dock(self, name: str) -> None:
        """Show a facilitation dock as a tab beside its neighbour, in front."""
        dock = self.docks[name]
        neighbour = {"voting": "findings", "snapshots": "findings"}.get(name, "inspector")
        if not dock.isVisible() and name != "prioritisation":
            self.tabifyDockWidget(self.docks[neighbour], dock)
        dock.show()
        dock.raise_()

    def _take_snapshot(self) -> None:
        self._raise_dock("snapshots")
        if self.facilitation.snapshots is not None:
            self.facilitation.snapshots.name_edit.setFocus()

    def _show_prioritisation(self) -> None:
        dock = self.docks["prioritisation"]
        self._raise_dock("prioritisation")
        self.resizeDocks([dock], [int(self.height() * 0.55)], Qt.Orientation.Vertical)

    def _show_workflow_props(self) -> None:
        tab = self.canvas.current() if self.canvas else None
        if tab is not None:
            tab.scene.clearSelection()
            self.inspector.show_workflow(tab.workflow_id)
            self.docks["inspector"].show()

    def _show_workshop_props(self) -> None:
        if self.document is not None:
            self.inspector.show_workshop()
            self.docks["inspector"].show()

    def _show_session_ui(self, has_session: bool) -> None:
        for dock in self.docks.values():
            dock.setVisible(has_session)
        self.zoom_label.setVisible(has_session)
        self.score_strip.setVisible(has_session)
        session_actions = [
            "save_as", "export_image", "export_pdf", "export_pdf_stakeholder", "close",
            "cut", "copy", "paste", "duplicate", "delete",
            "rename", "select_all", "align_left", "align_right", "align_top", "align_bottom",
            "align_h_center", "align_v_center", "distribute_h", "distribute_v", "auto_layout",
            "zoom_in", "zoom_out", "zoom_reset", "zoom_fit", "workflow_new", "workflow_props",
            "workshop_props", "workflow_delete", "presentation", "assessment", "snapshot",
            "prioritise", "vote", "people", "parking", "sticky_note",
        ]  # fmt: skip
        self.actions_.set_enabled(session_actions, has_session)
        title = "OpModel Studio"
        if self.document is not None:
            title = f"{self.document.path.name} — {self.document.session.workshop.title} — {title}"
        self.setWindowTitle(title)
        self._update_undo_actions()

    def _status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About OpModel Studio",
            "OpModel Studio maps how AI fits the way work is performed, governed, measured "
            "and improved. Every edit is saved in the session file as you make it.",
        )


def _with_suffix(path: Path) -> Path:
    return path if path.suffix == ".opmodel" else path.with_suffix(".opmodel")
