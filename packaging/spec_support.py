"""What ``packaging/opmodel.spec`` puts in the bundle, and what it leaves out.

The spec (PyInstaller 6) stays small; the choices live here, where ruff and the tests see
them:

* :func:`hidden_imports` — every module of our own packages, every module of each
  pure-Python run-time dependency and the top package of each compiled one, found from the
  installed ``opmodel-studio`` metadata. A dependency added to ``pyproject.toml``
  (openpyxl, …) is bundled without touching the spec, even when it is imported lazily
  inside a function. Compiled packages (Qt, numpy, matplotlib, Pillow) are left to import
  analysis and PyInstaller's hooks, so their GUI and test parts stay out.
* :data:`EXCLUDES` and :func:`unused_qt_modules` — what is never bundled: test tools, other
  Qt bindings, Tk, TLS, and every PySide6 module but QtCore, QtGui, QtWidgets and QtSvg.
* :func:`keep_file` — drops Qt's translations, the plugins of left-out Qt modules and
  matplotlib data that only other backends read.
* :func:`add_linux_integration` — ``install.sh``, the ``.desktop`` entry, the MIME type and
  the icons, laid out beside the binary as ``share/…``.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
DIST_NAME = "opmodel-studio"
#: Our own packages: every submodule is bundled (lazy imports inside functions included).
FIRST_PARTY = ("app", "canvas", "cli", "exports", "model", "storage", "resources")
#: The only Qt modules the app imports (tests/test_bundle_spec.py checks the source for others).
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtSvg")
#: The only matplotlib backend used: charts are drawn with the Agg canvas, never pyplot.
MATPLOTLIB_BACKENDS = ("Agg",)
#: Required by a dependency but never used by the app (sqlite-utils' ``install`` command).
NOT_SHIPPED = frozenset({"pip", "setuptools"})
EXCLUDES = [
    # development and test tools, other GUI toolkits
    "tkinter",
    "_tkinter",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "IPython",
    "pytest",
    "pytestqt",
    "hypothesis",
    "pypdf",
    "ruff",
    "pip",
    "setuptools",
    "pkg_resources",
    "PyInstaller",
    "readline",
    "pydoc",
    # no network at run time, ever: no TLS (and so no OpenSSL in the bundle)
    "ssl",
    "_ssl",
    "_hashlib",
    # parts of dependencies the app never uses
    "matplotlib.tests",
    "matplotlib.testing",
    "matplotlib.backends.backend_pdf",
    "matplotlib.backends.backend_ps",
    "matplotlib.backends.backend_svg",
    "matplotlib.backends.backend_pgf",
    "numpy.tests",
    "numpy.f2py",
    "PIL.ImageQt",
    "PIL.ImageTk",
    "PIL.AvifImagePlugin",
    "PIL._avif",
    "PIL.WebPImagePlugin",
    "PIL._webp",
]
#: Files never bundled (paths as PyInstaller places them, "/"-separated): Qt's translations
#: (the app is in English), the Qt plugins and libraries of modules the app does not use
#: (QML, network, PDF, printing, SQL, the VNC and TUIO plugins that need QtNetwork, the
#: embedded-device platforms (EGLFS, linuxfb), image formats the app never reads, and the
#: GTK theme plugin, which would bring a GTK stack of its own), matplotlib's sample data,
#: GUI toolbar images, PostScript/PDF core-font metrics and the DejaVu faces the charts
#: never ask for (they draw with the shipped DejaVu Sans; only Agg draws here).
_DROPPED = re.compile(
    # Qt's folders: PySide6/Qt/… on Linux and macOS, PySide6/… on Windows
    r"^(PySide6/(Qt/)?(translations/|qml/|plugins/(designer|qmltooling|qmllint|sqldrivers|"
    r"printsupport|tls|networkinformation|vectorimageformats|egldeviceintegrations|"
    r"imageformats/(lib)?qpdf|platformthemes/(lib)?qgtk3|generic/(lib)?qtuiotouchplugin|"
    r"platforms/(lib)?q(vnc|eglfs|linuxfb|minimalegl|vkkhrdisplay)|"
    r"imageformats/(lib)?q(tga|wbmp|icns|tiff|webp)))|"
    # Qt libraries: libQt6X.so.6 (Linux, also linked at the top), Qt6X.dll, QtX.framework
    r"(PySide6/(Qt/lib/)?)?(lib)?Qt6?(Quick|Qml|Network|Pdf|Designer|Labs|Lottie|WebEngine|"
    r"Multimedia|3D|Sql|Test|Help|PrintSupport|UiTools|OpenGLWidgets|Concurrent|Xml|EglF[sS])"
    r"[^/]*(\.so|\.dll|\.framework|\.dylib)|"
    r"matplotlib/mpl-data/(sample_data/|images/|fonts/afm/|fonts/pdfcorefonts/|"
    r"fonts/ttf/DejaVu(Serif|SansMono|SansDisplay|Sans-Oblique|Sans-BoldOblique))"
    r")"
)


def _requirement_names(dist: metadata.Distribution) -> list[str]:
    """The names of ``dist``'s unconditional requirements (no extras, no other platforms)."""
    from packaging.requirements import Requirement

    names = []
    for line in dist.requires or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            names.append(requirement.name)
    return names


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(root: str = DIST_NAME) -> list[metadata.Distribution]:
    """Every installed distribution ``root`` needs at run time (transitively), sorted by name.

    ``root`` itself is not included; nor are :data:`NOT_SHIPPED` distributions.
    """
    seen: dict[str, metadata.Distribution] = {}
    pending = _requirement_names(metadata.distribution(root))
    while pending:
        name = _normal(pending.pop())
        if name in seen or name in NOT_SHIPPED:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # an optional requirement that is not installed here
        seen[name] = dist
        pending.extend(_requirement_names(dist))
    return [seen[name] for name in sorted(seen)]


