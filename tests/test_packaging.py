"""The bundle's recipe, without building it: what the spec keeps and leaves out, the
smoke test's own tools, the archive's name, and ``install.sh`` on a staged bundle."""

from __future__ import annotations

import ast
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from resources.about import __version__
from tests.packaging_modules import PACKAGING, ROOT, load

spec_support = load("spec_support")
smoke = load("smoke_test")
archive = load("archive")


# -- what the spec bundles ------------------------------------------------------------------
def test_the_app_imports_only_the_qt_modules_the_spec_keeps() -> None:
    used = set()
    for package in ("app", "canvas", "cli"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                used.update(n.split(".")[1] for n in names if n.startswith("PySide6."))
    assert used == set(spec_support.QT_MODULES)
    excluded = spec_support.unused_qt_modules()
    assert {"PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtNetwork"} <= set(excluded)
    assert not {f"PySide6.{name}" for name in spec_support.QT_MODULES} & set(excluded)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Svg.so.6", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf", True),
        ("matplotlib/mpl-data/fonts/ttf/STIXGeneral.ttf", True),
        ("resources/fonts/NotoSansArabic-Subset.ttf", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt/lib/libQt6Qml.so.6", False),
        ("PySide6/Qt/lib/libQt6Network.so.6", False),
        ("libQt6Network.so.6", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6\\Qt\\plugins\\sqldrivers\\qsqlite.dll", False),
        ("PySide6/translations/qtbase_de.qm", False),  # Windows layout
        ("PySide6/Qt6Quick.dll", False),
        ("PySide6/Qt6Network.dll", False),
        ("PySide6/Qt6Widgets.dll", True),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/plugins/platforms/qoffscreen.dll", True),
        ("PySide6/plugins/imageformats/qpdf.dll", False),
        ("PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick", False),  # macOS layout
        ("PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/lib/libQt6WaylandClient.so.6", True),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", True),
        ("PySide6/Qt/lib/libQt6DBus.so.6", True),
        ("PySide6/Qt/lib/libQt6OpenGL.so.6", True),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", False),
        ("PySide6/Qt/lib/libQt6EglFsKmsSupport.so.6", False),
        ("PySide6/QtSvg.abi3.so", True),
        ("PySide6/QtNetwork.abi3.so", False),
        ("matplotlib/mpl-data/sample_data/goog.npz", False),
        ("matplotlib/mpl-data/fonts/ttf/DejaVuSerif.ttf", False),
    ],
)
def test_keep_file(dest: str, kept: bool) -> None:
    assert spec_support.keep_file(dest) is kept


def test_runtime_distributions_follow_the_project_metadata() -> None:
    names = {spec_support._normal(d.metadata["Name"]) for d in spec_support.runtime_distributions()}
    assert {"reportlab", "matplotlib", "sqlite-utils", "uharfbuzz", "networkx", "openpyxl"} <= names
    assert {
        "pyside6-essentials",
        "fonttools",
        "numpy",
        "pillow",
        "et-xmlfile",
    } <= names  # transitive
    assert not names & {"pip", "pytest", "ruff", "hypothesis", "pyinstaller", "opmodel-studio"}


def test_pure_python_dependencies_are_bundled_whole_and_compiled_ones_by_hooks() -> None:
    from importlib.metadata import distribution

    assert spec_support.is_pure_python(distribution("networkx"))
    assert spec_support.is_pure_python(distribution("sqlite-utils"))
    assert not spec_support.is_pure_python(distribution("numpy"))
    assert not spec_support.is_pure_python(distribution("uharfbuzz"))
    assert spec_support.top_level_modules(distribution("reportlab")) == ["reportlab"]
    assert spec_support.top_level_modules(distribution("sqlite-utils")) == ["sqlite_utils"]
    # openpyxl is imported only inside the XLSX register export: bundled whole all the same
    assert spec_support.is_pure_python(distribution("openpyxl"))
    assert spec_support.top_level_modules(distribution("openpyxl")) == ["openpyxl"]
    assert spec_support.top_level_modules(distribution("et-xmlfile")) == ["et_xmlfile"]


def test_load_segment_check_accepts_a_sound_library_and_refuses_other_files(
    tmp_path: Path,
) -> None:
    library = Path(sys.executable).resolve()
    assert spec_support._load_segments_aligned(library)
    text = tmp_path / "not-elf.so"
    text.write_bytes(b"#!/bin/sh\n")
    assert not spec_support._load_segments_aligned(text)


def test_versions_agree() -> None:
    assert spec_support.version() == __version__
    assert smoke.expected_version() == __version__
    assert archive.version() == __version__


