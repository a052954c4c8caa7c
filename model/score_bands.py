"""How a component score is shown: its band, colours, symbol and word.

One table for the app's score strip, ``opmodel check`` and the PDF blueprint, so the three
agree, and colour is never the only cue. Pure data, no imports: the app's start-up loads it
without the analysis package.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The highest score of a component that has an error finding.
ERROR_CAP = 49
#: Lowest score of the "good" and the "partial" bands.
GOOD_FROM = 80
PARTIAL_FROM = 50


@dataclass(frozen=True)
class ScoreBand:
    """How a score is shown: colours, a symbol and a word, so colour is never the only cue."""

    id: str
    #: Tile / bar background and the text on it.
    background: str
    foreground: str
    #: A symbol that reads without colour (and its plain-ASCII fallback for terminals).
    symbol: str
    ascii_symbol: str
    #: A word or two for the tile, the table and screen readers.
    word: str


GOOD = ScoreBand("good", "#15803D", "#FFFFFF", "✓", "+", "good")
PARTIAL = ScoreBand("partial", "#B45309", "#FFFFFF", "▲", "~", "gaps")
WEAK = ScoreBand("weak", "#B91C1C", "#FFFFFF", "✕", "!", "weak")
ERRORS = ScoreBand("errors", "#B91C1C", "#FFFFFF", "✕", "!", "errors")
NOT_MAPPED = ScoreBand("not_mapped", "#E5E7EB", "#374151", "–", "-", "not yet mapped")
#: Every band, best first.
BANDS: tuple[ScoreBand, ...] = (GOOD, PARTIAL, WEAK, ERRORS, NOT_MAPPED)


def score_band(score: int | None, *, has_errors: bool = False) -> ScoreBand:
    """The band of ``score``: good ≥ 80, partial ≥ 50, weak below; "errors" when the
    component has an error finding (its score is then at most 49); not mapped for None."""
    if score is None:
        return NOT_MAPPED
    if has_errors:
        return ERRORS
    if score >= GOOD_FROM:
        return GOOD
    if score >= PARTIAL_FROM:
        return PARTIAL
    return WEAK


def describe_score(score: int | None, *, has_errors: bool = False) -> str:
    """One plain sentence part, e.g. "33 of 100, has errors" or "not yet mapped"."""
    band = score_band(score, has_errors=has_errors)
    if band is NOT_MAPPED:
        return "not yet mapped: nothing to check"
    suffix = {"good": "good", "partial": "has gaps", "weak": "weak", "errors": "has errors"}
    return f"{score} of 100, {suffix[band.id]}"
