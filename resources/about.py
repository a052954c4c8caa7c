"""What OpModel Studio says about itself: its version and the licences of what it ships.

``__version__`` is the one source of truth for the version: ``pyproject.toml`` reads it
(``[tool.setuptools.dynamic]``), ``opmodel --version`` prints it, Help → About shows it and
the bundle's archive is named after it. The licences are listed in ``licenses/index.json``
(written by ``tools/collect_licenses.py``), with their texts beside it, so the About box
needs no network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from resources import RESOURCES_DIR

__version__ = "0.1.0"
APP_NAME = "OpModel Studio"
LICENSES_DIR = RESOURCES_DIR / "licenses"
LICENSE_INDEX = LICENSES_DIR / "index.json"
#: Only in the Linux bundle: the system libraries it carries.
LINUX_LICENSE_INDEX = LICENSES_DIR / "linux" / "index.json"


@dataclass(frozen=True)
class Component:
    """One shipped component: its name, what it is, its licence and the files of its texts.

    ``files`` are paths relative to the resources folder (``licenses/…`` or ``fonts/…``).
    """

    name: str
    licence: str
    what: str
    files: tuple[str, ...]
    version: str = ""
    distribution: str = ""

    def text(self) -> str:
        """The licence texts of this component, one after the other."""
        parts = []
        for name in self.files:
            path = RESOURCES_DIR / name
            body = path.read_text(encoding="utf-8", errors="replace").strip()
            parts.append(f"=== {name} ===\n\n{body}\n")
        return "\n".join(parts)


@cache
def components() -> tuple[Component, ...]:
    """Every shipped component with its licence, in the order of ``licenses/index.json``.

    The Linux bundle adds ``licenses/linux/index.json``: the system libraries it carries
    (written by ``packaging/spec_support.py`` when the bundle is built), listed last.
    """
    entries = []
    for index in (LICENSE_INDEX, LINUX_LICENSE_INDEX):
        if index.is_file():
            entries += json.loads(index.read_text(encoding="utf-8"))["components"]
    return tuple(
        Component(
            name=entry["name"],
            licence=entry["licence"],
            what=entry.get("what", ""),
            files=tuple(entry["files"]),
            version=entry.get("version", ""),
            distribution=entry.get("distribution", ""),
        )
        for entry in entries
    )
