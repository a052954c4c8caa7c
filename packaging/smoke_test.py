"""Smoke test of a built bundle: its binary, run with no Python anywhere in its environment.

    python3 packaging/smoke_test.py [BINARY]       # default: the bundle in dist/
    python3 packaging/smoke_test.py ARCHIVE        # unpack a .tar.gz or .zip, test that

Each check runs the bundled ``opmodel`` in a bare environment (:func:`bare_environment`:
``env -i`` style, PATH holding only an empty folder or the Windows system folder, HOME and
the XDG folders in a scratch folder, no PYTHON* or VIRTUAL_ENV variable) and checks what it
produced: the version, help, templates, a new session from a template, ``check``, JSON out
and back in, the PDF blueprint (every font embedded, by ``pdffonts`` when it is installed),
the stakeholder edition, PNG and SVG, the AI use-case register as XLSX (openpyxl, imported
only by that export) and CSV, BPMN out and back in and a BPMN file from another tool (a
BPMN MIWG test file read from the checkout's ``tests/fixtures``; it is not bundled),
``layout`` on a jumbled session, a refused command line (one line, exit 2), and the
window, which starts offscreen, draws (a screenshot with real content) and quits by itself.
On Linux the window's process is also checked from outside (``/proc/PID/maps``): libpython
and every Python extension it has loaded come from the bundle, none from a Python install.

This file uses only the standard library, so any Python 3.9+ can drive it (CI runners,
``make bundle-test``); ``tests/test_bundle.py`` runs the same checks under pytest when
``dist/opmodel-studio/opmodel`` exists. It prints one line per check and a closing
``N passed, N failed`` line; the exit status is 1 when a check failed.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
#: Variables that would let a Python install leak into the bundled program.
PYTHON_VARIABLES = ("PYTHONHOME", "PYTHONPATH", "PYTHONSTARTUP", "PYTHONUSERBASE", "VIRTUAL_ENV")
TEMPLATES = ("customer_support", "finance", "sales")
WINDOW_MS = 2500
#: What Qt's offscreen platform plugin prints on every run (a notice, not a fault).
OFFSCREEN_NOTICES = ("This plugin does not support propagateSizeHints()",)
TIMEOUT = 180
#: A BPMN file written by another tool (SAP Signavio), from the BPMN MIWG test suite
#: (CC BY 3.0, tests/fixtures/bpmn-miwg/README.md); read from the checkout, never bundled.
FOREIGN_BPMN = ROOT / "tests" / "fixtures" / "bpmn-miwg" / "C.4.0-signavio-export.2.bpmn"
BPMN_MODEL = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
BPMN_DI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
XLSX = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def expected_version() -> str:
    """The version in resources/about.py (the one source of truth)."""
    text = (ROOT / "resources" / "about.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    assert match, "resources/about.py has no __version__"
    return match.group(1)


def default_binary() -> Path:
    """Where ``packaging/opmodel.spec`` puts the bundled ``opmodel`` on this system."""
    if sys.platform == "darwin":
        return ROOT / "dist" / "OpModel Studio.app" / "Contents" / "MacOS" / "opmodel"
    name = "opmodel.exe" if sys.platform == "win32" else "opmodel"
    return ROOT / "dist" / "opmodel-studio" / name


def bare_environment(scratch: Path) -> dict[str, str]:
    """A minimal environment (``env -i`` style) whose PATH finds no Python.

    Only what an operating system session always has is kept: on Windows the system folders
    (System32; the app needs nothing else), elsewhere an empty ``bin`` folder in ``scratch``. HOME,
    settings and temporary files go to ``scratch`` too.
    """
    home = scratch / "home"
    empty_bin = scratch / "bin"
    for folder in (home, empty_bin, scratch / "tmp"):
        folder.mkdir(parents=True, exist_ok=True)
    env = {
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "TMPDIR": str(scratch / "tmp"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(scratch / "tmp"),
        "MPLCONFIGDIR": str(home / ".config" / "matplotlib"),
        "PATH": str(empty_bin),
    }
    if sys.platform == "win32":
        system_root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        env.update(
            SYSTEMROOT=system_root,
            WINDIR=system_root,
            # System32 only: the Python launcher (py.exe) may live in the Windows folder
            PATH=str(Path(system_root) / "System32"),
            TEMP=str(scratch / "tmp"),
            TMP=str(scratch / "tmp"),
            USERPROFILE=str(home),
            APPDATA=str(home / "AppData" / "Roaming"),
            LOCALAPPDATA=str(home / "AppData" / "Local"),
        )
    return env


def python_on_path(env: dict[str, str]) -> list[str]:
    """Every python executable or virtual environment reachable through ``env``'s PATH."""
    found = []
    for folder in env.get("PATH", "").split(os.pathsep):
        if not folder:
            continue
        for name in ("python", "python3", "python3.11", "py"):
            hit = shutil.which(name, path=folder)
            if hit:
                found.append(hit)
        if (Path(folder).parent / "pyvenv.cfg").exists():
            found.append(str(Path(folder).parent / "pyvenv.cfg"))
    return found


