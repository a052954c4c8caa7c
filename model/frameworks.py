"""How the operating model relates to NIST AI RMF, ISO/IEC 42001 and the EU AI Act.

The contract is ``docs/domain-spec.md`` (the frameworks part, interchange version 2): the
references of every analysis rule, in exactly the spec's strings, and the component
crosswalk shown on the blueprint's Frameworks page. A reference relates a finding to a
framework passage; it is not a compliance verdict and not legal advice (:data:`DISCLAIMER`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Framework:
    """One public framework: its name (which starts each of its references) and source."""

    name: str
    source: str


FRAMEWORKS: tuple[Framework, ...] = (
    Framework("NIST AI RMF", "NIST AI Risk Management Framework 1.0 (NIST AI 100-1)"),
    Framework("ISO/IEC 42001", "ISO/IEC 42001:2023, AI management systems"),
    Framework("EU AI Act", "EU Artificial Intelligence Act, Regulation (EU) 2024/1689"),
)
FRAMEWORK_NAMES: tuple[str, ...] = tuple(f.name for f in FRAMEWORKS)

#: The one sentence said wherever references are listed for a reader.
DISCLAIMER = (
    "These references relate findings to framework passages; they are neither a compliance "
    "verdict nor legal advice."
)

_NIST = "NIST AI RMF "
_ISO = "ISO/IEC 42001 "
_EU = "EU AI Act "


def _refs(*items: str) -> tuple[str, ...]:
    return items


#: Every rule's references, in the spec's order and exact form.
RULE_REFERENCES: dict[str, tuple[str, ...]] = {
    "ARCH-1": _refs(_NIST + "MAP 1.1", _ISO + "A.6"),
    "ARCH-2": (),
    "ARCH-3": (),
    "ROLE-1": _refs(_NIST + "GOVERN 2.1", _ISO + "5.3", _ISO + "A.3", _EU + "Art. 26"),
    "ROLE-2": _refs(_NIST + "GOVERN 2.2", _ISO + "7.2"),
    "ROLE-3": _refs(_NIST + "GOVERN 2.2", _ISO + "7.2", _EU + "Art. 4", _EU + "Art. 26"),
    "DATA-1": _refs(_NIST + "MAP 2.3", _ISO + "A.7"),
    "DATA-2": _refs(_ISO + "A.7", _EU + "Art. 10"),
    "DATA-3": _refs(_NIST + "MEASURE 2.10", _ISO + "A.7"),
    "DATA-4": _refs(_ISO + "A.7", _EU + "Art. 10"),
    "DEC-1": _refs(_NIST + "MAP 3.5", _ISO + "A.9"),
    "DEC-2": _refs(_NIST + "MAP 3.5", _ISO + "A.9", _EU + "Art. 14"),
    "DEC-3": _refs(_NIST + "MAP 3.5", _ISO + "A.9", _EU + "Art. 14"),
    "DEC-4": _refs(_NIST + "MAP 3.5", _ISO + "A.9", _EU + "Art. 14"),
    "DEC-5": _refs(_NIST + "MANAGE 2.4", _ISO + "A.9", _EU + "Art. 14", _EU + "Art. 26"),
    "QA-1": _refs(_NIST + "MEASURE 2.5", _ISO + "A.6"),
    "QA-2": _refs(_NIST + "MEASURE 2.5", _ISO + "A.6"),
    "GOV-1": _refs(_NIST + "GOVERN 1.6", _ISO + "A.4"),
    "GOV-2": _refs(_ISO + "A.6", _EU + "Art. 12", _EU + "Art. 26"),
    "GOV-3": _refs(_EU + "Art. 5"),
    "GOV-4": _refs(_ISO + "A.8", _EU + "Art. 50"),
    "GOV-5": _refs(_NIST + "MAP 5", _ISO + "6.1.4", _ISO + "A.5", _EU + "Art. 27"),
    "GOV-6": _refs(_NIST + "GOVERN 6", _ISO + "A.10"),
    "GOV-7": _refs(_ISO + "A.6", _EU + "Art. 12", _EU + "Art. 26"),
    "GOV-8": _refs(_NIST + "MANAGE 4.3", _ISO + "A.8", _EU + "Art. 26"),
    "MEAS-1": _refs(_NIST + "MEASURE 1.1", _ISO + "9.1"),
    "MEAS-2": _refs(_NIST + "MEASURE 1.1", _ISO + "9.1"),
    "MEAS-3": _refs(_NIST + "MEASURE 1.1", _ISO + "9.1"),
    "MEAS-4": _refs(_NIST + "MANAGE 4.1", _ISO + "A.6"),
}


@dataclass(frozen=True)
class CrosswalkRow:
    """One component and the framework passages it relates to (as the spec writes them)."""

    component: str
    nist: str
    iso: str
    eu: str


#: The component crosswalk, in component order.
CROSSWALK: tuple[CrosswalkRow, ...] = (
    CrosswalkRow(
        "workflow_architecture",
        "MAP 1.1; GOVERN 1.6",
        "4.3; A.6; A.9",
        "Art. 6 and Annex III; Art. 50",
    ),
    CrosswalkRow("role_design", "GOVERN 2.1, 2.2", "5.3; 7.2; A.3", "Art. 4; Art. 26"),
    CrosswalkRow("data_context", "MAP 2.3; MEASURE 2.10", "A.7", "Art. 10"),
    CrosswalkRow("decision_rights", "MAP 3.5; MANAGE 2.4", "A.9", "Art. 14; Art. 26"),
    CrosswalkRow("quality_assurance", "MEASURE 2.5", "A.6", "Art. 14; Art. 15"),
    CrosswalkRow(
        "governance",
        "GOVERN 1, 6; MANAGE 4.3",
        "5.2; 6.1.4; A.2; A.5; A.8; A.10",
        "Art. 5; Art. 12; Art. 26; Art. 27",
    ),
    CrosswalkRow("measurement", "MEASURE 1.1, 2.4; MANAGE 4.1", "9.1; A.6", "Art. 26"),
)


def framework_of(reference: str) -> str | None:
    """The name of the framework ``reference`` belongs to, or None for another text."""
    for framework in FRAMEWORKS:
        if reference.startswith(framework.name + " "):
            return framework.name
    return None


def cites(references: tuple[str, ...] | list[str], framework: str) -> bool:
    """True when one of ``references`` belongs to ``framework`` (a :data:`FRAMEWORK_NAMES`)."""
    return any(framework_of(r) == framework for r in references)


#: NIST AI RMF's functions in the framework's own order.
_WORD_ORDER = {"GOVERN": 0, "MAP": 1, "MEASURE": 2, "MANAGE": 3}


def reference_sort_key(reference: str) -> tuple[int, tuple[tuple[int, int, str], ...]]:
    """Frameworks in :data:`FRAMEWORKS` order, then passages in natural order: NIST's
    functions as the framework orders them, ISO clauses before Annex A, numbers as numbers
    (``Art. 5`` before ``Art. 12``, ``A.6`` before ``A.10``)."""
    name = framework_of(reference)
    rank = FRAMEWORK_NAMES.index(name) if name else len(FRAMEWORKS)
    passage = reference[len(name) + 1 :] if name else reference
    parts: list[tuple[int, int, str]] = []
    for token in passage.replace(".", " ").replace("(", " ").replace(")", " ").split():
        if token.isdigit():
            parts.append((0, int(token), ""))
        else:
            parts.append((1, _WORD_ORDER.get(token, len(_WORD_ORDER)), token))
    return rank, tuple(parts)
