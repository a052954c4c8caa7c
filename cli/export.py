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
