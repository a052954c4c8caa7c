"""The facilitator's own frames: named regions of a workflow's canvas, shown as slides.

Kept per workflow, in order, in the workflow's JSON ``extra`` under ``"frames"``::

    "frames": [{"id": "fr-1", "name": "Where the AI drafts", "x": 300, "y": 40,
                "width": 900, "height": 460, "notes": "Ask who signs off."}]

``x``/``y`` is the region's top-left corner in scene coordinates (those of the elements),
``width``/``height`` its size; ``notes`` (optional) are the presenter's notes. Unknown keys
of a frame are kept. The edits that add, rename, move, reorder and delete frames are in
:mod:`model.edits`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from model.limits import NOTES_MAX
from model.session import Workflow
from model.validation import InvalidValue, check_coordinate, check_id, check_label, check_text

#: The key of a workflow's ``extra`` that holds its frames.
FRAMES_KEY = "frames"
#: The most frames one workflow may have.
FRAMES_MAX = 200
#: Largest width or height of a frame (scene px).
FRAME_SIDE_MAX = 1_000_000
#: Smallest width or height of a frame (scene px).
FRAME_SIDE_MIN = 20
_KNOWN = ("id", "name", "x", "y", "width", "height", "notes")


@dataclass(frozen=True)
class CustomFrame:
    """One named region of a workflow's canvas."""

    id: str
    name: str
    x: float
    y: float
    width: float
    height: float
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_json(self) -> dict[str, Any]:
        """The stored form (unknown keys kept)."""
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "x": self.x,
            "y": self.y,
            "width": self.width,
            "height": self.height,
        }
        if self.notes:
            out["notes"] = self.notes
        out.update(self.extra)
        return out


def check_frame(value: Any, path: str) -> CustomFrame:
    """One stored frame, checked, as a :class:`CustomFrame`; raise :class:`InvalidValue`."""
    if not isinstance(value, dict):
        raise InvalidValue(path, "a frame object", value)
    for key in ("id", "name", "x", "y", "width", "height"):
        if key not in value:
            raise InvalidValue(f"{path}.{key}", _expected(key), None)
    ident = check_id(value["id"], f"{path}.id")
    name = check_label(value["name"], f"{path}.name")
    x = check_coordinate(value["x"], f"{path}.x")
    y = check_coordinate(value["y"], f"{path}.y")
    sides = []
    for key in ("width", "height"):
        side = value[key]
        number_ok = isinstance(side, int | float) and not isinstance(side, bool)
        if not number_ok or not FRAME_SIDE_MIN <= side <= FRAME_SIDE_MAX:
            raise InvalidValue(f"{path}.{key}", _expected(key), side)
        sides.append(side)
    notes = check_text(value.get("notes", ""), f"{path}.notes", NOTES_MAX)
    extra = {k: v for k, v in value.items() if k not in _KNOWN}
    return CustomFrame(ident, name, x, y, sides[0], sides[1], notes, extra)


def check_frames(value: Any, path: str) -> list[CustomFrame]:
    """A stored list of frames, checked (ids unique); raise :class:`InvalidValue`."""
    if not isinstance(value, list):
        raise InvalidValue(path, f"a list of at most {FRAMES_MAX} frames", value)
    if len(value) > FRAMES_MAX:
        raise InvalidValue(path, f"a list of at most {FRAMES_MAX} frames", value)
    frames: list[CustomFrame] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(value):
        frame = check_frame(item, f"{path}[{index}]")
        if frame.id in seen:
            raise InvalidValue(
                f"{path}[{index}].id",
                f"a frame id not used before (first at {path}[{seen[frame.id]}])",
                frame.id,
            )
        seen[frame.id] = index
        frames.append(frame)
    return frames


def custom_frames(workflow: Workflow | None) -> list[CustomFrame]:
    """The frames of ``workflow`` in order (none when nothing usable is stored)."""
    stored = workflow.extra.get(FRAMES_KEY) if workflow is not None else None
    if stored is None:
        return []
    try:
        return check_frames(stored, FRAMES_KEY)
    except InvalidValue:
        return []


def _expected(key: str) -> str:
    if key in ("width", "height"):
        return f"a number from {FRAME_SIDE_MIN} to {FRAME_SIDE_MAX}"
    if key in ("x", "y"):
        return "a number"
    return {"id": "a frame id", "name": "a string"}[key]
