"""Every script the blueprint promises renders with a shipped font, shaped and in order.

Each test exports a real PDF (``exports.pdf.blueprint.export_pdf``) and reads it back
with pypdf; ``pdffonts`` (poppler-utils) checks which fonts are embedded.

Shaped scripts do not round-trip character for character: HarfBuzz replaces Arabic
letters by their contextual forms (extracted as presentation forms, which NFKC folds
back) and Devanagari conjuncts or Thai stacked marks by glyphs without a character of
their own (reportlab maps those to private-use code points). So for shaped scripts the
test compares NFKC-normalised text with private-use characters and marks removed, and
requires most of the base letters of the label to be present, plus the script's font.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.pdf.blueprint import export_pdf
from model.limits import LABEL_MAX, NOTES_MAX, TEXT_MAX
from model.session import Element, Session, Workflow
from model.templates import load_template

#: script: (label, workflow description, font expected in pdffonts, shaped)
SCRIPTS: dict[str, tuple[str, str, str, bool]] = {
    "latin": ("Łódź Müller café", "Ein Ablauf für die Buchhaltung", "DejaVuSans", False),
    "greek": ("Ελληνικά γράμματα", "Περιγραφή της ροής", "DejaVuSans", False),
    "cyrillic": ("Привет мир", "Описание процесса", "DejaVuSans", False),
    "arabic": ("مرحبا بالعالم", "وصف سير العمل", "NotoSansArabic", True),
    "hebrew": ("שלום עולם", "תיאור התהליך", "NotoSansHebrew", True),
    "chinese": ("东京办公室", "工作流程描述", "DroidSansFallback", False),
    "japanese": ("こんにちはカタカナ", "ワークフローの説明", "DroidSansFallback", False),
    "korean": ("한국어 텍스트", "작업 흐름 설명", "NanumGothic", False),
    "devanagari": ("हिन्दी नमस्ते", "कार्यप्रवाह विवरण", "NotoSansDevanagari", True),
    "thai": ("ภาษาไทย สวัสดี", "คำอธิบายขั้นตอน", "NotoSansThai", True),
    "emoji": ("Launch 🚀 done ✅ 😀", "Ship it 🎉", "NotoEmoji", False),
}


def _session(label: str, description: str) -> Session:
    session = Session()
    session.workshop.title = "Scripts"
    session.workflows["wf"] = Workflow("wf", "Flow", description=description, seq=1)
    for n, kind in enumerate(("trigger", "ai_step", "outcome")):
        seq = session.next_seq("element")
        session.elements[f"e{n}"] = Element(
            f"e{n}", "wf", kind, label, x=260 * n, y=0, props={}, seq=seq
        )
    return session


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        c
        for c in text
        if not 0xE000 <= ord(c) <= 0xF8FF
        and not unicodedata.category(c).startswith("M")
        and not c.isspace()
    )


def _fonts(path: Path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) per font, from pdffonts."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = []
    for line in out.stdout.splitlines()[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object ID: 'emb' is the 5th field from the end.
        rows.append((parts[0], parts[-5]))
    return rows


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str, list[str]]]:
    folder = tmp_path_factory.mktemp("scripts")
    built = {}
    for script, (label, description, _font, _shaped) in SCRIPTS.items():
        path = folder / f"{script}.pdf"
        warnings = export_pdf(_session(label, description), path)
        text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
        built[script] = (path, text, warnings)
    return built


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_each_script_is_drawn_and_extracts(
    exported: dict[str, tuple[Path, str, list[str]]], script: str
) -> None:
    label, description, _font, shaped = SCRIPTS[script]
    _path, text, warnings = exported[script]
    assert warnings == []
    assert "□" not in text
    if script == "emoji":
        # reportlab writes a character beyond the BMP into the ToUnicode map as five hex
        # digits instead of a UTF-16 pair, so pypdf cannot extract 🚀 or 😀 (they are drawn:
        # the font test checks Noto Emoji is embedded). BMP emoji such as ✅ extract.
        assert "Launch" in text and "done ✅" in text and "Ship it" in text
        return
    if not shaped:
        assert label in text or label.replace(" ", "") in text.replace(" ", "")
        assert description in text
        return
    found = _normal(text)
    for wanted in (label, description):
        letters = [c for c in _normal(wanted)]
        present = sum(1 for c in letters if c in found)
        assert present >= 0.6 * len(letters), (wanted, present, len(letters))


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_each_script_uses_its_embedded_font(
    exported: dict[str, tuple[Path, str, list[str]]], script: str
) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed: cannot list embedded fonts")
    path = exported[script][0]
    fonts = _fonts(path)
    names = [name.split("+", 1)[-1] for name, _ in fonts]
    assert any(name.startswith(SCRIPTS[script][2]) for name in names), names
    # Every font the PDF names is embedded: pages start in the shipped sans font, so not even
    # reportlab's default Helvetica is declared.
    assert all(embedded == "yes" for _, embedded in fonts), fonts


def test_right_to_left_words_come_out_in_visual_order() -> None:
    from exports.pdf.fonts import base_direction, visual_order

    # "Invoice فاتورة رقم 12 approved": the Arabic words (and the number after them) are
    # reversed as a block inside the left-to-right line.
    directions = ["L", "N", "R", "N", "R", "N", "E", "N", "L"]
    order = visual_order(directions, "L")
    assert order == [0, 1, 6, 5, 4, 3, 2, 7, 8]
    assert base_direction("שלום world") == "R"
    assert visual_order(["R", "N", "R"], "R") == [2, 1, 0]


def test_unrenderable_character_shows_a_replacement_and_warns(tmp_path: Path) -> None:
    session = _session("Tuning 𝄞 check", "plain")
    path = tmp_path / "missing.pdf"
    warnings = export_pdf(session, path)
    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    assert "Tuning □ check" in text
    assert any("'e0'" in w and "Tuning" in w and "U+1D11E" in w for w in warnings), warnings


def _at_limit(spaces: bool, *, labels_only: bool = False) -> Session:
    def fill(n: int) -> str:
        base = "Reconcile ledger " if spaces else "Ab"
        return (base * (n // len(base) + 1))[:n]

    session = load_template("sales")
    for element in session.elements.values():
        element.label = fill(LABEL_MAX)
    for connection in session.connections.values():
        connection.label = fill(LABEL_MAX)
    for workflow in session.workflows.values():
        workflow.name = fill(LABEL_MAX)
    if labels_only:
        return session
    for element in session.elements.values():
        for key, value in list(element.props.items()):
            if isinstance(value, str):
                element.props[key] = fill(TEXT_MAX)
    for connection in session.connections.values():
        connection.label = fill(LABEL_MAX)
    for workflow in session.workflows.values():
        workflow.name = workflow.owner = fill(LABEL_MAX)
        workflow.description = fill(TEXT_MAX)
    workshop = session.workshop
    workshop.title = workshop.client = workshop.facilitator = fill(LABEL_MAX)
    workshop.notes = fill(NOTES_MAX)
    workshop.parking_lot = [fill(TEXT_MAX)] * 3
    return session


#: Every text at its limit (notes 50,000 characters): measured on the 2-core development
#: machine about 2-3 s with spaces, 4-7 s unbroken (reportlab hard-wraps the 24-character
#: pieces of unbroken text in narrow cells). Budgets leave room for a loaded CI machine;
#: the 3 s bound of issue 9 (labels at the limit) is the test below.
@pytest.mark.parametrize(("spaces", "budget"), [(True, 6.0), (False, 10.0)])
def test_blueprint_at_the_text_limits_exports_quickly(
    tmp_path: Path, spaces: bool, budget: float
) -> None:
    session = _at_limit(spaces)
    start = time.perf_counter()
    export_pdf(session, tmp_path / "limit.pdf")
    assert time.perf_counter() - start < budget


@pytest.mark.parametrize("spaces", [True, False], ids=["words", "unbroken"])
def test_blueprint_whose_labels_are_all_at_the_limit_exports_within_3_s(
    tmp_path: Path, spaces: bool
) -> None:
    """Issue 9's bound: every element and connection label and workflow name at the limit."""
    session = _at_limit(spaces, labels_only=True)
    start = time.perf_counter()
    export_pdf(session, tmp_path / "labels.pdf")
    assert time.perf_counter() - start < 3.0


def test_over_limit_label_does_not_hang(tmp_path: Path) -> None:
    session = _session("x" * 100_000, "y" * 100_000)
    start = time.perf_counter()
    export_pdf(session, tmp_path / "huge.pdf")
    assert time.perf_counter() - start < 10.0


def test_cli_export_warns_naming_the_element_and_succeeds(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from exports.json_export import export_json

    source = tmp_path / "in.json"
    export_json(_session("Tuning 𝄞 check", "plain"), source)
    session_file = tmp_path / "s.opmodel"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parent.parent
    run = [sys.executable, "-m", "cli"]
    subprocess.run([*run, "import", str(source), "-o", str(session_file)], cwd=root, env=env)
    done = subprocess.run(
        [*run, "export", str(session_file), "-o", str(tmp_path / "out.pdf")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    warnings = done.stderr.strip().splitlines()
    assert warnings and all(w.startswith("opmodel: warning: ") for w in warnings)
    assert any("element 'e0'" in w and "U+1D11E" in w for w in warnings)
    assert (tmp_path / "out.pdf").exists()