def test_archive_name_names_version_system_and_machine() -> None:
    name = archive.archive_path().name
    system, machine = archive.system_name()
    assert name.startswith(f"opmodel-studio-{__version__}-{system}-{machine}")
    if sys.platform.startswith("linux") and machine == "x86_64":
        assert name == f"opmodel-studio-{__version__}-linux-x86_64.tar.gz"


def test_spec_builds_one_bundle_for_every_system() -> None:
    text = (PACKAGING / "opmodel.spec").read_text(encoding="utf-8")
    for needed in ("Analysis(", "COLLECT(", "BUNDLE(", "spec_support", "keep_file"):
        assert needed in text
    assert 'hooksconfig={"matplotlib"' in text
    assert spec_support.MATPLOTLIB_BACKENDS == ("Agg",)


# -- the smoke test's own tools -------------------------------------------------------------
def test_bare_environment_reaches_no_python(tmp_path: Path) -> None:
    env = smoke.bare_environment(tmp_path)
    smoke.assert_no_python(env)
    assert set(env) >= {"PATH", "HOME"}
    assert not any(name.startswith("PYTHON") or name == "VIRTUAL_ENV" for name in env)
    assert all(str(tmp_path) in env[name] for name in ("HOME", "XDG_CONFIG_HOME"))


def test_assert_no_python_catches_a_python_on_path_and_a_leaking_variable(
    tmp_path: Path,
) -> None:
    env = smoke.bare_environment(tmp_path)
    fake = Path(env["PATH"]) / "python3"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    with pytest.raises(AssertionError, match="PATH reaches Python"):
        smoke.assert_no_python(env)
    fake.unlink()
    with pytest.raises(AssertionError, match="PYTHONPATH"):
        smoke.assert_no_python({**env, "PYTHONPATH": "/somewhere"})
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /usr\n")
    with pytest.raises(AssertionError, match=r"pyvenv\.cfg"):
        smoke.assert_no_python({**env, "PATH": str(venv / "bin")})


