"""The version (one source of truth), the shipped licences and Help → About."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import tomllib

import pytest

from cli.main import main
from resources import RESOURCES_DIR
from resources.about import LICENSE_INDEX, __version__, components
from tests.packaging_modules import ROOT, load


# -- the version ----------------------------------------------------------------------------
def test_pyproject_takes_its_version_from_resources_about() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    dynamic = project["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "resources.about.__version__"}
    assert importlib.metadata.version("opmodel-studio") == __version__


def test_opmodel_version_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"opmodel {__version__}\n"
    result = subprocess.run(
        [sys.executable, "-m", "cli", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, f"opmodel {__version__}\n", "")


def test_version_is_dotted_numbers() -> None:
    parts = __version__.split(".")
    assert len(parts) == 3 and all(part.isdigit() for part in parts)


# -- the licences ---------------------------------------------------------------------------
def test_every_runtime_dependency_has_its_licence_shipped() -> None:
    spec_support = load("spec_support")
    listed = {component.distribution for component in components() if component.distribution}
    needed = {
        spec_support._normal(dist.metadata["Name"]) for dist in spec_support.runtime_distributions()
    }
    missing = sorted(needed - listed)
    assert not missing, (
        f"no licence shipped for {missing}: run '.venv/bin/python tools/collect_licenses.py'"
    )


def test_every_listed_licence_text_is_there() -> None:
    assert LICENSE_INDEX.is_file()
    for component in components():
        assert component.name and component.licence and component.files, component
        for name in component.files:
            path = RESOURCES_DIR / name
            assert path.is_file() and path.stat().st_size > 200, (component.name, name)
        assert len(component.text()) > 200


@pytest.mark.parametrize(
    ("name", "licence", "phrase"),
    [
        ("Qt 6", "LGPL-3.0-only", "GNU LESSER GENERAL PUBLIC LICENSE"),
        ("Qt 6", "LGPL-3.0-only", "Replacing the libraries"),
        ("Qt 6", "LGPL-3.0-only", "GNU GENERAL PUBLIC LICENSE"),
        ("PySide6_Essentials", "LGPL", "download.qt.io/official_releases/QtForPython"),
        ("Noto Sans Arabic, Hebrew, Devanagari, Thai and Noto Emoji", "OFL-1.1", "SIL OPEN FONT"),
        ("Nanum Gothic", "OFL-1.1", "SIL OPEN FONT"),
        ("DejaVu Sans", "Bitstream", "Bitstream"),
        ("Droid Sans Fallback", "Apache-2.0", "Apache"),
        ("HarfBuzz", "MIT", "HarfBuzz"),
        ("Python", "PSF-2.0", "PYTHON SOFTWARE FOUNDATION LICENSE"),
        ("PyInstaller bootloader", "Bootloader-exception", "bootloader"),
        ("reportlab", "BSD", "ReportLab"),
        ("matplotlib", "PSF-based", "matplotlib"),
        ("sqlite-utils", "Apache-2.0", "Apache License"),
        ("uharfbuzz", "Apache", "Apache License"),
        ("fonttools", "MIT", "Permission is hereby granted"),
        ("openpyxl", "MIT", "Permission is hereby granted"),
        ("et_xmlfile", "MIT", "Permission is hereby granted"),
    ],
)
def test_licence_list_names_each_kind_of_component(name: str, licence: str, phrase: str) -> None:
    by_name = {component.name: component for component in components()}
    assert name in by_name, sorted(by_name)
    assert licence in by_name[name].licence
    assert phrase.lower() in by_name[name].text().lower()


# -- Help → About ---------------------------------------------------------------------------
def test_about_box_shows_version_and_every_licence(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.shell.about import AboutDialog

    main_window.actions_["about"].trigger()
    dialog = main_window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.isVisible() and not dialog.isModal()
    assert __version__ in dialog.version_label.text()
    assert dialog.windowTitle() == "About OpModel Studio"
    rows = [dialog.licence_list.item(n).text() for n in range(dialog.licence_list.count())]
    assert len(rows) == len(components())
    assert rows[0] == "Qt 6 — LGPL-3.0-only"
    for name in ("PySide6_Essentials", "reportlab", "matplotlib", "sqlite-utils", "Nanum Gothic"):
        assert any(row.startswith(f"{name} — ") for row in rows), name
    text = dialog.licence_text.toPlainText()
    assert text.startswith("Qt 6\nLicence: LGPL-3.0-only")
    assert "Getting the source code" in text and "Replacing the libraries" in text

    dialog.show_component("Nanum Gothic")
    assert "SIL OPEN FONT LICENSE" in dialog.licence_text.toPlainText()
    sqlite_utils_row = next(n for n, row in enumerate(rows) if row.startswith("sqlite-utils"))
    dialog.licence_list.setCurrentRow(sqlite_utils_row)
    assert "Apache License" in dialog.licence_text.toPlainText()
    with pytest.raises(KeyError):
        dialog.show_component("no such thing")

    main_window.actions_["about"].trigger()  # asked again: the same box, raised
    assert main_window.findChildren(AboutDialog) == [dialog]
    dialog.close()
    assert not dialog.isVisible()
