"""The PDF workflow drawing (vector shapes and text, tiles for big maps) and the charts."""

from __future__ import annotations

import time
from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
from PIL import Image as PILImage
from pypdf import PdfReader
from reportlab.lib.rl_accel import fp_str
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from benchmarks.synthetic import synthetic_session
from exports.pdf.charts import NOT_MAPPED, ChartImage, component_chart, prioritisation_chart
from exports.pdf.drawing import (
    A3_LANDSCAPE,
    A4_LANDSCAPE,
    MIN_LABEL_PT,
    TILE_LABEL_PT,
    WorkflowDrawing,
    WorkflowOverview,
    WorkflowTile,
    elide,
    workflow_flowables,
    workflow_page_size,
    wrap_label,
)
from exports.pdf.fonts import FONT, markup, register_fonts, string_width
from model.appearance import LABEL_PX, LANE_HEADER_FILL
from model.routing import session_routes
from model.session import Connection, Element, Session, Workflow
from model.templates import list_templates, load_template
from model.vocabulary import COMPONENT_IDS

MARGIN = 36.0


def _build(
    path: Path, pagesize: tuple[float, float], story: list[Flowable], pages: slice = slice(None)
) -> list[str]:
    """Build ``story`` into ``path`` and return the extracted text of (some of) its pages."""
    document = SimpleDocTemplate(
        str(path),
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    document.build(story)
    return [page.extract_text() for page in list(PdfReader(str(path)).pages)[pages]]


def _frame(pagesize: tuple[float, float]) -> tuple[float, float]:
    # SimpleDocTemplate's frame has 6 pt padding on each side.
    return pagesize[0] - 2 * MARGIN - 12, pagesize[1] - 2 * MARGIN - 12


def _squashed(text: str) -> str:
    return "".join(text.split())


def _heading(text: str) -> Paragraph:
    register_fonts()
    from reportlab.lib.styles import ParagraphStyle

    return Paragraph(markup(text), ParagraphStyle("h", fontName=FONT, fontSize=14, leading=18))


@pytest.mark.parametrize("name", [t.name for t in list_templates()])
def test_template_workflows_draw_as_vector_text_on_a3(tmp_path: Path, name: str) -> None:
    session = load_template(name)
    story: list[Flowable] = []
    pagesize = A3_LANDSCAPE  # on A4 their labels would print under MIN_LABEL_PT
    for workflow in session.ordered_workflows():
        assert workflow_page_size(session, workflow.id) == A3_LANDSCAPE
        story += workflow_flowables(session, workflow.id, *_frame(pagesize))
    assert all(isinstance(flowable, WorkflowDrawing) for flowable in story)
    pages = _build(tmp_path / f"{name}.pdf", pagesize, story)
    text = _squashed(" ".join(pages))
    assert len(pages) == len(session.workflows)
    for element in session.elements.values():
        # Every label is drawn whole (wrapped over lines), as text, not as an image.
        assert _squashed(element.label) in text, element.label
        assert element.kind.replace("_", " ").upper().replace(" ", "") in text
    for connection in session.connections.values():
        if connection.label:
            assert _squashed(connection.label) in text
        if connection.raci:
            assert connection.raci in text


def test_template_labels_are_readable_and_drawing_fits_the_frame() -> None:
    session = load_template("finance")
    workflow = session.ordered_workflows()[0]
    width, height = _frame(A3_LANDSCAPE)
    [drawing] = workflow_flowables(session, workflow.id, width, height)
    assert isinstance(drawing, WorkflowDrawing)
    drawn_width, drawn_height = drawing.wrap(width, height)
    assert drawn_width <= width and drawn_height <= height
    assert drawing.show_legend
    assert drawing.label_size() >= MIN_LABEL_PT
    # With a heading above it, the drawing shrinks into the space left on the page.
    assert drawing.wrap(width, drawn_height * 0.9)[1] == pytest.approx(drawn_height * 0.9)


def test_big_workflow_is_split_into_readable_overlapping_tiles(tmp_path: Path) -> None:
    session = synthetic_session(2000, 2500)
    workflow_id = session.ordered_workflows()[0].id
    assert workflow_page_size(session, workflow_id) == A3_LANDSCAPE
    started = time.perf_counter()
    flowables = workflow_flowables(session, workflow_id, *_frame(A3_LANDSCAPE))
    tiles = [f for f in flowables if isinstance(f, WorkflowTile)]
    assert isinstance(flowables[0], WorkflowOverview)
    assert len(tiles) == len(flowables) - 1 >= 4
    assert tiles[0].grid.scale * LABEL_PX >= TILE_LABEL_PT
    _build(tmp_path / "big.pdf", A3_LANDSCAPE, flowables, slice(0))
    assert time.perf_counter() - started < 15
    reader = PdfReader(str(tmp_path / "big.pdf"))
    pages = reader.pages
    text = "\n".join(pages[index].extract_text() for index in (0, 1, 2, len(pages) - 1))
    count = len(tiles)
    assert f"Part 1 of {count} (row 1, column 1)" in text
    assert f"Part {count} of {count}" in text
    assert "continues on part 2 ▶" in text
    assert "◀ continues from part 1" in text
    assert f"split into {count} parts" in text
    # Each part is a page of its own (the first may share its page with the overview).
    assert count <= len(pages) <= count + 1
    assert "Step 8" in text and "Outcome 1999" in text
    # Neighbouring views overlap by at least 10 %.
    first, second = tiles[0].grid.views[0], tiles[0].grid.views[1]
    assert first.right - second.x >= 0.1 * first.w - 1e-6


def _note_session() -> Session:
    session = load_template("sales")
    workflow = session.ordered_workflows()[0]
    session.elements["note-1"] = Element(
        id="note-1",
        workflow_id=workflow.id,
        kind="note",
        label="Parking lot idea",
        x=40,
        y=900,
        props={"color": "pink"},
        seq=999,
    )
    return session


def test_stakeholder_drawing_leaves_sticky_notes_out(tmp_path: Path) -> None:
    session = _note_session()
    workflow_id = session.ordered_workflows()[0].id
    frame = _frame(A3_LANDSCAPE)
    facilitator = workflow_flowables(session, workflow_id, *frame)
    stakeholder = workflow_flowables(session, workflow_id, *frame, stakeholder=True)
    [with_notes] = _build(tmp_path / "f.pdf", A3_LANDSCAPE, facilitator)
    [without_notes] = _build(tmp_path / "s.pdf", A3_LANDSCAPE, stakeholder)
    assert "Parking lot idea" in with_notes and "Sticky note" in with_notes
    assert "Parking lot idea" not in without_notes and "Sticky note" not in without_notes
    assert "Gather CRM data" in without_notes


def test_names_in_any_script_render_as_text(tmp_path: Path) -> None:
    session = Session()
    session.workflows["w"] = Workflow(id="w", name="東京")
    session.elements["t"] = Element(id="t", workflow_id="w", kind="trigger", label="Start")
    session.elements["s"] = Element(
        id="s", workflow_id="w", kind="step", label="Łódź Müller 東京", x=300, seq=1
    )
    session.connections["c"] = Connection(
        id="c", workflow_id="w", source="t", target="s", label="über"
    )
    story: list[Flowable] = [_heading(session.workflows["w"].name)]
    story += workflow_flowables(session, "w", *_frame(A4_LANDSCAPE))
    story.append(prioritisation_chart(session, 500, 260))
    text = "\n".join(_build(tmp_path / "scripts.pdf", A4_LANDSCAPE, story))
    for word in ("東京", "Łódź", "Müller", "über"):
        assert word in text
    assert "Not yet rated:" in text
    # A small workflow is not blown up: labels stay at most 15 × 0.7 pt.
    drawing = workflow_flowables(session, "w", *_frame(A4_LANDSCAPE))[0]
    assert isinstance(drawing, WorkflowDrawing)
    assert drawing.label_size() <= LABEL_PX * 0.7 + 1e-9


def test_connections_between_both_directions_and_raci_letters(tmp_path: Path) -> None:
    session = Session()
    session.workflows["w"] = Workflow(id="w", name="Loop")
    for index, (kind, x) in enumerate((("step", 0), ("step", 400), ("role", 200))):
        session.elements[f"e{index}"] = Element(
            id=f"e{index}", workflow_id="w", kind=kind, label=f"{kind} {index}", x=x, seq=index
        )
    session.elements["e2"].y = -300
    links = [("e0", "e1", "forward", None), ("e1", "e0", "back", None), ("e2", "e0", "", "A")]
    for index, (source, target, label, raci) in enumerate(links):
        session.connections[f"c{index}"] = Connection(
            id=f"c{index}",
            workflow_id="w",
            source=source,
            target=target,
            label=label,
            raci=raci,
            seq=index,
        )
    [text] = _build(
        tmp_path / "loop.pdf", A4_LANDSCAPE, workflow_flowables(session, "w", *_frame(A4_LANDSCAPE))
    )
    for word in ("forward", "back", "A", "step 0", "role 2", "responsible"):
        assert word in text


def test_empty_workflow_gets_a_message(tmp_path: Path) -> None:
    session = Session()
    session.workflows["w"] = Workflow(id="w", name="Empty")
    assert workflow_page_size(session, "w") == A4_LANDSCAPE
    [text] = _build(
        tmp_path / "empty.pdf", A4_LANDSCAPE, workflow_flowables(session, "w", 500, 400)
    )
    assert "no elements yet" in text


def test_wrap_and_elide_fit_the_width() -> None:
    register_fonts()
    lines = wrap_label("Reconcile supplier ledger against the bank " * 5, 15, 160, 3)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(string_width(line, 15, "OpModelSans-Bold") <= 160 for line in lines)
    assert wrap_label("Short", 15, 160, 3) == ["Short"]
    assert wrap_label("", 15, 160, 3) == []
    long_word = wrap_label("Supercalifragilisticexpialidocious", 15, 80, 3)
    assert len(long_word) >= 2
    assert elide("東京 " * 40, 14, 100).endswith("…")


def _pixels(flowable: Flowable) -> PILImage.Image:
    assert isinstance(flowable, ChartImage)
    return PILImage.open(BytesIO(flowable.png)).convert("RGB")


def _share(image: PILImage.Image, color: str, tolerance: int = 12) -> float:
    """The share of pixels within ``tolerance`` of ``color`` on every channel."""
    target = np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)])
    pixels = np.asarray(image, dtype=np.int16)
    near = np.all(np.abs(pixels - target) <= tolerance, axis=-1)
    return float(near.mean())


