"""Helpers for the BPMN tests: small hand-written documents, the corpus, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "bpmn-miwg"
NS = (
    'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
    'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
    'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns:vendor="http://vendor.example/ext"'
)


def definitions(body: str, *, name: str = "") -> bytes:
    """A BPMN document holding ``body`` (processes, collaborations, diagrams)."""
    title = f' name="{name}"' if name else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<definitions {NS} id="d1"{title} '
        f'targetNamespace="urn:test">\n{body}\n</definitions>\n'
    ).encode()


def shape(element: str, x: float, y: float, w: float = 100, h: float = 80) -> str:
    """A DI shape for ``element``."""
    return (
        f'<bpmndi:BPMNShape id="{element}_di" bpmnElement="{element}">'
        f'<dc:Bounds x="{x}" y="{y}" width="{w}" height="{h}"/></bpmndi:BPMNShape>'
    )


def diagram(*shapes: str, plane_for: str = "p1") -> str:
    """One BPMN diagram with ``shapes``."""
    return (
        f'<bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="{plane_for}">'
        + "".join(shapes)
        + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"
    )


def corpus_folder() -> Path | None:
    """The shared BPMN MIWG corpus, if this machine has it."""
    candidates = [
        os.environ.get("OPMODEL_BPMN_CORPUS", ""),
        ROOT.parent / "shared/corpus/bpmn-miwg",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def corpus_files() -> list[Path]:
    """Every ``.bpmn`` file of the shared corpus (empty without it)."""
    folder = corpus_folder()
    return sorted(folder.rglob("*.bpmn")) if folder else []


def run_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m cli ARGS`` in a real process."""
    return subprocess.run(
        [sys.executable, "-m", "cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
