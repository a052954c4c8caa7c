"""Slides in the model: layers and the focus lens, the facilitator's frames (undoable edits
kept in the file and the JSON), the walkthrough order, the deck and what each slide draws."""

from __future__ import annotations

import itertools
import json
import sqlite3
from pathlib import Path

import pytest

from model import edits
from model.analysis import analyse
from model.appearance import ELEMENT_HEIGHT, ELEMENT_WIDTH
from model.edits import EditError
from model.frames import custom_frames
from model.interchange import InterchangeError, dumps, read_json_file, session_from_json
from model.layers import OPTIONAL_LAYERS, LayerState, layer_state, visibility
from model.routing import session_routes
from model.session import Session
from model.slides import build_deck, slide_paths, stage_for
from model.stage import (
    CAPTION_TARGET_PX,
    LABEL_TARGET_PX,
    MIN_STAGE_WIDTH,
    Connector,
    Elements,
    Mark,
    Matrix,
    Text,
    px_per_unit,
    stage_size,
)
from model.templates import create_session, list_templates
from model.walkthrough import flow_order, walkthrough_steps
from storage.document import SessionDocument
from storage.files import SessionFileError
from storage.store import read_session

FULL_HD = stage_size(1920, 1080, 1080)


def _sales() -> Session:
    return create_session("sales", "Sales")


def _element(session: Session, label: str) -> str:
    return next(e.id for e in session.elements.values() if e.label == label)


# -- layers and the focus lens -----------------------------------------------------------------


def test_layers_hide_components_and_the_lens_dims_all_but_a_neighbourhood() -> None:
    session = _sales()
    workflow_id = "wf-sales"
    everything = visibility(session, workflow_id)
    assert len(everything.elements) == len(session.workflow_elements(workflow_id))
    assert everything.dimmed == frozenset()
    flow_only = LayerState(frozenset(OPTIONAL_LAYERS))
    shown = visibility(session, workflow_id, flow_only)
    kinds = {session.elements[i].kind for i in shown.elements}
    assert kinds == {"trigger", "step", "ai_step", "outcome"}
    for connection_id in shown.connections:  # only connections between shown elements
        connection = session.connections[connection_id]
        assert {connection.source, connection.target} <= shown.elements
    with_roles = visibility(session, workflow_id, flow_only.built_up_to(1))
    assert {session.elements[i].kind for i in with_roles.elements} == kinds | {"role"}

    draft = _element(session, "Draft proposal")
    lens = visibility(session, workflow_id, LayerState(focus=draft))
    near = {c.source for c in session.connections.values() if c.target == draft} | {
        c.target for c in session.connections.values() if c.source == draft
    }
    assert near and draft not in lens.dimmed
    assert not near & lens.dimmed
    assert lens.dimmed >= everything.elements - near - {draft}


def test_layer_edits_are_undoable_and_refuse_nonsense(tmp_path: Path) -> None:
    session = _sales()
    document = SessionDocument.create(tmp_path / "s.opmodel", session)
    session = document.session
    draft = _element(session, "Draft proposal")
    document.execute(edits.set_layers(session, "wf-sales", hidden=["data", "roles"]))
    document.execute(edits.set_layers(session, "wf-sales", focus=draft))
    assert layer_state(session.workflows["wf-sales"]) == LayerState(
        frozenset({"data", "roles"}), draft
    )
    assert session.workflows["wf-sales"].extra["layers"] == {
        "hidden": ["roles", "data"],
        "focus": draft,
    }
    document.undo()
    assert layer_state(session.workflows["wf-sales"]).focus is None
    document.close()
    reopened = read_session(tmp_path / "s.opmodel")
    assert layer_state(reopened.workflows["wf-sales"]).hidden == {"data", "roles"}
    with pytest.raises(EditError, match="layer ids"):
        edits.set_layers(session, "wf-sales", hidden=["flow"])
    with pytest.raises(EditError, match="Select an element"):
        edits.set_layers(session, "wf-sales", focus="nope")
    everything = edits.set_layers(session, "wf-sales", hidden=[], focus=None)
    assert "layers" not in everything.changes[0].after["extra"]  # the default is not stored


# -- the facilitator's frames --------------------------------------------------------------------


