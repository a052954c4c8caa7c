"""The AI use-case register: one row per AI step in the spec's columns, written by the real
`opmodel export` as CSV (UTF-8 with BOM) and as an Excel workbook, and read back with the
csv module and openpyxl; bad targets are refused with one line and nothing written."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from benchmarks.synthetic import synthetic_session
from exports.register.csv_file import inert
from exports.register.rows import COLUMNS, NO_AUTHORITY, register_rows
from exports.register.workbook import ALL_SHEET, SHEET_NAME_MAX, cell_text, sheet_names
from model.session import Session
from model.templates import load_template
from storage.store import write_session_file
from tests.test_analysis_rules import ElementSpec, session_of, variant, workflow_json
from tests.test_cli_errors import (  # noqa: F401 (fixtures)
    as_user,
    assert_refused,
    chmodded,
    opmodel,
    snapshot,
    tmpfs,
)

ROOT = Path(__file__).resolve().parent.parent
FORMULA = '=HYPERLINK("http://evil.example","click")'


def row_of(session: Session, step_label: str) -> dict[str, str]:
    """The register row of the AI step labelled ``step_label``, by column."""
    for row in register_rows(session):
        cells = dict(zip(COLUMNS, row.cells, strict=True))
        if cells["AI step"] == step_label:
            return cells
    raise AssertionError(f"no row for {step_label}")


def governed_session() -> Session:
    """The complete test workflow made high risk, with every register column filled."""
    extra: dict[str, ElementSpec] = {
        "d2": (
            "data",
            "Customer file",
            {"sensitivity": "restricted", "personal_data": True, "owner": "Sales ops"},
        ),
        "q": (
            "role",
            "Sales manager",
            {
                "can_override": True,
                "can_stop": True,
                "ai_training": True,
                "shift_from": "coordinating",
                "shift_to": "deciding",
            },
        ),
        "k": ("control", "PII masking", {"category": "data_security"}),
    }
    session = variant(
        {
            "a": {
                "purpose": "Faster proposals",
                "provider": "third_party",
                "oversight": "human_in_the_loop",
            }
        },
        add=extra,
        extra_links="d2>a q>a k>a c>a m>a",
        risk_tier="high",
        impact_assessment="in_progress",
        status="pilot",
        function="sales",
        name="Proposals",
    )
    session.connections["wf:q>a"].raci = "A"
    return session


# -- the rows ------------------------------------------------------------------------------
def test_the_columns_are_the_specs() -> None:
    spec = (ROOT / "docs" / "domain-spec.md").read_text(encoding="utf-8")
    section = spec.split("## AI use-case register", 1)[1]
    listed = " ".join(section.split("):", 1)[1].split()).rstrip(".")
    listed = listed.replace(" (labels)", "").replace(" (yes/no)", "").replace(" (ids)", "")
    listed = listed.replace(
        "accountable and responsible roles", "accountable roles, responsible roles"
    )
    listed = listed.replace("open findings and their references", "open findings, references")
    assert [c.lower() for c in COLUMNS] == [c.strip().lower() for c in listed.split(",")]


def test_one_row_per_ai_step_with_every_column() -> None:
    session = governed_session()
    rows = register_rows(session)
    assert len(rows) == 1
    row = row_of(session, "Draft proposal")
    assert row == {
        "Workflow": "Proposals",
        "Function": "Sales",
        "AI step": "Draft proposal",
        "Purpose": "Faster proposals",
        "Task": "Draft the proposal",
        "Input": "CRM records",
        "Output": "Draft proposal",
        "Data used": "CRM records; Customer file",
        "Personal data": "Yes",
        "Highest sensitivity": "Restricted",
        "Provider": "Third party",
        "Tool": "Copilot",
        "Tool approved": "Yes",
        "Decision right": "Draft",
        "Oversight": "Human in the loop",
        "Accountable roles": "Sales manager",
        "Responsible roles": "Account executive",
        "Override/stop authority": "Sales manager (override, stop)",
        "Workflow risk tier": "High",
        "Impact assessment": "In progress",
        "Workflow status": "Pilot",
        "Controls governing it": "PII masking (data security); Audit log (audit trail)",
        "Metrics measuring it": "Win rate",
        "Open findings": "GOV-5; GOV-8; GOV-6",
        "References": "; ".join(
            [
                "NIST AI RMF GOVERN 6",
                "NIST AI RMF MAP 5",
                "NIST AI RMF MANAGE 4.3",
                "ISO/IEC 42001 6.1.4",
                "ISO/IEC 42001 A.5",
                "ISO/IEC 42001 A.8",
                "ISO/IEC 42001 A.10",
                "EU AI Act Art. 26",
                "EU AI Act Art. 27",
            ]
        ),
    }


def test_open_findings_include_those_about_the_steps_data_and_roles() -> None:
    session = variant({"d": {"owner": None}, "r": {"ai_training": False}})
    row = row_of(session, "Draft proposal")
    assert row["Open findings"] == "DATA-4; ROLE-3"
    assert "EU AI Act Art. 4" in row["References"]  # ROLE-3's
    assert row_of(variant(), "Draft proposal")["Open findings"] == ""


def test_unset_values_stay_empty_and_flags_read_no() -> None:
    bare = session_of(
        workflow_json(
            "wf",
            {
                "a": ("ai_step", ""),
                "d": ("data", "Notes", {"sensitivity": "internal"}),
                "r": ("role", "Analyst", {"can_override": False}),
            },
            "d>a r>a",
        )
    )
    row = row_of(bare, "AI step (id a)")
    assert row["Purpose"] == row["Provider"] == row["Tool"] == row["Tool approved"] == ""
    assert row["Personal data"] == "No"
    assert row["Highest sensitivity"] == "Internal"
    assert row["Override/stop authority"] == NO_AUTHORITY
    assert row["Workflow risk tier"] == row["Impact assessment"] == ""
    assert row["Open findings"].startswith("ARCH-1")
    named = variant({"a": {"tool_approved": None}})
    assert row_of(named, "Draft proposal")["Tool approved"] == "No"  # named, not approved


def test_rows_follow_tab_order_and_creation_order() -> None:
    session = load_template("sales")
    labels = [dict(zip(COLUMNS, r.cells, strict=True))["AI step"] for r in register_rows(session)]
    assert labels == [
        "Summarise interactions",
        "Check product availability",
        "Draft proposal",
        "Schedule follow-up",
    ]


# -- CSV -----------------------------------------------------------------------------------
@pytest.fixture
def workshop_file(tmp_path: Path) -> Path:
    """Two workflows: the sales template and a second one with a hostile-looking label."""
    session = load_template("sales")
    second = session_of(
        workflow_json(
            "wf-2",
            {
                "x": ("ai_step", FORMULA, {"purpose": "Łódź: grüße, 東京"}),
                "y": ("ai_step", "Klassifizieren"),
            },
            name="Sales/Ops [EU]: *",
        )
    )
    session.workflows.update(second.workflows)
    session.workflows["wf-2"].seq = 1
    session.elements.update(second.elements)
    path = tmp_path / "workshop.opmodel"
    write_session_file(path, session)
    return path


def test_cli_writes_the_csv_with_a_bom_and_reads_back(workshop_file: Path) -> None:
    target = workshop_file.with_name("register.csv")
    result = opmodel("export", workshop_file, "-o", target)
    assert result.returncode == 0, result.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    assert b"\r\n" in raw
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 1 + 4 + 2
    expected = [list(r.cells) for r in register_rows(_read(workshop_file))]
    body = rows[1:]
    assert body[:4] == expected[:4]
    hostile = dict(zip(COLUMNS, body[4], strict=True))
    assert hostile["AI step"] == "'" + FORMULA  # a spreadsheet shows it, never runs it
    assert hostile["Purpose"] == "Łódź: grüße, 東京"
    assert hostile["Workflow"] == "Sales/Ops [EU]: *"


def test_inert_cells() -> None:
    for dangerous in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert inert(dangerous) == "'" + dangerous
    assert inert("Draft proposal") == "Draft proposal"
    assert inert("") == ""


# -- XLSX ----------------------------------------------------------------------------------
def test_cli_writes_the_workbook_and_reads_back(workshop_file: Path) -> None:
    target = workshop_file.with_name("register.xlsx")
    result = opmodel("export", workshop_file, "-o", target)
    assert result.returncode == 0, result.stderr
    workbook = load_workbook(target)
    assert workbook.sheetnames == [ALL_SHEET, "Proposal to follow-up", "Sales-Ops -EU-- -"]
    expected = register_rows(_read(workshop_file))
    for sheet, rows in (
        (workbook[ALL_SHEET], expected),
        (workbook["Proposal to follow-up"], expected[:4]),
        (workbook["Sales-Ops -EU-- -"], expected[4:]),
    ):
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert tuple(values[0]) == COLUMNS
        assert [[v or "" for v in r] for r in values[1:]] == [list(r.cells) for r in rows]
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:Y{len(rows) + 1}"
        assert sheet["A1"].font.bold
        widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJKLMNOPQRSTUVWXY"]
        assert all(8 <= w <= 50 for w in widths), widths
    sheet = workbook[ALL_SHEET]
    # the purpose column is wider than the yes/no column, and long text wraps
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["I"].width
    assert sheet["E2"].alignment.wrap_text
    hostile = sheet.cell(row=6, column=3)
    assert hostile.value == FORMULA and hostile.data_type == "s"  # text, not a formula
    assert workbook.properties.creator == "OpModel Studio"


def test_a_workshop_without_ai_steps_gets_header_only_sheets(tmp_path: Path) -> None:
    path = tmp_path / "empty.opmodel"
    write_session_file(path, session_of(workflow_json("wf", {"t": ("trigger", "Start")})))
    target = tmp_path / "register.xlsx"
    assert opmodel("export", path, "-o", target).returncode == 0
    workbook = load_workbook(target)
    assert workbook.sheetnames == [ALL_SHEET, "Flow wf"]
    assert [list(r) for r in workbook[ALL_SHEET].iter_rows(values_only=True)] == [list(COLUMNS)]


def test_sheet_names_are_safe_and_unique() -> None:
    names = sheet_names(
        ["Sales", "sales", "A" * 40, "A" * 40, "'quoted'", "", "History", "All AI steps", "a/b"]
    )
    assert names[0] == "Sales" and names[1] == "sales (2)"
    assert len(names[2]) == SHEET_NAME_MAX and len(names[3]) <= SHEET_NAME_MAX
    assert names[2] != names[3]
    assert names[4] == "quoted"
    assert names[5] == "Workflow"
    assert names[6] == "History (2)" and names[7] == "All AI steps (2)"
    assert names[8] == "a-b"
    assert len({n.casefold() for n in names}) == len(names)


def test_cell_text_drops_control_characters_and_fits_a_cell() -> None:
    assert cell_text("a\x00b\x1bc\td\ne") == "a\ufffdb\ufffdc\td\ne"
    assert len(cell_text("x" * 40_000)) == 32_767


# -- bad targets ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["out.csv", "out.xlsx"])
def test_read_only_folder_is_refused(
    workshop_file: Path,
    as_user,  # noqa: F811 (the fixture imported above)
    name: str,  # type: ignore[no-untyped-def]
) -> None:
    folder = workshop_file.parent
    locked = folder / "locked"
    locked.mkdir()
    (locked / name).write_text("previous", encoding="utf-8")
    with chmodded(locked, 0o555):
        before = snapshot(folder)
        result = opmodel("export", "../workshop.opmodel", "-o", name, cwd=locked, preexec=as_user)
        assert_refused(result, folder, before, "cannot write (the folder . is read-only)")


@pytest.mark.parametrize("name", ["out.csv", "out.xlsx"])
def test_disk_full_is_refused_and_leaves_the_previous_file(tmp_path: Path, name: str) -> None:
    big = tmp_path / "big.opmodel"
    write_session_file(big, synthetic_session(2000, 2500))  # 250 AI steps
    with tmpfs(tmp_path / "small", "size=16k,mode=0755") as small:
        (small / name).write_bytes(b"the previous file")
        before = snapshot(small)
        result = opmodel("export", "../big.opmodel", "-o", name, cwd=small)
        assert_refused(result, small, before, f"disk full: no space left in {small}")


def test_missing_folder_is_refused(workshop_file: Path) -> None:
    before = snapshot(workshop_file.parent)
    result = opmodel("export", workshop_file, "-o", workshop_file.parent / "nope" / "r.xlsx")
    assert_refused(result, workshop_file.parent, before, "does not exist")


def _read(path: Path) -> Session:
    from storage.store import read_session

    return read_session(path)


def test_openpyxl_loads_only_when_a_workbook_is_written() -> None:
    code = (
        "import sys, app.shell.window, cli.main, cli.export, exports.register.workbook, "
        "exports.register.csv_file; print('openpyxl' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
