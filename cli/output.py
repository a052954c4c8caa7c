"""Printing for the command: lines with control characters escaped, never a crash."""

from __future__ import annotations

import contextlib
import os
import sys

from cli.terminal_text import escape_controls


def write_line(stream: object, text: str) -> None:
    """Print ``text``; characters the console cannot encode are shown escaped, not a crash."""
    try:
        print(text, file=stream)  # type: ignore[arg-type]
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(text.encode(encoding, "backslashreplace").decode(encoding), file=stream)  # type: ignore[arg-type]


def warn(message: str) -> None:
    """Print ``opmodel: warning: MESSAGE`` on stderr (the command still succeeds)."""
    with contextlib.suppress(OSError):
        write_line(sys.stderr, f"opmodel: warning: {escape_controls(message)}")


def say(message: str) -> None:
    """Print one line built from user-given names (paths), control characters escaped."""
    write_line(sys.stdout, escape_controls(message))


def print_text(text: str) -> None:
    """Print a multi-line report; control characters from the session are escaped."""
    write_line(sys.stdout, escape_controls(text, keep_layout=True))


def silence_stdout() -> None:
    """Point stdout at the null device (the reader of a pipe went away)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