def test_frames_are_added_renamed_reordered_and_deleted_as_undoable_edits(tmp_path: Path) -> None:
    path = tmp_path / "frames.opmodel"
    document = SessionDocument.create(path, _sales())
    session = document.session
    for name, x in (("Intake", 0), ("Drafting", 600), ("Approval", 1200)):
        document.execute(edits.add_frame(session, "wf-sales", name, (x, 40, 900, 460)))
    frames = custom_frames(session.workflows["wf-sales"])
    assert [f.name for f in frames] == ["Intake", "Drafting", "Approval"]
    assert len({f.id for f in frames}) == 3
    first, second, third = (f.id for f in frames)
    document.execute(edits.update_frame(session, "wf-sales", second, name="Where AI drafts"))
    document.execute(edits.update_frame(session, "wf-sales", second, notes="Who signs off?"))
    document.execute(edits.reorder_frame(session, "wf-sales", third, 0))
    document.execute(edits.delete_frame(session, "wf-sales", first))
    frames = custom_frames(session.workflows["wf-sales"])
    assert [(f.name, f.notes) for f in frames] == [
        ("Approval", ""),
        ("Where AI drafts", "Who signs off?"),
    ]
    document.undo()  # the delete
    assert [f.id for f in custom_frames(session.workflows["wf-sales"])] == [third, first, second]
    document.close()
    reopened = SessionDocument.open(path)
    names = [f.name for f in custom_frames(reopened.session.workflows["wf-sales"])]
    assert names == ["Approval", "Intake", "Where AI drafts"]
    reopened.undo()  # undo survives reopening
    assert [f.id for f in custom_frames(reopened.session.workflows["wf-sales"])] == [
        first,
        second,
        third,
    ]
    with pytest.raises(EditError, match="no frame"):
        edits.delete_frame(reopened.session, "wf-sales", "gone")
    with pytest.raises(EditError, match="width"):
        edits.add_frame(reopened.session, "wf-sales", "Flat", (0, 0, 0, 10))
    reopened.close()


def test_frames_and_layers_survive_json_export_and_import(tmp_path: Path) -> None:
    session = _sales()
    edits.add_frame(session, "wf-sales", "Drafting", (300, 40, 900, 460), notes="Ask.").apply(
        session
    )
    edits.set_layers(session, "wf-sales", hidden=["notes"]).apply(session)
    text = dumps(session)
    document = json.loads(text)
    workflow = document["workflows"][0]
    assert workflow["frames"][0]["name"] == "Drafting" and workflow["frames"][0]["notes"] == "Ask."
    assert workflow["layers"] == {"hidden": ["notes"], "focus": None}
    source = tmp_path / "s.json"
    source.write_text(text, encoding="utf-8")
    again = read_json_file(source)
    assert custom_frames(again.workflows["wf-sales"]) == custom_frames(
        session.workflows["wf-sales"]
    )
    assert layer_state(again.workflows["wf-sales"]).hidden == {"notes"}


@pytest.mark.parametrize(
    ("value", "path", "expected"),
    [
        ({"frames": {}}, "$.workflows[0].frames", "a list of at most 200 frames"),
        ({"frames": [{"id": "f", "name": "A", "x": 0, "y": 0, "width": 5, "height": 90}]},
         "$.workflows[0].frames[0].width", "a number from 20"),
        ({"frames": [{"id": "f", "name": "A", "x": 0, "y": 0, "width": 90}]},
         "$.workflows[0].frames[0].height", "a number from 20"),
        ({"frames": [{"id": "f", "name": "A", "x": 0, "y": 0, "width": 90, "height": 90},
                     {"id": "f", "name": "B", "x": 0, "y": 0, "width": 90, "height": 90}]},
         "$.workflows[0].frames[1].id", "not used before"),
        ({"layers": {"hidden": ["flow"]}}, "$.workflows[0].layers.hidden[0]", "layer ids"),
        ({"layers": {"hidden": [], "zoom": 2}}, "$.workflows[0].layers.zoom", "no other keys"),
        ({"layers": {"focus": 7}}, "$.workflows[0].layers.focus", "a string"),
    ],
)  # fmt: skip
def test_bad_frames_and_layers_are_refused_naming_the_path(
    value: dict, path: str, expected: str
) -> None:
    document = {"format": "opmodel", "version": 1, "workflows": [{"id": "w", **value}]}
    with pytest.raises(InterchangeError) as caught:
        session_from_json(document, "in.json")
    assert caught.value.path == path
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_session_file_with_damaged_frames_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.opmodel"
    SessionDocument.create(path, _sales()).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE workflows SET extra = ? WHERE id = 'wf-sales'",
            (json.dumps({"frames": [{"id": "f", "name": "A"}]}),),
        )
    conn.close()
    with pytest.raises(SessionFileError, match=r"frames\[0\]\.x"):
        read_session(path)