def test_component_chart_colours_scores_and_marks_unmapped(tmp_path: Path) -> None:
    unmapped = component_chart(dict.fromkeys(COMPONENT_IDS), 480, 200)
    strong = component_chart(dict.fromkeys(COMPONENT_IDS, 90), 480, 200)
    mixed_scores: dict[str, int | None] = dict.fromkeys(COMPONENT_IDS, 30)
    mixed_scores["governance"] = 60
    mixed = component_chart(mixed_scores, 480, 200)
    grey, green = _pixels(unmapped), _pixels(strong)
    assert abs(grey.size[0] - 480 / 72 * 200) <= 1 and abs(grey.size[1] - 200 / 72 * 200) <= 1
    assert _share(grey, "#F3F4F6") > 0.05  # the hatched "not yet mapped" bars
    assert _share(grey, "#15803D") == 0
    assert _share(green, "#15803D") > 0.1
    assert _share(_pixels(mixed), "#B91C1C") > 0.02 and _share(_pixels(mixed), "#B45309") > 0
    assert NOT_MAPPED == "not yet mapped"
    _build(tmp_path / "chart.pdf", A4_LANDSCAPE, [unmapped, Spacer(1, 12), strong])


def test_prioritisation_chart_places_rated_workflows(tmp_path: Path) -> None:
    session = load_template("sales")
    session.workflows["a"] = Workflow(id="a", name="Quick", value=5, feasibility=5, votes=4)
    session.workflows["b"] = Workflow(id="b", name="Later", value=1, feasibility=1, votes=0)
    session.workflows["c"] = Workflow(id="c", name="Same cell", value=5, feasibility=5, votes=1)
    chart = prioritisation_chart(session, 480, 320)
    image = _pixels(chart)  # everything is rated: the chart alone, no note
    assert _share(image, "#DCFCE7") > 0.05  # "Quick wins" shading
    assert _share(image, "#E0F2FE") > 0.05  # "Strategic bets" shading
    session.workflows["d"] = Workflow(id="d", name="Unrated idea")
    [text] = _build(tmp_path / "prio.pdf", A4_LANDSCAPE, [prioritisation_chart(session, 480, 320)])
    assert "Not yet rated: Unrated idea" in text


