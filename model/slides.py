"""The slides of a session: which frames presentation mode steps through, in which order.

For each workflow, in tab order:

1. **overview**: the flow from trigger to outcome (several slides when it is long);
2. **walkthrough**: one slide per step along the flow from the trigger
   (:mod:`model.walkthrough`), the step centred with its roles, data, controls and metrics;
3. the facilitator's own **frames** (:mod:`model.frames`), in their order;
4. **findings** (several slides when there are many) and the component **scores**.

Then, for the whole workshop, the prioritisation **matrix** and the **voting** results.
Each workflow's layers (:mod:`model.layers`) decide what its slides show. What a slide
draws is its :class:`~model.stage.Stage` (:func:`stage_for`), which depends on the size
of the screen it is shown on; so does how many overview and findings slides there are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from model.frames import custom_frames
from model.layers import LAYER_NAMES, OPTIONAL_LAYERS, LayerState, workflow_layers
from model.session import Session
from model.stage import Elements, Stage, StageSize, chrome, message
from model.stage_layouts import (
    findings_per_slide,
    findings_stage,
    frame_stage,
    matrix_stage,
    overview_grid,
    overview_stage,
    scores_stage,
    step_stage,
    voting_stage,
)
from model.walkthrough import visible_flow, walkthrough_steps

if TYPE_CHECKING:
    from model.analysis import Analysis, Finding

SlideKind = Literal["overview", "step", "frame", "findings", "scores", "matrix", "voting"]
SLIDE_KINDS: tuple[str, ...] = (
    "overview",
    "step",
    "frame",
    "findings",
    "scores",
    "matrix",
    "voting",
)


@dataclass(frozen=True)
class Slide:
    """One frame of the deck; ``key`` stays the same while the session is edited."""

    key: str
    kind: SlideKind
    title: str
    workflow_id: str | None = None
    element_id: str | None = None
    frame_id: str | None = None
    part: int = 1
    parts: int = 1
    #: What the presenter view shows as notes for this slide.
    notes: str = ""


def slide_paths(target: Path, count: int) -> list[Path]:
    """``OUT-01.png`` … for ``count`` slides of the export to ``OUT.png`` (three digits
    from 100 slides on)."""
    digits = max(2, len(str(count)))
    return [
        target.with_name(f"{target.stem}-{n:0{digits}d}{target.suffix}")
        for n in range(1, count + 1)
    ]


def _part(title: str, part: int, parts: int) -> str:
    return f"{title} ({part} of {parts})" if parts > 1 else title


def build_deck(session: Session, size: StageSize, analysis: Analysis | None = None) -> list[Slide]:
    """Every slide of ``session`` for a stage of ``size``, in presenting order."""
    slides: list[Slide] = []
    for workflow in session.ordered_workflows():
        slides += workflow_slides(session, workflow.id, size, analysis)
    slides.append(Slide("matrix", "matrix", "Prioritisation: value × feasibility"))
    slides.append(Slide("voting", "voting", "Dot voting results"))
    return slides


def workflow_slides(
    session: Session, workflow_id: str, size: StageSize, analysis: Analysis | None = None
) -> list[Slide]:
    """The slides of one workflow: overview, walkthrough, frames, findings, scores."""
    workflow = session.workflows[workflow_id]
    state = workflow_layers(session, workflow_id)
    name = workflow.name or workflow_id
    slides: list[Slide] = []
    flow = visible_flow(session, workflow_id, state)
    columns, rows = overview_grid(size)
    parts = max(1, math.ceil(len(flow) / (columns * rows)))
    for part in range(1, parts + 1):
        slides.append(
            Slide(
                f"{workflow_id}:overview:{part}",
                "overview",
                _part(f"{name}: the flow", part, parts),
                workflow_id,
                part=part,
                parts=parts,
                notes=workflow.description,
            )
        )
    steps = walkthrough_steps(session, workflow_id, state)
    findings = _findings(analysis, workflow_id)
    for index, element in enumerate(steps, start=1):
        about = [
            f"{f.severity.upper()} {f.rule}: {f.message}"
            for f in findings
            if element.id in f.element_ids
        ]
        slides.append(
            Slide(
                f"{workflow_id}:step:{element.id}",
                "step",
                f"Walkthrough · step {index} of {len(steps)}",
                workflow_id,
                element_id=element.id,
                part=index,
                parts=len(steps),
                notes="\n".join(about),
            )
        )
    for frame in custom_frames(workflow):
        slides.append(
            Slide(
                f"{workflow_id}:frame:{frame.id}",
                "frame",
                frame.name or "Frame",
                workflow_id,
                frame_id=frame.id,
                notes=frame.notes,
            )
        )
    per = findings_per_slide(size)
    parts = max(1, math.ceil(len(findings) / per))
    summary = _count_findings(findings)
    for part in range(1, parts + 1):
        slides.append(
            Slide(
                f"{workflow_id}:findings:{part}",
                "findings",
                _part("Findings", part, parts),
                workflow_id,
                part=part,
                parts=parts,
                notes=summary,
            )
        )
    slides.append(Slide(f"{workflow_id}:scores", "scores", "Operating-model scores", workflow_id))
    return slides


def _findings(analysis: Analysis | None, workflow_id: str) -> list[Finding]:
    if analysis is None:
        return []
    return [f for f in analysis.findings if f.workflow_id == workflow_id]


def _count_findings(findings: list[Finding]) -> str:
    if not findings:
        return "No findings."
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    parts = [f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items() if n]
    return "Findings: " + ", ".join(parts) + "."


def layers_caption(session: Session, state: LayerState) -> str:
    """The footer's word on the layers: which show (when not all) and the focus."""
    parts = []
    if state.hidden:
        shown = ["flow", *(layer for layer in OPTIONAL_LAYERS if state.shows(layer))]
        names = [LAYER_NAMES[layer].split(" (")[0].lower() for layer in shown]
        parts.append("Layers: " + ", ".join(names))
    focus = session.elements.get(state.focus) if state.focus else None
    if focus is not None and state.shows_kind(focus.kind):
        parts.append(f"Focus: {focus.label or focus.id}")
    return " · ".join(parts)


