"""The subcommands ``new``, ``import``, ``check`` and ``templates`` (``export``: :mod:`cli.export`,
``layout``: :mod:`cli.layout`).

Each handler takes the parsed options and returns the exit status; a problem is a CliError.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cli.errors import EXIT_FINDINGS, EXIT_OK, CliError
from cli.export import cmd_export
from cli.files import cannot_read, check_target, read_session, write_session
from cli.layout import cmd_layout
from cli.output import print_text, say
from cli.terminal_text import escape_json_text


def cmd_new(options: argparse.Namespace) -> int:
    """Create a session file, blank or from a template."""
    from model.templates import create_session

    path: Path = options.file
    check_target(path, force=options.force)
    try:
        session = create_session(options.template, options.title or path.stem)
    except KeyError as exc:
        raise CliError(str(exc.args[0])) from None
    if options.title:
        session.workshop.title = options.title
    write_session(path, session, options.force)
    say(f"created {path}")
    return EXIT_OK


def cmd_import(options: argparse.Namespace) -> int:
    """Create a session file from an interchange JSON file or a BPMN 2.0 file.

    The format follows the input's extension (``.json``, ``.bpmn``), else its content. A
    BPMN import prints one line saying what became what and what could not be mapped.
    """
    source: Path = options.input
    output: Path = options.output
    check_target(output, source=source, force=options.force)
    if input_format(source) == "bpmn":
        from exports.bpmn.reader import BpmnImportError, read_bpmn_file

        try:
            session, report = read_bpmn_file(source)
        except BpmnImportError as exc:
            raise CliError(str(exc)) from None
        write_session(output, session, options.force)
        say(f"imported {source} into {output}: {report.summary()}")
        return EXIT_OK
    from model.interchange import InterchangeError, read_json_file

    try:
        session = read_json_file(source)
    except InterchangeError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise cannot_read(source, exc) from None
    except RecursionError:
        raise CliError(f"{source}: invalid JSON (nested too deeply)") from None
    write_session(output, session, options.force)
    say(f"imported {source} into {output}")
    return EXIT_OK


def input_format(source: Path) -> str:
    """``"bpmn"`` or ``"json"``: by the extension, else by the first character of the file
    (XML starts with ``<``); an unreadable file counts as JSON, whose reader says why."""
    suffix = source.suffix.lower()
    if suffix in (".bpmn", ".bpmn2", ".xml"):
        return "bpmn"
    if suffix == ".json":
        return "json"
    try:
        with open(source, "rb") as handle:
            start = handle.read(512)
    except OSError:
        return "json"
    if start[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "bpmn"  # UTF-16 text: XML may be, the JSON form never is
    return "bpmn" if start.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<" else "json"


def cmd_check(options: argparse.Namespace) -> int:
    """Print the findings, scores and figures; exit 1 when some finding is an error."""
    import json

    from model.analysis import analyse
    from model.analysis.report import text_report

    session = read_session(options.file)
    analysis = analyse(session)
    if options.format == "json":
        text = json.dumps(analysis.to_json(), ensure_ascii=False, indent=2)
        print_text(escape_json_text(text))
    else:
        print_text(text_report(session, analysis).rstrip("\n"))
    return EXIT_FINDINGS if analysis.has_errors else EXIT_OK


def cmd_templates(options: argparse.Namespace) -> int:
    """List the built-in templates: name, title and description."""
    from model.templates import list_templates

    templates = list_templates()
    width = max((len(t.name) for t in templates), default=0)
    for info in templates:
        say(f"{info.name:<{width}}  {info.title}: {info.description}")
    return EXIT_OK


#: The handler of each subcommand.
HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": cmd_new,
    "import": cmd_import,
    "export": cmd_export,
    "check": cmd_check,
    "layout": cmd_layout,
    "templates": cmd_templates,
}
