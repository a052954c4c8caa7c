"""The `opmodel` command: new, templates, export, and clean exits of the app itself."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import main
from storage.schema import APPLICATION_ID
from storage.store import read_session

ROOT = Path(__file__).resolve().parent.parent


def test_new_empty_session_has_one_workflow_and_title(tmp_path: Path) -> None:
    path = tmp_path / "acme.opmodel"
    assert main(["new", str(path), "--title", "Acme — AI in finance"]) == 0
    session = read_session(path)
    assert session.workshop.title == "Acme — AI in finance"
    assert [w.name for w in session.ordered_workflows()] == ["Workflow 1"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


@pytest.mark.parametrize("template", ["sales", "finance", "customer_support"])
def test_new_from_template(template: str, tmp_path: Path) -> None:
    path = tmp_path / f"{template}.opmodel"
    assert main(["new", str(path), "--template", template]) == 0
    session = read_session(path)
    assert session.workshop.title  # the template's title is kept
    assert len(session.elements) > 10
    assert "template" not in session.extra


def test_new_refuses_unknown_template_and_existing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.opmodel"
    assert main(["new", str(path), "--template", "nope"]) == 2
    assert "no template named 'nope'" in capsys.readouterr().err
    assert not path.exists()
    assert main(["new", str(path)]) == 0
    before = path.read_bytes()
    assert main(["new", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_templates_lists_the_built_in_templates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert {"sales", "finance", "customer_support"} <= set(names)


def test_export_json_from_template_session(tmp_path: Path) -> None:
    path = tmp_path / "s.opmodel"
    main(["new", str(path), "--template", "sales"])
    assert main(["export", str(path), "-o", str(tmp_path / "s.json")]) == 0
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert data["format"] == "opmodel"
    assert data["workflows"][0]["function"] == "sales"


def test_export_refuses_unknown_format_and_bad_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.opmodel"
    main(["new", str(path)])
    assert main(["export", str(path), "-o", str(tmp_path / "s.docx")]) == 2
    assert "cannot export to '.docx'" in capsys.readouterr().err
    junk = tmp_path / "junk.opmodel"
    junk.write_text("hello", encoding="utf-8")
    assert main(["export", str(junk), "-o", str(tmp_path / "j.json")]) == 2
    assert "not an SQLite database" in capsys.readouterr().err
    assert not (tmp_path / "j.json").exists()
    assert main(["export", str(path), "-o", str(tmp_path / "missing" / "s.json")]) == 2


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_subcommands_exit_with_status_0(tmp_path: Path) -> None:
    path = tmp_path / "s.opmodel"
    for args in (
        ("templates",),
        ("new", str(path), "--template", "finance"),
        ("export", str(path), "-o", str(tmp_path / "s.json")),
        ("import", str(tmp_path / "s.json"), "-o", str(tmp_path / "t.opmodel")),
    ):
        result = _run(*args)
        assert result.returncode == 0, (args, result.stderr)
        assert result.stderr == ""


def test_app_opens_a_session_and_exits_with_status_0(tmp_path: Path) -> None:
    path = tmp_path / "s.opmodel"
    main(["new", str(path), "--template", "sales"])
    result = _run(str(path), env={"QT_QPA_PLATFORM": "offscreen", "OPMODEL_EXIT_AFTER_MS": "300"})
    assert result.returncode == 0, result.stderr
    assert "none_dealloc" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.opmodel"]
