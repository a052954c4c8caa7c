"""Legibility of the slides when projected: what tesseract reads of the element labels.

Run: ``.venv/bin/python -m benchmarks.slides`` (needs ``tesseract``). For every built-in
template and each size (1280 × 720 and 1920 × 1080) it writes the ``--slides`` PNGs and,
for comparison, the whole canvas as the plain PNG export scaled to that size (what a
projector showed before slides), runs ``tesseract IMAGE -`` (default page segmentation) on
each, and counts the element-label words of four letters or more that it reads: per
frame, the labels of the elements that frame draws; for the whole canvas, every label.
It prints the best frame, the median frame and the overview per template, and the time
to render the slides.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.machine import describe_machine
from model.analysis import analyse
from model.session import Session
from model.slides import build_deck, stage_for
from model.stage import stage_size
from model.templates import create_session, list_templates

WORD = re.compile(r"[^\W\d_]{4,}")
SIZES = ((1280, 720), (1920, 1080))


def read_share(image: Path, labels: list[str]) -> float:
    """Share of the 4+-letter words of ``labels`` that tesseract reads in ``image``."""
    words = [w.lower() for label in labels for w in WORD.findall(label)]
    if not words:
        return 0.0
    text = subprocess.run(
        ["tesseract", str(image), "-"], capture_output=True, text=True, timeout=120
    ).stdout
    found = {w.lower() for w in WORD.findall(text)}
    return sum(w in found for w in words) / len(words)


def canvas_share(session: Session, folder: Path, width: int, height: int) -> float:
    """The whole canvas (the plain PNG export) scaled to fit ``width`` × ``height``."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    from canvas.image_export import export_session_image

    whole = folder / "canvas.png"
    export_session_image(session, whole)
    image = QImage(str(whole)).scaled(
        width,
        height,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    image.save(str(whole))
    return read_share(whole, [e.label for e in session.elements.values()])


def main() -> int:
    from app.slides.export import export_slide_images
    from canvas.image_export import headless_application

    print(describe_machine())
    print("template | size | slides | best frame | median frame | overview | whole canvas | render")
    with headless_application(), tempfile.TemporaryDirectory() as tmp:
        for template in [t.name for t in list_templates()]:
            session = create_session(template, template)
            analysis = analyse(session)
            for width, height in SIZES:
                folder = Path(tmp) / f"{template}-{width}"
                folder.mkdir()
                start = time.perf_counter()
                paths = export_slide_images(session, folder / "slide.png", width, height)
                render_s = time.perf_counter() - start
                size = stage_size(width, height, height)
                deck = build_deck(session, size, analysis)
                shares = []
                overview = 0.0
                for slide, path in zip(deck, paths, strict=True):
                    layer = stage_for(session, slide, size, analysis).elements()
                    if layer is None:
                        continue
                    labels = [e.label for e in layer.session.elements.values()]
                    share = read_share(path, labels)
                    shares.append(share)
                    if slide.kind == "overview" and slide.part == 1:
                        overview = share
                whole = canvas_share(session, folder, width, height)
                print(
                    f"{template} | {width}×{height} | {len(paths)} | {max(shares):.0%} | "
                    f"{statistics.median(shares):.0%} | {overview:.0%} | {whole:.0%} | "
                    f"{render_s:.2f} s"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
