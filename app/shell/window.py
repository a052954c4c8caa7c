"""The main window: wires docks, menus and the open session together. No domain logic here.

The docks are declared in :data:`app.shell.docks.DOCKS`, the menus in
:func:`app.shell.menus.menu_table`; a change asked for by a menu command is an
:class:`~app.operations.EditOp` whose refusal the status bar shows. Presentation
mode sees the window through :class:`_PresentationHost`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.editor.analysis_runner import AnalysisRunner
from app.editor.editing import EditingActions
from app.editor.findings_panel import FindingsPanel
from app.editor.inspector import Inspector
from app.editor.keyboard_mapping import KeyboardMapping
from app.editor.layer_controls import LayerControls
from app.editor.palette import Palette
from app.editor.score_strip import ScoreStrip
from app.editor.session_view import SessionView
from app.editor.undo import UndoBridge
from app.editor.view_memory import ViewMemory
from app.facilitation.facilitation_docks import FacilitationDocks, placeholder, scrollable
from app.facilitation.facilitation_views import FacilitationViews
from app.facilitation.timer import Countdown
from app.operations import EditOp, RefusalNotice
from app.shell.actions import ActionRegistry
from app.shell.docks import DockRegistry
from app.shell.menus import build_menus, show_theme
from app.shell.presentation import PresentationMode
from app.shell.read_only_banner import ReadOnlyBanner
from app.shell.recent import RecentFiles
from app.shell.theme import saved_theme
from app.theme_colors import current as current_colors
from canvas.icons import app_icon
from canvas.minimap import Minimap
from model import edits
from storage.document import SessionDocument
from storage.files import SessionFileError
from storage.lock import SessionLockedError, lock_holder
from storage.store import same_file

if TYPE_CHECKING:
    from app.facilitation.agenda_panel import TimerAgendaPane
    from app.shell.blueprint_export import BlueprintExport
    from app.shell.bpmn_exchange import ImportReportDialog
    from app.shell.start_screen import StartScreen
    from model.analysis import Analysis
    from model.session import Session

SESSION_FILTER = "OpModel sessions (*.opmodel)"


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
        self.keyboard: KeyboardMapping | None = None
        self.runner: AnalysisRunner | None = None
        self.blueprint_job: BlueprintExport | None = None
        self.timer_agenda: TimerAgendaPane | None = None
        self.import_report: ImportReportDialog | None = None
        self.recent = recent or RecentFiles()

        self._start_screen: StartScreen | None = None  # built when first shown
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
        self.stack.addWidget(self.session_page)
        self.setCentralWidget(self.stack)

        self.palette = Palette()
        self.inspector = Inspector(self._push)
        self.minimap = Minimap()
        self.findings = FindingsPanel()
        self.findings.findingActivated.connect(self._reveal)
        contents = {
            "palette": self.palette,
            "minimap": self.minimap,
            "inspector": self.inspector,
            "findings": scrollable(self.findings),
        }
        self.dock_registry = DockRegistry(self, contents)
        self.docks = self.dock_registry.docks
        self.facilitation = FacilitationDocks(self.docks, self.raise_dock)
        self.views = FacilitationViews()
        # The agenda starts as a tab behind the findings: built when first shown.
        self.docks["agenda"].setWidget(placeholder())
        self.docks["agenda"].visibilityChanged.connect(
            lambda shown: shown and self.ensure_timer_agenda()
        )
        self.presentation = PresentationMode(_PresentationHost(self))
        self.zoom_label = QLabel("100 %")
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.actions_ = ActionRegistry(self, self.stack)
        self.layers = LayerControls(
            self.actions_.actions,
            lambda: self.canvas,
            lambda: self.document.session if self.document is not None else None,
            self._run,
            self._status,
        )
        build_menus(self)
        self.presentation.activeChanged.connect(self._presentation_changed)
        show_theme(self, saved_theme(self.recent.settings))

        self.palette.kindActivated.connect(self.add_kind_at_centre)
        self._show_session_ui(False)

    # -- session lifecycle -------------------------------------------------------------
    def set_document(self, document: SessionDocument) -> None:
        """Show ``document`` in the window; the previous session, if any, is closed."""
        self.close_session()
        self.document = document
        self.bridge = UndoBridge(document, self)
        self.bridge.failed.connect(self._edit_not_saved)
        self.bridge.stack.indexChanged.connect(self._update_undo_actions)
        self.canvas = SessionView(self.bridge, memory=ViewMemory(self.recent.settings))
        self.canvas.message.connect(self._status)
        self.canvas.selectionChanged.connect(self._selection_changed)
        self.canvas.currentChanged.connect(self._current_tab_changed)
        self.canvas.zoomChanged.connect(self._show_zoom)
        self.editing = EditingActions(self.canvas, self)
        self.editing.message.connect(self._status)
        self.keyboard = KeyboardMapping(self.canvas, self)
        self.keyboard.message.connect(self._status)
        self.session_page.layout().addWidget(self.canvas, 1)
        self.canvas.set_canvas_theme(current_colors().name)
        self.stack.setCurrentWidget(self.session_page)
        self.runner = AnalysisRunner(document, self)
        self.runner.updated.connect(self._show_analysis)
        self.inspector.set_document(document)
        self.facilitation.attach(
            self.bridge, self.canvas, lambda: self.stack.setCurrentWidget(self.session_page)
        )
        self.views.attach(self.bridge, self.canvas, self._open_workflow)
        self.recent.add(document.path)
        if document.read_only:
            self.read_only_banner.show_reason(document.read_only_reason)
        else:
            self.read_only_banner.hide()
        # No clutter: the room-only docks open from the Workshop and View menus when needed.
        self._show_session_ui(True)
        self.docks["findings"].raise_()
        self.resizeDocks(
            [self.docks["inspector"], self.docks["findings"]], [480, 360], Qt.Orientation.Vertical
        )
        document.subscribe(self._on_edit)
        self._current_tab_changed()
        self._update_undo_actions()
        # The first analysis (it loads networkx) waits until the event loop has shown the
        # session: its quiet spell starts then, not while the session is still being built.
        QTimer.singleShot(0, self.runner, self.runner.schedule)

    def ensure_timer_agenda(self) -> TimerAgendaPane | None:
        """The Agenda dock's timer and agenda, built on first use (None without a session)."""
        if self.timer_agenda is None and self.bridge is not None:
            from app.facilitation.agenda_panel import TimerAgendaPane

            self.timer_agenda = TimerAgendaPane(self.bridge)
            self.docks["agenda"].setWidget(scrollable(self.timer_agenda))
        return self.timer_agenda

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
            if not _offer_read_only(self, path, exc):
                return False
            return self.open_session(path, read_only=True)
        except SessionFileError as exc:
            QMessageBox.critical(self, "Cannot open session", str(exc))
            self.recent.remove(path)
            if self._start_screen is not None:
                self._start_screen.refresh()
            return False
        self.set_document(document)
        return True

    def _refuse_replacing(self, path: Path, action: str) -> bool:
        """Refuse (with a message naming it) to replace the file open here or elsewhere."""
        if self.document is not None and same_file(path, self.document.path):
            reason = "is the session open in this window"
        else:
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
        from model.templates import create_session

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

    def import_bpmn(self, source: Path, target: Path) -> bool:
        """Create a session at ``target`` from the BPMN file ``source``, open it and show
        the import report (what became what, and what could not be mapped)."""
        from app.shell.bpmn_exchange import ImportReportDialog
        from exports.bpmn.reader import BpmnImportError, read_bpmn_file

        if self._refuse_replacing(target, "import"):
            return False
        try:
            session, report = read_bpmn_file(source)
        except BpmnImportError as exc:
            QMessageBox.critical(self, "Cannot import BPMN", str(exc))
            return False
        if not self._create_and_open(target, session, "import"):
            return False
        if self.import_report is not None:
            self.import_report.close()
        self.import_report = ImportReportDialog(report, self)
        self.import_report.show()
        self._status(f"Imported {source.name}: {report.summary()}")
        return True

    def export_bpmn(self, target: Path) -> bool:
        """Write the open session to ``target`` as BPMN 2.0."""
        if self.document is None:
            return False
        from app.shell.bpmn_exchange import export_session_bpmn

        if not export_session_bpmn(self, self.document.session, target):
            return False
        self._status(f"Exported {target}")
        return True

    def _create_and_open(self, path: Path, session: object, action: str) -> bool:
        try:
            document = SessionDocument.create(path, session, overwrite=True)  # type: ignore[arg-type]
        except (SessionFileError, OSError) as exc:
            QMessageBox.critical(self, f"Cannot {action}", str(exc))
            return False
        self.set_document(document)
        return True

    def close_session(self) -> None:
        """Close the open session (every edit is already in its file); show the start screen."""
        self._close_session(show_start=True)

    def _close_session(self, *, show_start: bool) -> None:
        if self.document is None:
            return
        self.presentation.leave()
        if self.timer_agenda is not None:
            self.timer_agenda.dispose()
            area = self.docks["agenda"].widget()
            self.docks["agenda"].setWidget(placeholder())
            area.deleteLater()
        self.timer_agenda = None
        self.facilitation.detach()
        self.views.detach()
        if show_start:
            self.inspector.set_document(None)
        else:  # the window is closing: nothing to show next
            self.inspector.release()
        self.minimap.set_view(None)
        if self.runner is not None:
            self.runner.dispose()
            self.runner.deleteLater()
        self.runner = None
        self.findings.show_analysis(None, None)
        self.document.unsubscribe(self._on_edit)
        self.read_only_banner.hide()
        if self.canvas is not None:
            # The window stops following a canvas that goes: its tabs closing one by one
            # would otherwise refill the inspector and the scores for each.
            self.canvas.selectionChanged.disconnect(self._selection_changed)
            self.canvas.currentChanged.disconnect(self._current_tab_changed)
            self.canvas.dispose()
            self.canvas.setParent(None)
            self.canvas.deleteLater()
        self.canvas = None
        self.editing = None
        if self.keyboard is not None:
            self.keyboard.deleteLater()
        self.keyboard = None
        if self.bridge is not None:
            self.bridge.deleteLater()
        self.bridge = None
        self.document.close()
        self.document = None
        if show_start:
            self.show_start_screen()
        self._show_session_ui(False)

    def shutdown(self) -> None:
        """Tear the session down before the QApplication goes (see the PySide6 pitfall)."""
        if self.blueprint_job is not None and self.blueprint_job.is_running():
            self.blueprint_job.cancel()
            self.blueprint_job.wait()
        self._close_session(show_start=False)

    @property
    def start_screen(self) -> StartScreen:
        """The start screen (recent sessions, templates), built the first time it is needed:
        ``opmodel FILE`` never shows it."""
        if self._start_screen is None:
            from app.shell.start_screen import StartScreen

            screen = StartScreen(self.recent)
            screen.openRequested.connect(lambda path: self.open_session(Path(path)))
            screen.openFileRequested.connect(self.open_dialog)
            screen.newRequested.connect(self.new_dialog)
            self.stack.insertWidget(0, screen)
            self._start_screen = screen
        return self._start_screen

    def show_start_screen(self) -> None:
        """Show the start screen (recent sessions, templates)."""
        fresh = self._start_screen is None
        screen = self.start_screen
        if not fresh:
            screen.refresh()
        self.stack.setCurrentWidget(screen)

    def showEvent(self, event: QShowEvent) -> None:
        """Shown without a session: the start screen comes as soon as the event loop runs
        (a session opened meanwhile, as ``opmodel FILE`` does, goes without one)."""
        super().showEvent(event)
        if self.document is None and self._start_screen is None:
            QTimer.singleShot(0, self, self._start_if_idle)

    def _start_if_idle(self) -> None:
        if self.document is None and self._start_screen is None:
            self.show_start_screen()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window closes the session; nothing needs saving. Its place and
        size are remembered for the next start (after leaving presentation mode)."""
        from app.shell.window_geometry import remember_geometry

        self.presentation.leave()
        remember_geometry(self, self.recent.settings)
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

    def import_bpmn_dialog(self) -> None:
        """Ask for a BPMN file and where to save it as a session."""
        from app.shell.bpmn_exchange import ask_bpmn_source

        source = ask_bpmn_source(self)
        if source is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Save imported session", str(source.with_suffix(".opmodel")), SESSION_FILTER
        )
        if name:
            self.import_bpmn(source, _with_suffix(Path(name)))

    def export_bpmn_dialog(self) -> None:
        """Ask where to save the session as BPMN 2.0, then write it."""
        if self.document is None:
            return
        from app.shell.bpmn_exchange import ask_bpmn_target

        target = ask_bpmn_target(self, self.document.path.with_suffix(".bpmn"))
        if target is not None:
            self.export_bpmn(target)

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

    def export_register_dialog(self) -> Path | None:
        """Ask where to save the AI use-case register (.xlsx or .csv), then write it."""
        if self.document is None:
            return None
        from app.shell.register_export import export_register_dialog

        return export_register_dialog(self, self.document.session, self.document.path, self._status)

    def export_blueprint(
        self, target: Path, *, stakeholder: bool = False
    ) -> BlueprintExport | None:
        """Build the PDF blueprint at ``target`` in a worker thread, showing progress."""
        if self.document is None:
            return None
        if self.blueprint_job is not None and self.blueprint_job.is_running():
            self._status("A blueprint export is already running.")
            return None
        from app.shell.blueprint_export import start_with_progress

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
        errors = latest.error_components(workflow_id) if latest and workflow_id else set()
        self.score_strip.set_scores(scores, errors)
        if latest is not None and self.canvas is not None:
            for each in self.canvas.tabs:
                each.scene.set_badges(latest.badges(each.workflow_id))

    def _reveal(self, workflow_id: str, element_ids: list[str]) -> None:
        if self.canvas is not None:
            self.canvas.reveal(workflow_id, element_ids)

    # -- workflow commands -------------------------------------------------------------
    def add_workflow(self) -> None:
        """Add a new, empty workflow tab."""
        if self.document is not None:
            session = self.document.session
            name = f"Workflow {len(session.workflows) + 1}"
            self._run(lambda: edits.add_workflow(session, name))

    def delete_workflow(self) -> None:
        """Delete the current workflow after confirmation (undoable)."""
        tab = self.canvas.current() if self.canvas else None
        if tab is None or self.document is None:
            return
        session = self.document.session
        answer = QMessageBox.question(
            self,
            "Delete workflow",
            f"Delete the workflow “{session.workflows[tab.workflow_id].name}”? You can undo this.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: edits.delete_workflow(session, tab.workflow_id))

    def run_assessment(self) -> None:
        """Open the guided maturity self-assessment (one undoable edit on Finish)."""
        if self.bridge is not None:
            from app.facilitation.assessment_dialog import AssessmentDialog

            AssessmentDialog(self.bridge, self).exec()

    def undo(self) -> None:
        """Undo the last edit (refused, in the status bar, when the session is read-only)."""
        if self.bridge is not None and not self._refused_read_only():
            self.bridge.stack.undo()

    def redo(self) -> None:
        """Redo the last undone edit (refused when the session is read-only)."""
        if self.bridge is not None and not self._refused_read_only():
            self.bridge.stack.redo()

    def toggle_snap(self) -> None:
        """Snap every canvas to the grid, or not, as the Arrange menu says."""
        on = self.actions_["snap"].isChecked()
        for tab in self.canvas.tabs if self.canvas else []:
            tab.scene.snap_to_grid = on

    def add_kind_at_centre(self, kind: str) -> None:
        """Add a ``kind`` element at the free spot nearest the centre of the canvas in view
        (the palette's Enter or double-click); the canvas then has the focus."""
        if self.keyboard is not None:
            self.keyboard.add_kind(kind)

    def add_note_near_pointer(self) -> None:
        """A sticky note (N) at the free spot nearest the pointer (else the view's centre):
        never on top of an element."""
        tab = self.canvas.current() if self.canvas else None
        if tab is not None and self.keyboard is not None:
            self.keyboard.add_kind("note", tab.view.pointer_scene_pos())

    def focus_palette(self) -> None:
        """Put the cursor in the palette's filter (A): type a kind, Enter adds it."""
        self.docks["palette"].show()
        self.docks["palette"].raise_()
        self.palette.filter_edit.setFocus()
        self.palette.filter_edit.selectAll()

    def toggle_presentation(self) -> None:
        """Enter or leave presentation mode, as the View menu's check says."""
        self.presentation.set_active(self.actions_["presentation"].isChecked())
        self.actions_["presentation"].setChecked(self.presentation.is_active())

    # -- docks -------------------------------------------------------------------------
    def raise_dock(self, name: str) -> None:
        """Show a dock (a facilitation dock's panel is built now) as a tab, in front."""
        self.dock_registry.raise_(name)
        if name in self.facilitation.docks:
            self.facilitation.ensure(name)

    def take_snapshot(self) -> None:
        """Open the snapshots dock with the cursor in the snapshot's name."""
        self.raise_dock("snapshots")
        if self.facilitation.snapshots is not None:
            self.facilitation.snapshots.name_edit.setFocus()

    def show_prioritisation(self) -> None:
        """Open the prioritisation matrix as a full view beside the workflows."""
        self.views.show("prioritisation")

    def show_voting_results(self) -> None:
        """Open the voting results as a full view beside the workflows."""
        self.views.show("voting_results")

    def _open_workflow(self, workflow_id: str) -> None:
        if self.canvas is not None:
            self.stack.setCurrentWidget(self.session_page)
            self.canvas.show_workflow(workflow_id)

    def show_workflow_props(self) -> None:
        """Show the current workflow's fields in the inspector."""
        tab = self.canvas.current() if self.canvas else None
        if tab is not None:
            tab.scene.clearSelection()
            self.inspector.show_workflow(tab.workflow_id)
            self.docks["inspector"].show()

    def show_workshop_props(self) -> None:
        """Show the workshop's fields in the inspector."""
        if self.document is not None:
            self.inspector.show_workshop()
            self.docks["inspector"].show()

    # -- wiring helpers ----------------------------------------------------------------
    def _push(self, edit: edits.Edit) -> bool:
        return self.bridge.push(edit) if self.bridge is not None else False

    def _run(self, build: Callable[[], edits.Edit]) -> edits.Edit | None:
        """A window command's edit; a refusal is said in the status bar."""
        return EditOp(self._push, build).run(RefusalNotice.in_status_bar(self._status))

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
        undo.setText(f"&Undo: {stack.undoText()}" if stack and stack.canUndo() else "&Undo")
        redo.setText(f"&Redo: {stack.redoText()}" if stack and stack.canRedo() else "&Redo")

    def show_canvas_theme(self) -> None:
        """Draw the canvases, the minimap and the full views in the theme applied last."""
        theme = current_colors().name
        self.minimap.set_theme(theme)
        if self.canvas is not None:
            self.canvas.set_canvas_theme(theme)

    def _on_edit(self, _edit: edits.Edit, _action: str) -> None:
        self.layers.sync()

    def _current_tab_changed(self, _index: int = -1) -> None:
        tab = self.canvas.current() if self.canvas else None
        # A full view (matrix, results) takes the whole area: no workflow's scores above it.
        view_in_front = self.canvas is not None and self.canvas.current_view() is not None
        self.score_strip.setVisible(self.document is not None and not view_in_front)
        self.minimap.set_view(tab.view if tab else None)
        if tab is not None:
            tab.scene.snap_to_grid = self.actions_["snap"].isChecked()
            self._show_zoom(tab.view.zoom())
        self._selection_changed()
        self._show_analysis()
        self.layers.sync()

    def _presentation_changed(self, active: bool) -> None:
        self.show_canvas_theme()  # presentation mode is light; leaving it restores the theme
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

    def _show_session_ui(self, has_session: bool) -> None:
        self.dock_registry.show_for_session(has_session)
        self.zoom_label.setVisible(has_session)
        self.score_strip.setVisible(has_session)
        self.actions_.show_session(has_session)
        title = "OpModel Studio"
        if self.document is not None:
            title = f"{self.document.path.name} — {self.document.session.workshop.title} — {title}"
        self.setWindowTitle(title)
        self._update_undo_actions()

    def _status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)


