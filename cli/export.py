"""``opmodel export``: a session as JSON, PDF, PNG, SVG, BPMN or the AI use-case register
(CSV or XLSX), chosen by the output's extension.

Only the image exports load Qt (offscreen), only the PDF export loads reportlab, and only
the XLSX register loads openpyxl.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cli.display import use_offscreen_qt
from cli.errors import EXIT_OK, CliError
from cli.files import cannot_write, check_target, read_session
from cli.output import say, warn

if TYPE_CHECKING:
    from model.session import Session


def cmd_export(options: argparse.Namespace) -> int:
    """Export ``options.file`` to ``options.output``; warnings go to stderr."""
    output: Path = options.output
    suffix = output.suffix.lower()
    exporters = _exporters()
    if suffix not in exporters:
        known = ", ".join(sorted(exporters))
        raise CliError(f"{output}: cannot export to '{suffix or 'no extension'}' (use {known})")
    if options.stakeholder and suffix != ".pdf":
        raise CliError(f"{output}: --stakeholder applies only to .pdf exports")
    if options.slides:
        return _export_slides(options)
    if options.size is not None:
        raise CliError(f"{output}: --size applies only with --slides")
    check_target(output, source=options.file)
    session = read_session(options.file)
    extra = {"stakeholder": True} if options.stakeholder else {}
    try:
        warnings = exporters[suffix](session, output, **extra) or []
    except OSError as exc:
        raise cannot_write(output, exc) from None
    for warning in warnings:
        warn(warning)
    say(f"exported {options.file} to {output}")
    return EXIT_OK


def _export_slides(options: argparse.Namespace) -> int:
    """``--slides``: PNG images (OUT-01.png …) or a PDF handout, one frame each."""
    output: Path = options.output
    suffix = output.suffix.lower()
    if suffix not in (".png", ".pdf"):
        raise CliError(f"{output}: --slides writes .png images or a .pdf handout")
    if options.stakeholder:
        raise CliError(f"{output}: --stakeholder applies to the blueprint, not to --slides")
    width, height = options.size or (1920, 1080)
    check_target(output, source=options.file)
    session = read_session(options.file)
    if suffix == ".pdf":
        from exports.pdf.handout import export_handout  # loads reportlab only for PDFs

        try:
            count = export_handout(session, output, width=width, height=height)
        except OSError as exc:
            raise cannot_write(output, exc) from None
        say(f"exported {options.file} to {output} ({count} slides)")
        return EXIT_OK
    from model.analysis import analyse
    from model.slides import build_deck, slide_paths
    from model.stage import stage_size

    count = len(build_deck(session, stage_size(width, height, height), analyse(session)))
    paths = slide_paths(output, count)
    for path in paths:
        check_target(path, source=options.file)
    use_offscreen_qt()
    from app.slides.export import export_slide_images  # loads Qt only for images

    try:
        written = export_slide_images(session, output, width, height)
    except OSError as exc:
        raise cannot_write(output, exc) from None
    say(f"exported {options.file} to {written[0]} … {written[-1].name} ({len(written)} slides)")
    return EXIT_OK


def _exporters() -> dict[str, Callable[..., None]]:
    from exports.json_export import export_json

    def export_image(session: Session, output: Path) -> None:
        use_offscreen_qt()
        from canvas.image_export import export_session_image  # loads Qt only for images

        try:
            export_session_image(session, output)
        except ValueError as exc:  # nothing to draw
            raise CliError(f"{output}: cannot export ({exc})") from None

    def export_blueprint(session: Session, output: Path, *, stakeholder: bool = False) -> list[str]:
        from exports.pdf.blueprint import export_pdf  # loads reportlab only for PDFs

        return export_pdf(session, output, stakeholder=stakeholder)

    def export_register(session: Session, output: Path) -> None:
        from exports.register.csv_file import export_register_csv
        from exports.register.workbook import export_register_xlsx

        if output.suffix.lower() == ".xlsx":
            export_register_xlsx(session, output)
        else:
            export_register_csv(session, output)

    def export_bpmn(session: Session, output: Path) -> None:
        from exports.bpmn.writer import export_bpmn as write_bpmn

        write_bpmn(session, output)

    return {
        ".bpmn": export_bpmn,
        ".json": export_json,
        ".pdf": export_blueprint,
        ".png": export_image,
        ".svg": export_image,
        ".csv": export_register,
        ".xlsx": export_register,
    }