def stage_for(
    session: Session,
    slide: Slide,
    size: StageSize,
    analysis: Analysis | None = None,
    number: int = 0,
    count: int = 0,
) -> Stage:
    """What ``slide`` draws on a stage of ``size``, with its title and footer
    (``number`` of ``count`` in the footer; 0 leaves the number out)."""
    workflow = session.workflows.get(slide.workflow_id or "")
    state = workflow_layers(session, workflow.id) if workflow is not None else LayerState()
    stage = _body(session, slide, size, analysis, state)
    elements = stage.elements()
    if elements is not None and analysis is not None and workflow is not None:
        badges = analysis.badges(workflow.id)
        shown = tuple((i, s) for i, s in badges.items() if i in elements.session.elements)
        index = stage.shapes.index(elements)
        stage.shapes[index] = Elements(
            elements.session,
            elements.workflow_id,
            elements.source,
            elements.target,
            elements.dimmed,
            shown,
        )
    if workflow is not None:
        left = workflow.name or workflow.id
        middle = layers_caption(session, state)
    else:
        left = session.workshop.title or "Workshop"
        middle = ""
    body = Stage(size)
    chrome(body, slide.title, left, number, count, middle)
    body.shapes.extend(stage.shapes)
    return body


def _body(
    session: Session,
    slide: Slide,
    size: StageSize,
    analysis: Analysis | None,
    state: LayerState,
) -> Stage:
    workflow_id = slide.workflow_id or ""
    if slide.kind == "overview":
        flow = visible_flow(session, workflow_id, state)
        columns, rows = overview_grid(size)
        per = columns * rows
        items = flow[(slide.part - 1) * per : slide.part * per]
        return overview_stage(
            session,
            workflow_id,
            items,
            size,
            continued=slide.part > 1,
            continues=slide.part < slide.parts,
            state=state,
        )
    if slide.kind == "step" and slide.element_id in session.elements:
        return step_stage(session, slide.element_id or "", size, state)
    if slide.kind == "frame":
        for frame in custom_frames(session.workflows.get(workflow_id)):
            if frame.id == slide.frame_id:
                return frame_stage(session, workflow_id, frame, size, state)
    if slide.kind == "findings":
        findings = _findings(analysis, workflow_id)
        per = findings_per_slide(size)
        page = findings[(slide.part - 1) * per : slide.part * per]
        if analysis is None:
            stage = Stage(size)
            message(stage, "Analysing …")
            return stage
        return findings_stage(page, size, len(findings))
    if slide.kind == "scores":
        scores = analysis.workflow_scores.get(workflow_id, {}) if analysis else {}
        errors = analysis.error_components(workflow_id) if analysis else set()
        return scores_stage(scores, size, errors)
    if slide.kind == "voting":
        return voting_stage(session, size)
    if slide.kind == "matrix":
        return matrix_stage(size)
    return Stage(size)