def assert_no_python(env: dict[str, str]) -> None:
    """Fail unless ``env`` reaches no Python: none on PATH, no PYTHON*/VIRTUAL_ENV."""
    on_path = python_on_path(env)
    assert not on_path, f"PATH reaches Python: {on_path}"
    leaking = [name for name in env if name.startswith("PYTHON") or name in PYTHON_VARIABLES]
    assert not leaking, f"environment sets {leaking}"


#: The checks of :class:`SmokeTest`, in the order they run.
CHECKS = (
    "check_environment_has_no_python",
    "check_version",
    "check_help",
    "check_templates",
    "check_new_from_template",
    "check_check",
    "check_json_round_trip",
    "check_pdf_with_embedded_fonts",
    "check_stakeholder_pdf",
    "check_png_and_svg",
    "check_register_xlsx_and_csv",
    "check_bpmn_round_trip",
    "check_bpmn_from_another_tool",
    "check_layout",
    "check_bad_input_is_one_line",
    "check_window_starts_and_quits",
)


@dataclass
class Run:
    """One finished run of the bundled binary."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    seconds: float


@dataclass
class SmokeTest:
    """The bundled binary, a scratch folder and the bare environment the checks use."""

    binary: Path
    scratch: Path
    env: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.scratch.mkdir(parents=True, exist_ok=True)
        self.env = bare_environment(self.scratch)
        self.work = self.scratch / "work"
        self.work.mkdir(exist_ok=True)

    def run(self, *args: str, extra: dict[str, str] | None = None) -> Run:
        """Run the binary with ``args`` in the bare environment, inside the work folder."""
        env = {**self.env, **(extra or {})}
        assert_no_python(env)
        start = time.perf_counter()
        result = subprocess.run(
            [str(self.binary), *args],
            cwd=self.work,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - start
        return Run(tuple(args), result.returncode, result.stdout, result.stderr, seconds)

    def ok(self, *args: str, extra: dict[str, str] | None = None) -> Run:
        """:meth:`run`, failing unless it exits 0 with nothing on stderr."""
        result = self.run(*args, extra=extra)
        assert result.returncode == 0 and result.stderr == "", (
            f"opmodel {' '.join(args)}: exit {result.returncode}\n{result.stderr[-2000:]}"
        )
        return result

    def session(self) -> Path:
        """A session made from the sales template (made once)."""
        path = self.work / "acme.opmodel"
        if not path.exists():
            self.ok("new", path.name, "--template", "sales", "--title", "Acme — AI in sales")
        return path

    # -- the checks ---------------------------------------------------------------------
    def check_environment_has_no_python(self) -> None:
        assert_no_python(self.env)
        assert self.binary.is_file(), f"{self.binary}: no bundle here"
        inside = [part for part in self.binary.resolve().parts if part in (".venv", "venv")]
        assert not inside, f"{self.binary} lies in a virtual environment"

    def check_version(self) -> None:
        result = self.ok("--version")
        assert result.stdout.strip() == f"opmodel {expected_version()}", result.stdout
        self.timings["opmodel --version"] = result.seconds

    def check_help(self) -> None:
        result = self.ok("--help")
        assert result.stdout.startswith("usage: opmodel") and "templates" in result.stdout

    def check_templates(self) -> None:
        result = self.ok("templates")
        missing = [name for name in TEMPLATES if name not in result.stdout]
        assert not missing, f"templates missing: {missing}\n{result.stdout}"

    def check_new_from_template(self) -> None:
        path = self.session()
        assert path.read_bytes()[:16] == b"SQLite format 3\x00", "not an SQLite file"

    def check_check(self) -> None:
        result = self.run("check", self.session().name, "--format", "json")
        assert result.returncode in (0, 1), f"exit {result.returncode}: {result.stderr}"
        report = json.loads(result.stdout)
        assert isinstance(report, dict) and report, "empty check report"
        self.timings["opmodel check"] = result.seconds

    def check_json_round_trip(self) -> None:
        self.ok("export", self.session().name, "-o", "acme.json")
        data = json.loads((self.work / "acme.json").read_text(encoding="utf-8"))
        assert data, "empty JSON export"
        self.ok("import", "acme.json", "-o", "copy.opmodel")
        assert (self.work / "copy.opmodel").stat().st_size > 0

    def check_pdf_with_embedded_fonts(self) -> None:
        result = self.ok("export", self.session().name, "-o", "acme.pdf")
        self.timings["opmodel export PDF"] = result.seconds
        pdf = self.work / "acme.pdf"
        assert pdf.read_bytes()[:5] == b"%PDF-", "not a PDF"
        fonts = embedded_fonts(pdf)
        assert fonts, "the PDF names no font"
        not_embedded = [name for name, embedded in fonts if not embedded]
        assert not not_embedded, f"fonts not embedded: {not_embedded}"

    def check_stakeholder_pdf(self) -> None:
        self.ok("export", self.session().name, "-o", "stakeholder.pdf", "--stakeholder")
        assert (self.work / "stakeholder.pdf").read_bytes()[:5] == b"%PDF-"

    def check_png_and_svg(self) -> None:
        self.ok("export", self.session().name, "-o", "canvas.png")
        width, height, colours = png_summary(self.work / "canvas.png")
        assert width > 100 and height > 100 and colours > 20, (width, height, colours)
        self.ok("export", self.session().name, "-o", "canvas.svg")
        assert "<svg" in (self.work / "canvas.svg").read_text(encoding="utf-8")

    def check_register_xlsx_and_csv(self) -> None:
        # openpyxl is imported only by this export: it must be in the bundle all the same
        result = self.ok("export", self.session().name, "-o", "register.xlsx")
        self.timings["opmodel export XLSX"] = result.seconds
        sheets, rows, text = xlsx_summary(self.work / "register.xlsx")
        assert sheets[:1] == ["All AI steps"] and len(sheets) >= 2, sheets
        self.ok("export", self.session().name, "-o", "register.csv")
        with (self.work / "register.csv").open(encoding="utf-8-sig", newline="") as handle:
            table = list(csv.reader(handle))
        assert len(table) > 1 and table[0][:3] == ["Workflow", "Function", "AI step"], table[:1]
        assert rows == len(table), f"{rows} rows in the workbook, {len(table)} in the CSV"
        assert all(row[2] in text for row in table[1:]), "AI steps missing from the workbook"

    def check_bpmn_round_trip(self) -> None:
        self.ok("export", self.session().name, "-o", "acme.bpmn")
        root = ElementTree.parse(self.work / "acme.bpmn").getroot()
        assert root.tag == f"{BPMN_MODEL}definitions", root.tag
        tasks = [node for node in root.iter() if node.tag.endswith(("task", "Task"))]
        assert root.find(f"{BPMN_MODEL}process") is not None and tasks, "no process or task"
        assert root.find(f"{BPMN_DI}BPMNDiagram") is not None, "no diagram (BPMN DI)"
        result = self.ok("import", "acme.bpmn", "-o", "from-bpmn.opmodel")
        assert result.stdout.startswith("imported acme.bpmn into from-bpmn.opmodel: 1 workflow")
        self.ok("check", "from-bpmn.opmodel")

    def check_bpmn_from_another_tool(self) -> None:
        shutil.copyfile(FOREIGN_BPMN, self.work / "signavio.bpmn")
        result = self.ok("import", "signavio.bpmn", "-o", "signavio.opmodel")
        self.timings["opmodel import BPMN (Signavio export)"] = result.seconds
        assert re.match(
            r"imported signavio\.bpmn into signavio\.opmodel: \d+ workflow", result.stdout
        )
        self.ok("export", "signavio.opmodel", "-o", "signavio-again.bpmn")

    def check_layout(self) -> None:
        # the sales template's own layout, every element moved into a corner
        self.ok("export", self.session().name, "-o", "before-layout.json")
        data = json.loads((self.work / "before-layout.json").read_text(encoding="utf-8"))
        for workflow in data["workflows"]:
            for n, element in enumerate(workflow["elements"]):
                element["x"], element["y"] = 40 * (n % 3), 40 * (n // 3)
            for connection in workflow["connections"]:
                connection.pop("route", None)
        (self.work / "jumbled.json").write_text(json.dumps(data), encoding="utf-8")
        self.ok("import", "jumbled.json", "-o", "jumbled.opmodel")
        result = self.ok("layout", "jumbled.opmodel")
        self.timings["opmodel layout"] = result.seconds
        assert ": laid out, " in result.stdout and "undoable edit" in result.stdout, result.stdout
        again = self.ok("layout", "jumbled.opmodel")
        assert "already laid out" in again.stdout, again.stdout
        self.ok("export", "jumbled.opmodel", "-o", "after-layout.json")
        after = json.loads((self.work / "after-layout.json").read_text(encoding="utf-8"))
        places = {(e["x"], e["y"]) for w in after["workflows"] for e in w["elements"]}
        count = sum(len(w["elements"]) for w in after["workflows"])
        assert len(places) == count, "elements still on top of one another"

    def check_bad_input_is_one_line(self) -> None:
        result = self.run("check", "missing.opmodel")
        lines = result.stderr.splitlines()
        assert result.returncode == 2 and len(lines) == 1, (result.returncode, result.stderr)
        assert lines[0].startswith("opmodel: error: ") and "Traceback" not in result.stderr

    def check_window_starts_and_quits(self) -> None:
        self._window("start.png")  # no file: the start screen
        self._window("session.png", self.session().name)

    def _window(self, screenshot: str, *args: str) -> None:
        extra = {
            "QT_QPA_PLATFORM": "offscreen",
            "OPMODEL_EXIT_AFTER_MS": str(WINDOW_MS),
            "OPMODEL_SCREENSHOT": str(self.work / screenshot),
        }
        env = {**self.env, **extra}
        assert_no_python(env)
        start = time.perf_counter()
        process = subprocess.Popen(
            [str(self.binary), *args],
            cwd=self.work,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
        )
        mapped = watch_mapped_files(process) if sys.platform.startswith("linux") else None
        _, stderr = process.communicate(timeout=TIMEOUT)
        seconds = time.perf_counter() - start
        self.timings[
            f"window {'with a session' if args else 'start screen'} (incl. {WINDOW_MS} ms shown)"
        ] = seconds
        assert process.returncode == 0, f"window: exit {process.returncode}\n{stderr[-2000:]}"
        unexpected = [line for line in stderr.splitlines() if line not in OFFSCREEN_NOTICES]
        assert not unexpected, "window wrote to stderr:\n" + "\n".join(unexpected[-20:])
        width, height, colours = png_summary(self.work / screenshot)
        assert width >= 640 and height >= 400, f"window {width}×{height}"
        assert colours > 50, f"the window drew almost nothing ({colours} colours)"
        if mapped is not None:
            check_mapped_files(mapped, self.binary.resolve().parent)

    def checks(self) -> list[tuple[str, Callable[[], None]]]:
        """Every check, by name, in the order they run."""
        return [
            (name.removeprefix("check_").replace("_", " "), getattr(self, name)) for name in CHECKS
        ]


# -- what the checks read ---------------------------------------------------------------
def embedded_fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font of ``pdf``: by ``pdffonts`` when installed,
    else from the PDF's font descriptors (reportlab writes them uncompressed)."""
    pdffonts = shutil.which("pdffonts")
    if pdffonts:
        out = subprocess.run(
            [pdffonts, str(pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        rows = []
        for line in out[2:]:  # header and dashes
            columns = line.split()
            # name type [encoding…] emb sub uni object ID: emb is the 5th from the right
            rows.append((columns[0], columns[-5] == "yes"))
        return rows
    data = pdf.read_bytes()
    rows = []
    for match in re.finditer(rb"/FontDescriptor(.*?)>>", data, re.DOTALL):
        body = match.group(1)
        name = re.search(rb"/FontName\s*/([^\s/]+)", body)
        embedded = any(key in body for key in (b"/FontFile2", b"/FontFile3", b"/FontFile "))
        rows.append(((name.group(1) if name else b"?").decode("latin-1"), embedded))
    return rows


def xlsx_summary(path: Path) -> tuple[list[str], int, str]:
    """(sheet names, rows of the first sheet, its text) of an .xlsx workbook."""
    with zipfile.ZipFile(path) as packed:
        assert packed.testzip() is None, f"{path.name}: a damaged member"
        workbook = ElementTree.fromstring(packed.read("xl/workbook.xml"))
        first = packed.read("xl/worksheets/sheet1.xml")
        shared = (
            packed.read("xl/sharedStrings.xml")
            if "xl/sharedStrings.xml" in packed.namelist()
            else b""
        )
    sheets = [node.get("name", "") for node in workbook.iter(f"{XLSX}sheet")]
    rows = list(ElementTree.fromstring(first).iter(f"{XLSX}row"))
    texts = [node.text or "" for node in ElementTree.fromstring(first).iter(f"{XLSX}t")]
    if shared:
        texts += [node.text or "" for node in ElementTree.fromstring(shared).iter(f"{XLSX}t")]
    return sheets, len(rows), "\n".join(texts)


def png_summary(path: Path) -> tuple[int, int, int]:
    """(width, height, distinct colours, at most 1000) of an 8-bit RGB(A) PNG file."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name}: not a PNG"
    chunks, offset = [], 8
    header = b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        offset += 12 + length
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, (depth, colour_type)
    channels = 4 if colour_type == 6 else 3
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    previous = bytearray(stride)
    colours: set[bytes] = set()
    position = 0
    for _ in range(height):
        kind = raw[position]
        line = bytearray(raw[position + 1 : position + 1 + stride])
        position += 1 + stride
        _unfilter(kind, line, previous, channels)
        if len(colours) < 1000:
            colours.update(bytes(line[i : i + channels]) for i in range(0, stride, channels * 7))
        previous = line
    return width, height, len(colours)


def _unfilter(kind: int, line: bytearray, previous: bytearray, bpp: int) -> None:
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = previous[i]
        corner = previous[i - bpp] if i >= bpp else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            line[i] = (line[i] + predictor) & 0xFF


def watch_mapped_files(process: subprocess.Popen[str]) -> set[str]:
    """Every file mapped into ``process`` (Linux), read repeatedly while it runs."""
    mapped: set[str] = set()
    maps = Path(f"/proc/{process.pid}/maps")
    deadline = time.monotonic() + TIMEOUT
    while process.poll() is None and time.monotonic() < deadline:
        try:
            for line in maps.read_text().splitlines():
                parts = line.split(maxsplit=5)
                if len(parts) == 6 and parts[5].startswith("/"):
                    mapped.add(parts[5].removesuffix(" (deleted)"))
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            break
        time.sleep(0.2)
    return mapped


def check_mapped_files(mapped: set[str], bundle: Path) -> None:
    """Fail unless libpython, Qt and every Python extension loaded came from ``bundle``."""
    assert any("libQt6Widgets" in path for path in mapped), "Qt was never loaded"
    pythonic = [
        path
        for path in mapped
        if re.search(
            r"libpython|libQt6|/site-packages/|/dist-packages/|/lib-dynload/|"
            r"\.cpython-\d+|\.abi3\.so",
            path,
        )
    ]
    assert pythonic, "no Python library mapped: not the bundled program?"
    outside = sorted(path for path in pythonic if not path.startswith(str(bundle)))
    assert not outside, f"loaded from outside the bundle: {outside[:5]}"


def run_all(binary: Path, scratch: Path) -> tuple[int, int, dict[str, float]]:
    """Run every check, printing one line each; (passed, failed, timings)."""
    smoke = SmokeTest(binary, scratch)
    passed = failed = 0
    for name, check in smoke.checks():
        try:
            check()
        except Exception as exc:  # report every check, then fail
            failed += 1
            print(f"FAIL {name}: {exc}", flush=True)
        else:
            passed += 1
            print(f"ok   {name}", flush=True)
    return passed, failed, smoke.timings


def unpack(archive: Path, folder: Path) -> Path:
    """Unpack a downloaded ``.tar.gz`` or ``.zip`` into ``folder``; its ``opmodel`` binary."""
    import tarfile
    import zipfile

    if archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as packed:
            packed.extractall(folder)
        binary = folder / "opmodel-studio" / "opmodel.exe"
    else:
        with tarfile.open(archive) as packed:
            packed.extractall(folder, filter="tar" if hasattr(tarfile, "tar_filter") else None)
        binary = folder / "opmodel-studio" / "opmodel"
    if sys.platform != "win32":
        binary.chmod(binary.stat().st_mode | 0o111)  # zip files keep no modes
    return binary


def main(argv: list[str] | None = None) -> int:
    """Run the smoke test on the bundle or archive named in ``argv``
    (default: :func:`default_binary`)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]).resolve() if args else default_binary()
    if not target.is_file():
        print(f"smoke_test: {target}: no bundled binary (run 'make bundle' first)")
        return 2
    with tempfile.TemporaryDirectory(prefix="opmodel-smoke-") as scratch:
        binary = target
        if target.name.endswith((".tar.gz", ".zip")):
            binary = unpack(target, Path(scratch) / "unpacked")
            print(f"unpacked {target.name}")
        print(f"smoke test of {binary}")
        passed, failed, timings = run_all(binary, Path(scratch) / "run")
    for name, seconds in timings.items():
        print(f"time {name}: {seconds:.2f} s")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