class _PresentationHost:
    """What :class:`~app.shell.presentation.PresentationMode` may see of the main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._watchers: dict[Callable[[], None], tuple] = {}

    def session_canvas(self) -> SessionView | None:
        return self.window.canvas

    def shortcut_actions(self) -> list[QAction]:
        return list(self.window.actions_.actions.values())

    def countdown(self) -> Countdown | None:
        pane = self.window.timer_agenda
        return pane.timer.countdown if pane is not None else None

    def workshop_title(self) -> str:
        document = self.window.document
        return document.session.workshop.title if document is not None else ""

    def show_under_scores(self, bar: QWidget) -> None:
        page = self.window.session_page.layout()
        page.insertWidget(page.indexOf(self.window.score_strip) + 1, bar)

    def take_away(self, bar: QWidget) -> None:
        self.window.session_page.layout().removeWidget(bar)

    def session(self) -> Session | None:
        document = self.window.document
        return document.session if document is not None else None

    def analysis(self) -> Analysis | None:
        runner = self.window.runner
        return runner.latest if runner is not None else None

    def watch(self, callback: Callable[[], None]) -> None:
        window = self.window
        if window.document is None or callback in self._watchers:
            return

        def on_edit(_edit: object, _action: object) -> None:
            callback()

        def on_analysis(_analysis: object) -> None:
            callback()

        window.document.subscribe(on_edit)
        if window.runner is not None:
            window.runner.updated.connect(on_analysis)
        self._watchers[callback] = (window.document, window.runner, on_edit, on_analysis)

    def unwatch(self, callback: Callable[[], None]) -> None:
        hooks = self._watchers.pop(callback, None)
        if hooks is None:
            return
        document, runner, on_edit, on_analysis = hooks
        document.unsubscribe(on_edit)
        if runner is not None and shiboken6.isValid(runner):
            runner.updated.disconnect(on_analysis)

    def run_edit(self, build: Callable[[], edits.Edit]) -> None:
        self.window._run(build)


def _offer_read_only(parent: QWidget, path: Path, exc: SessionLockedError) -> bool:
    """Ask whether to open a session held by another window read-only."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Session open elsewhere",
        f"“{path.name}” is {exc.holder.describe()}.\n\n"
        "Only one window can change a session. Open it read-only here?",
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only


def _with_suffix(path: Path) -> Path:
    return path if path.suffix == ".opmodel" else path.with_suffix(".opmodel")
