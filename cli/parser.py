"""The command line's arguments: the subcommands and their options (argparse)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from cli.errors import CliError
from resources.about import __version__


class _ArgumentParser(argparse.ArgumentParser):
    """argparse, reporting a bad option as one line (not usage plus error) via CliError."""

    def error(self, message: str) -> NoReturn:
        raise CliError(f"{message} (see '{self.prog} --help')")


#: The smallest and largest side of a slide image (pixels).
SLIDE_SIDE_MIN = 320
SLIDE_SIDE_MAX = 7680


def slide_size(text: str) -> tuple[int, int]:
    """``"1280x720"`` as (1280, 720); argparse reports anything else as a bad value."""
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1280x720, got {text!r}")
    size = int(width), int(height)
    if not all(SLIDE_SIDE_MIN <= side <= SLIDE_SIDE_MAX for side in size):
        raise argparse.ArgumentTypeError(
            f"expected sides from {SLIDE_SIDE_MIN} to {SLIDE_SIDE_MAX} pixels, got {text!r}"
        )
    return size


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = _ArgumentParser(
        prog="opmodel",
        description="OpModel Studio: map AI operating models live in leadership workshops. "
        "Run without a subcommand to open the desktop app (optionally on FILE).",
    )
    parser.add_argument(
        "--version", action="version", version=f"opmodel {__version__}", help="print the version"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    new = sub.add_parser("new", help="create a session file, empty or from a template")
    new.add_argument("file", type=Path, metavar="FILE.opmodel")
    new.add_argument("--template", metavar="NAME", help="built-in template (see 'templates')")
    new.add_argument("--title", metavar="T", help="workshop title")
    new.add_argument("--force", action="store_true", help="replace FILE if it exists")

    imp = sub.add_parser(
        "import",
        help="create a session file from an interchange JSON file or a BPMN 2.0 file "
        "(format by extension, else by content)",
    )
    imp.add_argument("input", type=Path, metavar="IN.{json,bpmn}")
    imp.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.opmodel")
    imp.add_argument("--force", action="store_true", help="replace OUT if it exists")

    exp = sub.add_parser(
        "export",
        help="export a session (format by the output's extension: .json, .pdf blueprint, "
        ".png/.svg canvas, .bpmn BPMN 2.0, .csv/.xlsx AI use-case register)",
    )
    exp.add_argument("file", type=Path, metavar="FILE.opmodel")
    exp.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT.{json,pdf,png,svg,bpmn,csv,xlsx}"
    )
    exp.add_argument(
        "--slides",
        action="store_true",
        help="the presentation's slides: OUT.png gives OUT-01.png, OUT-02.png … (one "
        "image per frame); OUT.pdf a handout, one vector page per frame",
    )
    exp.add_argument(
        "--size",
        type=slide_size,
        metavar="WxH",
        help="with --slides: the screen the slides are laid out for (default 1920x1080)",
    )
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

    layout = sub.add_parser(
        "layout",
        help="auto-layout the workflows in place: role lanes, flow left to right "
        "(one undoable edit per workflow)",
    )
    layout.add_argument("file", type=Path, metavar="FILE.opmodel")
    layout.add_argument("--workflow", metavar="ID", help="lay out only this workflow")

    sub.add_parser("templates", help="list the built-in templates")
    return parser
