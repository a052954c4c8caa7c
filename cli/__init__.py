"""The ``opmodel`` command: the desktop app, or a headless subcommand.

Subcommands never import Qt (exports that draw the canvas load it on demand, offscreen),
so they run fast on a machine without a screen. Exit status: 0 on success, 1 from
``check`` when some finding is an error, 2 for unusable input of any kind: exactly one line
on stderr naming what is wrong (never a traceback), and no file created or changed.

The desktop window opens for ``opmodel`` alone or ``opmodel FILE`` (an existing file, or a
name ending in ``.opmodel``); any other first word must be a subcommand. Text derived from
a session or from the command line is printed with its control characters escaped
(:mod:`cli.terminal_text`), so a label cannot drive the terminal.

The package sits outside the Qt application (:mod:`app`): it imports :mod:`app` and Qt only
inside functions, for the window and for PNG/SVG exports, and :mod:`app` never imports it.

Modules: :mod:`cli.main` (entry point, dispatch, the window path), :mod:`cli.parser`
(arguments), :mod:`cli.commands` (new, import, check, templates), :mod:`cli.export`
(export), :mod:`cli.files` (checking targets, reading and writing session files),
:mod:`cli.errors` (CliError, exit codes, the one-line error), :mod:`cli.output` (printing),
:mod:`cli.display` (the no-display check) and :mod:`cli.terminal_text`.
"""
