"""Exit codes, :class:`CliError` and the one line on stderr that reports it."""

from __future__ import annotations

import contextlib
import sys

from cli.output import write_line
from cli.terminal_text import escape_controls

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
#: Set to re-raise unexpected exceptions with their traceback instead of the one line.
DEBUG_ENV = "OPMODEL_DEBUG"


class CliError(Exception):
    """A problem to report as one line on stderr with exit status 2."""


def fail(message: str, status: int = EXIT_BAD_INPUT) -> int:
    """Print ``opmodel: error: MESSAGE`` as exactly one line on stderr; return ``status``."""
    line = f"opmodel: error: {escape_controls(message)}"
    with contextlib.suppress(OSError):  # stderr is closed: the exit status still tells
        write_line(sys.stderr, line)
    return status
