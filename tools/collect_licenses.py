"""Collect the licences of everything OpModel Studio ships into ``resources/licenses``.

    .venv/bin/python tools/collect_licenses.py          # rewrite resources/licenses
    .venv/bin/python tools/collect_licenses.py --check  # exit 1 when it is out of date

Run it after adding or upgrading a run-time dependency (``tests/test_licences.py`` fails
until then). It writes one text file per component and ``index.json``, which
``resources.about.components`` reads for Help → About:

* Qt 6, PySide6 and shiboken6 (LGPL-3.0; the notice ``licenses/Qt-NOTICE.txt`` says how to
  get the source and how to replace the libraries), with the LGPL and GPL texts;
* the Python interpreter, the PyInstaller bootloader, HarfBuzz inside uharfbuzz and ICU
  inside Qt, whose texts are not in any wheel's metadata;
* the shipped fonts (their licence files stay in ``resources/fonts``);
* every Python distribution the app needs at run time, found from the installed
  ``opmodel-studio`` metadata (``packaging/spec_support.runtime_distributions``), with the
  licence files its wheel carries.

The texts come from this machine only (Debian's ``/usr/share/common-licenses`` and
``/usr/share/doc``, the interpreter, the installed wheels): no network.
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import importlib.util
import json
import re
import sys
import sysconfig
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "licenses"
#: Licence files written by hand (kept when the folder is rewritten).
HAND_WRITTEN = ("Qt-NOTICE.txt", "README.md")
QT_FILES = ("licenses/Qt-NOTICE.txt", "licenses/LGPL-3.0.txt", "licenses/GPL-3.0.txt")
#: Texts copied from this machine: licence file -> where it comes from.
SYSTEM_TEXTS = {
    "LGPL-3.0.txt": Path("/usr/share/common-licenses/LGPL-3"),
    "GPL-3.0.txt": Path("/usr/share/common-licenses/GPL-3"),
    "HarfBuzz.txt": Path("/usr/share/doc/libharfbuzz0b/copyright"),
    "ICU.txt": Path("/usr/share/doc/libicu72/copyright"),
}
#: Components without a Python distribution of their own, first in the About box.
CURATED: list[dict[str, object]] = [
    {
        "name": "Qt 6",
        "licence": "LGPL-3.0-only",
        "what": "The user interface toolkit (QtCore, QtGui, QtWidgets, QtSvg), shipped as "
        "unmodified shared libraries; see Qt-NOTICE.txt for the source and for replacing them",
        "files": list(QT_FILES),
    },
    {
        "name": "Python",
        "licence": "PSF-2.0",
        "what": "The Python interpreter and standard library inside the bundle",
        "files": ["licenses/Python.txt"],
    },
    {
        "name": "DejaVu Sans",
        "licence": "Bitstream Vera Fonts licence (free), public domain changes",
        "what": "Font of the PDF blueprint and its charts (Latin, Greek, Cyrillic)",
        "files": ["fonts/LICENSE-DejaVu.txt"],
    },
    {
        "name": "Noto Sans Arabic, Hebrew, Devanagari, Thai and Noto Emoji",
        "licence": "OFL-1.1",
        "what": "Fonts of the PDF blueprint for those scripts and for emoji (subsets)",
        "files": ["fonts/LICENSE-OFL.txt"],
    },
    {
        "name": "Nanum Gothic",
        "licence": "OFL-1.1",
        "what": "Font of the PDF blueprint for Korean (Hangul subset)",
        "files": ["fonts/LICENSE-OFL.txt"],
    },
    {
        "name": "Droid Sans Fallback",
        "licence": "Apache-2.0",
        "what": "Font of the PDF blueprint for Chinese and Japanese",
        "files": ["fonts/LICENSE-DroidSansFallback.txt"],
    },
    {
        "name": "HarfBuzz",
        "licence": 'MIT (HarfBuzz\'s "Old MIT")',
        "what": "Text shaping (Arabic, Devanagari, Thai) in the PDF, built into uharfbuzz",
        "files": ["licenses/HarfBuzz.txt"],
    },
    {
        "name": "ICU",
        "licence": "Unicode-3.0 (ICU licence)",
        "what": "Unicode support inside the Qt libraries",
        "files": ["licenses/ICU.txt"],
    },
    {
        "name": "PyInstaller bootloader",
        "licence": "GPL-2.0-or-later WITH Bootloader-exception",
        "what": "The small program that starts the bundled app; the exception allows "
        "distributing it with any program",
        "files": ["licenses/pyinstaller.txt"],
    },
]
#: Licence names for distributions whose metadata gives a paragraph instead of a name.
LICENCE_NAMES = {
    "matplotlib": "PSF-based matplotlib licence",
    "kiwisolver": "BSD-3-Clause",
    "cycler": "BSD-3-Clause",
    "contourpy": "BSD-3-Clause",
    "reportlab": "BSD-3-Clause",
    "pyside6-essentials": "LGPL-3.0-only (or GPL-2.0/GPL-3.0)",
    "shiboken6": "LGPL-3.0-only (or GPL-2.0/GPL-3.0)",
    "click-default-group": "BSD-3-Clause",
}
_LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice|authors)", re.IGNORECASE)


def _spec_support() -> ModuleType:
    path = ROOT / "packaging" / "spec_support.py"
    spec = importlib.util.spec_from_file_location("spec_support", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def normal(name: str) -> str:
    """A distribution name in its normal form (``sqlite_utils`` -> ``sqlite-utils``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def licence_name(dist: metadata.Distribution) -> str:
    """A short licence name for ``dist``: its SPDX expression, else its metadata's word."""
    name = normal(dist.metadata["Name"])
    if name in LICENCE_NAMES:
        return LICENCE_NAMES[name]
    expression = dist.metadata.get("License-Expression")
    if expression:
        return expression.strip()
    text = (dist.metadata.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 60:
        return text
    for classifier in dist.metadata.get_all("Classifier") or []:
        if classifier.startswith("License ::"):
            return classifier.split("::")[-1].strip()
    return text.splitlines()[0] if text else "see the licence text"


def licence_files(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """(name inside the dist-info, text) of each licence file the wheel carries."""
    found = []
    for file in dist.files or []:
        parts = file.parts
        if not parts or not parts[0].endswith(".dist-info"):
            continue
        inner = "/".join(parts[1:])
        if inner.startswith("licenses/") or _LICENCE_FILE.search(parts[-1]):
            if parts[-1] in ("RECORD", "METADATA"):
                continue
            text = Path(dist.locate_file(file)).read_text(encoding="utf-8", errors="replace")
            found.append((inner, text))
    return sorted(found)


def python_licence() -> str:
    """The interpreter's LICENSE.txt (from its standard library folder)."""
    path = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    return path.read_text(encoding="utf-8", errors="replace")


def build() -> dict[str, str]:
    """Every file of ``resources/licenses`` (name -> text) but the hand-written ones."""
    files: dict[str, str] = {}
    for name, source in SYSTEM_TEXTS.items():
        files[name] = source.read_text(encoding="utf-8", errors="replace")
    files["Python.txt"] = python_licence()
    pyinstaller = metadata.distribution("pyinstaller")
    files["pyinstaller.txt"] = _joined(licence_files(pyinstaller))
    components: list[dict[str, object]] = list(CURATED)
    for dist in _spec_support().runtime_distributions():
        name = normal(dist.metadata["Name"])
        texts = licence_files(dist)
        entry_files = [f"licenses/{name}.txt"]
        if name in ("pyside6-essentials", "shiboken6"):
            entry_files = list(QT_FILES)  # their wheels carry no licence file
        else:
            files[f"{name}.txt"] = _joined(texts) or f"{licence_name(dist)}\n"
        components.append(
            {
                "name": dist.metadata["Name"],
                "distribution": name,
                "version": dist.version,
                "licence": licence_name(dist),
                "what": (dist.metadata.get("Summary") or "").strip(),
                "files": entry_files,
            }
        )
    index = {
        "comment": "Written by tools/collect_licenses.py; read by resources/about.py.",
        "components": components,
    }
    files["index.json"] = json.dumps(index, indent=2, ensure_ascii=False) + "\n"
    return files


def _joined(texts: list[tuple[str, str]]) -> str:
    if len(texts) == 1:
        return texts[0][1].rstrip() + "\n"
    return "\n".join(f"=== {name} ===\n\n{text.rstrip()}\n" for name, text in texts)


def main(argv: list[str] | None = None) -> int:
    """Rewrite ``resources/licenses`` (or, with --check, say whether it is up to date)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    options = parser.parse_args(argv)
    wanted = build()
    present = {
        path.name: path.read_text(encoding="utf-8", errors="replace")
        for path in OUT.glob("*")
        if path.is_file() and path.name not in HAND_WRITTEN
    }
    if options.check:
        stale = sorted(
            set(wanted) ^ set(present) | {n for n in wanted if present.get(n) != wanted[n]}
        )
        for name in stale:
            print(f"resources/licenses/{name}: out of date", file=sys.stderr)
        return 1 if stale else 0
    OUT.mkdir(exist_ok=True)
    for name in set(present) - set(wanted):
        (OUT / name).unlink()
    for name, text in wanted.items():
        (OUT / name).write_text(text, encoding="utf-8")
    print(f"resources/licenses: {len(wanted)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
