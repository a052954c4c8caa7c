"""Fitting a label into an element box: the one word-wrap rule for canvas, PNG/SVG and PDF.

Measuring text is the renderer's business (Qt font metrics on screen, reportlab widths in
the PDF), so the functions take a ``measure(text) -> width`` callable and, for the last
line, an ``elide(text, width) -> text`` callable.
"""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str], float]
Elide = Callable[[str, float], str]


def wrap_paragraphs(
    text: str, width: float, max_lines: int, measure: Measure, elide: Elide
) -> list[str]:
    """:func:`wrap_label` paragraph by paragraph (an empty paragraph keeps an empty line),
    in at most ``max_lines`` lines in all: the rule a slide's text follows on screen, in PNGs
    and in the PDF handout."""
    lines: list[str] = []
    room = max_lines
    for paragraph in text.splitlines() or [""]:
        if room <= 0:
            break
        part = wrap_label(paragraph, width, room, measure, elide)
        lines += part or [""]
        room -= max(1, len(part))
    return lines


def wrap_label(
    text: str, width: float, max_lines: int, measure: Measure, elide: Elide
) -> list[str]:
    """Greedy word wrap into at most ``max_lines`` lines of ``width``; elide what is left.

    Words too long for a line are broken; when the label does not fit, the last line ends
    in an ellipsis.
    """
    words = text.split()
    if not words or max_lines < 1:
        return []
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while len(current) > 1 and measure(current) > width:
            cut = fitting_prefix(current, width, measure)
            lines.append(current[:cut])
            current = current[cut:]
    lines.append(current)
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], rest]
    if measure(lines[-1]) > width:
        lines[-1] = elide(lines[-1], width)
    return lines


def fitting_prefix(word: str, width: float, measure: Measure) -> int:
    """How many leading characters of ``word`` fit in ``width`` (at least one)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low