def test_template_drawing_has_the_lanes_and_the_routes_of_the_canvas(tmp_path: Path) -> None:
    session = load_template("sales")
    [drawing] = workflow_flowables(session, "wf-sales", *_frame(A3_LANDSCAPE))
    assert isinstance(drawing, WorkflowDrawing)
    routes = session_routes(session, "wf-sales")
    drawn = sorted(link.route.polyline() for link in drawing.scene.links)
    assert drawn == sorted(r.polyline() for r in routes.values() if r is not None)
    assert [lane.role for lane in drawing.scene.lanes] == [
        "s-role-ops",
        "s-role-ae",
        "s-role-revops",
        "s-role-manager",
    ]
    for lane in drawing.scene.lanes:  # the bands are inside the drawing
        assert (
            drawing.scene.bounds.x <= lane.band.x and lane.band.right <= drawing.scene.bounds.right
        )
    _build(tmp_path / "lanes.pdf", A3_LANDSCAPE, [drawing])
    content = PdfReader(str(tmp_path / "lanes.pdf")).pages[0].get_contents()
    assert content is not None
    r, g, b = (int(LANE_HEADER_FILL[i : i + 2], 16) / 255 for i in (1, 3, 5))
    header_fill = f"{fp_str(r, g, b)} rg".encode()  # as reportlab writes the colour
    # one header column per lane, filled in the lanes' header colour
    assert content.get_data().count(header_fill) == len(drawing.scene.lanes)