def test_png_summary_reads_a_qt_png(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(300, 200, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    for n in range(60):
        painter.fillRect(n * 5, 0, 5, 200, QColor.fromHsv(n * 6, 200, 200))
    painter.end()
    image.save(str(tmp_path / "a.png"))
    width, height, colours = smoke.png_summary(tmp_path / "a.png")
    assert (width, height) == (300, 200) and colours > 40
    blank = QImage(300, 200, QImage.Format.Format_ARGB32)
    blank.fill(QColor("#ffffff"))
    blank.save(str(tmp_path / "b.png"))
    assert smoke.png_summary(tmp_path / "b.png")[2] == 1


def test_embedded_fonts_lists_every_font_of_a_blueprint(tmp_path: Path) -> None:
    from cli.main import main

    session, pdf = tmp_path / "s.opmodel", tmp_path / "s.pdf"
    assert main(["new", str(session), "--template", "finance"]) == 0
    assert main(["export", str(session), "-o", str(pdf)]) == 0
    fonts = smoke.embedded_fonts(pdf)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert any("DejaVuSans" in name for name, _ in fonts)


def test_mapped_files_check_refuses_python_from_outside_the_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "opmodel-studio"
    inside = {f"{bundle}/_internal/libpython3.11.so.1.0", f"{bundle}/_internal/libQt6Widgets.so.6"}
    smoke.check_mapped_files(inside | {"/usr/lib/x86_64-linux-gnu/libc.so.6"}, bundle)
    leaked = inside | {"/opt/venv/lib/python3.11/site-packages/numpy/_core/x.cpython-311.so"}
    with pytest.raises(AssertionError, match="outside the bundle"):
        smoke.check_mapped_files(leaked, bundle)
    with pytest.raises(AssertionError, match="Qt was never loaded"):
        smoke.check_mapped_files({f"{bundle}/_internal/libpython3.11.so.1.0"}, bundle)


# -- install.sh on a staged bundle ----------------------------------------------------------
SIZES = (16, 24, 32, 48, 64, 128, 256)


@pytest.fixture
def staged(tmp_path: Path) -> Path:
    """A bundle folder (with a space in its path) holding the real install.sh and share/,
    and a stand-in binary."""
    bundle = tmp_path / "Client laptop" / "opmodel-studio"
    bundle.mkdir(parents=True)
    spec_support.add_linux_integration(bundle)
    binary = bundle / "opmodel"
    binary.write_text("#!/bin/sh\necho stand-in\n")
    binary.chmod(0o755)
    return bundle


def _install(bundle: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": os.environ["PATH"], "LANG": "C.UTF-8"}
    return subprocess.run(
        ["sh", str(bundle / "install.sh"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def _installed(home: Path) -> list[Path]:
    data = home / ".local" / "share"
    files = [
        data / "applications" / "opmodel-studio.desktop",
        data / "mime" / "packages" / "opmodel-studio.xml",
        data / "icons" / "hicolor" / "scalable" / "apps" / "opmodel-studio.svg",
        data / "icons" / "hicolor" / "scalable" / "mimetypes" / "application-x-opmodel.svg",
    ]
    for size in SIZES:
        folder = data / "icons" / "hicolor" / f"{size}x{size}"
        files += [folder / "apps" / "opmodel-studio.png"]
        files += [folder / "mimetypes" / "application-x-opmodel.png"]
    return files


@pytest.mark.skipif(sys.platform != "linux", reason="install.sh is the Linux bundle's")
def test_install_user_then_uninstall(staged: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    other = home / ".local" / "share" / "applications" / "other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nName=Other\n")

    result = _install(staged, home, "--user")
    assert result.returncode == 0, result.stderr
    assert "installed" in result.stdout
    for path in _installed(home):
        assert path.is_file() and path.stat().st_size > 0, path
    desktop = (home / ".local/share/applications/opmodel-studio.desktop").read_text()
    assert f'Exec="{staged}/opmodel" %f' in desktop.splitlines()
    assert "MimeType=application/x-opmodel;" in desktop.splitlines()
    assert "Icon=opmodel-studio" in desktop.splitlines()
    link = home / ".local" / "bin" / "opmodel"
    assert link.is_symlink() and link.resolve() == (staged / "opmodel").resolve()
    assert subprocess.run([str(link)], capture_output=True, text=True).stdout == "stand-in\n"
    if shutil.which("desktop-file-validate"):
        entry = home / ".local" / "share" / "applications" / "opmodel-studio.desktop"
        check = subprocess.run(
            ["desktop-file-validate", str(entry)],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stdout + check.stderr
    if shutil.which("update-mime-database"):  # the desktop's MIME database knows the type
        mime = home / ".local" / "share" / "mime"
        assert "application/x-opmodel:*.opmodel" in (mime / "globs2").read_text()
        assert (mime / "application" / "x-opmodel.xml").is_file()
        assert b"OPMD" in (mime / "magic").read_bytes()
        assert "application/x-opmodel:application-x-opmodel" in (mime / "generic-icons").read_text()

    again = _install(staged, home, "--user")  # installing twice is fine
    assert again.returncode == 0, again.stderr

    removed = _install(staged, home, "--uninstall")
    assert removed.returncode == 0, removed.stderr
    assert not [path for path in _installed(home) if path.exists()]
    assert not link.exists() and not link.is_symlink()
    assert other.read_text() == "[Desktop Entry]\nName=Other\n"
    if shutil.which("update-mime-database"):
        globs = home / ".local" / "share" / "mime" / "globs2"
        assert "x-opmodel" not in (globs.read_text() if globs.exists() else "")


@pytest.mark.skipif(sys.platform != "linux", reason="install.sh is the Linux bundle's")
def test_install_refuses_bad_use(staged: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    for args in ((), ("--system",), ("--user", "--uninstall")):
        result = _install(staged, home, *args)
        assert result.returncode == 2 and "usage:" in result.stderr, args
    (staged / "opmodel").unlink()
    result = _install(staged, home, "--user")
    assert result.returncode == 2 and "opmodel not found" in result.stderr
    assert not (home / ".local" / "share" / "applications").exists()


def test_install_script_and_desktop_files_are_shipped_executable(staged: Path) -> None:
    assert (staged / "install.sh").stat().st_mode & stat.S_IXUSR
    assert (staged / "INSTALL.md").read_text(encoding="utf-8").startswith("# ")
    xml = (staged / "share" / "mime" / "packages" / "opmodel-studio.xml").read_text()
    assert 'type="application/x-opmodel"' in xml and 'pattern="*.opmodel"' in xml


def test_make_test_never_builds_the_bundle_and_bundle_test_smoke_tests_the_archive() -> None:
    rules = {}
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        if ":" in line and not line.startswith(("\t", "#", " ")) and "=" not in line.split(":")[0]:
            target, _, needs = line.partition(":")
            rules[target.strip()] = needs.split()
    assert "bundle" not in rules["test"] and "bundle-test" not in rules["test"]
    assert rules["bundle-test"][0] == "bundle"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "packaging/smoke_test.py" in makefile and "archive.py --print-name" in makefile
