"""Fonts for the PDF: every script drawn with a shipped font, shaped and in visual order.

``resources/fonts`` holds DejaVu Sans (Latin, Greek, Cyrillic, symbols) and, for what it
lacks, Noto Sans Arabic, Hebrew, Devanagari and Thai, Nanum Gothic (Hangul), Droid Sans
Fallback (Chinese, Japanese) and the monochrome Noto Emoji (see ``resources/fonts/README.md``).
All are embedded (subset) in every PDF, so names render on any machine.

reportlab has no automatic font fallback, so text is split into runs by which font has the
glyph (:func:`font_runs`): a run of Arabic is drawn with the Arabic font and so on.

* Complex scripts (Arabic, Hebrew, Devanagari, Thai, combining marks) are shaped with
  HarfBuzz (``uharfbuzz``) through reportlab's own shaping (``ShapedStr``).
* Right-to-left text is put in visual order word by word (a compact form of the Unicode
  bidirectional algorithm: :func:`visual_order`), both on the canvas drawing
  (:func:`draw_text`) and in paragraphs (:class:`Paragraph`, reordered line by line).
* A character no shipped font has is drawn as :data:`REPLACEMENT` (a visible □), and
  :func:`missing_characters` tells which, so the export can warn about the element.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph as _RLParagraph

from resources import RESOURCES_DIR

FONT = "OpModelSans"
FONT_BOLD = "OpModelSans-Bold"
FONT_FALLBACK = "OpModelFallback"
FONT_ARABIC = "OpModelArabic"
FONT_HEBREW = "OpModelHebrew"
FONT_DEVANAGARI = "OpModelDevanagari"
FONT_THAI = "OpModelThai"
FONT_HANGUL = "OpModelHangul"
FONT_EMOJI = "OpModelEmoji"
_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_FALLBACK: "DroidSansFallbackFull.ttf",
    FONT_ARABIC: "NotoSansArabic-Subset.ttf",
    FONT_HEBREW: "NotoSansHebrew-Subset.ttf",
    FONT_DEVANAGARI: "NotoSansDevanagari-Subset.ttf",
    FONT_THAI: "NotoSansThai-Subset.ttf",
    FONT_HANGUL: "NanumGothic-Hangul.ttf",
    FONT_EMOJI: "NotoEmoji-Mono.ttf",
}

#: Drawn for a character that no shipped font has (DejaVu Sans has it).
REPLACEMENT = "□"

#: Scripts drawn with their own font even where DejaVu Sans has a glyph (it has basic
#: Arabic and Hebrew, but the Noto faces shape them properly).
_SCRIPT_FONTS: list[tuple[int, int, str]] = [
    (0x0590, 0x05FF, FONT_HEBREW),
    (0xFB1D, 0xFB4F, FONT_HEBREW),
    (0x0600, 0x06FF, FONT_ARABIC),
    (0x0750, 0x077F, FONT_ARABIC),
    (0x08A0, 0x08FF, FONT_ARABIC),
    (0xFB50, 0xFDFF, FONT_ARABIC),
    (0xFE70, 0xFEFF, FONT_ARABIC),
    (0x0900, 0x097F, FONT_DEVANAGARI),
    (0xA8E0, 0xA8FF, FONT_DEVANAGARI),
    (0x0E00, 0x0E7F, FONT_THAI),
    (0x1100, 0x11FF, FONT_HANGUL),
    (0x3130, 0x318F, FONT_HANGUL),
    (0xAC00, 0xD7FF, FONT_HANGUL),
]
#: Emoji are drawn with Noto Emoji before DejaVu's few emoji-like symbols.
_EMOJI_FIRST = [(0x1F000, 0x1FAFF)]
#: Where to look, in order, after the text's own font.
_CHAIN = (FONT_FALLBACK, FONT_HANGUL, FONT_EMOJI, FONT_ARABIC, FONT_HEBREW, FONT_DEVANAGARI,
          FONT_THAI, FONT)  # fmt: skip
#: Fonts whose runs go through HarfBuzz.
_SHAPED_FONTS = frozenset({FONT_ARABIC, FONT_HEBREW, FONT_DEVANAGARI, FONT_THAI})
_RTL_CLASSES = frozenset({"R", "AL"})
_BREAK = "\u200b"  # zero-width space: reportlab breaks lines there
_TOKENS = re.compile(r"\s+|\S+")


@cache
def register_fonts() -> None:
    """Register the shipped fonts with reportlab (once per process)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(RESOURCES_DIR / "fonts" / filename)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)
    _install_shaping()


def shaping_available() -> bool:
    """True when HarfBuzz (``uharfbuzz``) is installed, so complex scripts can be shaped."""
    from reportlab.pdfbase import ttfonts

    return ttfonts.uharfbuzz is not None


