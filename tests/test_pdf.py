"""The PDF blueprint: structure, contents, bookmarks, any-script text, the stakeholder
edition, safe writing, the CLI and the leadership questions.

The PDFs are built once per module (a fixture) and parsed with pypdf; page 1 is rendered
with pdftoppm when it is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from cli.main import main
from exports.pdf.blueprint import (
    APPENDIX,
    CONTENTS,
    FRAMEWORKS,
    NEXT_STEPS,
    STAKEHOLDER_EDITION,
    SUMMARY,
    WORKFLOWS,
    CannotWriteError,
    export_pdf,
)
from exports.pdf.stakeholder import WITHHELD
from model.analysis import analyse
from model.next_steps import leadership_questions
from model.session import Connection, Element, Participant, Session, Workflow
from model.templates import load_template
from storage.store import write_session_file

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = (CONTENTS, SUMMARY, WORKFLOWS, FRAMEWORKS, NEXT_STEPS, APPENDIX)

TOKYO = "東京 office"
TASK = "Translate supplier invoices into the Łódź ledger format"
BASELINE = 4242.5
NOTE_LABEL = "Ask legal about retention"
PARKED = "Revisit the sales bonus scheme"
WORKSHOP_NOTES = "The CFO doubts the pricing model"
SECRET_CONTROL = "Nightingale vendor audit"
SECRET_WORKFLOW = "Project Nightingale"
VAULT = "SAP Vault Seven"


# -- sessions -----------------------------------------------------------------------------
def _add(session: Session, workflow: str, eid: str, kind: str, label: str, **props: object) -> None:
    seq = session.next_seq("element")
    extra: dict[str, object] = {}
    if props.pop("_confidential", False):
        extra["confidential"] = True
    session.elements[eid] = Element(
        eid, workflow, kind, label, x=240 * (seq % 6), y=140 * (seq // 6), props=dict(props),
        seq=seq, extra=extra,
    )  # fmt: skip


def _link(
    session: Session, workflow: str, source: str, target: str, raci: str | None = None
) -> None:
    seq = session.next_seq("connection")
    cid = f"c-{source}-{target}"
    session.connections[cid] = Connection(cid, workflow, source, target, raci=raci, seq=seq)


def rich_session() -> Session:
    """The sales template plus a crafted workflow with any-script names, a restricted data
    source, a sticky note, a confidential control, and a confidential workflow."""
    session = load_template("sales")
    w = session.workshop
    w.title = "AI operating model — Łódź pilot"
    w.client = "Łódź Logistics"
    w.facilitator = "Jana Müller"
    w.date = "2026-11-24"
    w.location = "Kraków"
    w.confidentiality = "confidential"
    w.notes = WORKSHOP_NOTES
    w.parking_lot = [PARKED]
    w.participants = [Participant("Anna Nowak", "Head of Sales", "sponsor")]
    w.assessment = {"data_context.q1": 3, "governance.q1": 1}
    session.workflows["wf-tokyo"] = Workflow(
        "wf-tokyo", TOKYO, function="finance", owner="Müller", value=3, feasibility=4, votes=2,
        seq=1,
    )  # fmt: skip
    wf = "wf-tokyo"
    _add(session, wf, "t-start", "trigger", "Invoice arrives")
    _add(session, wf, "t-ai", "ai_step", "Translate invoice", task=TASK, input="Scanned invoice",
         output="Ledger entry", decision_right="approval_required")  # fmt: skip
    _add(session, wf, "t-gate", "gate", "Controller sign-off", approver="Controller")
    _add(session, wf, "t-end", "outcome", "Invoice booked")
    _add(session, wf, "t-data", "data", "Supplier master", source_system=VAULT,
         sensitivity="restricted", readiness="ready", owner="Procurement")  # fmt: skip
    _add(session, wf, "t-role", "role", "Accounts clerk", shift_from="executing",
         shift_to="reviewing")  # fmt: skip
    _add(session, wf, "t-metric", "metric", "Invoices per hour", unit="invoices",
         baseline=BASELINE, target=9000, owner="Finance lead", frequency="weekly")  # fmt: skip
    _add(session, wf, "t-secret", "control", SECRET_CONTROL, category="access_rights",
         _confidential=True)  # fmt: skip
    _add(session, wf, "t-note", "note", NOTE_LABEL, text="Check retention", color="pink")
    for source, target in (
        ("t-start", "t-ai"), ("t-ai", "t-gate"), ("t-gate", "t-end"), ("t-data", "t-ai"),
        ("t-metric", "t-ai"), ("t-secret", "t-data"),
    ):  # fmt: skip
        _link(session, wf, source, target)
    _link(session, wf, "t-role", "t-ai", raci="R")
    session.workflows["wf-secret"] = Workflow(
        "wf-secret", SECRET_WORKFLOW, seq=2, extra={"confidential": True}
    )
    _add(session, "wf-secret", "x-ai", "ai_step", "Secret scoring")
    return session


@dataclass
class Built:
    """One exported PDF, parsed."""

    path: Path
    reader: PdfReader
    pages: list[str]
    progress: list[tuple[int, int, str]]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    @property
    def flat(self) -> str:
        """All text with whitespace collapsed (table cells wrap over lines)."""
        return " ".join(self.text.split())

    def outline(self) -> list[tuple[str, int]]:
        """(title, 1-based page) of every bookmark, depth first."""
        found: list[tuple[str, int]] = []

        def walk(items: list) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    found.append((item.title, self.reader.get_destination_page_number(item) + 1))

        walk(self.reader.outline)
        return found


def _export(path: Path, session: Session, **options: object) -> Built:
    calls: list[tuple[int, int, str]] = []
    export_pdf(session, path, progress=lambda *call: calls.append(call), **options)  # type: ignore[arg-type]
    reader = PdfReader(str(path))
    return Built(path, reader, [p.extract_text() for p in reader.pages], calls)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    folder = tmp_path_factory.mktemp("pdf")
    session = rich_session()
    return {
        "full": _export(folder / "full.pdf", session),
        "stakeholder": _export(folder / "stakeholder.pdf", session, stakeholder=True),
        "finance": _export(folder / "finance.pdf", load_template("finance")),
        "empty": _export(folder / "empty.pdf", Session()),
    }


# -- structure --------------------------------------------------------------------------------
def test_sections_pages_and_running_footer(pdfs: dict[str, Built]) -> None:
    built = pdfs["full"]
    count = len(built.pages)
    assert count > 10
    for title in SECTIONS:
        assert title in built.text
    assert "AI operating-model blueprint" in built.pages[0]
    assert "Page" not in built.pages[0]  # the cover has no header or footer
    for number, text in enumerate(built.pages[1:], start=2):
        assert f"Page {number} of {count}" in text
        assert "CONFIDENTIAL" in text
        assert "AI operating model — Łódź pilot" in text  # running header
    meta = built.reader.metadata
    assert meta is not None and meta.title == "AI operating model — Łódź pilot"
    assert meta.author == "Jana Müller"


def test_bookmarks_cover_sections_and_workflows_and_match_the_contents(
    pdfs: dict[str, Built],
) -> None:
    built = pdfs["full"]
    outline = built.outline()
    titles = [title for title, _ in outline]
    for title in (*SECTIONS, "Proposal to follow-up", TOKYO, "Maturity stage", "AI entry points"):
        assert title in titles
    pages = dict(outline)
    assert pages[CONTENTS] == 2
    # each workflow's bookmark lands on its landscape canvas page, which shows its name
    for name in ("Proposal to follow-up", TOKYO):
        page = built.reader.pages[pages[name] - 1]
        assert page.mediabox.width > page.mediabox.height
        assert name in built.pages[pages[name] - 1]
    # the contents give the same page numbers: "Title … N"
    contents = built.pages[1]
    for name in (
        SUMMARY,
        WORKFLOWS,
        "Proposal to follow-up",
        TOKYO,
        FRAMEWORKS,
        NEXT_STEPS,
        APPENDIX,
    ):
        match = re.search(re.escape(name) + r"[\s.]*?(\d+)\s", contents)
        assert match is not None, name
        assert int(match.group(1)) == pages[name]


def test_summary_shows_stage_scores_findings_matrix_and_glossary(pdfs: dict[str, Built]) -> None:
    flat = pdfs["full"].flat
    assert "Stage 2 of 4: Use case prioritisation" in flat  # from the assessment answers
    assert "Component scores" in flat and "Workflow architecture" in flat
    assert "Top findings" in flat
    assert "Prioritisation matrix" in flat
    assert "Approval required" in flat and "Human judgment" in flat
    assert "Not assessed" in pdfs["empty"].flat


def test_workflow_tables_show_the_mapped_details(pdfs: dict[str, Built]) -> None:
    flat = pdfs["full"].flat
    for heading in (
        "AI entry points",
        "Roles and their shifts",
        "Data inventory",
        "Decision rights",
        "Governance controls",
        "Metrics plan",
        "Findings and what to do",
        "Orchestration figures",
    ):
        assert heading in flat
    assert TASK in flat  # an AI step's task
    assert "4,242.5" in flat  # a metric's baseline
    assert "Executing → Reviewing" in flat  # a role's shift
    assert VAULT in flat  # a data source (shown in the full edition)
    assert "Controller sign-off" in flat  # the gate guarding the AI step
    assert "✓" in flat  # decision-rights matrix
    assert "Summarise past emails, call notes and meetings" in flat  # sales template task
    assert "Critical path" in flat and "Cycle time today" in flat
    assert "240 min (4 h)" in flat  # the sales template's cycle time


def test_any_script_renders_and_extracts(pdfs: dict[str, Built]) -> None:
    built = pdfs["full"]
    for text in ("Łódź", "Müller", TOKYO):
        assert text in built.text
    assert TOKYO in [title for title, _ in built.outline()]


def test_next_steps_list_leadership_questions(pdfs: dict[str, Built]) -> None:
    flat = pdfs["full"].flat
    assert "Question for leadership" in flat
    # unanswered self-assessment items become questions
    assert "How will results feed back into planning, and how often?" in flat


def test_empty_session_still_builds(pdfs: dict[str, Built]) -> None:
    built = pdfs["empty"]
    assert "No workflows mapped yet." in built.flat
    assert "Untitled workshop" in built.pages[0]
    assert WORKFLOWS in [title for title, _ in built.outline()]


def test_other_template_builds_with_its_workflow(pdfs: dict[str, Built]) -> None:
    built = pdfs["finance"]
    names = [title for title, _ in built.outline()]
    workflow = load_template("finance").ordered_workflows()[0].name
    assert workflow in names
    assert "INTERNAL" in built.pages[1]


def test_progress_is_reported_per_section_and_workflow(pdfs: dict[str, Built]) -> None:
    calls = pdfs["full"].progress
    done = [d for d, _, _ in calls]
    assert done == sorted(done)
    total = calls[-1][1]
    assert calls[-1][0] == total and all(t == total for _, t, _ in calls)
    said = " ".join(what for _, _, what in calls)
    assert "Proposal to follow-up" in said and TOKYO in said and "next steps" in said


# -- stakeholder edition -------------------------------------------------------------------------
def test_stakeholder_edition_leaves_out_facilitation_and_confidential_material(
    pdfs: dict[str, Built],
) -> None:
    full, stakeholder = pdfs["full"].flat, pdfs["stakeholder"].flat
    for secret in (NOTE_LABEL, PARKED, WORKSHOP_NOTES, SECRET_CONTROL, SECRET_WORKFLOW, VAULT):
        assert secret in full, secret
        assert secret not in stakeholder, secret
    assert WITHHELD in stakeholder and WITHHELD not in full
    assert STAKEHOLDER_EDITION in stakeholder and STAKEHOLDER_EDITION not in full
    assert "Parking lot" not in stakeholder and "Workshop notes" not in stakeholder
    # what stakeholders need is still there
    assert TASK in stakeholder and "Supplier master" in stakeholder and "Anna Nowak" in stakeholder
    titles = [title for title, _ in pdfs["stakeholder"].outline()]
    assert TOKYO in titles and SECRET_WORKFLOW not in titles


# -- writing safely -------------------------------------------------------------------------------
def test_missing_folder_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "blueprint.pdf"
    with pytest.raises(FileNotFoundError) as caught:
        export_pdf(Session(), target)
    assert isinstance(caught.value, CannotWriteError)
    assert str(caught.value).startswith(f"cannot write {target}: ")
    assert "does not exist" in str(caught.value)
    assert not target.parent.exists()


def test_read_only_target_is_refused_and_left_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "blueprint.pdf"
    target.write_bytes(b"the previous blueprint")
    target.chmod(0o444)
    folder.chmod(0o555)
    try:
        with pytest.raises(PermissionError) as caught:
            export_pdf(load_template("sales"), target)
        assert str(caught.value).startswith(f"cannot write {target}: ")
        assert target.read_bytes() == b"the previous blueprint"
        assert sorted(p.name for p in folder.iterdir()) == ["blueprint.pdf"]
    finally:
        folder.chmod(0o755)
        target.chmod(0o644)
    # a read-only file in a writable folder is refused too ("open elsewhere")
    target.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only"):
        export_pdf(load_template("sales"), target)
    assert target.read_bytes() == b"the previous blueprint"
    target.chmod(0o644)


def test_failure_part_way_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "blueprint.pdf"

    def cancel(done: int, total: int, what: str) -> None:
        if what.startswith("Writing") and "Proposal" in what:
            raise KeyboardInterrupt("cancelled")

    with pytest.raises(KeyboardInterrupt):
        export_pdf(load_template("sales"), target, progress=cancel)
    assert list(tmp_path.iterdir()) == []


# -- the command line ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def session_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "workshop.opmodel"
    write_session_file(path, rich_session())
    return path


def test_cli_exports_the_blueprint(session_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "blueprint.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "cli", "export", str(session_file), "-o", str(target)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF")
    assert SECRET_WORKFLOW in " ".join(p.extract_text() for p in PdfReader(str(target)).pages)


def test_cli_stakeholder_flag(session_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "stakeholder.pdf"
    assert main(["export", str(session_file), "-o", str(target), "--stakeholder"]) == 0
    text = " ".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert STAKEHOLDER_EDITION in text and PARKED not in text
    # only meaningful for PDF
    assert main(["export", str(session_file), "-o", str(tmp_path / "x.json"), "--stakeholder"]) == 2
    assert "--stakeholder applies only to .pdf" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_cli_bad_path_exits_2_with_one_line(session_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "nowhere" / "blueprint.pdf"
    assert main(["export", str(session_file), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(target) in err
    readonly = tmp_path / "locked.pdf"
    readonly.write_bytes(b"keep")
    readonly.chmod(0o444)
    assert main(["export", str(session_file), "-o", str(readonly)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write" in err and "read-only" in err
    assert readonly.read_bytes() == b"keep"
    readonly.chmod(0o644)


# -- rendering ----------------------------------------------------------------------------------
def test_page_one_renders(pdfs: dict[str, Built], tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from PIL import Image

    prefix = tmp_path / "cover"
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile",
         str(pdfs["full"].path), str(prefix)],
        check=True, timeout=60,
    )  # fmt: skip
    image = Image.open(f"{prefix}.png").convert("L")
    width, height = image.size
    assert height > width  # portrait A4 cover
    histogram = image.histogram()
    dark = sum(histogram[:128]) / (width * height)
    assert 0.02 < dark < 0.5  # text and the accent band, not a blank page


# -- leadership questions -----------------------------------------------------------------------
def test_leadership_questions_one_per_kind_errors_first_then_assessment() -> None:
    session = Session()
    session.workflows["wf"] = Workflow("wf", "Claims")
    _add(session, "wf", "t", "trigger", "Claim in")
    _add(session, "wf", "a1", "ai_step", "Assess claim", task="t", input="i", output="o",
         decision_right="draft")  # fmt: skip
    _add(session, "wf", "a2", "ai_step", "Draft letter", task="t", input="i", output="o",
         decision_right="draft")  # fmt: skip
    _add(session, "wf", "o", "outcome", "Claim settled")
    for source, target in (("t", "a1"), ("a1", "a2"), ("a2", "o")):
        _link(session, "wf", source, target)
    session.workshop.assessment = {q: 4 for q in _all_keys()} | {"measurement.q1": 0}
    steps = leadership_questions(session, analyse(session))
    questions = [s.question for s in steps]
    data = [q for q in questions if q.startswith("Which data will feed")]
    assert data == [
        "Which data will feed AI steps “Assess claim” and “Draft letter”, and who owns it?"
    ]
    owners = [q for q in questions if q.startswith("Who owns")]
    assert len(owners) == 1 and "“Assess claim”" in owners[0]
    # errors (ROLE-1, DATA-1) before warnings (MEAS-1), assessment questions last
    kinds = [s.workflow_id for s in steps]
    assert kinds[-1] is None and steps[-1].component == "measurement"
    assert "Which metric will show" in questions[-1]
    assert questions.index(data[0]) < questions.index(
        next(q for q in questions if "improved “Claims”" in q)
    )
    assert len(questions) == len(set(questions))
    why = next(s.why for s in steps if s.question == data[0])
    assert why == "Claims: AI step without data (DATA-1, 2 findings)"


def _all_keys() -> list[str]:
    from model.assessment import QUESTIONS

    return [q.key for q in QUESTIONS]
