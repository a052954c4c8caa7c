"""The ``opmodel`` entry point: the desktop window, or a subcommand.

:func:`main` turns every failure into one line on stderr and an exit status
(:mod:`cli.errors`). The window is loaded lazily (``app.shell.main``), so subcommands never
import Qt.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from cli.display import display_problem
from cli.errors import (
    DEBUG_ENV,
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    CliError,
    fail,
)
from cli.output import silence_stdout
from cli.subcommands import SUBCOMMANDS


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``opmodel`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        # Called with no arguments, main() is the process's own entry point (the console
        # script, ``python -m cli``), which may end the process when the window closes.
        return _run(args, own_process=argv is None)
    except CliError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("interrupted", EXIT_INTERRUPTED)
    except BrokenPipeError:
        silence_stdout()  # the reader went away (``opmodel check F | head``): no noise
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # the last resort: still one line, never a traceback
        if os.environ.get(DEBUG_ENV):
            raise
        return fail(f"unexpected error: {type(exc).__name__}: {exc} (please report)")


def _leave_now(status: int) -> None:
    """End the process at once after the window closed.

    By then the session's file is closed, its lock released and the settings synced, so
    nothing is left to save; skipping the interpreter's teardown of Qt and of every module
    makes closing the window instant (and steers clear of destructor-order crashes).
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _run(args: list[str], *, own_process: bool = False) -> int:
    if _opens_window(args):
        problem = display_problem()
        if problem:
            raise CliError(problem)
        from app.shell.main import run_app  # the Qt application, loaded only for the window

        status = run_app(args)
        if own_process:
            _leave_now(status)
        return status
    # The subcommands and argparse load only here: opening the window needs neither.
    from cli.commands import HANDLERS
    from cli.parser import build_parser

    options = build_parser().parse_args(args)
    if options.command is None:
        build_parser().print_help()
        return EXIT_OK
    return HANDLERS[options.command](options)


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