@cache
def _covered(font_name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    face = pdfmetrics.getFont(font_name).face
    # Private-use code points are what reportlab gives shaped glyphs without a character.
    return frozenset(c for c in face.charToGlyph if not 0xE000 <= c <= 0xF8FF)


def has_glyph(font_name: str, char: str) -> bool:
    """True when ``font_name`` can draw ``char``."""
    return ord(char) in _covered(font_name)


def _ignorable(char: str) -> bool:
    """Joiners, variation selectors, direction marks and tags: dropped when no font has them."""
    code = ord(char)
    return (
        unicodedata.category(char) == "Cf"
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
    )


@lru_cache(maxsize=65536)
def _font_for(char: str, base: str, previous: str | None) -> str | None:
    """The font that draws ``char``, or None when no shipped font has it."""
    code = ord(char)
    if (
        previous is not None
        and (unicodedata.category(char)[0] == "M" or _ignorable(char))
        and has_glyph(previous, char)
    ):
        return previous  # a mark or joiner stays with the letter it belongs to
    for low, high, font in _SCRIPT_FONTS:
        if low <= code <= high:
            if has_glyph(font, char):
                return font
            break
    for low, high in _EMOJI_FIRST:
        if low <= code <= high and has_glyph(FONT_EMOJI, char):
            return FONT_EMOJI
    if has_glyph(base, char):
        return base
    for font in _CHAIN:
        if has_glyph(font, char):
            return font
    return None


def _runs(text: str, font_name: str) -> list[tuple[str, str]]:
    runs: list[tuple[str, str]] = []
    previous: str | None = None
    for char in text:
        if char.isspace() or char == _BREAK:
            font = font_name  # a fallback font's space may be wide (Noto Emoji's is)
        elif (
            previous is not None
            and previous != font_name
            and not char.isalpha()
            and unicodedata.category(char)[0] in "PZ"
            and has_glyph(previous, char)
        ):
            # Spaces and punctuation stay in the run they are in (one shaped word).
            font = previous or font_name
        else:
            found = _font_for(char, font_name, previous)
            if found is None:
                if _ignorable(char):
                    continue
                char, found = REPLACEMENT, font_name
            font = found
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
        previous = font
    return runs


@lru_cache(maxsize=4096)
def _cached_runs(text: str, font_name: str) -> tuple[tuple[str, str], ...]:
    return tuple(_runs(text, font_name))


def font_runs(text: str, font_name: str = FONT) -> list[tuple[str, str]]:
    """Split ``text`` into (font, substring) runs: ``font_name`` where it has the glyph,
    a fallback font elsewhere, :data:`REPLACEMENT` where no font has it (logical order)."""
    if len(text) <= 400:
        return list(_cached_runs(text, font_name))
    return _runs(text, font_name)


def missing_characters(text: str, font_name: str = FONT) -> list[str]:
    """The characters of ``text`` no shipped font can draw (each once, in order)."""
    found: list[str] = []
    for char in dict.fromkeys(text):
        if char.isspace() or _ignorable(char):
            continue
        if _font_for(char, font_name, None) is None and char not in found:
            found.append(char)
    return found


def needs_shaping(text: str) -> bool:
    """True when ``text`` has a character of a complex or right-to-left script."""
    for char in text:
        code = ord(char)
        if 0x0590 <= code <= 0x0E7F or 0xFB1D <= code <= 0xFEFF or 0xA8E0 <= code <= 0xA8FF:
            return True
    return False


def _direction(token: str) -> str:
    """'R', 'L', 'E' (a number) or 'N' (neutral): the first strong direction in ``token``."""
    number = False
    for char in token:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES:
            return "R"
        if kind == "L" and not 0xE000 <= ord(char) <= 0xF8FF:
            return "L"
        number = number or kind in ("EN", "AN")
    return "E" if number else "N"


def base_direction(text: str) -> str:
    """The paragraph direction (rule P2 of the bidi algorithm): 'R' or 'L'."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES:
            return "R"
        if kind == "L":
            return "L"
    return "L"


def visual_order(directions: list[str], base: str) -> list[int]:
    """Indices of tokens (words and spaces) in visual order, given each token's direction.

    Word-level bidi: neutrals between two tokens of the same direction take it, others the
    paragraph's; levels are 0/1 (left-to-right paragraph) or 1/2 (right-to-left), and runs
    are reversed from the highest level down (rule L2).
    """
    count = len(directions)
    resolved = list(directions)
    strong = base
    for k, direction in enumerate(resolved):  # a number after right-to-left text joins it
        if direction == "E":
            resolved[k] = "R" if strong == "R" else "N"
        elif direction in ("L", "R"):
            strong = direction
    index = 0
    while index < count:
        if resolved[index] != "N":
            index += 1
            continue
        end = index
        while end < count and resolved[end] == "N":
            end += 1
        before = resolved[index - 1] if index > 0 else base
        after = resolved[end] if end < count else base
        fill = before if before == after else base
        for k in range(index, end):
            resolved[k] = fill
        index = end
    if base == "L":
        levels = [1 if d == "R" else 0 for d in resolved]
    else:
        levels = [1 if d == "R" else 2 for d in resolved]
    order = list(range(count))
    for level in range(max(levels, default=0), 0, -1):
        k = 0
        while k < count:
            if levels[order[k]] >= level:
                end = k
                while end < count and levels[order[end]] >= level:
                    end += 1
                order[k:end] = reversed(order[k:end])
                k = end
            else:
                k += 1
    return order


@lru_cache(maxsize=8192)
def _shaped(text: str, font: str):  # type: ignore[no-untyped-def]
    """``text`` shaped with HarfBuzz (a reportlab ShapedStr, glyphs in visual order)."""
    from reportlab.pdfbase.ttfonts import shapeStr

    return shapeStr(text, font, 10)


def visual_runs(text: str, font_name: str = FONT, base: str | None = None) -> list[tuple[str, str]]:
    """(font, text) pieces of one line in drawing order, complex runs shaped."""
    tokens = _TOKENS.findall(text)
    if not tokens:
        return []
    if not any(_direction(t) == "R" for t in tokens):
        pieces = [(font, part) for font, part in font_runs(text, font_name)]
    else:
        order = visual_order([_direction(t) for t in tokens], base or base_direction(text))
        pieces = []
        for i in order:
            runs = font_runs(tokens[i], font_name)
            if _direction(tokens[i]) == "R":
                runs.reverse()
            pieces += runs
    if not shaping_available():
        return pieces
    return [(f, _shaped(p, f) if f in _SHAPED_FONTS and not p.isspace() else p) for f, p in pieces]


def _piece_width(part: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    shape_data = getattr(part, "__shapeData__", None)
    if shape_data is not None:
        return sum(d.x_advance for d in shape_data) * size / 1000
    return stringWidth(part, font, size)


def string_width(text: str, size: float, font_name: str = FONT) -> float:
    """Width in points of ``text`` drawn with fallback runs (shaped where needed)."""
    if needs_shaping(text):
        return sum(_piece_width(p, f, size) for f, p in visual_runs(text, font_name))
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(part, font, size) for font, part in font_runs(text, font_name))


def draw_text(canvas, x: float, y: float, text: str, size: float, font_name: str = FONT) -> None:  # type: ignore[no-untyped-def]
    """Draw one line of ``text`` at (x, y): fonts switched, shaped, right-to-left reordered."""
    for font, part in visual_runs(text, font_name):
        canvas.setFont(font, size)
        canvas.drawString(x, y, part)
        x += _piece_width(part, font, size)


#: Longest text a paragraph shows; the rest is cut with an ellipsis (the session limits
#: keep real text far shorter: ``model.limits.NOTES_MAX``).
MARKUP_MAX = 60_000
#: A word longer than this is cut into pieces of LONG_WORD_CHUNK characters that wrap like
#: words (hard-wrapped; a space shows where two pieces share a line): reportlab's own
#: splitting of long words measures every prefix and takes seconds on such text.
LONG_WORD = 80
LONG_WORD_CHUNK = 24
_LONG_WORD = re.compile(r"\S{" + str(LONG_WORD + 1) + ",}")


def _break_long_words(text: str) -> str:
    def chunked(match: re.Match[str]) -> str:
        word = match.group()
        return " ".join(word[i : i + LONG_WORD_CHUNK] for i in range(0, len(word), LONG_WORD_CHUNK))

    return _LONG_WORD.sub(chunked, text)


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def markup(text: str, font_name: str = FONT) -> str:
    """``text`` escaped for a reportlab Paragraph, with fallback-font tags where needed.

    Use :class:`Paragraph` (this module's) for the markup, so that complex scripts are
    shaped and right-to-left lines are put in visual order. Very long words get break
    opportunities (they are hard-wrapped), and text beyond :data:`MARKUP_MAX` characters
    is cut with an ellipsis.
    """
    text = _break_long_words(clip(text, MARKUP_MAX))
    parts = []
    for font, part in font_runs(text, font_name):
        escaped = escape(part).replace("\n", "<br/>")
        parts.append(escaped if font == font_name else f'<font name="{font}">{escaped}</font>')
    return "".join(parts)


# -- paragraphs ------------------------------------------------------------------------------


def _install_shaping() -> None:
    """Make reportlab's paragraph shaping shape each font run of a word with its own font.

    reportlab shapes a word with the HarfBuzz face of its first font, which turns the
    characters of any other font in the same word (a Latin bracket around Arabic, say) into
    blank glyphs. Words of a single font that needs no shaping are left as they are.
    """
    from reportlab.platypus import paragraph

    original = getattr(paragraph.shapeFragWord, "__wrapped__", paragraph.shapeFragWord)

    def shape_frag_word(word, *args, **kwargs):  # type: ignore[no-untyped-def]
        from reportlab.pdfbase.ttfonts import ShapedFragWord, makeShapedFragWord

        if isinstance(word, ShapedFragWord):
            return word
        pieces = word[1:]
        if not any(
            getattr(f, "fontName", None) in _SHAPED_FONTS and needs_shaping(s) for f, s in pieces
        ):
            return word
        groups: list[list] = []
        for piece in pieces:
            f = piece[0]
            if groups and not hasattr(f, "cbDefn") and _same_font(groups[-1][-1][0], f):
                groups[-1].append(piece)
            else:
                groups.append([piece])
        if len(groups) == 1:
            return original(word, *args, **kwargs)
        total = 0.0
        parts: list = []
        for group in groups:
            f = group[0][0]
            if hasattr(f, "cbDefn") or f.fontName not in _SHAPED_FONTS:
                from reportlab.pdfbase.pdfmetrics import stringWidth

                total += sum(
                    stringWidth(s, g.fontName, g.fontSize)
                    for g, s in group
                    if not hasattr(g, "cbDefn")
                )
                parts += group
                continue
            sub = [0.0, *group]
            shaped = original(sub, *args, **kwargs)
            if shaped is sub:
                from reportlab.pdfbase.pdfmetrics import stringWidth

                total += sum(stringWidth(s, g.fontName, g.fontSize) for g, s in group)
                parts += group
            else:
                total += shaped[0]
                parts += shaped[1:]
        return makeShapedFragWord(word)([total, *parts])

    shape_frag_word.__wrapped__ = original  # type: ignore[attr-defined]
    paragraph.shapeFragWord = shape_frag_word


def _same_font(a, b) -> bool:  # type: ignore[no-untyped-def]
    return (
        not hasattr(a, "cbDefn")
        and getattr(a, "fontName", None) == getattr(b, "fontName", None)
        and getattr(a, "fontSize", None) == getattr(b, "fontSize", None)
    )


class Paragraph(_RLParagraph):
    """A reportlab Paragraph that shapes complex scripts and draws right-to-left text in
    visual order, line by line (the words of each laid-out line are reordered when drawn,
    so splitting across pages still works on the logical order)."""

    def __init__(self, text: str | None, style=None, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if text is None:  # a part of a split paragraph, made from its fragments
            source = "".join(str(getattr(f, "text", "")) for f in kwargs.get("frags") or ())
        else:
            source = text
        self._complex = needs_shaping(source)
        if self._complex and style is not None and shaping_available():
            register_fonts()
            style = style.clone(f"{style.name}-shaped", shaping=1)
        super().__init__(text, style, *args, **kwargs)
        self._rtl = self._complex and any(
            unicodedata.bidirectional(c) in _RTL_CLASSES for c in source
        )
        self._base = base_direction(_plain(source)) if self._rtl else "L"

    def drawPara(self, debug: int = 0) -> None:
        if not self._rtl or getattr(self.blPara, "kind", 0) != 1:
            super().drawPara(debug)
            return
        original = self.blPara
        lines = [_reordered_line(line, self._base) for line in original.lines]
        self.blPara = original.clone(lines=lines)
        try:
            super().drawPara(debug)
        finally:
            self.blPara = original


def _plain(markup_text: str) -> str:
    return re.sub(r"<[^>]*>", "", markup_text)


def _reordered_line(line, base: str):  # type: ignore[no-untyped-def]
    """A copy of one laid-out line with its words in visual order."""
    words = line.words
    pieces: list = []
    for frag in words:
        text = getattr(frag, "text", None)
        if not text or hasattr(frag, "cbDefn") or getattr(frag, "_fkind", 0) != 0:
            pieces.append((frag, "N"))
            continue
        position = 0
        for match in _TOKENS.finditer(str(text)):
            start, end = match.span()
            piece = frag.clone()
            piece.text = text[start:end]
            pieces.append((piece, "N" if match.group().isspace() else _direction(piece.text)))
            position = end
        del position
    if not any(d == "R" for _, d in pieces):
        return line
    order = visual_order([d for _, d in pieces], base)
    return line.clone(words=[pieces[i][0] for i in order])


def plain_texts(values: Iterable[object]) -> list[str]:
    """The strings among ``values`` (and inside lists of them)."""
    found: list[str] = []
    for value in values:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list | tuple):
            found += plain_texts(value)
        elif isinstance(value, dict):
            found += plain_texts(value.values())
    return found