# -- walkthrough, deck and stages ----------------------------------------------------------------


def test_the_walkthrough_follows_the_flow_from_the_trigger() -> None:
    session = _sales()
    order = [e.label for e in flow_order(session, "wf-sales")]
    assert order[0] == "New qualified lead"
    assert order[-1] == "Proposal sent, follow-up set"
    steps = [e.label for e in walkthrough_steps(session, "wf-sales")]
    assert steps.index("Draft proposal") < steps.index("Proposal fact check")
    assert steps.index("Proposal fact check") < steps.index("Manager approval")
    hidden = LayerState(frozenset({"governance"}))
    without = [e.label for e in walkthrough_steps(session, "wf-sales", hidden)]
    assert "Manager approval" not in without
    assert without == [s for s in steps if s in without]  # the same order, gates left out


def test_the_deck_of_every_template() -> None:
    for name in [t.name for t in list_templates()]:
        session = create_session(name, name)
        analysis = analyse(session)
        deck = build_deck(session, FULL_HD, analysis)
        workflow_id = session.ordered_workflows()[0].id
        steps = walkthrough_steps(session, workflow_id)
        kinds = [slide.kind for slide in deck]
        assert kinds[0] == "overview"
        assert kinds.count("step") == len(steps) >= 5
        assert kinds[-4:] == ["findings", "scores", "matrix", "voting"]
        assert len({slide.key for slide in deck}) == len(deck)


def test_custom_frames_come_after_the_walkthrough_and_show_their_region() -> None:
    session = _sales()
    draft = session.elements[_element(session, "Draft proposal")]
    rect = (draft.x - 40, draft.y - 40, 400, 200)
    edits.add_frame(session, "wf-sales", "Drafting", rect, notes="Pause here.").apply(session)
    deck = build_deck(session, FULL_HD, analyse(session))
    frame = next(s for s in deck if s.kind == "frame")
    assert deck.index(frame) == max(i for i, s in enumerate(deck) if s.kind == "step") + 1
    assert frame.notes == "Pause here." and frame.title == "Drafting"
    stage = stage_for(session, frame, FULL_HD, None, 3, len(deck))
    layer = stage.elements()
    assert layer is not None and draft.id in layer.session.elements
    cx = layer.source[0] + layer.source[2] / 2
    assert cx == pytest.approx(rect[0] + rect[2] / 2)
    assert layer.scale >= 1  # a frame smaller than a slide is shown bigger, never smaller
    assert "3 / " + str(len(deck)) in stage.texts()
    # the region is cut out of the canvas as it is: its role lanes, its routes
    lanes = session.workflows["wf-sales"].extra["lanes"]
    assert layer.session.workflows["wf-sales"].extra["lanes"] == lanes
    assert session_routes(layer.session, "wf-sales") == session_routes(session, "wf-sales")
    edits.set_layers(session, "wf-sales", hidden=["roles"]).apply(session)
    roleless = stage_for(session, frame, FULL_HD).elements()
    assert roleless is not None
    assert not any(e.kind == "role" for e in roleless.session.elements.values())
    assert session_routes(roleless.session, "wf-sales")  # routed, without lanes (no headers)


