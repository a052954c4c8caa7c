"""Canvas images: `opmodel export FILE -o x.png|x.svg` headless, and the export function."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from canvas.image_export import export_workflow_image
from cli.main import main
from storage.store import read_session
from tests.test_cli_errors import opmodel


def _headless(*args: str):  # type: ignore[no-untyped-def]
    """``opmodel ARGS`` with no display and no Qt platform set: the CLI must go offscreen."""
    return opmodel(*args, display=False)


def test_cli_exports_png_and_svg_headless(tmp_path: Path) -> None:
    path = tmp_path / "s.opmodel"
    assert main(["new", str(path), "--template", "finance"]) == 0
    png = _headless("export", str(path), "-o", str(tmp_path / "s.png"))
    assert png.returncode == 0, png.stderr
    image = QImage(str(tmp_path / "s.png"))
    assert image.width() > 1000 and image.height() > 400
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 11) for y in range(0, image.height(), 11)
    }
    assert len(colours) > 20
    svg = _headless("export", str(path), "-o", str(tmp_path / "s.svg"))
    assert svg.returncode == 0, svg.stderr
    text = (tmp_path / "s.svg").read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    session = read_session(path)
    workflow = session.ordered_workflows()[0]
    assert workflow.name in text  # the heading is real text
    assert any(e.label.split()[0] in text for e in session.elements.values() if e.label)


def test_export_of_one_workflow_and_a_bad_target(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.opmodel"
    main(["new", str(path), "--template", "sales"])
    session = read_session(path)
    workflow_id = session.ordered_workflows()[0].id
    export_workflow_image(session, workflow_id, tmp_path / "one.png")
    assert QImage(str(tmp_path / "one.png")).width() > 0
    missing = tmp_path / "nope" / "x.png"
    assert main(["export", str(path), "-o", str(missing)]) == 2
    assert not missing.parent.exists()
