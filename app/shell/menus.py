"""The menu bar, declared as tables of :class:`~app.shell.actions.ActionSpec` (one per menu).

An action marked ``needs_session`` (``S`` below) is enabled only while a session is open;
``canvas_only`` ones act only while the canvas has focus. The View menu also lists the
theme choices and a toggle per dock (in :data:`app.shell.docks.DOCKS` order).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtGui import QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication

from app.editor.layer_controls import FOCUS_ACTION, LAYER_ACTIONS
from app.shell.actions import ActionSpec, MenuEntry
from app.shell.theme import NORMAL_THEMES, active_theme, apply_theme, save_theme, stylesheet

#: The main window (:class:`app.shell.window.MainWindow`, which imports this module, so it is not
#: imported here: no import circle, not even a type-only one).
MainWindow = Any

StdKey = QKeySequence.StandardKey
A = ActionSpec
#: An action that needs an open session.
S = partial(ActionSpec, needs_session=True)

Menu = tuple[str, list[MenuEntry]]

#: Arrow directions: (name, key, words).
ARROWS = (
    ("right", "Right", "right"),
    ("left", "Left", "left"),
    ("down", "Down", "below"),
    ("up", "Up", "above"),
)


def menu_table(w: MainWindow) -> list[Menu]:
    """Every menu's title and entries (None: a separator), in menu-bar order."""
    ed = partial(_editing_call, w)
    view = partial(_view_call, w)
    return [
        (
            "&File",
            [
                A("new", "&New session…", lambda: w.new_dialog(""), StdKey.New),
                A("new_template", "New from &template…", w.show_start_screen),
                A("open", "&Open…", w.open_dialog, StdKey.Open),
                A("import", "&Import JSON…", w.import_dialog),
                A("import_bpmn", "Import B&PMN…", w.import_bpmn_dialog),
                S("save_as", "Save &as…", w.save_as_dialog, StdKey.SaveAs),
                None,
                S("export_image", "&Export canvas image…", w.export_image_dialog),
                S("export_pdf", "Export &blueprint (PDF)…", w.export_blueprint_dialog, "Ctrl+E"),
                S(
                    "export_pdf_stakeholder",
                    "Export &stakeholder blueprint (PDF)…",
                    lambda: w.export_blueprint_dialog(stakeholder=True),
                ),
                S("export_register", "Export &register (Excel or CSV)…", w.export_register_dialog),
                S("export_bpmn", "Export BP&MN…", w.export_bpmn_dialog),
                None,
                S("close", "&Close session", w.close_session, StdKey.Close),
                A("quit", "&Quit", w.close, StdKey.Quit),
            ],
        ),
        (
            "&Edit",
            [
                A("undo", "&Undo", w.undo, StdKey.Undo),
                A("redo", "&Redo", w.redo, (StdKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y")),
                None,
                S("cut", "Cu&t", ed("cut"), StdKey.Cut, canvas_only=True),
                S("copy", "&Copy", ed("copy"), StdKey.Copy, canvas_only=True),
                S("paste", "&Paste", ed("paste"), StdKey.Paste, canvas_only=True),
                S("duplicate", "D&uplicate", ed("duplicate"), "Ctrl+D", canvas_only=True),
                S("delete", "&Delete", ed("delete"), StdKey.Delete, canvas_only=True),
                S("rename", "Re&name", ed("rename"), "F2", canvas_only=True),
                None,
                S(
                    "select_all",
                    "Select &all",
                    ed("select_all"),
                    StdKey.SelectAll,
                    canvas_only=True,
                ),
                None,
                S(
                    "add_element",
                    "Add &element…",
                    w.focus_palette,
                    "A",
                    tip="Type a kind's name in the palette and press Enter to add it",
                    canvas_only=True,
                ),
                ("Add &next step", [_arrow_spec(w, "add_next", d) for d in ARROWS]),
                ("Select &neighbour", [_arrow_spec(w, "select_next", d) for d in ARROWS]),
            ],
        ),
        (
            "&Arrange",
            [
                S("align_left", "Align &left", ed("align", "left"), "Ctrl+Alt+Left"),
                S("align_right", "Align &right", ed("align", "right"), "Ctrl+Alt+Right"),
                S("align_top", "Align &top", ed("align", "top"), "Ctrl+Alt+Up"),
                S("align_bottom", "Align &bottom", ed("align", "bottom"), "Ctrl+Alt+Down"),
                S("align_h_center", "Align centres &horizontally", ed("align", "h_center")),
                S("align_v_center", "Align centres &vertically", ed("align", "v_center")),
                None,
                S("distribute_h", "Distribute hori&zontally", ed("distribute", "horizontal")),
                S("distribute_v", "Distribute verti&cally", ed("distribute", "vertical")),
                None,
                A("snap", "&Snap to grid", w.toggle_snap, checkable=True, checked=True),
                S("auto_layout", "&Auto-layout workflow", ed("auto_layout"), "Ctrl+L"),
            ],
        ),
        (
            "&View",
            [
                S("zoom_in", "Zoom &in", view("zoom_in"), StdKey.ZoomIn),
                S("zoom_out", "Zoom &out", view("zoom_out"), StdKey.ZoomOut),
                S("zoom_reset", "&Actual size", view("reset_zoom"), "Ctrl+0"),
                S("zoom_fit", "&Fit to view", view("fit_to_view"), "Ctrl+Shift+F"),
                None,
                S(
                    "presentation",
                    "&Presentation mode",
                    w.toggle_presentation,
                    "F5",
                    checkable=True,
                ),
            ],
        ),
        (
            "&Workflow",
            [
                S("workflow_new", "&New workflow", w.add_workflow, "Ctrl+Shift+N"),
                S("workflow_props", "Workflow &properties", w.show_workflow_props),
                S("workshop_props", "Works&hop properties", w.show_workshop_props),
                None,
                S("workflow_delete", "&Delete workflow…", w.delete_workflow),
            ],
        ),
        (
            "Wor&kshop",
            [
                S("assessment", "&Maturity self-assessment…", w.run_assessment, "Ctrl+Shift+M"),
                S("snapshot", "Take &snapshot…", w.take_snapshot, "Ctrl+Alt+S"),
                S(
                    "prioritise",
                    "&Prioritisation matrix",
                    w.show_prioritisation,
                    "Ctrl+Shift+P",
                ),
                S("vote", "Dot &voting", lambda: w.raise_dock("voting"), "Ctrl+Shift+V"),
                S(
                    "voting_results",
                    "Voting &results",
                    w.show_voting_results,
                    "Ctrl+Shift+R",
                ),
                S("people", "P&articipants", lambda: w.raise_dock("participants")),
                S("parking", "Parking &lot", lambda: w.raise_dock("parking_lot")),
                S("frames", "Slide &frames", lambda: w.raise_dock("frames")),
                None,
                S(
                    "sticky_note",
                    "New sticky &note",
                    w.add_note_near_pointer,
                    "N",
                    canvas_only=True,
                ),
            ],
        ),
        ("&Help", [A("about", "&About OpModel Studio", lambda: _show_about(w))]),
    ]


def _arrow_spec(w: MainWindow, what: str, arrow: tuple[str, str, str]) -> ActionSpec:
    """Ctrl+Arrow (add the next step) or Alt+Arrow (select the neighbour) for one arrow."""
    direction, key, words = arrow
    if what == "add_next":
        text, shortcut = f"Next step {words}", f"Ctrl+{key}"
    else:
        text, shortcut = f"Neighbour {words}", f"Alt+{key}"

    def call() -> None:
        if w.keyboard is not None:
            getattr(w.keyboard, what)(direction)

    return S(f"{what}_{direction}", text, call, shortcut, canvas_only=True)


def build_menus(w: MainWindow) -> None:
    """Fill ``w``'s menu bar from :func:`menu_table`, the themes and the dock toggles."""
    bar = w.menuBar()
    registry = w.actions_
    for title, specs in menu_table(w):
        menu = bar.addMenu(title)
        registry.add_menu(menu, specs)
        if title != "&View":
            continue
        registry.add_menu(menu.addMenu("&Layers"), _layer_specs(w))
        theme_menu = menu.addMenu("&Theme")
        themes = QActionGroup(w)
        for name in NORMAL_THEMES:
            spec = A(
                f"theme_{name}", f"&{name.title()}", partial(_choose_theme, w, name), checkable=True
            )
            themes.addAction(registry.create(spec))
            theme_menu.addAction(registry[spec.name])
        menu.addSeparator()
        for dock in w.docks.values():
            menu.addAction(dock.toggleViewAction())


def _layer_specs(w: MainWindow) -> list[ActionSpec | None]:
    """View → Layers: the flow only, a toggle per layer, all of them, and the focus lens."""
    specs: list[ActionSpec | None] = [
        S("layers_flow_only", "&Flow only", lambda: w.layers.build_up(0)),
        None,
    ]
    for name, text in LAYER_ACTIONS:
        layer = name.removeprefix("layer_")
        specs.append(S(name, text, partial(_toggle_layer, w, layer), checkable=True, checked=True))
    specs += [
        None,
        S("layers_all", "&All layers", lambda: w.layers.build_up(len(LAYER_ACTIONS))),
        S(
            FOCUS_ACTION,
            "Focus &lens on the selection",
            lambda: w.layers.toggle_focus(),
            "Ctrl+Shift+L",
            checkable=True,
        ),
    ]
    return specs


def _toggle_layer(w: MainWindow, layer: str) -> None:
    w.layers.toggle(layer)


def show_theme(w: MainWindow, name: str) -> None:
    """Apply theme ``name`` (unless it is already applied) and tick it in the View menu."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and not (
        active_theme(app) == name and app.styleSheet() == stylesheet(name)
    ):
        apply_theme(app, name)
    w.actions_[f"theme_{name}"].setChecked(True)
    w.show_canvas_theme()


def _choose_theme(w: MainWindow, name: str) -> None:
    app = QApplication.instance()
    if (
        not w.actions_[f"theme_{name}"].isChecked()
        or w.presentation.is_active()
        or not isinstance(app, QApplication)
        or active_theme(app) == name
    ):
        return
    show_theme(w, name)
    save_theme(w.recent.settings, name)


def _editing_call(w: MainWindow, name: str, *args: str) -> Callable[[], None]:
    def call() -> None:
        if w.editing is not None:
            getattr(w.editing, name)(*args)

    return call


def _view_call(w: MainWindow, name: str) -> Callable[[], None]:
    def call() -> None:
        tab = w.canvas.current() if w.canvas else None
        if tab is not None:
            getattr(tab.view, name)()

    return call


def _show_about(w: MainWindow) -> None:
    from app.shell.about import show_about  # built on first use, like every dialog

    show_about(w)
