"""The ``opmodel`` command: the desktop app, or a headless subcommand.

Subcommands never import Qt (exports that draw the canvas load it on demand, offscreen),
so they run fast on a machine without a screen. Exit status: 0 on success, 1 from
``check`` when some finding is an error, 2 for unusable input of any kind: exactly one line
on stderr naming what is wrong (never a traceback), and no file created or changed.

The desktop window opens for ``opmodel`` alone or ``opmodel FILE`` (an existing file, or a
name ending in ``.opmodel``); any other first word must be a subcommand. Text derived from
a session or from the command line is printed with its control characters escaped
(:mod:`app.terminal_text`), so a label cannot drive the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from app.terminal_text import escape_controls, escape_json_text

if TYPE_CHECKING:
    from model.session import Session

SUBCOMMANDS = ("new", "import", "export", "check", "templates")
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
#: Set to re-raise unexpected exceptions with their traceback instead of the one line.
DEBUG_ENV = "OPMODEL_DEBUG"
NO_DISPLAY = "no display: start it in a desktop session, or use QT_QPA_PLATFORM=offscreen"


class CliError(Exception):
    """A problem to report as one line on stderr with exit status 2."""


class _ArgumentParser(argparse.ArgumentParser):
    """argparse, reporting a bad option as one line (not usage plus error) via CliError."""

    def error(self, message: str) -> NoReturn:
        raise CliError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = _ArgumentParser(
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
    try:
        return _run(args)
    except CliError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_INTERRUPTED)
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (``opmodel check F | head``): no noise
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # the last resort: still one line, never a traceback
        if os.environ.get(DEBUG_ENV):
            raise
        return _fail(f"unexpected error: {type(exc).__name__}: {exc} (please report)")


def _run(args: list[str]) -> int:
    if _opens_window(args):
        problem = display_problem()
        if problem:
            raise CliError(problem)
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
    return handlers[options.command](options)


def _opens_window(args: list[str]) -> bool:
    """Whether ``args`` ask for the desktop window; CliError when they ask for nothing known.

    The window opens for no argument or one FILE: an existing file or a name ending in
    ``.opmodel``. A first word that is neither is a mistyped subcommand or a missing file.
    """
    if not args:
        return True
    first = args[0]
    if first in SUBCOMMANDS or first.startswith("-"):
        return False
    commands = ", ".join(SUBCOMMANDS)
    path = Path(first)
    if not (path.is_file() or first.lower().endswith(".opmodel")):
        if first and path.is_dir():
            raise CliError(f"{first}: is a folder, not a session file")
        if os.sep in first or "/" in first or path.suffix:
            raise CliError(f"{first}: no such file")
        raise CliError(f"unknown command '{first}' (commands: {commands})")
    if len(args) > 1:
        raise CliError(
            f"unexpected argument '{args[1]}': the app opens one FILE (commands: {commands})"
        )
    return True


def display_problem(
    environ: dict[str, str] | os._Environ[str] | None = None, platform: str | None = None
) -> str | None:
    """Why the desktop window cannot open here (no display), or None when it can.

    On Linux and other X11/Wayland systems Qt aborts the process (exit 134) when its
    platform plugin is xcb or wayland (the default) and there is no display to connect to.
    This is checked before Qt is imported. A display that is set but unreachable is not
    detected.
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform in ("win32", "darwin", "cygwin") or platform.startswith("emscripten"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    requested = [
        part.split(":", 1)[0].strip().lower()
        for part in environ.get("QT_QPA_PLATFORM", "").split(";")
        if part.strip()
    ]
    if any(not name.startswith(("xcb", "wayland")) for name in requested):
        return None  # offscreen, minimal, eglfs, vnc…: Qt needs no display for these
    return NO_DISPLAY


def _use_offscreen_qt() -> None:
    """Have Qt draw exports offscreen unless the user chose a platform that works here.

    An export needs no screen; offscreen also renders the same on every machine and does
    not abort when DISPLAY names a display that has gone away.
    """
    if "QT_QPA_PLATFORM" not in os.environ or display_problem() is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


# -- reporting --------------------------------------------------------------------------------
def _fail(message: str, status: int = EXIT_BAD_INPUT) -> int:
    """Print ``opmodel: error: MESSAGE`` as exactly one line on stderr; return ``status``."""
    line = f"opmodel: error: {escape_controls(message)}"
    with contextlib.suppress(OSError):  # stderr is closed: the exit status still tells
        _write_line(sys.stderr, line)
    return status


def _write_line(stream: object, text: str) -> None:
    """Print ``text``; characters the console cannot encode are shown escaped, not a crash."""
    try:
        print(text, file=stream)  # type: ignore[arg-type]
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(text.encode(encoding, "backslashreplace").decode(encoding), file=stream)  # type: ignore[arg-type]


def _warn(message: str) -> None:
    """Print ``opmodel: warning: MESSAGE`` on stderr (the command still succeeds)."""
    with contextlib.suppress(OSError):
        _write_line(sys.stderr, f"opmodel: warning: {escape_controls(message)}")


def _say(message: str) -> None:
    """Print one line built from user-given names (paths), control characters escaped."""
    _write_line(sys.stdout, escape_controls(message))


def _print_text(text: str) -> None:
    """Print a multi-line report; control characters from the session are escaped."""
    _write_line(sys.stdout, escape_controls(text, keep_layout=True))


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


# -- files ------------------------------------------------------------------------------------
def _same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file: the same inode, or the same resolved path."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return os.path.abspath(a) == os.path.abspath(b)


def _why_not_writable(path: Path, what: str) -> str | None:
    """Why ``path`` (a file or folder, named ``what`` in the reason) cannot be written.

    Without any write permission bit it counts as read-only even for an administrator,
    as in the PDF export; None when it can be written.
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"{what} cannot be examined ({exc.strerror or exc})"
    if os.access(path, os.W_OK) and mode & 0o222:
        return None
    if _on_read_only_file_system(path):
        return f"{what} is on a read-only file system"
    if not mode & 0o222:
        return f"{what} is read-only"
    return f"permission denied: you may not change {what}"


def _on_read_only_file_system(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _check_target(path: Path, *, source: Path | None = None, force: bool | None = None) -> None:
    """Refuse an output that must not or cannot be written, before any work is done.

    ``source`` is the input, which is never overwritten; ``force`` (for session files)
    says whether an existing file may be replaced.
    """
    if source is not None and _same_file(source, path):
        raise CliError(f"{path}: is the input file {source}; choose another output name")
    if path.is_dir():
        raise CliError(f"{path}: cannot write (it is a folder)")
    if force is False and (path.exists() or path.is_symlink()):
        raise CliError(f"{path}: already exists (add --force to replace it)")
    folder = path.parent
    if not folder.is_dir():
        raise CliError(f"{path}: cannot write (the folder {folder} does not exist)")
    problem = _why_not_writable(folder, f"the folder {folder}")
    if problem is None and path.exists():
        problem = _why_not_writable(path, "the file")
    if problem:
        raise CliError(f"{path}: cannot write ({problem})")


def _folder_name(path: Path) -> str:
    try:
        return os.path.dirname(os.path.abspath(path))
    except OSError:  # the working folder is gone
        return str(path.parent)


def _cannot_write(path: Path, exc: OSError) -> CliError:
    """The one-line error for a failed write, the reason named plainly."""
    code = exc.errno
    plain = exc.strerror is None or code is None or exc.strerror == os.strerror(code)
    if code in (errno.ENOSPC, errno.EDQUOT):
        reason = f"disk full: no space left in {_folder_name(path)}"
    elif not plain:
        reason = str(exc.strerror)  # an explanation already (the PDF export's)
    elif code in (errno.EACCES, errno.EPERM):
        reason = f"permission denied in {_folder_name(path)}"
    elif code == errno.EROFS:
        reason = f"{_folder_name(path)} is on a read-only file system"
    elif code == errno.ENOENT:
        reason = f"the folder {path.parent} does not exist"
    elif code == errno.EISDIR:
        reason = "it is a folder"
    elif code == errno.ENAMETOOLONG:
        reason = "the name is too long"
    else:
        reason = exc.strerror or str(exc) or type(exc).__name__
    return CliError(f"{path}: cannot write ({reason})")


def _cannot_read(path: Path, exc: OSError) -> CliError:
    if exc.errno in (errno.EACCES, errno.EPERM):
        reason = "permission denied"
    else:
        reason = exc.strerror or str(exc) or type(exc).__name__
    return CliError(f"{path}: cannot read ({reason})")


def _read_session(path: Path) -> Session:
    from storage.files import SessionFileError
    from storage.store import read_session

    try:
        return read_session(path)
    except SessionFileError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise _cannot_read(path, exc) from None


def _write_session(path: Path, session: object, force: bool) -> None:
    import sqlite3

    from storage.files import SessionFileError
    from storage.store import write_session_file

    try:
        write_session_file(path, session, overwrite=force)  # type: ignore[arg-type]
    except SessionFileError as exc:  # e.g. the file is open in an app window
        raise CliError(str(exc)) from None
    except FileExistsError:
        raise CliError(f"{path}: already exists (add --force to replace it)") from None
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    except sqlite3.Error as exc:  # SQLite reports a full disk as "database or disk is full"
        code = errno.ENOSPC if "full" in str(exc).lower() else errno.EIO
        raise _cannot_write(path, OSError(code, str(exc))) from None


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
    _check_target(path, force=options.force)
    try:
        session = create_session(options.template, options.title or path.stem)
    except KeyError as exc:
        raise CliError(str(exc.args[0])) from None
    if options.title:
        session.workshop.title = options.title
    _write_session(path, session, options.force)
    _say(f"created {path}")
    return EXIT_OK


def _cmd_import(options: argparse.Namespace) -> int:
    from model.interchange import InterchangeError, read_json_file

    source: Path = options.input
    output: Path = options.output
    _check_target(output, source=source, force=options.force)
    try:
        session = read_json_file(source)
    except InterchangeError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise _cannot_read(source, exc) from None
    except RecursionError:
        raise CliError(f"{source}: invalid JSON (nested too deeply)") from None
    _write_session(output, session, options.force)
    _say(f"imported {source} into {output}")
    return EXIT_OK


def _cmd_export(options: argparse.Namespace) -> int:
    output: Path = options.output
    suffix = output.suffix.lower()
    exporters = _exporters()
    if suffix not in exporters:
        known = ", ".join(sorted(exporters))
        raise CliError(f"{output}: cannot export to '{suffix or 'no extension'}' (use {known})")
    if options.stakeholder and suffix != ".pdf":
        raise CliError(f"{output}: --stakeholder applies only to .pdf exports")
    _check_target(output, source=options.file)
    session = _read_session(options.file)
    extra = {"stakeholder": True} if options.stakeholder else {}
    try:
        warnings = exporters[suffix](session, output, **extra) or []
    except OSError as exc:
        raise _cannot_write(output, exc) from None
    for warning in warnings:
        _warn(warning)
    _say(f"exported {options.file} to {output}")
    return EXIT_OK


def _exporters() -> dict[str, Callable[..., None]]:
    from exports.json_export import export_json

    def export_image(session: Session, output: Path) -> None:
        _use_offscreen_qt()
        from canvas.image_export import export_session_image  # loads Qt only for images

        try:
            export_session_image(session, output)
        except ValueError as exc:  # nothing to draw
            raise CliError(f"{output}: cannot export ({exc})") from None

    def export_blueprint(session: Session, output: Path, *, stakeholder: bool = False) -> list[str]:
        from exports.pdf.blueprint import export_pdf  # loads reportlab only for PDFs

        return export_pdf(session, output, stakeholder=stakeholder)

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

    session = _read_session(options.file)
    analysis = analyse(session)
    if options.format == "json":
        text = json.dumps(analysis.to_json(), ensure_ascii=False, indent=2)
        _print_text(escape_json_text(text))
    else:
        _print_text(text_report(session, analysis).rstrip("\n"))
    return EXIT_FINDINGS if analysis.has_errors else EXIT_OK


def _cmd_templates(options: argparse.Namespace) -> int:
    from model.templates import list_templates

    templates = list_templates()
    width = max((len(t.name) for t in templates), default=0)
    for info in templates:
        _say(f"{info.name:<{width}}  {info.title}: {info.description}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
