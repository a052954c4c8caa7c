"""The names of the ``opmodel`` subcommands (read before anything heavier is imported)."""

from __future__ import annotations

#: Every subcommand, in the order ``opmodel --help`` lists them.
SUBCOMMANDS = ("new", "import", "export", "check", "layout", "templates")
