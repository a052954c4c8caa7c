"""The stakeholder PDF withholds every path it promises to (exports/pdf/stakeholder.py and
docs/blueprint.md, "The stakeholder edition").

A distinct sentinel is planted in each withheld path; none may appear in the stakeholder
PDF's page text, its bookmarks (outline) or its metadata (document info and XMP). The full
edition is searched the same way and must show the sentinels it shows, so a search that
finds nothing can not pass by accident.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from exports.pdf.blueprint import export_pdf
from exports.pdf.stakeholder import WITHHELD, stakeholder_session
from model.interchange import session_from_json, session_to_json
from resources import TEMPLATES_DIR

# What the stakeholder edition withholds, one sentinel per path (none is part of another).
WITHHELD_SENTINELS = {
    "workshop notes": "QZNOTESX7F3A",
    "parking-lot item": "QZPARKEDX7F3A",
    "sticky-note label": "QZSTICKYLABELX7F3A",
    "sticky-note text": "QZSTICKYTEXTX7F3A",
    "element confidential in props: label": "QZPROPSCTLX7F3A",
    "element confidential in props: description": "QZPROPSCTLDESCX7F3A",
    "element confidential in extra: label": "QZEXTRAMETRICX7F3A",
    "element confidential in extra: owner": "QZEXTRAMETRICOWNERX7F3A",
    "connection of a confidential element: label": "QZCONNLABELX7F3A",
    "confidential workflow: name": "QZSECRETWFX7F3A",
    "confidential workflow: description": "QZSECRETWFDESCX7F3A",
    "confidential workflow: owner": "QZSECRETWFOWNERX7F3A",
    "confidential workflow: element label": "QZSECRETSTEPX7F3A",
    "confidential workflow: element task": "QZSECRETTASKX7F3A",
    "confidential data: source system": "QZCONFSOURCEX7F3A",
    "confidential data: owner": "QZCONFOWNERX7F3A",
    "confidential data: location": "QZCONFLOCATIONX7F3A",
    "restricted data: source system": "QZRESTRSOURCEX7F3A",
    "restricted data: owner": "QZRESTROWNERX7F3A",
    "restricted data: location": "QZRESTRLOCATIONX7F3A",
}
S = WITHHELD_SENTINELS
# What both editions show (the withheld data stays on the map under its label).
SHOWN_SENTINELS = {
    "confidential data: label": "QZCONFDATALABELX7F3A",
    "restricted data: label": "QZRESTRDATALABELX7F3A",
    "internal data: source system": "QZINTERNALSOURCEX7F3A",
}
# Paths the full edition does not print at all (searched for in the stakeholder edition
# anyway; they cannot show that the search works).
NOT_IN_FULL_EDITION = {"sticky-note text"}


def _data(ident: str, label: str, sensitivity: str, x: int) -> dict[str, Any]:
    props: dict[str, Any] = {"sensitivity": sensitivity, "readiness": "ready"}
    return {"id": ident, "kind": "data", "label": label, "x": x, "y": 900, "props": props}


def planted_document() -> dict[str, Any]:
    """The sales template with a sentinel in every withheld path."""
    doc = json.loads((TEMPLATES_DIR / "sales.json").read_text(encoding="utf-8"))
    workshop = doc["workshop"]
    workshop["notes"] = f"Notes: {S['workshop notes']}"
    workshop["parking_lot"] = [S["parking-lot item"]]
    workflow = doc["workflows"][0]
    ai = next(e["id"] for e in workflow["elements"] if e["kind"] == "ai_step")
    workflow["elements"] += [
        {
            "id": "z-note",
            "kind": "note",
            "label": S["sticky-note label"],
            "x": 0,
            "y": 700,
            "props": {"text": S["sticky-note text"], "color": "pink"},
        },
        {
            "id": "z-ctl",
            "kind": "control",
            "label": S["element confidential in props: label"],
            "x": 240,
            "y": 700,
            "props": {
                "confidential": True,
                "category": "access_rights",
                "description": S["element confidential in props: description"],
            },
        },
        {
            "id": "z-metric",
            "kind": "metric",
            "label": S["element confidential in extra: label"],
            "x": 480,
            "y": 700,
            "props": {"owner": S["element confidential in extra: owner"], "unit": "deals"},
            "confidential": True,
        },
        _data("z-conf", SHOWN_SENTINELS["confidential data: label"], "confidential", 0),
        _data("z-restr", SHOWN_SENTINELS["restricted data: label"], "restricted", 240),
        _data("z-internal", "Internal data", "internal", 480),
    ]
    by_id = {e["id"]: e for e in workflow["elements"]}
    for ident, prefix in (("z-conf", "confidential data"), ("z-restr", "restricted data")):
        by_id[ident]["props"] |= {
            "source_system": S[f"{prefix}: source system"],
            "owner": S[f"{prefix}: owner"],
            "location": S[f"{prefix}: location"],
        }
    by_id["z-internal"]["props"]["source_system"] = SHOWN_SENTINELS["internal data: source system"]
    workflow["connections"] += [
        {
            "id": "z-c-ctl",
            "source": "z-ctl",
            "target": ai,
            "label": S["connection of a confidential element: label"],
        },
        {"id": "z-c-metric", "source": "z-metric", "target": ai},
        {"id": "z-c-conf", "source": "z-conf", "target": ai},
        {"id": "z-c-restr", "source": "z-restr", "target": ai},
        {"id": "z-c-internal", "source": "z-internal", "target": ai},
    ]
    doc["workflows"].append(
        {
            "id": "wf-secret",
            "name": S["confidential workflow: name"],
            "description": S["confidential workflow: description"],
            "owner": S["confidential workflow: owner"],
            "function": "strategy",
            "confidential": True,
            "elements": [
                {"id": "q-t", "kind": "trigger", "label": "Start", "x": 0, "y": 0},
                {
                    "id": "q-ai",
                    "kind": "ai_step",
                    "label": S["confidential workflow: element label"],
                    "x": 240,
                    "y": 0,
                    "props": {"task": S["confidential workflow: element task"]},
                },
            ],
            "connections": [{"id": "q-c", "source": "q-t", "target": "q-ai"}],
        }
    )
    return doc


@dataclass
class Searched:
    """The searchable parts of one PDF, whitespace removed (labels wrap in boxes)."""

    pages: str
    outline: str
    metadata: str

    def where(self, sentinel: str) -> list[str]:
        return [
            part
            for part, text in (
                ("page text", self.pages),
                ("outline", self.outline),
                ("metadata", self.metadata),
            )
            if sentinel in text
        ]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _outline_titles(items: Any) -> list[str]:
    titles: list[str] = []
    stack = list(items)
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        else:
            titles.append(str(item.title))
    return titles


def search(path: Path) -> Searched:
    reader = PdfReader(path)
    pages = "".join(page.extract_text() or "" for page in reader.pages)
    outline = "\n".join(_outline_titles(reader.outline))
    info = reader.metadata or {}
    metadata = [f"{key}={value}" for key, value in info.items()]
    root = reader.trailer["/Root"]
    if "/Metadata" in root:  # XMP
        metadata.append(root["/Metadata"].get_object().get_data().decode("utf-8", "replace"))
    return Searched(_squash(pages), _squash(outline), _squash("\n".join(metadata)))


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Searched]:
    session = session_from_json(planted_document(), "planted.json")
    folder = tmp_path_factory.mktemp("redaction")
    built = {}
    for name, stakeholder in (("full", False), ("stakeholder", True)):
        target = folder / f"{name}.pdf"
        export_pdf(copy.deepcopy(session), target, stakeholder=stakeholder)
        built[name] = search(target)
    return built


@pytest.mark.parametrize("path", sorted(WITHHELD_SENTINELS))
def test_the_stakeholder_edition_withholds(path: str, editions: dict[str, Searched]) -> None:
    sentinel = WITHHELD_SENTINELS[path]
    assert editions["stakeholder"].where(sentinel) == [], f"{path} leaks"


@pytest.mark.parametrize("path", sorted(set(WITHHELD_SENTINELS) - NOT_IN_FULL_EDITION))
def test_the_full_edition_shows_what_the_stakeholder_edition_withholds(
    path: str, editions: dict[str, Searched]
) -> None:
    assert editions["full"].where(WITHHELD_SENTINELS[path]), f"{path} is not in the full PDF"


def test_the_confidential_workflow_is_bookmarked_only_in_the_full_edition(
    editions: dict[str, Searched],
) -> None:
    name = WITHHELD_SENTINELS["confidential workflow: name"]
    assert name in editions["full"].outline
    assert name not in editions["stakeholder"].outline


@pytest.mark.parametrize("path", sorted(SHOWN_SENTINELS))
def test_both_editions_keep_withheld_data_on_the_map(
    path: str, editions: dict[str, Searched]
) -> None:
    for edition in ("full", "stakeholder"):
        assert editions[edition].where(SHOWN_SENTINELS[path]), f"{path} missing in {edition}"
    assert _squash(WITHHELD) in editions["stakeholder"].pages
    assert _squash(WITHHELD) not in editions["full"].pages


def test_metadata_is_searched(editions: dict[str, Searched]) -> None:
    """The metadata search sees the document info (so an empty search proves something)."""
    assert "OpModelStudio" in editions["full"].metadata
    assert "Stakeholder" in editions["stakeholder"].metadata or (
        "stakeholder" in editions["stakeholder"].metadata
    )


def test_the_stakeholder_session_itself_holds_no_withheld_sentinel() -> None:
    """The session the edition is drawn from holds none of them either (the PDF layers
    also guard notes, sticky notes and withheld data; this checks stakeholder.py alone)."""
    session = session_from_json(planted_document(), "planted.json")
    shown = json.dumps(session_to_json(stakeholder_session(session)), ensure_ascii=False)
    full = json.dumps(session_to_json(session), ensure_ascii=False)
    for path, sentinel in WITHHELD_SENTINELS.items():
        assert sentinel in full, path
        assert sentinel not in shown, f"{path} is in the stakeholder session"
    for path, sentinel in SHOWN_SENTINELS.items():
        assert sentinel in shown, path
