"""Where each workflow of each session file was last looked at, kept in the user's settings.

Opening a session or switching to a workflow shows that workflow's last view (the scene
point at the centre and the zoom), or fits the workflow to the view when there is none or
it would show nothing of the workflow (``canvas.view.CanvasView.place``). The views are
not part of the session: looking around is not an edit, and a file handed to a colleague
opens fitted on their screen.

Settings hold one JSON value under :data:`VIEWS_KEY`: for the :data:`MAX_FILES` most
recently closed files (keyed by a hash of the resolved path), each workflow's
``[centre x, centre y, zoom, fitted]``. A damaged value is ignored, never an error.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCryptographicHash, QSettings

from canvas.view import ViewState

#: Settings key of the remembered views.
VIEWS_KEY = "canvas_views"
#: Views are remembered for this many files (the most recently closed).
MAX_FILES = 50
#: Workflows remembered per file.
MAX_WORKFLOWS = 200


class ViewMemory:
    """The last view of every workflow of recently closed session files."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def recall(self, path: Path, workflow_id: str) -> ViewState | None:
        """The view ``workflow_id`` of ``path`` was last shown with, or None."""
        entry = self._load().get(_key(path), {})
        views = entry.get("views") if isinstance(entry, dict) else None
        value = views.get(workflow_id) if isinstance(views, dict) else None
        return _state(value)

    def remember(self, path: Path, views: dict[str, ViewState]) -> None:
        """Keep ``views`` (workflow id -> state) as the last views of ``path``."""
        if not views:
            return
        stored = self._load()
        key = _key(path)
        entry = stored.pop(key, {})
        kept = entry.get("views") if isinstance(entry, dict) else None
        merged = dict(kept) if isinstance(kept, dict) else {}
        for workflow_id, state in views.items():
            merged.pop(workflow_id, None)
            merged[workflow_id] = [state.center_x, state.center_y, state.zoom, state.fitted]
        merged = dict(list(merged.items())[-MAX_WORKFLOWS:])
        stored[key] = {"views": merged}  # last: the most recently closed
        stored = dict(list(stored.items())[-MAX_FILES:])
        self._settings.setValue(VIEWS_KEY, json.dumps(stored))
        self._settings.sync()

    def _load(self) -> dict[str, Any]:
        raw = self._settings.value(VIEWS_KEY, "")
        if not isinstance(raw, str) or not raw:
            return {}
        try:
            value = json.loads(raw)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}


def _key(path: Path) -> str:
    try:
        resolved = str(Path(path).expanduser().resolve())
    except (OSError, RuntimeError):
        resolved = str(path)
    # Qt's SHA-1 (the same digest as hashlib's): hashlib would load OpenSSL at start-up.
    digest = QCryptographicHash.hash(
        resolved.encode("utf-8", "surrogatepass"), QCryptographicHash.Algorithm.Sha1
    )
    return bytes(digest.toHex().data()).decode("ascii")


def _state(value: Any) -> ViewState | None:
    """A stored ``[x, y, zoom, fitted]`` as a state, or None when it is not one."""
    if not isinstance(value, list) or len(value) != 4:
        return None
    x, y, zoom, fitted = value
    numbers = (x, y, zoom)
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
        return None
    if not all(math.isfinite(n) for n in numbers) or not isinstance(fitted, bool):
        return None
    return ViewState(float(x), float(y), float(zoom), fitted)
