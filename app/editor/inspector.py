"""The inspector dock: the typed fields of the selected element, connection or workflow,
or of the workshop.

Every change goes through the command layer: a field's entry becomes an
:class:`~model.edits.Edit` built by a :mod:`model.edits` constructor and is handed to
``push`` (the :class:`~app.editor.undo.UndoBridge`). An entry the spec does not allow is refused
in place — a red message under the field, the user's text kept — and nothing is stored.
The inspector listens to the document, so undo/redo and canvas edits show up at once,
without interrupting what the user is typing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.editor.fields import (
    EnumField,
    Field,
    InputRefused,
    TextField,
    make_field,
)
from app.operations import EditOp, RefusalNotice
from model import edits
from model.appearance import LABEL_PX, style_for
from model.connections import connection_meaning
from model.edits import Edit, EditError
from model.fields import WORKFLOW_FIELDS, WORKSHOP_FIELDS
from model.kinds import KINDS_BY_ID, PropSpec
from model.limits import LABEL_MAX
from model.session import Session
from model.validation import InvalidValue
from model.vocabulary import COMPONENTS_BY_ID, MATURITY_STAGES, RACI, humanize
from storage.document import EditAction, SessionDocument

#: What the inspector says when nothing (or several things) is selected.
#: Under a field whose accepted value the file refused (read-only, disk full).
NOT_SAVED = "The change could not be saved; the session is unchanged."
NOTHING_HINT = "Select an element, a connection or a workflow to see its details here."

_RACI_NAMES = {
    "R": "R — Responsible",
    "A": "A — Accountable",
    "C": "C — Consulted",
    "I": "I — Informed",
}
_MEANING_TITLES = {
    "flow": "Flow of work",
    "feeds": "Data feeds",
    "responsible": "Responsibility",
    "governs": "Governance",
    "measures": "Measurement",
    "learning_loop": "Learning loop",
}
_STYLE_SHEET = f"""
QWidget {{ font-size: {max(LABEL_PX, 14)}px; }}
QLabel#inspectorTitle {{ font-size: {max(LABEL_PX, 14) + 5}px; font-weight: 600; }}
"""


@dataclass
class _Page:
    """What the inspector shows: its widgets, header and bound fields."""

    content: QWidget | None
    shown: tuple[str, str] | None  # (entity type, id); None for a hint page
    describe: Callable[[], tuple[str, str]] = lambda: ("", "")
    hint: str = ""
    form: QFormLayout | None = None
    title: QLabel | None = None
    subtitle: QLabel | None = None
    bindings: dict[str, _Binding] = dataclass_field(default_factory=dict)


@dataclass
class _Binding:
    """One shown field and how it reads from, and writes to, the session."""

    field: Field
    current: Callable[[], Any]  # the model's value now
    build: Callable[[Any], Edit]  # the edit that stores a new value (may raise EditError)


class Inspector(QWidget):
    """Shows and edits the typed fields of one entity of the open session."""

    def __init__(self, push: Callable[[Edit], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._push = push
        self._document: SessionDocument | None = None
        self._page = _Page(None, None)
        self.setStyleSheet(_STYLE_SHEET)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self._scroll)
        self._show_hint(NOTHING_HINT, flush=False)

    # -- document ----------------------------------------------------------------------
    def set_document(self, document: SessionDocument | None) -> None:
        """Follow ``document``'s changes (None: no session); shows nothing until asked."""
        if self._document is not None:
            self._document.unsubscribe(self._on_document_change)
        self._document = document
        if document is not None:
            document.subscribe(self._on_document_change)
        self._show_hint(NOTHING_HINT, flush=False)

    def release(self) -> None:
        """Stop following the document as the window closes: its page stays as it is
        (rebuilding it for a window about to go only slowed closing down)."""
        if self._document is not None:
            self._document.unsubscribe(self._on_document_change)
        self._document = None

    # -- what to show ------------------------------------------------------------------
    def show_element(self, element_id: str) -> None:
        """Show the label and typed props of element ``element_id``."""
        if self._page.shown == ("element", element_id):
            self.refresh()
            return
        session = self._session()
        element = session.elements.get(element_id) if session else None
        if session is None or element is None:
            self.show_nothing()
            return
        self._flush()
        spec = KINDS_BY_ID[element.kind]
        style = style_for(element.kind)
        component = COMPONENTS_BY_ID.get(spec.component or "")
        page = self._begin(
            ("element", element_id),
            lambda: (spec.name, component.name if component else "Facilitation note"),
            accent=style.accent,
        )

        def element_now() -> Any:
            return self._require_session().elements[element_id]

        label = TextField(
            PropSpec("label", "text", "Label", max_length=LABEL_MAX), unset_when_empty=False
        )
        self._add(
            page,
            "label",
            label,
            current=lambda: element_now().label,
            build=lambda value: edits.update_element(
                self._require_session(), element_id, label=value
            ),
        )
        for prop in spec.props:
            self._add(
                page,
                prop.name,
                make_field(prop, unset_when_empty=True),
                current=partial(lambda name: element_now().props.get(name), prop.name),
                build=partial(self._prop_edit, element_id, prop.name),
            )
        self._finish(page)

    def show_connection(self, connection_id: str) -> None:
        """Show a connection's meaning and ends, its label and (from a role) its RACI letter."""
        if self._page.shown == ("connection", connection_id):
            self.refresh()
            return
        session = self._session()
        connection = session.connections.get(connection_id) if session else None
        if session is None or connection is None:
            self.show_nothing()
            return
        self._flush()
        source_kind = session.elements[connection.source].kind
        page = self._begin(
            ("connection", connection_id),
            partial(self._describe_connection, connection_id),
            accent=style_for(source_kind).accent,
        )

        def connection_now() -> Any:
            return self._require_session().connections[connection_id]

        self._add(
            page,
            "label",
            TextField(
                PropSpec("label", "text", "Label", max_length=LABEL_MAX), unset_when_empty=False
            ),
            current=lambda: connection_now().label,
            build=lambda value: edits.update_connection(
                self._require_session(), connection_id, label=value
            ),
        )
        if source_kind == "role":
            raci = EnumField(
                PropSpec("raci", "enum", "RACI", RACI), unset_when_empty=True, display=_RACI_NAMES
            )
            self._add(
                page,
                "raci",
                raci,
                current=lambda: connection_now().raci,
                build=lambda value: edits.update_connection(
                    self._require_session(), connection_id, raci=value
                ),
            )
        self._finish(page)

    def show_workflow(self, workflow_id: str) -> None:
        """Show the fields of workflow ``workflow_id`` (name, function, value, risk tier …)."""
        if self._page.shown == ("workflow", workflow_id):
            self.refresh()
            return
        session = self._session()
        if session is None or workflow_id not in session.workflows:
            self.show_nothing()
            return
        self._flush()
        page = self._begin(
            ("workflow", workflow_id),
            lambda: ("Workflow", self._require_session().workflows[workflow_id].name),
        )
        for spec in WORKFLOW_FIELDS:
            self._add(
                page,
                spec.name,
                make_field(spec, unset_when_empty=spec.nullable),
                current=partial(
                    lambda name: getattr(self._require_session().workflows[workflow_id], name),
                    spec.name,
                ),
                build=partial(
                    lambda name, value: edits.edit_workflow(
                        self._require_session(), workflow_id, **{name: value}
                    ),
                    spec.name,
                ),
            )
        self._finish(page)

    def show_workshop(self) -> None:
        """Show the workshop's fields (title, client, date, confidentiality …)."""
        if self._page.shown == ("workshop", ""):
            self.refresh()
            return
        if self._session() is None:
            self.show_nothing()
            return
        self._flush()
        page = self._begin(
            ("workshop", ""), lambda: ("Workshop", self._require_session().workshop.title)
        )
        for spec in WORKSHOP_FIELDS:
            field = make_field(spec, unset_when_empty=spec.nullable)
            if spec.name == "maturity_stage":
                field.editor.setToolTip(
                    "\n".join(f"{n} — {humanize(s)}" for n, s in enumerate(MATURITY_STAGES, 1))
                )
            self._add(
                page,
                spec.name,
                field,
                current=partial(
                    lambda name: getattr(self._require_session().workshop, name), spec.name
                ),
                build=partial(
                    lambda name, value: edits.edit_workshop(
                        self._require_session(), **{name: value}
                    ),
                    spec.name,
                ),
            )
        self._finish(page)

    def show_nothing(self, hint: str = NOTHING_HINT) -> None:
        """Show no entity, only a short ``hint`` (e.g. "3 elements selected")."""
        self._show_hint(hint, flush=True)

    def refresh(self) -> None:
        """Re-read the shown entity's values, leaving alone a field the user is typing in
        (or whose entry was refused); show nothing when the entity no longer exists."""
        if self._page.shown is None:
            return
        if not self._shown_exists():
            self._show_hint(NOTHING_HINT, flush=False)
            return
        self._update_header()
        for binding in self._page.bindings.values():
            if not binding.field.holds_user_input():
                binding.field.load(binding.current())

    # -- accessors (for the window and for tests) --------------------------------------
    def shown(self) -> tuple[str, str] | None:
        """(entity type, id) of what is shown — ("workshop", "") for the workshop — or None."""
        return self._page.shown

    def field_names(self) -> list[str]:
        """Names of the shown fields, in order ("label", then props or fields)."""
        return list(self._page.bindings)

    def field(self, name: str) -> Field:
        """The shown field ``name``."""
        return self._page.bindings[name].field

    def field_widget(self, name: str) -> QWidget:
        """The editor of field ``name``; ``"quality.accuracy"`` names one score box."""
        base, _, part = name.partition(".")
        field = self._page.bindings[base].field
        if part:
            return field.boxes[part]  # type: ignore[attr-defined]
        return field.editor

    def error_text(self, name: str) -> str:
        """The refusal message under field ``name`` ("" when none)."""
        return self._page.bindings[name].field.error_text()

    def header_text(self) -> tuple[str, str]:
        """The title and subtitle shown above the fields."""
        page = self._page
        if page.title is None or page.subtitle is None:
            return ("", "")
        return (page.title.text(), page.subtitle.text())

    def hint_text(self) -> str:
        """The hint shown when no entity is shown ("" while one is)."""
        return self._page.hint

    # -- committing --------------------------------------------------------------------
    def _commit(self, name: str) -> None:
        binding = self._page.bindings.get(name)
        if binding is None or self._session() is None or not self._shown_exists():
            return
        field = binding.field
        if not field.is_modified():
            field.clear_error()
            return
        try:
            value = field.read()
        except (InvalidValue, InputRefused) as exc:
            field.show_error(str(exc))
            return
        current = binding.current()
        if value == current and type(value) is type(current):
            field.load(current)
            return

        def show_stored(pushed: bool) -> None:
            if self._page.bindings.get(name) is binding and self._shown_exists():
                field.load(binding.current())  # the stored value, normalised ("20.0" → "20")
                if not pushed:
                    field.show_error(NOT_SAVED)

        (
            EditOp(self._push, lambda: binding.build(value))
            .on_success(lambda _edit: show_stored(True))
            .on_not_saved(lambda _edit: show_stored(False))
            .run(RefusalNotice(field.show_error, field.clear_error))
        )

    def _flush(self) -> None:
        """Commit entries still being typed before the inspector shows something else."""
        if self._page.shown is None or not self._shown_exists():
            return
        for name, binding in list(self._page.bindings.items()):
            field = binding.field
            if field.is_modified() and not field.has_error():
                self._commit(name)

    def _prop_edit(self, element_id: str, name: str, value: Any) -> Edit:
        return edits.update_element(self._require_session(), element_id, props={name: value})

    # -- document changes --------------------------------------------------------------
    def _on_document_change(self, edit: Edit, _action: EditAction) -> None:
        if not shiboken6.isValid(self):
            if self._document is not None:
                self._document.unsubscribe(self._on_document_change)
            return
        if self._page.shown is not None and self._touches_shown(edit):
            self.refresh()

    def _touches_shown(self, edit: Edit) -> bool:
        assert self._page.shown is not None
        entity, ident = self._page.shown
        if entity == "workshop":
            return bool(edit.touched("workshop"))
        if entity == "connection":
            if ident in edit.touched("connection"):
                return True
            session = self._session()
            connection = session.connections.get(ident) if session else None
            ends = {connection.source, connection.target} if connection else set()
            return bool(ends & edit.touched("element"))
        return ident in edit.touched(entity)  # type: ignore[arg-type]

    # -- building the form -------------------------------------------------------------
    def _session(self) -> Session | None:
        return self._document.session if self._document is not None else None

    def _require_session(self) -> Session:
        session = self._session()
        if session is None:
            raise EditError("No session is open.")
        return session

    def _shown_exists(self) -> bool:
        session = self._session()
        if session is None or self._page.shown is None:
            return False
        entity, ident = self._page.shown
        if entity == "element":
            return ident in session.elements
        if entity == "connection":
            return ident in session.connections
        if entity == "workflow":
            return ident in session.workflows
        return True

    def _describe_connection(self, connection_id: str) -> tuple[str, str]:
        session = self._require_session()
        connection = session.connections[connection_id]
        source = session.elements[connection.source]
        target = session.elements[connection.target]
        meaning = connection_meaning(source.kind, target.kind)
        title = _MEANING_TITLES.get(meaning or "", humanize(meaning or "connection"))

        def name(element: Any) -> str:
            return element.label or KINDS_BY_ID[element.kind].name

        return (title, f"{name(source)} → {name(target)}")

    def _install(self, page: _Page) -> None:
        """Make ``page`` the one on screen; the old page's fields commit nothing more."""
        for binding in self._page.bindings.values():
            binding.field.blockSignals(True)  # focus leaving a dying field commits nothing
        old = self._scroll.takeWidget()
        self._page = page
        assert page.content is not None
        self._scroll.setWidget(page.content)
        page.content.show()
        if old is not None:
            old.hide()
            old.deleteLater()

    def _show_hint(self, hint: str, *, flush: bool) -> None:
        if flush:
            self._flush()
        content = QWidget()
        layout = QVBoxLayout(content)
        label = QLabel(hint)
        label.setObjectName("inspectorHint")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)
        layout.addStretch(1)
        self._install(_Page(content, None, hint=hint))

    def _begin(
        self,
        shown: tuple[str, str],
        describe: Callable[[], tuple[str, str]],
        accent: str | None = None,
    ) -> _Page:
        content = QWidget()
        outer = QVBoxLayout(content)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.setSpacing(12)
        header = QHBoxLayout()
        header.setSpacing(10)
        if accent is not None:
            band = QFrame()
            band.setFixedWidth(6)
            band.setStyleSheet(f"background: {accent}; border: none;")
            header.addWidget(band)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        title = QLabel()
        title.setObjectName("inspectorTitle")
        title.setWordWrap(True)
        subtitle = QLabel()
        subtitle.setObjectName("inspectorSubtitle")
        subtitle.setWordWrap(True)
        titles.addWidget(title)
        titles.addWidget(subtitle)
        header.addLayout(titles, 1)
        outer.addLayout(header)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(10)
        outer.addLayout(form)
        outer.addStretch(1)
        return _Page(content, shown, describe, form=form, title=title, subtitle=subtitle)

    def _add(
        self,
        page: _Page,
        name: str,
        field: Field,
        *,
        current: Callable[[], Any],
        build: Callable[[Any], Edit],
    ) -> None:
        assert page.form is not None
        if field.shows_own_label:
            page.form.addRow(field)
        else:
            label = QLabel(field.spec.label)
            label.setBuddy(field.editor)
            page.form.addRow(label, field)
        field.editor.setAccessibleName(field.spec.label)
        if field.spec.help:
            field.editor.setToolTip(field.spec.help)
            field.editor.setAccessibleDescription(field.spec.help)
        page.bindings[name] = _Binding(field, current, build)
        field.committed.connect(partial(self._commit, name))

    def _finish(self, page: _Page) -> None:
        self._install(page)
        self._update_header()
        for binding in page.bindings.values():
            binding.field.load(binding.current())

    def _update_header(self) -> None:
        page = self._page
        if page.title is None or page.subtitle is None:
            return
        title, subtitle = page.describe()
        page.title.setText(title)
        page.subtitle.setText(subtitle)
        page.subtitle.setVisible(bool(subtitle))
