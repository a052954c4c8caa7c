"""The ``opmodel`` command: the desktop app, or a headless subcommand.

Subcommands never import Qt (exports that draw the canvas load it on demand), so they run
fast on a machine without a screen. Exit status: 0 on success, 2 for unusable input, with
one line on stderr naming the file and what is wrong; no output file is left behind then.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from model.session import Session

SUBCOMMANDS = ("new", "import", "export", "check", "templates")
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


class CliError(Exception):
    """A problem to report as one line on stderr with exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="opmodel",
        description="OpModel Studio: map AI operating models live in leadership workshops. "
        "Run without a subcommand to open the desktop app (optionally on FILE).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = sub.add_parser("new", help="create a session file, empty or from a template")
    new.add_argument("file", type=Path, metavar="FILE.opmodel")
    new.add_argument("--template", metavar="NAME", help="built-in template (see 'templates')")
    new.add_argument("--title", metavar="T", help="workshop title")
    new.add_argument("--force", action="store_true", help="replace FILE if it exists")

    imp = sub.add_parser("import", help="create a session file from an interchange JSON file")
    imp.add_argument("input", type=Path, metavar="IN.json")
    imp.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.opmodel")
    imp.add_argument("--force", action="store_true", help="replace OUT if it exists")

    exp = sub.add_parser("export", help="export a session (format by the output's extension)")
    exp.add_argument("file", type=Path, metavar="FILE.opmodel")
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.json")
    exp.add_argument(
        "--stakeholder",
        action="store_true",
        help="PDF only: the stakeholder edition, without workshop notes, parking lot, sticky "
        "notes and anything marked confidential",
    )

    check = sub.add_parser(
        "check",
        help="run the analysis rules: exit 0 when no finding is an error, 1 when some are",
    )
    check.add_argument("file", type=Path, metavar="FILE.opmodel")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="report format (text)"
    )

    sub.add_parser("templates", help="list the built-in templates")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``opmodel`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0] not in SUBCOMMANDS and not args[0].startswith("-")):
        from app.main import run_app

        return run_app(args)
    options = build_parser().parse_args(args)
    if options.command is None:
        build_parser().print_help()
        return EXIT_OK
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "new": _cmd_new,
        "import": _cmd_import,
        "export": _cmd_export,
        "check": _cmd_check,
        "templates": _cmd_templates,
    }
    try:
        return handlers[options.command](options)
    except CliError as exc:
        print(f"opmodel: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _refuse_existing(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise CliError(f"{path}: already exists (add --force to replace it)")
    if not path.parent.is_dir():
        raise CliError(f"{path}: folder {path.parent} does not exist")


def _write_session(path: Path, session: object, force: bool) -> None:
    from storage.store import write_session_file

    try:
        write_session_file(path, session, overwrite=force)  # type: ignore[arg-type]
    except OSError as exc:
        raise CliError(f"{path}: cannot write ({exc.strerror or exc})") from None


def create_session(template: str | None, title: str) -> Session:
    """A new session: from ``template`` (KeyError if unknown) or blank with one workflow.

    A blank session takes ``title``; a template keeps its own title unless one is given.
    The date is today's.
    """
    from model.edits import add_workflow
    from model.session import Session
    from model.templates import load_template

    if template:
        session = load_template(template)
    else:
        session = Session()
        add_workflow(session, "Workflow 1", workflow_id="wf-1").apply(session)
    session.workshop.title = (title if not template else "") or session.workshop.title or title
    session.workshop.date = session.workshop.date or date.today().isoformat()
    return session


def _cmd_new(options: argparse.Namespace) -> int:
    path: Path = options.file
    _refuse_existing(path, options.force)
    try:
        session = create_session(options.template, options.title or path.stem)
    except KeyError as exc:
        raise CliError(str(exc.args[0])) from None
    if options.title:
        session.workshop.title = options.title
    _write_session(path, session, options.force)
    print(f"created {path}")
    return EXIT_OK


def _cmd_import(options: argparse.Namespace) -> int:
    from model.interchange import InterchangeError, read_json_file

    _refuse_existing(options.output, options.force)
    try:
        session = read_json_file(options.input)
    except InterchangeError as exc:
        raise CliError(str(exc)) from None
    _write_session(options.output, session, options.force)
    print(f"imported {options.input} into {options.output}")
    return EXIT_OK


def _cmd_export(options: argparse.Namespace) -> int:
    from storage.files import SessionFileError
    from storage.store import read_session

    output: Path = options.output
    suffix = output.suffix.lower()
    exporters = _exporters()
    if suffix not in exporters:
        known = ", ".join(sorted(exporters))
        raise CliError(f"{output}: cannot export to '{suffix or 'no extension'}' (use {known})")
    if options.stakeholder and suffix != ".pdf":
        raise CliError(f"{output}: --stakeholder applies only to .pdf exports")
    if not output.parent.is_dir():
        raise CliError(f"{output}: folder {output.parent} does not exist")
    try:
        session = read_session(options.file)
    except SessionFileError as exc:
        raise CliError(str(exc)) from None
    extra = {"stakeholder": True} if options.stakeholder else {}
    try:
        exporters[suffix](session, output, **extra)
    except OSError as exc:
        raise CliError(f"{output}: cannot write ({exc.strerror or exc})") from None
    print(f"exported {options.file} to {output}")
    return EXIT_OK


def _exporters() -> dict[str, Callable[..., None]]:
    from exports.json_export import export_json

    def export_image(session: Session, output: Path) -> None:
        from canvas.image_export import export_session_image  # loads Qt only for images

        export_session_image(session, output)

    def export_blueprint(session: Session, output: Path, *, stakeholder: bool = False) -> None:
        from exports.pdf.blueprint import export_pdf  # loads reportlab only for PDFs

        export_pdf(session, output, stakeholder=stakeholder)

    return {
        ".json": export_json,
        ".pdf": export_blueprint,
        ".png": export_image,
        ".svg": export_image,
    }


def _cmd_check(options: argparse.Namespace) -> int:
    """Print the findings, scores and figures; exit 1 when some finding is an error."""
    import json

    from model.analysis import analyse
    from model.analysis.report import text_report
    from storage.files import SessionFileError
    from storage.store import read_session

    try:
        session = read_session(options.file)
    except SessionFileError as exc:
        raise CliError(str(exc)) from None
    analysis = analyse(session)
    if options.format == "json":
        _print_text(json.dumps(analysis.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_text(text_report(session, analysis).rstrip("\n"))
    return EXIT_FINDINGS if analysis.has_errors else EXIT_OK


def _print_text(text: str) -> None:
    """Print ``text``; characters the console cannot encode are shown escaped, not a crash."""
    try:
        print(text)
    except UnicodeEncodeError:
        encoding = sys.stdout.encoding or "ascii"
        print(text.encode(encoding, "backslashreplace").decode(encoding))


def _cmd_templates(options: argparse.Namespace) -> int:
    from model.templates import list_templates

    templates = list_templates()
    width = max((len(t.name) for t in templates), default=0)
    for info in templates:
        print(f"{info.name:<{width}}  {info.title}: {info.description}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