def top_level_modules(dist: metadata.Distribution) -> list[str]:
    """The importable top-level names a distribution installs (from its RECORD)."""
    names = set()
    for file in dist.files or []:
        parts = file.parts
        if not parts or parts[0].endswith((".dist-info", ".data", ".libs")) or ".." in parts:
            continue
        head = parts[0]
        if len(parts) > 1 and (head.isidentifier()):
            names.add(head)
        elif len(parts) == 1 and head.endswith((".py", ".so", ".pyd")):
            stem = head.split(".")[0]
            if stem.isidentifier() and stem != "__init__":
                names.add(stem)
    return sorted(names)


def is_pure_python(dist: metadata.Distribution) -> bool:
    """Whether ``dist`` installs no compiled extension (so every module can be bundled)."""
    return not any(
        file.name.endswith((".so", ".pyd", ".dylib", ".dll")) or ".so." in file.name
        for file in dist.files or []
    )


def _not_a_test(name: str) -> bool:
    return not any(part in ("tests", "test", "testing", "conftest") for part in name.split("."))


def hidden_imports() -> list[str]:
    """Every module to bundle that static analysis could miss (see the module docstring)."""
    from PyInstaller.utils.hooks import collect_submodules

    names: list[str] = []
    for package in FIRST_PARTY:
        names += collect_submodules(package)
    for dist in runtime_distributions():
        for module in top_level_modules(dist):
            if module.startswith("_"):
                continue
            if is_pure_python(dist):
                names += collect_submodules(module, filter=_not_a_test, on_error="ignore")
            else:  # compiled: its top package, the rest by import analysis and its hook
                names.append(module)
    return sorted(set(names))