def test_the_overview_reads_in_rows_left_to_right_and_turns_between_them() -> None:
    session = _long_flow(10)
    [overview] = [s for s in build_deck(session, FULL_HD) if s.kind == "overview"]
    stage = stage_for(session, overview, FULL_HD)
    layer = stage.elements()
    assert layer is not None
    boxes = {ident: (e.x, e.y) for ident, e in layer.session.elements.items()}
    rows: dict[float, list[float]] = {}
    for index in range(10):
        x, y = boxes[f"e{index}"]
        rows.setdefault(y, []).append(x)
    assert len(rows) >= 2 and all(xs == sorted(xs) for xs in rows.values())  # left to right
    turns = [shape for shape in stage.shapes if isinstance(shape, Connector)]
    assert len(turns) == len(rows) - 1
    drawn = {(c.source, c.target) for c in layer.session.connections.values()}
    ys = sorted(rows)
    for turn, (upper, lower) in zip(turns, itertools.pairwise(ys), strict=True):
        last = next(f"e{i}" for i in range(10) if boxes[f"e{i}"] == (max(rows[upper]), upper))
        first = next(f"e{i}" for i in range(10) if boxes[f"e{i}"] == (min(rows[lower]), lower))
        assert (last, first) not in drawn  # the scene does not route it round the rows
        route = turn.route
        assert route.start == (boxes[last][0] + ELEMENT_WIDTH, upper + ELEMENT_HEIGHT / 2)
        assert route.tip == (boxes[first][0], lower + ELEMENT_HEIGHT / 2)
        gap = [y for _, y in route.points if upper + ELEMENT_HEIGHT < y < lower]
        assert gap  # across in the gap between the rows
        for a, b in itertools.pairwise(route.polyline()):
            assert a[0] == b[0] or a[1] == b[1]  # horizontal and vertical segments only
        bounds = route.control_bounds()
        assert bounds.x >= 0 and bounds.right <= FULL_HD.width  # on the slide
    x, y, w, h = layer.source
    for route in session_routes(layer.session, "w").values():  # nothing drawn is cut off
        assert route is not None
        bounds = route.control_bounds()
        assert x <= bounds.x and bounds.right <= x + w and y <= bounds.y and bounds.bottom <= y + h


def test_an_ai_step_slide_shows_its_neighbours_and_its_decision_large() -> None:
    session = _sales()
    analysis = analyse(session)
    deck = build_deck(session, FULL_HD, analysis)
    draft_id = _element(session, "Draft proposal")
    slide = next(s for s in deck if s.element_id == draft_id)
    stage = stage_for(session, slide, FULL_HD, analysis, 1, len(deck))
    layer = stage.elements()
    assert layer is not None
    neighbours = {session.elements[i].kind for i in layer.session.elements} - {"ai_step"}
    assert neighbours == {"role", "data", "control", "metric"}
    ids = layer.session.elements
    assert all(
        c.source == draft_id or c.target == draft_id for c in layer.session.connections.values()
    )
    draft = session.elements[draft_id]
    texts = {t.text: t for t in stage.shapes if isinstance(t, Text)}
    assert texts[draft.props["task"]].size >= 22 and texts[draft.props["task"]].bold
    assert texts["Approval required"].size >= 22
    assert texts["Human in the loop"].size >= 22
    owner = next(session.elements[i].label for i in ids if session.elements[i].kind == "role")
    assert texts[owner].size >= 22
    assert layer.scale == 1  # boxes at canvas size: labels keep the projected size
    centre = ids[draft_id]
    others = [ids[i] for i in ids if i != draft_id]
    roles = [e for e in others if e.kind == "role"]
    data = [e for e in others if e.kind == "data"]
    assert all(r.y < centre.y for r in roles) and all(d.x < centre.x for d in data)
    flow_only = LayerState(frozenset(OPTIONAL_LAYERS))
    edits.set_layers(session, "wf-sales", hidden=flow_only.hidden).apply(session)
    alone = stage_for(session, slide, FULL_HD, analysis).elements()
    assert alone is not None and list(alone.session.elements) == [draft_id]


def test_findings_slides_say_the_severity_by_shape_and_word() -> None:
    session = _sales()
    draft = _element(session, "Draft proposal")
    edits.delete_connections(
        session, [c.id for c in session.connections.values() if c.target == draft]
    ).apply(session)
    analysis = analyse(session)
    findings = [f for f in analysis.findings if f.workflow_id == "wf-sales"]
    assert any(f.severity == "error" for f in findings)
    deck = build_deck(session, FULL_HD, analysis)
    pages = [s for s in deck if s.kind == "findings"]
    shown = []
    for page in pages:
        shapes = stage_for(session, page, FULL_HD, analysis).shapes
        for index, shape in enumerate(shapes):
            if isinstance(shape, Mark):  # an icon, then the severity in words
                head = shapes[index + 1]
                assert isinstance(head, Text) and head.text.startswith(shape.severity.upper())
                shown.append(shape.severity)
    assert sorted(shown) == sorted(f.severity for f in findings)
    step = next(s for s in deck if s.element_id == draft)
    assert "ROLE-1" in step.notes  # the presenter's notes name what the step lacks
    badges = dict(stage_for(session, step, FULL_HD, analysis).elements().badges)
    assert badges[draft] == "error"


