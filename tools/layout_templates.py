"""Lay out the built-in templates with auto-layout and write them back in place.

Run after changing :mod:`model.layout` (a test fails while a template is not laid out):
``.venv/bin/python -m tools.layout_templates``. Only positions and each workflow's
``lanes`` change; every other key keeps its value and order.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from model.interchange import read_json_file
from model.lanes import LANES_KEY, lane_entries
from model.layout import plan_layout
from resources import TEMPLATES_DIR


def lay_out_template_file(path: Path) -> bool:
    """Rewrite one template file laid out; True when it changed."""
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    session = read_json_file(path)
    for workflow in document["workflows"]:
        layout = plan_layout(session, workflow["id"])
        for element in workflow["elements"]:
            element["x"], element["y"] = layout.positions[element["id"]]
        lanes = lane_entries(layout.lanes)
        keyed = {key: value for key, value in workflow.items() if key != LANES_KEY}
        ordered: dict[str, object] = {}
        for key, value in keyed.items():
            if key == "elements" and lanes:
                ordered[LANES_KEY] = lanes
            ordered[key] = value
        workflow.clear()
        workflow.update(ordered)
    new_text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if new_text == text:
        return False
    path.write_text(new_text, encoding="utf-8")
    return True


def main() -> int:
    """Lay out every template; print the ones that changed."""
    for path in sorted(TEMPLATES_DIR.glob("*.json")):
        if lay_out_template_file(path):
            print(f"laid out {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