def unused_qt_modules() -> list[str]:
    """Every PySide6 module but :data:`QT_MODULES`, as names to exclude."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    found = {path.name.split(".")[0] for path in folder.glob("Qt*.*") if path.suffix != ".py"}
    return sorted(f"PySide6.{name}" for name in found - set(QT_MODULES))


def keep_file(dest: str) -> bool:
    """Whether the bundle keeps the file PyInstaller would place at ``dest``."""
    return _DROPPED.match(dest.replace("\\", "/")) is None


_SYSTEM_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")


def _needed(path: str) -> list[str]:
    """The DT_NEEDED names of an ELF file (``objdump``, which PyInstaller needs on Linux)."""
    import subprocess

    result = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=False)
    return re.findall(r"^\s*NEEDED\s+(\S+)", result.stdout, re.MULTILINE)


def prune_system_libraries(
    binaries: list[tuple[str, str, str]],
) -> list[tuple[str, str, str]]:
    """Linux: drop the system libraries that no kept file needs any more.

    PyInstaller collects a library's dependencies while it analyses, before
    :func:`keep_file` drops a plugin; the GTK theme plugin alone brings cairo, pango, atk
    and gdk-pixbuf. Starting from every library that is not a system one (Python
    extensions, Qt and its plugins, libpython), follow DT_NEEDED through the system
    libraries and keep only those reached.
    """
    by_name: dict[str, tuple[str, str, str]] = {}
    roots = []
    for entry in binaries:
        dest, src, kind = entry
        if kind == "BINARY" and src.startswith(_SYSTEM_DIRS):
            by_name[Path(dest).name] = entry
        elif kind == "BINARY":
            roots.append(src)
    reached: set[str] = set()
    pending = list(roots)
    seen = set(pending)
    while pending:
        for name in _needed(pending.pop()):
            if name in by_name and name not in reached:
                reached.add(name)
                src = by_name[name][1]
                if src not in seen:
                    seen.add(src)
                    pending.append(src)
    return [
        entry
        for entry in binaries
        if not (entry[2] == "BINARY" and entry[1].startswith(_SYSTEM_DIRS))
        or Path(entry[0]).name in reached
    ]


def _load_segments_aligned(path: Path) -> bool:
    """Whether every PT_LOAD segment of ELF64 file ``path`` keeps offset ≡ address (page)."""
    import struct

    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2:
        return False
    (phoff,) = struct.unpack_from("<Q", data, 32)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    for n in range(phnum):
        kind, _, offset, address = struct.unpack_from("<IIQQ", data, phoff + n * phentsize)
        if kind == 1 and (address - offset) % 4096:
            return False
    return True


def strip_binaries(
    binaries: list[tuple[str, str, str]], folder: Path
) -> list[tuple[str, str, str]]:
    """Linux: bundle stripped copies of the interpreter's libraries and of extension modules.

    A Python built from source (pyenv, CI's setup-python) keeps its symbols: libpython is
    22 MiB, 6 MiB stripped; kiwisolver's extension is 5 MiB of symbols. System libraries
    come stripped already, and the libraries vendored into wheels (``numpy.libs``,
    ``pillow.libs``) are left alone: auditwheel's patchelf lays them out in a way ``strip``
    breaks ("ELF load command address/offset not page-aligned"). A stripped copy whose
    loadable segments would no longer be page-aligned is not used either.
    """
    import subprocess

    folder.mkdir(parents=True, exist_ok=True)
    result = []
    for dest, src, kind in binaries:
        real = Path(src).resolve()
        vendored = any(part.endswith(".libs") for part in Path(dest).parts[:-1])
        system = str(real).startswith(_SYSTEM_DIRS)
        if kind in ("BINARY", "EXTENSION") and not system and not vendored:
            copy = folder / dest.replace("/", "__")
            shutil.copy2(real, copy)
            copy.chmod(0o755)
            stripped = subprocess.run(["strip", str(copy)], check=False).returncode == 0
            if stripped and _load_segments_aligned(copy):
                src = str(copy)
        result.append((dest, src, kind))
    return result


def version() -> str:
    """The app's version (resources/about.py, read without importing the app)."""
    text = (ROOT / "resources" / "about.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise SystemExit("resources/about.py: no __version__")
    return match.group(1)


def add_linux_integration(bundle: Path) -> None:
    """Lay out the desktop files beside the binary: ``install.sh`` and ``share/…``.

    ``share/`` follows the XDG layout, so ``install.sh`` copies it as it is: the ``.desktop``
    entry, the MIME type of ``.opmodel`` files and the hicolor icons (the app's and the
    session file's, as SVG and as PNG sizes).
    """
    icons = ROOT / "resources" / "icons"
    linux = PACKAGING / "linux"
    share = bundle / "share"
    if share.exists():
        shutil.rmtree(share)
    (share / "applications").mkdir(parents=True)
    shutil.copy2(linux / "opmodel-studio.desktop", share / "applications")
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy2(linux / "opmodel-studio.xml", share / "mime" / "packages")
    hicolor = share / "icons" / "hicolor"
    for svg, kind, name in (
        ("app.svg", "apps", "opmodel-studio"),
        ("file.svg", "mimetypes", "application-x-opmodel"),
    ):
        target = hicolor / "scalable" / kind
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(icons / svg, target / f"{name}.svg")
        for png in sorted((icons / "png").glob(f"{Path(svg).stem}-*.png")):
            size = png.stem.rsplit("-", 1)[1]
            target = hicolor / f"{size}x{size}" / kind
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(png, target / f"{name}.png")
    shutil.copy2(linux / "install.sh", bundle / "install.sh")
    (bundle / "install.sh").chmod(0o755)
    shutil.copy2(ROOT / "docs" / "install.md", bundle / "INSTALL.md")


def _debian_package(path: str) -> str | None:
    """The Debian package that installed ``path`` (also through the /lib -> /usr/lib link)."""
    import subprocess

    candidates = {path, str(Path(path).resolve())}
    for name in list(candidates):
        if name.startswith("/usr/lib/"):
            candidates.add(name.removeprefix("/usr"))
        elif name.startswith("/lib/"):
            candidates.add("/usr" + name)
    for name in sorted(candidates):
        result = subprocess.run(
            ["dpkg-query", "-S", name], capture_output=True, text=True, check=False
        )
        if result.returncode == 0 and ":" in result.stdout:
            return result.stdout.split(":", 1)[0].strip()
    return None


def _licence_names(copyright_text: str) -> str:
    """The licence short names of a Debian (DEP-5) copyright file, in order of appearance."""
    names: list[str] = []
    for match in re.finditer(r"^License:\s*(\S.*)$", copyright_text, re.MULTILINE):
        name = match.group(1).strip()
        if name not in names:
            names.append(name)
    return ", ".join(names[:4]) + (", …" if len(names) > 4 else "") if names else "see text"


def system_library_licences(
    binaries: list[tuple[str, str, str]], folder: Path
) -> list[tuple[str, str, str]]:
    """Linux: the copyright files of the system libraries PyInstaller bundled, as data.

    PySide6's wheel expects some libraries from the system (libxcb, libxkbcommon, glib,
    fontconfig, …); PyInstaller copies them into the bundle. Each one's Debian package
    gives its copyright file, written to ``folder`` with an ``index.json`` that
    :func:`resources.about.components` appends to the About box's list. Returns the TOC
    entries that put them in ``resources/licenses/linux``; nothing without ``dpkg-query``.
    """
    import json

    if shutil.which("dpkg-query") is None:
        return []
    libraries: dict[str, list[str]] = {}
    for dest, src, kind in binaries:
        if kind != "BINARY" or not src.startswith(("/lib/", "/usr/lib/", "/lib64/")):
            continue
        package = _debian_package(src)
        if package:
            libraries.setdefault(package, []).append(Path(dest).name)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    components = []
    for package in sorted(libraries):
        source = Path("/usr/share/doc") / package / "copyright"
        if not source.is_file():
            continue
        text = source.read_text(encoding="utf-8", errors="replace")
        (folder / f"{package}.txt").write_text(text, encoding="utf-8")
        components.append(
            {
                "name": f"{package} (Linux system library)",
                "licence": _licence_names(text),
                "what": "Bundled from the build machine: " + ", ".join(sorted(libraries[package])),
                "files": [f"licenses/linux/{package}.txt"],
            }
        )
    index = {"comment": "Written by packaging/spec_support.py.", "components": components}
    (folder / "index.json").write_text(json.dumps(index, indent=2) + "\n", encoding="utf-8")
    return [
        (f"resources/licenses/linux/{path.name}", str(path), "DATA")
        for path in sorted(folder.iterdir())
    ]