def test_stage_sizes_keep_labels_24_px_at_1080_lines_and_scale_with_the_screen() -> None:
    assert px_per_unit(1080) * 15 == pytest.approx(LABEL_TARGET_PX)
    assert px_per_unit(1080) * 11 >= CAPTION_TARGET_PX
    assert px_per_unit(720) * 15 == pytest.approx(16.0)
    assert stage_size(1920, 1080, 1080) == stage_size(1280, 720, 720)  # same layout, scaled
    small = stage_size(640, 360, 1080)
    assert small.width == MIN_STAGE_WIDTH and small.height == pytest.approx(
        MIN_STAGE_WIDTH * 9 / 16
    )
    long_flow = _long_flow(40)
    deck = build_deck(long_flow, FULL_HD)
    overviews = [s for s in deck if s.kind == "overview"]
    assert len(overviews) >= 2 and overviews[0].title.endswith(f"(1 of {len(overviews)})")
    drawn = [stage_for(long_flow, s, FULL_HD).elements() for s in overviews]
    assert sum(len(d.session.elements) for d in drawn if d) == 40
    assert all(d is not None and d.scale == 1 for d in drawn)


def _long_flow(count: int) -> Session:
    session = Session()
    edits.add_workflow(session, "Long", workflow_id="w").apply(session)
    items = [
        {"id": f"e{i}", "kind": "step", "label": f"Step {i}", "x": i * 200, "y": 0}
        for i in range(count)
    ]
    items[0]["kind"] = "trigger"
    links = [{"source": f"e{i}", "target": f"e{i + 1}"} for i in range(count - 1)]
    edits.add_items(session, "w", items, links).apply(session)
    return session


def test_matrix_and_voting_slides() -> None:
    session = _sales()
    deck = build_deck(session, FULL_HD)
    matrix = stage_for(session, deck[-2], FULL_HD)
    assert any(isinstance(s, Matrix) for s in matrix.shapes)
    from model.participants import add_participant
    from model.voting import reveal_round, set_done, set_votes, start_round

    add_participant(session, "Ana").apply(session)  # voters come from the participant list
    set_votes(session, "Ana", "wf-sales", 3).apply(session)
    set_votes(session, "Ana", _element(session, "Draft proposal"), 2).apply(session)
    voting = stage_for(session, deck[-1], FULL_HD).texts()
    assert "3 dots" in voting and any("Draft proposal" in t and "2 dots" in t for t in voting)
    assert not any(isinstance(s, Elements) for s in matrix.shapes)
    # a private dot round: the projector shows only its progress until Reveal
    start_round(session, "dots").apply(session)
    set_votes(session, "Ana", "wf-sales", 1).apply(session)
    set_done(session, "Ana").apply(session)
    hidden = " ".join(stage_for(session, deck[-1], FULL_HD).texts())
    assert "1 of 1 done" in hidden and "dot" not in hidden.replace("dot round", "")
    reveal_round(session).apply(session)
    assert "1 dot" in stage_for(session, deck[-1], FULL_HD).texts()


def test_the_scores_slide_uses_the_bands_of_the_app_cli_and_pdf() -> None:
    from model.stage_layouts import scores_stage

    scores = {"role_design": 49, "data_context": 92, "governance": None}
    texts = scores_stage(scores, FULL_HD, errors={"role_design"}).texts()
    assert "49 / 100 · ✕ errors" in texts
    assert "92 / 100 · ✓ good" in texts
    assert "– not yet mapped" in texts


def test_slide_file_names() -> None:
    assert [p.name for p in slide_paths(Path("out/deck.png"), 3)] == [
        "deck-01.png",
        "deck-02.png",
        "deck-03.png",
    ]
    assert slide_paths(Path("d.png"), 120)[0].name == "d-001.png"
