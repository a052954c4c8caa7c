"""The blueprint's Frameworks page and the references column of its findings tables, read
back from a real PDF (pypdf), with the page rendered by pdftoppm when it is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.pdf.blueprint import FRAMEWORKS, NEXT_STEPS, export_pdf
from model.analysis import analyse
from model.frameworks import CROSSWALK, DISCLAIMER, framework_of
from model.session import Session
from model.templates import load_template


def high_risk_sales() -> Session:
    """The sales template made high risk, with an untrained role and data without owner."""
    session = load_template("sales")
    session.workflows["wf-sales"].risk_tier = "high"
    session.elements["s-role-ae"].props.pop("ai_training")
    session.elements["s-data-crm"].props.pop("owner")
    return session


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("frameworks") / "sales.pdf"
    export_pdf(high_risk_sales(), path)
    reader = PdfReader(str(path))
    return path, [page.extract_text() for page in reader.pages]


def _frameworks_pages(pages: list[str]) -> list[int]:
    """0-based pages from the Frameworks heading up to the next section."""
    start = next(i for i, text in enumerate(pages) if "Component crosswalk" in text)
    end = next(i for i in range(start, len(pages)) if NEXT_STEPS in pages[i].splitlines()[:3])
    return list(range(start, end))


def test_frameworks_is_a_section_in_the_contents_and_bookmarks(
    built: tuple[Path, list[str]],
) -> None:
    path, pages = built
    reader = PdfReader(str(path))
    titles = {
        item.title: reader.get_destination_page_number(item) + 1
        for item in reader.outline
        if not isinstance(item, list)
    }
    assert FRAMEWORKS in titles
    assert titles[FRAMEWORKS] == _frameworks_pages(pages)[0] + 1
    assert titles[FRAMEWORKS] < titles[NEXT_STEPS]
    assert f"{FRAMEWORKS} " in _flat(pages[1])  # the contents page


def test_the_page_shows_the_crosswalk_and_the_disclaimer_once(
    built: tuple[Path, list[str]],
) -> None:
    _, pages = built
    page = _flat(" ".join(pages[i] for i in _frameworks_pages(pages)))
    for heading in ("NIST AI RMF", "ISO/IEC 42001", "EU AI Act", "Component crosswalk"):
        assert heading in page
    for row in CROSSWALK:
        for cell in (row.nist, row.iso, row.eu):
            assert _flat(cell) in page, cell
    assert "Regulation (EU) 2024/1689" in page and "NIST AI 100-1" in page
    whole = _flat(" ".join(pages))
    assert whole.count(_flat(DISCLAIMER)) == 1
    assert _flat(DISCLAIMER) in page


def test_the_page_lists_the_references_of_the_open_findings(
    built: tuple[Path, list[str]],
) -> None:
    _, pages = built
    page = _flat(" ".join(pages[i] for i in _frameworks_pages(pages)))
    findings = analyse(high_risk_sales()).findings
    rules = {f.rule for f in findings}
    assert {"DEC-5", "GOV-5", "GOV-7", "GOV-8", "ROLE-3", "DATA-4"} <= rules
    assert "MANAGE 2.4" in page and "DEC-5 ×3" in page  # three AI steps nobody can stop
    assert "Art. 27 GOV-5" in page
    assert "6.1.4 GOV-5" in page
    for finding in findings:
        for reference in finding.references:
            framework = framework_of(reference)
            assert framework is not None
            assert f"{framework} passage" in page
            assert reference.removeprefix(framework + " ") in page


def test_findings_tables_have_a_references_column(built: tuple[Path, list[str]]) -> None:
    _, pages = built
    whole = _flat(" ".join(pages))
    assert "Finding and what to do References" in whole
    assert "NIST AI RMF MANAGE 2.4 ISO/IEC 42001 A.9 EU AI Act Art. 14 EU AI Act Art. 26" in whole


def test_a_map_without_findings_says_so(tmp_path: Path) -> None:
    path = tmp_path / "clean.pdf"
    export_pdf(load_template("customer_support"), path)
    whole = _flat(" ".join(p.extract_text() for p in PdfReader(str(path)).pages))
    assert "No open findings: no framework passage to follow up." in whole
    assert "Component crosswalk" in whole


def test_the_frameworks_page_renders(built: tuple[Path, list[str]], tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from PIL import Image

    path, pages = built
    number = _frameworks_pages(pages)[0] + 1
    prefix = tmp_path / "frameworks"
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", str(number), "-l", str(number), "-singlefile",
         str(path), str(prefix)],
        check=True, timeout=60,
    )  # fmt: skip
    image = Image.open(f"{prefix}.png").convert("L")
    width, height = image.size
    assert height > width  # a portrait page
    # nothing is drawn in the outer margins: the tables fit the page width
    margin = int(width * 0.06)
    for x in list(range(margin)) + list(range(width - margin, width)):
        column = [image.getpixel((x, y)) for y in range(int(height * 0.1), int(height * 0.9))]
        assert min(column) > 200, f"ink at x={x}"
